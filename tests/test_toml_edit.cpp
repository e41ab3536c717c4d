// The TOML text editor (model/toml_edit.hpp): reading and saving every shipped
// file gives its bytes; a changed number changes only its own text and loads
// as the new value; sources, distributions and overrides; bad calls change nothing.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "model/loader.hpp"
#include "model/toml_edit.hpp"

using namespace hemsim;
namespace fs = std::filesystem;
using hemsim::testing::read_file;

namespace {

const fs::path source_dir{HEMSIM_SOURCE_DIR};
const std::string enheten = "enheten-for-hemlosa-2007.toml";

/// Every .toml file under `folder` of the source tree, sorted.
std::vector<fs::path> toml_files(const std::string& folder) {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(source_dir / folder))
        if (e.is_regular_file() && e.path().extension() == ".toml") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

/// model_input::where ("file:line:column") in its parts.
struct place {
    std::string file;
    std::uint32_t line = 0, column = 0;
};
place place_of(const std::string& where) {
    const std::size_t c2 = where.rfind(':');
    const std::size_t c1 = where.rfind(':', c2 - 1);
    return {where.substr(0, c1), static_cast<std::uint32_t>(std::stoul(where.substr(c1 + 1, c2 - c1 - 1))),
            static_cast<std::uint32_t>(std::stoul(where.substr(c2 + 1)))};
}

/// A copy of the shipped scenarios/ and models/ under a fresh temp folder (the
/// scenarios' `model = "../models/..."` still finds its model).
fs::path case_copy(const std::string& name) {
    const fs::path dir = hemsim::testing::fresh_path("toml-edit-" + name, true);
    for (const char* folder : {"scenarios", "models"})
        fs::copy(source_dir / folder, dir / folder, fs::copy_options::recursive);
    return dir;
}

void write_file(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t nl = text.find('\n', start);
        out.push_back(text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return out;
}

/// The lines (1-based) where two texts of the same number of lines differ.
std::vector<std::size_t> changed_lines(const std::string& before, const std::string& after) {
    const auto a = lines_of(before), b = lines_of(after);
    REQUIRE(a.size() == b.size());
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) out.push_back(i + 1);
    return out;
}

std::string line_of(const std::string& text, std::size_t line) { return lines_of(text).at(line - 1); }

const alternative& alt(const scenario& s, const std::string& id) {
    for (const alternative& a : s.alternatives)
        if (a.id == id) return a;
    FAIL("no alternative " << id);
    throw;
}

const model_input& input(const scenario& s, const std::string& alt_id, const std::string& path) {
    const model_input* in = alt(s, alt_id).system.find_input(path);
    if (!in) FAIL("no input " << path << " in " << alt_id);
    return *in;
}

/// The case copied, with `file` (relative to the copy) replaced by `text`, loaded.
scenario load_edited(const fs::path& dir, const std::string& file, const std::string& text,
                     const std::string& case_file = enheten) {
    write_file(dir / file, text);
    return load_scenario(dir / "scenarios" / case_file);
}

}  // namespace

TEST_CASE("every shipped file reads as its own bytes", "[toml_edit]") {
    std::size_t files = 0;
    for (const char* folder : {"models", "scenarios"})
        for (const fs::path& f : toml_files(folder)) {
            INFO(f.string());
            CHECK(toml_document::read(f).text() == read_file(f));
            ++files;
        }
    CHECK(files >= 16);
}

TEST_CASE("setting every shipped input to its own value, or away and back, keeps the bytes", "[toml_edit]") {
    std::size_t set = 0;
    for (const fs::path& f : toml_files("scenarios")) {
        const scenario s = load_scenario(f);
        std::map<std::string, toml_document> docs;  // by the file `where` names
        for (const alternative& a : s.alternatives)
            for (const model_input& in : a.system.inputs) {
                if (in.dist || !in.listed) continue;
                INFO(in.path << " at " << in.where);
                const place p = place_of(in.where);
                auto it = docs.find(p.file);
                if (it == docs.end()) it = docs.emplace(p.file, toml_document::read(p.file)).first;
                toml_document& doc = it->second;
                const std::string before = doc.text();
                doc.set_number(p.line, p.column, in.value);
                REQUIRE(doc.text() == before);
                // Changed and changed back: the editor writes each shipped number as written.
                doc.set_number(p.line, p.column, in.value + 1);
                CHECK(changed_lines(before, doc.text()) == std::vector<std::size_t>{p.line});
                doc.set_number(p.line, p.column, in.value);
                REQUIRE(doc.text() == before);
                ++set;
            }
        for (const auto& [file, doc] : docs) CHECK(doc.text() == read_file(file));
    }
    CHECK(set > 600);
}

TEST_CASE("a new value changes that number's text alone and loads", "[toml_edit]") {
    const fs::path dir = case_copy("new-value");
    const scenario shipped = load_scenario(dir / "scenarios" / enheten);
    struct edit {
        const char* alternative;
        const char* path;
        double value;
        const char* written;  // the edited line
    };
    const std::vector<edit> edits{
        // A bare number in the model, and a table with a source.
        {"nollalternativ", "staff.psyk_boendestod.annual_cost_per_fte", 450000,
         "annual_cost_per_fte = 450000"},
        {"nollalternativ", "staff.boendestodjare.fte", 7,
         "fte = { value = 7, source = \"seed 002, Bakgrund: Enheten har även sex boendestödjare\" }"},
        // A whole number written as an integer, now with a fraction.
        {"nollalternativ", "staff.psyk_boendestod.caseload", 6.5, "caseload = { value = 6.5, source = "},
        // A duration's parameter and a fixed duration in weeks.
        {"nollalternativ", "transition.forsok_harbarge.after.max", 300,
         "after = { uniform = [0, 300], note = "},
        {"nollalternativ", "service.bokurs.duration", 5, "duration = { fixed = 5, unit = \"weeks\", note = "},
        // In the scenario: a schedule step's value and a project line's amount.
        {"projekt", "supply.lagenheter.per_year@start", 35, "    { value = 35, source = "},
        {"projekt", "alternative.projekt.project_cost.1.per_year", 1750000.5, "  per_year = 1750000.5"},
    };
    for (const edit& e : edits) {
        SECTION(e.path) {
            const model_input& in = input(shipped, e.alternative, e.path);
            const place p = place_of(in.where);
            const std::string file = fs::relative(p.file, dir).lexically_normal().string();
            toml_document doc = toml_document::read(p.file);
            const std::string before = doc.text();
            doc.set_number(p.line, p.column, e.value);
            CHECK(changed_lines(before, doc.text()) == std::vector<std::size_t>{p.line});
            CHECK_THAT(line_of(doc.text(), p.line), Catch::StartsWith(e.written));
            const scenario edited = load_edited(dir, file, doc.text());
            CHECK(input(edited, e.alternative, e.path).value == e.value);
            CHECK(input(edited, e.alternative, e.path).source == in.source);
            // The rest loads as before.
            for (const model_input& other : alt(shipped, e.alternative).system.inputs)
                if (other.path != e.path && other.listed)
                    CHECK(input(edited, e.alternative, other.path).value == other.value);
            write_file(dir / file, before);
        }
    }
}

TEST_CASE("a distribution set to a number keeps its source and loads as a fixed value", "[toml_edit]") {
    const fs::path dir = case_copy("distribution");
    const fs::path file = dir / "scenarios" / enheten;
    const scenario shipped = load_scenario(file);

    SECTION("a price with a source: the distribution gives way to value = X") {
        const model_input& in = input(shipped, "projekt", "placement.stodboende.price_per_month");
        REQUIRE(in.dist);
        const place p = place_of(in.where);
        toml_document doc = toml_document::read(file);
        doc.set_number(p.line, p.column, 17000);
        CHECK(changed_lines(read_file(file), doc.text()) == std::vector<std::size_t>{p.line});
        CHECK_THAT(
            line_of(doc.text(), p.line),
            Catch::StartsWith("price_per_month = { value = 17000, source = \"seed 002: 16 500 kr/mån"));
        const scenario edited = load_edited(dir, "scenarios/" + enheten, doc.text());
        for (const char* a : {"nollalternativ", "projekt"}) {
            const model_input& got = input(edited, a, "placement.stodboende.price_per_month");
            CHECK(got.value == 17000);
            CHECK_FALSE(got.dist);
            CHECK(got.source == in.source);
        }
        for (const uncertain_param& u : alt(edited, "projekt").system.uncertain)
            CHECK(u.path != "placement.stodboende.price_per_month");
    }
    SECTION("a schedule step's distribution becomes the bare number; the step keeps its source") {
        const model_input& in = input(shipped, "projekt", "supply.lagenheter.per_year@2008-03-01");
        REQUIRE(in.dist);
        const place p = place_of(in.where);
        toml_document doc = toml_document::read(file);
        doc.set_number(p.line, p.column, 75);
        CHECK_THAT(line_of(doc.text(), p.line),
                   Catch::StartsWith("    { from = 2008-03-01, value = 75, source = "));
        const scenario edited = load_edited(dir, "scenarios/" + enheten, doc.text());
        const model_input& got = input(edited, "projekt", "supply.lagenheter.per_year@2008-03-01");
        CHECK(got.value == 75);
        CHECK_FALSE(got.dist);
        CHECK(got.source == in.source);
    }
    SECTION("an uncertain parameter of a duration, in its list") {
        const model_input& in =
            input(shipped, "projekt", "transition.institution_psyk_egen_lagenhet_psyk.after.max");
        REQUIRE(in.dist);
        const place p = place_of(in.where);
        toml_document doc = toml_document::read(file);
        doc.set_number(p.line, p.column, 12);
        CHECK_THAT(line_of(doc.text(), p.line),
                   Catch::StartsWith("  after = { uniform = [3, 12], unit = \"months\""));
        const scenario edited = load_edited(dir, "scenarios/" + enheten, doc.text());
        const model_input& got =
            input(edited, "projekt", "transition.institution_psyk_egen_lagenhet_psyk.after.max");
        CHECK(got.value == 12);
        CHECK_FALSE(got.dist);
    }
}

TEST_CASE("set_source sets or adds a number's source, escaped", "[toml_edit]") {
    const fs::path dir = case_copy("source");
    const std::string model = "models/bostadskedjan.toml";
    const scenario shipped = load_scenario(dir / "scenarios" / enheten);
    const std::string note = "Ansökan, \"Kostnader\": 2,9 mkr (C:\\underlag\\budget.xlsx) – åäö ÅÄÖ\tslut";

    struct edit {
        const char* path;
        const char* written;  // the edited line begins so
    };
    const std::vector<edit> edits{
        {"staff.psyk_boendestod.annual_cost_per_fte",
         "annual_cost_per_fte = { value = 0, source = \"Ansökan, "},
        {"staff.boendestodjare.fte", "fte = { value = 6, source = \"Ansökan, "},  // a source replaced
        {"staff.bokursledare.fte",
         "fte = { value = 1, note = \"assumption: the Bokurs is given by existing staff"},
        {"service.bokurs.duration", "duration = { fixed = 4, unit = \"weeks\", note = "},
        {"transition.forsok_harbarge.after.max", "after = { uniform = [0, 365], note = "},
    };
    for (const edit& e : edits) {
        SECTION(e.path) {
            const model_input& in = input(shipped, "nollalternativ", e.path);
            const place p = place_of(in.where);
            toml_document doc = toml_document::read(p.file);
            const std::string before = doc.text();
            doc.set_source(p.line, p.column, note);
            CHECK(changed_lines(before, doc.text()) == std::vector<std::size_t>{p.line});
            CHECK_THAT(line_of(doc.text(), p.line), Catch::StartsWith(e.written));
            CHECK_THAT(line_of(doc.text(), p.line),
                       Catch::Contains("source = \"Ansökan, \\\"Kostnader\\\": 2,9 mkr "
                                       "(C:\\\\underlag\\\\budget.xlsx) – åäö ÅÄÖ\\tslut\""));
            const scenario edited = load_edited(dir, model, doc.text());
            for (const char* a : {"nollalternativ", "projekt"}) {
                CHECK(input(edited, a, e.path).source == note);
                CHECK(input(edited, a, e.path).value == in.value);
            }
            write_file(dir / model, before);
        }
    }
    SECTION("a schedule step's source, in the scenario") {
        const model_input& in = input(shipped, "projekt", "supply.lagenheter.per_year@2009-03-01");
        const place p = place_of(in.where);
        toml_document doc = toml_document::read(p.file);
        doc.set_source(p.line, p.column, "Beslut 2008-02-12 \\ \"nämnden\"");
        CHECK(line_of(doc.text(), p.line) ==
              "    { from = 2009-03-01, value = 30, source = \"Beslut 2008-02-12 \\\\ \\\"nämnden\\\"\" },");
        const scenario edited = load_edited(dir, "scenarios/" + enheten, doc.text());
        CHECK(input(edited, "projekt", "supply.lagenheter.per_year@2009-03-01").source ==
              "Beslut 2008-02-12 \\ \"nämnden\"");
    }
    SECTION("a number of an alternative's `set` table, wrapped in it") {
        const std::string norrmalm = "norrmalm-bo-kvar-2011.toml";
        const scenario s = load_scenario(dir / "scenarios" / norrmalm);
        const model_input& in = input(s, "bo_kvar", "group.hotade.initial.oppna.count");
        const place p = place_of(in.where);
        toml_document doc = toml_document::read(p.file);
        doc.set_source(p.line, p.column, "Beslut: \"inga\"");
        CHECK_THAT(line_of(doc.text(), p.line),
                   Catch::StartsWith("  set = { \"group.hotade.initial.oppna.count\" = { value = 0, source = "
                                     "\"Beslut: \\\"inga\\\"\" }, \"group.hotade_team"));
        const scenario edited = load_edited(dir, "scenarios/" + norrmalm, doc.text(), norrmalm);
        CHECK(input(edited, "bo_kvar", "group.hotade.initial.oppna.count").source == "Beslut: \"inga\"");
        CHECK(input(edited, "bo_kvar", "group.hotade.initial.oppna.count").value == 0);
        CHECK(input(edited, "nollalternativ", "group.hotade.initial.oppna.count").source.empty());
    }
}

TEST_CASE("add_override adds a table or a key to an alternative of a scenario", "[toml_edit]") {
    const fs::path dir = case_copy("override");
    const fs::path file = dir / "scenarios" / enheten;
    const std::string shipped_text = read_file(file);
    toml_document doc = toml_document::read(file);

    SECTION("a new [[alternative.staff]] table at the end of its alternative, then a second key in it") {
        doc.add_override("projekt", "staff", "boendestodjare", "fte", 8, "Ansökan: \"8 tjänster\"");
        const std::string added =
            "\n  [[alternative.staff]]\n  id = \"boendestodjare\"\n"
            "  fte = { value = 8, source = \"Ansökan: \\\"8 tjänster\\\"\" }\n";
        CHECK(doc.text() == shipped_text + added);
        doc.add_override("projekt", "staff", "boendestodjare", "caseload", 12.5);
        CHECK(doc.text() == shipped_text + added + "  caseload = 12.5\n");
        const scenario edited = load_edited(dir, "scenarios/" + enheten, doc.text());
        CHECK(input(edited, "projekt", "staff.boendestodjare.fte").value == 8);
        CHECK(input(edited, "projekt", "staff.boendestodjare.fte").source == "Ansökan: \"8 tjänster\"");
        CHECK(input(edited, "projekt", "staff.boendestodjare.caseload").value == 12.5);
        CHECK_FALSE(input(edited, "projekt", "staff.boendestodjare.caseload").dist);
        // The nollalternativ keeps the model's 6 and the scenario's uncertain caseload.
        CHECK(input(edited, "nollalternativ", "staff.boendestodjare.fte").value == 6);
        CHECK(input(edited, "nollalternativ", "staff.boendestodjare.caseload").dist);
    }
    SECTION("in the nollalternativ: the new table goes before the next [[alternative]]") {
        doc.add_override("nollalternativ", "placement", "harbarge", "price_per_day", 600);
        // After the nollalternativ's last value, its calc line's note, with a blank line before.
        const std::size_t note = shipped_text.find("  note = \"Ansökan avrundar");
        REQUIRE(note != std::string::npos);
        const std::size_t after_note = shipped_text.find('\n', note) + 1;
        CHECK(doc.text() ==
              shipped_text.substr(0, after_note) +
                  "\n  [[alternative.placement]]\n  id = \"harbarge\"\n  price_per_day = 600\n" +
                  shipped_text.substr(after_note));
        CHECK(shipped_text.substr(after_note, 17) == "\n[[alternative]]\n");
        const scenario edited = load_edited(dir, "scenarios/" + enheten, doc.text());
        CHECK(input(edited, "nollalternativ", "placement.harbarge.price_per_day").value == 600);
        CHECK(input(edited, "projekt", "placement.harbarge.price_per_day").value == 550);
    }
    SECTION("a key in a shipped [[alternative.transition]] table, after its last one") {
        doc.add_override("projekt", "transition", "institution_psyk_egen_lagenhet_psyk", "probability", 1);
        const auto changed = lines_of(doc.text());
        const auto shipped = lines_of(shipped_text);
        REQUIRE(changed.size() == shipped.size() + 1);
        std::size_t at = 0;
        while (changed[at] == shipped[at]) ++at;
        CHECK(shipped[at - 1] == "  require = [ { staff = \"psyk_boendestod\" } ]");
        CHECK(changed[at] == "  probability = 1");
        const scenario edited = load_edited(dir, "scenarios/" + enheten, doc.text());
        const model_input& got =
            input(edited, "projekt", "transition.institution_psyk_egen_lagenhet_psyk.probability");
        CHECK(got.value == 1);
        CHECK(place_of(got.where).line == at + 1);
    }
}

TEST_CASE("set_setting sets, replaces or adds a top-level key of a scenario", "[toml_edit]") {
    const fs::path dir = case_copy("setting");
    const fs::path file = dir / "scenarios" / enheten;
    const std::string shipped_text = read_file(file);
    toml_document doc = toml_document::read(file);

    SECTION("a value written there: only its text changes") {
        doc.set_setting("start", "2009-03-01");
        doc.set_setting("horizon_years", "5");
        CHECK(changed_lines(shipped_text, doc.text()) == std::vector<std::size_t>{17, 18});
        CHECK(line_of(doc.text(), 17) == "start = 2009-03-01");
        CHECK(line_of(doc.text(), 18) == "horizon_years = 5");
        const scenario edited = load_edited(dir, "scenarios/" + enheten, doc.text());
        CHECK(iso(edited.start) == "2009-03-01");
        CHECK(edited.horizon_months == 60);
    }
    SECTION("horizon_months in place of horizon_years, on its line") {
        doc.set_setting("horizon_months", "18", "horizon_years");
        CHECK(changed_lines(shipped_text, doc.text()) == std::vector<std::size_t>{18});
        CHECK(line_of(doc.text(), 18) == "horizon_months = 18");
        CHECK(load_edited(dir, "scenarios/" + enheten, doc.text()).horizon_months == 18);
    }
    SECTION("a key not written: a new line after the last top-level key") {
        doc.set_setting("discount_rate", "0.03");
        const std::size_t units = shipped_text.find("units = \"mkr\"\n");
        REQUIRE(units != std::string::npos);
        const std::size_t after = shipped_text.find('\n', units) + 1;
        CHECK(doc.text() ==
              shipped_text.substr(0, after) + "discount_rate = 0.03\n" + shipped_text.substr(after));
        const scenario edited = load_edited(dir, "scenarios/" + enheten, doc.text());
        REQUIRE(edited.discount_rate);
        CHECK(*edited.discount_rate == 0.03);
    }
    SECTION("a value that is not TOML changes nothing") {
        CHECK_THROWS_AS(doc.set_setting("start", "2009-13-45"), std::invalid_argument);
        CHECK(doc.text() == shipped_text);
    }
}

TEST_CASE("copy_alternative appends the nollalternativ's block under a new id", "[toml_edit]") {
    const fs::path dir = case_copy("copy");
    const fs::path file = dir / "scenarios" / enheten;
    const std::string shipped_text = read_file(file);
    toml_document doc = toml_document::read(file);
    doc.copy_alternative("nollalternativ", "variant", "Variant", "En kopia");
    REQUIRE(doc.text().substr(0, shipped_text.size()) == shipped_text);
    const std::string added = doc.text().substr(shipped_text.size());
    CHECK(added.rfind("\n[[alternative]]\nid = \"variant\"\nname = \"Variant\"\ndescription = \"En kopia\"\n",
                      0) == 0);
    CHECK(added.find("baseline") == std::string::npos);
    CHECK(added.find("  [[alternative.calc]]\n  item = \"Stödboende (kön av färdigbehandlade)\"") !=
          std::string::npos);
    const scenario edited = load_edited(dir, "scenarios/" + enheten, doc.text());
    REQUIRE(edited.alternatives.size() == 3);
    const alternative& v = alt(edited, "variant");
    CHECK_FALSE(v.baseline);
    CHECK(v.name == "Variant");
    // Every number of the copy is the nollalternativ's.
    const alternative& base = alt(edited, "nollalternativ");
    REQUIRE(v.system.inputs.size() == base.system.inputs.size());
    for (std::size_t i = 0; i < v.system.inputs.size(); ++i) {
        CHECK(v.system.inputs[i].path == base.system.inputs[i].path);
        CHECK(v.system.inputs[i].value == base.system.inputs[i].value);
    }
    CHECK_THROWS_AS(doc.copy_alternative("nollalternativ", "projekt", "X"), std::invalid_argument);
    CHECK_THROWS_AS(doc.copy_alternative("ingen", "ny", "X"), std::invalid_argument);
}

TEST_CASE("bad edits throw invalid_argument and change nothing", "[toml_edit]") {
    toml_document doc = toml_document::read(source_dir / "scenarios" / enheten);
    const std::string shipped = doc.text();
    auto unchanged = [&] { CHECK(doc.text() == shipped); };

    SECTION("no number at the position") {
        CHECK_THROWS_AS(doc.set_number(1, 1, 5), std::invalid_argument);     // a comment
        CHECK_THROWS_AS(doc.set_number(15, 9, 5), std::invalid_argument);    // the title, a string
        CHECK_THROWS_AS(doc.set_number(17, 9, 5), std::invalid_argument);    // start, a date
        CHECK_THROWS_AS(doc.set_number(92, 14, 5), std::invalid_argument);   // a schedule as a whole
        CHECK_THROWS_AS(doc.set_number(15, 10, 5), std::invalid_argument);   // inside a string
        CHECK_THROWS_AS(doc.set_number(9999, 1, 5), std::invalid_argument);  // past the end
        CHECK_THROWS_AS(doc.set_source(15, 9, "x"), std::invalid_argument);
        CHECK_THROWS_WITH(doc.set_number(15, 9, 5), Catch::Contains(":15:9: no number is written here"));
        unchanged();
    }
    SECTION("a value that is not finite, and a source that is not UTF-8") {
        CHECK_THROWS_AS(doc.set_number(18, 17, std::nan("")), std::invalid_argument);  // horizon_years
        CHECK_THROWS_AS(doc.set_number(18, 17, INFINITY), std::invalid_argument);
        CHECK_THROWS_WITH(doc.set_source(18, 17, "bad \xff byte"),
                          Catch::Contains("would not be valid TOML"));
        unchanged();
    }
    SECTION("an unknown alternative, kind or key; a key already there") {
        CHECK_THROWS_WITH(doc.add_override("projket", "staff", "boendestodjare", "fte", 8),
                          Catch::Contains("'nollalternativ', 'projekt'"));
        CHECK_THROWS_AS(doc.add_override("projekt", "personal", "boendestodjare", "fte", 8),
                        std::invalid_argument);
        CHECK_THROWS_AS(doc.add_override("projekt", "staff", "boendestodjare", "tjanster", 8),
                        std::invalid_argument);
        CHECK_THROWS_AS(doc.add_override("projekt", "staff", "boendestodjare", "id", 8),
                        std::invalid_argument);
        CHECK_THROWS_WITH(doc.add_override("projekt", "supply", "lagenheter", "per_year", 45),
                          Catch::Contains("already sets 'per_year'"));
        CHECK_THROWS_AS(doc.add_override("projekt", "staff", "boendestodjare", "fte", INFINITY),
                        std::invalid_argument);
        unchanged();
    }
    SECTION("a key whose partner is there") {
        doc.add_override("projekt", "placement", "stodboende", "price_per_month", 17000);
        const std::string once = doc.text();
        CHECK_THROWS_WITH(doc.add_override("projekt", "placement", "stodboende", "price_per_day", 550),
                          Catch::Contains("excludes"));
        CHECK(doc.text() == once);
    }
    SECTION("bad TOML is the loader's input_error") {
        CHECK_THROWS_AS(toml_document("a = 0,45\n", "x.toml"), input_error);
        CHECK_THROWS_WITH(toml_document("a = 0,45\n", "x.toml"), Catch::Contains("write 0.45"));
    }
}

TEST_CASE("numbers are written as TOML wants them, at positions counted in characters", "[toml_edit]") {
    auto set = [](const std::string& text, std::uint32_t column, double value) {
        toml_document doc(text, "t.toml");
        doc.set_number(1, column, value);
        return doc.text();
    };
    CHECK(set("x = 3\n", 5, 2.5) == "x = 2.5\n");
    CHECK(set("x = 3\n", 5, 1e6) == "x = 1000000\n");
    CHECK(set("x = 3\n", 5, -0.0) == "x = 0\n");
    CHECK(set("x = 1.5\n", 5, 2) == "x = 2.0\n");
    CHECK(set("x = 1.5\n", 5, 0.1 + 0.2) == "x = 0.30000000000000004\n");
    CHECK(set("x = 1.5\n", 5, 1e-7) == "x = 1e-07\n");
    CHECK(set("x = 1.5\n", 5, 1e20) == "x = 1e+20\n");
    CHECK(set("x = 0.10\n", 5, 0.2) == "x = 0.20\n");  // at least the decimals written
    CHECK(set("x = 0.10\n", 5, 0.125) == "x = 0.125\n");
    CHECK(set("x = 0.10\n", 5, 1) == "x = 1.00\n");
    CHECK(set("x = 1e2\n", 5, 5) == "x = 5.0\n");
    CHECK(set("x = 16_500\n", 5, 16500) == "x = 16_500\n");  // the same value: as written
    CHECK(set("x = 16_500 # kr\n", 5, 17000) == "x = 17000 # kr\n");
    CHECK(set("x = 5", 5, 12) == "x = 12");  // no newline at the end
    // Columns count characters: "åäö" is three of them, six bytes.
    CHECK(set("x = { note = \"åäö\", value = 5 }\n", 5, 6) == "x = { note = \"åäö\", value = 6 }\n");
    CHECK(set("\"å\" = [ 1, 2 ]\n", 12, 20) == "\"å\" = [ 1, 20 ]\n");
    // Two edits on one line, the last column first, with the positions of one load.
    toml_document doc("a = [1, 2, 3]\n", "t.toml");
    doc.set_number(1, 12, 300);
    doc.set_number(1, 6, 100);
    CHECK(doc.text() == "a = [100, 2, 300]\n");
    CHECK(toml_basic_string("a\"b\\c\nd\x01") == "\"a\\\"b\\\\c\\nd\\u0001\"");
}

TEST_CASE("shift_dates moves every date of a case by whole months, month ends to month ends", "[toml_edit]") {
    const fs::path dir = case_copy("shift");
    const fs::path file = dir / "scenarios" / enheten;
    const std::string shipped_text = read_file(file);
    const scenario shipped = load_scenario(file);
    toml_document doc = toml_document::read(file);
    // start, three schedule steps' dates... every date literal of the file.
    const std::regex date_value("= [0-9]{4}-[0-9]{2}-[0-9]{2}");
    const auto written = static_cast<std::size_t>(std::distance(
        std::sregex_iterator(shipped_text.begin(), shipped_text.end(), date_value), std::sregex_iterator()));
    REQUIRE(written == 16);
    CHECK(doc.shift_dates(228) == written);
    CHECK(changed_lines(shipped_text, doc.text()).size() > 0);
    const scenario moved = load_edited(dir, "scenarios/" + enheten, doc.text());
    CHECK(iso(moved.start) == "2027-01-01");
    const auto& lines = alt(moved, "projekt").project_costs;
    REQUIRE(lines.size() == alt(shipped, "projekt").project_costs.size());
    CHECK(iso(*lines[0].start) == "2027-03-01");
    CHECK(iso(*lines[0].end) == "2028-02-29");  // 2009-02-28 was the month's last day
    CHECK(input(moved, "projekt", "supply.lagenheter.per_year@2027-03-01").source ==
          input(shipped, "projekt", "supply.lagenheter.per_year@2008-03-01").source);
    CHECK(input(moved, "projekt", "supply.lagenheter.per_year@2028-03-01").value == 30);
    // And back: the bytes as shipped but for 2028-02-29, which returns as 2009-02-28.
    CHECK(doc.shift_dates(-228) == written);
    CHECK(doc.text() == shipped_text);
    CHECK(doc.shift_dates(0) == 0);
}

TEST_CASE("add_schedule_step puts a step into an alternative's schedule in date order", "[toml_edit]") {
    const fs::path dir = case_copy("step");
    const fs::path file = dir / "scenarios" / enheten;
    const std::string shipped_text = read_file(file);
    toml_document doc = toml_document::read(file);
    const std::string last = "    { from = 2009-03-01, value = 30 },\n";
    REQUIRE(shipped_text.find(last) != std::string::npos);

    SECTION("between two steps, and after the last one (its trailing comma kept)") {
        REQUIRE(doc.add_schedule_step("projekt", "supply", "lagenheter", "per_year", "2008-06-01", 50));
        REQUIRE(doc.add_schedule_step("projekt", "supply", "lagenheter", "per_year", "2010-01-01", 20));
        std::string want = shipped_text;
        want.replace(
            want.find(last), last.size(),
            "    { from = 2008-06-01, value = 50 },\n" + last + "    { from = 2010-01-01, value = 20 },\n");
        CHECK(doc.text() == want);
        const scenario edited = load_edited(dir, "scenarios/" + enheten, doc.text());
        CHECK(input(edited, "projekt", "supply.lagenheter.per_year@2008-06-01").value == 50);
        CHECK(input(edited, "projekt", "supply.lagenheter.per_year@2010-01-01").value == 20);
        CHECK(input(edited, "projekt", "supply.lagenheter.per_year@2009-03-01").value == 30);
    }
    SECTION("a step on a date already there, and a key the alternative does not write") {
        CHECK_THROWS_AS(doc.add_schedule_step("projekt", "supply", "lagenheter", "per_year", "2009-03-01", 5),
                        std::invalid_argument);
        CHECK_FALSE(
            doc.add_schedule_step("nollalternativ", "supply", "lagenheter", "per_year", "2009-03-01", 5));
        CHECK(doc.text() == shipped_text);
    }
}
