// The pending-event set, with a total, deterministic order: time, then
// insertion sequence (first scheduled, first processed). A radix heap over
// the times' bits, read in digits of 4 bits: every event later than `last_`
// is filed by the highest digit in which its time differs from last_ and its
// value there, and is moved only towards the front, a bucket at a time, in
// sequential sweeps; the front is a short sorted run (bucket 0) that takes
// events before last_ in place. Against the binary heap it replaced
// (std::priority_queue) the cost per event grows far less with the number of
// pending events: the heap's sift-down touched log2(n) cache lines at random
// per pop. (Boost.Heap's 4-ary heap measured slower still; digits of 1 or 2
// bits a little slower, on the hold model.)
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
    /// Schedules an event; ties in time keep insertion order.
    void push(double time, event_kind kind, std::uint32_t target, std::uint32_t tag = 0) {
        const event ev{time, (next_seq_++ << 8) | static_cast<std::uint64_t>(kind), target, tag};
        const std::uint64_t k = key(time);
        if (k > last_) {
            file(ev, k);
        } else {
            // Into the sorted run, after every event at the same time or earlier
            // (the last one when k == last_). The run is short: its events came from one small bucket.
            std::vector<event>& run = buckets_[0];
            const auto at = std::upper_bound(run.begin() + static_cast<std::ptrdiff_t>(head_), run.end(),
                                             time, [](double t, const event& e) { return t < e.time; });
            run.insert(at, ev);
        }
        ++size_;
    }
    bool empty() const { return size_ == 0; }
    /// The earliest event (not empty()).
    const event& top() {
        if (head_ == buckets_[0].size()) refill();
        return buckets_[0][head_];
    }
    /// Removes top(). When that uses up the run, the next one is made at once, so that
    /// the next top() is in the run already (its client can be fetched ahead) and
    /// peek_next() can tell the one after it from the run alone.
    void pop() {
        if (head_ == buckets_[0].size()) refill();
        ++head_;
        --size_;
        if (head_ == buckets_[0].size() && size_ > 0) refill();
    }
    std::size_t size() const { return size_; }
    /// Empties the set as a new one, keeping the buckets' memory.
    void clear() {
        for (std::vector<event>& b : buckets_) b.clear();
        last_ = 0;
        filled_ = {};
        head_ = size_ = 0;
        next_seq_ = 0;
    }
    /// The event that top() will give after a pop(), if no earlier one is pushed
    /// meanwhile, when that is cheap to tell (else nullptr): a hint for prefetching.
    const event* peek_next() const {
        return head_ + 1 < buckets_[0].size() ? &buckets_[0][head_ + 1] : nullptr;
    }

private:
    // Bucket 0, from head_ on: the run, every event at or before last_, in
    // order; bucket 1 + d * values + v: the events whose key differs from
    // last_ first in digit d, where theirs is v (so each is later than every
    // event of a lower bucket).
    static constexpr int digit_bits = 4, values = 1 << digit_bits;
    static constexpr int digits = (64 + digit_bits - 1) / digit_bits;
    static constexpr int bucket_count = 1 + digits * values, words = (digits * values + 63) / 64;
    std::array<std::vector<event>, bucket_count> buckets_;
    std::uint64_t last_ = 0;                     // at or after every event of the run, before every filed one
    std::array<std::uint64_t, words> filled_{};  // bit b - 1: bucket b > 0 is not empty
    std::size_t head_ = 0;
    std::size_t size_ = 0;
    std::uint64_t next_seq_ = 0;
    static constexpr std::size_t small_ = 16;  // a bucket of at most this many becomes the run whole

    // An unsigned key ordered as the times are (-0 as +0, so that they tie).
    static std::uint64_t key(double t) {
        const auto u = std::bit_cast<std::uint64_t>(t == 0 ? 0.0 : t);
        return (u >> 63) ? ~u : u | (1ull << 63);
    }
    int bucket_of(std::uint64_t k) const {
        const std::uint64_t x = k ^ last_;
        if (x == 0) return 0;
        const int d = (std::bit_width(x) - 1) / digit_bits;
        return 1 + d * values + static_cast<int>((k >> (d * digit_bits)) & (values - 1));
    }
    int lowest_filled() const {
        for (int w = 0; w < words; ++w)
            if (filled_[static_cast<std::size_t>(w)])
                return 1 + 64 * w + std::countr_zero(filled_[static_cast<std::size_t>(w)]);
        return -1;
    }
    void mark(int b, bool on) {
        const std::uint64_t bit = 1ull << ((b - 1) % 64);
        auto& w = filled_[static_cast<std::size_t>((b - 1) / 64)];
        w = on ? (w | bit) : (w & ~bit);
    }
    void file(const event& ev, std::uint64_t k) {
        const int b = bucket_of(k);
        buckets_[static_cast<std::size_t>(b)].push_back(ev);
        if (b > 0) mark(b, true);
    }
    // The run is used up: the lowest filled bucket becomes the next one. A
    // small bucket is sorted whole, and last_ becomes its latest key (the
    // other buckets stay as filed: last_ agrees with the old one in every
    // digit above that bucket's, and there has the bucket's value). A large one: its earliest key becomes
    // last_ and its events are filed anew (all into lower buckets; those at that key into the run, sorted
    // back into sequence order).
    void refill() {
        assert(size_ > 0);
        std::vector<event>& run = buckets_[0];
        run.clear();
        head_ = 0;
        const int b = lowest_filled();
        std::vector<event>& from = buckets_[static_cast<std::size_t>(b)];
        mark(b, false);
        if (from.size() <= small_) {
            run.swap(from);
            std::sort(run.begin(), run.end(), [](const event& x, const event& y) {
                return x.time < y.time || (x.time == y.time && x.seq_kind < y.seq_kind);
            });
            last_ = key(run.back().time);
            return;
        }
        std::uint64_t low = ~0ull;
        for (const event& ev : from) low = std::min(low, key(ev.time));
        last_ = low;
        for (const event& ev : from) file(ev, key(ev.time));
        from.clear();
        if (run.size() > 1)
            std::sort(run.begin(), run.end(),
                      [](const event& x, const event& y) { return x.seq_kind < y.seq_kind; });
    }
};

}  // namespace hemsim
