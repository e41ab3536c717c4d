// hemsim new: a first case from each shipped template, accepted at once by
// check, calc and run (no warning), with a nollalternativ that stands still;
// never an overwrite; bad names and templates refused with exit 2.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli_helpers.hpp"

using namespace hemsim;
using hemsim::testing::cli;
using hemsim::testing::cli_result;
using hemsim::testing::read_file;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> templates = {"kedjan", "bostad-forst", "vrakningsforebyggande"};

fs::path shipped(const std::string& templ, const std::string& file) {
    return fs::path(HEMSIM_SOURCE_DIR) / "templates" / templ / file;
}

// A folder of its own per test case (ctest runs cases in parallel processes).
fs::path scratch(const std::string& name) { return hemsim::testing::fresh_path("new-" + name, true); }

bool has_warning(const cli_result& r) {
    for (const std::string* s : {&r.out, &r.err})
        for (const char* w : {"Varning", "varning", "Warning", "warning"})
            if (s->find(w) != std::string::npos) return true;
    return false;
}

// The nollalternativ's mean clients present per calendar year: its person-days over
// the placements, divided by the year's days (every year of the templates has 365).
std::map<std::string, double> baseline_present(const std::string& yearly_csv) {
    std::map<std::string, double> present;
    std::istringstream in(yearly_csv);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> cell;
        std::stringstream ss(line);
        std::string c;
        while (std::getline(ss, c, ',')) cell.push_back(c);
        if (cell.size() < 4 || cell[0] != "nollalternativ" || cell[1] == "total") continue;
        if (cell[2].rfind("person_days:", 0) == 0) present[cell[1]] += std::stod(cell[3]) / 365.0;
    }
    return present;
}

}  // namespace

TEST_CASE("new writes each template, which check, calc and run accept without a warning", "[cli][new]") {
    for (const std::string& templ : templates) {
        DYNAMIC_SECTION(templ) {
            fs::path dir = scratch("ok-" + templ);
            cli_result w = cli({"new", "mitt-fall", "--template", templ, "--out", dir.string()});
            INFO(w.err);
            REQUIRE(w.code == exit_ok);
            const fs::path at = dir / "mitt-fall";
            for (const char* f : {"case.toml", "model.toml"}) {
                INFO(f);
                const std::string want = read_file(shipped(templ, f));
                REQUIRE_FALSE(want.empty());
                CHECK(read_file(at / f) == want);  // byte for byte: the case names "model.toml" beside it
            }
            const std::string c = (at / "case.toml").string();

            cli_result ck = cli({"check", c});
            INFO(ck.out << ck.err);
            CHECK(ck.code == exit_ok);
            CHECK_FALSE(has_warning(ck));

            cli_result ca = cli({"calc", c, "--out", (dir / "calc").string()});
            INFO(ca.out << ca.err);
            CHECK(ca.code == exit_ok);
            CHECK(ca.out.find("Summa") != std::string::npos);
            CHECK_FALSE(has_warning(ca));

            cli_result r = cli({"run", c, "-r", "20", "--out", (dir / "run").string()});
            INFO(r.out << r.err);
            REQUIRE(r.code == exit_ok);
            CHECK_FALSE(has_warning(r));
            const nlohmann::json manifest = nlohmann::json::parse(read_file(dir / "run" / "manifest.json"));
            CHECK(manifest.at("warnings").empty());

            // Every input number of every alternative has its source or is marked an assumption.
            REQUIRE(manifest.at("model_inputs").size() > 20);
            for (const nlohmann::json& in : manifest.at("model_inputs")) {
                const std::string source = in.value("source", ""), note = in.value("note", "");
                INFO(in.at("alternative").get<std::string>()
                     << " " << in.at("path").get<std::string>() << " at " << in.value("where", ""));
                CHECK((source.rfind("seed 00", 0) == 0 || note.find("assumption") != std::string::npos ||
                       note.find("seed 00") != std::string::npos));
            }

            // The nollalternativ neither empties nor grows: its first and last years
            // within 10 % of each other.
            std::map<std::string, double> p = baseline_present(read_file(dir / "run" / "yearly.csv"));
            REQUIRE(p.size() >= 2);
            const double first = p.begin()->second, last = p.rbegin()->second;
            INFO("clients present, first year " << first << ", last year " << last);
            CHECK(first > 20);
            CHECK(last > 0.9 * first);
            CHECK(last < 1.1 * first);
        }
    }
}

TEST_CASE("new never overwrites: a second new is refused and the files stay as they were", "[cli][new]") {
    fs::path dir = scratch("twice");
    REQUIRE(cli({"new", "fall", "--out", dir.string()}).code == exit_ok);
    const fs::path at = dir / "fall";
    // The user's own change must survive.
    {
        std::string edited = read_file(at / "case.toml") + "# my own note\n";
        std::ofstream(at / "case.toml", std::ios::binary) << edited;
    }
    const std::string case_before = read_file(at / "case.toml"), model_before = read_file(at / "model.toml");
    for (const std::string& templ : templates) {
        cli_result again = cli({"new", "fall", "--template", templ, "--out", dir.string()});
        CHECK(again.code == exit_usage);
        CHECK(again.err.find("already there; nothing written") != std::string::npos);
    }
    CHECK(read_file(at / "case.toml") == case_before);
    CHECK(read_file(at / "model.toml") == model_before);

    // Only model.toml there (case.toml removed): still refused, nothing written.
    fs::remove(at / "case.toml");
    CHECK(cli({"new", "fall", "--out", dir.string()}).code == exit_usage);
    CHECK_FALSE(fs::exists(at / "case.toml"));
    CHECK(read_file(at / "model.toml") == model_before);
}

TEST_CASE("new refuses odd names and unknown templates with exit 2, writing nothing", "[cli][new]") {
    fs::path dir = scratch("bad");
    for (const char* name : {"../utanfor", "a/b", ".dold", "_x", "med mellanslag", "å", "", ".", ".."}) {
        INFO(name);
        cli_result r = cli({"new", name, "--out", dir.string()});
        CHECK(r.code == exit_usage);
        CHECK(r.err.find("is not a plain folder name") != std::string::npos);
    }
    CHECK(cli({"new", "-x", "--out", dir.string()}).code == exit_usage);  // read as an option
    cli_result r = cli({"new", "fall", "--template", "trappan", "--out", dir.string()});
    CHECK(r.code == exit_usage);
    CHECK(r.err.find("unknown template 'trappan'; the templates are: kedjan, bostad-forst, "
                     "vrakningsforebyggande") != std::string::npos);
    CHECK(cli({"new"}).code == exit_usage);
    CHECK(fs::is_empty(dir));
    CHECK_FALSE(fs::exists(dir.parent_path() / "utanfor"));

    cli_result h = cli({"new", "--help"});
    CHECK(h.code == exit_ok);
    CHECK(h.out.find("--template") != std::string::npos);
    CHECK(cli({"--help"}).out.find("hemsim new NAME") != std::string::npos);
}
