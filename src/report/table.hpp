// Human-readable tables for the terminal and for pasting into applications:
// Swedish by default (decimal comma, space as thousands separator), English
// on request.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"
#include "results/text.hpp"

namespace hemsim {

/// The run summary: per alternative and year, total cost in tkr with its 95 %
/// CI, and the paired difference against the nollalternativ.
std::string run_table(const scenario& sc, const scenario_result& res, const std::vector<metric_row>& rows,
                      language lang);

}  // namespace hemsim
