#include "results/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace hemsim {

std::string format_number(double x, int decimals, language lang) {
    if (!std::isfinite(x)) return "–";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(x));
    std::string digits(buf), frac;
    if (auto dot = digits.find('.'); dot != std::string::npos) {
        frac = digits.substr(dot + 1);
        digits.resize(dot);
    }
    const char* sep = lang == language::sv ? " " : ",";
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += sep;
        grouped += digits[i];
    }
    bool negative = x < 0 && std::strtod(buf, nullptr) != 0;
    std::string out = negative ? "-" : "";
    out += grouped;
    if (!frac.empty()) {
        out += lang == language::sv ? "," : ".";
        out += frac;
    }
    return out;
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
