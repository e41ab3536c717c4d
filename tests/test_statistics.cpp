// Confidence intervals and percentiles against hand-computed values.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

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

TEST_CASE("a sample taken value by value is summarised as the whole sample", "[statistics]") {
    // Kronor-sized values with a spread: the streamed summary keeps Welford's
    // order, so the mean is that update's to the bit, and the percentiles are
    // the sorted sample's.
    std::vector<double> xs;
    for (int i = 0; i < 1001; ++i)
        xs.push_back(1.5e7 + 1e5 * std::sin(i * 0.7) + (i % 7 == 0 ? std::nan("") : 0));
    sample_accumulator acc;
    double mean = 0, m2 = 0;
    std::size_t k = 0;
    std::vector<double> kept;
    for (double x : xs) {
        acc.add(x);
        if (std::isnan(x)) continue;
        kept.push_back(x);
        ++k;
        const double d = x - mean;
        mean += d / static_cast<double>(k);
        m2 += d * (x - mean);
    }
    CHECK(acc.added() == 1001);
    CHECK(acc.count() == kept.size());
    const sample_summary s = acc.summary(quantity_kind::non_negative);
    CHECK(s.n == kept.size());
    CHECK(s.mean == mean);
    CHECK(s.sd == std::sqrt(m2 / static_cast<double>(k - 1)));
    std::sort(kept.begin(), kept.end());
    CHECK(s.p05 == quantile_sorted(kept, 0.05));
    CHECK(s.p50 == quantile_sorted(kept, 0.50));
    CHECK(s.p95 == quantile_sorted(kept, 0.95));
    CHECK_FALSE(acc.all_zero());

    sample_accumulator zeros;
    CHECK(zeros.all_zero());
    zeros.add(0);
    zeros.add(std::nan(""));
    CHECK(zeros.all_zero());
    CHECK(zeros.count() == 1);
    CHECK(zeros.summary().p95 == 0);
}
