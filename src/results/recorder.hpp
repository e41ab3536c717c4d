// The observer that turns the engine's events into one replication's records:
// person-days integrated exactly between events and split by time cell (months
// cut at price changes), queue statistics, exits and offers. Money is the
// costing pass's (econ/costing.hpp): the engine and the recorder never read a price.
#pragma once

#include <memory>

#include "engine/observer.hpp"
#include "model/calendar.hpp"
#include "model/model.hpp"
#include "results/replication.hpp"

namespace hemsim {

/// The layout of an alternative's results (categories, payers, names, years).
result_layout make_layout(const scenario& sc, const alternative& alt, const calendar& cal);

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
    void gave_up(double t, index_t queue, bool left) override;
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

}  // namespace hemsim
