// The command line in-process: exit codes, output files, determinism across
// thread counts, and that bad input changes nothing on disk.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli_helpers.hpp"

using namespace hemsim;
using hemsim::testing::cli;
using hemsim::testing::cli_result;
namespace fs = std::filesystem;

namespace {

const std::string default_case = std::string(HEMSIM_SOURCE_DIR) + "/scenarios/enheten-for-hemlosa-2007.toml";

// A folder of its own per test case (ctest runs cases in parallel processes).
fs::path scratch(const std::string& name) { return hemsim::testing::fresh_path("cli-" + name, false); }

}  // namespace

TEST_CASE("help and version", "[cli]") {
    CHECK(cli({"--help"}).code == exit_ok);
    CHECK(cli({"--help"}).out.find("hemsim run CASE.toml") != std::string::npos);
    CHECK(cli({"run", "--help"}).out.find("--replications") != std::string::npos);
    CHECK(cli({"check", "--help"}).code == exit_ok);
    CHECK(cli({"--version"}).out.rfind("hemsim ", 0) == 0);
}

TEST_CASE("usage errors exit 2", "[cli]") {
    CHECK(cli({}).code == exit_usage);
    auto r = cli({"frobnicate"});
    CHECK(r.code == exit_usage);
    CHECK(r.err.find("unknown command 'frobnicate'") != std::string::npos);
    CHECK(cli({"run"}).code == exit_usage);
    CHECK(cli({"run", default_case, "--replications", "zero"}).code == exit_usage);
    CHECK(cli({"run", default_case, "--lang", "de"}).code == exit_usage);
    CHECK(cli({"run", default_case, "--no-such-option"}).code == exit_usage);
}

TEST_CASE("run writes yearly.csv, ledger.csv and manifest.json", "[cli]") {
    fs::path dir = scratch("run");
    auto r = cli({"run", default_case, "--replications", "10", "--out", dir.string()});
    INFO(r.err);
    REQUIRE(r.code == exit_ok);
    std::string csv = hemsim::testing::read_file(dir / "yearly.csv");
    CHECK(csv.rfind("alternative,year,metric,mean,ci_low,ci_high,p05,p50,p95\n", 0) == 0);
    for (const char* metric : {",cost_total,", ",cost_placements,", ",cost_social_assistance,",
                               ",cost_staff,", ",cost_project,", ",diff_vs_baseline,", ",person_days:",
                               ",exits:", ",wait_mean_days:", ",queue_end:", ",offers_lost:"})
        CHECK(csv.find(metric) != std::string::npos);
    CHECK(hemsim::testing::read_file(dir / "ledger.csv")
              .rfind("alternative,year,category,payer,placement,mean,", 0) == 0);
    std::string manifest = hemsim::testing::read_file(dir / "manifest.json");
    CHECK(manifest.find("\"seed\"") != std::string::npos);
    CHECK(manifest.find("\"sha256\"") != std::string::npos);
    CHECK(manifest.find("\"replications\": 10") != std::string::npos);
    CHECK(r.out.find("tkr") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("threads 1 and 2 give byte-identical yearly.csv", "[cli][determinism]") {
    fs::path d1 = scratch("t1"), d2 = scratch("t2");
    REQUIRE(cli({"run", default_case, "-r", "16", "--threads", "1", "--out", d1.string(), "-q"}).code ==
            exit_ok);
    REQUIRE(cli({"run", default_case, "-r", "16", "--threads", "2", "--out", d2.string(), "-q"}).code ==
            exit_ok);
    std::string a = hemsim::testing::read_file(d1 / "yearly.csv"),
                b = hemsim::testing::read_file(d2 / "yearly.csv");
    CHECK(!a.empty());
    CHECK(a == b);
    fs::remove_all(d1);
    fs::remove_all(d2);
}

TEST_CASE("bad input exits 2 and changes nothing on disk", "[cli]") {
    fs::path dir = scratch("bad");
    fs::create_directories(dir);
    {
        std::ofstream(dir / "yearly.csv") << "earlier run\n";
        std::ofstream(dir / "case.toml") << "title = \"x\"\nmodel = \"nothing.toml\"\nstart = 2008-01-01\n"
                                            "horizon_years = 0\n";
    }
    auto r = cli({"run", (dir / "case.toml").string(), "--out", dir.string()});
    CHECK(r.code == exit_usage);
    CHECK(r.err.find("case.toml") != std::string::npos);
    CHECK(hemsim::testing::read_file(dir / "yearly.csv") == "earlier run\n");
    CHECK(!fs::exists(dir / "manifest.json"));
    fs::remove_all(dir);
}

TEST_CASE("check accepts the shipped case and its model", "[cli]") {
    auto r = cli({"check", default_case});
    INFO(r.err);
    CHECK(r.code == exit_ok);
    CHECK(cli({"check", std::string(HEMSIM_SOURCE_DIR) + "/models/example.toml"}).code == exit_ok);
    CHECK(cli({"check", "/no/such/file.toml"}).code == exit_usage);
}

TEST_CASE("three shards merged give the single run's files byte for byte", "[cli][shard]") {
    fs::path root = scratch("shards");
    for (int k = 0; k < 3; ++k) {
        auto r = cli({"run", default_case, "-r", "12", "--shard", std::to_string(k) + "/3", "--out",
                      (root / ("part" + std::to_string(k))).string(), "-q"});
        INFO(r.err);
        REQUIRE(r.code == exit_ok);
        CHECK(
            fs::exists(root / ("part" + std::to_string(k)) / ("partial-" + std::to_string(k) + "-of-3.bin")));
    }
    auto merged = cli({"merge", (root / "part2").string(), (root / "part0").string(),
                       (root / "part1").string(), "--out", (root / "merged").string(), "-q"});
    INFO(merged.err);
    REQUIRE(merged.code == exit_ok);
    REQUIRE(cli({"run", default_case, "-r", "12", "--out", (root / "single").string(), "-q"}).code ==
            exit_ok);
    for (const char* f : {"yearly.csv", "ledger.csv", "economics.csv", "monthly.csv"}) {
        INFO(f);
        std::string a = hemsim::testing::read_file(root / "merged" / f),
                    b = hemsim::testing::read_file(root / "single" / f);
        CHECK(!a.empty());
        CHECK(a == b);
    }
    SECTION("a missing or repeated shard is refused and writes nothing") {
        auto missing = cli({"merge", (root / "part0").string(), (root / "part1").string(), "--out",
                            (root / "bad").string()});
        CHECK(missing.code == exit_usage);
        CHECK(missing.err.find("shard 2 of 3 is missing") != std::string::npos);
        auto twice = cli({"merge", (root / "part0").string(), (root / "part0").string(),
                          (root / "part1").string(), "--out", (root / "bad").string()});
        CHECK(twice.code == exit_usage);
        CHECK(twice.err.find("given twice") != std::string::npos);
        CHECK(!fs::exists(root / "bad"));
    }
    SECTION("a bad --shard is a usage error") {
        CHECK(cli({"run", default_case, "--shard", "3/3"}).code == exit_usage);
        CHECK(cli({"run", default_case, "--shard", "x"}).code == exit_usage);
    }
    fs::remove_all(root);
}
