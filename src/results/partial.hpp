// Partial results of a sharded run (hemsim run --shard K/N) and their merge.
// A shard writes its replications' raw tables; merging the shards of one run
// gives exactly the scenario_result of a single run, so every output written
// from it (yearly.csv byte for byte) is the same.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "results/runner.hpp"

namespace hemsim {

/// What identifies a run: every shard of it must agree on these.
struct run_identity {
    std::string case_file;      // absolute path of the scenario
    std::string inputs_sha256;  // sha256 of every input file, joined
    std::uint64_t seed = 0;
    std::uint32_t replications = 0;
    std::uint32_t shard_k = 0, shard_n = 1;
    bool fixed_parameters = false;
};

/// The bytes of a shard's partial file.
std::string encode_partial(const run_identity& id, const scenario_result& res);

/// Reads partial files of one run and merges them into the whole run's result
/// for `sc` (whose layouts are rebuilt). Throws std::runtime_error naming the
/// file when a shard is missing, repeated, from another run, or unreadable.
scenario_result merge_partials(const scenario& sc, const std::vector<std::filesystem::path>& files,
                               run_identity& id);

/// The identity stored in a partial file (to find the case before merging).
run_identity read_partial_identity(const std::filesystem::path& file);

}  // namespace hemsim
