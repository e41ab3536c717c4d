// The engine with its recorder: pro-rata costs, gates, conservation,
// determinism and common random numbers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "app/run.hpp"
#include "builders.hpp"
#include "engine/simulator.hpp"
#include "report/csv.hpp"
#include "results/recorder.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"
#include "rows.hpp"

using namespace hemsim;
using namespace hemsim::testing;

namespace {

trace run_trace(const model& m, date start, int months, std::uint64_t rep = 0) {
    calendar cal(start, months);
    trace tr;
    simulator sim(m, cal, tr, 1, rep);
    sim.run();
    return tr;
}

replication_result run_one(const model& m, date start, int months) {
    scenario sc = make_scenario(m, start, months, 1, 1);
    calendar cal = make_calendar(sc);
    result_layout l = make_layout(sc, sc.alternatives[0], cal);
    return run_one(sc, sc.alternatives[0], cal, l, 1, 0);
}

std::size_t cat(category c) { return static_cast<std::size_t>(c); }

}  // namespace

TEST_CASE("cost accrues pro rata per dygn and splits at the year boundary", "[engine][cost]") {
    model m;
    add_payer(m, "enheten");
    index_t a = add_placement(m, "a", 100);
    index_t b = add_placement(m, "b", 300);
    index_t g = add_group(m, "g");
    add_initial(m, g, a, 1);
    add_transition(m, a, b, fixed(16.5));  // moves at noon on 31 December
    scenario sc = make_scenario(m, ymd(2008, 12, 15), 1, 1, 1);
    calendar cal = make_calendar(sc);
    result_layout l = make_layout(sc, sc.alternatives[0], cal);
    replication_result r = run_one(sc, sc.alternatives[0], cal, l, 1, 0);
    REQUIRE(l.years == std::vector<int>{2008, 2009});
    CHECK(r.person_days[a * 2 + 0] == 16.5);
    CHECK(r.person_days[b * 2 + 0] == 0.5);
    CHECK(r.person_days[b * 2 + 1] == 14.0);  // 1-14 January
    CHECK(r.cost[l.ledger_index(0, cat(category::placements), 0, a)] == Approx(1650));
    CHECK(r.cost[l.ledger_index(0, cat(category::placements), 0, b)] == Approx(150));
    CHECK(r.cost[l.ledger_index(1, cat(category::placements), 0, b)] == Approx(4200));
    CHECK(r.cost_total(l, 0) == Approx(1800));
    CHECK(r.cost_total(l, 1) == Approx(4200));
}

TEST_CASE("monthly prices: a whole calendar year costs 12 months, leap year or not", "[engine][cost]") {
    for (int y : {2008, 2009}) {
        model m;
        add_payer(m, "enheten");
        index_t a = add_placement(m, "stodboende", 0);
        m.placements[a].price_given_per_month = true;
        m.placements[a].price_per_month_sek = constant(16500);
        index_t g = add_group(m, "g");
        add_initial(m, g, a, 50);
        replication_result r = run_one(m, ymd(y, 1, 1), 12);
        scenario sc = make_scenario(m, ymd(y, 1, 1), 12, 1, 1);
        result_layout l = make_layout(sc, sc.alternatives[0], make_calendar(sc));
        INFO("year " << y);
        CHECK(r.cost_total(l, 0) == 9'900'000.0);  // 50 x 16 500 x 12, to the krona
    }
}

TEST_CASE("with no transitions the simulated cost is stock x price x days", "[engine][cost]") {
    model m;
    add_payer(m, "enheten");
    index_t a = add_placement(m, "familjehem", 1000);
    index_t g = add_group(m, "psykiatri");
    add_initial(m, g, a, 6);
    scenario sc = make_scenario(m, ymd(2009, 1, 1), 12, 3, 2);
    scenario_result res = run_case(sc, {});
    for (const auto& ar : res.alts)
        for (const auto& r : ar.reps) CHECK(r.cost_total(ar.layout, 0) == 2'190'000.0);  // 6 x 1000 x 365
}

TEST_CASE("staff and project costs follow their dates", "[engine][cost]") {
    model m;
    add_payer(m, "enheten");
    add_placement(m, "a", 0);
    staff_pool s;
    s.id = s.name = "boendestodjare";
    s.fte.initial = 6;
    s.fte.steps = {{ymd(2008, 4, 1), 9}};
    s.annual_cost_per_fte_sek = constant(500000);
    s.kind = staff_kind::caseload;
    s.slots_per_fte = 13;
    s.payer = 0;
    m.staff.push_back(s);
    add_group(m, "g");
    scenario sc = make_scenario(m, ymd(2008, 1, 1), 24, 1, 1);
    project_cost pc;
    pc.item = "3 boendestödjare";
    pc.per_year_sek = 1'500'000;
    pc.start = ymd(2008, 1, 1);
    pc.end = ymd(2008, 12, 31);
    pc.payer = 0;
    project_cost once;
    once.item = "flytt";
    once.one_off = true;
    once.one_off_sek = 50'000;
    once.start = ymd(2009, 3, 1);
    once.payer = 0;
    sc.alternatives[0].project_costs = {pc, once};
    calendar cal = make_calendar(sc);
    result_layout l = make_layout(sc, sc.alternatives[0], cal);
    replication_result r = run_one(sc, sc.alternatives[0], cal, l, 1, 0);
    // 2008 (366 days): 6 FTE for 91 days, 9 FTE for 275 days, at 500 000 a year.
    CHECK(r.cost_category(l, 0, cat(category::staff)) == Approx(500000.0 * (6 * 91 + 9 * 275) / 366));
    CHECK(r.cost_category(l, 1, cat(category::staff)) == Approx(4'500'000));
    CHECK(r.cost_category(l, 0, cat(category::project)) == Approx(1'500'000));
    CHECK(r.cost_category(l, 1, cat(category::project)) == Approx(50'000));
}

TEST_CASE("a capacity makes clients wait in their current placement", "[engine][gates]") {
    model m;
    add_payer(m, "p");
    index_t a = add_placement(m, "a", 10);
    index_t b = add_placement(m, "b", 20);
    index_t out = add_placement(m, "ut", 0, true);
    m.placements[b].capacity = constant(2);
    index_t g = add_group(m, "g");
    add_initial(m, g, a, 5);
    add_transition(m, a, b, fixed(1));
    add_transition(m, b, out, fixed(10));
    trace tr = run_trace(m, ymd(2010, 1, 1), 12);
    CHECK(tr.times("exit") == std::vector<double>{11, 11, 21, 21, 31});
    // Waits in the list a_b: 0, 0, 10, 10, 20.
    std::vector<double> waits;
    for (const auto& r : tr.rows)
        if (r.what == "served") waits.push_back(r.wait);
    CHECK(waits == std::vector<double>{0, 0, 10, 10, 20});
}

TEST_CASE("a capacity that rises on a date lets the waiting clients in at once",
          "[engine][gates][capacity]") {
    model m;
    add_payer(m, "p");
    index_t a = add_placement(m, "a", 10);
    index_t b = add_placement(m, "b", 20);
    index_t out = add_placement(m, "ut", 0, true);
    schedule cap = constant(5);
    cap.steps = {{ymd(2010, 1, 21), 12}};  // day 20: from 5 to 12 places
    m.placements[b].capacity = cap;
    index_t g = add_group(m, "g");
    add_initial(m, g, a, 30, initial_state::ready);
    add_transition(m, a, b, fixed(0));
    add_transition(m, b, out, fixed(10));
    trace tr = run_trace(m, ymd(2010, 1, 1), 12);
    // 5 enter at 0 and 10; at 20 the 5 that leave and 7 more places take 12; the last 8 at 30.
    std::vector<double> entries_b;
    for (const auto& r : tr.rows)
        if (r.what == "enter" && r.id == b) entries_b.push_back(r.t);
    std::vector<double> want_entries;
    for (auto [t, n] : std::vector<std::pair<double, int>>{{0, 5}, {10, 5}, {20, 12}, {30, 8}})
        want_entries.insert(want_entries.end(), static_cast<std::size_t>(n), t);
    CHECK(entries_b == want_entries);
    std::vector<double> want_exits;
    for (double t : want_entries) want_exits.push_back(t + 10);
    CHECK(tr.times("exit") == want_exits);
}

TEST_CASE("a capacity that falls below the clients present moves nobody and admits nobody until below it",
          "[engine][gates][capacity]") {
    model m;
    add_payer(m, "p");
    index_t a = add_placement(m, "a", 10);
    index_t b = add_placement(m, "b", 20);
    index_t out = add_placement(m, "ut", 0, true);
    schedule cap = constant(10);
    cap.steps = {{ymd(2010, 1, 6), 4}};  // day 5: from 10 to 4 places, with 8 clients there
    m.placements[b].capacity = cap;
    index_t g = add_group(m, "g");
    // 8 clients in b, two each leaving on days 8, 10, 12 and 14 (a stay of 20 days, part-way through).
    for (double elapsed : {12.0, 10.0, 8.0, 6.0}) {
        initial_stock st;
        st.id = "b_" + std::to_string(static_cast<int>(elapsed));
        st.placement = b;
        st.count = 2;
        st.state = initial_state::elapsed;
        st.elapsed_days = fixed(elapsed);
        m.groups[g].initial.push_back(st);
    }
    add_initial(m, g, a, 6);  // ready for b on day 6, after the fall
    add_transition(m, a, b, fixed(6));
    add_transition(m, b, out, fixed(20));
    trace tr = run_trace(m, ymd(2010, 1, 1), 12);
    // Nobody leaves b before the end of the stay: the fall moved nobody out.
    CHECK(tr.times("exit") == std::vector<double>{8, 8, 10, 10, 12, 12, 14, 14, 32, 32, 34, 34, 52, 52});
    // Occupancy 8, 6, 4: nobody enters; below 4 on day 12 and 14: two each; the last two on day 32.
    std::vector<double> entries_b;
    for (const auto& r : tr.rows)
        if (r.what == "enter" && r.id == b && r.t > 0) entries_b.push_back(r.t);
    CHECK(entries_b == std::vector<double>{12, 12, 14, 14, 32, 32});
    std::vector<double> waits;
    for (const auto& r : tr.rows)
        if (r.what == "served") waits.push_back(r.wait);
    CHECK(waits == std::vector<double>{6, 6, 8, 8, 26, 26});
}

TEST_CASE("a constant capacity written as a schedule of one step runs exactly as the constant",
          "[engine][gates][capacity]") {
    model m = kedjan(30, 20, 10, 1, 2);
    m.placements[2].capacity = constant(5);
    trace plain = run_trace(m, ymd(2010, 1, 1), 36);
    // A step at the start is in force from the start: the same capacity, the same run.
    schedule dated;
    dated.steps = {{ymd(2010, 1, 1), 5}};
    m.placements[2].capacity = dated;
    trace stepped = run_trace(m, ymd(2010, 1, 1), 36);
    REQUIRE(plain.rows.size() == stepped.rows.size());
    CHECK(plain.rows == stepped.rows);
    CHECK(plain.times("served").size() > 0);
}

TEST_CASE("staff slots are held in the destination and freed on leaving it", "[engine][gates]") {
    model m;
    add_payer(m, "p");
    index_t a = add_placement(m, "a", 10);
    index_t b = add_placement(m, "b", 20);
    index_t out = add_placement(m, "ut", 0, true);
    index_t bs = add_staff(m, "bs", 1, 0, staff_kind::caseload, 2);
    m.staff[bs].fte.steps = {{ymd(2010, 1, 16), 2}};  // day 15: a second worker
    index_t g = add_group(m, "g");
    add_initial(m, g, a, 6, initial_state::ready);
    index_t t = add_transition(m, a, b, fixed(0));
    m.transitions[t].gates = {{gate_kind::staff, 0, {}}};
    add_transition(m, b, out, fixed(10));
    trace tr = run_trace(m, ymd(2010, 1, 1), 12);
    // Two at 0 (exit 10), two when those leave at 10 (exit 20), two when the FTE rises at 15 (exit 25).
    CHECK(tr.times("exit") == std::vector<double>{10, 10, 20, 20, 25, 25});
}

TEST_CASE("a service is a FIFO queue served by a staff pool and grants its flag", "[engine][gates]") {
    model m;
    add_payer(m, "p");
    index_t a = add_placement(m, "a", 10);
    index_t out = add_placement(m, "ut", 0, true);
    add_service(m, "skuld", add_staff(m, "radgivare", 1, 0, staff_kind::service_slots, 1), fixed(5),
                "skuldfri");
    index_t g = add_group(m, "g");
    add_initial(m, g, a, 3, initial_state::ready);
    // One client already holds the flag: it passes the gate at once.
    initial_stock done;
    done.id = "klar";
    done.placement = a;
    done.count = 1;
    done.state = initial_state::ready;
    done.flags = 1;
    m.groups[g].initial.push_back(done);
    index_t t = add_transition(m, a, out, fixed(0));
    m.transitions[t].gates = {{gate_kind::service, 0, {}}};
    trace tr = run_trace(m, ymd(2010, 1, 1), 12);
    CHECK(tr.times("exit") == std::vector<double>{0, 5, 10, 15});
    std::vector<double> waits;
    for (const auto& r : tr.rows)
        if (r.what == "served") waits.push_back(r.wait);
    CHECK(waits == std::vector<double>{0, 5, 10});
}

TEST_CASE("an offer goes to the head of its queue or is lost", "[engine][gates]") {
    model m;
    add_payer(m, "p");
    index_t a = add_placement(m, "a", 10);
    index_t out = add_placement(m, "ut", 0, true);
    supply sp;
    sp.id = sp.name = "lgh";
    sp.per_year = constant(365.0 / 10);  // one every 10 days, the first on day 5
    sp.process = arrival_process::even;
    m.supplies.push_back(sp);
    index_t g = add_group(m, "g");
    add_initial(m, g, a, 2, initial_state::ready);
    index_t t = add_transition(m, a, out, fixed(0));
    m.transitions[t].gates = {{gate_kind::supply, 0, {}}};
    trace tr = run_trace(m, ymd(2010, 1, 1), 1);  // 31 days: offers on days 5, 15, 25
    CHECK(tr.times("exit") == std::vector<double>{5, 15});
    CHECK(tr.times("lost") == std::vector<double>{25});
}

TEST_CASE("queue ids: services, then a waiting list per transition, active with resource gates or room",
          "[engine][queues]") {
    // Transitions: stodboende_forsok (gated), forsok_harbarge, forsok_eget, harbarge_stodboende.
    model m = kedjan(30, 20, 10, 1, 2);
    m.placements[2].capacity = constant(5);  // harbarge: forsok_harbarge waits for room
    const std::vector<queue_info> q = m.queues();
    REQUIRE(q.size() == m.services.size() + m.transitions.size());
    CHECK(q[0].kind == queue_kind::service);
    CHECK(q[0].service_or_transition == 0);
    CHECK(q[0].active);
    std::vector<bool> active;
    for (std::size_t i = 1; i < q.size(); ++i) {
        CHECK(q[i].kind == queue_kind::waiting_list);
        CHECK(q[i].service_or_transition == i - 1);
        active.push_back(q[i].active);
    }
    CHECK(active == std::vector<bool>{true, true, false, false});

    SECTION("the engine emits these ids, and only active ones") {
        trace tr = run_trace(m, ymd(2010, 1, 1), 36);
        std::size_t service_joins = 0, list_joins = 0;
        for (const auto& r : tr.rows) {
            if (r.what != "join" && r.what != "served" && r.what != "abandon") continue;
            REQUIRE(r.id < q.size());
            CHECK(q[r.id].active);
            (q[r.id].kind == queue_kind::service ? service_joins : list_joins) += r.what == "join";
        }
        CHECK(service_joins > 0);
        CHECK(list_joins > 0);
    }
    SECTION("the results' layout numbers queues the same way") {
        scenario sc = make_scenario(m, ymd(2010, 1, 1), 12, 1, 1);
        calendar cal = make_calendar(sc);
        result_layout l = make_layout(sc, sc.alternatives[0], cal);
        REQUIRE(l.queues.size() == q.size());
        for (std::size_t i = 0; i < q.size(); ++i) {
            const index_t e = q[i].service_or_transition;
            const std::string& id = q[i].kind == queue_kind::service ? m.services[e].id : m.transitions[e].id;
            CHECK(l.queues[i] == id);
            CHECK((l.queue_active[i] != 0) == q[i].active);
        }
    }
}

TEST_CASE("clients are conserved in every replication", "[engine][conservation]") {
    model m = kedjan(50, 40, 30, 6, 8);
    scenario sc = make_scenario(m, ymd(2008, 1, 1), 36, 50, 2);
    sc.alternatives[1].system.supplies[0].per_year = constant(75);
    scenario_result res = run_case(sc, {});
    REQUIRE_NOTHROW(check_conservation(sc, res));
    for (const auto& ar : res.alts)
        for (const auto& r : ar.reps) {
            REQUIRE(r.flows.initial == 50);
            CHECK(r.flows.initial + r.flows.arrivals == r.flows.present + r.flows.exits);
            CHECK(r.flows.exits > 0);
        }
}

TEST_CASE("a simulator's workspace carries memory over, not state", "[engine][determinism]") {
    // Two systems, the larger first, so that the second starts from a store
    // with more capacity (and free slots) than it needs; exits reuse slots.
    const model big = kedjan(200, 160, 30, 6, 8), small = kedjan(50, 40, 30, 6, 8);
    const calendar cal(ymd(2008, 1, 1), 36);
    auto run = [&](const model& m, std::uint64_t rep, sim_workspace* ws) {
        trace tr;
        simulator sim(m, cal, tr, 1, rep, {}, ws);
        sim.run();
        CHECK(sim.counts().exits > 0);
        return tr.rows;
    };
    sim_workspace ws;
    for (std::uint64_t rep : {3, 0, 1}) {
        const auto fresh_big = run(big, rep, nullptr), fresh_small = run(small, rep, nullptr);
        REQUIRE(fresh_big.size() > 1000);
        CHECK(run(big, rep, &ws) == fresh_big);
        CHECK(run(small, rep, &ws) == fresh_small);
    }
}

TEST_CASE("the same seed gives byte-identical yearly.csv, for any thread count", "[engine][determinism]") {
    model m = kedjan(50, 40, 30, 6, 8);
    scenario sc = make_scenario(m, ymd(2008, 1, 1), 36, 40, 2);
    sc.alternatives[1].system.staff[0].fte = constant(9);
    run_options one;
    one.threads = 1;
    run_options two;
    two.threads = 2;
    std::string a = yearly_csv(yearly_table(sc, run_case(sc, one)));
    std::string b = yearly_csv(yearly_table(sc, run_case(sc, two)));
    std::string c = yearly_csv(yearly_table(sc, run_case(sc, two)));
    CHECK(a == b);
    CHECK(b == c);
    run_options other = two;
    other.seed = 43;
    other.seed_given = true;
    CHECK(yearly_csv(yearly_table(sc, run_case(sc, other))) != a);
}

TEST_CASE("common random numbers: an alternative identical to the nollalternativ differs by exactly 0",
          "[engine][crn]") {
    model m = kedjan(50, 40, 30, 6, 8);
    scenario sc = make_scenario(m, ymd(2008, 1, 1), 36, 30, 2);
    auto rows = yearly_rows(sc, run_case(sc, {}));
    int checked = 0;
    for (const auto& r : rows)
        if (r.metric == "diff_vs_baseline") {
            CHECK(r.s.mean == 0.0);
            CHECK(r.s.p05 == 0.0);
            CHECK(r.s.p95 == 0.0);
            CHECK(r.s.ci_low == 0.0);
            CHECK(r.s.ci_high == 0.0);
            ++checked;
        }
    CHECK(checked == 2 * 4);  // two alternatives x (3 years + total)
}

TEST_CASE("common random numbers make the paired difference far less noisy", "[engine][crn]") {
    model m = kedjan(50, 40, 30, 6, 8);
    scenario sc = make_scenario(m, ymd(2008, 1, 1), 36, 200, 2);
    sc.alternatives[1].system.supplies[0].per_year = constant(40);
    scenario_result res = run_case(sc, {});
    auto rows = yearly_rows(sc, res);
    double sd_base = 0, sd_alt = 0, sd_diff = 0;
    for (const auto& r : rows) {
        if (r.year != total_year) continue;
        if (r.metric == "cost_total" && r.alternative == "nollalternativ") sd_base = r.s.sd;
        if (r.metric == "cost_total" && r.alternative == "alt1") sd_alt = r.s.sd;
        if (r.metric == "diff_vs_baseline" && r.alternative == "alt1") sd_diff = r.s.sd;
    }
    // Independent runs would give sd(diff) = sqrt(sd_a^2 + sd_b^2).
    double independent = std::sqrt(sd_base * sd_base + sd_alt * sd_alt);
    INFO("sd base " << sd_base << ", alt " << sd_alt << ", paired diff " << sd_diff);
    CHECK(sd_diff < 0.5 * independent);
}

TEST_CASE("the monthly cash flow adds up to the yearly ledger", "[engine][cost]") {
    model m = kedjan(50, 40, 30, 6, 8);
    scenario sc = make_scenario(m, ymd(2008, 3, 15), 30, 1, 1);
    project_cost pc;
    pc.item = "projekt";
    pc.per_year_sek = 2'900'000;
    pc.start = ymd(2008, 6, 1);
    pc.end = ymd(2009, 5, 31);
    pc.payer = 0;
    sc.alternatives[0].project_costs = {pc};
    calendar cal = make_calendar(sc);
    result_layout l = make_layout(sc, sc.alternatives[0], cal);
    replication_result r = run_one(sc, sc.alternatives[0], cal, l, 1, 0);
    REQUIRE(r.cost_month.size() == cal.months() * l.K());
    for (std::size_t y = 0; y < l.Y(); ++y) {
        double months = 0;
        for (std::size_t mo = 0; mo < cal.months(); ++mo)
            if (cal.month_year[mo] == y)
                for (std::size_t k = 0; k < l.K(); ++k) months += r.cost_month[mo * l.K() + k];
        CHECK(months == Approx(r.cost_total(l, y)).epsilon(1e-12));
    }
}

namespace {

// Times of the rows `what` about `id` (a placement, a transition), in order.
std::vector<double> times_of(const trace& tr, const std::string& what, index_t id) {
    std::vector<double> out;
    for (const trace::row& r : tr.rows)
        if (r.what == what && r.id == id) out.push_back(r.t);
    return out;
}

// The conjunction of attribute masks (all of `on`, none of `off`) within times in the system.
conjunction conj(std::uint64_t on, std::uint64_t off, time_bounds in_system = {}) {
    return conjunction{on, off, in_system};
}

time_bounds above(double days, bool closed = false) {
    time_bounds b;
    b.lo = days;
    b.lo_closed = closed;
    return b;
}

time_bounds at_most(double days) {
    time_bounds b;
    b.hi = days;
    b.hi_closed = true;
    return b;
}

}  // namespace

TEST_CASE("a branch taken by an 'or' has the share of the entrants the attributes give",
          "[engine][conditions]") {
    // N new clients in `start` with attributes a (p), b (q), c (r), drawn independently;
    // x takes those for whom the condition holds, y the rest. The share into x
    // is checked with the run's own 95 % interval (binomial, N entrants).
    constexpr double p = 0.3, q = 0.5, r = 0.2;
    constexpr std::uint32_t n = 20000;
    model m;
    add_payer(m, "enheten");
    add_attribute(m, "a", p);
    add_attribute(m, "b", q);
    add_attribute(m, "c", r);
    index_t start = add_placement(m, "start", 100);
    index_t x = add_placement(m, "x", 0, true);
    index_t y = add_placement(m, "y", 0, true);
    index_t g = add_group(m, "g");
    add_initial(m, g, start, n);
    index_t to_x = add_transition(m, start, x, fixed(1));
    index_t to_y = add_transition(m, start, y, fixed(1));
    auto share_into_x = [&](const condition& into_x, const condition& rest, double want) {
        m.transitions[to_x].when = into_x;
        m.transitions[to_y].when = rest;
        replication_result res = run_one(m, ymd(2015, 1, 1), 12);
        const std::size_t years = res.moves.size() / m.transitions.size();
        const double into = res.moves[to_x * years], other = res.moves[to_y * years];
        CHECK(into + other == n);  // every entrant took one of them
        const double share = into / n;
        const double half = 1.96 * std::sqrt(share * (1 - share) / n);
        INFO("share into x: want " << want << ", got " << share << " +- " << half);
        CHECK(std::fabs(share - want) <= half);
        CHECK(half < 0.01);  // the interval is informative
    };
    SECTION("a | b: p + q - pq") {
        share_into_x(condition{{conj(1, 0), conj(2, 0)}}, condition::of(0, 1 | 2), p + q - p * q);
    }
    SECTION("a & !b | c, & binding tighter: 1 - (1 - p(1 - q))(1 - r)") {
        // The rest: !(a & !b | c) = !a & !c | b & !c. Read as a & (!b | c) the share would be 0.18.
        share_into_x(condition{{conj(1, 2), conj(4, 0)}}, condition{{conj(0, 1 | 4), conj(2, 4)}},
                     1 - (1 - p * (1 - q)) * (1 - r));
    }
}

TEST_CASE("a condition on the time in the system is read when it is checked", "[engine][conditions]") {
    const double month = 365.0 / 12;
    SECTION("a branch, on entry: after a month in akut and härbärge, the six-month decision") {
        // A: new in akut at 0 -> harbarge 20 -> akut 40 (40 days > a month) -> sex_man 60 -> eget 242.5.
        // B: in akut for 35 days when the run starts (elapsed): over a month already at 0,
        //    its stay over (fixed 20 < 35): into sex_man at once, out at 182.5.
        model m;
        add_payer(m, "enheten");
        index_t akut = add_placement(m, "akut", 800);
        index_t harb = add_placement(m, "harbarge", 550);
        index_t sex = add_placement(m, "sex_man", 600);
        index_t eget = add_placement(m, "eget", 0, true);
        index_t g = add_group(m, "g");
        add_initial(m, g, akut, 1);
        add_initial(m, g, akut, 1, initial_state::elapsed);
        m.groups[g].initial[1].elapsed_days = fixed(35);
        index_t short_stay = add_transition(m, akut, harb, fixed(20));
        m.transitions[short_stay].when = condition{{conj(0, 0, at_most(month))}};
        index_t decision = add_transition(m, akut, sex, fixed(20));
        m.transitions[decision].when = condition{{conj(0, 0, above(month))}};
        add_transition(m, harb, akut, fixed(20));
        add_transition(m, sex, eget, fixed(182.5));
        trace tr = run_trace(m, ymd(2015, 1, 1), 12);
        CHECK(times_of(tr, "enter", akut) == std::vector<double>{0, 0, 40});
        CHECK(times_of(tr, "enter", harb) == std::vector<double>{20});
        CHECK(times_of(tr, "enter", sex) == std::vector<double>{0, 60});
        CHECK(times_of(tr, "exit", eget) == std::vector<double>{182.5, 242.5});
        CHECK(times_of(tr, "move", decision) == std::vector<double>{0, 60});
    }
    SECTION("a service gate when the client reaches it; a bar when the client would enter") {
        // X: 20 days in p20, at the gate with 20 days in the system: no investigation, into stod at 20.
        // Y: 40 days in p40, 40 > a month: investigated (10 days), then at 50 barred from stod
        //    (in_system >= 45) and sent to stod_lang.
        model m;
        add_payer(m, "enheten");
        index_t p20 = add_placement(m, "p20", 100);
        index_t p40 = add_placement(m, "p40", 100);
        index_t stod = add_placement(m, "stod", 900);
        index_t lang = add_placement(m, "stod_lang", 900);
        index_t pool = add_staff(m, "utredare", 1, 0, staff_kind::service_slots, 1);
        index_t sv = add_service(m, "utredning", pool, fixed(10), "utredd");
        const condition over_a_month{{conj(0, 0, above(month))}};
        for (index_t from : {p20, p40}) {
            index_t t = add_transition(m, from, stod, fixed(from == p20 ? 20 : 40));
            m.transitions[t].gates = {{gate_kind::service, sv, over_a_month}};
        }
        m.placements[stod].never_for = {{condition{{conj(0, 0, above(45, true))}}, lang}};
        index_t g = add_group(m, "g");
        add_initial(m, g, p20, 1);
        add_initial(m, g, p40, 1);
        trace tr = run_trace(m, ymd(2015, 1, 1), 12);
        CHECK(tr.times("join") == std::vector<double>{40});
        CHECK(tr.times("served") == std::vector<double>{40});
        CHECK(times_of(tr, "enter", stod) == std::vector<double>{20});
        CHECK(times_of(tr, "enter", lang) == std::vector<double>{50});
        CHECK(times_of(tr, "redirected", stod) == std::vector<double>{50});
    }
}

TEST_CASE("an elapsed time drawn per client spreads the initial stock's exits over the stay",
          "[engine][initial]") {
    // N clients part-way through a fixed stay of D days, each with its own time
    // already spent, uniform on [0, L]: the remaining stay D - e is uniform on
    // [D - L, D] when L <= D (mean D - L/2); when L > D a share 1 - D/L is over
    // its stay at the start and leaves at once, the rest spread over [0, D].
    constexpr std::uint32_t n = 4000;
    constexpr double d = 365;
    auto exits_of = [&](double l, std::uint64_t rep = 0) {
        model m;
        add_payer(m, "enheten");
        index_t stod = add_placement(m, "stodboende", 500);
        index_t eget = add_placement(m, "eget", 0, true);
        index_t g = add_group(m, "g");
        add_initial(m, g, stod, n, initial_state::elapsed);
        m.groups[g].initial[0].elapsed_days = unif(0, l);
        add_transition(m, stod, eget, fixed(d));
        return run_trace(m, ymd(2015, 1, 1), 24, rep).times("exit");
    };
    SECTION("L <= D: the exits uniform on [D - L, D], mean D - L/2 within the run's 95 % interval") {
        constexpr double l = 240;
        const std::vector<double> t = exits_of(l);
        REQUIRE(t.size() == n);
        double sum = 0, sum2 = 0;
        std::size_t below_mid = 0;
        for (double x : t) {
            CHECK(x >= d - l);
            CHECK(x <= d);
            sum += x;
            sum2 += x * x;
            if (x < d - l / 2) ++below_mid;
        }
        const double mean = sum / n, sd = std::sqrt((sum2 - n * mean * mean) / (n - 1));
        const double half = 1.96 * sd / std::sqrt(double(n));
        INFO("mean exit day: want " << d - l / 2 << ", got " << mean << " +- " << half);
        CHECK(std::fabs(mean - (d - l / 2)) <= half);
        CHECK(half < 3);  // informative: sd L / sqrt(12) = 69 days over 4000 clients
        // Half of them before the midpoint (binomial, the run's own interval).
        const double share = double(below_mid) / n, share_half = 1.96 * std::sqrt(share * (1 - share) / n);
        CHECK(std::fabs(share - 0.5) <= share_half);
        // Drawn per client, not once for the entry.
        CHECK(std::adjacent_find(t.begin(), t.end()) == t.end());
    }
    SECTION("L > D: a share 1 - D/L leaves on day 0, the others uniform on (0, D]") {
        constexpr double l = 2920;  // 0-8 years in the stay already
        const std::vector<double> t = exits_of(l);
        REQUIRE(t.size() == n);
        std::size_t at_start = 0;
        double sum = 0;
        for (double x : t) {
            CHECK(x >= 0);
            CHECK(x <= d);
            if (x == 0)
                ++at_start;
            else
                sum += x;
        }
        const double share = double(at_start) / n, half = 1.96 * std::sqrt(share * (1 - share) / n);
        INFO("share over its stay at the start: want " << 1 - d / l << ", got " << share << " +- " << half);
        CHECK(std::fabs(share - (1 - d / l)) <= half);
        // The others' exits: uniform on [0, D], mean D/2 (sd D / sqrt(12)).
        const double rest = double(n - at_start), mean = sum / rest;
        const double mean_half = 1.96 * d / std::sqrt(12.0) / std::sqrt(rest);
        INFO("mean exit day of the others: want " << d / 2 << ", got " << mean << " +- " << mean_half);
        CHECK(std::fabs(mean - d / 2) <= mean_half);
    }
    SECTION("each client's draw is its own: the same in every run, other in another replication") {
        CHECK(exits_of(240) == exits_of(240));
        CHECK(exits_of(240, 0) != exits_of(240, 1));
    }
}

TEST_CASE("the drawn elapsed time counts as time in the system", "[engine][initial][conditions]") {
    // Elapsed uniform on [0, 240]: a branch for those in the system over 120 days
    // takes half of them (binomial, the run's own interval).
    constexpr std::uint32_t n = 4000;
    model m;
    add_payer(m, "enheten");
    index_t a = add_placement(m, "akut", 800);
    index_t x = add_placement(m, "x", 0, true);
    index_t y = add_placement(m, "y", 0, true);
    index_t g = add_group(m, "g");
    add_initial(m, g, a, n, initial_state::elapsed);
    m.groups[g].initial[0].elapsed_days = unif(0, 240);
    index_t long_ago = add_transition(m, a, x, fixed(300));
    m.transitions[long_ago].when = condition{{conj(0, 0, above(120))}};
    index_t recent = add_transition(m, a, y, fixed(300));
    m.transitions[recent].when = condition{{conj(0, 0, at_most(120))}};
    trace tr = run_trace(m, ymd(2015, 1, 1), 12);
    std::size_t into_x = 0, into_y = 0;
    for (const auto& r : tr.rows)
        if (r.what == "exit") (r.id == x ? into_x : into_y) += 1;
    CHECK(into_x + into_y == n);
    const double share = double(into_x) / n, half = 1.96 * std::sqrt(share * (1 - share) / n);
    INFO("share over 120 days in the system: want 0.5, got " << share << " +- " << half);
    CHECK(std::fabs(share - 0.5) <= half);
}

TEST_CASE("the elapsed time drawn per client gives the same results for any thread count",
          "[engine][initial][determinism]") {
    model m = kedjan(50, 40, 30, 6, 8);
    m.groups[0].initial[0].state = initial_state::elapsed;
    m.groups[0].initial[0].elapsed_days = unif(0, 2920);
    scenario sc = make_scenario(m, ymd(2008, 1, 1), 36, 20, 2);
    run_options one;
    one.threads = 1;
    run_options two;
    two.threads = 2;
    CHECK(yearly_csv(yearly_table(sc, run_case(sc, one))) == yearly_csv(yearly_table(sc, run_case(sc, two))));
}

TEST_CASE("a branch probability that changes on a date is read on the day of entry", "[engine][schedules]") {
    // n clients enter `a` on day 0, n more on day 50 (2015-02-20), the date the
    // share of failed tenancies falls from 0.3 to 0.1; the sibling takes the
    // rest (0.7, then 0.9). Shares binomial, checked with the run's own 95 % interval.
    constexpr std::uint32_t n = 10000;
    model m;
    add_payer(m, "enheten");
    index_t pre = add_placement(m, "pre", 100);
    index_t a = add_placement(m, "a", 100);
    index_t x = add_placement(m, "x", 0, true);
    index_t y = add_placement(m, "y", 0, true);
    index_t g = add_group(m, "g");
    add_initial(m, g, a, n);
    add_initial(m, g, pre, n);
    add_transition(m, pre, a, fixed(50));  // enters a on the date itself
    index_t fail = add_transition(m, a, x, fixed(1), 0.3);
    index_t rest = add_transition(m, a, y, fixed(1), 0.7);
    m.transitions[fail].probability_steps = {{ymd(2015, 2, 20), 0.1}};
    m.transitions[fail].remainder = rest;
    m.transitions[rest].remainder = fail;
    trace tr = run_trace(m, ymd(2015, 1, 1), 12);
    auto share_into_x = [&](double t) {
        double into_x = 0, into_y = 0;
        for (const auto& r : tr.rows)
            if (r.what == "exit" && r.t == t) (r.id == x ? into_x : into_y) += 1;
        CHECK(into_x + into_y == n);  // every entrant took one of them
        return into_x / n;
    };
    for (auto [t, want] : {std::pair{1.0, 0.3}, std::pair{51.0, 0.1}}) {
        const double share = share_into_x(t), half = 1.96 * std::sqrt(share * (1 - share) / n);
        INFO("entered on day " << t - 1 << ": want " << want << ", got " << share << " +- " << half);
        CHECK(std::fabs(share - want) <= half);
        CHECK(half < 0.01);
    }
}

TEST_CASE("a duration that changes on a date is drawn on the day of entry", "[engine][schedules]") {
    // The stay in a: 180 days, from day 50 (2015-02-20) 90 days. Entries on days
    // 0, 49, 50 and 60 leave on 180, 229, 140 and 150: a client entered before
    // the date keeps its stay.
    model m;
    add_payer(m, "enheten");
    index_t a = add_placement(m, "a", 100);
    index_t out = add_placement(m, "ut", 0, true);
    index_t g = add_group(m, "g");
    add_initial(m, g, a, 1);
    for (double day : {49.0, 50.0, 60.0}) {
        index_t pre = add_placement(m, "pre" + std::to_string(static_cast<int>(day)), 100);
        add_initial(m, g, pre, 1);
        add_transition(m, pre, a, fixed(day));
    }
    index_t stay = add_transition(m, a, out, fixed(180));
    m.transitions[stay].after_steps = {{ymd(2015, 2, 20), fixed(90)}};
    trace tr = run_trace(m, ymd(2015, 1, 1), 12);
    std::vector<double> exits = tr.times("exit");
    std::sort(exits.begin(), exits.end());
    CHECK(exits == std::vector<double>{140, 150, 180, 229});
    // A step dated before the start is in force from the start.
    m.transitions[stay].after_steps = {{ymd(2014, 6, 1), fixed(90)}};
    exits = run_trace(m, ymd(2015, 1, 1), 12).times("exit");
    std::sort(exits.begin(), exits.end());
    CHECK(exits == std::vector<double>{90, 139, 140, 150});
}
