// What the engine emits. The engine only emits; recorders (cost ledger,
// statistics, traces) implement this interface and never reach back.
#pragma once

#include <cstdint>

#include "model/model.hpp"

namespace hemsim {

/// What the programme's rules did (seed 004).
enum class rule_event : std::uint8_t {
    over_max_stay,    // a client reached the placement's maximum stay
    moved_by_rule,    // and was moved to the placement for after the maximum stay
    breach_max_stay,  // could not be moved: no room there; it stays, over the limit
    redirected,       // a client barred from the placement went to its `instead`
    breach_bar,       // a barred client entered all the same: no room in `instead`
};

/// Queue ids are those of model::queues(): services first (0..S-1), then one
/// waiting list per transition (S + transition index). `client` is the client's stable key.
struct observer {
    virtual ~observer() = default;
    /// A client entered a placement (also at creation). `attrs` as now drawn.
    virtual void entered(double t, index_t placement, std::uint64_t attrs, std::uint64_t client) = 0;
    /// A client left a placement; `attrs` as they were while there.
    virtual void left(double t, index_t placement, std::uint64_t attrs, std::uint64_t client) = 0;
    /// A client moved along a transition (emitted before it enters the destination).
    virtual void moved(double t, index_t transition, std::uint64_t attrs) = 0;
    /// A rule acted on a client in (or on its way into) a placement.
    virtual void rule(double t, index_t placement, rule_event what, std::uint64_t client) = 0;
    /// A client left a queue without being served (moved by a rule).
    virtual void queue_abandoned(double t, index_t queue) = 0;
    /// A client gave up waiting in a waiting list (give_up_after): it left the
    /// list (`left`), or moved keeping its place. By default only the former is seen, as abandoned.
    virtual void gave_up(double t, index_t queue, bool left) {
        if (left) queue_abandoned(t, queue);
    }
    /// A client was created: initial stock (at 0) or an arrival.
    virtual void created(double t, bool initial) = 0;
    /// A client entered a terminal placement and left the system.
    virtual void exited(double t, index_t placement) = 0;
    virtual void queue_joined(double t, index_t queue) = 0;
    /// Left a queue (served, or moved) after `wait_days`.
    virtual void queue_left(double t, index_t queue, double wait_days) = 0;
    /// A supply made an offer (taken or lost).
    virtual void offer_made(double t, index_t supply) = 0;
    /// A supply offer found nobody eligible.
    virtual void offer_lost(double t, index_t supply) = 0;
};

}  // namespace hemsim
