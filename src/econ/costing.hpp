// The costing pass (hesim's sim_costs() after sim_disease()): what a
// replication recorded, at the model's rates. The engine never reads a price,
// so a price, an annual cost or a project amount changed after a run is costed
// again from the same records, without a new simulation.
//
// - Placements: person-days by time cell at the placement's price in force.
// - Attributes with a cost: the days the attribute holds in its placements.
// - Staff: FTE over time at the annual cost per FTE; project lines by their dates.
// Monthly prices and annual amounts are spread over each calendar year's own
// days, so that a whole calendar year costs exactly 12 months or one annual
// amount, leap year or not.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "model/calendar.hpp"
#include "model/model.hpp"
#include "results/replication.hpp"
#include "results/runner.hpp"

namespace hemsim {

/// Fills r.cost, r.cost_month, r.staff_month and r.project_month from r's
/// records and `alt`'s rates (its drawn values already set).
void cost_replication(const alternative& alt, const result_layout& l, const calendar& cal, double warmup_days,
                      replication_result& r);

/// cost_replication with the replication's drawn values (r.params, in the
/// order of `param_paths`) set in a copy of `alt`, unless `fixed_parameters`.
void cost_drawn(const alternative& alt, const std::vector<std::string>& param_paths, const result_layout& l,
                const calendar& cal, double warmup_days, bool fixed_parameters, replication_result& r);

/// Costs replications of one alternative one at a time, as cost_scenario does
/// (it uses one per thread): each replication's draws (r.params, by the paths
/// the run drew them at) set in one copy of the alternative kept for the next;
/// a path the scenario now fixes keeps the scenario's value. One per thread.
class replication_coster {
public:
    replication_coster(const alternative& alt, const std::vector<std::string>& param_paths,
                       const result_layout& layout, const calendar& cal, double warmup_days,
                       bool fixed_parameters);
    ~replication_coster();
    replication_coster(replication_coster&&) noexcept;
    void operator()(replication_result& r);

private:
    struct state;
    std::unique_ptr<state> st_;
};

/// Costs every replication of a run, each with its own draws of the uncertain
/// inputs (r.params, by the paths the run drew them at) set in a copy of its
/// alternative; a path the scenario now fixes keeps the scenario's value. On
/// `threads` threads (0: one); the results do not depend on it.
void cost_scenario(const scenario& sc, scenario_result& res, unsigned threads = 0);

/// Whether a model value changes what the simulation does; when it does not (a
/// price, an attribute's cost, an annual cost per FTE, a project amount), a
/// changed value needs only a new costing pass.
bool moves_flows(input_field field);

}  // namespace hemsim
