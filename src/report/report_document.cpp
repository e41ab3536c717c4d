#include "report/report_document.hpp"

#include <algorithm>
#include <cmath>

#include "report/messages.hpp"

namespace hemsim {

namespace {

struct writer {
    const report_model& m;
    const std::vector<report_chart>& charts;
    std::vector<doc_block> out;

    language lang() const { return m.lang; }
    int decimals() const { return m.unit.name == "mkr" ? 1 : 0; }
    std::string money(double sek) const {
        return format_doc_number(sek / m.unit.divisor, decimals(), lang());
    }
    std::string kr(double sek) const { return format_doc_number(sek, 0, lang()); }
    std::string range(double lo, double hi) const {
        return text(msg::rep_range, lang(), money(lo), money(hi));
    }
    std::string pct(double share) const { return format_doc_number(share * 100, 0, lang()) + "\u00a0%"; }
    std::string t(msg id) const { return text(id, lang()); }
    const std::string& alt_name(std::size_t a) const { return m.alternatives[a].name; }
    std::string base_name() const {
        for (const report_alternative& a : m.alternatives)
            if (a.baseline) return a.name;
        return "";
    }
    std::vector<std::string> year_heads(msg first) const {
        std::vector<std::string> h{t(first)};
        for (int y : m.years) h.push_back(std::to_string(y));
        h.push_back(t(msg::rep_col_total));
        return h;
    }
    bool has_chart(const std::string& id) const {
        return std::any_of(charts.begin(), charts.end(), [&](const report_chart& c) { return c.id == id; });
    }

    void heading(int level, const std::string& s, const std::string& anchor = "") {
        doc_block b;
        b.kind = block_kind::heading;
        b.level = level;
        b.text = s;
        b.anchor = anchor;
        out.push_back(std::move(b));
    }
    void para(const std::string& s) {
        doc_block b;
        b.kind = block_kind::paragraph;
        b.text = s;
        out.push_back(std::move(b));
    }
    void warning(const std::string& s) {
        doc_block b;
        b.kind = block_kind::warning;
        b.text = s;
        out.push_back(std::move(b));
    }
    void table(doc_table tb) {
        doc_block b;
        b.kind = block_kind::table;
        if (tb.strong.size() < tb.rows.size()) tb.strong.resize(tb.rows.size(), 0);
        b.table = std::move(tb);
        out.push_back(std::move(b));
    }
    void figure_of(const std::string& id, const std::string& caption) {
        if (!has_chart(id)) return;
        doc_block b;
        b.kind = block_kind::figure;
        b.chart = id;
        b.text = caption;
        out.push_back(std::move(b));
    }
    void list(std::vector<std::string> items) {
        doc_block b;
        b.kind = block_kind::list;
        b.items = std::move(items);
        out.push_back(std::move(b));
    }

    void summary() {
        heading(2, t(msg::rep_sec_summary), "sammanfattning");
        para(t(msg::rep_summary_intro));
        for (std::size_t i = 0; i < m.headlines.size(); ++i) {
            const report_headline& h = m.headlines[i];
            heading(3, text(msg::rep_against, lang(), alt_name(h.alternative), base_name()));
            para(h.paragraph);
            doc_table tb;
            tb.head = {t(msg::rep_col_year), text(msg::rep_col_diff, lang(), m.unit.name), t(msg::rep_col_ci),
                       t(msg::rep_col_spread)};
            for (std::size_t y = 0; y < h.diff_year.size() && y < m.years.size(); ++y) {
                const figure& f = h.diff_year[y];
                tb.rows.push_back({std::to_string(m.years[y]), money(f.mean), range(f.ci_low, f.ci_high),
                                   range(f.p05, f.p95)});
            }
            const figure& f = h.diff_total;
            tb.rows.push_back(
                {t(msg::rep_col_total), money(f.mean), range(f.ci_low, f.ci_high), range(f.p05, f.p95)});
            tb.strong.assign(tb.rows.size(), 0);
            tb.strong.back() = 1;
            tb.note = t(msg::rep_diff_note);
            table(std::move(tb));

            doc_table k;
            k.head = {t(msg::rep_col_measure), t(msg::rep_col_value)};
            k.rows.push_back({text(msg::rep_key_npv, lang(), format_doc_number(m.rate * 100, 1, lang())),
                              money(h.npv.mean) + " " + m.unit.name});
            k.rows.push_back(
                {t(msg::rep_key_p_saving), text(msg::rep_share_ci, lang(), pct(h.p_saving.mean),
                                                pct(h.p_saving.ci_low), pct(h.p_saving.ci_high))});
            k.rows.push_back({t(msg::rep_key_payback),
                              h.payback_month ? text(msg::rep_payback_value, lang(), h.payback_label,
                                                     std::to_string(*h.payback_month))
                                              : t(msg::rep_payback_none)});
            k.rows.push_back({t(msg::rep_key_payback_share), pct(h.p_payback_horizon)});
            if (h.savings_per_krona)
                k.rows.push_back(
                    {t(msg::rep_key_per_krona), format_doc_number(h.savings_per_krona->mean, 2, lang())});
            table(std::move(k));
            for (const std::string& w : h.warnings) warning(w);
        }
        if (m.headlines.empty()) para(t(msg::rep_no_project));
    }

    void bridge() {
        heading(2, t(msg::rep_sec_bridge), "kalkyl");
        para(t(msg::rep_bridge_intro));
        if (!m.calc_totals.empty()) {
            doc_table tb;
            tb.head = {t(msg::rep_col_alternative), t(msg::rep_col_calc_year)};
            for (const auto& [name, sek] : m.calc_totals)
                tb.rows.push_back({name, money(sek) + " " + m.unit.name});
            table(std::move(tb));
        }
        if (!m.bridge.available) {
            para(t(msg::rep_bridge_none));
            return;
        }
        doc_table tb;
        tb.head = {t(msg::rep_col_line), t(msg::rep_col_kr_year)};
        for (const bridge_line& l : m.bridge.lines) tb.rows.push_back({l.label, kr(l.amount_sek)});
        tb.rows.push_back({t(msg::rep_bridge_simulated), kr(m.bridge.simulated_sek)});
        tb.strong.assign(tb.rows.size(), 0);
        tb.strong.front() = 1;
        tb.strong.back() = 1;
        tb.note = m.bridge.basis;
        table(std::move(tb));
    }

    void costs() {
        heading(2, t(msg::rep_sec_costs), "kostnad");
        para(text(msg::rep_costs_intro, lang(), m.unit.name));
        figure_of("kostnad-per-manad", text(msg::rep_fig_cost_month, lang(), m.unit.name));
        figure_of("kostnad-per-ar", text(msg::rep_fig_costs, lang(), m.unit.name));
        doc_table tb;
        tb.head = year_heads(msg::rep_col_alternative);
        for (std::size_t a = 0; a < m.alternatives.size() && a < m.costs.cost.size(); ++a) {
            std::vector<std::string> mean{alt_name(a)}, spread{t(msg::rep_row_spread)};
            for (const figure& f : m.costs.cost[a]) {
                mean.push_back(money(f.mean));
                spread.push_back(range(f.p05, f.p95));
            }
            mean.push_back(money(m.costs.total[a].mean));
            spread.push_back(range(m.costs.total[a].p05, m.costs.total[a].p95));
            tb.rows.push_back(std::move(mean));
            tb.strong.push_back(1);
            tb.rows.push_back(std::move(spread));
            tb.strong.push_back(0);
        }
        tb.note = text(msg::rep_costs_note, lang(), m.unit.name);
        table(std::move(tb));
    }

    void cumulative() {
        heading(2, t(msg::rep_sec_cumulative), "kumulativ");
        para(t(msg::rep_cumulative_intro));
        for (std::size_t i = 0; i < m.cumulative.size(); ++i) {
            const report_cumulative& c = m.cumulative[i];
            figure_of("kumulativ-" + std::to_string(i + 1),
                      text(msg::rep_fig_cumulative, lang(), alt_name(c.alternative), m.unit.name));
            if (i < m.headlines.size()) {
                const report_headline& h = m.headlines[i];
                const std::size_t last = c.mean.empty() ? 0 : c.mean.size() - 1;
                para(text(msg::rep_cumulative_end, lang(), alt_name(c.alternative),
                          c.month_labels.empty() ? "" : c.month_labels[last],
                          c.mean.empty() ? "" : money(c.mean[last]), m.unit.name,
                          c.mean.empty() ? "" : range(c.p05[last], c.p95[last])) +
                     " " +
                     (h.payback_month
                          ? text(msg::rep_payback_value_sentence, lang(), h.payback_label,
                                 pct(h.p_payback_horizon))
                          : text(msg::rep_payback_none_sentence, lang(), pct(h.p_payback_horizon))));
            }
        }
    }

    void splits() {
        heading(2, t(msg::rep_sec_payers), "betalare");
        para(t(msg::rep_payers_intro));
        for (std::size_t i = 0; i < m.splits.size(); ++i) {
            const report_split& s = m.splits[i];
            heading(3, text(msg::rep_against, lang(), alt_name(s.alternative), base_name()));
            figure_of("betalare-" + std::to_string(i + 1),
                      text(msg::rep_fig_payers, lang(), alt_name(s.alternative), m.unit.name));
            for (const auto* rows : {&s.by_payer, &s.by_category}) {
                doc_table tb;
                tb.head = year_heads(rows == &s.by_payer ? msg::rep_col_payer : msg::rep_col_category);
                for (const report_split_row& r : *rows) {
                    std::vector<std::string> row{r.label};
                    for (double v : r.year) row.push_back(money(v));
                    row.push_back(money(r.total));
                    tb.rows.push_back(std::move(row));
                }
                tb.note = text(msg::rep_payers_note, lang(), m.unit.name);
                if (!tb.rows.empty()) table(std::move(tb));
            }
        }
    }

    void flows() {
        heading(2, t(msg::rep_sec_flows), "floden");
        para(t(msg::rep_flows_intro));
        for (std::size_t a = 0; a < m.flows.size(); ++a) {
            const report_flows& f = m.flows[a];
            heading(3, alt_name(f.alternative));
            figure_of("floden-" + m.alternatives[f.alternative].id,
                      text(msg::rep_fig_flows, lang(), alt_name(f.alternative)));
            doc_table tb;
            tb.head = {t(msg::rep_col_measure)};
            for (int y : m.years) tb.head.push_back(std::to_string(y));
            for (const report_flow_row& r : f.rows) {
                std::vector<std::string> row{r.label};
                for (const figure& v : r.year)
                    row.push_back(format_doc_number(v.mean, v.mean < 100 ? 1 : 0, lang()));
                tb.rows.push_back(std::move(row));
            }
            tb.note = t(msg::rep_flows_note);
            if (!tb.rows.empty()) table(std::move(tb));
        }
    }

    void uncertainty() {
        heading(2, t(msg::rep_sec_uncertainty), "osakerhet");
        para(t(msg::rep_uncertainty_intro));
        doc_table u;
        u.head = {t(msg::rep_col_input), t(msg::rep_col_distribution), t(msg::rep_col_applies),
                  t(msg::rep_col_source)};
        u.left = 4;
        std::size_t fixed = 0;
        for (const report_input& in : m.inputs) {
            if (in.uncertain)
                u.rows.push_back({in.path, in.value, in.alternatives,
                                  in.source.empty() ? t(msg::rep_no_source) : in.source});
            else
                ++fixed;
        }
        if (u.rows.empty())
            para(t(msg::rep_no_uncertain));
        else
            table(std::move(u));
        para(text(msg::rep_fixed_count, lang(), std::to_string(fixed)));
        if (!m.tornado.empty()) {
            heading(3, t(msg::rep_tornado_head));
            para(t(msg::rep_tornado_intro));
            figure_of("tornado", text(msg::rep_fig_tornado, lang(), m.unit.name));
            doc_table tb;
            tb.head = {t(msg::rep_col_input),
                       t(msg::rep_col_low),
                       t(msg::rep_col_high),
                       text(msg::rep_col_npv_low, lang(), m.unit.name),
                       text(msg::rep_col_npv_high, lang(), m.unit.name),
                       text(msg::rep_col_swing, lang(), m.unit.name)};
            for (const report_tornado_row& r : m.tornado)
                tb.rows.push_back(
                    {r.label, format_doc_number(r.low_value, std::fabs(r.low_value) < 10 ? 2 : 0, lang()),
                     format_doc_number(r.high_value, std::fabs(r.high_value) < 10 ? 2 : 0, lang()),
                     money(r.npv_low), money(r.npv_high), money(r.swing)});
            table(std::move(tb));
        }
        if (!m.switching.empty()) {
            heading(3, t(msg::rep_switching_head));
            para(t(msg::rep_switching_intro));
            doc_table tb;
            tb.head = {t(msg::rep_col_input), t(msg::rep_col_alternative), t(msg::rep_col_searched),
                       t(msg::rep_col_switching), t(msg::rep_col_ci)};
            auto v = [&](double x) { return format_doc_number(x, std::fabs(x) < 10 ? 2 : 0, lang()); };
            for (const report_switching& s : m.switching)
                tb.rows.push_back({s.label, s.alternative, text(msg::rep_range, lang(), v(s.lo), v(s.hi)),
                                   s.value ? v(*s.value) : t(msg::rep_switching_none),
                                   s.ci_low && s.ci_high
                                       ? text(msg::rep_range, lang(), v(*s.ci_low), v(*s.ci_high))
                                       : s.note});
            tb.left = 2;
            table(std::move(tb));
        }
        for (const report_information& info : m.information) {
            heading(3, t(msg::rep_voi_head));
            para(text(msg::rep_voi_intro, lang(), alt_name(info.alternative)));
            // Below half a krona nothing would change: said in words, not as 0,00 mkr.
            if (info.all < 0.5) {
                para(t(msg::rep_voi_zero));
                continue;
            }
            if (!info.by_input.empty() && info.by_input.front().second >= 0.5)
                para(text(msg::rep_voi_most, lang(), info.by_input.front().first,
                          money(info.by_input.front().second) + " " + m.unit.name));
            doc_table tb;
            tb.head = {t(msg::rep_col_input), text(msg::rep_col_voi, lang(), m.unit.name)};
            tb.rows.push_back({t(msg::rep_voi_all), money(info.all)});
            for (const auto& [label, value] : info.by_input) tb.rows.push_back({label, money(value)});
            table(std::move(tb));
        }
        if (m.sweep) {
            heading(3, t(msg::rep_sweep_head));
            para(text(msg::rep_sweep_intro, lang(), m.sweep->x_path,
                      m.sweep->y_path.empty() ? "" : text(msg::rep_sweep_and, lang(), m.sweep->y_path)));
            figure_of("svep", text(msg::rep_fig_sweep, lang(), m.unit.name));
        }
    }

    void rules() {
        bool any = false;
        for (const auto& r : m.rules) any |= !r.empty();
        if (!any) return;
        heading(2, t(msg::rep_sec_rules), "regler");
        para(t(msg::rep_rules_intro));
        for (std::size_t a = 0; a < m.rules.size(); ++a) {
            if (m.rules[a].empty()) continue;
            heading(3, alt_name(a));
            doc_table tb;
            tb.head = {t(msg::rep_col_measure)};
            for (int y : m.years) tb.head.push_back(std::to_string(y));
            for (const report_rule_row& r : m.rules[a]) {
                std::vector<std::string> row{r.label};
                for (const figure& v : r.year) row.push_back(format_doc_number(v.mean, 1, lang()));
                tb.rows.push_back(std::move(row));
            }
            table(std::move(tb));
        }
    }

    void assumptions() {
        heading(2, t(msg::rep_sec_assumptions), "antaganden");
        para(t(msg::rep_assumptions_intro));
        doc_table tb;
        tb.head = {t(msg::rep_col_element), t(msg::rep_col_what), t(msg::rep_col_value),
                   t(msg::rep_col_applies), t(msg::rep_col_source)};
        tb.left = 5;
        std::size_t without = 0;
        for (const report_input& in : m.inputs) {
            tb.rows.push_back({in.element, in.what, in.value, in.alternatives,
                               in.source.empty() ? t(msg::rep_no_source) : in.source});
            without += in.source.empty();
        }
        tb.note =
            text(msg::rep_assumptions_note, lang(), std::to_string(m.inputs.size()), std::to_string(without));
        table(std::move(tb));
    }

    void provenance() {
        heading(2, t(msg::rep_sec_provenance), "reproducerbarhet");
        const report_provenance& p = m.provenance;
        std::vector<std::string> items{
            text(msg::rep_prov_version, lang(), p.version,
                 p.commit.empty() ? t(msg::rep_prov_no_commit) : p.commit),
            text(msg::rep_prov_run, lang(), std::to_string(p.seed), std::to_string(p.futures)),
            text(msg::rep_prov_command, lang(), p.command_line)};
        for (const auto& [file, sha] : p.inputs_sha256)
            items.push_back(text(msg::rep_prov_input, lang(), file, sha));
        list(std::move(items));
    }
};

}  // namespace

std::vector<doc_block> report_document(const report_model& m, const std::vector<report_chart>& charts) {
    writer w{m, charts, {}};
    w.heading(1, m.title, "rapport");
    w.para(
        text(msg::rep_subtitle, m.lang, m.start_date, m.horizon_text, std::to_string(m.provenance.futures)));
    w.summary();
    w.bridge();
    w.costs();
    w.cumulative();
    w.splits();
    w.flows();
    w.uncertainty();
    w.rules();
    w.assumptions();
    w.provenance();
    return std::move(w.out);
}

}  // namespace hemsim
