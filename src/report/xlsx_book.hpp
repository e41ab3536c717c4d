// The workbook's building blocks, shared by xlsx_report.cpp (the file, the
// formats, the long tables) and xlsx_sheets.cpp (the report's own sheets):
// libxlsxwriter lives behind these two files and this header alone.
#pragma once

#include <xlsxwriter.h>

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "report/messages.hpp"
#include "report/report_model.hpp"

namespace hemsim::xlsx {

/// Throws std::runtime_error "xlsx: <what>: <libxlsxwriter's message>" unless e is LXW_NO_ERROR.
void check(lxw_error e, const char* what);

/// The formats every sheet uses, made once per workbook.
struct formats {
    lxw_format* bold = nullptr;
    lxw_format* title = nullptr;       // the summary's title: bold, larger
    lxw_format* money = nullptr;       // SEK shown in the case's unit: #,##0," tkr" or #,##0.0,," mkr"
    lxw_format* kronor = nullptr;      // whole kronor: #,##0" kr"
    lxw_format* percent = nullptr;     // a share 0..1 as 0 %
    lxw_format* decimal = nullptr;     // #,##0.0 (moves, days, clients)
    lxw_format* hundredths = nullptr;  // #,##0.00 (savings per krona, indicators)
    lxw_format* rate = nullptr;        // the discount rate: 0.0 %
    lxw_format* wrap = nullptr;        // long text, wrapped
    std::string money_code;            // the money format's code, for the charts' value axes
};

/// One worksheet being written: cells through here so that the columns get
/// widths that fit their text (set by finish()).
class sheet {
public:
    sheet(lxw_worksheet* ws, std::string name) : ws_(ws), name_(std::move(name)) {}
    lxw_worksheet* ws() const { return ws_; }
    /// The sheet's name as given to the workbook (for chart ranges).
    const std::string& name() const { return name_; }

    /// A string ("" leaves the cell empty).
    void text(std::size_t row, std::size_t col, const std::string& s, lxw_format* f = nullptr);
    /// A number; NaN and infinity, which Excel cannot hold, leave the cell empty.
    void number(std::size_t row, std::size_t col, double x, lxw_format* f = nullptr);
    /// A formula with its cached result, shown by readers that do not recalculate.
    void formula(std::size_t row, std::size_t col, const std::string& f, double result, lxw_format* fmt);
    /// A bold row of heads from column `col` on.
    void heads(std::size_t row, const std::vector<std::string>& heads, lxw_format* bold, std::size_t col = 0);
    /// Freezes the rows above `rows` (the header stays in view).
    void freeze(std::size_t rows);
    /// An autofilter on rows first..last (the first holding the heads), columns 0..cols-1.
    void autofilter(std::size_t first, std::size_t last, std::size_t cols);
    /// At least `chars` characters wide (a column of long text, a figure).
    void widen(std::size_t col, double chars);
    /// Sets every column's width: its widest cell, within 8..60 characters.
    void finish();

private:
    lxw_worksheet* ws_;
    std::string name_;
    std::vector<double> width_;  // characters, per column
};

/// A workbook being written to a file, with its formats. The file is complete
/// only after close(); a book destroyed before that frees the workbook unwritten.
class book {
public:
    /// A workbook to be written to `file`, libxlsxwriter's own temporary files in
    /// `tmpdir`; its document properties fixed (creation time from the provenance).
    book(const std::string& file, const std::string& tmpdir, const report_model& m);

    /// A new worksheet named `name`, made valid (sheet_name_of) and unique ("name (2)").
    sheet add(const std::string& name);
    /// A new chart of a type (LXW_CHART_COLUMN, LXW_CHART_BAR) to insert into a sheet.
    lxw_chart* chart(std::uint8_t type);
    const formats& fmt() const { return f_; }
    /// Writes the file; throws std::runtime_error when libxlsxwriter cannot.
    void close();

private:
    std::string tmpdir_;  // outlives the workbook, which may keep the pointer
    std::unique_ptr<lxw_workbook, void (*)(lxw_workbook*)> wb_{nullptr, lxw_workbook_free};
    formats f_;
    std::vector<std::string> names_;  // the sheets' names in lower case: Excel compares them so
};

/// The report's own sheets, Sammanfattning to Känslighet, in the workbook's
/// order (xlsx_sheets.cpp).
void write_report_sheets(book& b, const report_model& m);

/// A long table's sheet: the CSV's records as cells, numbers as numbers, the
/// header bold, frozen and filtered.
void write_csv_sheet(book& b, const std::string& name, const std::string& csv);

/// A CSV text's records (RFC 4180: quoted fields with "" for a quote, commas
/// and line breaks inside quotes; LF or CRLF between records; a last line
/// break adds no record).
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

/// The field as a number when all of it is one finite decimal number ("12",
/// "-3.5", "1e6"; dot decimals, no spaces); false otherwise ("", "2008-01", "nan").
bool csv_number_of(const std::string& field, double& x);

/// `name` as Excel allows a sheet's name: []:*?/\ become '_', no apostrophe
/// first or last, at most 31 characters (UTF-8 aware), "_" when nothing is left.
std::string sheet_name_of(const std::string& name);

/// The fixed creation time of the workbook: the ISO date (and time, UTC) at the
/// start of `generated` ("2024-05-01", "2024-05-01T12:30:00Z"), else 2000-01-01.
std::time_t created_time(const std::string& generated);

}  // namespace hemsim::xlsx
