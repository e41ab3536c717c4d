// Aggregation over replications into typed tables: per alternative, per year
// (and over the whole horizon), per metric of an entity. Writers name the rows
// (yearly.csv's "person_days:stodboende") from the table's names; nothing here
// or downstream looks a row up by a string.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "model/model.hpp"
#include "results/runner.hpp"
#include "results/statistics.hpp"

namespace hemsim {

/// What a row of the yearly table measures.
enum class metric : std::uint8_t {
    cost_total,        // every category, payer and placement
    cost_category,     // entity: the category
    diff_vs_baseline,  // cost_total minus the nollalternativ's, paired by replication
    person_days,       // entity: a non-terminal placement
    exits,             // entity: a terminal placement
    wait_mean_days,    // entity: a queue; over those who left it that year
    queue_mean,        // entity: a queue; time-average length
    queue_end,         // entity: a queue; length at the end of the year
    offers_lost,       // entity: a supply
    indicator,         // entity: an indicator
    rule_moves,        // entity: a placement with rules
    rule_breaches,     // entity: a placement with rules
    gave_up,           // entity: a waiting list with give_up_after; clients who gave up waiting
};

/// The year of a row: a period of the calendar (0 .. Y-1), or the whole horizon.
inline constexpr std::size_t whole_horizon = static_cast<std::size_t>(-1);

/// The label of the whole-horizon rows in the files.
inline constexpr const char* total_year = "total";

/// What names the rows of a run's tables: the alternatives, the years, and each
/// alternative's entities (its layout).
struct result_names {
    std::vector<std::string> alternatives;  // ids, scenario order
    std::vector<int> years;                 // calendar year of each period
    std::vector<result_layout> layouts;     // per alternative

    /// "2008", or "total" for the whole horizon.
    std::string year_label(std::size_t year) const;
};

struct metric_row {
    std::size_t alternative = 0;  // scenario order
    std::size_t year = 0;         // period index, or whole_horizon
    metric kind = metric::cost_total;
    index_t entity = no_index;  // the category, placement, queue, supply or indicator; no_index for none
    sample_summary s;
};

/// The rows of yearly.csv and the printed tables, in a fixed order:
/// alternatives as in the scenario, then years in order then the whole
/// horizon, then metrics. Rows with no defined value are left out.
class result_table {
public:
    result_table() = default;
    result_table(result_names names, std::vector<metric_row> rows);

    const result_names& names() const { return names_; }
    const std::vector<metric_row>& rows() const { return rows_; }
    /// The row, or nullptr when it is not defined (nobody left a queue, say).
    const metric_row* find(std::size_t alternative, std::size_t year, metric kind,
                           index_t entity = no_index) const;
    /// yearly.csv's name of the row's metric: "cost_total", "cost_staff", "person_days:stodboende", ...
    std::string metric_name(const metric_row& r) const;

private:
    result_names names_;
    std::vector<metric_row> rows_;
    std::map<std::tuple<std::size_t, std::size_t, metric, index_t>, std::size_t> index_;
};

/// The names of a run's tables.
result_names names_of(const scenario& sc, const scenario_result& res);

/// Replication r of every alternative, in the scenario's order: what the
/// builders below take, one replication at a time.
using replication_set = std::vector<const replication_result*>;

/// Gives a builder every replication of a run held in memory, in order.
template <class Builder>
void feed(const scenario_result& res, Builder& b) {
    const std::size_t R = res.alts.empty() ? 0 : res.alts[0].reps.size();
    replication_set set(res.alts.size());
    for (std::size_t r = 0; r < R; ++r) {
        for (std::size_t a = 0; a < res.alts.size(); ++a) set[a] = &res.alts[a].reps[r];
        b.add(set);
    }
}

/// Rows laid out before the replications come, each a value of a replication
/// set summarised as the sets come: what the builders below are made of.
/// `Key` is a table's row type with a sample_summary `s`, filled by summaries().
template <class Key>
class streamed_rows {
public:
    using value_fn = std::function<double(const replication_set&)>;

    /// A row; `cap` as sample_accumulator's (0: exact percentiles at any size, for
    /// the headline numbers).
    void push(Key key, quantity_kind kind, value_fn value, std::size_t cap = sample_cap) {
        rows_.push_back({std::move(key), kind, std::move(value), sample_accumulator(cap)});
    }
    void add(const replication_set& rep) {
        for (row& r : rows_) r.acc.add(r.value(rep));
    }
    /// The rows with their summaries, in the order pushed, without those `skip` refuses.
    template <class Skip>
    std::vector<Key> summaries(Skip skip) const {
        std::vector<Key> out;
        for (const row& r : rows_) {
            if (skip(r.key, r.acc)) continue;
            out.push_back(r.key);
            out.back().s = r.acc.summary(r.kind);
        }
        return out;
    }
    /// The rows with a defined value in some replication.
    std::vector<Key> summaries() const {
        return summaries([](const Key&, const sample_accumulator& a) { return a.count() == 0; });
    }

private:
    struct row {
        Key key;
        quantity_kind kind;
        value_fn value;
        sample_accumulator acc;
    };
    std::vector<row> rows_;
};

/// The metric rows of a run (yearly.csv), built replication by replication in
/// replication order without holding the replications.
class yearly_builder {
public:
    yearly_builder(const scenario& sc, result_names names, const calendar& cal);
    yearly_builder(const yearly_builder&) = delete;  // the rows point into names_
    yearly_builder& operator=(const yearly_builder&) = delete;
    void add(const replication_set& rep) { rows_.add(rep); }
    result_table finish() const { return result_table(names_, rows_.summaries()); }

private:
    result_names names_;
    streamed_rows<metric_row> rows_;
};

/// Every metric row of a run.
result_table yearly_table(const scenario& sc, const scenario_result& res);

/// A cell of the cost ledger summarised over replications.
struct ledger_row {
    std::size_t alternative = 0, year = 0;  // year: period index or whole_horizon
    std::size_t category = 0, payer = 0;    // in the alternative's layout
    std::size_t placement = 0;  // in the layout; layout.placements.size() for none (staff, project)
    sample_summary s;
};

/// The cost ledger by (alternative, year, category, payer, placement),
/// summarised over replications; cells that are zero in every replication are left out.
struct ledger_table {
    result_names names;
    std::vector<ledger_row> rows;
};
/// The ledger's rows built replication by replication (as yearly_builder).
class ledger_builder {
public:
    explicit ledger_builder(result_names names);
    ledger_builder(const ledger_builder&) = delete;  // the rows point into names_
    ledger_builder& operator=(const ledger_builder&) = delete;
    void add(const replication_set& rep) { rows_.add(rep); }
    ledger_table finish() const;

private:
    result_names names_;
    streamed_rows<ledger_row> rows_;
};
ledger_table ledger_rows(const scenario& sc, const scenario_result& res);

/// What a run's files need of every replication besides the summaries: the
/// events processed, the most clients present at once and each replication's
/// drawn inputs (manifest.json lists them); add() checks that every client is
/// accounted for (as check_conservation).
struct run_totals {
    run_totals() = default;
    explicit run_totals(const scenario& sc);
    void add(const replication_set& rep);

    const scenario* sc = nullptr;
    std::size_t replications = 0;
    std::uint64_t events = 0, peak_present = 0;
    std::vector<std::vector<std::vector<double>>> draws;  // [alternative][uncertain input][replication]
};

/// Checks initial + arrivals = present + exits in every replication; throws
/// std::logic_error naming the alternative and replication when it fails.
void check_conservation(const scenario& sc, const scenario_result& res);

}  // namespace hemsim
