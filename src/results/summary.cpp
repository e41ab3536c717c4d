#include "results/summary.hpp"

#include <cmath>
#include <functional>
#include <stdexcept>

namespace hemsim {

void check_conservation(const scenario& sc, const scenario_result& res) {
    for (std::size_t a = 0; a < res.alts.size(); ++a)
        for (std::size_t r = 0; r < res.alts[a].reps.size(); ++r) {
            const flow_counts& f = res.alts[a].reps[r].flows;
            if (f.initial + f.arrivals != f.present + f.exits)
                throw std::logic_error("clients not conserved in alternative '" + sc.alternatives[a].id +
                                       "', replication " + std::to_string(r) + ": initial " +
                                       std::to_string(f.initial) + " + arrivals " + std::to_string(f.arrivals) +
                                       " != present " + std::to_string(f.present) + " + exits " +
                                       std::to_string(f.exits));
        }
}

std::vector<metric_row> yearly_rows(const scenario& sc, const scenario_result& res) {
    std::vector<metric_row> rows;
    const std::size_t base = sc.baseline_index();
    const alternative_result& b = res.alts[base];
    const calendar& cal = res.cal;
    const std::size_t R = res.alts.empty() ? 0 : res.alts[0].reps.size();

    for (std::size_t a = 0; a < res.alts.size(); ++a) {
        const alternative_result& ar = res.alts[a];
        const result_layout& l = ar.layout;
        const model& m = sc.alternatives[a].system;
        const std::size_t Y = l.Y();
        // Years 0..Y-1, then Y = the whole horizon.
        for (std::size_t yi = 0; yi <= Y; ++yi) {
            const bool total = yi == Y;
            std::size_t y0 = total ? 0 : yi, y1 = total ? Y : yi + 1;
            std::string label = total ? total_year : std::to_string(l.years[yi]);
            // Every metric but the difference is a cost, a count, days or a length: never below 0.
            auto emit = [&](const std::string& metric, const std::function<double(const replication_result&, std::size_t)>& f) {
                std::vector<double> xs(R);
                for (std::size_t r = 0; r < R; ++r) xs[r] = f(ar.reps[r], r);
                sample_summary s = summarize(std::move(xs), metric == "diff_vs_baseline" ? quantity_kind::any
                                                                                          : quantity_kind::non_negative);
                if (s.n > 0) rows.push_back({sc.alternatives[a].id, label, metric, s});
            };
            auto sum_years = [&](const std::vector<double>& v, std::size_t entity) {
                double s = 0;
                for (std::size_t y = y0; y < y1; ++y) s += v[entity * Y + y];
                return s;
            };
            auto cost_total = [&](const replication_result& rr, const result_layout& ll) {
                double s = 0;
                for (std::size_t y = y0; y < y1; ++y) s += rr.cost_total(ll, y);
                return s;
            };

            emit("cost_total", [&](const replication_result& rr, std::size_t) { return cost_total(rr, l); });
            for (std::size_t c = 0; c < l.C(); ++c)
                emit("cost_" + l.categories[c], [&](const replication_result& rr, std::size_t) {
                    double s = 0;
                    for (std::size_t y = y0; y < y1; ++y) s += rr.cost_category(l, y, c);
                    return s;
                });
            // Paired by replication: common random numbers make this far less noisy.
            emit("diff_vs_baseline", [&](const replication_result& rr, std::size_t r) {
                return cost_total(rr, l) - cost_total(b.reps[r], b.layout);
            });
            for (std::size_t p = 0; p < l.placements.size(); ++p) {
                if (m.placements[p].terminal)
                    emit("exits:" + l.placements[p],
                         [&](const replication_result& rr, std::size_t) { return sum_years(rr.exits, p); });
                else
                    emit("person_days:" + l.placements[p],
                         [&](const replication_result& rr, std::size_t) { return sum_years(rr.person_days, p); });
            }
            double window = 0;
            for (std::size_t y = y0; y < y1; ++y)
                window += std::max(0.0, cal.bounds[y + 1] - std::max(cal.bounds[y], sc.warmup_days));
            for (std::size_t q = 0; q < l.Q(); ++q) {
                if (!l.queue_active[q]) continue;
                emit("wait_mean_days:" + l.queues[q], [&](const replication_result& rr, std::size_t) {
                    double n = sum_years(rr.wait_n, q);
                    return n > 0 ? sum_years(rr.wait_sum, q) / n : std::nan("");
                });
                emit("queue_mean:" + l.queues[q], [&](const replication_result& rr, std::size_t) {
                    return window > 0 ? sum_years(rr.queue_days, q) / window : std::nan("");
                });
                emit("queue_end:" + l.queues[q],
                     [&](const replication_result& rr, std::size_t) { return rr.queue_end[q * Y + (y1 - 1)]; });
            }
            for (std::size_t s = 0; s < l.S(); ++s)
                emit("offers_lost:" + l.supplies[s],
                     [&](const replication_result& rr, std::size_t) { return sum_years(rr.offers_lost, s); });
            for (std::size_t i = 0; i < l.I(); ++i) {
                // Distinct persons do not add up over years: the total row is left out for them.
                if (total && m.indicators[i].kind != indicator_kind::entries &&
                    m.indicators[i].kind != indicator_kind::moves)
                    continue;
                emit("indicator:" + l.indicators[i],
                     [&](const replication_result& rr, std::size_t) { return sum_years(rr.indicators, i); });
            }
            for (std::size_t p = 0; p < l.placements.size(); ++p) {
                if (!l.has_rules[p]) continue;
                emit("rule_moves:" + l.placements[p],
                     [&](const replication_result& rr, std::size_t) { return sum_years(rr.rule_moves, p); });
                emit("rule_breaches:" + l.placements[p],
                     [&](const replication_result& rr, std::size_t) { return sum_years(rr.breaches, p); });
            }
        }
    }
    return rows;
}

std::vector<ledger_row> ledger_rows(const scenario& sc, const scenario_result& res) {
    std::vector<ledger_row> rows;
    const std::size_t R = res.alts.empty() ? 0 : res.alts[0].reps.size();
    for (std::size_t a = 0; a < res.alts.size(); ++a) {
        const alternative_result& ar = res.alts[a];
        const result_layout& l = ar.layout;
        for (std::size_t yi = 0; yi <= l.Y(); ++yi) {
            const bool total = yi == l.Y();
            std::size_t y0 = total ? 0 : yi, y1 = total ? l.Y() : yi + 1;
            for (std::size_t c = 0; c < l.C(); ++c)
                for (std::size_t k = 0; k < l.K(); ++k)
                    for (std::size_t p = 0; p < l.P1(); ++p) {
                        std::vector<double> xs(R);
                        bool any = false;
                        for (std::size_t r = 0; r < R; ++r) {
                            double v = 0;
                            for (std::size_t y = y0; y < y1; ++y) v += ar.reps[r].cost[l.ledger_index(y, c, k, p)];
                            xs[r] = v;
                            any = any || v != 0;
                        }
                        if (!any) continue;
                        rows.push_back({sc.alternatives[a].id, total ? total_year : std::to_string(l.years[yi]),
                                        l.categories[c], l.payers[k],
                                        p < l.placements.size() ? l.placements[p] : "",
                                        summarize(std::move(xs), quantity_kind::non_negative)});
                    }
        }
    }
    return rows;
}

}  // namespace hemsim
