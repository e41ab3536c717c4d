#include "econ/discount.hpp"

#include <cmath>
#include <stdexcept>

namespace hemsim {

double discount_factor(double rate, int year, int base_year) {
    return std::pow(1.0 + rate, -static_cast<double>(year - base_year));
}

std::vector<double> discount_factors(double rate, const std::vector<int>& years, int base_year) {
    std::vector<double> f;
    f.reserve(years.size());
    for (int y : years) f.push_back(discount_factor(rate, y, base_year));
    return f;
}

double present_value(const std::vector<double>& flows, const std::vector<int>& years, double rate,
                     int base_year) {
    if (flows.size() != years.size())
        throw std::invalid_argument("present_value: " + std::to_string(flows.size()) + " flows but " +
                                    std::to_string(years.size()) + " years");
    double pv = 0;
    for (std::size_t i = 0; i < flows.size(); ++i)
        pv += flows[i] * discount_factor(rate, years[i], base_year);
    return pv;
}

}  // namespace hemsim
