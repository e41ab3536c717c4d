#include "app/stream.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "econ/costing.hpp"

namespace hemsim {

namespace {

// Every builder of a run's outputs, fed one replication set at a time.
class outputs_builder {
public:
    outputs_builder(const scenario& sc, const scenario_result& shape, const econ_options& o)
        : outputs_builder(sc, shape, o, names_of(sc, shape)) {}

    void add(const replication_set& rep) {
        totals_.add(rep);  // first: it checks that every client is accounted for
        yearly_.add(rep);
        ledger_.add(rep);
        monthly_.add(rep);
        econ_.add(rep);
        warnings_.add(rep);
    }

    run_outputs finish() {
        run_outputs out;
        out.shape = shape_;
        out.yearly = yearly_.finish();
        out.ledger = ledger_.finish();
        out.economics = econ_.finish();
        out.monthly = monthly_.finish();
        out.warnings = warnings_.finish();
        out.totals = std::move(totals_);
        out.comparisons = econ_.comparisons();
        out.base_year = econ_.base_year();
        return out;
    }

private:
    outputs_builder(const scenario& sc, const scenario_result& shape, const econ_options& o,
                    const result_names& names)
        : shape_(shape),
          yearly_(sc, names, shape.cal),
          ledger_(names),
          monthly_(sc, names, shape.cal),
          econ_(sc, shape, o),
          warnings_(sc, names.layouts, shape.cal),
          totals_(sc) {}

    scenario_result shape_;
    yearly_builder yearly_;
    ledger_builder ledger_;
    monthly_builder monthly_;
    economics_builder econ_;
    warnings_builder warnings_;
    run_totals totals_;
};

scenario_result shape_of(const scenario_result& res) {
    scenario_result s;
    s.cal = res.cal;
    s.seed = res.seed;
    s.replications = res.replications;
    s.shard_k = res.shard_k;
    s.shard_n = res.shard_n;
    s.rep_ids = res.rep_ids;
    s.fixed_parameters = res.fixed_parameters;
    s.threads = res.threads;
    s.wall_seconds = res.wall_seconds;
    for (const alternative_result& ar : res.alts) s.alts.push_back({ar.layout, {}, ar.param_paths});
    return s;
}

using clock = std::chrono::steady_clock;
double seconds_since(clock::time_point t0) {
    return std::chrono::duration<double>(clock::now() - t0).count();
}

// Replication `rep` of alternative `a`, simulated, with the run's message on a failure.
// `ws`: the calling worker's simulator memory, reused from its previous replication.
replication_result simulate(const scenario& sc, const run_options& opts, const scenario_result& shape,
                            std::size_t a, std::size_t rep, sim_workspace& ws) {
    try {
        return run_replication(sc, sc.alternatives[a], shape.cal, shape.alts[a].layout, shape.seed,
                               shape.rep_ids[rep], opts.fixed_parameters, opts.limits, &ws);
    } catch (const std::exception& e) {
        throw std::runtime_error("alternative '" + sc.alternatives[a].id + "', replication " +
                                 std::to_string(shape.rep_ids[rep]) + ": " + e.what());
    }
}

// One coster per alternative of a run (replication_coster: one thread's).
std::vector<replication_coster> costers_of(const scenario& sc, const scenario_result& shape) {
    std::vector<replication_coster> out;
    for (std::size_t a = 0; a < shape.alts.size(); ++a)
        out.emplace_back(sc.alternatives[a], shape.alts[a].param_paths, shape.alts[a].layout, shape.cal,
                         sc.warmup_days, shape.fixed_parameters);
    return out;
}

bool cancelled(const run_options& opts) { return opts.cancel && opts.cancel->load(); }

// Simulates every (replication, alternative) and gives each replication set,
// costed unless not `cost`, to `sink` in replication order. On one thread, one replication at a
// time; on more, worker threads simulate at most `window` replications ahead
// of the one the calling thread costs and gives to the sink.
void stream_replications(const scenario& sc, const run_options& opts, scenario_result& shape, bool cost,
                         const std::function<void(const replication_set&)>& sink) {
    const std::size_t A = sc.alternatives.size(), R = shape.rep_ids.size(), tasks = A * R;
    std::vector<replication_coster> costers =
        cost ? costers_of(sc, shape) : std::vector<replication_coster>{};
    std::atomic<std::size_t> done{0};
    auto progress = [&] {
        if (opts.progress) opts.progress(done.fetch_add(1) + 1, tasks);
    };
    const unsigned threads = static_cast<unsigned>(std::min<std::size_t>(shape.threads, tasks));
    const auto t0 = clock::now();

    if (threads <= 1) {
        sim_workspace ws;
        std::vector<replication_result> reps(A);
        replication_set set(A);
        double simulating = 0;
        for (std::size_t r = 0; r < R; ++r) {
            for (std::size_t a = 0; a < A; ++a) {
                if (cancelled(opts)) throw run_cancelled();
                const auto t = clock::now();
                reps[a] = simulate(sc, opts, shape, a, r, ws);
                simulating += seconds_since(t);
                progress();
                if (cost) costers[a](reps[a]);
                set[a] = &reps[a];
            }
            sink(set);
        }
        shape.wall_seconds = simulating;
        return;
    }

    const std::size_t window = 4 * static_cast<std::size_t>(threads);  // replications held at once
    std::vector<std::vector<replication_result>> slots(window, std::vector<replication_result>(A));
    std::vector<std::size_t> ready(window, 0);  // per slot: alternatives simulated
    std::mutex mu;
    std::condition_variable work_cv, ready_cv;
    std::size_t next = 0, consumed = 0;  // the next task to take; replications given to the sink
    bool stop = false;
    std::exception_ptr failure;
    auto fail = [&](std::exception_ptr e) {
        std::lock_guard lock(mu);
        if (!failure) failure = e;
        stop = true;
        work_cv.notify_all();
        ready_cv.notify_all();
    };
    auto worker = [&] {
        sim_workspace ws;
        for (;;) {
            std::unique_lock lock(mu);
            work_cv.wait(lock, [&] { return stop || next >= tasks || next / A < consumed + window; });
            if (stop || next >= tasks) return;
            const std::size_t task = next++;
            lock.unlock();
            const std::size_t r = task / A, a = task % A;
            try {
                if (cancelled(opts)) throw run_cancelled();
                replication_result rr = simulate(sc, opts, shape, a, r, ws);
                progress();
                lock.lock();
                slots[r % window][a] = std::move(rr);
                if (++ready[r % window] == A) ready_cv.notify_all();
            } catch (...) {
                if (lock.owns_lock()) lock.unlock();
                fail(std::current_exception());
                return;
            }
        }
    };
    {
        std::vector<std::jthread> pool;
        for (unsigned i = 0; i < threads; ++i) pool.emplace_back(worker);
        replication_set set(A);
        try {
            for (std::size_t r = 0; r < R; ++r) {
                std::unique_lock lock(mu);
                ready_cv.wait(lock, [&] { return stop || ready[r % window] == A; });
                if (stop) break;
                lock.unlock();
                // The workers write other slots only: they stay `window` replications ahead at most.
                std::vector<replication_result>& slot = slots[r % window];
                for (std::size_t a = 0; a < A; ++a) {
                    if (cost) costers[a](slot[a]);
                    set[a] = &slot[a];
                }
                sink(set);
                lock.lock();
                ready[r % window] = 0;
                consumed = r + 1;
                work_cv.notify_all();
            }
        } catch (...) {
            fail(std::current_exception());
        }
    }
    if (failure) std::rethrow_exception(failure);
    shape.wall_seconds = seconds_since(t0);
}

}  // namespace

run_outputs summarize_run(const scenario& sc, const scenario_result& res, const econ_options& o) {
    outputs_builder b(sc, shape_of(res), o);
    feed(res, b);
    return b.finish();
}

run_outputs summarize_partials(const scenario& sc, partial_stream& in, const econ_options& o) {
    const scenario_result& shape = in.shape();
    outputs_builder b(sc, shape, o);
    std::vector<replication_coster> costers = costers_of(sc, shape);
    std::vector<replication_result> rep;
    replication_set set(shape.alts.size());
    while (in.next(rep)) {
        for (std::size_t a = 0; a < rep.size(); ++a) {
            costers[a](rep[a]);
            set[a] = &rep[a];
        }
        b.add(set);
    }
    return b.finish();
}

run_outputs run_case_summarized(const scenario& sc, const run_options& opts, const econ_options& o) {
    scenario_result shape = run_shape(sc, opts);
    outputs_builder b(sc, shape, o);
    stream_replications(sc, opts, shape, true, [&](const replication_set& set) { b.add(set); });
    run_outputs out = b.finish();
    out.shape.wall_seconds = shape.wall_seconds;
    return out;
}

scenario_result run_shard_to(const scenario& sc, const run_options& opts,
                             const std::function<run_identity(const scenario_result&)>& identity,
                             const std::filesystem::path& file) {
    scenario_result shape = run_shape(sc, opts);
    partial_writer out(file, identity(shape), shape);
    run_totals totals(sc);  // checks that every client is accounted for
    stream_replications(sc, opts, shape, false, [&](const replication_set& set) {
        totals.add(set);
        out.add(set);
    });
    out.close();
    return shape;
}

}  // namespace hemsim
