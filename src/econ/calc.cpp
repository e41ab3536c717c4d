#include "econ/calc.hpp"

#include <algorithm>

namespace hemsim {

namespace {

constexpr double days_per_month = 365.0 / 12.0;

calc_item from_line(const calc_line& l) {
    calc_item c;
    c.item = l.item;
    c.quantity = l.count;
    c.unit_price_sek = l.unit_price_sek;
    c.unit = l.unit;
    c.periods = l.periods;
    c.amount_sek = l.amount_sek();
    c.placement = l.placement;
    c.note = l.note;
    return c;
}

calc_item from_project(const project_cost& pc) {
    calc_item c;
    c.item = pc.item;
    c.project = true;
    c.note = pc.source;
    c.placement = no_index;
    if (pc.one_off) {
        c.one_off = true;
        c.quantity = 1;
        c.unit_price_sek = pc.one_off_sek;
        c.unit = calc_unit::year;
        c.periods = 1;
        c.amount_sek = pc.one_off_sek;
    } else {
        c.quantity = pc.staff != no_index ? pc.fte : 1;
        c.unit_price_sek = pc.per_year_sek / c.quantity;
        c.unit = calc_unit::year;
        c.periods = 1;
        c.amount_sek = pc.per_year_sek;
    }
    return c;
}

}  // namespace

double calc_item::months() const {
    if (one_off) return 1;
    switch (unit) {
    case calc_unit::month: return periods;
    case calc_unit::day: return periods / days_per_month;
    case calc_unit::year: return periods * 12;
    }
    return 0;
}

double calc_item::unit_price_per_month() const {
    double m = months();
    return quantity > 0 && m > 0 ? amount_sek / (quantity * m) : 0.0;
}

calc_result static_sum(const scenario& sc) {
    calc_result out;
    out.title = sc.title;
    const std::size_t base = sc.baseline_index();
    for (const alternative& a : sc.alternatives) {
        calc_alternative ca;
        ca.id = a.id;
        ca.name = a.name.empty() ? a.id : a.name;
        ca.baseline = a.baseline;
        ca.note = a.calc_note;
        ca.has_sum = !a.calc.empty();
        for (const calc_line& l : a.calc) ca.items.push_back(from_line(l));
        for (const project_cost& pc : a.project_costs) ca.items.push_back(from_project(pc));
        if (ca.has_sum)
            for (const calc_item& c : ca.items) ca.total_sek += c.amount_sek;
        out.alts.push_back(std::move(ca));
    }
    // The nollalternativ's day-weighted average price of its placement stock.
    double days = 0, cost = 0;
    for (const calc_item& c : out.alts[base].items)
        if (c.placement != no_index) {
            double d = c.quantity * c.months() * days_per_month;
            days += d;
            cost += c.amount_sek;
        }
    const double average = days > 0 ? cost / days : 0.0;
    const calc_alternative& b = out.alts[base];
    for (calc_alternative& ca : out.alts) {
        if (!ca.has_sum || !b.has_sum) continue;
        ca.diff_sek = ca.total_sek - b.total_sek;
        ca.average_price_per_day_sek = average;
        if (!ca.baseline && *ca.diff_sek > 0 && average > 0) ca.switching_days = *ca.diff_sek / average;
    }
    return out;
}

}  // namespace hemsim
