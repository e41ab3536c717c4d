// The stays of the analytic chain: distributions as the engine samples them,
// their distribution functions, and a stay of phases (the `after`, then the
// services in order) cut at a maximum stay. Private to src/analytic.
#pragma once

#include <vector>

#include "model/model.hpp"

namespace hemsim::analytic_detail {

/// A placement's (or an attribute cost's) rate per dygn, from the loaded means.
inline double per_day(bool per_month, const schedule& month, const schedule& day) {
    return per_month ? month.initial * 12.0 / 365.0 : day.initial;
}

/// The distribution as the engine samples it (a normal truncated at 0, ...).
distribution as_sampled(const distribution& d);

/// P(T <= x) of a stay as sampled.
double cdf(const distribution& raw, double x);

/// E[min(T, m)] of a stay as sampled.
double mean_min(const distribution& raw, double m);

/// Steps of the grid on [0, m] for stays of more than one phase.
inline constexpr int cut_grid_steps = 4000;

/// A stay of phases (the `after`, then services in order) cut at m days.
struct cut_stay {
    double mean_days = 0;         // E[min(T, m)]
    double completed = 0;         // P(T < m): every phase done before the limit
    std::vector<double> stopped;  // stopped[j]: moved by the rule with j services done
};
cut_stay cut(const std::vector<distribution>& phases, double m);

}  // namespace hemsim::analytic_detail
