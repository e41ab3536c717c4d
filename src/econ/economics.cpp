#include "econ/economics.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "econ/discount.hpp"
#include "econ/value_of_information.hpp"
#include "results/summary.hpp"

namespace hemsim {

namespace {

// Where a cost category stands in the comparison.
enum class cost_class { cashable, staff, project };

cost_class class_of(const std::string& category_name) {
    if (category_name == "staff") return cost_class::staff;
    if (category_name == "project") return cost_class::project;
    return cost_class::cashable;
}

std::size_t index_in(std::vector<std::string>& names, const std::string& name) {
    auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
    names.push_back(name);
    return names.size() - 1;
}

// The index space shared by every alternative's tables: categories and payers
// matched by name (an override may add a category), years from the calendar.
struct space {
    std::vector<int> years;
    std::vector<std::string> categories, payers;
    std::vector<cost_class> classes;  // per category
    std::size_t months = 0;

    std::size_t Y() const { return years.size(); }
    std::size_t C() const { return categories.size(); }
    std::size_t K() const { return payers.size(); }
    std::size_t at(std::size_t y, std::size_t c, std::size_t k) const { return (y * C() + c) * K() + k; }
    std::size_t size() const { return Y() * C() * K(); }
};

// One replication of one alternative, in the shared space.
struct rep_flows {
    std::vector<double> cost;   // space::at(year, category, payer), SEK, placements summed
    std::vector<double> month;  // total cost of each month over every payer, SEK
    // The parts of the monthly cash flow the adjustments need apart (every payer).
    const std::vector<double>* staff_month = nullptr;
    const std::vector<double>* project_month = nullptr;
    double exits = 0;  // entries into terminal placements over the horizon
    double days = 0;   // person-days in non-terminal placements over the horizon
};

struct alt_flows {
    std::vector<rep_flows> reps;
};

struct prepared {
    space sp;
    std::vector<alt_flows> alts;
    std::vector<double> factors;  // discount factor per year
    int base_year = 0;
    std::size_t baseline = 0;
    std::size_t replications = 0;
};

// How one alternative's tables map into the shared space.
struct alt_map {
    std::string who;                  // "economics: alternative 'x'", for messages
    std::vector<std::size_t> cu, ku;  // its categories and payers in the space
    std::vector<char> terminal;       // per placement of its layout
};

// The shared space, the discounting and each alternative's map, before any replication.
prepared prepare_space(const scenario& sc, const std::vector<result_layout>& layouts, const calendar& cal,
                       const econ_options& o, std::vector<alt_map>& maps) {
    check_econ_options(o);
    if (layouts.size() != sc.alternatives.size())
        throw std::logic_error("economics: " + std::to_string(layouts.size()) +
                               " alternatives in the results but " + std::to_string(sc.alternatives.size()) +
                               " in the scenario");
    prepared p;
    p.baseline = sc.baseline_index();
    space& sp = p.sp;
    sp.years = cal.year_numbers;
    sp.months = cal.months();
    sp.categories = {"placements", "social_assistance", "staff", "project"};
    for (const result_layout& l : layouts) {
        for (const std::string& c : l.categories) index_in(sp.categories, c);
        for (const std::string& k : l.payers) index_in(sp.payers, k);
    }
    for (const std::string& c : sp.categories) sp.classes.push_back(class_of(c));
    p.base_year = o.price_base_year != 0 ? o.price_base_year : (sp.years.empty() ? 0 : sp.years.front());
    p.factors = discount_factors(o.rate, sp.years, p.base_year);
    p.alts.resize(layouts.size());
    maps.assign(layouts.size(), {});
    for (std::size_t a = 0; a < layouts.size(); ++a) {
        const alternative& alt = sc.alternatives[a];
        const result_layout& l = layouts[a];
        alt_map& mp = maps[a];
        mp.who = "economics: alternative '" + alt.id + "'";
        if (l.years != sp.years)
            throw std::logic_error(mp.who + ": the layout's years differ from the calendar's");
        for (const std::string& c : l.categories) mp.cu.push_back(index_in(sp.categories, c));
        for (const std::string& k : l.payers) mp.ku.push_back(index_in(sp.payers, k));
        for (const std::string& id : l.placements) {
            index_t i = alt.system.find_placement(id);
            if (i == no_index)
                throw std::logic_error(mp.who + ": placement '" + id + "' is not in its model");
            mp.terminal.push_back(alt.system.placements[i].terminal ? 1 : 0);
        }
    }
    return p;
}

// One replication of one alternative in the shared space (`r` names it in messages).
rep_flows flows_of(const space& sp, const result_layout& l, const alt_map& mp, const replication_result& rr,
                   std::size_t r) {
    const std::size_t Y = sp.Y(), M = sp.months, P = l.placements.size();
    if (rr.cost.size() != Y * l.C() * l.K() * l.P1() || rr.cost_month.size() != M * l.K() ||
        rr.staff_month.size() != M || rr.project_month.size() != M || rr.exits.size() != P * Y ||
        rr.person_days.size() != P * Y)
        throw std::logic_error(mp.who + ", replication " + std::to_string(r) +
                               ": the result tables do not fit the layout");
    rep_flows f;
    f.cost.assign(sp.size(), 0.0);
    for (std::size_t y = 0; y < Y; ++y)
        for (std::size_t c = 0; c < l.C(); ++c)
            for (std::size_t k = 0; k < l.K(); ++k) {
                double v = 0;
                for (std::size_t pl = 0; pl < l.P1(); ++pl) v += rr.cost[l.ledger_index(y, c, k, pl)];
                f.cost[sp.at(y, mp.cu[c], mp.ku[k])] += v;
            }
    f.month.assign(M, 0.0);
    for (std::size_t m = 0; m < M; ++m)
        for (std::size_t k = 0; k < l.K(); ++k) f.month[m] += rr.cost_month[m * l.K() + k];
    f.staff_month = &rr.staff_month;
    f.project_month = &rr.project_month;
    for (std::size_t pl = 0; pl < P; ++pl)
        for (std::size_t y = 0; y < Y; ++y) {
            if (mp.terminal[pl])
                f.exits += rr.exits[pl * Y + y];
            else
                f.days += rr.person_days[pl * Y + y];
        }
    return f;
}

// The layouts of a run held in memory.
std::vector<result_layout> layouts_of(const scenario_result& res) {
    std::vector<result_layout> out;
    for (const alternative_result& ar : res.alts) out.push_back(ar.layout);
    return out;
}

// Every replication paired across the alternatives: throws std::logic_error when
// the alternatives have different numbers of replications.
std::size_t paired_replications(const scenario& sc, const scenario_result& res) {
    const std::size_t R = res.alts.empty() ? 0 : res.alts[0].reps.size();
    for (std::size_t a = 0; a < res.alts.size(); ++a)
        if (res.alts[a].reps.size() != R)
            throw std::logic_error("economics: alternative '" + sc.alternatives[a].id + "' has " +
                                   std::to_string(res.alts[a].reps.size()) +
                                   " replications, the first alternative " + std::to_string(R) +
                                   ": the comparison is paired by replication");
    return R;
}

prepared prepare(const scenario& sc, const scenario_result& res, const econ_options& o) {
    std::vector<alt_map> maps;
    prepared p = prepare_space(sc, layouts_of(res), res.cal, o, maps);
    p.replications = paired_replications(sc, res);
    for (std::size_t a = 0; a < res.alts.size(); ++a)
        for (std::size_t r = 0; r < p.replications; ++r)
            p.alts[a].reps.push_back(flows_of(p.sp, res.alts[a].layout, maps[a], res.alts[a].reps[r], r));
    return p;
}

// Sum of `cube` over years [y0, y1), the categories in `cats` and the payers in
// `ks`, each year's sum times its discount factor when `factors` is given. One
// summation order everywhere, so that equal quantities print equal bytes.
double window_sum(const space& sp, const std::vector<double>& cube, std::size_t y0, std::size_t y1,
                  const std::vector<std::size_t>& cats, const std::vector<std::size_t>& ks,
                  const std::vector<double>* factors) {
    double total = 0;
    for (std::size_t y = y0; y < y1; ++y) {
        double s = 0;
        for (std::size_t c : cats)
            for (std::size_t k : ks) s += cube[sp.at(y, c, k)];
        total += factors ? (*factors)[y] * s : s;
    }
    return total;
}

// An adjustment of the comparison: factors on the outcome-driven differences
// (cashable costs, exits, days: 1 - deadweight) and on project costs (1 + optimism bias).
struct adjustment {
    adjustment_kind kind = adjustment_kind::none;
    double outcome = 1;
    double project = 1;

    bool none() const { return outcome == 1 && project == 1; }
};

std::vector<adjustment> adjustments(const econ_options& o) {
    std::vector<adjustment> out{{adjustment_kind::none, 1, 1}};
    if (o.deadweight != 0) out.push_back({adjustment_kind::deadweight, 1 - o.deadweight, 1});
    if (o.optimism_bias != 0) out.push_back({adjustment_kind::optimism, 1, 1 + o.optimism_bias});
    if (o.deadweight != 0 && o.optimism_bias != 0)
        out.push_back({adjustment_kind::deadweight_optimism, 1 - o.deadweight, 1 + o.optimism_bias});
    return out;
}

// One replication of an alternative against the nollalternativ's.
struct rep_comparison {
    std::vector<double> diff;  // space::at(y, c, k), adjusted, SEK
    // Every payer, the whole horizon (SEK unless noted):
    double total = 0, npv = 0, breakeven = 0 /*month, NaN = never*/, pv_savings = 0, pv_project = 0,
           extra_exits = 0, days_avoided = 0;
};

rep_comparison compare_rep(const prepared& p, const rep_flows& x, const rep_flows& b, const adjustment& adj) {
    const space& sp = p.sp;
    const std::size_t Y = sp.Y();
    std::vector<std::size_t> all_cats, non_project, project, all_ks;
    for (std::size_t c = 0; c < sp.C(); ++c) {
        all_cats.push_back(c);
        (sp.classes[c] == cost_class::project ? project : non_project).push_back(c);
    }
    for (std::size_t k = 0; k < sp.K(); ++k) all_ks.push_back(k);

    rep_comparison cmp;
    std::vector<double>& d = cmp.diff;
    d.resize(sp.size());
    for (std::size_t y = 0; y < Y; ++y)
        for (std::size_t c = 0; c < sp.C(); ++c) {
            const double f = sp.classes[c] == cost_class::project    ? adj.project
                             : sp.classes[c] == cost_class::cashable ? adj.outcome
                                                                     : 1.0;
            for (std::size_t k = 0; k < sp.K(); ++k) {
                std::size_t i = sp.at(y, c, k);
                d[i] = f * (x.cost[i] - b.cost[i]);
            }
        }
    cmp.total = window_sum(sp, d, 0, Y, all_cats, all_ks, nullptr);
    cmp.npv = window_sum(sp, d, 0, Y, all_cats, all_ks, &p.factors);
    cmp.pv_savings = -window_sum(sp, d, 0, Y, non_project, all_ks, &p.factors);
    cmp.pv_project = adj.project * window_sum(sp, x.cost, 0, Y, project, all_ks, &p.factors);

    std::vector<double> monthly(sp.months);
    for (std::size_t m = 0; m < sp.months; ++m) {
        double dm = x.month[m] - b.month[m];
        if (!adj.none()) {
            // Split the month's total into project, staff and the outcome-driven rest.
            double pm = (*x.project_month)[m] - (*b.project_month)[m];
            double sm = (*x.staff_month)[m] - (*b.staff_month)[m];
            double fm = dm - pm - sm;
            dm += (adj.project - 1) * pm + (adj.outcome - 1) * fm;
        }
        monthly[m] = dm;
    }
    std::optional<std::size_t> be = breakeven_month(monthly);
    cmp.breakeven = be ? static_cast<double>(*be) : std::nan("");
    cmp.extra_exits = adj.outcome * (x.exits - b.exits);
    cmp.days_avoided = adj.outcome * (b.days - x.days);
    return cmp;
}

// Appends one replication's comparison to the samples.
void add_sample(comparison_samples& c, const rep_comparison& x) {
    c.total.push_back(x.total);
    c.npv.push_back(x.npv);
    c.breakeven.push_back(x.breakeven);
    c.pv_savings.push_back(x.pv_savings);
    c.pv_project.push_back(x.pv_project);
    c.extra_exits.push_back(x.extra_exits);
    c.days_avoided.push_back(x.days_avoided);
}

// One alternative against the nollalternativ, replication by replication.
std::vector<rep_comparison> compare(const prepared& p, std::size_t a, const adjustment& adj) {
    std::vector<rep_comparison> out;
    for (std::size_t r = 0; r < p.replications; ++r)
        out.push_back(compare_rep(p, p.alts[a].reps[r], p.alts[p.baseline].reps[r], adj));
    return out;
}

// How a measure's interval is formed: shares by Wilson, costs and months cut at 0.
quantity_kind kind_of(measure m) {
    switch (m) {
    case measure::p_saving:
    case measure::p_saving_npv:
    case measure::p_breakeven_horizon:
    case measure::p_breakeven_mandate: return quantity_kind::share;
    case measure::cost:
    case measure::cost_category:
    case measure::pv_cost:
    case measure::pv_project:
    case measure::breakeven_month:
    case measure::evpi:
    case measure::evppi: return quantity_kind::non_negative;
    default: return quantity_kind::any;
    }
}

// Appends summarised rows; rows with no defined value are left out, and so are
// category rows that are zero in every replication.
struct row_sink {
    std::vector<econ_row>& rows;

    void add(std::size_t alt, std::size_t payer, std::size_t year, measure m, adjustment_kind adj,
             std::size_t category, std::vector<double> xs, bool skip_zero = false) {
        if (skip_zero && std::all_of(xs.begin(), xs.end(), [](double x) { return x == 0; })) return;
        sample_summary s = summarize(std::move(xs), kind_of(m));
        if (s.n > 0) rows.push_back({alt, payer, year, m, adj, category, s});
    }
};

double share_of(bool b) { return b ? 1.0 : 0.0; }

// Payer selections: every payer first, then each payer alone.
struct payer_choice {
    std::size_t payer;
    std::vector<std::size_t> ks;
};

std::vector<payer_choice> payer_choices(const space& sp) {
    std::vector<payer_choice> out(1);
    out[0].payer = every_payer;
    for (std::size_t k = 0; k < sp.K(); ++k) {
        out[0].ks.push_back(k);
        out.push_back({k, {k}});
    }
    return out;
}

// What the rows of one replication set are computed from: each alternative's
// flows and each comparison of the set, filled before the rows take their values.
struct set_scratch {
    std::vector<rep_flows> flows;  // per alternative
    std::vector<std::vector<rep_comparison>>
        cmp;  // per alternative (empty for the nollalternativ), adjustment
};

using econ_rows = streamed_rows<econ_row>;

// Every row of economics.csv's cost part for alternative `a`: per payer choice and year.
void lay_cost_rows(const prepared& p, std::size_t a, const set_scratch* sx, econ_rows& rows) {
    const space* sp = &p.sp;
    const std::vector<double>* factors = &p.factors;
    const std::size_t Y = sp->Y();
    std::vector<std::size_t> all_cats;
    for (std::size_t c = 0; c < sp->C(); ++c) all_cats.push_back(c);
    const auto none = adjustment_kind::none;
    for (const payer_choice& pc : payer_choices(*sp))
        for (std::size_t yi = 0; yi <= Y; ++yi) {
            const std::size_t y0 = yi == Y ? 0 : yi, y1 = yi == Y ? Y : yi + 1;
            const std::size_t year = yi == Y ? whole_horizon : yi;
            auto sum = [=, ks = pc.ks](std::vector<std::size_t> cats, const std::vector<double>* f) {
                return [=](const replication_set&) {
                    return window_sum(*sp, sx->flows[a].cost, y0, y1, cats, ks, f);
                };
            };
            rows.push({a, pc.payer, year, measure::cost, none, 0, {}}, kind_of(measure::cost),
                      sum(all_cats, nullptr));
            for (std::size_t c = 0; c < sp->C(); ++c)
                rows.push({a, pc.payer, year, measure::cost_category, none, c, {}},
                          kind_of(measure::cost_category), sum({c}, nullptr));
            rows.push({a, pc.payer, year, measure::pv_cost, none, 0, {}}, kind_of(measure::pv_cost),
                      sum(all_cats, factors));
        }
}

// Every comparison row of alternative `a` under its adjustment number `j`.
void lay_comparison_rows(const prepared& p, const econ_options& o, std::size_t a, std::size_t j,
                         const adjustment& adj, const set_scratch* sx, econ_rows& rows) {
    const space* sp = &p.sp;
    const std::vector<double>* factors = &p.factors;
    const std::size_t Y = sp->Y();
    const adjustment_kind k = adj.kind;
    std::vector<std::size_t> all_cats, cashable, staff;
    for (std::size_t c = 0; c < sp->C(); ++c) {
        all_cats.push_back(c);
        if (sp->classes[c] == cost_class::cashable) cashable.push_back(c);
        if (sp->classes[c] == cost_class::staff) staff.push_back(c);
    }
    auto cmp = [=]() -> const rep_comparison& { return sx->cmp[a][j]; };
    for (const payer_choice& pc : payer_choices(*sp))
        for (std::size_t yi = 0; yi <= Y; ++yi) {
            const std::size_t y0 = yi == Y ? 0 : yi, y1 = yi == Y ? Y : yi + 1;
            const std::size_t year = yi == Y ? whole_horizon : yi;
            auto sum = [=, ks = pc.ks](std::vector<std::size_t> cats, const std::vector<double>* f) {
                return
                    [=](const replication_set&) { return window_sum(*sp, cmp().diff, y0, y1, cats, ks, f); };
            };
            auto row = [&](measure m, std::size_t category, econ_rows::value_fn f) {
                rows.push({a, pc.payer, year, m, k, category, {}}, kind_of(m), std::move(f));
            };
            if (pc.payer == every_payer && yi == Y)
                rows.push({a, pc.payer, year, measure::diff, k, 0, {}}, kind_of(measure::diff),
                          sum(all_cats, nullptr), 0);
            else
                row(measure::diff, 0, sum(all_cats, nullptr));
            for (std::size_t c = 0; c < sp->C(); ++c) row(measure::diff_category, c, sum({c}, nullptr));
            row(measure::diff_cashable, 0, sum(cashable, nullptr));
            row(measure::diff_non_cashable, 0, sum(staff, nullptr));
            row(measure::pv_diff, 0, sum(all_cats, factors));
            if (yi == Y) {
                auto diff = sum(all_cats, nullptr), pv = sum(all_cats, factors);
                row(measure::p_saving, 0, [=](const replication_set& s) { return share_of(diff(s) < 0); });
                row(measure::p_saving_npv, 0, [=](const replication_set& s) { return share_of(pv(s) < 0); });
            }
        }

    // The headline's distributions (the difference, its NPV, the payback month)
    // keep every replication: their percentiles are exact at any size.
    auto total = [&](measure m, std::function<double(const rep_comparison&)> f) {
        const bool headline = m == measure::npv_diff || m == measure::breakeven_month;
        rows.push(
            {a, every_payer, whole_horizon, m, k, 0, {}}, kind_of(m),
            [=](const replication_set&) { return f(cmp()); }, headline ? 0 : sample_cap);
    };
    const double mandate = static_cast<double>(o.mandate_months);
    total(measure::npv_diff, [](const rep_comparison& c) { return c.npv; });
    total(measure::breakeven_month, [](const rep_comparison& c) { return c.breakeven; });
    total(measure::p_breakeven_horizon,
          [](const rep_comparison& c) { return share_of(!std::isnan(c.breakeven)); });
    // Beyond the horizon nothing was simulated: the mandate period cannot be judged.
    if (o.mandate_months <= static_cast<int>(sp->months))
        total(measure::p_breakeven_mandate,
              [mandate](const rep_comparison& c) { return share_of(c.breakeven <= mandate); });
    total(measure::pv_savings, [](const rep_comparison& c) { return c.pv_savings; });
    total(measure::pv_project, [](const rep_comparison& c) { return c.pv_project; });
    total(measure::savings_per_krona, [](const rep_comparison& c) {
        return c.pv_project > 0 ? c.pv_savings / c.pv_project : std::nan("");
    });
    total(measure::extra_exits, [](const rep_comparison& c) { return c.extra_exits; });
    total(measure::days_avoided, [](const rep_comparison& c) { return c.days_avoided; });
    total(measure::net_cost_per_extra_exit,
          [](const rep_comparison& c) { return c.extra_exits > 0 ? c.npv / c.extra_exits : std::nan(""); });
    total(measure::net_cost_per_day_avoided,
          [](const rep_comparison& c) { return c.days_avoided > 0 ? c.npv / c.days_avoided : std::nan(""); });
}

}  // namespace

void check_econ_options(const econ_options& o) {
    auto text = [](double x) { return number_text(x); };
    if (!std::isfinite(o.rate) || o.rate <= -1 || o.rate > 1)
        throw std::invalid_argument(
            "discount rate: must be a number above -1 and at most 1 (0.035 for 3.5 %), got " + text(o.rate));
    if (!(o.deadweight >= 0 && o.deadweight <= 1))
        throw std::invalid_argument("deadweight: must be a share in [0, 1] (0.2 for 20 %), got " +
                                    text(o.deadweight));
    if (!std::isfinite(o.optimism_bias) || o.optimism_bias < 0)
        throw std::invalid_argument("optimism bias: must be 0 or more (0.2 for +20 %), got " +
                                    text(o.optimism_bias));
    if (o.mandate_months < 1)
        throw std::invalid_argument("mandate period: must be at least 1 month, got " +
                                    std::to_string(o.mandate_months));
}

std::optional<std::size_t> breakeven_month(const std::vector<double>& monthly_diff) {
    const std::size_t M = monthly_diff.size();
    std::vector<double> cum(M);
    double c = 0;
    for (std::size_t m = 0; m < M; ++m) cum[m] = c += monthly_diff[m];
    // Walk back from the horizon over the months that end at or below zero.
    std::size_t i = M;
    while (i > 0 && cum[i - 1] <= 0) --i;
    if (i == M) return std::nullopt;
    return i + 1;
}

std::string month_label(const date& start, std::size_t m) {
    using namespace std::chrono;
    year_month ym = year_month{start.year(), start.month()} + months{static_cast<int>(m) - 1};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ym.year()),
                  static_cast<unsigned>(ym.month()));
    return buf;
}

namespace {

// The value of knowing more before deciding between alternative `a` and the
// nollalternativ on the NPV of cost (value_of_information.hpp): every input
// drawn for the alternative together, and each alone, from each replication's
// unadjusted npv_diff and drawn inputs x[input][replication]. Only for inputs
// that vary in the sample (without any, the futures differ by chance alone,
// which no study removes: no rows).
void information_rows(std::size_t a, const std::vector<double>& npv,
                      const std::vector<std::vector<double>>& x, row_sink& out) {
    std::vector<std::size_t> varying;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (std::any_of(x[i].begin(), x[i].end(), [&](double v) { return v != x[i][0]; }))
            varying.push_back(i);
    if (varying.empty()) return;
    const auto none = adjustment_kind::none;
    out.add(a, every_payer, whole_horizon, measure::evpi, none, 0, evpi_losses(npv, x));
    for (std::size_t i : varying)
        out.add(a, every_payer, whole_horizon, measure::evppi, none, i, evppi_losses(npv, x[i]));
}

econ_table table_of(const scenario& sc, const prepared& p, std::vector<econ_row> rows) {
    econ_table t;
    for (const alternative& a : sc.alternatives) t.alternatives.push_back(a.id);
    t.payers = p.sp.payers;
    t.categories = p.sp.categories;
    t.years = p.sp.years;
    t.rows = std::move(rows);
    return t;
}

}  // namespace

const econ_row* econ_table::find(std::size_t alternative, hemsim::measure m, std::size_t payer,
                                 std::size_t year, adjustment_kind adj, std::size_t category) const {
    for (const econ_row& r : rows)
        if (r.alternative == alternative && r.measure == m && r.payer == payer && r.year == year &&
            r.adjustment == adj && r.category == category)
            return &r;
    return nullptr;
}

std::string measure_name(hemsim::measure m, adjustment_kind adj, const std::string& category) {
    static const char* const names[] = {"cost",
                                        "cost_",
                                        "pv_cost",
                                        "diff",
                                        "diff_",
                                        "diff_cashable",
                                        "diff_non_cashable",
                                        "pv_diff",
                                        "p_saving",
                                        "p_saving_npv",
                                        "npv_diff",
                                        "breakeven_month",
                                        "p_breakeven_horizon",
                                        "p_breakeven_mandate",
                                        "pv_savings",
                                        "pv_project",
                                        "savings_per_krona",
                                        "extra_exits",
                                        "days_avoided",
                                        "net_cost_per_extra_exit",
                                        "net_cost_per_day_avoided",
                                        "evpi",
                                        "evppi:"};
    std::string out = names[static_cast<int>(m)];
    if (m == measure::cost_category || m == measure::diff_category || m == measure::evppi) out += category;
    switch (adj) {
    case adjustment_kind::none: break;
    case adjustment_kind::deadweight: out += "_deadweight"; break;
    case adjustment_kind::optimism: out += "_optimism"; break;
    case adjustment_kind::deadweight_optimism: out += "_deadweight_optimism"; break;
    }
    return out;
}

std::string econ_table::measure_name(const econ_row& r) const {
    if (r.measure == measure::evppi)
        return hemsim::measure_name(r.measure, r.adjustment, inputs[r.alternative][r.category]);
    const bool by_category = r.measure == measure::cost_category || r.measure == measure::diff_category;
    return hemsim::measure_name(r.measure, r.adjustment, by_category ? categories[r.category] : "");
}

std::string econ_table::payer_label(const econ_row& r) const {
    return r.payer == every_payer ? std::string("all") : payers[r.payer];
}

std::string econ_table::year_label(const econ_row& r) const {
    return r.year == whole_horizon ? std::string(total_year) : std::to_string(years[r.year]);
}

struct economics_builder::state {
    const scenario* sc = nullptr;
    prepared p;
    std::vector<alt_map> maps;
    std::vector<result_layout> layouts;
    std::vector<adjustment> adjs;
    set_scratch sx;
    econ_rows rows;
    std::vector<std::vector<std::string>> paths;  // per alternative: its uncertain inputs
    bool information = false;                     // some alternative has inputs drawn
    // Per alternative with inputs: the drawn inputs of each replication.
    std::vector<std::vector<std::vector<double>>> params;  // [alternative][input][replication]
    std::vector<comparison_samples> samples;               // every comparison, as comparisons() gives them
};

economics_builder::economics_builder(const scenario& sc, const scenario_result& shape, const econ_options& o)
    : st_(std::make_unique<state>()) {
    state& st = *st_;
    st.sc = &sc;
    st.layouts = layouts_of(shape);
    st.p = prepare_space(sc, st.layouts, shape.cal, o, st.maps);
    st.adjs = adjustments(o);
    const std::size_t A = st.layouts.size();
    st.sx.flows.resize(A);
    st.sx.cmp.resize(A);
    st.params.resize(A);
    for (std::size_t a = 0; a < A; ++a) {
        st.paths.push_back(shape.alts[a].param_paths);
        lay_cost_rows(st.p, a, &st.sx, st.rows);
        if (a == st.p.baseline) continue;
        st.sx.cmp[a].resize(st.adjs.size());
        for (std::size_t j = 0; j < st.adjs.size(); ++j) {
            lay_comparison_rows(st.p, o, a, j, st.adjs[j], &st.sx, st.rows);
            st.samples.push_back({});
            st.samples.back().alternative = a;
            st.samples.back().adjustment = st.adjs[j].kind;
        }
        if (!st.paths[a].empty() && !shape.fixed_parameters) st.params[a].resize(st.paths[a].size());
    }
}

economics_builder::~economics_builder() = default;

void economics_builder::add(const replication_set& rep) {
    state& st = *st_;
    const std::size_t r = st.p.replications++;
    for (std::size_t a = 0; a < rep.size(); ++a)
        st.sx.flows[a] = flows_of(st.p.sp, st.layouts[a], st.maps[a], *rep[a], r);
    const rep_flows& b = st.sx.flows[st.p.baseline];
    std::size_t sample = 0;
    for (std::size_t a = 0; a < rep.size(); ++a) {
        for (std::size_t j = 0; j < st.sx.cmp[a].size(); ++j) {
            const rep_comparison& x = st.sx.cmp[a][j] = compare_rep(st.p, st.sx.flows[a], b, st.adjs[j]);
            add_sample(st.samples[sample++], x);
        }
        if (st.params[a].empty()) continue;
        for (std::size_t i = 0; i < st.params[a].size(); ++i) st.params[a][i].push_back(rep[a]->params[i]);
    }
    st.rows.add(rep);
}

econ_table economics_builder::finish() const {
    const state& st = *st_;
    // Category rows that are zero in every replication are left out, and rows with no defined value.
    const std::vector<econ_row> laid =
        st.rows.summaries([](const econ_row& k, const sample_accumulator& acc) {
            const bool by_category =
                k.measure == measure::cost_category || k.measure == measure::diff_category;
            return acc.count() == 0 || (by_category && acc.all_zero());
        });
    std::vector<econ_row> rows;
    row_sink out{rows};
    for (std::size_t a = 0; a < st.layouts.size(); ++a) {
        for (const econ_row& r : laid)
            if (r.alternative == a) rows.push_back(r);
        if (st.params[a].empty()) continue;
        for (const comparison_samples& c : st.samples)  // the unadjusted npv_diff of every replication
            if (c.alternative == a && c.adjustment == adjustment_kind::none)
                information_rows(a, c.npv, st.params[a], out);
    }
    econ_table t = table_of(*st.sc, st.p, std::move(rows));
    t.inputs = st.paths;
    return t;
}

std::vector<comparison_samples> economics_builder::comparisons() const { return st_->samples; }

int economics_builder::base_year() const { return st_->p.base_year; }

econ_table economics_rows(const scenario& sc, const scenario_result& res, const econ_options& o) {
    paired_replications(sc, res);
    economics_builder b(sc, res, o);
    feed(res, b);
    return b.finish();
}

econ_table headline_rows(const scenario& sc, const scenario_result& res, const econ_options& o) {
    const prepared p = prepare(sc, res, o);
    std::vector<econ_row> rows;
    row_sink out{rows};
    const std::size_t R = p.replications;
    const auto none = adjustment_kind::none;
    std::vector<double> xs(R);
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        if (a == p.baseline) continue;
        const std::vector<rep_comparison> cmp = compare(p, a, adjustment{});
        auto each = [&](auto f) {
            for (std::size_t r = 0; r < R; ++r) xs[r] = f(cmp[r]);
            return xs;
        };
        out.add(a, every_payer, whole_horizon, measure::diff, none, 0,
                each([](const rep_comparison& c) { return c.total; }));
        out.add(a, every_payer, whole_horizon, measure::p_saving, none, 0,
                each([](const rep_comparison& c) { return share_of(c.total < 0); }));
        out.add(a, every_payer, whole_horizon, measure::npv_diff, none, 0,
                each([](const rep_comparison& c) { return c.npv; }));
        out.add(a, every_payer, whole_horizon, measure::savings_per_krona, none, 0,
                each([](const rep_comparison& c) {
                    return c.pv_project > 0 ? c.pv_savings / c.pv_project : std::nan("");
                }));
    }
    return table_of(sc, p, std::move(rows));
}

std::vector<comparison_samples> comparisons(const scenario& sc, const scenario_result& res,
                                            const econ_options& o, int* base_year) {
    const prepared p = prepare(sc, res, o);
    if (base_year) *base_year = p.base_year;
    std::vector<comparison_samples> out;
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        if (a == p.baseline) continue;
        for (const adjustment& adj : adjustments(o)) {
            comparison_samples c;
            c.alternative = a;
            c.adjustment = adj.kind;
            for (const rep_comparison& x : compare(p, a, adj)) add_sample(c, x);
            out.push_back(std::move(c));
        }
    }
    return out;
}

}  // namespace hemsim
