// The report's SVG charts: round ticks, well-formed self-contained SVG,
// Swedish numbers, one element per value drawn, the same bytes every time,
// and files that rsvg-convert turns into PNG.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "report/svg_chart.hpp"

using namespace hemsim;
using namespace hemsim::chart;

namespace {

const double unknown = std::numeric_limits<double>::quiet_NaN();
const double infinite = std::numeric_limits<double>::infinity();

// What is wrong with `s` as XML ("" when nothing): tags that do not nest,
// unquoted attributes, a '<' or a bare '&' in text, more than one root.
std::string xml_problem(const std::string& s) {
    std::vector<std::string> open;
    int roots = 0;
    auto name_char = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '-' || c == '_';
    };
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == '&') {
            static const std::regex entity("&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);");
            if (!std::regex_search(s.begin() + static_cast<long>(i), s.end(), entity,
                                   std::regex_constants::match_continuous))
                return "a bare & at " + std::to_string(i);
        }
        if (s[i] != '<') {
            if (open.empty() && !std::isspace(static_cast<unsigned char>(s[i])))
                return "text outside the root";
            ++i;
            continue;
        }
        if (s.compare(i, 2, "</") == 0) {
            const std::size_t close = s.find('>', i);
            if (close == std::string::npos) return "an unclosed end tag";
            const std::string name = s.substr(i + 2, close - i - 2);
            if (open.empty() || open.back() != name) return "</" + name + "> does not close the open element";
            open.pop_back();
            i = close + 1;
            continue;
        }
        std::size_t j = i + 1;
        while (j < s.size() && name_char(s[j])) ++j;
        const std::string name = s.substr(i + 1, j - i - 1);
        if (name.empty()) return "a '<' without a tag at " + std::to_string(i);
        for (;;) {
            while (j < s.size() && s[j] == ' ') ++j;
            if (j >= s.size()) return "<" + name + " never ends";
            if (s.compare(j, 2, "/>") == 0 || s[j] == '>') break;
            const std::size_t a = j;
            while (j < s.size() && name_char(s[j])) ++j;
            if (j == a || s.compare(j, 2, "=\"") != 0) return "an unquoted attribute in <" + name + ">";
            const std::size_t q = s.find('"', j + 2);
            if (q == std::string::npos || s.substr(j + 2, q - j - 2).find('<') != std::string::npos)
                return "a broken attribute value in <" + name + ">";
            j = q + 1;
        }
        if (open.empty() && roots++ > 0) return "a second root element";
        if (s[j] == '>') open.push_back(name);
        i = j + (s[j] == '>' ? 1 : 2);
    }
    return open.empty() ? (roots == 1 ? "" : "no root element") : "<" + open.back() + "> is never closed";
}

// What is wrong with the coordinates ("" when nothing): every number-valued
// attribute parses whole and is finite; path data holds only numbers and M, L, Z.
std::string coordinate_problem(const std::string& s) {
    static const std::regex number_attr(R"( (x|y|x1|y1|x2|y2|cx|cy|r|width|height)="([^"]*)\")");
    for (std::sregex_iterator it(s.begin(), s.end(), number_attr), stop; it != stop; ++it) {
        const std::string v = (*it)[2];
        char* end = nullptr;
        const double x = std::strtod(v.c_str(), &end);
        if (v.empty() || *end != '\0' || !std::isfinite(x)) return (*it)[1].str() + "=\"" + v + "\"";
    }
    static const std::regex path_attr(R"( d="([^"]*)\")");
    for (std::sregex_iterator it(s.begin(), s.end(), path_attr), stop; it != stop; ++it)
        if ((*it)[1].str().find_first_not_of("0123456789.- MLZ") != std::string::npos)
            return "d=\"" + (*it)[1].str();
    std::string lower = s;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.find("nan") != std::string::npos || lower.find("inf") != std::string::npos) return "nan or inf";
    return "";
}

// How often `what` occurs in `s`.
std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size())) ++n;
    return n;
}

std::size_t count_class(const std::string& svg, const std::string& cls) {
    return count(svg, "class=\"" + cls + "\"");
}

// The checks every chart passes: well-formed, self-contained, titled, finite.
void check_chart(const std::string& svg, const std::string& title) {
    INFO(svg);
    CHECK(xml_problem(svg) == "");
    CHECK(coordinate_problem(svg) == "");
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"", 0) == 0);
    CHECK(svg.find("viewBox=\"0 0 ") != std::string::npos);
    CHECK(svg.find("role=\"img\"") != std::string::npos);
    CHECK(svg.find("<title>" + xml_escape(title) + "</title>") != std::string::npos);
    CHECK(svg.find("font-family=\"DejaVu Sans, Arial, sans-serif\"") != std::string::npos);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("href") == std::string::npos);
    CHECK(svg.find("<style") == std::string::npos);
}

bool has_tool(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

frame tkr(const std::string& title) {
    frame f;
    f.title = title;
    f.unit = "tkr";
    f.divisor = 1e3;
    return f;
}

// Two alternatives over three years, SEK; the project saves in 2010, and its 2009 is unknown.
std::vector<series> yearly_costs() {
    series base{"Nollalternativ",
                {2'400'000, 2'550'000, 2'700'000},
                {2'300'000, 2'450'000, 2'600'000},
                {2'500'000, 2'650'000, 2'800'000},
                {1'900'000, 2'000'000, 2'100'000},
                {2'900'000, 3'100'000, 3'300'000}};
    series project{"Projekt & <boende>",         {900'000, unknown, -420'000},
                   {850'000, unknown, -470'000}, {950'000, unknown, -370'000},
                   {600'000, unknown, -700'000}, {1'200'000, unknown, -100'000}};
    return {base, project};
}

std::string all_charts(const frame& f) {
    const std::vector<std::string> years{"2008", "2009", "2010"};
    series cumulative{"Skillnad", {-1e5, -3e5, -2e5, 1e5},  {},
                      {},         {-4e5, -6e5, -5e5, -2e5}, {2e5, 0, 1e5, 4e5}};
    return bars_svg(f, years, yearly_costs()) +
           line_svg(f, {"2008-01", "2008-02", "2008-03", "2008-04"}, cumulative, 1, marker{2, "Återbetald"}) +
           tornado_svg(f, 1e6, {{"Vårddygnspris", 5e5, 2e6, "3 000", "6 000"}}) +
           stacked_svg(f, years, {{"Kommunen", {1e6, -2e6, 5e5}}, {"Regionen", {-3e5, 4e5, unknown}}}) +
           heat_map_svg(f, "Pris", {"1", "2"}, "Andel", {"a", "b"}, {{1e6, -2e6}, {unknown, 3e5}});
}

}  // namespace

TEST_CASE("nice_ticks: steps of 1, 2 or 5 times a power of ten that cover the range", "[svg]") {
    auto check_ticks = [](double lo, double hi, const std::vector<double>& t) {
        INFO("lo " << lo << " hi " << hi << " ticks " << t.size());
        REQUIRE(t.size() >= 2);
        CHECK(t.size() <= 100);
        CHECK(t.front() <= lo);
        CHECK(t.back() >= hi);
        const double step = t[1] - t[0];
        const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
        CHECK((std::fabs(mantissa - 1) < 1e-9 || std::fabs(mantissa - 2) < 1e-9 ||
               std::fabs(mantissa - 5) < 1e-9));
        for (std::size_t i = 1; i < t.size(); ++i) CHECK(t[i] - t[i - 1] == Approx(step));
        if (lo < 0 && hi > 0) CHECK(std::find(t.begin(), t.end(), 0.0) != t.end());
    };
    SECTION("0 to 9,9 million: steps of 2 million") {
        CHECK(nice_ticks(0, 9.9e6) == std::vector<double>{0, 2e6, 4e6, 6e6, 8e6, 10e6});
    }
    SECTION("−3,2 to 7,1: steps of 2 through zero") {
        CHECK(nice_ticks(-3.2, 7.1) == std::vector<double>{-4, -2, 0, 2, 4, 6, 8});
    }
    SECTION("decimal steps are the nearest doubles, so they print as written") {
        const auto t = nice_ticks(0.3, 0.7);
        CHECK(t == std::vector<double>{0.3, 0.4, 0.5, 0.6, 0.7});
    }
    SECTION("the order of lo and hi does not matter") {
        CHECK(nice_ticks(7.1, -3.2) == nice_ticks(-3.2, 7.1));
    }
    SECTION("many ranges") {
        for (auto [lo, hi] : std::vector<std::pair<double, double>>{{0, 1},
                                                                    {-1, 1},
                                                                    {-2.5e6, -0.3e6},
                                                                    {17, 23},
                                                                    {1e-7, 3e-7},
                                                                    {-0.04, 0.11},
                                                                    {1e12, 1e15},
                                                                    {0.1, 0.9}})
            check_ticks(lo, hi, nice_ticks(lo, hi));
    }
    SECTION("one value: from zero to it") {
        CHECK(nice_ticks(5, 5) == std::vector<double>{0, 1, 2, 3, 4, 5});
        CHECK(nice_ticks(-3, -3) == std::vector<double>{-3, -2.5, -2, -1.5, -1, -0.5, 0});
        check_ticks(0, 0, nice_ticks(0, 0));
        CHECK(nice_ticks(0, 0).back() == 1);
        check_ticks(1, 1, nice_ticks(1, 1 + 1e-15));
    }
    SECTION("NaN, infinity and huge values give a few finite ticks") {
        for (auto [lo, hi] :
             std::vector<std::pair<double, double>>{{unknown, unknown},
                                                    {-infinite, infinite},
                                                    {infinite, infinite},
                                                    {-1e308, 1e308},
                                                    {-std::numeric_limits<double>::max(), 0}}) {
            const auto t = nice_ticks(lo, hi);
            REQUIRE(t.size() >= 2);
            CHECK(t.size() <= 100);
            for (double v : t) CHECK(std::isfinite(v));
            CHECK(std::is_sorted(t.begin(), t.end()));
        }
        check_ticks(5, 5, nice_ticks(unknown, 5));
        check_ticks(-2, -2, nice_ticks(-2, infinite));
    }
    SECTION("the count stays capped whatever the target") {
        CHECK(nice_ticks(0, 1, 1'000'000).size() <= 100);
        check_ticks(0, 1, nice_ticks(0, 1, 0));
        check_ticks(0, 1, nice_ticks(0, 1, -4));
    }
}

TEST_CASE("xml_escape escapes markup and drops control characters", "[svg]") {
    CHECK(xml_escape("a & b <c> \"d\"") == "a &amp; b &lt;c&gt; &quot;d&quot;");
    CHECK(xml_escape("Å\x01ö\tx") == "Åö\tx");
    CHECK(xml_problem("<svg>" + xml_escape("<&\"'>") + "</svg>") == "");
}

TEST_CASE("bars: a bar per known mean, with its band and whisker, Swedish ticks", "[svg]") {
    const auto svg = bars_svg(tkr("Kostnad per år"), {"2008", "2009", "2010"}, yearly_costs());
    check_chart(svg, "Kostnad per år");
    CHECK(count_class(svg, "hemsim-bar") == 5);  // the project's 2009 is NaN
    CHECK(count_class(svg, "hemsim-band") == 5);
    CHECK(count_class(svg, "hemsim-whisker") == 5 * 3);
    CHECK(count_class(svg, "hemsim-zero") == 1);
    CHECK(svg.find(">Nollalternativ</text>") != std::string::npos);
    CHECK(svg.find(">Projekt &amp; &lt;boende&gt;</text>") != std::string::npos);
    CHECK(svg.find(">p05–p95</text>") != std::string::npos);
    CHECK(svg.find(">95\u00a0% KI</text>") != std::string::npos);
    CHECK(svg.find(">\u22121\u00a0000</text>") != std::string::npos);  // real minus, no-break space
    CHECK(svg.find(">3\u00a0000</text>") != std::string::npos);
    CHECK(svg.find(">tkr</text>") != std::string::npos);
    CHECK(svg.find(">2009</text>") != std::string::npos);
    CHECK(svg.find("-1") == std::string::npos);
    CHECK(bars_svg(tkr("Kostnad per år"), {"2008", "2009", "2010"}, yearly_costs()) == svg);

    frame en = tkr("Cost");
    en.lang = language::en;
    const auto english = bars_svg(en, {"2008", "2009", "2010"}, yearly_costs());
    CHECK(english.find(">3,000</text>") != std::string::npos);
    CHECK(english.find(">95% CI</text>") != std::string::npos);
}

TEST_CASE("line: the mean, its band, labels every n points and a dashed marker", "[svg]") {
    std::vector<std::string> months;
    series s{"Kumulativ skillnad", {}, {}, {}, {}, {}};
    for (int i = 0; i < 24; ++i) {
        months.push_back((i < 12 ? "2008-" : "2009-") + std::string(i % 12 < 9 ? "0" : "") +
                         std::to_string(i % 12 + 1));
        s.mean.push_back(-1.2e6 + 8e4 * i);
        s.p05.push_back(i == 5 ? unknown : -1.4e6 + 8e4 * i);
        s.p95.push_back(-0.9e6 + 8e4 * i);
    }
    frame f{"Återbetalning", "mkr", 1e6, language::sv};
    const auto svg = line_svg(f, months, s, 6, marker{14, "Återbetald 2009-03"});
    check_chart(svg, "Återbetalning");
    CHECK(count_class(svg, "hemsim-line") == 1);
    CHECK(count_class(svg, "hemsim-band") == 1);
    CHECK(count(svg, " Z") == 2);  // the band is broken where p05 is unknown
    CHECK(count_class(svg, "hemsim-marker") == 1);
    CHECK(svg.find("stroke-dasharray") != std::string::npos);
    CHECK(svg.find(">Återbetald 2009-03</text>") != std::string::npos);
    CHECK(svg.find(">2008-01</text>") != std::string::npos);
    CHECK(svg.find(">2008-07</text>") != std::string::npos);
    CHECK(svg.find(">2009-07</text>") != std::string::npos);
    CHECK(svg.find(">2008-02</text>") == std::string::npos);
    CHECK(svg.find(">\u22121,5</text>") != std::string::npos);  // decimal comma and real minus
    CHECK(svg.find(">0,5</text>") != std::string::npos);
    CHECK(count_class(svg, "hemsim-zero") == 1);
    CHECK(svg.find(">Kumulativ skillnad</text>") != std::string::npos);
    CHECK(line_svg(f, months, s, 6, marker{14, "Återbetald 2009-03"}) == svg);

    SECTION("a marker beyond the points is left out; one point is a dot") {
        CHECK(count_class(line_svg(f, months, s, 6, marker{24, "x"}), "hemsim-marker") == 0);
        const auto one = line_svg(f, {"2008-01"}, series{"s", {1e6}, {}, {}, {}, {}}, 0, std::nullopt);
        check_chart(one, "Återbetalning");
        CHECK(count(one, "<circle") == 1);
    }
}

// The y coordinates of a path's points, in order ("M x y L x y ...").
std::vector<double> path_ys(const std::string& d) {
    std::vector<double> ys;
    static const std::regex point("[ML](-?[0-9.]+) (-?[0-9.]+)");
    for (auto it = std::sregex_iterator(d.begin(), d.end(), point); it != std::sregex_iterator(); ++it)
        ys.push_back(std::stod((*it)[2].str()));
    return ys;
}
// The `d` of every path with the class, in order.
std::vector<std::string> paths_of(const std::string& svg, const std::string& cls) {
    std::vector<std::string> out;
    static const std::regex path("<path d=\"([^\"]*)\"[^>]*class=\"([a-z-]+)\"");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), path); it != std::sregex_iterator(); ++it)
        if ((*it)[2].str() == cls) out.push_back((*it)[1].str());
    return out;
}

TEST_CASE("fan: per series a p05–p95 band, the interval, the mean and median lines, one legend", "[svg]") {
    const std::size_t months = 36;
    std::vector<std::string> labels;
    std::vector<series> ss(2);
    ss[0].name = "Nollalternativ";
    ss[1].name = "Projektet";
    for (std::size_t i = 0; i < months; ++i) {
        labels.push_back(std::to_string(2008 + i / 12) + "-" + (i % 12 < 9 ? "0" : "") +
                         std::to_string(i % 12 + 1));
        for (std::size_t j = 0; j < 2; ++j) {
            const double mean = (1.0 + 0.3 * static_cast<double>(j)) * 1e6 * static_cast<double>(i + 1);
            ss[j].mean.push_back(mean);
            ss[j].p50.push_back(mean * 0.98);
            ss[j].ci_low.push_back(mean * 0.95);
            ss[j].ci_high.push_back(mean * 1.05);
            ss[j].p05.push_back(mean * 0.7);
            ss[j].p95.push_back(mean * 1.4);
        }
    }
    frame f{"Sammanlagd kostnad", "mkr", 1e6, language::sv};
    const std::string svg = fan_svg(f, labels, ss, 6, std::nullopt);
    check_chart(svg, "Sammanlagd kostnad");
    CHECK(fan_svg(f, labels, ss, 6, std::nullopt) == svg);
    const auto bands = paths_of(svg, "hemsim-band"), cis = paths_of(svg, "hemsim-ci"),
               lines = paths_of(svg, "hemsim-line"), medians = paths_of(svg, "hemsim-median");
    REQUIRE(bands.size() == 2);
    REQUIRE(cis.size() == 2);
    REQUIRE(lines.size() == 2);
    REQUIRE(medians.size() == 2);
    // The bands are drawn before the lines, so that every line stays visible.
    CHECK(svg.find("hemsim-band") < svg.find("hemsim-line"));
    for (std::size_t j = 0; j < 2; ++j) {
        const auto mean = path_ys(lines[j]), band = path_ys(bands[j]), ci = path_ys(cis[j]),
                   median = path_ys(medians[j]);
        REQUIRE(mean.size() == months);  // a point per month of the horizon
        REQUIRE(median.size() == months);
        REQUIRE(band.size() == 2 * months);  // p95 forwards, then p05 backwards
        REQUIRE(ci.size() == 2 * months);
        for (std::size_t i = 0; i < months; ++i) {
            INFO("series " << j << " month " << i);
            const double p95 = band[i], p05 = band[2 * months - 1 - i];
            const double hi = ci[i], lo = ci[2 * months - 1 - i];
            // Larger values are higher up, at smaller y: p95 ≤ ci_high ≤ mean ≤ ci_low ≤ p05 in y.
            CHECK(p95 <= hi);
            CHECK(hi <= mean[i]);
            CHECK(mean[i] <= lo);
            CHECK(lo <= p05);
            CHECK(p95 <= median[i]);
            CHECK(median[i] <= p05);
        }
    }
    CHECK(svg.find(">Nollalternativ</text>") != std::string::npos);
    CHECK(svg.find(">Projektet</text>") != std::string::npos);
    CHECK(svg.find(">median</text>") != std::string::npos);
    CHECK(svg.find(">95\u00a0% KI</text>") != std::string::npos);
    CHECK(svg.find(">p05–p95</text>") != std::string::npos);
    CHECK(svg.find(">2008-01</text>") != std::string::npos);
    CHECK(svg.find(">2008-07</text>") != std::string::npos);
    CHECK(svg.find(">2008-02</text>") == std::string::npos);
    CHECK(svg.find("Sammanlagd kostnad") != std::string::npos);
    CHECK(svg.find("mkr") != std::string::npos);

    SECTION("one series without median and interval draws as line_svg") {
        series one{"Skillnad", ss[0].mean, {}, {}, ss[0].p05, ss[0].p95};
        CHECK(fan_svg(f, labels, {one}, 6, marker{3, "x"}) == line_svg(f, labels, one, 6, marker{3, "x"}));
    }
}

TEST_CASE("tornado: two bar ends per row around the base, labels cut to fit", "[svg]") {
    const std::string long_label =
        "Andel klienter som flyttar till egen lägenhet inom arton månader efter insatsen";
    const std::vector<tornado_bar> rows{{"Vårddygnspris HVB", -3.2e6, 1.8e6, "3\u00a0000", "6\u00a0000"},
                                        {long_label, -0.4e6, 0.9e6, "30", "75"},
                                        {"Väntetid", 0.2e6, -0.1e6, "2", "8"}};
    frame f{"Känslighet", "mkr", 1e6, language::sv};
    const auto svg = tornado_svg(f, 0.3e6, rows);
    check_chart(svg, "Känslighet");
    CHECK(count_class(svg, "hemsim-bar-low") == 3);
    CHECK(count_class(svg, "hemsim-bar-high") == 3);
    CHECK(count_class(svg, "hemsim-base") == 1);
    CHECK(svg.find(">Vårddygnspris HVB</text>") != std::string::npos);
    CHECK(svg.find(">" + long_label + "</text>") == std::string::npos);
    CHECK(svg.find("…</text>") != std::string::npos);
    for (const char* end : {">3\u00a0000<", ">6\u00a0000<", ">30<", ">75<", ">2<", ">8<"})
        CHECK(svg.find(end) != std::string::npos);
    CHECK(svg.find(">\u22124</text>") != std::string::npos);
    CHECK(svg.find(">0,3</text>") != std::string::npos);  // the base, one decimal more than the ticks
    CHECK(svg.find(">Lågt värde</text>") != std::string::npos);
    CHECK(tornado_svg(f, 0.3e6, rows) == svg);

    SECTION("both ends on one side of the base: each half as tall, so neither hides the other") {
        auto heights = [&](const std::string& cls) {
            std::vector<double> h;
            const std::regex rect("height=\"([0-9.]+)\" fill=\"#[0-9A-F]{6}\" class=\"" + cls + "\"");
            for (std::sregex_iterator it(svg.begin(), svg.end(), rect), stop; it != stop; ++it)
                h.push_back(std::stod((*it)[1]));
            return h;
        };
        const auto low = heights("hemsim-bar-low"), high = heights("hemsim-bar-high");
        REQUIRE(low.size() == 3);
        REQUIRE(high.size() == 3);
        CHECK(low[0] == high[0]);
        CHECK(low[2] == Approx(low[0] / 2).margin(0.1));  // "Väntetid": 0,2 and −0,1, both below 0,3
        CHECK(high[2] == Approx(low[0] / 2).margin(0.1));
    }
    SECTION("many rows make the chart taller, not the rows thinner") {
        std::vector<tornado_bar> many(40, rows[0]);
        const auto tall = tornado_svg(f, 0, many);
        check_chart(tall, "Känslighet");
        CHECK(count_class(tall, "hemsim-bar-low") == 40);
        CHECK(tall.find("height=\"320\"") == std::string::npos);
    }
}

TEST_CASE("stacked: positive parts up, negative down, a dot for each net", "[svg]") {
    const std::vector<part> parts{{"Kommunen", {-2.1e6, -2.4e6, -2.6e6}},
                                  {"Regionen", {0.4e6, 0.0, unknown}},
                                  {"Försäkringskassan", {1.2e6, 1.3e6, 1.4e6}}};
    const auto svg = stacked_svg(tkr("Vem sparar"), {"2008", "2009", "2010"}, parts);
    check_chart(svg, "Vem sparar");
    CHECK(count_class(svg, "hemsim-segment") == 7);  // a zero and a NaN draw nothing
    CHECK(count_class(svg, "hemsim-net") == 3);
    CHECK(count_class(svg, "hemsim-zero") == 1);
    for (const char* name : {">Kommunen<", ">Regionen<", ">Försäkringskassan<", ">Netto<"})
        CHECK(svg.find(name) != std::string::npos);
    CHECK(svg.find(">\u22121\u00a0000</text>") != std::string::npos);
    CHECK(svg.find("fill=\"#0072B2\"") != std::string::npos);
    CHECK(svg.find("fill=\"#E69F00\"") != std::string::npos);
    CHECK(svg.find("fill=\"#009E73\"") != std::string::npos);
    CHECK(stacked_svg(tkr("Vem sparar"), {"2008", "2009", "2010"}, parts) == svg);
}

TEST_CASE("heat map: a coloured cell with its value per known z, axis titles and a key", "[svg]") {
    const std::vector<std::vector<double>> z{{-1.5e6, -0.2e6, 0.0}, {unknown, 0.6e6, 2.25e6}};
    frame f{"Nettokostnad", "mkr", 1e6, language::sv};
    const auto svg =
        heat_map_svg(f, "Vårddygnspris", {"3 000", "4 500", "6 000"}, "Andel", {"30 %", "60 %"}, z);
    check_chart(svg, "Nettokostnad");
    CHECK(count_class(svg, "hemsim-cell") == 5);
    CHECK(count_class(svg, "hemsim-key") == 7);
    CHECK(count_class(svg, "hemsim-grid") == 1);  // grey behind, where the NaN cell is missing
    for (const char* value :
         {">\u22121,5</text>", ">\u22120,2</text>", ">0,0</text>", ">0,6</text>", ">2,3</text>"})
        CHECK(svg.find(value) != std::string::npos);
    CHECK(svg.find(">Vårddygnspris</text>") != std::string::npos);
    CHECK(svg.find(">Andel</text>") != std::string::npos);
    CHECK(svg.find("rotate(-90") != std::string::npos);
    CHECK(svg.find(">2,3 mkr</text>") != std::string::npos);  // the key's end (2,25 rounds half away)
    CHECK(svg.find("fill=\"#FFFFFF\" stroke=\"#ffffff\" stroke-width=\"1\" class=\"hemsim-cell\"") !=
          std::string::npos);                                  // zero is white
    CHECK(svg.find("fill=\"#D55E00\"") != std::string::npos);  // the largest cost, full colour
    CHECK(heat_map_svg(f, "Vårddygnspris", {"3 000", "4 500", "6 000"}, "Andel", {"30 %", "60 %"}, z) == svg);

    SECTION("one row, without a y axis") {
        const auto row = heat_map_svg(f, "Vårddygnspris", {"3 000", "6 000"}, "", {""}, {{-1e6, 1e6}});
        check_chart(row, "Nettokostnad");
        CHECK(count_class(row, "hemsim-cell") == 2);
        CHECK(row.find("rotate(") == std::string::npos);
        CHECK(row.find("fill=\"#0072B2\"") != std::string::npos);  // the largest saving, full colour
    }
    SECTION("all zero: white cells, no division by zero") {
        const auto zero = heat_map_svg(f, "x", {"a"}, "", {""}, {{0.0}});
        check_chart(zero, "Nettokostnad");
        CHECK(count_class(zero, "hemsim-cell") == 1);
    }
}

TEST_CASE("empty and unknown inputs give a valid chart that says so", "[svg]") {
    const frame f = tkr("Tomt");
    const series all_nan{"s",
                         {unknown, unknown},
                         {unknown, unknown},
                         {unknown, unknown},
                         {unknown, unknown},
                         {unknown, unknown}};
    for (const auto& svg :
         {bars_svg(f, {}, {}), bars_svg(f, {"2008"}, {}), bars_svg(f, {"2008", "2009"}, {all_nan}),
          line_svg(f, {}, series{}, 1, marker{0, "m"}), line_svg(f, {"a", "b"}, all_nan, 1, {}),
          tornado_svg(f, 0, {}), tornado_svg(f, unknown, {{"a", 1, 2, "1", "2"}}),
          tornado_svg(f, 0, {{"a", unknown, infinite, "1", "2"}}), stacked_svg(f, {}, {}),
          stacked_svg(f, {"2008"}, {}), stacked_svg(f, {"2008"}, {{"p", {unknown}}}),
          heat_map_svg(f, "x", {}, "y", {}, {}), heat_map_svg(f, "x", {"a"}, "", {""}, {{unknown}})}) {
        check_chart(svg, "Tomt");
        CHECK(svg.find(">Inget att visa</text>") != std::string::npos);
        CHECK(count(svg, "<rect") == 1);  // the background only
    }
}

TEST_CASE("hostile frames and values still give finite coordinates", "[svg]") {
    frame f = tkr("Trasig <ram> & \"citat\"");
    f.width = unknown;
    f.height = -5;
    f.divisor = 0;
    const auto a = all_charts(f);
    CHECK(coordinate_problem(a) == "");
    f.width = infinite;
    f.divisor = -1;
    CHECK(coordinate_problem(all_charts(f)) == "");
    f.width = 1e-3;
    f.height = 1e9;
    CHECK(coordinate_problem(all_charts(f)) == "");
    const std::vector<series> odd{{"s", {1e300, -1e300, infinite, 5}, {}, {}, {}, {}}};
    const auto huge = bars_svg(tkr("Stora tal"), {"a", "b", "c", "d"}, odd);
    check_chart(huge, "Stora tal");
    CHECK(count_class(huge, "hemsim-bar") == 3);  // infinity is skipped
    CHECK(all_charts(tkr("Samma")) == all_charts(tkr("Samma")));
}

TEST_CASE("every chart passes xmllint and rsvg-convert makes a PNG of it", "[svg]") {
    const auto dir = testing::fresh_path("svg", true);
    const frame f = tkr("Diagram");
    const std::vector<std::string> charts{
        bars_svg(f, {"2008", "2009", "2010"}, yearly_costs()),
        line_svg(f, {"a", "b", "c"}, series{"s", {1, -2e5, 3e5}, {}, {}, {0, -3e5, 1e5}, {2e5, 0, 4e5}}, 1,
                 {}),
        tornado_svg(f, 0, {{"a", -1e6, 2e6, "1", "2"}}),
        stacked_svg(f, {"2008"}, {{"p", {1e6}}, {"q", {-2e6}}}),
        heat_map_svg(f, "x", {"1", "2"}, "", {""}, {{1e6, -1e6}}),
        bars_svg(f, {}, {})};
    const bool xmllint = has_tool("xmllint"), rsvg = has_tool("rsvg-convert");
    if (!xmllint) WARN("xmllint is not installed: the SVG is checked by the test's own parser only");
    if (!rsvg) WARN("rsvg-convert is not installed (librsvg2-bin): no PNG made");
    for (std::size_t i = 0; i < charts.size(); ++i) {
        const auto svg = dir / ("chart" + std::to_string(i) + ".svg");
        const auto png = dir / ("chart" + std::to_string(i) + ".png");
        std::ofstream(svg, std::ios::binary) << charts[i];
        if (xmllint) CHECK(std::system(("xmllint --noout '" + svg.string() + "' 2>&1").c_str()) == 0);
        if (!rsvg) continue;
        REQUIRE(std::system(("rsvg-convert -o '" + png.string() + "' '" + svg.string() + "'").c_str()) == 0);
        const std::string bytes = testing::read_file(png);
        CHECK(bytes.size() > 1000);
        CHECK(bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
    }
    std::filesystem::remove_all(dir);
}
