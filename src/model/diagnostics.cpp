// The loader's diagnostics: positions, and the pieces of every input error's
// text (see diagnostics.hpp).
#include "model/diagnostics.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "model/model.hpp"
#include "model/suggest.hpp"
#include "model/tree.hpp"

namespace hemsim::loader {

using namespace std::string_literals;

std::string describe(const origin& at) {
    std::string s = at.file ? *at.file : "<input>"s;
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on ":" + a temporary.
    if (at.line > 0) {
        s += ':';
        s += std::to_string(at.line);
        s += ':';
        s += std::to_string(at.column);
    }
    return s;
}

void fail(const origin& at, const std::string& what) {
    throw input_error(at.file ? *at.file : "<input>"s, at.line, at.column, what);
}

std::string in_quotes(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '\'';
    out += s;
    out += '\'';
    return out;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += sep;
        out += items[i];
    }
    return out;
}

std::string format_number(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    std::array<char, 64> buf{};
    if (v == std::floor(v) && std::fabs(v) < 1e15) {
        std::snprintf(buf.data(), buf.size(), "%.0f", v);
        return buf.data();
    }
    auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return std::string(buf.data(), res.ptr);
}

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view what, std::string_view none) {
    if (auto n = nearest(word, candidates)) return "; did you mean " + in_quotes(*n) + "?";
    if (candidates.empty()) return "; " + std::string(none);
    // A long list helps nobody: the first dozen, then a count.
    constexpr std::size_t shown = 12;
    std::vector<std::string> q;
    for (std::size_t i = 0; i < candidates.size() && i < shown; ++i) q.push_back(in_quotes(candidates[i]));
    if (candidates.size() > shown) q.push_back("and " + std::to_string(candidates.size() - shown) + " more");
    return "; " + std::string(what) + ": " + join(q);
}

std::string type_name(const tnode& n) {
    switch (n.type) {
    case ttype::table: return "a table";
    case ttype::array: return "an array";
    case ttype::string: return "a string (\"" + n.text + "\")";
    case ttype::integer: return "an integer (" + std::to_string(n.integer) + ")";
    case ttype::floating: return "a number (" + format_number(n.floating) + ")";
    case ttype::boolean: return n.boolean ? "true" : "false";
    case ttype::date: return "a date (" + iso(n.day) + ")";
    case ttype::other: return "a time or date-time";
    }
    return "a value";
}

}  // namespace hemsim::loader
