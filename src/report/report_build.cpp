#include "report/report_build.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "econ/calc.hpp"
#include "hemsim_version.hpp"
#include "report/economics_report.hpp"
#include "report/inputs_report.hpp"
#include "report/manifest.hpp"
#include "report/messages.hpp"
#include "report/warnings_report.hpp"
#include "results/monthly.hpp"
#include "results/summary.hpp"
#include "results/warnings.hpp"

namespace hemsim {

namespace {

// A sentence written for the console ("-2.2 mkr") as a document writes it: a
// hyphen that stands for a minus (after a space or an opening bracket, before a
// digit) becomes a real minus sign.
std::string doc_text(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool minus = s[i] == '-' && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9' &&
                           (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(' || s[i - 1] == '[');
        out += minus ? "\u2212" : std::string(1, s[i]);
    }
    return out;
}

figure fig(const sample_summary& s) { return {s.mean, s.ci_low, s.ci_high, s.p05, s.p95}; }

std::string name_of(const alternative& a) { return a.name.empty() ? a.id : a.name; }

// A placement's, payer's or category's name in the report.
std::string placement_name(const model& m, const std::string& id) {
    const index_t p = m.find_placement(id);
    return p == no_index || m.placements[p].name.empty() ? id : m.placements[p].name;
}

std::string payer_name(const scenario& sc, const std::string& id) {
    for (const alternative& a : sc.alternatives)
        for (const payer& p : a.system.payers)
            if (p.id == id && !p.name.empty()) return p.name;
    return id;
}

std::string category_name(const std::string& c, language lang) {
    if (c == "placements") return text(msg::rep_cat_placements, lang);
    if (c == "social_assistance") return text(msg::rep_cat_social_assistance, lang);
    if (c == "staff") return text(msg::rep_cat_staff, lang);
    if (c == "project") return text(msg::rep_cat_project, lang);
    if (c == moves_category) return text(msg::rep_cat_moves, lang);
    return c;
}

// A number for a sentence, in the case's unit: "−10,2".
std::string in_unit(double sek, const money_unit& u, language lang) {
    return format_doc_number(sek / u.divisor, u.name == "mkr" ? 1 : 0, lang);
}

std::string pct(double share, language lang) { return format_doc_number(share * 100, 0, lang) + "\u00a0%"; }

// "Lägenheter: per_year@2008-03-01" for "supply.lagenheter.per_year@2008-03-01": the element by its name.
std::string input_label(const scenario& sc, const std::string& path) {
    const std::size_t d1 = path.find('.'), d2 = d1 == std::string::npos ? d1 : path.find('.', d1 + 1);
    if (d2 == std::string::npos) return path;
    const std::string kind = path.substr(0, d1), id = path.substr(d1 + 1, d2 - d1 - 1),
                      rest = path.substr(d2 + 1);
    const model& m = sc.alternatives[sc.baseline_index()].system;
    auto named = [&](const auto& list) -> std::string {
        for (const auto& e : list)
            if (e.id == id && !e.name.empty()) return e.name;
        return id;
    };
    std::string name = id;
    if (kind == "placement")
        name = named(m.placements);
    else if (kind == "staff")
        name = named(m.staff);
    else if (kind == "service")
        name = named(m.services);
    else if (kind == "supply")
        name = named(m.supplies);
    else if (kind == "attribute")
        name = named(m.attributes);
    else if (kind == "group")
        name = named(m.groups);
    else if (kind == "transition")
        for (const transition& t : m.transitions)
            if (t.id == id)
                name = placement_name(m, m.placements[t.from].id) + " → " +
                       placement_name(m, m.placements[t.to].id);
    return name + ": " + rest;
}

report_headline headline_of(const scenario& sc, const scenario_result& res, const econ_table& et,
                            const std::vector<comparison_samples>& cmps, std::size_t a, const money_unit& u,
                            const report_request& rq) {
    const language lang = rq.lang;
    report_headline h;
    h.alternative = a;
    for (std::size_t y = 0; y < res.cal.years(); ++y)
        if (const econ_row* r = et.find(a, measure::diff, every_payer, y)) h.diff_year.push_back(fig(r->s));
    if (const econ_row* r = et.find(a, measure::diff)) h.diff_total = fig(r->s);
    if (const econ_row* r = et.find(a, measure::npv_diff)) h.npv = fig(r->s);
    if (const econ_row* r = et.find(a, measure::p_saving)) h.p_saving = fig(r->s);
    if (const econ_row* r = et.find(a, measure::p_breakeven_horizon)) h.p_payback_horizon = r->s.mean;
    if (const econ_row* r = et.find(a, measure::savings_per_krona); r && r->s.n > 0)
        h.savings_per_krona = fig(r->s);
    for (const comparison_samples& c : cmps)
        if (c.alternative == a && c.adjustment == adjustment_kind::none)
            h.payback_month = median_breakeven(c.breakeven);
    if (h.payback_month) h.payback_label = month_label(sc.start, *h.payback_month);

    const alternative& base = sc.alternatives[sc.baseline_index()];
    const std::string years =
        std::to_string(res.cal.year_numbers.front()) + "–" + std::to_string(res.cal.year_numbers.back());
    auto n = [&](double x) { return in_unit(x, u, lang); };
    const std::string who = name_of(sc.alternatives[a]), against = name_of(base);
    std::string p = h.diff_total.mean < 0
                        ? text(msg::rep_head_saving, lang, who, against, years, n(h.diff_total.mean), u.name,
                               n(-h.diff_total.mean))
                        : text(msg::rep_head_cost, lang, who, against, years, n(h.diff_total.mean), u.name);
    p += " " + text(msg::rep_head_spread, lang, n(h.diff_total.p05), n(h.diff_total.p95), u.name,
                    n(h.diff_total.ci_low), n(h.diff_total.ci_high));
    p += " " + text(msg::rep_head_p_saving, lang, pct(h.p_saving.mean, lang), pct(h.p_saving.ci_low, lang),
                    pct(h.p_saving.ci_high, lang));
    p += " " + (h.payback_month ? text(msg::rep_head_payback, lang, h.payback_label,
                                       std::to_string(*h.payback_month), pct(h.p_payback_horizon, lang))
                                : text(msg::rep_head_no_payback, lang, pct(h.p_payback_horizon, lang)));
    p += " " + text(msg::rep_head_npv, lang, format_doc_number(rq.econ.rate * 100, 1, lang), n(h.npv.mean),
                    u.name, n(h.npv.p05), n(h.npv.p95));
    if (h.savings_per_krona)
        p += " " + text(msg::rep_head_per_krona, lang, format_doc_number(h.savings_per_krona->mean, 2, lang));
    h.paragraph = p;
    return h;
}

// One alternative's monthly series of a metric, as monthly.csv has it (so that
// the charts and the file can never disagree).
report_cumulative monthly_of(const monthly_table& t, std::size_t a, monthly_metric kind) {
    report_cumulative c;
    c.alternative = a;
    c.month_labels = t.months;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (auto* v : {&c.mean, &c.ci_low, &c.ci_high, &c.p05, &c.p50, &c.p95}) v->assign(t.months.size(), nan);
    for (const monthly_row& r : t.rows) {
        if (r.alternative != a || r.kind != kind || r.month >= t.months.size()) continue;
        c.mean[r.month] = r.s.mean;
        c.ci_low[r.month] = r.s.ci_low;
        c.ci_high[r.month] = r.s.ci_high;
        c.p05[r.month] = r.s.p05;
        c.p50[r.month] = r.s.p50;
        c.p95[r.month] = r.s.p95;
    }
    return c;
}

report_split split_of(const scenario& sc, const econ_table& et, std::size_t a, std::size_t years,
                      language lang) {
    report_split s;
    s.alternative = a;
    for (std::size_t k = 0; k < et.payers.size(); ++k) {
        report_split_row row{payer_name(sc, et.payers[k]), {}, 0};
        bool any = false;
        for (std::size_t y = 0; y < years; ++y) {
            const econ_row* r = et.find(a, measure::diff, k, y);
            row.year.push_back(r ? r->s.mean : 0.0);
            any |= r != nullptr;
        }
        if (const econ_row* r = et.find(a, measure::diff, k)) row.total = r->s.mean;
        if (any) s.by_payer.push_back(std::move(row));
    }
    for (std::size_t c = 0; c < et.categories.size(); ++c) {
        report_split_row row{category_name(et.categories[c], lang), {}, 0};
        bool any = false;
        for (std::size_t y = 0; y < years; ++y) {
            const econ_row* r = et.find(a, measure::diff_category, every_payer, y, adjustment_kind::none, c);
            row.year.push_back(r ? r->s.mean : 0.0);
            any |= r != nullptr;
        }
        if (const econ_row* r =
                et.find(a, measure::diff_category, every_payer, whole_horizon, adjustment_kind::none, c))
            row.total = r->s.mean;
        if (any) s.by_category.push_back(std::move(row));
    }
    return s;
}

// A Graphviz identifier or label, quoted.
std::string dot_quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

report_flows flows_of(const scenario& sc, const scenario_result& res, const result_table& yt, std::size_t a,
                      language lang) {
    const model& m = sc.alternatives[a].system;
    const alternative_result& ar = res.alts[a];
    const result_layout& l = ar.layout;
    report_flows f;
    f.alternative = a;
    for (const placement& p : m.placements) {
        f.placements.push_back({p.id, p.name.empty() ? p.id : p.name});
        if (p.terminal) f.terminal.push_back(p.id);
    }
    const double years = static_cast<double>(res.cal.months()) / 12.0;
    const double R = static_cast<double>(std::max<std::size_t>(1, ar.reps.size()));
    std::map<std::pair<index_t, index_t>, double> edges;
    for (std::size_t t = 0; t < l.T(); ++t) {
        double sum = 0;
        for (const replication_result& r : ar.reps)
            for (std::size_t y = 0; y < l.Y(); ++y) sum += r.moves[t * l.Y() + y];
        edges[l.transitions[t]] += sum / R / years;
    }
    // Moves made by a maximum stay (after_max_stay), counted per placement.
    for (index_t p = 0; p < m.placements.size(); ++p) {
        if (m.placements[p].after_max_stay == no_index) continue;
        double sum = 0;
        for (const replication_result& r : ar.reps)
            for (std::size_t y = 0; y < l.Y(); ++y) sum += r.rule_moves[p * l.Y() + y];
        edges[{p, m.placements[p].after_max_stay}] += sum / R / years;
    }
    std::string dot =
        "digraph flows {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", "
        "fillcolor=\"#eef3f8\", fontname=\"DejaVu Sans\", fontsize=11];\n"
        "  edge [fontname=\"DejaVu Sans\", fontsize=10, color=\"#555555\"];\n";
    for (const placement& p : m.placements)
        dot += "  " + dot_quote(p.id) + " [label=" + dot_quote(p.name.empty() ? p.id : p.name) +
               (p.terminal ? ", shape=ellipse, fillcolor=\"#e6f2e6\"" : "") + "];\n";
    for (const auto& [ft, moves] : edges) {
        if (ft.first == no_index || ft.second == no_index) continue;
        f.edges.push_back({m.placements[ft.first].id, m.placements[ft.second].id, moves});
        dot += "  " + dot_quote(m.placements[ft.first].id) + " -> " + dot_quote(m.placements[ft.second].id) +
               " [label=" + dot_quote(format_doc_number(moves, moves < 10 ? 1 : 0, lang)) +
               (moves < 0.05 ? ", style=dashed" : "") + "];\n";
    }
    f.dot = dot + "}\n";

    // Person-days, exits, waits and queue lengths per year, from the yearly table.
    auto row = [&](metric k, index_t e, msg label, const std::string& name, const char* unit_msg) {
        report_flow_row fr{text(label, lang, name), unit_msg, {}};
        bool any = false;
        for (std::size_t y = 0; y < res.cal.years(); ++y) {
            const metric_row* r = yt.find(a, y, k, e);
            fr.year.push_back(r ? fig(r->s) : figure{NAN, NAN, NAN, NAN, NAN});
            any |= r != nullptr;
        }
        if (any) f.rows.push_back(std::move(fr));
    };
    for (index_t p = 0; p < m.placements.size(); ++p) {
        const std::string nm = m.placements[p].name.empty() ? m.placements[p].id : m.placements[p].name;
        if (m.placements[p].terminal)
            row(metric::exits, p, msg::rep_flow_exits, nm, "");
        else
            row(metric::person_days, p, msg::rep_flow_days, nm, "");
    }
    for (index_t q = 0; q < l.Q(); ++q) {
        if (!l.queue_active[q]) continue;
        row(metric::wait_mean_days, q, msg::rep_flow_wait, l.queues[q], "");
        row(metric::queue_mean, q, msg::rep_flow_queue, l.queues[q], "");
    }
    for (report_flow_row& r : f.rows) r.unit.clear();
    return f;
}

void add_inputs(const scenario& sc, std::vector<report_input>& out, language lang) {
    // Each input once per (path, value): the alternatives where it holds, named.
    struct key_t {
        std::string path, value;
        bool operator<(const key_t& o) const { return std::tie(path, value) < std::tie(o.path, o.value); }
    };
    std::map<key_t, std::size_t> seen;
    std::vector<report_input> uncertain, fixed;
    std::vector<std::vector<std::string>> where_u, where_f;
    const std::size_t b = sc.baseline_index();
    std::vector<std::size_t> order{b};
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a)
        if (a != b) order.push_back(a);
    for (std::size_t a : order) {
        const alternative& alt = sc.alternatives[a];
        for (const model_input& in : alt.system.inputs) {
            if (!in.listed) continue;
            std::string v =
                in.dist ? distribution_text(*in.dist, lang) : format_doc_number(in.value, 0, lang);
            if (!in.dist) {
                // As few decimals as the number needs (at most 4).
                int d = 0;
                while (d < 4 && std::fabs(std::round(in.value * std::pow(10.0, d)) / std::pow(10.0, d) -
                                          in.value) > 1e-9 * std::max(1.0, std::fabs(in.value)))
                    ++d;
                v = format_doc_number(in.value, d, lang);
            }
            if (!in.unit.empty()) v += " " + in.unit;
            const key_t k{in.path, v};
            auto it = seen.find(k);
            auto& list = in.dist ? uncertain : fixed;
            auto& where = in.dist ? where_u : where_f;
            if (it == seen.end()) {
                const std::size_t at = in.path.find('.', in.path.find('.') + 1);
                report_input ri;
                ri.element = in.path.substr(0, at);
                ri.what = at == std::string::npos ? "" : in.path.substr(at + 1);
                ri.path = in.path;
                ri.value = v;
                ri.source = !in.source.empty() && !in.note.empty() ? in.source + " — " + in.note
                                                                   : in.source + in.note;
                ri.uncertain = in.dist.has_value();
                seen[k] = list.size();
                list.push_back(std::move(ri));
                where.push_back({});
                it = seen.find(k);
            }
            where[it->second].push_back(name_of(alt));
        }
    }
    auto finish = [&](std::vector<report_input>& list, const std::vector<std::vector<std::string>>& where) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (where[i].size() == sc.alternatives.size()) {
                list[i].alternatives = text(msg::rep_every_alternative, lang);
            } else {
                for (std::size_t j = 0; j < where[i].size(); ++j)
                    list[i].alternatives += (j ? ", " : "") + where[i][j];
            }
        }
        std::stable_sort(list.begin(), list.end(),
                         [](const report_input& x, const report_input& y) { return x.element < y.element; });
        out.insert(out.end(), list.begin(), list.end());
    };
    finish(uncertain, where_u);
    finish(fixed, where_f);

    // The model file's own numbers that the case replaces: listed with what the case says instead.
    for (const model_input& in : sc.model_inputs) {
        const std::string src =
            !in.source.empty() && !in.note.empty() ? in.source + " — " + in.note : in.source + in.note;
        if (!in.listed || src.empty()) continue;
        const bool kept = std::any_of(out.begin(), out.end(), [&](const report_input& r) {
            return r.path == in.path && r.source == src;
        });
        if (kept) continue;
        const std::size_t at = in.path.find('.', in.path.find('.') + 1);
        report_input ri;
        ri.element = in.path.substr(0, at);
        ri.what = at == std::string::npos ? "" : in.path.substr(at + 1);
        ri.path = in.path;
        ri.value = format_doc_number(in.value, 0, lang) + (in.unit.empty() ? "" : " " + in.unit);
        ri.alternatives = text(msg::rep_replaced_by_case, lang);
        ri.source = src;
        out.push_back(std::move(ri));
    }

    // The elements' own notes, the case's and the alternatives', and the static sum's lines.
    std::map<std::string, bool> noted;
    auto add_note = [&](const source_note& n) {
        const std::string src =
            !n.source.empty() && !n.note.empty() ? n.source + " — " + n.note : n.source + n.note;
        if (src.empty() || noted[n.path + "\x1f" + src]) return;
        noted[n.path + "\x1f" + src] = true;
        report_input ri;
        ri.element = n.path;
        ri.what = text(msg::rep_input_element_note, lang);
        ri.path = n.path;
        ri.value = n.value;
        ri.alternatives = "";
        ri.source = src;
        out.push_back(std::move(ri));
    };
    for (const source_note& n : sc.notes) add_note(n);
    for (const source_note& n : sc.model_notes) add_note(n);
    for (std::size_t a : order)
        for (const source_note& n : sc.alternatives[a].system.notes) add_note(n);
    for (std::size_t a : order)
        for (std::size_t i = 0; i < sc.alternatives[a].project_costs.size(); ++i) {
            const project_cost& pc = sc.alternatives[a].project_costs[i];
            add_note({"alternative." + sc.alternatives[a].id + ".project_cost." + std::to_string(i + 1),
                      pc.item, pc.source, ""});
        }
    for (std::size_t a : order)
        for (const calc_line& c : sc.alternatives[a].calc)
            if (!c.note.empty())
                add_note({"alternative." + sc.alternatives[a].id + ".calc", c.item, c.note, ""});
}

std::vector<report_rule_row> rules_of(const scenario& sc, const scenario_result& res, const result_table& yt,
                                      std::size_t a, language lang) {
    const model& m = sc.alternatives[a].system;
    std::vector<report_rule_row> out;
    auto add = [&](metric k, index_t e, std::string label) {
        report_rule_row row{std::move(label), {}};
        bool any = false;
        for (std::size_t y = 0; y < res.cal.years(); ++y) {
            const metric_row* r = yt.find(a, y, k, e);
            row.year.push_back(r ? fig(r->s) : figure{NAN, NAN, NAN, NAN, NAN});
            any |= r != nullptr;
        }
        if (any) out.push_back(std::move(row));
    };
    for (index_t p = 0; p < m.placements.size(); ++p) {
        const placement& pl = m.placements[p];
        if (!pl.max_stay_days && pl.never_for.empty()) continue;
        const std::string nm = pl.name.empty() ? pl.id : pl.name;
        add(metric::rule_moves, p, text(msg::rep_rule_moves, lang, nm));
        add(metric::rule_breaches, p, text(msg::rep_rule_breaches, lang, nm));
    }
    for (index_t i = 0; i < m.indicators.size(); ++i)
        add(metric::indicator, i,
            text(msg::rep_indicator, lang,
                 m.indicators[i].name.empty() ? m.indicators[i].id : m.indicators[i].name));
    return out;
}

}  // namespace

std::vector<double> round_to_total(const std::vector<double>& raw) {
    std::vector<double> out(raw.size());
    double sum = 0, rounded = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        out[i] = std::floor(raw[i]);
        sum += raw[i];
        rounded += out[i];
    }
    const double target = std::round(sum);
    auto units = static_cast<long long>(std::llround(target - rounded));  // >= 0: floors sum below
    std::vector<std::size_t> idx(raw.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::stable_sort(idx.begin(), idx.end(),
                     [&](std::size_t x, std::size_t y) { return raw[x] - out[x] > raw[y] - out[y]; });
    for (std::size_t i = 0; units > 0 && !idx.empty(); ++i, --units) out[idx[i % idx.size()]] += 1;
    return out;
}

report_bridge build_bridge(const scenario& sc, const scenario_result& res, language lang) {
    report_bridge br;
    const std::size_t b = sc.baseline_index();
    const calc_result calc = static_sum(sc);
    const calc_alternative& ca = calc.alts[b];
    if (!ca.has_sum || res.alts.empty() || res.alts[b].reps.empty()) return br;
    br.available = true;
    const model& m = sc.alternatives[b].system;
    const double years = static_cast<double>(res.cal.months()) / 12.0;
    br.basis = text(msg::rep_bridge_basis, lang, std::to_string(res.cal.year_numbers.front()),
                    std::to_string(res.cal.year_numbers.back()));

    // The simulated nollalternativ a year by placement (every category but staff
    // and project), outside placements, staff and project.
    const result_layout& l = res.alts[b].layout;
    std::vector<double> at(l.P1(), 0.0);
    double staff = 0, project = 0;
    const ledger_table lt = ledger_rows(sc, res);
    for (const ledger_row& r : lt.rows) {
        if (r.alternative != b || r.year != whole_horizon) continue;
        const double v = r.s.mean / years;
        if (r.category == static_cast<std::size_t>(category::staff))
            staff += v;
        else if (r.category == static_cast<std::size_t>(category::project))
            project += v;
        else
            at[r.placement] += v;
    }
    std::vector<double> calc_at(l.P1(), 0.0);
    double calc_staff = 0, calc_project = 0;
    for (const calc_item& it : ca.items) {
        if (it.project)
            calc_project += it.amount_sek;
        else if (it.placement != no_index)
            calc_at[it.placement] += it.amount_sek;
        else
            calc_staff += it.amount_sek;
    }
    std::vector<std::string> labels{text(msg::rep_bridge_sum, lang, name_of(sc.alternatives[b]))};
    std::vector<double> raw{ca.total_sek};
    auto mk = [&](double sek) { return format_doc_number(sek / 1e6, 1, lang); };
    for (std::size_t p = 0; p < l.placements.size(); ++p) {
        if (at[p] == 0 && calc_at[p] == 0) continue;
        const std::string nm = placement_name(m, l.placements[p]);
        labels.push_back(calc_at[p] != 0
                             ? text(msg::rep_bridge_placement, lang, nm, mk(calc_at[p]), mk(at[p]))
                             : text(msg::rep_bridge_placement_left_out, lang, nm));
        raw.push_back(at[p] - calc_at[p]);
    }
    if (at[l.placements.size()] != 0) {
        labels.push_back(text(msg::rep_bridge_other, lang));
        raw.push_back(at[l.placements.size()]);
    }
    if (staff != 0 || calc_staff != 0) {
        labels.push_back(text(msg::rep_bridge_staff, lang, mk(calc_staff), mk(staff)));
        raw.push_back(staff - calc_staff);
    }
    if (project != 0 || calc_project != 0) {
        labels.push_back(text(msg::rep_bridge_project, lang, mk(calc_project), mk(project)));
        raw.push_back(project - calc_project);
    }
    const std::vector<double> rounded = round_to_total(raw);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        br.lines.push_back({labels[i], rounded[i]});
        br.simulated_sek += rounded[i];
    }
    return br;
}

report_model build_report(const scenario& sc, const scenario_result& res, const report_request& rq) {
    const language lang = rq.lang;
    report_model m;
    m.lang = lang;
    m.title = sc.title;
    m.case_file = sc.file;
    m.start_date = iso(sc.start);
    m.horizon_text =
        text(msg::rep_horizon, lang, std::to_string(sc.horizon_months),
             std::to_string(res.cal.year_numbers.front()), std::to_string(res.cal.year_numbers.back()));
    m.unit = sc.units == "mkr" ? money_unit{"mkr", 1e6} : money_unit{"tkr", 1e3};
    m.rate = rq.econ.rate;
    m.years = res.cal.year_numbers;
    for (const alternative& a : sc.alternatives) m.alternatives.push_back({a.id, name_of(a), a.baseline});

    const econ_table et = economics_rows(sc, res, rq.econ);
    const std::vector<comparison_samples> cmps = comparisons(sc, res, rq.econ);
    const result_table yt = yearly_table(sc, res);
    const std::vector<run_warning> warnings = run_warnings(sc, res);
    for (const run_warning& w : warnings) m.warnings.push_back(doc_text(warning_text(w, sc, lang)));
    const std::size_t b = sc.baseline_index();
    const monthly_table mt = monthly_summary(sc, res);
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a)
        m.cost_cumulative.push_back(monthly_of(mt, a, monthly_metric::cost_cumulative));

    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        if (a == b) continue;
        report_headline h = headline_of(sc, res, et, cmps, a, m.unit, rq);
        for (const run_warning& w : warnings)
            if (w.alternative == sc.alternatives[a].id || w.alternative == sc.alternatives[b].id)
                h.warnings.push_back(doc_text(warning_text(w, sc, lang)));
        m.headlines.push_back(std::move(h));
        m.cumulative.push_back(monthly_of(mt, a, monthly_metric::diff_cumulative));
        m.splits.push_back(split_of(sc, et, a, res.cal.years(), lang));
    }

    m.bridge = build_bridge(sc, res, lang);
    const calc_result calc = static_sum(sc);
    for (const calc_alternative& ca : calc.alts)
        if (ca.has_sum) m.calc_totals.push_back({ca.name.empty() ? ca.id : ca.name, ca.total_sek});

    m.costs.cost.resize(sc.alternatives.size());
    m.costs.total.resize(sc.alternatives.size());
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        for (std::size_t y = 0; y < res.cal.years(); ++y) {
            const metric_row* r = yt.find(a, y, metric::cost_total);
            m.costs.cost[a].push_back(r ? fig(r->s) : figure{});
        }
        if (const metric_row* r = yt.find(a, whole_horizon, metric::cost_total)) m.costs.total[a] = fig(r->s);
        m.flows.push_back(flows_of(sc, res, yt, a, lang));
        m.rules.push_back(rules_of(sc, res, yt, a, lang));
    }

    add_inputs(sc, m.inputs, lang);

    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        const econ_row* all = et.find(a, measure::evpi);
        if (!all) continue;
        report_information info{a, all->s.mean, {}};
        for (const econ_row& r : et.rows)
            if (r.alternative == a && r.measure == measure::evppi)
                info.by_input.push_back({input_label(sc, et.inputs[a][r.category]), r.s.mean});
        std::stable_sort(info.by_input.begin(), info.by_input.end(),
                         [](const auto& x, const auto& y) { return x.second > y.second; });
        m.information.push_back(std::move(info));
    }

    std::vector<tornado_row> tornado;
    for (const tornado_row& t : rq.tornado)
        if (!sc.alternatives.empty() && sc.alternatives.size() > 1 &&
            t.alternative == sc.alternatives[b == 0 ? 1 : 0].id)
            tornado.push_back(t);
    std::stable_sort(tornado.begin(), tornado.end(),
                     [](const tornado_row& x, const tornado_row& y) { return x.swing > y.swing; });
    for (const tornado_row& t : tornado)
        m.tornado.push_back({input_label(sc, t.path), t.path, t.low_value, t.high_value, t.npv_low.mean,
                             t.npv_high.mean, t.swing});

    if (rq.sweep && !rq.sweep->axes.empty()) {
        const sweep_result& sw = *rq.sweep;
        report_sweep rs;
        rs.x_path = sw.axes[0].path;
        rs.x_values = sw.axes[0].values;
        if (sw.axes.size() > 1) {
            rs.y_path = sw.axes[1].path;
            rs.y_values = sw.axes[1].values;
        }
        const std::size_t ny = std::max<std::size_t>(1, rs.y_values.size());
        rs.npv.assign(ny, std::vector<double>(rs.x_values.size(), NAN));
        const std::size_t first = b == 0 ? 1 : 0;
        for (const sweep_row& r : sw.rows) {
            if (r.row.measure != measure::npv_diff || r.row.alternative != first) continue;
            const auto xi = static_cast<std::size_t>(
                std::find(rs.x_values.begin(), rs.x_values.end(), r.point[0]) - rs.x_values.begin());
            std::size_t yi = 0;
            if (r.point.size() > 1)
                yi = static_cast<std::size_t>(std::find(rs.y_values.begin(), rs.y_values.end(), r.point[1]) -
                                              rs.y_values.begin());
            if (xi < rs.x_values.size() && yi < ny) rs.npv[yi][xi] = r.row.s.mean;
        }
        m.sweep = std::move(rs);
    }

    for (const switching_result& r : rq.switching) {
        std::string alt = r.alternative;
        for (const alternative& a : sc.alternatives)
            if (a.id == r.alternative) alt = name_of(a);
        m.switching.push_back(
            {input_label(sc, r.path), r.path, alt, r.lo, r.hi, r.value, r.ci_low, r.ci_high, r.note});
    }

    report_provenance& pv = m.provenance;
    pv.version = version;
    pv.commit = git_commit;
    pv.command_line = rq.command_line;
    pv.seed = res.seed;
    pv.futures = res.replications;
    for (const std::string& f : sc.input_files) pv.inputs_sha256.push_back({f, sha256_file(f)});
    return m;
}

}  // namespace hemsim
