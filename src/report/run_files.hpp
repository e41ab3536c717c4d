// The files of a run, as every front end writes them (the command line and the
// web page): yearly.csv, ledger.csv, economics.csv, the report's files when
// asked, and manifest.json naming them all.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/analysis.hpp"
#include "app/stream.hpp"
#include "report/report_build.hpp"
#include "report/report_files.hpp"

namespace hemsim {

/// What a report runs besides the case: the tornado (when the case has uncertain
/// inputs), a heat map over one or two axes, switching values (PATH in [lo, hi]).
struct report_plan {
    bool sensitivity = true;
    std::vector<sweep_axis> axes;
    struct switching {
        std::string path;
        double lo = 0, hi = 0;
    };
    std::vector<switching> switching_values;
};

/// Runs the analyses of `plan` (for the first project alternative) into a report request.
report_request plan_report(const scenario& sc, const run_options& opts, const econ_options& econ,
                           language lang, const report_plan& plan, const std::string& command);

struct run_files_result {
    std::vector<std::pair<std::string, std::string>> files;  // (name, bytes), manifest.json last
    std::vector<std::string> skipped;                        // report formats not written, and why
    std::optional<report_model> report;                      // when a report was asked
};

/// Every file of a costed run; with `rq` and `ro`, the report's too.
run_files_result run_files(const scenario& sc, const scenario_result& res, const econ_options& econ,
                           const std::string& command, const report_request* rq, const report_options* ro);
/// The same from a run's outputs (app/stream.hpp); the report, when asked, also
/// needs the run's replications (`res`).
run_files_result run_files(const scenario& sc, const run_outputs& run, const scenario_result* res,
                           const std::string& command, const report_request* rq, const report_options* ro);

}  // namespace hemsim
