// Private to src/engine/: staff gates, and the staff pools behind them and
// behind the services. A pool has floor(FTE x caseload or service slots)
// slots, recounted on its FTE dates; a service holds one while it works on a
// client, a client passing a staff gate holds one while in the destination.
// A slot given back, or more slots, wake the pool's services and the waiting
// lists with a staff gate on the pool.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "engine/records.hpp"
#include "model/calendar.hpp"
#include "model/model.hpp"

namespace hemsim::detail {

/// The slots of every staff pool: how many there are now and how many are taken.
struct staff_pools {
    std::vector<std::uint32_t> in_use;        // per pool
    std::vector<std::uint32_t> slots;         // per pool, now
    std::vector<timeline> fte;                // per pool: the FTE that give slots
    std::vector<std::vector<index_t>> lists;  // per pool: waiting lists with a staff gate on it

    /// Slots at time 0; throws std::runtime_error beyond 64 pools (a client's bit mask).
    void setup(const model& m, const calendar& cal) {
        const std::size_t n = m.staff.size();
        if (n > 64) throw std::runtime_error("hemsim supports at most 64 staff pools");
        in_use.assign(n, 0);
        slots.assign(n, 0);
        fte.clear();
        lists.assign(n, {});
        for (index_t i = 0; i < n; ++i) {
            fte.push_back(staffed_fte(m.staff[i], cal));
            slots[i] = m.staff[i].slots_at(fte[i].at(0));
        }
    }
    bool free(index_t pool) const { return in_use[pool] < slots[pool]; }
    void take(index_t pool) { ++in_use[pool]; }
    /// Gives back one slot of `pool`; who waits for the pool tries again.
    void give_back(index_t pool, wake_set& w) {
        --in_use[pool];
        wake(pool, w);
    }
    /// The slots of `pool` at time `t` (an FTE date); who waits for the pool tries again.
    void recount(const model& m, index_t pool, double t, wake_set& w) {
        slots[pool] = m.staff[pool].slots_at(fte[pool].at(t));
        wake(pool, w);
    }
    /// The pool's services and its staff gates' waiting lists try again.
    void wake(index_t pool, wake_set& w) const {
        w.pool[pool] = 1;
        w.wake_lists(lists[pool]);
    }
};

/// Staff gates: a slot of a caseload pool, taken on the move and held until
/// the client moves on (kept when the next move needs the same pool).
struct staff_gates {
    staff_pools& pools;
    gates_of_kind of;

    explicit staff_gates(staff_pools& p) : pools(p) {}

    /// Takes the staff gates of transition `tr` (added in order, after staff_pools::setup).
    void add(index_t tr, const transition& t) {
        of.add(tr, t, gate_kind::staff, [&](const gate& g) { pools.lists[g.target].push_back(tr); });
    }
    bool uses(index_t tr) const { return of.any(tr); }
    bool conditional(index_t tr) const { return of.conditional(tr); }
    bool waits_for_offer(index_t, const client_rec&) const { return false; }
    /// Every pool the client's gates need has a free slot, or the client holds one of it already.
    bool available(index_t tr, const client_rec& c, index_t /*offered*/) const {
        for (const gate& g : of[tr]) {
            if (!g.when.holds(c.attrs)) continue;
            if ((c.held_staff >> g.target) & 1u) continue;  // keeps the slot it has
            if (!pools.free(g.target)) return false;
        }
        return true;
    }
    /// Holds a slot of exactly the pools the move along `tr` needs: gives back the others.
    void acquire(index_t tr, client_rec& c, wake_set& w) {
        std::uint64_t need = 0;
        for (const gate& g : of[tr])
            if (g.when.holds(c.attrs)) need |= 1ull << g.target;
        give_back(c.held_staff & ~need, w);
        std::uint64_t take = need & ~c.held_staff;
        for (index_t i = 0; take; ++i, take >>= 1)
            if (take & 1u) pools.take(i);
        c.held_staff = need;
    }
    /// Gives back every slot the client holds (a rule moves it).
    void release(client_rec& c, wake_set& w) {
        give_back(c.held_staff, w);
        c.held_staff = 0;
    }

private:
    void give_back(std::uint64_t held, wake_set& w) {
        for (index_t i = 0; held; ++i, held >>= 1)
            if (held & 1u) pools.give_back(i, w);
    }
};

}  // namespace hemsim::detail
