// The programme's rules (seed 004) as the engine applies them: bars (who may
// never be placed somewhere goes to its `instead` when there is room there),
// maximum stays (counted; with `after_max_stay` the client is moved there, or
// waits for room there as a breach), and the rule moves waiting for room,
// which a settle makes before ordinary moves into the same room.
#include "engine/simulator_impl.hpp"

namespace hemsim {

// The placement a client bound for `p` enters: the first bar of `p` that
// holds sends it to the bar's `instead`, or lets it in as a breach when that is full.
index_t simulator::impl::after_bars(client_rec& c, index_t p) {
    for (const placement::bar& b : m.placements[p].never_for) {
        if (!b.when.holds(c.attrs, c.in_system(now))) continue;
        if (resources.room.room(b.instead)) {
            obs.rule(now, p, rule_event::redirected, c.key);
            return b.instead;
        }
        obs.rule(now, p, rule_event::breach_bar, c.key);
        return p;
    }
    return p;
}

void simulator::impl::max_stay(std::uint32_t slot) {
    client_rec& c = clients[slot];
    index_t p = c.placement;
    obs.rule(now, p, rule_event::over_max_stay, c.key);
    index_t d = m.placements[p].after_max_stay;
    if (d == no_index) return;  // counted only
    if (resources.room.room(d)) {
        obs.rule(now, p, rule_event::moved_by_rule, c.key);
        force_move(slot, d);
    } else {
        obs.rule(now, p, rule_event::breach_max_stay, c.key);
        rule_wait[d].push_back({slot, c.serial});
    }
}

// Moves the client to `d` wherever it stands: out of its queue or service,
// giving back what its gates hold, past the gates of its route. A client in a
// waiting list with moves while waiting keeps its place there: the rule moves
// it as such a move would.
void simulator::impl::force_move(std::uint32_t slot, index_t d) {
    client_rec& c = clients[slot];
    if (c.ph == phase::waiting && !wait_routes[c.route].empty()) {
        leave(c);
        resources.each([&](auto& kind) { kind.release(c, wake); });
        enter_waiting(slot, d);
        return;
    }
    abandon_queue(slot);
    leave(c);
    resources.each([&](auto& kind) { kind.release(c, wake); });
    enter(slot, d, initial_state::fresh, 0);
}

// The rule moves that room given back allows, in the order they began to wait.
void simulator::impl::rule_moves() {
    wake.any_rule = false;
    for (index_t d = 0; d < wake.rule.size(); ++d) {
        if (!wake.rule[d]) continue;
        wake.rule[d] = 0;
        auto& w = rule_wait[d];
        while (!w.empty() && resources.room.room(d)) {
            auto [slot, serial] = w.front();
            w.pop_front();
            if (clients[slot].serial != serial) continue;  // it moved on meanwhile
            obs.rule(now, clients[slot].placement, rule_event::moved_by_rule, clients[slot].key);
            force_move(slot, d);
        }
    }
}

}  // namespace hemsim
