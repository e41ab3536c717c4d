#include "report/analysis_report.hpp"

#include <cmath>

#include "report/messages.hpp"

namespace hemsim {

namespace {

// "-4 066 [-4 276 – -3 855]": an NPV in tkr with the 95 % CI of its mean.
std::string npv_text(const sample_summary& s, language lg) {
    std::string t = format_number(s.mean / 1e3, 0, lg);
    t += " [";
    t += format_number(s.ci_low / 1e3, 0, lg);
    t += " – ";
    t += format_number(s.ci_high / 1e3, 0, lg);
    t += "]";
    return t;
}

}  // namespace

std::string sweep_table(const sweep_result& sweep, language lg) {
    std::vector<std::vector<std::string>> table;
    std::vector<std::string> head;
    for (const auto& ax : sweep.axes) head.push_back(ax.path);
    head.push_back(text(msg::analysis_col_alternative, lg));
    head.push_back(text(msg::sweep_col_npv, lg));
    table.push_back(head);
    for (const sweep_row& r : sweep.rows) {
        if (r.row.measure != measure::npv_diff) continue;
        std::vector<std::string> line;
        for (double v : r.point)
            line.push_back(format_number(v, std::fabs(v - std::round(v)) < 1e-9 ? 0 : 2, lg));
        line.push_back(sweep.alternatives[r.row.alternative]);
        line.push_back(npv_text(r.row.s, lg));
        table.push_back(line);
    }
    return align_columns(table);
}

std::string tornado_table(const std::vector<tornado_row>& rows, language lg) {
    std::vector<std::vector<std::string>> table{
        {text(msg::analysis_col_alternative, lg), text(msg::tornado_col_parameter, lg),
         text(msg::tornado_col_low, lg), text(msg::tornado_col_high, lg), text(msg::tornado_col_npv_low, lg),
         text(msg::tornado_col_npv_high, lg), text(msg::tornado_col_swing, lg)}};
    for (const tornado_row& t : rows)
        table.push_back({t.alternative, t.path, format_number(t.low_value, 2, lg),
                         format_number(t.high_value, 2, lg), npv_text(t.npv_low, lg),
                         npv_text(t.npv_high, lg), format_number(t.swing / 1e3, 0, lg)});
    return text(msg::tornado_head, lg) + "\n" + align_columns(table, "  ");
}

std::string switching_csv(const switching_result& r) {
    std::string csv = "alternative,parameter,lo,hi,switching_value,ci_low,ci_high,runs,note\n";
    csv += csv_field(r.alternative) + "," + csv_field(r.path) + "," + csv_number(r.lo) + "," +
           csv_number(r.hi) + "," + (r.value ? csv_number(*r.value) : "") + "," +
           (r.ci_low ? csv_number(*r.ci_low) : "") + "," + (r.ci_high ? csv_number(*r.ci_high) : "") + "," +
           std::to_string(r.runs) + "," + csv_field(r.note) + "\n";
    return csv;
}

std::string switching_text(const switching_result& r, language lg) {
    std::string printed;
    if (r.value && r.ci_low)
        printed = text(msg::switching_value_ci, lg, r.alternative, r.path, format_number(*r.value, 2, lg),
                       format_number(*r.ci_low, 2, lg), format_number(*r.ci_high, 2, lg)) +
                  "\n";
    else if (r.value)
        printed =
            text(msg::switching_value, lg, r.alternative, r.path, format_number(*r.value, 2, lg)) + "\n";
    if (!r.note.empty()) printed += r.note + "\n";
    printed += text(msg::switching_runs, lg, r.runs) + "\n";
    return printed;
}

std::string sweep_csv(const sweep_result& sweep) {
    std::string out;
    for (const sweep_axis& a : sweep.axes) out += csv_field(a.path) + ",";
    out += "alternative,measure,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const sweep_row& r : sweep.rows) {
        for (double v : r.point) out += csv_number(v) + ",";
        out += csv_field(sweep.alternatives[r.row.alternative]) + "," +
               csv_field(measure_name(r.row.measure, r.row.adjustment));
        for (double x :
             {r.row.s.mean, r.row.s.ci_low, r.row.s.ci_high, r.row.s.p05, r.row.s.p50, r.row.s.p95}) {
            out += ',';  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "," + std::string&&
            out += csv_number(x);
        }
        out += "\n";
    }
    return out;
}

std::string sensitivity_csv(const std::vector<tornado_row>& rows) {
    std::string out =
        "alternative,parameter,mean_value,low_value,high_value,npv_low,npv_low_ci_low,npv_low_ci_high,"
        "npv_high,npv_high_ci_low,npv_high_ci_high,swing\n";
    for (const tornado_row& t : rows) {
        out += csv_field(t.alternative) + "," + csv_field(t.path);
        for (double x :
             {t.mean_value, t.low_value, t.high_value, t.npv_low.mean, t.npv_low.ci_low, t.npv_low.ci_high,
              t.npv_high.mean, t.npv_high.ci_low, t.npv_high.ci_high, t.swing}) {
            out += ',';  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "," + std::string&&
            out += csv_number(x);
        }
        out += "\n";
    }
    return out;
}

}  // namespace hemsim
