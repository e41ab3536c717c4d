#include "engine/random.hpp"

#include <Random123/philox.h>

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <cmath>

namespace hemsim {

stream::stream(std::uint64_t seed, std::uint64_t replication, std::uint64_t entity, std::uint64_t purpose,
               std::uint64_t index)
    : ctr_{entity, purpose, index, 0}, key_{seed, replication} {}

stream::result_type stream::operator()() {
    if (used_ == 4) {
        r123::Philox4x64 rng;
        r123::Philox4x64::ctr_type c = {{ctr_[0], ctr_[1], ctr_[2], ctr_[3]}};
        r123::Philox4x64::key_type k = {{key_[0], key_[1]}};
        auto r = rng(c, k);
        for (unsigned i = 0; i < 4; ++i) out_[i] = r.v[i];
        ++ctr_[3];
        used_ = 0;
    }
    return out_[used_++];
}

double stream::uniform() {
    // 53 random bits, shifted half a step off zero: (0, 1) open at both ends.
    return (static_cast<double>((*this)() >> 11) + 0.5) * 0x1.0p-53;
}

namespace {

double gamma_draw(double shape, double scale, stream& s) {
    boost::random::gamma_distribution<double> g(shape, scale);
    return g(s);
}

double normal_draw(double mean, double sd, stream& s) {
    boost::random::normal_distribution<double> n(mean, sd);
    return n(s);
}

}  // namespace

double sample(const distribution& d, stream& s) {
    switch (d.kind) {
    case dist_kind::fixed: return d.a;
    case dist_kind::exponential: return d.a > 0 ? -d.a * std::log(s.uniform()) : 0.0;
    case dist_kind::uniform: return d.a + (d.b - d.a) * s.uniform();
    case dist_kind::triangular: {
        if (d.b <= d.a) return d.a;
        boost::random::triangle_distribution<double> t(d.a, d.c, d.b);
        return t(s);
    }
    case dist_kind::normal: {
        if (d.b <= 0) return std::max(0.0, d.a);
        for (int i = 0; i < 1000; ++i) {
            double x = normal_draw(d.a, d.b, s);
            if (x >= 0) return x;
        }
        return 0.0;  // the mass above 0 is negligible: the validator warns of such a case
    }
    case dist_kind::lognormal: {
        if (d.b <= 0 || d.a <= 0) return d.a;
        double mu, sigma;
        lognormal_params(d.a, d.b, mu, sigma);
        return std::exp(normal_draw(mu, sigma, s));
    }
    case dist_kind::gamma: {
        if (d.b <= 0 || d.a <= 0) return d.a;
        double shape = (d.a * d.a) / (d.b * d.b);
        return gamma_draw(shape, d.a / shape, s);
    }
    }
    return 0.0;
}

double sample_remaining(const distribution& d, double elapsed, stream& s) {
    if (elapsed <= 0) return sample(d, s);
    switch (d.kind) {
    case dist_kind::fixed: return std::max(0.0, d.a - elapsed);
    case dist_kind::exponential: return sample(d, s);  // memoryless
    case dist_kind::uniform:
        if (elapsed >= d.b) return 0.0;
        {
            double lo = std::max(d.a, elapsed);
            return lo + (d.b - lo) * s.uniform() - elapsed;
        }
    default:
        // Rejection: draw D until D > elapsed. When that is very unlikely the
        // stay is treated as over (the client is ready at once).
        for (int i = 0; i < 10000; ++i) {
            double x = sample(d, s);
            if (x > elapsed) return x - elapsed;
        }
        return 0.0;
    }
}

double sample_stationary_remaining(const distribution& d, stream& s) {
    // Forward recurrence time = U * L, where L is the length-biased duration
    // (density x f(x) / E[D]).
    double u = s.uniform();
    switch (d.kind) {
    case dist_kind::fixed: return u * d.a;
    case dist_kind::exponential: return sample(d, s);
    case dist_kind::uniform: {
        double v = s.uniform();
        double len = std::sqrt(d.a * d.a + v * (d.b * d.b - d.a * d.a));
        return u * len;
    }
    case dist_kind::gamma: {
        if (d.b <= 0) return u * d.a;
        double shape = (d.a * d.a) / (d.b * d.b);
        return u * gamma_draw(shape + 1, d.a / shape, s);
    }
    case dist_kind::lognormal: {
        if (d.b <= 0) return u * d.a;
        double mu, sigma;
        lognormal_params(d.a, d.b, mu, sigma);
        return u * std::exp(normal_draw(mu + sigma * sigma, sigma, s));
    }
    case dist_kind::triangular:
    case dist_kind::normal: {
        // Rejection from D with acceptance x / bound.
        double bound = d.kind == dist_kind::triangular ? d.b : d.a + 8 * d.b;
        if (bound <= 0) return 0.0;
        for (int i = 0; i < 100000; ++i) {
            double x = std::min(sample(d, s), bound);
            if (s.uniform() * bound <= x) return u * x;
        }
        return u * mean_of(d);
    }
    }
    return 0.0;
}

double sample_param(const param_distribution& d, stream& s) { return param_quantile(d, s.uniform()); }

stream param_stream(std::uint64_t seed, std::uint64_t replication, const std::string& path) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char ch : path) {
        h ^= ch;
        h *= 1099511628211ull;
    }
    return stream(seed, replication, (1ull << 63) | (3ull << 56) | (h >> 8), 5, 0);
}

}  // namespace hemsim
