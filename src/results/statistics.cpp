#include "results/statistics.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace hemsim {

double t_critical(double confidence, std::size_t df) {
    boost::math::students_t t(static_cast<double>(df));
    return boost::math::quantile(boost::math::complement(t, (1 - confidence) / 2));
}

double quantile_sorted(const std::vector<double>& s, double q) {
    if (s.empty()) return std::nan("");
    double h = (static_cast<double>(s.size()) - 1) * q;
    auto lo = static_cast<std::size_t>(std::floor(h));
    std::size_t hi = std::min(lo + 1, s.size() - 1);
    return s[lo] + (h - static_cast<double>(lo)) * (s[hi] - s[lo]);
}

void sample_accumulator::add(double x) {
    ++added_;
    if (std::isnan(x)) return;
    // Welford's update: stable for large sums of kronor.
    ++n_;
    const double d = x - mean_;
    mean_ += d / static_cast<double>(n_);
    m2_ += d * (x - mean_);
    nonzero_ = nonzero_ || x != 0;
    if ((n_ - 1) % stride_ != 0) return;
    if (cap_ != 0 && values_.size() == cap_) {
        // Every other value kept goes: those of the numbers that are odd multiples of the stride.
        for (std::size_t i = 0; 2 * i < values_.size(); ++i) values_[i] = values_[2 * i];
        values_.resize((values_.size() + 1) / 2);
        stride_ *= 2;
        if ((n_ - 1) % stride_ != 0) return;
    }
    values_.push_back(x);
}

sample_summary sample_accumulator::summary(quantity_kind kind, double confidence) const {
    sample_summary r;
    r.n = n_;
    if (r.n == 0) {
        r.mean = r.sd = r.ci_low = r.ci_high = r.p05 = r.p50 = r.p95 = std::nan("");
        return r;
    }
    r.mean = mean_;
    r.sd = r.n > 1 ? std::sqrt(m2_ / static_cast<double>(r.n - 1)) : 0.0;
    const double half =
        r.n > 1 ? t_critical(confidence, r.n - 1) * r.sd / std::sqrt(static_cast<double>(r.n)) : 0.0;
    r.ci_low = mean_ - half;
    r.ci_high = mean_ + half;
    std::vector<double> sorted = values_;
    std::sort(sorted.begin(), sorted.end());
    r.p05 = quantile_sorted(sorted, 0.05);
    r.p50 = quantile_sorted(sorted, 0.50);
    r.p95 = quantile_sorted(sorted, 0.95);
    switch (kind) {
    case quantity_kind::any: break;
    case quantity_kind::non_negative:
        r.ci_low = std::max(0.0, r.ci_low);
        r.ci_high = std::max(0.0, r.ci_high);
        break;
    case quantity_kind::share:
        wilson_interval(r.mean * static_cast<double>(r.n), static_cast<double>(r.n), confidence, r.ci_low,
                        r.ci_high);
        break;
    }
    return r;
}

sample_summary summarize(std::vector<double> xs, double confidence) {
    return summarize(std::move(xs), quantity_kind::any, confidence);
}

void wilson_interval(double k, double n, double confidence, double& low, double& high) {
    if (!(n > 0)) {
        low = 0;
        high = 1;
        return;
    }
    const double z =
        boost::math::quantile(boost::math::complement(boost::math::normal(), (1 - confidence) / 2));
    const double p = k / n, z2n = z * z / n;
    const double centre = (p + z2n / 2) / (1 + z2n);
    const double half = z / (1 + z2n) * std::sqrt(p * (1 - p) / n + z2n / (4 * n));
    low = std::max(0.0, centre - half);
    high = std::min(1.0, centre + half);
    // At the ends the interval contains the estimate exactly.
    if (k == 0) low = 0;
    if (k == n) high = 1;
}

sample_summary summarize(std::vector<double> xs, quantity_kind kind, double confidence) {
    sample_accumulator acc(0);  // every value: exact
    for (double x : xs) acc.add(x);
    return acc.summary(kind, confidence);
}

}  // namespace hemsim
