#include "results/monthly.hpp"

#include <chrono>
#include <cstdio>

namespace hemsim {

std::string monthly_table::metric_name(const monthly_row& r) const {
    switch (r.kind) {
    case monthly_metric::present_total: return "present_total";
    case monthly_metric::present: return "present:" + names.layouts[r.alternative].placements[r.entity];
    case monthly_metric::queue_mean: return "queue_mean:" + names.layouts[r.alternative].queues[r.entity];
    case monthly_metric::cost_cumulative: return "cost_cumulative";
    case monthly_metric::diff_cumulative: return "diff_cumulative";
    }
    return "";
}

monthly_builder::monthly_builder(const scenario& sc, result_names names, const calendar& cal)
    : names_(std::move(names)), base_(sc.baseline_index()) {
    const std::size_t M = cal.months();
    // The calendar month of each month of the horizon (with 365-day years too, the
    // months are counted from the start's).
    for (std::size_t m = 0; m < M; ++m) {
        const auto ym = std::chrono::year_month(sc.start.year(), sc.start.month()) +
                        std::chrono::months(static_cast<int>(m));
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ym.year()),
                      static_cast<unsigned>(ym.month()));
        months_.push_back(buf);
    }
    cumulative_.assign(names_.layouts.size(), std::vector<double>(M, 0.0));
    const std::vector<std::vector<double>>* cum = &cumulative_;
    const std::size_t base = base_;
    for (std::size_t a = 0; a < names_.layouts.size(); ++a) {
        const result_layout* l = &names_.layouts[a];
        const model& md = sc.alternatives[a].system;
        const std::size_t N = l->N();
        for (std::size_t m = 0; m < M; ++m) {
            const double days = cal.month_bounds[m + 1] - cal.month_bounds[m];
            auto emit = [&](monthly_metric kind, index_t entity, quantity_kind q,
                            streamed_rows<monthly_row>::value_fn f) {
                rows_.push({a, m, kind, entity, {}}, q, std::move(f));
            };
            emit(monthly_metric::present_total, no_index, quantity_kind::non_negative,
                 [=](const replication_set& rep) { return rep[a]->present_days_month[m] / days; });
            for (index_t p = 0; p < l->placements.size(); ++p) {
                if (md.placements[p].terminal) continue;
                emit(monthly_metric::present, p, quantity_kind::non_negative,
                     [=](const replication_set& rep) {
                         double s = 0;
                         for (std::size_t c = 0; c < N; ++c)
                             if (l->cell_month[c] == m) s += rep[a]->occupancy[p * N + c];
                         return s / days;
                     });
            }
            for (index_t q = 0; q < l->Q(); ++q) {
                if (!l->queue_active[q]) continue;
                emit(monthly_metric::queue_mean, q, quantity_kind::non_negative,
                     [=](const replication_set& rep) { return rep[a]->queue_days_month[q * M + m] / days; });
            }
            emit(monthly_metric::cost_cumulative, no_index, quantity_kind::non_negative,
                 [=](const replication_set&) { return (*cum)[a][m]; });
            emit(monthly_metric::diff_cumulative, no_index, quantity_kind::any,
                 [=](const replication_set&) { return (*cum)[a][m] - (*cum)[base][m]; });
        }
    }
}

void monthly_builder::add(const replication_set& rep) {
    // Cumulative cost per month, every payer.
    for (std::size_t a = 0; a < rep.size(); ++a) {
        const std::size_t K = names_.layouts[a].K();
        double run = 0;
        for (std::size_t m = 0; m < cumulative_[a].size(); ++m) {
            for (std::size_t k = 0; k < K; ++k) run += rep[a]->cost_month[m * K + k];
            cumulative_[a][m] = run;
        }
    }
    rows_.add(rep);
}

monthly_table monthly_builder::finish() const {
    monthly_table t;
    t.names = names_;
    t.months = months_;
    t.rows = rows_.summaries();
    return t;
}

monthly_table monthly_summary(const scenario& sc, const scenario_result& res) {
    monthly_builder b(sc, names_of(sc, res), res.cal);
    feed(res, b);
    return b.finish();
}

}  // namespace hemsim
