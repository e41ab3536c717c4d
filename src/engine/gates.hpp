// Private to src/engine/: the resource gates, passed together once a client
// has passed its services (docs/language.md, "Semantics"). Each kind lives in
// its own header and answers, for transition `tr` and client `c`:
//
//   add(tr, t)                 setup: takes the kind's gates of transition t (in order)
//   uses(tr)                   the transition has a gate of the kind
//   conditional(tr)            some such gate has a `when`: clients of one list may differ
//   waits_for_offer(tr, c)     the client is passed only by an offer, not by a settle
//   available(tr, c, offered)  its gates hold now, with an offer of supply `offered`
//                              in hand (no_index: none)
//   acquire(tr, c, wake)       takes what the move along `tr` needs and gives back
//                              what the client no longer needs
//   release(c, wake)           gives back what the client holds (a rule moves it)
//
// and whatever it gives back marks, in the wake set, the waiting lists that
// wait for it. Calls are static (a fold over the kinds, inlined): no virtual
// call on the hot path. A new kind: its header, one member and one entry in
// each fold below, its gate_kind and loader schema in src/model/, its docs.
#pragma once

#include "engine/gate_room.hpp"
#include "engine/gate_service.hpp"
#include "engine/gate_staff.hpp"
#include "engine/gate_supply.hpp"

namespace hemsim::detail {

struct resource_gates {
    supply_gates supply;
    staff_gates staff;
    room_gates room;

    resource_gates(const model& m, staff_pools& pools) : supply(m), staff(pools), room(m) {}

    /// f(kind) for every kind, in order.
    template <class F>
    void each(F&& f) {
        f(supply);
        f(staff);
        f(room);
    }
    /// Whether f(kind) holds for every kind (stops at the first that fails).
    template <class F>
    bool all(F&& f) const {
        return f(supply) && f(staff) && f(room);
    }
    /// Whether f(kind) holds for some kind (stops at the first that holds).
    template <class F>
    bool any(F&& f) const {
        return f(supply) || f(staff) || f(room);
    }
};

}  // namespace hemsim::detail
