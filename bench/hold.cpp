// The classic hold model on hemsim's pending-event set (engine/event_queue.hpp):
// N events pending; each operation pops the earliest (time t) and pushes one at
// t + Exp(1), so the set stays at N. Prints the rate of hold operations (one
// pop + one push each) per second, the ceiling for a simulation whose events do
// nothing but reschedule themselves.
//
// The same model runs a second time on a binary heap (std::priority_queue with
// the event set's own order, time then insertion sequence): the event set the
// engine had when issue 14 measured "0,56 of the hold model's rate". The radix
// heap that replaced it made the hold model itself 2,5 to 2,8 times faster, so
// the two rates are the old and the new yardstick (binary_heap_events_per_s and
// events_per_s).
//
// Usage: hemsim_hold [N [OPS]]   (defaults N = 10000, OPS = 20000000)
// A warm-up of 10 N operations first brings the pending times to their steady
// distribution; the clock runs over the OPS operations after it. The random
// numbers are xoshiro256+ with -log(u): cheap next to the event set's work
// (a pop and a push), so the figure is the event set's. The rate of drawing the same
// numbers alone is printed too.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <queue>
#include <vector>

#include "engine/event_queue.hpp"

namespace {

// xoshiro256+ (Blackman and Vigna), seeded by splitmix64.
struct rng {
    std::uint64_t s[4];
    explicit rng(std::uint64_t seed) {
        for (auto& x : s) {
            std::uint64_t z = (seed += 0x9e3779b97f4a7c15ull);
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
            x = z ^ (z >> 31);
        }
    }
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t next() {
        const std::uint64_t r = s[0] + s[3], t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = rotl(s[3], 45);
        return r;
    }
    // Exp(1): u in (0, 1].
    double exp1() { return -std::log(static_cast<double>((next() >> 11) + 1) * 0x1.0p-53); }
};

// The event set before issue 14 (aec514e^): a binary heap on (time, sequence).
class binary_heap_set {
public:
    void push(double time, hemsim::event_kind kind, std::uint32_t target, std::uint32_t tag = 0) {
        heap_.push(hemsim::event{time, (next_seq_++ << 8) | static_cast<std::uint64_t>(kind), target, tag});
    }
    const hemsim::event& top() const { return heap_.top(); }
    void pop() { heap_.pop(); }

private:
    std::priority_queue<hemsim::event, std::vector<hemsim::event>, hemsim::event_later> heap_;
    std::uint64_t next_seq_ = 0;
};

// The hold model on a set Q: N pending, a warm-up of 10 N operations, then OPS
// timed ones. Returns the seconds of the timed ones; *last is the earliest
// pending time at the end (both sets must agree on it: the same draws, the same order).
template <class Q>
double hold_seconds(long n, long ops, double* last) {
    using clock = std::chrono::steady_clock;
    rng r(12345);
    Q q;
    for (long i = 0; i < n; ++i)
        q.push(r.exp1(), hemsim::event_kind::stay_end, static_cast<std::uint32_t>(i));
    auto hold = [&](long count) {
        for (long i = 0; i < count; ++i) {
            // Only the public interface: push(time, kind, target, tag), top().time, pop().
            const double t = q.top().time;
            const std::uint32_t target = q.top().target;
            q.pop();
            q.push(t + r.exp1(), hemsim::event_kind::stay_end, target);
        }
    };
    hold(10 * n);  // warm-up
    const auto t0 = clock::now();
    hold(ops);
    const double secs = std::chrono::duration<double>(clock::now() - t0).count();
    *last = q.top().time;
    return secs;
}

}  // namespace

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 10000;
    const long ops = argc > 2 ? std::atol(argv[2]) : 20000000;
    if (n < 1 || ops < 1) {
        std::fprintf(stderr, "usage: hemsim_hold [N [OPS]]  (N >= 1 pending events, OPS >= 1 hold operations)\n");
        return 2;
    }
    using clock = std::chrono::steady_clock;
    double last = 0, last_binary = 0;
    const double secs = hold_seconds<hemsim::event_queue>(n, ops, &last);
    const double binary_secs = hold_seconds<binary_heap_set>(n, ops, &last_binary);
    if (last != last_binary) {
        std::fprintf(stderr, "hemsim_hold: the event set and the binary heap disagree (%.17g against %.17g)\n",
                     last, last_binary);
        return 1;
    }

    // The random numbers alone, for scale.
    rng r(12345);
    double sink = 0;
    const auto t1 = clock::now();
    for (long i = 0; i < ops; ++i) sink += r.exp1();
    const double rng_secs = std::chrono::duration<double>(clock::now() - t1).count();

    std::printf("{\"model\": \"hold\", \"pending\": %ld, \"operations\": %ld, \"seconds\": %.6f, "
                "\"events_per_s\": %.0f, \"binary_heap_events_per_s\": %.0f, \"rng_only_per_s\": %.0f, "
                "\"final_time\": %.3f, \"checksum\": %.3f}\n",
                n, ops, secs, static_cast<double>(ops) / secs, static_cast<double>(ops) / binary_secs,
                static_cast<double>(ops) / rng_secs, last, sink);
    return 0;
}
