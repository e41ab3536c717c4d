#include "econ/economics.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "econ/discount.hpp"
#include "results/summary.hpp"
#include "results/text.hpp"

namespace hemsim {

namespace {

// `x` grouped in thousands, Swedish or English (results/text.hpp's rule).
std::string grouped_number(double x, int decimals, bool sv) {
    return format_number(x, decimals, sv ? language::sv : language::en);
}

// A share as a percentage with at most `decimals` decimals, trailing zeros dropped: 3.5 %, 20 %, 12.5 %.
std::string percent(double share, bool sv, int decimals = 2) {
    std::string s = grouped_number(share * 100, decimals, sv);
    const char dec = sv ? ',' : '.';
    if (s.find(dec) != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == dec) s.pop_back();
    }
    return s + " %";
}

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
    double exits = 0;           // entries into terminal placements over the horizon
    double days = 0;            // person-days in non-terminal placements over the horizon
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

prepared prepare(const scenario& sc, const scenario_result& res, const econ_options& o) {
    check_econ_options(o);
    if (res.alts.size() != sc.alternatives.size())
        throw std::logic_error("economics: " + std::to_string(res.alts.size()) +
                               " alternatives in the results but " + std::to_string(sc.alternatives.size()) +
                               " in the scenario");
    prepared p;
    p.baseline = sc.baseline_index();
    const calendar& cal = res.cal;
    space& sp = p.sp;
    sp.years = cal.year_numbers;
    sp.months = cal.months();
    sp.categories = {"placements", "social_assistance", "staff", "project"};
    for (const alternative_result& ar : res.alts) {
        for (const std::string& c : ar.layout.categories) index_in(sp.categories, c);
        for (const std::string& k : ar.layout.payers) index_in(sp.payers, k);
    }
    for (const std::string& c : sp.categories) sp.classes.push_back(class_of(c));
    p.base_year = o.price_base_year != 0 ? o.price_base_year : (sp.years.empty() ? 0 : sp.years.front());
    p.factors = discount_factors(o.rate, sp.years, p.base_year);
    p.replications = res.alts.empty() ? 0 : res.alts[0].reps.size();

    const std::size_t Y = sp.Y(), M = sp.months;
    p.alts.resize(res.alts.size());
    for (std::size_t a = 0; a < res.alts.size(); ++a) {
        const alternative& alt = sc.alternatives[a];
        const result_layout& l = res.alts[a].layout;
        const std::string who = "economics: alternative '" + alt.id + "'";
        if (res.alts[a].reps.size() != p.replications)
            throw std::logic_error(who + " has " + std::to_string(res.alts[a].reps.size()) +
                                   " replications, the first alternative " + std::to_string(p.replications) +
                                   ": the comparison is paired by replication");
        if (l.years != sp.years)
            throw std::logic_error(who + ": the layout's years differ from the calendar's");
        std::vector<std::size_t> cu, ku;
        for (const std::string& c : l.categories) cu.push_back(index_in(sp.categories, c));
        for (const std::string& k : l.payers) ku.push_back(index_in(sp.payers, k));
        std::vector<char> terminal;
        for (const std::string& id : l.placements) {
            index_t i = alt.system.find_placement(id);
            if (i == no_index) throw std::logic_error(who + ": placement '" + id + "' is not in its model");
            terminal.push_back(alt.system.placements[i].terminal ? 1 : 0);
        }
        const std::size_t P = l.placements.size();
        alt_flows& af = p.alts[a];
        for (std::size_t r = 0; r < p.replications; ++r) {
            const replication_result& rr = res.alts[a].reps[r];
            if (rr.cost.size() != Y * l.C() * l.K() * l.P1() || rr.cost_month.size() != M * l.K() ||
                rr.staff_month.size() != M || rr.project_month.size() != M || rr.exits.size() != P * Y ||
                rr.person_days.size() != P * Y)
                throw std::logic_error(who + ", replication " + std::to_string(r) +
                                       ": the result tables do not fit the layout");
            rep_flows f;
            f.cost.assign(sp.size(), 0.0);
            for (std::size_t y = 0; y < Y; ++y)
                for (std::size_t c = 0; c < l.C(); ++c)
                    for (std::size_t k = 0; k < l.K(); ++k) {
                        double v = 0;
                        for (std::size_t pl = 0; pl < l.P1(); ++pl) v += rr.cost[l.ledger_index(y, c, k, pl)];
                        f.cost[sp.at(y, cu[c], ku[k])] += v;
                    }
            f.month.assign(M, 0.0);
            for (std::size_t m = 0; m < M; ++m)
                for (std::size_t k = 0; k < l.K(); ++k) f.month[m] += rr.cost_month[m * l.K() + k];
            f.staff_month = &rr.staff_month;
            f.project_month = &rr.project_month;
            for (std::size_t pl = 0; pl < P; ++pl)
                for (std::size_t y = 0; y < Y; ++y) {
                    if (terminal[pl])
                        f.exits += rr.exits[pl * Y + y];
                    else
                        f.days += rr.person_days[pl * Y + y];
                }
            af.reps.push_back(std::move(f));
        }
    }
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
    std::string suffix;
    double outcome = 1;
    double project = 1;

    bool none() const { return outcome == 1 && project == 1; }
};

std::vector<adjustment> adjustments(const econ_options& o) {
    std::vector<adjustment> out{{"", 1, 1}};
    if (o.deadweight != 0) out.push_back({"_deadweight", 1 - o.deadweight, 1});
    if (o.optimism_bias != 0) out.push_back({"_optimism", 1, 1 + o.optimism_bias});
    if (o.deadweight != 0 && o.optimism_bias != 0)
        out.push_back({"_deadweight_optimism", 1 - o.deadweight, 1 + o.optimism_bias});
    return out;
}

// One alternative against the nollalternativ, replication by replication.
struct comparison {
    std::vector<std::vector<double>> diff;  // [r][space::at(y, c, k)], adjusted, SEK
    // Per replication, every payer, the whole horizon (SEK unless noted):
    std::vector<double> total, npv, breakeven /*month, NaN = never*/, pv_savings, pv_project, extra_exits,
        days_avoided;
};

comparison compare(const prepared& p, std::size_t a, const adjustment& adj) {
    const space& sp = p.sp;
    const alt_flows& A = p.alts[a];
    const alt_flows& B = p.alts[p.baseline];
    const std::size_t R = p.replications, Y = sp.Y();
    std::vector<std::size_t> all_cats, non_project, project, all_ks;
    for (std::size_t c = 0; c < sp.C(); ++c) {
        all_cats.push_back(c);
        (sp.classes[c] == cost_class::project ? project : non_project).push_back(c);
    }
    for (std::size_t k = 0; k < sp.K(); ++k) all_ks.push_back(k);

    comparison cmp;
    cmp.diff.resize(R);
    for (auto* v : {&cmp.total, &cmp.npv, &cmp.breakeven, &cmp.pv_savings, &cmp.pv_project, &cmp.extra_exits,
                    &cmp.days_avoided})
        v->resize(R);
    for (std::size_t r = 0; r < R; ++r) {
        const rep_flows& x = A.reps[r];
        const rep_flows& b = B.reps[r];
        std::vector<double>& d = cmp.diff[r];
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
        cmp.total[r] = window_sum(sp, d, 0, Y, all_cats, all_ks, nullptr);
        cmp.npv[r] = window_sum(sp, d, 0, Y, all_cats, all_ks, &p.factors);
        cmp.pv_savings[r] = -window_sum(sp, d, 0, Y, non_project, all_ks, &p.factors);
        cmp.pv_project[r] = adj.project * window_sum(sp, x.cost, 0, Y, project, all_ks, &p.factors);

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
        cmp.breakeven[r] = be ? static_cast<double>(*be) : std::nan("");
        cmp.extra_exits[r] = adj.outcome * (x.exits - b.exits);
        cmp.days_avoided[r] = adj.outcome * (b.days - x.days);
    }
    return cmp;
}

// How a measure's interval is formed: shares (p_*) by Wilson, costs and months cut at 0.
quantity_kind kind_of(const std::string& measure) {
    if (measure.rfind("p_", 0) == 0) return quantity_kind::share;
    if (measure.rfind("cost", 0) == 0 || measure.rfind("pv_cost", 0) == 0 || measure.rfind("pv_project", 0) == 0 ||
        measure.rfind("breakeven_month", 0) == 0)
        return measure.rfind("cost_per_", 0) == 0 ? quantity_kind::any : quantity_kind::non_negative;
    return quantity_kind::any;
}

// Appends summarised rows; rows with no defined value are left out, and so are
// category rows that are zero in every replication.
struct row_sink {
    std::vector<econ_row>& rows;

    void add(const std::string& alt, const std::string& payer, const std::string& year,
             const std::string& measure, std::vector<double> xs, bool skip_zero = false) {
        if (skip_zero && std::all_of(xs.begin(), xs.end(), [](double x) { return x == 0; })) return;
        sample_summary s = summarize(std::move(xs), kind_of(measure));
        if (s.n > 0) rows.push_back({alt, payer, year, measure, s});
    }
};

double indicator(bool b) { return b ? 1.0 : 0.0; }

// Payer selections: "all" first, then each payer alone.
struct payer_choice {
    std::string label;
    std::vector<std::size_t> ks;
};

std::vector<payer_choice> payer_choices(const space& sp) {
    std::vector<payer_choice> out(1);
    out[0].label = all_payers;
    for (std::size_t k = 0; k < sp.K(); ++k) {
        out[0].ks.push_back(k);
        out.push_back({sp.payers[k], {k}});
    }
    return out;
}

void cost_rows(const prepared& p, const std::string& alt, std::size_t a, row_sink& out) {
    const space& sp = p.sp;
    const std::size_t R = p.replications, Y = sp.Y();
    std::vector<std::size_t> all_cats;
    for (std::size_t c = 0; c < sp.C(); ++c) all_cats.push_back(c);
    std::vector<double> xs(R);
    for (const payer_choice& pc : payer_choices(sp))
        for (std::size_t yi = 0; yi <= Y; ++yi) {
            const std::size_t y0 = yi == Y ? 0 : yi, y1 = yi == Y ? Y : yi + 1;
            const std::string year = yi == Y ? total_year : std::to_string(sp.years[yi]);
            auto sum = [&](const std::vector<std::size_t>& cats, const std::vector<double>* f) {
                for (std::size_t r = 0; r < R; ++r)
                    xs[r] = window_sum(sp, p.alts[a].reps[r].cost, y0, y1, cats, pc.ks, f);
                return xs;
            };
            out.add(alt, pc.label, year, "cost", sum(all_cats, nullptr));
            for (std::size_t c = 0; c < sp.C(); ++c)
                out.add(alt, pc.label, year, "cost_" + sp.categories[c], sum({c}, nullptr), true);
            out.add(alt, pc.label, year, "pv_cost", sum(all_cats, &p.factors));
        }
}

void comparison_rows(const prepared& p, const econ_options& o, const std::string& alt, std::size_t a,
                     const adjustment& adj, row_sink& out) {
    const space& sp = p.sp;
    const std::size_t R = p.replications, Y = sp.Y();
    const std::string& sfx = adj.suffix;
    const comparison cmp = compare(p, a, adj);
    std::vector<std::size_t> all_cats, cashable, staff;
    for (std::size_t c = 0; c < sp.C(); ++c) {
        all_cats.push_back(c);
        if (sp.classes[c] == cost_class::cashable) cashable.push_back(c);
        if (sp.classes[c] == cost_class::staff) staff.push_back(c);
    }
    std::vector<double> xs(R);
    for (const payer_choice& pc : payer_choices(sp))
        for (std::size_t yi = 0; yi <= Y; ++yi) {
            const std::size_t y0 = yi == Y ? 0 : yi, y1 = yi == Y ? Y : yi + 1;
            const std::string year = yi == Y ? total_year : std::to_string(sp.years[yi]);
            auto sum = [&](const std::vector<std::size_t>& cats, const std::vector<double>* f) {
                for (std::size_t r = 0; r < R; ++r)
                    xs[r] = window_sum(sp, cmp.diff[r], y0, y1, cats, pc.ks, f);
                return xs;
            };
            out.add(alt, pc.label, year, "diff" + sfx, sum(all_cats, nullptr));
            for (std::size_t c = 0; c < sp.C(); ++c)
                out.add(alt, pc.label, year, "diff_" + sp.categories[c] + sfx, sum({c}, nullptr), true);
            out.add(alt, pc.label, year, "diff_cashable" + sfx, sum(cashable, nullptr));
            out.add(alt, pc.label, year, "diff_non_cashable" + sfx, sum(staff, nullptr));
            out.add(alt, pc.label, year, "pv_diff" + sfx, sum(all_cats, &p.factors));
            if (yi == Y) {
                std::vector<double> diff = sum(all_cats, nullptr), pv = sum(all_cats, &p.factors);
                for (std::size_t r = 0; r < R; ++r) xs[r] = indicator(diff[r] < 0);
                out.add(alt, pc.label, year, "p_saving" + sfx, xs);
                for (std::size_t r = 0; r < R; ++r) xs[r] = indicator(pv[r] < 0);
                out.add(alt, pc.label, year, "p_saving_npv" + sfx, xs);
            }
        }

    auto total = [&](const std::string& measure, std::vector<double> v) {
        out.add(alt, all_payers, total_year, measure + sfx, std::move(v));
    };
    auto each = [&](auto f) {
        for (std::size_t r = 0; r < R; ++r) xs[r] = f(r);
        return xs;
    };
    const double mandate = static_cast<double>(o.mandate_months);
    total("npv_diff", cmp.npv);
    total("breakeven_month", cmp.breakeven);
    total("p_breakeven_horizon",
          each([&](std::size_t r) { return indicator(!std::isnan(cmp.breakeven[r])); }));
    // Beyond the horizon nothing was simulated: the mandate period cannot be judged.
    if (o.mandate_months <= static_cast<int>(sp.months))
        total("p_breakeven_mandate", each([&](std::size_t r) { return indicator(cmp.breakeven[r] <= mandate); }));
    total("pv_savings", cmp.pv_savings);
    total("pv_project", cmp.pv_project);
    total("savings_per_krona", each([&](std::size_t r) {
              return cmp.pv_project[r] > 0 ? cmp.pv_savings[r] / cmp.pv_project[r] : std::nan("");
          }));
    total("extra_exits", cmp.extra_exits);
    total("days_avoided", cmp.days_avoided);
    total("net_cost_per_extra_exit", each([&](std::size_t r) {
              return cmp.extra_exits[r] > 0 ? cmp.npv[r] / cmp.extra_exits[r] : std::nan("");
          }));
    total("net_cost_per_day_avoided", each([&](std::size_t r) {
              return cmp.days_avoided[r] > 0 ? cmp.npv[r] / cmp.days_avoided[r] : std::nan("");
          }));
}

}  // namespace

void check_econ_options(const econ_options& o) {
    auto text = [](double x) {
        return csv_number(x).empty() ? std::string("not a number") : csv_number(x);
    };
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

std::vector<econ_row> economics_rows(const scenario& sc, const scenario_result& res, const econ_options& o) {
    const prepared p = prepare(sc, res, o);
    std::vector<econ_row> rows;
    row_sink out{rows};
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        const std::string& id = sc.alternatives[a].id;
        cost_rows(p, id, a, out);
        if (a == p.baseline) continue;
        for (const adjustment& adj : adjustments(o)) comparison_rows(p, o, id, a, adj, out);
    }
    return rows;
}

std::vector<econ_row> headline_rows(const scenario& sc, const scenario_result& res, const econ_options& o) {
    const prepared p = prepare(sc, res, o);
    std::vector<econ_row> rows;
    row_sink out{rows};
    const std::size_t R = p.replications;
    std::vector<double> xs(R);
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        if (a == p.baseline) continue;
        const std::string& id = sc.alternatives[a].id;
        const comparison cmp = compare(p, a, adjustment{"", 1, 1});
        out.add(id, all_payers, total_year, "diff", cmp.total);
        for (std::size_t r = 0; r < R; ++r) xs[r] = cmp.total[r] < 0 ? 1.0 : 0.0;
        out.add(id, all_payers, total_year, "p_saving", xs);
        out.add(id, all_payers, total_year, "npv_diff", cmp.npv);
        for (std::size_t r = 0; r < R; ++r)
            xs[r] = cmp.pv_project[r] > 0 ? cmp.pv_savings[r] / cmp.pv_project[r] : std::nan("");
        out.add(id, all_payers, total_year, "savings_per_krona", xs);
    }
    return rows;
}

std::string economics_csv(const std::vector<econ_row>& rows) {
    std::string out = "alternative,payer,year,measure,mean,ci_low,ci_high,p05,p50,p95\n";
    for (const econ_row& r : rows) {
        out += csv_field(r.alternative) + ',' + csv_field(r.payer) + ',' + csv_field(r.year) + ',' +
               csv_field(r.measure);
        for (double x : {r.s.mean, r.s.ci_low, r.s.ci_high, r.s.p05, r.s.p50, r.s.p95}) {
            out += ',';
            out += csv_number(x);
        }
        out += '\n';
    }
    return out;
}

namespace {

// One unit for an amount and its intervals: mkr with one decimal from a million up, else tkr.
struct money_unit {
    double per = 1e3;
    int decimals = 0;
    const char* name = " tkr";
};

money_unit unit_for(const sample_summary& s) {
    const double big = std::max({std::fabs(s.mean), std::fabs(s.ci_low), std::fabs(s.ci_high), std::fabs(s.p05),
                                 std::fabs(s.p95)});
    return big >= 1e6 ? money_unit{1e6, 1, " mkr"} : money_unit{1e3, 0, " tkr"};
}

// "-15,0 mkr; medelvärdets 95 % konfidensintervall -15,3 till -14,7 mkr; i 90 % av
// de simulerade utfallen mellan -17,1 och -12,9 mkr"
std::string amount_with_spread(const sample_summary& s, language lang) {
    const bool sv = lang == language::sv;
    const money_unit u = unit_for(s);
    auto n = [&](double x) { return format_number(x / u.per, u.decimals, lang); };
    std::string out = n(s.mean) + u.name;
    out += sv ? "; medelvärdets 95 % konfidensintervall " : "; 95 % confidence interval of the mean ";
    out += n(s.ci_low) + (sv ? " till " : " to ") + n(s.ci_high) + u.name;
    out += sv ? "; i 90 % av de simulerade utfallen mellan " : "; in 90 % of the simulated futures between ";
    out += n(s.p05) + (sv ? " och " : " and ") + n(s.p95) + u.name;
    return out;
}

// A share with its Wilson interval: "97 % (95 % KI 93–99 %)".
std::string share_with_interval(double k, double n, language lang) {
    const bool sv = lang == language::sv;
    double lo = 0, hi = 1;
    wilson_interval(k, n, 0.95, lo, hi);
    return percent(k / n, sv, 0) + (sv ? " (95 % KI " : " (95 % CI ") + format_number(lo * 100, 0, lang) + "–" +
           percent(hi, sv, 0) + ")";
}

// The month by which at least half the replications have broken even (never
// counting as later than any month); nullopt when half or more never do.
std::optional<std::size_t> median_breakeven(const std::vector<double>& months) {
    if (months.empty()) return std::nullopt;
    std::vector<double> v = months;
    for (double& x : v)
        if (std::isnan(x)) x = std::numeric_limits<double>::infinity();
    std::sort(v.begin(), v.end());
    double m = v[(v.size() + 1) / 2 - 1];
    if (!std::isfinite(m)) return std::nullopt;
    return static_cast<std::size_t>(m);
}

std::string summary_lines(const scenario& sc, const prepared& p, const econ_options& o, std::size_t a,
                          const adjustment& adj, const std::string& indent, language lang) {
    const bool sv = lang == language::sv;
    const comparison cmp = compare(p, a, adj);
    const std::size_t R = p.replications, M = p.sp.months;
    const double n = static_cast<double>(R);
    std::string out;

    out += indent + (sv ? "Nuvärde av skillnaden: " : "NPV of the difference: ");
    out += amount_with_spread(summarize(cmp.npv), lang);
    out += sv ? " (negativt = billigare än nollalternativet)\n" : " (negative = cheaper than the nollalternativ)\n";

    double within = 0, mandate = 0;
    for (double m : cmp.breakeven) {
        within += !std::isnan(m);
        mandate += m <= static_cast<double>(o.mandate_months);
    }
    out += indent + (sv ? "Återbetalningstid: " : "Payback: ");
    if (std::optional<std::size_t> m = median_breakeven(cmp.breakeven))
        out += (sv ? "månad " : "month ") + std::to_string(*m) + " (" + month_label(sc.start, *m) +
               (sv ? ") i hälften av de simulerade utfallen; " : ") in half the simulated futures; ");
    else
        out += sv ? "inte inom horisonten i hälften av de simulerade utfallen; "
                  : "not within the horizon in half the simulated futures; ";
    out += share_with_interval(within, n, lang);
    out += sv ? " betalar tillbaka inom horisonten (" + std::to_string(M) + " mån); "
              : " pay back within the horizon (" + std::to_string(M) + " months); ";
    if (o.mandate_months <= static_cast<int>(M))
        out += share_with_interval(mandate, n, lang) +
               (sv ? " inom " + std::to_string(o.mandate_months) + " mån\n"
                   : " within " + std::to_string(o.mandate_months) + " months\n");
    else
        out += sv ? "inom en mandatperiod (" + std::to_string(o.mandate_months) +
                        " mån) kan det inte bedömas: horisonten är kortare\n"
                  : "within a mandate period (" + std::to_string(o.mandate_months) +
                        " months) it cannot be judged: the horizon is shorter\n";

    double saving = 0, saving_pv = 0;
    for (std::size_t r = 0; r < R; ++r) {
        saving += cmp.total[r] < 0;
        saving_pv += cmp.npv[r] < 0;
    }
    out += indent + (sv ? "Sannolikhet att kosta mindre än nollalternativet över horisonten: "
                        : "Probability of costing less than the nollalternativ over the horizon: ");
    out += share_with_interval(saving, n, lang);
    out += sv ? "; i nuvärde: " : "; in present value: ";
    out += share_with_interval(saving_pv, n, lang) + "\n";

    std::vector<double> ret(R);
    for (std::size_t r = 0; r < R; ++r)
        ret[r] = cmp.pv_project[r] > 0 ? cmp.pv_savings[r] / cmp.pv_project[r] : std::nan("");
    sample_summary s = summarize(std::move(ret));
    out += indent + (sv ? "Besparing per satsad krona (nytta/kostnad, i nuvärde): "
                        : "Savings per krona invested (benefit-cost ratio, in present value): ");
    if (s.n == 0) {
        out += sv ? "– (ingen projektkostnad)\n" : "– (no project cost)\n";
    } else {
        out += format_number(s.mean, 2, lang) + " kr";
        out += sv ? " (medelvärdets 95 % KI " : " (95 % CI of the mean ";
        out += format_number(s.ci_low, 2, lang) + (sv ? " till " : " to ") + format_number(s.ci_high, 2, lang) + ")";
        out += sv ? "; 1 kr betalar precis projektet\n" : "; 1 kr just pays for the project\n";
    }

    // Per extra exit: a net cost, or a net saving when the difference is negative.
    std::vector<double> per(R);
    for (std::size_t r = 0; r < R; ++r)
        per[r] = cmp.extra_exits[r] > 0 ? cmp.npv[r] / cmp.extra_exits[r] : std::nan("");
    sample_summary e = summarize(std::move(per));
    if (e.n > 0) {
        const bool saves = e.mean < 0;
        out += indent + (sv ? (saves ? "Nettobesparing per extra utflytt (klient som lämnar systemet): "
                                     : "Nettokostnad per extra utflytt (klient som lämnar systemet): ")
                            : (saves ? "Net saving per extra exit (a client leaving the system): "
                                     : "Net cost per extra exit (a client leaving the system): "));
        out += format_number(std::fabs(e.mean), 0, lang) + " kr";
        out += sv ? " (i nuvärde, i de " : " (in present value, in the ";
        out += std::to_string(e.n);
        out += sv ? " utfall med fler utflyttar)\n" : " futures with more exits)\n";
    }
    return out;
}

}  // namespace

std::string economics_summary(const scenario& sc, const scenario_result& res, const econ_options& o,
                              language lang) {
    const bool sv = lang == language::sv;
    const prepared p = prepare(sc, res, o);
    if (p.replications == 0 || sc.alternatives.size() < 2) return "";
    std::string out = sv ? "Ekonomi vid realränta " + percent(o.rate, sv) + " och prisbasår " +
                               std::to_string(p.base_year) + " (diskontering per kalenderår):\n"
                         : "Economics at a real discount rate of " + percent(o.rate, sv) +
                               " and price base year " + std::to_string(p.base_year) +
                               " (discounted by calendar year):\n";
    const alternative& base = sc.alternatives[p.baseline];
    for (std::size_t a = 0; a < sc.alternatives.size(); ++a) {
        if (a == p.baseline) continue;
        out += sc.alternatives[a].name + (sv ? " mot " : " against ") + base.name + ":\n";
        for (const adjustment& adj : adjustments(o)) {
            std::string indent = "  ";
            if (!adj.suffix.empty()) {
                std::string dw = percent(o.deadweight, sv), ob = "+" + percent(o.optimism_bias, sv);
                if (adj.outcome != 1 && adj.project != 1)
                    out +=
                        sv ? "  Med dödvikt " + dw + " och optimismtillägg " + ob + " på projektkostnaden:\n"
                           : "  With deadweight " + dw + " and optimism bias " + ob + " on project costs:\n";
                else if (adj.outcome != 1)
                    out += sv ? "  Med dödvikt " + dw + ":\n" : "  With deadweight " + dw + ":\n";
                else
                    out += sv ? "  Med optimismtillägg " + ob + " på projektkostnaden:\n"
                              : "  With optimism bias " + ob + " on project costs:\n";
                indent = "    ";
            }
            out += summary_lines(sc, p, o, a, adj, indent, lang);
        }
    }
    return out;
}

}  // namespace hemsim
