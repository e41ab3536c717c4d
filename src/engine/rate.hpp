// A point process's clock: the inverse of the cumulative rate of a schedule.
#pragma once

#include <vector>

#include "model/calendar.hpp"

namespace hemsim {

/// A point process whose rate per day follows a timeline: the k-th event is at
/// the time where the cumulative rate reaches a given level (inverse of Λ).
struct cumulative_rate {
    std::vector<double> t;     // segment starts (t[0] = 0)
    std::vector<double> rate;  // per day in the segment
    std::vector<double> cum;   // Λ at segment start

    explicit cumulative_rate(const timeline& per_day);
    /// The time at which Λ reaches `level`; +inf if it never does.
    double inverse(double level) const;
    /// Λ at `time` (>= 0): the expected number of events before it.
    double at(double time) const;
};

}  // namespace hemsim
