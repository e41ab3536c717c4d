#include "econ/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "econ/roots.hpp"
#include "engine/random.hpp"
#include "model/loader.hpp"
#include "results/text.hpp"

namespace hemsim {

std::vector<econ_row> headline_rows(const scenario& sc, const scenario_result& res, const econ_options& econ) {
    static const std::set<std::string> wanted{"npv_diff", "diff", "p_saving", "return_per_krona"};
    std::vector<econ_row> out;
    const std::string base = sc.alternatives[sc.baseline_index()].id;
    for (econ_row& r : economics_rows(sc, res, econ))
        if (r.alternative != base && r.payer == all_payers && r.year == "total" && wanted.count(r.measure))
            out.push_back(std::move(r));
    return out;
}

std::vector<double> parse_grid(const std::string& text) {
    std::vector<double> parts;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ':')) {
        try {
            std::size_t used = 0;
            parts.push_back(std::stod(item, &used));
            if (used != item.size()) throw std::invalid_argument("");
        } catch (const std::exception&) {
            throw std::invalid_argument("'" + text + "' is not a grid; write from:to:step, e.g. 3:12:1");
        }
    }
    if (parts.size() == 1) return parts;
    if (parts.size() != 3 || !(parts[2] > 0) || parts[1] < parts[0])
        throw std::invalid_argument("'" + text + "' is not a grid; write from:to:step with from <= to and step > 0");
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

// The headline rows of one run of the case with overrides.
std::vector<econ_row> run_with(const std::filesystem::path& case_file, const std::vector<cli_override>& extra,
                               const run_options& opts, const econ_options& econ) {
    scenario sc = load_scenario(case_file, extra);
    scenario_result res = run_scenario(sc, opts);
    return headline_rows(sc, res, econ);
}

const econ_row* find_row(const std::vector<econ_row>& rows, const std::string& alternative, const std::string& m) {
    for (const econ_row& r : rows)
        if (r.alternative == alternative && r.measure == m) return &r;
    return nullptr;
}

}  // namespace

std::vector<sweep_row> run_sweep(const std::filesystem::path& case_file, const std::vector<sweep_axis>& axes,
                                 const run_options& opts, const econ_options& econ) {
    if (axes.empty() || axes.size() > 2) throw std::invalid_argument("a sweep has one or two --set axes");
    std::vector<sweep_row> out;
    const std::vector<double> none{0};
    const auto& second = axes.size() == 2 ? axes[1].values : none;
    for (double a : axes[0].values)
        for (double b : second) {
            std::vector<cli_override> extra{{axes[0].path, csv_number(a), axes[0].baseline_too}};
            std::vector<double> point{a};
            if (axes.size() == 2) {
                extra.push_back({axes[1].path, csv_number(b), axes[1].baseline_too});
                point.push_back(b);
            }
            for (econ_row& r : run_with(case_file, extra, opts, econ)) out.push_back({point, std::move(r)});
        }
    return out;
}

std::string sweep_csv(const std::vector<sweep_axis>& axes, const std::vector<sweep_row>& rows) {
    std::string out;
    for (const sweep_axis& a : axes) out += csv_field(a.path) + ",";
    out += "alternative,measure,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const sweep_row& r : rows) {
        for (double v : r.point) out += csv_number(v) + ",";
        out += csv_field(r.row.alternative) + "," + csv_field(r.row.measure);
        for (double x : {r.row.s.mean, r.row.s.ci_low, r.row.s.ci_high, r.row.s.p05, r.row.s.p50, r.row.s.p95})
        {
            out += ',';  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "," + std::string&&
            out += csv_number(x);
        }
        out += "\n";
    }
    return out;
}

std::vector<tornado_row> one_way_sensitivity(const std::filesystem::path& case_file, const run_options& opts,
                                             const econ_options& econ, double q_low, double q_high) {
    scenario sc = load_scenario(case_file);
    // The union of uncertain parameters by path (the same path draws the same value everywhere).
    std::map<std::string, uncertain_param> params;
    for (const alternative& a : sc.alternatives)
        for (const uncertain_param& u : a.system.uncertain) params.emplace(u.path, u);
    if (params.empty())
        throw std::invalid_argument(
            "the case has no uncertain parameters: give model values as distributions, e.g. "
            "price_per_day = { triangular = [550, 700, 1500] } (docs/language.md)");
    run_options fixed = opts;
    fixed.fixed_parameters = true;
    std::vector<tornado_row> out;
    const std::string base = sc.alternatives[sc.baseline_index()].id;
    for (const auto& [path, u] : params) {
        double lo = param_quantile(u.dist, q_low), hi = param_quantile(u.dist, q_high);
        auto at = [&](double v) { return run_with(case_file, {{path, csv_number(v), true}}, fixed, econ); };
        std::vector<econ_row> low = at(lo), high = at(hi);
        for (const alternative& a : sc.alternatives) {
            if (a.id == base) continue;
            const econ_row* l = find_row(low, a.id, "npv_diff");
            const econ_row* h = find_row(high, a.id, "npv_diff");
            if (!l || !h) continue;
            tornado_row t{a.id, path, lo, hi, u.mean, l->s, h->s, std::fabs(h->s.mean - l->s.mean)};
            out.push_back(t);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const tornado_row& a, const tornado_row& b) {
        if (a.alternative != b.alternative) return a.alternative < b.alternative;
        return a.swing > b.swing;
    });
    return out;
}

std::string sensitivity_csv(const std::vector<tornado_row>& rows) {
    std::string out =
        "alternative,parameter,mean_value,low_value,high_value,npv_low,npv_low_ci_low,npv_low_ci_high,"
        "npv_high,npv_high_ci_low,npv_high_ci_high,swing\n";
    for (const tornado_row& t : rows) {
        out += csv_field(t.alternative) + "," + csv_field(t.path);
        for (double x : {t.mean_value, t.low_value, t.high_value, t.npv_low.mean, t.npv_low.ci_low,
                         t.npv_low.ci_high, t.npv_high.mean, t.npv_high.ci_low, t.npv_high.ci_high, t.swing})
        {
            out += ',';  // appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "," + std::string&&
            out += csv_number(x);
        }
        out += "\n";
    }
    return out;
}

switching_result switching_value(const std::filesystem::path& case_file, const std::string& path, double lo,
                                 double hi, bool baseline_too, const std::string& alternative,
                                 const run_options& opts, const econ_options& econ) {
    switching_result out;
    out.alternative = alternative;
    out.path = path;
    out.lo = lo;
    out.hi = hi;
    std::map<double, sample_summary> seen;  // each value is run once (a fixed function under CRN)
    auto npv = [&](double v) -> const sample_summary& {
        auto it = seen.find(v);
        if (it != seen.end()) return it->second;
        ++out.runs;
        std::vector<econ_row> rows = run_with(case_file, {{path, csv_number(v), baseline_too}}, opts, econ);
        const econ_row* r = find_row(rows, alternative, "npv_diff");
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
        out.note = "the NPV of the difference does not change sign between " + csv_number(lo) + " and " +
                   csv_number(hi) + " (" + csv_number(npv(lo).mean) + " and " + csv_number(npv(hi).mean) +
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
