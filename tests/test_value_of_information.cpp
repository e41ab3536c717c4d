// The value of knowing more (EVPI, EVPPI) against its closed form: when the
// NPV difference d is normal with mean mu and sd sigma, deciding now on the
// mean loses on average EVPI = sigma phi(mu / sigma) - |mu| Phi(-|mu| / sigma).
// On samples, and on a case whose difference is linear in one normal input.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <random>
#include <string>

#include "app/run.hpp"
#include "builders.hpp"
#include "econ/economics.hpp"
#include "econ/value_of_information.hpp"
#include "report/report_build.hpp"
#include "report/report_document.hpp"

using namespace hemsim;
using namespace hemsim::testing;

namespace {

double evpi_normal(double mu, double sigma) {
    const double z = std::fabs(mu) / sigma;
    const double phi = std::exp(-z * z / 2) / std::sqrt(2 * M_PI);
    const double Phi_neg = 0.5 * std::erfc(z / std::sqrt(2.0));
    return sigma * phi - std::fabs(mu) * Phi_neg;
}

struct mean_se {
    double mean, se;
};
mean_se of(const std::vector<double>& xs) {
    const double n = static_cast<double>(xs.size());
    const double m = std::accumulate(xs.begin(), xs.end(), 0.0) / n;
    double ss = 0;
    for (double x : xs) ss += (x - m) * (x - m);
    return {m, std::sqrt(ss / (n - 1) / n)};
}

}  // namespace

TEST_CASE("EVPI of a normal difference agrees with its closed form", "[voi]") {
    // The closed form itself: mu = 0 gives sigma / sqrt(2 pi).
    CHECK(evpi_normal(0, 1) == Approx(1 / std::sqrt(2 * M_PI)));
    std::mt19937_64 rng(7);
    for (auto [mu, sigma] : {std::pair{-365000.0, 547500.0}, std::pair{2e6, 1e6}, std::pair{0.0, 3e5}}) {
        std::normal_distribution<double> n(mu, sigma);
        std::vector<double> d(200000);
        for (double& x : d) x = n(rng);
        const mean_se e = of(perfect_losses(d));
        const double want = evpi_normal(mu, sigma);
        INFO("mu " << mu << " sigma " << sigma << ": EVPI " << e.mean << " +- " << e.se << ", want " << want);
        CHECK(std::fabs(e.mean - want) < 4 * e.se);
        CHECK(e.se < 0.02 * sigma);
    }
}

TEST_CASE("EVPPI: an input the difference is linear in, and an input it does not depend on", "[voi]") {
    // d = k x + noise, x ~ N(mx, sx), noise ~ N(0, sn): knowing x tells E[d | x] = k x, normal with
    // mean k mx and sd k sx, so EVPPI(x) = evpi_normal(k mx, k sx); an unrelated input is worth 0.
    std::mt19937_64 rng(11);
    const double k = 3650, mx = -100, sx = 150, sn = 400000;
    std::normal_distribution<double> x_of(mx, sx), noise(0, sn), other_of(5, 1);
    const std::size_t R = 200000;
    std::vector<double> d(R), x(R), other(R);
    for (std::size_t r = 0; r < R; ++r) {
        x[r] = x_of(rng);
        other[r] = other_of(rng);
        d[r] = k * x[r] + noise(rng);
    }
    const mean_se partial = of(evppi_losses(d, x));
    const double want = evpi_normal(k * mx, k * sx);
    INFO("EVPPI " << partial.mean << " +- " << partial.se << ", want " << want);
    CHECK(std::fabs(partial.mean - want) < 4 * partial.se);
    const mean_se none = of(evppi_losses(d, other));
    INFO("unrelated: " << none.mean << " +- " << none.se);
    CHECK(std::fabs(none.mean) < 4 * none.se + 0.01 * want);
    // Knowing both inputs is worth what knowing x is (the other adds nothing), and
    // at most what knowing every future exactly would be (chance included).
    const mean_se both = of(evpi_losses(d, {x, other}));
    CHECK(std::fabs(both.mean - want) < 4 * both.se);
    CHECK(of(perfect_losses(d)).mean > both.mean);
    // A constant input, and one of two values, are handled (degree 0 and 1).
    CHECK(of(evppi_losses(d, std::vector<double>(R, 1.0))).mean == Approx(0).margin(1e-6));
    std::vector<double> two(R);
    for (std::size_t r = 0; r < R; ++r) two[r] = x[r] < mx ? 0 : 1;
    const double two_value = of(evppi_losses(d, two)).mean;
    CHECK(two_value > 0);
    CHECK(two_value < want);
}

TEST_CASE("economics.csv gives EVPI and EVPPI of a case against the closed form", "[voi][econ]") {
    // Ten clients stay in 'a' all of 2010 in both alternatives; the alternative's
    // price a dygn is N(900, 150) against a fixed 1 000, so the difference is
    // 10 x 365 x (p - 1000): mu = -365 000, sigma = 547 500 (2010 is the base
    // year: not discounted). All of its uncertainty is the price: EVPPI = EVPI.
    model m;
    add_payer(m, "p");
    index_t a = add_placement(m, "a", 1000);
    index_t g = add_group(m, "g");
    add_initial(m, g, a, 10);
    scenario sc = make_scenario(m, ymd(2010, 1, 1), 12, 16000);
    uncertain_param u;
    u.path = "placement.a.price_per_day";
    u.dist = {param_kind::normal, 900, 150, 0};
    u.mean = 900;
    u.ref = {input_field::placement_price, a, no_index, whole_schedule, 1};
    u.rule = value_rule::any;
    sc.alternatives[1].system.uncertain.push_back(u);
    scenario_result res = run_case(sc, {});
    econ_table t = economics_rows(sc, res, econ_options{});
    const econ_row* evpi = t.find(1, measure::evpi);
    const econ_row* evppi = t.find(1, measure::evppi, every_payer, whole_horizon, adjustment_kind::none, 0);
    REQUIRE(evpi);
    REQUIRE(evppi);
    CHECK(t.measure_name(*evppi) == "evppi:placement.a.price_per_day");
    const double want = evpi_normal(-365000, 547500);
    INFO("EVPI " << evpi->s.mean << " [" << evpi->s.ci_low << ", " << evpi->s.ci_high << "], want " << want);
    CHECK(evpi->s.ci_low <= want);
    CHECK(evpi->s.ci_high >= want);
    CHECK(evpi->s.ci_high - evpi->s.ci_low < 0.2 * want);
    CHECK(evppi->s.mean == Approx(evpi->s.mean).epsilon(1e-6));
    // The nollalternativ has no such rows, and a run with fixed parameters none.
    CHECK_FALSE(t.find(0, measure::evpi));

    // The report says it in words: the section, the table's two rows, the most valuable input.
    const report_model rm = build_report(sc, res, report_request{});
    REQUIRE(rm.information.size() == 1);
    CHECK(rm.information[0].alternative == 1);
    CHECK(rm.information[0].all == evpi->s.mean);
    REQUIRE(rm.information[0].by_input.size() == 1);
    CHECK(rm.information[0].by_input[0].second == evppi->s.mean);
    const std::string md = report_markdown(rm, report_document(rm, make_charts(rm)), "img");
    CHECK(md.find("Vad det vore värt att veta mer före beslutet") != std::string::npos);
    CHECK(md.find("Alla osäkra antaganden") != std::string::npos);
    CHECK(md.find("Mest värt vore att veta") != std::string::npos);
    CHECK(md.find("ändrar det inte") == std::string::npos);
}
