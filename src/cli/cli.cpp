#include "cli/cli.hpp"

#include <boost/program_options.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "hemsim_version.hpp"
#include "model/loader.hpp"
#include "econ/calc.hpp"
#include "econ/economics.hpp"
#include "report/calc_report.hpp"
#include "report/csv.hpp"
#include "report/files.hpp"
#include "report/manifest.hpp"
#include "report/table.hpp"
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
    std::vector<metric_row> rows = yearly_rows(sc, res);
    output_set files(dir);
    files.add("yearly.csv", yearly_csv(rows));
    files.add("ledger.csv", ledger_csv(ledger_rows(sc, res)));
    files.add("economics.csv", economics_csv(economics_rows(sc, res, a.econ)));
    std::vector<std::string> names{"yearly.csv", "ledger.csv", "economics.csv", "manifest.json"};
    files.add("manifest.json", manifest_json(sc, res, command, names));
    files.commit();
    if (!a.quiet) {
        out << run_table(sc, res, rows, a.lang) << "\n";
        std::string beside = calc_beside_run(sc, res, rows, a.lang);
        if (!beside.empty()) out << beside << "\n";
        out << economics_summary(sc, res, a.econ, a.lang == language::sv) << "\n";
    }
    for (const std::string& n : names) out << (a.lang == language::sv ? "skrev " : "wrote ") << (dir / n).string() << "\n";
}

int cmd_run(const std::vector<std::string>& args, const std::string& command, std::ostream& out) {
    run_args a;
    std::string lang = "sv", shard;
    unsigned long long seed = 0;
    po::options_description opt("Options of 'hemsim run'");
    opt.add_options()
        ("help,h", "this help")
        ("case", po::value(&a.file)->required(), "the case (scenario) file")
        ("out,o", po::value(&a.out_dir), "output folder (default output/<case file stem>/)")
        ("replications,r", po::value(&a.opts.replications), "replications (default: the case's)")
        ("seed,s", po::value(&seed), "random seed (default: the case's)")
        ("threads,t", po::value(&a.opts.threads), "worker threads (default: all cores); results do not depend on it")
        ("lang", po::value(&lang)->default_value("sv"), "language of the printed table: sv (Swedish) or en")
        ("rate", po::value(&a.econ.rate)->default_value(0.035, "0.035"),
         "real discount rate a year for present values (ASEK and the Green Book: 3.5 %; 0 allowed)")
        ("price-base-year", po::value(&a.econ.price_base_year), "the year whose amounts are not discounted "
         "(default: the first simulated year)")
        ("deadweight", po::value(&a.econ.deadweight)->default_value(0.0, "0"),
         "share of the outcome difference that would have happened anyway (0-1), shown separately")
        ("optimism-bias", po::value(&a.econ.optimism_bias)->default_value(0.0, "0"),
         "uplift on project costs (0.2 = +20 %, Green Book practice), shown separately")
        ("fixed-parameters", po::bool_switch(&a.opts.fixed_parameters),
         "uncertain model values at their means: the spread is then the flows' randomness alone")
        ("shard", po::value(&shard), "K/N: run replications K, K+N, K+2N, ... (K from 0) and write a partial "
         "result for 'hemsim merge'")
        ("quiet,q", po::bool_switch(&a.quiet), "print only the files written");
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
    if (vm.count("seed")) {
        a.opts.seed = seed;
        a.opts.seed_given = true;
    }
    if (vm.count("replications") && a.opts.replications == 0)
        throw usage_error("--replications must be at least 1");
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
    try {
        check_econ_options(a.econ);
    } catch (const std::invalid_argument& e) {
        throw usage_error(e.what());
    }
    scenario sc = load_scenario(a.file);
    fs::path dir = a.out_dir.empty() ? fs::path("output") / fs::path(a.file).stem() : fs::path(a.out_dir);

    scenario_result res = run_scenario(sc, a.opts);
    check_conservation(sc, res);
    if (a.opts.shard_n > 1) {
        // A shard writes its raw results; `hemsim merge` makes the run's files from all shards.
        run_identity id = identity_of(sc, a.file, res);
        std::string name = "partial-" + std::to_string(a.opts.shard_k) + "-of-" + std::to_string(a.opts.shard_n) + ".bin";
        output_set files(dir);
        files.add(name, encode_partial(id, res));
        files.commit();
        out << (a.lang == language::sv ? "skrev " : "wrote ") << (dir / name).string() << "\n";
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
        ("rate", po::value(&a.econ.rate)->default_value(0.035, "0.035"), "real discount rate a year")
        ("price-base-year", po::value(&a.econ.price_base_year), "the year whose amounts are not discounted")
        ("deadweight", po::value(&a.econ.deadweight)->default_value(0.0, "0"), "deadweight share (0-1)")
        ("optimism-bias", po::value(&a.econ.optimism_bias)->default_value(0.0, "0"), "uplift on project costs")
        ("quiet,q", po::bool_switch(&a.quiet), "print only the files written");
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
    scenario sc = load_scenario(case_file);
    run_identity id;
    scenario_result res;
    try {
        res = merge_partials(sc, files, id);
    } catch (const std::runtime_error& e) {
        throw usage_error(e.what());
    }
    if (inputs_sha256(sc) != id.inputs_sha256)
        throw usage_error("the case's input files changed since the shards ran (" + case_file +
                          "); run the shards again or merge with the files as they were");
    fs::path dir = a.out_dir.empty() ? fs::path("output") / fs::path(case_file).stem() : fs::path(a.out_dir);
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
    scenario sc = load_scenario(file);
    calc_result c = static_sum(sc);
    fs::path dir = out_dir.empty() ? fs::path("output") / fs::path(file).stem() : fs::path(out_dir);
    output_set files(dir);
    files.add("calc.csv", calc_csv(c));
    files.commit();
    out << calc_table(sc, c, lg) << "\n" << (lg == language::sv ? "skrev " : "wrote ") << (dir / "calc.csv").string()
        << "\n";
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
        if (cmd == "merge") return cmd_merge(rest, join_command(argc, argv), out);
        if (cmd == "check") return cmd_check(rest, out);
        throw usage_error("unknown command '" + cmd + "'; the commands are: run, calc, merge, check (see 'hemsim --help')");
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
