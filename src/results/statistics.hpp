// Summaries of a sample over replications: mean with a Student-t confidence
// interval, and percentiles.
#pragma once

#include <cstddef>
#include <vector>

namespace hemsim {

/// Mean, 95 % CI of the mean (Student t, n - 1 degrees of freedom) and the
/// 5th/50th/95th percentiles (linear interpolation between order statistics,
/// as R's type 7). With n = 1 the interval is the point itself.
struct sample_summary {
    std::size_t n = 0;
    double mean = 0, sd = 0, ci_low = 0, ci_high = 0, p05 = 0, p50 = 0, p95 = 0;
};

/// What a summarised quantity can be, which shapes its interval.
enum class quantity_kind {
    any,           // the Student-t interval of the mean
    non_negative,  // costs, days, counts, waits, queue lengths: the t interval cut at 0
    share,         // a share of replications (0/1 samples): the Wilson score interval, within [0, 1]
};

/// Values a sample_accumulator keeps for its percentiles, at most.
inline constexpr std::size_t sample_cap = 1024;

/// A sample taken value by value, in replication order, and summarised at the
/// end. The mean, sd and interval are Welford's update over every value as they
/// come: the same numbers, to the bit, as summarize() over the whole sample in
/// that order. The percentiles are the whole sample's up to `cap` values (the
/// same as summarize() again); beyond, of a systematic subsample: every 2^k-th
/// value, k the least that keeps at most `cap` (between cap/2 and cap values),
/// so that memory stays fixed. Since replications are independent draws, the
/// subsample is a random sample of them; which values it holds depends only on
/// their order, never on threads or shards. NaN values are skipped.
class sample_accumulator {
public:
    /// `cap`: values kept for the percentiles; 0: every value (exact at any size).
    explicit sample_accumulator(std::size_t cap = sample_cap) : cap_(cap) {}
    void add(double x);
    /// Values added, NaN ones included.
    std::size_t added() const { return added_; }
    /// Values added that are not NaN: the summary's n.
    std::size_t count() const { return n_; }
    /// The values kept for the percentiles: every `stride()`-th value that is not NaN.
    std::size_t kept() const { return values_.size(); }
    std::size_t stride() const { return stride_; }
    /// Every value added is 0 (or NaN), or none was added.
    bool all_zero() const { return !nonzero_; }
    sample_summary summary(quantity_kind kind = quantity_kind::any, double confidence = 0.95) const;

private:
    std::size_t cap_;
    std::size_t added_ = 0, n_ = 0, stride_ = 1;
    double mean_ = 0, m2_ = 0;
    std::vector<double> values_;  // the non-NaN values number 0, stride, 2 stride, ...
    bool nonzero_ = false;
};

/// Summarises `xs` (NaN values are skipped: they mark replications where a
/// quantity is undefined, e.g. a mean wait with nobody served).
sample_summary summarize(std::vector<double> xs, double confidence = 0.95);

/// summarize() with the interval of `kind` (docs/statistics.md).
sample_summary summarize(std::vector<double> xs, quantity_kind kind, double confidence = 0.95);

/// The Wilson score interval of a proportion k/n ([0, 1] when n = 0).
void wilson_interval(double k, double n, double confidence, double& low, double& high);

/// Quantile q in [0, 1] of sorted data (type 7).
double quantile_sorted(const std::vector<double>& sorted, double q);

/// Two-sided Student-t critical value for `confidence` and `df` degrees of freedom.
double t_critical(double confidence, std::size_t df);

}  // namespace hemsim
