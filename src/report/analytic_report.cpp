#include "report/analytic_report.hpp"

#include <cmath>
#include <cstddef>

#include "report/messages.hpp"

namespace hemsim {

namespace {

// A number for analytic.csv: csv_number's rule, and "inf" for an unbounded expectation.
std::string number(double x) {
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    return csv_number(x);
}

// A number for the terminal; "∞" where a client may never leave.
std::string shown(double x, int decimals, language lang) {
    if (std::isinf(x)) return x > 0 ? "∞" : "-∞";
    return format_number(x, decimals, lang);
}

std::string signed_percent(double x, language lang) {
    if (!std::isfinite(x)) return "–";
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "+" + std::string&&.
    std::string out = x > 0 ? "+" : "";
    out += format_number(x, 1, lang);
    out += " %";
    return out;
}

std::string note_text(const analytic_note& n, language lang) { return lang == language::sv ? n.sv : n.en; }

}  // namespace

std::string analytic_csv(const std::vector<analytic_run>& runs) {
    std::string out = "alternative,group,entry,measure,placement,value\n";
    for (const analytic_run& run : runs) {
        const analytic_result& r = run.result;
        for (const analytic_entry& e : r.entries) {
            const std::string head = csv_field(run.alternative) + ',' + csv_field(r.group) + ',' +
                                     csv_field(r.placements[e.placement]) + ',';
            auto row = [&](const char* measure, const std::string& placement, double v) {
                out += head + measure + ',' + csv_field(placement) + ',' + number(v) + '\n';
            };
            for (std::size_t p = 0; p < r.placements.size(); ++p)
                if (!r.terminal[p]) row("visits", r.placements[p], e.visits[p]);
            for (std::size_t p = 0; p < r.placements.size(); ++p)
                if (!r.terminal[p]) row("days", r.placements[p], e.days[p]);
            for (std::size_t p = 0; p < r.placements.size(); ++p)
                if (!r.terminal[p]) row("cost_sek", r.placements[p], e.cost_sek[p]);
            for (std::size_t p = 0; p < r.placements.size(); ++p)
                if (r.terminal[p]) row("exit_probability", r.placements[p], e.exit_probability[p]);
            row("never_exits", "", e.never_exits);
            // Rows of the costs beyond the stays only where a model has them.
            if (e.move_cost_sek != 0) row("move_cost_sek", "", e.move_cost_sek);
            if (e.exit_cost_sek != 0) row("exit_cost_sek", "", e.exit_cost_sek);
            row("cost_sek", "", e.total_cost_sek);
            row("total_days", "", e.total_days);
        }
    }
    return out;
}

std::string analytic_table(const std::vector<analytic_run>& runs, language lang) {
    std::string out;
    for (const analytic_run& run : runs) {
        const analytic_result& r = run.result;
        out += run.alternative.empty()
                   ? text(msg::analytic_head, lang, r.group, r.states)
                   : text(msg::analytic_head_alternative, lang, r.group, run.alternative, r.states);
        out += "\n";
        for (const analytic_note& n : r.notes) out += text(msg::note_line, lang, note_text(n, lang)) + "\n";
        for (const analytic_entry& e : r.entries) {
            out += "\n";
            out += text(msg::analytic_entry, lang, r.placements[e.placement], shown(e.total_days, 1, lang),
                        shown(e.total_cost_sek, 0, lang)) +
                   "\n";
            std::vector<std::vector<std::string>> rows;
            rows.push_back({text(msg::col_placement, lang), text(msg::analytic_col_visits, lang),
                            text(msg::analytic_col_days, lang), text(msg::analytic_col_cost, lang)});
            for (std::size_t p = 0; p < r.placements.size(); ++p)
                if (!r.terminal[p])
                    rows.push_back({r.placements[p], shown(e.visits[p], 3, lang), shown(e.days[p], 1, lang),
                                    shown(e.cost_sek[p], 0, lang)});
            out += align_columns(rows, "  ");
            std::vector<std::vector<std::string>> exits;
            exits.push_back({text(msg::analytic_col_exit, lang), text(msg::analytic_col_probability, lang)});
            for (std::size_t p = 0; p < r.placements.size(); ++p)
                if (r.terminal[p])
                    exits.push_back({r.placements[p], format_number(e.exit_probability[p], 3, lang)});
            if (e.never_exits > 0)
                exits.push_back({text(msg::analytic_never, lang), format_number(e.never_exits, 3, lang)});
            out += align_columns(exits, "  ");
        }
        out += "\n";
    }
    return out;
}

std::string comparison_csv(const analytic_comparison& cmp) {
    std::string out =
        "alternative,year,placement,analytic_person_days,simulated_mean,simulated_ci_low,simulated_ci_high,"
        "departure_percent,cost_per_day_sek,in_total\n";
    for (const alternative_comparison& c : cmp.alternatives) {
        const std::string head = csv_field(c.alternative) + ',' + std::to_string(c.year) + ',';
        for (const placement_comparison& p : c.placements)
            out += head + csv_field(p.id) + ',' + number(p.analytic_person_days) + ',' +
                   number(p.simulated.mean) + ',' + number(p.simulated.ci_low) + ',' +
                   number(p.simulated.ci_high) + ',' + number(p.departure_percent) + ',' +
                   number(p.cost_per_day_sek) + ',' + (p.in_total ? "1" : "0") + '\n';
        out += head + "total," + number(c.analytic_person_days) + ',' + number(c.simulated_person_days.mean) +
               ',' + number(c.simulated_person_days.ci_low) + ',' + number(c.simulated_person_days.ci_high) +
               ',' + number(c.departure_percent) + ",,1\n";
    }
    return out;
}

std::string comparison_table(const analytic_comparison& cmp, language lang) {
    std::string out;
    for (const alternative_comparison& c : cmp.alternatives) {
        out += text(msg::comparison_head, lang, c.alternative, c.year) + "\n";
        std::vector<std::vector<std::string>> rows;
        rows.push_back({text(msg::col_placement, lang), text(msg::comparison_col_analytic, lang),
                        text(msg::comparison_col_simulated, lang), text(msg::comparison_col_ci, lang),
                        text(msg::comparison_col_departure, lang)});
        auto ci = [&](const sample_summary& s) {
            std::string t = "[";
            t += format_number(s.ci_low, 0, lang);
            t += " – ";
            t += format_number(s.ci_high, 0, lang);
            t += "]";
            return t;
        };
        for (const placement_comparison& p : c.placements)
            rows.push_back({p.id, shown(p.analytic_person_days, 0, lang),
                            format_number(p.simulated.mean, 0, lang), ci(p.simulated),
                            signed_percent(p.departure_percent, lang)});
        rows.push_back({text(msg::total_label, lang), shown(c.analytic_person_days, 0, lang),
                        format_number(c.simulated_person_days.mean, 0, lang), ci(c.simulated_person_days),
                        signed_percent(c.departure_percent, lang)});
        out += align_columns(rows, "  ");

        const std::string diff_days =
            format_number(std::fabs(c.simulated_person_days.mean - c.analytic_person_days), 0, lang);
        const std::string kr = format_number(std::fabs(c.queue_cost_sek.mean), 0, lang);
        // The amount is printed without its sign ("... mer/mindre per år"): its
        // interval too, in the same direction.
        sample_summary magnitude = c.queue_cost_sek;
        if (c.queue_cost_sek.mean < 0) {
            magnitude.ci_low = -c.queue_cost_sek.ci_high;
            magnitude.ci_high = -c.queue_cost_sek.ci_low;
        }
        const std::string kr_ci = ci(magnitude);
        const std::string pct = format_number(std::fabs(c.departure_percent), 1, lang);
        if (!c.steady_state_defined)
            out += text(msg::comparison_no_steady_state, lang) + "\n";
        else if (!c.significant)
            out += text(msg::comparison_within_ci, lang, ci(c.queue_cost_sek)) + "\n";
        else if (c.simulated_person_days.mean > c.analytic_person_days)
            out += text(msg::comparison_above, lang, pct, diff_days, kr, kr_ci) + "\n";
        else
            out += text(msg::comparison_below, lang, pct, diff_days, kr, kr_ci) + "\n";
        for (const analytic_note& n : c.notes) out += text(msg::note_line, lang, note_text(n, lang)) + "\n";
        out += "\n";
    }
    return out;
}

}  // namespace hemsim
