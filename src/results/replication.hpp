// What one replication of one alternative produced: plain dense tables that
// statistics and reports read. Sizes come from a layout shared by every
// replication of the alternative.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/simulator.hpp"

namespace hemsim {

/// Cost categories every ledger has; attributes may add their own after these.
enum class category : std::uint32_t { placements = 0, social_assistance = 1, staff = 2, project = 3 };
inline constexpr std::uint32_t fixed_categories = 4;
/// The category of the one-off costs on moves (transitions' cost_per_move), added to a
/// layout after the fixed ones when a transition has one.
inline constexpr const char* moves_category = "moves";

/// Names and sizes of an alternative's result tables.
struct result_layout {
    std::vector<int> years;               // calendar year of each period
    std::vector<std::string> categories;  // placements, social_assistance, staff, project, ...
    std::vector<std::string> payers;
    std::vector<std::string> placements;
    std::vector<std::string> queues;  // services, then one per transition
    std::vector<char> queue_active;   // per queue: model::queues()'s active (model::has_waiting_list)
    std::vector<std::string> supplies;
    std::vector<std::string> indicators;
    std::vector<char> has_rules;                           // per placement: a maximum stay or a bar
    std::vector<std::pair<index_t, index_t>> transitions;  // per transition: (from, to) placement
    /// Time cells [cells[c], cells[c+1]): the months, cut where a price or an
    /// attribute's cost changes, so that every rate is constant in a cell.
    std::vector<double> cells;            // size N + 1, days
    std::vector<std::size_t> cell_month;  // the month of each cell
    /// The attribute costs that run in placements: (attribute, placement), attribute
    /// order then cost_in order; the rows of attribute_days.
    std::vector<std::pair<index_t, index_t>> attribute_costs;
    /// The transitions with a cost per move, in model order: the rows of moves_month.
    std::vector<index_t> move_costs;

    std::size_t Y() const { return years.size(); }
    std::size_t C() const { return categories.size(); }
    std::size_t K() const { return payers.size(); }
    /// Placement slots in the ledger: one per placement plus "none" (staff, project).
    std::size_t P1() const { return placements.size() + 1; }
    std::size_t Q() const { return queues.size(); }
    std::size_t S() const { return supplies.size(); }
    std::size_t I() const { return indicators.size(); }
    std::size_t T() const { return transitions.size(); }
    /// Time cells.
    std::size_t N() const { return cell_month.size(); }
    std::size_t ledger_index(std::size_t y, std::size_t c, std::size_t k, std::size_t p) const {
        return ((y * C() + c) * K() + k) * P1() + p;
    }
};

/// One replication's results. Per-year tables are [entity * Y + year]. The
/// simulation records occupancy and events; the costing pass (econ/costing.hpp)
/// turns occupancy and rates into the cost tables.
struct replication_result {
    // Recorded by the simulation:
    std::vector<double> occupancy;       // (placement, cell): person-days
    std::vector<double> attribute_days;  // (attribute cost, cell): days an attribute holds in a placement
    std::vector<double> person_days;     // (placement, year)
    std::vector<double> exits;           // (placement, year): entries into terminal placements
    std::vector<double> wait_sum;        // (queue, year): days waited by those who left the queue
    std::vector<double> wait_n;          // (queue, year): number who left the queue
    std::vector<double> queue_days;      // (queue, year): integral of the queue length
    std::vector<double> queue_end;       // (queue, year): length at the end of the year
    std::vector<double> offers_lost;     // (supply, year)
    std::vector<double> offers;          // (supply, year): offers made, taken or lost
    std::vector<double> indicators;      // (indicator, year)
    std::vector<double> rule_moves;      // (placement, year): clients moved or redirected by a rule
    std::vector<double> gave_up;         // (queue, year): clients who gave up waiting there
    std::vector<double> breaches;        // (placement, year): rules that could not be kept for lack of room
    std::vector<double> present_days_month;  // (month): person-days of every client in the system
    std::vector<double> moves;               // (transition, year): clients who took it
    std::vector<double> moves_month;         // (transition with a cost per move, month): clients who took it
    std::vector<double> queue_days_month;    // (queue, month): integral of the queue length
    flow_counts flows;
    std::vector<double> params;  // the drawn values of the alternative's uncertain parameters

    // Filled by the costing pass:
    std::vector<double> cost;           // ledger: (year, category, payer, placement or none), SEK
    std::vector<double> cost_month;     // (month, payer): total cost, for cash flows and break-even
    std::vector<double> staff_month;    // (month): staff costs, every payer
    std::vector<double> project_month;  // (month): project costs, every payer

    /// Every table the simulation records, in one fixed order (the shard files;
    /// the costs are made again from them).
    std::array<std::vector<double>*, 19> tables() {
        return {&occupancy,  &attribute_days,     &person_days, &exits,  &wait_sum,    &wait_n,
                &queue_days, &queue_end,          &offers_lost, &offers, &indicators,  &rule_moves,
                &breaches,   &present_days_month, &moves,       &params, &moves_month, &queue_days_month,
                &gave_up};
    }
    std::array<const std::vector<double>*, 19> tables() const {
        return {&occupancy,  &attribute_days,     &person_days, &exits,  &wait_sum,    &wait_n,
                &queue_days, &queue_end,          &offers_lost, &offers, &indicators,  &rule_moves,
                &breaches,   &present_days_month, &moves,       &params, &moves_month, &queue_days_month,
                &gave_up};
    }

    /// Total cost in year y (all categories, payers, placements).
    double cost_total(const result_layout& l, std::size_t y) const;
    /// Cost in year y of one category.
    double cost_category(const result_layout& l, std::size_t y, std::size_t c) const;
};

}  // namespace hemsim
