// Private to src/engine/: the records every part of the simulator shares: a
// client's, the set of queues to try again at the next settle, and a gate
// kind's gates per transition. The gate kinds (gate_*.hpp) read and write
// these and nothing else of the simulator.
#pragma once

#include <cassert>
#include <cstdint>
#include <vector>

#include "model/model.hpp"

namespace hemsim::detail {

/// Where a client stands between events.
enum class phase : std::uint8_t { stay, service_queue, in_service, waiting, idle };

/// A client's key: group, initial (0) or arrival (1), entry or stream, number.
constexpr std::uint64_t client_key(std::uint64_t group, bool arrival, std::uint64_t source, std::uint64_t k) {
    return (group << 48) | (std::uint64_t{arrival} << 47) | (source << 40) | k;
}
// The reader's limits keep the fields apart, so that no two clients share a key, and the top
// bit clear, so that no client's key is that of a source or a parameter (sources.hpp, random.cpp).
static_assert(max_groups <= (1u << 15) && max_entries_per_group <= (1u << 7) &&
              max_created_per_replication <= double(1ull << 40) && max_count <= double(1ull << 40));

/// One client in the system; its slot is reused after it exits (`serial` goes on).
/// 80 bytes, so that a record at its 16-byte alignment always lies in two cache
/// lines (at 88 bytes, two in eight lay in three): the group is read from the key,
/// the service flags fit 32 bits and the gate position 8 (the limits below).
struct client_rec {
    std::uint64_t key = 0;         // stable: group, source and number (client_key)
    std::uint64_t attrs = 0;       // bit per attribute
    std::uint64_t held_staff = 0;  // bit per staff pool
    std::uint64_t join_seq = 0;    // FIFO order across queues
    double joined = 0;             // time it joined its current queue
    double arrived = 0;            // came into the system (initial stock: minus its elapsed stay)
    std::uint32_t flags = 0;       // bit per service flag
    index_t placement = no_index;
    index_t route =
        no_index;  // the transition it will take out of `placement` (waiting: the list it stands in)
    index_t wait_route = no_index;  // waiting: the move while waiting it will make next, if any
    std::uint32_t entries = 0;      // placements entered so far
    std::uint32_t services = 0;     // services started so far
    std::uint32_t serial = 0;       // stay number: events of an earlier stay are stale
    std::uint8_t gate_pos = 0;      // the next service gate of `route` to pass
    phase ph = phase::idle;

    /// Its group: the key's bits 48 to 62 (client_key above).
    index_t group() const { return static_cast<index_t>(key >> 48); }
    /// Days in the system at time `now`, as conditions read it (in_system).
    double in_system(double now) const { return now - arrived; }
};
static_assert(max_flags <= 32 && max_gates < 256, "a client's flags and gate position fit their fields");
static_assert(sizeof(client_rec) == 80, "a client's record is five 16-byte units: two cache lines");

/// What a released resource wakes: flags read and cleared by the next settle.
struct wake_set {
    std::vector<char> list;  // per transition: its waiting list
    std::vector<char> pool;  // per staff pool: the service queues it serves
    std::vector<char> rule;  // per placement: rule moves waiting for room there
    bool any = false;        // some flag is set
    bool any_rule = false;   // some `rule` flag is set

    void size(std::size_t transitions, std::size_t pools, std::size_t placements) {
        list.assign(transitions, 0);
        pool.assign(pools, 0);
        rule.assign(placements, 0);
    }
    void wake_list(index_t transition) {
        list[transition] = 1;
        any = true;
    }
    void wake_lists(const std::vector<index_t>& transitions) {
        for (index_t l : transitions) list[l] = 1;
        any = true;
    }
    void wake_rule(index_t placement) {
        rule[placement] = 1;
        any_rule = any = true;
    }
};

/// The gates of one kind, per transition, as a kind keeps them.
struct gates_of_kind {
    std::vector<std::vector<gate>> of;  // per transition, in the order written
    std::vector<char> any_when;         // per transition: some gate has a `when`

    /// Takes the gates of `kind` of transition `tr` (added in order), calling on_gate(g) for each.
    template <class F>
    void add(index_t tr, const transition& t, gate_kind kind, F&& on_gate) {
        assert(tr == of.size());
        of.emplace_back();
        any_when.push_back(0);
        for (const gate& g : t.gates) {
            if (g.kind != kind) continue;
            of[tr].push_back(g);
            if (!g.when.always()) any_when[tr] = 1;
            on_gate(g);
        }
    }
    const std::vector<gate>& operator[](index_t tr) const { return of[tr]; }
    bool any(index_t tr) const { return !of[tr].empty(); }
    bool conditional(index_t tr) const { return any_when[tr] != 0; }
};

}  // namespace hemsim::detail
