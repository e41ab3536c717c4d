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

#include "analytic/stays.hpp"
#include "model/distribution.hpp"

namespace hemsim {

const analytic_entry* analytic_result::entry(index_t placement) const {
    for (const analytic_entry& e : entries)
        if (e.placement == placement) return &e;
    return nullptr;
}

namespace {

using namespace analytic_detail;

constexpr double inf = std::numeric_limits<double>::infinity();
// Probabilities below this are treated as zero when deciding whether a client
// can end somewhere (a stuck placement, a closed loop).
constexpr double tiny = 1e-12;
constexpr std::size_t max_states = 200000;
// The time in the system at which the chain reads conditions: a chain has no
// clock, so it reads them as for a client who has just come (said in a note).
constexpr double at_entry = 0;

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
    double move_cost_sek = 0;  // the transition's one-off cost per move (0 for a rule's move, an entry)
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
    std::vector<double> exit_cost_;         // per placement: a priced exit's cost per client (terminal)

    std::map<std::pair<index_t, std::uint64_t>, cut_stay> cuts_;  // (route, gates that apply)

    void setup(analytic_result& r);
    std::size_t intern(const state_key& k);
    void move_into(std::vector<edge>& out, index_t q, std::uint64_t attrs, std::uint64_t flags, double p,
                   double move_cost_sek = 0);
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
    bool reads_time = false;
    for (index_t i = 0; i < m_.transitions.size(); ++i) {
        const transition& t = m_.transitions[i];
        if (t.gates.size() > 64)
            throw std::runtime_error("the analytic chain supports at most 64 gates per transition ('" + t.id +
                                     "')");
        if (t.while_waiting != no_index) continue;  // nobody waits in the chain
        routes_[t.from].push_back(i);
        relevant_ |= t.when.uses();
        reads_time = reads_time || t.when.reads_time();
        for (const gate& gt : t.gates) {
            relevant_ |= gt.when.uses();
            reads_time = reads_time || gt.when.reads_time();
        }
    }
    bool rules = false;
    for (const placement& pl : m_.placements) {
        for (const placement::bar& b : pl.never_for) {
            relevant_ |= b.when.uses();
            reads_time = reads_time || b.when.reads_time();
        }
        rules = rules || !pl.never_for.empty() || (pl.max_stay_days && pl.after_max_stay != no_index);
    }
    if (reads_time)
        r.notes.push_back(
            {"conditions on the time in the system (in_system) are ignored: they are read as for a client "
             "who has just come (0 days in the system), while the simulation reads them at the time",
             "villkor på tiden i systemet (in_system) bortses från: de läses som för en klient som just "
             "kommit (0 dagar i systemet), medan simuleringen läser dem vid tidpunkten"});
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
    exit_cost_.assign(np, 0.0);
    for (index_t p = 0; p < np; ++p) {
        const placement& pl = m_.placements[p];
        if (pl.terminal) {
            // A priced exit for a stated time costs price x days once per exit; charged to
            // the horizon it has no closed form in a chain without a horizon.
            if (!pl.charged_after_exit) continue;
            if (pl.charged_for_days)
                exit_cost_[p] =
                    per_day(pl.price_given_per_month, pl.price_per_month_sek, pl.price_per_day_sek) *
                    *pl.charged_for_days;
            else
                r.notes.push_back(
                    {"exit '" + pl.id +
                         "': charged to the horizon, which the chain does not have; its cost "
                         "is ignored",
                     "utträdet '" + pl.id +
                         "': kostar till horisonten, som kedjan saknar; kostnaden bortses från"});
            continue;
        }
        price_[p] = per_day(pl.price_given_per_month, pl.price_per_month_sek, pl.price_per_day_sek);
        if (!pl.price_per_day_sek.constant() || !pl.price_per_month_sek.constant())
            r.notes.push_back(
                {"placement '" + pl.id + "': its price changes on dates; the first value is used",
                 "boendeformen '" + pl.id + "': priset ändras på datum; det första värdet används"});
        if (pl.capacity && !pl.capacity->constant())
            r.notes.push_back(
                {"placement '" + pl.id + "': its capacity changes on dates; ignored, as every capacity",
                 "boendeformen '" + pl.id +
                     "': kapaciteten ändras på datum; det bortses från, som från alla kapaciteter"});
    }
    for (const transition& t : m_.transitions) {
        if (t.has_give_up())
            r.notes.push_back(
                {"transition '" + t.id + "': giving up the wait (give_up_after) is ignored, as every wait",
                 "övergången '" + t.id +
                     "': att ge upp väntan (give_up_after) bortses från, som från all väntan"});
        if (t.while_waiting != no_index)
            r.notes.push_back(
                {"transition '" + t.id + "': a move while waiting; ignored, since nobody waits in the chain",
                 "övergången '" + t.id +
                     "': en flytt under väntan; bortses från, eftersom ingen väntar i kedjan"});
        if (!t.probability_steps.empty())
            r.notes.push_back(
                {"transition '" + t.id +
                     "': its probability changes on dates; the value before the first date is used",
                 "övergången '" + t.id +
                     "': sannolikheten ändras på datum; värdet före det första datumet används"});
        if (!t.after_steps.empty())
            r.notes.push_back(
                {"transition '" + t.id + "': its duration changes on dates; the first duration is used",
                 "övergången '" + t.id + "': tiden ändras på datum; den första tiden används"});
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
void chain::move_into(std::vector<edge>& out, index_t q, std::uint64_t attrs, std::uint64_t flags, double p,
                      double move_cost_sek) {
    if (p <= 0) return;
    for (const placement::bar& b : m_.placements[q].never_for)
        if (b.when.holds(attrs, at_entry)) {
            q = b.instead;
            break;
        }
    const placement& to = m_.placements[q];
    if (to.terminal) {
        out.push_back({no_state, q, p, move_cost_sek});
        return;
    }
    flags &= ~static_cast<std::uint64_t>(to.clears_flags);
    if (redraw_[q].empty()) {
        out.push_back({intern({q, attrs, flags}), no_index, p, move_cost_sek});
        return;
    }
    std::uint64_t kept = attrs;
    for (index_t a : redraw_[q]) kept &= ~(1ull << a);
    for (auto [drawn, w] : combinations(redraw_[q], m_.groups[g_].attribute_probability))
        out.push_back({intern({q, kept | drawn, flags}), no_index, p * w, move_cost_sek});
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
        if (m_.transitions[r].when.holds(k.attrs, at_entry)) open.push_back(r);
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
            if (gt.kind != gate_kind::service || !gt.when.holds(k.attrs, at_entry)) continue;
            const service& sv = m_.services[gt.target];
            if (flags.back() & sv.flag_bit()) continue;
            phases.push_back(sv.duration);
            flags.push_back(flags.back() | sv.flag_bit());
            applied |= 1ull << g;
        }
        if (!rule) {
            for (const distribution& d : phases) hold += p * mean_of(d);
            move_into(out, t.to, k.attrs, flags.back(), p, t.cost_per_move_sek);
            continue;
        }
        auto key = std::make_pair(open[i], applied);
        auto it = cuts_.find(key);
        if (it == cuts_.end()) it = cuts_.emplace(key, cut(phases, limit)).first;
        const cut_stay& c = it->second;
        hold += p * c.mean_days;
        move_into(out, t.to, k.attrs, flags.back(), p * c.completed, t.cost_per_move_sek);
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
            en.move_cost_sek += e.p * e.move_cost_sek;
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
                en.move_cost_sek += v * e.p * e.move_cost_sek;
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
            for (const edge& e : edges_[s]) {
                if (e.move_cost_sek > 0) en.move_cost_sek = inf;  // a cost per move repeated for ever
                if (e.to != no_state && !in_loop[e.to]) {
                    in_loop[e.to] = 1;
                    loop.push_back(e.to);
                }
            }
        }
        for (index_t p = 0; p < np; ++p) {
            en.total_days += en.days[p];
            en.total_cost_sek += en.cost_sek[p];
            en.exit_cost_sek += en.exit_probability[p] * exit_cost_[p];
        }
        en.total_cost_sek += en.move_cost_sek + en.exit_cost_sek;
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

}  // namespace hemsim
