// Supply gates at work: an offer goes to the earliest waiting client, over
// the waiting lists that need the supply, whose gates all hold with the offer
// in hand; with nobody eligible it is lost. Then the next offer is drawn.
#include "engine/simulator_impl.hpp"

namespace hemsim {

void simulator::impl::offer(index_t s) {
    detail::point_process& pp = offers[s];
    ++pp.k;
    obs.offer_made(now, s);
    pick best;
    for (index_t l : resources.supply.lists[s]) consider(best, l, s);
    if (best.list == no_index)
        obs.offer_lost(now, s);
    else
        admit(best);
    schedule_next(pp, event_kind::offer, s);
}

}  // namespace hemsim
