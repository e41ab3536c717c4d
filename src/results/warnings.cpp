#include "results/warnings.hpp"

#include <cmath>

#include "model/calendar.hpp"
#include "results/summary.hpp"

namespace hemsim {

namespace {

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

warnings_builder::warnings_builder(const scenario& sc, std::vector<result_layout> layouts,
                                   const calendar& cal)
    : sc_(&sc), cal_(cal), layouts_(std::move(layouts)), sums_(layouts_.size()) {
    for (std::size_t a = 0; a < layouts_.size(); ++a) {
        const result_layout& l = layouts_[a];
        sums_[a].queue_end.assign(l.Q(), 0.0);
        sums_[a].present.assign(cal.months(), 0.0);
        sums_[a].lost.assign(l.S() * l.Y(), 0.0);
        sums_[a].made.assign(l.S() * l.Y(), 0.0);
    }
}

void warnings_builder::add(const replication_set& rep) {
    ++n_;
    const std::size_t base = sc_->baseline_index();
    for (std::size_t a = 0; a < rep.size() && a < layouts_.size(); ++a) {
        const replication_result& r = *rep[a];
        const result_layout& l = layouts_[a];
        const std::size_t Y = l.Y();
        if (Y == 0) continue;
        alt_sums& s = sums_[a];
        for (std::size_t q = 0; q < l.Q(); ++q) s.queue_end[q] += r.queue_end[q * Y + Y - 1];
        for (std::size_t m = 0; m < s.present.size(); ++m) s.present[m] += r.present_days_month[m];
        for (std::size_t i = 0; i < s.lost.size(); ++i) {
            s.lost[i] += r.offers_lost[i];
            s.made[i] += r.offers[i];
        }
        if (a == base) continue;
        for (std::size_t y = 0; y < Y; ++y) {
            const double d = r.cost_total(l, y) - rep[base]->cost_total(layouts_[base], y);
            s.total += d;
            if (y == Y - 1) s.last += d;
        }
    }
}

std::vector<run_warning> warnings_builder::finish() const {
    std::vector<run_warning> out;
    const scenario& sc = *sc_;
    const calendar& cal = cal_;
    const std::size_t base = sc.baseline_index();
    const double n = static_cast<double>(n_);
    if (n_ == 0) return out;
    // The mean over the futures of a sum over them.
    auto mean = [n](double sum) { return sum / n; };
    for (std::size_t a = 0; a < sc.alternatives.size() && a < layouts_.size(); ++a) {
        const alternative& alt = sc.alternatives[a];
        const result_layout& l = layouts_[a];
        const alt_sums& sums = sums_[a];
        const std::size_t Y = l.Y();
        if (Y == 0) continue;

        // Waiting lists with clients at the horizon that nothing will ever serve.
        for (std::size_t q = 0; q < l.Q(); ++q) {
            if (!l.queue_active[q]) continue;
            run_warning w;
            if (!never_served(alt.system, cal, q, w.blocked, w.blocker)) continue;
            w.value = mean(sums.queue_end[q]);
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
                present[m] = mean(sums.present[m]) / days;
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
                lost += mean(sums.lost[s * Y + y]);
                made += mean(sums.made[s * Y + y]);
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
        if (a != base && Y >= 2 && sums.total != 0 && sums.last / sums.total > last_year_share) {
            run_warning w;
            w.kind = warning_kind::last_year_difference;
            w.alternative = alt.id;
            w.value = sums.last / sums.total;
            w.year = l.years.back();
            w.low = sums.last / n;
            w.high = sums.total / n;
            out.push_back(w);
        }
    }
    return out;
}

std::vector<run_warning> run_warnings(const scenario& sc, const scenario_result& res) {
    std::vector<result_layout> layouts;
    for (const alternative_result& ar : res.alts) layouts.push_back(ar.layout);
    warnings_builder b(sc, std::move(layouts), res.cal);
    feed(res, b);
    return b.finish();
}

}  // namespace hemsim
