#include "results/recorder.hpp"

#include <algorithm>
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
    (void)sc;
    const model& m = alt.system;
    result_layout l;
    l.years = cal.year_numbers;
    l.categories = {"placements", "social_assistance", "staff", "project"};
    for (const attribute& a : m.attributes)
        if (a.has_cost() && std::find(l.categories.begin(), l.categories.end(), a.cost_category) ==
                                l.categories.end())
            l.categories.push_back(a.cost_category);
    for (const payer& p : m.payers) l.payers.push_back(p.id);
    for (const placement& p : m.placements) l.placements.push_back(p.id);
    for (const service& s : m.services) {
        l.queues.push_back(s.id);
        l.queue_active.push_back(1);
    }
    for (const transition& t : m.transitions) {
        l.queues.push_back(t.id);
        bool resources = m.placements[t.to].capacity.has_value();
        for (const gate& g : t.gates) resources = resources || g.kind != gate_kind::service;
        l.queue_active.push_back(resources ? 1 : 0);
    }
    for (const supply& s : m.supplies) l.supplies.push_back(s.id);
    for (const indicator& i : m.indicators) l.indicators.push_back(i.id);
    for (const placement& p : m.placements) l.has_rules.push_back(p.max_stay_days || !p.never_for.empty());
    return l;
}

namespace {

// A count that changes at events, integrated lazily: days and (optionally) cost.
struct counter {
    double n = 0;
    double last = 0;
    std::size_t period = 0;  // the month (or year) of `last`, or one before: time only moves on
};

}  // namespace

struct recorder::impl {
    const model& m;
    const result_layout& l;
    const calendar& cal;
    double warmup;
    replication_result r;

    std::vector<counter> occ;           // per placement
    std::vector<cost_rate> price;       // per placement
    // Attribute costs: one counter per (attribute, placement in cost_in).
    struct attr_cost {
        index_t attribute, placement;
        std::size_t category, payer;
        cost_rate rate;
        counter c;
    };
    std::vector<attr_cost> acosts;
    std::vector<std::vector<std::size_t>> acosts_at;  // per placement
    std::vector<counter> queue_len;

    impl(const model& mm, const result_layout& ll, const calendar& cc, double w)
        : m(mm), l(ll), cal(cc), warmup(w) {
        std::size_t Y = l.Y(), P = l.placements.size();
        r.cost.assign(Y * l.C() * l.K() * l.P1(), 0.0);
        r.person_days.assign(P * Y, 0.0);
        r.exits.assign(P * Y, 0.0);
        r.wait_sum.assign(l.Q() * Y, 0.0);
        r.wait_n.assign(l.Q() * Y, 0.0);
        r.queue_days.assign(l.Q() * Y, 0.0);
        r.queue_end.assign(l.Q() * Y, 0.0);
        r.offers_lost.assign(l.S() * Y, 0.0);
        r.offers.assign(l.S() * Y, 0.0);
        r.present_days_month.assign(cal.months(), 0.0);
        r.cost_month.assign(cal.months() * l.K(), 0.0);
        r.indicators.assign(l.I() * Y, 0.0);
        r.rule_moves.assign(P * Y, 0.0);
        r.breaches.assign(P * Y, 0.0);
        annual_units.assign(r.cost.size(), 0.0);
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
        acosts_at.assign(P, {});
        for (const placement& p : m.placements)
            price.push_back(p.price_given_per_month ? cost_rate{timeline(p.price_per_month_sek, cal, 12.0), true}
                                                    : cost_rate{timeline(p.price_per_day_sek, cal), false});
        for (index_t a = 0; a < m.attributes.size(); ++a) {
            const attribute& at = m.attributes[a];
            if (!at.has_cost()) continue;
            std::size_t cat = static_cast<std::size_t>(
                std::find(l.categories.begin(), l.categories.end(), at.cost_category) - l.categories.begin());
            cost_rate rate = at.cost_given_per_month ? cost_rate{timeline(at.cost_per_month_sek, cal, 12.0), true}
                                                     : cost_rate{timeline(at.cost_per_day_sek, cal), false};
            for (index_t p : at.cost_in) {
                acosts_at[p].push_back(acosts.size());
                acosts.push_back(attr_cost{a, p, cat, at.cost_payer == no_index ? 0 : at.cost_payer, rate, {}});
            }
        }
    }

    // Integrates a count from its last update to t, split by month (months nest
    // in years); calls f(year, month, t0, t1) for each piece after the warm-up.
    template <class F>
    void accrue(counter& c, double t, F&& f) {
        double t0 = c.last;
        if (t <= t0) return;
        const auto& mb = cal.month_bounds;
        const std::size_t M = cal.months();
        std::size_t m = c.period;
        while (m + 1 < M && mb[m + 1] <= t0) ++m;
        if (c.n != 0) {
            for (;;) {
                double end = std::min(t, mb[m + 1]);
                double a = std::max(t0, warmup);
                if (end > a) f(cal.month_year[m], m, a, end);
                if (end >= t || m + 1 >= M) break;
                t0 = end;
                ++m;
            }
        }
        c.last = t;
        c.period = m;
    }

    // Books `units` of a rate: SEK, or SEK x days for an annual rate, which is
    // divided by the year's days once at the end (exact sums for whole days).
    void book(std::size_t y, std::size_t m, std::size_t c, std::size_t k, std::size_t p, double units,
              bool per_year) {
        std::size_t i = l.ledger_index(y, c, k, p);
        if (per_year) {
            annual_units[i] += units;
            r.cost_month[m * l.K() + k] += units / cal.year_days[y];
        } else {
            r.cost[i] += units;
            r.cost_month[m * l.K() + k] += units;
        }
    }

    std::vector<double> annual_units;  // the ledger's annual-rate part, SEK x days

    void accrue_placement(index_t p, double t) {
        counter& c = occ[p];
        const placement& pl = m.placements[p];
        std::size_t k = pl.payer == no_index ? 0 : pl.payer;
        accrue(c, t, [&](std::size_t y, std::size_t mo, double a, double b) {
            r.person_days[p * l.Y() + y] += c.n * (b - a);
            r.present_days_month[mo] += c.n * (b - a);
            book(y, mo, static_cast<std::size_t>(category::placements), k, p, c.n * price[p].integral(a, b),
                 price[p].per_year);
        });
    }

    void accrue_attr(attr_cost& ac, double t) {
        accrue(ac.c, t, [&](std::size_t y, std::size_t mo, double a, double b) {
            book(y, mo, ac.category, ac.payer, ac.placement, ac.c.n * ac.rate.integral(a, b), ac.rate.per_year);
        });
    }

    // Queue length: integral and the length at each year end passed.
    void accrue_queue(index_t q, double t) {
        counter& c = queue_len[q];
        double t0 = c.last;
        if (t <= t0) return;
        const auto& yb = cal.bounds;
        std::size_t y = c.period;
        while (y + 1 < l.Y() && yb[y + 1] <= t0) ++y;
        for (;;) {
            double end = std::min(t, yb[y + 1]);
            double a = std::max(t0, warmup);
            if (end > a) r.queue_days[q * l.Y() + y] += c.n * (end - a);
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
        for (std::size_t i : acosts_at[p]) {
            attr_cost& ac = acosts[i];
            if (!((attrs >> ac.attribute) & 1u)) continue;
            accrue_attr(ac, t);
            ac.c.n += delta;
        }
    }

    std::size_t year_after_warmup(double t) const { return t < warmup ? l.Y() : cal.year_of(t); }

    // Distinct persons per year: who was counted in which year, and who is in
    // the indicator's placements now (they count again in each new year).
    struct person_count {
        std::unordered_map<std::uint64_t, std::size_t> last_year;  // year index + 1
        std::unordered_map<std::uint64_t, std::uint32_t> present;  // stays in progress
        std::size_t year = 0;                                     // the year rolled to
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
        std::size_t y = cal.year_of(t);
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
    if (d.m.indicators.empty()) return;
    std::size_t y = d.year_after_warmup(t);
    if (y >= d.l.Y()) return;
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
    case rule_event::redirected:
        d.r.rule_moves[placement * d.l.Y() + y] += 1;
        break;
    case rule_event::breach_max_stay:
    case rule_event::breach_bar:
        d.r.breaches[placement * d.l.Y() + y] += 1;
        break;
    }
}

void recorder::queue_abandoned(double t, index_t queue) {
    impl_->accrue_queue(queue, t);
    impl_->queue_len[queue].n -= 1;
}

void recorder::created(double, bool initial) { impl_->next_entry_initial = initial; }

void recorder::exited(double t, index_t placement) {
    std::size_t y = impl_->year_after_warmup(t);
    if (y < impl_->l.Y()) impl_->r.exits[placement * impl_->l.Y() + y] += 1;
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
    for (auto& ac : impl_->acosts) impl_->accrue_attr(ac, T);
    for (index_t q = 0; q < impl_->queue_len.size(); ++q) impl_->accrue_queue(q, T);
    for (index_t i = 0; i < impl_->persons.size(); ++i) impl_->roll(i, std::nextafter(T, 0.0));
    const result_layout& l = impl_->l;
    for (std::size_t i = 0; i < impl_->annual_units.size(); ++i)
        if (impl_->annual_units[i] != 0)
            impl_->r.cost[i] += impl_->annual_units[i] / impl_->cal.year_days[i / (l.C() * l.K() * l.P1())];
    impl_->r.flows = flows;
    return std::move(impl_->r);
}

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

}  // namespace

void add_fixed_costs(const alternative& alt, const result_layout& l, const calendar& cal, double warmup,
                     replication_result& r) {
    const model& m = alt.system;
    const std::size_t none = l.P1() - 1;
    const std::size_t K = l.K();
    // An annual amount over [a, b]: whole years to the krona in the ledger,
    // and by month for the cash-flow series.
    auto spread = [&](std::size_t c, std::size_t k, double a, double b,
                      const std::function<double(double, double)>& units) {
        for (std::size_t y = 0; y < l.Y(); ++y) {
            double y0 = std::max(cal.bounds[y], a), y1 = std::min(cal.bounds[y + 1], b);
            if (y1 > y0) r.cost[l.ledger_index(y, c, k, none)] += units(y0, y1) / cal.year_days[y];
        }
        for (std::size_t mo = 0; mo < cal.months(); ++mo) {
            double m0 = std::max(cal.month_bounds[mo], a), m1 = std::min(cal.month_bounds[mo + 1], b);
            if (m1 > m0) r.cost_month[mo * K + k] += units(m0, m1) / cal.year_days[cal.month_year[mo]];
        }
    };
    const double from = std::max(0.0, warmup);
    for (const staff_pool& st : m.staff) {
        timeline fte(st.fte, cal);
        timeline annual(st.annual_cost_per_fte_sek, cal);
        std::size_t k = st.payer == no_index ? 0 : st.payer;
        spread(static_cast<std::size_t>(category::staff), k, from, cal.horizon_days,
               [&](double a, double b) { return integral_of_product(fte, annual, a, b); });
    }
    for (const project_cost& pc : alt.project_costs) {
        std::size_t k = pc.payer == no_index ? 0 : pc.payer;
        std::size_t c = static_cast<std::size_t>(category::project);
        const day_span days = project_days(pc, cal);
        if (pc.one_off) {
            if (days.from >= from && days.from < cal.horizon_days) {
                r.cost[l.ledger_index(cal.year_of(days.from), c, k, none)] += pc.one_off_sek;
                r.cost_month[cal.month_of(days.from) * K + k] += pc.one_off_sek;
            }
            continue;
        }
        spread(c, k, std::max(from, days.from), std::min(days.to, cal.horizon_days),
               [&](double a, double b) { return pc.per_year_sek * (b - a); });
    }
}

}  // namespace hemsim
