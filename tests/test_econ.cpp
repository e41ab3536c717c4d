// Economics against hand-computed cash flows: results are built by hand (no
// simulation), fixed costs placed by the runner's own add_fixed_costs.
#include <algorithm>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <set>
#include <stdexcept>
#include <string>

#include "app/roots.hpp"
#include "builders.hpp"
#include "econ/costing.hpp"
#include "econ/discount.hpp"
#include "econ/economics.hpp"
#include "report/economics_report.hpp"
#include "results/recorder.hpp"
#include "results/runner.hpp"
#include "rows.hpp"

using namespace hemsim;
using namespace hemsim::testing;

namespace {

constexpr std::size_t enheten = 0, staten = 1;  // payers
constexpr std::size_t stod = 0, eget = 1;       // placements

// Two alternatives over `months` from 2008-01-01: payers enheten and staten,
// the placement "stod" and the terminal "eget". The alternative ("alt1") carries
// `project` and, when `alt_staff_fte` > 0, a staff pool at 600 000 kr per FTE
// and year; its fixed costs are in every replication, all else is zero.
struct hand_case {
    scenario sc;
    scenario_result res;

    hand_case(int months, std::size_t reps, const std::vector<project_cost>& project,
              double alt_staff_fte = 0) {
        model m;
        add_payer(m, "enheten");
        add_payer(m, "staten");
        add_placement(m, "stod", 0);
        add_placement(m, "eget", 0, true);
        sc = make_scenario(m, ymd(2008, 1, 1), months, static_cast<std::uint32_t>(reps));
        alternative& alt = sc.alternatives[1];
        alt.project_costs = project;
        if (alt_staff_fte > 0) {
            staff_pool s;
            s.id = s.name = "boendestodjare";
            s.fte = constant(alt_staff_fte);
            s.annual_cost_per_fte_sek = constant(600000);
            s.payer = enheten;
            alt.system.staff.push_back(s);
        }
        res.cal = make_calendar(sc);
        res.replications = static_cast<std::uint32_t>(reps);
        res.alts.resize(2);
        for (std::size_t a = 0; a < 2; ++a) {
            const result_layout l = res.alts[a].layout = make_layout(sc, sc.alternatives[a], res.cal);
            for (std::size_t r = 0; r < reps; ++r) {
                // Nobody in any placement: the costing pass books the fixed costs only.
                replication_result rr;
                rr.occupancy.assign(l.placements.size() * l.N(), 0.0);
                rr.attribute_days.assign(l.attribute_costs.size() * l.N(), 0.0);
                rr.person_days.assign(l.placements.size() * l.Y(), 0.0);
                rr.exits.assign(l.placements.size() * l.Y(), 0.0);
                cost_replication(sc.alternatives[a], l, res.cal, 0, rr);
                res.alts[a].reps.push_back(rr);
            }
        }
    }

    /// `sek` in every month of alternative a, replication r: the cash flow and the year's ledger.
    void every_month(std::size_t a, std::size_t r, category c, std::size_t payer, std::size_t placement,
                     double sek) {
        const result_layout& l = res.alts[a].layout;
        replication_result& rr = res.alts[a].reps[r];
        for (std::size_t m = 0; m < res.cal.months(); ++m) {
            rr.cost[l.ledger_index(res.cal.month_year[m], static_cast<std::size_t>(c), payer, placement)] +=
                sek;
            rr.cost_month[m * l.K() + payer] += sek;
        }
    }

    void outcome(std::size_t a, std::size_t r, std::size_t placement, std::size_t year, double exits,
                 double days) {
        const std::size_t Y = res.alts[a].layout.Y();
        res.alts[a].reps[r].exits[placement * Y + year] += exits;
        res.alts[a].reps[r].person_days[placement * Y + year] += days;
    }
};

project_cost one_off(double sek) {
    project_cost pc;
    pc.item = "start";
    pc.one_off = true;
    pc.one_off_sek = sek;
    pc.start = ymd(2008, 1, 1);
    pc.payer = enheten;
    return pc;
}

project_cost per_year_2008(double sek) {
    project_cost pc;
    pc.item = "team";
    pc.per_year_sek = sek;
    pc.start = ymd(2008, 1, 1);
    pc.end = ymd(2008, 12, 31);
    pc.payer = enheten;
    return pc;
}

// Break-even case: 60 months, a one-off project cost of 600 000 kr at the start;
// the nollalternativ pays 100 000 kr a month for placements, the alternative
// 100 000 - s, with s = 90 000, 20 000, 11 000 and 9 000 in the four replications:
// the cumulative difference 600 000 - s m reaches <= 0 in months 7, 30, 55 and never.
hand_case breakeven_case() {
    hand_case h(60, 4, {one_off(600000)});
    const double s[] = {90000, 20000, 11000, 9000};
    for (std::size_t r = 0; r < 4; ++r) {
        h.every_month(0, r, category::placements, enheten, stod, 100000);
        h.every_month(1, r, category::placements, enheten, stod, 100000 - s[r]);
    }
    return h;
}

// Ratio case: 24 months, one replication. The nollalternativ: placements 150 000 kr
// a month (enheten), 10 exits, 3 650 days in "stod". The alternative: no
// placements, social assistance 20 000 a month (staten), 1 FTE staff (600 000 a
// year), a project of 1.2 mkr in 2008 (enheten), 18 exits, 2 450 days.
// Differences over the horizon: placements -3.6 mkr, social assistance +0.48,
// staff +1.2, project +1.2: total -0.72 mkr; 8 extra exits, 1 200 days avoided.
hand_case ratio_case() {
    hand_case h(24, 1, {per_year_2008(1200000)}, 1.0);
    h.every_month(0, 0, category::placements, enheten, stod, 150000);
    h.outcome(0, 0, eget, 0, 10, 0);
    h.outcome(0, 0, stod, 0, 0, 3650);
    h.every_month(1, 0, category::social_assistance, staten, stod, 20000);
    h.outcome(1, 0, eget, 0, 18, 0);
    h.outcome(1, 0, stod, 0, 0, 2450);
    return h;
}

const hemsim::testing::named_econ_row* lookup(const std::vector<hemsim::testing::named_econ_row>& rows,
                                              const std::string& alt, const std::string& payer,
                                              const std::string& year, const std::string& measure) {
    for (const auto& r : rows)
        if (r.alternative == alt && r.payer == payer && r.year == year && r.measure == measure) return &r;
    return nullptr;
}

// The mean of a row that must exist.
double mean_of(const std::vector<hemsim::testing::named_econ_row>& rows, const std::string& measure,
               const std::string& payer = "all", const std::string& year = "total",
               const std::string& alt = "alt1") {
    const hemsim::testing::named_econ_row* r = lookup(rows, alt, payer, year, measure);
    INFO("row " << alt << " / " << payer << " / " << year << " / " << measure);
    REQUIRE(r != nullptr);
    return r->s.mean;
}

bool same(const sample_summary& a, const sample_summary& b) {
    auto eq = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
    return a.n == b.n && eq(a.mean, b.mean) && eq(a.sd, b.sd) && eq(a.ci_low, b.ci_low) &&
           eq(a.ci_high, b.ci_high) && eq(a.p05, b.p05) && eq(a.p50, b.p50) && eq(a.p95, b.p95);
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The adjusted run keeps every unadjusted row byte for byte, adds only rows with
// `suffix`, and among those the measures in `unchanged` equal their unadjusted row.
void check_only_suffix_added(const std::vector<hemsim::testing::named_econ_row>& plain,
                             const std::vector<hemsim::testing::named_econ_row>& adjusted,
                             const std::string& suffix, const std::set<std::string>& unchanged) {
    std::size_t kept = 0;
    for (const auto& r : adjusted) {
        const hemsim::testing::named_econ_row* p = lookup(plain, r.alternative, r.payer, r.year, r.measure);
        if (p) {
            INFO(r.payer << " / " << r.year << " / " << r.measure);
            CHECK(same(p->s, r.s));
            ++kept;
            continue;
        }
        INFO("new row " << r.measure);
        REQUIRE(ends_with(r.measure, suffix));
        const std::string base = r.measure.substr(0, r.measure.size() - suffix.size());
        if (unchanged.count(base)) {
            const hemsim::testing::named_econ_row* q = lookup(plain, r.alternative, r.payer, r.year, base);
            REQUIRE(q != nullptr);
            INFO(r.payer << " / " << r.year << " / " << r.measure);
            CHECK(same(q->s, r.s));
        }
    }
    CHECK(kept == plain.size());
}

}  // namespace

TEST_CASE("discount factors and present value at 3.5 % and 0 %", "[econ]") {
    CHECK(discount_factor(0.035, 2008, 2008) == 1.0);
    CHECK(discount_factor(0.035, 2009, 2008) == Approx(1 / 1.035).epsilon(1e-15));
    CHECK(discount_factor(0.035, 2010, 2008) == Approx(1 / (1.035 * 1.035)).epsilon(1e-15));
    CHECK(discount_factor(0.035, 2007, 2008) ==
          Approx(1.035).epsilon(1e-15));  // before the base year: compounded
    CHECK(discount_factor(0.0, 2030, 2008) == 1.0);

    const std::vector<int> years{2008, 2009, 2010};
    const std::vector<double> flows{1000, 1000, 1000};
    // 1000 + 1000 / 1.035 + 1000 / 1.035^2
    CHECK(present_value(flows, years, 0.035, 2008) == Approx(2899.6942752456303).epsilon(1e-13));
    CHECK(present_value(flows, years, 0.0, 2008) == 3000.0);
    // Price base 2009: 1035 + 1000 + 1000 / 1.035.
    CHECK(present_value(flows, years, 0.035, 2009) == Approx(3001.1835748792273).epsilon(1e-13));
    CHECK_THROWS_AS(present_value({1, 2}, years, 0.035, 2008), std::invalid_argument);
}

TEST_CASE("NPV of the paired difference over the horizon", "[econ]") {
    hand_case h = breakeven_case();
    const double s[] = {90000, 20000, 11000, 9000};
    // Per replication: 2008: 600 000 - 12 s; 2009-2012: -12 s each.
    const double annuity = 1 + 1 / 1.035 + std::pow(1.035, -2) + std::pow(1.035, -3) + std::pow(1.035, -4);
    double npv = 0, total = 0, pv2009 = 0;
    for (double x : s) {
        npv += (600000 - 12 * x * annuity) / 4;
        total += (600000 - 60 * x) / 4;
        pv2009 += -12 * x / 1.035 / 4;
    }
    SECTION("at 3.5 %") {
        auto rows = hemsim::testing::economics_named(h.sc, h.res, econ_options{});
        CHECK(mean_of(rows, "npv_diff") == Approx(npv).epsilon(1e-12));
        CHECK(mean_of(rows, "pv_diff") == Approx(npv).epsilon(1e-12));
        CHECK(mean_of(rows, "diff") == Approx(total).epsilon(1e-12));
        CHECK(mean_of(rows, "pv_diff", "all", "2009") == Approx(pv2009).epsilon(1e-12));
        CHECK(mean_of(rows, "diff", "all", "2008") == Approx(600000 - 12 * 32500.0).epsilon(1e-12));
        // Replication NPVs: -4 446 926, -521 539, -16 846, +95 307: three of four save.
        CHECK(mean_of(rows, "p_saving_npv") == 0.75);
        // Undiscounted totals: -4.8 mkr, -600 000, -60 000, +60 000.
        CHECK(mean_of(rows, "p_saving") == 0.75);
        CHECK(mean_of(rows, "p_saving", "enheten") == 0.75);
        CHECK(mean_of(rows, "p_saving", "staten") == 0.0);
        // The nollalternativ's own cost: 1.2 mkr a year.
        CHECK(mean_of(rows, "pv_cost", "all", "total", "nollalternativ") ==
              Approx(1.2e6 * annuity).epsilon(1e-12));
        CHECK(mean_of(rows, "cost", "all", "2010", "nollalternativ") == 1.2e6);
        CHECK(lookup(rows, "nollalternativ", "all", "total", "cost_staff") == nullptr);  // zero everywhere
        CHECK(lookup(rows, "nollalternativ", "all", "total", "diff") == nullptr);        // no self-comparison
    }
    SECTION("at 0 % the NPV is the plain sum") {
        econ_options o;
        o.rate = 0;
        auto rows = hemsim::testing::economics_named(h.sc, h.res, o);
        CHECK(mean_of(rows, "npv_diff") == total);
        CHECK(mean_of(rows, "npv_diff") == -1350000.0);
        CHECK(mean_of(rows, "p_saving_npv") == 0.75);
    }
    SECTION("a later price-base year compounds the earlier years") {
        econ_options o;
        o.price_base_year = 2010;
        auto rows = hemsim::testing::economics_named(h.sc, h.res, o);
        CHECK(mean_of(rows, "pv_diff", "all", "2010") == mean_of(rows, "diff", "all", "2010"));
        CHECK(mean_of(rows, "pv_diff", "all", "2009") ==
              Approx(mean_of(rows, "diff", "all", "2009") * 1.035).epsilon(1e-14));
    }
}

TEST_CASE("break-even month of a monthly flow", "[econ]") {
    std::vector<double> flow(24, -90000);
    flow[0] += 600000;  // cumulative 510 000, 420 000, ..., 60 000 in month 6, -30 000 in month 7
    CHECK(breakeven_month(flow) == std::optional<std::size_t>(7));
    CHECK(breakeven_month({100, -10, -10}) == std::nullopt);  // 100, 90, 80: never
    CHECK(breakeven_month({100, -150, 100, -100}) ==
          std::optional<std::size_t>(4));                                  // below at 2, above at 3
    CHECK(breakeven_month({100, -100}) == std::optional<std::size_t>(2));  // exactly zero counts
    CHECK(breakeven_month({-1, 0, 0}) == std::optional<std::size_t>(1));
    CHECK(breakeven_month({}) == std::nullopt);
    CHECK(month_label(ymd(2008, 1, 1), 7) == "2008-07");
    CHECK(month_label(ymd(2008, 11, 15), 3) == "2009-01");
}

TEST_CASE("break-even over replications and its probabilities", "[econ]") {
    hand_case h = breakeven_case();
    auto rows = hemsim::testing::economics_named(h.sc, h.res, econ_options{});
    const hemsim::testing::named_econ_row* be = lookup(rows, "alt1", "all", "total", "breakeven_month");
    REQUIRE(be != nullptr);
    CHECK(be->s.n == 3);  // months 7, 30 and 55; the fourth never breaks even
    CHECK(be->s.mean == Approx(92.0 / 3).epsilon(1e-14));
    CHECK(be->s.p50 == 30);
    CHECK(be->s.p05 == Approx(7 + 0.1 * 23).epsilon(1e-14));  // type 7: h = 2 x 0.05
    CHECK(mean_of(rows, "p_breakeven_horizon") == 0.75);
    CHECK(mean_of(rows, "p_breakeven_mandate") == 0.5);  // 7 and 30 within 48 months; 55 is not

    SECTION("a longer mandate period") {
        econ_options o;
        o.mandate_months = 60;
        auto r60 = hemsim::testing::economics_named(h.sc, h.res, o);
        CHECK(mean_of(r60, "p_breakeven_mandate") == 0.75);
    }
    SECTION("nobody breaks even: no month row, probability zero") {
        hand_case never(12, 2, {one_off(600000)});
        auto rn = hemsim::testing::economics_named(never.sc, never.res, econ_options{});
        CHECK(lookup(rn, "alt1", "all", "total", "breakeven_month") == nullptr);
        CHECK(mean_of(rn, "p_breakeven_horizon") == 0.0);
        CHECK(mean_of(rn, "p_saving") == 0.0);
    }
    SECTION("the printed summary") {
        // Half the replications have broken even by month 30 = June 2010.
        std::string en = economics_summary(h.sc, h.res, econ_options{}, language::en);
        CHECK_THAT(en, Catch::Contains("month 30 (2010-06) in half the simulated futures"));
        // Shares of 4 futures with their Wilson intervals: 3 of 4 is 30-95 %, 2 of 4 is 15-85 %.
        CHECK_THAT(en, Catch::Contains("75 % (95 % CI 30–95 %) pay back within the horizon (60 months); "
                                       "50 % (95 % CI 15–85 %) within 48 months"));
        CHECK_THAT(en, Catch::Contains("over the horizon: 75 % (95 % CI 30–95 %); in present value: 75 %"));
        CHECK_THAT(en, Catch::Contains("real discount rate of 3.5 % and price base year 2008"));
        std::string sv = economics_summary(h.sc, h.res, econ_options{}, language::sv);
        CHECK_THAT(sv, Catch::Contains("månad 30 (2010-06) i hälften av de simulerade utfallen"));
        CHECK_THAT(sv, Catch::Contains("realränta 3,5 % och prisbasår 2008"));
        CHECK_THAT(sv, Catch::Contains("75 % (95 % KI 30–95 %) betalar tillbaka inom horisonten (60 mån); "
                                       "50 % (95 % KI 15–85 %) inom 48 mån"));
    }
}

TEST_CASE("return per krona, cost per extra exit and per day avoided", "[econ]") {
    hand_case h = ratio_case();
    econ_options o;
    o.rate = 0;
    auto rows = hemsim::testing::economics_named(h.sc, h.res, o);
    CHECK(mean_of(rows, "diff") == -720000.0);
    CHECK(mean_of(rows, "diff_placements") == -3600000.0);
    CHECK(mean_of(rows, "diff_social_assistance") == 480000.0);
    CHECK(mean_of(rows, "diff_cashable") == -3120000.0);
    CHECK(mean_of(rows, "diff_non_cashable") == 1200000.0);
    CHECK(mean_of(rows, "diff_project") == 1200000.0);
    CHECK(mean_of(rows, "diff", "enheten") == -1200000.0);
    CHECK(mean_of(rows, "diff", "staten") == 480000.0);
    CHECK(mean_of(rows, "diff_cashable", "staten", "2009") == 240000.0);
    CHECK(mean_of(rows, "p_saving", "enheten") == 1.0);
    CHECK(mean_of(rows, "p_saving", "staten") == 0.0);
    // Savings = -(diff - project) = 1.92 mkr against a project of 1.2 mkr.
    CHECK(mean_of(rows, "pv_savings") == 1920000.0);
    CHECK(mean_of(rows, "pv_project") == 1200000.0);
    CHECK(mean_of(rows, "savings_per_krona") == Approx(1.6).epsilon(1e-15));
    CHECK(mean_of(rows, "extra_exits") == 8.0);
    CHECK(mean_of(rows, "days_avoided") == 1200.0);
    CHECK(mean_of(rows, "net_cost_per_extra_exit") == -90000.0);
    CHECK(mean_of(rows, "net_cost_per_day_avoided") == -600.0);

    SECTION("at 3.5 % the money is discounted, the outcomes are not") {
        auto r35 = hemsim::testing::economics_named(h.sc, h.res, econ_options{});
        const double pv_savings = 960000 * (1 + 1 / 1.035);  // 960 000 a year net of the project
        CHECK(mean_of(r35, "pv_savings") == Approx(pv_savings).epsilon(1e-14));
        CHECK(mean_of(r35, "pv_project") == 1200000.0);
        CHECK(mean_of(r35, "savings_per_krona") == Approx(pv_savings / 1.2e6).epsilon(1e-14));
        CHECK(mean_of(r35, "npv_diff") == Approx(1.2e6 - pv_savings).epsilon(1e-14));
        CHECK(mean_of(r35, "net_cost_per_extra_exit") == Approx((1.2e6 - pv_savings) / 8).epsilon(1e-14));
        CHECK(mean_of(r35, "extra_exits") == 8.0);
    }
    SECTION("the summary in Swedish and English") {
        std::string sv = economics_summary(h.sc, h.res, o, language::sv);
        CHECK_THAT(
            sv, Catch::Contains("Nuvärde av skillnaden: -720 tkr; medelvärdets 95 % konfidensintervall -720 "
                                "till -720 tkr; i 90 % av de simulerade utfallen mellan -720 och -720 tkr"));
        CHECK_THAT(sv, Catch::Contains("Besparing per satsad krona (nytta/kostnad, i nuvärde): 1,60 kr"));
        CHECK_THAT(
            sv, Catch::Contains("Nettobesparing per extra utflytt (klient som lämnar systemet): 90 000 kr"));
        CHECK_THAT(sv, Catch::Contains("realränta 0 %"));
        std::string en = economics_summary(h.sc, h.res, o, language::en);
        CHECK_THAT(
            en, Catch::Contains("NPV of the difference: -720 tkr; 95 % confidence interval of the mean -720 "
                                "to -720 tkr"));
        CHECK_THAT(en, Catch::Contains(
                           "Savings per krona invested (benefit-cost ratio, in present value): 1.60 kr"));
    }
}

TEST_CASE("deadweight and optimism bias change exactly what they should", "[econ]") {
    hand_case h = ratio_case();
    econ_options plain;
    plain.rate = 0;
    const auto base = hemsim::testing::economics_named(h.sc, h.res, plain);

    SECTION("deadweight scales the outcome-driven differences only") {
        econ_options o = plain;
        o.deadweight = 0.25;
        auto rows = hemsim::testing::economics_named(h.sc, h.res, o);
        check_only_suffix_added(base, rows, "_deadweight",
                                {"diff_non_cashable", "diff_staff", "diff_project", "pv_project"});
        // Cashable x 0.75: placements -2.7 mkr, social assistance +0.36.
        CHECK(mean_of(rows, "diff_placements_deadweight") == -2700000.0);
        CHECK(mean_of(rows, "diff_social_assistance_deadweight") == 360000.0);
        CHECK(mean_of(rows, "diff_cashable_deadweight") == -2340000.0);
        CHECK(mean_of(rows, "diff_deadweight") == Approx(60000.0).epsilon(1e-14));
        CHECK(mean_of(rows, "npv_diff_deadweight") == Approx(60000.0).epsilon(1e-14));
        CHECK(mean_of(rows, "pv_savings_deadweight") == 1140000.0);
        CHECK(mean_of(rows, "savings_per_krona_deadweight") == Approx(0.95).epsilon(1e-14));
        CHECK(mean_of(rows, "extra_exits_deadweight") == 6.0);
        CHECK(mean_of(rows, "days_avoided_deadweight") == 900.0);
        CHECK(mean_of(rows, "net_cost_per_extra_exit_deadweight") == Approx(10000.0).epsilon(1e-14));
        CHECK(mean_of(rows, "net_cost_per_day_avoided_deadweight") == Approx(200.0 / 3).epsilon(1e-14));
        CHECK(mean_of(rows, "p_saving_deadweight") == 0.0);
        CHECK(lookup(rows, "alt1", "all", "total", "diff_optimism") == nullptr);
    }
    SECTION("optimism bias raises the project category only") {
        econ_options o = plain;
        o.optimism_bias = 0.2;
        auto rows = hemsim::testing::economics_named(h.sc, h.res, o);
        check_only_suffix_added(base, rows, "_optimism",
                                {"diff_placements", "diff_social_assistance", "diff_staff", "diff_cashable",
                                 "diff_non_cashable", "pv_savings", "extra_exits", "days_avoided"});
        CHECK(mean_of(rows, "diff_project_optimism") == 1440000.0);
        CHECK(mean_of(rows, "diff_optimism") == Approx(-480000.0).epsilon(1e-14));
        CHECK(mean_of(rows, "pv_project_optimism") == 1440000.0);
        CHECK(mean_of(rows, "savings_per_krona_optimism") == Approx(1.92 / 1.44).epsilon(1e-14));
        CHECK(mean_of(rows, "net_cost_per_extra_exit_optimism") == Approx(-60000.0).epsilon(1e-14));
        CHECK(mean_of(rows, "net_cost_per_day_avoided_optimism") == Approx(-400.0).epsilon(1e-14));
        CHECK(mean_of(rows, "diff_optimism", "staten") == 480000.0);  // the project is enheten's
        CHECK(lookup(rows, "alt1", "all", "total", "diff_deadweight") == nullptr);
    }
    SECTION("both: each alone, and together") {
        econ_options o = plain;
        o.deadweight = 0.25;
        o.optimism_bias = 0.2;
        auto rows = hemsim::testing::economics_named(h.sc, h.res, o);
        CHECK(mean_of(rows, "diff_deadweight") == Approx(60000.0).epsilon(1e-14));
        CHECK(mean_of(rows, "diff_optimism") == Approx(-480000.0).epsilon(1e-14));
        CHECK(mean_of(rows, "diff_deadweight_optimism") == Approx(300000.0).epsilon(1e-14));
        CHECK(mean_of(rows, "savings_per_krona_deadweight_optimism") == Approx(1.14 / 1.44).epsilon(1e-14));
        std::string sv = economics_summary(h.sc, h.res, o, language::sv);
        CHECK_THAT(sv, Catch::Contains("Med dödvikt 25 %:"));
        CHECK_THAT(sv, Catch::Contains("Med optimismtillägg +20 % på projektkostnaden:"));
        CHECK_THAT(sv, Catch::Contains("Med dödvikt 25 % och optimismtillägg +20 % på projektkostnaden:"));
    }
    SECTION("on the monthly flow: break-even moves, the unadjusted one does not") {
        hand_case b = breakeven_case();
        const auto b0 = hemsim::testing::economics_named(b.sc, b.res, econ_options{});
        econ_options dw;
        dw.deadweight = 0.25;
        auto rd = hemsim::testing::economics_named(b.sc, b.res, dw);
        check_only_suffix_added(b0, rd, "_deadweight", {"diff_project", "pv_project"});
        // Savings 67 500, 15 000, 8 250, 6 750 a month against 600 000: months 9, 40, never, never.
        CHECK(mean_of(rd, "breakeven_month_deadweight") == 24.5);
        CHECK(mean_of(rd, "p_breakeven_horizon_deadweight") == 0.5);
        CHECK(mean_of(rd, "p_breakeven_mandate_deadweight") == 0.5);
        CHECK(mean_of(rd, "diff_deadweight") == Approx(600000 - 0.75 * 60 * 32500).epsilon(1e-14));
        econ_options ob;
        ob.optimism_bias = 0.2;
        auto ro = hemsim::testing::economics_named(b.sc, b.res, ob);
        check_only_suffix_added(b0, ro, "_optimism", {"diff_placements", "diff_cashable", "pv_savings"});
        // 720 000 against 90 000, 20 000, 11 000, 9 000 a month: months 8, 36, never, never.
        CHECK(mean_of(ro, "breakeven_month_optimism") == 22.0);
        CHECK(mean_of(ro, "p_breakeven_horizon_optimism") == 0.5);
        CHECK(mean_of(ro, "p_breakeven_mandate_optimism") == 0.5);
    }
}

TEST_CASE("economics options are checked", "[econ]") {
    hand_case h = ratio_case();
    auto fails = [&](econ_options o, const std::string& what) {
        CHECK_THROWS_WITH(hemsim::testing::economics_named(h.sc, h.res, o), Catch::Contains(what));
    };
    econ_options o;
    o.deadweight = 1.5;
    fails(o, "deadweight");
    o = {};
    o.rate = -1;
    fails(o, "discount rate");
    o = {};
    o.optimism_bias = -0.1;
    fails(o, "optimism bias");
    o = {};
    o.mandate_months = 0;
    fails(o, "mandate period");
    o = {};
    o.deadweight = 1;  // everything would have happened anyway: allowed, and no extra exits remain
    auto rows = hemsim::testing::economics_named(h.sc, h.res, o);
    CHECK(mean_of(rows, "extra_exits_deadweight") == 0.0);
    CHECK(lookup(rows, "alt1", "all", "total", "net_cost_per_extra_exit_deadweight") == nullptr);
}

TEST_CASE("economics.csv", "[econ]") {
    econ_table table;
    table.alternatives = {"alt1", "alt, \"b\""};
    table.payers = {"staten"};
    table.years = {2009};
    table.rows.push_back(
        {0, every_payer, whole_horizon, measure::npv_diff, adjustment_kind::none, 0, summarize({-1.5, 2.5})});
    table.rows.push_back(
        {1, 0, 0, measure::breakeven_month, adjustment_kind::none, 0, summarize({std::nan("")})});
    const std::string csv = economics_csv(table);
    const double half = t_critical(0.95, 1) * std::sqrt(8.0) / std::sqrt(2.0);
    auto num = [](double x) {
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
        (void)ec;
        return std::string(buf, end);
    };
    CHECK(csv ==
          "alternative,payer,year,measure,mean,ci_low,ci_high,p05,p50,p95\n"
          "alt1,all,total,npv_diff,0.5," +
              num(0.5 - half) + "," + num(0.5 + half) + "," + num(-1.5 + 0.05 * 4) + ",0.5," +
              num(-1.5 + 0.95 * 4) +
              "\n"
              "\"alt, \"\"b\"\"\",staten,2009,breakeven_month,,,,,,\n");
    // The whole table of a case: one header, ten fields a line.
    hand_case h = breakeven_case();
    const std::string full = economics_csv(economics_rows(h.sc, h.res, econ_options{}));
    std::size_t lines = 0, bad = 0, start = 0;
    while (start < full.size()) {
        std::size_t end = full.find('\n', start);
        std::string line = full.substr(start, end - start);
        bad += std::count(line.begin(), line.end(), ',') != 9;
        ++lines;
        start = end + 1;
    }
    CHECK(lines > 100);
    CHECK(bad == 0);
}

TEST_CASE("find_root for switching values", "[econ]") {
    CHECK(find_root([](double x) { return x * x - 2; }, 0.0, 2.0, 1e-12) ==
          Approx(std::sqrt(2.0)).epsilon(1e-12));
    CHECK(find_root([](double x) { return std::cos(x) - x; }, 0.0, 1.0, 1e-12) ==
          Approx(0.7390851332151607).epsilon(1e-11));
    CHECK(find_root([](double x) { return x - 1; }, 1.0, 3.0) == 1.0);  // a root at the bracket's end
    // The internal rate of return of -1000, +600, +600: the rate where the NPV is zero.
    const std::vector<int> years{2008, 2009, 2010};
    double irr = find_root(
        [&](double r) {
            return present_value({-1000, 600, 600}, years, r, 2008);
        },
        0.0, 1.0, 1e-12);
    CHECK(irr == Approx(0.1306623862918075).epsilon(1e-10));

    CHECK_THROWS_AS(find_root([](double x) { return x * x - 2; }, 2.0, 3.0), std::domain_error);
    CHECK_THROWS_WITH(find_root([](double x) { return x * x - 2; }, 2.0, 3.0),
                      Catch::Contains("no sign change"));
    CHECK_THROWS_AS(find_root([](double x) { return x; }, 1.0, -1.0), std::invalid_argument);
    CHECK_THROWS_AS(find_root([](double) { return std::nan(""); }, 0.0, 1.0), std::runtime_error);
}
