#include "app/run.hpp"

#include <algorithm>
#include <cmath>

#include "econ/costing.hpp"
#include "results/summary.hpp"

namespace hemsim {

scenario_result run_case(const scenario& sc, const run_options& opts) {
    scenario_result res = run_scenario(sc, opts);
    cost_scenario(sc, res, res.threads);
    return res;
}

replication_result run_one(const scenario& sc, const alternative& alt, const calendar& cal,
                           const result_layout& layout, std::uint64_t seed, std::uint64_t replication,
                           bool fixed_parameters) {
    replication_result r = run_replication(sc, alt, cal, layout, seed, replication, fixed_parameters);
    std::vector<std::string> paths;
    for (const uncertain_param& u : alt.system.uncertain) paths.push_back(u.path);
    cost_drawn(alt, paths, layout, cal, sc.warmup_days, fixed_parameters, r);
    return r;
}

namespace {

// The 95 % CI half-width of the headline difference as a share of its mean.
double relative_half_width(const scenario& sc, const scenario_result& res, std::string& what) {
    const result_table table = yearly_table(sc, res);
    for (const metric_row& r : table.rows())
        if (r.year == whole_horizon && r.kind == metric::diff_vs_baseline &&
            r.alternative != sc.baseline_index()) {
            what = sc.alternatives[r.alternative].id + " diff_vs_baseline total";
            double half = (r.s.ci_high - r.s.ci_low) / 2;
            return r.s.mean != 0 ? half / std::fabs(r.s.mean) : (half == 0 ? 0.0 : INFINITY);
        }
    what = "diff_vs_baseline";
    return 0;
}

}  // namespace

target_ci_result run_to_target_ci(const scenario& sc, run_options opts, double target,
                                  std::uint32_t max_replications) {
    target_ci_result out;
    out.res = run_case(sc, opts);
    // Streams are per replication: a run with more replications extends the smaller one.
    for (;;) {
        out.relative = relative_half_width(sc, out.res, out.headline);
        out.met = out.relative <= target;
        if (out.met || out.res.replications >= max_replications) return out;
        opts.replications = std::min<std::uint32_t>(max_replications, out.res.replications * 2);
        out.res = run_case(sc, opts);
    }
}

}  // namespace hemsim
