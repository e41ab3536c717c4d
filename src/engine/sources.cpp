// Sources: the point processes of arrivals (a group's streams) and of supply
// offers (supplies), each event scheduling the next; an arrival creates a
// client and enters it. What an offer does is the supply gate's (gate_supply.cpp).
#include "engine/simulator_impl.hpp"

namespace hemsim {

using detail::arrival_entity;
using detail::supply_entity;

// Offers first, then arrivals: the order of their first events in the queue.
void simulator::impl::setup_sources() {
    offers.clear();
    for (index_t s = 0; s < m.supplies.size(); ++s) {
        const supply& sp = m.supplies[s];
        offers.emplace_back(sp.process, sp.per_year, cal, supply_entity(s));
        schedule_next(offers[s], event_kind::offer, s);
    }
    arrivals.clear();
    for (index_t g = 0; g < m.groups.size(); ++g) {
        const group& gr = m.groups[g];
        for (index_t i = 0; i < gr.arrivals.size(); ++i) {
            const arrival_stream& as = gr.arrivals[i];
            const auto a = static_cast<index_t>(arrivals.size());
            arrivals.push_back({g, i, as.placement, {as.process, as.per_year, cal, arrival_entity(g, i)}});
            schedule_next(arrivals[a].when, event_kind::arrival, a);
        }
    }
}

// Schedules event k of `pp` when it falls before the horizon.
void simulator::impl::schedule_next(detail::point_process& pp, event_kind kind, index_t target) {
    double t = pp.next_time(seed, rep);
    if (t < cal.horizon_days) schedule(t, kind, target);
}

void simulator::impl::arrival(index_t a) {
    detail::arrival_rt& ar = arrivals[a];
    std::uint32_t slot = new_client(detail::client_key(ar.group, true, ar.stream_index, ar.when.k));
    ++ar.when.k;
    ++counts.arrivals;
    obs.created(now, false);
    enter(slot, ar.placement, initial_state::fresh, 0);
    schedule_next(ar.when, event_kind::arrival, a);
}

}  // namespace hemsim
