// The classic hold model on hemsim's pending-event set (engine/event_queue.hpp):
// N events pending; each operation pops the earliest (time t) and pushes one at
// t + Exp(1), so the set stays at N. Prints the rate of hold operations (one
// pop + one push each) per second, the ceiling for a simulation whose events do
// nothing but reschedule themselves.
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

}  // namespace

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 10000;
    const long ops = argc > 2 ? std::atol(argv[2]) : 20000000;
    if (n < 1 || ops < 1) {
        std::fprintf(stderr, "usage: hemsim_hold [N [OPS]]  (N >= 1 pending events, OPS >= 1 hold operations)\n");
        return 2;
    }
    using clock = std::chrono::steady_clock;
    rng r(12345);
    hemsim::event_queue q;
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

    auto t0 = clock::now();
    hold(ops);
    double secs = std::chrono::duration<double>(clock::now() - t0).count();

    // The random numbers alone, for scale.
    double sink = 0;
    auto t1 = clock::now();
    for (long i = 0; i < ops; ++i) sink += r.exp1();
    double rng_secs = std::chrono::duration<double>(clock::now() - t1).count();

    std::printf("{\"model\": \"hold\", \"pending\": %ld, \"operations\": %ld, \"seconds\": %.6f, "
                "\"events_per_s\": %.0f, \"rng_only_per_s\": %.0f, \"final_time\": %.3f, \"checksum\": %.3f}\n",
                n, ops, secs, static_cast<double>(ops) / secs, static_cast<double>(ops) / rng_secs,
                q.top().time, sink);
    return 0;
}
