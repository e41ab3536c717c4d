// Warnings about a run's results that a steering group would catch: waiting
// lists nobody can leave, a nollalternativ that does not stand still, offers
// lost, a difference that rests on the last year. `run` prints them and the
// manifest records them (docs/statistics.md, "Warnings").
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"
#include "results/runner.hpp"

namespace hemsim {

enum class warning_kind {
    queue_never_served,    // clients wait at the horizon for what will never come
    baseline_trend,        // the nollalternativ's clients present grow or shrink steadily
    offers_lost,           // a supply's offers found nobody eligible, above lost_offer_share
    last_year_difference,  // the difference over the horizon falls mostly in its last year
};

/// What makes a waiting list unservable at the horizon.
enum class blocked_by { supply_rate_zero, staff_without_slots, room_never_freed };

/// Offers lost above this share of those made give a warning.
inline constexpr double lost_offer_share = 0.10;
/// A nollalternativ whose clients present change by more than this share of
/// their mean over the horizon (and by at least one client) gives a warning.
inline constexpr double baseline_trend_share = 0.10;
/// A difference whose last calendar year holds more than this share gives a warning.
inline constexpr double last_year_share = 0.75;

struct run_warning {
    warning_kind kind = warning_kind::queue_never_served;
    std::string alternative;  // id
    std::string subject;      // the queue or supply id; "" for the others
    blocked_by blocked = blocked_by::supply_rate_zero;
    std::string blocker;  // the supply, staff pool or placement that blocks
    // queue_never_served: value = clients waiting at the horizon (mean over the futures).
    // baseline_trend: value = change a year, low/high = mean clients present in the first and the last month.
    // offers_lost: value = share lost, low = offers lost a year, high = offers made a year.
    // last_year_difference: value = the last year's share, year = that year, low/high = its and the horizon's
    // difference.
    double value = 0, low = 0, high = 0;
    int year = 0;
};

/// Every warning of a run, in a fixed order (alternatives as in the scenario).
/// The warnings of a run built replication by replication (as yearly_builder):
/// sums over the replications, in replication order.
class warnings_builder {
public:
    warnings_builder(const scenario& sc, std::vector<result_layout> layouts, const calendar& cal);
    void add(const std::vector<const replication_result*>& rep);  // a replication_set (summary.hpp)
    std::vector<run_warning> finish() const;

private:
    struct alt_sums {
        std::vector<double> queue_end;   // per queue: length at the horizon
        std::vector<double> present;     // per month: person-days present
        std::vector<double> lost, made;  // per (supply, year): offers
        double last = 0, total = 0;      // the difference against the nollalternativ: last year, every year
    };
    const scenario* sc_;
    calendar cal_;
    std::vector<result_layout> layouts_;
    std::vector<alt_sums> sums_;
    std::size_t n_ = 0;
};

std::vector<run_warning> run_warnings(const scenario& sc, const scenario_result& res);

/// A short name for the kind, for the manifest ("queue_never_served", ...).
const char* warning_id(warning_kind kind);

}  // namespace hemsim
