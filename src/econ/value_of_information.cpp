// EVPI and EVPPI losses (value_of_information.hpp). The regression is Eigen's
// column-pivoting Householder QR on the inputs standardised to mean 0, sd 1
// (so that the cubic's columns are not ill-conditioned at prices of 10^4 kr).
#include "econ/value_of_information.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>

namespace hemsim {

namespace {

double mean_of(const std::vector<double>& xs) {
    return xs.empty() ? 0.0 : std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
}

// An input standardised, with the highest power worth fitting (0: constant).
struct column_source {
    std::vector<double> z;
    std::size_t degree = 0;
};

column_source standardised(const std::vector<double>& x) {
    column_source c;
    const std::set<double> distinct(x.begin(), x.end());
    c.degree = std::min<std::size_t>(3, distinct.empty() ? 0 : distinct.size() - 1);
    if (c.degree == 0) return c;
    const double m = mean_of(x);
    double ss = 0;
    for (double v : x) ss += (v - m) * (v - m);
    const double sd = std::sqrt(ss / static_cast<double>(x.size()));
    c.z.resize(x.size());
    for (std::size_t r = 0; r < x.size(); ++r) c.z[r] = (x[r] - m) / sd;
    return c;
}

}  // namespace

std::vector<double> decision_losses(double mean_diff, const std::vector<double>& known) {
    // min(0, mean) - min(0, g_r) averages to the mean of max(0, g_r) when the
    // alternative is chosen now (mean < 0), and of max(0, -g_r) when the
    // nollalternativ is, since g averages to the mean (d itself, or a least-squares
    // fit with an intercept): the same expectation, without the cancellation,
    // and each replication's loss >= 0.
    std::vector<double> out(known.size());
    for (std::size_t r = 0; r < known.size(); ++r)
        out[r] = mean_diff < 0 ? std::max(0.0, known[r]) : std::max(0.0, -known[r]);
    return out;
}

std::vector<double> perfect_losses(const std::vector<double>& diff) {
    return decision_losses(mean_of(diff), diff);
}

std::vector<double> known_difference(const std::vector<double>& diff,
                                     const std::vector<std::vector<double>>& inputs, bool interactions) {
    const std::size_t R = diff.size();
    std::vector<column_source> cols;
    for (const std::vector<double>& x : inputs) {
        if (x.size() != R)
            throw std::logic_error("value of information: " + std::to_string(R) + " differences but " +
                                   std::to_string(x.size()) + " values of an input");
        column_source c = standardised(x);
        if (c.degree > 0) cols.push_back(std::move(c));
    }
    // Columns below a tenth of the replications: interactions go first, then powers.
    const std::size_t budget = R / 10;
    auto count = [&](std::size_t max_degree, bool pairs) {
        std::size_t n = 1;
        for (const column_source& c : cols) n += std::min(c.degree, max_degree);
        if (pairs) n += cols.size() * (cols.size() - 1) / 2;
        return n;
    };
    bool pairs = interactions && cols.size() > 1;
    if (count(3, pairs) > budget) pairs = false;
    std::size_t max_degree = 3;
    while (max_degree > 0 && count(max_degree, false) > budget) --max_degree;
    if (max_degree == 0) return std::vector<double>(R, mean_of(diff));
    const std::size_t P = count(max_degree, pairs);
    Eigen::MatrixXd X(static_cast<Eigen::Index>(R), static_cast<Eigen::Index>(P));
    Eigen::VectorXd y(static_cast<Eigen::Index>(R));
    for (std::size_t r = 0; r < R; ++r) {
        const auto row = static_cast<Eigen::Index>(r);
        Eigen::Index k = 0;
        X(row, k++) = 1;
        for (const column_source& c : cols) {
            double power = 1;
            for (std::size_t d = 1; d <= std::min(c.degree, max_degree); ++d) X(row, k++) = power *= c.z[r];
        }
        if (pairs)
            for (std::size_t i = 0; i < cols.size(); ++i)
                for (std::size_t j = i + 1; j < cols.size(); ++j) X(row, k++) = cols[i].z[r] * cols[j].z[r];
        y(row) = diff[r];
    }
    const Eigen::VectorXd fitted = X * X.colPivHouseholderQr().solve(y);
    return std::vector<double>(fitted.data(), fitted.data() + fitted.size());
}

std::vector<double> evpi_losses(const std::vector<double>& diff,
                                const std::vector<std::vector<double>>& inputs) {
    return decision_losses(mean_of(diff), known_difference(diff, inputs, true));
}

std::vector<double> evppi_losses(const std::vector<double>& diff, const std::vector<double>& input) {
    return decision_losses(mean_of(diff), known_difference(diff, {input}, false));
}

}  // namespace hemsim
