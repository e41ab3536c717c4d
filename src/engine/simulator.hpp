// The discrete-event simulator of one alternative in one replication.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/event_queue.hpp"
#include "engine/observer.hpp"
#include "engine/random.hpp"
#include "model/model.hpp"

namespace hemsim {

/// Counts for the conservation check: initial + arrivals = present + exits.
struct flow_counts {
    std::uint64_t initial = 0, arrivals = 0, exits = 0, present = 0;
    std::uint64_t events = 0;  // events processed
    std::uint64_t peak_present = 0;  // most clients in the system at once (memory follows it)
};

/// Simulates `m` over `cal` for replication `replication` of `seed`, emitting
/// to `obs`. Time is in days from the start date.
class simulator {
public:
    simulator(const model& m, const calendar& cal, observer& obs, std::uint64_t seed,
              std::uint64_t replication);
    ~simulator();

    /// Runs from 0 to the horizon T. Events at exactly T are not processed:
    /// the state at T is the state after every event with time < T.
    void run();

    const flow_counts& counts() const { return counts_; }

private:
    struct impl;
    std::unique_ptr<impl> impl_;
    flow_counts counts_;
};

}  // namespace hemsim
