#include "app/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <thread>

#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "report/analysis_report.hpp"
#include "report/files.hpp"

// hemsim sweep and hemsim sensitivity: many runs of one case (a grid, the
// tornado, switching values).
namespace hemsim::cli {

int cmd_sweep(const std::vector<std::string>& args, std::ostream& out) {
    run_args a;
    std::vector<std::string> sets, sets_all;
    command_line cl("sweep", "case", po::value(&a.file)->required(), "the case (scenario) file");
    cl.opt.add_options()("set", po::value(&sets),
                         "PATH=FROM:TO:STEP in every alternative but the nollalternativ (e.g. "
                         "staff.boendestodjare.fte=3:12:1)")(
        "set-all", po::value(&sets_all),
        "PATH=FROM:TO:STEP in every alternative, the nollalternativ too (a "
        "context value such as supply.lagenheter.per_year=30:90:10)");
    add_common_options(cl.opt, a,
                       opt_out | opt_replications | opt_threads | opt_lang | opt_econ | opt_resimulate,
                       "replications per run (default: the case's)");
    const std::string usage =
        "Usage: hemsim sweep CASE.toml --set PATH=FROM:TO:STEP [--set-all PATH=FROM:TO:STEP] [-r N]\n"
        "A grid over one or two model values: the NPV of each alternative's difference against the\n"
        "nollalternativ (and diff, p_saving, savings_per_krona) at every point, with 95 % CIs: sweep.csv.";
    if (!cl.parse(args, usage, out, a)) return exit_ok;
    progress_meter meter(a.lang, !a.quiet && progress_meter::stderr_is_terminal());
    a.opts.progress = meter.callback();
    const language lg = a.lang;
    std::vector<sweep_axis> axes;
    for (const auto& t : sets) axes.push_back(parse_axis(t, false));
    for (const auto& t : sets_all) axes.push_back(parse_axis(t, true));
    if (axes.empty() || axes.size() > 2) throw usage_error("a sweep takes one or two --set/--set-all axes");
    fs::path dir = output_dir(a.out_dir, a.file);
    scenario sc = load_case(a.file, a.econ, a.rate_given);
    // Every value of the grid is set once before anything runs: a bad path or value stops here.
    for (const sweep_axis& ax : axes)
        for (double v : ax.values) {
            scenario probe = sc;
            set_value(probe, ax.path, v, ax.baseline_too);
        }
    const sweep_result sweep = run_sweep(sc, axes, a.opts, a.econ);
    output_set files(dir);
    files.add("sweep.csv", sweep_csv(sweep));
    files.commit();
    out << sweep_table(sweep, lg) << "\n";
    print_written(out, dir, {"sweep.csv"}, lg);
    return exit_ok;
}

int cmd_sensitivity(const std::vector<std::string>& args, std::ostream& out) {
    run_args a;
    std::string switching, alternative;
    command_line cl("sensitivity", "case", po::value(&a.file)->required(), "the case (scenario) file");
    cl.opt.add_options()(
        "switching", po::value(&switching),
        "PATH=LO:HI: the value of a model value in [LO, HI] at which the NPV "
        "of the difference is zero (e.g. supply.lagenheter.per_year=10:100), in every alternative but the "
        "nollalternativ")("switching-all", po::bool_switch(),
                          "apply the switching value's PATH to the nollalternativ too")(
        "alternative", po::value(&alternative),
        "the alternative for --switching (default: the first that is "
        "not the nollalternativ)");
    add_common_options(cl.opt, a,
                       opt_out | opt_replications | opt_threads | opt_lang | opt_econ | opt_resimulate,
                       "replications per run (default: the case's)");
    const std::string usage =
        "Usage: hemsim sensitivity CASE.toml [-r N] [--switching PATH=LO:HI [--alternative ID]]\n"
        "One-way sensitivity over the case's uncertain parameters (each at its 10th and 90th percentile, "
        "the\n"
        "others at their means), ranked by the swing in the NPV of the difference: the data of a tornado\n"
        "chart (sensitivity.csv). With --switching, the value at which the NPV is zero, with its CI.";
    if (!cl.parse(args, usage, out, a)) return exit_ok;
    progress_meter meter(a.lang, !a.quiet && progress_meter::stderr_is_terminal());
    a.opts.progress = meter.callback();
    const language lg = a.lang;
    fs::path dir = output_dir(a.out_dir, a.file);
    scenario sc = load_case(a.file, a.econ, a.rate_given);
    output_set files(dir);
    std::vector<std::string> names;
    std::string printed;
    if (switching.empty()) {
        std::vector<tornado_row> rows;
        try {
            rows = one_way_sensitivity(sc, a.opts, a.econ);
        } catch (const std::invalid_argument& e) {
            throw usage_error(e.what());
        }
        files.add("sensitivity.csv", sensitivity_csv(rows));
        names.push_back("sensitivity.csv");
        printed = tornado_table(rows, lg);
    } else {
        const switching_spec spec = parse_switching(switching);
        const std::string& path = spec.path;
        const std::vector<double> range{spec.lo, spec.hi};
        const bool all = cl.vm["switching-all"].as<bool>();
        std::vector<std::string> ids;
        for (const auto& alt : sc.alternatives)
            if (!alt.baseline) ids.push_back(alt.id);
        if (alternative.empty()) alternative = ids.front();
        if (std::find(ids.begin(), ids.end(), alternative) == ids.end()) {
            std::string list;
            for (const auto& id : ids) list += (list.empty() ? "'" : ", '") + id + "'";
            throw usage_error("--alternative '" + alternative +
                              "' is not an alternative of the case that has a "
                              "difference against the nollalternativ; the case has " +
                              list);
        }
        // Both ends are set once before anything runs: a bad path or value stops here.
        for (double v : range) {
            scenario probe = sc;
            set_value(probe, path, v, all);
        }
        const switching_result r =
            switching_value(sc, path, range[0], range[1], all, alternative, a.opts, a.econ);
        files.add("switching.csv", switching_csv(r));
        names.push_back("switching.csv");
        printed = switching_text(r, lg);
    }
    files.commit();
    out << printed << "\n";
    print_written(out, dir, names, lg);
    return exit_ok;
}

}  // namespace hemsim::cli
