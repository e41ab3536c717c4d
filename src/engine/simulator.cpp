// The loop of one simulator run: setup, the event loop with its boundary rule
// and runaway-work guards, the dispatch of an event to the part that handles
// it, and an event's description for error messages. The state and the other
// jobs are in simulator_impl.hpp and the files it lists.
#include "engine/simulator.hpp"

#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <utility>

#include "engine/simulator_impl.hpp"

namespace hemsim {

namespace {

// Runaway work: too many events while time stands (nearly) still, or in all.
struct runaway_guard {
    const sim_limits& limits;
    double instant = 0;
    std::uint64_t at_instant = 0;

    // Throws std::runtime_error when the event about to run at `now` is one too many.
    void check(double now, std::uint64_t events, std::size_t clients_present) {
        if (now - instant < limits.instant_days) {
            // Many clients may move at one instant (a stock that starts ready); a cycle moves for ever.
            if (++at_instant > limits.max_events_at_instant + 20 * clients_present)
                throw std::runtime_error(
                    "more than " + std::to_string(limits.max_events_at_instant) +
                    " events without model time moving on (within 0.1 second): clients move without time "
                    "passing, as around a cycle of stays of zero or vanishing length; give a stay of the "
                    "cycle "
                    "a duration (docs/language.md, \"Limits\")");
        } else {
            instant = now;
            at_instant = 0;
        }
        if (events >= limits.max_events)
            throw std::runtime_error("the replication passed " + std::to_string(limits.max_events) +
                                     " events, hemsim's limit for one replication; lower the rates or "
                                     "the horizon (docs/language.md, \"Limits\")");
    }
};

// Whether the event's target is a client slot.
bool client_event(event_kind k) {
    return k == event_kind::stay_end || k == event_kind::service_end || k == event_kind::max_stay ||
           k == event_kind::give_up || k == event_kind::wait_move;
}

}  // namespace

struct sim_workspace::store {  // capacity only: empty between simulators
    detail::client_store clients;
    std::vector<std::uint32_t> free_slots;
    event_queue queue;

    /// Exchanges this memory with a simulator's, both left empty.
    template <class Impl>
    void trade(Impl& sim) {
        auto exchange = [](auto& mine, auto& theirs) {
            mine.clear();
            theirs.clear();
            std::swap(mine, theirs);
        };
        exchange(clients, sim.clients);
        exchange(free_slots, sim.free_slots);
        exchange(queue, sim.queue);
    }
};

sim_workspace::sim_workspace() : store_(std::make_unique<store>()) {}
sim_workspace::~sim_workspace() = default;

simulator::simulator(const model& m, const calendar& cal, observer& obs, std::uint64_t seed,
                     std::uint64_t replication, sim_limits limits, sim_workspace* workspace)
    : impl_(std::make_unique<impl>(m, cal, obs, counts_, seed, replication)),
      limits_(limits),
      workspace_(workspace) {
    impl_->limits = &limits_;
    if (workspace_) workspace_->store_->trade(*impl_);
}

simulator::~simulator() {
    if (workspace_) workspace_->store_->trade(*impl_);
}

void simulator::run() { impl_->run(); }

// The order matters: events scheduled for one time run in the order scheduled
// (FTE dates, then capacity dates, then offers, then arrivals, then the
// initial stock's stays).
void simulator::impl::setup() {
    setup_gates();
    setup_clients();
    setup_sources();
    reserve_clients();
    create_initial_stock();
}

// Events at exactly the horizon are not processed: the state at T is the
// state after every event with time < T.
void simulator::impl::run() {
    setup();
    settle();
    runaway_guard guard{*limits};
    while (!queue.empty() && queue.top().time < cal.horizon_days) {
        const event ev = queue.top();
        queue.pop();  // makes the next run when this one is used up: the next event is in the run
        // The next clients' records are most likely out of the cache: fetched while this event runs.
        if (!queue.empty()) {
            if (const event& next = queue.top(); client_event(next.kind())) prefetch_client(next.target);
            if (const event* after = queue.peek_next(); after && client_event(after->kind()))
                prefetch_client(after->target);
        }
        assert(ev.time >= now);
        now = ev.time;
        try {
            guard.check(now, counts.events, clients.size() - free_slots.size());
            dispatch(ev);
            settle();
        } catch (const std::exception& e) {
            char day[64];
            std::snprintf(day, sizeof day, "%.2f", now);
            const date on{std::chrono::sys_days{cal.start} +
                          std::chrono::days{static_cast<long>(std::floor(now))}};
            throw std::runtime_error("at day " + std::string(day) + " (" + iso(on) + ", " + describe(ev) +
                                     "): " + e.what());
        }
        ++counts.events;
    }
    now = cal.horizon_days;
    counts.present = clients.size() - free_slots.size();
}

// A client's event of an earlier stay (its serial moved on) is stale: dropped.
void simulator::impl::dispatch(const event& ev) {
    switch (ev.kind()) {
    case event_kind::stay_end:
        if (clients[ev.target].serial == ev.tag) continue_gates(ev.target);
        break;
    case event_kind::service_end:
        if (clients[ev.target].serial == ev.tag) service_end(ev.target);
        break;
    case event_kind::max_stay:
        if (clients[ev.target].serial == ev.tag) max_stay(ev.target);
        break;
    case event_kind::give_up: {
        const client_rec& c = clients[ev.target];
        if (c.ph == phase::waiting && static_cast<std::uint32_t>(c.join_seq) == ev.tag) give_up(ev.target);
        break;
    }
    case event_kind::wait_move:
        if (clients[ev.target].serial == ev.tag && clients[ev.target].ph == phase::waiting)
            wait_move(ev.target);
        break;
    case event_kind::arrival: arrival(ev.target); break;
    case event_kind::offer: offer(ev.target); break;
    case event_kind::staff_change: pools.recount(m, ev.target, now, wake); break;
    case event_kind::capacity_change:
        if (resources.room.recount(ev.target, now, wake) && !rule_wait[ev.target].empty())
            wake.wake_rule(ev.target);
        break;
    }
}

std::string simulator::impl::describe(const event& ev) const {
    switch (ev.kind()) {
    case event_kind::stay_end:
    case event_kind::service_end:
    case event_kind::max_stay:
    case event_kind::give_up:
    case event_kind::wait_move: {
        const client_rec& c = clients[ev.target];
        const char* what = ev.kind() == event_kind::stay_end      ? "end of stay"
                           : ev.kind() == event_kind::service_end ? "end of service"
                           : ev.kind() == event_kind::max_stay    ? "maximum stay"
                           : ev.kind() == event_kind::give_up     ? "giving up waiting"
                                                                  : "move while waiting";
        return std::string(what) + " of client " + std::to_string(c.key) + " of group '" +
               m.groups[c.group()].id + "' in '" + m.placements[c.placement].id + "'";
    }
    case event_kind::arrival: return "arrival into '" + m.placements[arrivals[ev.target].placement].id + "'";
    case event_kind::offer: return "offer of '" + m.supplies[ev.target].id + "'";
    case event_kind::staff_change: return "FTE change of '" + m.staff[ev.target].id + "'";
    case event_kind::capacity_change: return "capacity change of '" + m.placements[ev.target].id + "'";
    }
    return "event";
}

}  // namespace hemsim
