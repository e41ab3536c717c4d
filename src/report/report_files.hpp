// The report's files: rapport.html (always), rapport.pdf (Chromium prints the
// HTML), rapport.docx (pandoc from Markdown with a reference document, charts
// as PNG made by rsvg-convert) and rapport.xlsx (libxlsxwriter). A program
// that is missing or fails skips its format with the reason; the others are
// still written.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "report/report_model.hpp"

namespace hemsim {

enum class report_format { html, pdf, docx, xlsx };

/// "html,pdf,docx,xlsx" -> the formats; throws std::invalid_argument naming a
/// format it does not know.
std::vector<report_format> parse_formats(const std::string& list);

struct report_options {
    std::vector<report_format> formats{report_format::html, report_format::pdf, report_format::docx,
                                       report_format::xlsx};
    std::string reference_doc;  // pandoc's --reference-doc; "" for the shipped report/referens.docx
    /// (sheet name, CSV text) for the workbook's long tables: yearly, ledger, economics.
    std::vector<std::pair<std::string, std::string>> long_tables;
    double tool_timeout_seconds = 120;
};

struct report_files {
    std::vector<std::pair<std::string, std::string>> files;  // (file name, bytes)
    std::vector<std::string> skipped;                        // why a format was not written, in words
};

/// Draws the flow diagrams (Graphviz dot, into report_flows::svg) and writes
/// every asked format. The HTML, Markdown and workbook depend only on the model.
report_files make_report_files(report_model& m, const report_options& o);

/// The shipped reference document for Word (report/referens.docx in the source tree).
std::string shipped_reference_doc();

}  // namespace hemsim
