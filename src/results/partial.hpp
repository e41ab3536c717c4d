// Partial results of a sharded run (hemsim run --shard K/N) and their merge.
// A shard writes its replications' raw tables; reading the shards of one run
// in replication order gives exactly the replications of a single run, so every
// output summarised from them (yearly.csv byte for byte) is the same.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
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

/// Writes a shard's partial file replication by replication, as they come. Throws
/// std::runtime_error naming the file when it cannot be written.
class partial_writer {
public:
    /// `shape`: the shard's results before any replication (its rep_ids, alternatives).
    partial_writer(const std::filesystem::path& file, const run_identity& id, const scenario_result& shape);
    /// Replication number k of the shard, every alternative; in the shard's order.
    void add(const std::vector<const replication_result*>& rep);
    /// Flushes and closes the file; throws when a write failed.
    void close();

private:
    std::filesystem::path file_;
    std::ofstream out_;
};

/// The partial files of one run read replication by replication, in
/// replication order, each file as a stream (a few replications in memory at
/// a time, whatever the run's size).
class partial_stream {
public:
    /// Reads the files' headers; throws std::runtime_error naming the file when a
    /// shard is missing, repeated, from another run, or unreadable.
    partial_stream(const scenario& sc, const std::vector<std::filesystem::path>& files);
    ~partial_stream();
    partial_stream(const partial_stream&) = delete;
    partial_stream& operator=(const partial_stream&) = delete;
    const run_identity& identity() const { return id_; }
    /// The whole run's results before any replication (layouts rebuilt for `sc`).
    const scenario_result& shape() const { return shape_; }
    /// The next replication of every alternative, not costed; false after the last.
    /// Throws std::runtime_error naming the file when it is truncated.
    bool next(std::vector<replication_result>& rep);

    class reader;

private:
    static constexpr std::uint32_t no_shard = static_cast<std::uint32_t>(-1);
    run_identity id_;
    scenario_result shape_;
    std::vector<std::unique_ptr<reader>> readers_;
    std::vector<std::uint32_t> owner_;  // per replication: the reader that holds it
    std::uint32_t next_ = 0;
};

/// The identity stored in a partial file (to find the case before merging).
run_identity read_partial_identity(const std::filesystem::path& file);

}  // namespace hemsim
