#include "app/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include "app/roots.hpp"
#include "app/run.hpp"
#include "econ/costing.hpp"
#include "model/distribution.hpp"

namespace hemsim {

std::vector<double> parse_grid(const std::string& text) {
    std::vector<double> parts;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ':')) {
        try {
            std::size_t used = 0;
            parts.push_back(std::stod(item, &used));
            if (used != item.size() || !std::isfinite(parts.back())) throw std::invalid_argument("");
        } catch (const std::exception&) {
            throw std::invalid_argument("'" + text + "' is not a grid; write from:to:step, e.g. 3:12:1");
        }
    }
    if (parts.size() == 1) return parts;
    if (parts.size() != 3 || !(parts[2] > 0) || parts[1] < parts[0])
        throw std::invalid_argument("'" + text +
                                    "' is not a grid; write from:to:step with from <= to and step > 0");
    std::vector<double> out;
    for (int i = 0;; ++i) {
        double v = parts[0] + i * parts[2];
        if (v > parts[1] + 1e-9 * std::max(1.0, std::fabs(parts[1]))) break;
        out.push_back(v);
        if (out.size() > 10000) throw std::invalid_argument("'" + text + "' has more than 10 000 points");
    }
    return out;
}

namespace {

/// A model value to set before a run: its path, the number, and whether the
/// nollalternativ takes it too.
struct typed_set {
    std::string path;
    double value;
    bool baseline_too;
};

// Runs of one case with values set (each in a copy of the case). When none of
// the values moves the flows (a price, a cost, an amount: the engine never reads
// them), the one simulation of the case is costed again instead of simulated anew.
class case_runs {
public:
    case_runs(const scenario& base, const run_options& opts) : base_(base), opts_(opts) {}

    /// The headline with `sets` applied by set_value.
    econ_table headline(const std::vector<typed_set>& sets, const econ_options& econ) {
        bool flows = false;
        for (const typed_set& s : sets) flows = flows || moves_flows(s.path);
        return headline(
            [&](scenario& sc) {
                for (const typed_set& s : sets) set_value(sc, s.path, s.value, s.baseline_too);
            },
            flows, econ);
    }

    /// The headline with `change` applied to a copy of the case; `flows`: whether it moves the flows.
    template <class Change>
    econ_table headline(Change change, bool flows, const econ_options& econ) {
        scenario sc = base_;
        change(sc);
        if (!flows && opts_.reuse_simulation) {
            if (!simulated_) simulated_ = run_scenario(base_, opts_);
            cost_scenario(sc, *simulated_, simulated_->threads);
            return headline_rows(sc, *simulated_, econ);
        }
        return headline_rows(sc, run_case(sc, opts_), econ);
    }

    /// Whether the model value at `path` (in any alternative) changes what the simulation does.
    bool moves_flows(const std::string& path) const {
        for (const alternative& a : base_.alternatives)
            if (auto in = resolve_input(a, path); in && hemsim::moves_flows(in->ref.field)) return true;
        return false;
    }

private:
    const scenario& base_;
    const run_options& opts_;
    std::optional<scenario_result> simulated_;
};

// The alternative's index in the case.
std::size_t index_of(const scenario& sc, const std::string& id) {
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a)
        if (sc.alternatives[a].id == id) return a;
    return sc.alternatives.size();
}

}  // namespace

sweep_result run_sweep(const scenario& sc, const std::vector<sweep_axis>& axes, const run_options& opts,
                       const econ_options& econ) {
    if (axes.empty() || axes.size() > 2) throw std::invalid_argument("a sweep has one or two --set axes");
    sweep_result out;
    out.axes = axes;
    for (const alternative& a : sc.alternatives) out.alternatives.push_back(a.id);
    case_runs runs(sc, opts);
    const std::vector<double> none{0};
    const auto& second = axes.size() == 2 ? axes[1].values : none;
    for (double a : axes[0].values)
        for (double b : second) {
            std::vector<typed_set> sets{{axes[0].path, a, axes[0].baseline_too}};
            std::vector<double> point{a};
            if (axes.size() == 2) {
                sets.push_back({axes[1].path, b, axes[1].baseline_too});
                point.push_back(b);
            }
            for (econ_row& r : runs.headline(sets, econ).rows) out.rows.push_back({point, std::move(r)});
        }
    return out;
}

namespace {

const uncertain_param* uncertain_at(const alternative& a, const std::string& path) {
    for (const uncertain_param& u : a.system.uncertain)
        if (u.path == path) return &u;
    return nullptr;
}

// The value of an uncertain input at quantile q in its own distribution.
double at_quantile(const uncertain_param& u, double q) {
    double v = param_quantile(u.dist, q);
    return u.rule == value_rule::whole ? std::round(v) : v;
}

}  // namespace

std::vector<tornado_row> one_way_sensitivity(const scenario& sc, const run_options& opts,
                                             const econ_options& econ, double q_low, double q_high) {
    // Every uncertain input by path, in the order first met.
    std::vector<std::string> paths;
    for (const alternative& a : sc.alternatives)
        for (const uncertain_param& u : a.system.uncertain)
            if (std::find(paths.begin(), paths.end(), u.path) == paths.end()) paths.push_back(u.path);
    if (paths.empty())
        throw std::invalid_argument(
            "the case has no uncertain parameters: give model values as distributions, e.g. "
            "price_per_day = { triangular = [550, 700, 1500] } (docs/language.md)");
    run_options fixed = opts;
    fixed.fixed_parameters = true;
    std::vector<tornado_row> out;
    const alternative& base = sc.alternatives[sc.baseline_index()];
    case_runs runs(sc, fixed);
    for (const std::string& path : paths) {
        // A distribution belongs to the alternative that states it: the input
        // moves there only, to that alternative's own quantile.
        auto at = [&](double q) {
            return runs.headline(
                [&](scenario& moved) {
                    for (alternative& a : moved.alternatives)
                        if (const uncertain_param* u = uncertain_at(a, path))
                            set_input(a.system, &a.project_costs, u->ref, u->rule, at_quantile(*u, q));
                },
                runs.moves_flows(path), econ);
        };
        const econ_table low = at(q_low), high = at(q_high);
        for (const alternative& a : sc.alternatives) {
            if (a.baseline) continue;
            const uncertain_param* u = uncertain_at(a, path);
            if (!u) u = uncertain_at(base, path);
            if (!u) continue;  // fixed in both: it cannot move this difference
            const econ_row* l = low.find(index_of(sc, a.id), measure::npv_diff);
            const econ_row* h = high.find(index_of(sc, a.id), measure::npv_diff);
            if (!l || !h) continue;
            out.push_back(tornado_row{a.id, path, at_quantile(*u, q_low), at_quantile(*u, q_high), u->mean,
                                      l->s, h->s, std::fabs(h->s.mean - l->s.mean)});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const tornado_row& a, const tornado_row& b) {
        if (a.alternative != b.alternative) return a.alternative < b.alternative;
        return a.swing > b.swing;
    });
    return out;
}

switching_result switching_value(const scenario& sc, const std::string& path, double lo, double hi,
                                 bool baseline_too, const std::string& alternative, const run_options& opts,
                                 const econ_options& econ) {
    switching_result out;
    out.alternative = alternative;
    out.path = path;
    out.lo = lo;
    out.hi = hi;
    std::map<double, sample_summary> seen;  // each value is run once (a fixed function under CRN)
    case_runs runs(sc, opts);
    auto npv = [&](double v) -> const sample_summary& {
        auto it = seen.find(v);
        if (it != seen.end()) return it->second;
        ++out.runs;
        const econ_table rows = runs.headline({{path, v, baseline_too}}, econ);
        const econ_row* r = rows.find(index_of(sc, alternative), measure::npv_diff);
        if (!r) throw std::invalid_argument("alternative '" + alternative + "' has no NPV of the difference");
        return seen.emplace(v, r->s).first->second;
    };
    auto root = [&](auto f) -> std::optional<double> {
        try {
            return find_root(f, lo, hi, 1e-6 * std::max(1.0, std::fabs(hi - lo)), 60);
        } catch (const std::domain_error&) {
            return std::nullopt;
        }
    };
    out.value = root([&](double v) { return npv(v).mean; });
    if (!out.value) {
        out.note = "the NPV of the difference does not change sign between " + number_text(lo) + " and " +
                   number_text(hi) + " (" + number_text(npv(lo).mean) + " and " + number_text(npv(hi).mean) +
                   " SEK): no switching value in that range";
        return out;
    }
    // The values where the CI's bounds cross zero bracket the switching value.
    std::optional<double> a = root([&](double v) { return npv(v).ci_low; });
    std::optional<double> b = root([&](double v) { return npv(v).ci_high; });
    if (a && b) {
        out.ci_low = std::min(*a, *b);
        out.ci_high = std::max(*a, *b);
    } else {
        out.note = "a bound of the 95 % CI does not cross zero in the range: widen it for the interval";
    }
    return out;
}

}  // namespace hemsim
