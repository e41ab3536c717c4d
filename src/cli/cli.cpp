#include "cli/cli.hpp"

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "hemsim_version.hpp"

// The command line's entry point: the overview, the dispatch to a command
// (src/cli/<command>.cpp), and exceptions turned into exit codes.
namespace hemsim {

namespace {

const char* const overview =
    "hemsim: a discrete-event simulator and cost model for business cases against homelessness\n"
    "\n"
    "Usage:\n"
    "  hemsim run CASE.toml [options]    simulate every alternative of a case, write output files\n"
    "  hemsim report CASE.toml [options] the application-ready report: HTML, PDF, Word and Excel\n"
    "  hemsim serve [--port P]           a local web page: cases as forms, runs, reports\n"
    "  hemsim calc CASE.toml [options]   the application's own static sum (count x price x months)\n"
    "  hemsim sweep CASE.toml --set ...  a grid over one or two model values (sweep.csv)\n"
    "  hemsim sensitivity CASE.toml      one-way sensitivity (tornado) and switching values\n"
    "  hemsim analyze FILE.toml          the model as a Markov chain (expected days, exits, cost per "
    "client)\n"
    "  hemsim merge DIR... [options]     combine the partial results of run --shard K/N\n"
    "  hemsim check FILE.toml            validate a model or a scenario (case) file\n"
    "  hemsim new NAME [--template T]    a first case from a template: NAME/case.toml and model.toml\n"
    "  hemsim COMMAND --help             the options of a command\n"
    "  hemsim --version\n"
    "\n"
    "A case (scenario) compares alternatives with the nollalternativ (the do-nothing baseline).\n"
    "Exit codes: 0 success, 1 failure while running, 2 usage or input error.\n";

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
        if (cmd == "run") return cli::cmd_run(rest, cli::join_command(argc, argv), out);
        if (cmd == "report") return cli::cmd_report(rest, cli::join_command(argc, argv), out);
        if (cmd == "serve") return cli::cmd_serve(rest, out);
        if (cmd == "calc") return cli::cmd_calc(rest, out);
        if (cmd == "analyze") return cli::cmd_analyze(rest, out);
        if (cmd == "sweep") return cli::cmd_sweep(rest, out);
        if (cmd == "sensitivity") return cli::cmd_sensitivity(rest, out);
        if (cmd == "merge") return cli::cmd_merge(rest, cli::join_command(argc, argv), out);
        if (cmd == "check") return cli::cmd_check(rest, out);
        if (cmd == "new") return cli::cmd_new(rest, out);
        throw cli::usage_error(
            "unknown command '" + cmd +
            "'; the commands are: run, report, serve, calc, sweep, sensitivity, analyze, merge, check, new "
            "(see 'hemsim --help')");
    } catch (const cli::usage_error& e) {
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
