#include "results/runner.hpp"

#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "engine/random.hpp"
#include "engine/simulator.hpp"
#include "results/recorder.hpp"

namespace hemsim {

calendar make_calendar(const scenario& sc) { return calendar(sc.start, sc.horizon_months, sc.years_365_day); }

replication_result run_replication(const scenario& sc, const alternative& alt, const calendar& cal,
                                   const result_layout& layout, std::uint64_t seed, std::uint64_t replication,
                                   bool fixed_parameters, const sim_limits& limits,
                                   sim_workspace* workspace) {
    auto simulate = [&](const alternative& a) {
        recorder rec(a.system, layout, cal, sc.warmup_days);
        simulator sim(a.system, cal, rec, seed, replication, limits, workspace);
        sim.run();
        return rec.finish(sim.counts());
    };
    if (alt.system.uncertain.empty() || fixed_parameters) {
        replication_result r = simulate(alt);
        for (const uncertain_param& u : alt.system.uncertain) r.params.push_back(u.mean);
        return r;
    }
    // Probabilistic sensitivity analysis: this replication's values of the
    // inputs, each set in a copy of the alternative (a count rounded).
    alternative drawn = alt;
    std::vector<double> values;
    for (const uncertain_param& u : alt.system.uncertain) {
        double v = draw_param(u, seed, replication);
        set_input(drawn.system, &drawn.project_costs, u.ref, u.rule, v);
        values.push_back(v);
    }
    replication_result r = simulate(drawn);
    r.params = std::move(values);
    return r;
}

double draw_param(const uncertain_param& u, std::uint64_t seed, std::uint64_t replication) {
    stream s = param_stream(seed, replication, u.path);
    double v = sample_param(u.dist, s);
    return u.rule == value_rule::whole ? std::round(v) : v;
}

alternative_result empty_result(const scenario& sc, std::size_t a, const calendar& cal) {
    alternative_result out;
    out.layout = make_layout(sc, sc.alternatives[a], cal);
    for (const uncertain_param& u : sc.alternatives[a].system.uncertain) out.param_paths.push_back(u.path);
    return out;
}

std::uint64_t scenario_result::events() const {
    std::uint64_t n = 0;
    for (const auto& a : alts)
        for (const auto& r : a.reps) n += r.flows.events;
    return n;
}

scenario_result run_shape(const scenario& sc, const run_options& opts) {
    scenario_result out;
    out.cal = make_calendar(sc);
    out.seed = opts.seed_given ? opts.seed : sc.seed;
    out.replications = opts.replications ? opts.replications : sc.replications;
    unsigned hw = std::max(1u, std::thread::hardware_concurrency());
    out.threads = opts.threads ? opts.threads : hw;

    out.fixed_parameters = opts.fixed_parameters;
    out.shard_k = opts.shard_k;
    out.shard_n = std::max<std::uint32_t>(1, opts.shard_n);
    for (std::uint32_t r = out.shard_k; r < out.replications; r += out.shard_n) out.rep_ids.push_back(r);
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) out.alts.push_back(empty_result(sc, a, out.cal));
    return out;
}

scenario_result run_scenario(const scenario& sc, const run_options& opts) {
    const auto t0 = std::chrono::steady_clock::now();
    scenario_result out = run_shape(sc, opts);
    const std::size_t A = sc.alternatives.size(), R = out.rep_ids.size();
    double bytes = 0;  // what the results of every replication will hold
    for (std::size_t a = 0; a < A; ++a) {
        const result_layout& l = out.alts[a].layout;
        const double Y = static_cast<double>(l.Y()), P = static_cast<double>(l.placements.size());
        bytes += 8.0 * static_cast<double>(R) *
                 (Y * static_cast<double>(l.C() * l.K() * l.P1()) + 5 * P * Y +
                  4 * static_cast<double>(l.Q()) * Y + 2 * static_cast<double>(l.S()) * Y +
                  static_cast<double>(out.cal.months() * (l.K() + 1 + l.move_costs.size())) +
                  static_cast<double>(l.I()) * Y +
                  static_cast<double>(sc.alternatives[a].system.uncertain.size()));
    }
    if (bytes > max_result_bytes)
        throw input_error("the run would keep about " +
                          std::to_string(static_cast<long long>(bytes / 1e9 + 0.5)) +
                          " GB of results in memory (" + std::to_string(R) + " replications of " +
                          std::to_string(A) + " alternatives); hemsim's limit is " +
                          std::to_string(static_cast<long long>(max_result_bytes / 1e9)) +
                          " GB: run fewer replications, or in shards (run --shard K/N, then merge)");
    for (std::size_t a = 0; a < A; ++a) out.alts[a].reps.resize(R);
    // A parallel for over (replication, alternative): each task writes only its own slot.
    std::atomic<std::size_t> next{0}, done{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto worker = [&] {
        sim_workspace ws;  // this worker's simulator memory, reused by its replications
        for (;;) {
            std::size_t task = next.fetch_add(1);
            if (task >= A * R) return;
            if (opts.cancel && opts.cancel->load()) {
                next = A * R;
                return;
            }
            std::size_t r = task / A, a = task % A;
            try {
                out.alts[a].reps[r] =
                    run_replication(sc, sc.alternatives[a], out.cal, out.alts[a].layout, out.seed,
                                    out.rep_ids[r], opts.fixed_parameters, opts.limits, &ws);
                if (opts.progress) opts.progress(done.fetch_add(1) + 1, A * R);
            } catch (const std::exception& e) {
                std::lock_guard lock(failure_mutex);
                if (!failure)
                    failure = std::make_exception_ptr(
                        std::runtime_error("alternative '" + sc.alternatives[a].id + "', replication " +
                                           std::to_string(out.rep_ids[r]) + ": " + e.what()));
                next = A * R;
            }
        }
    };
    unsigned n = static_cast<unsigned>(std::min<std::size_t>(out.threads, A * R));
    if (n <= 1) {
        worker();
    } else {
        std::vector<std::jthread> pool;
        for (unsigned i = 0; i < n; ++i) pool.emplace_back(worker);
    }
    if (failure) std::rethrow_exception(failure);
    if (opts.cancel && opts.cancel->load()) throw run_cancelled();
    out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

}  // namespace hemsim
