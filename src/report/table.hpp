// Human-readable tables for the terminal and for pasting into applications:
// Swedish by default (decimal comma, space as thousands separator), English
// on request.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"

namespace hemsim {

enum class language { sv, en };

/// `x` with `decimals` decimals, grouped in thousands: "12 345,6" (sv) or "12,345.6" (en).
std::string format_number(double x, int decimals, language lang);

/// The run summary: per alternative and year, total cost in tkr with its 95 %
/// CI, and the paired difference against the nollalternativ.
std::string run_table(const scenario& sc, const scenario_result& res, const std::vector<metric_row>& rows,
                      language lang);

}  // namespace hemsim
