#include "report/warnings_report.hpp"

#include <algorithm>
#include <cmath>

namespace hemsim {

std::string warning_text(const run_warning& w, const scenario& sc, language lang) {
    const bool sv = lang == language::sv;
    std::string name = w.alternative;
    for (const alternative& a : sc.alternatives)
        if (a.id == w.alternative && !a.name.empty()) name = a.name;
    auto n0 = [&](double x) { return format_number(x, 0, lang); };
    auto n1 = [&](double x) { return format_number(x, 1, lang); };
    auto pct = [&](double x) { return format_number(x * 100, 0, lang) + " %"; };
    switch (w.kind) {
    case warning_kind::queue_never_served: {
        std::string why;
        switch (w.blocked) {
        case blocked_by::supply_rate_zero:
            why = sv ? "tillgången '" + w.blocker + "' ger 0 per år vid horisonten"
                     : "supply '" + w.blocker + "' gives 0 a year at the horizon";
            break;
        case blocked_by::staff_without_slots:
            why = sv ? "personalen '" + w.blocker + "' har inga platser vid horisonten"
                     : "staff pool '" + w.blocker + "' has no slots at the horizon";
            break;
        case blocked_by::room_never_freed:
            why = sv ? "boendet '" + w.blocker + "' är fullt och ingen flyttar därifrån"
                     : "placement '" + w.blocker + "' is full and nobody ever leaves it";
            break;
        }
        return sv ? name + ": i kön '" + w.subject + "' står i genomsnitt " + n1(w.value) +
                        " klienter vid horisonten som aldrig kan komma vidare: " + why + "."
                  : name + ": " + n1(w.value) + " clients on average stand in waiting list '" + w.subject +
                        "' at the horizon and can never move on: " + why + ".";
    }
    case warning_kind::baseline_trend: {
        const bool grows = w.value > 0;
        return sv ? name + ": antalet klienter i systemet " + (grows ? "växer" : "minskar") + " stadigt, med " +
                        n1(std::fabs(w.value)) + " per år (från " + n0(w.low) + " till " + n0(w.high) +
                        " över horisonten). Stämmer det med ansökans beskrivning av nollalternativet?"
                  : name + ": the clients in the system " + (grows ? "grow" : "shrink") + " steadily, by " +
                        n1(std::fabs(w.value)) + " a year (from " + n0(w.low) + " to " + n0(w.high) +
                        " over the horizon). Is that what the application describes as the nollalternativ?";
    }
    case warning_kind::offers_lost:
        return sv ? name + ": " + pct(w.value) + " av erbjudandena från '" + w.subject + "' (" + n1(w.low) + " av " +
                        n1(w.high) + " per år) går förlorade: ingen som kan ta dem väntar. Gränsen för en varning är " +
                        pct(lost_offer_share) + "."
                  : name + ": " + pct(w.value) + " of the offers of '" + w.subject + "' (" + n1(w.low) + " of " +
                        n1(w.high) + " a year) are lost: nobody who can take them is waiting. The limit for a "
                        "warning is " + pct(lost_offer_share) + ".";
    case warning_kind::last_year_difference: {
        const bool mkr = std::max(std::fabs(w.low), std::fabs(w.high)) >= 1e6;
        auto money = [&](double x) {
            return mkr ? format_number(x / 1e6, 1, lang) + " mkr" : format_number(x / 1e3, 0, lang) + " tkr";
        };
        return sv ? name + ": det sista året (" + std::to_string(w.year) + ") står för " + money(w.low) + " av skillnaden " +
                        money(w.high) + " mot nollalternativet över horisonten (" + pct(w.value) +
                        "); resultatet vilar på det sista året, och en längre horisont kan ändra bilden."
                  : name + ": the last year (" + std::to_string(w.year) + ") gives " + money(w.low) + " of the " +
                        money(w.high) + " difference against the nollalternativ over the horizon (" + pct(w.value) +
                        "); the result rests on the last year, and a longer horizon may change the picture.";
    }
    }
    return "";
}

}  // namespace hemsim
