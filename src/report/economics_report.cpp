#include "report/economics_report.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hemsim {

namespace {

// `x` grouped in thousands, Swedish or English (results/text.hpp's rule).
std::string grouped_number(double x, int decimals, bool sv) {
    return format_number(x, decimals, sv ? language::sv : language::en);
}

// A share as a percentage with at most `decimals` decimals, trailing zeros dropped: 3.5 %, 20 %, 12.5 %.
std::string percent(double share, bool sv, int decimals = 2) {
    std::string s = grouped_number(share * 100, decimals, sv);
    const char dec = sv ? ',' : '.';
    if (s.find(dec) != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == dec) s.pop_back();
    }
    return s + " %";
}

// One unit for an amount and its intervals: mkr with one decimal from a million up, else tkr.
struct money_unit {
    double per = 1e3;
    int decimals = 0;
    const char* name = " tkr";
};

money_unit unit_for(const sample_summary& s) {
    const double big = std::max({std::fabs(s.mean), std::fabs(s.ci_low), std::fabs(s.ci_high), std::fabs(s.p05),
                                 std::fabs(s.p95)});
    return big >= 1e6 ? money_unit{1e6, 1, " mkr"} : money_unit{1e3, 0, " tkr"};
}

// "-15,0 mkr; medelvärdets 95 % konfidensintervall -15,3 till -14,7 mkr; i 90 % av
// de simulerade utfallen mellan -17,1 och -12,9 mkr"
std::string amount_with_spread(const sample_summary& s, language lang) {
    const bool sv = lang == language::sv;
    const money_unit u = unit_for(s);
    auto n = [&](double x) { return format_number(x / u.per, u.decimals, lang); };
    std::string out = n(s.mean) + u.name;
    out += sv ? "; medelvärdets 95 % konfidensintervall " : "; 95 % confidence interval of the mean ";
    out += n(s.ci_low) + (sv ? " till " : " to ") + n(s.ci_high) + u.name;
    out += sv ? "; i 90 % av de simulerade utfallen mellan " : "; in 90 % of the simulated futures between ";
    out += n(s.p05) + (sv ? " och " : " and ") + n(s.p95) + u.name;
    return out;
}

// A share with its Wilson interval: "97 % (95 % KI 93–99 %)".
std::string share_with_interval(double k, double n, language lang) {
    const bool sv = lang == language::sv;
    double lo = 0, hi = 1;
    wilson_interval(k, n, 0.95, lo, hi);
    return percent(k / n, sv, 0) + (sv ? " (95 % KI " : " (95 % CI ") + format_number(lo * 100, 0, lang) + "–" +
           percent(hi, sv, 0) + ")";
}

// The month by which at least half the replications have broken even (never
// counting as later than any month); nullopt when half or more never do.
std::optional<std::size_t> median_breakeven(const std::vector<double>& months) {
    if (months.empty()) return std::nullopt;
    std::vector<double> v = months;
    for (double& x : v)
        if (std::isnan(x)) x = std::numeric_limits<double>::infinity();
    std::sort(v.begin(), v.end());
    double m = v[(v.size() + 1) / 2 - 1];
    if (!std::isfinite(m)) return std::nullopt;
    return static_cast<std::size_t>(m);
}

std::string summary_lines(const scenario& sc, const scenario_result& res, const econ_options& o,
                          const comparison_samples& cmp, const std::string& indent, language lang) {
    const bool sv = lang == language::sv;
    const std::size_t R = cmp.total.size(), M = res.cal.months();
    const double n = static_cast<double>(R);
    std::string out;

    out += indent + (sv ? "Nuvärde av skillnaden: " : "NPV of the difference: ");
    out += amount_with_spread(summarize(cmp.npv), lang);
    out += sv ? " (negativt = billigare än nollalternativet)\n" : " (negative = cheaper than the nollalternativ)\n";

    double within = 0, mandate = 0;
    for (double m : cmp.breakeven) {
        within += !std::isnan(m);
        mandate += m <= static_cast<double>(o.mandate_months);
    }
    out += indent + (sv ? "Återbetalningstid: " : "Payback: ");
    if (std::optional<std::size_t> m = median_breakeven(cmp.breakeven))
        out += (sv ? "månad " : "month ") + std::to_string(*m) + " (" + month_label(sc.start, *m) +
               (sv ? ") i hälften av de simulerade utfallen; " : ") in half the simulated futures; ");
    else
        out += sv ? "inte inom horisonten i hälften av de simulerade utfallen; "
                  : "not within the horizon in half the simulated futures; ";
    out += share_with_interval(within, n, lang);
    out += sv ? " betalar tillbaka inom horisonten (" + std::to_string(M) + " mån); "
              : " pay back within the horizon (" + std::to_string(M) + " months); ";
    if (o.mandate_months <= static_cast<int>(M))
        out += share_with_interval(mandate, n, lang) +
               (sv ? " inom " + std::to_string(o.mandate_months) + " mån\n"
                   : " within " + std::to_string(o.mandate_months) + " months\n");
    else
        out += sv ? "inom en mandatperiod (" + std::to_string(o.mandate_months) +
                        " mån) kan det inte bedömas: horisonten är kortare\n"
                  : "within a mandate period (" + std::to_string(o.mandate_months) +
                        " months) it cannot be judged: the horizon is shorter\n";

    double saving = 0, saving_pv = 0;
    for (std::size_t r = 0; r < R; ++r) {
        saving += cmp.total[r] < 0;
        saving_pv += cmp.npv[r] < 0;
    }
    out += indent + (sv ? "Sannolikhet att kosta mindre än nollalternativet över horisonten: "
                        : "Probability of costing less than the nollalternativ over the horizon: ");
    out += share_with_interval(saving, n, lang);
    out += sv ? "; i nuvärde: " : "; in present value: ";
    out += share_with_interval(saving_pv, n, lang) + "\n";

    std::vector<double> ret(R);
    for (std::size_t r = 0; r < R; ++r)
        ret[r] = cmp.pv_project[r] > 0 ? cmp.pv_savings[r] / cmp.pv_project[r] : std::nan("");
    sample_summary s = summarize(std::move(ret));
    out += indent + (sv ? "Besparing per satsad krona (nytta/kostnad, i nuvärde): "
                        : "Savings per krona invested (benefit-cost ratio, in present value): ");
    if (s.n == 0) {
        out += sv ? "– (ingen projektkostnad)\n" : "– (no project cost)\n";
    } else {
        out += format_number(s.mean, 2, lang) + " kr";
        out += sv ? " (medelvärdets 95 % KI " : " (95 % CI of the mean ";
        out += format_number(s.ci_low, 2, lang) + (sv ? " till " : " to ") + format_number(s.ci_high, 2, lang) + ")";
        out += sv ? "; 1 kr betalar precis projektet\n" : "; 1 kr just pays for the project\n";
    }

    // Per extra exit: a net cost, or a net saving when the difference is negative.
    std::vector<double> per(R);
    for (std::size_t r = 0; r < R; ++r)
        per[r] = cmp.extra_exits[r] > 0 ? cmp.npv[r] / cmp.extra_exits[r] : std::nan("");
    sample_summary e = summarize(std::move(per));
    if (e.n > 0) {
        const bool saves = e.mean < 0;
        out += indent + (sv ? (saves ? "Nettobesparing per extra utflytt (klient som lämnar systemet): "
                                     : "Nettokostnad per extra utflytt (klient som lämnar systemet): ")
                            : (saves ? "Net saving per extra exit (a client leaving the system): "
                                     : "Net cost per extra exit (a client leaving the system): "));
        out += format_number(std::fabs(e.mean), 0, lang) + " kr";
        out += sv ? " (i nuvärde, i de " : " (in present value, in the ";
        out += std::to_string(e.n);
        out += sv ? " utfall med fler utflyttar)\n" : " futures with more exits)\n";
    }
    return out;
}

}  // namespace

std::string economics_csv(const econ_table& t) {
    std::string out = "alternative,payer,year,measure,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const econ_row& r : t.rows) {
        out += csv_field(t.alternatives[r.alternative]) + ',' + csv_field(t.payer_label(r)) + ',' +
               csv_field(t.year_label(r)) + ',' + csv_field(t.measure_name(r));
        for (double x : {r.s.mean, r.s.ci_low, r.s.ci_high, r.s.p05, r.s.p50, r.s.p95}) {
            out += ',';
            out += csv_number(x);
        }
        out += '\n';
    }
    return out;
}

std::string economics_summary(const scenario& sc, const scenario_result& res, const econ_options& o,
                              language lang) {
    const bool sv = lang == language::sv;
    int base_year = 0;
    const std::vector<comparison_samples> all = comparisons(sc, res, o, &base_year);
    if (res.alts.empty() || res.alts[0].reps.empty() || sc.alternatives.size() < 2) return "";
    std::string out = sv ? "Ekonomi vid realränta " + percent(o.rate, sv) + " och prisbasår " +
                               std::to_string(base_year) + " (diskontering per kalenderår):\n"
                         : "Economics at a real discount rate of " + percent(o.rate, sv) +
                               " and price base year " + std::to_string(base_year) +
                               " (discounted by calendar year):\n";
    const alternative& base = sc.alternatives[sc.baseline_index()];
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        if (a == sc.baseline_index()) continue;
        out += sc.alternatives[a].name + (sv ? " mot " : " against ") + base.name + ":\n";
        for (const comparison_samples& cmp : all) {
            if (cmp.alternative != a) continue;
            std::string indent = "  ";
            if (cmp.adjustment != adjustment_kind::none) {
                // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "+" + std::string&&.
                std::string dw = percent(o.deadweight, sv), ob = "+";
                ob += percent(o.optimism_bias, sv);
                if (cmp.adjustment == adjustment_kind::deadweight_optimism)
                    out +=
                        sv ? "  Med dödvikt " + dw + " och optimismtillägg " + ob + " på projektkostnaden:\n"
                           : "  With deadweight " + dw + " and optimism bias " + ob + " on project costs:\n";
                else if (cmp.adjustment == adjustment_kind::deadweight)
                    out += sv ? "  Med dödvikt " + dw + ":\n" : "  With deadweight " + dw + ":\n";
                else
                    out += sv ? "  Med optimismtillägg " + ob + " på projektkostnaden:\n"
                              : "  With optimism bias " + ob + " on project costs:\n";
                indent = "    ";
            }
            out += summary_lines(sc, res, o, cmp, indent, lang);
        }
    }
    return out;
}

}  // namespace hemsim
