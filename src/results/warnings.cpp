#include "results/warnings.hpp"

#include <cmath>

#include "model/calendar.hpp"

namespace hemsim {

namespace {

// The mean over the futures of f(replication).
template <class F>
double mean_over(const alternative_result& ar, F f) {
    if (ar.reps.empty()) return 0;
    double s = 0;
    for (const replication_result& r : ar.reps) s += f(r);
    return s / static_cast<double>(ar.reps.size());
}

// Why a waiting list can never be served at the horizon, if it cannot.
bool never_served(const model& m, const calendar& cal, std::size_t q, blocked_by& why, std::string& blocker) {
    const double end = std::nextafter(cal.horizon_days, 0.0);
    auto no_slots = [&](index_t pool) {
        return m.staff[pool].slots_at(staffed_fte(m.staff[pool], cal).at(end)) == 0;
    };
    if (q < m.services.size()) {
        const index_t pool = m.services[q].staff;
        if (!no_slots(pool)) return false;
        why = blocked_by::staff_without_slots;
        blocker = m.staff[pool].id;
        return true;
    }
    const transition& t = m.transitions[q - m.services.size()];
    for (const gate& g : t.gates) {
        if (g.kind == gate_kind::supply && timeline(m.supplies[g.target].per_year, cal).at(end) == 0) {
            why = blocked_by::supply_rate_zero;
            blocker = m.supplies[g.target].id;
            return true;
        }
        if (g.kind == gate_kind::staff && no_slots(g.target)) {
            why = blocked_by::staff_without_slots;
            blocker = m.staff[g.target].id;
            return true;
        }
    }
    const placement& to = m.placements[t.to];
    if (to.capacity) {
        bool exits = to.after_max_stay != no_index;
        for (const transition& o : m.transitions) exits = exits || o.from == t.to;
        if (!exits || timeline(*to.capacity, cal).at(end) == 0) {
            why = blocked_by::room_never_freed;
            blocker = to.id;
            return true;
        }
    }
    return false;
}

}  // namespace

const char* warning_id(warning_kind kind) {
    switch (kind) {
    case warning_kind::queue_never_served: return "queue_never_served";
    case warning_kind::baseline_trend: return "baseline_trend";
    case warning_kind::offers_lost: return "offers_lost";
    case warning_kind::last_year_difference: return "last_year_difference";
    }
    return "warning";
}

std::vector<run_warning> run_warnings(const scenario& sc, const scenario_result& res) {
    std::vector<run_warning> out;
    const calendar& cal = res.cal;
    const std::size_t base = sc.baseline_index();
    for (std::size_t a = 0; a < sc.alternatives.size() && a < res.alts.size(); ++a) {
        const alternative& alt = sc.alternatives[a];
        const alternative_result& ar = res.alts[a];
        const result_layout& l = ar.layout;
        const std::size_t Y = l.Y();
        if (ar.reps.empty() || Y == 0) continue;

        // Waiting lists with clients at the horizon that nothing will ever serve.
        for (std::size_t q = 0; q < l.Q(); ++q) {
            if (!l.queue_active[q]) continue;
            run_warning w;
            if (!never_served(alt.system, cal, q, w.blocked, w.blocker)) continue;
            w.value = mean_over(ar, [&](const replication_result& r) { return r.queue_end[q * Y + Y - 1]; });
            if (!(w.value > 0)) continue;
            w.kind = warning_kind::queue_never_served;
            w.alternative = alt.id;
            w.subject = l.queues[q];
            out.push_back(w);
        }

        // A nollalternativ that grows or shrinks: the least-squares slope of the
        // mean clients present per month against time in years.
        if (a == base && cal.months() >= 2) {
            const std::size_t M = cal.months();
            std::vector<double> present(M), t(M);
            for (std::size_t m = 0; m < M; ++m) {
                const double days = cal.month_bounds[m + 1] - cal.month_bounds[m];
                present[m] =
                    mean_over(ar, [&](const replication_result& r) { return r.present_days_month[m]; }) /
                    days;
                t[m] = (cal.month_bounds[m] + cal.month_bounds[m + 1]) / 2 / 365.0;
            }
            double mt = 0, mp = 0;
            for (std::size_t m = 0; m < M; ++m) {
                mt += t[m] / static_cast<double>(M);
                mp += present[m] / static_cast<double>(M);
            }
            double sxy = 0, sxx = 0;
            for (std::size_t m = 0; m < M; ++m) {
                sxy += (t[m] - mt) * (present[m] - mp);
                sxx += (t[m] - mt) * (t[m] - mt);
            }
            const double slope = sxx > 0 ? sxy / sxx : 0;
            const double change = slope * cal.horizon_days / 365.0;
            if (std::fabs(change) > baseline_trend_share * mp && std::fabs(change) >= 1) {
                run_warning w;
                w.kind = warning_kind::baseline_trend;
                w.alternative = alt.id;
                w.value = slope;
                w.low = present.front();
                w.high = present.back();
                out.push_back(w);
            }
        }

        // Offers that found nobody eligible.
        for (std::size_t s = 0; s < l.S(); ++s) {
            double lost = 0, made = 0;
            for (std::size_t y = 0; y < Y; ++y) {
                lost += mean_over(ar, [&](const replication_result& r) { return r.offers_lost[s * Y + y]; });
                made += mean_over(ar, [&](const replication_result& r) { return r.offers[s * Y + y]; });
            }
            if (!(made > 0) || lost / made <= lost_offer_share) continue;
            const double years = cal.horizon_days / 365.0;
            run_warning w;
            w.kind = warning_kind::offers_lost;
            w.alternative = alt.id;
            w.subject = l.supplies[s];
            w.value = lost / made;
            w.low = lost / years;
            w.high = made / years;
            out.push_back(w);
        }

        // A difference that rests on the last calendar year.
        if (a != base && Y >= 2) {
            const alternative_result& br = res.alts[base];
            double last = 0, total = 0;
            for (std::size_t r = 0; r < ar.reps.size() && r < br.reps.size(); ++r) {
                for (std::size_t y = 0; y < Y; ++y) {
                    const double d = ar.reps[r].cost_total(l, y) - br.reps[r].cost_total(br.layout, y);
                    total += d;
                    if (y == Y - 1) last += d;
                }
            }
            if (total != 0 && last / total > last_year_share) {
                const double n = static_cast<double>(ar.reps.size());
                run_warning w;
                w.kind = warning_kind::last_year_difference;
                w.alternative = alt.id;
                w.value = last / total;
                w.year = l.years.back();
                w.low = last / n;
                w.high = total / n;
                out.push_back(w);
            }
        }
    }
    return out;
}

}  // namespace hemsim
