#include "report/csv.hpp"

#include <charconv>
#include <cmath>

namespace hemsim {

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_number(double x) {
    if (!std::isfinite(x)) return "";
    if (x == 0) return "0";  // no "-0"
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, end);
}

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
