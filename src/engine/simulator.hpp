// The discrete-event simulator of one alternative in one replication.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "engine/event_queue.hpp"
#include "engine/observer.hpp"
#include "engine/random.hpp"
#include "model/calendar.hpp"
#include "model/model.hpp"

namespace hemsim {

/// Counts for the conservation check: initial + arrivals = present + exits.
struct flow_counts {
    std::uint64_t initial = 0, arrivals = 0, exits = 0, present = 0;
    std::uint64_t events = 0;        // events processed
    std::uint64_t peak_present = 0;  // most clients in the system at once (memory follows it)
};

/// What one replication may do before it is stopped as runaway work (a
/// std::runtime_error naming the day, the event and the limit; exit 1).
struct sim_limits {
    std::uint64_t max_events = 200'000'000;           // in the whole replication
    std::uint64_t max_events_at_instant = 1'000'000;  // while time moves on by less than `instant_days`
    double instant_days = 1e-6;                       // about 0.1 second
    std::uint64_t max_clients = 2'000'000;            // in the system at once (max_clients_present)
};

/// Memory a simulator takes over from the one before it on the same thread:
/// the client store and the event set's buckets, whose pages a large system
/// (a million clients) would otherwise fault in afresh for every replication
/// and alternative. A run's worker keeps one for the run; it holds no state
/// of a replication (a simulator starts from an empty store), so results are
/// the same with or without it.
class sim_workspace {
public:
    sim_workspace();
    ~sim_workspace();
    sim_workspace(const sim_workspace&) = delete;
    sim_workspace& operator=(const sim_workspace&) = delete;

private:
    friend class simulator;
    struct store;
    std::unique_ptr<store> store_;
};

/// Simulates `m` over `cal` for replication `replication` of `seed`, emitting
/// to `obs`. Time is in days from the start date.
class simulator {
public:
    simulator(const model& m, const calendar& cal, observer& obs, std::uint64_t seed,
              std::uint64_t replication, sim_limits limits = {}, sim_workspace* workspace = nullptr);
    ~simulator();

    /// Runs from 0 to the horizon T. Events at exactly T are not processed:
    /// the state at T is the state after every event with time < T.
    void run();

    const flow_counts& counts() const { return counts_; }

private:
    struct impl;
    std::unique_ptr<impl> impl_;
    flow_counts counts_;
    sim_limits limits_;
    sim_workspace* workspace_;
};

}  // namespace hemsim
