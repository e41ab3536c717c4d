// The observer that turns the engine's events into one replication's results:
// person-days and costs integrated exactly between events and split at year
// boundaries and price changes, queue statistics, exits and lost offers.
#pragma once

#include <memory>

#include "engine/calendar.hpp"
#include "engine/observer.hpp"
#include "model/model.hpp"
#include "results/replication.hpp"

namespace hemsim {

/// The layout of an alternative's results (categories, payers, names, years).
result_layout make_layout(const scenario& sc, const alternative& alt, const calendar& cal);

/// A cost rate over time: per day (prices per dygn), or per year (monthly
/// prices x 12, annual amounts), spread over each calendar year's own days so
/// that a whole calendar year costs exactly 12 months, leap year or not.
struct cost_rate {
    timeline value;
    bool per_year = false;
    /// The integral of the rate's value over [t0, t1]: SEK for a daily rate,
    /// SEK x days for an annual one (divide by the year's days; kept apart so
    /// that whole days at whole-krona prices sum exactly).
    double integral(double t0, double t1) const { return value.integral(t0, t1); }
};

class recorder final : public observer {
public:
    /// Statistics before `warmup_days` are discarded.
    recorder(const model& m, const result_layout& layout, const calendar& cal, double warmup_days);
    ~recorder() override;

    void entered(double t, index_t placement, std::uint64_t attrs, std::uint64_t client) override;
    void left(double t, index_t placement, std::uint64_t attrs, std::uint64_t client) override;
    void moved(double t, index_t transition, std::uint64_t attrs) override;
    void rule(double t, index_t placement, rule_event what, std::uint64_t client) override;
    void queue_abandoned(double t, index_t queue) override;
    void created(double t, bool initial) override;
    void exited(double t, index_t placement) override;
    void queue_joined(double t, index_t queue) override;
    void queue_left(double t, index_t queue, double wait_days) override;
    void offer_made(double t, index_t supply) override;
    void offer_lost(double t, index_t supply) override;

    /// Closes every running integral at the horizon and returns the tables.
    replication_result finish(const flow_counts& flows);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// Adds the costs that do not depend on the flows: staff FTE over time and the
/// alternative's project costs.
void add_fixed_costs(const alternative& alt, const result_layout& layout, const calendar& cal,
                     double warmup_days, replication_result& r);

}  // namespace hemsim
