// Confidence intervals and percentiles against hand-computed values.
#include <catch2/catch.hpp>
#include <cmath>

#include "results/statistics.hpp"

using namespace hemsim;

TEST_CASE("summaries of a small sample", "[statistics]") {
    sample_summary s = summarize({2, 4, 4, 4, 5, 5, 7, 9});
    CHECK(s.n == 8);
    CHECK(s.mean == 5.0);
    CHECK(s.sd == Approx(std::sqrt(32.0 / 7.0)));
    // t(0.975, 7) = 2.364624...
    double half = 2.3646242515927849 * std::sqrt(32.0 / 7.0) / std::sqrt(8.0);
    CHECK(s.ci_low == Approx(5 - half).epsilon(1e-12));
    CHECK(s.ci_high == Approx(5 + half).epsilon(1e-12));
    // Type 7 quantiles: h = 7q.
    CHECK(s.p50 == 4.5);
    CHECK(s.p05 == Approx(2 + 0.35 * 2));
    CHECK(s.p95 == Approx(7 + 0.65 * 2));
}

TEST_CASE("t critical values", "[statistics]") {
    CHECK(t_critical(0.95, 1) == Approx(12.706204736).epsilon(1e-9));
    CHECK(t_critical(0.95, 30) == Approx(2.042272456).epsilon(1e-9));
    CHECK(t_critical(0.99, 1000000) == Approx(2.5758342).epsilon(1e-6));
}

TEST_CASE("NaN marks an undefined replication and is skipped", "[statistics]") {
    sample_summary s = summarize({1, std::nan(""), 3});
    CHECK(s.n == 2);
    CHECK(s.mean == 2);
    sample_summary none = summarize({std::nan("")});
    CHECK(none.n == 0);
}

TEST_CASE("a single replication has a point interval", "[statistics]") {
    sample_summary s = summarize({42});
    CHECK(s.ci_low == 42);
    CHECK(s.ci_high == 42);
    CHECK(s.p05 == 42);
}
