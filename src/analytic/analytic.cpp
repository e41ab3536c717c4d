#include "analytic/analytic.hpp"

#include <Eigen/Dense>
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>
#include <algorithm>
#include <bit>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <numbers>
#include <stdexcept>
#include <tuple>

#include "model/distribution.hpp"

namespace hemsim {

const analytic_entry* analytic_result::entry(index_t placement) const {
    for (const analytic_entry& e : entries)
        if (e.placement == placement) return &e;
    return nullptr;
}

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
// Probabilities below this are treated as zero when deciding whether a client
// can end somewhere (a stuck placement, a closed loop).
constexpr double tiny = 1e-12;
constexpr std::size_t max_states = 200000;

double per_day(bool per_month, const schedule& month, const schedule& day) {
    return per_month ? month.initial * 12.0 / 365.0 : day.initial;
}

// A state of the embedded chain: a client at the start of a stay.
struct state_key {
    index_t placement;
    std::uint64_t attrs, flags;
    bool operator<(const state_key& o) const {
        return std::tie(placement, attrs, flags) < std::tie(o.placement, o.attrs, o.flags);
    }
};

// A move out of a state: into another state, or out through a terminal placement.
struct edge {
    std::size_t to;          // state index, or no_state for an exit
    index_t exit_placement;  // the terminal placement when to == no_state
    double p;
};
constexpr std::size_t no_state = static_cast<std::size_t>(-1);

// Attribute values of `bits` (a list of attribute numbers) with their probabilities;
// zero-probability combinations are left out.
std::vector<std::pair<std::uint64_t, double>> combinations(const std::vector<index_t>& bits,
                                                           const std::vector<double>& prob) {
    std::vector<std::pair<std::uint64_t, double>> out{{0, 1.0}};
    for (index_t a : bits) {
        std::vector<std::pair<std::uint64_t, double>> next;
        double p = prob[a];
        for (auto [mask, q] : out) {
            if (p > 0) next.push_back({mask | (1ull << a), q * p});
            if (p < 1) next.push_back({mask, q * (1 - p)});
        }
        out = std::move(next);
    }
    return out;
}

// --- Stays cut short by a maximum stay -------------------------------------
// A placement's maximum stay moves a client still there after `m` days: the
// chain then needs P(stay >= m) and E[min(stay, m)], not only the mean.

// 1 - Phi(z), the standard normal upper tail.
double upper_tail(double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); }

double normal_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2.0 * std::numbers::pi); }

// The regularized lower incomplete gamma function P(s, x) (series below s + 1,
// continued fraction above; Numerical Recipes' gser/gcf).
double gamma_p(double s, double x) {
    if (x <= 0) return 0.0;
    const double log_front = s * std::log(x) - x - std::lgamma(s);
    if (x < s + 1) {
        double term = 1.0 / s, sum = term;
        for (int n = 1; n < 10000 && std::fabs(term) > std::fabs(sum) * 1e-16; ++n) {
            term *= x / (s + n);
            sum += term;
        }
        return std::min(1.0, sum * std::exp(log_front));
    }
    const double small = 1e-300;
    double b = x + 1 - s, c = 1 / small, d = 1 / b, h = d;
    for (int i = 1; i < 10000; ++i) {
        const double an = -i * (i - s);
        b += 2;
        d = an * d + b;
        if (std::fabs(d) < small) d = small;
        c = b + an / c;
        if (std::fabs(c) < small) c = small;
        d = 1 / d;
        const double delta = d * c;
        h *= delta;
        if (std::fabs(delta - 1) < 1e-16) break;
    }
    return std::max(0.0, 1.0 - std::exp(log_front) * h);
}

// A distribution as the simulator samples it; degenerate parameters become a fixed value.
distribution as_sampled(const distribution& d) {
    auto fixed = [](double v) { return distribution{dist_kind::fixed, v, 0, 0}; };
    switch (d.kind) {
        case dist_kind::fixed:
            return d;
        case dist_kind::exponential:
            return d.a > 0 ? d : fixed(0);
        case dist_kind::uniform:
            return d.b > d.a ? d : fixed(d.a);
        case dist_kind::triangular:
            return d.b > d.a ? d : fixed(d.a);
        case dist_kind::normal:
            return d.b > 0 ? d : fixed(std::max(0.0, d.a));
        case dist_kind::lognormal:
        case dist_kind::gamma:
            return d.b > 0 && d.a > 0 ? d : fixed(d.a);
    }
    return d;
}

// P(D <= x) for x >= 0 (a fixed value counts as reached at x itself).
double cdf(const distribution& raw, double x) {
    const distribution d = as_sampled(raw);
    if (x < 0) return 0.0;
    switch (d.kind) {
        case dist_kind::fixed:
            return d.a <= x ? 1.0 : 0.0;
        case dist_kind::exponential:
            return -std::expm1(-x / d.a);
        case dist_kind::uniform:
            return std::clamp((x - d.a) / (d.b - d.a), 0.0, 1.0);
        case dist_kind::triangular: {
            const double a = d.a, b = d.b, c = d.c;
            if (x <= a) return 0.0;
            if (x >= b) return 1.0;
            if (x <= c) return (x - a) * (x - a) / ((b - a) * (c - a));
            return 1.0 - (b - x) * (b - x) / ((b - a) * (b - c));
        }
        case dist_kind::normal: {
            const double tail0 = upper_tail(-d.a / d.b);
            return 1.0 - upper_tail((x - d.a) / d.b) / tail0;
        }
        case dist_kind::lognormal: {
            if (x <= 0) return 0.0;
            const double s2 = std::log1p(d.b * d.b / (d.a * d.a)), sigma = std::sqrt(s2);
            const double mu = std::log(d.a) - s2 / 2;
            return 1.0 - upper_tail((std::log(x) - mu) / sigma);
        }
        case dist_kind::gamma: {
            const double shape = d.a * d.a / (d.b * d.b);
            return gamma_p(shape, x * shape / d.a);
        }
    }
    return 0.0;
}

// E[min(D, m)] for m > 0, in closed form for every kind.
double mean_min(const distribution& raw, double m) {
    const distribution d = as_sampled(raw);
    switch (d.kind) {
        case dist_kind::fixed:
            return std::min(d.a, m);
        case dist_kind::exponential:
            return -d.a * std::expm1(-m / d.a);
        case dist_kind::uniform: {
            // m minus the integral of the CDF over [0, m].
            const double a = d.a, b = d.b;
            if (m <= a) return m;
            if (m <= b) return m - (m - a) * (m - a) / (2 * (b - a));
            return m - (b - a) / 2 - (m - b);
        }
        case dist_kind::triangular: {
            const double a = d.a, b = d.b, c = d.c;
            if (m <= a) return m;
            const double y = std::min(m, b);
            double integral;  // of the CDF over [a, y]
            if (y <= c) {
                integral = (y - a) * (y - a) * (y - a) / (3 * (b - a) * (c - a));
            } else {
                integral =
                    (c - a) * (c - a) / (3 * (b - a)) + (y - c) -
                    ((b - c) * (b - c) * (b - c) - (b - y) * (b - y) * (b - y)) / (3 * (b - a) * (b - c));
            }
            return m - integral - (m - y);
        }
        case dist_kind::normal: {
            // sigma (G(alpha) - G(beta)) / (1 - Phi(alpha)), G(z) = phi(z) - z (1 - Phi(z)).
            auto g = [](double z) { return normal_pdf(z) - z * upper_tail(z); };
            const double alpha = -d.a / d.b, beta = (m - d.a) / d.b;
            return d.b * (g(alpha) - g(beta)) / upper_tail(alpha);
        }
        case dist_kind::lognormal: {
            const double s2 = std::log1p(d.b * d.b / (d.a * d.a)), sigma = std::sqrt(s2);
            const double mu = std::log(d.a) - s2 / 2;
            // E[D; D < m] + m P(D >= m).
            return d.a * (1.0 - upper_tail((std::log(m) - mu - s2) / sigma)) +
                   m * upper_tail((std::log(m) - mu) / sigma);
        }
        case dist_kind::gamma: {
            const double shape = d.a * d.a / (d.b * d.b), x = m * shape / d.a;
            return d.a * gamma_p(shape + 1, x) + m * (1.0 - gamma_p(shape, x));
        }
    }
    return 0.0;
}

// A stay of phases (the `after`, then services in order) cut at m days.
struct cut_stay {
    double mean_days = 0;         // E[min(T, m)]
    double completed = 0;         // P(T < m): every phase done before the limit
    std::vector<double> stopped;  // stopped[j]: moved by the rule with j services done
};

// Steps of the grid on [0, m] for stays of more than one phase.
constexpr int cut_grid_steps = 4000;

cut_stay cut(const std::vector<distribution>& phases, double m) {
    cut_stay out;
    const std::size_t k = phases.size() - 1;
    out.stopped.assign(k + 1, 0.0);
    if (k == 0) {
        // The rule's event comes first at a tie: a stay of exactly m is moved.
        const double reach =
            1.0 - (phases[0].kind == dist_kind::fixed ? (phases[0].a < m ? 1.0 : 0.0) : cdf(phases[0], m));
        out.mean_days = mean_min(phases[0], m);
        out.stopped[0] = reach;
        out.completed = 1.0 - reach;
        return out;
    }
    // Several phases: the law of the partial sums on a grid of step h (each
    // phase rounded to the nearest step), exact enough for expectations.
    const int n = cut_grid_steps;
    const double h = m / n;
    auto pmf = [&](const distribution& d) {
        std::vector<double> w(static_cast<std::size_t>(n) + 1);
        double prev = 0;
        for (int i = 0; i <= n; ++i) {
            const double up = cdf(d, (i + 0.5) * h);
            w[static_cast<std::size_t>(i)] = up - prev;
            prev = up;
        }
        return w;
    };
    std::vector<double> sum = pmf(phases[0]);
    // Reached by the limit: the mass below m, half the mass at m (a tie is rounding).
    auto reached = [&](const std::vector<double>& w) {
        double r = 0;
        for (int i = 0; i < n; ++i) r += w[static_cast<std::size_t>(i)];
        return r + 0.5 * w[static_cast<std::size_t>(n)];
    };
    std::vector<double> reach(k + 1);
    reach[0] = reached(sum);
    for (std::size_t j = 1; j <= k; ++j) {
        const std::vector<double> w = pmf(phases[j]);
        std::vector<double> next(static_cast<std::size_t>(n) + 1, 0.0);
        for (int i = 0; i <= n; ++i) {
            const double si = sum[static_cast<std::size_t>(i)];
            if (si == 0) continue;
            for (int q = 0; i + q <= n; ++q)
                next[static_cast<std::size_t>(i + q)] += si * w[static_cast<std::size_t>(q)];
        }
        sum = std::move(next);
        reach[j] = reached(sum);
    }
    // Moved with the after phase unfinished or with j services done.
    out.stopped[0] = 1.0 - reach[1];
    for (std::size_t j = 1; j < k; ++j) out.stopped[j] = reach[j] - reach[j + 1];
    out.stopped[k] = 0.0;  // all services done means the stay was complete
    out.completed = reach[k];
    double mean = 0;
    for (int i = 0; i < n; ++i) mean += sum[static_cast<std::size_t>(i)] * i * h;
    mean += 0.5 * sum[static_cast<std::size_t>(n)] * m + (1.0 - reach[k]) * m;
    out.mean_days = mean;
    return out;
}

class chain {
public:
    chain(const model& m, index_t g) : m_(m), g_(g) {}
    analytic_result solve();

private:
    const model& m_;
    index_t g_;
    std::uint64_t relevant_ = 0;                // attribute bits the chain distinguishes
    std::vector<std::vector<index_t>> routes_;  // per placement, model order
    std::vector<std::vector<index_t>> redraw_;  // per placement: relevant attributes drawn anew
    std::vector<double> price_;                 // per placement, per day
    std::vector<double> attr_rate_;             // per attribute, per day (0 without cost)
    std::vector<state_key> states_;
    std::map<state_key, std::size_t> index_;
    std::deque<std::size_t> todo_;
    std::vector<std::vector<edge>> edges_;  // per state
    std::vector<double> hold_;              // per state: expected days per stay
    std::vector<double> rate_;              // per state: cost per day (price + attributes)

    std::map<std::pair<index_t, std::uint64_t>, cut_stay> cuts_;  // (route, gates that apply)

    void setup(analytic_result& r);
    std::size_t intern(const state_key& k);
    void move_into(std::vector<edge>& out, index_t q, std::uint64_t attrs, std::uint64_t flags, double p);
    void expand(std::size_t s);
};

void chain::setup(analytic_result& r) {
    const std::size_t np = m_.placements.size();
    const group& gr = m_.groups[g_];
    if (gr.attribute_probability.size() != m_.attributes.size())
        throw std::runtime_error(
            "group '" + gr.id + "' has " + std::to_string(gr.attribute_probability.size()) +
            " attribute probabilities for " + std::to_string(m_.attributes.size()) + " attributes");
    if (m_.attributes.size() > 64 || m_.flags.size() > 64)
        throw std::runtime_error("the analytic chain supports at most 64 attributes and 64 flags");

    routes_.assign(np, {});
    redraw_.assign(np, {});
    for (index_t i = 0; i < m_.transitions.size(); ++i) {
        const transition& t = m_.transitions[i];
        if (t.gates.size() > 64)
            throw std::runtime_error("the analytic chain supports at most 64 gates per transition ('" + t.id +
                                     "')");
        routes_[t.from].push_back(i);
        relevant_ |= t.when.uses();
        for (const gate& gt : t.gates) relevant_ |= gt.when.uses();
    }
    bool rules = false;
    for (const placement& pl : m_.placements) {
        for (const placement::bar& b : pl.never_for) relevant_ |= b.when.uses();
        rules = rules || !pl.never_for.empty() || (pl.max_stay_days && pl.after_max_stay != no_index);
    }
    if (rules)
        r.notes.push_back(
            {"maximum stays move clients at their limit and bars send them to their 'instead', "
             "always, as if there were room; stays of several phases are cut on a grid of " +
                 std::to_string(cut_grid_steps) + " steps",
             "maxtider flyttar klienter vid gränsen och spärrar skickar dem till sitt 'instead', "
             "alltid, som om det fanns plats; vistelser i flera steg delas vid gränsen på ett "
             "rutnät med " +
                 std::to_string(cut_grid_steps) + " steg"});
    attr_rate_.assign(m_.attributes.size(), 0.0);
    for (index_t a = 0; a < m_.attributes.size(); ++a) {
        const attribute& at = m_.attributes[a];
        if (!at.has_cost()) continue;
        attr_rate_[a] = per_day(at.cost_given_per_month, at.cost_per_month_sek, at.cost_per_day_sek);
        if (attr_rate_[a] != 0) relevant_ |= 1ull << a;
        if (!at.cost_per_day_sek.constant() || !at.cost_per_month_sek.constant())
            r.notes.push_back(
                {"attribute '" + at.id + "': its cost changes on dates; the first value is used",
                 "attributet '" + at.id + "': kostnaden ändras på datum; det första värdet används"});
    }
    if (static_cast<std::size_t>(std::popcount(relevant_)) > analytic_max_attributes) {
        std::string names;
        for (index_t a = 0; a < m_.attributes.size(); ++a)
            if ((relevant_ >> a) & 1u) names += (names.empty() ? "" : ", ") + m_.attributes[a].id;
        throw std::runtime_error("the analytic chain enumerates at most " +
                                 std::to_string(analytic_max_attributes) +
                                 " attributes read by conditions or carrying costs; this model has " +
                                 std::to_string(std::popcount(relevant_)) + " (" + names + ")");
    }
    for (index_t a = 0; a < m_.attributes.size(); ++a)
        if ((relevant_ >> a) & 1u)
            for (index_t p : m_.attributes[a].redraw_on_entry) redraw_[p].push_back(a);

    price_.assign(np, 0.0);
    for (index_t p = 0; p < np; ++p) {
        const placement& pl = m_.placements[p];
        if (pl.terminal) continue;  // exits cost nothing
        price_[p] = per_day(pl.price_given_per_month, pl.price_per_month_sek, pl.price_per_day_sek);
        if (!pl.price_per_day_sek.constant() || !pl.price_per_month_sek.constant())
            r.notes.push_back(
                {"placement '" + pl.id + "': its price changes on dates; the first value is used",
                 "boendeformen '" + pl.id + "': priset ändras på datum; det första värdet används"});
    }
}

std::size_t chain::intern(const state_key& k) {
    auto [it, added] = index_.try_emplace(k, states_.size());
    if (added) {
        if (states_.size() >= max_states)
            throw std::runtime_error(
                "the analytic chain has more than " + std::to_string(max_states) +
                " (placement, attributes, flags) states; simplify the model's conditions");
        states_.push_back(k);
        todo_.push_back(it->second);
    }
    return it->second;
}

// A move into q as the simulator makes it: a bar may send the client to its
// `instead` (the first bar that holds, on the attributes held before the move;
// no room is needed here), an exit ends the chain, flags are cleared, and the
// placement's attributes are drawn anew (also on a new client's first entry).
void chain::move_into(std::vector<edge>& out, index_t q, std::uint64_t attrs, std::uint64_t flags, double p) {
    if (p <= 0) return;
    for (const placement::bar& b : m_.placements[q].never_for)
        if (b.when.holds(attrs)) {
            q = b.instead;
            break;
        }
    const placement& to = m_.placements[q];
    if (to.terminal) {
        out.push_back({no_state, q, p});
        return;
    }
    flags &= ~static_cast<std::uint64_t>(to.clears_flags);
    if (redraw_[q].empty()) {
        out.push_back({intern({q, attrs, flags}), no_index, p});
        return;
    }
    std::uint64_t kept = attrs;
    for (index_t a : redraw_[q]) kept &= ~(1ull << a);
    for (auto [drawn, w] : combinations(redraw_[q], m_.groups[g_].attribute_probability))
        out.push_back({intern({q, kept | drawn, flags}), no_index, p * w});
}

// The moves out of state s and its expected stay, as the simulator chooses them:
// among the routes whose condition holds, in model order, by cumulative
// probability (the last such route takes any remainder). A maximum stay with a
// placement to move to cuts the stay (and any service under way) at its limit.
void chain::expand(std::size_t s) {
    const state_key k = states_[s];
    const placement& here = m_.placements[k.placement];
    const bool rule = here.max_stay_days.has_value() && here.after_max_stay != no_index;
    const double limit = rule ? *here.max_stay_days : 0.0;
    std::vector<index_t> open;
    for (index_t r : routes_[k.placement])
        if (m_.transitions[r].when.holds(k.attrs)) open.push_back(r);
    std::vector<edge> out;
    double hold = 0;
    if (open.empty() && rule) {
        hold = limit;
        move_into(out, here.after_max_stay, k.attrs, k.flags, 1.0);
    }
    double cum = 0;
    for (std::size_t i = 0; i < open.size(); ++i) {
        const transition& t = m_.transitions[open[i]];
        double before = std::min(cum, 1.0);
        cum += t.probability;
        double p = (i + 1 == open.size() ? 1.0 : std::min(cum, 1.0)) - before;
        if (p <= 0) continue;
        // Service gates in order: each whose condition holds and whose flag the
        // client lacks is passed (its duration) and grants the flag.
        std::vector<distribution> phases{t.after};
        std::vector<std::uint64_t> flags{k.flags};  // flags[j]: held after j services
        std::uint64_t applied = 0;                  // which gates apply, for the cache
        for (std::size_t g = 0; g < t.gates.size(); ++g) {
            const gate& gt = t.gates[g];
            if (gt.kind != gate_kind::service || !gt.when.holds(k.attrs)) continue;
            const service& sv = m_.services[gt.target];
            if (flags.back() & sv.flag_bit()) continue;
            phases.push_back(sv.duration);
            flags.push_back(flags.back() | sv.flag_bit());
            applied |= 1ull << g;
        }
        if (!rule) {
            for (const distribution& d : phases) hold += p * mean_of(d);
            move_into(out, t.to, k.attrs, flags.back(), p);
            continue;
        }
        auto key = std::make_pair(open[i], applied);
        auto it = cuts_.find(key);
        if (it == cuts_.end()) it = cuts_.emplace(key, cut(phases, limit)).first;
        const cut_stay& c = it->second;
        hold += p * c.mean_days;
        move_into(out, t.to, k.attrs, flags.back(), p * c.completed);
        for (std::size_t j = 0; j < c.stopped.size(); ++j)
            move_into(out, here.after_max_stay, k.attrs, flags[j], p * c.stopped[j]);
    }
    double rate = price_[k.placement];
    for (index_t a = 0; a < m_.attributes.size(); ++a) {
        if (attr_rate_[a] == 0 || !((k.attrs >> a) & 1u)) continue;
        const auto& in = m_.attributes[a].cost_in;
        if (std::find(in.begin(), in.end(), k.placement) != in.end()) rate += attr_rate_[a];
    }
    if (edges_.size() <= s) {
        edges_.resize(s + 1);
        hold_.resize(s + 1);
        rate_.resize(s + 1);
    }
    edges_[s] = std::move(out);
    hold_[s] = hold;
    rate_[s] = rate;
}

analytic_result chain::solve() {
    analytic_result r;
    const std::size_t np = m_.placements.size();
    const group& gr = m_.groups[g_];
    r.group = gr.id;
    for (const placement& p : m_.placements) {
        r.placements.push_back(p.id);
        r.terminal.push_back(p.terminal ? 1 : 0);
    }
    setup(r);
    r.price_per_day_sek = price_;

    // Entry distributions: a new client entering p draws every attribute with
    // the group's probabilities and holds no flags; a bar may send it elsewhere,
    // even straight out.
    std::vector<index_t> all_relevant;
    for (index_t a = 0; a < m_.attributes.size(); ++a)
        if ((relevant_ >> a) & 1u) all_relevant.push_back(a);
    const auto entry_combos = combinations(all_relevant, gr.attribute_probability);
    std::vector<index_t> entry_placements;
    std::vector<std::vector<edge>> entry_weights;
    for (index_t p = 0; p < np; ++p) {
        if (m_.placements[p].terminal) continue;
        entry_placements.push_back(p);
        entry_weights.emplace_back();
        for (auto [attrs, q] : entry_combos) move_into(entry_weights.back(), p, attrs, 0, q);
    }
    while (!todo_.empty()) {
        std::size_t s = todo_.front();
        todo_.pop_front();
        expand(s);
    }
    const std::size_t n = states_.size();
    r.states = n;

    // Classify: stuck states (no route out: the client stays for good), states
    // that can reach an exit or a stuck state (transient), and the rest (closed
    // loops that never end).
    std::vector<char> stuck(n, 0), transient(n, 0);
    std::vector<std::vector<std::size_t>> preds(n);
    std::deque<std::size_t> work;
    for (std::size_t s = 0; s < n; ++s) {
        bool exits = false;
        for (const edge& e : edges_[s]) {
            if (e.to == no_state)
                exits = true;
            else
                preds[e.to].push_back(s);
        }
        if (edges_[s].empty()) stuck[s] = 1;
        if (exits) {
            transient[s] = 1;
            work.push_back(s);
        }
    }
    for (std::size_t s = 0; s < n; ++s)
        if (stuck[s]) work.push_back(s);
    std::vector<char> reaches(n, 0);
    for (std::size_t s : work) reaches[s] = 1;
    while (!work.empty()) {
        std::size_t s = work.front();
        work.pop_front();
        for (std::size_t q : preds[s])
            if (!reaches[q]) {
                reaches[q] = 1;
                transient[q] = 1;
                work.push_back(q);
            }
    }
    std::vector<std::size_t> tpos(n, no_state);
    std::vector<std::size_t> tlist;
    for (std::size_t s = 0; s < n; ++s)
        if (transient[s]) {
            tpos[s] = tlist.size();
            tlist.push_back(s);
        }
    const std::size_t nt = tlist.size();
    r.transient_states = nt;

    // Expected visits x to each transient state from an entry distribution w:
    // x' (I - Q) = w', solved as (I - Q)' x = w for all entries at once.
    const std::size_t ne = entry_placements.size();
    Eigen::MatrixXd x(static_cast<Eigen::Index>(nt), static_cast<Eigen::Index>(ne));
    x.setZero();
    if (nt > 0) {
        std::vector<Eigen::Triplet<double>> trip;
        for (std::size_t i = 0; i < nt; ++i) {
            const auto ii = static_cast<Eigen::Index>(i);
            trip.emplace_back(ii, ii, 1.0);
            for (const edge& e : edges_[tlist[i]])
                if (e.to != no_state && transient[e.to])
                    trip.emplace_back(static_cast<Eigen::Index>(tpos[e.to]), ii, -e.p);  // transposed
        }
        Eigen::SparseMatrix<double> a(static_cast<Eigen::Index>(nt), static_cast<Eigen::Index>(nt));
        a.setFromTriplets(trip.begin(), trip.end());  // duplicates (same target twice) are summed
        a.makeCompressed();
        Eigen::MatrixXd w =
            Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(nt), static_cast<Eigen::Index>(ne));
        for (std::size_t j = 0; j < ne; ++j)
            for (const edge& e : entry_weights[j])
                if (e.to != no_state && transient[e.to])
                    w(static_cast<Eigen::Index>(tpos[e.to]), static_cast<Eigen::Index>(j)) += e.p;
        Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>> lu;
        lu.compute(a);
        if (lu.info() != Eigen::Success)
            throw std::runtime_error("the analytic chain's matrix I - Q could not be factorised: " +
                                     lu.lastErrorMessage());
        x = lu.solve(w);
        if (lu.info() != Eigen::Success) throw std::runtime_error("the analytic chain's solve failed");
    }

    for (std::size_t j = 0; j < ne; ++j) {
        analytic_entry en;
        en.placement = entry_placements[j];
        en.visits.assign(np, 0.0);
        en.days.assign(np, 0.0);
        en.cost_sek.assign(np, 0.0);
        en.exit_probability.assign(np, 0.0);
        // Mass that ends in a stuck state or enters a closed loop: from the entry
        // itself or from a transient state.
        std::vector<double> ends(n, 0.0);
        for (const edge& e : entry_weights[j]) {
            if (e.to == no_state)
                en.exit_probability[e.exit_placement] += e.p;
            else if (!transient[e.to])
                ends[e.to] += e.p;
        }
        for (std::size_t i = 0; i < nt; ++i) {
            const std::size_t s = tlist[i];
            const double v = x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
            const index_t p = states_[s].placement;
            en.visits[p] += v;
            en.days[p] += v * hold_[s];
            en.cost_sek[p] += v * hold_[s] * rate_[s];
            for (const edge& e : edges_[s]) {
                if (e.to == no_state)
                    en.exit_probability[e.exit_placement] += v * e.p;
                else if (!transient[e.to])
                    ends[e.to] += v * e.p;
            }
        }
        // Stuck states are entered once and kept for good; a closed loop is
        // entered once and then circled for ever: every state reachable in it
        // gets infinite visits and days.
        std::deque<std::size_t> loop;
        std::vector<char> in_loop(n, 0);
        for (std::size_t s = 0; s < n; ++s) {
            if (ends[s] <= tiny) continue;
            en.never_exits += ends[s];
            const index_t p = states_[s].placement;
            if (stuck[s]) {
                en.visits[p] += ends[s];
                en.days[p] = inf;
                if (rate_[s] > 0) en.cost_sek[p] = inf;
            } else if (!in_loop[s]) {
                in_loop[s] = 1;
                loop.push_back(s);
            }
        }
        while (!loop.empty()) {
            std::size_t s = loop.front();
            loop.pop_front();
            const index_t p = states_[s].placement;
            en.visits[p] = inf;
            en.days[p] = inf;
            if (rate_[s] > 0) en.cost_sek[p] = inf;
            for (const edge& e : edges_[s])
                if (e.to != no_state && !in_loop[e.to]) {
                    in_loop[e.to] = 1;
                    loop.push_back(e.to);
                }
        }
        for (index_t p = 0; p < np; ++p) {
            en.total_days += en.days[p];
            en.total_cost_sek += en.cost_sek[p];
        }
        r.entries.push_back(std::move(en));
    }

    // Say where clients can get caught, once per placement.
    std::vector<char> said(np, 0);
    for (std::size_t s = 0; s < n; ++s) {
        const index_t p = states_[s].placement;
        if (transient[s] || said[p]) continue;
        said[p] = 1;
        const std::string& id = m_.placements[p].id;
        if (stuck[s] && routes_[p].empty())
            r.notes.push_back(
                {"placement '" + id +
                     "' is not terminal and has no transition out: clients who reach it never exit",
                 "boendeformen '" + id +
                     "' är inget utträde och saknar övergång ut: klienter som når dit lämnar "
                     "aldrig systemet"});
        else if (stuck[s])
            r.notes.push_back({"placement '" + id +
                                   "' is not terminal and has no transition out for some attribute values: "
                                   "clients who reach it with them never exit",
                               "boendeformen '" + id +
                                   "' är inget utträde och saknar övergång ut för vissa attributvärden: "
                                   "klienter som når dit med dem lämnar aldrig systemet"});
        else
            r.notes.push_back(
                {"placement '" + id +
                     "' lies on a closed loop without a way to an exit: clients who reach it never exit",
                 "boendeformen '" + id +
                     "' ligger i en sluten slinga utan väg till utträde: klienter som når dit lämnar "
                     "aldrig systemet"});
    }
    return r;
}

}  // namespace

analytic_result analyze(const model& m, index_t group) {
    if (group >= m.groups.size())
        throw std::runtime_error("analyze: group " + std::to_string(group) +
                                 " does not exist (the model has " + std::to_string(m.groups.size()) + ")");
    chain c(m, group);
    analytic_result r = c.solve();
    r.notes.insert(
        r.notes.begin(),
        analytic_note{
            "capacities, supplies, staff and queue waits are ignored; a stay lasts the mean of "
            "its 'after' plus the mean duration of each service it must pass; prices are the "
            "first value of each schedule, monthly amounts x 12 / 365 per day",
            "kapaciteter, lägenheter, personal och köer bortses från; en vistelse varar medelvärdet "
            "av sitt 'after' plus medeltiden för varje tjänst klienten måste gå igenom; priser är "
            "det första värdet i varje schema, månadsbelopp x 12 / 365 per dygn"});
    return r;
}

std::vector<analytic_run> analyze_model(const model& m, const std::string& alternative) {
    std::vector<analytic_run> out;
    for (index_t g = 0; g < m.groups.size(); ++g) out.push_back({alternative, analyze(m, g)});
    return out;
}

std::vector<analytic_run> analyze_scenario(const scenario& sc) {
    std::vector<analytic_run> out;
    for (const alternative& a : sc.alternatives) {
        auto runs = analyze_model(a.system, a.id);
        out.insert(out.end(), std::make_move_iterator(runs.begin()), std::make_move_iterator(runs.end()));
    }
    return out;
}

analytic_comparison compare_with_simulation(const scenario& sc, const scenario_result& res) {
    if (res.alts.size() != sc.alternatives.size())
        throw std::runtime_error("compare_with_simulation: the result has " +
                                 std::to_string(res.alts.size()) + " alternatives, the scenario " +
                                 std::to_string(sc.alternatives.size()));
    analytic_comparison out;
    const std::size_t Y = res.cal.years();
    if (Y == 0) return out;
    const std::size_t last = Y - 1;
    const double period = res.cal.bounds[Y] - std::max(res.cal.bounds[last], sc.warmup_days);
    const double scale = period > 0 ? 365.0 / period : 0.0;

    for (std::size_t ai = 0; ai < sc.alternatives.size(); ++ai) {
        const model& m = sc.alternatives[ai].system;
        const alternative_result& ar = res.alts[ai];
        const std::size_t np = m.placements.size();
        alternative_comparison c;
        c.alternative = sc.alternatives[ai].id;
        c.year = res.cal.year_numbers[last];
        c.period_days = period;

        // Little's law per placement: arrivals a year times days per entrant.
        std::vector<double> pd(np, 0.0), cost(np, 0.0);
        double max_days_to_exit = 0;
        bool schedules_vary = false;
        for (index_t g = 0; g < m.groups.size(); ++g) {
            if (m.groups[g].arrivals.empty()) continue;
            analytic_result a = analyze(m, g);
            for (const arrival_stream& s : m.groups[g].arrivals) {
                const analytic_entry* e = a.entry(s.placement);
                if (!e) continue;  // arrivals straight into an exit stay nowhere
                const double lambda = s.per_year.initial;
                schedules_vary = schedules_vary || !s.per_year.constant();
                if (lambda == 0) continue;
                max_days_to_exit = std::max(max_days_to_exit, e->total_days);
                for (index_t p = 0; p < np; ++p) {
                    pd[p] += lambda * e->days[p];
                    cost[p] += lambda * e->cost_sek[p];
                }
            }
            for (const analytic_note& note : a.notes)
                if (std::find(c.notes.begin(), c.notes.end(), note) == c.notes.end()) c.notes.push_back(note);
        }
        if (c.notes.empty())
            c.notes.push_back({"no arrival streams: the analytic steady state is empty",
                               "inga inflöden: det analytiska jämviktsläget är tomt"});
        if (schedules_vary)
            c.notes.push_back({"arrival rates change on dates; the first value of each is used",
                               "inflödet ändras på datum; det första värdet av varje används"});
        if (!std::isfinite(max_days_to_exit)) {
            c.steady_state_defined = false;
            c.notes.push_back(
                {"some clients never exit in the chain: the analytic steady state is unbounded",
                 "vissa klienter lämnar aldrig kedjan: det analytiska jämviktsläget är obegränsat"});
        } else if (res.cal.horizon_days < 3 * max_days_to_exit) {
            const std::string h = std::to_string(std::lround(res.cal.horizon_days));
            const std::string d = std::to_string(std::lround(max_days_to_exit));
            c.notes.push_back({"the horizon (" + h + " days) is short against the mean time to exit (" + d +
                                   " days): the simulation may not have reached its steady state",
                               "horisonten (" + h + " dygn) är kort mot medeltiden till utträde (" + d +
                                   " dygn): simuleringen har kanske inte nått jämvikt"});
        }
        double initial = 0;
        for (const group& g : m.groups)
            for (const initial_stock& s : g.initial) initial += s.count;
        if (initial > 0)
            c.notes.push_back(
                {"the initial stock is left out of the steady state; clients of it still present "
                 "in the last year add to the simulated figure",
                 "den initiala stocken ingår inte i jämviktsläget; de av dem som finns kvar det sista "
                 "året ökar den simulerade siffran"});

        const std::size_t R = ar.reps.size();
        std::vector<double> total_r(R, 0.0), cost_r(R, 0.0), queue_r(R, 0.0);
        for (index_t p = 0; p < np; ++p) {
            if (m.placements[p].terminal) continue;
            placement_comparison pc;
            pc.placement = p;
            pc.id = m.placements[p].id;
            pc.analytic_person_days = pd[p];
            // Attribute costs enter at their analytic mean per person-day.
            pc.cost_per_day_sek =
                pd[p] > 0 && std::isfinite(pd[p]) && std::isfinite(cost[p])
                    ? cost[p] / pd[p]
                    : per_day(m.placements[p].price_given_per_month, m.placements[p].price_per_month_sek,
                              m.placements[p].price_per_day_sek);
            // Placements no arrival reaches hold only the initial stock: not in the totals.
            pc.in_total = pd[p] > 0;
            std::vector<double> xs(R);
            for (std::size_t r = 0; r < R; ++r) {
                xs[r] = ar.reps[r].person_days[p * Y + last] * scale;
                if (!pc.in_total) continue;
                total_r[r] += xs[r];
                cost_r[r] += xs[r] * pc.cost_per_day_sek;
            }
            pc.simulated = summarize(xs);
            pc.departure_percent = pd[p] > 0 && std::isfinite(pd[p])
                                       ? (pc.simulated.mean - pd[p]) / pd[p] * 100.0
                                       : std::numeric_limits<double>::quiet_NaN();
            if (pc.in_total) {
                c.analytic_person_days += pd[p];
                c.analytic_cost_sek += pd[p] * pc.cost_per_day_sek;
            } else if (pc.simulated.mean > 0) {
                c.notes.push_back({"no arrival reaches '" + pc.id +
                                       "': its clients (initial stock) are left out of the totals",
                                   "inget inflöde når '" + pc.id +
                                       "': dess klienter (den initiala stocken) ingår inte i summorna"});
            }
            c.placements.push_back(pc);
        }
        for (std::size_t r = 0; r < R; ++r) queue_r[r] = cost_r[r] - c.analytic_cost_sek;
        c.simulated_person_days = summarize(total_r);
        c.simulated_cost_sek = summarize(cost_r);
        c.queue_cost_sek = summarize(queue_r);
        c.departure_percent =
            c.analytic_person_days > 0 && std::isfinite(c.analytic_person_days)
                ? (c.simulated_person_days.mean - c.analytic_person_days) / c.analytic_person_days * 100.0
                : std::numeric_limits<double>::quiet_NaN();
        // A queue that still grows has no steady state: the departure then grows with the horizon.
        if (Y >= 2 && R >= 2) {
            const double prev = res.cal.bounds[last] - std::max(res.cal.bounds[last - 1], sc.warmup_days);
            if (prev > 0) {
                std::vector<double> growth(R, 0.0);
                for (std::size_t r = 0; r < R; ++r) {
                    double before = 0;
                    for (const placement_comparison& pc : c.placements)
                        before += ar.reps[r].person_days[pc.placement * Y + last - 1] * 365.0 / prev;
                    growth[r] = total_r[r] - before;
                }
                const sample_summary gs = summarize(growth);
                const double before_mean = c.simulated_person_days.mean - gs.mean;
                if (gs.ci_low > 0 && before_mean > 0 && gs.mean > 0.02 * before_mean) {
                    const std::string pct = std::to_string(std::lround(gs.mean / before_mean * 100.0));
                    c.notes.push_back(
                        {"the simulated person-days still grow (+" + pct +
                             " % on the year before): the queues do not settle, and the departure "
                             "grows with the horizon",
                         "de simulerade persondygnen växer fortfarande (+" + pct +
                             " % mot året före): köerna stabiliseras inte, och avvikelsen växer med "
                             "horisonten"});
                }
            }
        }
        c.significant = c.steady_state_defined && (c.analytic_person_days < c.simulated_person_days.ci_low ||
                                                   c.analytic_person_days > c.simulated_person_days.ci_high);
        out.alternatives.push_back(std::move(c));
    }
    return out;
}

}  // namespace hemsim
