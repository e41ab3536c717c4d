// The Excel workbook (report/xlsx_report): a small report model written and
// read back with openpyxl, a reader of its own, so that what is checked is
// what Excel or LibreOffice would open: sheets, numbers and their formats,
// the bridge's formula, the charts, the long tables; and the same bytes twice.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_helpers.hpp"
#include "report/xlsx_book.hpp"
#include "report/xlsx_report.hpp"

using namespace hemsim;

namespace {

figure fig(double mean) { return {mean, mean * 0.9, mean * 1.1, mean * 0.5, mean * 1.5}; }

// Two alternatives over two years, a bridge of three lines, a tornado of two
// rows, a 2 × 2 sweep, inputs with Swedish sources.
report_model small_model(language lang = language::sv) {
    report_model m;
    m.lang = lang;
    m.title = "Bostad först i Exempelstad";
    m.case_file = "cases/exempel.toml";
    m.start_date = "2008-01-01";
    m.horizon_text = "24 månader";
    m.rate = 0.035;
    m.alternatives = {{"nollalternativ", "Nollalternativ", true}, {"bostad_forst", "Bostad först", false}};
    m.years = {2008, 2009};
    m.costs.cost = {{fig(1234567.891), fig(2345678.5)}, {fig(1100000.25), fig(1900000.75)}};
    m.costs.total = {fig(3580246.391), fig(3000001)};

    report_headline h;
    h.alternative = 1;
    h.diff_year = {fig(-134567.641), fig(-445677.75)};
    h.diff_total = fig(-580245.391);
    h.npv = fig(-561234.5);
    h.p_saving = {0.83, 0.79, 0.87, 0, 0};
    h.payback_month = 14;
    h.payback_label = "2009-02";
    h.p_payback_horizon = 0.64;
    h.savings_per_krona = figure{1.8, 1.6, 2.0, 0.9, 2.7};
    h.paragraph = "Bostad först kostar mindre än nollalternativet i 83 % av utfallen.";
    m.headlines = {h};
    m.warnings = {"Bostad först: det sista året står för en stor del av skillnaden."};

    m.bridge.available = true;
    m.bridge.basis = "medel per år över 2008–2009";
    m.bridge.lines = {
        {"Ansökans kalkyl", 1000000}, {"Fler klienter i flödet", 250000}, {"Kortare vistelser", -50000}};
    m.bridge.simulated_sek = 1200000;
    m.calc_totals = {{"Nollalternativ", 1000000}, {"Bostad först", 900000}};

    report_split split;
    split.alternative = 1;
    split.by_payer = {{"Socialtjänsten", {-200000, -300000}, -500000}, {"Regionen", {10000, 20000}, 30000}};
    split.by_category = {{"Boende", {-150000, -250000}, -400000}};
    m.splits = {split};

    report_flows flows;
    flows.alternative = 1;
    flows.placements = {{"stodboende", "Stödboende"}, {"egen", "Egen bostad"}};
    flows.terminal = {"egen"};
    flows.edges = {{"stodboende", "egen", 12.5}};
    flows.rows = {{"Dygn i Stödboende", "dygn", {fig(3650), fig(3000)}}};
    m.flows = {flows};

    m.inputs = {
        {"Stödboende (placement.stodboende)", "pris per månad", "placement.stodboende.price_per_month",
         "16 500 kr", "alla", "Kommunens avtal 2023 – bilaga 2, åäö", true},
        {"Skuldrådgivning (service.skuld)", "väntetid", "service.skuld.wait_days", "30 dagar", "Bostad först",
         "Socialstyrelsen: Öppna jämförelser (2022)", false},
        {"Bostad först (project)", "personal", "project.staff_fte", "2 åa", "Bostad först", "", false},
    };
    m.tornado = {
        {"Pris i stödboende", "placement.stodboende.price_per_month", 14000, 19000, -700000, -420000, 280000},
        {"Väntetid", "service.skuld.wait_days", 20, 40, -600000, -520000, 80000}};
    m.sweep = report_sweep{"placement.stodboende.price_per_month",
                           "service.skuld.wait_days",
                           {14000, 19000},
                           {20, 40},
                           {{-700000, -420000}, {-650000, 150000}}};
    m.rules = {{}, {{"Andel i egen bostad efter 12 månader", {fig(0.25), fig(0.4)}}}};
    m.provenance.version = "0.9.0";
    m.provenance.commit = "abc1234";
    m.provenance.generated = "2024-05-01T12:30:00Z";
    m.provenance.seed = 42;
    m.provenance.futures = 200;
    return m;
}

const std::vector<std::pair<std::string, std::string>> long_tables = {
    {"yearly",
     "alternative,year,metric,mean,note\n"
     "bostad_forst,2008,cost,1234.5,\"a, quoted \"\"note\"\"\"\n"
     "nollalternativ,2009,cost,-2e3,\n"
     "bostad_forst,2008-01,x,0.1,text\n"},
    {"ledger", "alternative,year,category,mean\r\nnollalternativ,2008,Boende,400000\r\n"},
};

// A Python interpreter that can import openpyxl: the system's first (a
// pyenv or virtualenv python3 on PATH may lack Debian's python3-openpyxl).
std::string python_with_openpyxl() {
    for (const std::string py : {"/usr/bin/python3", "python3"}) {
        const std::string probe = py + " -c 'import openpyxl' >/dev/null 2>&1";
        if (std::system(probe.c_str()) == 0) return py;
    }
    return "";
}

// Prints every sheet, its freeze pane, autofilter, charts, colour scales and
// non-empty cells (formula and cached value) as tab-separated lines.
const char* dump_script = R"PY(import sys, openpyxl
def esc(v):
    s = repr(v) if isinstance(v, float) else ('' if v is None else str(v))
    return s.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
path = sys.argv[1]
wb = openpyxl.load_workbook(path)
cached = openpyxl.load_workbook(path, data_only=True)
print('created', wb.properties.created.isoformat() if wb.properties.created else '', sep='\t')
for ws in wb.worksheets:
    t = esc(ws.title)
    print('sheet', t, sep='\t')
    print('freeze', t, ws.freeze_panes or '', sep='\t')
    print('filter', t, ws.auto_filter.ref or '', sep='\t')
    for ch in ws._charts:
        print('chart', t, ch.tagname, getattr(ch, 'type', ''), len(ch.series), sep='\t')
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            print('rule', t, str(cf.sqref), rule.type, sep='\t')
    cws = cached[ws.title]
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            print('cell', t, c.coordinate, c.data_type, esc(c.value), esc(cws[c.coordinate].value),
                  esc(c.number_format), sep='\t')
)PY";

struct cell {
    std::string type, value, cached, format;  // type: openpyxl's: n number, s string, f formula
    double number() const { return std::strtod(value.c_str(), nullptr); }
};

// What openpyxl read from a workbook.
struct workbook_dump {
    std::string created;
    std::vector<std::string> sheets;
    std::map<std::string, std::string> freeze, filter;  // by sheet
    std::vector<std::vector<std::string>> charts, rules;
    std::map<std::string, std::map<std::string, cell>> cells;  // sheet -> "B7" -> cell

    const cell* at(const std::string& sheet, const std::string& coordinate) const {
        auto s = cells.find(sheet);
        if (s == cells.end()) return nullptr;
        auto c = s->second.find(coordinate);
        return c == s->second.end() ? nullptr : &c->second;
    }
    // The cell in column `col` of the row of `coordinate` ('C', "A7": C7).
    const cell* in_row(const std::string& sheet, char col, const std::string& coordinate) const {
        std::string c(1, col);
        c.append(coordinate, 1);
        return at(sheet, c);
    }
    // The coordinate of the first string cell holding exactly `text`, or "".
    std::string find(const std::string& sheet, const std::string& text) const {
        auto s = cells.find(sheet);
        if (s == cells.end()) return "";
        for (const auto& [coordinate, c] : s->second)
            if (c.type == "s" && c.value == text) return coordinate;
        return "";
    }
};

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        const char c = s[++i];
        out += c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    return out;
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, '\t')) fields.push_back(unescape(field));
    if (!line.empty() && line.back() == '\t') fields.push_back("");
    return fields;
}

// The workbook's bytes written to a file and read back by openpyxl; FAILs when
// python3-openpyxl is missing rather than passing without having looked.
workbook_dump read_back(const std::string& bytes, const std::string& name) {
    const std::string py = python_with_openpyxl();
    if (py.empty())
        FAIL(
            "python3 with openpyxl is needed to read the workbook back: "
            "apt-get install python3-openpyxl (scripts/bootstrap.sh installs it)");
    const auto dir = hemsim::testing::fresh_path("xlsx-" + name, true);
    const auto file = dir / "rapport.xlsx", script = dir / "dump.py";
    std::ofstream(file, std::ios::binary) << bytes;
    std::ofstream(script) << dump_script;
    const std::string command = py + " '" + script.string() + "' '" + file.string() + "' 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
    const int status = ::pclose(pipe);
    INFO("openpyxl printed:\n" << out.substr(0, 4000));
    REQUIRE(status == 0);

    workbook_dump d;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        const auto f = split_tabs(line);
        if (f.empty()) continue;
        if (f[0] == "created" && f.size() >= 2) d.created = f[1];
        if (f[0] == "sheet" && f.size() >= 2) d.sheets.push_back(f[1]);
        if (f[0] == "freeze" && f.size() >= 3) d.freeze[f[1]] = f[2];
        if (f[0] == "filter" && f.size() >= 3) d.filter[f[1]] = f[2];
        if (f[0] == "chart") d.charts.push_back(f);
        if (f[0] == "rule") d.rules.push_back(f);
        if (f[0] == "cell" && f.size() >= 7) d.cells[f[1]][f[2]] = cell{f[3], f[4], f[5], f[6]};
    }
    std::filesystem::remove_all(dir);
    return d;
}

const workbook_dump& swedish() {
    static const workbook_dump d = read_back(xlsx_report(small_model(), long_tables), "sv");
    return d;
}

}  // namespace

TEST_CASE("xlsx: the Swedish workbook has the report's sheets, then the long tables", "[xlsx]") {
    const std::vector<std::string> want = {"Sammanfattning",
                                           "Kostnad per år",
                                           "Betalare och kategori",
                                           "Kalkyl och brygga",
                                           "Flöden och köer",
                                           "Indikatorer",
                                           "Antaganden",
                                           "Känslighet",
                                           "yearly",
                                           "ledger"};
    CHECK(swedish().sheets == want);
    // Every sheet keeps its header row in view.
    for (const std::string& s : want) CHECK(swedish().freeze.at(s) == "A2");
}

TEST_CASE("xlsx: costs are numbers in kronor shown in the case's unit", "[xlsx]") {
    const workbook_dump& d = swedish();
    const report_model m = small_model();
    const std::string sheet = "Kostnad per år";
    REQUIRE(d.at(sheet, "C1") != nullptr);
    CHECK(d.at(sheet, "C1")->value == "2008");
    CHECK(d.at(sheet, "E1")->value == "Totalt");
    // Rows 2-3 are the means of the two alternatives, then CI low, CI high, p05, p95.
    const std::vector<std::pair<std::string, double>> want = {
        {"C2", m.costs.cost[0][0].mean}, {"D2", m.costs.cost[0][1].mean}, {"C3", m.costs.cost[1][0].mean},
        {"D3", m.costs.cost[1][1].mean}, {"E3", m.costs.total[1].mean},   {"C10", m.costs.cost[0][0].p95},
        {"D11", m.costs.cost[1][1].p95}};
    for (const auto& [coordinate, sek] : want) {
        INFO(coordinate);
        const cell* c = d.at(sheet, coordinate);
        REQUIRE(c != nullptr);
        CHECK(c->type == "n");
        CHECK(c->number() == Approx(sek).margin(0.5));
        CHECK(c->format.find("tkr") != std::string::npos);
    }
    CHECK(d.at(sheet, "B10")->value == "p95");
    CHECK(d.filter.at(sheet) == "A1:E11");

    SECTION("mkr when the case's unit is mkr") {
        report_model mkr = small_model();
        mkr.unit = {"mkr", 1e6};
        const workbook_dump e = read_back(xlsx_report(mkr, {}), "mkr");
        REQUIRE(e.at(sheet, "C2") != nullptr);
        CHECK(e.at(sheet, "C2")->format.find("mkr") != std::string::npos);
        CHECK(e.at(sheet, "C2")->number() == Approx(m.costs.cost[0][0].mean).margin(0.5));
    }
}

TEST_CASE("xlsx: the summary has each headline's figures as numbers", "[xlsx]") {
    const workbook_dump& d = swedish();
    const std::string sheet = "Sammanfattning";
    CHECK(d.at(sheet, "A1")->value == "Bostad först i Exempelstad");
    const std::string npv = d.find(sheet, "Nuvärde av skillnaden (NPV)");
    REQUIRE(!npv.empty());
    CHECK(d.in_row(sheet, 'A', npv)->value == "Bostad först");
    CHECK(d.in_row(sheet, 'C', npv)->number() == Approx(-561234.5).margin(0.5));
    const std::string p = d.find(sheet, "Sannolikhet att kosta mindre");
    REQUIRE(!p.empty());
    CHECK(d.in_row(sheet, 'C', p)->number() == Approx(0.83));
    CHECK(d.in_row(sheet, 'C', p)->format.find('%') != std::string::npos);
    const std::string payback = d.find(sheet, "Återbetald (hälften av utfallen)");
    REQUIRE(!payback.empty());
    CHECK(d.in_row(sheet, 'C', payback)->value == "2009-02");
    CHECK(!d.find(sheet, small_model().warnings[0]).empty());
}

TEST_CASE("xlsx: every input's source is on the assumptions sheet", "[xlsx]") {
    const workbook_dump& d = swedish();
    for (const report_input& in : small_model().inputs) {
        if (in.source.empty()) continue;
        INFO(in.source);
        const std::string at = d.find("Antaganden", in.source);
        REQUIRE(!at.empty());
        CHECK(at[0] == 'F');
        CHECK(d.in_row("Antaganden", 'G', at)->value == (in.uncertain ? "ja" : "nej"));
    }
    CHECK(d.filter.at("Antaganden") == "A1:G4");
}

TEST_CASE("xlsx: the bridge's simulated total is a SUM of its lines with the sum cached", "[xlsx]") {
    const workbook_dump& d = swedish();
    const std::string sheet = "Kalkyl och brygga";
    const std::string first = d.find(sheet, "Ansökans kalkyl"), last = d.find(sheet, "Kortare vistelser");
    const std::string total = d.find(sheet, "Simulerat nollalternativ (summan av raderna)");
    REQUIRE((!first.empty() && !last.empty() && !total.empty()));
    const cell* sum = d.in_row(sheet, 'B', total);
    REQUIRE(sum != nullptr);
    CHECK(sum->type == "f");
    CHECK(sum->value == "=SUM(B" + first.substr(1) + ":B" + last.substr(1) + ")");
    CHECK(std::strtod(sum->cached.c_str(), nullptr) == 1200000.0);
    CHECK(sum->format.find("kr") != std::string::npos);
    CHECK(d.in_row(sheet, 'B', last)->number() == -50000.0);

    SECTION("without a bridge, the sheet says so") {
        report_model m = small_model();
        m.bridge.available = false;
        const workbook_dump e = read_back(xlsx_report(m, {}), "nobridge");
        CHECK(!e.find(sheet, "Ingen brygga: nollalternativet har ingen egen kalkyl.").empty());
        CHECK(e.find(sheet, "Simulerat nollalternativ (summan av raderna)").empty());
    }
}

TEST_CASE("xlsx: the long tables' numbers are numbers, the rest text", "[xlsx]") {
    const workbook_dump& d = swedish();
    CHECK(d.at("yearly", "A1")->value == "alternative");
    CHECK(d.at("yearly", "B2")->type == "n");
    CHECK(d.at("yearly", "B2")->number() == 2008);
    CHECK(d.at("yearly", "D2")->number() == 1234.5);
    CHECK(d.at("yearly", "E2")->value == "a, quoted \"note\"");
    CHECK(d.at("yearly", "D3")->type == "n");
    CHECK(d.at("yearly", "D3")->number() == -2000);
    CHECK(d.at("yearly", "E3") == nullptr);  // an empty field is a blank cell
    CHECK(d.at("yearly", "B4")->type == "s");
    CHECK(d.at("yearly", "B4")->value == "2008-01");
    CHECK(d.at("ledger", "D2")->number() == 400000);
    CHECK(d.at("ledger", "C2")->value == "Boende");  // CRLF records
    CHECK(d.filter.at("yearly") == "A1:E4");
}

TEST_CASE("xlsx: native charts of cost per year and the tornado, the sweep as a colour scale", "[xlsx]") {
    const workbook_dump& d = swedish();
    auto chart_on = [&](const std::string& sheet) -> std::vector<std::string> {
        for (const auto& c : d.charts)
            if (c[1] == sheet) return c;
        return {};
    };
    const auto costs = chart_on("Kostnad per år"), tornado = chart_on("Känslighet");
    REQUIRE(costs.size() == 5);
    CHECK(costs[2] == "barChart");
    CHECK(costs[3] == "col");
    CHECK(costs[4] == "2");  // a series per alternative
    REQUIRE(tornado.size() == 5);
    CHECK(tornado[3] == "bar");
    CHECK(tornado[4] == "2");  // NPV at low, NPV at high
    REQUIRE(d.rules.size() == 1);
    CHECK(d.rules[0][1] == "Känslighet");
    CHECK(d.rules[0][3] == "colorScale");
    // The grid's corner names both axes; its cells are the sweep's NPVs.
    const std::string corner =
        d.find("Känslighet", "service.skuld.wait_days \\ placement.stodboende.price_per_month");
    REQUIRE(!corner.empty());
    const int row = std::stoi(corner.substr(1));
    CHECK(d.rules[0][2] == "B" + std::to_string(row + 1) + ":C" + std::to_string(row + 2));
    CHECK(d.at("Känslighet", "C" + std::to_string(row + 2))->number() == 150000);
    CHECK(d.at("Känslighet", "B" + std::to_string(row))->number() == 14000);
}

TEST_CASE("xlsx: the same model gives the same bytes, dated by its run", "[xlsx]") {
    const report_model m = small_model();
    const std::string first = xlsx_report(m, long_tables);
    // Past the zip format's two-second clock, so that a time of writing anywhere would show.
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    const std::string second = xlsx_report(m, long_tables);
    REQUIRE(first.size() > 1000);
    CHECK(first.substr(0, 2) == "PK");
    CHECK(first == second);
    CHECK(swedish().created.rfind("2024-05-01T12:30:00", 0) == 0);
}

TEST_CASE("xlsx: an English model has English sheet names and words", "[xlsx]") {
    report_model m = small_model(language::en);
    m.rules.clear();  // no rules, no indicators sheet
    const workbook_dump d = read_back(xlsx_report(m, {{"Summary", "a\n1\n"}}), "en");
    const std::vector<std::string> want = {
        "Summary",          "Cost per year", "Payers and categories", "Static sum and bridge",
        "Flows and queues", "Assumptions",   "Sensitivity",           "Summary (2)"};
    CHECK(d.sheets == want);
    CHECK(d.at("Cost per year", "E1")->value == "Total");
    CHECK(d.at("Assumptions", "G2")->value == "yes");
    CHECK(d.at("Summary (2)", "A2")->number() == 1);
}

TEST_CASE("xlsx: CSV records, numbers, sheet names and the creation date", "[xlsx]") {
    using namespace hemsim::xlsx;
    SECTION("RFC 4180 records") {
        const auto r = parse_csv("a,\"b,c\",\"say \"\"hi\"\"\"\n,\r\n\"two\nlines\"");
        REQUIRE(r.size() == 3);
        CHECK(r[0] == std::vector<std::string>{"a", "b,c", "say \"hi\""});
        CHECK(r[1] == std::vector<std::string>{"", ""});
        CHECK(r[2] == std::vector<std::string>{"two\nlines"});
        CHECK(parse_csv("").empty());
        CHECK(parse_csv("x\n").size() == 1);
    }
    SECTION("a field is a number only when all of it is one") {
        double x = 0;
        CHECK((csv_number_of("-3.5", x) && x == -3.5));
        CHECK((csv_number_of("1e6", x) && x == 1e6));
        for (const char* no : {"", " 1", "1 ", "2008-01", "nan", "inf", "0x10", "1,5", "tkr"}) {
            INFO(no);
            CHECK_FALSE(csv_number_of(no, x));
        }
    }
    SECTION("sheet names as Excel allows them") {
        CHECK(sheet_name_of("a/b:c[d]*e?f\\g") == "a_b_c_d__e_f_g");
        CHECK(sheet_name_of("'quoted'") == "quoted");
        CHECK(sheet_name_of("") == "_");
        CHECK(sheet_name_of("Kostnad per år och alternativ över horisonten") ==
              "Kostnad per år och alternativ ö");
    }
    SECTION("the creation date comes from the run's date, else 2000-01-01") {
        CHECK(created_time("2024-05-01") == 1714521600);
        CHECK(created_time("2024-05-01T12:30:00Z") == 1714521600 + 12 * 3600 + 30 * 60);
        CHECK(created_time("") == 946684800);
        CHECK(created_time("maj 2024") == 946684800);
    }
}

TEST_CASE("xlsx: what the workbook cannot hold is an error that says so", "[xlsx]") {
    // Excel holds at most 32 767 characters in a cell.
    const std::string field(40000, 'x');
    CHECK_THROWS_WITH(xlsx_report(small_model(), {{"long", "a\n" + field + "\n"}}),
                      Catch::Contains("xlsx: writing a text cell"));
}

TEST_CASE("xlsx: an empty report model still gives a workbook of the report's sheets", "[xlsx]") {
    const workbook_dump d = read_back(xlsx_report(report_model{}, {{"empty", ""}}), "empty");
    CHECK(d.sheets.size() == 8);  // no indicators sheet without rules
    CHECK(!d.find("Känslighet", "Ingen känslighetsanalys (tornado) i körningen.").empty());
    CHECK(!d.find("Kalkyl och brygga", "Ingen brygga: nollalternativet har ingen egen kalkyl.").empty());
}
