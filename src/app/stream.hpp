// A run summarised replication by replication: every file's table built as the
// replications come, in replication order, so that memory does not grow with
// the number of futures (beyond a few numbers each: the headline comparisons,
// the drawn inputs) and the files are the same whatever the thread count, and
// the same as from a run held in memory.
#pragma once

#include <filesystem>
#include <functional>
#include <vector>

#include "econ/economics.hpp"
#include "model/model.hpp"
#include "results/monthly.hpp"
#include "results/partial.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"
#include "results/warnings.hpp"

namespace hemsim {

/// What a run's files and printed tables are made of.
struct run_outputs {
    scenario_result shape;  // the run without its replications: calendar, seed, counts, layouts, inputs
    result_table yearly;
    ledger_table ledger;
    econ_table economics;
    monthly_table monthly;
    std::vector<run_warning> warnings;
    run_totals totals;
    std::vector<comparison_samples> comparisons;  // as comparisons() gives them
    int base_year = 0;                            // the discounting's price base year
};

/// The outputs of a costed run held in memory.
run_outputs summarize_run(const scenario& sc, const scenario_result& res, const econ_options& o);

/// Simulates, costs and summarises every replication of a case, holding a few
/// replications per thread at a time: the outputs of
/// summarize_run(sc, run_case(sc, opts), o), to the byte. `shape.wall_seconds`
/// is the simulation's time (one thread: the simulations alone; more: the
/// whole loop, whose costing and summaries run beside the simulations).
run_outputs run_case_summarized(const scenario& sc, const run_options& opts, const econ_options& o);

/// Simulates a shard (opts.shard_k/shard_n) and writes its partial file as the
/// replications come (not costed: the merge costs them), with the identity
/// `identity` gives for the run's shape; returns the shape.
scenario_result run_shard_to(const scenario& sc, const run_options& opts,
                             const std::function<run_identity(const scenario_result&)>& identity,
                             const std::filesystem::path& file);

/// The outputs of a sharded run from its partial files, read as streams and
/// costed replication by replication: those of a single run, to the byte.
run_outputs summarize_partials(const scenario& sc, partial_stream& in, const econ_options& o);

}  // namespace hemsim
