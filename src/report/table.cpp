#include "report/table.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "model/calendar.hpp"

namespace hemsim {

std::string run_table(const scenario& sc, const scenario_result& res, const result_table& yearly, language lang) {
    const bool sv = lang == language::sv;
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
    out += sv ? "Start " + iso(sc.start) + ", " + std::to_string(sc.horizon_months) + " månader, " +
                    std::to_string(res.replications) + " simulerade utfall (replikeringar), seed " +
                    std::to_string(res.seed) + "\n"
              : "Start " + iso(sc.start) + ", " + std::to_string(sc.horizon_months) + " months, " +
                    std::to_string(res.replications) + " simulated futures (replications), seed " +
                    std::to_string(res.seed) + "\n";
    out += sv ? "Kostnad i tkr. Medelvärde över de simulerade utfallen, medelvärdets 95 % konfidensintervall (KI) och "
                "spridningen: i 90 % av utfallen ligger skillnaden mellan de två talen (5:e–95:e percentilen). "
                "Skillnaden mot nollalternativet är parad per utfall (samma klienter).\n\n"
              : "Cost in tkr (thousand SEK). The mean over the simulated futures, the 95 % confidence interval (CI) of "
                "the mean, and the spread: in 90 % of the futures the difference lies between the two figures (5th–95th "
                "percentile). The difference against the nollalternativ is paired by future (the same clients).\n\n";

    std::vector<std::string> head =
        sv ? std::vector<std::string>{"Alternativ", "År", "Kostnad", "medelvärdets 95 % KI", "Skillnad",
                                      "medelvärdets 95 % KI", "90 % av utfallen"}
           : std::vector<std::string>{"Alternative", "Year", "Cost", "95 % CI of the mean", "Difference",
                                      "95 % CI of the mean", "90 % of futures"};
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
            std::string ylabel = y == whole_horizon ? (sv ? "totalt" : "total") : yearly.names().year_label(y);
            const bool show = a != base && d;
            table.push_back({display_name(alt, lang), ylabel, tkr(c->s.mean), ci(c->s), show ? tkr(d->s.mean) : "",
                             show ? ci(d->s) : "", show ? spread(d->s) : ""});
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
    return name + (lang == language::sv ? " (nollalternativ)" : " (nollalternativ, the baseline)");
}

}  // namespace hemsim
