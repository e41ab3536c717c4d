#include "engine/rate.hpp"

#include <algorithm>
#include <limits>

namespace hemsim {

cumulative_rate::cumulative_rate(const timeline& per_day) {
    t.push_back(0);
    rate.push_back(per_day.initial);
    cum.push_back(0);
    for (std::size_t i = 0; i < per_day.times.size(); ++i) {
        double start = per_day.times[i];
        cum.push_back(cum.back() + rate.back() * (start - t.back()));
        t.push_back(start);
        rate.push_back(per_day.values[i]);
    }
}

double cumulative_rate::inverse(double level) const {
    // Last segment whose start level is below `level`, then walk past zero-rate ones.
    auto it = std::lower_bound(cum.begin(), cum.end(), level);
    std::size_t i = it == cum.begin() ? 0 : static_cast<std::size_t>(it - cum.begin()) - 1;
    for (; i < t.size(); ++i) {
        bool last = i + 1 == t.size();
        if (rate[i] > 0) {
            double at = t[i] + (level - cum[i]) / rate[i];
            if (last || at <= t[i + 1]) return at;
        } else if (last) {
            break;
        }
    }
    return std::numeric_limits<double>::infinity();
}

double cumulative_rate::at(double time) const {
    // The last segment starting at or before `time`.
    const auto i = static_cast<std::size_t>(std::upper_bound(t.begin(), t.end(), time) - t.begin()) - 1;
    return cum[i] + rate[i] * (time - t[i]);
}

}  // namespace hemsim
