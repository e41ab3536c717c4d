// Human-readable tables for the terminal and for pasting into applications:
// Swedish by default (decimal comma, space as thousands separator), English
// on request.
#pragma once

#include <string>
#include <vector>

#include "model/model.hpp"
#include "report/text.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"

namespace hemsim {

/// The run summary: per alternative and year, total cost in tkr with the 95 %
/// CI of its mean, and the paired difference against the nollalternativ with
/// the CI of its mean and its spread over the futures (p05–p95).
std::string run_table(const scenario& sc, const scenario_result& res, const result_table& table,
                      language lang);

/// An alternative's name as printed, the nollalternativ marked as such once
/// ("Nollalternativ", not "Nollalternativ (nollalternativ)").
std::string display_name(const alternative& alt, language lang);
std::string display_name(const std::string& name, bool baseline, language lang);

}  // namespace hemsim
