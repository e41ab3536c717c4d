#include "report/warnings_report.hpp"

#include <algorithm>
#include <cmath>

#include "report/messages.hpp"

namespace hemsim {

std::string warning_text(const run_warning& w, const scenario& sc, language lang) {
    std::string name = w.alternative;
    for (const alternative& a : sc.alternatives)
        if (a.id == w.alternative && !a.name.empty()) name = a.name;
    auto n0 = [&](double x) { return format_number(x, 0, lang); };
    auto n1 = [&](double x) { return format_number(x, 1, lang); };
    auto pct = [&](double x) { return format_number(x * 100, 0, lang) + " %"; };
    switch (w.kind) {
    case warning_kind::queue_never_served: {
        msg why = msg::warning_blocked_supply;
        switch (w.blocked) {
        case blocked_by::supply_rate_zero: why = msg::warning_blocked_supply; break;
        case blocked_by::staff_without_slots: why = msg::warning_blocked_staff; break;
        case blocked_by::room_never_freed: why = msg::warning_blocked_room; break;
        }
        return text(msg::warning_queue_never_served, lang, name, w.subject, n1(w.value),
                    text(why, lang, w.blocker));
    }
    case warning_kind::baseline_trend:
        return text(w.value > 0 ? msg::warning_clients_grow : msg::warning_clients_shrink, lang, name,
                    n1(std::fabs(w.value)), n0(w.low), n0(w.high));
    case warning_kind::offers_lost:
        return text(msg::warning_offers_lost, lang, name, pct(w.value), w.subject, n1(w.low), n1(w.high),
                    pct(lost_offer_share));
    case warning_kind::last_year_difference: {
        const bool mkr = std::max(std::fabs(w.low), std::fabs(w.high)) >= 1e6;
        auto money = [&](double x) {
            return mkr ? format_number(x / 1e6, 1, lang) + " mkr" : format_number(x / 1e3, 0, lang) + " tkr";
        };
        return text(msg::warning_last_year, lang, name, w.year, money(w.low), money(w.high), pct(w.value));
    }
    }
    return "";
}

}  // namespace hemsim
