#include "model/distribution.hpp"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

namespace hemsim {

void lognormal_params(double mean, double sd, double& mu, double& sigma) {
    double s2 = std::log1p((sd * sd) / (mean * mean));
    sigma = std::sqrt(s2);
    mu = std::log(mean) - s2 / 2;
}

namespace {

double beta_alpha(double mean, double sd) { return mean * (mean * (1 - mean) / (sd * sd) - 1); }
double beta_beta(double mean, double sd) { return (1 - mean) * (mean * (1 - mean) / (sd * sd) - 1); }

}  // namespace

double param_quantile(const param_distribution& d, double q) {
    switch (d.kind) {
    case param_kind::uniform: return d.a + (d.b - d.a) * q;
    case param_kind::triangular: {
        double a = d.a, b = d.b, c = d.c;
        if (b <= a) return a;
        double f = (c - a) / (b - a);
        return q < f ? a + std::sqrt(q * (b - a) * (c - a)) : b - std::sqrt((1 - q) * (b - a) * (b - c));
    }
    case param_kind::normal:
        if (d.b <= 0) return d.a;
        return std::max(0.0, boost::math::quantile(boost::math::normal_distribution<double>(d.a, d.b), q));
    case param_kind::lognormal: {
        if (d.b <= 0) return d.a;
        double mu, sigma;
        lognormal_params(d.a, d.b, mu, sigma);
        return boost::math::quantile(boost::math::lognormal_distribution<double>(mu, sigma), q);
    }
    case param_kind::gamma: {
        if (d.b <= 0) return d.a;
        double shape = (d.a * d.a) / (d.b * d.b);
        return boost::math::quantile(boost::math::gamma_distribution<double>(shape, d.a / shape), q);
    }
    case param_kind::beta:
        if (d.b <= 0) return d.a;
        return boost::math::quantile(
            boost::math::beta_distribution<double>(beta_alpha(d.a, d.b), beta_beta(d.a, d.b)), q);
    }
    return d.a;
}

double mean_of(const distribution& d) {
    switch (d.kind) {
    case dist_kind::fixed: return d.a;
    case dist_kind::exponential: return d.a;
    case dist_kind::uniform: return (d.a + d.b) / 2;
    case dist_kind::triangular: return (d.a + d.b + d.c) / 3;
    case dist_kind::normal: {
        if (d.b <= 0) return std::max(0.0, d.a);
        // Normal truncated below at 0: mu + sigma * phi(alpha) / (1 - Phi(alpha)), alpha = -mu/sigma.
        boost::math::normal_distribution<double> z;
        double alpha = -d.a / d.b;
        return d.a + d.b * boost::math::pdf(z, alpha) / boost::math::cdf(boost::math::complement(z, alpha));
    }
    case dist_kind::lognormal: return d.a;
    case dist_kind::gamma: return d.a;
    }
    return 0.0;
}

double variance_of(const distribution& d) {
    switch (d.kind) {
    case dist_kind::fixed: return 0.0;
    case dist_kind::exponential: return d.a * d.a;
    case dist_kind::uniform: return (d.b - d.a) * (d.b - d.a) / 12;
    case dist_kind::triangular: {
        double a = d.a, b = d.b, c = d.c;
        return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case dist_kind::normal: {
        if (d.b <= 0) return 0.0;
        boost::math::normal_distribution<double> z;
        double alpha = -d.a / d.b;
        double lambda = boost::math::pdf(z, alpha) / boost::math::cdf(boost::math::complement(z, alpha));
        return d.b * d.b * (1 + alpha * lambda - lambda * lambda);
    }
    case dist_kind::lognormal: return d.b * d.b;
    case dist_kind::gamma: return d.b * d.b;
    }
    return 0.0;
}

}  // namespace hemsim
