#include "cli/cli.hpp"

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "hemsim_version.hpp"
#include "model/loader.hpp"
#include "econ/calc.hpp"
#include "report/calc_report.hpp"
#include "report/csv.hpp"
#include "report/files.hpp"
#include "report/manifest.hpp"
#include "report/table.hpp"
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

int cmd_run(const std::vector<std::string>& args, const std::string& command, std::ostream& out,
            std::ostream& err) {
    run_args a;
    std::string lang = "sv";
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
        ("quiet,q", po::bool_switch(&a.quiet), "print only the files written");
    po::positional_options_description pos;
    pos.add("case", 1);
    po::variables_map vm;
    const std::string usage =
        "Usage: hemsim run CASE.toml [--out DIR] [--replications N] [--seed S] [--threads T] [--lang sv|en]\n"
        "Simulates every alternative, prints cost per year in tkr with 95 % CI and the paired difference\n"
        "against the nollalternativ, and writes yearly.csv and manifest.json to the output folder.";
    if (!parse(opt, pos, args, vm, usage, out)) return exit_ok;
    if (vm.count("seed")) {
        a.opts.seed = seed;
        a.opts.seed_given = true;
    }
    if (vm.count("replications") && a.opts.replications == 0)
        throw usage_error("--replications must be at least 1");
    a.lang = parse_language(lang);

    scenario sc = load_scenario(a.file);
    fs::path dir = a.out_dir.empty() ? fs::path("output") / fs::path(a.file).stem() : fs::path(a.out_dir);

    scenario_result res = run_scenario(sc, a.opts);
    check_conservation(sc, res);
    std::vector<metric_row> rows = yearly_rows(sc, res);

    output_set files(dir);
    files.add("yearly.csv", yearly_csv(rows));
    files.add("ledger.csv", ledger_csv(ledger_rows(sc, res)));
    std::vector<std::string> names{"yearly.csv", "ledger.csv", "manifest.json"};
    files.add("manifest.json", manifest_json(sc, res, command, names));
    files.commit();

    if (!a.quiet) {
        out << run_table(sc, res, rows, a.lang) << "\n";
        std::string beside = calc_beside_run(sc, res, rows, a.lang);
        if (!beside.empty()) out << beside << "\n";
    }
    for (const std::string& n : names) out << (a.lang == language::sv ? "skrev " : "wrote ") << (dir / n).string() << "\n";
    (void)err;
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
        if (cmd == "run") return cmd_run(rest, join_command(argc, argv), out, err);
        if (cmd == "calc") return cmd_calc(rest, out);
        if (cmd == "check") return cmd_check(rest, out);
        throw usage_error("unknown command '" + cmd + "'; the commands are: run, calc, check (see 'hemsim --help')");
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
