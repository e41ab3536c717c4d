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

    std::string out;
    out += sc.title + "\n";
    out += sv ? "Start " + iso(sc.start) + ", " + std::to_string(sc.horizon_months) + " månader, " +
                    std::to_string(res.replications) + " replikeringar, seed " + std::to_string(res.seed) + "\n"
              : "Start " + iso(sc.start) + ", " + std::to_string(sc.horizon_months) + " months, " +
                    std::to_string(res.replications) + " replications, seed " + std::to_string(res.seed) + "\n";
    out += sv ? "Kostnad i tkr: medelvärde och 95 % konfidensintervall över replikeringarna; skillnaden mot "
                "nollalternativet är parad per replikering (samma klienter).\n\n"
              : "Cost in tkr (thousand SEK): mean and 95 % confidence interval over replications; the difference "
                "against the nollalternativ (baseline) is paired by replication (same clients).\n\n";

    std::vector<std::string> head = sv ? std::vector<std::string>{"Alternativ", "År", "Kostnad", "95 % KI",
                                                                  "Skillnad", "95 % KI"}
                                       : std::vector<std::string>{"Alternative", "Year", "Cost", "95 % CI",
                                                                  "Difference", "95 % CI"};
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
            std::string name = alt.name.empty() ? alt.id : alt.name;
            if (a == base) name += sv ? " (nollalternativ)" : " (baseline)";
            std::string ylabel = y == total_year ? (sv ? "totalt" : "total") : y;
            table.push_back({name, ylabel, tkr(c->s.mean), ci(c->s), a == base ? "" : (d ? tkr(d->s.mean) : ""),
                             a == base ? "" : (d ? ci(d->s) : "")});
        }
    }
    out += align_columns(table, "", 2);
    return out;
}

}  // namespace hemsim
