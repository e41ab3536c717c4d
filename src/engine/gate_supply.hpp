// Private to src/engine/: supply gates. A supply's units come as offers (a
// point process, sources.hpp); an offer goes to the earliest waiting client,
// over the waiting lists that need the supply, whose other gates hold, or is
// lost. A client needing a supply is therefore passed only by an offer, never
// by a settle; units are not given back.
#pragma once

#include <vector>

#include "engine/records.hpp"
#include "model/model.hpp"

namespace hemsim::detail {

/// The supply gates of every transition, and the waiting lists an offer of each supply tries.
struct supply_gates {
    gates_of_kind of;
    std::vector<std::vector<index_t>> lists;  // per supply: the transitions needing it, in order

    explicit supply_gates(const model& m) : lists(m.supplies.size()) {}

    /// Takes the supply gates of transition `tr` (added in order).
    void add(index_t tr, const transition& t) {
        of.add(tr, t, gate_kind::supply, [&](const gate& g) {
            auto& l = lists[g.target];
            if (l.empty() || l.back() != tr) l.push_back(tr);
        });
    }
    bool uses(index_t tr) const { return of.any(tr); }
    bool conditional(index_t tr) const { return of.conditional(tr); }
    /// Some supply gate applies to the client: it waits for an offer.
    bool waits_for_offer(index_t tr, const client_rec& c) const {
        for (const gate& g : of[tr])
            if (g.when.holds(c.attrs)) return true;
        return false;
    }
    /// Without an offer (`offered` no_index): no supply gate applies. With an
    /// offer of `offered`: the client needs that supply and no other.
    bool available(index_t tr, const client_rec& c, index_t offered) const {
        if (offered == no_index) return !waits_for_offer(tr, c);
        bool needs = false;
        for (const gate& g : of[tr]) {
            if (!g.when.holds(c.attrs)) continue;
            if (g.target != offered) return false;  // needs another supply too
            needs = true;
        }
        return needs;
    }
    // The offer is taken by the move itself; units are not given back.
    void acquire(index_t, client_rec&, wake_set&) {}
    void release(client_rec&, wake_set&) {}
};

}  // namespace hemsim::detail
