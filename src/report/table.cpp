#include "report/table.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "engine/calendar.hpp"

namespace hemsim {

std::string run_table(const scenario& sc, const scenario_result& res, const std::vector<metric_row>& rows,
                      language lang) {
    const bool sv = lang == language::sv;
    std::map<std::string, const metric_row*> idx;
    for (const metric_row& r : rows) idx[r.alternative + '\x1f' + r.year + '\x1f' + r.metric] = &r;
    auto get = [&](const std::string& a, const std::string& y, const std::string& m) -> const metric_row* {
        auto it = idx.find(a + '\x1f' + y + '\x1f' + m);
        return it == idx.end() ? nullptr : it->second;
    };
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
        std::vector<std::string> years;
        for (int y : res.alts[a].layout.years) years.push_back(std::to_string(y));
        years.push_back(total_year);
        for (const std::string& y : years) {
            const metric_row* c = get(alt.id, y, "cost_total");
            const metric_row* d = get(alt.id, y, "diff_vs_baseline");
            if (!c) continue;
            std::string ylabel = y == total_year ? (sv ? "totalt" : "total") : y;
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
