// The analytic cross-check: ignoring capacities and queues, a model's
// transitions form an absorbing semi-Markov chain. Its expectations (days and
// visits per placement, exit probabilities, cost per client) are exact for the
// model without waits, and set beside a simulation they show the cost of the
// queues. Eigen is used only inside this module's .cpp files.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "results/runner.hpp"
#include "results/statistics.hpp"

namespace hemsim {

/// An assumption or warning, in both report languages.
struct analytic_note {
    std::string en, sv;
    bool operator==(const analytic_note&) const = default;
};

/// Expectations for one client entering a placement as a new client of the
/// group (all attributes drawn, no flags; a bar on the placement applies). Vectors are indexed by placement;
/// +infinity where the client may never leave (see `never_exits`).
struct analytic_entry {
    index_t placement = no_index;          // the entry placement (never terminal)
    std::vector<double> visits;            // expected entries into each placement
    std::vector<double> days;              // expected days in each placement (stays, incl. service time)
    std::vector<double> cost_sek;          // expected cost in each placement: price + attribute costs
    std::vector<double> exit_probability;  // per placement: probability of leaving through it (terminal only)
    double never_exits = 0;                // probability of never reaching a terminal placement
    double move_cost_sek =
        0;  // expected one-off costs on moves: sum over transitions of moves x cost_per_move
    double exit_cost_sek = 0;   // expected cost of priced exits with a stated time: P(exit) x price x days
    double total_cost_sek = 0;  // sum of cost_sek, plus move_cost_sek and exit_cost_sek
    double total_days = 0;      // expected days to exit (sum of days)
};

/// The chain of one group of a model, solved for every non-terminal entry placement.
struct analytic_result {
    std::string group;                      // group id
    std::vector<std::string> placements;    // placement ids, model order
    std::vector<char> terminal;             // per placement: an exit
    std::vector<double> price_per_day_sek;  // per placement, as used (first schedule value; month x 12 / 365)
    std::vector<analytic_entry> entries;    // one per non-terminal placement, model order
    std::size_t states = 0;                 // (placement, attributes, flags) states enumerated
    std::size_t transient_states = 0;       // of which lead to an exit and were solved for
    std::vector<analytic_note> notes;       // assumptions and warnings, one sentence each

    /// The entry for a placement, or nullptr when it is terminal or unknown.
    const analytic_entry* entry(index_t placement) const;
};

/// Most attributes (read by a condition or carrying a cost) the chain enumerates.
inline constexpr std::size_t analytic_max_attributes = 16;

/// Solves the chain of group `group` of `m`. States are (placement, attribute
/// values, service flags held); a stay lasts `after` plus each service gate that
/// applies, cut at a maximum stay; bars redirect. Throws std::runtime_error when
/// the model has too many relevant attributes or states, or the group is unknown.
analytic_result analyze(const model& m, index_t group);

/// One analysis with the alternative it belongs to ("" for a bare model).
struct analytic_run {
    std::string alternative;
    analytic_result result;
};

/// Every group of a model, labelled with `alternative`.
std::vector<analytic_run> analyze_model(const model& m, const std::string& alternative = "");

/// Every group of every alternative of a scenario, in scenario order.
std::vector<analytic_run> analyze_scenario(const scenario& sc);

/// One placement in the steady-state comparison (person-days per 365 days).
struct placement_comparison {
    index_t placement = no_index;
    std::string id;
    double analytic_person_days = 0;  // Little's law: sum over arrival streams of rate x days per entrant
    sample_summary simulated;         // person-days in the last simulated year, scaled to 365 days
    double departure_percent = 0;  // (simulated mean - analytic) / analytic x 100; NaN if analytic 0 or inf
    double cost_per_day_sek = 0;   // price plus the analytic mean attribute cost per person-day there
    bool in_total = true;          // reached by arrivals (analytic person-days > 0): counted in the totals
};

/// One alternative: the analytic steady state beside its last simulated year.
struct alternative_comparison {
    std::string alternative;
    int year = 0;                                  // calendar year (label) of the last simulated period
    double period_days = 0;                        // its length in days (figures are scaled to 365 days)
    std::vector<placement_comparison> placements;  // non-terminal placements, model order
    double analytic_person_days = 0;               // over the placements in_total
    sample_summary simulated_person_days;
    double departure_percent = 0;       // of the total; NaN when undefined
    double analytic_cost_sek = 0;       // per year: person-days x cost_per_day_sek
    sample_summary simulated_cost_sek;  // the simulated person-days at the same rates
    sample_summary queue_cost_sek;      // simulated minus analytic, per replication: the cost of queues
    bool significant = false;           // the analytic total lies outside the simulated total's 95 % CI
    bool steady_state_defined = true;   // false when some client may never exit (infinite analytic days)
    std::vector<analytic_note> notes;   // assumptions and warnings
};

/// The comparison of a simulated scenario with the analytic chain.
struct analytic_comparison {
    std::vector<alternative_comparison> alternatives;  // scenario order
};

/// For each alternative: arrivals per year into each placement (first value of
/// each arrival schedule) times the analytic days per entrant gives the steady-
/// state person-days per year (Little's law), set beside the simulated last year.
analytic_comparison compare_with_simulation(const scenario& sc, const scenario_result& res);

}  // namespace hemsim
