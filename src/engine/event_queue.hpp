// The pending-event set, with a total, deterministic order: time, then
// insertion sequence (first scheduled, first processed). A radix heap over
// the times' bits: the simulator never schedules before the event it is
// processing, so every event is filed by the highest bit in which its time
// differs from the last earliest time, and is moved only towards the front,
// a bucket at a time, in sequential sweeps. Against the binary heap it
// replaced (std::priority_queue) this keeps the cost per event nearly flat as
// the number of pending events grows: the heap's sift-down touched log2(n)
// cache lines at random per pop. (Boost.Heap's 4-ary heap measured slower still.)
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstdint>
#include <vector>

namespace hemsim {

enum class event_kind : std::uint8_t {
    stay_end,
    service_end,
    arrival,
    offer,
    staff_change,
    max_stay,
    capacity_change,
    give_up,   // a waiting client's time to give up (tag: its join's sequence number, low word)
    wait_move  // a waiting client's move while waiting (tag: its stay serial)
};

/// 24 bytes: the insertion sequence and the kind share one word (seq << 8 | kind),
/// so that comparing that word orders by sequence.
struct event {
    double time;
    std::uint64_t seq_kind;
    std::uint32_t target;  // client slot, arrival stream, supply, staff or placement index
    std::uint32_t tag;     // the client's stay serial (stale-event check) or spare

    event_kind kind() const { return static_cast<event_kind>(seq_kind & 0xffu); }
    std::uint64_t seq() const { return seq_kind >> 8; }
};

/// The order of the set: `a` comes after `b` (later time, or the same time and scheduled later).
struct event_later {
    bool operator()(const event& a, const event& b) const {
        if (a.time != b.time) return a.time > b.time;
        return a.seq_kind > b.seq_kind;
    }
};

class event_queue {
public:
    /// Schedules an event; ties in time keep insertion order. Meant for times
    /// not before the last top(): an earlier one is still ordered right, at the
    /// cost of refiling every pending event.
    void push(double time, event_kind kind, std::uint32_t target, std::uint32_t tag = 0) {
        const event ev{time, (next_seq_++ << 8) | static_cast<std::uint64_t>(kind), target, tag};
        const std::uint64_t k = key(time);
        if (k < last_) [[unlikely]]
            refile(k);
        file(ev, k);
        ++size_;
    }
    bool empty() const { return size_ == 0; }
    /// The earliest event (not empty()).
    const event& top() {
        if (head_ == buckets_[0].size()) refill();
        return buckets_[0][head_];
    }
    /// Removes top().
    void pop() {
        if (head_ == buckets_[0].size()) refill();
        ++head_;
        --size_;
    }
    std::size_t size() const { return size_; }
    /// The event that top() will give after a pop(), if no earlier one is pushed
    /// meanwhile, when that is cheap to tell (else nullptr): a hint for prefetching.
    const event* peek_next() const {
        if (head_ + 1 < buckets_[0].size()) return &buckets_[0][head_ + 1];
        if (filled_ == 0) return nullptr;
        const std::vector<event>& low = buckets_[std::countr_zero(filled_) + 1];
        if (low.size() > 8) return nullptr;
        const event* best = low.data();
        for (const event& ev : low)
            if (event_later{}(*best, ev)) best = &ev;
        return best;
    }

private:
    // Bucket 0: the events at the last earliest time (key last_), in sequence
    // order from head_ on; bucket b > 0: those whose key differs from last_
    // first in bit b - 1 (so all of them are later than every event of a lower bucket).
    std::array<std::vector<event>, 65> buckets_;
    std::uint64_t last_ = 0;    // below or at every pending key
    std::uint64_t filled_ = 0;  // bit b - 1: bucket b > 0 is not empty
    std::size_t head_ = 0;
    std::size_t size_ = 0;
    std::uint64_t next_seq_ = 0;

    // An unsigned key ordered as the times are (-0 as +0, so that they tie).
    static std::uint64_t key(double t) {
        const auto u = std::bit_cast<std::uint64_t>(t == 0 ? 0.0 : t);
        return (u >> 63) ? ~u : u | (1ull << 63);
    }
    void file(const event& ev, std::uint64_t k) {
        const int b = std::bit_width(k ^ last_);
        buckets_[b].push_back(ev);
        if (b > 0) filled_ |= 1ull << (b - 1);
    }
    // Bucket 0 is used up: the lowest filled bucket's earliest key becomes
    // last_, and its events are filed anew (all into lower buckets); those
    // at that key into bucket 0, sorted back into sequence order.
    void refill() {
        assert(size_ > 0);
        buckets_[0].clear();
        head_ = 0;
        const int b = std::countr_zero(filled_) + 1;
        std::vector<event>& from = buckets_[b];
        std::uint64_t low = ~0ull;
        for (const event& ev : from) low = std::min(low, key(ev.time));
        last_ = low;
        for (const event& ev : from) file(ev, key(ev.time));
        from.clear();
        filled_ &= ~(1ull << (b - 1));
        std::vector<event>& now = buckets_[0];
        if (now.size() > 1)
            std::sort(now.begin(), now.end(),
                      [](const event& x, const event& y) { return x.seq_kind < y.seq_kind; });
    }
    // An event before last_: every pending event is filed anew against its key.
    void refile(std::uint64_t k) {
        std::vector<event> all;
        all.reserve(size_);
        all.insert(all.end(), buckets_[0].begin() + static_cast<std::ptrdiff_t>(head_), buckets_[0].end());
        for (int b = 1; b < 65; ++b) {
            all.insert(all.end(), buckets_[b].begin(), buckets_[b].end());
            buckets_[b].clear();
        }
        buckets_[0].clear();
        head_ = 0;
        filled_ = 0;
        last_ = k;  // below every pending key: none goes to bucket 0
        for (const event& ev : all) file(ev, key(ev.time));
    }
};

}  // namespace hemsim
