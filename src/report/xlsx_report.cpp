// The workbook as a file and back: a private scratch folder, the workbook's
// formats and fixed document properties, the cells' widths, and the long
// tables read from their CSV text. The report's own sheets are in xlsx_sheets.cpp.
//
// Never set a locale here or anywhere in hemsim: libxlsxwriter prints numbers
// into its XML with printf, and a decimal comma would corrupt the file.
#include "report/xlsx_report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "report/files.hpp"
#include "report/text.hpp"
#include "report/xlsx_book.hpp"

namespace hemsim {

namespace xlsx {

void check(lxw_error e, const char* what) {
    if (e != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + what + ": " + lxw_strerror(e));
}

namespace {

// Excel's limits: columns and rows of a sheet, characters of a sheet's name.
constexpr std::size_t max_rows = 1048576, max_cols = 16384, max_name_chars = 31;

lxw_row_t row_of(std::size_t row) {
    if (row >= max_rows) throw std::runtime_error("xlsx: more rows than a sheet holds (1 048 576)");
    return static_cast<lxw_row_t>(row);
}
lxw_col_t col_of(std::size_t col) {
    if (col >= max_cols) throw std::runtime_error("xlsx: more columns than a sheet holds (16 384)");
    return static_cast<lxw_col_t>(col);
}

// The first `chars` characters of UTF-8 text (never cutting a character in two).
std::string utf8_prefix(const std::string& s, std::size_t chars) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // a continuation byte
        if (n++ == chars) return s.substr(0, i);
    }
    return s;
}

std::string ascii_lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
long long days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

// The digits of s[pos, pos+n) as a number, or -1 when they are not all digits.
int digits_at(const std::string& s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return -1;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

std::string money_code(const money_unit& unit) {
    if (unit.name == "mkr") return "#,##0.0,,\" mkr\"";
    if (unit.name == "tkr") return "#,##0,\" tkr\"";
    return "#,##0\" kr\"";
}

}  // namespace

std::time_t created_time(const std::string& generated) {
    constexpr std::time_t fallback = 946684800;  // 2000-01-01T00:00:00Z
    const int y = digits_at(generated, 0, 4), mo = digits_at(generated, 5, 2), d = digits_at(generated, 8, 2);
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || generated[4] != '-' || generated[7] != '-')
        return fallback;
    long long seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400;
    if (generated.size() >= 19 && (generated[10] == 'T' || generated[10] == ' ')) {
        const int h = digits_at(generated, 11, 2), mi = digits_at(generated, 14, 2),
                  s = digits_at(generated, 17, 2);
        if (h >= 0 && h < 24 && mi >= 0 && mi < 60 && s >= 0 && s < 61) seconds += h * 3600 + mi * 60 + s;
    }
    return static_cast<std::time_t>(seconds);
}

std::string sheet_name_of(const std::string& name) {
    std::string s;
    for (char c : name) {
        const bool forbidden = c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' ||
                               c == '\\' || static_cast<unsigned char>(c) < 0x20;
        s += forbidden ? '_' : c;
    }
    while (!s.empty() && s.front() == '\'') s.erase(s.begin());
    s = utf8_prefix(s, max_name_chars);
    while (!s.empty() && s.back() == '\'') s.pop_back();
    return s.empty() ? "_" : s;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, any = false;  // inside quotes; the record has begun
    auto end_field = [&] {
        record.push_back(std::move(field));
        field.clear();
    };
    auto end_record = [&] {
        end_field();
        records.push_back(std::move(record));
        record.clear();
        any = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c != '"') {
                field += c;
            } else if (i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else {
                quoted = false;
            }
            continue;
        }
        any = true;
        if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            end_field();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            end_record();
        } else {
            field += c;
        }
    }
    if (any || quoted) end_record();  // the last record without a line break after it
    return records;
}

bool csv_number_of(const std::string& field, double& x) {
    // std::from_chars reads only the C form (dot decimals, no spaces, no hex, no
    // locale), which is what our CSV writers print; "nan" and "inf" parse but are no numbers for Excel.
    if (field.empty()) return false;
    const char* first = field.data();
    const char* last = first + field.size();
    double v = 0;
    const auto [end, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || end != last || !std::isfinite(v)) return false;
    x = v;
    return true;
}

// ---- sheet

void sheet::widen(std::size_t col, double chars) {
    if (width_.size() <= col) width_.resize(col + 1, 0.0);
    width_[col] = std::max(width_[col], chars);
}

void sheet::text(std::size_t row, std::size_t col, const std::string& s, lxw_format* f) {
    if (s.empty()) return;
    check(worksheet_write_string(ws_, row_of(row), col_of(col), s.c_str(), f), "writing a text cell");
    widen(col,
          static_cast<double>(text_width(s)) + 2);  // finish() caps it; wrapped text then grows downwards
}

void sheet::number(std::size_t row, std::size_t col, double x, lxw_format* f) {
    if (!std::isfinite(x)) return;
    check(worksheet_write_number(ws_, row_of(row), col_of(col), x, f), "writing a number cell");
    widen(col, 13);
}

void sheet::formula(std::size_t row, std::size_t col, const std::string& f, double result, lxw_format* fmt) {
    check(worksheet_write_formula_num(ws_, row_of(row), col_of(col), f.c_str(), fmt, result),
          "writing a formula");
    widen(col, 13);
}

void sheet::heads(std::size_t row, const std::vector<std::string>& heads, lxw_format* bold, std::size_t col) {
    for (std::size_t i = 0; i < heads.size(); ++i) text(row, col + i, heads[i], bold);
}

void sheet::freeze(std::size_t rows) { worksheet_freeze_panes(ws_, row_of(rows), 0); }

void sheet::autofilter(std::size_t first, std::size_t last, std::size_t cols) {
    if (cols == 0) return;
    check(worksheet_autofilter(ws_, row_of(first), 0, row_of(std::max(first, last)), col_of(cols - 1)),
          "setting an autofilter");
    // The filter's drop-down button covers the end of each head.
    for (std::size_t c = 0; c < cols; ++c)
        if (c < width_.size()) width_[c] += 2;
}

void sheet::finish() {
    for (std::size_t c = 0; c < width_.size(); ++c) {
        if (width_[c] <= 0) continue;
        const double w = std::clamp(width_[c], 8.0, 60.0);
        check(worksheet_set_column(ws_, col_of(c), col_of(c), w, nullptr), "setting a column's width");
    }
}

// ---- book

book::book(const std::string& file, const std::string& tmpdir, const report_model& m) : tmpdir_(tmpdir) {
    lxw_workbook_options options{};
    options.tmpdir = tmpdir_.data();
    wb_.reset(workbook_new_opt(file.c_str(), &options));
    if (!wb_) throw std::runtime_error("xlsx: cannot make a workbook for " + file);

    // Fixed properties: docProps/core.xml holds no time of its own, so equal models give equal bytes.
    std::string title = m.title, author = "hemsim", comments = "hemsim " + m.provenance.version;
    lxw_doc_properties properties{};
    properties.title = title.data();
    properties.author = author.data();
    properties.comments = comments.data();
    properties.created = created_time(m.provenance.generated);
    check(workbook_set_properties(wb_.get(), &properties), "setting the document properties");

    auto add_format = [this] {
        lxw_format* f = workbook_add_format(wb_.get());
        if (f == nullptr) throw std::runtime_error("xlsx: cannot add a format");
        return f;
    };
    f_.bold = add_format();
    format_set_bold(f_.bold);
    f_.title = add_format();
    format_set_bold(f_.title);
    format_set_font_size(f_.title, 14);
    f_.money_code = money_code(m.unit);
    f_.money = add_format();
    format_set_num_format(f_.money, f_.money_code.c_str());
    f_.kronor = add_format();
    format_set_num_format(f_.kronor, "#,##0\" kr\"");
    f_.percent = add_format();
    format_set_num_format(f_.percent, "0 %");
    f_.decimal = add_format();
    format_set_num_format(f_.decimal, "#,##0.0");
    f_.hundredths = add_format();
    format_set_num_format(f_.hundredths, "#,##0.00");
    f_.rate = add_format();
    format_set_num_format(f_.rate, "0.0 %");
    f_.wrap = add_format();
    format_set_text_wrap(f_.wrap);
    format_set_align(f_.wrap, LXW_ALIGN_VERTICAL_TOP);
}

sheet book::add(const std::string& name) {
    const std::string base = sheet_name_of(name);
    std::string candidate = base;
    for (int n = 2;; ++n) {
        const bool taken = std::find(names_.begin(), names_.end(), ascii_lower(candidate)) != names_.end();
        if (!taken) break;
        const std::string suffix = " (" + std::to_string(n) + ")";
        candidate = utf8_prefix(base, max_name_chars - suffix.size()) + suffix;
    }
    check(workbook_validate_sheet_name(wb_.get(), candidate.c_str()),
          ("the sheet name '" + candidate + "'").c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb_.get(), candidate.c_str());
    if (ws == nullptr) throw std::runtime_error("xlsx: cannot add the sheet '" + candidate + "'");
    names_.push_back(ascii_lower(candidate));
    return sheet(ws, candidate);
}

lxw_chart* book::chart(std::uint8_t type) {
    lxw_chart* c = workbook_add_chart(wb_.get(), type);
    if (c == nullptr) throw std::runtime_error("xlsx: cannot add a chart");
    return c;
}

void book::close() {
    check(workbook_close(wb_.release()), "writing the workbook");  // which frees it, written or not
}

// ---- the long tables

void write_csv_sheet(book& b, const std::string& name, const std::string& csv) {
    sheet s = b.add(name);
    const auto records = parse_csv(csv);
    std::size_t cols = 0;
    for (std::size_t r = 0; r < records.size(); ++r) {
        cols = std::max(cols, records[r].size());
        for (std::size_t c = 0; c < records[r].size(); ++c) {
            const std::string& field = records[r][c];
            double x = 0;
            if (r == 0)
                s.text(r, c, field, b.fmt().bold);
            else if (csv_number_of(field, x))
                s.number(r, c, x);
            else
                s.text(r, c, field);
        }
    }
    if (!records.empty()) {
        s.freeze(1);
        s.autofilter(0, records.size() - 1, cols);
    }
    s.finish();
}

}  // namespace xlsx

namespace {

std::string file_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("xlsx: cannot read back " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

std::string xlsx_report(const report_model& m,
                        const std::vector<std::pair<std::string, std::string>>& long_tables) {
    const scratch_folder scratch("hemsim-xlsx");
    const std::filesystem::path file = scratch.path() / "rapport.xlsx";
    {
        xlsx::book b(file.string(), scratch.path().string(), m);
        xlsx::write_report_sheets(b, m);
        for (const auto& [name, csv] : long_tables) xlsx::write_csv_sheet(b, name, csv);
        b.close();
    }
    return file_bytes(file);
}

}  // namespace hemsim
