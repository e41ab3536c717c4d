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
                                       std::to_string(f.initial) + " + arrivals " +
                                       std::to_string(f.arrivals) + " != present " +
                                       std::to_string(f.present) + " + exits " + std::to_string(f.exits));
        }
}

std::string result_names::year_label(std::size_t year) const {
    return year == whole_horizon ? std::string(total_year) : std::to_string(years[year]);
}

result_names names_of(const scenario& sc, const scenario_result& res) {
    result_names n;
    for (const alternative& a : sc.alternatives) n.alternatives.push_back(a.id);
    n.years = res.cal.year_numbers;
    for (const alternative_result& ar : res.alts) n.layouts.push_back(ar.layout);
    return n;
}

result_table::result_table(result_names names, std::vector<metric_row> rows)
    : names_(std::move(names)), rows_(std::move(rows)) {
    for (std::size_t i = 0; i < rows_.size(); ++i)
        index_.emplace(std::tuple(rows_[i].alternative, rows_[i].year, rows_[i].kind, rows_[i].entity), i);
}

const metric_row* result_table::find(std::size_t alternative, std::size_t year, metric kind,
                                     index_t entity) const {
    auto it = index_.find(std::tuple(alternative, year, kind, entity));
    return it == index_.end() ? nullptr : &rows_[it->second];
}

std::string result_table::metric_name(const metric_row& r) const {
    const result_layout& l = names_.layouts[r.alternative];
    switch (r.kind) {
    case metric::cost_total: return "cost_total";
    case metric::cost_category: return "cost_" + l.categories[r.entity];
    case metric::diff_vs_baseline: return "diff_vs_baseline";
    case metric::person_days: return "person_days:" + l.placements[r.entity];
    case metric::exits: return "exits:" + l.placements[r.entity];
    case metric::wait_mean_days: return "wait_mean_days:" + l.queues[r.entity];
    case metric::queue_mean: return "queue_mean:" + l.queues[r.entity];
    case metric::queue_end: return "queue_end:" + l.queues[r.entity];
    case metric::offers_lost: return "offers_lost:" + l.supplies[r.entity];
    case metric::indicator: return "indicator:" + l.indicators[r.entity];
    case metric::rule_moves: return "rule_moves:" + l.placements[r.entity];
    case metric::gave_up: return "gave_up:" + l.queues[r.entity];
    case metric::rule_breaches: return "rule_breaches:" + l.placements[r.entity];
    }
    return "";
}

result_table yearly_table(const scenario& sc, const scenario_result& res) {
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
        // Years 0..Y-1, then the whole horizon.
        for (std::size_t yi = 0; yi <= Y; ++yi) {
            const bool total = yi == Y;
            std::size_t y0 = total ? 0 : yi, y1 = total ? Y : yi + 1;
            const std::size_t year = total ? whole_horizon : yi;
            // Every metric but the difference is a cost, a count, days or a length: never below 0.
            auto emit = [&](metric kind, index_t entity,
                            const std::function<double(const replication_result&, std::size_t)>& f) {
                std::vector<double> xs(R);
                for (std::size_t r = 0; r < R; ++r) xs[r] = f(ar.reps[r], r);
                sample_summary s =
                    summarize(std::move(xs), kind == metric::diff_vs_baseline ? quantity_kind::any
                                                                              : quantity_kind::non_negative);
                if (s.n > 0) rows.push_back({a, year, kind, entity, s});
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

            emit(metric::cost_total, no_index,
                 [&](const replication_result& rr, std::size_t) { return cost_total(rr, l); });
            for (index_t c = 0; c < l.C(); ++c)
                emit(metric::cost_category, c, [&](const replication_result& rr, std::size_t) {
                    double s = 0;
                    for (std::size_t y = y0; y < y1; ++y) s += rr.cost_category(l, y, c);
                    return s;
                });
            // Paired by replication: common random numbers make this far less noisy.
            emit(metric::diff_vs_baseline, no_index, [&](const replication_result& rr, std::size_t r) {
                return cost_total(rr, l) - cost_total(b.reps[r], b.layout);
            });
            for (index_t p = 0; p < l.placements.size(); ++p) {
                if (m.placements[p].terminal)
                    emit(metric::exits, p,
                         [&](const replication_result& rr, std::size_t) { return sum_years(rr.exits, p); });
                else
                    emit(metric::person_days, p, [&](const replication_result& rr, std::size_t) {
                        return sum_years(rr.person_days, p);
                    });
            }
            double window = 0;
            for (std::size_t y = y0; y < y1; ++y)
                window += std::max(0.0, cal.bounds[y + 1] - std::max(cal.bounds[y], sc.warmup_days));
            for (index_t q = 0; q < l.Q(); ++q) {
                if (!l.queue_active[q]) continue;
                emit(metric::wait_mean_days, q, [&](const replication_result& rr, std::size_t) {
                    double n = sum_years(rr.wait_n, q);
                    return n > 0 ? sum_years(rr.wait_sum, q) / n : std::nan("");
                });
                emit(metric::queue_mean, q, [&](const replication_result& rr, std::size_t) {
                    return window > 0 ? sum_years(rr.queue_days, q) / window : std::nan("");
                });
                emit(metric::queue_end, q, [&](const replication_result& rr, std::size_t) {
                    return rr.queue_end[q * Y + (y1 - 1)];
                });
                if (q >= m.services.size() && m.transitions[q - m.services.size()].has_give_up())
                    emit(metric::gave_up, q,
                         [&](const replication_result& rr, std::size_t) { return sum_years(rr.gave_up, q); });
            }
            for (index_t s = 0; s < l.S(); ++s)
                emit(metric::offers_lost, s,
                     [&](const replication_result& rr, std::size_t) { return sum_years(rr.offers_lost, s); });
            for (index_t i = 0; i < l.I(); ++i) {
                // Distinct persons do not add up over years: the total row is left out for them.
                if (total && m.indicators[i].kind != indicator_kind::entries &&
                    m.indicators[i].kind != indicator_kind::moves)
                    continue;
                emit(metric::indicator, i,
                     [&](const replication_result& rr, std::size_t) { return sum_years(rr.indicators, i); });
            }
            for (index_t p = 0; p < l.placements.size(); ++p) {
                if (!l.has_rules[p]) continue;
                emit(metric::rule_moves, p,
                     [&](const replication_result& rr, std::size_t) { return sum_years(rr.rule_moves, p); });
                emit(metric::rule_breaches, p,
                     [&](const replication_result& rr, std::size_t) { return sum_years(rr.breaches, p); });
            }
        }
    }
    return result_table(names_of(sc, res), std::move(rows));
}

ledger_table ledger_rows(const scenario& sc, const scenario_result& res) {
    ledger_table out;
    out.names = names_of(sc, res);
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
                            for (std::size_t y = y0; y < y1; ++y)
                                v += ar.reps[r].cost[l.ledger_index(y, c, k, p)];
                            xs[r] = v;
                            any = any || v != 0;
                        }
                        if (!any) continue;
                        out.rows.push_back({a, total ? whole_horizon : yi, c, k, p,
                                            summarize(std::move(xs), quantity_kind::non_negative)});
                    }
        }
    }
    return out;
}

}  // namespace hemsim
