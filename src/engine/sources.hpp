// Private to src/engine/: the sources of events that belong to no client,
// arrivals of a group's stream and offers of a supply, as one point process.
#pragma once

#include <cmath>
#include <cstdint>

#include "engine/random.hpp"
#include "engine/rate.hpp"
#include "model/model.hpp"

namespace hemsim::detail {

/// Stream keys of entities that are no client (bit 63 set).
constexpr std::uint64_t arrival_entity(std::uint64_t group, std::uint64_t stream_index) {
    return (1ull << 63) | (1ull << 56) | (group << 16) | stream_index;
}
constexpr std::uint64_t supply_entity(std::uint64_t supply) { return (1ull << 63) | (2ull << 56) | supply; }

/// A point process whose rate per year follows a schedule. Poisson:
/// exponential steps of the cumulative rate, step k drawn from the entity's
/// stream k; even: the k-th event where the cumulative rate reaches k + 1/2.
struct point_process {
    arrival_process process;
    cumulative_rate rate;  // per day
    std::uint64_t entity;  // the stream key of its draws
    double level = 0;      // the cumulative rate at the last event
    std::uint64_t k = 0;   // events so far

    point_process(arrival_process p, const schedule& per_year, const calendar& cal, std::uint64_t e)
        : process(p), rate(timeline(per_year, cal, 1.0 / 365.0)), entity(e) {}

    /// The time of event k, in days (+inf when the rate never reaches it).
    double next_time(std::uint64_t seed, std::uint64_t rep) {
        if (process == arrival_process::poisson) {
            stream s(seed, rep, entity, 0, k);
            level += -std::log(s.uniform());
        } else {
            level = static_cast<double>(k) + 0.5;
        }
        return rate.inverse(level);
    }
};

/// A group's arrival stream into a placement.
struct arrival_rt {
    index_t group, stream_index, placement;
    point_process when;
};

}  // namespace hemsim::detail
