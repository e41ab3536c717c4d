// The monthly series of a run (monthly.csv): per alternative and calendar month,
// the clients present (in all and per placement, the month's mean), the queues'
// mean lengths, and the cumulative cost and its difference against the
// nollalternativ, each summarised over the futures (mean, interval,
// p05/p50/p95): the data of fan charts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "results/runner.hpp"
#include "results/statistics.hpp"
#include "results/summary.hpp"

namespace hemsim {

/// What a row of monthly.csv measures.
enum class monthly_metric : std::uint8_t {
    present_total,    // clients in the system: the month's person-days / its days
    present,          // entity: a non-terminal placement; the month's mean clients there
    queue_mean,       // entity: a queue with a waiting list; the month's time-average length
    cost_cumulative,  // every cost from the start to the month's end, kr
    diff_cumulative,  // cost_cumulative minus the nollalternativ's, paired by replication
};

struct monthly_row {
    std::size_t alternative = 0;  // scenario order
    std::size_t month = 0;        // index of the calendar's months
    monthly_metric kind = monthly_metric::present_total;
    index_t entity = no_index;  // the placement of `present`
    sample_summary s;
};

struct monthly_table {
    result_names names;
    std::vector<std::string> months;  // "2008-01" for each month of the horizon
    std::vector<monthly_row> rows;    // alternatives, then months, then metrics

    /// monthly.csv's name of the row's metric: "present_total", "present:stodboende", ...
    std::string metric_name(const monthly_row& r) const;
};

/// The monthly rows built replication by replication (as yearly_builder).
class monthly_builder {
public:
    monthly_builder(const scenario& sc, result_names names, const calendar& cal);
    monthly_builder(const monthly_builder&) = delete;  // the rows point into the builder
    monthly_builder& operator=(const monthly_builder&) = delete;
    void add(const replication_set& rep);
    monthly_table finish() const;

private:
    result_names names_;
    std::vector<std::string> months_;
    std::size_t base_ = 0;
    std::vector<std::vector<double>> cumulative_;  // per alternative and month: the set's cumulative cost
    streamed_rows<monthly_row> rows_;
};

/// Every monthly row of a run (costs as the costing pass filled them).
monthly_table monthly_summary(const scenario& sc, const scenario_result& res);

}  // namespace hemsim
