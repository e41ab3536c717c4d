// Private to src/engine/: room, the gate of every transition into a placement
// with a capacity. The occupancy of every placement is counted, taken on
// entering and given back on leaving (by any move: a gate, a rule, an exit
// of the system never enters); room given back wakes the waiting lists into
// the placement (and, in leave, the rule moves waiting for room there).
#pragma once

#include <cassert>
#include <cstdint>
#include <vector>

#include "engine/records.hpp"
#include "model/model.hpp"

namespace hemsim::detail {

/// Every placement's occupancy, and the transitions that wait for room in a placement.
struct room_gates {
    const model& m;
    std::vector<std::uint32_t> occupancy;     // per placement
    std::vector<std::vector<index_t>> lists;  // per placement: transitions into it, when it has a capacity
    std::vector<index_t> dest;  // per transition: its destination if that has a capacity, or no_index

    explicit room_gates(const model& mm) : m(mm) {
        occupancy.assign(m.placements.size(), 0);
        lists.assign(m.placements.size(), {});
    }

    /// Whether placement `p` takes one more client now.
    bool room(index_t p) const {
        const auto& cap = m.placements[p].capacity;
        return !cap || occupancy[p] < *cap;
    }
    void occupy(index_t p) { ++occupancy[p]; }
    /// A client leaves `p`: with a capacity, the waiting lists into it try again.
    void vacate(index_t p, wake_set& w) {
        --occupancy[p];
        if (m.placements[p].capacity) w.wake_lists(lists[p]);
    }

    /// Notes whether transition `tr` (added in order) leads into a placement with a capacity.
    void add(index_t tr, const transition& t) {
        assert(tr == dest.size());
        const bool capacity = m.placements[t.to].capacity.has_value();
        dest.push_back(capacity ? t.to : no_index);
        if (capacity) lists[t.to].push_back(tr);
    }
    bool uses(index_t tr) const { return dest[tr] != no_index; }
    bool conditional(index_t) const { return false; }
    bool waits_for_offer(index_t, const client_rec&) const { return false; }
    bool available(index_t tr, const client_rec&, index_t /*offered*/) const {
        const index_t d = dest[tr];
        return d == no_index || occupancy[d] < *m.placements[d].capacity;
    }
    // The room is taken by entering and given back by leaving: occupy, vacate.
    void acquire(index_t, client_rec&, wake_set&) {}
    void release(client_rec&, wake_set&) {}
};

}  // namespace hemsim::detail
