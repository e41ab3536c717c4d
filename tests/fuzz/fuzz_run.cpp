#include "fuzz/fuzz_run.hpp"

#include <stdlib.h>  // mkdtemp (POSIX)

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

#include "analytic/analytic.hpp"
#include "app/run.hpp"
#include "econ/calc.hpp"
#include "econ/economics.hpp"
#include "model/loader.hpp"
#include "report/calc_report.hpp"
#include "report/csv.hpp"
#include "report/economics_report.hpp"
#include "report/inputs_report.hpp"
#include "report/table.hpp"
#include "report/warnings_report.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"

namespace fs = std::filesystem;

namespace hemsim::fuzz {

workdir::workdir(const fs::path& source_dir) {
    std::string tmpl = (fs::temp_directory_path() / "hemsim-fuzz-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr)
        throw std::system_error(errno, std::generic_category(), "mkdtemp " + tmpl);
    dir_ = tmpl;
    for (const char* top : {"models", "tests/data"}) {
        for (const fs::directory_entry& e : fs::recursive_directory_iterator(source_dir / top)) {
            if (!e.is_regular_file() || e.path().extension() != ".toml") continue;
            fs::path rel = e.path().lexically_relative(source_dir);
            if (rel.generic_string().rfind("tests/data/fuzz/", 0) == 0) continue;  // the findings themselves
            fs::create_directories(dir_ / rel.parent_path());
            fs::copy_file(e.path(), dir_ / rel);
        }
    }
}

workdir::~workdir() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

fs::path workdir::write(const char* name, const std::uint8_t* data, std::size_t size) const {
    fs::path file = dir_ / name;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
    return file;
}

namespace {

// Runs one pass; a std::runtime_error (input_error included) stops it
// normally. Every other exception escapes: it is a finding.
template <class F>
bool pass(F&& f) {
    try {
        f();
        return true;
    } catch (const std::runtime_error&) {
        return false;
    }
}

}  // namespace

outcome run_model_file(const fs::path& file) {
    model m;
    try {
        (void)check_file(file);
        m = load_model(file);
    } catch (const std::exception&) {
        return outcome::rejected;
    }
    return pass([&] { (void)analyze_model(m); }) ? outcome::ran : outcome::stopped;
}

outcome run_scenario_file(const fs::path& file) {
    scenario sc;
    try {
        (void)check_file(file);
        sc = load_scenario(file);
    } catch (const std::exception&) {
        return outcome::rejected;
    }
    sc.horizon_months = std::min(sc.horizon_months, max_horizon_months);
    bool ok = pass([&] { (void)static_sum(sc); });
    ok = pass([&] { (void)analyze_scenario(sc); }) && ok;
    run_options o;
    o.replications = 1;
    o.threads = 1;
    o.limits.max_events = max_events;
    o.limits.max_clients = max_clients;
    scenario_result res;
    if (!pass([&] { res = run_case(sc, o); })) return outcome::stopped;
    // From here on the run succeeded: only the analytic comparison may stop
    // normally (too many states); a failed conservation check is a logic_error.
    check_conservation(sc, res);
    // The tables and every writer a run uses, in both languages.
    const result_table yearly = yearly_table(sc, res);
    (void)yearly_csv(yearly);
    (void)ledger_csv(ledger_rows(sc, res));
    (void)economics_csv(economics_rows(sc, res, econ_options{}));
    for (language lang : {language::sv, language::en}) {
        (void)run_table(sc, res, yearly, lang);
        (void)calc_beside_run(sc, static_sum(sc), yearly, lang);
        (void)economics_summary(sc, res, econ_options{}, lang);
        (void)inputs_listing(sc, lang);
        for (const run_warning& w : run_warnings(sc, res)) (void)warning_text(w, sc, lang);
    }
    ok = pass([&] { (void)compare_with_simulation(sc, res); }) && ok;
    return ok ? outcome::ran : outcome::stopped;
}

}  // namespace hemsim::fuzz
