// Random streams and duration distributions: moments against theory, within
// the sample's own 99 % confidence interval (fixed seed, so deterministic).
#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <vector>

#include "engine/random.hpp"
#include "results/statistics.hpp"

using namespace hemsim;

namespace {

struct moments {
    double mean, var, mean_half, var_half;  // estimates and CI half-widths
};

// Sample moments of n draws with 99 % CI half-widths (normal approximation;
// the variance's from the sample fourth central moment).
moments sample_moments(const distribution& d, std::size_t n, std::uint64_t seed) {
    std::vector<double> xs(n);
    for (std::size_t i = 0; i < n; ++i) {
        stream s(seed, 0, 7, 3, i);
        xs[i] = sample(d, s);
    }
    double mean = 0;
    for (double x : xs) mean += x;
    mean /= static_cast<double>(n);
    double m2 = 0, m4 = 0;
    for (double x : xs) {
        double e = x - mean;
        m2 += e * e;
        m4 += e * e * e * e;
    }
    m2 /= static_cast<double>(n - 1);
    m4 /= static_cast<double>(n);
    const double z = 2.5758;  // 99 %
    return {mean, m2, z * std::sqrt(m2 / static_cast<double>(n)),
            z * std::sqrt(std::max(0.0, m4 - m2 * m2) / static_cast<double>(n))};
}

void check_moments(const distribution& d) {
    moments m = sample_moments(d, 200000, 12345);
    INFO("mean want " << mean_of(d) << " got " << m.mean << " ± " << m.mean_half);
    CHECK(std::fabs(m.mean - mean_of(d)) <= m.mean_half);
    INFO("variance want " << variance_of(d) << " got " << m.var << " ± " << m.var_half);
    CHECK(std::fabs(m.var - variance_of(d)) <= m.var_half);
}

}  // namespace

TEST_CASE("a stream is a pure function of its key and counter", "[random]") {
    stream a(1, 2, 3, 4, 5), b(1, 2, 3, 4, 5), c(1, 3, 3, 4, 5);
    std::vector<std::uint64_t> xa, xb, xc;
    for (int i = 0; i < 10; ++i) {
        xa.push_back(a());
        xb.push_back(b());
        xc.push_back(c());
    }
    CHECK(xa == xb);
    CHECK(xa != xc);
    std::set<std::uint64_t> distinct(xa.begin(), xa.end());
    CHECK(distinct.size() == xa.size());
}

TEST_CASE("uniform draws lie strictly inside (0, 1) with mean 1/2", "[random]") {
    double sum = 0;
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
        stream s(9, 0, 1, 1, static_cast<std::uint64_t>(i));
        double u = s.uniform();
        REQUIRE(u > 0.0);
        REQUIRE(u < 1.0);
        sum += u;
    }
    double half = 2.5758 * std::sqrt(1.0 / 12.0 / n);
    CHECK(std::fabs(sum / n - 0.5) <= half);
}

TEST_CASE("each distribution's mean and variance agree with theory", "[random]") {
    SECTION("fixed") { check_moments({dist_kind::fixed, 365, 0, 0}); }
    SECTION("exponential") { check_moments({dist_kind::exponential, 180, 0, 0}); }
    SECTION("uniform") { check_moments({dist_kind::uniform, 0, 365, 0}); }
    SECTION("triangular") { check_moments({dist_kind::triangular, 30, 180, 60}); }
    SECTION("normal truncated at 0, far from 0") { check_moments({dist_kind::normal, 90, 30, 0}); }
    SECTION("normal truncated at 0, truncation matters") { check_moments({dist_kind::normal, 10, 20, 0}); }
    SECTION("lognormal") { check_moments({dist_kind::lognormal, 180, 90, 0}); }
    SECTION("gamma") { check_moments({dist_kind::gamma, 180, 90, 0}); }
    SECTION("gamma with shape below 1") { check_moments({dist_kind::gamma, 60, 120, 0}); }
}

TEST_CASE("the truncated normal's theoretical moments match closed forms", "[random]") {
    // mu = 0: the half-normal, mean sigma sqrt(2/pi), variance sigma^2 (1 - 2/pi).
    distribution d{dist_kind::normal, 0, 10, 0};
    const double pi = 3.14159265358979323846;
    CHECK(mean_of(d) == Approx(10 * std::sqrt(2 / pi)).epsilon(1e-12));
    CHECK(variance_of(d) == Approx(100 * (1 - 2 / pi)).epsilon(1e-12));
}

TEST_CASE("remaining stays: conditional and stationary residuals", "[random]") {
    const std::size_t n = 100000;
    auto mean_of_draws = [&](auto draw) {
        std::vector<double> xs(n);
        for (std::size_t i = 0; i < n; ++i) {
            stream s(77, 0, 5, 5, i);
            xs[i] = draw(s);
        }
        return summarize(xs, 0.99);
    };
    SECTION("fixed 365 with 100 elapsed leaves 265") {
        stream s(1, 0, 0, 0, 0);
        CHECK(sample_remaining({dist_kind::fixed, 365, 0, 0}, 100, s) == 265.0);
    }
    SECTION("exponential is memoryless") {
        auto r = mean_of_draws([](stream& s) {
            return sample_remaining({dist_kind::exponential, 180, 0, 0}, 400, s);
        });
        CHECK(r.ci_low <= 180.0);
        CHECK(r.ci_high >= 180.0);
    }
    SECTION("uniform(0, 365) with 100 elapsed: uniform on (0, 265)") {
        auto r = mean_of_draws([](stream& s) {
            return sample_remaining({dist_kind::uniform, 0, 365, 0}, 100, s);
        });
        CHECK(r.ci_low <= 132.5);
        CHECK(r.ci_high >= 132.5);
    }
    SECTION("stationary residual has mean E[D^2] / (2 E[D])") {
        for (distribution d :
             {distribution{dist_kind::fixed, 365, 0, 0}, distribution{dist_kind::exponential, 180, 0, 0},
              distribution{dist_kind::uniform, 30, 90, 0}, distribution{dist_kind::gamma, 180, 90, 0},
              distribution{dist_kind::lognormal, 100, 50, 0},
              distribution{dist_kind::triangular, 30, 180, 60}}) {
            double m = mean_of(d), want = (variance_of(d) + m * m) / (2 * m);
            auto r = mean_of_draws([&](stream& s) { return sample_stationary_remaining(d, s); });
            INFO("kind " << static_cast<int>(d.kind) << " want " << want << " got " << r.mean << " ["
                         << r.ci_low << ", " << r.ci_high << "]");
            CHECK(r.ci_low <= want);
            CHECK(r.ci_high >= want);
        }
    }
}
