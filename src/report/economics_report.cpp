#include "report/economics_report.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "report/messages.hpp"

namespace hemsim {

namespace {

// A share as a percentage with at most `decimals` decimals, trailing zeros dropped: 3.5 %, 20 %, 12.5 %.
std::string percent(double share, language lang, int decimals = 2) {
    std::string s = format_number(share * 100, decimals, lang);
    const char dec = lang == language::sv ? ',' : '.';
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
    const char* name = "tkr";
};

money_unit unit_for(const sample_summary& s) {
    const double big = std::max(
        {std::fabs(s.mean), std::fabs(s.ci_low), std::fabs(s.ci_high), std::fabs(s.p05), std::fabs(s.p95)});
    return big >= 1e6 ? money_unit{1e6, 1, "mkr"} : money_unit{1e3, 0, "tkr"};
}

// "-15,0 mkr; medelvärdets 95 % konfidensintervall -15,3 till -14,7 mkr; i 90 % av
// de simulerade utfallen mellan -17,1 och -12,9 mkr"
std::string amount_with_spread(const sample_summary& s, language lang) {
    const money_unit u = unit_for(s);
    auto n = [&](double x) { return format_number(x / u.per, u.decimals, lang); };
    return text(msg::econ_amount_spread, lang, n(s.mean), u.name, n(s.ci_low), n(s.ci_high), n(s.p05),
                n(s.p95));
}

// A share with its Wilson interval: "97 % (95 % KI 93–99 %)".
std::string share_with_interval(double k, double n, language lang) {
    double lo = 0, hi = 1;
    wilson_interval(k, n, 0.95, lo, hi);
    return text(msg::econ_share_interval, lang, percent(k / n, lang, 0), format_number(lo * 100, 0, lang),
                percent(hi, lang, 0));
}

std::string summary_lines(const scenario& sc, const calendar& cal, const econ_options& o,
                          const comparison_samples& cmp, const std::string& indent, language lang) {
    const std::size_t R = cmp.total.size(), M = cal.months();
    const double n = static_cast<double>(R);
    std::string out;

    out += indent + text(msg::econ_npv, lang, amount_with_spread(summarize(cmp.npv), lang)) + "\n";

    double within = 0, mandate = 0;
    for (double m : cmp.breakeven) {
        within += !std::isnan(m);
        mandate += m <= static_cast<double>(o.mandate_months);
    }
    const std::optional<std::size_t> half = median_breakeven(cmp.breakeven);
    const std::string by_half = half ? text(msg::econ_payback_half, lang, *half, month_label(sc.start, *half))
                                     : text(msg::econ_payback_not_half, lang);
    const std::string by_mandate =
        o.mandate_months <= static_cast<int>(M)
            ? text(msg::econ_payback_mandate, lang, share_with_interval(mandate, n, lang), o.mandate_months)
            : text(msg::econ_payback_mandate_unknown, lang, o.mandate_months);
    out += indent +
           text(msg::econ_payback, lang, by_half, share_with_interval(within, n, lang), M, by_mandate) + "\n";

    double saving = 0, saving_pv = 0;
    for (std::size_t r = 0; r < R; ++r) {
        saving += cmp.total[r] < 0;
        saving_pv += cmp.npv[r] < 0;
    }
    out += indent +
           text(msg::econ_p_saving, lang, share_with_interval(saving, n, lang),
                share_with_interval(saving_pv, n, lang)) +
           "\n";

    std::vector<double> ret(R);
    for (std::size_t r = 0; r < R; ++r)
        ret[r] = cmp.pv_project[r] > 0 ? cmp.pv_savings[r] / cmp.pv_project[r] : std::nan("");
    sample_summary s = summarize(std::move(ret));
    const std::string per_krona =
        s.n == 0 ? text(msg::econ_per_krona_none, lang)
                 : text(msg::econ_per_krona_value, lang, format_number(s.mean, 2, lang),
                        format_number(s.ci_low, 2, lang), format_number(s.ci_high, 2, lang));
    out += indent + text(msg::econ_per_krona, lang, per_krona) + "\n";

    // Per extra exit: a net cost, or a net saving when the difference is negative.
    std::vector<double> per(R);
    for (std::size_t r = 0; r < R; ++r)
        per[r] = cmp.extra_exits[r] > 0 ? cmp.npv[r] / cmp.extra_exits[r] : std::nan("");
    sample_summary e = summarize(std::move(per));
    if (e.n > 0) {
        const msg per_exit = e.mean < 0 ? msg::econ_net_saving_per_exit : msg::econ_net_cost_per_exit;
        out += indent + text(per_exit, lang, format_number(std::fabs(e.mean), 0, lang), e.n) + "\n";
    }
    return out;
}

}  // namespace

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
    int base_year = 0;
    const std::vector<comparison_samples> all = comparisons(sc, res, o, &base_year);
    return economics_summary(sc, all, base_year, res.cal, o, lang);
}

std::string economics_summary(const scenario& sc, const std::vector<comparison_samples>& all, int base_year,
                              const calendar& cal, const econ_options& o, language lang) {
    if (all.empty() || all[0].total.empty() || sc.alternatives.size() < 2) return "";
    std::string out = text(msg::econ_head, lang, percent(o.rate, lang), base_year) + "\n";
    const alternative& base = sc.alternatives[sc.baseline_index()];
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        if (a == sc.baseline_index()) continue;
        out += text(msg::econ_against, lang, sc.alternatives[a].name, base.name) + "\n";
        for (const comparison_samples& cmp : all) {
            if (cmp.alternative != a) continue;
            std::string indent = "  ";
            if (cmp.adjustment != adjustment_kind::none) {
                const std::string dw = percent(o.deadweight, lang);
                // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "+" + std::string&&.
                std::string ob = "+";
                ob += percent(o.optimism_bias, lang);
                if (cmp.adjustment == adjustment_kind::deadweight_optimism)
                    out += "  " + text(msg::econ_with_deadweight_optimism, lang, dw, ob) + "\n";
                else if (cmp.adjustment == adjustment_kind::deadweight)
                    out += "  " + text(msg::econ_with_deadweight, lang, dw) + "\n";
                else
                    out += "  " + text(msg::econ_with_optimism, lang, ob) + "\n";
                indent = "    ";
            }
            out += summary_lines(sc, cal, o, cmp, indent, lang);
        }
    }
    return out;
}

}  // namespace hemsim
