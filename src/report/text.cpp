#include "report/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace hemsim {

std::string rounded_digits(double magnitude, int decimals) {
    char buf[400];
    const double scale = std::pow(10.0, decimals);
    const double scaled = magnitude * scale;
    if (!(scaled < 9e15)) {
        // Beyond 2^53 a double has no fractional part to round.
        std::snprintf(buf, sizeof buf, "%.*f", decimals, magnitude);
        return buf;
    }
    // Halves away from zero, as the applications and Excel round: 1 204,5 -> 1 205.
    // A few ulps of slack make a written half (2,675 stored as 2,67499...) a half.
    const double r = std::round(scaled * (1 + 8 * std::numeric_limits<double>::epsilon()));
    std::snprintf(buf, sizeof buf, "%.0f", r);
    std::string digits(buf);
    if (decimals <= 0) return digits;
    const auto d = static_cast<std::size_t>(decimals);
    if (digits.size() <= d) digits = std::string(d + 1 - digits.size(), '0') + digits;
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on insert() here.
    std::string out = digits.substr(0, digits.size() - d);
    out += '.';
    out += digits.substr(digits.size() - d);
    return out;
}

namespace {

std::string format_with(double x, int decimals, language lang, const char* sv_sep, const char* minus) {
    if (!std::isfinite(x)) return "–";
    std::string digits = rounded_digits(std::fabs(x), decimals), frac;
    const bool zero = digits.find_first_not_of("0.") == std::string::npos;
    if (auto dot = digits.find('.'); dot != std::string::npos) {
        frac = digits.substr(dot + 1);
        digits.resize(dot);
    }
    const char* sep = lang == language::sv ? sv_sep : ",";
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += sep;
        grouped += digits[i];
    }
    std::string out = x < 0 && !zero ? minus : "";  // never "-0"
    out += grouped;
    if (!frac.empty()) {
        out += lang == language::sv ? "," : ".";
        out += frac;
    }
    return out;
}

}  // namespace

std::string format_number(double x, int decimals, language lang) {
    return format_with(x, decimals, lang, " ", "-");
}

std::string format_doc_number(double x, int decimals, language lang) {
    return format_with(x, decimals, lang, "\u00a0", "\u2212");
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_number(double x) {
    if (!std::isfinite(x)) return "";
    if (x == 0) return "0";
    // Plain decimals (800000, not 8e+05) for spreadsheets; exponents only far out.
    const double a = std::fabs(x);
    const auto format = a >= 1e-6 && a < 1e16 ? std::chars_format::fixed : std::chars_format::general;
    char buf[400];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x, format);
    (void)ec;
    return std::string(buf, end);
}

std::size_t text_width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string align_columns(const std::vector<std::vector<std::string>>& rows, const std::string& indent,
                          std::size_t left) {
    std::vector<std::size_t> w;
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size(); ++i) {
            if (w.size() <= i) w.push_back(0);
            w[i] = std::max(w[i], text_width(r[i]));
        }
    std::string out;
    for (const auto& r : rows) {
        std::string line = indent;
        for (std::size_t i = 0; i < r.size(); ++i) {
            std::string fill(w[i] - text_width(r[i]), ' ');
            if (i > 0) line += "  ";
            line += i < left ? r[i] + fill : fill + r[i];
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

}  // namespace hemsim
