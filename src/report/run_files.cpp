#include "report/run_files.hpp"

#include <stdexcept>

#include "report/csv.hpp"
#include "report/economics_report.hpp"
#include "report/manifest.hpp"
#include "results/summary.hpp"

namespace hemsim {

report_request plan_report(const scenario& sc, const run_options& opts, const econ_options& econ,
                           language lang, const report_plan& plan, const std::string& command) {
    report_request rq;
    rq.econ = econ;
    rq.lang = lang;
    rq.command_line = command;
    bool uncertain = false;
    for (const alternative& alt : sc.alternatives) uncertain |= !alt.system.uncertain.empty();
    if (plan.sensitivity && uncertain) rq.tornado = one_way_sensitivity(sc, opts, econ);
    if (!plan.axes.empty()) rq.sweep = run_sweep(sc, plan.axes, opts, econ);
    std::string first;  // the first project alternative, as the tornado's
    for (const alternative& alt : sc.alternatives)
        if (!alt.baseline && first.empty()) first = alt.id;
    for (const report_plan::switching& s : plan.switching_values)
        rq.switching.push_back(switching_value(sc, s.path, s.lo, s.hi, false, first, opts, econ));
    return rq;
}

run_files_result run_files(const scenario& sc, const scenario_result& res, const econ_options& econ,
                           const std::string& command, const report_request* rq, const report_options* ro) {
    return run_files(sc, summarize_run(sc, res, econ), &res, command, rq, ro);
}

run_files_result run_files(const scenario& sc, const run_outputs& run, const scenario_result* res,
                           const std::string& command, const report_request* rq, const report_options* ro) {
    run_files_result out;
    const std::string yearly = yearly_csv(run.yearly), ledger = ledger_csv(run.ledger),
                      economics = economics_csv(run.economics);
    out.files = {{"yearly.csv", yearly},
                 {"ledger.csv", ledger},
                 {"economics.csv", economics},
                 {"monthly.csv", monthly_csv(run.monthly)}};
    if (rq && ro) {
        if (!res) throw std::logic_error("run_files: the report needs the run's replications");
        report_options o = *ro;
        o.long_tables = {{"yearly", yearly}, {"ledger", ledger}, {"economics", economics}};
        report_model m = build_report(sc, *res, *rq);
        report_files rf = make_report_files(m, o);
        for (auto& f : rf.files) out.files.push_back(std::move(f));
        out.skipped = std::move(rf.skipped);
        out.report = std::move(m);
    }
    std::vector<std::string> names;
    for (const auto& [name, bytes] : out.files) names.push_back(name);
    names.push_back("manifest.json");
    out.files.push_back({"manifest.json", manifest_json(sc, run, command, names)});
    return out;
}

}  // namespace hemsim
