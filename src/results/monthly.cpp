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

monthly_table monthly_summary(const scenario& sc, const scenario_result& res) {
    monthly_table t;
    t.names = names_of(sc, res);
    const calendar& cal = res.cal;
    const std::size_t M = cal.months();
    // The calendar month of each month of the horizon (with 365-day years too, the
    // months are counted from the start's).
    for (std::size_t m = 0; m < M; ++m) {
        const auto ym = std::chrono::year_month(sc.start.year(), sc.start.month()) +
                        std::chrono::months(static_cast<int>(m));
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ym.year()),
                      static_cast<unsigned>(ym.month()));
        t.months.push_back(buf);
    }
    if (res.alts.empty()) return t;
    const std::size_t base = sc.baseline_index();
    const std::size_t R = res.alts[0].reps.size();
    // Cumulative cost per replication and month, every payer.
    auto cumulative = [&](const alternative_result& ar) {
        const std::size_t K = ar.layout.K();
        std::vector<std::vector<double>> c(R, std::vector<double>(M, 0.0));
        for (std::size_t r = 0; r < R; ++r) {
            double run = 0;
            for (std::size_t m = 0; m < M; ++m) {
                for (std::size_t k = 0; k < K; ++k) run += ar.reps[r].cost_month[m * K + k];
                c[r][m] = run;
            }
        }
        return c;
    };
    const auto base_cost = cumulative(res.alts[base]);
    for (std::size_t a = 0; a < res.alts.size(); ++a) {
        const alternative_result& ar = res.alts[a];
        const result_layout& l = ar.layout;
        const model& md = sc.alternatives[a].system;
        const auto cost = a == base ? base_cost : cumulative(ar);
        // Each cell's month, and the cells of each month, for the placements' occupancy.
        const std::size_t N = l.N();
        for (std::size_t m = 0; m < M; ++m) {
            const double days = cal.month_bounds[m + 1] - cal.month_bounds[m];
            auto emit = [&](monthly_metric kind, index_t entity, quantity_kind q, auto f) {
                std::vector<double> xs(R);
                for (std::size_t r = 0; r < R; ++r) xs[r] = f(r);
                sample_summary s = summarize(std::move(xs), q);
                if (s.n > 0) t.rows.push_back({a, m, kind, entity, s});
            };
            emit(monthly_metric::present_total, no_index, quantity_kind::non_negative,
                 [&](std::size_t r) { return ar.reps[r].present_days_month[m] / days; });
            for (index_t p = 0; p < l.placements.size(); ++p) {
                if (md.placements[p].terminal) continue;
                emit(monthly_metric::present, p, quantity_kind::non_negative, [&](std::size_t r) {
                    double s = 0;
                    for (std::size_t c = 0; c < N; ++c)
                        if (l.cell_month[c] == m) s += ar.reps[r].occupancy[p * N + c];
                    return s / days;
                });
            }
            for (index_t q = 0; q < l.Q(); ++q) {
                if (!l.queue_active[q]) continue;
                emit(monthly_metric::queue_mean, q, quantity_kind::non_negative,
                     [&](std::size_t r) { return ar.reps[r].queue_days_month[q * M + m] / days; });
            }
            emit(monthly_metric::cost_cumulative, no_index, quantity_kind::non_negative,
                 [&](std::size_t r) { return cost[r][m]; });
            emit(monthly_metric::diff_cumulative, no_index, quantity_kind::any,
                 [&](std::size_t r) { return cost[r][m] - base_cost[r][m]; });
        }
    }
    return t;
}

}  // namespace hemsim
