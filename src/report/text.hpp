// Numbers and fields as text, shared by every writer (CSV, JSON, tables,
// economics, the analytic report): one rule for each, in one place.
#pragma once

#include <string>
#include <vector>

namespace hemsim {

/// The language of printed tables: Swedish (default) or English.
enum class language { sv, en };

/// `x` with `decimals` decimals, rounded half away from zero (1 204,5 -> 1 205,
/// as the applications and Excel do), grouped in thousands: "12 345,6" (sv) or
/// "12,345.6" (en); "–" when not finite; never "-0".
std::string format_number(double x, int decimals, language lang);

/// format_number for documents (HTML, Word, SVG): a no-break space (U+00A0)
/// between thousands in Swedish, so that a figure never breaks across lines,
/// and a real minus sign (U+2212): "−12 345,6". English keeps "," and uses U+2212 too.
std::string format_doc_number(double x, int decimals, language lang);

/// |x| rounded half away from zero to `decimals` decimals, as plain digits with a
/// dot ("1205", "2.68"); what format_number groups and localises.
std::string rounded_digits(double magnitude, int decimals);

/// A CSV field, quoted only when it holds a comma, quote, CR or LF (RFC 4180).
std::string csv_field(const std::string& s);

/// A number for CSV and JSON: shortest round-trip decimal with a dot, without
/// an exponent between 1e-6 and 1e16 (800000, not 8e+05), so equal doubles
/// always print the same bytes; "" for NaN and infinity; never "-0".
std::string csv_number(double x);

/// Width of UTF-8 text in characters.
std::size_t text_width(const std::string& s);

/// Rows aligned in columns (the first `left` columns left-aligned, the rest
/// right-aligned), two spaces apart, each line after `indent`; trailing spaces removed.
std::string align_columns(const std::vector<std::vector<std::string>>& rows, const std::string& indent = "",
                          std::size_t left = 1);

}  // namespace hemsim
