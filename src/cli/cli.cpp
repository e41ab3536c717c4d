#include "cli/cli.hpp"

#include <boost/program_options.hpp>
#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "hemsim_version.hpp"
#include "model/loader.hpp"
#include "analytic/analytic.hpp"
#include "report/analytic_report.hpp"
#include "app/analysis.hpp"
#include "app/run.hpp"
#include "econ/costing.hpp"
#include "econ/calc.hpp"
#include "econ/economics.hpp"
#include "report/analysis_report.hpp"
#include "report/calc_report.hpp"
#include "report/economics_report.hpp"
#include "report/csv.hpp"
#include "report/files.hpp"
#include "report/manifest.hpp"
#include "report/inputs_report.hpp"
#include "report/table.hpp"
#include "report/warnings_report.hpp"
#include "results/partial.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"

namespace hemsim {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

/// A usage error: wrong command or options (exit 2).
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

const char* const overview =
    "hemsim: a discrete-event simulator and cost model for business cases against homelessness\n"
    "\n"
    "Usage:\n"
    "  hemsim run CASE.toml [options]    simulate every alternative of a case, write output files\n"
    "  hemsim calc CASE.toml [options]   the application's own static sum (count x price x months)\n"
    "  hemsim sweep CASE.toml --set ...  a grid over one or two model values (sweep.csv)\n"
    "  hemsim sensitivity CASE.toml      one-way sensitivity (tornado) and switching values\n"
    "  hemsim analyze FILE.toml          the model as a Markov chain (expected days, exits, cost per client)\n"
    "  hemsim merge DIR... [options]     combine the partial results of run --shard K/N\n"
    "  hemsim check FILE.toml            validate a model or a scenario (case) file\n"
    "  hemsim COMMAND --help             the options of a command\n"
    "  hemsim --version\n"
    "\n"
    "A case (scenario) compares alternatives with the nollalternativ (the do-nothing baseline).\n"
    "Exit codes: 0 success, 1 failure while running, 2 usage or input error.\n";

struct run_args {
    std::string file;
    std::string out_dir;
    run_options opts;
    econ_options econ;
    language lang = language::sv;
    bool quiet = false;
};

/// A whole-number option written in digits: "-1", "1e9" and "3.5" are usage errors
/// (Program_Options would read "-1" as 4 294 967 295 for an unsigned).
struct whole_arg {
    std::uint64_t value = 0;
};

void validate(boost::any& v, const std::vector<std::string>& values, whole_arg*, int) {
    po::validators::check_first_occurrence(v);
    const std::string& s = po::validators::get_single_string(values);
    if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
        throw po::invalid_option_value(s + " (give a whole number in digits)");
    v = boost::any(whole_arg{std::stoull(s)});
}

// The value of a whole-number option, checked against its range.
std::uint64_t whole_in(const po::variables_map& vm, const char* name, std::uint64_t lo, std::uint64_t hi,
                       const std::string& what) {
    const std::uint64_t v = vm[name].as<whole_arg>().value;
    if (v < lo || v > hi)
        throw usage_error("--" + std::string(name) + " " + std::to_string(v) + ": " + what + " from " +
                          std::to_string(lo) + " to " + std::to_string(hi));
    return v;
}

/// The most worker threads a run may start.
constexpr std::uint64_t max_threads = 256;

// --replications, --threads and --seed of any command that has them.
void read_run_counts(const po::variables_map& vm, run_options& o) {
    if (vm.count("resimulate")) o.reuse_simulation = false;
    if (vm.count("replications"))
        o.replications = static_cast<std::uint32_t>(
            whole_in(vm, "replications", 1, max_replications, "give the replications (hemsim's limit)"));
    if (vm.count("threads"))
        o.threads = static_cast<unsigned>(whole_in(vm, "threads", 1, max_threads, "give the worker threads"));
    if (vm.count("seed")) {
        o.seed = whole_in(vm, "seed", 0, (std::uint64_t{1} << 63) - 1, "give the seed");
        o.seed_given = true;
    }
}

// The output folder: --out, else output/<input file stem>/.
fs::path output_dir(const std::string& out_dir, const std::string& file) {
    fs::path dir = out_dir.empty() ? fs::path("output") / fs::path(file).stem() : fs::path(out_dir);
    // Checked before any work: a run that cannot write its files does not start.
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw usage_error("the output folder " + dir.string() + " is a file, not a folder; give --out a folder "
                          "(it is made when missing)");
    fs::path up = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
    while (!fs::exists(up, ec) && up.has_parent_path() && up != up.parent_path()) up = up.parent_path();
    if (fs::exists(up, ec) && (!fs::is_directory(up, ec) || ::access(up.c_str(), W_OK) != 0))
        throw usage_error("cannot make the output folder " + dir.string() + ": " + up.string() +
                          (fs::is_directory(up, ec) ? " is not writable" : " is not a folder") + "; give --out another folder");
    return dir;
}

// "skrev DIR/NAME" (or "wrote") for each file written.
void print_written(std::ostream& out, const fs::path& dir, const std::vector<std::string>& names, language lang) {
    for (const std::string& n : names) out << (lang == language::sv ? "skrev " : "wrote ") << (dir / n).string() << "\n";
}

// The economic options that run and merge share.
void add_econ_options(po::options_description& opt, econ_options& econ) {
    opt.add_options()
        ("rate", po::value(&econ.rate)->default_value(0.035, "0.035"),
         "real discount rate a year for present values (ASEK and the Green Book: 3.5 %; 0 allowed)")
        ("price-base-year", po::value(&econ.price_base_year), "the year whose amounts are not discounted "
         "(default: the first simulated year)")
        ("deadweight", po::value(&econ.deadweight)->default_value(0.0, "0"),
         "share of the outcome difference that would have happened anyway (0-1), shown separately")
        ("optimism-bias", po::value(&econ.optimism_bias)->default_value(0.0, "0"),
         "uplift on project costs (0.2 = +20 %, Green Book practice), shown separately");
}

std::string join_command(int argc, const char* const* argv) {
    std::string s;
    for (int i = 0; i < argc; ++i) {
        if (i) s += ' ';
        s += argv[i];
    }
    return s;
}

// Parses a command's options; returns false when --help was printed.
bool parse(const po::options_description& visible, const po::positional_options_description& pos,
           const std::vector<std::string>& args, po::variables_map& vm, const std::string& usage,
           std::ostream& out) {
    try {
        po::store(po::command_line_parser(args).options(visible).positional(pos).run(), vm);
        if (vm.count("help")) {
            out << usage << "\n" << visible;
            return false;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(std::string(e.what()) + "\n" + usage + "\nTry '--help' for the options.");
    }
    return true;
}

// A case (scenario) file; a model file given instead is told what a case is.
scenario load_case(const std::string& file) {
    if (detect_kind(file) == file_kind::model)
        throw input_error(file + ": this is a model file (it has no [[alternative]] and no model = \"...\"); this "
                                 "command takes a case (scenario) file, which names a model, a start date, a horizon "
                                 "and the alternatives to compare with the nollalternativ, e.g. "
                                 "scenarios/enheten-for-hemlosa-2007.toml (docs/language.md, \"The scenario\"); "
                                 "'hemsim check' and 'hemsim analyze' take a model file");
    return load_scenario(file);
}

// A finite number in plain text ("nan", "inf" and trailing text refused).
double parse_number(const std::string& text) {
    std::size_t used = 0;
    double v = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(v)) throw std::invalid_argument(text);
    return v;
}

// The economic options, as usage errors.
void check_econ(const econ_options& o) {
    try {
        check_econ_options(o);
    } catch (const std::invalid_argument& e) {
        throw usage_error(e.what());
    }
}

// --price-base-year near the case's years (far off, every factor is 0 or infinite).
void check_base_year(const econ_options& o, const scenario& sc) {
    const int first = static_cast<int>(sc.start.year());
    if (o.price_base_year != 0 && (o.price_base_year < first - 200 || o.price_base_year > first + 1200))
        throw usage_error("--price-base-year " + std::to_string(o.price_base_year) +
                          ": give a calendar year near the case's (it starts in " + std::to_string(first) + ")");
}

language parse_language(const std::string& lang) {
    if (lang == "sv") return language::sv;
    if (lang == "en") return language::en;
    throw usage_error("--lang must be 'sv' or 'en', not '" + lang + "'");
}

std::string inputs_sha256(const scenario& sc) {
    std::string all;
    for (const std::string& f : sc.input_files) all += sha256_file(f) + ",";
    return all;
}

run_identity identity_of(const scenario& sc, const std::string& file, const scenario_result& res) {
    run_identity id;
    id.case_file = fs::absolute(file).lexically_normal().string();
    id.inputs_sha256 = inputs_sha256(sc);
    id.seed = res.seed;
    id.replications = res.replications;
    id.shard_k = res.shard_k;
    id.shard_n = res.shard_n;
    id.fixed_parameters = res.fixed_parameters;
    return id;
}

// Writes the run's files and prints its tables: the same for a run and a merge.
void write_run_outputs(const scenario& sc, const scenario_result& res, const fs::path& dir,
                       const std::string& command, const run_args& a, std::ostream& out) {
    check_conservation(sc, res);
    const result_table rows = yearly_table(sc, res);
    output_set files(dir);
    files.add("yearly.csv", yearly_csv(rows));
    files.add("ledger.csv", ledger_csv(ledger_rows(sc, res)));
    files.add("economics.csv", economics_csv(economics_rows(sc, res, a.econ)));
    std::vector<std::string> names{"yearly.csv", "ledger.csv", "economics.csv", "manifest.json"};
    files.add("manifest.json", manifest_json(sc, res, command, names));
    files.commit();
    if (!a.quiet) {
        out << run_table(sc, res, rows, a.lang) << "\n";
        std::string beside = calc_beside_run(sc, static_sum(sc), rows, a.lang);
        if (!beside.empty()) out << beside << "\n";
        out << economics_summary(sc, res, a.econ, a.lang) << "\n";
        out << inputs_listing(sc, a.lang) << "\n";
    }
    // Warnings are printed even with --quiet: they say the figures may mislead.
    std::vector<run_warning> warnings = run_warnings(sc, res);
    if (!warnings.empty()) {
        out << (a.lang == language::sv ? "Varningar:\n" : "Warnings:\n");
        for (const run_warning& w : warnings) out << "  " << warning_text(w, sc, a.lang) << "\n";
        out << "\n";
    }
    print_written(out, dir, names, a.lang);
}

int cmd_run(const std::vector<std::string>& args, const std::string& command, std::ostream& out) {
    run_args a;
    std::string lang = "sv", shard;
    double target_ci = 0;
    po::options_description opt("Options of 'hemsim run'");
    opt.add_options()
        ("help,h", "this help")
        ("case", po::value(&a.file)->required(), "the case (scenario) file")
        ("out,o", po::value(&a.out_dir), "output folder (default output/<case file stem>/)")
        ("replications,r", po::value<whole_arg>(), "replications (default: the case's)")
        ("seed,s", po::value<whole_arg>(), "random seed (default: the case's)")
        ("threads,t", po::value<whole_arg>(), "worker threads (default: all cores); results do not depend on it")
        ("lang", po::value(&lang)->default_value("sv"), "language of the printed table: sv (Swedish) or en")
        ("target-ci", po::value(&target_ci), "keep doubling the replications until the 95 % CI half-width of "
         "the headline difference (the first alternative's total diff_vs_baseline) is under this share of its "
         "mean (e.g. 0.02), or --max-replications is reached")
        ("max-replications", po::value<whole_arg>(), "the cap for --target-ci (default 10000)")
        ("fixed-parameters", po::bool_switch(&a.opts.fixed_parameters),
         "uncertain model values at their means: the spread is then the flows' randomness alone")
        ("shard", po::value(&shard), "K/N: run replications K, K+N, K+2N, ... (K from 0) and write a partial "
         "result for 'hemsim merge'")
        ("quiet,q", po::bool_switch(&a.quiet), "print only the files written");
    add_econ_options(opt, a.econ);
    po::positional_options_description pos;
    pos.add("case", 1);
    po::variables_map vm;
    const std::string usage =
        "Usage: hemsim run CASE.toml [--out DIR] [--replications N] [--seed S] [--threads T] [--lang sv|en]\n"
        "                  [--rate R] [--deadweight D] [--optimism-bias B] [--shard K/N]\n"
        "Simulates every alternative, prints cost per year in tkr with 95 % CI, the paired difference against\n"
        "the nollalternativ, the application's own sum beside it and the economics (NPV, break-even, return per\n"
        "krona), and writes yearly.csv, ledger.csv, economics.csv and manifest.json to the output folder.";
    if (!parse(opt, pos, args, vm, usage, out)) return exit_ok;
    read_run_counts(vm, a.opts);
    const auto max_reps = static_cast<std::uint32_t>(
        vm.count("max-replications") ? whole_in(vm, "max-replications", 1, max_replications, "give the cap") : 10000);
    a.lang = parse_language(lang);
    if (!shard.empty()) {
        unsigned k = 0, n = 0;
        char slash = 0, extra = 0;
        std::istringstream in(shard);
        if (!(in >> k >> slash >> n) || slash != '/' || (in >> extra) || n == 0 || k >= n)
            throw usage_error("--shard must be K/N with 0 <= K < N (e.g. --shard 0/3), not '" + shard + "'");
        a.opts.shard_k = k;
        a.opts.shard_n = n;
    }
    check_econ(a.econ);
    fs::path dir = output_dir(a.out_dir, a.file);
    scenario sc = load_case(a.file);
    check_base_year(a.econ, sc);

    scenario_result res;
    if (vm.count("target-ci")) {
        if (!(target_ci > 0)) throw usage_error("--target-ci must be > 0, e.g. 0.02 for 2 %");
        if (a.opts.shard_n > 1) throw usage_error("--target-ci and --shard do not go together");
        target_ci_result t = run_to_target_ci(sc, a.opts, target_ci, max_reps);
        res = std::move(t.res);
        out << (a.lang == language::sv ? "Mål för konfidensintervallet: " : "Target for the confidence interval: ")
            << t.headline << ": " << format_number(t.relative * 100, 2, a.lang) << " % "
            << (a.lang == language::sv ? "av medelvärdet med " : "of the mean with ") << res.replications
            << (a.lang == language::sv ? " replikeringar; " : " replications; ")
            << (t.met ? (a.lang == language::sv ? "målet " : "the target ") + format_number(target_ci * 100, 2, a.lang) +
                            (a.lang == language::sv ? " % är nått." : " % is met.")
                      : (a.lang == language::sv ? "taket --max-replications är nått före målet."
                                                : "the --max-replications cap was reached before the target."))
            << "\n\n";
    } else {
        res = a.opts.shard_n > 1 ? run_scenario(sc, a.opts) : run_case(sc, a.opts);
    }
    check_conservation(sc, res);
    if (a.opts.shard_n > 1) {
        // A shard writes its raw results; `hemsim merge` makes the run's files from all shards.
        run_identity id = identity_of(sc, a.file, res);
        std::string name = "partial-" + std::to_string(a.opts.shard_k) + "-of-" + std::to_string(a.opts.shard_n) + ".bin";
        output_set files(dir);
        files.add(name, encode_partial(id, res));
        files.commit();
        print_written(out, dir, {name}, a.lang);
        return exit_ok;
    }
    write_run_outputs(sc, res, dir, command, a, out);
    return exit_ok;
}

int cmd_merge(const std::vector<std::string>& args, const std::string& command, std::ostream& out) {
    run_args a;
    std::vector<std::string> dirs;
    std::string lang = "sv", case_file;
    po::options_description opt("Options of 'hemsim merge'");
    opt.add_options()
        ("help,h", "this help")
        ("dirs", po::value(&dirs)->multitoken()->required(), "folders (or files) with the shards' partial results")
        ("out,o", po::value(&a.out_dir), "output folder (default output/<case file stem>/)")
        ("case", po::value(&case_file), "the case file, when it has moved since the shards ran")
        ("lang", po::value(&lang)->default_value("sv"), "language of the printed table: sv (Swedish) or en")
        ("quiet,q", po::bool_switch(&a.quiet), "print only the files written");
    add_econ_options(opt, a.econ);
    po::positional_options_description pos;
    pos.add("dirs", -1);
    po::variables_map vm;
    const std::string usage =
        "Usage: hemsim merge DIR... [--out DIR] [--case CASE.toml]\n"
        "Combines the partial results of 'hemsim run --shard K/N' (every shard of one run) into exactly the\n"
        "output a single run gives: yearly.csv byte for byte, ledger.csv, economics.csv, manifest.json.";
    if (!parse(opt, pos, args, vm, usage, out)) return exit_ok;
    a.lang = parse_language(lang);
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
    check_econ(a.econ);
    fs::path dir = output_dir(a.out_dir, case_file);
    scenario sc = load_case(case_file);
    check_base_year(a.econ, sc);
    run_identity id;
    scenario_result res;
    try {
        res = merge_partials(sc, files, id);
        cost_scenario(sc, res, std::max(1u, std::thread::hardware_concurrency()));
    } catch (const std::runtime_error& e) {
        throw usage_error(e.what());
    }
    if (inputs_sha256(sc) != id.inputs_sha256)
        throw usage_error("the case's input files changed since the shards ran (" + case_file +
                          "); run the shards again or merge with the files as they were");
    write_run_outputs(sc, res, dir, command, a, out);
    return exit_ok;
}

int cmd_calc(const std::vector<std::string>& args, std::ostream& out) {
    std::string file, out_dir, lang = "sv";
    po::options_description opt("Options of 'hemsim calc'");
    opt.add_options()
        ("help,h", "this help")
        ("case", po::value(&file)->required(), "the case (scenario) file")
        ("out,o", po::value(&out_dir), "output folder for calc.csv (default output/<case file stem>/)")
        ("lang", po::value(&lang)->default_value("sv"), "language of the printed table: sv (Swedish) or en");
    po::positional_options_description pos;
    pos.add("case", 1);
    po::variables_map vm;
    const std::string usage =
        "Usage: hemsim calc CASE.toml [--out DIR] [--lang sv|en]\n"
        "The application's own static sum: each alternative's lines (stock x price x months, staff FTE x\n"
        "annual cost, project cost lines), its annual total and its difference against the nollalternativ,\n"
        "in kr and in the case's units (tkr or mkr). Writes calc.csv.";
    if (!parse(opt, pos, args, vm, usage, out)) return exit_ok;
    language lg = parse_language(lang);
    scenario sc = load_case(file);
    calc_result c = static_sum(sc);
    fs::path dir = output_dir(out_dir, file);
    output_set files(dir);
    files.add("calc.csv", calc_csv(c));
    files.commit();
    out << calc_table(sc, c, lg) << "\n";
    print_written(out, dir, {"calc.csv"}, lg);
    return exit_ok;
}

int cmd_analyze(const std::vector<std::string>& args, std::ostream& out) {
    std::string file, out_dir, lang = "sv";
    run_options opts;
    po::options_description opt("Options of 'hemsim analyze'");
    opt.add_options()
        ("help,h", "this help")
        ("file", po::value(&file)->required(), "a model or a case (scenario) file")
        ("out,o", po::value(&out_dir), "output folder (default output/<file stem>/)")
        ("replications,r", po::value<whole_arg>(), "replications of the case's simulation (default: the case's)")
        ("threads,t", po::value<whole_arg>(), "worker threads (default: all cores)")
        ("lang", po::value(&lang)->default_value("sv"), "language of the printed tables: sv (Swedish) or en");
    po::positional_options_description pos;
    pos.add("file", 1);
    po::variables_map vm;
    const std::string usage =
        "Usage: hemsim analyze MODEL_OR_CASE.toml [--out DIR] [--replications N] [--lang sv|en]\n"
        "Ignoring capacities and queues, the model's transitions form an absorbing semi-Markov chain: for a\n"
        "client entering each placement, the expected days in every placement before exit, the expected\n"
        "visits, the probability of each exit and the expected cost (Eigen). Writes analytic.csv. For a case,\n"
        "it also runs the simulation and says how far it departs from the chain: the cost of the queues.";
    if (!parse(opt, pos, args, vm, usage, out)) return exit_ok;
    read_run_counts(vm, opts);
    language lg = parse_language(lang);
    fs::path dir = output_dir(out_dir, file);
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
        scenario_result res = run_case(sc, opts);
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

// "path=grid" of --set / --set-all.
sweep_axis parse_axis(const std::string& text, bool baseline_too) {
    auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw usage_error("--set takes PATH=FROM:TO:STEP, e.g. --set staff.boendestodjare.fte=3:12:1, not '" + text + "'");
    try {
        return {text.substr(0, eq), parse_grid(text.substr(eq + 1)), baseline_too};
    } catch (const std::invalid_argument& e) {
        throw usage_error(std::string("--set ") + text.substr(0, eq) + ": " + e.what());
    }
}

// The econ and run options that sweep and sensitivity share with run.
void add_analysis_options(po::options_description& opt, run_args& a, std::string& lang) {
    opt.add_options()
        ("out,o", po::value(&a.out_dir), "output folder (default output/<case file stem>/)")
        ("replications,r", po::value<whole_arg>(), "replications per run (default: the case's)")
        ("threads,t", po::value<whole_arg>(), "worker threads (default: all cores)")
        ("lang", po::value(&lang)->default_value("sv"), "language of the printed table: sv (Swedish) or en")
        ("resimulate", "simulate anew at every value, even one that only changes costs (a price, an annual cost, "
         "a project amount), which is otherwise costed again from one simulation; slower, the same answer");
    add_econ_options(opt, a.econ);
}

int cmd_sweep(const std::vector<std::string>& args, std::ostream& out) {
    run_args a;
    std::string lang = "sv";
    std::vector<std::string> sets, sets_all;
    po::options_description opt("Options of 'hemsim sweep'");
    opt.add_options()
        ("help,h", "this help")
        ("case", po::value(&a.file)->required(), "the case (scenario) file")
        ("set", po::value(&sets), "PATH=FROM:TO:STEP in every alternative but the nollalternativ (e.g. "
         "staff.boendestodjare.fte=3:12:1)")
        ("set-all", po::value(&sets_all), "PATH=FROM:TO:STEP in every alternative, the nollalternativ too (a "
         "context value such as supply.lagenheter.per_year=30:90:10)");
    add_analysis_options(opt, a, lang);
    po::positional_options_description pos;
    pos.add("case", 1);
    po::variables_map vm;
    const std::string usage =
        "Usage: hemsim sweep CASE.toml --set PATH=FROM:TO:STEP [--set-all PATH=FROM:TO:STEP] [-r N]\n"
        "A grid over one or two model values: the NPV of each alternative's difference against the\n"
        "nollalternativ (and diff, p_saving, savings_per_krona) at every point, with 95 % CIs: sweep.csv.";
    if (!parse(opt, pos, args, vm, usage, out)) return exit_ok;
    read_run_counts(vm, a.opts);
    language lg = parse_language(lang);
    std::vector<sweep_axis> axes;
    for (const auto& t : sets) axes.push_back(parse_axis(t, false));
    for (const auto& t : sets_all) axes.push_back(parse_axis(t, true));
    if (axes.empty() || axes.size() > 2) throw usage_error("a sweep takes one or two --set/--set-all axes");
    fs::path dir = output_dir(a.out_dir, a.file);
    check_econ(a.econ);
    scenario sc = load_case(a.file);
    check_base_year(a.econ, sc);
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
    std::string lang = "sv", switching, alternative;
    po::options_description opt("Options of 'hemsim sensitivity'");
    opt.add_options()
        ("help,h", "this help")
        ("case", po::value(&a.file)->required(), "the case (scenario) file")
        ("switching", po::value(&switching), "PATH=LO:HI: the value of a model value in [LO, HI] at which the NPV "
         "of the difference is zero (e.g. supply.lagenheter.per_year=10:100), in every alternative but the "
         "nollalternativ")
        ("switching-all", po::bool_switch(), "apply the switching value's PATH to the nollalternativ too")
        ("alternative", po::value(&alternative), "the alternative for --switching (default: the first that is "
         "not the nollalternativ)");
    add_analysis_options(opt, a, lang);
    po::positional_options_description pos;
    pos.add("case", 1);
    po::variables_map vm;
    const std::string usage =
        "Usage: hemsim sensitivity CASE.toml [-r N] [--switching PATH=LO:HI [--alternative ID]]\n"
        "One-way sensitivity over the case's uncertain parameters (each at its 10th and 90th percentile, the\n"
        "others at their means), ranked by the swing in the NPV of the difference: the data of a tornado\n"
        "chart (sensitivity.csv). With --switching, the value at which the NPV is zero, with its CI.";
    if (!parse(opt, pos, args, vm, usage, out)) return exit_ok;
    read_run_counts(vm, a.opts);
    language lg = parse_language(lang);
    fs::path dir = output_dir(a.out_dir, a.file);
    check_econ(a.econ);
    scenario sc = load_case(a.file);
    check_base_year(a.econ, sc);
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
        auto eq = switching.find('=');
        if (eq == std::string::npos) throw usage_error("--switching takes PATH=LO:HI, not '" + switching + "'");
        std::vector<double> range;
        try {
            std::string r = switching.substr(eq + 1);
            auto colon = r.find(':');
            if (colon == std::string::npos) throw std::invalid_argument("");
            range = {parse_number(r.substr(0, colon)), parse_number(r.substr(colon + 1))};
        } catch (const std::exception&) {
            throw usage_error("--switching takes PATH=LO:HI with two finite numbers, not '" + switching + "'");
        }
        if (!(range[0] < range[1]))
            throw usage_error("--switching " + switching + ": LO must be below HI (e.g. " + switching.substr(0, eq) +
                              "=10:100)");
        const std::string path = switching.substr(0, eq);
        const bool all = vm["switching-all"].as<bool>();
        std::vector<std::string> ids;
        for (const auto& alt : sc.alternatives)
            if (!alt.baseline) ids.push_back(alt.id);
        if (alternative.empty()) alternative = ids.front();
        if (std::find(ids.begin(), ids.end(), alternative) == ids.end()) {
            std::string list;
            for (const auto& id : ids) list += (list.empty() ? "'" : ", '") + id + "'";
            throw usage_error("--alternative '" + alternative + "' is not an alternative of the case that has a "
                              "difference against the nollalternativ; the case has " + list);
        }
        // Both ends are set once before anything runs: a bad path or value stops here.
        for (double v : range) {
            scenario probe = sc;
            set_value(probe, path, v, all);
        }
        const switching_result r = switching_value(sc, path, range[0], range[1], all, alternative, a.opts, a.econ);
        files.add("switching.csv", switching_csv(r));
        names.push_back("switching.csv");
        printed = switching_text(r, lg);
    }
    files.commit();
    out << printed << "\n";
    print_written(out, dir, names, lg);
    return exit_ok;
}

int cmd_check(const std::vector<std::string>& args, std::ostream& out) {
    std::string file;
    po::options_description opt("Options of 'hemsim check'");
    opt.add_options()("help,h", "this help")("file", po::value(&file)->required(), "a model or scenario file");
    po::positional_options_description pos;
    pos.add("file", 1);
    po::variables_map vm;
    const std::string usage =
        "Usage: hemsim check FILE.toml\nValidates a model or a scenario (case) file and says what is wrong.";
    if (!parse(opt, pos, args, vm, usage, out)) return exit_ok;
    std::string summary = check_file(file);
    out << file << ": OK: " << summary << "\n";
    return exit_ok;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    try {
        std::vector<std::string> args(argv + std::min(argc, 1), argv + argc);
        if (args.empty()) {
            err << overview;
            return exit_usage;
        }
        const std::string cmd = args.front();
        std::vector<std::string> rest(args.begin() + 1, args.end());
        if (cmd == "--version" || cmd == "-V") {
            out << "hemsim " << version;
            if (std::string(git_commit).size()) out << " (" << std::string(git_commit).substr(0, 12) << ")";
            out << "\n";
            return exit_ok;
        }
        if (cmd == "--help" || cmd == "-h" || cmd == "help") {
            out << overview;
            return exit_ok;
        }
        if (cmd == "run") return cmd_run(rest, join_command(argc, argv), out);
        if (cmd == "calc") return cmd_calc(rest, out);
        if (cmd == "analyze") return cmd_analyze(rest, out);
        if (cmd == "sweep") return cmd_sweep(rest, out);
        if (cmd == "sensitivity") return cmd_sensitivity(rest, out);
        if (cmd == "merge") return cmd_merge(rest, join_command(argc, argv), out);
        if (cmd == "check") return cmd_check(rest, out);
        throw usage_error("unknown command '" + cmd + "'; the commands are: run, calc, sweep, sensitivity, analyze, merge, check (see 'hemsim --help')");
    } catch (const usage_error& e) {
        err << "hemsim: " << e.what() << "\n";
        return exit_usage;
    } catch (const input_error& e) {
        err << "hemsim: " << e.what() << "\n";
        return exit_usage;
    } catch (const std::exception& e) {
        err << "hemsim: error while running: " << e.what() << "\n";
        return exit_failure;
    }
}

}  // namespace hemsim
