#include "cli/common.hpp"

#include <unistd.h>

#include <cmath>
#include <iostream>

#include "model/loader.hpp"
#include "report/manifest.hpp"
#include "report/messages.hpp"

namespace hemsim::cli {

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
        throw usage_error("the output folder " + dir.string() +
                          " is a file, not a folder; give --out a folder "
                          "(it is made when missing)");
    fs::path up = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
    while (!fs::exists(up, ec) && up.has_parent_path() && up != up.parent_path()) up = up.parent_path();
    if (fs::exists(up, ec) && (!fs::is_directory(up, ec) || ::access(up.c_str(), W_OK) != 0))
        throw usage_error("cannot make the output folder " + dir.string() + ": " + up.string() +
                          (fs::is_directory(up, ec) ? " is not writable" : " is not a folder") +
                          "; give --out another folder");
    return dir;
}

// "skrev DIR/NAME" (or "wrote") for each file written.
void print_written(std::ostream& out, const fs::path& dir, const std::vector<std::string>& names,
                   language lang) {
    for (const std::string& n : names) out << text(msg::written, lang, (dir / n).string()) << "\n";
}

// The economic options that run and merge share.
void add_econ_options(po::options_description& opt, econ_options& econ) {
    opt.add_options()(
        "rate", po::value(&econ.rate)->default_value(0.035, "0.035"),
        "real discount rate a year for present values (default: the case's discount_rate, else ASEK's and "
        "the Green Book's 3.5 %; 0 allowed)")("price-base-year", po::value(&econ.price_base_year),
                                              "the year whose amounts are not discounted "
                                              "(default: the first simulated year)")(
        "deadweight", po::value(&econ.deadweight)->default_value(0.0, "0"),
        "share of the outcome difference that would have happened anyway (0-1), shown separately")(
        "optimism-bias", po::value(&econ.optimism_bias)->default_value(0.0, "0"),
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
command_line::command_line(const std::string& command, const char* positional,
                           const po::value_semantic* value, const char* help, int count)
    : opt("Options of 'hemsim " + command + "'") {
    opt.add_options()("help,h", "this help")(positional, value, help);
    pos.add(positional, count);
}

bool command_line::parse(const std::vector<std::string>& args, const std::string& usage, std::ostream& out) {
    try {
        po::store(po::command_line_parser(args).options(opt).positional(pos).run(), vm);
        if (vm.count("help")) {
            out << usage << "\n" << opt;
            return false;
        }
        po::notify(vm);
    } catch (const po::error& e) {
        throw usage_error(std::string(e.what()) + "\n" + usage + "\nTry '--help' for the options.");
    }
    return true;
}

bool command_line::parse(const std::vector<std::string>& args, const std::string& usage, std::ostream& out,
                         run_args& a) {
    if (!parse(args, usage, out)) return false;
    read_common_options(vm, a);
    return true;
}

// A case (scenario) file; a model file given instead is told what a case is.
scenario load_case(const std::string& file) {
    if (detect_kind(file) == file_kind::model)
        throw input_error(
            file +
            ": this is a model file (it has no [[alternative]] and no model = \"...\"); this "
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

namespace {

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
                          ": give a calendar year near the case's (it starts in " + std::to_string(first) +
                          ")");
}

}  // namespace

scenario load_case(const std::string& file, econ_options& econ, bool rate_given) {
    check_econ(econ);
    scenario sc = load_case(file);
    if (sc.discount_rate && !rate_given) econ.rate = *sc.discount_rate;
    check_base_year(econ, sc);
    return sc;
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

void add_common_options(po::options_description& opt, run_args& a, unsigned which,
                        const char* replications_help) {
    auto add = opt.add_options();
    if (which & opt_out)
        add("out,o", po::value(&a.out_dir), "output folder (default output/<case file stem>/)");
    if (which & opt_replications) add("replications,r", po::value<whole_arg>(), replications_help);
    if (which & opt_seed) add("seed,s", po::value<whole_arg>(), "random seed (default: the case's)");
    if (which & opt_threads)
        add("threads,t", po::value<whole_arg>(),
            "worker threads (default: all cores); results do not depend on it");
    if (which & opt_lang)
        add("lang", po::value(&a.lang_text)->default_value("sv"),
            "language of the printed tables: sv (Swedish) or en");
    if (which & opt_quiet)
        add("quiet,q", po::bool_switch(&a.quiet), "print only the files written (and warnings)");
    if (which & opt_resimulate)
        add("resimulate",
            "simulate anew at every value, even one that only changes costs (a price, an annual cost, "
            "a project amount), which is otherwise costed again from one simulation; slower, the same "
            "answer");
    if (which & opt_econ) add_econ_options(opt, a.econ);
}

void read_common_options(const po::variables_map& vm, run_args& a) {
    read_run_counts(vm, a.opts);
    a.rate_given = vm.count("rate") && !vm["rate"].defaulted();
    a.lang = parse_language(a.lang_text);
}

// "path=grid" of --set / --set-all.
sweep_axis parse_axis(const std::string& text, bool baseline_too, const char* option) {
    auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw usage_error(std::string(option) + " takes PATH=FROM:TO:STEP, e.g. " + option +
                          " staff.boendestodjare.fte=3:12:1, not '" + text + "'");
    try {
        return {text.substr(0, eq), parse_grid(text.substr(eq + 1)), baseline_too};
    } catch (const std::invalid_argument& e) {
        throw usage_error(std::string(option) + " " + text.substr(0, eq) + ": " + e.what());
    }
}

switching_spec parse_switching(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw usage_error("--switching takes PATH=LO:HI, not '" + text + "'");
    switching_spec s{text.substr(0, eq), 0, 0};
    try {
        const std::string r = text.substr(eq + 1);
        const auto colon = r.find(':');
        if (colon == std::string::npos) throw std::invalid_argument("");
        s.lo = parse_number(r.substr(0, colon));
        s.hi = parse_number(r.substr(colon + 1));
    } catch (const std::exception&) {
        throw usage_error("--switching takes PATH=LO:HI with two finite numbers, not '" + text + "'");
    }
    if (!(s.lo < s.hi))
        throw usage_error("--switching " + text + ": LO must be below HI (e.g. " + s.path + "=10:100)");
    return s;
}

void add_report_options(po::options_description& opt, report_args& r) {
    opt.add_options()(
        "sweep", po::value(&r.sweeps),
        "PATH=FROM:TO:STEP: a heat map over one or two model values in every alternative but the "
        "nollalternativ (as sweep --set)")("sweep-all", po::value(&r.sweeps_all),
                                           "PATH=FROM:TO:STEP in every alternative (as sweep --set-all)")(
        "formats", po::value(&r.formats)->default_value(r.formats),
        "the report's formats: html, pdf, docx, xlsx")(
        "reference-doc", po::value(&r.reference_doc),
        "a Word document whose styles rapport.docx takes (default: report/referens.docx)")(
        "no-sensitivity", po::bool_switch(&r.no_sensitivity), "leave the tornado out (faster)")(
        "switching", po::value(&r.switching),
        "PATH=LO:HI: the value at which the first project's NPV of the difference is zero (as sensitivity "
        "--switching); repeatable");
}
}  // namespace hemsim::cli
