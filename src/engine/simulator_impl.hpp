// Private to src/engine/: the state of one simulator run, shared by the
// files that do its jobs (each says what it holds):
//   simulator.cpp     the loop: run, dispatch, describe, the runaway-work guards
//   clients.cpp       client records: creation, attributes, entering and leaving
//   sources.cpp       arrivals and supply offers (one point process, sources.hpp)
//   waiting.cpp       the gates in order, waiting lists, moves, settle (gates.hpp)
//   gate_service.cpp  service queues, the start and end of a service
//   gate_supply.cpp   what an offer does
//   rules.cpp         the programme's rules: maximum stays, bars
#pragma once

#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "engine/gates.hpp"
#include "engine/huge_pages.hpp"
#include "engine/records.hpp"
#include "engine/simulator.hpp"
#include "engine/sources.hpp"

namespace hemsim {

namespace detail {

/// Purposes of a client's random streams (counter word 1).
enum purpose : std::uint64_t {
    p_attributes_at_creation = 1,
    p_attributes_on_entry = 2,
    p_entry = 3,  // the route, then the stay
    p_service = 4,
    p_initial_elapsed = 5,  // the initial stock's time already spent in its stay
    p_give_up = 6,          // the time after which a client gives up waiting (per join)
    p_wait_move = 7,        // a waiting client's move while waiting and its stay (per placement entered)
};

/// A transition's waiting list: clients past its services, waiting for its resource gates.
struct waiting_list {
    index_t queue = no_index;         // its queue id (model::queues)
    bool active = false;              // clients wait here: the transition has resource gates
    bool conditional = false;         // some resource gate has a `when`: clients of the list differ
    std::deque<std::uint32_t> slots;  // client slots, FIFO
};

/// The client records, by slot (on huge pages where the kernel has them: huge_pages.hpp).
using client_store = std::vector<client_rec, huge_page_allocator<client_rec>>;

}  // namespace detail

struct simulator::impl {
    using client_rec = detail::client_rec;
    using phase = detail::phase;

    const model& m;
    const calendar& cal;
    observer& obs;
    flow_counts& counts;
    std::uint64_t seed, rep;
    const sim_limits* limits = nullptr;
    double now = 0;
    event_queue queue;

    // Clients (clients.cpp).
    detail::client_store clients;
    std::vector<std::uint32_t> free_slots;
    std::vector<std::vector<index_t>> routes_from;  // per placement: the ordinary moves out of it
    // Per transition with moves while waiting in its list: per placement, those moves out of it.
    std::vector<std::vector<std::vector<index_t>>> wait_routes;
    // Per transition, where it changes on dates: its probability in simulation
    // time, and the times from which each dated duration applies.
    std::vector<timeline> branch_line;
    std::vector<std::vector<double>> after_from;
    std::vector<std::vector<index_t>> redraw_at;  // per placement: attributes drawn anew
    std::vector<std::uint64_t> clear_mask;        // per placement

    // Sources (sources.cpp).
    std::vector<detail::arrival_rt> arrivals;
    std::vector<detail::point_process> offers;  // per supply

    // Gates by kind, waiting lists, and what a release wakes until the next settle (waiting.cpp).
    detail::staff_pools pools;
    detail::service_gates services;
    detail::resource_gates resources;
    std::vector<detail::waiting_list> lists;  // per transition
    detail::wake_set wake;
    std::uint64_t next_join_seq = 0;  // FIFO order across all queues

    // Rules (rules.cpp): per placement, the clients over a maximum stay waiting
    // for room there, as (slot, serial): a client that moved on meanwhile is skipped.
    std::vector<std::deque<std::pair<std::uint32_t, std::uint32_t>>> rule_wait;

    impl(const model& mm, const calendar& cc, observer& o, flow_counts& fc, std::uint64_t s, std::uint64_t r)
        : m(mm), cal(cc), obs(o), counts(fc), seed(s), rep(r), services(mm), resources(mm, pools) {}

    /// Schedules an event; a time that is not a finite number never enters the queue.
    void schedule(double t, event_kind kind, std::uint32_t target, std::uint32_t tag = 0) {
        if (!std::isfinite(t)) not_finite(t);
        queue.push(t, kind, target, tag);
    }
    /// Throws for a drawn time that is not a finite number (out of line: the
    /// message's strings would otherwise weigh on every schedule's registers and stack).
    [[noreturn, gnu::cold, gnu::noinline]] static void not_finite(double t) {
        throw std::runtime_error("a drawn time is not a finite number (" + std::to_string(t) +
                                 "); a distribution's parameters are out of range");
    }
    /// Asks for a client's record ahead of its use: every cache line it touches (80 bytes lie
    /// in two lines on the 16-byte alignment malloc gives; the middle prefetch covers the
    /// third line a store aligned to only 8 bytes would touch).
    void prefetch_client(std::uint32_t slot) const {
        const auto* rec = reinterpret_cast<const char*>(&clients[slot]);
        static_assert(sizeof(client_rec) <= 128, "three prefetches cover a record of at most two lines");
        __builtin_prefetch(rec);
        __builtin_prefetch(rec + 64);
        __builtin_prefetch(rec + sizeof(client_rec) - 1);
    }
    stream client_stream(const client_rec& c, std::uint64_t purpose, std::uint64_t index) const {
        return stream(seed, rep, c.key, purpose, index);
    }

    // simulator.cpp
    void setup();
    void run();
    void dispatch(const event& ev);
    std::string describe(const event& ev) const;

    // clients.cpp
    void setup_clients();
    void reserve_clients();
    void create_initial_stock();
    std::uint32_t new_client(std::uint64_t key);
    void draw_attributes(client_rec& c, bool all, index_t placement);
    void enter(std::uint32_t slot, index_t p, initial_state state, double elapsed, std::uint64_t fixed_on = 0,
               std::uint64_t fixed_off = 0);
    bool settle_in(std::uint32_t slot, index_t& p, std::uint64_t fixed_on, std::uint64_t fixed_off);
    index_t choose_route(const client_rec& c, const std::vector<index_t>& routes, stream& s) const;
    const distribution& duration_in_force(index_t route) const;
    void enter_waiting(std::uint32_t slot, index_t p);
    void next_wait_move(std::uint32_t slot);
    void leave(client_rec& c);

    // sources.cpp
    void setup_sources();
    void schedule_next(detail::point_process& pp, event_kind kind, index_t target);
    void arrival(index_t a);

    // waiting.cpp
    void setup_gates();
    void continue_gates(std::uint32_t slot);
    void abandon_queue(std::uint32_t slot);
    void give_up(std::uint32_t slot);
    void wait_move(std::uint32_t slot);
    void move(std::uint32_t slot);
    void settle();
    /// The earliest client found so far in the waiting lists tried.
    struct pick {
        index_t list = no_index;
        std::ptrdiff_t pos = -1;
        std::uint64_t join_seq = std::numeric_limits<std::uint64_t>::max();
    };
    bool consider(pick& best, index_t list, index_t offered) const;
    void admit(const pick& p);
    std::ptrdiff_t first_eligible(index_t l, index_t offered) const;

    // gate_service.cpp, gate_supply.cpp
    bool join_service_queue(std::uint32_t slot);
    void leave_service(std::uint32_t slot);
    void start_services(index_t pool);
    void service_end(std::uint32_t slot);
    void offer(index_t s);

    // rules.cpp
    index_t after_bars(client_rec& c, index_t p);
    void max_stay(std::uint32_t slot);
    void force_move(std::uint32_t slot, index_t d);
    void rule_moves();
};

}  // namespace hemsim
