// Private to src/engine/: service gates, passed one after another before the
// resource gates. A service whose gate applies (its `when` holds and the
// client lacks its flag) is a FIFO queue; a free slot of its staff pool takes
// the earliest client over the services the pool serves, and the end of the
// service gives the slot back and grants the flag. The events (the queue,
// the start and the end of a service) are in gate_service.cpp.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "engine/records.hpp"
#include "model/model.hpp"

namespace hemsim::detail {

/// The service gates of every transition, and every service's queue.
struct service_gates {
    const model& m;
    gates_of_kind of;                              // per transition, in the order written
    std::vector<std::deque<std::uint32_t>> queue;  // per service: client slots, FIFO
    std::vector<index_t> queue_id;                 // per service: its id in model::queues
    std::vector<std::vector<index_t>> of_pool;     // per staff pool: the services it serves

    explicit service_gates(const model& mm)
        : m(mm), queue(mm.services.size()), queue_id(mm.services.size(), no_index), of_pool(mm.staff.size()) {
        for (index_t s = 0; s < m.services.size(); ++s) of_pool[m.services[s].staff].push_back(s);
    }

    /// Takes the service gates of transition `tr` (added in order).
    void add(index_t tr, const transition& t) {
        of.add(tr, t, gate_kind::service, [](const gate&) {});
    }
    /// The gate holds the client back at time `now`: its `when` holds and it lacks the service's flag.
    bool applies(const gate& g, const client_rec& c, double now) const {
        return g.when.holds(c.attrs, c.in_system(now)) && !(c.flags & m.services[g.target].flag_bit());
    }
    /// Whether the client's route has service gates left to pass (or skip).
    bool remaining(const client_rec& c) const { return c.gate_pos < of[c.route].size(); }
    /// The gate the client is at (in a service queue or in service).
    const gate& current(const client_rec& c) const { return of[c.route][c.gate_pos]; }
};

}  // namespace hemsim::detail
