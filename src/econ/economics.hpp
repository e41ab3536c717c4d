// Economics of a scenario's results: costs by year, category and payer, the
// paired difference of every alternative against the nollalternativ
// (replication r minus replication r: common random numbers), present values,
// break-even, return per krona, cost per outcome, and the optional deadweight
// and optimism-bias adjustments. Reads results only; every figure is
// summarised over replications (mean, 95 % CI, p05/p50/p95).
//
// Conventions (the measures themselves are listed at economics_rows):
// - Discounting by calendar year k: (1 + rate)^-(k - price_base_year); see discount.hpp.
// - Cashable: the budget lines that really fall with fewer clients, i.e. every
//   category except staff and project (placements, social_assistance and any
//   attribute category). Non-cashable: staff (time freed, not money). Project
//   costs are spending, in neither class: diff = cashable + non_cashable + project.
// - cost, diff, break-even and p_saving use undiscounted SEK in fixed prices;
//   pv_*, npv_diff, p_saving_npv and the ratios (return per krona, cost per
//   outcome) use present values; outcomes (exits, days) are never discounted.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "results/runner.hpp"
#include "results/statistics.hpp"
#include "results/text.hpp"

namespace hemsim {

struct econ_options {
    double rate = 0.035;       // real discount rate per year (0 allowed; > -1)
    int price_base_year = 0;   // calendar year whose amounts are not discounted; 0: the first simulated year
    double deadweight = 0;     // share in [0, 1] of the outcome difference that would have happened anyway
    double optimism_bias = 0;  // uplift >= 0 on the project cost category (0.2 = +20 %, Green Book)
    int mandate_months = 48;   // a mandate period (mandatperiod), for p_breakeven_mandate
};

/// Throws std::invalid_argument naming the option when `o` is out of range.
void check_econ_options(const econ_options& o);

/// One row of economics.csv.
struct econ_row {
    std::string alternative;
    std::string payer;    // a payer id, or "all" for every payer together
    std::string year;     // calendar year, or "total" for the whole horizon
    std::string measure;  // cost, diff, npv_diff, ... (see economics_rows)
    sample_summary s;
};

/// The payer label of rows over every payer.
inline constexpr const char* all_payers = "all";

/// The break-even month of a monthly cash flow (alternative minus baseline, SEK
/// per month): the 1-based month m whose end is the first after which the
/// cumulative difference stays <= 0 to the end of the horizon; nullopt
/// ("never") when the cumulative difference at the horizon is > 0.
std::optional<std::size_t> breakeven_month(const std::vector<double>& monthly_diff);

/// "YYYY-MM" of the 1-based month `m` of a horizon that starts on `start`.
std::string month_label(const date& start, std::size_t m);

/// Every row of economics.csv, in a fixed order: alternatives as in the scenario;
/// per alternative, payer "all" then each payer, years in order then "total".
///
/// Every alternative (the nollalternativ too), per payer and year:
///   cost                 total cost, SEK
///   cost_<category>      cost of one category (left out when zero in every replication)
///   pv_cost              cost discounted to the price-base year
/// Every other alternative, paired with the nollalternativ, per payer and year:
///   diff                 alternative minus nollalternativ, total cost
///   diff_<category>      the same for one category (left out when zero in every replication)
///   diff_cashable        categories other than staff and project
///   diff_non_cashable    category staff
///   pv_diff              diff discounted
///   p_saving             (year total) share of replications with diff < 0 over the horizon
///   p_saving_npv         (year total) share with the discounted difference < 0
/// and over every payer and the whole horizon (payer "all", year "total"):
///   npv_diff             net present value of the difference (= pv_diff, all, total)
///   breakeven_month      1-based month of breakeven_month() on the monthly total
///                        difference, over the replications that break even
///   p_breakeven_horizon  share of replications that break even within the horizon
///   p_breakeven_mandate  share that break even by month mandate_months; left out when the
///                        horizon is shorter than the mandate (it cannot be judged)
///   pv_savings           minus the discounted difference in non-project cost
///   pv_project           the alternative's discounted project cost
///   savings_per_krona    the benefit-cost ratio pv_savings / pv_project: kronor saved per krona
///                        of project cost (replications with a project cost); not a return on top
///                        of the krona (a ratio of 1 only pays the project back)
///   extra_exits          entries into terminal placements, alternative minus nollalternativ
///   days_avoided         person-days in non-terminal placements, nollalternativ minus alternative
///   net_cost_per_extra_exit  npv_diff / extra_exits (replications with extra_exits > 0);
///                        negative: a net saving per extra exit
///   net_cost_per_day_avoided npv_diff / days_avoided (replications with days_avoided > 0);
///                        negative: a net saving per placement day avoided
/// With deadweight d > 0, the comparison rows again with suffix "_deadweight": the
/// cashable difference and the outcome differences (extra_exits, days_avoided)
/// scaled by (1 - d). With optimism bias b > 0, suffix "_optimism": the project
/// category (in both alternatives) scaled by (1 + b). With both, also
/// "_deadweight_optimism". The unsuffixed rows never change with these options.
/// Throws std::invalid_argument for bad options, std::logic_error when the
/// results do not fit the scenario (replication counts, table sizes).
std::vector<econ_row> economics_rows(const scenario& sc, const scenario_result& res, const econ_options& o);

/// The headline of a run: per non-baseline alternative, over the whole horizon
/// and all payers, diff, p_saving, npv_diff and savings_per_krona; the same
/// rows as economics_rows gives them, without computing the others.
std::vector<econ_row> headline_rows(const scenario& sc, const scenario_result& res, const econ_options& o);

/// economics.csv: alternative,payer,year,measure,mean,ci_low,ci_high,p05,p50,p95
/// (RFC 4180 quoting, dot decimals, shortest round-trip numbers, empty for NaN).
std::string economics_csv(const std::vector<econ_row>& rows);

/// The lines printed at the end of `hemsim run`, per alternative against the
/// nollalternativ: the NPV of the difference with the 95 % CI of its mean and
/// its spread over the futures (p05–p95), the payback month by which half the
/// futures have paid back (date and number), the probability of costing less
/// with its interval, the savings per krona invested, the net cost (or saving)
/// per extra exit, and the same adjusted for deadweight / optimism bias when
/// set. Swedish (decimal comma, space for thousands, tkr/mkr) or English.
std::string economics_summary(const scenario& sc, const scenario_result& res, const econ_options& o,
                              language lang);

}  // namespace hemsim
