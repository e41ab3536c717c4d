#include "econ/calc.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <thread>

#include "cli/common.hpp"
#include "model/loader.hpp"
#include "report/calc_report.hpp"
#include "report/files.hpp"

// hemsim calc (the application's own sum) and hemsim check (a file validated).
namespace hemsim::cli {

int cmd_calc(const std::vector<std::string>& args, std::ostream& out) {
    run_args a;
    const std::string& file = a.file;
    command_line cl("calc", "case", po::value(&a.file)->required(), "the case (scenario) file");

    add_common_options(cl.opt, a, opt_out | opt_lang);
    const std::string usage =
        "Usage: hemsim calc CASE.toml [--out DIR] [--lang sv|en]\n"
        "The application's own static sum: each alternative's lines (stock x price x months, staff FTE x\n"
        "annual cost, project cost lines), its annual total and its difference against the nollalternativ,\n"
        "in kr and in the case's units (tkr or mkr). Writes calc.csv.";
    if (!cl.parse(args, usage, out, a)) return exit_ok;
    const language lg = a.lang;
    fs::path dir = output_dir(a.out_dir, file);
    scenario sc = load_case(file);
    calc_result c = static_sum(sc);
    output_set files(dir);
    files.add("calc.csv", calc_csv(c));
    files.commit();
    out << calc_table(sc, c, lg) << "\n";
    print_written(out, dir, {"calc.csv"}, lg);
    return exit_ok;
}

int cmd_check(const std::vector<std::string>& args, std::ostream& out) {
    std::string file;
    command_line cl("check", "file", po::value(&file)->required(), "a model or scenario file");
    const std::string usage =
        "Usage: hemsim check FILE.toml\nValidates a model or a scenario (case) file and says what is wrong.";
    if (!cl.parse(args, usage, out)) return exit_ok;
    std::string summary = check_file(file);
    out << file << ": OK: " << summary << "\n";
    return exit_ok;
}

}  // namespace hemsim::cli
