// Analyses made of many runs: sweeps, one-way sensitivity, switching values
// (against a closed form), and --target-ci.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/analysis.hpp"
#include "cli/cli.hpp"
#include "cli_helpers.hpp"
#include "engine/random.hpp"
#include "model/loader.hpp"
#include "report/analysis_report.hpp"

using namespace hemsim;
using hemsim::testing::cli;
using hemsim::testing::cli_result;
namespace fs = std::filesystem;

namespace {

std::string data(const std::string& name) { return std::string(HEMSIM_TEST_DATA) + "/" + name; }

}  // namespace

TEST_CASE("grids", "[analysis]") {
    CHECK(parse_grid("3:12:3") == std::vector<double>{3, 6, 9, 12});
    CHECK(parse_grid("0.1:0.3:0.1").size() == 3);
    CHECK(parse_grid("7") == std::vector<double>{7});
    CHECK_THROWS_AS(parse_grid("3:1:1"), std::invalid_argument);
    CHECK_THROWS_AS(parse_grid("3:12:0"), std::invalid_argument);
    CHECK_THROWS_AS(parse_grid("a:b:c"), std::invalid_argument);
}

TEST_CASE("the switching value of a price agrees with the closed form", "[analysis]") {
    run_options o;
    econ_options e;
    switching_result r = switching_value(load_scenario(data("switching/case.toml")),
                                         "placement.boende.price_per_day", 0, 1000, false, "projekt", o, e);
    REQUIRE(r.value);
    const double want = 1000 - 1'000'000.0 / 3650;  // 726.03 kr/dygn
    CHECK(*r.value == Approx(want).epsilon(1e-6));
    // Nothing here is random: the interval closes on the value.
    REQUIRE(r.ci_low);
    CHECK(*r.ci_low == Approx(want).epsilon(1e-6));
    CHECK(*r.ci_high == Approx(want).epsilon(1e-6));
    SECTION("a range without a sign change says so") {
        switching_result none =
            switching_value(load_scenario(data("switching/case.toml")), "placement.boende.price_per_day", 800,
                            1000, false, "projekt", o, e);
        CHECK(!none.value);
        CHECK(none.note.find("does not change sign") != std::string::npos);
    }
}

TEST_CASE("a sweep runs every grid point and writes sweep.csv", "[analysis]") {
    run_options o;
    econ_options e;
    std::vector<sweep_axis> axes{{"placement.boende.price_per_day", {700, 726, 800}, false}};
    const sweep_result sweep = run_sweep(load_scenario(data("switching/case.toml")), axes, o, e);
    std::vector<double> npv;
    for (const auto& r : sweep.rows)
        if (r.row.measure == measure::npv_diff) npv.push_back(r.row.s.mean);
    REQUIRE(npv.size() == 3);
    CHECK(npv[0] == Approx(3650.0 * -300 + 1e6));
    CHECK(npv[2] == Approx(3650.0 * -200 + 1e6));
    std::string csv = sweep_csv(sweep);
    CHECK(csv.rfind("placement.boende.price_per_day,alternative,measure,mean,ci_low,ci_high,p05,p50,p95\n",
                    0) == 0);
    CHECK(csv.find("\n700,projekt,npv_diff,") != std::string::npos);
}

TEST_CASE("one-way sensitivity ranks the uncertain parameters by their swing", "[analysis]") {
    run_options o;
    o.replications = 20;
    econ_options e;
    auto rows = one_way_sensitivity(load_scenario(data("uncertain/case.toml")), o, e);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].swing >= rows[1].swing);
    for (const tornado_row& t : rows) {
        CHECK(t.alternative == "fler_lagenheter");
        CHECK(t.low_value < t.mean_value);
        CHECK(t.high_value > t.mean_value);
        CHECK(t.swing == Approx(std::fabs(t.npv_high.mean - t.npv_low.mean)));
    }
    scenario sc = load_scenario(data("uncertain/case.toml"));
    for (const uncertain_param& u : sc.alternatives[0].system.uncertain)
        for (const tornado_row& t : rows)
            if (t.path == u.path) {
                CHECK(t.low_value == Approx(param_quantile(u.dist, 0.1)));
                CHECK(t.high_value == Approx(param_quantile(u.dist, 0.9)));
            }
    CHECK(sensitivity_csv(rows).rfind("alternative,parameter,mean_value,low_value,high_value,", 0) == 0);
    SECTION("a case without uncertain parameters is told how to give them") {
        CHECK_THROWS_WITH(one_way_sensitivity(load_scenario(data("switching/case.toml")), o, e),
                          Catch::Contains("no uncertain parameters"));
    }
}

TEST_CASE("target-ci adds replications until the interval is narrow enough, or says the cap came first",
          "[analysis][cli]") {
    fs::path dir = hemsim::testing::temp_path("target-ci");
    fs::remove_all(dir);
    const std::string c = data("uncertain/case.toml");
    auto met = cli({"run", c, "-r", "5", "--target-ci", "0.5", "--out", dir.string(), "-q", "--lang", "en"});
    INFO(met.err);
    REQUIRE(met.code == exit_ok);
    CHECK(met.out.find("is met") != std::string::npos);
    auto cap = cli({"run", c, "-r", "5", "--target-ci", "0.000001", "--max-replications", "20", "--out",
                    dir.string(), "-q", "--lang", "en"});
    REQUIRE(cap.code == exit_ok);
    CHECK(cap.out.find("with 20 replications") != std::string::npos);
    CHECK(cap.out.find("cap was reached") != std::string::npos);
    CHECK(cli({"run", c, "--target-ci", "0"}).code == exit_usage);
    fs::remove_all(dir);
}
