// Queueing theory: M/M/1 and M/M/c written in the model language agree with
// Erlang C for the mean wait in queue and the mean queue length, within the
// simulation's own 95 % confidence interval (warm-up discarded); a capacity
// that steps up on a date agrees with the infinite-server person-days.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "app/run.hpp"
#include "builders.hpp"
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

TEST_CASE("a capacity that steps up from 0 to unlimited gives the infinite-server person-days",
          "[queueing]") {
    using namespace hemsim::testing;
    // Poisson arrivals at lambda a day wait in 'ko' for 'b', whose capacity is 0
    // until day T1 and then more than can ever be present; a stay in 'b' is
    // exponential with mean 1 / mu. Over [0, T] (D = T - T1):
    //   person-days in ko = lambda T1^2 / 2 (every arrival before T1 waits until T1);
    //   person-days in b  = lambda T1 (1 - e^(-mu D)) / mu          (the queue, entering at T1)
    //                     + lambda / mu (D - (1 - e^(-mu D)) / mu)  (an M/M/inf from empty).
    const double lambda = 0.5, mu = 1.0 / 30, T1 = 100, T = 365, D = T - T1;
    model m;
    add_payer(m, "p");
    index_t ko = add_placement(m, "ko", 0);
    index_t b = add_placement(m, "b", 100);
    index_t out = add_placement(m, "ut", 0, true);
    schedule cap = constant(0);
    cap.steps = {{ymd(2010, 4, 11), 1e6}};  // day 100
    m.placements[b].capacity = cap;
    index_t g = add_group(m, "g");
    add_arrivals(m, g, ko, lambda * 365);
    add_transition(m, ko, b, fixed(0));
    add_transition(m, b, out, expo(1 / mu));
    scenario sc = make_scenario(m, ymd(2010, 1, 1), 12, 4000, 1);  // about a second
    scenario_result res = run_case(sc, {});
    auto rows = yearly_rows(sc, res);
    const double e = std::exp(-mu * D);
    const double want_ko = lambda * T1 * T1 / 2;
    const double want_b = lambda * T1 * (1 - e) / mu + lambda / mu * (D - (1 - e) / mu);
    for (auto [metric, want] : {std::pair{"person_days:ko", want_ko}, std::pair{"person_days:b", want_b}}) {
        const auto& r = find(rows, metric);
        INFO(metric << ": want " << want << " got " << r.s.mean << " [" << r.s.ci_low << ", " << r.s.ci_high
                    << "]");
        CHECK(r.s.ci_low <= want);
        CHECK(r.s.ci_high >= want);
        // The interval is informative: narrower than a thirtieth of the value.
        CHECK(r.s.ci_high - r.s.ci_low < want / 30);
    }
}
