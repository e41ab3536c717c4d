// Service gates at work: joining the queue of the next service whose gate
// applies, the start of services as a pool's slots allow (the earliest
// client over the services the pool serves), the end of a service (the slot
// given back, the flag granted, the next gate), and leaving for a rule move.
#include <algorithm>
#include <limits>

#include "engine/simulator_impl.hpp"

namespace hemsim {

// The next service gate of the client's route that applies: joins its queue
// (true), or none is left (false).
bool simulator::impl::join_service_queue(std::uint32_t slot) {
    client_rec& c = clients[slot];
    const auto& gates = services.of[c.route];
    for (; c.gate_pos < gates.size(); ++c.gate_pos) {
        const gate& g = gates[c.gate_pos];
        if (!services.applies(g, c, now)) continue;
        c.ph = phase::service_queue;
        c.joined = now;
        c.join_seq = next_join_seq++;
        services.queue[g.target].push_back(slot);
        obs.queue_joined(now, services.queue_id[g.target]);
        pools.wake(m.services[g.target].staff, wake);
        return true;
    }
    return false;
}

// A rule moves the client out of a service queue or out of its service.
void simulator::impl::leave_service(std::uint32_t slot) {
    client_rec& c = clients[slot];
    const index_t sv = services.current(c).target;
    if (c.ph == phase::service_queue) {
        auto& q = services.queue[sv];
        q.erase(std::find(q.begin(), q.end(), slot));
        obs.queue_abandoned(now, services.queue_id[sv]);
    } else {
        pools.give_back(m.services[sv].staff, wake);
    }
}

void simulator::impl::start_services(index_t pool) {
    const auto& svcs = services.of_pool[pool];
    while (pools.free(pool)) {
        // The earliest waiting client over the services this pool serves.
        index_t best = no_index;
        std::uint64_t best_seq = std::numeric_limits<std::uint64_t>::max();
        for (index_t s : svcs) {
            const auto& q = services.queue[s];
            if (!q.empty() && clients[q.front()].join_seq < best_seq) {
                best = s;
                best_seq = clients[q.front()].join_seq;
            }
        }
        if (best == no_index) return;
        std::uint32_t slot = services.queue[best].front();
        services.queue[best].pop_front();
        // The next in line is read at the next start (its join_seq): fetched meanwhile.
        if (!services.queue[best].empty()) prefetch_client(services.queue[best].front());
        client_rec& c = clients[slot];
        pools.take(pool);
        obs.queue_left(now, services.queue_id[best], now - c.joined);
        c.ph = phase::in_service;
        stream s = client_stream(c, detail::p_service, (std::uint64_t{best} << 32) | c.services);
        ++c.services;
        schedule(now + sample(m.services[best].duration, s), event_kind::service_end, slot, c.serial);
    }
}

void simulator::impl::service_end(std::uint32_t slot) {
    client_rec& c = clients[slot];
    const service& sv = m.services[services.current(c).target];
    pools.give_back(sv.staff, wake);
    c.flags |= static_cast<std::uint32_t>(sv.flag_bit());
    ++c.gate_pos;
    continue_gates(slot);
}

}  // namespace hemsim
