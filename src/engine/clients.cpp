// Clients: their records (slots reused, serials never), creation with its
// attribute draws, the initial stock, and entering and leaving a placement:
// bars, redraws, the route out and the stay drawn on entry.
#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <string>

#include "engine/simulator_impl.hpp"

namespace hemsim {

using detail::client_key;
using detail::p_attributes_at_creation;
using detail::p_attributes_on_entry;
using detail::p_entry;
using detail::p_initial_elapsed;

void simulator::impl::setup_clients() {
    const std::size_t np = m.placements.size();
    routes_from.assign(np, {});
    redraw_at.assign(np, {});
    clear_mask.assign(np, 0);
    wait_routes.assign(m.transitions.size(), {});
    for (index_t i = 0; i < m.transitions.size(); ++i) {
        const transition& t = m.transitions[i];
        if (t.while_waiting == no_index) {
            routes_from[t.from].push_back(i);
            continue;
        }
        auto& of_list = wait_routes[t.while_waiting];
        if (of_list.empty()) of_list.assign(np, {});
        of_list[t.from].push_back(i);
    }
    branch_line.assign(m.transitions.size(), timeline{});
    after_from.assign(m.transitions.size(), {});
    for (index_t i = 0; i < m.transitions.size(); ++i) {
        hemsim::schedule pr;
        pr.initial = branch_probability_on(m, i, std::nullopt);
        for (const date& d : branch_dates(m, i)) pr.steps.push_back({d, branch_probability_on(m, i, d)});
        if (!pr.steps.empty()) branch_line[i] = timeline(pr, cal);
        for (const transition::dated_duration& st : m.transitions[i].after_steps)
            after_from[i].push_back(cal.to_days(st.from));
    }
    for (index_t p = 0; p < np; ++p) clear_mask[p] = m.placements[p].clears_flags;
    for (index_t a = 0; a < m.attributes.size(); ++a)
        for (index_t p : m.attributes[a].redraw_on_entry) redraw_at[p].push_back(a);
}

// Everyone of the initial stock is in place at time 0, in the order written.
void simulator::impl::create_initial_stock() {
    for (index_t g = 0; g < m.groups.size(); ++g) {
        const group& gr = m.groups[g];
        for (index_t i = 0; i < gr.initial.size(); ++i) {
            const initial_stock& st = gr.initial[i];
            for (std::uint32_t k = 0; k < st.count; ++k) {
                std::uint32_t slot = new_client(client_key(g, false, i, k));
                client_rec& c = clients[slot];
                // Part-way through the stay: the time spent is the same for all when
                // fixed, else drawn from the client's own stream (any thread count gives
                // the same draw). In the system at least as long as in its placement.
                double elapsed = 0;
                if (st.state == initial_state::elapsed) {
                    if (st.elapsed_days.kind == dist_kind::fixed) {
                        elapsed = st.elapsed_days.a;
                    } else {
                        stream s = client_stream(c, p_initial_elapsed, 0);
                        elapsed = sample(st.elapsed_days, s);
                    }
                    c.arrived = -elapsed;
                }
                c.attrs = (c.attrs | st.attrs_on) & ~st.attrs_off;
                // Slots they already hold (e.g. tenants with support): counted even beyond the pool.
                c.held_staff = st.holds_staff;
                for (index_t pool = 0; pool < m.staff.size(); ++pool)
                    if ((st.holds_staff >> pool) & 1u) pools.take(pool);
                ++counts.initial;
                obs.created(0, true);
                enter(slot, st.placement, st.state, elapsed, st.attrs_on, st.attrs_off);
                clients[slot].flags |= static_cast<std::uint32_t>(st.flags);
            }
        }
    }
}

// The client store at the size the initial stock and the expected arrivals
// need (capped at the most clients present at once): memory that is only
// address space until used, so that a large system's store (a million
// clients) grows without being copied at each doubling. A store taken over
// from the previous replication (sim_workspace) is large enough already.
void simulator::impl::reserve_clients() {
    double expected = 0;
    for (const group& gr : m.groups)
        for (const initial_stock& st : gr.initial) expected += st.count;
    for (const detail::arrival_rt& ar : arrivals) expected += ar.when.rate.at(cal.horizon_days);
    const double want =
        std::min({1.1 * expected + 64, static_cast<double>(limits->max_clients), max_clients_present});
    clients.reserve(static_cast<std::size_t>(want));
}

std::uint32_t simulator::impl::new_client(std::uint64_t key) {
    std::uint32_t slot;
    if (!free_slots.empty()) {
        slot = free_slots.back();
        free_slots.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(clients.size());
        clients.emplace_back();
    }
    client_rec& c = clients[slot];
    std::uint32_t serial = c.serial + 1;  // never reused: stale events stay stale
    c = client_rec{};
    c.serial = serial;
    c.key = key;
    c.arrived = now;
    draw_attributes(c, true, no_index);
    counts.peak_present = std::max<std::uint64_t>(counts.peak_present, clients.size() - free_slots.size());
    if (counts.peak_present > limits->max_clients)
        throw std::runtime_error(
            "more than " + std::to_string(limits->max_clients) +
            " clients are in the system at once, hemsim's limit; lower the arrivals or give "
            "the clients ways out (docs/language.md, \"Limits\")");
    return slot;
}

// One stream per draw of a set of attributes (4 uniforms per Philox block):
// at creation every attribute in model order, on entry the placement's list.
void simulator::impl::draw_attributes(client_rec& c, bool all, index_t placement) {
    const group& gr = m.groups[c.group()];
    stream s = client_stream(c, all ? p_attributes_at_creation : p_attributes_on_entry, c.entries);
    auto draw = [&](index_t a) {
        bool v = s.uniform() < gr.attribute_probability[a];
        c.attrs = v ? (c.attrs | (1ull << a)) : (c.attrs & ~(1ull << a));
    };
    if (all) {
        for (index_t a = 0; a < m.attributes.size(); ++a) draw(a);
    } else {
        for (index_t a : redraw_at[placement]) draw(a);
    }
}

// Comes into `p` (or where a bar sends the client instead; `p` is then that
// placement): draws what entry draws. A terminal placement is an exit: the
// client leaves the system at once (false). Else it is there, charged.
bool simulator::impl::settle_in(std::uint32_t slot, index_t& p, std::uint64_t fixed_on,
                                std::uint64_t fixed_off) {
    client_rec& c = clients[slot];
    if (!m.placements[p].never_for.empty()) p = after_bars(c, p);
    const placement& pl = m.placements[p];
    c.placement = p;
    ++c.serial;
    c.flags &= static_cast<std::uint32_t>(~clear_mask[p]);
    if (!redraw_at[p].empty()) draw_attributes(c, false, p);
    c.attrs = (c.attrs | fixed_on) & ~fixed_off;  // initial stock with attributes given
    ++c.entries;
    if (pl.terminal) {
        // Leaves the system at once: no stay, no cost.
        assert(c.held_staff == 0);
        ++counts.exits;
        obs.exited(now, p);
        c.ph = phase::idle;
        free_slots.push_back(slot);
        return false;
    }
    resources.room.occupy(p);
    obs.entered(now, p, c.attrs, c.key);
    // A maximum stay starts on entry (rules.cpp).
    if (pl.max_stay_days) schedule(now + *pl.max_stay_days, event_kind::max_stay, slot, c.serial);
    return true;
}

// The route among `routes` whose condition holds now, by the probabilities in
// force on the day (s's first uniform); no_index when none holds.
index_t simulator::impl::choose_route(const client_rec& c, const std::vector<index_t>& routes,
                                      stream& s) const {
    double u = s.uniform(), cum = 0;
    index_t last = no_index;
    for (index_t r : routes) {
        const transition& tr = m.transitions[r];
        if (!tr.when.holds(c.attrs, c.in_system(now))) continue;
        last = r;
        cum += branch_line[r].constant() ? tr.probability : branch_line[r].at(now);
        if (u < cum) break;
    }
    return last;
}

// The duration of `route` in force today.
const distribution& simulator::impl::duration_in_force(index_t route) const {
    const transition& tr = m.transitions[route];
    const std::vector<double>& from_t = after_from[route];
    const auto in_force = std::upper_bound(from_t.begin(), from_t.end(), now) - from_t.begin();
    return in_force == 0 ? tr.after : tr.after_steps[in_force - 1].after;
}

// Enters `p` (or where a bar sends the client instead): draws what entry draws,
// chooses the route out and schedules the end of the stay. A terminal
// placement is an exit: the client leaves the system at once.
void simulator::impl::enter(std::uint32_t slot, index_t p, initial_state state, double elapsed,
                            std::uint64_t fixed_on, std::uint64_t fixed_off) {
    if (!settle_in(slot, p, fixed_on, fixed_off)) return;
    client_rec& c = clients[slot];
    c.route = no_index;
    c.wait_route = no_index;
    c.gate_pos = 0;
    c.ph = phase::stay;
    const auto& routes = routes_from[p];
    if (routes.empty()) return;  // stays to the end of the horizon
    // One stream for the entry: the route's uniform first, then the stay's draws
    // (the values in force on the day of entry).
    stream s = client_stream(c, p_entry, c.entries);
    c.route = choose_route(c, routes, s);
    if (c.route == no_index) return;  // no condition holds: stays (the validator forbids this)
    const distribution& d = duration_in_force(c.route);
    double stay = 0;
    switch (state) {
    case initial_state::fresh: stay = sample(d, s); break;
    case initial_state::elapsed: stay = sample_remaining(d, elapsed, s); break;
    case initial_state::stationary: stay = sample_stationary_remaining(d, s); break;
    case initial_state::ready: stay = 0; break;
    }
    schedule(now + stay, event_kind::stay_end, slot, c.serial);
}

// A waiting client comes into `p` and keeps its place in its waiting list
// (a move while waiting, or giving up with the place kept): it waits on there.
void simulator::impl::enter_waiting(std::uint32_t slot, index_t p) {
    if (settle_in(slot, p, 0, 0)) {
        next_wait_move(slot);
        return;
    }
    // A bar sent it out of the system (the validator keeps the written moves
    // inside it): its place goes too.
    detail::waiting_list& wl = lists[clients[slot].route];
    wl.slots.erase(std::find(wl.slots.begin(), wl.slots.end(), slot));
    obs.queue_abandoned(now, wl.queue);
}

// The waiting client's next move while waiting out of where it is, if its list
// has any from there, and its stay before it (from the client's own stream for
// that entry, so that it is the same for any thread count).
void simulator::impl::next_wait_move(std::uint32_t slot) {
    client_rec& c = clients[slot];
    c.wait_route = no_index;
    const auto& of_list = wait_routes[c.route];
    if (of_list.empty() || of_list[c.placement].empty()) return;  // waits here
    stream s = client_stream(c, detail::p_wait_move, c.entries);
    c.wait_route = choose_route(c, of_list[c.placement], s);
    if (c.wait_route == no_index) return;
    schedule(now + sample(duration_in_force(c.wait_route), s), event_kind::wait_move, slot, c.serial);
}

// Leaves the current placement: its room is free again, for the waiting
// lists into it and the rule moves waiting for it (rules.cpp).
void simulator::impl::leave(client_rec& c) {
    index_t p = c.placement;
    obs.left(now, p, c.attrs, c.key);
    resources.room.vacate(p, wake);
    if (!rule_wait[p].empty()) wake.wake_rule(p);
}

}  // namespace hemsim
