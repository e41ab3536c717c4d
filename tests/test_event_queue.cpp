// The event set's order: time, then insertion order.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <queue>
#include <random>
#include <vector>

#include "engine/event_queue.hpp"

using namespace hemsim;

TEST_CASE("events come out by time, ties in insertion order", "[event_queue]") {
    event_queue q;
    q.push(5.0, event_kind::arrival, 1);
    q.push(1.0, event_kind::offer, 2);
    q.push(5.0, event_kind::stay_end, 3);
    q.push(0.0, event_kind::service_end, 4);
    q.push(5.0, event_kind::offer, 5);
    q.push(1.0, event_kind::arrival, 6);
    std::vector<std::uint32_t> got;
    while (!q.empty()) {
        got.push_back(q.top().target);
        q.pop();
    }
    CHECK(got == std::vector<std::uint32_t>{4, 2, 6, 1, 3, 5});
}

TEST_CASE("many simultaneous events keep their insertion order", "[event_queue]") {
    event_queue q;
    for (std::uint32_t i = 0; i < 1000; ++i) q.push(i % 2 == 0 ? 7.0 : 3.0, event_kind::arrival, i);
    std::vector<std::uint32_t> got;
    while (!q.empty()) {
        got.push_back(q.top().target);
        q.pop();
    }
    std::vector<std::uint32_t> want;
    for (std::uint32_t i = 1; i < 1000; i += 2) want.push_back(i);  // time 3, in insertion order
    for (std::uint32_t i = 0; i < 1000; i += 2) want.push_back(i);  // then time 7
    CHECK(got == want);
}

namespace {

// The reference order: std::priority_queue with the set's own comparison.
struct reference_queue {
    std::priority_queue<event, std::vector<event>, event_later> heap;
    std::uint64_t next_seq = 0;
    void push(double t, event_kind k, std::uint32_t target, std::uint32_t tag) {
        heap.push(event{t, (next_seq++ << 8) | static_cast<std::uint64_t>(k), target, tag});
    }
};

// Pops one event from both and checks that they agree in every field.
void pop_both(event_queue& q, reference_queue& want) {
    REQUIRE(!q.empty());
    REQUIRE(q.size() == want.heap.size());
    const event got = q.top();
    const event& w = want.heap.top();
    CHECK(got.time == w.time);
    CHECK(got.seq_kind == w.seq_kind);
    CHECK(got.target == w.target);
    CHECK(got.tag == w.tag);
    q.pop();
    want.heap.pop();
}

}  // namespace

TEST_CASE("the event set pops in the order of a binary heap on (time, sequence)", "[event_queue]") {
    // Times not before the last popped one, as the simulator schedules: many
    // ties (whole and half days, zero delays, the same time again), a wide
    // range of delays, bursts of pushes and runs of pops, and stale events
    // (tags of an earlier stay) that are popped like any other.
    for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        event_queue q;
        reference_queue want;
        double now = 0;
        std::uint32_t serial = 0;
        auto delay = [&] {
            switch (rng() % 6) {
            case 0: return 0.0;                                    // at once
            case 1: return static_cast<double>(rng() % 4);         // whole days: ties
            case 2: return 0.5 * static_cast<double>(rng() % 8);   // half days: ties
            case 3: return -180.0 * std::log(unit(rng) + 1e-300);  // exponential
            case 4: return 1e-9 * unit(rng);                       // nearly at once
            default: return 365.0 * unit(rng);                     // uniform
            }
        };
        for (std::uint32_t i = 0; i < 200; ++i) {
            q.push(0, event_kind::arrival, i, 0);
            want.push(0, event_kind::arrival, i, 0);
        }
        for (int step = 0; step < 20000; ++step) {
            const auto r = rng() % 10;
            if (r < 4 || want.heap.empty()) {
                const int burst = 1 + static_cast<int>(rng() % 5);
                for (int b = 0; b < burst; ++b) {
                    const double t = now + delay();
                    const auto kind = static_cast<event_kind>(rng() % 9);
                    const auto target = static_cast<std::uint32_t>(rng() % 1000);
                    const std::uint32_t tag = rng() % 3 == 0 ? serial - 1 : serial;  // some stale
                    q.push(t, kind, target, tag);
                    want.push(t, kind, target, tag);
                }
                ++serial;
            } else {
                now = want.heap.top().time;
                pop_both(q, want);
            }
        }
        while (!want.heap.empty()) pop_both(q, want);
        CHECK(q.empty());
    }
}

TEST_CASE("the event set orders events pushed before the last popped one too", "[event_queue]") {
    // Not what the simulator does, but the order stays right.
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(-50.0, 100.0);
    event_queue q;
    reference_queue want;
    for (int step = 0; step < 5000; ++step) {
        if (rng() % 3 != 0 || want.heap.empty()) {
            const double t = std::round(u(rng) * 4) / 4;  // quarter days: ties, negative times, -0
            q.push(t, event_kind::offer, static_cast<std::uint32_t>(step), 0);
            want.push(t, event_kind::offer, static_cast<std::uint32_t>(step), 0);
        } else {
            pop_both(q, want);
        }
    }
    while (!want.heap.empty()) pop_both(q, want);
}

TEST_CASE("zero and negative zero tie, in insertion order", "[event_queue]") {
    event_queue q;
    q.push(0.0, event_kind::arrival, 1);
    q.push(-0.0, event_kind::arrival, 2);
    q.push(0.0, event_kind::arrival, 3);
    std::vector<std::uint32_t> got;
    while (!q.empty()) {
        got.push_back(q.top().target);
        q.pop();
    }
    CHECK(got == std::vector<std::uint32_t>{1, 2, 3});
}

TEST_CASE("peek_next names the event after the top, when it tells", "[event_queue]") {
    std::mt19937_64 rng(11);
    event_queue q;
    double now = 0;
    std::uint32_t told = 0;
    for (std::uint32_t i = 0; i < 3000; ++i)
        q.push(static_cast<double>(rng() % 500), event_kind::stay_end, i);
    while (q.size() > 1) {
        now = q.top().time;
        const event* next = q.peek_next();
        const event want = next ? *next : event{};
        q.pop();
        if (next) {
            ++told;
            CHECK(q.top().seq_kind == want.seq_kind);
            CHECK(q.top().target == want.target);
        }
        if (rng() % 2 == 0) q.push(now + static_cast<double>(rng() % 50), event_kind::stay_end, 0);
    }
    CHECK(told > 0);
}

TEST_CASE("a cleared event set behaves as a new one", "[event_queue]") {
    // Half-used (events pending in several buckets, the run part-read), then
    // cleared: the same pushes and pops give what a new set gives, sequence numbers included.
    std::mt19937_64 gen(7);
    std::uniform_real_distribution<double> t(0, 1000);
    std::vector<double> times(5000);
    for (double& x : times) x = std::floor(t(gen));  // ties too
    auto drain = [&](event_queue& q) {
        for (std::uint32_t i = 0; i < times.size(); ++i) q.push(times[i], event_kind::arrival, i);
        std::vector<std::pair<std::uint64_t, std::uint32_t>> got;
        while (!q.empty()) {
            got.emplace_back(q.top().seq(), q.top().target);
            q.pop();
        }
        return got;
    };
    event_queue fresh;
    const auto want = drain(fresh);
    event_queue used;
    for (std::uint32_t i = 0; i < 3000; ++i) used.push(t(gen) + 2000, event_kind::stay_end, i);
    for (int i = 0; i < 1000; ++i) used.pop();
    REQUIRE(used.size() == 2000);
    used.clear();
    CHECK(used.empty());
    CHECK(drain(used) == want);
}

TEST_CASE("the event set's memory follows its pending events, not its history", "[event_queue]") {
    // A stock that goes round a cycle of fixed stays, all together: each round
    // files every pending event into one bucket, a different one as the time
    // moves on. A vector per bucket kept each such bucket's most, so that
    // the memory grew with the rounds (a million clients: 1 GB in 20 years).
    // Popping in order is checked too: every event comes round once a round.
    constexpr std::uint32_t clients = 20000;
    constexpr int rounds = 60;
    event_queue q;
    for (std::uint32_t c = 0; c < clients; ++c) q.push(0.0, event_kind::stay_end, c);
    std::size_t most = 0;
    for (int r = 0; r < rounds; ++r) {
        for (std::uint32_t c = 0; c < clients; ++c) {
            REQUIRE(q.top().time == 50.0 * r);
            REQUIRE(q.top().target == c);  // same time: insertion order, which is the clients'
            q.pop();
            q.push(50.0 * (r + 1), event_kind::stay_end, c);
        }
        most = std::max(most, q.capacity());
    }
    // Room for the run (at most all pending events, twice over as a vector grows)
    // and the chunks: the pending events', at most one chunk of 32 more per each of
    // the 257 buckets, and the rest of the last block of 64 chunks handed out.
    CHECK(most <= 3 * std::size_t{clients} + 257 * 32 + 64 * 32);
}
