// What every command of the command line shares: the option types and the
// options declared once (--out, --replications, --threads, --seed, --lang,
// --quiet and the economic options), their checks, and loading a case. Private
// to src/cli.
#pragma once

#include <boost/program_options.hpp>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/analysis.hpp"
#include "cli/cli.hpp"
#include "econ/economics.hpp"
#include "model/model.hpp"
#include "report/text.hpp"
#include "results/partial.hpp"
#include "results/runner.hpp"

namespace hemsim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

/// A usage error: wrong command or options (exit 2).
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What the commands that run a case take.
struct run_args {
    std::string file;
    std::string out_dir;
    run_options opts;
    econ_options econ;
    bool rate_given = false;  // --rate on the command line (else the case's discount_rate, if any)
    language lang = language::sv;
    std::string lang_text = "sv";
    bool quiet = false;
};

/// A whole-number option written in digits: "-1", "1e9" and "3.5" are usage errors
/// (Program_Options would read "-1" as 4 294 967 295 for an unsigned).
struct whole_arg {
    std::uint64_t value = 0;
};
void validate(boost::any& v, const std::vector<std::string>& values, whole_arg*, int);

/// The options several commands share, declared here once.
enum common_option : unsigned {
    opt_out = 1,           // --out/-o
    opt_replications = 2,  // --replications/-r
    opt_threads = 4,       // --threads/-t
    opt_seed = 8,          // --seed/-s
    opt_lang = 16,         // --lang
    opt_quiet = 32,        // --quiet/-q
    opt_econ = 64,         // --rate, --price-base-year, --deadweight, --optimism-bias
    opt_resimulate = 128,  // --resimulate
};
void add_common_options(po::options_description& opt, run_args& a, unsigned which,
                        const char* replications_help = "replications (default: the case's)");

/// Reads what add_common_options declared into `a` (counts in their ranges, the language).
void read_common_options(const po::variables_map& vm, run_args& a);

/// A command's options: --help and its positional argument first (`count` of them, -1 for
/// any number), then the command's own (add them to `opt`) and the shared ones.
struct command_line {
    po::options_description opt;
    po::positional_options_description pos;
    po::variables_map vm;

    command_line(const std::string& command, const char* positional, const po::value_semantic* value,
                 const char* help, int count = 1);
    /// Parses `args`; false when --help was printed.
    bool parse(const std::vector<std::string>& args, const std::string& usage, std::ostream& out);
    /// The same, then read_common_options into `a`.
    bool parse(const std::vector<std::string>& args, const std::string& usage, std::ostream& out,
               run_args& a);
};

/// The value of a whole-number option, checked against its range.
std::uint64_t whole_in(const po::variables_map& vm, const char* name, std::uint64_t lo, std::uint64_t hi,
                       const std::string& what);

/// The output folder (--out, else output/<file stem>/), checked before any work.
fs::path output_dir(const std::string& out_dir, const std::string& file);

/// "skrev DIR/NAME" (or "wrote") for each file written.
void print_written(std::ostream& out, const fs::path& dir, const std::vector<std::string>& names,
                   language lang);

/// The command line as one string, for the manifest.
std::string join_command(int argc, const char* const* argv);

/// A case (scenario) file; a model file given instead is told what a case is.
scenario load_case(const std::string& file);

/// A finite number in plain text ("nan", "inf" and trailing text refused).
double parse_number(const std::string& text);

/// The economic options checked (as usage errors), then the case loaded, then
/// --price-base-year checked against the case's years. The case's `discount_rate`
/// becomes econ.rate unless `rate_given` (--rate on the command line).
scenario load_case(const std::string& file, econ_options& econ, bool rate_given);

language parse_language(const std::string& lang);

/// "PATH=FROM:TO:STEP" of --set / --set-all / --sweep as a sweep axis (usage errors name `option`).
sweep_axis parse_axis(const std::string& text, bool baseline_too, const char* option = "--set");

/// "PATH=LO:HI" of --switching (usage errors: not two finite numbers, LO not below HI).
struct switching_spec {
    std::string path;
    double lo = 0, hi = 0;
};
switching_spec parse_switching(const std::string& text);

/// What the report takes (`hemsim report`, `hemsim run --report`).
struct report_args {
    bool wanted = false;
    std::vector<std::string> sweeps, sweeps_all, switching;
    std::string formats = "html,pdf,docx,xlsx";
    std::string reference_doc;
    bool no_sensitivity = false;
};
void add_report_options(po::options_description& opt, report_args& r);

/// The sha256 of every input file, and the identity of a shard's run.
std::string inputs_sha256(const scenario& sc);
run_identity identity_of(const scenario& sc, const std::string& file, const scenario_result& res);

// The commands (src/cli/<command>.cpp).
int cmd_run(const std::vector<std::string>& args, const std::string& command, std::ostream& out);
int cmd_merge(const std::vector<std::string>& args, const std::string& command, std::ostream& out);
int cmd_report(const std::vector<std::string>& args, const std::string& command, std::ostream& out);
int cmd_serve(const std::vector<std::string>& args, std::ostream& out);
int cmd_calc(const std::vector<std::string>& args, std::ostream& out);
int cmd_check(const std::vector<std::string>& args, std::ostream& out);
int cmd_new(const std::vector<std::string>& args, std::ostream& out);
int cmd_analyze(const std::vector<std::string>& args, std::ostream& out);
int cmd_sweep(const std::vector<std::string>& args, std::ostream& out);
int cmd_sensitivity(const std::vector<std::string>& args, std::ostream& out);

}  // namespace hemsim::cli
