#include "engine/simulator.hpp"

#include "engine/gates.hpp"
#include "engine/records.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>

namespace hemsim {

namespace {

// Purposes of a client's random streams (counter word 1).
enum purpose : std::uint64_t {
    p_attributes_at_creation = 1,
    p_attributes_on_entry = 2,
    p_entry = 3,  // the route, then the stay
    p_service = 4,
};

// Entity keys of streams that belong to no client (bit 63 set).
constexpr std::uint64_t arrival_entity(std::uint64_t group, std::uint64_t stream_index) {
    return (1ull << 63) | (1ull << 56) | (group << 16) | stream_index;
}
constexpr std::uint64_t supply_entity(std::uint64_t supply) {
    return (1ull << 63) | (2ull << 56) | supply;
}
// A client's key: group, initial (0) or arrival (1), entry or stream, number.
constexpr std::uint64_t client_key(std::uint64_t group, bool arrival, std::uint64_t source,
                                   std::uint64_t k) {
    return (group << 48) | (std::uint64_t{arrival} << 47) | (source << 40) | k;
}

using detail::client_rec;
using detail::phase;

// A transition's waiting list: the clients past its services, waiting for its resource gates.
struct waiting_list {
    index_t queue = no_index;         // its queue id (model::queues)
    bool active = false;              // clients wait here: the transition has resource gates
    bool conditional = false;         // some resource gate has a `when`: clients of the list differ
    std::deque<std::uint32_t> slots;  // client slots, FIFO
};

// A point process whose rate per year follows a schedule: arrivals of a
// group's stream, offers of a supply. Poisson: exponential steps of the
// cumulative rate, step k drawn from the entity's stream k; even: the k-th
// event where the cumulative rate reaches k + 1/2.
struct point_process {
    arrival_process process;
    cumulative_rate rate;
    std::uint64_t entity;  // the stream key of its draws
    double level = 0;      // the cumulative rate at the last event
    std::uint64_t k = 0;   // events so far

    point_process(arrival_process p, const schedule& per_year, const calendar& cal, std::uint64_t e)
        : process(p), rate(timeline(per_year, cal, 1.0 / 365.0)), entity(e) {}

    // The time of event k (days; +inf when the rate never reaches it).
    double next_time(std::uint64_t seed, std::uint64_t rep) {
        if (process == arrival_process::poisson) {
            stream s(seed, rep, entity, 0, k);
            level += -std::log(s.uniform());
        } else {
            level = static_cast<double>(k) + 0.5;
        }
        return rate.inverse(level);
    }
};

struct arrival_rt {
    index_t group, stream_index, placement;
    point_process when;
};


}  // namespace

struct simulator::impl {
    const model& m;
    const calendar& cal;
    observer& obs;
    flow_counts& counts;
    std::uint64_t seed, rep;
    const sim_limits* limits = nullptr;
    double now = 0;
    event_queue queue;

    // Schedules an event; a time that is not a finite number never enters the queue.
    void schedule(double t, event_kind kind, std::uint32_t target, std::uint32_t tag = 0) {
        if (!std::isfinite(t))
            throw std::runtime_error("a drawn time is not a finite number (" + std::to_string(t) +
                                     "); a distribution's parameters are out of range");
        queue.push(t, kind, target, tag);
    }

    std::vector<client_rec> clients;
    std::vector<std::uint32_t> free_slots;
    std::uint64_t next_join_seq = 0;

    std::vector<std::vector<index_t>> routes_from;    // per placement
    std::vector<std::vector<index_t>> redraw_at;      // per placement: attributes drawn anew
    std::vector<std::uint64_t> clear_mask;            // per placement
    std::vector<arrival_rt> arrivals;
    std::vector<point_process> offers;                // per supply

    // The gates, by kind, and what a release wakes until the next settle.
    detail::staff_pools pools;
    detail::service_gates services;
    detail::resource_gates resources;
    std::vector<waiting_list> lists;  // per transition
    detail::wake_set wake;
    std::vector<std::deque<std::pair<std::uint32_t, std::uint32_t>>> rule_wait;  // per placement: (slot, serial)

    impl(const model& mm, const calendar& cc, observer& o, flow_counts& fc, std::uint64_t s,
         std::uint64_t r)
        : m(mm), cal(cc), obs(o), counts(fc), seed(s), rep(r), services(mm), resources(mm, pools) {}

    stream client_stream(const client_rec& c, std::uint64_t purpose, std::uint64_t index) const {
        return stream(seed, rep, c.key, purpose, index);
    }

    void setup();
    void run();
    void dispatch(const event& ev);
    std::string describe(const event& ev) const;

    std::uint32_t new_client(std::uint64_t key, index_t group);
    void draw_attributes(client_rec& c, bool all, index_t placement);
    void enter(std::uint32_t slot, index_t p, initial_state state, double elapsed, std::uint64_t fixed_on = 0,
               std::uint64_t fixed_off = 0);
    void leave(client_rec& c);
    void max_stay(std::uint32_t slot);
    void force_move(std::uint32_t slot, index_t d);
    void continue_gates(std::uint32_t slot);
    bool join_service_queue(std::uint32_t slot);
    void leave_service(std::uint32_t slot);
    void move(std::uint32_t slot);
    void start_services(index_t pool);
    void service_end(std::uint32_t slot);
    void offer(index_t s);
    void settle();
    // The earliest client found so far in the waiting lists tried.
    struct pick {
        index_t list = no_index;
        std::ptrdiff_t pos = -1;
        std::uint64_t join_seq = std::numeric_limits<std::uint64_t>::max();
    };
    bool consider(pick& best, index_t list, index_t offered) const;
    void admit(const pick& p);
    std::ptrdiff_t first_eligible(index_t list, index_t offered_supply) const;
    void schedule_next(point_process& pp, event_kind kind, index_t target);
};

simulator::simulator(const model& m, const calendar& cal, observer& obs, std::uint64_t seed,
                     std::uint64_t replication, sim_limits limits)
    : impl_(std::make_unique<impl>(m, cal, obs, counts_, seed, replication)), limits_(limits) {
    impl_->limits = &limits_;
}

simulator::~simulator() = default;

void simulator::run() { impl_->run(); }

void simulator::impl::setup() {
    const std::size_t np = m.placements.size(), ns = m.staff.size();
    pools.setup(m, cal);
    routes_from.assign(np, {});
    redraw_at.assign(np, {});
    clear_mask.assign(np, 0);
    wake.size(m.transitions.size(), ns, np);
    rule_wait.assign(np, {});

    for (index_t i = 0; i < ns; ++i)
        for (double t : pools.fte[i].times)
            if (t < cal.horizon_days) schedule(t, event_kind::staff_change, i);
    for (index_t p = 0; p < np; ++p) clear_mask[p] = m.placements[p].clears_flags;
    for (index_t a = 0; a < m.attributes.size(); ++a)
        for (index_t p : m.attributes[a].redraw_on_entry) redraw_at[p].push_back(a);

    lists.resize(m.transitions.size());
    for (index_t i = 0; i < m.transitions.size(); ++i) {
        const transition& tr = m.transitions[i];
        routes_from[tr.from].push_back(i);
        services.add(i, tr);
        resources.each([&](auto& kind) { kind.add(i, tr); });
        lists[i].conditional = resources.any([&](const auto& kind) { return kind.conditional(i); });
    }

    // Queue ids, and which transitions have a waiting list, from the model's one table.
    const std::vector<queue_info> queues = m.queues();
    for (index_t q = 0; q < queues.size(); ++q) {
        const queue_info& qi = queues[q];
        if (qi.kind == queue_kind::service) {
            services.queue_id[qi.service_or_transition] = q;
        } else {
            waiting_list& wl = lists[qi.service_or_transition];
            wl.queue = q;
            wl.active = qi.active;
            assert(wl.active == resources.any([&](const auto& k) { return k.uses(qi.service_or_transition); }));
        }
    }

    offers.clear();
    for (index_t s = 0; s < m.supplies.size(); ++s) {
        const supply& sp = m.supplies[s];
        offers.emplace_back(sp.process, sp.per_year, cal, supply_entity(s));
        schedule_next(offers[s], event_kind::offer, s);
    }

    for (index_t g = 0; g < m.groups.size(); ++g) {
        const group& gr = m.groups[g];
        for (index_t i = 0; i < gr.arrivals.size(); ++i) {
            const arrival_stream& as = gr.arrivals[i];
            arrivals.push_back(
                arrival_rt{g, i, as.placement, point_process(as.process, as.per_year, cal, arrival_entity(g, i))});
            schedule_next(arrivals.back().when, event_kind::arrival, static_cast<index_t>(arrivals.size() - 1));
        }
    }

    // Initial stock: everyone is in place at time 0, in the order written.
    for (index_t g = 0; g < m.groups.size(); ++g) {
        const group& gr = m.groups[g];
        for (index_t i = 0; i < gr.initial.size(); ++i) {
            const initial_stock& st = gr.initial[i];
            for (std::uint32_t k = 0; k < st.count; ++k) {
                std::uint32_t slot = new_client(client_key(g, false, i, k), g);
                client_rec& c = clients[slot];
                c.attrs = (c.attrs | st.attrs_on) & ~st.attrs_off;
                // Slots they already hold (e.g. tenants with support): counted even beyond the pool.
                c.held_staff = st.holds_staff;
                for (index_t pool = 0; pool < ns; ++pool)
                    if ((st.holds_staff >> pool) & 1u) pools.take(pool);
                ++counts.initial;
                obs.created(0, true);
                enter(slot, st.placement, st.state, st.elapsed_days, st.attrs_on, st.attrs_off);
                clients[slot].flags |= st.flags;
            }
        }
    }
}

// Schedules event k of `pp` when it falls before the horizon.
void simulator::impl::schedule_next(point_process& pp, event_kind kind, index_t target) {
    double t = pp.next_time(seed, rep);
    if (t < cal.horizon_days) schedule(t, kind, target);
}

std::uint32_t simulator::impl::new_client(std::uint64_t key, index_t group) {
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
    c.group = group;
    draw_attributes(c, true, no_index);
    counts.peak_present = std::max<std::uint64_t>(counts.peak_present, clients.size() - free_slots.size());
    if (counts.peak_present > limits->max_clients)
        throw std::runtime_error("more than " + std::to_string(limits->max_clients) +
                                 " clients are in the system at once, hemsim's limit; lower the arrivals or give "
                                 "the clients ways out (docs/language.md, \"Limits\")");
    return slot;
}

// One stream per draw of a set of attributes (4 uniforms per Philox block):
// at creation every attribute in model order, on entry the placement's list.
void simulator::impl::draw_attributes(client_rec& c, bool all, index_t placement) {
    const group& gr = m.groups[c.group];
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

void simulator::impl::enter(std::uint32_t slot, index_t p, initial_state state, double elapsed,
                            std::uint64_t fixed_on, std::uint64_t fixed_off) {
    client_rec& c = clients[slot];
    // Who may never be placed here goes elsewhere, when there is room there.
    for (const placement::bar& b : m.placements[p].never_for) {
        if (!b.when.holds(c.attrs)) continue;
        if (resources.room.room(b.instead)) {
            obs.rule(now, p, rule_event::redirected, c.key);
            p = b.instead;
        } else {
            obs.rule(now, p, rule_event::breach_bar, c.key);
        }
        break;
    }
    const placement& pl = m.placements[p];
    c.placement = p;
    ++c.serial;
    c.flags &= ~clear_mask[p];
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
        return;
    }
    resources.room.occupy(p);
    obs.entered(now, p, c.attrs, c.key);
    if (pl.max_stay_days) schedule(now + *pl.max_stay_days, event_kind::max_stay, slot, c.serial);

    // Choose the route among those whose condition holds.
    const auto& routes = routes_from[p];
    c.route = no_index;
    c.gate_pos = 0;
    c.ph = phase::stay;
    if (routes.empty()) return;  // stays to the end of the horizon
    // One stream for the entry: the route's uniform first, then the stay's draws.
    stream s = client_stream(c, p_entry, c.entries);
    {
        double u = s.uniform(), cum = 0;
        index_t last = no_index;
        for (index_t r : routes) {
            const transition& tr = m.transitions[r];
            if (!tr.when.holds(c.attrs)) continue;
            last = r;
            cum += tr.probability;
            if (u < cum) break;
        }
        c.route = last;
    }
    if (c.route == no_index) return;  // no condition holds: stays (the validator forbids this)
    const distribution& d = m.transitions[c.route].after;
    double stay = 0;
    switch (state) {
    case initial_state::fresh: stay = sample(d, s); break;
    case initial_state::elapsed: stay = sample_remaining(d, elapsed, s); break;
    case initial_state::stationary: stay = sample_stationary_remaining(d, s); break;
    case initial_state::ready: stay = 0; break;
    }
    schedule(now + stay, event_kind::stay_end, slot, c.serial);
}

void simulator::impl::leave(client_rec& c) {
    index_t p = c.placement;
    obs.left(now, p, c.attrs, c.key);
    resources.room.vacate(p, wake);
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

void simulator::impl::force_move(std::uint32_t slot, index_t d) {
    client_rec& c = clients[slot];
    switch (c.ph) {
    case phase::service_queue:
    case phase::in_service:
        leave_service(slot);
        break;
    case phase::waiting: {
        waiting_list& wl = lists[c.route];
        wl.slots.erase(std::find(wl.slots.begin(), wl.slots.end(), slot));
        obs.queue_abandoned(now, wl.queue);
        break;
    }
    case phase::stay:
    case phase::idle:
        break;
    }
    leave(c);
    resources.each([&](auto& kind) { kind.release(c, wake); });
    enter(slot, d, initial_state::fresh, 0);
}

// Passes the client's remaining gates: the services in order, then the
// resource gates together in the transition's waiting list.
void simulator::impl::continue_gates(std::uint32_t slot) {
    if (join_service_queue(slot)) return;
    client_rec& c = clients[slot];
    waiting_list& wl = lists[c.route];
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
    if (!resources.any([&](const auto& kind) { return kind.waits_for_offer(c.route, c); })) wake.wake_list(c.route);
}

// The position of the first client in a waiting list whose gates all hold,
// given an offer of `offered_supply` (no_index: no offer in hand); -1 if none.
std::ptrdiff_t simulator::impl::first_eligible(index_t l, index_t offered) const {
    const waiting_list& wl = lists[l];
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
    move(slot);
}

void simulator::impl::move(std::uint32_t slot) {
    client_rec& c = clients[slot];
    index_t r = c.route;
    if (c.ph == phase::waiting) obs.queue_left(now, lists[r].queue, now - c.joined);
    leave(c);
    resources.each([&](auto& kind) { kind.acquire(r, c, wake); });
    obs.moved(now, r, c.attrs);
    enter(slot, m.transitions[r].to, initial_state::fresh, 0);
}

// The next service gate of the client's route that applies: joins its queue
// (true), or none is left (false).
bool simulator::impl::join_service_queue(std::uint32_t slot) {
    client_rec& c = clients[slot];
    const auto& gates = services.of[c.route];
    for (; c.gate_pos < gates.size(); ++c.gate_pos) {
        const gate& g = gates[c.gate_pos];
        if (!services.applies(g, c)) continue;
        c.ph = phase::service_queue;
        c.joined = now;
        c.join_seq = next_join_seq++;
        services.queue[g.target].push_back(slot);
        obs.queue_joined(now, services.queue_id[g.target]);
        pools.wake(m.services[g.target].staff, wake);
        return true;
    }
    return false;
}

// A rule moves the client out of a service queue or out of its service.
void simulator::impl::leave_service(std::uint32_t slot) {
    client_rec& c = clients[slot];
    const index_t sv = services.current(c).target;
    if (c.ph == phase::service_queue) {
        auto& q = services.queue[sv];
        q.erase(std::find(q.begin(), q.end(), slot));
        obs.queue_abandoned(now, services.queue_id[sv]);
    } else {
        pools.give_back(m.services[sv].staff, wake);
    }
}

void simulator::impl::start_services(index_t pool) {
    const auto& svcs = services.of_pool[pool];
    while (pools.free(pool)) {
        // The earliest waiting client over the services this pool serves.
        index_t best = no_index;
        std::uint64_t best_seq = std::numeric_limits<std::uint64_t>::max();
        for (index_t s : svcs) {
            const auto& q = services.queue[s];
            if (!q.empty() && clients[q.front()].join_seq < best_seq) {
                best = s;
                best_seq = clients[q.front()].join_seq;
            }
        }
        if (best == no_index) return;
        std::uint32_t slot = services.queue[best].front();
        services.queue[best].pop_front();
        client_rec& c = clients[slot];
        pools.take(pool);
        obs.queue_left(now, services.queue_id[best], now - c.joined);
        c.ph = phase::in_service;
        stream s = client_stream(c, p_service, (std::uint64_t{best} << 32) | c.services);
        ++c.services;
        schedule(now + sample(m.services[best].duration, s), event_kind::service_end, slot, c.serial);
    }
}

void simulator::impl::service_end(std::uint32_t slot) {
    client_rec& c = clients[slot];
    const service& sv = m.services[services.current(c).target];
    pools.give_back(sv.staff, wake);
    c.flags |= sv.flag_bit();
    ++c.gate_pos;
    continue_gates(slot);
}

void simulator::impl::offer(index_t si) {
    point_process& pp = offers[si];
    ++pp.k;
    obs.offer_made(now, si);
    pick best;
    for (index_t l : resources.supply.lists[si]) consider(best, l, si);
    if (best.list == no_index)
        obs.offer_lost(now, si);
    else
        admit(best);
    schedule_next(pp, event_kind::offer, si);
}

void simulator::impl::settle() {
    while (wake.any) {
        wake.any = false;
        // Moves the rules demand come before ordinary moves into the same room.
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
        for (index_t pool = 0; pool < wake.pool.size(); ++pool)
            if (wake.pool[pool]) {
                wake.pool[pool] = 0;
                if (!services.of_pool[pool].empty()) start_services(pool);
            }
        // Admit, one at a time, the earliest eligible client over the woken lists.
        for (;;) {
            pick best;
            for (index_t l = 0; l < wake.list.size(); ++l)
                if (wake.list[l] && !consider(best, l, no_index)) wake.list[l] = 0;
            if (best.list == no_index) break;
            admit(best);
        }
    }
}

void simulator::impl::dispatch(const event& ev) {
    switch (ev.kind()) {
    case event_kind::stay_end:
        if (clients[ev.target].serial == ev.tag) continue_gates(ev.target);
        break;
    case event_kind::service_end:
        if (clients[ev.target].serial == ev.tag) service_end(ev.target);
        break;
    case event_kind::max_stay:
        if (clients[ev.target].serial == ev.tag) max_stay(ev.target);
        break;
    case event_kind::arrival: {
        arrival_rt& ar = arrivals[ev.target];
        std::uint32_t slot = new_client(client_key(ar.group, true, ar.stream_index, ar.when.k), ar.group);
        ++ar.when.k;
        ++counts.arrivals;
        obs.created(now, false);
        enter(slot, ar.placement, initial_state::fresh, 0);
        schedule_next(ar.when, event_kind::arrival, ev.target);
        break;
    }
    case event_kind::offer:
        offer(ev.target);
        break;
    case event_kind::staff_change:
        pools.recount(m, ev.target, now, wake);
        break;
    }
}

std::string simulator::impl::describe(const event& ev) const {
    switch (ev.kind()) {
    case event_kind::stay_end:
    case event_kind::service_end:
    case event_kind::max_stay: {
        const client_rec& c = clients[ev.target];
        const char* what = ev.kind() == event_kind::stay_end      ? "end of stay"
                           : ev.kind() == event_kind::service_end ? "end of service"
                                                                  : "maximum stay";
        return std::string(what) + " of client " +
               std::to_string(c.key) + " of group '" + m.groups[c.group].id + "' in '" +
               m.placements[c.placement].id + "'";
    }
    case event_kind::arrival: return "arrival into '" + m.placements[arrivals[ev.target].placement].id + "'";
    case event_kind::offer: return "offer of '" + m.supplies[ev.target].id + "'";
    case event_kind::staff_change: return "FTE change of '" + m.staff[ev.target].id + "'";
    }
    return "event";
}

void simulator::impl::run() {
    setup();
    settle();
    const double horizon = cal.horizon_days;
    // Runaway work: too many events while time stands (nearly) still, or in all.
    double instant = 0;
    std::uint64_t at_instant = 0;
    while (!queue.empty() && queue.top().time < horizon) {
        event ev = queue.top();
        queue.pop();
        assert(ev.time >= now);
        now = ev.time;
        try {
            if (now - instant < limits->instant_days) {
                // Many clients may move at one instant (a stock that starts ready); a cycle moves for ever.
                if (++at_instant > limits->max_events_at_instant + 20 * (clients.size() - free_slots.size()))
                    throw std::runtime_error(
                        "more than " + std::to_string(limits->max_events_at_instant) +
                        " events without model time moving on (within 0.1 second): clients move without time "
                        "passing, as around a cycle of stays of zero or vanishing length; give a stay of the cycle "
                        "a duration (docs/language.md, \"Limits\")");
            } else {
                instant = now;
                at_instant = 0;
            }
            if (counts.events >= limits->max_events)
                throw std::runtime_error("the replication passed " + std::to_string(limits->max_events) +
                                         " events, hemsim's limit for one replication; lower the rates or "
                                         "the horizon (docs/language.md, \"Limits\")");
            dispatch(ev);
            settle();
        } catch (const std::exception& e) {
            char day[64];
            std::snprintf(day, sizeof day, "%.2f", now);
            const date on{std::chrono::sys_days{cal.start} + std::chrono::days{static_cast<long>(std::floor(now))}};
            throw std::runtime_error("at day " + std::string(day) + " (" + iso(on) + ", " + describe(ev) + "): " + e.what());
        }
        ++counts.events;
    }
    now = horizon;
    counts.present = clients.size() - free_slots.size();
}

}  // namespace hemsim
