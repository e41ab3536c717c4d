// Private to src/engine/: room, the gate of every transition into a placement
// with a capacity. The occupancy of every placement is counted, taken on
// entering and given back on leaving (by any move: a gate, a rule, an exit
// of the system never enters); room given back wakes the waiting lists into
// the placement (and, in leave, the rule moves waiting for room there). A
// capacity may change on dates: more room wakes the same lists; less moves
// nobody out, and nobody enters until the occupancy is below it.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <vector>

#include "engine/records.hpp"
#include "model/calendar.hpp"
#include "model/model.hpp"

namespace hemsim::detail {

/// Every placement's occupancy and capacity now, and the transitions that wait for room in a placement.
struct room_gates {
    const model& m;
    std::vector<std::uint32_t> occupancy;     // per placement
    std::vector<char> limited;                // per placement: it has a capacity
    std::vector<std::uint32_t> capacity;      // per placement with a capacity: clients at most, now
    std::vector<timeline> capacity_line;      // per placement: its capacity in simulation time
    std::vector<std::vector<index_t>> lists;  // per placement: transitions into it, when it has a capacity
    std::vector<index_t> dest;  // per transition: its destination if that has a capacity, or no_index

    explicit room_gates(const model& mm) : m(mm) {}

    /// Capacities at time 0 (before any transition is added).
    void setup(const calendar& cal) {
        const std::size_t n = m.placements.size();
        occupancy.assign(n, 0);
        limited.assign(n, 0);
        capacity.assign(n, 0);
        capacity_line.assign(n, timeline{});
        lists.assign(n, {});
        dest.clear();
        for (index_t p = 0; p < n; ++p) {
            if (!m.placements[p].capacity) continue;
            limited[p] = 1;
            capacity_line[p] = timeline(*m.placements[p].capacity, cal);
            capacity[p] = whole(capacity_line[p].at(0));
        }
    }

    /// Whether placement `p` takes one more client now.
    bool room(index_t p) const { return !limited[p] || occupancy[p] < capacity[p]; }
    void occupy(index_t p) { ++occupancy[p]; }
    /// A client leaves `p`: with a capacity, the waiting lists into it try again.
    void vacate(index_t p, wake_set& w) {
        --occupancy[p];
        if (limited[p]) w.wake_lists(lists[p]);
    }
    /// The capacity of `p` at time `t` (one of its dates): when it rises, the
    /// waiting lists into it try again (true: the caller wakes its rule moves);
    /// when it falls, nobody moves out.
    bool recount(index_t p, double t, wake_set& w) {
        const std::uint32_t before = capacity[p];
        capacity[p] = whole(capacity_line[p].at(t));
        if (capacity[p] <= before) return false;
        w.wake_lists(lists[p]);
        return true;
    }

    /// Notes whether transition `tr` (added in order) leads into a placement with a
    /// capacity. A move while waiting does not wait for room (docs/language.md).
    void add(index_t tr, const transition& t) {
        assert(tr == dest.size());
        const bool gated = limited[t.to] && t.while_waiting == no_index;
        dest.push_back(gated ? t.to : no_index);
        if (gated) lists[t.to].push_back(tr);
    }
    bool uses(index_t tr) const { return dest[tr] != no_index; }
    bool conditional(index_t) const { return false; }
    bool waits_for_offer(index_t, const client_rec&) const { return false; }
    bool available(index_t tr, const client_rec&, index_t /*offered*/) const {
        const index_t d = dest[tr];
        return d == no_index || occupancy[d] < capacity[d];
    }
    // The room is taken by entering and given back by leaving: occupy, vacate.
    void acquire(index_t, client_rec&, wake_set&) {}
    void release(client_rec&, wake_set&) {}

private:
    // A capacity's value as a count (the loader keeps them whole and within the limit).
    static std::uint32_t whole(double v) { return static_cast<std::uint32_t>(std::clamp(v, 0.0, 4e9)); }
};

}  // namespace hemsim::detail
