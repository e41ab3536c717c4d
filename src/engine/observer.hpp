// What the engine emits. The engine only emits; recorders (cost ledger,
// statistics, traces) implement this interface and never reach back.
#pragma once

#include <cstdint>

#include "model/model.hpp"

namespace hemsim {

/// Queue numbering: services first (0..S-1), then one waiting list per
/// transition (S + transition index).
struct observer {
    virtual ~observer() = default;
    /// A client entered a placement (also at creation). `attrs` as now drawn.
    virtual void entered(double t, index_t placement, std::uint64_t attrs) = 0;
    /// A client left a placement; `attrs` as they were while there.
    virtual void left(double t, index_t placement, std::uint64_t attrs) = 0;
    /// A client was created: initial stock (at 0) or an arrival.
    virtual void created(double t, bool initial) = 0;
    /// A client entered a terminal placement and left the system.
    virtual void exited(double t, index_t placement) = 0;
    virtual void queue_joined(double t, index_t queue) = 0;
    /// Left a queue (served, or moved) after `wait_days`.
    virtual void queue_left(double t, index_t queue, double wait_days) = 0;
    /// A supply offer found nobody eligible.
    virtual void offer_lost(double t, index_t supply) = 0;
};

}  // namespace hemsim
