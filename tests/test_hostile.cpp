// Hostile and broken input (issue 9): no hang, no crash, no silent wrong answer.
// One test per class; each checks the exit code, that the message names the
// file, the place and the fix, that nothing was written, and for the run-time
// guards that the run stops (ctest gives this file's tests a short TIMEOUT).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/run.hpp"
#include "builders.hpp"
#include "cli_helpers.hpp"
#include "engine/simulator.hpp"
#include "model/calendar.hpp"
#include "model/loader.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"
#include "rows.hpp"

using namespace hemsim;
using namespace hemsim::testing;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

const std::string plain_model = std::string(HEMSIM_TEST_DATA) + "/uncertain/plain-model.toml";

// A folder of its own per test case (ctest runs cases in parallel processes).
fs::path scratch(const std::string& name) { return hemsim::testing::fresh_path("hostile-" + name, true); }

// A model of two placements a <-> b with the given durations, and a case on it.
fs::path cycle_case(const fs::path& dir, const std::string& ab, const std::string& ba,
                    const std::string& extra = "") {
    std::ofstream(dir / "m.toml")
        << "[[payer]]\nid = \"p\"\n[[placement]]\nid = \"a\"\nprice_per_day = 1\npayer = \"p\"\n"
           "[[placement]]\nid = \"b\"\nprice_per_day = 1\npayer = \"p\"\n"
        << extra
        << "[[group]]\nid = \"g\"\n  [[group.initial]]\n  placement = \"a\"\n  count = 5\n"
           "[[transition]]\nfrom = \"a\"\nto = \"b\"\nafter = "
        << ab << "\n[[transition]]\nfrom = \"b\"\nto = \"a\"\nafter = " << ba << "\n";
    std::ofstream(dir / "c.toml")
        << "title = \"t\"\nmodel = \"m.toml\"\nstart = 2008-01-01\nhorizon_years = 1\n"
           "replications = 2\n[[alternative]]\nid = \"noll\"\nbaseline = true\n"
           "[[alternative]]\nid = \"b\"\n";
    return dir / "c.toml";
}

// A case on the plain test model with `top` as its own values.
fs::path plain_case(const fs::path& dir, const std::string& top,
                    const std::string& settings = "horizon_years = 1\nreplications = 2") {
    std::ofstream(dir / "c.toml")
        << "title = \"t\"\nmodel = \"" << plain_model << "\"\nstart = 2008-01-01\n"
        << settings << "\n"
        << top
        << "\n[[alternative]]\nid = \"noll\"\nbaseline = true\n[[alternative]]\nid = \"b\"\n"
           "set = { \"supply.lagenheter.per_year\" = 45 }\n";
    return dir / "c.toml";
}

// `hemsim run FILE` refused as bad input: exit 2, the message has every needle, nothing written.
void refused(const fs::path& file, std::initializer_list<std::string> needles,
             std::vector<std::string> extra = {}) {
    const fs::path out = file.parent_path() / "out";
    std::vector<std::string> args{"run", file.string(), "--out", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    cli_result r = cli(args);
    INFO(r.err);
    CHECK(r.code == exit_usage);
    for (const std::string& n : needles) CHECK_THAT(r.err, Contains(n));
    CHECK_FALSE(fs::exists(out));
}

}  // namespace

TEST_CASE("a cycle of stays that take no time is refused before it runs", "[hostile]") {
    fs::path dir = scratch("cycle");
    for (const char* d : {"0", "{ uniform = [0, 0] }", "1e-300", "{ exponential = 1e-300 }"}) {
        INFO(d);
        refused(cycle_case(dir, "0", d), {"m.toml:", "form a cycle in which every stay can last no time",
                                          "give one of the stays a duration"});
    }
    // With a staff gate on the way: slots free again at once.
    std::ofstream(dir / "m.toml") << "";
    fs::path c =
        cycle_case(dir, "0", "0\nrequire = [ { staff = \"s\" } ]",
                   "[[staff]]\nid = \"s\"\nfte = 1\nannual_cost_per_fte = 1\ncaseload = 10\npayer = \"p\"\n");
    refused(c, {"form a cycle"});
    // One stay of ten days breaks the cycle: the case runs.
    CHECK(cli({"run", cycle_case(dir, "10", "0").string(), "--out", (dir / "ok").string(), "-q"}).code ==
          exit_ok);
}

TEST_CASE("maximum stays: never to the placement itself, never round a cycle at once", "[hostile]") {
    fs::path dir = scratch("maxstay");
    std::ofstream(dir / "m.toml")
        << "[[payer]]\nid = \"p\"\n[[placement]]\nid = \"a\"\nprice_per_day = 1\npayer = \"p\"\n"
           "max_stay_days = 1\nafter_max_stay = \"a\"\n"
           "[[group]]\nid = \"g\"\n  [[group.initial]]\n  placement = \"a\"\n  count = 1\n";
    try {
        load_model(dir / "m.toml");
        FAIL("after_max_stay to itself accepted");
    } catch (const input_error& e) {
        CHECK_THAT(std::string(e.what()),
                   Contains("m.toml:8:") && Contains("itself") && Contains("another placement"));
    }
    std::ofstream(dir / "m.toml")
        << "[[payer]]\nid = \"p\"\n[[placement]]\nid = \"a\"\nprice_per_day = 1\npayer = \"p\"\n"
           "max_stay_days = 1e-300\nafter_max_stay = \"b\"\n"
           "[[placement]]\nid = \"b\"\nprice_per_day = 1\npayer = \"p\"\n"
           "max_stay_days = 1e-300\nafter_max_stay = \"a\"\n"
           "[[group]]\nid = \"g\"\n  [[group.initial]]\n  placement = \"a\"\n  count = 1\n";
    try {
        load_model(dir / "m.toml");
        FAIL("two placements sending each other at once accepted");
    } catch (const input_error& e) {
        CHECK_THAT(std::string(e.what()),
                   Contains("m.toml:") && Contains("the maximum stay of 'a'") && Contains("form a cycle"));
    }
}

TEST_CASE("work beyond the limits is refused with the limit named", "[hostile]") {
    fs::path dir = scratch("limits");
    refused(plain_case(dir, "[[supply]]\nid = \"lagenheter\"\nper_year = 1e12\n"),
            {"c.toml:8:", "'per_year' in supply 'lagenheter' is 1000000000000",
             "limit for a rate a year is 1000000"});
    refused(plain_case(dir,
                       "[[group]]\nid = \"hemlosa\"\n  [[group.arrivals]]\n  placement = \"stodboende\"\n"
                       "  per_year = 1e12\n"),
            {"c.toml:", "limit for a rate a year"});
    refused(plain_case(dir,
                       "[[group]]\nid = \"hemlosa\"\n  [[group.initial]]\n  placement = \"stodboende\"\n"
                       "  count = 5e9\n"),
            {"c.toml:", "5000000000", "a whole number from 0 to 1000000"});
    fs::path many = plain_case(dir, "", "horizon_years = 1\nreplications = 1000000000");
    refused(many, {"c.toml:", "1000000000", "from 1 to 100000"});
    refused(plain_case(dir, "", "horizon_years = 100000\nreplications = 2"),
            {"c.toml:4:", "limit for a horizon is 1000 years"});
    // Rates within the limit that together create too much work in one replication.
    refused(plain_case(dir, "[[supply]]\nid = \"lagenheter\"\nper_year = 1000000\n",
                       "horizon_years = 100\nreplications = 2"),
            {"c.toml:", "would make up to", "offers", "lower the rates"});
    // From the command line.
    cli_result r =
        cli({"run", plain_case(dir, "").string(), "--replications", "-1", "--out", (dir / "o").string()});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("--replications") && Contains("whole number"));
    CHECK_FALSE(fs::exists(dir / "o"));
    // A 50 MB note.
    {
        std::ofstream big(dir / "big.toml");
        big << "title = \"t\"\nnote = \"";
        std::string chunk(1 << 20, 'x');
        for (int i = 0; i < 11; ++i) big << chunk;
        big << "\"\n";
    }
    r = cli({"check", (dir / "big.toml").string()});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("big.toml") && Contains("at most 10 MB"));
}

TEST_CASE("the engine stops runaway work within seconds, naming the day and the client", "[hostile]") {
    // Built in code, past the loader's checks: a -> b -> a with stays of 0 days.
    model m;
    add_payer(m, "p");
    index_t a = add_placement(m, "a", 1), b = add_placement(m, "b", 1);
    index_t g = add_group(m, "g");
    add_initial(m, g, a, 3);
    add_transition(m, a, b, fixed(0));
    add_transition(m, b, a, fixed(0));
    calendar cal(ymd(2008, 1, 1), 12);
    trace t;
    simulator zero(m, cal, t, 1, 0);
    try {
        zero.run();
        FAIL("a cycle at one instant ran");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(std::string(e.what()), Contains("at day 0.00 (2008-01-01") &&
                                              Contains("end of stay of client") &&
                                              Contains("without model time moving on") && Contains("cycle"));
    }
    // The budget of events, and of clients at once.
    m.transitions[0].after = fixed(1);
    m.transitions[1].after = fixed(1);
    sim_limits few;
    few.max_events = 1000;
    trace t2;
    simulator busy(m, cal, t2, 1, 0, few);
    CHECK_THROWS_WITH(busy.run(),
                      Contains("passed 1000 events") && Contains("lower the rates or the horizon"));
    sim_limits crowd;
    crowd.max_clients = 2;
    trace t3;
    simulator full(m, cal, t3, 1, 0, crowd);
    CHECK_THROWS_WITH(full.run(), Contains("more than 2 clients are in the system at once"));
}

TEST_CASE("deep nesting, too many staff pools and flagless services do not crash", "[hostile]") {
    fs::path dir = scratch("crash");
    std::ofstream(dir / "dotted.toml") << "a" << [] {
        std::string s;
        for (int i = 0; i < 30000; ++i) s += ".b";
        return s;
    }() << " = 1\n";
    std::ofstream(dir / "header.toml") << "x = 1\n[" << [] {
        std::string s = "a";
        for (int i = 0; i < 30000; ++i) s += ".b";
        return s;
    }() << "]\n";
    for (const char* f : {"dotted.toml", "header.toml"}) {
        cli_result r = cli({"check", (dir / f).string()});
        INFO(r.err);
        CHECK(r.code == exit_usage);
        CHECK_THAT(r.err, Contains(std::string(f) + ":") && Contains("nested more than 32 levels"));
    }
    // 65 staff pools: refused at the 65th.
    {
        std::ofstream m(dir / "staff.toml");
        m << "[[payer]]\nid = \"p\"\n[[placement]]\nid = \"a\"\nprice_per_day = 1\npayer = \"p\"\n";
        for (int i = 0; i < 65; ++i)
            m << "[[staff]]\nid = \"s" << i << "\"\nfte = 1\nannual_cost_per_fte = 1\npayer = \"p\"\n";
    }
    cli_result r = cli({"check", (dir / "staff.toml").string()});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("staff.toml:327:") && Contains("65 staff pools") && Contains("limit is 64"));
    // A service that grants no flag is passed every time, never skipped.
    std::ofstream(dir / "m.toml")
        << "[[payer]]\nid = \"p\"\n[[placement]]\nid = \"a\"\nprice_per_day = 1\npayer = \"p\"\n"
           "[[placement]]\nid = \"ut\"\nterminal = true\n"
           "[[staff]]\nid = \"s\"\nfte = 1\nannual_cost_per_fte = 1\nservice_slots = 100\npayer = \"p\"\n"
           "[[service]]\nid = \"lang\"\nstaff = \"s\"\nduration = 200\n"
           "[[group]]\nid = \"g\"\n  [[group.initial]]\n  placement = \"a\"\n  count = 10\n  state = "
           "\"ready\"\n"
           "[[transition]]\nfrom = \"a\"\nto = \"ut\"\nafter = 0\nrequire = [ { service = \"lang\" } ]\n";
    std::ofstream(dir / "c.toml")
        << "title = \"t\"\nmodel = \"m.toml\"\nstart = 2008-01-01\nhorizon_months = 12\n"
           "replications = 1\n[[alternative]]\nid = \"noll\"\nbaseline = true\n"
           "[[alternative]]\nid = \"b\"\n";
    scenario sc = load_scenario(dir / "c.toml");
    scenario_result res = run_case(sc, run_options{});
    for (const auto& row : yearly_rows(sc, res))
        if (row.alternative == "noll" && row.metric == "wait_mean_days:lang" && row.year == "2008")
            CHECK(row.s.mean == 0);
    const auto& exits = res.alts[0].reps[0].exits;
    CHECK(exits[1] == 10);  // all ten leave, none before its 200 days
    bool before = false;
    for (const auto& row : yearly_rows(sc, res))
        if (row.metric == "person_days:a" && row.year == "2008" && row.alternative == "noll")
            before = row.s.mean >= 2000 - 1e-9;
    CHECK(before);  // 10 clients x 200 days in 'a': the service was not skipped
}

TEST_CASE("groups and entries beyond what a client's key can number are refused", "[hostile]") {
    // A client's key numbers its group in 15 bits and its entry in 7: one entry more, and
    // entry 128's clients had the keys, and so the random draws, of the first arrivals
    // entry's (entry 256's, of the next group's); group 32 768's keys had the top bit
    // that marks the streams of sources and parameters.
    fs::path dir = scratch("keys");
    const std::string head =
        "[[payer]]\nid = \"p\"\n[[placement]]\nid = \"a\"\nprice_per_day = 1\npayer = \"p\"\n";
    auto group_with = [&](const std::string& file, const char* list, int n) {
        std::ofstream m(dir / file);
        m << head << "[[group]]\nid = \"g\"\n";
        for (int i = 0; i < n; ++i) {
            m << "  [[group." << list << "]]\n  id = \"e" << i << "\"\n  placement = \"a\"\n  ";
            m << (std::string(list) == "initial" ? "count = 1\n" : "per_year = 1\n");
        }
    };
    group_with("initial128.toml", "initial", 128);
    group_with("initial129.toml", "initial", 129);
    group_with("arrivals129.toml", "arrivals", 129);
    cli_result ok = cli({"check", (dir / "initial128.toml").string()});
    INFO(ok.err);
    CHECK(ok.code == 0);
    for (const char* list : {"initial", "arrivals"}) {
        const std::string f = std::string(list) + "129.toml";
        cli_result r = cli({"check", (dir / f).string()});
        INFO(r.err);
        CHECK(r.code == exit_usage);
        // The 129th entry's header: 8 lines of payer, placement and group, then 4 lines an entry.
        CHECK_THAT(r.err, Contains(f + ":521:") && Contains("has 129 " + std::string(list) + " entries") &&
                              Contains("limit is 128 a group") && Contains("split the group"));
    }
    {
        std::ofstream m(dir / "groups.toml");
        m << head;
        for (int i = 0; i <= 32768; ++i) m << "[[group]]\nid = \"g" << i << "\"\n";
    }
    cli_result r = cli({"check", (dir / "groups.toml").string()});
    INFO(r.err.substr(0, 2000));
    CHECK(r.code == exit_usage);
    // The 32 769th group's header: 6 lines of payer and placement, then 2 lines a group.
    CHECK_THAT(r.err,
               Contains("groups.toml:65543:") && Contains("32769 groups") && Contains("limit is 32768"));
}

TEST_CASE("gates the engine could never pass, or would pass wrongly, are refused", "[hostile]") {
    fs::path dir = scratch("gates");
    std::ofstream(dir / "m.toml")
        << "[[payer]]\nid = \"p\"\n[[placement]]\nid = \"a\"\nprice_per_day = 1\npayer = \"p\"\n"
           "[[placement]]\nid = \"ut\"\nterminal = true\n"
           "[[staff]]\nid = \"s\"\nfte = 1\nannual_cost_per_fte = 1\ncaseload = 5\npayer = \"p\"\n"
           "[[supply]]\nid = \"x\"\nper_year = 10\n[[supply]]\nid = \"y\"\nper_year = 10\n"
           "[[group]]\nid = \"g\"\n  [[group.initial]]\n  placement = \"a\"\n  count = 5\n"
           "[[transition]]\nfrom = \"a\"\nto = \"ut\"\nafter = 1\nrequire = [ { staff = \"s\" } ]\n";
    try {
        load_model(dir / "m.toml");
        FAIL("a staff gate into a terminal placement accepted");
    } catch (const input_error& e) {
        CHECK_THAT(std::string(e.what()),
                   Contains("m.toml:") && Contains("'ut' is terminal") && Contains("remove the staff gate"));
    }
    std::string text = read_file(dir / "m.toml");
    text.replace(text.find("{ staff = \"s\" }"), 15, "{ supply = \"x\" }, { supply = \"y\" }");
    std::ofstream(dir / "m.toml") << text;
    try {
        load_model(dir / "m.toml");
        FAIL("two supplies for one client accepted");
    } catch (const input_error& e) {
        CHECK_THAT(std::string(e.what()),
                   Contains("wait for two supplies") && Contains("one transition per supply"));
    }
}

TEST_CASE("values that would overflow or draw nonsense are refused", "[hostile]") {
    fs::path dir = scratch("silent");
    refused(plain_case(dir, "[[placement]]\nid = \"harbarge\"\nprice_per_day = 1e308\n"),
            {"c.toml:8:", "limit for a price"});
    refused(plain_case(dir, "[[staff]]\nid = \"boendestodjare\"\nfte = 1e308\n"),
            {"c.toml:8:", "limit for the FTE"});
    refused(plain_case(dir,
                       "[[transition]]\nfrom = \"harbarge\"\nto = \"stodboende\"\n"
                       "after = { lognormal = [30, 1e200] }\n"),
            {"c.toml:", "limit for a duration"});
    refused(plain_case(dir,
                       "[[transition]]\nfrom = \"harbarge\"\nto = \"stodboende\"\n"
                       "after = { gamma = [30, 1e200] }\n"),
            {"c.toml:", "limit for a duration"});
    // Within the duration limit but far too wide for finite draws.
    refused(plain_case(dir,
                       "[[transition]]\nfrom = \"harbarge\"\nto = \"stodboende\"\n"
                       "after = { lognormal = [30, 5000] }\n"),
            {"c.toml:", "an sd up to 5000", "not be finite"});
    refused(plain_case(dir,
                       "[[placement]]\nid = \"harbarge\"\ncapacity = 3\n"
                       "[[group]]\nid = \"hemlosa\"\n  [[group.initial]]\n  new = true\n  id = \"natt\"\n"
                       "  placement = \"harbarge\"\n  count = 5\n"),
            {"c.toml:", "capacity of 3 but up to 5 clients start there", "raise the capacity"});
    refused(plain_case(dir, "note = 5"), {"c.toml:", "'note' in the scenario must be a string"});
    std::ofstream(dir / "empty.toml") << "";
    cli_result r = cli({"check", (dir / "empty.toml").string()});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("empty.toml") && Contains("no placements"));
    for (const std::vector<std::string>& bad : {std::vector<std::string>{"--seed", "-1"},
                                                {"--threads", "-1"},
                                                {"--threads", "100000"},
                                                {"-r", "1e9"}}) {
        INFO(bad[0] << " " << bad[1]);
        refused(plain_case(dir, ""), {bad[0]}, bad);
    }
}

TEST_CASE("usage errors exit 2 before anything runs, and write nothing", "[hostile]") {
    fs::path dir = scratch("usage");
    const std::string c =
        plain_case(dir,
                   "[[placement]]\nid = \"harbarge\"\nprice_per_day = { triangular = [450, 550, 900] }\n")
            .string();
    std::ofstream(dir / "a-file") << "keep\n";
    cli_result r = cli({"run", c, "--out", (dir / "a-file").string()});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("a-file is a file, not a folder"));
    CHECK(read_file(dir / "a-file") == "keep\n");
    r = cli({"sensitivity", c, "--switching", "placement.harbarge.price_per_day=900:100", "--out",
             (dir / "o").string()});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("LO must be below HI"));
    r = cli({"sensitivity", c, "--switching", "placement.harbarge.price_per_day=100:900", "--alternative",
             "nope", "--out", (dir / "o").string()});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("--alternative 'nope'") && Contains("'b'"));
    r = cli({"sensitivity", c, "--switching", "placement.harbarge.price_per_dy=100:900", "--out",
             (dir / "o").string()});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("did you mean 'placement.harbarge.price_per_day'"));
    r = cli({"sweep", c, "--set", "supply.lagenheter.per_year=nan:10:1", "--out", (dir / "o").string()});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("'nan:10:1' is not a grid"));
    r = cli({"sweep", c, "--set", "transition.forsok_harbarge.probability=0.5:1.5:0.5", "--out",
             (dir / "o").string()});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("not a probability"));
    r = cli({"run", c, "--price-base-year", "2000000000", "--out", (dir / "o").string()});
    CHECK(r.code == exit_usage);
    CHECK_THAT(r.err, Contains("--price-base-year 2000000000"));
    CHECK_FALSE(fs::exists(dir / "o"));
}
