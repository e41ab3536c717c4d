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
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "results/runner.hpp"
#include "results/statistics.hpp"
#include "results/summary.hpp"

namespace hemsim {

struct econ_options {
    double rate = default_discount_rate;  // real discount rate per year (0 allowed; > -1)
    int price_base_year = 0;   // calendar year whose amounts are not discounted; 0: the first simulated year
    double deadweight = 0;     // share in [0, 1] of the outcome difference that would have happened anyway
    double optimism_bias = 0;  // uplift >= 0 on the project cost category (0.2 = +20 %, Green Book)
    int mandate_months = 48;   // a mandate period (mandatperiod), for p_breakeven_mandate
};

/// Throws std::invalid_argument naming the option when `o` is out of range.
void check_econ_options(const econ_options& o);

/// What a row of economics.csv measures (its name: measure_name()).
enum class measure : std::uint8_t {
    cost,
    cost_category,
    pv_cost,  // every alternative
    diff,
    diff_category,
    diff_cashable,
    diff_non_cashable,  // against the nollalternativ, per payer and year
    pv_diff,
    p_saving,
    p_saving_npv,
    npv_diff,
    breakeven_month,
    p_breakeven_horizon,  // every payer, the whole horizon
    p_breakeven_mandate,
    pv_savings,
    pv_project,
    savings_per_krona,
    extra_exits,
    days_avoided,
    net_cost_per_extra_exit,
    net_cost_per_day_avoided,
    evpi,   // the expected value of perfect information on the decision against the nollalternativ, kr
    evppi,  // category: an uncertain input (econ_table::inputs); the same for knowing that input alone, kr
};

/// Which adjustment of the comparison a row is under (its suffix in economics.csv).
enum class adjustment_kind : std::uint8_t { none, deadweight, optimism, deadweight_optimism };

/// The payer of rows over every payer together.
inline constexpr std::size_t every_payer = static_cast<std::size_t>(-1);

/// One row of economics.csv.
struct econ_row {
    std::size_t alternative = 0;       // scenario order
    std::size_t payer = every_payer;   // into econ_table::payers
    std::size_t year = whole_horizon;  // period index, or whole_horizon
    hemsim::measure measure = measure::cost;
    adjustment_kind adjustment = adjustment_kind::none;
    std::size_t category = 0;  // cost_category, diff_category: into econ_table::categories
    sample_summary s;
};

/// A measure's name in economics.csv ("diff_cashable_deadweight", "cost_staff").
std::string measure_name(hemsim::measure m, adjustment_kind adj = adjustment_kind::none,
                         const std::string& category = "");

/// The rows of economics.csv with what names them.
struct econ_table {
    std::vector<std::string> alternatives;  // ids
    std::vector<std::string> payers;        // the payers of every alternative together
    std::vector<std::string> categories;    // likewise
    std::vector<int> years;
    std::vector<std::vector<std::string>> inputs;  // per alternative: its uncertain inputs' paths (evppi)
    std::vector<econ_row> rows;

    /// The row, or nullptr.
    const econ_row* find(std::size_t alternative, hemsim::measure m, std::size_t payer = every_payer,
                         std::size_t year = whole_horizon, adjustment_kind adj = adjustment_kind::none,
                         std::size_t category = 0) const;
    /// economics.csv's names: "diff_cashable_deadweight", "cost_staff", ...; "all" for every payer; "total".
    std::string measure_name(const econ_row& r) const;
    std::string payer_label(const econ_row& r) const;
    std::string year_label(const econ_row& r) const;
};

/// Per replication, one alternative against the nollalternativ over every
/// payer and the whole horizon, under an adjustment: what the headline and the
/// printed summary are made of.
struct comparison_samples {
    std::size_t alternative = 0;
    adjustment_kind adjustment = adjustment_kind::none;
    std::vector<double> total;      // difference, SEK
    std::vector<double> npv;        // its present value
    std::vector<double> breakeven;  // payback month (1-based), NaN = not within the horizon
    std::vector<double> pv_savings, pv_project, extra_exits, days_avoided;
};

/// Every non-baseline alternative under every adjustment the options ask for,
/// in the order of economics.csv. Also the discounting's price base year.
std::vector<comparison_samples> comparisons(const scenario& sc, const scenario_result& res,
                                            const econ_options& o, int* base_year = nullptr);

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
///   evpi                 the expected value of knowing every uncertain input before choosing
///                        between the alternative and the nollalternativ on npv_diff, kr
///                        (value_of_information.hpp); only when some input varies in the sample
///   evppi:<input path>   the same for knowing that input alone
/// With deadweight d > 0, the comparison rows again with suffix "_deadweight": the
/// cashable difference and the outcome differences (extra_exits, days_avoided)
/// scaled by (1 - d). With optimism bias b > 0, suffix "_optimism": the project
/// category (in both alternatives) scaled by (1 + b). With both, also
/// "_deadweight_optimism". The unsuffixed rows never change with these options.
/// Throws std::invalid_argument for bad options, std::logic_error when the
/// results do not fit the scenario (replication counts, table sizes).
econ_table economics_rows(const scenario& sc, const scenario_result& res, const econ_options& o);

/// economics_rows built replication by replication (as yearly_builder): `shape`
/// gives the layouts, the calendar and the uncertain inputs (its replications
/// are not read). The drawn inputs and npv_diff of every replication are kept
/// for evpi and evppi (a few numbers per replication); everything else is
/// summarised as it comes.
class economics_builder {
public:
    economics_builder(const scenario& sc, const scenario_result& shape, const econ_options& o);
    ~economics_builder();
    economics_builder(const economics_builder&) = delete;
    economics_builder& operator=(const economics_builder&) = delete;
    void add(const replication_set& rep);
    econ_table finish() const;
    /// What comparisons() gives, for the replications added so far.
    std::vector<comparison_samples> comparisons() const;
    /// The discounting's price base year.
    int base_year() const;

private:
    struct state;
    std::unique_ptr<state> st_;
};

/// The headline of a run: per non-baseline alternative, over the whole horizon
/// and all payers, diff, p_saving, npv_diff and savings_per_krona; the same
/// rows as economics_rows gives them, without computing the others.
econ_table headline_rows(const scenario& sc, const scenario_result& res, const econ_options& o);

}  // namespace hemsim
