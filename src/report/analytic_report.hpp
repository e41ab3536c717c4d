// Writers for the analytic chain: analytic.csv, the terminal tables and the
// comparison with a simulation. They read analytic results only.
#pragma once

#include <string>
#include <vector>

#include "analytic/analytic.hpp"
#include "report/table.hpp"

namespace hemsim {

/// analytic.csv: `alternative,group,entry,measure,placement,value`, dot decimals,
/// "inf" where a client may never leave. Per entry: visits, days and cost_sek per
/// non-terminal placement, exit_probability per terminal placement, then
/// never_exits, move_cost_sek and exit_cost_sek (where not 0), cost_sek and total_days
/// with an empty placement (the totals).
std::string analytic_csv(const std::vector<analytic_run>& runs);

/// The chains for the terminal: per group and entry placement, visits, days and
/// cost per placement, exit probabilities, total days and cost per client.
std::string analytic_table(const std::vector<analytic_run>& runs, language lang = language::sv);

/// analytic_comparison.csv: `alternative,year,placement,analytic_person_days,
/// simulated_mean,simulated_ci_low,simulated_ci_high,departure_percent,cost_per_day_sek,in_total`;
/// placement "total" sums the placements with in_total = 1 (its cost_per_day_sek empty).
std::string comparison_csv(const analytic_comparison& cmp);

/// The comparison for the terminal: person-days a year, analytic against
/// simulated, and a sentence per alternative saying how far the simulation
/// departs and what the difference (the cost of queues and capacities) costs a year.
std::string comparison_table(const analytic_comparison& cmp, language lang = language::sv);

}  // namespace hemsim
