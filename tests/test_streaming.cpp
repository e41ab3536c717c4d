// Statistics that stream: a run summarised as its replications come gives the
// files of the run held in memory, whatever the thread count and beyond the
// percentiles' cap, and shards merged give a single run's files; the
// accumulator's subsample is the one its documentation names.
#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "app/run.hpp"
#include "app/stream.hpp"
#include "cli_helpers.hpp"
#include "model/loader.hpp"
#include "report/csv.hpp"
#include "report/economics_report.hpp"
#include "results/statistics.hpp"

using namespace hemsim;
namespace fs = std::filesystem;

namespace {

const std::string small_case = std::string(HEMSIM_SOURCE_DIR) + "/scenarios/bench/kedjan-small.toml";

// The four tables' files of a run's outputs.
std::vector<std::string> files_of(const run_outputs& o) {
    return {yearly_csv(o.yearly), ledger_csv(o.ledger), economics_csv(o.economics), monthly_csv(o.monthly)};
}

}  // namespace

TEST_CASE("beyond its cap an accumulator keeps every 2^k-th value and the exact moments", "[statistics]") {
    sample_accumulator capped(8), exact(0);
    std::vector<double> all;
    for (int i = 0; i < 37; ++i) {
        const double x = std::fmod(i * 7.31, 11.0) - 3;  // spread, not sorted
        capped.add(x);
        exact.add(x);
        all.push_back(x);
        if (i == 5) {  // NaN values are skipped and do not count as positions
            capped.add(std::nan(""));
            exact.add(std::nan(""));
        }
    }
    // 37 values: the cap of 8 is passed at 9, 17 and 33 values: stride 8, kept values 0, 8, 16, 24, 32.
    CHECK(capped.count() == 37);
    CHECK(capped.added() == 38);
    CHECK(capped.stride() == 8);
    REQUIRE(capped.kept() == 5);
    CHECK(exact.stride() == 1);
    CHECK(exact.kept() == 37);
    const sample_summary c = capped.summary(), e = exact.summary();
    // Mean, sd and interval over every value: the same bits either way.
    CHECK(c.n == 37);
    CHECK(c.mean == e.mean);
    CHECK(c.sd == e.sd);
    CHECK(c.ci_low == e.ci_low);
    CHECK(c.ci_high == e.ci_high);
    // The percentiles of the subsample.
    std::vector<double> sub;
    for (std::size_t i = 0; i < all.size(); i += 8) sub.push_back(all[i]);
    std::sort(sub.begin(), sub.end());
    CHECK(c.p05 == quantile_sorted(sub, 0.05));
    CHECK(c.p50 == quantile_sorted(sub, 0.50));
    CHECK(c.p95 == quantile_sorted(sub, 0.95));
    // Up to the cap, exact.
    sample_accumulator few(8);
    for (int i = 0; i < 8; ++i) few.add(all[i]);
    std::vector<double> first(all.begin(), all.begin() + 8);
    std::sort(first.begin(), first.end());
    CHECK(few.stride() == 1);
    CHECK(few.summary().p05 == quantile_sorted(first, 0.05));
}

TEST_CASE("the subsample's percentiles estimate the sample's", "[statistics]") {
    // 100 000 standard normal values by inversion of a fixed sequence; the
    // subsample (512 to 1 024 values) gives p05, p50, p95 within 4 standard
    // errors of a sample quantile of that size: sqrt(q(1-q)/m) / phi(z_q).
    sample_accumulator acc;
    std::vector<double> xs;
    std::uint64_t s = 12345;
    for (int i = 0; i < 100000; ++i) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        const double u = (static_cast<double>(s >> 11) + 0.5) / 9007199254740992.0;
        const double x = boost::math::quantile(boost::math::normal(), u);
        acc.add(x);
        xs.push_back(x);
    }
    REQUIRE(acc.kept() >= 512);
    REQUIRE(acc.kept() <= 1024);
    std::sort(xs.begin(), xs.end());
    const sample_summary r = acc.summary();
    const double m = static_cast<double>(acc.kept());
    auto se = [&](double q, double z) {
        return std::sqrt(q * (1 - q) / m) / (std::exp(-z * z / 2) / std::sqrt(2 * M_PI));
    };
    CHECK(std::fabs(r.p05 - quantile_sorted(xs, 0.05)) < 4 * se(0.05, -1.645));
    CHECK(std::fabs(r.p50 - quantile_sorted(xs, 0.50)) < 4 * se(0.50, 0.0));
    CHECK(std::fabs(r.p95 - quantile_sorted(xs, 0.95)) < 4 * se(0.95, 1.645));
    // And the whole sample is a standard normal one.
    CHECK(std::fabs(quantile_sorted(xs, 0.05) + 1.6449) < 0.02);
}

TEST_CASE("a run summarised as it comes gives the files of the run held in memory", "[streaming]") {
    const scenario sc = load_scenario(small_case);
    run_options opts;
    opts.replications = static_cast<std::uint32_t>(sample_cap + 76);  // beyond the percentiles' cap
    opts.threads = 1;
    const run_outputs streamed1 = run_case_summarized(sc, opts, econ_options{});
    opts.threads = 2;
    const run_outputs streamed2 = run_case_summarized(sc, opts, econ_options{});
    const run_outputs held = summarize_run(sc, run_case(sc, opts), econ_options{});
    CHECK(files_of(streamed1) == files_of(held));
    CHECK(files_of(streamed2) == files_of(held));
    CHECK(streamed1.totals.events == held.totals.events);
    CHECK(streamed1.totals.peak_present == held.totals.peak_present);
    CHECK(streamed1.warnings.size() == held.warnings.size());
    REQUIRE(streamed1.comparisons.size() == 1);
    CHECK(streamed1.comparisons[0].npv.size() == opts.replications);
    // The headline's distribution keeps every replication.
    const econ_row* npv = streamed1.economics.find(1, measure::npv_diff);
    REQUIRE(npv != nullptr);
    CHECK(npv->s.p05 == summarize(streamed1.comparisons[0].npv).p05);
}

TEST_CASE("shards merged beyond the percentiles' cap give the single run's files", "[streaming][shard]") {
    const fs::path root = fs::temp_directory_path() / "hemsim-test-streaming-shards";
    fs::remove_all(root);
    const std::string reps = std::to_string(sample_cap + 76);
    for (int k = 0; k < 2; ++k) {
        auto r = hemsim::testing::cli({"run", small_case, "-r", reps, "--shard", std::to_string(k) + "/2",
                                       "--out", (root / ("part" + std::to_string(k))).string(), "-q"});
        INFO(r.err);
        REQUIRE(r.code == 0);
    }
    auto merged = hemsim::testing::cli({"merge", (root / "part0").string(), (root / "part1").string(),
                                        "--out", (root / "merged").string(), "-q"});
    INFO(merged.err);
    REQUIRE(merged.code == 0);
    REQUIRE(hemsim::testing::cli(
                {"run", small_case, "-r", reps, "--threads", "2", "--out", (root / "single").string(), "-q"})
                .code == 0);
    for (const char* f : {"yearly.csv", "ledger.csv", "economics.csv", "monthly.csv"}) {
        INFO(f);
        const std::string a = hemsim::testing::read_file(root / "merged" / f),
                          b = hemsim::testing::read_file(root / "single" / f);
        CHECK(!a.empty());
        CHECK(a == b);
    }
    // A shard cut short is found while it is read: the merge names it and writes nothing.
    const fs::path part = root / "part1" / "partial-1-of-2.bin";
    fs::resize_file(part, fs::file_size(part) - 100);
    auto cut = hemsim::testing::cli({"merge", (root / "part0").string(), (root / "part1").string(), "--out",
                                     (root / "cut").string(), "-q"});
    CHECK(cut.code == 2);
    CHECK(cut.err.find("partial-1-of-2.bin: truncated") != std::string::npos);
    CHECK(!fs::exists(root / "cut"));
    fs::remove_all(root);
}
