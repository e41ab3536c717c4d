#include "report/report_files.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "report/external.hpp"
#include "report/files.hpp"
#include "report/messages.hpp"
#include "report/report_document.hpp"
#include "report/xlsx_report.hpp"

#ifndef HEMSIM_SOURCE_DIR_FOR_REPORT
#define HEMSIM_SOURCE_DIR_FOR_REPORT "."
#endif

namespace fs = std::filesystem;

namespace hemsim {

namespace {

// dot's SVG without its XML declaration and DOCTYPE, for inlining.
std::string svg_body(const std::string& svg) {
    const std::size_t at = svg.find("<svg");
    return at == std::string::npos ? "" : svg.substr(at);
}

bool wants(const report_options& o, report_format f) {
    return std::find(o.formats.begin(), o.formats.end(), f) != o.formats.end();
}

std::string skipped(const std::string& file, const std::string& why, language lang) {
    return text(msg::rep_skipped, lang, file, why);
}

std::string missing(const std::string& program, language lang) {
    return text(msg::rep_tool_missing, lang, program);
}

}  // namespace

std::vector<report_format> parse_formats(const std::string& list) {
    std::vector<report_format> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t end = list.find(',', start);
        if (end == std::string::npos) end = list.size();
        const std::string f = list.substr(start, end - start);
        report_format k;
        if (f == "html")
            k = report_format::html;
        else if (f == "pdf")
            k = report_format::pdf;
        else if (f == "docx")
            k = report_format::docx;
        else if (f == "xlsx")
            k = report_format::xlsx;
        else
            throw std::invalid_argument("--formats: '" + f +
                                        "' is not a format; give a list of html, pdf, docx, xlsx "
                                        "(e.g. --formats html,xlsx)");
        if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
        start = end + 1;
    }
    return out;
}

std::string shipped_reference_doc() {
    return std::string(HEMSIM_SOURCE_DIR_FOR_REPORT) + "/report/referens.docx";
}

report_files make_report_files(report_model& m, const report_options& o) {
    report_files rf;
    const language lang = m.lang;
    const double limit = o.tool_timeout_seconds;

    // The flow diagrams: Graphviz lays out the cycles (relapse back to the shelter).
    bool dot_missing = false;
    for (report_flows& f : m.flows) {
        if (find_program("dot").empty()) {
            dot_missing = true;
            break;
        }
        const tool_result r = run_tool({"dot", "-Tsvg"}, f.dot, limit);
        if (r.started && !r.timed_out && r.exit_code == 0) f.svg = svg_body(r.out);
    }
    if (dot_missing)
        rf.skipped.push_back(
            skipped(text(msg::rep_flow_diagrams, lang), missing("Graphviz (dot)", lang), lang));

    const std::vector<report_chart> charts = make_charts(m);
    const std::vector<doc_block> blocks = report_document(m, charts);
    const std::string html = report_html(m, blocks, charts);
    rf.files.push_back({"rapport.html", html});

    if (wants(o, report_format::xlsx)) rf.files.push_back({"rapport.xlsx", xlsx_report(m, o.long_tables)});

    const bool pdf = wants(o, report_format::pdf), docx = wants(o, report_format::docx);
    if (!pdf && !docx) return rf;
    scratch_folder tmp("hemsim-report");

    if (pdf) {
        const std::string chromium = !find_program("chromium").empty() ? "chromium" : "chromium-browser";
        if (find_program(chromium).empty()) {
            rf.skipped.push_back(skipped("rapport.pdf", missing("Chromium", lang), lang));
        } else {
            const fs::path in = tmp.path() / "rapport.html", out = tmp.path() / "rapport.pdf";
            write_bytes(in, html);
            const tool_result r = run_tool(
                {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--no-default-browser-check",
                 "--user-data-dir=" + (tmp.path() / "chromium").string(), "--print-to-pdf=" + out.string(),
                 "--no-pdf-header-footer", "file://" + in.string()},
                "", limit, {"HOME=" + tmp.path().string()});
            if (fs::exists(out) && fs::file_size(out) > 0)
                rf.files.push_back({"rapport.pdf", read_bytes(out)});
            else
                rf.skipped.push_back(
                    skipped("rapport.pdf", text(msg::rep_tool_failed, lang, "Chromium", last_line(r)), lang));
        }
    }

    if (docx) {
        const std::string ref = o.reference_doc.empty() ? shipped_reference_doc() : o.reference_doc;
        if (find_program("pandoc").empty()) {
            rf.skipped.push_back(skipped("rapport.docx", missing("pandoc", lang), lang));
        } else if (!fs::exists(ref)) {
            rf.skipped.push_back(skipped("rapport.docx", ref + ": no such reference document", lang));
        } else {
            // Charts as PNG for Word (rsvg-convert); a chart it cannot draw is left out.
            const fs::path img = tmp.path() / "img";
            fs::create_directories(img);
            std::vector<report_chart> drawn;
            const bool rsvg = !find_program("rsvg-convert").empty();
            if (!rsvg)
                rf.skipped.push_back(
                    skipped(text(msg::rep_docx_charts, lang), missing("rsvg-convert", lang), lang));
            for (const report_chart& c : charts) {
                if (!rsvg) break;
                const fs::path png = img / (c.id + ".png");
                const tool_result r = run_tool(
                    {"rsvg-convert", "--zoom=2", "--format=png", "--output=" + png.string()}, c.svg, limit);
                if (r.exit_code == 0 && fs::exists(png)) drawn.push_back(c);
            }
            const std::vector<doc_block> word_blocks = report_document(m, drawn);
            const fs::path md = tmp.path() / "rapport.md", out = tmp.path() / "rapport.docx";
            write_bytes(md, report_markdown(m, word_blocks, "img"));  // relative: the same bytes in every run
            const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
            const tool_result r =
                run_tool({"pandoc", md.string(), "--from=markdown", "--to=docx", "--reference-doc=" + ref,
                          "--output=" + out.string()},
                         "", limit, {std::string("SOURCE_DATE_EPOCH=") + (epoch ? epoch : "946684800")});
            if (r.exit_code == 0 && fs::exists(out))
                rf.files.push_back({"rapport.docx", read_bytes(out)});
            else
                rf.skipped.push_back(
                    skipped("rapport.docx", text(msg::rep_tool_failed, lang, "pandoc", last_line(r)), lang));
        }
    }
    return rf;
}

}  // namespace hemsim
