// The pending-event set, with a total, deterministic order: time, then
// insertion sequence (first scheduled, first processed). A radix heap over
// the times' bits, read in digits of 4 bits: every event later than `last_`
// is filed by the highest digit in which its time differs from last_ and its
// value there, and is moved only towards the front, a bucket at a time, in
// sequential sweeps; the front is a short sorted run that takes
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
#include <memory>
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
            // (the last one when k == last_). The run is short: its events came from one chunk.
            const auto at = std::upper_bound(run_.begin() + static_cast<std::ptrdiff_t>(head_), run_.end(),
                                             time, [](double t, const event& e) { return t < e.time; });
            run_.insert(at, ev);
        }
        ++size_;
    }
    bool empty() const { return size_ == 0; }
    /// The earliest event (not empty()).
    const event& top() {
        if (head_ == run_.size()) refill();
        return run_[head_];
    }
    /// Removes top(). When that uses up the run, the next one is made at once, so that
    /// the next top() is in the run already (its client can be fetched ahead) and
    /// peek_next() can tell the one after it from the run alone.
    void pop() {
        if (head_ == run_.size()) refill();
        ++head_;
        --size_;
        if (head_ == run_.size() && size_ > 0) refill();
    }
    std::size_t size() const { return size_; }
    /// Empties the set as a new one, keeping its memory.
    void clear() {
        run_.clear();
        buckets_ = {};
        free_ = nullptr;
        handed_ = 0;
        last_ = 0;
        filled_ = {};
        head_ = size_ = 0;
        next_seq_ = 0;
    }
    /// The event that top() will give after a pop(), if no earlier one is pushed
    /// meanwhile, when that is cheap to tell (else nullptr): a hint for prefetching.
    const event* peek_next() const { return head_ + 1 < run_.size() ? &run_[head_ + 1] : nullptr; }
    /// The events the set has room for without asking for more memory.
    std::size_t capacity() const {
        return run_.capacity() + blocks_.size() * chunks_per_block * chunk_events;
    }

private:
    // The run: from head_ on, every event at or before last_, in order. Bucket
    // 1 + d * values + v: the events whose key differs from last_ first in
    // digit d, where theirs is v (so each is later than every event of a
    // lower bucket).
    static constexpr int digit_bits = 4, values = 1 << digit_bits;
    static constexpr int digits = (64 + digit_bits - 1) / digit_bits;
    static constexpr int bucket_count = 1 + digits * values, words = (digits * values + 63) / 64;

    // The buckets' events lie in chunks of 32, a bucket a chain of them. A
    // bucket emptied gives back at once all its chunks but the first: the next
    // events filed anywhere reuse them while they are in the cache, and filing
    // into an empty bucket needs no new chunk (a branch taken at random there
    // cost 4 % of the time per event on kedjan city). Memory is the pending
    // events' and at most one chunk more per bucket. A vector per bucket kept
    // the most that bucket had ever held: summed over the buckets, 56 MB for
    // 3 MB of pending events at 64 times the clients of kedjan city, and 1 GB
    // for a million clients going round a cycle of fixed stays together.
    static constexpr std::size_t chunk_events = 32, chunks_per_block = 64;
    struct chunk {
        std::array<event, chunk_events> ev;
        chunk* next;
    };
    struct chain {
        chunk* head = nullptr;
        chunk* tail = nullptr;
        event* end = nullptr;       // the tail's next free place
        event* limit = nullptr;     // the tail's end (end == limit: a chunk is needed)
        std::uint64_t low = ~0ull;  // the lowest key filed
        /// Keeps the first chunk only, empty (the others are the caller's).
        void reset() {
            assert(head);
            head->next = nullptr;
            tail = head;
            end = head->ev.data();
            limit = end + chunk_events;
            low = ~0ull;
        }
    };
    std::vector<std::unique_ptr<chunk[]>> blocks_;  // chunks never move: chains point into them
    std::size_t handed_ = 0;                        // chunks handed out of blocks_ since clear()
    chunk* free_ = nullptr;                         // chunks given back, a list through `next`
    std::vector<event> run_;
    std::array<chain, bucket_count> buckets_{};  // [0] unused: the run
    std::uint64_t last_ = 0;                     // at or after every event of the run, before every filed one
    std::array<std::uint64_t, words> filled_{};  // bit b - 1: bucket b > 0 is not empty
    std::size_t head_ = 0;
    std::size_t size_ = 0;
    std::uint64_t next_seq_ = 0;

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
    chunk* new_chunk() {
        if (chunk* c = free_) {
            free_ = c->next;
            return c;
        }
        if (handed_ == blocks_.size() * chunks_per_block)
            blocks_.push_back(std::make_unique<chunk[]>(chunks_per_block));
        chunk* c = &blocks_[handed_ / chunks_per_block][handed_ % chunks_per_block];
        ++handed_;
        return c;
    }
    void give_back(chunk* c) {
        c->next = free_;
        free_ = c;
    }
    void file(const event& ev, std::uint64_t k) {
        const int b = bucket_of(k);
        if (b == 0) {
            run_.push_back(ev);
            return;
        }
        chain& ch = buckets_[static_cast<std::size_t>(b)];
        if (ch.end == ch.limit) {
            chunk* c = new_chunk();
            c->next = nullptr;
            (ch.tail ? ch.tail->next : ch.head) = c;
            ch.tail = c;
            ch.end = c->ev.data();
            ch.limit = ch.end + chunk_events;
        }
        *ch.end++ = ev;
        ch.low = std::min(ch.low, k);
        mark(b, true);
    }
    // The bucket the next refill takes, unless earlier events come meanwhile: its first
    // chunk, as far as it is filled, fetched while the run is used.
    void fetch_next_bucket() const {
        const int b = lowest_filled();
        if (b < 0) return;
        const chain& next = buckets_[static_cast<std::size_t>(b)];
        fetch(next.head->ev.data(), next.head == next.tail ? next.end : next.head->ev.data() + chunk_events);
    }
    // Asks for the cache lines of [from, to) ahead of their use.
    static void fetch(const void* from, const void* to) {
        for (auto* at = static_cast<const char*>(from); at < static_cast<const char*>(to); at += 64)
            __builtin_prefetch(at);
    }
    // The run is used up: the lowest filled bucket becomes the next one. A
    // bucket in one chunk (at most 32 events) is sorted whole, and last_ becomes its latest key (the
    // other buckets stay as filed: last_ agrees with the old one in every
    // digit above that bucket's, and there has the bucket's value). A large one: its earliest key becomes
    // last_ and its events are filed anew (all into lower buckets; those at that key into the run, sorted
    // back into sequence order).
    void refill() {
        assert(size_ > 0);
        run_.clear();
        head_ = 0;
        const int b = lowest_filled();
        chain& from = buckets_[static_cast<std::size_t>(b)];
        mark(b, false);
        if (from.head == from.tail) {  // at most a chunk: the run whole
            run_.assign(from.head->ev.data(), from.end);
            from.reset();
            std::sort(run_.begin(), run_.end(),
                      [](const event& x, const event& y) { return event_later{}(y, x); });
            last_ = key(run_.back().time);
            fetch_next_bucket();
            return;
        }
        last_ = from.low;
        // Each chunk after the first is given back once its events are filed: the ones
        // after it may reuse it. (None goes into this bucket: all are filed lower.)
        for (chunk* c = from.head; c;) {
            chunk* after = c == from.tail ? nullptr : c->next;
            if (after) fetch(after, after + 1);  // written long ago: fetched while this one is filed
            const event* end = c == from.tail ? from.end : c->ev.data() + chunk_events;
            for (const event* e = c->ev.data(); e != end; ++e) file(*e, key(e->time));
            if (c != from.head) give_back(c);
            c = after;
        }
        from.reset();
        if (run_.size() > 1)
            std::sort(run_.begin(), run_.end(),
                      [](const event& x, const event& y) { return x.seq_kind < y.seq_kind; });
        fetch_next_bucket();
    }
};

}  // namespace hemsim
