// Queueing theory: M/M/1 and M/M/c written in the model language agree with
// Erlang C for the mean wait in queue and the mean queue length, within the
// simulation's own 95 % confidence interval (warm-up discarded).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "app/run.hpp"
#include "model/loader.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"
#include "rows.hpp"

using namespace hemsim;
using hemsim::testing::yearly_rows;

namespace {

// Erlang C: the probability that an arrival waits, c servers, offered load a = lambda / mu.
double erlang_c(int c, double a) {
    double term = 1, sum = 0;  // a^k / k!
    for (int k = 0; k < c; ++k) {
        sum += term;
        term *= a / (k + 1);
    }
    double last = term * c / (c - a);  // a^c / c! * c / (c - a)
    return last / (sum + last);
}

const hemsim::testing::named_row& find(const std::vector<hemsim::testing::named_row>& rows,
                                       const std::string& metric) {
    for (const auto& r : rows)
        if (r.year == total_year && r.metric == metric) return r;
    FAIL("no row " << metric);
    throw;
}

void check_against_erlang(const std::string& file, int c, double lambda, double mu) {
    scenario sc = load_scenario(std::string(HEMSIM_TEST_DATA) + "/queueing/" + file);
    scenario_result res = run_case(sc, {});
    auto rows = yearly_rows(sc, res);
    double wq = erlang_c(c, lambda / mu) / (c * mu - lambda);
    double lq = lambda * wq;
    const auto& w = find(rows, "wait_mean_days:radgivning");
    const auto& l = find(rows, "queue_mean:radgivning");
    INFO(file << ": Wq want " << wq << " got " << w.s.mean << " [" << w.s.ci_low << ", " << w.s.ci_high
              << "]");
    CHECK(w.s.ci_low <= wq);
    CHECK(w.s.ci_high >= wq);
    INFO(file << ": Lq want " << lq << " got " << l.s.mean << " [" << l.s.ci_low << ", " << l.s.ci_high
              << "]");
    CHECK(l.s.ci_low <= lq);
    CHECK(l.s.ci_high >= lq);
    // The interval is informative: narrower than a fifth of the value.
    CHECK(w.s.ci_high - w.s.ci_low < 0.2 * wq);
}

}  // namespace

TEST_CASE("M/M/1 agrees with Erlang C", "[queueing]") {
    check_against_erlang("mm1-case.toml", 1, 100.0 / 365.0, 1.0 / 3.0);
}

TEST_CASE("M/M/10 agrees with Erlang C", "[queueing]") {
    check_against_erlang("mmc10-case.toml", 10, 2.0, 0.25);
}

TEST_CASE("Erlang C itself against a textbook value", "[queueing]") {
    // c = 1: P(wait) = rho.
    CHECK(erlang_c(1, 0.822) == Approx(0.822));
    // c = 2, a = 1: P(wait) = 1/3.
    CHECK(erlang_c(2, 1.0) == Approx(1.0 / 3.0));
}
