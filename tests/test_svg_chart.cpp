// The report's SVG charts: round ticks and text escaped for XML.
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
