#include <algorithm>
#include <cmath>
#include <iostream>
#include <thread>

#include "analytic/analytic.hpp"
#include "app/run.hpp"
#include "cli/common.hpp"
#include "model/loader.hpp"
#include "report/analytic_report.hpp"
#include "report/files.hpp"
#include "results/summary.hpp"

// hemsim analyze: the model as an absorbing semi-Markov chain, and a case's
// simulation set beside it.
namespace hemsim::cli {

int cmd_analyze(const std::vector<std::string>& args, std::ostream& out) {
    run_args a;
    std::string& file = a.file;
    command_line cl("analyze", "file", po::value(&file)->required(), "a model or a case (scenario) file");

    add_common_options(cl.opt, a, opt_out | opt_replications | opt_threads | opt_lang,
                       "replications of the case's simulation (default: the case's)");
    const std::string usage =
        "Usage: hemsim analyze MODEL_OR_CASE.toml [--out DIR] [--replications N] [--lang sv|en]\n"
        "Ignoring capacities and queues, the model's transitions form an absorbing semi-Markov chain: for a\n"
        "client entering each placement, the expected days in every placement before exit, the expected\n"
        "visits, the probability of each exit and the expected cost (Eigen). Writes analytic.csv. For a "
        "case,\n"
        "it also runs the simulation and says how far it departs from the chain: the cost of the queues.";
    if (!cl.parse(args, usage, out, a)) return exit_ok;
    const language lg = a.lang;
    fs::path dir = output_dir(a.out_dir, file);
    output_set files(dir);
    std::vector<std::string> names{"analytic.csv"};
    std::string printed;
    if (detect_kind(file) == file_kind::model) {
        auto runs = analyze_model(load_model(file));
        files.add("analytic.csv", analytic_csv(runs));
        printed = analytic_table(runs, lg);
    } else {
        scenario sc = load_scenario(file);
        auto runs = analyze_scenario(sc);
        scenario_result res = run_case(sc, a.opts);
        check_conservation(sc, res);
        analytic_comparison cmp = compare_with_simulation(sc, res);
        files.add("analytic.csv", analytic_csv(runs));
        files.add("analytic_comparison.csv", comparison_csv(cmp));
        names.push_back("analytic_comparison.csv");
        printed = analytic_table(runs, lg) + "\n" + comparison_table(cmp, lg);
    }
    files.commit();
    out << printed << "\n";
    print_written(out, dir, names, lg);
    return exit_ok;
}

}  // namespace hemsim::cli
