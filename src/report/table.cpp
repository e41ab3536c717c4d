#include "report/table.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "model/calendar.hpp"
#include "report/messages.hpp"

namespace hemsim {

std::string run_table(const scenario& sc, const scenario_result& res, const result_table& yearly,
                      language lang) {
    auto tkr = [&](double x) { return format_number(x / 1000.0, 0, lang); };
    auto ci = [&](const sample_summary& s) {
        // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "[" + std::string&&.
        std::string out = "[";
        out += tkr(s.ci_low);
        out += " – ";
        out += tkr(s.ci_high);
        out += "]";
        return out;
    };

    auto spread = [&](const sample_summary& s) {
        std::string out = tkr(s.p05);
        out += " – ";
        out += tkr(s.p95);
        return out;
    };

    std::string out;
    out += sc.title + "\n";
    out += text(msg::run_header, lang, iso(sc.start), sc.horizon_months, res.replications, res.seed) + "\n";
    out += text(msg::run_explanation, lang) + "\n\n";

    const std::vector<std::string> head{text(msg::run_col_alternative, lang), text(msg::run_col_year, lang),
                                        text(msg::run_col_cost, lang),        text(msg::run_col_ci, lang),
                                        text(msg::run_col_difference, lang),  text(msg::run_col_ci, lang),
                                        text(msg::run_col_spread, lang)};
    std::vector<std::vector<std::string>> table{head};
    const std::size_t base = sc.baseline_index();
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        const alternative& alt = sc.alternatives[a];
        std::vector<std::size_t> years;
        for (std::size_t y = 0; y < res.alts[a].layout.Y(); ++y) years.push_back(y);
        years.push_back(whole_horizon);
        for (std::size_t y : years) {
            const metric_row* c = yearly.find(a, y, metric::cost_total);
            const metric_row* d = yearly.find(a, y, metric::diff_vs_baseline);
            if (!c) continue;
            std::string ylabel =
                y == whole_horizon ? text(msg::run_year_total, lang) : yearly.names().year_label(y);
            const bool show = a != base && d;
            table.push_back({display_name(alt, lang), ylabel, tkr(c->s.mean), ci(c->s),
                             show ? tkr(d->s.mean) : "", show ? ci(d->s) : "", show ? spread(d->s) : ""});
        }
    }
    out += align_columns(table, "", 2);
    return out;
}

std::string display_name(const alternative& alt, language lang) {
    return display_name(alt.name.empty() ? alt.id : alt.name, alt.baseline, lang);
}

std::string display_name(const std::string& name, bool baseline, language lang) {
    if (!baseline) return name;
    std::string lower;
    for (char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (lower.find("nollalternativ") != std::string::npos) return name;
    return text(msg::baseline_name, lang, name);
}

}  // namespace hemsim
