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

std::string yearly_csv(const std::vector<metric_row>& rows) {
    std::string out = "alternative,year,metric,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const metric_row& r : rows) {
        out += csv_field(r.alternative) + ',' + csv_field(r.year) + ',' + csv_field(r.metric);
        for (double x : {r.s.mean, r.s.ci_low, r.s.ci_high, r.s.p05, r.s.p50, r.s.p95}) {
            out += ',';
            out += csv_number(x);
        }
        out += '\n';
    }
    return out;
}

}  // namespace hemsim
