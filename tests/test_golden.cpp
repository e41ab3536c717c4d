// Approved outputs: every shipped case's files and printed tables at a small
// replication count, compared byte for byte with tests/golden/. A change that
// moves a number on purpose regenerates them in a commit of its own
// (scripts/update-goldens.sh), so that every other change is seen to leave
// them identical.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/analysis.hpp"
#include "app/run.hpp"
#include "cli_helpers.hpp"
#include "model/loader.hpp"
#include "model/model.hpp"
#include "report/report_build.hpp"
#include "report/report_document.hpp"

using hemsim::testing::cli;
using hemsim::testing::read_file;
namespace fs = std::filesystem;

namespace {

const fs::path golden_root = fs::path(HEMSIM_SOURCE_DIR) / "tests" / "golden";

bool updating() {
    const char* v = std::getenv("HEMSIM_UPDATE_GOLDEN");
    return v && std::string(v) == "1";
}

// What a command printed, without the lines naming the (temporary) files written.
std::string printed(const std::string& out) {
    std::string kept, line;
    std::size_t start = 0;
    while (start < out.size()) {
        std::size_t end = out.find('\n', start);
        if (end == std::string::npos) end = out.size();
        line = out.substr(start, end - start);
        if (line.rfind("skrev ", 0) != 0 && line.rfind("wrote ", 0) != 0) kept += line + "\n";
        start = end + 1;
    }
    return kept;
}

// Compares `got` with the approved file (or writes it when updating).
void approve(const fs::path& golden, const std::string& got) {
    INFO("golden file " << golden.string() << " (regenerate with scripts/update-goldens.sh)");
    if (updating()) {
        fs::create_directories(golden.parent_path());
        std::ofstream(golden, std::ios::binary) << got;
        return;
    }
    REQUIRE(fs::exists(golden));
    const std::string want = read_file(golden);
    if (want != got) {
        // The first differing line, for a readable failure.
        std::size_t i = 0;
        while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
        std::size_t from = want.rfind('\n', i == 0 ? 0 : i - 1);
        from = from == std::string::npos ? 0 : from + 1;
        INFO("want: " << want.substr(from, want.find('\n', i) - from));
        INFO("got:  " << got.substr(from, got.find('\n', i) - from));
        CHECK(want == got);
    }
}

struct shipped_case {
    std::string file;  // under scenarios/
    bool sensitivity;  // has uncertain inputs: the tornado too
};

const std::vector<shipped_case> cases{
    {"enheten-for-hemlosa-2007.toml", true},
    {"hagersten-liljeholmen-2017.toml", false},
    {"hemloshetssamordnare-2017.toml", false},
    {"norrmalm-bo-kvar-2011.toml", false},
    {"bostad-forst-hagersten-liljeholmen-2018.toml", true},
};

// A folder of its own per test case (ctest runs cases in parallel processes).
fs::path scratch(const std::string& name) { return hemsim::testing::fresh_path("golden-" + name, false); }

}  // namespace

TEST_CASE("golden outputs of every shipped case", "[golden]") {
    for (const shipped_case& c : cases) {
        const std::string file = std::string(HEMSIM_SOURCE_DIR) + "/scenarios/" + c.file;
        const std::string stem = fs::path(c.file).stem().string();
        const fs::path g = golden_root / stem;
        SECTION(stem) {
            for (const std::string lang : {"sv", "en"}) {
                fs::path dir = scratch(stem + "-run-" + lang);
                auto r =
                    cli({"run", file, "-r", "20", "--threads", "2", "--lang", lang, "--out", dir.string()});
                INFO(r.err);
                REQUIRE(r.code == 0);
                approve(g / ("run." + lang + ".txt"), printed(r.out));
                if (lang == "sv")
                    for (const char* f : {"yearly.csv", "ledger.csv", "economics.csv", "monthly.csv"})
                        approve(g / f, read_file(dir / f));
                fs::remove_all(dir);

                dir = scratch(stem + "-calc-" + lang);
                r = cli({"calc", file, "--lang", lang, "--out", dir.string()});
                REQUIRE(r.code == 0);
                approve(g / ("calc." + lang + ".txt"), printed(r.out));
                if (lang == "sv") approve(g / "calc.csv", read_file(dir / "calc.csv"));
                fs::remove_all(dir);

                dir = scratch(stem + "-analyze-" + lang);
                r = cli(
                    {"analyze", file, "-r", "20", "--threads", "2", "--lang", lang, "--out", dir.string()});
                INFO(r.err);
                REQUIRE(r.code == 0);
                approve(g / ("analyze." + lang + ".txt"), printed(r.out));
                if (lang == "sv")
                    for (const char* f : {"analytic.csv", "analytic_comparison.csv"})
                        approve(g / f, read_file(dir / f));
                fs::remove_all(dir);

                if (!c.sensitivity) continue;
                dir = scratch(stem + "-sensitivity-" + lang);
                r = cli({"sensitivity", file, "-r", "10", "--threads", "2", "--lang", lang, "--out",
                         dir.string()});
                INFO(r.err);
                REQUIRE(r.code == 0);
                approve(g / ("sensitivity." + lang + ".txt"), printed(r.out));
                if (lang == "sv") approve(g / "sensitivity.csv", read_file(dir / "sensitivity.csv"));
                fs::remove_all(dir);
            }
        }
    }
}

// The report of the default case as HTML and Markdown, built through the
// library (without Graphviz's diagram, and with the version, commit, command
// and input paths fixed, so that the approved files change only when the
// report does).
TEST_CASE("golden report of the default case", "[golden][report]") {
    using namespace hemsim;
    const std::string file = std::string(HEMSIM_SOURCE_DIR) + "/scenarios/enheten-for-hemlosa-2007.toml";
    const scenario sc = load_scenario(file);
    run_options opts;
    opts.replications = 20;
    opts.threads = 2;
    const scenario_result res = run_case(sc, opts);
    run_options small = opts;
    small.replications = 10;
    const std::vector<tornado_row> tornado = one_way_sensitivity(sc, small, econ_options{});
    for (const language lang : {language::sv, language::en}) {
        report_request rq;
        rq.lang = lang;
        rq.tornado = tornado;
        rq.command_line = "hemsim report scenarios/enheten-for-hemlosa-2007.toml -r 20";
        report_model m = build_report(sc, res, rq);
        m.provenance.version = "VERSION";
        m.provenance.commit = "COMMIT";
        for (auto& [f, sha] : m.provenance.inputs_sha256) f = fs::path(f).filename().string();
        const std::vector<report_chart> charts = make_charts(m);
        const std::vector<doc_block> blocks = report_document(m, charts);
        const std::string tag = lang == language::sv ? "sv" : "en";
        const fs::path g = golden_root / "enheten-for-hemlosa-2007";
        approve(g / ("rapport." + tag + ".html"), report_html(m, blocks, charts));
        approve(g / ("rapport." + tag + ".md"), report_markdown(m, blocks, "img"));
    }
}
