#include "model/calendar.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hemsim {

using namespace std::chrono;

double days_between(const date& a, const date& b) {
    return static_cast<double>((sys_days{b} - sys_days{a}).count());
}

date add_months(const date& d, int months) {
    year_month ym = year_month{d.year(), d.month()} + std::chrono::months{months};
    auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
    return date{ym.year(), ym.month(), std::min(d.day(), last)};
}

namespace {

// The day of the year in a year without 29 February (1 January = 0; 29 February = 1 March).
int day_of_365_year(const date& d) {
    static constexpr int before[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    const unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
    if (m == 2 && day == 29) return before[2];
    return before[m - 1] + static_cast<int>(day) - 1;
}

}  // namespace

double calendar::to_days(const date& d) const {
    if (!years_365_day) return days_between(start, d);
    return 365.0 * (static_cast<int>(d.year()) - static_cast<int>(start.year())) + day_of_365_year(d) -
           day_of_365_year(start);
}

calendar::calendar(const date& s, int horizon_months, bool years_365) : start(s), years_365_day(years_365) {
    if (years_365_day) {
        horizon_days = 365.0 * horizon_months / 12.0;
        for (int k = 0; 365.0 * k < horizon_days; ++k) {
            bounds.push_back(365.0 * k);
            year_numbers.push_back(static_cast<int>(s.year()) + k);
            year_days.push_back(365.0);
        }
        bounds.push_back(horizon_days);
        for (int m = 0; m < horizon_months; ++m) month_bounds.push_back(365.0 * m / 12.0);
        month_bounds.push_back(horizon_days);
    } else {
        date end = add_months(s, horizon_months);
        horizon_days = days_between(s, end);
        bounds.push_back(0);
        year_numbers.push_back(static_cast<int>(s.year()));
        for (int y = static_cast<int>(s.year()) + 1;; ++y) {
            double t = days_between(s, date{year{y}, January, day{1}});
            if (t >= horizon_days) break;
            bounds.push_back(t);
            year_numbers.push_back(y);
        }
        bounds.push_back(horizon_days);
        for (int y : year_numbers)
            year_days.push_back(
                days_between(date{year{y}, January, day{1}}, date{year{y + 1}, January, day{1}}));
        // Months: the start, then every 1st of a month inside the horizon.
        month_bounds.push_back(0);
        year_month ym{s.year(), s.month()};
        for (;;) {
            ym += std::chrono::months{1};
            double t = days_between(s, date{ym.year(), ym.month(), day{1}});
            if (t >= horizon_days) break;
            month_bounds.push_back(t);
        }
        month_bounds.push_back(horizon_days);
    }
    for (std::size_t m = 0; m + 1 < month_bounds.size(); ++m) month_year.push_back(year_of(month_bounds[m]));
}

std::size_t calendar::month_of(double t) const {
    auto it = std::upper_bound(month_bounds.begin() + 1, month_bounds.end() - 1, t);
    return static_cast<std::size_t>(it - (month_bounds.begin() + 1));
}

std::size_t calendar::year_of(double t) const {
    auto it = std::upper_bound(bounds.begin() + 1, bounds.end() - 1, t);
    return static_cast<std::size_t>(it - (bounds.begin() + 1));
}

timeline::timeline(const schedule& s, const calendar& cal, double scale) {
    initial = s.initial * scale;
    for (const auto& st : s.steps) {
        double t = cal.to_days(st.from);
        if (t <= 0) {
            initial = st.value * scale;  // already in force at the start
        } else {
            times.push_back(t);
            values.push_back(st.value * scale);
        }
    }
}

double timeline::at(double t) const {
    auto it = std::upper_bound(times.begin(), times.end(), t);
    if (it == times.begin()) return initial;
    return values[static_cast<std::size_t>(it - times.begin()) - 1];
}

double timeline::integral(double t0, double t1) const {
    if (t1 <= t0) return 0;
    if (times.empty()) return initial * (t1 - t0);
    double sum = 0, t = t0;
    auto i = static_cast<std::size_t>(std::upper_bound(times.begin(), times.end(), t0) - times.begin());
    double v = i == 0 ? initial : values[i - 1];
    while (i < times.size() && times[i] < t1) {
        sum += v * (times[i] - t);
        t = times[i];
        v = values[i];
        ++i;
    }
    return sum + v * (t1 - t);
}

day_span project_days(const project_cost& pc, const calendar& cal) {
    return {pc.start ? cal.to_days(*pc.start) : 0.0, pc.end ? cal.to_days(*pc.end) + 1 : cal.horizon_days};
}

timeline staffed_fte(const staff_pool& pool, const calendar& cal) {
    timeline own(pool.fte, cal);
    if (pool.funded_fte.empty()) return own;
    struct span {
        double from, to, fte;
    };
    std::vector<span> spans;
    std::vector<double> cuts = own.times;
    for (const auto& f : pool.funded_fte) {
        double a = f.start ? cal.to_days(*f.start) : 0.0;
        double b = f.end ? cal.to_days(*f.end) + 1 : std::numeric_limits<double>::infinity();
        spans.push_back({a, b, f.fte});
        for (double t : {a, b})
            if (t > 0 && std::isfinite(t)) cuts.push_back(t);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    auto value = [&](double t) {
        double v = own.at(t);
        for (const span& s : spans)
            if (t >= s.from && t < s.to) v += s.fte;
        return v;
    };
    timeline out;
    out.initial = value(0);
    for (double t : cuts) {
        out.times.push_back(t);
        out.values.push_back(value(t));
    }
    return out;
}

}  // namespace hemsim
