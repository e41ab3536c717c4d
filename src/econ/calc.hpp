// The application's own static sum ("hemsim calc"): for each alternative, its
// line items (stock x price x months, staff FTE x annual cost, project cost
// lines) and their annual total, and each alternative's difference against
// the nollalternativ. Reproduces the seeds' figures to the krona.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/calendar.hpp"
#include "model/model.hpp"

namespace hemsim {

/// One line of the static sum. amount = quantity x unit_price_per_month x months.
struct calc_item {
    std::string item;
    double quantity = 0;        // persons, FTE, or 1 for a project line
    double unit_price_sek = 0;  // as written: per month, per dygn or per year
    calc_unit unit = calc_unit::month;
    double periods = 12;  // months, days or years as written
    double amount_sek = 0;
    bool project = false;  // a project cost line
    bool one_off = false;
    index_t placement = no_index;  // the stock's placement, when the line is one
    std::string note;

    /// The price per month that gives amount = quantity x price x months (calc.csv's unit_price_sek).
    double unit_price_per_month() const;
    /// Months the line covers (days / (365/12) for dygn lines, 12 per year, 1 for a one-off).
    double months() const;
};

struct calc_alternative {
    std::string id, name;
    bool baseline = false;
    /// The alternative has calc lines of its own: only then is there a sum. Its
    /// project lines alone are not the application's sum (the stock's cost would
    /// silently count as saved).
    bool has_sum = false;
    std::vector<calc_item> items;
    double total_sek = 0;  // when has_sum
    /// Total minus the nollalternativ's total, when both have a sum.
    std::optional<double> diff_sek;
    std::string note;  // the alternative's calc_note
    // Switching value (for an alternative that costs more than the nollalternativ):
    // the placement days a year that must disappear for it to pay for itself,
    // at the day-weighted average price of the nollalternativ's stock.
    double average_price_per_day_sek = 0;
    double switching_days = 0;
};

struct calc_result {
    std::string title;
    std::vector<calc_alternative> alts;
};

/// The static sum of every alternative of a scenario: one figure a year per
/// alternative, the one `calc` prints and `run` sets beside the simulation.
calc_result static_sum(const scenario& sc);

}  // namespace hemsim
