// The static sum as a table for the application (Swedish by default) and as
// calc.csv; and the line `run` prints beside each simulated year.
#pragma once

#include <string>

#include "econ/calc.hpp"
#include "report/table.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"

namespace hemsim {

/// calc.csv: alternative,item,quantity,unit_price_sek,months,amount_sek
/// (unit_price_sek per month, so that amount = quantity x unit price x months).
std::string calc_csv(const calc_result& c);

/// An amount in kr and in the seed's units: "9 900 000 kr (9,9 mkr)".
std::string kr_and_units(double sek, const std::string& units, language lang);

/// The static sum: line items, totals, differences, switching values.
std::string calc_table(const scenario& sc, const calc_result& c, language lang);

/// Per alternative: the static sum (the one `calc` prints) beside the simulated
/// mean of each year, and one line on what makes them differ.
std::string calc_beside_run(const scenario& sc, const calc_result& c, const result_table& table,
                            language lang);

}  // namespace hemsim
