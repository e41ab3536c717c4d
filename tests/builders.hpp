// Small models built in code, for engine tests that must not depend on the loader.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "engine/observer.hpp"
#include "model/model.hpp"

namespace hemsim::testing {

inline date ymd(int y, unsigned m, unsigned d) {
    return date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

inline schedule constant(double v) {
    schedule s;
    s.initial = v;
    return s;
}

inline index_t add_payer(model& m, const std::string& id) {
    m.payers.push_back({id, id});
    return static_cast<index_t>(m.payers.size() - 1);
}

inline index_t add_placement(model& m, const std::string& id, double price_per_day, bool terminal = false) {
    placement p;
    p.id = p.name = id;
    p.price_per_day_sek = constant(price_per_day);
    p.terminal = terminal;
    p.payer = terminal ? no_index : 0;
    m.placements.push_back(p);
    return static_cast<index_t>(m.placements.size() - 1);
}

inline index_t add_transition(model& m, index_t from, index_t to, distribution after,
                              double probability = 1) {
    transition t;
    t.id = m.placements[from].id + "_" + m.placements[to].id;
    t.from = from;
    t.to = to;
    t.after = after;
    t.probability = probability;
    m.transitions.push_back(t);
    return static_cast<index_t>(m.transitions.size() - 1);
}

inline index_t add_group(model& m, const std::string& id) {
    group g;
    g.id = g.name = id;
    g.attribute_probability.assign(m.attributes.size(), 0.0);
    for (std::size_t a = 0; a < m.attributes.size(); ++a)
        g.attribute_probability[a] = m.attributes[a].probability;
    m.groups.push_back(g);
    return static_cast<index_t>(m.groups.size() - 1);
}

inline void add_initial(model& m, index_t g, index_t p, std::uint32_t count,
                        initial_state st = initial_state::fresh) {
    initial_stock s;
    s.id = m.placements[p].id;
    s.placement = p;
    s.count = count;
    s.state = st;
    m.groups[g].initial.push_back(s);
}

inline void add_arrivals(model& m, index_t g, index_t p, double per_year,
                         arrival_process proc = arrival_process::poisson) {
    arrival_stream a;
    a.id = m.placements[p].id;
    a.placement = p;
    a.per_year = constant(per_year);
    a.process = proc;
    m.groups[g].arrivals.push_back(a);
}

/// A staff pool: `fte` at `annual_cost` a year per FTE, with a caseload or
/// service slots of `slots` per FTE (staff_kind::none: neither), paid by payer 0.
inline index_t add_staff(model& m, const std::string& id, double fte, double annual_cost, staff_kind kind,
                         double slots) {
    staff_pool s;
    s.id = s.name = id;
    s.fte = constant(fte);
    s.annual_cost_per_fte_sek = constant(annual_cost);
    s.kind = kind;
    s.slots_per_fte = slots;
    s.payer = 0;
    m.staff.push_back(s);
    return static_cast<index_t>(m.staff.size() - 1);
}

/// A service served by `pool` that takes `duration` and grants `flag` (added to
/// the model's flags; "" for a service that grants none).
inline index_t add_service(model& m, const std::string& id, index_t pool, distribution duration,
                           const std::string& flag) {
    service sv;
    sv.id = sv.name = id;
    sv.staff = pool;
    sv.duration = duration;
    if (!flag.empty()) {
        auto it = std::find(m.flags.begin(), m.flags.end(), flag);
        if (it == m.flags.end()) it = m.flags.insert(m.flags.end(), flag);
        sv.flag = static_cast<index_t>(it - m.flags.begin());
    }
    m.services.push_back(sv);
    return static_cast<index_t>(m.services.size() - 1);
}

/// A supply of `per_year` units a year.
inline index_t add_supply(model& m, const std::string& id, double per_year,
                          arrival_process proc = arrival_process::poisson) {
    supply sp;
    sp.id = sp.name = id;
    sp.per_year = constant(per_year);
    sp.process = proc;
    m.supplies.push_back(sp);
    return static_cast<index_t>(m.supplies.size() - 1);
}

/// An attribute drawn with probability `p` (add groups after attributes).
inline index_t add_attribute(model& m, const std::string& id, double p) {
    attribute a;
    a.id = a.name = id;
    a.probability = p;
    m.attributes.push_back(a);
    return static_cast<index_t>(m.attributes.size() - 1);
}

/// A scenario of alternatives that all use `m`, from `start` for `months`.
inline scenario make_scenario(const model& m, date start, int months, std::uint32_t reps, int n_alts = 2) {
    scenario sc;
    sc.title = "test";
    sc.start = start;
    sc.horizon_months = months;
    sc.replications = reps;
    sc.seed = 42;
    for (int i = 0; i < n_alts; ++i) {
        alternative a;
        a.id = i == 0 ? "nollalternativ" : "alt" + std::to_string(i);
        a.name = a.id;
        a.baseline = i == 0;
        a.system = m;
        sc.alternatives.push_back(a);
    }
    return sc;
}

inline distribution fixed(double d) { return {dist_kind::fixed, d, 0, 0}; }
inline distribution expo(double mean) { return {dist_kind::exponential, mean, 0, 0}; }
inline distribution unif(double a, double b) { return {dist_kind::uniform, a, b, 0}; }

}  // namespace hemsim::testing

namespace hemsim::testing {

/// The housing chain of ../shared/peers/MODEL.md (kedjan) built in code:
/// S apartments a year, B support workers (13 clients each), C counsellor slots.
inline model kedjan(double n0, double per_year_arrivals, double S, double B, double C) {
    model m;
    m.name = "kedjan";
    add_payer(m, "enheten");
    attribute debt;
    debt.id = debt.name = "has_debt";
    debt.probability = 0.6;
    attribute assist;
    assist.id = assist.name = "forsorjningsstod";
    assist.probability = 0.7;
    assist.cost_given_per_month = false;
    assist.cost_per_day_sek = constant(7000.0 * 12 / 365);
    assist.cost_payer = 0;
    m.attributes = {debt, assist};
    index_t stod = add_placement(m, "stodboende", 16500.0 * 12 / 365);
    index_t fors = add_placement(m, "forsok", 0);
    index_t harb = add_placement(m, "harbarge", 550);
    index_t eget = add_placement(m, "eget", 0, true);
    m.attributes[0].redraw_on_entry = {stod};
    m.attributes[1].redraw_on_entry = {fors};
    m.attributes[1].cost_in = {fors};
    m.placements[stod].clears_flags = 1;  // the flag of skuldradgivning, added below
    add_staff(m, "boendestodjare", B, 500000, staff_kind::caseload, 13);
    index_t sr = add_staff(m, "skuldradgivare", C / 8, 600000, staff_kind::service_slots, 8);
    add_service(m, "skuldradgivning", sr, expo(60), "skuldfri");
    add_supply(m, "lagenheter", S);
    index_t g = add_group(m, "hemlosa");
    add_initial(m, g, stod, static_cast<std::uint32_t>(n0));
    add_arrivals(m, g, stod, per_year_arrivals);
    index_t t1 = add_transition(m, stod, fors, expo(180));
    condition has_debt = condition::of(1);
    m.transitions[t1].gates = {
        {gate_kind::service, 0, has_debt}, {gate_kind::supply, 0, {}}, {gate_kind::staff, 0, {}}};
    add_transition(m, fors, harb, unif(0, 365), 0.15);
    add_transition(m, fors, eget, fixed(365), 0.85);
    add_transition(m, harb, stod, expo(60));
    return m;
}

}  // namespace hemsim::testing

namespace hemsim::testing {

// Records what the engine emits, for checking gate semantics event by event.
struct trace : observer {
    struct row {
        double t;
        std::string what;
        index_t id;
        double wait;

        bool operator==(const row&) const = default;
    };
    std::vector<row> rows;
    void entered(double t, index_t p, std::uint64_t, std::uint64_t) override {
        rows.push_back({t, "enter", p, 0});
    }
    void left(double t, index_t p, std::uint64_t, std::uint64_t) override {
        rows.push_back({t, "leave", p, 0});
    }
    void moved(double t, index_t tr, std::uint64_t) override { rows.push_back({t, "move", tr, 0}); }
    void rule(double t, index_t p, rule_event what, std::uint64_t) override {
        static const char* names[] = {"over", "moved_by_rule", "breach_max_stay", "redirected", "breach_bar"};
        rows.push_back({t, names[static_cast<int>(what)], p, 0});
    }
    void queue_abandoned(double t, index_t q) override { rows.push_back({t, "abandon", q, 0}); }
    void created(double t, bool) override { rows.push_back({t, "create", 0, 0}); }
    void exited(double t, index_t p) override { rows.push_back({t, "exit", p, 0}); }
    void queue_joined(double t, index_t q) override { rows.push_back({t, "join", q, 0}); }
    void queue_left(double t, index_t q, double w) override { rows.push_back({t, "served", q, w}); }
    void offer_made(double, index_t) override {}
    void offer_lost(double t, index_t s) override { rows.push_back({t, "lost", s, 0}); }

    std::vector<double> times(const std::string& what) const {
        std::vector<double> out;
        for (const row& r : rows)
            if (r.what == what) out.push_back(r.t);
        return out;
    }
};

}  // namespace hemsim::testing
