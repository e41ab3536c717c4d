// The application layer: the use cases that the command line, the tests and
// the web page call, on a case held in memory. Nothing here parses options or
// prints; errors are exceptions (input_error for bad input).
#pragma once

#include "econ/economics.hpp"
#include "model/model.hpp"
#include "results/runner.hpp"

namespace hemsim {

/// Runs every alternative of a case and costs the results: the simulation
/// (occupancy and events), then the costing pass.
scenario_result run_case(const scenario& sc, const run_options& opts);

/// One replication of one alternative, simulated and costed (its drawn values
/// set unless `fixed_parameters`).
replication_result run_one(const scenario& sc, const alternative& alt, const calendar& cal,
                           const result_layout& layout, std::uint64_t seed, std::uint64_t replication,
                           bool fixed_parameters = false);

/// run_case with more replications until the 95 % CI half-width of the headline
/// difference (the first alternative's total diff_vs_baseline) is at most
/// `target` of its mean, doubling up to `max_replications`.
struct target_ci_result {
    scenario_result res;
    std::string headline;  // what was measured
    double relative = 0;   // the half-width reached, as a share of the mean
    bool met = false;      // false: the cap came first
};
target_ci_result run_to_target_ci(const scenario& sc, run_options opts, double target,
                                  std::uint32_t max_replications);

}  // namespace hemsim
