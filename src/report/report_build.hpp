// Building the report model of a case from its run: the figures come from the
// same tables as yearly.csv and economics.csv (so a figure in the report is
// the figure in the files, to the unit shown), the sentences from the message
// catalogue in the report's language.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/analysis.hpp"
#include "econ/economics.hpp"
#include "model/model.hpp"
#include "report/report_model.hpp"
#include "results/runner.hpp"

namespace hemsim {

/// What a report is made of besides the run itself.
struct report_request {
    econ_options econ;
    language lang = language::sv;
    std::vector<tornado_row> tornado;         // one_way_sensitivity's rows (may be empty)
    std::optional<sweep_result> sweep;        // when asked
    std::vector<switching_result> switching;  // when asked
    std::string command_line;
};

/// The report model of a costed run of `sc`.
report_model build_report(const scenario& sc, const scenario_result& res, const report_request& rq);

/// The bridge from the nollalternativ's static sum to its simulated cost a year
/// (the mean over the horizon): the sum, then one line per placement (its
/// simulated cost against the sum's lines for it), the costs outside
/// placements, staff and project costs against the sum's lines of theirs. Each
/// line rounded to whole kronor so that the lines add up to the rounded
/// simulated figure exactly (largest remainders).
report_bridge build_bridge(const scenario& sc, const scenario_result& res, language lang);

/// Rounds `raw` to whole numbers whose sum is round(sum of raw), moving the
/// rounding of the lines with the largest remainders (Hamilton's method).
std::vector<double> round_to_total(const std::vector<double>& raw);

}  // namespace hemsim
