#include "econ/costing.hpp"

#include <algorithm>
#include <thread>

namespace hemsim {

namespace {

// Integral over [t0, t1] of the product of two step functions.
double integral_of_product(const timeline& a, const timeline& b, double t0, double t1) {
    std::vector<double> cuts{t0, t1};
    for (double t : a.times)
        if (t > t0 && t < t1) cuts.push_back(t);
    for (double t : b.times)
        if (t > t0 && t < t1) cuts.push_back(t);
    std::sort(cuts.begin(), cuts.end());
    double sum = 0;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i)
        sum += a.at(cuts[i]) * b.at(cuts[i]) * (cuts[i + 1] - cuts[i]);
    return sum;
}

// A rate in force over time: per dygn, or per year (a monthly price x 12), whose
// amounts are kept as SEK x days and divided by the year's days once at the end
// (so that whole days at whole-krona prices sum exactly).
struct rate {
    timeline value;
    bool per_year = false;
};

rate rate_of(const schedule& per_month, const schedule& per_day, bool given_per_month, const calendar& cal) {
    return given_per_month ? rate{timeline(per_month, cal, 12.0), true} : rate{timeline(per_day, cal), false};
}

}  // namespace

bool moves_flows(input_field field) {
    switch (field) {
    case input_field::placement_price:
    case input_field::attribute_cost:
    case input_field::staff_annual_cost:
    case input_field::project_per_year:
    case input_field::project_one_off:
    case input_field::transition_move_cost: return false;
    default: return true;
    }
}

namespace {

// The staff and project amounts of an alternative, in the order they are booked:
// they do not depend on the flows, so a costing pass books them once per alternative.
struct fixed_bookings {
    std::vector<std::pair<std::size_t, double>> ledger;    // (ledger index, SEK)
    std::vector<std::pair<std::size_t, double>> by_month;  // (month x payers + payer, SEK)
    std::vector<double> staff_month, project_month;        // (month), every payer
};

fixed_bookings fixed_costs(const alternative& alt, const result_layout& l, const calendar& cal,
                           double warmup) {
    const model& m = alt.system;
    const std::size_t K = l.K(), none = l.P1() - 1;
    fixed_bookings out;
    out.staff_month.assign(cal.months(), 0.0);
    out.project_month.assign(cal.months(), 0.0);
    // An annual amount over [a, b]: whole years to the krona in the ledger, and by
    // month for the cash flows.
    auto spread = [&](std::size_t c, std::size_t k, double a, double b, std::vector<double>& by_month,
                      auto units) {
        for (std::size_t y = 0; y < l.Y(); ++y) {
            double y0 = std::max(cal.bounds[y], a), y1 = std::min(cal.bounds[y + 1], b);
            if (y1 > y0)
                out.ledger.push_back({l.ledger_index(y, c, k, none), units(y0, y1) / cal.year_days[y]});
        }
        for (std::size_t mo = 0; mo < cal.months(); ++mo) {
            double m0 = std::max(cal.month_bounds[mo], a), m1 = std::min(cal.month_bounds[mo + 1], b);
            if (m1 <= m0) continue;
            const double amount = units(m0, m1) / cal.year_days[cal.month_year[mo]];
            out.by_month.push_back({mo * K + k, amount});
            by_month[mo] += amount;
        }
    };
    const double from = std::max(0.0, warmup);
    for (const staff_pool& st : m.staff) {
        timeline fte(st.fte, cal);
        timeline annual_cost(st.annual_cost_per_fte_sek, cal);
        std::size_t k = st.payer == no_index ? 0 : st.payer;
        spread(static_cast<std::size_t>(category::staff), k, from, cal.horizon_days, out.staff_month,
               [&](double a, double b) { return integral_of_product(fte, annual_cost, a, b); });
    }
    for (const project_cost& pc : alt.project_costs) {
        std::size_t k = pc.payer == no_index ? 0 : pc.payer;
        std::size_t c = static_cast<std::size_t>(category::project);
        const day_span days = project_days(pc, cal);
        if (pc.one_off) {
            if (days.from >= from && days.from < cal.horizon_days) {
                out.ledger.push_back({l.ledger_index(cal.year_of(days.from), c, k, none), pc.one_off_sek});
                out.by_month.push_back({cal.month_of(days.from) * K + k, pc.one_off_sek});
                out.project_month[cal.month_of(days.from)] += pc.one_off_sek;
            }
            continue;
        }
        spread(c, k, std::max(from, days.from), std::min(days.to, cal.horizon_days), out.project_month,
               [&](double a, double b) { return pc.per_year_sek * (b - a); });
    }
    return out;
}

// The placements' and attributes' costs, then the fixed bookings.
void book_all(const alternative& alt, const result_layout& l, const calendar& cal,
              const fixed_bookings& fixed, replication_result& r) {
    const model& m = alt.system;
    const std::size_t K = l.K(), N = l.N();
    r.cost.assign(l.Y() * l.C() * K * l.P1(), 0.0);
    r.cost_month.assign(cal.months() * K, 0.0);
    std::vector<double> annual(r.cost.size(), 0.0);  // the ledger's per-year part, SEK x days

    auto book = [&](std::size_t cell, std::size_t c, std::size_t k, std::size_t p, double units,
                    bool per_year) {
        const std::size_t mo = l.cell_month[cell], y = cal.month_year[mo];
        const std::size_t i = l.ledger_index(y, c, k, p);
        if (per_year) {
            annual[i] += units;
            r.cost_month[mo * K + k] += units / cal.year_days[y];
        } else {
            r.cost[i] += units;
            r.cost_month[mo * K + k] += units;
        }
    };
    for (index_t p = 0; p < l.placements.size(); ++p) {
        const placement& pl = m.placements[p];
        if (pl.terminal && !pl.charged_after_exit) continue;  // a free exit
        const rate price =
            rate_of(pl.price_per_month_sek, pl.price_per_day_sek, pl.price_given_per_month, cal);
        const std::size_t k = pl.payer == no_index ? 0 : pl.payer;
        for (std::size_t c = 0; c < N; ++c) {
            const double days = r.occupancy[p * N + c];
            if (days != 0)
                book(c, static_cast<std::size_t>(category::placements), k, p,
                     price.value.at(l.cells[c]) * days, price.per_year);
        }
    }
    for (std::size_t e = 0; e < l.attribute_costs.size(); ++e) {
        const auto [a, p] = l.attribute_costs[e];
        const attribute& at = m.attributes[a];
        const rate cost = rate_of(at.cost_per_month_sek, at.cost_per_day_sek, at.cost_given_per_month, cal);
        const auto cat = static_cast<std::size_t>(
            std::find(l.categories.begin(), l.categories.end(), at.cost_category) - l.categories.begin());
        const std::size_t k = at.cost_payer == no_index ? 0 : at.cost_payer;
        for (std::size_t c = 0; c < N; ++c) {
            const double days = r.attribute_days[e * N + c];
            if (days != 0) book(c, cat, k, p, cost.value.at(l.cells[c]) * days, cost.per_year);
        }
    }
    // One-off costs on moves: the moves of each month at the amount, on the destination.
    if (!l.move_costs.empty()) {
        const auto cat = static_cast<std::size_t>(
            std::find(l.categories.begin(), l.categories.end(), moves_category) - l.categories.begin());
        for (std::size_t e = 0; e < l.move_costs.size(); ++e) {
            const transition& t = m.transitions[l.move_costs[e]];
            for (std::size_t mo = 0; mo < cal.months(); ++mo) {
                const double n = r.moves_month[e * cal.months() + mo];
                if (n == 0) continue;
                r.cost[l.ledger_index(cal.month_year[mo], cat, t.cost_payer, t.to)] +=
                    n * t.cost_per_move_sek;
                r.cost_month[mo * K + t.cost_payer] += n * t.cost_per_move_sek;
            }
        }
    }
    for (const auto& [i, sek] : fixed.ledger) r.cost[i] += sek;
    for (const auto& [i, sek] : fixed.by_month) r.cost_month[i] += sek;
    r.staff_month = fixed.staff_month;
    r.project_month = fixed.project_month;
    const std::size_t per_year = l.C() * K * l.P1();
    for (std::size_t i = 0; i < annual.size(); ++i)
        if (annual[i] != 0) r.cost[i] += annual[i] / cal.year_days[i / per_year];
}

bool fixed_field(input_field f) {
    return f == input_field::staff_fte || f == input_field::staff_annual_cost ||
           f == input_field::project_per_year || f == input_field::project_one_off;
}

}  // namespace

void cost_replication(const alternative& alt, const result_layout& l, const calendar& cal, double warmup,
                      replication_result& r) {
    book_all(alt, l, cal, fixed_costs(alt, l, cal, warmup), r);
}

void cost_drawn(const alternative& alt, const std::vector<std::string>& param_paths, const result_layout& l,
                const calendar& cal, double warmup_days, bool fixed_parameters, replication_result& r) {
    replication_coster(alt, param_paths, l, cal, warmup_days, fixed_parameters)(r);
}

struct replication_coster::state {
    const alternative* alt;
    const result_layout* layout;
    const calendar* cal;
    double warmup = 0;
    std::vector<const uncertain_param*>
        to;                    // per drawn path: where it goes now (none: the scenario fixes it)
    bool drawn = false;        // some draw is set before costing
    bool fixed_drawn = false;  // a draw changes the staff or project costs: booked per replication
    fixed_bookings once;
    alternative here;  // the copy in which each replication sets all of its draws
};

replication_coster::replication_coster(const alternative& alt, const std::vector<std::string>& param_paths,
                                       const result_layout& layout, const calendar& cal, double warmup_days,
                                       bool fixed_parameters)
    : st_(std::make_unique<state>()) {
    state& st = *st_;
    st.alt = &alt;
    st.layout = &layout;
    st.cal = &cal;
    st.warmup = warmup_days;
    st.to.assign(param_paths.size(), nullptr);
    for (std::size_t i = 0; i < param_paths.size(); ++i)
        for (const uncertain_param& u : alt.system.uncertain)
            if (u.path == param_paths[i]) {
                st.to[i] = &u;
                st.fixed_drawn = st.fixed_drawn || fixed_field(u.ref.field);
            }
    st.drawn = !fixed_parameters &&
               std::any_of(st.to.begin(), st.to.end(), [](const uncertain_param* u) { return u != nullptr; });
    st.once = fixed_costs(alt, layout, cal, warmup_days);
    if (st.drawn) st.here = alt;
}

replication_coster::~replication_coster() = default;
replication_coster::replication_coster(replication_coster&&) noexcept = default;

void replication_coster::operator()(replication_result& r) {
    state& st = *st_;
    if (!st.drawn) {
        book_all(*st.alt, *st.layout, *st.cal, st.once, r);
        return;
    }
    for (std::size_t i = 0; i < st.to.size() && i < r.params.size(); ++i)
        if (st.to[i])
            set_input(st.here.system, &st.here.project_costs, st.to[i]->ref, st.to[i]->rule, r.params[i]);
    book_all(st.here, *st.layout, *st.cal,
             st.fixed_drawn ? fixed_costs(st.here, *st.layout, *st.cal, st.warmup) : st.once, r);
}

void cost_scenario(const scenario& sc, scenario_result& res, unsigned threads) {
    for (std::size_t a = 0; a < res.alts.size(); ++a) {
        alternative_result& ar = res.alts[a];
        // Replications in chunks, one per thread, each with its own coster.
        const std::size_t R = ar.reps.size();
        const unsigned n = static_cast<unsigned>(
            std::min<std::size_t>(std::max(1u, threads), std::max<std::size_t>(1, R / 16)));
        auto work = [&](std::size_t from, std::size_t to_rep) {
            replication_coster cost(sc.alternatives[a], ar.param_paths, ar.layout, res.cal, sc.warmup_days,
                                    res.fixed_parameters);
            for (std::size_t k = from; k < to_rep; ++k) cost(ar.reps[k]);
        };
        if (n <= 1) {
            work(0, R);
            continue;
        }
        std::vector<std::jthread> pool;
        for (unsigned t = 0; t < n; ++t) pool.emplace_back(work, R * t / n, R * (t + 1) / n);
    }
}

}  // namespace hemsim
