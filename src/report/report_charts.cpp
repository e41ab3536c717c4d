// The charts of the report model, as SVG (svg_chart.hpp).
#include <cmath>

#include "report/messages.hpp"
#include "report/report_document.hpp"
#include "report/svg_chart.hpp"

namespace hemsim {

std::vector<report_chart> make_charts(const report_model& m) {
    std::vector<report_chart> out;
    const language lang = m.lang;
    auto frame = [&](msg title, const std::string& arg) {
        chart::frame f;
        f.title = arg.empty() ? text(title, lang, m.unit.name) : text(title, lang, arg, m.unit.name);
        f.unit = m.unit.name;
        f.divisor = m.unit.divisor;
        f.lang = lang;
        return f;
    };
    std::vector<std::string> years;
    for (int y : m.years) years.push_back(std::to_string(y));

    // Cost per year by alternative.
    std::vector<chart::series> s;
    for (std::size_t a = 0; a < m.alternatives.size() && a < m.costs.cost.size(); ++a) {
        chart::series se;
        se.name = m.alternatives[a].name;
        for (const figure& f : m.costs.cost[a]) {
            se.mean.push_back(f.mean);
            se.ci_low.push_back(f.ci_low);
            se.ci_high.push_back(f.ci_high);
            se.p05.push_back(f.p05);
            se.p95.push_back(f.p95);
        }
        s.push_back(std::move(se));
    }
    // Ticks every 3, 6 or 12 months, as the horizon needs.
    auto every_of = [](std::size_t months) -> std::size_t { return months > 60 ? 12 : months > 24 ? 6 : 3; };
    auto series_of = [&](const report_cumulative& c) {
        chart::series se;
        se.name = m.alternatives[c.alternative].name;
        se.mean = c.mean;
        se.ci_low = c.ci_low;
        se.ci_high = c.ci_high;
        se.p05 = c.p05;
        se.p50 = c.p50;
        se.p95 = c.p95;
        return se;
    };

    // The cumulative cost month by month, every alternative in one fan chart.
    std::vector<chart::series> fans;
    for (const report_cumulative& c : m.cost_cumulative) fans.push_back(series_of(c));
    if (!m.cost_cumulative.empty() && !m.cost_cumulative.front().month_labels.empty()) {
        const std::vector<std::string>& labels = m.cost_cumulative.front().month_labels;
        out.push_back({"kostnad-per-manad", chart::fan_svg(frame(msg::rep_chart_cost_month, ""), labels, fans,
                                                           every_of(labels.size()), std::nullopt)});
    }
    if (!years.empty())
        out.push_back({"kostnad-per-ar", chart::bars_svg(frame(msg::rep_chart_costs, ""), years, s)});

    // The cumulative difference, month by month, with the payback month marked.
    for (std::size_t i = 0; i < m.cumulative.size(); ++i) {
        const report_cumulative& c = m.cumulative[i];
        const chart::series se = series_of(c);
        std::optional<chart::marker> mk;
        if (i < m.headlines.size() && m.headlines[i].payback_month && *m.headlines[i].payback_month >= 1)
            mk = chart::marker{*m.headlines[i].payback_month - 1,
                               text(msg::rep_marker_payback, lang, m.headlines[i].payback_label)};
        out.push_back({"kumulativ-" + std::to_string(i + 1),
                       chart::fan_svg(frame(msg::rep_chart_cumulative, se.name), c.month_labels, {se},
                                      every_of(c.mean.size()), mk)});
    }

    // Who saves and who pays: the difference by payer, stacked per year.
    for (std::size_t i = 0; i < m.splits.size(); ++i) {
        const report_split& sp = m.splits[i];
        std::vector<chart::part> parts;
        for (const report_split_row& r : sp.by_payer) parts.push_back({r.label, r.year});
        out.push_back({"betalare-" + std::to_string(i + 1),
                       chart::stacked_svg(frame(msg::rep_chart_payers, m.alternatives[sp.alternative].name),
                                          years, parts)});
    }

    // Flows: Graphviz's diagram, when it was drawn.
    for (const report_flows& f : m.flows)
        if (!f.svg.empty()) out.push_back({"floden-" + m.alternatives[f.alternative].id, f.svg});

    // The tornado: the NPV of the difference at each uncertain input's low and high value.
    if (!m.tornado.empty()) {
        double base = 0;
        for (const report_headline& h : m.headlines) {
            base = h.npv.mean;
            break;
        }
        std::vector<chart::tornado_bar> bars;
        for (const report_tornado_row& r : m.tornado) {
            auto v = [&](double x) { return format_doc_number(x, std::fabs(x) < 10 ? 2 : 0, lang); };
            bars.push_back({r.label, r.npv_low, r.npv_high, v(r.low_value), v(r.high_value)});
        }
        out.push_back({"tornado", chart::tornado_svg(frame(msg::rep_chart_tornado, ""), base, bars)});
    }

    // The sweep's heat map.
    if (m.sweep) {
        auto labels = [&](const std::vector<double>& v) {
            std::vector<std::string> l;
            for (double x : v)
                l.push_back(format_doc_number(x, std::fabs(x - std::round(x)) > 1e-9 ? 2 : 0, lang));
            return l;
        };
        const std::vector<std::string> y =
            m.sweep->y_values.empty() ? std::vector<std::string>{""} : labels(m.sweep->y_values);
        out.push_back(
            {"svep", chart::heat_map_svg(frame(msg::rep_chart_sweep, ""), m.sweep->x_path,
                                         labels(m.sweep->x_values), m.sweep->y_path, y, m.sweep->npv)});
    }
    return out;
}

}  // namespace hemsim
