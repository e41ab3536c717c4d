// The report's own sheets of the workbook, from Sammanfattning to Känslighet:
// the report model's figures as numbers (kronor, shares, counts) with number
// formats, each sheet with a bold, frozen header row.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/messages.hpp"
#include "report/table.hpp"
#include "report/xlsx_book.hpp"

namespace hemsim::xlsx {

namespace {

// The colours of the sweep's heat map: savings (negative NPV) blue, zero white, costs red.
constexpr lxw_color_t saving_blue = 0x6FA8DC, zero_white = 0xFFFFFF, cost_red = 0xE06666;

std::string alternative_name(const report_model& m, std::size_t i) {
    if (i >= m.alternatives.size()) return "";
    const report_alternative& a = m.alternatives[i];
    return display_name(a.name.empty() ? a.id : a.name, a.baseline, m.lang);
}

std::vector<std::string> year_heads(const report_model& m) {
    std::vector<std::string> heads;
    for (int y : m.years) heads.push_back(std::to_string(y));
    return heads;
}

// heads, then more heads after them.
std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// The five numbers of a figure, in the columns' order: mean, CI low, CI high, p05, p95.
void write_figure(sheet& s, std::size_t row, std::size_t col, const figure& f, lxw_format* fmt) {
    const double v[] = {f.mean, f.ci_low, f.ci_high, f.p05, f.p95};
    for (std::size_t i = 0; i < 5; ++i) s.number(row, col + i, v[i], fmt);
}

// ---- Sammanfattning

void summary_sheet(book& b, const report_model& m) {
    const formats& f = b.fmt();
    const language l = m.lang;
    sheet s = b.add(text(msg::xlsx_sheet_summary, l));
    s.text(0, 0, m.title, f.title);
    s.widen(0, 24);  // the title runs on over the next cells
    std::size_t r = 2;
    auto fact = [&](msg label, const std::string& value) {
        s.text(r, 0, text(label, l), f.bold);
        s.text(r++, 1, value);
    };
    fact(msg::xlsx_case_file, m.case_file);
    fact(msg::xlsx_start, m.start_date);
    fact(msg::xlsx_horizon, m.horizon_text);
    s.text(r, 0, text(msg::xlsx_rate, l), f.bold);
    s.number(r++, 1, m.rate, f.rate);
    fact(msg::xlsx_unit, m.unit.name);
    s.text(r, 0, text(msg::xlsx_futures, l), f.bold);
    s.number(r++, 1, static_cast<double>(m.provenance.futures));
    fact(msg::xlsx_seed, std::to_string(m.provenance.seed));  // text: a 64-bit seed exceeds a double's digits
    fact(msg::xlsx_version, m.provenance.commit.empty()
                                ? m.provenance.version
                                : m.provenance.version + " (" + m.provenance.commit + ")");
    fact(msg::xlsx_generated, m.provenance.generated);

    ++r;
    s.heads(r++,
            {text(msg::xlsx_col_alternative, l), text(msg::xlsx_col_measure, l), text(msg::xlsx_col_mean, l),
             text(msg::xlsx_col_ci_low, l), text(msg::xlsx_col_ci_high, l), "p05", "p95"},
            f.bold);
    for (const report_headline& h : m.headlines) {
        const std::string name = alternative_name(m, h.alternative);
        auto measure = [&](msg label) {
            s.text(r, 0, name);
            s.text(r, 1, text(label, l));
        };
        for (std::size_t y = 0; y < h.diff_year.size() && y < m.years.size(); ++y) {
            s.text(r, 0, name);
            s.text(r, 1, text(msg::xlsx_diff_year, l, std::to_string(m.years[y])));
            write_figure(s, r++, 2, h.diff_year[y], f.money);
        }
        measure(msg::xlsx_diff_total);
        write_figure(s, r++, 2, h.diff_total, f.money);
        measure(msg::xlsx_npv);
        write_figure(s, r++, 2, h.npv, f.money);
        // A probability has an interval (Wilson) but no spread over the futures.
        measure(msg::xlsx_p_saving);
        s.number(r, 2, h.p_saving.mean, f.percent);
        s.number(r, 3, h.p_saving.ci_low, f.percent);
        s.number(r++, 4, h.p_saving.ci_high, f.percent);
        measure(msg::xlsx_payback);
        s.text(r++, 2, h.payback_label.empty() ? text(msg::xlsx_payback_none, l) : h.payback_label);
        measure(msg::xlsx_p_payback);
        s.number(r++, 2, h.p_payback_horizon, f.percent);
        if (h.savings_per_krona) {
            measure(msg::xlsx_per_krona);
            write_figure(s, r++, 2, *h.savings_per_krona, f.hundredths);
        }
    }

    ++r;
    s.text(r++, 0, text(msg::xlsx_in_words, l), f.bold);
    for (const report_headline& h : m.headlines) {
        if (h.paragraph.empty()) continue;
        s.text(r, 0, alternative_name(m, h.alternative));
        s.text(r++, 1, h.paragraph, f.wrap);
    }
    ++r;
    s.text(r++, 0, text(msg::xlsx_warnings, l), f.bold);
    if (m.warnings.empty()) s.text(r++, 1, text(msg::xlsx_no_warnings, l));
    for (const std::string& w : m.warnings) s.text(r++, 1, w, f.wrap);

    s.freeze(1);
    s.finish();
}

// ---- Kostnad per år

void costs_sheet(book& b, const report_model& m) {
    const formats& f = b.fmt();
    const language l = m.lang;
    sheet s = b.add(text(msg::xlsx_sheet_costs, l));
    const std::size_t years = m.years.size();
    const std::size_t alternatives = std::min(m.alternatives.size(), m.costs.cost.size());
    s.heads(
        0,
        joined(joined({text(msg::xlsx_col_alternative, l), text(msg::xlsx_col_measure, l)}, year_heads(m)),
               {text(msg::xlsx_col_total, l)}),
        f.bold);

    // One block of rows per measure, the means first (the chart reads them); one header, so one filter.
    const std::string measures[] = {text(msg::xlsx_col_mean, l), text(msg::xlsx_col_ci_low, l),
                                    text(msg::xlsx_col_ci_high, l), "p05", "p95"};
    auto pick = [](const figure& x, std::size_t i) {
        const double v[] = {x.mean, x.ci_low, x.ci_high, x.p05, x.p95};
        return v[i];
    };
    std::size_t r = 1;
    for (std::size_t k = 0; k < 5; ++k) {
        for (std::size_t a = 0; a < alternatives; ++a, ++r) {
            s.text(r, 0, alternative_name(m, a));
            s.text(r, 1, measures[k]);
            const auto& cost = m.costs.cost[a];
            for (std::size_t y = 0; y < std::min(years, cost.size()); ++y)
                s.number(r, 2 + y, pick(cost[y], k), f.money);
            if (a < m.costs.total.size()) s.number(r, 2 + years, pick(m.costs.total[a], k), f.money);
        }
    }
    s.freeze(1);
    s.autofilter(0, r - 1, 3 + years);

    if (alternatives > 0 && years > 0) {
        lxw_chart* chart = b.chart(LXW_CHART_COLUMN);
        for (std::size_t a = 0; a < alternatives; ++a) {
            lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
            if (series == nullptr) throw std::runtime_error("xlsx: cannot add a chart series");
            const auto row = static_cast<lxw_row_t>(1 + a);
            const auto last_year = static_cast<lxw_col_t>(1 + years);
            chart_series_set_categories(series, s.name().c_str(), 0, 2, 0, last_year);
            chart_series_set_values(series, s.name().c_str(), row, 2, row, last_year);
            chart_series_set_name_range(series, s.name().c_str(), row, 0);
        }
        const std::string title = text(msg::xlsx_cost_chart, l, m.unit.name);
        chart_title_set_name(chart, title.c_str());
        chart_axis_set_num_format(chart->y_axis, f.money_code.c_str());
        chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
        lxw_chart_options place{};
        place.x_scale = 1.5;
        place.y_scale = 1.2;
        check(worksheet_insert_chart_opt(s.ws(), static_cast<lxw_row_t>(r + 1), 0, chart, &place),
              "inserting the chart of cost per year");
    }
    s.finish();
}

// ---- Betalare och kategori

void split_sheet(book& b, const report_model& m) {
    const formats& f = b.fmt();
    const language l = m.lang;
    sheet s = b.add(text(msg::xlsx_sheet_split, l));
    const std::size_t years = m.years.size();
    s.heads(0,
            joined(joined({text(msg::xlsx_col_alternative, l), text(msg::xlsx_split_by, l),
                           text(msg::xlsx_split_name, l)},
                          year_heads(m)),
                   {text(msg::xlsx_col_total, l)}),
            f.bold);
    std::size_t r = 1;
    auto rows = [&](const report_split& split, const std::vector<report_split_row>& list, msg by) {
        for (const report_split_row& row : list) {
            s.text(r, 0, alternative_name(m, split.alternative));
            s.text(r, 1, text(by, l));
            s.text(r, 2, row.label);
            for (std::size_t y = 0; y < std::min(years, row.year.size()); ++y)
                s.number(r, 3 + y, row.year[y], f.money);
            s.number(r++, 3 + years, row.total, f.money);
        }
    };
    for (const report_split& split : m.splits) {
        rows(split, split.by_payer, msg::xlsx_split_payer);
        rows(split, split.by_category, msg::xlsx_split_category);
    }
    s.freeze(1);
    if (r > 1) s.autofilter(0, r - 1, 4 + years);
    s.finish();
}

// ---- Kalkyl och brygga

void bridge_sheet(book& b, const report_model& m) {
    const formats& f = b.fmt();
    const language l = m.lang;
    sheet s = b.add(text(msg::xlsx_sheet_bridge, l));
    s.heads(0, {text(msg::xlsx_bridge_item, l), text(msg::xlsx_bridge_amount, l)}, f.bold);
    std::size_t r = 1;
    s.text(r++, 0, text(msg::xlsx_calc_head, l), f.bold);
    for (const auto& [name, sek] : m.calc_totals) {
        s.text(r, 0, name);
        s.number(r++, 1, sek, f.kronor);
    }
    ++r;
    s.text(r++, 0, text(msg::xlsx_bridge_head, l), f.bold);
    if (!m.bridge.basis.empty()) {
        s.text(r, 0, text(msg::xlsx_bridge_basis, l));
        s.text(r++, 1, m.bridge.basis);
    }
    if (!m.bridge.available) {
        s.text(r++, 0, text(msg::xlsx_bridge_none, l));
    } else {
        const std::size_t first = r;
        double sum = 0;
        for (const bridge_line& line : m.bridge.lines) {
            s.text(r, 0, line.label);
            s.number(r++, 1, line.amount_sek, f.kronor);
            sum += line.amount_sek;
        }
        s.text(r, 0, text(msg::xlsx_bridge_simulated, l), f.bold);
        if (r > first) {
            // The lines' sum as a formula, so that a changed line changes it; its value cached
            // for readers that show a file without recalculating it.
            const std::string formula = "=SUM(B" + std::to_string(first + 1) + ":B" + std::to_string(r) + ")";
            s.formula(r++, 1, formula, sum, f.kronor);
        } else {
            s.number(r++, 1, m.bridge.simulated_sek, f.kronor);
        }
    }
    s.freeze(1);
    s.finish();
}

// ---- Flöden och köer

void flows_sheet(book& b, const report_model& m) {
    const formats& f = b.fmt();
    const language l = m.lang;
    sheet s = b.add(text(msg::xlsx_sheet_flows, l));
    // The moves in columns A-D, the yearly rows from column F: both tables under the frozen header row.
    constexpr std::size_t right = 5;
    s.heads(0,
            {text(msg::xlsx_col_alternative, l), text(msg::xlsx_flow_from, l), text(msg::xlsx_flow_to, l),
             text(msg::xlsx_flow_moves, l)},
            f.bold);
    s.heads(0,
            joined({text(msg::xlsx_col_alternative, l), text(msg::xlsx_col_measure, l),
                    text(msg::xlsx_flow_unit, l)},
                   year_heads(m)),
            f.bold, right);
    std::size_t left_row = 1, right_row = 1;
    for (const report_flows& flows : m.flows) {
        const std::string name = alternative_name(m, flows.alternative);
        auto placement = [&](const std::string& id) {
            for (const auto& [pid, pname] : flows.placements)
                if (pid == id) return pname.empty() ? id : pname;
            return id;
        };
        for (const report_flow_edge& e : flows.edges) {
            s.text(left_row, 0, name);
            s.text(left_row, 1, placement(e.from));
            s.text(left_row, 2, placement(e.to));
            s.number(left_row++, 3, e.moves_per_year, f.decimal);
        }
        for (const report_flow_row& row : flows.rows) {
            s.text(right_row, right, name);
            s.text(right_row, right + 1, row.label);
            s.text(right_row, right + 2, row.unit);
            for (std::size_t y = 0; y < std::min(m.years.size(), row.year.size()); ++y)
                s.number(right_row, right + 3 + y, row.year[y].mean, f.decimal);
            ++right_row;
        }
    }
    s.freeze(1);
    s.finish();
}

// ---- Indikatorer

void rules_sheet(book& b, const report_model& m) {
    const formats& f = b.fmt();
    const language l = m.lang;
    sheet s = b.add(text(msg::xlsx_sheet_rules, l));
    s.heads(0, joined({text(msg::xlsx_col_alternative, l), text(msg::xlsx_rule, l)}, year_heads(m)), f.bold);
    std::size_t r = 1;
    for (std::size_t a = 0; a < m.rules.size(); ++a) {
        for (const report_rule_row& row : m.rules[a]) {
            s.text(r, 0, alternative_name(m, a));
            s.text(r, 1, row.label);
            for (std::size_t y = 0; y < std::min(m.years.size(), row.year.size()); ++y)
                s.number(r, 2 + y, row.year[y].mean, f.hundredths);
            ++r;
        }
    }
    s.freeze(1);
    s.autofilter(0, r - 1, 2 + m.years.size());
    s.finish();
}

// ---- Antaganden

void inputs_sheet(book& b, const report_model& m) {
    const formats& f = b.fmt();
    const language l = m.lang;
    sheet s = b.add(text(msg::xlsx_sheet_inputs, l));
    s.heads(0,
            {text(msg::xlsx_input_element, l), text(msg::xlsx_input_what, l), text(msg::xlsx_input_path, l),
             text(msg::xlsx_input_value, l), text(msg::xlsx_input_alternatives, l),
             text(msg::xlsx_input_source, l), text(msg::xlsx_input_uncertain, l)},
            f.bold);
    std::size_t r = 1;
    for (const report_input& in : m.inputs) {
        s.text(r, 0, in.element);
        s.text(r, 1, in.what);
        s.text(r, 2, in.path);
        s.text(r, 3, in.value);
        s.text(r, 4, in.alternatives);
        s.text(r, 5, in.source, f.wrap);
        s.text(r++, 6, text(in.uncertain ? msg::xlsx_yes : msg::xlsx_no, l));
    }
    s.freeze(1);
    s.autofilter(0, std::max<std::size_t>(r, 2) - 1, 7);
    s.finish();
}

// ---- Känslighet

void tornado_chart(book& b, sheet& s, const report_model& m, std::size_t rows) {
    lxw_chart* chart = b.chart(LXW_CHART_BAR);
    const auto last = static_cast<lxw_row_t>(rows);
    for (lxw_col_t col : {lxw_col_t{4}, lxw_col_t{5}}) {
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        if (series == nullptr) throw std::runtime_error("xlsx: cannot add a chart series");
        chart_series_set_categories(series, s.name().c_str(), 1, 0, last, 0);
        chart_series_set_values(series, s.name().c_str(), 1, col, last, col);
        chart_series_set_name_range(series, s.name().c_str(), 0, col);
    }
    // Bars of one parameter on one line, the largest swing (the first row) on top; in a bar
    // chart the categories are on the y axis.
    chart_set_series_overlap(chart, 100);
    chart_axis_set_reverse(chart->y_axis);
    chart_axis_set_label_position(chart->y_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
    chart_axis_set_num_format(chart->x_axis, b.fmt().money_code.c_str());
    const std::string title = text(msg::xlsx_tornado_chart, m.lang, m.unit.name);
    chart_title_set_name(chart, title.c_str());
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options place{};
    place.x_scale = 1.3;
    place.y_scale = 1.0 + 0.05 * static_cast<double>(rows);
    check(worksheet_insert_chart_opt(s.ws(), 1, 8, chart, &place), "inserting the tornado chart");
}

// The grid of the sweep from row `top`: x values across, y values down, the mean NPV in the cells.
void sweep_grid(book& b, sheet& s, const report_model& m, std::size_t top) {
    const formats& f = b.fmt();
    const report_sweep& sw = *m.sweep;
    const std::string down = sw.y_path.empty() ? "–" : sw.y_path;
    s.text(top, 0, text(msg::xlsx_sweep_head, m.lang, sw.x_path, down), f.bold);
    const std::size_t head = top + 1;
    s.text(head, 0, sw.y_path.empty() ? sw.x_path : sw.y_path + " \\ " + sw.x_path, f.bold);
    for (std::size_t x = 0; x < sw.x_values.size(); ++x) s.number(head, 1 + x, sw.x_values[x], f.bold);
    double low = 0, high = 0;
    std::size_t width = 0;
    for (std::size_t y = 0; y < sw.npv.size(); ++y) {
        if (y < sw.y_values.size()) s.number(head + 1 + y, 0, sw.y_values[y], f.bold);
        for (std::size_t x = 0; x < sw.npv[y].size(); ++x) {
            const double v = sw.npv[y][x];
            s.number(head + 1 + y, 1 + x, v, f.money);
            if (!std::isfinite(v)) continue;
            low = std::min(low, v);
            high = std::max(high, v);
        }
        width = std::max(width, sw.npv[y].size());
    }
    if (sw.npv.empty() || width == 0) return;
    // Anchored at zero: savings shade to blue, costs to red, so a grid of costs alone is never blue.
    lxw_conditional_format scale{};
    scale.type = LXW_CONDITIONAL_3_COLOR_SCALE;
    scale.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
    scale.min_value = low < 0 ? low : -1;
    scale.min_color = saving_blue;
    scale.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
    scale.mid_value = 0;
    scale.mid_color = zero_white;
    scale.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
    scale.max_value = high > 0 ? high : 1;
    scale.max_color = cost_red;
    const auto first_row = static_cast<lxw_row_t>(head + 1);
    const auto last_row = static_cast<lxw_row_t>(head + sw.npv.size());
    check(worksheet_conditional_format_range(s.ws(), first_row, 1, last_row, static_cast<lxw_col_t>(width),
                                             &scale),
          "the sweep's colour scale");
}

void sensitivity_sheet(book& b, const report_model& m) {
    const formats& f = b.fmt();
    const language l = m.lang;
    sheet s = b.add(text(msg::xlsx_sheet_sensitivity, l));
    s.heads(
        0,
        {text(msg::xlsx_tornado_parameter, l), text(msg::xlsx_tornado_path, l),
         text(msg::xlsx_tornado_low, l), text(msg::xlsx_tornado_high, l), text(msg::xlsx_tornado_npv_low, l),
         text(msg::xlsx_tornado_npv_high, l), text(msg::xlsx_tornado_swing, l)},
        f.bold);
    std::size_t r = 1;
    for (const report_tornado_row& t : m.tornado) {
        s.text(r, 0, t.label);
        s.text(r, 1, t.path);
        s.number(r, 2, t.low_value);
        s.number(r, 3, t.high_value);
        s.number(r, 4, t.npv_low, f.money);
        s.number(r, 5, t.npv_high, f.money);
        s.number(r++, 6, t.swing, f.money);
    }
    if (m.tornado.empty())
        s.text(r++, 0, text(msg::xlsx_tornado_none, l));
    else
        tornado_chart(b, s, m, m.tornado.size());
    // Below the chart (about 15 rows, more with many bars) when it is there.
    const std::size_t chart_rows = m.tornado.empty() ? 0 : 17 + m.tornado.size();
    if (m.sweep) sweep_grid(b, s, m, std::max(r + 1, chart_rows));
    s.freeze(1);
    s.finish();
}

bool has_rules(const report_model& m) {
    return std::any_of(m.rules.begin(), m.rules.end(), [](const auto& rows) { return !rows.empty(); });
}

}  // namespace

void write_report_sheets(book& b, const report_model& m) {
    summary_sheet(b, m);
    costs_sheet(b, m);
    split_sheet(b, m);
    bridge_sheet(b, m);
    flows_sheet(b, m);
    if (has_rules(m)) rules_sheet(b, m);
    inputs_sheet(b, m);
    sensitivity_sheet(b, m);
}

}  // namespace hemsim::xlsx
