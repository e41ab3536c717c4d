// The report's blocks as HTML and as Pandoc Markdown.
#include <algorithm>

#include "report/messages.hpp"
#include "report/report_document.hpp"
#include "report/svg_chart.hpp"

namespace hemsim {

std::string html_escape(const std::string& s) { return chart::xml_escape(s); }

namespace {

// Print-ready styles: A4 with margins, tables that do not break inside a row,
// figures that keep with their caption.
constexpr const char* styles = R"(
@page { size: A4; margin: 18mm 16mm 18mm 16mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1a1a1a;
       max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 20pt; margin: 0 0 4pt 0; }
h2 { font-size: 14pt; margin: 18pt 0 6pt 0; border-bottom: 1px solid #999; padding-bottom: 2pt;
     break-after: avoid; }
h3 { font-size: 11.5pt; margin: 12pt 0 4pt 0; break-after: avoid; }
p { margin: 4pt 0 6pt 0; }
table { border-collapse: collapse; margin: 6pt 0 2pt 0; font-size: 9pt; max-width: 100%; }
th, td { border-bottom: 1px solid #ccc; padding: 2pt 5pt; vertical-align: top; overflow-wrap: break-word; }
th { background: #eef0f3; text-align: left; }
td.n, th.n { text-align: right; overflow-wrap: normal; }
tr { break-inside: avoid; }
tr.strong td { font-weight: bold; }
p.note { font-size: 8.5pt; color: #555; margin-top: 0; }
p.warning { border-left: 4px solid #d55e00; background: #fff4ec; padding: 4pt 8pt; }
figure { margin: 8pt 0; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #444; }
ul.prov { font-size: 8.5pt; word-break: break-all; }
)";

bool numeric_column(const doc_table& t, std::size_t c) { return c >= t.left; }

// A cell's text, with a break opportunity (<wbr>) after the dots and underscores
// of a long word such as an input's path, so that a narrow column can wrap it.
std::string html_cell(const std::string& s) {
    if (s.size() < 18 || s.find(' ') != std::string::npos) return html_escape(s);
    std::string out;
    for (char c : s) {
        out += html_escape(std::string(1, c));
        if (c == '.' || c == '_' || c == '@') out += "<wbr>";
    }
    return out;
}

std::string html_table(const doc_table& t) {
    std::string out = "<table>\n<thead><tr>";
    for (std::size_t c = 0; c < t.head.size(); ++c)
        out += std::string("<th") + (numeric_column(t, c) ? " class=\"n\"" : "") + ">" +
               html_escape(t.head[c]) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        out += r < t.strong.size() && t.strong[r] ? "<tr class=\"strong\">" : "<tr>";
        for (std::size_t c = 0; c < t.rows[r].size(); ++c)
            out += std::string("<td") + (numeric_column(t, c) ? " class=\"n\"" : "") + ">" +
                   html_cell(t.rows[r][c]) + "</td>";
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
    if (!t.note.empty()) out += "<p class=\"note\">" + html_escape(t.note) + "</p>\n";
    return out;
}

// The SVG of a chart without its XML declaration, for inlining.
std::string inline_svg(const std::string& svg) {
    const std::size_t at = svg.find("<svg");
    return at == std::string::npos ? svg : svg.substr(at);
}

// A Markdown table cell: pipes escaped, line breaks as spaces.
std::string md_cell(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '|')
            out += "\\|";
        else if (c == '\n')
            out += ' ';
        else
            out += c;
    }
    return out;
}

// Markdown-special characters at the start of text, and inline ones that
// would change the meaning (*, _, `, [, ], <, >, \), escaped.
std::string md_text(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '\\' ||
            c == '#' || c == '$')
            out += '\\';
        out += c;
    }
    return out;
}

std::string md_table(const doc_table& t) {
    std::string out = "|";
    for (const std::string& h : t.head) {
        out += ' ';
        out += md_cell(md_text(h));
        out += " |";
    }
    out += "\n|";
    for (std::size_t c = 0; c < t.head.size(); ++c) out += numeric_column(t, c) ? "---:|" : ":---|";
    out += "\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const bool strong = r < t.strong.size() && t.strong[r];
        out += "|";
        for (const std::string& cell : t.rows[r]) {
            const std::string v = md_cell(md_text(cell));
            out += ' ';
            out += strong && !v.empty() ? "**" + v + "**" : v;
            out += " |";
        }
        out += "\n";
    }
    out += "\n";
    if (!t.note.empty()) {
        out += '*';
        out += md_text(t.note);
        out += "*\n\n";
    }
    return out;
}

}  // namespace

std::string report_html(const report_model& m, const std::vector<doc_block>& blocks,
                        const std::vector<report_chart>& charts) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"";
    out += m.lang == language::sv ? "sv" : "en";
    out += "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n";
    out += "<title>";
    out += html_escape(m.title);
    out += "</title>\n<style>";
    out += styles;
    out += "</style>\n</head>\n<body>\n";
    for (const doc_block& b : blocks) {
        switch (b.kind) {
        case block_kind::heading: {
            std::string h = "h";
            h += std::to_string(std::clamp(b.level, 1, 4));
            out += "<" + h + (b.anchor.empty() ? "" : " id=\"" + html_escape(b.anchor) + "\"") + ">" +
                   html_escape(b.text) + "</" + h + ">\n";
            break;
        }
        case block_kind::paragraph: out += "<p>" + html_escape(b.text) + "</p>\n"; break;
        case block_kind::warning: out += "<p class=\"warning\">" + html_escape(b.text) + "</p>\n"; break;
        case block_kind::table: out += html_table(b.table); break;
        case block_kind::figure: {
            auto it = std::find_if(charts.begin(), charts.end(),
                                   [&](const report_chart& c) { return c.id == b.chart; });
            if (it == charts.end()) break;
            out += "<figure id=\"fig-" + html_escape(b.chart) + "\">\n" + inline_svg(it->svg) +
                   "\n<figcaption>" + html_escape(b.text) + "</figcaption>\n</figure>\n";
            break;
        }
        case block_kind::list:
            out += "<ul class=\"prov\">\n";
            for (const std::string& i : b.items) out += "<li>" + html_escape(i) + "</li>\n";
            out += "</ul>\n";
            break;
        }
    }
    out += "</body>\n</html>\n";
    return out;
}

std::string report_markdown(const report_model& m, const std::vector<doc_block>& blocks,
                            const std::string& image_dir) {
    // The title as a YAML double-quoted string (its Markdown escaped too: pandoc reads it as Markdown).
    std::string title;
    for (char c : md_text(m.title)) {
        if (c == '"' || c == '\\') title += '\\';
        title += c;
    }
    std::string out =
        "---\ntitle: \"" + title + "\"\nlang: " + (m.lang == language::sv ? "sv-SE" : "en-GB") + "\n---\n\n";
    for (const doc_block& b : blocks) {
        switch (b.kind) {
        case block_kind::heading:
            if (b.level == 1) break;  // the title is in the metadata
            out += std::string(static_cast<std::size_t>(std::clamp(b.level, 1, 4)), '#') + " " +
                   md_text(b.text) + "\n\n";
            break;
        case block_kind::paragraph: out += md_text(b.text) + "\n\n"; break;
        case block_kind::warning:
            out += "> **" + text(msg::rep_warning_label, m.lang) + "** " + md_text(b.text) + "\n\n";
            break;
        case block_kind::table: out += md_table(b.table); break;
        case block_kind::figure:
            out += "![" + md_text(b.text) + "](" + image_dir + "/" + b.chart + ".png){width=16cm}\n\n";
            break;
        case block_kind::list:
            for (const std::string& i : b.items) out += "- " + md_text(i) + "\n";
            out += "\n";
            break;
        }
    }
    return out;
}

}  // namespace hemsim
