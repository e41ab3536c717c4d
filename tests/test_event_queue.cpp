// The event set's order: time, then insertion order.
#include <catch2/catch.hpp>
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
