#include "report/calc_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "report/csv.hpp"
#include "report/messages.hpp"

namespace hemsim {

std::string calc_csv(const calc_result& c) {
    std::string out = "alternative,item,quantity,unit_price_sek,months,amount_sek\n";
    for (const calc_alternative& a : c.alts) {
        for (const calc_item& i : a.items)
            out += csv_field(a.id) + ',' + csv_field(i.item) + ',' + csv_number(i.quantity) + ',' +
                   csv_number(i.unit_price_per_month()) + ',' + csv_number(i.months()) + ',' +
                   csv_number(i.amount_sek) + '\n';
        if (a.has_sum) out += csv_field(a.id) + ",total,,,," + csv_number(a.total_sek) + '\n';
        if (!a.baseline && a.diff_sek)
            out += csv_field(a.id) + ",diff_vs_baseline,,,," + csv_number(*a.diff_sek) + '\n';
    }
    return out;
}

std::string kr_and_units(double sek, const std::string& units, language lang) {
    const bool mkr = units == "mkr";
    std::string u =
        mkr ? format_number(sek / 1e6, 1, lang) + " mkr" : format_number(sek / 1e3, 0, lang) + " tkr";
    return format_number(sek, 0, lang) + " kr (" + u + ")";
}

namespace {

std::string quantity_text(double q, language lang) {
    bool whole = std::fabs(q - std::round(q)) < 1e-9;
    return format_number(q, whole ? 0 : 1, lang);
}

// "50 personer × 16 500 kr/mån × 12 mån"
std::string formula(const calc_item& i, language lang) {
    const std::string price = format_number(i.unit_price_sek, 0, lang);
    if (i.project) {
        if (i.one_off) return text(msg::calc_one_off, lang);
        if (i.quantity != 1)
            return text(msg::calc_fte_per_year, lang, quantity_text(i.quantity, lang), price);
        return text(msg::calc_per_year, lang);
    }
    const std::string q = quantity_text(i.quantity, lang);
    switch (i.unit) {
    case calc_unit::month:
        return text(msg::calc_persons_months, lang, q, price, quantity_text(i.periods, lang));
    case calc_unit::day: return text(msg::calc_persons_days, lang, q, price, quantity_text(i.periods, lang));
    case calc_unit::year: return text(msg::calc_fte_per_year, lang, q, price);
    }
    return "";
}

std::string pad_right(const std::string& s, std::size_t w) {
    return s + std::string(w > text_width(s) ? w - text_width(s) : 0, ' ');
}
std::string pad_left(const std::string& s, std::size_t w) {
    return std::string(w > text_width(s) ? w - text_width(s) : 0, ' ') + s;
}

std::string units_only(double sek, const std::string& units, language lang) {
    return units == "mkr" ? format_number(sek / 1e6, 1, lang) + " mkr"
                          : format_number(sek / 1e3, 0, lang) + " tkr";
}

}  // namespace

std::string calc_table(const scenario& sc, const calc_result& c, language lang) {
    std::string out = text(msg::calc_title, lang, c.title) + "\n";
    out += text(msg::calc_subtitle, lang) + "\n\n";
    // Column widths over every line.
    std::size_t w_item = 0, w_formula = 0, w_kr = 0;
    for (const calc_alternative& a : c.alts)
        for (const calc_item& i : a.items) {
            w_item = std::max(w_item, text_width(i.item));
            w_formula = std::max(w_formula, text_width(formula(i, lang)));
            w_kr = std::max(w_kr, text_width(format_number(i.amount_sek, 0, lang) + " kr"));
        }
    for (const calc_alternative& a : c.alts)
        w_kr = std::max(w_kr, text_width(format_number(a.total_sek, 0, lang) + " kr"));
    const std::string sum_label = text(msg::total_label, lang);
    w_item = std::max(w_item, text_width(sum_label));
    for (const calc_alternative& a : c.alts) {
        out += display_name(a.name, a.baseline, lang) + "\n";
        for (const calc_item& i : a.items) {
            out += "  " + pad_right(i.item, w_item) + "  " + pad_right(formula(i, lang), w_formula) + "  " +
                   pad_left(format_number(i.amount_sek, 0, lang) + " kr", w_kr) + "  " +
                   units_only(i.amount_sek, sc.units, lang) + "\n";
            if (!i.note.empty()) out += "      " + i.note + "\n";
        }
        if (a.has_sum)
            out += "  " + pad_right(sum_label, w_item) + "  " + std::string(w_formula, ' ') + "  " +
                   pad_left(format_number(a.total_sek, 0, lang) + " kr", w_kr) + "  " +
                   units_only(a.total_sek, sc.units, lang) + "\n\n";
        else
            out += "  " + text(msg::calc_no_sum, lang) + "\n\n";
    }
    out += text(msg::calc_difference_head, lang) + "\n";
    for (const calc_alternative& a : c.alts) {
        if (a.baseline) continue;
        if (!a.diff_sek) {
            const msg why = a.has_sum ? msg::calc_no_difference_baseline : msg::calc_no_difference_lines;
            out += "  " + text(why, lang, a.name) + "\n";
            continue;
        }
        out += "  " + a.name + ": " + kr_and_units(*a.diff_sek, sc.units, lang) + "\n";
        if (!a.note.empty()) out += "      " + a.note + "\n";
        if (a.switching_days > 0)
            out += "      " +
                   text(msg::calc_switching, lang, a.name, format_number(a.switching_days, 0, lang),
                        format_number(a.average_price_per_day_sek, 0, lang),
                        format_number(a.switching_days / 365.0, 1, lang)) +
                   "\n";
    }
    return out;
}

std::string calc_beside_run(const scenario& sc, const calc_result& c, const result_table& table,
                            language lang) {
    bool any = false;
    for (const calc_alternative& a : c.alts) any = any || a.has_sum;
    if (!any) return "";
    auto mean = [&](std::size_t a, std::size_t y, metric m) {
        const metric_row* r = table.find(a, y, m);
        return r ? r->s.mean : std::nan("");
    };
    auto amount = [&](double sek) { return units_only(sek, sc.units, lang); };
    const std::size_t years = table.names().years.size();

    std::string out = text(msg::beside_head, lang) + "\n";
    for (std::size_t ai = 0; ai < c.alts.size(); ++ai) {
        const calc_alternative& a = c.alts[ai];
        out += "  " + a.name + ": ";
        out += a.has_sum ? text(msg::beside_sum, lang, amount(a.total_sek)) : text(msg::beside_no_sum, lang);
        if (a.diff_sek && !a.baseline) out += ", " + text(msg::beside_difference, lang, amount(*a.diff_sek));
        out += "\n";
        std::string cost, diff;
        for (std::size_t y = 0; y < years; ++y) {
            const std::string label = table.names().year_label(y);
            cost += (y ? ", " : "") + label + " " + amount(mean(ai, y, metric::cost_total));
            diff += (y ? ", " : "") + label + " " + amount(mean(ai, y, metric::diff_vs_baseline));
        }
        out += "    " + text(msg::beside_cost, lang, cost) + "\n";
        if (!a.baseline) out += "    " + text(msg::beside_cost_difference, lang, diff) + "\n";
    }
    out += "  " + text(msg::beside_why, lang) + "\n";
    return out;
}

}  // namespace hemsim
