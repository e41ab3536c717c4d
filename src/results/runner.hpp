// Runs a scenario: every alternative times every replication, on all cores.
// Results do not depend on the thread count: replication r of every
// alternative uses the streams of (seed, r) whichever thread runs it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine/simulator.hpp"
#include "model/calendar.hpp"
#include "model/model.hpp"
#include "results/replication.hpp"

namespace hemsim {

struct run_options {
    std::uint32_t replications = 0;  // 0: the scenario's
    std::uint64_t seed = 0;
    bool seed_given = false;
    unsigned threads = 0;  // 0: all cores
    // A shard K/N runs replications K, K+N, K+2N, ... of the whole run (K in 0..N-1).
    std::uint32_t shard_k = 0, shard_n = 1;
    bool fixed_parameters =
        false;          // uncertain parameters at their means (separates flow noise from input uncertainty)
    sim_limits limits;  // runaway work stops a replication (docs/language.md, "Limits")
    /// Called from the worker threads after each (replication, alternative) task with the tasks
    /// done and the run's total; must be thread-safe and quick. Empty: no calls.
    std::function<void(std::size_t done, std::size_t total)> progress;
    /// When set and true, the run stops at the next (replication, alternative) task and
    /// run_scenario throws run_cancelled (a web page's cancel button).
    const std::atomic<bool>* cancel = nullptr;
    bool reuse_simulation =
        true;  // analyses: a value that only changes costs is costed again, not simulated anew
};

/// What run_scenario throws when run_options::cancel was set.
class run_cancelled : public std::runtime_error {
public:
    run_cancelled() : std::runtime_error("the run was cancelled") {}
};

struct alternative_result {
    result_layout layout;
    std::vector<replication_result> reps;  // in replication order (of the shard's replications)
    std::vector<std::string> param_paths;  // the uncertain inputs drawn, in the order of each rep's params
};

struct scenario_result {
    calendar cal;
    std::uint64_t seed = 0;
    std::uint32_t replications = 0;  // replications of the whole run
    std::uint32_t shard_k = 0, shard_n = 1;
    std::vector<std::uint32_t> rep_ids;  // the replication number of each entry of reps
    bool fixed_parameters = false;
    unsigned threads = 0;
    double wall_seconds = 0;               // the simulation itself, all threads
    std::vector<alternative_result> alts;  // same order as the scenario's

    /// Events processed over every alternative and replication.
    std::uint64_t events() const;
};

/// One replication of one alternative. Its uncertain parameters are drawn
/// once, from streams keyed by their paths (the same draw in every alternative),
/// unless `fixed_parameters`.
replication_result run_replication(const scenario& sc, const alternative& alt, const calendar& cal,
                                   const result_layout& layout, std::uint64_t seed, std::uint64_t replication,
                                   bool fixed_parameters = false, const sim_limits& limits = {},
                                   sim_workspace* workspace = nullptr);

/// The most memory the results of one run may take (bytes); beyond it run_scenario
/// throws input_error before it starts.
inline constexpr double max_result_bytes = 4e9;

/// The value of an uncertain input in a replication: a draw from its stream
/// (keyed by its path: the same in every alternative), rounded for a count.
double draw_param(const uncertain_param& u, std::uint64_t seed, std::uint64_t replication);

/// Every alternative and replication: the simulation's records, not yet costed
/// (econ/costing.hpp's cost_scenario, or app/run.hpp's run_case for both).
/// Throws std::runtime_error on a failure while running (with the alternative,
/// replication and time).
scenario_result run_scenario(const scenario& sc, const run_options& opts);

/// A run's results before any replication: calendar, seed, replication
/// numbers, threads, and every alternative's empty_result.
scenario_result run_shape(const scenario& sc, const run_options& opts);

/// The results of alternative `a` before any replication: its layout and the
/// paths of its uncertain inputs.
alternative_result empty_result(const scenario& sc, std::size_t a, const calendar& cal);

/// The calendar of a scenario's horizon.
calendar make_calendar(const scenario& sc);

}  // namespace hemsim
