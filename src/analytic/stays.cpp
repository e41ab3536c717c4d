#include "analytic/stays.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "model/distribution.hpp"

namespace hemsim::analytic_detail {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

}  // namespace

// 1 - Phi(z), the standard normal upper tail.
double upper_tail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

double normal_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi); }

// The regularized lower incomplete gamma function P(s, x) (series below s + 1,
// continued fraction above; Numerical Recipes' gser/gcf).
double gamma_p(double s, double x) {
    if (x <= 0) return 0.0;
    const double log_front = s * std::log(x) - x - std::lgamma(s);
    if (x < s + 1) {
        double term = 1.0 / s, sum = term;
        for (int n = 1; n < 10000 && std::fabs(term) > std::fabs(sum) * 1e-16; ++n) {
            term *= x / (s + n);
            sum += term;
        }
        return std::min(1.0, sum * std::exp(log_front));
    }
    const double small = 1e-300;
    double b = x + 1 - s, c = 1 / small, d = 1 / b, h = d;
    for (int i = 1; i < 10000; ++i) {
        const double an = -i * (i - s);
        b += 2;
        d = an * d + b;
        if (std::fabs(d) < small) d = small;
        c = b + an / c;
        if (std::fabs(c) < small) c = small;
        d = 1 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1) < 1e-16) break;
    }
    return std::max(0.0, 1.0 - std::exp(log_front) * h);
}

// A distribution as the simulator samples it; degenerate parameters become a fixed value.
distribution as_sampled(const distribution& d) {
    auto fixed = [](double v) { return distribution{dist_kind::fixed, v, 0, 0}; };
    switch (d.kind) {
    case dist_kind::fixed: return d;
    case dist_kind::exponential: return d.a > 0 ? d : fixed(0);
    case dist_kind::uniform: return d.b > d.a ? d : fixed(d.a);
    case dist_kind::triangular: return d.b > d.a ? d : fixed(d.a);
    case dist_kind::normal: return d.b > 0 ? d : fixed(std::max(0.0, d.a));
    case dist_kind::lognormal:
    case dist_kind::gamma: return d.b > 0 && d.a > 0 ? d : fixed(d.a);
    }
    return d;
}

// P(D <= x) for x >= 0 (a fixed value counts as reached at x itself).
double cdf(const distribution& raw, double x) {
    const distribution d = as_sampled(raw);
    if (x < 0) return 0.0;
    switch (d.kind) {
    case dist_kind::fixed: return d.a <= x ? 1.0 : 0.0;
    case dist_kind::exponential: return -std::expm1(-x / d.a);
    case dist_kind::uniform: return std::clamp((x - d.a) / (d.b - d.a), 0.0, 1.0);
    case dist_kind::triangular: {
        const double a = d.a, b = d.b, c = d.c;
        if (x <= a) return 0.0;
        if (x >= b) return 1.0;
        if (x <= c) return (x - a) * (x - a) / ((b - a) * (c - a));
        return 1.0 - (b - x) * (b - x) / ((b - a) * (b - c));
    }
    case dist_kind::normal: {
        const double tail0 = upper_tail(-d.a / d.b);
        return 1.0 - upper_tail((x - d.a) / d.b) / tail0;
    }
    case dist_kind::lognormal: {
        if (x <= 0) return 0.0;
        const double s2 = std::log1p(d.b * d.b / (d.a * d.a)), sigma = std::sqrt(s2);
        const double mu = std::log(d.a) - s2 / 2;
        return 1.0 - upper_tail((std::log(x) - mu) / sigma);
    }
    case dist_kind::gamma: {
        const double shape = d.a * d.a / (d.b * d.b);
        return gamma_p(shape, x * shape / d.a);
    }
    }
    return 0.0;
}

// E[min(D, m)] for m > 0, in closed form for every kind.
double mean_min(const distribution& raw, double m) {
    const distribution d = as_sampled(raw);
    switch (d.kind) {
    case dist_kind::fixed: return std::min(d.a, m);
    case dist_kind::exponential: return -d.a * std::expm1(-m / d.a);
    case dist_kind::uniform: {
        // m minus the integral of the CDF over [0, m].
        const double a = d.a, b = d.b;
        if (m <= a) return m;
        if (m <= b) return m - (m - a) * (m - a) / (2 * (b - a));
        return m - (b - a) / 2 - (m - b);
    }
    case dist_kind::triangular: {
        const double a = d.a, b = d.b, c = d.c;
        if (m <= a) return m;
        const double y = std::min(m, b);
        double integral;  // of the CDF over [a, y]
        if (y <= c) {
            integral = (y - a) * (y - a) * (y - a) / (3 * (b - a) * (c - a));
        } else {
            integral = (c - a) * (c - a) / (3 * (b - a)) + (y - c) -
                       ((b - c) * (b - c) * (b - c) - (b - y) * (b - y) * (b - y)) / (3 * (b - a) * (b - c));
        }
        return m - integral - (m - y);
    }
    case dist_kind::normal: {
        // sigma (G(alpha) - G(beta)) / (1 - Phi(alpha)), G(z) = phi(z) - z (1 - Phi(z)).
        auto g = [](double z) { return normal_pdf(z) - z * upper_tail(z); };
        const double alpha = -d.a / d.b, beta = (m - d.a) / d.b;
        return d.b * (g(alpha) - g(beta)) / upper_tail(alpha);
    }
    case dist_kind::lognormal: {
        const double s2 = std::log1p(d.b * d.b / (d.a * d.a)), sigma = std::sqrt(s2);
        const double mu = std::log(d.a) - s2 / 2;
        // E[D; D < m] + m P(D >= m).
        return d.a * (1.0 - upper_tail((std::log(m) - mu - s2) / sigma)) +
               m * upper_tail((std::log(m) - mu) / sigma);
    }
    case dist_kind::gamma: {
        const double shape = d.a * d.a / (d.b * d.b), x = m * shape / d.a;
        return d.a * gamma_p(shape + 1, x) + m * (1.0 - gamma_p(shape, x));
    }
    }
    return 0.0;
}

cut_stay cut(const std::vector<distribution>& phases, double m) {
    cut_stay out;
    const std::size_t k = phases.size() - 1;
    out.stopped.assign(k + 1, 0.0);
    if (k == 0) {
        // The rule's event comes first at a tie: a stay of exactly m is moved.
        const double reach =
            1.0 - (phases[0].kind == dist_kind::fixed ? (phases[0].a < m ? 1.0 : 0.0) : cdf(phases[0], m));
        out.mean_days = mean_min(phases[0], m);
        out.stopped[0] = reach;
        out.completed = 1.0 - reach;
        return out;
    }
    // Several phases: the law of the partial sums on a grid of step h (each
    // phase rounded to the nearest step), exact enough for expectations.
    const int n = cut_grid_steps;
    const double h = m / n;
    auto pmf = [&](const distribution& d) {
        std::vector<double> w(static_cast<std::size_t>(n) + 1);
        double prev = 0;
        for (int i = 0; i <= n; ++i) {
            const double up = cdf(d, (i + 0.5) * h);
            w[static_cast<std::size_t>(i)] = up - prev;
            prev = up;
        }
        return w;
    };
    std::vector<double> sum = pmf(phases[0]);
    // Reached by the limit: the mass below m, half the mass at m (a tie is rounding).
    auto reached = [&](const std::vector<double>& w) {
        double r = 0;
        for (int i = 0; i < n; ++i) r += w[static_cast<std::size_t>(i)];
        return r + 0.5 * w[static_cast<std::size_t>(n)];
    };
    std::vector<double> reach(k + 1);
    reach[0] = reached(sum);
    for (std::size_t j = 1; j <= k; ++j) {
        const std::vector<double> w = pmf(phases[j]);
        std::vector<double> next(static_cast<std::size_t>(n) + 1, 0.0);
        for (int i = 0; i <= n; ++i) {
            const double si = sum[static_cast<std::size_t>(i)];
            if (si == 0) continue;
            for (int q = 0; i + q <= n; ++q)
                next[static_cast<std::size_t>(i + q)] += si * w[static_cast<std::size_t>(q)];
        }
        sum = std::move(next);
        reach[j] = reached(sum);
    }
    // Moved with the after phase unfinished or with j services done.
    out.stopped[0] = 1.0 - reach[1];
    for (std::size_t j = 1; j < k; ++j) out.stopped[j] = reach[j] - reach[j + 1];
    out.stopped[k] = 0.0;  // all services done means the stay was complete
    out.completed = reach[k];
    double mean = 0;
    for (int i = 0; i < n; ++i) mean += sum[static_cast<std::size_t>(i)] * i * h;
    mean += 0.5 * sum[static_cast<std::size_t>(n)] * m + (1.0 - reach[k]) * m;
    out.mean_days = mean;
    return out;
}

}  // namespace hemsim::analytic_detail
