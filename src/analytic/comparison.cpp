// The simulation set beside the analytic chain: the steady-state person-days
// a year that the chain gives (Little's law) against the simulated last year,
// and what the difference (the cost of queues and capacities) costs.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "analytic/analytic.hpp"
#include "analytic/stays.hpp"

namespace hemsim {

using analytic_detail::per_day;

analytic_comparison compare_with_simulation(const scenario& sc, const scenario_result& res) {
    if (res.alts.size() != sc.alternatives.size())
        throw std::runtime_error("compare_with_simulation: the result has " +
                                 std::to_string(res.alts.size()) + " alternatives, the scenario " +
                                 std::to_string(sc.alternatives.size()));
    analytic_comparison out;
    const std::size_t Y = res.cal.years();
    if (Y == 0) return out;
    const std::size_t last = Y - 1;
    const double period = res.cal.bounds[Y] - std::max(res.cal.bounds[last], sc.warmup_days);
    const double scale = period > 0 ? 365.0 / period : 0.0;

    for (std::size_t ai = 0; ai < sc.alternatives.size(); ++ai) {
        const model& m = sc.alternatives[ai].system;
        const alternative_result& ar = res.alts[ai];
        const std::size_t np = m.placements.size();
        alternative_comparison c;
        c.alternative = sc.alternatives[ai].id;
        c.year = res.cal.year_numbers[last];
        c.period_days = period;

        // Little's law per placement: arrivals a year times days per entrant.
        std::vector<double> pd(np, 0.0), cost(np, 0.0);
        double max_days_to_exit = 0;
        bool schedules_vary = false;
        for (index_t g = 0; g < m.groups.size(); ++g) {
            if (m.groups[g].arrivals.empty()) continue;
            analytic_result a = analyze(m, g);
            for (const arrival_stream& s : m.groups[g].arrivals) {
                const analytic_entry* e = a.entry(s.placement);
                if (!e) continue;  // arrivals straight into an exit stay nowhere
                const double lambda = s.per_year.initial;
                schedules_vary = schedules_vary || !s.per_year.constant();
                if (lambda == 0) continue;
                max_days_to_exit = std::max(max_days_to_exit, e->total_days);
                for (index_t p = 0; p < np; ++p) {
                    pd[p] += lambda * e->days[p];
                    cost[p] += lambda * e->cost_sek[p];
                }
            }
            for (const analytic_note& note : a.notes)
                if (std::find(c.notes.begin(), c.notes.end(), note) == c.notes.end()) c.notes.push_back(note);
        }
        if (c.notes.empty())
            c.notes.push_back({"no arrival streams: the analytic steady state is empty",
                               "inga inflöden: det analytiska jämviktsläget är tomt"});
        if (schedules_vary)
            c.notes.push_back({"arrival rates change on dates; the first value of each is used",
                               "inflödet ändras på datum; det första värdet av varje används"});
        if (!std::isfinite(max_days_to_exit)) {
            c.steady_state_defined = false;
            c.notes.push_back(
                {"some clients never exit in the chain: the analytic steady state is unbounded",
                 "vissa klienter lämnar aldrig kedjan: det analytiska jämviktsläget är obegränsat"});
        } else if (res.cal.horizon_days < 3 * max_days_to_exit) {
            const std::string h = std::to_string(std::lround(res.cal.horizon_days));
            const std::string d = std::to_string(std::lround(max_days_to_exit));
            c.notes.push_back({"the horizon (" + h + " days) is short against the mean time to exit (" + d +
                                   " days): the simulation may not have reached its steady state",
                               "horisonten (" + h + " dygn) är kort mot medeltiden till utträde (" + d +
                                   " dygn): simuleringen har kanske inte nått jämvikt"});
        }
        const bool beyond_stays = std::any_of(m.transitions.begin(), m.transitions.end(),
                                              [](const transition& t) { return t.has_move_cost(); }) ||
                                  std::any_of(m.placements.begin(), m.placements.end(),
                                              [](const placement& p) { return p.charged_after_exit; });
        if (beyond_stays)
            c.notes.push_back(
                {"costs per move and priced exits are left out of this comparison of "
                 "person-days in the placements (the chain's cost per client has them)",
                 "kostnader per flytt och utträden med pris ingår inte i denna jämförelse av "
                 "placeringsdygn (kedjans kostnad per klient har dem)"});
        double initial = 0;
        for (const group& g : m.groups)
            for (const initial_stock& s : g.initial) initial += s.count;
        if (initial > 0)
            c.notes.push_back(
                {"the initial stock is left out of the steady state; clients of it still present "
                 "in the last year add to the simulated figure",
                 "den initiala stocken ingår inte i jämviktsläget; de av dem som finns kvar det sista "
                 "året ökar den simulerade siffran"});

        const std::size_t R = ar.reps.size();
        std::vector<double> total_r(R, 0.0), cost_r(R, 0.0), queue_r(R, 0.0);
        for (index_t p = 0; p < np; ++p) {
            if (m.placements[p].terminal) continue;
            placement_comparison pc;
            pc.placement = p;
            pc.id = m.placements[p].id;
            pc.analytic_person_days = pd[p];
            // Attribute costs enter at their analytic mean per person-day.
            pc.cost_per_day_sek =
                pd[p] > 0 && std::isfinite(pd[p]) && std::isfinite(cost[p])
                    ? cost[p] / pd[p]
                    : per_day(m.placements[p].price_given_per_month, m.placements[p].price_per_month_sek,
                              m.placements[p].price_per_day_sek);
            // Placements no arrival reaches hold only the initial stock: not in the totals.
            pc.in_total = pd[p] > 0;
            std::vector<double> xs(R);
            for (std::size_t r = 0; r < R; ++r) {
                xs[r] = ar.reps[r].person_days[p * Y + last] * scale;
                if (!pc.in_total) continue;
                total_r[r] += xs[r];
                cost_r[r] += xs[r] * pc.cost_per_day_sek;
            }
            pc.simulated = summarize(xs);
            pc.departure_percent = pd[p] > 0 && std::isfinite(pd[p])
                                       ? (pc.simulated.mean - pd[p]) / pd[p] * 100.0
                                       : std::numeric_limits<double>::quiet_NaN();
            if (pc.in_total) {
                c.analytic_person_days += pd[p];
                c.analytic_cost_sek += pd[p] * pc.cost_per_day_sek;
            } else if (pc.simulated.mean > 0) {
                c.notes.push_back({"no arrival reaches '" + pc.id +
                                       "': its clients (initial stock) are left out of the totals",
                                   "inget inflöde når '" + pc.id +
                                       "': dess klienter (den initiala stocken) ingår inte i summorna"});
            }
            c.placements.push_back(pc);
        }
        for (std::size_t r = 0; r < R; ++r) queue_r[r] = cost_r[r] - c.analytic_cost_sek;
        c.simulated_person_days = summarize(total_r);
        c.simulated_cost_sek = summarize(cost_r);
        c.queue_cost_sek = summarize(queue_r);
        c.departure_percent =
            c.analytic_person_days > 0 && std::isfinite(c.analytic_person_days)
                ? (c.simulated_person_days.mean - c.analytic_person_days) / c.analytic_person_days * 100.0
                : std::numeric_limits<double>::quiet_NaN();
        // A queue that still grows has no steady state: the departure then grows with the horizon.
        if (Y >= 2 && R >= 2) {
            const double prev = res.cal.bounds[last] - std::max(res.cal.bounds[last - 1], sc.warmup_days);
            if (prev > 0) {
                std::vector<double> growth(R, 0.0);
                for (std::size_t r = 0; r < R; ++r) {
                    double before = 0;
                    for (const placement_comparison& pc : c.placements)
                        before += ar.reps[r].person_days[pc.placement * Y + last - 1] * 365.0 / prev;
                    growth[r] = total_r[r] - before;
                }
                const sample_summary gs = summarize(growth);
                const double before_mean = c.simulated_person_days.mean - gs.mean;
                if (gs.ci_low > 0 && before_mean > 0 && gs.mean > 0.02 * before_mean) {
                    const std::string pct = std::to_string(std::lround(gs.mean / before_mean * 100.0));
                    c.notes.push_back(
                        {"the simulated person-days still grow (+" + pct +
                             " % on the year before): the queues do not settle, and the departure "
                             "grows with the horizon",
                         "de simulerade persondygnen växer fortfarande (+" + pct +
                             " % mot året före): köerna stabiliseras inte, och avvikelsen växer med "
                             "horisonten"});
                }
            }
        }
        c.significant = c.steady_state_defined && (c.analytic_person_days < c.simulated_person_days.ci_low ||
                                                   c.analytic_person_days > c.simulated_person_days.ci_high);
        out.alternatives.push_back(std::move(c));
    }
    return out;
}

}  // namespace hemsim
