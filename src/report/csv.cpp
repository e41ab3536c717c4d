#include "report/csv.hpp"

namespace hemsim {

namespace {

void append_summary(std::string& out, const sample_summary& s) {
    for (double x : {s.mean, s.ci_low, s.ci_high, s.p05, s.p50, s.p95}) {
        out += ',';
        out += csv_number(x);
    }
    out += '\n';
}

}  // namespace

std::string yearly_csv(const result_table& table) {
    const result_names& n = table.names();
    std::string out = "alternative,year,metric,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const metric_row& r : table.rows()) {
        out += csv_field(n.alternatives[r.alternative]) + ',' + csv_field(n.year_label(r.year)) + ',' +
               csv_field(table.metric_name(r));
        append_summary(out, r.s);
    }
    return out;
}

std::string ledger_csv(const ledger_table& table) {
    const result_names& n = table.names;
    std::string out = "alternative,year,category,payer,placement,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const ledger_row& r : table.rows) {
        const result_layout& l = n.layouts[r.alternative];
        out += csv_field(n.alternatives[r.alternative]) + ',' + csv_field(n.year_label(r.year)) + ',' +
               csv_field(l.categories[r.category]) + ',' + csv_field(l.payers[r.payer]) + ',' +
               csv_field(r.placement < l.placements.size() ? l.placements[r.placement] : "");
        append_summary(out, r.s);
    }
    return out;
}

std::string monthly_csv(const monthly_table& table) {
    std::string out = "alternative,month,metric,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const monthly_row& r : table.rows) {
        out += csv_field(table.names.alternatives[r.alternative]) + ',' + csv_field(table.months[r.month]) +
               ',' + csv_field(table.metric_name(r));
        append_summary(out, r.s);
    }
    return out;
}

}  // namespace hemsim
