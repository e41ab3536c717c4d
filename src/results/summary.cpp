#include "results/summary.hpp"

#include <cmath>
#include <functional>
#include <stdexcept>

namespace hemsim {

namespace {

void check_conserved(const scenario& sc, std::size_t a, std::size_t r, const flow_counts& f) {
    if (f.initial + f.arrivals != f.present + f.exits)
        throw std::logic_error("clients not conserved in alternative '" + sc.alternatives[a].id +
                               "', replication " + std::to_string(r) + ": initial " +
                               std::to_string(f.initial) + " + arrivals " + std::to_string(f.arrivals) +
                               " != present " + std::to_string(f.present) + " + exits " +
                               std::to_string(f.exits));
}

}  // namespace

void check_conservation(const scenario& sc, const scenario_result& res) {
    for (std::size_t a = 0; a < res.alts.size(); ++a)
        for (std::size_t r = 0; r < res.alts[a].reps.size(); ++r)
            check_conserved(sc, a, r, res.alts[a].reps[r].flows);
}

run_totals::run_totals(const scenario& s) : sc(&s) {
    for (const alternative& a : s.alternatives) draws.emplace_back(a.system.uncertain.size());
}

void run_totals::add(const replication_set& rep) {
    for (std::size_t a = 0; a < rep.size(); ++a) {
        const replication_result& r = *rep[a];
        check_conserved(*sc, a, replications, r.flows);
        events += r.flows.events;
        peak_present = std::max(peak_present, r.flows.peak_present);
        for (std::size_t i = 0; i < draws[a].size(); ++i)
            draws[a][i].push_back(i < r.params.size() ? r.params[i] : 0.0);
    }
    ++replications;
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

yearly_builder::yearly_builder(const scenario& sc, result_names names, const calendar& cal)
    : names_(std::move(names)) {
    const std::size_t base = sc.baseline_index();
    const result_layout* bl = &names_.layouts[base];
    for (std::size_t a = 0; a < names_.layouts.size(); ++a) {
        const result_layout* l = &names_.layouts[a];
        const model& m = sc.alternatives[a].system;
        const std::size_t Y = l->Y();
        // Years 0..Y-1, then the whole horizon.
        for (std::size_t yi = 0; yi <= Y; ++yi) {
            const bool total = yi == Y;
            const std::size_t y0 = total ? 0 : yi, y1 = total ? Y : yi + 1;
            const std::size_t year = total ? whole_horizon : yi;
            // Every metric but the difference (below) is a cost, a count, days or a length: never below 0.
            auto emit = [&](metric kind, index_t entity, std::function<double(const replication_result&)> f) {
                rows_.push({a, year, kind, entity, {}}, quantity_kind::non_negative,
                           [a, f = std::move(f)](const replication_set& rep) { return f(*rep[a]); });
            };
            // A table's sum over the years of the row, for one entity.
            auto years_of = [Y, y0, y1](std::vector<double> replication_result::*table, std::size_t entity) {
                return [Y, y0, y1, table, entity](const replication_result& rr) {
                    double s = 0;
                    for (std::size_t y = y0; y < y1; ++y) s += (rr.*table)[entity * Y + y];
                    return s;
                };
            };
            auto cost_total = [y0, y1](const replication_result& rr, const result_layout& ll) {
                double s = 0;
                for (std::size_t y = y0; y < y1; ++y) s += rr.cost_total(ll, y);
                return s;
            };

            emit(metric::cost_total, no_index,
                 [=](const replication_result& rr) { return cost_total(rr, *l); });
            for (index_t c = 0; c < l->C(); ++c)
                emit(metric::cost_category, c, [=](const replication_result& rr) {
                    double s = 0;
                    for (std::size_t y = y0; y < y1; ++y) s += rr.cost_category(*l, y, c);
                    return s;
                });
            // Paired by replication: common random numbers make this far less noisy.
            rows_.push({a, year, metric::diff_vs_baseline, no_index, {}}, quantity_kind::any,
                       [=](const replication_set& rep) {
                           return cost_total(*rep[a], *l) - cost_total(*rep[base], *bl);
                       });
            for (index_t p = 0; p < l->placements.size(); ++p) {
                if (m.placements[p].terminal)
                    emit(metric::exits, p, years_of(&replication_result::exits, p));
                else
                    emit(metric::person_days, p, years_of(&replication_result::person_days, p));
            }
            double window = 0;
            for (std::size_t y = y0; y < y1; ++y)
                window += std::max(0.0, cal.bounds[y + 1] - std::max(cal.bounds[y], sc.warmup_days));
            for (index_t q = 0; q < l->Q(); ++q) {
                if (!l->queue_active[q]) continue;
                emit(metric::wait_mean_days, q,
                     [n = years_of(&replication_result::wait_n, q),
                      sum = years_of(&replication_result::wait_sum, q)](const replication_result& rr) {
                         const double k = n(rr);
                         return k > 0 ? sum(rr) / k : std::nan("");
                     });
                emit(metric::queue_mean, q,
                     [window,
                      days = years_of(&replication_result::queue_days, q)](const replication_result& rr) {
                         return window > 0 ? days(rr) / window : std::nan("");
                     });
                emit(metric::queue_end, q,
                     [=](const replication_result& rr) { return rr.queue_end[q * Y + (y1 - 1)]; });
                if (q >= m.services.size() && m.transitions[q - m.services.size()].has_give_up())
                    emit(metric::gave_up, q, years_of(&replication_result::gave_up, q));
            }
            for (index_t s = 0; s < l->S(); ++s)
                emit(metric::offers_lost, s, years_of(&replication_result::offers_lost, s));
            for (index_t i = 0; i < l->I(); ++i) {
                // Distinct persons do not add up over years: the total row is left out for them.
                if (total && m.indicators[i].kind != indicator_kind::entries &&
                    m.indicators[i].kind != indicator_kind::moves)
                    continue;
                emit(metric::indicator, i, years_of(&replication_result::indicators, i));
            }
            for (index_t p = 0; p < l->placements.size(); ++p) {
                if (!l->has_rules[p]) continue;
                emit(metric::rule_moves, p, years_of(&replication_result::rule_moves, p));
                emit(metric::rule_breaches, p, years_of(&replication_result::breaches, p));
            }
        }
    }
}

result_table yearly_table(const scenario& sc, const scenario_result& res) {
    yearly_builder b(sc, names_of(sc, res), res.cal);
    feed(res, b);
    return b.finish();
}

ledger_builder::ledger_builder(result_names names) : names_(std::move(names)) {
    for (std::size_t a = 0; a < names_.layouts.size(); ++a) {
        const result_layout* l = &names_.layouts[a];
        for (std::size_t yi = 0; yi <= l->Y(); ++yi) {
            const bool total = yi == l->Y();
            const std::size_t y0 = total ? 0 : yi, y1 = total ? l->Y() : yi + 1;
            for (std::size_t c = 0; c < l->C(); ++c)
                for (std::size_t k = 0; k < l->K(); ++k)
                    for (std::size_t p = 0; p < l->P1(); ++p)
                        rows_.push({a, total ? whole_horizon : yi, c, k, p, {}}, quantity_kind::non_negative,
                                   [=](const replication_set& rep) {
                                       double v = 0;
                                       for (std::size_t y = y0; y < y1; ++y)
                                           v += rep[a]->cost[l->ledger_index(y, c, k, p)];
                                       return v;
                                   });
        }
    }
}

ledger_table ledger_builder::finish() const {
    // Cells that are zero in every replication are left out.
    return {names_,
            rows_.summaries([](const ledger_row&, const sample_accumulator& acc) { return acc.all_zero(); })};
}

ledger_table ledger_rows(const scenario& sc, const scenario_result& res) {
    ledger_builder b(names_of(sc, res));
    feed(res, b);
    return b.finish();
}

}  // namespace hemsim
