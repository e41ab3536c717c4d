// Model time (days since the start date) against calendar dates and years: the
// horizon's calendar, schedules in model time, a project line's days. Shared by
// the engine, the costing pass and the reports.
#pragma once

#include <vector>

#include "model/model.hpp"

namespace hemsim {

/// Days from `a` to `b` (negative when b is before a).
double days_between(const date& a, const date& b);

/// `d` plus whole months (day clamped to the month's last day).
date add_months(const date& d, int months);

/// The calendar years a run covers. Year k is [bounds[k], bounds[k+1]) in days;
/// bounds[0] = 0 (the start date), the inner bounds are 1 January, the last bound
/// is the horizon. A horizon ending on 1 January adds no empty year. Months
/// likewise: month_bounds at the 1st of each month. With 365-day years (for
/// reference models) year k is [365k, 365(k+1)) and month m [m 365/12, ...).
struct calendar {
    date start;
    double horizon_days = 0;
    std::vector<double> bounds;           // size years + 1
    std::vector<int> year_numbers;        // calendar year of each period
    std::vector<double> year_days;        // length of each period's whole calendar year: 365 or 366
    std::vector<double> month_bounds;     // size months + 1
    std::vector<std::size_t> month_year;  // year period of each month

    bool years_365_day = false;

    calendar() = default;
    calendar(const date& start, int horizon_months, bool years_365_day = false);

    std::size_t months() const { return month_year.size(); }
    std::size_t years() const { return year_numbers.size(); }
    /// Day offset of a date (may be negative or beyond the horizon). With
    /// 365-day years a date names a day of a year without leap days: 1 January
    /// of year Y is 365 x (Y - the start's year) days after 1 January of the
    /// start's year, whatever leap days fall between; 29 February is 1 March.
    double to_days(const date& d) const;
    /// Index of the year period containing t (t in [0, horizon)); clamps.
    std::size_t year_of(double t) const;
    /// Index of the month containing t; clamps.
    std::size_t month_of(double t) const;
};

/// A schedule in simulation time: value `initial` before the first step.
struct timeline {
    double initial = 0;
    std::vector<double> times;  // strictly increasing, all > 0
    std::vector<double> values;

    timeline() = default;
    explicit timeline(double constant) : initial(constant) {}
    timeline(const schedule& s, const calendar& cal, double scale = 1.0);

    double at(double t) const;
    bool constant() const { return times.empty(); }
    /// Integral of the value over [t0, t1].
    double integral(double t0, double t1) const;
};

/// The days [from, to) a project cost line runs: from its start (default the
/// horizon's start) to the end of its inclusive end date (default the horizon).
struct day_span {
    double from = 0, to = 0;
};
day_span project_days(const project_cost& pc, const calendar& cal);

/// The FTE of a staff pool that give slots: its own schedule plus the FTE
/// funded by project cost lines over their dates (inclusive end).
timeline staffed_fte(const staff_pool& pool, const calendar& cal);

}  // namespace hemsim
