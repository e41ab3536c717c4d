// Numbers a steering group can defend (issue 8): each trap found by trying the
// tool as a new user would, with the fix it got.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "app/analysis.hpp"
#include "app/run.hpp"
#include "cli_helpers.hpp"
#include "econ/calc.hpp"
#include "econ/economics.hpp"
#include "engine/random.hpp"
#include "model/calendar.hpp"
#include "model/loader.hpp"
#include "report/analytic_report.hpp"
#include "report/calc_report.hpp"
#include "report/economics_report.hpp"
#include "report/text.hpp"
#include "report/warnings_report.hpp"
#include "results/runner.hpp"
#include "results/statistics.hpp"
#include "results/summary.hpp"
#include "rows.hpp"

using namespace hemsim;
using Catch::Matchers::Contains;
using hemsim::testing::cli;
using hemsim::testing::read_file;
using hemsim::testing::yearly_rows;
namespace fs = std::filesystem;

namespace {

const std::string model_file = std::string(HEMSIM_TEST_DATA) + "/uncertain/plain-model.toml";

// A folder of its own per test case (ctest runs cases in parallel processes).
fs::path scratch(const std::string& name) { return hemsim::testing::fresh_path("defensible-" + name, true); }

// A case on the plain test model: `body` holds the alternatives (and any top-level values).
fs::path write_case(const fs::path& dir, const std::string& body,
                    const std::string& head = "horizon_years = 2") {
    fs::path f = dir / "case.toml";
    std::ofstream(f) << "title = \"t\"\nmodel = \"" << model_file << "\"\nstart = 2008-01-01\n"
                     << head << "\nreplications = 20\nseed = 3\n"
                     << body;
    return f;
}

std::string error_of(const fs::path& f) {
    try {
        load_scenario(f);
    } catch (const input_error& e) {
        return e.what();
    }
    return "";
}

const std::string two_alts =
    "[[alternative]]\nid = \"noll\"\nbaseline = true\n[[alternative]]\nid = \"projekt\"\n"
    "set = { \"supply.lagenheter.per_year\" = 45 }\n";

// A row over every payer and the whole horizon, by the alternative's id.
const econ_row* find(const econ_table& t, const std::string& alt, measure m) {
    for (std::size_t a = 0; a < t.alternatives.size(); ++a)
        if (t.alternatives[a] == alt) return t.find(a, m);
    return nullptr;
}

}  // namespace

TEST_CASE("the tornado moves a distribution only in the alternative that states it", "[defensible]") {
    fs::path dir = scratch("tornado");
    // The probability is uncertain in the project alone; in the nollalternativ it is the model's 0.7.
    fs::path f = write_case(dir, two_alts +
                                     "  [[alternative.attribute]]\n  id = \"forsorjningsstod\"\n"
                                     "  probability = { beta = [0.7, 0.1] }\n");
    scenario sc = load_scenario(f);
    REQUIRE(sc.alternatives[0].system.uncertain.empty());
    REQUIRE(sc.alternatives[1].system.uncertain.size() == 1);
    run_options o;
    o.replications = 20;
    econ_options e;
    auto rows = one_way_sensitivity(sc, o, e);
    REQUIRE(rows.size() == 1);
    const tornado_row& t = rows[0];
    // The same NPV as a fixed run with the low value in the project only...
    run_options fixed = o;
    fixed.fixed_parameters = true;
    scenario alone = sc;
    set_value(alone, "attribute.forsorjningsstod.probability", t.low_value, false);
    const econ_table alone_rows =
        headline_rows(alone, run_case(alone, fixed), e);  // kept: find points into it
    const econ_row* want = find(alone_rows, "projekt", measure::npv_diff);
    REQUIRE(want);
    CHECK(t.npv_low.mean == want->s.mean);
    // ... and not the one with the value in both alternatives.
    scenario both = sc;
    set_value(both, "attribute.forsorjningsstod.probability", t.low_value, true);
    const econ_table both_rows = headline_rows(both, run_case(both, fixed), e);
    const econ_row* wrong = find(both_rows, "projekt", measure::npv_diff);
    REQUIRE(wrong);
    CHECK(t.npv_low.mean != wrong->s.mean);
}

TEST_CASE("shares have intervals inside [0, 1]; non-negative quantities never below 0", "[defensible]") {
    double lo = 0, hi = 0;
    wilson_interval(20, 20, 0.95, lo, hi);  // every future saves
    CHECK(hi == 1.0);
    CHECK(lo == Approx(0.8389).epsilon(1e-3));
    wilson_interval(0, 20, 0.95, lo, hi);
    CHECK(lo == 0.0);
    CHECK(hi == Approx(0.1611).epsilon(1e-3));
    wilson_interval(11, 20, 0.95, lo, hi);
    CHECK(lo == Approx(0.3421).epsilon(1e-3));
    CHECK(hi == Approx(0.7418).epsilon(1e-3));
    sample_summary s = summarize({1, 1, 1, 1, 0}, quantity_kind::share);
    CHECK(s.ci_high <= 1.0);
    CHECK(s.ci_low >= 0.0);
    sample_summary w = summarize({0, 0, 0, 0, 0, 0, 0, 1e-5}, quantity_kind::non_negative);
    CHECK(w.ci_low == 0.0);
    CHECK(summarize({0, 0, 0, 0, 0, 0, 0, 1e-5}).ci_low < 0);  // what the plain t interval gives

    // Through a run: every share and every wait in the files.
    fs::path dir = scratch("shares");
    auto r = cli({"run", write_case(dir, two_alts).string(), "--out", (dir / "out").string(), "-q"});
    REQUIRE(r.code == 0);
    std::istringstream econ(read_file(dir / "out" / "economics.csv"));
    std::string line;
    int shares = 0;
    while (std::getline(econ, line)) {
        if (line.find(",p_") == std::string::npos) continue;
        ++shares;
        double mean, low, high;
        std::size_t at = line.find(",p_");
        at = line.find(',', at + 1);
        std::istringstream fields(line.substr(at + 1));
        char comma;
        fields >> mean >> comma >> low >> comma >> high;
        INFO(line);
        CHECK(low >= 0);
        CHECK(high <= 1);
    }
    CHECK(shares > 0);
    std::istringstream yearly(read_file(dir / "out" / "yearly.csv"));
    while (std::getline(yearly, line)) {
        if (line.find("wait_mean_days:") == std::string::npos && line.find("queue_") == std::string::npos)
            continue;
        INFO(line);
        CHECK(line.find(",-") == std::string::npos);
    }
}

TEST_CASE("a figure beyond the horizon is not printed", "[defensible]") {
    fs::path dir = scratch("mandate");
    scenario sc = load_scenario(write_case(dir, two_alts, "horizon_months = 36"));
    run_options o;
    scenario_result res = run_case(sc, o);
    econ_options e;  // a mandate of 48 months
    auto rows = economics_rows(sc, res, e);
    CHECK(find(rows, "projekt", measure::p_breakeven_mandate) == nullptr);
    CHECK(find(rows, "projekt", measure::p_breakeven_horizon) != nullptr);
    std::string sv = economics_summary(sc, res, e, language::sv);
    CHECK_THAT(sv, Contains("inom en mandatperiod (48 mån) kan det inte bedömas: horisonten är kortare"));
    CHECK_THAT(sv, !Contains("inom 48 mån"));
    e.mandate_months = 24;
    CHECK(find(economics_rows(sc, res, e), "projekt", measure::p_breakeven_mandate) != nullptr);
}

TEST_CASE("analyze prints an interval in the direction of its figure", "[defensible]") {
    analytic_comparison cmp;
    alternative_comparison c;
    c.alternative = "noll";
    c.year = 2010;
    c.analytic_person_days = 20000;
    c.simulated_person_days.mean = 15000;
    c.departure_percent = -25;
    c.significant = true;
    c.queue_cost_sek.mean = -14939256;
    c.queue_cost_sek.ci_low = -15330652;
    c.queue_cost_sek.ci_high = -14547859;
    cmp.alternatives.push_back(c);
    std::string sv = comparison_table(cmp, language::sv);
    CHECK_THAT(sv, Contains("14 939 256 kr [14 547 859 – 15 330 652] mindre per år"));
}

TEST_CASE("one static sum, computed in one place; none without calc lines", "[defensible]") {
    fs::path dir = scratch("calc");
    const std::string body =
        "[[alternative]]\nid = \"noll\"\nbaseline = true\n"
        "  [[alternative.calc]]\n  placement = \"stodboende\"\n  count = 50\n"
        "[[alternative]]\nid = \"projekt\"\n"
        "  [[alternative.project_cost]]\n  item = \"Stöd\"\n  per_year = 1500000\n  start = 2008-03-01\n"
        "  end = 2009-02-28\n  payer = \"enheten\"\n";
    scenario sc = load_scenario(write_case(dir, body));
    calc_result c = static_sum(sc);
    REQUIRE(c.alts.size() == 2);
    CHECK(c.alts[0].has_sum);
    CHECK(c.alts[0].total_sek == 9900000);
    CHECK_FALSE(c.alts[1].has_sum);
    CHECK_FALSE(c.alts[1].diff_sek.has_value());  // no saving of 8,4 mkr from a project line alone
    CHECK_THAT(calc_table(sc, c, language::sv), Contains("Ingen kalkyl"));
    CHECK(calc_csv(c).find("projekt,diff_vs_baseline") == std::string::npos);
    // run sets the same annual figure beside every simulated year.
    run_options o;
    scenario_result res = run_case(sc, o);
    std::string beside = calc_beside_run(sc, c, yearly_table(sc, res), language::sv);
    CHECK_THAT(beside, Contains("noll: kalkyl 9 900 tkr per år"));
    CHECK_THAT(beside, Contains("projekt: ingen kalkyl (inga kalkylrader)"));
}

TEST_CASE("halves round away from zero, as the applications and Excel do", "[defensible]") {
    CHECK(format_number(1204500 / 1e3, 0, language::sv) == "1 205");
    CHECK(format_number(2007500 / 1e3, 0, language::sv) == "2 008");
    CHECK(format_number(2.675, 2, language::sv) == "2,68");
    CHECK(format_number(0.125, 2, language::en) == "0.13");
    CHECK(format_number(-0.5, 0, language::sv) == "-1");
    CHECK(format_number(-0.4, 0, language::sv) == "0");  // never "-0"
    CHECK(format_number(-0.004, 2, language::sv) == "0,00");
    CHECK(format_number(1e20, 0, language::en) == "100,000,000,000,000,000,000");
}

TEST_CASE("under 365-day years a dated step lands on its model day", "[defensible]") {
    calendar cal(date{std::chrono::year{2000}, std::chrono::January, std::chrono::day{1}}, 72, true);
    CHECK(cal.to_days(date{std::chrono::year{2005}, std::chrono::January, std::chrono::day{1}}) == 1825);
    CHECK(cal.to_days(date{std::chrono::year{2004}, std::chrono::March, std::chrono::day{1}}) ==
          365 * 4 + 59);
    CHECK(cal.to_days(date{std::chrono::year{2004}, std::chrono::February, std::chrono::day{29}}) ==
          365 * 4 + 59);
    calendar plain(date{std::chrono::year{2000}, std::chrono::January, std::chrono::day{1}}, 72, false);
    CHECK(plain.to_days(date{std::chrono::year{2005}, std::chrono::January, std::chrono::day{1}}) == 1827);
    // Evenly spaced arrivals from 1 January 2005: all 365 of them in the model year 2005.
    fs::path dir = scratch("365");
    fs::path m = dir / "m.toml";
    std::ofstream(m)
        << "[[payer]]\nid = \"p\"\n[[placement]]\nid = \"in\"\nprice_per_day = 1\npayer = \"p\"\n"
           "[[placement]]\nid = \"ut\"\nterminal = true\n"
           "[[group]]\nid = \"g\"\n  [[group.arrivals]]\n  placement = \"in\"\n  process = \"even\"\n"
           "  per_year = [ { value = 0 }, { from = 2005-01-01, value = 365 } ]\n"
           "[[transition]]\nfrom = \"in\"\nto = \"ut\"\nafter = 0\n";
    std::ofstream(dir / "c.toml")
        << "title = \"t\"\nmodel = \"m.toml\"\nstart = 2000-01-01\nhorizon_years = 6\n"
           "years = \"365-day\"\nreplications = 1\n"
           "[[alternative]]\nid = \"a\"\nbaseline = true\n[[alternative]]\nid = \"b\"\n";
    scenario sc = load_scenario(dir / "c.toml");
    scenario_result res = run_case(sc, run_options{});
    bool found = false;
    for (const auto& r : yearly_rows(sc, res))
        if (r.alternative == "a" && r.metric == "exits:ut" && r.year == "2005") {
            found = true;
            CHECK(r.s.mean == 365);
        }
    CHECK(found);
}

TEST_CASE("an override whose id matches nothing is an error, a new element is said so", "[defensible]") {
    fs::path dir = scratch("override");
    std::string msg = error_of(write_case(dir,
                                          "[[alternative]]\nid = \"noll\"\nbaseline = true\n[[alternative]]\n"
                                          "id = \"projekt\"\n  [[alternative.supply]]\n  id = \"lagenhet\"\n"
                                          "  per_year = 75\n"));
    CHECK_THAT(msg, Contains("case.toml:") && Contains("no supply 'lagenhet' to change") &&
                        Contains("did you mean 'lagenheter'?") && Contains("new = true"));
    msg = error_of(
        write_case(dir,
                   "[[alternative]]\nid = \"noll\"\nbaseline = true\n[[alternative]]\n"
                   "id = \"projekt\"\n  [[alternative.attribute]]\n  id = \"bff\"\n  probability = 0.2\n"));
    CHECK_THAT(msg, Contains("no attribute 'bff' to change"));
    msg = error_of(
        write_case(dir,
                   "[[alternative]]\nid = \"noll\"\nbaseline = true\n[[alternative]]\n"
                   "id = \"projekt\"\n  [[alternative.supply]]\n  new = true\n  id = \"lagenheter\"\n"
                   "  per_year = 75\n"));
    CHECK_THAT(msg, Contains("supply 'lagenheter' already exists") && Contains("remove new = true"));
    scenario sc =
        load_scenario(write_case(dir,
                                 "[[alternative]]\nid = \"noll\"\nbaseline = true\n[[alternative]]\n"
                                 "id = \"projekt\"\n  [[alternative.supply]]\n  new = true\n"
                                 "  id = \"korttid\"\n  per_year = 5\n"));
    CHECK(sc.alternatives[1].system.supplies.size() == 2);
    CHECK(sc.alternatives[0].system.supplies.size() == 1);
}

TEST_CASE("the mistakes people make get messages that say what to write", "[defensible]") {
    fs::path dir = scratch("messages");
    std::ofstream(dir / "comma.toml") << "[[attribute]]\nid = \"a\"\nprobability = 0,45\n";
    try {
        load_model(dir / "comma.toml");
        FAIL("accepted a decimal comma");
    } catch (const input_error& e) {
        CHECK_THAT(std::string(e.what()),
                   Contains("comma.toml:3:") && Contains("TOML numbers use a decimal point: write 0.45"));
    }
    std::string msg =
        error_of(write_case(dir, two_alts + "  [[alternative.transition]]\n  from = \"forsok\"\n"
                                            "  to = \"eget\"\n  when = \"has_debt or forsorjningsstod\"\n"));
    CHECK_THAT(msg, Contains("with a space in it") && Contains("write 'or' as |"));
    // A model file where a case is wanted.
    auto r = cli({"run", model_file});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("this is a model file") && Contains("takes a case (scenario) file"));
    // An uncertain branch with no sibling to take the rest points at its own line.
    std::ofstream(dir / "branch.toml") << read_file(model_file) << "\n";
    std::string text = read_file(dir / "branch.toml");
    auto replace = [&](const std::string& from, const std::string& to) {
        text.replace(text.find(from), from.size(), to);
    };
    replace("probability = 0.85", "probability = { beta = [0.85, 0.05] }");
    replace("probability = { value = 0.15, source = \"peers/MODEL.md B\" }",
            "probability = { beta = [0.15, 0.05] }");
    std::ofstream(dir / "branch.toml") << text;
    try {
        load_model(dir / "branch.toml");
        FAIL("accepted two uncertain branches with nobody to take the rest");
    } catch (const input_error& e) {
        INFO(e.what());
        CHECK_THAT(std::string(e.what()),
                   Contains("branch.toml:1") && Contains("no other transition out of 'forsok'"));
        CHECK_THAT(std::string(e.what()), !Contains("branch.toml:1:1:"));
    }
}

TEST_CASE("any number of a schedule, a branch, a duration, a count or a project line may be uncertain",
          "[defensible][uncertainty]") {
    fs::path dir = scratch("everywhere");
    const std::string body =
        "[[supply]]\nid = \"lagenheter\"\n"
        "per_year = [ { value = 30 }, { from = 2008-07-01, value = { uniform = [20, 60] } } ]\n"
        "[[transition]]\nfrom = \"forsok\"\nto = \"harbarge\"\nprobability = { beta = [0.15, 0.05] }\n"
        "[[transition]]\nfrom = \"stodboende\"\nto = \"forsok\"\nafter = { exponential = { triangular = "
        "[120, 180, 240] } }\n"
        "[[group]]\nid = \"hemlosa\"\n  [[group.initial]]\n  placement = \"stodboende\"\n"
        "  count = { triangular = [40, 50, 60] }\n"
        "[[alternative]]\nid = \"noll\"\nbaseline = true\n[[alternative]]\nid = \"projekt\"\n"
        "  [[alternative.project_cost]]\n  item = \"x\"\n  per_year = { uniform = [100000, 300000] }\n"
        "  payer = \"enheten\"\n";
    scenario sc = load_scenario(write_case(dir, body));
    const model& noll = sc.alternatives[0].system;
    const model& proj = sc.alternatives[1].system;
    CHECK(noll.uncertain.size() == 4);
    CHECK(proj.uncertain.size() == 5);  // and its project line
    CHECK(noll.find_input("supply.lagenheter.per_year@2008-07-01")->dist);
    CHECK(noll.find_input("transition.stodboende_forsok.after.mean")->dist);
    CHECK(noll.find_input("group.hemlosa.initial.stodboende.count")->rule == value_rule::whole);
    CHECK(proj.find_input("alternative.projekt.project_cost.1.per_year")->dist);
    // Each replication: the same draw in both alternatives, whole counts, branches summing to 1.
    run_options o;
    o.replications = 30;
    scenario_result res = run_case(sc, o);
    std::vector<double> counts;
    for (std::size_t r = 0; r < res.alts[0].reps.size(); ++r) {
        const auto& a = res.alts[0].reps[r].params;
        const auto& b = res.alts[1].reps[r].params;
        REQUIRE(a.size() == 4);
        REQUIRE(b.size() == 5);
        for (std::size_t i = 0; i < 4; ++i) CHECK(a[i] == b[i]);
        for (std::size_t i = 0; i < 4; ++i)
            if (noll.uncertain[i].rule == value_rule::whole) {
                CHECK(a[i] == std::round(a[i]));
                counts.push_back(a[i]);
            }
        alternative drawn = sc.alternatives[0];
        for (std::size_t i = 0; i < 4; ++i)
            set_input(drawn.system, nullptr, noll.uncertain[i].ref, noll.uncertain[i].rule, a[i]);
        const auto& t = drawn.system.transitions;
        double out_of_forsok = 0;
        for (const transition& tr : t)
            if (drawn.system.placements[tr.from].id == "forsok") out_of_forsok += tr.probability;
        CHECK(out_of_forsok == Approx(1.0).margin(1e-12));
    }
    REQUIRE(!counts.empty());
    CHECK(*std::min_element(counts.begin(), counts.end()) >= 40);
    CHECK(*std::max_element(counts.begin(), counts.end()) <= 60);
}

TEST_CASE("warnings for waiting lists nobody can leave, a moving baseline, lost offers and the last year",
          "[defensible]") {
    fs::path dir = scratch("warnings");
    // No apartments at all: the waiting list fills and never empties.
    scenario sc =
        load_scenario(write_case(dir, "[[supply]]\nid = \"lagenheter\"\nper_year = 0\n" + two_alts));
    scenario_result res = run_case(sc, run_options{});
    std::vector<run_warning> ws = run_warnings(sc, res);
    bool queue = false, trend = false;
    for (const run_warning& w : ws) {
        if (w.kind == warning_kind::queue_never_served && w.alternative == "noll") {
            queue = true;
            CHECK(w.subject == "stodboende_forsok");
            CHECK(w.blocker == "lagenheter");
            CHECK(w.value > 10);
            CHECK_THAT(warning_text(w, sc, language::sv),
                       Contains("aldrig kan komma vidare") && Contains("'lagenheter' ger 0 per år"));
        }
        if (w.kind == warning_kind::baseline_trend) {
            trend = true;
            CHECK(w.value > 0);  // 40 arrive a year and nobody leaves
        }
    }
    CHECK(queue);
    CHECK(trend);
    // The warnings reach the run's output and the manifest.
    auto r =
        cli({"run", write_case(dir, "[[supply]]\nid = \"lagenheter\"\nper_year = 0\n" + two_alts).string(),
             "--out", (dir / "out").string(), "-q"});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Contains("Varningar:"));
    CHECK_THAT(read_file(dir / "out" / "manifest.json"), Contains("\"kind\": \"queue_never_served\""));

    // Apartments nobody can take: many offers lost.
    scenario lost =
        load_scenario(write_case(dir, "[[supply]]\nid = \"lagenheter\"\nper_year = 400\n" + two_alts));
    bool offers = false;
    for (const run_warning& w : run_warnings(lost, run_case(lost, run_options{})))
        if (w.kind == warning_kind::offers_lost && w.alternative == "noll") {
            offers = true;
            CHECK(w.value > lost_offer_share);
        }
    CHECK(offers);

    // A difference that comes all in the last year: apartments only from its start.
    scenario late = load_scenario(
        write_case(dir,
                   "[[alternative]]\nid = \"noll\"\nbaseline = true\n[[alternative]]\nid = \"projekt\"\n"
                   "  [[alternative.supply]]\n  id = \"lagenheter\"\n"
                   "  per_year = [ { value = 30 }, { from = 2009-06-01, value = 200 } ]\n"));
    bool last = false;
    for (const run_warning& w : run_warnings(late, run_case(late, run_options{})))
        if (w.kind == warning_kind::last_year_difference) {
            last = true;
            CHECK(w.year == 2009);
            CHECK(w.value > last_year_share);
        }
    CHECK(last);
}

TEST_CASE("run lists the uncertain and the fixed inputs; the manifest keeps their sources with the draws",
          "[defensible]") {
    fs::path dir = scratch("listing");
    fs::path f = write_case(
        dir, two_alts +
                 "  [[alternative.placement]]\n  id = \"harbarge\"\n"
                 "  price_per_day = { triangular = [450, 550, 900], source = \"assumption: x\" }\n");
    auto r = cli({"run", f.string(), "--out", (dir / "out").string()});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Contains("Osäkra indata") &&
                          Contains("placement.harbarge.price_per_day: triangulär 450 / 550 / 900") &&
                          Contains("i projekt") && Contains("assumption: x"));
    CHECK_THAT(r.out, Contains("Fasta indata i noll") &&
                          Contains("placement.stodboende: price_per_month 16 500 kr/mån"));
    CHECK_THAT(r.out, Contains("projekt ändrar mot nollalternativet:") &&
                          Contains("supply.lagenheter.per_year: 45 per år (nollalternativet: 30 per år)"));
    std::string manifest = read_file(dir / "out" / "manifest.json");
    CHECK_THAT(manifest, Contains("\"source\": \"assumption: x\""));
    CHECK_THAT(manifest, Contains("\"model_inputs\""));
}
