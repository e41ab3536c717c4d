#include "report/calc_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "report/csv.hpp"

namespace hemsim {

std::string calc_csv(const calc_result& c) {
    std::string out = "alternative,item,quantity,unit_price_sek,months,amount_sek\n";
    for (const calc_alternative& a : c.alts) {
        for (const calc_item& i : a.items)
            out += csv_field(a.id) + ',' + csv_field(i.item) + ',' + csv_number(i.quantity) + ',' +
                   csv_number(i.unit_price_per_month()) + ',' + csv_number(i.months()) + ',' +
                   csv_number(i.amount_sek) + '\n';
        if (a.has_sum) out += csv_field(a.id) + ",total,,,," + csv_number(a.total_sek) + '\n';
        if (!a.baseline && a.diff_sek) out += csv_field(a.id) + ",diff_vs_baseline,,,," + csv_number(*a.diff_sek) + '\n';
    }
    return out;
}

std::string kr_and_units(double sek, const std::string& units, language lang) {
    const bool mkr = units == "mkr";
    std::string u = mkr ? format_number(sek / 1e6, 1, lang) + " mkr" : format_number(sek / 1e3, 0, lang) + " tkr";
    return format_number(sek, 0, lang) + " kr (" + u + ")";
}

namespace {

std::string quantity_text(double q, language lang) {
    bool whole = std::fabs(q - std::round(q)) < 1e-9;
    return format_number(q, whole ? 0 : 1, lang);
}

// "50 personer x 16 500 kr/mån x 12 mån"
std::string formula(const calc_item& i, language lang) {
    const bool sv = lang == language::sv;
    std::string x = " × ";
    if (i.project) {
        if (i.one_off) return sv ? "engångskostnad" : "one-off";
        if (i.quantity != 1)
            return quantity_text(i.quantity, lang) + (sv ? " åa" : " FTE") + x +
                   format_number(i.unit_price_sek, 0, lang) + (sv ? " kr/år" : " kr/year");
        return sv ? "per år" : "per year";
    }
    std::string q = quantity_text(i.quantity, lang);
    switch (i.unit) {
    case calc_unit::month:
        return q + (sv ? " personer" : " persons") + x + format_number(i.unit_price_sek, 0, lang) +
               (sv ? " kr/mån" : " kr/month") + x + quantity_text(i.periods, lang) + (sv ? " mån" : " months");
    case calc_unit::day:
        return q + (sv ? " personer" : " persons") + x + format_number(i.unit_price_sek, 0, lang) + " kr/dygn" +
               x + quantity_text(i.periods, lang) + " dygn";
    case calc_unit::year:
        return q + (sv ? " åa" : " FTE") + x + format_number(i.unit_price_sek, 0, lang) +
               (sv ? " kr/år" : " kr/year");
    }
    return "";
}

std::string pad_right(const std::string& s, std::size_t w) { return s + std::string(w > text_width(s) ? w - text_width(s) : 0, ' '); }
std::string pad_left(const std::string& s, std::size_t w) { return std::string(w > text_width(s) ? w - text_width(s) : 0, ' ') + s; }

std::string units_only(double sek, const std::string& units, language lang) {
    return units == "mkr" ? format_number(sek / 1e6, 1, lang) + " mkr" : format_number(sek / 1e3, 0, lang) + " tkr";
}

}  // namespace

std::string calc_table(const scenario& sc, const calc_result& c, language lang) {
    const bool sv = lang == language::sv;
    std::string out = (sv ? "Ansökans egen kalkyl per år: " : "The application's own sum per year: ") + c.title + "\n";
    out += sv ? "(antal × pris × perioder, som i ansökan; projektkostnader med sitt årsbelopp)\n\n"
              : "(count × price × periods, as in the application; project costs at their annual amount)\n\n";
    // Column widths over every line.
    std::size_t w_item = 0, w_formula = 0, w_kr = 0;
    for (const calc_alternative& a : c.alts)
        for (const calc_item& i : a.items) {
            w_item = std::max(w_item, text_width(i.item));
            w_formula = std::max(w_formula, text_width(formula(i, lang)));
            w_kr = std::max(w_kr, text_width(format_number(i.amount_sek, 0, lang) + " kr"));
        }
    for (const calc_alternative& a : c.alts) w_kr = std::max(w_kr, text_width(format_number(a.total_sek, 0, lang) + " kr"));
    const std::string sum_label = sv ? "Summa" : "Total";
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
            out += sv ? "  Ingen kalkyl: alternativet har inga egna kalkylrader ([[alternative.calc]]), så ansökans "
                        "summa och skillnad visas inte (projektraderna ensamma är inte en kalkyl).\n\n"
                      : "  No sum: the alternative has no calc lines of its own ([[alternative.calc]]), so no total "
                        "or difference is shown (its project lines alone are not the application's sum).\n\n";
    }
    out += sv ? "Skillnad mot nollalternativet per år (negativt: alternativet kostar mindre)\n"
              : "Difference against the nollalternativ per year (negative: the alternative costs less)\n";
    for (const calc_alternative& a : c.alts) {
        if (a.baseline) continue;
        if (!a.diff_sek) {
            out += "  " + a.name + (sv ? ": ingen (" : ": none (") +
                   (a.has_sum ? (sv ? "nollalternativet har ingen kalkyl)\n" : "the nollalternativ has no sum)\n")
                              : (sv ? "inga kalkylrader)\n" : "no calc lines)\n"));
            continue;
        }
        out += "  " + a.name + ": " + kr_and_units(*a.diff_sek, sc.units, lang) + "\n";
        if (!a.note.empty()) out += "      " + a.note + "\n";
        if (a.switching_days > 0)
            out += sv ? "      Brytpunkt: " + a.name + " betalar sig om " + format_number(a.switching_days, 0, lang) +
                            " placeringsdygn per år försvinner (vid nollalternativets genomsnittspris " +
                            format_number(a.average_price_per_day_sek, 0, lang) + " kr/dygn; " +
                            format_number(a.switching_days / 365.0, 1, lang) + " platser året runt).\n"
                      : "      Switching value: " + a.name + " pays for itself if " +
                            format_number(a.switching_days, 0, lang) +
                            " placement days a year disappear (at the nollalternativ's average price " +
                            format_number(a.average_price_per_day_sek, 0, lang) + " kr/dygn; " +
                            format_number(a.switching_days / 365.0, 1, lang) + " places all year).\n";
    }
    return out;
}

std::string calc_beside_run(const scenario& sc, const calc_result& c, const result_table& table, language lang) {
    const bool sv = lang == language::sv;
    bool any = false;
    for (const calc_alternative& a : c.alts) any = any || a.has_sum;
    if (!any) return "";
    auto mean = [&](std::size_t a, std::size_t y, metric m) {
        const metric_row* r = table.find(a, y, m);
        return r ? r->s.mean : std::nan("");
    };
    auto amount = [&](double sek) { return units_only(sek, sc.units, lang); };
    const std::size_t years = table.names().years.size();

    std::string out = sv ? "Simulerat per år mot ansökans egen kalkyl (antal × pris för kalkylens rader, samma summa varje "
                           "år, som i 'hemsim calc')\n"
                         : "Simulated per year against the application's own sum (count × price of its lines, the same "
                           "figure every year, as in 'hemsim calc')\n";
    for (std::size_t ai = 0; ai < c.alts.size(); ++ai) {
        const calc_alternative& a = c.alts[ai];
        out += "  " + a.name + ": ";
        out += a.has_sum ? (sv ? "kalkyl " : "sum ") + amount(a.total_sek) + (sv ? " per år" : " a year")
                         : (sv ? "ingen kalkyl (inga kalkylrader)" : "no sum (no calc lines)");
        if (a.diff_sek && !a.baseline) out += (sv ? ", skillnad " : ", difference ") + amount(*a.diff_sek);
        out += "\n";
        std::string cost = sv ? "    simulerad kostnad: " : "    simulated cost: ";
        std::string diff = sv ? "    simulerad skillnad mot nollalternativet: " : "    simulated difference: ";
        for (std::size_t y = 0; y < years; ++y) {
            const std::string label = table.names().year_label(y);
            cost += (y ? ", " : "") + label + " " + amount(mean(ai, y, metric::cost_total));
            diff += (y ? ", " : "") + label + " " + amount(mean(ai, y, metric::diff_vs_baseline));
        }
        out += cost + "\n";
        if (!a.baseline) out += diff + "\n";
    }
    out += sv ? "  Varför de skiljer: kalkylen sätter hela beståndet i sitt boende hela året och räknar bara sina rader; "
                "simuleringen har flyttar över tid, köer och kapaciteter, nya klienter och all personal i modellen.\n"
              : "  Why they differ: the sum puts the whole stock in its placement all year and counts only its lines; "
                "the simulation has moves over time, queues and capacities, new clients and all the model's staff.\n";
    return out;
}

}  // namespace hemsim
