#include "app/run.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <thread>

#include "app/stream.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "econ/calc.hpp"
#include "econ/costing.hpp"
#include "report/calc_report.hpp"
#include "report/csv.hpp"
#include "report/economics_report.hpp"
#include "report/files.hpp"
#include "report/inputs_report.hpp"
#include "report/manifest.hpp"
#include "report/messages.hpp"
#include "report/report_build.hpp"
#include "report/report_files.hpp"
#include "report/run_files.hpp"
#include "report/table.hpp"
#include "report/warnings_report.hpp"
#include "report/xlsx_report.hpp"
#include "results/summary.hpp"

// hemsim run and hemsim merge: a case's simulation (whole, by shards, or to a
// target CI) and the files and tables of a run.
namespace hemsim::cli {

namespace {

// The report's sweep axes, checked (every value set once) before anything runs.
std::vector<sweep_axis> report_axes(const report_args& r, const scenario& sc) {
    std::vector<sweep_axis> axes;
    for (const auto& t : r.sweeps) axes.push_back(parse_axis(t, false, "--sweep"));
    for (const auto& t : r.sweeps_all) axes.push_back(parse_axis(t, true, "--sweep-all"));
    if (axes.size() > 2) throw usage_error("the report's heat map takes one or two --sweep/--sweep-all axes");
    for (const sweep_axis& ax : axes)
        for (double v : ax.values) {
            scenario probe = sc;
            set_value(probe, ax.path, v, ax.baseline_too);
        }
    return axes;
}

// The report's formats and sweep axes checked as usage errors, before anything runs.
std::vector<report_format> check_report_args(const report_args& r, const scenario& sc) {
    report_axes(r, sc);
    for (const std::string& t : r.switching) {
        const switching_spec s = parse_switching(t);
        for (double v : {s.lo, s.hi}) {
            scenario probe = sc;
            set_value(probe, s.path, v, false);
        }
    }
    try {
        return parse_formats(r.formats);
    } catch (const std::invalid_argument& e) {
        throw usage_error(e.what());
    }
}

// Writes the run's files (and the report's, when asked: it needs the run's
// replications, `res`) and prints its tables: the same for a run, a merge and a report.
void write_run_outputs(const scenario& sc, const run_outputs& run, const scenario_result* res,
                       const fs::path& dir, const std::string& command, const run_args& a, std::ostream& out,
                       const report_args& rep = {}) {
    std::optional<report_request> rq;
    report_options ro;
    if (rep.wanted) {
        ro.formats = check_report_args(rep, sc);
        ro.reference_doc = rep.reference_doc;
        report_plan plan;
        plan.sensitivity = !rep.no_sensitivity;
        plan.axes = report_axes(rep, sc);
        for (const std::string& t : rep.switching) {
            const switching_spec s = parse_switching(t);
            plan.switching_values.push_back({s.path, s.lo, s.hi});
        }
        rq = plan_report(sc, a.opts, a.econ, a.lang, plan, command);
    }
    run_files_result rf = run_files(sc, run, res, command, rq ? &*rq : nullptr, &ro);
    output_set files(dir);
    std::vector<std::string> names;
    for (auto& [name, bytes] : rf.files) {
        names.push_back(name);
        files.add(name, std::move(bytes));
    }
    const std::vector<std::string>& skipped = rf.skipped;
    files.commit();
    const result_table& rows = run.yearly;
    if (!a.quiet) {
        out << run_table(sc, run.shape, rows, a.lang) << "\n";
        std::string beside = calc_beside_run(sc, static_sum(sc), rows, a.lang);
        if (!beside.empty()) out << beside << "\n";
        out << economics_summary(sc, run.comparisons, run.base_year, run.shape.cal, a.econ, a.lang) << "\n";
        out << inputs_listing(sc, a.lang) << "\n";
    }
    // Warnings are printed even with --quiet: they say the figures may mislead.
    const std::vector<run_warning>& warnings = run.warnings;
    if (!warnings.empty()) {
        out << text(msg::warnings_head, a.lang) << "\n";
        for (const run_warning& w : warnings) out << "  " << warning_text(w, sc, a.lang) << "\n";
        out << "\n";
    }
    for (const std::string& why : skipped) out << why << "\n";
    print_written(out, dir, names, a.lang);
}

}  // namespace

int cmd_run(const std::vector<std::string>& args, const std::string& command, std::ostream& out) {
    run_args a;
    std::string shard;
    double target_ci = 0;
    report_args rep;
    command_line cl("run", "case", po::value(&a.file)->required(), "the case (scenario) file");
    cl.opt.add_options()(
        "target-ci", po::value(&target_ci),
        "keep doubling the replications until the 95 % CI half-width of "
        "the headline difference (the first alternative's total diff_vs_baseline) is under this share of its "
        "mean (e.g. 0.02), or --max-replications is reached")("max-replications", po::value<whole_arg>(),
                                                              "the cap for --target-ci (default 10000)")(
        "fixed-parameters", po::bool_switch(&a.opts.fixed_parameters),
        "uncertain model values at their means: the spread is then the flows' randomness alone")(
        "shard", po::value(&shard),
        "K/N: run replications K, K+N, K+2N, ... (K from 0) and write a partial "
        "result for 'hemsim merge'")(
        "report", po::bool_switch(&rep.wanted),
        "also write the report (as 'hemsim report': rapport.html, .pdf, .docx, .xlsx)");
    add_report_options(cl.opt, rep);
    add_common_options(cl.opt, a,
                       opt_out | opt_replications | opt_seed | opt_threads | opt_lang | opt_quiet | opt_econ);
    const std::string usage =
        "Usage: hemsim run CASE.toml [--out DIR] [--replications N] [--seed S] [--threads T] [--lang sv|en]\n"
        "                  [--rate R] [--deadweight D] [--optimism-bias B] [--shard K/N]\n"
        "Simulates every alternative, prints cost per year in tkr with 95 % CI, the paired difference "
        "against\n"
        "the nollalternativ, the application's own sum beside it and the economics (NPV, break-even, return "
        "per\n"
        "krona), and writes yearly.csv, ledger.csv, economics.csv and manifest.json to the output folder.";
    if (!cl.parse(args, usage, out, a)) return exit_ok;
    progress_meter meter(a.lang, !a.quiet && progress_meter::stderr_is_terminal());
    a.opts.progress = meter.callback();
    const auto max_reps = static_cast<std::uint32_t>(
        cl.vm.count("max-replications")
            ? whole_in(cl.vm, "max-replications", 1, max_replications, "give the cap")
            : 10000);
    if (!shard.empty()) {
        unsigned k = 0, n = 0;
        char slash = 0, extra = 0;
        std::istringstream in(shard);
        if (!(in >> k >> slash >> n) || slash != '/' || (in >> extra) || n == 0 || k >= n)
            throw usage_error("--shard must be K/N with 0 <= K < N (e.g. --shard 0/3), not '" + shard + "'");
        a.opts.shard_k = k;
        a.opts.shard_n = n;
    }
    fs::path dir = output_dir(a.out_dir, a.file);
    scenario sc = load_case(a.file, a.econ, a.rate_given);
    if (rep.wanted && a.opts.shard_n > 1)
        throw usage_error("--report and --shard do not go together; merge first");
    if (rep.wanted) check_report_args(rep, sc);

    scenario_result res;
    if (cl.vm.count("target-ci")) {
        if (!(target_ci > 0)) throw usage_error("--target-ci must be > 0, e.g. 0.02 for 2 %");
        if (a.opts.shard_n > 1) throw usage_error("--target-ci and --shard do not go together");
        target_ci_result t = run_to_target_ci(sc, a.opts, target_ci, max_reps);
        res = std::move(t.res);
        const std::string outcome =
            t.met ? text(msg::target_ci_met, a.lang, format_number(target_ci * 100, 2, a.lang))
                  : text(msg::target_ci_cap, a.lang);
        out << text(msg::target_ci, a.lang, t.headline, format_number(t.relative * 100, 2, a.lang),
                    res.replications, outcome)
            << "\n\n";
    } else if (a.opts.shard_n > 1) {
        // A shard writes its raw results as they come; `hemsim merge` makes the run's files from all shards.
        const std::string name =
            "partial-" + std::to_string(a.opts.shard_k) + "-of-" + std::to_string(a.opts.shard_n) + ".bin";
        scratch_folder scratch("hemsim-shard");
        run_shard_to(
            sc, a.opts, [&](const scenario_result& shape) { return identity_of(sc, a.file, shape); },
            scratch.path() / name);
        output_set files(dir);
        files.add_copy(name, scratch.path() / name);
        files.commit();
        print_written(out, dir, {name}, a.lang);
        return exit_ok;
    } else if (!rep.wanted) {
        // Summarised as the replications come: memory does not grow with them.
        write_run_outputs(sc, run_case_summarized(sc, a.opts, a.econ), nullptr, dir, command, a, out);
        return exit_ok;
    } else {
        res = run_case(sc, a.opts);
    }
    check_conservation(sc, res);
    write_run_outputs(sc, summarize_run(sc, res, a.econ), &res, dir, command, a, out, rep);
    return exit_ok;
}

int cmd_report(const std::vector<std::string>& args, const std::string& command, std::ostream& out) {
    run_args a;
    report_args rep;
    rep.wanted = true;
    command_line cl("report", "case", po::value(&a.file)->required(), "the case (scenario) file");
    add_report_options(cl.opt, rep);
    add_common_options(cl.opt, a,
                       opt_out | opt_replications | opt_seed | opt_threads | opt_lang | opt_quiet | opt_econ);
    const std::string usage =
        "Usage: hemsim report CASE.toml [--out DIR] [--lang sv|en] [-r N] [--sweep PATH=FROM:TO:STEP ...]\n"
        "                     [--formats html,pdf,docx,xlsx] [--reference-doc FILE.docx]\n"
        "Runs the case and what the report needs (the tornado, the heat map when asked) and writes the\n"
        "application-ready report beside the run's files: rapport.html (self-contained), rapport.pdf\n"
        "(Chromium), rapport.docx (pandoc) and rapport.xlsx. In Swedish unless --lang en.";
    if (!cl.parse(args, usage, out, a)) return exit_ok;
    progress_meter meter(a.lang, !a.quiet && progress_meter::stderr_is_terminal());
    a.opts.progress = meter.callback();
    fs::path dir = output_dir(a.out_dir, a.file);
    scenario sc = load_case(a.file, a.econ, a.rate_given);
    check_report_args(rep, sc);
    a.quiet = true;  // the report holds the tables; the console gets the warnings and the files written
    const scenario_result res = run_case(sc, a.opts);
    write_run_outputs(sc, summarize_run(sc, res, a.econ), &res, dir, command, a, out, rep);
    return exit_ok;
}

int cmd_merge(const std::vector<std::string>& args, const std::string& command, std::ostream& out) {
    run_args a;
    std::vector<std::string> dirs;
    std::string case_file;
    command_line cl("merge", "dirs", po::value(&dirs)->multitoken()->required(),
                    "folders (or files) with the shards' partial results", -1);
    cl.opt.add_options()("case", po::value(&case_file),
                         "the case file, when it has moved since the shards ran");
    add_common_options(cl.opt, a, opt_out | opt_lang | opt_quiet | opt_econ);
    const std::string usage =
        "Usage: hemsim merge DIR... [--out DIR] [--case CASE.toml]\n"
        "Combines the partial results of 'hemsim run --shard K/N' (every shard of one run) into exactly the\n"
        "output a single run gives: yearly.csv byte for byte, ledger.csv, economics.csv, manifest.json.";
    if (!cl.parse(args, usage, out, a)) return exit_ok;
    std::vector<fs::path> files;
    for (const std::string& d : dirs) {
        fs::path p(d);
        if (fs::is_directory(p)) {
            std::vector<fs::path> here;
            for (const auto& e : fs::directory_iterator(p)) {
                std::string n = e.path().filename().string();
                if (n.rfind("partial-", 0) == 0 && e.path().extension() == ".bin") here.push_back(e.path());
            }
            if (here.empty()) throw usage_error("no partial results (partial-K-of-N.bin) in " + d);
            std::sort(here.begin(), here.end());
            files.insert(files.end(), here.begin(), here.end());
        } else if (fs::exists(p)) {
            files.push_back(p);
        } else {
            throw usage_error("no such folder or file: " + d);
        }
    }
    run_identity first;
    try {
        first = read_partial_identity(files.front());
    } catch (const std::runtime_error& e) {
        throw usage_error(e.what());
    }
    if (case_file.empty()) case_file = first.case_file;
    fs::path dir = output_dir(a.out_dir, case_file);
    scenario sc = load_case(case_file, a.econ, a.rate_given);
    // The shards are read as streams and summarised as they come: a merge holds a
    // few replications at a time, whatever the run's size.
    std::optional<partial_stream> in;
    try {
        in.emplace(sc, files);
    } catch (const std::runtime_error& e) {
        throw usage_error(e.what());
    }
    if (inputs_sha256(sc) != in->identity().inputs_sha256)
        throw usage_error("the case's input files changed since the shards ran (" + case_file +
                          "); run the shards again or merge with the files as they were");
    run_outputs merged;
    try {
        merged = summarize_partials(sc, *in, a.econ);
    } catch (const std::runtime_error& e) {
        throw usage_error(e.what());
    }
    write_run_outputs(sc, merged, nullptr, dir, command, a, out);
    return exit_ok;
}

}  // namespace hemsim::cli
