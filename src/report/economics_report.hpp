// The economics as written and printed: economics.csv, and the summary lines
// at the end of `hemsim run`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "econ/economics.hpp"
#include "report/text.hpp"

namespace hemsim {

/// The payback month by which at least half the futures have paid back (a
/// future that never does counts as later than any month); nullopt when half
/// or more never do. What `run` and the report print.
std::optional<std::size_t> median_breakeven(const std::vector<double>& months);

/// economics.csv: alternative,payer,year,measure,mean,ci_low,ci_high,p05,p50,p95
/// (RFC 4180 quoting, dot decimals, shortest round-trip numbers, empty for NaN).
std::string economics_csv(const econ_table& table);

/// The lines printed at the end of `hemsim run`, per alternative against the
/// nollalternativ: the NPV of the difference with the 95 % CI of its mean and
/// its spread over the futures (p05–p95), the payback month by which half the
/// futures have paid back (date and number), the probability of costing less
/// with its interval, the savings per krona invested, the net cost (or saving)
/// per extra exit, and the same adjusted for deadweight / optimism bias when
/// set. Swedish (decimal comma, space for thousands, tkr/mkr) or English.
std::string economics_summary(const scenario& sc, const scenario_result& res, const econ_options& o,
                              language lang);
/// The same from the comparisons of a run (comparisons()) and its price base year.
std::string economics_summary(const scenario& sc, const std::vector<comparison_samples>& comparisons,
                              int base_year, const calendar& cal, const econ_options& o, language lang);

}  // namespace hemsim
