// The report as a document: a list of blocks (headings, paragraphs, tables,
// figures, lists) made once from the report model and written as HTML
// (rapport.html, and the PDF from it) or as Markdown (for Word through
// pandoc). Both formats show the same words and the same figures.
#pragma once

#include <string>
#include <vector>

#include "report/report_model.hpp"

namespace hemsim {

/// The charts of a report as SVG, each with an id that names its file
/// ("kostnad-per-ar" -> kostnad-per-ar.svg / .png).
struct report_chart {
    std::string id, svg;
};

/// Every chart of the report model (svg_chart.hpp), flows diagrams included
/// when report_flows::svg is filled.
std::vector<report_chart> make_charts(const report_model& m);

struct doc_table {
    std::vector<std::string> head;
    std::vector<std::vector<std::string>> rows;
    std::size_t left = 1;      // the first `left` columns are text, the rest numbers (right-aligned)
    std::vector<char> strong;  // per row: set in bold (a total)
    std::string note;          // a line under the table
};

enum class block_kind { heading, paragraph, table, figure, list, warning };

struct doc_block {
    block_kind kind = block_kind::paragraph;
    int level = 2;                   // heading: 1 (title) .. 3
    std::string text;                // heading, paragraph, warning, figure caption
    std::string anchor;              // heading: its id in the HTML ("sammanfattning")
    doc_table table;                 // table
    std::string chart;               // figure: the chart's id
    std::vector<std::string> items;  // list
};

/// The report's blocks in reading order: sections 1–10 of the report.
std::vector<doc_block> report_document(const report_model& m, const std::vector<report_chart>& charts);

/// One self-contained HTML file (styles and SVG inline, no script, no external
/// asset), A4-printable.
std::string report_html(const report_model& m, const std::vector<doc_block>& blocks,
                        const std::vector<report_chart>& charts);

/// Pandoc Markdown of the same blocks; a figure is an image `image_dir/<id>.png`.
std::string report_markdown(const report_model& m, const std::vector<doc_block>& blocks,
                            const std::string& image_dir);

/// Text for HTML: & < > " escaped.
std::string html_escape(const std::string& s);

}  // namespace hemsim
