// The report's model and document: the bridge adds up, the rounding keeps
// sums, figures are written as Swedish documents write them, and the HTML is
// self-contained and escaped.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "app/run.hpp"
#include "cli_helpers.hpp"
#include "econ/calc.hpp"
#include "model/loader.hpp"
#include "report/report_build.hpp"
#include "report/report_document.hpp"
#include "report/text.hpp"
#include "results/monthly.hpp"
#include "results/summary.hpp"

using namespace hemsim;

TEST_CASE("round_to_total rounds lines to whole kronor that add up to the rounded sum", "[report]") {
    const std::vector<std::vector<double>> cases{
        {0.5, 0.5, 0.5, 0.5},
        {12100000, 25671210.4, 2240505.3, 238392.3},
        {-3.6, 1.2, 2.9},
        {1e9 + 0.49, -0.49, 0.25},
        {},
    };
    for (const auto& raw : cases) {
        const std::vector<double> r = round_to_total(raw);
        REQUIRE(r.size() == raw.size());
        const double sum = std::accumulate(raw.begin(), raw.end(), 0.0);
        CHECK(std::accumulate(r.begin(), r.end(), 0.0) == std::round(sum));
        for (std::size_t i = 0; i < raw.size(); ++i) {
            CHECK(r[i] == std::round(r[i]));
            CHECK(std::fabs(r[i] - raw[i]) < 1.0);
        }
    }
}

TEST_CASE("the bridge starts at calc's total and adds up to the simulated nollalternativ", "[report]") {
    for (const char* name : {"enheten-for-hemlosa-2007.toml", "hagersten-liljeholmen-2017.toml",
                             "hemloshetssamordnare-2017.toml", "norrmalm-bo-kvar-2011.toml",
                             "bostad-forst-hagersten-liljeholmen-2018.toml"}) {
        SECTION(name) {
            const scenario sc = load_scenario(std::string(HEMSIM_SOURCE_DIR) + "/scenarios/" + name);
            run_options opts;
            opts.replications = 20;
            opts.threads = 2;
            const scenario_result res = run_case(sc, opts);
            const report_bridge br = build_bridge(sc, res, language::sv);
            const calc_result calc = static_sum(sc);
            const calc_alternative& base = calc.alts[sc.baseline_index()];
            REQUIRE(br.available == base.has_sum);
            if (!br.available) continue;
            REQUIRE(br.lines.size() >= 2);
            CHECK(br.lines.front().amount_sek == std::round(base.total_sek));
            double sum = 0;
            for (const bridge_line& l : br.lines) sum += l.amount_sek;
            CHECK(sum == br.simulated_sek);
            // The simulated figure is the nollalternativ's cost a year in yearly.csv.
            const result_table yt = yearly_table(sc, res);
            const metric_row* total = yt.find(sc.baseline_index(), whole_horizon, metric::cost_total);
            REQUIRE(total);
            const double per_year = total->s.mean / (static_cast<double>(res.cal.months()) / 12.0);
            CHECK(std::fabs(br.simulated_sek - per_year) <= 0.5 + 1e-6 * per_year);
        }
    }
}

TEST_CASE("the report's monthly charts draw monthly.csv's numbers", "[report]") {
    const scenario sc =
        load_scenario(std::string(HEMSIM_SOURCE_DIR) + "/scenarios/enheten-for-hemlosa-2007.toml");
    run_options opts;
    opts.replications = 8;
    opts.threads = 2;
    const scenario_result res = run_case(sc, opts);
    report_request rq;
    const report_model m = build_report(sc, res, rq);
    const monthly_table t = monthly_summary(sc, res);
    const std::size_t months = res.cal.months();
    REQUIRE(t.months.size() == months);
    REQUIRE(m.cost_cumulative.size() == sc.alternatives.size());
    REQUIRE(m.cumulative.size() == sc.alternatives.size() - 1);
    auto series_of = [&](monthly_metric kind, std::size_t a) -> const report_cumulative& {
        const auto& v = kind == monthly_metric::cost_cumulative ? m.cost_cumulative : m.cumulative;
        for (const report_cumulative& c : v)
            if (c.alternative == a) return c;
        FAIL("no series for alternative " << a);
        return v.front();
    };
    std::size_t checked = 0;
    for (const monthly_row& r : t.rows) {
        if (r.kind != monthly_metric::cost_cumulative && r.kind != monthly_metric::diff_cumulative) continue;
        if (r.kind == monthly_metric::diff_cumulative && r.alternative == sc.baseline_index()) continue;
        const report_cumulative& c = series_of(r.kind, r.alternative);
        INFO(t.metric_name(r) << " alternative " << r.alternative << " month " << t.months[r.month]);
        REQUIRE(c.mean.size() == months);
        CHECK(c.month_labels[r.month] == t.months[r.month]);
        CHECK(c.mean[r.month] == r.s.mean);
        CHECK(c.ci_low[r.month] == r.s.ci_low);
        CHECK(c.ci_high[r.month] == r.s.ci_high);
        CHECK(c.p05[r.month] == r.s.p05);
        CHECK(c.p50[r.month] == r.s.p50);
        CHECK(c.p95[r.month] == r.s.p95);
        ++checked;
    }
    CHECK(checked == months * (2 * sc.alternatives.size() - 1));

    const std::vector<report_chart> charts = make_charts(m);
    auto chart = [&](const std::string& id) {
        for (const report_chart& c : charts)
            if (c.id == id) return c.svg;
        return std::string();
    };
    const std::string cost = chart("kostnad-per-manad");
    REQUIRE(!cost.empty());
    CHECK(cost.find("Sammanlagd kostnad månad för månad (" + m.unit.name + ")") != std::string::npos);
    for (const report_alternative& a : m.alternatives)
        CHECK(cost.find(">" + a.name + "</text>") != std::string::npos);
    CHECK(!chart("kostnad-per-ar").empty());
    const std::string payback = chart("kumulativ-1");
    REQUIRE(!payback.empty());
    CHECK(payback.find("hemsim-band") != std::string::npos);
    CHECK(payback.find("hemsim-zero") != std::string::npos);
    const std::vector<doc_block> blocks = report_document(m, charts);
    const std::string html = report_html(m, blocks, charts);
    CHECK(html.find("fig-kostnad-per-manad") != std::string::npos);
    CHECK(report_markdown(m, blocks, "img").find("img/kostnad-per-manad.png") != std::string::npos);
}

TEST_CASE("documents write figures with a decimal comma, no-break spaces and a real minus", "[report]") {
    CHECK(format_doc_number(-10249817.4, 0, language::sv) == "\u221210\u00a0249\u00a0817");
    CHECK(format_doc_number(-10.25, 1, language::sv) == "\u221210,3");  // half away from zero
    CHECK(format_doc_number(-0.04, 1, language::sv) == "0,0");          // never "−0"
    CHECK(format_doc_number(1234.5, 1, language::en) == "1,234.5");
    CHECK(format_doc_number(NAN, 1, language::sv) == "–");
}

TEST_CASE("the report's HTML is self-contained and escapes what it quotes", "[report]") {
    report_model m;
    m.title = "<script>alert(1)</script> & \"co\"";
    m.alternatives = {{"nollalternativ", "Noll <b>", true}, {"projekt", "Projekt & co", false}};
    m.years = {2008};
    m.inputs.push_back(
        {"placement.x", "price", "placement.x.price", "1 kr", "alla", "seed <002> & \"x\"", false});
    const std::vector<report_chart> charts = make_charts(m);
    const std::vector<doc_block> blocks = report_document(m, charts);
    const std::string html = report_html(m, blocks, charts);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;") != std::string::npos);
    CHECK(html.find("seed &lt;002&gt; &amp; &quot;x&quot;") != std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    const std::string md = report_markdown(m, blocks, "img");
    CHECK(md.find("seed \\<002\\> & \"x\"") != std::string::npos);
    // Markdown's "<" is escaped wherever it stands, the title's YAML too: pandoc prints it as text.
    for (std::size_t at = md.find("<script"); at != std::string::npos; at = md.find("<script", at + 1)) {
        INFO(md.substr(at < 10 ? 0 : at - 10, 30));
        CHECK((at > 0 && md[at - 1] == '\\'));
    }
}

TEST_CASE("report: bad options are usage errors before anything runs or is written", "[report][cli]") {
    const std::string file = std::string(HEMSIM_SOURCE_DIR) + "/scenarios/enheten-for-hemlosa-2007.toml";
    const std::filesystem::path dir = hemsim::testing::fresh_path("report-usage", false);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"report", file, "--formats", "html,odt", "--out", dir.string()},
          std::vector<std::string>{"report", file, "--sweep", "nonsense", "--out", dir.string()},
          std::vector<std::string>{"report", file, "--sweep", "placement.nope.price_per_month=1:3:1", "--out",
                                   dir.string()},
          std::vector<std::string>{"run", file, "--report", "--shard", "0/2", "--out", dir.string()}}) {
        const auto r = hemsim::testing::cli(args);
        INFO(r.err);
        CHECK(r.code == 2);
        CHECK(!std::filesystem::exists(dir));
    }
    CHECK_THAT(hemsim::testing::cli({"report", file, "--formats", "html,odt"}).err,
               Catch::Matchers::Contains("'odt' is not a format"));
}

TEST_CASE("report: a missing program skips its format with the reason and writes the others",
          "[report][cli]") {
    const std::string file = std::string(HEMSIM_SOURCE_DIR) + "/scenarios/norrmalm-bo-kvar-2011.toml";
    const std::filesystem::path dir = hemsim::testing::fresh_path("report-no-tools", false);
    const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
    ::setenv("PATH", "/nonexistent", 1);  // no dot, Chromium, pandoc or rsvg-convert
    const auto r =
        hemsim::testing::cli({"report", file, "-r", "5", "--no-sensitivity", "--out", dir.string()});
    ::setenv("PATH", path.c_str(), 1);
    INFO(r.out << r.err);
    REQUIRE(r.code == 0);
    CHECK(std::filesystem::file_size(dir / "rapport.html") > 10000);
    CHECK(std::filesystem::file_size(dir / "rapport.xlsx") > 5000);
    CHECK(std::filesystem::exists(dir / "yearly.csv"));
    CHECK(!std::filesystem::exists(dir / "rapport.pdf"));
    CHECK(!std::filesystem::exists(dir / "rapport.docx"));
    CHECK_THAT(r.out, Catch::Matchers::Contains("rapport.pdf skrevs inte: Chromium finns inte"));
    CHECK_THAT(r.out, Catch::Matchers::Contains("rapport.docx skrevs inte: pandoc finns inte"));
    CHECK_THAT(r.out, Catch::Matchers::Contains("Graphviz (dot) finns inte"));
    std::filesystem::remove_all(dir);
}
