// Random streams: counter-based (Philox4x64, Random123), so that any draw is a
// pure function of (seed, replication, entity, purpose, index). This gives one
// stream per replication independent of threads, and common random numbers
// across alternatives: client k's n-th stay draws the same numbers whatever
// the alternative changed elsewhere.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "model/distribution.hpp"
#include "model/model.hpp"

namespace hemsim {

/// A short stream for one decision; a UniformRandomBitGenerator.
class stream {
public:
    using result_type = std::uint64_t;

    /// key = (seed, replication); counter words = (entity, purpose, index).
    stream(std::uint64_t seed, std::uint64_t replication, std::uint64_t entity, std::uint64_t purpose,
           std::uint64_t index);

    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type{0}; }
    result_type operator()();
    /// Uniform on (0, 1): never 0 or 1.
    double uniform();

private:
    std::array<std::uint64_t, 4> ctr_;
    std::array<std::uint64_t, 2> key_;
    std::array<std::uint64_t, 4> out_{};
    unsigned used_ = 4;
};

/// A draw from a duration distribution (days, >= 0).
double sample(const distribution& d, stream& s);

/// A draw of the remaining stay given that `elapsed` days have passed (D - e | D > e).
double sample_remaining(const distribution& d, double elapsed, stream& s);

/// A draw of the remaining stay of a process already running in equilibrium
/// (the forward recurrence time: density (1 - F(x)) / E[D]).
double sample_stationary_remaining(const distribution& d, stream& s);

/// A draw of an uncertain parameter by inversion of one uniform: the same stream gives
/// the same quantile of every alternative's own distribution for the path (normal truncated at 0).
double sample_param(const param_distribution& d, stream& s);

/// The stream of an uncertain parameter in a replication: keyed by its path,
/// so every alternative draws the same value for the same parameter.
stream param_stream(std::uint64_t seed, std::uint64_t replication, const std::string& path);

}  // namespace hemsim
