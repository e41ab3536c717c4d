// The programme's rules (seed 004) and indicators: maximum stays, who may
// never be placed where, breaches when capacity makes a rule impossible, and
// the indicators counted per year. Also staff funded by project lines.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app/run.hpp"
#include "builders.hpp"
#include "engine/simulator.hpp"
#include "results/recorder.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"
#include "rows.hpp"

using namespace hemsim;
using namespace hemsim::testing;

namespace {

trace run_events(const model& m, int months) {
    calendar cal(ymd(2015, 1, 1), months);
    trace ev;
    simulator sim(m, cal, ev, 1, 0);
    sim.run();
    return ev;
}

attribute attr(const std::string& id, double p) {
    attribute a;
    a.id = a.name = id;
    a.probability = p;
    return a;
}

}  // namespace

TEST_CASE("a maximum stay moves the client on, or counts a breach when there is no room", "[rules]") {
    model m;
    add_payer(m, "p");
    index_t akut = add_placement(m, "akut", 700);
    index_t stod = add_placement(m, "stod", 900);
    index_t ut = add_placement(m, "ut", 0, true);
    m.placements[akut].max_stay_days = 30;
    m.placements[akut].after_max_stay = stod;
    m.placements[stod].capacity = constant(1);
    add_transition(m, stod, ut, fixed(50));
    index_t g = add_group(m, "g");
    add_initial(m, g, akut, 3);  // no way out of akut but the rule
    trace ev = run_events(m, 12);
    CHECK(ev.times("over") == std::vector<double>{30, 30, 30});
    CHECK(ev.times("breach_max_stay") == std::vector<double>{30, 30});
    CHECK(ev.times("moved_by_rule") == std::vector<double>{30, 80, 130});
    CHECK(ev.times("exit") == std::vector<double>{80, 130, 180});
}

TEST_CASE("more places on a date take the clients a maximum stay waits to move", "[rules][capacity]") {
    model m;
    add_payer(m, "p");
    index_t akut = add_placement(m, "akut", 700);
    index_t stod = add_placement(m, "stod", 900);
    index_t ut = add_placement(m, "ut", 0, true);
    m.placements[akut].max_stay_days = 30;
    m.placements[akut].after_max_stay = stod;
    schedule cap = constant(1);
    cap.steps = {{ymd(2015, 2, 10), 3}};  // day 40: from 1 to 3 places
    m.placements[stod].capacity = cap;
    add_transition(m, stod, ut, fixed(50));
    index_t g = add_group(m, "g");
    add_initial(m, g, akut, 3);  // no way out of akut but the rule
    trace ev = run_events(m, 12);
    CHECK(ev.times("breach_max_stay") == std::vector<double>{30, 30});
    // One at 30; the two waiting at day 40, when the places are there (with 1 place: 80 and 130).
    CHECK(ev.times("moved_by_rule") == std::vector<double>{30, 40, 40});
    CHECK(ev.times("exit") == std::vector<double>{80, 90, 90});
}

TEST_CASE("a maximum stay without a destination only counts", "[rules]") {
    model m;
    add_payer(m, "p");
    index_t akut = add_placement(m, "akut", 700);
    index_t ut = add_placement(m, "ut", 0, true);
    m.placements[akut].max_stay_days = 30;
    add_transition(m, akut, ut, fixed(45));
    index_t g = add_group(m, "g");
    add_initial(m, g, akut, 2);
    trace ev = run_events(m, 12);
    CHECK(ev.times("over") == std::vector<double>{30, 30});
    CHECK(ev.times("exit") == std::vector<double>{45, 45});
}

TEST_CASE("who may never be placed somewhere goes elsewhere, or a breach is counted", "[rules]") {
    model m;
    add_payer(m, "p");
    m.attributes = {attr("ung_vuxen", 0), attr("missbruk", 0)};
    index_t harb = add_placement(m, "harbarge", 550);
    index_t stod = add_placement(m, "stod", 900);
    m.placements[stod].capacity = constant(1);
    placement::bar b;
    b.when = condition::of(1, 2);  // ung_vuxen & !missbruk
    b.instead = stod;
    m.placements[harb].never_for = {b};
    index_t unga = add_group(m, "unga");
    m.groups[unga].attribute_probability = {1, 0};
    index_t unga_missbruk = add_group(m, "unga_missbruk");
    m.groups[unga_missbruk].attribute_probability = {1, 1};
    add_initial(m, unga, harb, 2);
    add_initial(m, unga_missbruk, harb, 1);
    trace ev = run_events(m, 12);
    CHECK(ev.times("redirected") == std::vector<double>{0});  // the first young adult: to stod
    CHECK(ev.times("breach_bar") == std::vector<double>{0});  // the second: stod is full
    // The young adult with substance abuse may be in the shelter: no rule applies.
    std::size_t rule_rows = 0;
    for (const auto& r : ev.rows)
        if (r.what == "redirected" || r.what == "breach_bar" || r.what == "over") ++rule_rows;
    CHECK(rule_rows == 2);
}

TEST_CASE("indicators: distinct persons per year, entries, moves, persons over the limit",
          "[rules][indicators]") {
    model m;
    add_payer(m, "p");
    m.attributes = {attr("barn", 0.5)};
    index_t harb = add_placement(m, "harbarge", 550);
    index_t lgh = add_placement(m, "lagenhet", 300);
    m.placements[harb].max_stay_days = 30;
    add_transition(m, harb, lgh, fixed(40));
    index_t evict = add_transition(m, lgh, harb, fixed(200));
    index_t g = add_group(m, "g");
    add_initial(m, g, harb, 10);
    indicator persons;
    persons.id = "personer_harbarge";
    persons.kind = indicator_kind::persons_in;
    persons.placements = {harb};
    indicator entries;
    entries.id = "inflyttningar";
    entries.kind = indicator_kind::entries;
    entries.placements = {lgh};
    indicator moves;
    moves.id = "vrakningar_barn";
    moves.kind = indicator_kind::moves;
    moves.transition = evict;
    moves.when = condition::of(1);
    indicator over;
    over.id = "over_en_manad";
    over.kind = indicator_kind::over_max_stay;
    over.placements = {harb};
    m.indicators = {persons, entries, moves, over};
    // Cycle of 240 days: in harbarge [0, 40), [240, 280), [480, 520) ...
    scenario sc = make_scenario(m, ymd(2015, 1, 1), 24, 1, 2);
    scenario_result res = run_case(sc, {});
    const replication_result& r = res.alts[0].reps[0];
    const std::size_t Y = 2;
    // Every person is in the shelter in 2015 (twice, counted once) and in 2016.
    CHECK(r.indicators[0 * Y + 0] == 10);
    CHECK(r.indicators[0 * Y + 1] == 10);
    // Entries into lagenhet: day 40 and 280 in 2015; 520 in 2016 (2016 starts on day 365).
    CHECK(r.indicators[1 * Y + 0] == 20);
    CHECK(r.indicators[1 * Y + 1] == 10);
    // Evictions (lagenhet -> harbarge) of families with children: day 240 (2015), 480 and 720 (2016).
    double children = 0;
    for (const auto& row : yearly_rows(sc, res))
        if (row.alternative == "nollalternativ" && row.year == "2015" &&
            row.metric == "indicator:vrakningar_barn")
            children = row.s.mean;
    CHECK(children == r.indicators[2 * Y + 0]);
    CHECK(r.indicators[2 * Y + 0] <= 10);
    CHECK(r.indicators[2 * Y + 1] == 2 * r.indicators[2 * Y + 0]);  // the same families each time
    // Over 30 days in the shelter: at days 30 and 270 (2015), 510 (2016): persons counted once a year.
    CHECK(r.indicators[3 * Y + 0] == 10);
    CHECK(r.indicators[3 * Y + 1] == 10);
}

TEST_CASE("staff funded by a project line add slots but cost the line's amount", "[rules][staff]") {
    model m;
    add_payer(m, "p");
    index_t a = add_placement(m, "a", 0);
    index_t b = add_placement(m, "b", 0);
    index_t bs = add_staff(m, "bs", 1, 500000, staff_kind::caseload, 1);
    m.staff[bs].funded_fte = {{ymd(2015, 3, 1), ymd(2015, 12, 31), 2}};
    index_t g = add_group(m, "g");
    add_initial(m, g, a, 3, initial_state::ready);
    index_t t = add_transition(m, a, b, fixed(0));
    m.transitions[t].gates = {{gate_kind::staff, 0, {}}};
    scenario sc = make_scenario(m, ymd(2015, 1, 1), 24, 1, 1);
    project_cost pc;
    pc.item = "2 boendestödjare";
    pc.per_year_sek = 900000;
    pc.start = ymd(2015, 3, 1);
    pc.end = ymd(2015, 12, 31);
    pc.payer = 0;
    pc.staff = 0;
    pc.fte = 2;
    sc.alternatives[0].project_costs = {pc};
    calendar cal = make_calendar(sc);
    result_layout l = make_layout(sc, sc.alternatives[0], cal);
    replication_result r = run_one(sc, sc.alternatives[0], cal, l, 1, 0);
    // One moves at once, two when the funded FTE arrive on 1 March (day 59).
    CHECK(r.person_days[a * 2 + 0] == 2 * 59.0);
    CHECK(r.cost_category(l, 0, static_cast<std::size_t>(category::staff)) == 500000);
    CHECK(r.cost_category(l, 0, static_cast<std::size_t>(category::project)) == Approx(900000.0 * 306 / 365));
}

TEST_CASE("the initial stock is not an entry; persons_in counts only those for whom `when` holds",
          "[rules][indicators]") {
    model m;
    add_payer(m, "p");
    m.attributes = {attr("alder_65", 0)};
    index_t akut = add_placement(m, "akut", 550);
    index_t hf = add_placement(m, "bostad_forst", 300);
    add_transition(m, akut, hf, fixed(10));
    index_t unga = add_group(m, "unga");
    index_t aldre = add_group(m, "aldre");
    m.groups[aldre].attribute_probability = {1};
    add_initial(m, unga, hf, 5);  // tenancies already running: not new ones
    add_initial(m, unga, akut, 3);
    add_initial(m, aldre, akut, 2);
    indicator tenancies;
    tenancies.id = "bostad_forst_nya";
    tenancies.kind = indicator_kind::entries;
    tenancies.placements = {hf};
    indicator old_in_acute;
    old_in_acute.id = "aldre_i_akut";
    old_in_acute.kind = indicator_kind::persons_in;
    old_in_acute.placements = {akut};
    old_in_acute.when = condition::of(1);
    m.indicators = {tenancies, old_in_acute};
    scenario sc = make_scenario(m, ymd(2015, 1, 1), 12, 1, 1);
    calendar cal = make_calendar(sc);
    result_layout l = make_layout(sc, sc.alternatives[0], cal);
    replication_result r = run_one(sc, sc.alternatives[0], cal, l, 1, 0);
    CHECK(r.indicators[0] == 5);  // the five who moved in on day 10, not the five already there
    CHECK(r.indicators[1] == 2);  // the two aged 65+, not the three young
}
