// Gates and resources: a ready client passes its route's service gates in
// order (gate_service.cpp), then its resource gates together (gates.hpp) in
// the transition's waiting list; a settle, after every event, gives what was
// released to the earliest waiting client whose gates all hold. Moves along a
// transition are made here.
#include <algorithm>
#include <cassert>

#include "engine/simulator_impl.hpp"

namespace hemsim {

// The staff pools and their FTE dates, the capacities and their dates, every
// transition's gates by kind, and queue ids and which transitions have a
// waiting list from the model's one table.
void simulator::impl::setup_gates() {
    pools.setup(m, cal);
    for (index_t i = 0; i < m.staff.size(); ++i)
        for (double t : pools.fte[i].times)
            if (t < cal.horizon_days) schedule(t, event_kind::staff_change, i);
    resources.room.setup(cal);
    for (index_t p = 0; p < m.placements.size(); ++p)
        for (double t : resources.room.capacity_line[p].times)
            if (t < cal.horizon_days) schedule(t, event_kind::capacity_change, p);

    lists.resize(m.transitions.size());
    for (index_t i = 0; i < m.transitions.size(); ++i) {
        const transition& tr = m.transitions[i];
        services.add(i, tr);
        resources.each([&](auto& kind) { kind.add(i, tr); });
        lists[i].conditional = resources.any([&](const auto& kind) { return kind.conditional(i); });
    }
    const std::vector<queue_info> queues = m.queues();
    for (index_t q = 0; q < queues.size(); ++q) {
        const queue_info& qi = queues[q];
        if (qi.kind == queue_kind::service) {
            services.queue_id[qi.service_or_transition] = q;
        } else {
            detail::waiting_list& wl = lists[qi.service_or_transition];
            wl.queue = q;
            wl.active = qi.active;
            // The model's rule and the kinds' gates agree on who waits.
            assert(wl.active ==
                   resources.any([&](const auto& k) { return k.uses(qi.service_or_transition); }));
        }
    }
    wake.size(m.transitions.size(), m.staff.size(), m.placements.size());
    rule_wait.assign(m.placements.size(), {});
}

// Passes the client's remaining gates: the services in order, then the
// resource gates together in the transition's waiting list.
void simulator::impl::continue_gates(std::uint32_t slot) {
    client_rec& c = clients[slot];
    if (services.remaining(c) && join_service_queue(slot)) return;
    detail::waiting_list& wl = lists[c.route];
    if (!wl.active) {
        move(slot);
        return;
    }
    c.ph = phase::waiting;
    c.joined = now;
    c.join_seq = next_join_seq++;
    wl.slots.push_back(slot);
    obs.queue_joined(now, wl.queue);
    // Tried at the next settle, unless it waits for an offer (which then tries it).
    const bool for_offer = resources.any([&](const auto& kind) { return kind.waits_for_offer(c.route, c); });
    if (!for_offer) wake.wake_list(c.route);
    // Giving up is drawn on joining (from the client's stream for this entry,
    // as is its first move while waiting).
    const transition& tr = m.transitions[c.route];
    if (tr.has_give_up()) {
        stream s = client_stream(c, detail::p_give_up, c.entries);
        schedule(now + sample(tr.give_up_after, s), event_kind::give_up, slot,
                 static_cast<std::uint32_t>(c.join_seq));
    }
    if (!wait_routes[c.route].empty()) next_wait_move(slot);
}

// The client's time to give up has come: it goes to the transition's
// `give_up_to`, leaving its waiting list (as a rule's move does) or keeping its place.
void simulator::impl::give_up(std::uint32_t slot) {
    client_rec& c = clients[slot];
    const transition& tr = m.transitions[c.route];
    detail::waiting_list& wl = lists[c.route];
    if (!tr.give_up_keeps_place) wl.slots.erase(std::find(wl.slots.begin(), wl.slots.end(), slot));
    obs.gave_up(now, wl.queue, !tr.give_up_keeps_place);
    leave(c);
    resources.each([&](auto& kind) { kind.release(c, wake); });
    if (tr.give_up_keeps_place)
        enter_waiting(slot, tr.give_up_to);
    else
        enter(slot, tr.give_up_to, initial_state::fresh, 0);
}

// A move while waiting: to the move's destination, keeping the place in the list.
void simulator::impl::wait_move(std::uint32_t slot) {
    client_rec& c = clients[slot];
    const index_t w = c.wait_route;
    leave(c);
    resources.each([&](auto& kind) { kind.release(c, wake); });
    obs.moved(now, w, c.attrs);
    enter_waiting(slot, m.transitions[w].to);
}

// A rule moves the client: out of the queue it stands in, or out of its service.
void simulator::impl::abandon_queue(std::uint32_t slot) {
    client_rec& c = clients[slot];
    switch (c.ph) {
    case phase::service_queue:
    case phase::in_service: leave_service(slot); break;
    case phase::waiting: {
        detail::waiting_list& wl = lists[c.route];
        wl.slots.erase(std::find(wl.slots.begin(), wl.slots.end(), slot));
        obs.queue_abandoned(now, wl.queue);
        break;
    }
    case phase::stay:
    case phase::idle: break;
    }
}

// The position of the first client in a waiting list whose gates all hold,
// given an offer of `offered` (a supply; no_index: no offer in hand); -1 if none.
std::ptrdiff_t simulator::impl::first_eligible(index_t l, index_t offered) const {
    const detail::waiting_list& wl = lists[l];
    for (std::size_t i = 0; i < wl.slots.size(); ++i) {
        const client_rec& c = clients[wl.slots[i]];
        if (resources.all([&](const auto& kind) { return kind.available(l, c, offered); }))
            return static_cast<std::ptrdiff_t>(i);
        // Without conditions every client in the list needs the same: the head decides.
        if (!wl.conditional) return -1;
    }
    return -1;
}

// Keeps in `best` the earlier of it and the first eligible client of `list`;
// false when that list has none.
bool simulator::impl::consider(pick& best, index_t list, index_t offered) const {
    std::ptrdiff_t pos = first_eligible(list, offered);
    if (pos < 0) return false;
    std::uint64_t seq = clients[lists[list].slots[static_cast<std::size_t>(pos)]].join_seq;
    if (seq < best.join_seq) best = {list, pos, seq};
    return true;
}

// Takes the picked client out of its waiting list and moves it.
void simulator::impl::admit(const pick& p) {
    auto& w = lists[p.list].slots;
    std::uint32_t slot = w[static_cast<std::size_t>(p.pos)];
    w.erase(w.begin() + p.pos);
    // The list's new head is read at the next settle that tries the list: fetched meanwhile.
    if (!w.empty()) prefetch_client(w.front());
    move(slot);
}

// Moves the client along its route: out of its waiting list (if it stood in
// one) and its placement, taking what the resource gates need, into the destination.
void simulator::impl::move(std::uint32_t slot) {
    client_rec& c = clients[slot];
    index_t r = c.route;
    if (c.ph == phase::waiting) obs.queue_left(now, lists[r].queue, now - c.joined);
    leave(c);
    resources.each([&](auto& kind) { kind.acquire(r, c, wake); });
    obs.moved(now, r, c.attrs);
    enter(slot, m.transitions[r].to, initial_state::fresh, 0);
}

// Until nothing released is left untried: rule moves first (they come before
// ordinary moves into the same room), then the services of woken pools, then,
// one at a time, the earliest eligible client over the woken waiting lists.
void simulator::impl::settle() {
    while (wake.any) {
        wake.any = false;
        if (wake.any_rule) rule_moves();
        for (index_t pool = 0; pool < wake.pool.size(); ++pool)
            if (wake.pool[pool]) {
                wake.pool[pool] = 0;
                if (!services.of_pool[pool].empty()) start_services(pool);
            }
        for (;;) {
            pick best;
            for (index_t l = 0; l < wake.list.size(); ++l)
                if (wake.list[l] && !consider(best, l, no_index)) wake.list[l] = 0;
            if (best.list == no_index) break;
            admit(best);
        }
    }
}

}  // namespace hemsim
