// Aggregation over replications into the rows of yearly.csv and the printed
// table: per alternative, per year (and "total" over the horizon), per metric.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"
#include "results/runner.hpp"
#include "results/statistics.hpp"

namespace hemsim {

struct metric_row {
    std::string alternative;
    std::string year;    // calendar year, or "total" for the whole horizon
    std::string metric;  // cost_total, diff_vs_baseline, person_days:<placement>, ...
    sample_summary s;
};

/// The label of the whole-horizon rows.
inline constexpr const char* total_year = "total";

/// Every metric row, in a fixed order: alternatives as in the scenario, then
/// years in order then "total", then metrics. Rows with no defined value
/// (e.g. a mean wait when nobody left the queue) are left out.
std::vector<metric_row> yearly_rows(const scenario& sc, const scenario_result& res);

struct ledger_row {
    std::string alternative, year, category, payer, placement;  // placement "" for staff and project
    sample_summary s;
};

/// The cost ledger by (alternative, year, category, payer, placement), summarised over
/// replications; cells that are zero in every replication are left out.
std::vector<ledger_row> ledger_rows(const scenario& sc, const scenario_result& res);

/// Checks initial + arrivals = present + exits in every replication; throws
/// std::logic_error naming the alternative and replication when it fails.
void check_conservation(const scenario& sc, const scenario_result& res);

}  // namespace hemsim
