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

std::string yearly_csv(const std::vector<metric_row>& rows) {
    std::string out = "alternative,year,metric,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const metric_row& r : rows) {
        out += csv_field(r.alternative) + ',' + csv_field(r.year) + ',' + csv_field(r.metric);
        append_summary(out, r.s);
    }
    return out;
}

std::string ledger_csv(const std::vector<ledger_row>& rows) {
    std::string out = "alternative,year,category,payer,placement,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const ledger_row& r : rows) {
        out += csv_field(r.alternative) + ',' + csv_field(r.year) + ',' + csv_field(r.category) + ',' +
               csv_field(r.payer) + ',' + csv_field(r.placement);
        append_summary(out, r.s);
    }
    return out;
}

}  // namespace hemsim
