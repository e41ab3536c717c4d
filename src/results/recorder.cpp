#include "results/recorder.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <unordered_map>

namespace hemsim {

double replication_result::cost_total(const result_layout& l, std::size_t y) const {
    double sum = 0;
    std::size_t n = l.C() * l.K() * l.P1();
    std::size_t base = l.ledger_index(y, 0, 0, 0);
    for (std::size_t i = 0; i < n; ++i) sum += cost[base + i];
    return sum;
}

double replication_result::cost_category(const result_layout& l, std::size_t y, std::size_t c) const {
    double sum = 0;
    std::size_t n = l.K() * l.P1();
    std::size_t base = l.ledger_index(y, c, 0, 0);
    for (std::size_t i = 0; i < n; ++i) sum += cost[base + i];
    return sum;
}

result_layout make_layout(const scenario& sc, const alternative& alt, const calendar& cal) {
    const model& m = alt.system;
    result_layout l;
    l.years = cal.year_numbers;
    l.categories = {"placements", "social_assistance", "staff", "project"};
    for (const attribute& a : m.attributes)
        if (a.has_cost() &&
            std::find(l.categories.begin(), l.categories.end(), a.cost_category) == l.categories.end())
            l.categories.push_back(a.cost_category);
    for (index_t t = 0; t < m.transitions.size(); ++t)
        if (m.transitions[t].has_move_cost()) l.move_costs.push_back(t);
    if (!l.move_costs.empty() &&
        std::find(l.categories.begin(), l.categories.end(), moves_category) == l.categories.end())
        l.categories.push_back(moves_category);
    for (const payer& p : m.payers) l.payers.push_back(p.id);
    for (const placement& p : m.placements) l.placements.push_back(p.id);
    for (const queue_info& q : m.queues()) {
        const index_t e = q.service_or_transition;
        l.queues.push_back(q.kind == queue_kind::service ? m.services[e].id : m.transitions[e].id);
        l.queue_active.push_back(q.active ? 1 : 0);
    }
    for (const supply& s : m.supplies) l.supplies.push_back(s.id);
    for (const indicator& i : m.indicators) l.indicators.push_back(i.id);
    for (const placement& p : m.placements) l.has_rules.push_back(p.max_stay_days || !p.never_for.empty());
    for (const transition& t : m.transitions) l.transitions.push_back({t.from, t.to});
    for (index_t a = 0; a < m.attributes.size(); ++a)
        for (index_t p : m.attributes[a].cost_in) l.attribute_costs.push_back({a, p});
    // Time cells: the months, cut again where a price or an attribute's cost
    // changes and at the end of a warm-up, so that a rate is constant in a cell.
    std::vector<double> cuts = cal.month_bounds;
    auto cut_at = [&](const schedule& s) {
        for (const schedule::step& st : s.steps) {
            double t = cal.to_days(st.from);
            if (t > 0 && t < cal.horizon_days) cuts.push_back(t);
        }
    };
    for (const placement& p : m.placements)
        cut_at(p.price_given_per_month ? p.price_per_month_sek : p.price_per_day_sek);
    for (const attribute& a : m.attributes)
        if (a.has_cost()) cut_at(a.cost_given_per_month ? a.cost_per_month_sek : a.cost_per_day_sek);
    if (sc.warmup_days > 0 && sc.warmup_days < cal.horizon_days) cuts.push_back(sc.warmup_days);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    l.cells = cuts;
    for (std::size_t c = 0; c + 1 < cuts.size(); ++c) l.cell_month.push_back(cal.month_of(cuts[c]));
    return l;
}

namespace {

// A count that changes at events, integrated lazily: days and (optionally) cost.
struct counter {
    double n = 0;
    double last = 0;
    std::size_t period = 0;  // the cell (or year) of `last`, or one before: time only moves on
    std::size_t month = 0;   // queues: a month at or before that of `last`
};

}  // namespace

struct recorder::impl {
    const model& m;
    const result_layout& l;
    const calendar& cal;
    double warmup;
    replication_result r;

    std::vector<counter> occ;  // per placement
    // Attribute-days for costs: one counter per (attribute, placement in cost_in),
    // in the layout's order of attribute_costs.
    struct attr_days {
        index_t attribute;
        counter c;
    };
    std::vector<attr_days> adays;
    std::vector<std::vector<std::size_t>> adays_at;  // per placement
    std::vector<counter> queue_len;
    std::vector<index_t> move_cost_row;  // per transition: its row of moves_month, or no_index

    impl(const model& mm, const result_layout& ll, const calendar& cc, double w)
        : m(mm), l(ll), cal(cc), warmup(w) {
        std::size_t Y = l.Y(), P = l.placements.size();
        const std::size_t N = l.N();
        r.person_days.assign(P * Y, 0.0);
        r.occupancy.assign(P * N, 0.0);
        r.attribute_days.assign(l.attribute_costs.size() * N, 0.0);
        r.exits.assign(P * Y, 0.0);
        r.wait_sum.assign(l.Q() * Y, 0.0);
        r.wait_n.assign(l.Q() * Y, 0.0);
        r.queue_days.assign(l.Q() * Y, 0.0);
        r.queue_days_month.assign(l.Q() * cal.months(), 0.0);
        r.queue_end.assign(l.Q() * Y, 0.0);
        r.offers_lost.assign(l.S() * Y, 0.0);
        r.gave_up.assign(l.Q() * Y, 0.0);
        r.offers.assign(l.S() * Y, 0.0);
        r.present_days_month.assign(cal.months(), 0.0);
        r.indicators.assign(l.I() * Y, 0.0);
        r.rule_moves.assign(P * Y, 0.0);
        r.breaches.assign(P * Y, 0.0);
        r.moves.assign(l.T() * Y, 0.0);
        r.moves_month.assign(l.move_costs.size() * cal.months(), 0.0);
        move_cost_row.assign(l.T(), no_index);
        for (std::size_t i = 0; i < l.move_costs.size(); ++i)
            move_cost_row[l.move_costs[i]] = static_cast<index_t>(i);
        occ.assign(P, {});
        persons_at.assign(P, {});
        entries_at.assign(P, {});
        over_at.assign(P, {});
        persons.resize(m.indicators.size());
        for (index_t i = 0; i < m.indicators.size(); ++i)
            for (index_t p : m.indicators[i].placements) {
                if (m.indicators[i].kind == indicator_kind::persons_in) persons_at[p].push_back(i);
                if (m.indicators[i].kind == indicator_kind::entries) entries_at[p].push_back(i);
                if (m.indicators[i].kind == indicator_kind::over_max_stay) over_at[p].push_back(i);
            }
        queue_len.assign(l.Q(), {});
        adays_at.assign(P, {});
        for (const auto& [a, p] : l.attribute_costs) {
            adays_at[p].push_back(adays.size());
            adays.push_back(attr_days{a, {}});
        }
    }

    // Integrates a count from its last update to t, split by the layout's time
    // cells (they nest in months, months in years); calls f(year, month, cell,
    // t0, t1) for each piece after the warm-up.
    template <class F>
    void accrue(counter& c, double t, F&& f) {
        double t0 = c.last;
        if (t <= t0) return;
        const auto& cb = l.cells;
        std::size_t k = c.period;
        // Most updates fall in the cell of the one before, after the warm-up: one piece,
        // as the loop below makes it.
        if (t0 >= warmup && t <= cb[k + 1]) {
            if (c.n != 0) {
                const std::size_t mo = l.cell_month[k];
                f(cal.month_year[mo], mo, k, t0, t);
            }
            c.last = t;
            return;
        }
        const std::size_t N = l.N();
        while (k + 1 < N && cb[k + 1] <= t0) ++k;
        if (c.n != 0) {
            for (;;) {
                double end = std::min(t, cb[k + 1]);
                double a = std::max(t0, warmup);
                const std::size_t mo = l.cell_month[k];
                if (end > a) f(cal.month_year[mo], mo, k, a, end);
                if (end >= t || k + 1 >= N) break;
                t0 = end;
                ++k;
            }
        }
        c.last = t;
        c.period = k;
    }

    void accrue_placement(index_t p, double t) {
        counter& c = occ[p];
        accrue(c, t, [&](std::size_t y, std::size_t mo, std::size_t cell, double a, double b) {
            const double days = c.n * (b - a);
            r.person_days[p * l.Y() + y] += days;
            r.present_days_month[mo] += days;
            r.occupancy[p * l.N() + cell] += days;
        });
    }

    void accrue_attr(std::size_t e, double t) {
        counter& c = adays[e].c;
        accrue(c, t, [&](std::size_t, std::size_t, std::size_t cell, double a, double b) {
            r.attribute_days[e * l.N() + cell] += c.n * (b - a);
        });
    }

    // Queue length: integral and the length at each year end passed.
    void accrue_queue(index_t q, double t) {
        counter& c = queue_len[q];
        double t0 = c.last;
        if (t <= t0) return;
        // Most updates fall in the month of the one before, after the warm-up: one
        // piece, the same sums as the loop below makes of it (a month lies in its year).
        if (const std::size_t mo = c.month;
            t0 >= warmup && mo < cal.months() && cal.month_bounds[mo] <= t0 && t < cal.month_bounds[mo + 1]) {
            const std::size_t y = cal.month_year[mo];
            assert(t < cal.bounds[y + 1]);
            const double days = c.n * (t - t0);
            r.queue_days[q * l.Y() + y] += days;
            r.queue_days_month[q * cal.months() + mo] += days;
            c.last = t;
            c.period = y;
            return;
        }
        const auto& yb = cal.bounds;
        std::size_t y = c.period;
        while (y + 1 < l.Y() && yb[y + 1] <= t0) ++y;
        for (;;) {
            double end = std::min(t, yb[y + 1]);
            double a = std::max(t0, warmup);
            if (end > a) {
                r.queue_days[q * l.Y() + y] += c.n * (end - a);
                // The same piece split by months (they nest in years), for monthly.csv.
                const std::size_t M = cal.months();
                while (c.month + 1 < M && cal.month_bounds[c.month + 1] <= a) ++c.month;  // month_of(a)
                for (std::size_t mo = c.month; mo < M && cal.month_bounds[mo] < end; ++mo) {
                    const double lo = std::max(a, cal.month_bounds[mo]),
                                 hi = std::min(end, cal.month_bounds[mo + 1]);
                    if (hi > lo) r.queue_days_month[q * M + mo] += c.n * (hi - lo);
                }
            }
            if (end == yb[y + 1]) r.queue_end[q * l.Y() + y] = c.n;
            if (end >= t || y + 1 >= l.Y()) break;
            t0 = end;
            ++y;
        }
        c.last = t;
        c.period = y;
    }

    void change(index_t p, std::uint64_t attrs, double t, double delta) {
        accrue_placement(p, t);
        occ[p].n += delta;
        for (std::size_t e : adays_at[p]) {
            if (!((attrs >> adays[e].attribute) & 1u)) continue;
            accrue_attr(e, t);
            adays[e].c.n += delta;
        }
    }

    // The year and month of the latest event's time: the events come in time
    // order, so both only move on (an earlier time is looked up afresh).
    struct now_cursor {
        double t = 0;
        std::size_t year = 0, month = 0;
    } at;
    void advance(double t) {
        if (t < at.t) {
            at = {t, cal.year_of(t), cal.month_of(t)};
            return;
        }
        at.t = t;
        const std::size_t Y = l.Y(), M = cal.months();
        while (at.year + 1 < Y && cal.bounds[at.year + 1] <= t) ++at.year;
        while (at.month + 1 < M && cal.month_bounds[at.month + 1] <= t) ++at.month;
    }
    std::size_t year_at(double t) {
        advance(t);
        return at.year;
    }
    std::size_t month_at(double t) {
        advance(t);
        return at.month;
    }
    std::size_t year_after_warmup(double t) { return t < warmup ? l.Y() : year_at(t); }

    // Distinct persons per year: who was counted in which year, and who is in
    // the indicator's placements now (they count again in each new year).
    struct person_count {
        std::unordered_map<std::uint64_t, std::size_t> last_year;  // year index + 1
        std::unordered_map<std::uint64_t, std::uint32_t> present;  // stays in progress
        std::size_t year = 0;                                      // the year rolled to
    };
    std::vector<person_count> persons;
    bool next_entry_initial = false;  // the next `entered` is a client of the initial stock
    std::vector<std::vector<index_t>> persons_at, entries_at, over_at;  // per placement

    void count_person(index_t i, std::size_t y, std::uint64_t key) {
        std::size_t& last = persons[i].last_year[key];
        if (last == y + 1) return;
        last = y + 1;
        r.indicators[i * l.Y() + y] += 1;
    }

    // Everyone present at 1 January counts in the new year.
    void roll(index_t i, double t) {
        person_count& pc = persons[i];
        std::size_t y = year_at(t);
        while (pc.year < y) {
            ++pc.year;
            if (cal.bounds[pc.year] >= warmup)
                for (const auto& [key, n] : pc.present) count_person(i, pc.year, key);
        }
    }
};

recorder::recorder(const model& m, const result_layout& layout, const calendar& cal, double warmup_days)
    : impl_(std::make_unique<impl>(m, layout, cal, warmup_days)) {}

recorder::~recorder() = default;

void recorder::entered(double t, index_t placement, std::uint64_t attrs, std::uint64_t client) {
    impl& d = *impl_;
    d.change(placement, attrs, t, +1);
    // The initial stock is there at the start: it is not an entry (a new tenancy, say).
    const bool initial = d.next_entry_initial;
    d.next_entry_initial = false;
    if (d.persons_at[placement].empty() && d.entries_at[placement].empty()) return;
    std::size_t y = d.year_after_warmup(t);
    for (index_t i : d.persons_at[placement]) {
        if (!d.m.indicators[i].when.holds(attrs)) continue;
        d.roll(i, t);
        ++d.persons[i].present[client];
        if (y < d.l.Y()) d.count_person(i, y, client);
    }
    if (initial) return;
    for (index_t i : d.entries_at[placement])
        if (y < d.l.Y() && d.m.indicators[i].when.holds(attrs)) d.r.indicators[i * d.l.Y() + y] += 1;
}

void recorder::left(double t, index_t placement, std::uint64_t attrs, std::uint64_t client) {
    impl& d = *impl_;
    d.change(placement, attrs, t, -1);
    for (index_t i : d.persons_at[placement]) {
        if (!d.m.indicators[i].when.holds(attrs)) continue;
        d.roll(i, t);
        auto it = d.persons[i].present.find(client);
        if (it != d.persons[i].present.end() && --it->second == 0) d.persons[i].present.erase(it);
    }
}

void recorder::moved(double t, index_t transition, std::uint64_t attrs) {
    impl& d = *impl_;
    std::size_t y = d.year_after_warmup(t);
    if (y >= d.l.Y()) return;
    d.r.moves[transition * d.l.Y() + y] += 1;
    if (const index_t row = d.move_cost_row[transition]; row != no_index)
        d.r.moves_month[row * d.cal.months() + d.month_at(t)] += 1;
    for (index_t i = 0; i < d.m.indicators.size(); ++i) {
        const indicator& ind = d.m.indicators[i];
        if (ind.kind == indicator_kind::moves && ind.transition == transition && ind.when.holds(attrs))
            d.r.indicators[i * d.l.Y() + y] += 1;
    }
}

void recorder::rule(double t, index_t placement, rule_event what, std::uint64_t client) {
    impl& d = *impl_;
    std::size_t y = d.year_after_warmup(t);
    if (y >= d.l.Y()) return;
    switch (what) {
    case rule_event::over_max_stay:
        for (index_t i : d.over_at[placement]) d.count_person(i, y, client);
        break;
    case rule_event::moved_by_rule:
    case rule_event::redirected: d.r.rule_moves[placement * d.l.Y() + y] += 1; break;
    case rule_event::breach_max_stay:
    case rule_event::breach_bar: d.r.breaches[placement * d.l.Y() + y] += 1; break;
    }
}

void recorder::queue_abandoned(double t, index_t queue) {
    impl_->accrue_queue(queue, t);
    impl_->queue_len[queue].n -= 1;
}

void recorder::gave_up(double t, index_t queue, bool left) {
    if (left) queue_abandoned(t, queue);
    std::size_t y = impl_->year_after_warmup(t);
    if (y < impl_->l.Y()) impl_->r.gave_up[queue * impl_->l.Y() + y] += 1;
}

void recorder::created(double, bool initial) { impl_->next_entry_initial = initial; }

void recorder::exited(double t, index_t placement) {
    impl& d = *impl_;
    std::size_t y = d.year_after_warmup(t);
    if (y < d.l.Y()) d.r.exits[placement * d.l.Y() + y] += 1;
    // A priced exit is charged from the exit for its stated time or to the horizon:
    // days by time cell, as a stay's, for the costing pass (not person-days in the system).
    const struct placement& pl = d.m.placements[placement];
    if (!pl.charged_after_exit) return;
    const double end =
        std::min(d.cal.horizon_days, pl.charged_for_days ? t + *pl.charged_for_days : d.cal.horizon_days);
    const auto& cb = d.l.cells;
    for (std::size_t c = 0; c < d.l.N(); ++c) {
        const double a = std::max({cb[c], t, d.warmup}), b = std::min(cb[c + 1], end);
        if (b > a) d.r.occupancy[placement * d.l.N() + c] += b - a;
    }
}

void recorder::queue_joined(double t, index_t queue) {
    impl_->accrue_queue(queue, t);
    impl_->queue_len[queue].n += 1;
}

void recorder::queue_left(double t, index_t queue, double wait_days) {
    impl_->accrue_queue(queue, t);
    impl_->queue_len[queue].n -= 1;
    std::size_t y = impl_->year_after_warmup(t);
    if (y < impl_->l.Y()) {
        impl_->r.wait_sum[queue * impl_->l.Y() + y] += wait_days;
        impl_->r.wait_n[queue * impl_->l.Y() + y] += 1;
    }
}

void recorder::offer_made(double t, index_t supply) {
    std::size_t y = impl_->year_after_warmup(t);
    if (y < impl_->l.Y()) impl_->r.offers[supply * impl_->l.Y() + y] += 1;
}

void recorder::offer_lost(double t, index_t supply) {
    std::size_t y = impl_->year_after_warmup(t);
    if (y < impl_->l.Y()) impl_->r.offers_lost[supply * impl_->l.Y() + y] += 1;
}

replication_result recorder::finish(const flow_counts& flows) {
    double T = impl_->cal.horizon_days;
    for (index_t p = 0; p < impl_->occ.size(); ++p) impl_->accrue_placement(p, T);
    for (std::size_t e = 0; e < impl_->adays.size(); ++e) impl_->accrue_attr(e, T);
    for (index_t q = 0; q < impl_->queue_len.size(); ++q) impl_->accrue_queue(q, T);
    for (index_t i = 0; i < impl_->persons.size(); ++i) impl_->roll(i, std::nextafter(T, 0.0));
    impl_->r.flows = flows;
    return std::move(impl_->r);
}

}  // namespace hemsim
