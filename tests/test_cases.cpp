// The seed business cases as shipped: `calc` reproduces each application's own
// figures to the krona; `run` finishes and conserves clients; and the
// nollalternativ with nothing moving reproduces the calc's stock figure.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "econ/calc.hpp"
#include "model/loader.hpp"
#include "report/calc_report.hpp"
#include "results/recorder.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"

using namespace hemsim;

namespace {

scenario load_case(const std::string& name) {
    return load_scenario(std::string(HEMSIM_SOURCE_DIR) + "/scenarios/" + name);
}

const calc_item& item(const calc_alternative& a, const std::string& name) {
    for (const calc_item& i : a.items)
        if (i.item == name) return i;
    FAIL("no calc line '" << name << "' in " << a.id);
    throw;
}

const calc_alternative& alt(const calc_result& c, const std::string& id) {
    for (const calc_alternative& a : c.alts)
        if (a.id == id) return a;
    FAIL("no alternative " << id);
    throw;
}

// Every replication of every alternative runs and conserves its clients.
void runs_and_conserves(const scenario& sc, std::uint32_t reps) {
    run_options o;
    o.replications = reps;
    scenario_result res = run_scenario(sc, o);
    REQUIRE_NOTHROW(check_conservation(sc, res));
    for (const auto& a : res.alts)
        for (const auto& r : a.reps) CHECK(r.flows.initial + r.flows.arrivals == r.flows.present + r.flows.exits);
}

// The nollalternativ with its calc stock standing still for one whole calendar
// year: no transitions, no arrivals, the calc lines' placements as the only
// stock. Its placement cost must equal count x price x period of those lines.
void still_stock_matches_calc(scenario sc) {
    alternative& base = sc.alternatives[sc.baseline_index()];
    model& m = base.system;
    m.transitions.clear();
    for (group& g : m.groups) {
        g.arrivals.clear();
        g.initial.clear();
    }
    double want = 0;
    for (const calc_line& l : base.calc) {
        if (l.placement == no_index) continue;
        initial_stock st;
        st.id = "calc";
        st.placement = l.placement;
        st.count = static_cast<std::uint32_t>(std::lround(l.count));
        m.groups[0].initial.push_back(st);
        // Whole persons for the simulation: the same rounding in the figure wanted.
        want += std::lround(l.count) * l.unit_price_sek * l.periods;
    }
    REQUIRE(want > 0);
    // A whole non-leap calendar year, so 12 months = 365 dygn exactly.
    sc.start = date{std::chrono::year{2009}, std::chrono::January, std::chrono::day{1}};
    sc.horizon_months = 12;
    base.project_costs.clear();
    calendar cal = make_calendar(sc);
    result_layout l = make_layout(sc, base, cal);
    replication_result r = run_replication(sc, base, cal, l, 1, 0);
    CHECK(r.cost_category(l, 0, static_cast<std::size_t>(category::placements)) == Approx(want).epsilon(1e-12));
}

}  // namespace

TEST_CASE("seed 002: calc reproduces the application's sum to the krona", "[cases][seed002]") {
    scenario sc = load_case("enheten-for-hemlosa-2007.toml");
    calc_result c = static_sum(sc);
    const calc_alternative& noll = alt(c, "nollalternativ");
    const calc_alternative& proj = alt(c, "projekt");
    CHECK(item(noll, "Stödboende (kön av färdigbehandlade)").amount_sek == 9'900'000.0);  // 50 x 16 500 x 12
    CHECK(item(noll, "Institution/familjehem, socialpsykiatrisk grupp").amount_sek == 2'190'000.0);  // 6 x 1000 x 365
    CHECK(item(proj, "Försörjningsstöd i försökslägenhet").amount_sek == 4'200'000.0);  // 50 x 7000 x 12
    // The 2,9 mkr budget as its six lines.
    CHECK(item(proj, "3 boendestödjare").amount_sek == 1'500'000.0);
    CHECK(item(proj, "20/40 utvecklare/socialsekreterare").amount_sek == 300'000.0);
    CHECK(item(proj, "1 budgetrådgivare").amount_sek == 600'000.0);
    CHECK(item(proj, "Driftsbudget (flytt, installation, tomhyra etc)").amount_sek == 200'000.0);
    CHECK(item(proj, "Utbildning, handledning/support").amount_sek == 200'000.0);
    CHECK(item(proj, "Dokumentation/uppföljning/konsultmedverkan").amount_sek == 100'000.0);
    double budget = 0;
    for (const calc_item& i : proj.items)
        if (i.project && i.item != "Boendestöd, socialpsykiatrisk grupp") budget += i.amount_sek;
    CHECK(budget == 2'900'000.0);
    CHECK(item(proj, "Boendestöd, socialpsykiatrisk grupp").amount_sek == 800'000.0);
    CHECK(noll.total_sek == 12'090'000.0);
    CHECK(proj.total_sek == 7'900'000.0);
    CHECK(proj.diff_sek == -4'190'000.0);  // "över 4 miljoner"; 4,1 by the seed's rounding

    std::string table = calc_table(sc, c, language::sv);
    for (const char* want : {"9 900 000 kr", "9,9 mkr", "4 200 000 kr", "4,2 mkr", "2 190 000 kr", "2,1 mkr",
                             "-4 190 000 kr", "4,1 mkr", "1 000 kr/dygn × 365 dygn"}) {
        INFO(want);
        CHECK(table.find(want) != std::string::npos);
    }
    std::string csv = calc_csv(c);
    CHECK(csv.find("nollalternativ,Stödboende (kön av färdigbehandlade),50,16500,12,9900000\n") != std::string::npos);
    CHECK(csv.find("projekt,diff_vs_baseline,,,,-4190000\n") != std::string::npos);
}

TEST_CASE("seed 002: run finishes and conserves clients", "[cases][seed002]") {
    runs_and_conserves(load_case("enheten-for-hemlosa-2007.toml"), 20);
}

TEST_CASE("seed 002: the nollalternativ standing still reproduces the calc's stock", "[cases][seed002]") {
    still_stock_matches_calc(load_case("enheten-for-hemlosa-2007.toml"));
}
