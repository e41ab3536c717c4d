// Checks on the whole model once every element is built: the branch sums, the
// remainders of drawn probabilities, the stock against the capacities and the
// limits, and cycles of stays that take no time (see builder.hpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <utility>

#include "model/builder.hpp"

namespace hemsim::loader {

using namespace std::string_literals;

double value_at_start(const schedule& s, std::optional<date> start) {
    if (!start) return s.steps.empty() || s.initial != 0 ? s.initial : s.steps.front().value;
    double v = s.initial;
    for (const schedule::step& st : s.steps)
        if (st.from <= *start) v = st.value;
    return v;
}

// The clients a model starts with: within the limit, and within the capacity
// of their placements (at the highest draw of an uncertain count).
void check_stock(const model& m, const tnode& root, std::optional<date> start_date) {
    if (m.placements.empty())
        fail(root.at,
             "the model has no placements; a model needs at least one [[placement]] (docs/language.md, "
             "\"The model\")");
    std::vector<double> start(m.placements.size(), 0.0);
    double total = 0;
    const auto groups = elements_of(root, element_kind::group);
    for (index_t g = 0; g < m.groups.size(); ++g)
        for (index_t i = 0; i < m.groups[g].initial.size(); ++i) {
            const initial_stock& st = m.groups[g].initial[i];
            double most = st.count;
            for (const uncertain_param& u : m.uncertain)
                if (u.ref.field == input_field::initial_count && u.ref.element == g && u.ref.sub == i)
                    most = std::floor(support_of(u.dist).hi + 0.5);
            start[st.placement] += most;
            total += most;
        }
    if (total > max_clients_present)
        fail(groups.empty() ? root.at : groups[0].node->at,
             "the model starts with up to " + format_number(total) +
                 " clients; hemsim's limit for clients in the "
                 "system at once is " +
                 format_number(max_clients_present) + " (docs/language.md, \"Limits\")");
    const auto places = elements_of(root, element_kind::placement);
    for (index_t p = 0; p < m.placements.size(); ++p) {
        const auto& cap = m.placements[p].capacity;
        if (!cap) continue;
        const double at_start = value_at_start(*cap, start_date);
        if (start[p] <= at_start) continue;
        const tnode* c = places[p].node->find("capacity");
        const std::string when = cap->constant() ? ""
                                 : start_date    ? " on " + iso(*start_date)
                                                 : " at the start";
        fail(
            c ? c->at : places[p].node->at,
            places[p].label + " has a capacity of " + format_number(at_start) + when + " but up to " +
                format_number(start[p]) +
                " clients start there (the groups' initial entries); raise the capacity or lower the counts");
    }
}

// A cycle of moves that can all take no time at all: a client would go round
// it forever at one instant. Durations of at most `instant` days, moves by a
// maximum stay that short, with no supply gate (offers take time) on the way.
void check_instant_cycles(const model& m, const tnode& root) {
    constexpr double instant = 1e-6;
    auto vanishing = [&](const distribution& d) {
        switch (d.kind) {
        case dist_kind::fixed: return d.a <= instant;
        case dist_kind::uniform:
        case dist_kind::triangular: return d.b <= instant;
        case dist_kind::exponential:
        case dist_kind::normal:
        case dist_kind::lognormal:
        case dist_kind::gamma: return d.a <= instant;
        }
        return false;
    };
    struct edge {
        index_t to;
        std::string why;  // what makes the move instant
        origin at;        // where that is written
    };
    const std::size_t P = m.placements.size();
    const auto trs = elements_of(root, element_kind::transition);
    const auto places = elements_of(root, element_kind::placement);
    std::vector<std::vector<edge>> next(P);
    for (index_t i = 0; i < m.transitions.size(); ++i) {
        const transition& t = m.transitions[i];
        // Instant when it can be on some date.
        bool can_vanish = vanishing(t.after);
        for (const transition::dated_duration& st : t.after_steps)
            can_vanish = can_vanish || vanishing(st.after);
        bool can_be_taken = t.probability > 0;
        for (const schedule::step& st : t.probability_steps) can_be_taken = can_be_taken || st.value > 0;
        if (!can_be_taken || !can_vanish) continue;
        bool supply = false;
        for (const gate& g : t.gates) supply = supply || g.kind == gate_kind::supply;
        const tnode* after = trs[i].node->find("after");
        if (!supply)
            next[t.from].push_back(
                {t.to, "transition " + in_quotes(t.id), after ? after->at : trs[i].node->at});
    }
    for (index_t p = 0; p < P; ++p)
        if (m.placements[p].max_stay_days && *m.placements[p].max_stay_days <= instant &&
            m.placements[p].after_max_stay != no_index)
            next[p].push_back({m.placements[p].after_max_stay,
                               "the maximum stay of " + in_quotes(m.placements[p].id),
                               places[p].node->find("max_stay_days")->at});
    // Depth-first search for a cycle: 0 unvisited, 1 on the path, 2 done.
    std::vector<char> state(P, 0);
    std::vector<std::pair<index_t, const edge*>> path;
    std::function<void(index_t)> visit = [&](index_t p) {
        state[p] = 1;
        for (const edge& e : next[p]) {
            path.push_back({p, &e});
            if (state[e.to] == 1) {
                // The cycle is the part of the path from e.to on.
                std::string names, whys;
                const origin* first = nullptr;
                for (const auto& [r, w] : path) {
                    if (!first && r != e.to) continue;
                    if (!first) first = &w->at;
                    names += in_quotes(m.placements[r].id) + " -> ";
                    whys += (whys.empty() ? "" : ", ") + w->why;
                }
                names += in_quotes(m.placements[e.to].id);
                fail(*first, "placements " + names +
                                 " form a cycle in which every stay can last no time at all (" + whys +
                                 "); a client would go round it forever at one instant: give one of the "
                                 "stays a duration (docs/language.md, \"Limits\")");
            }
            if (state[e.to] == 0) visit(e.to);
            path.pop_back();
        }
        state[p] = 2;
    };
    for (index_t p = 0; p < P; ++p)
        if (state[p] == 0) visit(p);
}

// A branch probability that is drawn or set hands the rest to a sibling: the
// last other transition out of the same placement with the same `when` whose
// probability is plain. An uncertain one needs such a sibling, and the rest
// must stay >= 0 in every draw (docs/language.md, "Uncertain numbers").
void find_remainders(model& m, const tnode& root) {
    std::vector<char> uncertain(m.transitions.size(), 0);
    for (const uncertain_param& u : m.uncertain)
        if (u.ref.field == input_field::transition_probability) uncertain[u.ref.element] = 1;
    for (index_t t = 0; t < m.transitions.size(); ++t) {
        transition& tr = m.transitions[t];
        for (index_t s = 0; s < m.transitions.size(); ++s) {
            const transition& o = m.transitions[s];
            // Plain: neither drawn nor changing on dates.
            if (s != t && o.from == tr.from && o.while_waiting == tr.while_waiting && o.when == tr.when &&
                !uncertain[s] && o.probability_steps.empty())
                tr.remainder = s;
        }
    }
    const auto all = elements_of(root, element_kind::transition);
    // (remainder, the step's date or none) -> its probability then when every draw is at its highest
    std::map<std::pair<index_t, std::optional<date>>, double> rest;
    for (const uncertain_param& u : m.uncertain) {
        if (u.ref.field != input_field::transition_probability) continue;
        const transition& tr = m.transitions[u.ref.element];
        std::optional<date> on;
        if (u.ref.step >= 1) on = tr.probability_steps[static_cast<std::size_t>(u.ref.step) - 1].from;
        const tnode* p = all[u.ref.element].node->find("probability");
        const origin& at = p ? p->at : all[u.ref.element].node->at;
        const std::string& from = m.placements[tr.from].id;
        if (tr.remainder == no_index)
            fail(at, "the probability of transition " + in_quotes(tr.id) +
                         " is given as a distribution, but no other transition out of " + in_quotes(from) +
                         " with the same 'when' has a plain probability to take the rest; add one (in every "
                         "draw it takes 1 minus the others)");
        const transition& r = m.transitions[tr.remainder];
        const double base = branch_probability_on(m, tr.remainder, on);
        auto it = rest.emplace(std::pair{tr.remainder, on}, base).first;
        it->second -= support_of(u.dist).hi - u.mean;
        if (it->second < -1e-12)
            fail(at, "the probability of transition " + in_quotes(tr.id) + " can be drawn as high as " +
                         format_number(support_of(u.dist).hi) + (on ? " from " + iso(*on) : "") + "; then " +
                         in_quotes(r.id) + ", which takes the rest, would fall below 0 (it is " +
                         format_number(base) +
                         " at the means); narrow the distribution so that the branches out of " +
                         in_quotes(from) + " sum to 1 in every draw");
    }
}

// The times in the system at which the conditions of `out` are to be tried:
// 0, each bound, a time between each two and one beyond the last. Every
// bound is constant between two of them, so they stand for every time >= 0.
// Each comes with how a message names it ("" for a model without times).
std::vector<std::pair<double, std::string>> times_to_try(const model& m, const std::vector<index_t>& out) {
    std::vector<double> bounds{0};
    for (index_t t : out)
        for (const conjunction& k : m.transitions[t].when.any_of)
            for (double b : {k.in_system.lo, k.in_system.hi})
                if (std::isfinite(b) && b > 0) bounds.push_back(b);
    if (bounds.size() == 1) return {{0, ""}};
    std::sort(bounds.begin(), bounds.end());
    bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
    // Rounded for the reader: a month is 30.416666666666668 days to the machine.
    auto number = [](double d) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.2f", d);
        std::string t(buf);
        t.erase(t.find_last_not_of('0') + 1);
        if (t.back() == '.') t.pop_back();
        return t;
    };
    auto days = [&](double d) { return number(d) + " days"; };
    std::vector<std::pair<double, std::string>> times;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        times.push_back({bounds[i], "exactly " + days(bounds[i]) + " in the system"});
        if (i + 1 < bounds.size())
            times.push_back({(bounds[i] + bounds[i + 1]) / 2, "between " + number(bounds[i]) + " and " +
                                                                  days(bounds[i + 1]) + " in the system"});
    }
    times.push_back({bounds.back() + 1, "more than " + days(bounds.back()) + " in the system"});
    return times;
}

// For each placement, the probabilities of the transitions out of it whose
// `when` holds must sum to 1 for every combination of the attributes used
// and at every time in the system.
void check_branches(const model& m, const tnode& root) {
    const auto all = elements_of(root, element_kind::transition);
    // The ordinary moves (no_index) and the moves while waiting in each list, apart.
    std::vector<index_t> lanes{no_index};
    for (const transition& tr : m.transitions)
        if (std::find(lanes.begin(), lanes.end(), tr.while_waiting) == lanes.end())
            lanes.push_back(tr.while_waiting);
    for (index_t p = 0; p < m.placements.size(); ++p)
        for (index_t lane : lanes) {
            std::vector<index_t> out;
            std::vector<index_t> attrs;
            for (index_t t = 0; t < m.transitions.size(); ++t) {
                const auto& tr = m.transitions[t];
                if (tr.from != p || tr.while_waiting != lane) continue;
                out.push_back(t);
                for (index_t a = 0; a < 64; ++a)
                    if (((tr.when.uses() >> a) & 1u) &&
                        std::find(attrs.begin(), attrs.end(), a) == attrs.end())
                        attrs.push_back(a);
            }
            if (out.empty()) continue;
            if (attrs.size() > 16)
                fail(all[out[0]].node->at,
                     "transitions out of " + in_quotes(m.placements[p].id) +
                         " use more than 16 attributes in 'when'; simplify the branches");
            const auto times = times_to_try(m, out);
            // The branches sum to 1 before the dated steps and on each date one of them changes.
            std::vector<std::optional<date>> dates{std::nullopt};
            for (index_t t : out)
                for (const schedule::step& st : m.transitions[t].probability_steps) dates.push_back(st.from);
            std::sort(dates.begin() + 1, dates.end());
            dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
            for (const std::optional<date>& on : dates)
                for (std::uint64_t combo = 0; combo < (std::uint64_t{1} << attrs.size()); ++combo) {
                    std::uint64_t bits = 0;
                    for (std::size_t k = 0; k < attrs.size(); ++k)
                        if ((combo >> k) & 1u) bits |= std::uint64_t{1} << attrs[k];
                    for (const auto& [in_system, time_text] : times) {
                        double sum = 0;
                        std::vector<std::string> terms;
                        origin at = all[out[0]].node->at;
                        bool overridden = false;
                        for (index_t t : out) {
                            const auto& tr = m.transitions[t];
                            if (!tr.when.holds(bits, in_system)) continue;
                            const double pr = branch_probability_on(m, t, on);
                            if (pr < -1e-12)
                                fail(all[t].node->find("probability") ? all[t].node->find("probability")->at
                                                                      : all[t].node->at,
                                     "transition " + in_quotes(tr.id) +
                                         " takes the rest of its siblings' probability, "
                                         "which would be " +
                                         format_number(pr) + (on ? " from " + iso(*on) : "") +
                                         "; change the steps so that the others sum to at most 1 on every "
                                         "date");
                            sum += pr;
                            terms.push_back(tr.id + " " + format_number(pr));
                            // Name the overriding file when an override changed the sum.
                            const tnode* pn = all[t].node->find("probability");
                            const tnode& where = pn ? *pn : *all[t].node;
                            if (!overridden && where.at.file && *where.at.file != m.file) {
                                at = where.at;
                                overridden = true;
                            }
                        }
                        if (std::fabs(sum - 1) <= 1e-9) continue;
                        std::vector<std::string> cond;
                        for (std::size_t k = 0; k < attrs.size(); ++k)
                            cond.push_back(((combo >> k) & 1u ? "" : "!") + m.attributes[attrs[k]].id);
                        if (!time_text.empty()) cond.push_back(time_text);
                        std::string msg =
                            "the probabilities of the " +
                            (lane == no_index ? "transitions"s
                                              : "moves while waiting in " +
                                                    in_quotes(m.transitions[lane].id) + "'s list") +
                            " out of " + in_quotes(m.placements[p].id);
                        if (!cond.empty()) msg += " for clients with " + join(cond, " and ");
                        if (on) {
                            msg += " from " + iso(*on);
                            // Point at a step of that date.
                            for (index_t t : out) {
                                const tnode* pn = all[t].node->find("probability");
                                if (!pn || pn->type != ttype::array) continue;
                                for (const tnode& st : pn->items)
                                    if (const tnode* f = st.find("from");
                                        f && f->type == ttype::date && read_date(field{f, "", ""}) == *on)
                                        at = st.at;
                            }
                        }
                        msg += " sum to " + format_number(sum) + " (" +
                               (terms.empty() ? "none applies"s : join(terms)) +
                               "); make them sum to 1 (use 'when' to split branches by attribute" +
                               (time_text.empty() ? "" : " or by time in the system") + ")";
                        fail(at, msg);
                    }
                }
        }
}

// Giving up needs a waiting list to give up; a move while waiting needs a list
// to keep its place in, no gates of its own, and a destination to stay in.
void check_waiting(const model& m, const tnode& root) {
    const auto all = elements_of(root, element_kind::transition);
    auto at = [&](index_t t, const char* key) {
        const tnode* n = all[t].node->find(key);
        return n ? n->at : all[t].node->at;
    };
    const std::string no_list =
        " has no waiting list (no supply or staff gate in 'require' and no capacity in its destination), so "
        "nobody waits there";
    for (index_t t = 0; t < m.transitions.size(); ++t) {
        const transition& tr = m.transitions[t];
        if (tr.has_give_up()) {
            if (!m.has_waiting_list(t))
                fail(at(t, "give_up_after"),
                     all[t].label + no_list +
                         " to give up; remove 'give_up_after' or add a resource gate, "
                         "e.g. require = [ { supply = \"lagenheter\" } ]");
            if (tr.give_up_keeps_place && m.placements[tr.give_up_to].terminal)
                fail(at(t, "give_up_to"),
                     all[t].label + " keeps a client who gives up in its waiting list, but sends it to " +
                         in_quotes(m.placements[tr.give_up_to].id) +
                         ", which is terminal (it leaves the system); set give_up_keeps_place = false or "
                         "choose a placement to wait in");
        }
        if (tr.while_waiting == no_index) continue;
        const transition& list = m.transitions[tr.while_waiting];
        if (tr.while_waiting == t || !m.has_waiting_list(tr.while_waiting))
            fail(at(t, "while_waiting"),
                 all[t].label + " is a move while waiting in the list of transition " + in_quotes(list.id) +
                     ", but " + in_quotes(list.id) + no_list +
                     "; name a transition with a resource gate (a supply, a staff pool, or a destination "
                     "with a capacity)");
        if (!tr.gates.empty())
            fail(at(t, "require"), all[t].label + " is a move while waiting: the client keeps its place in " +
                                       in_quotes(list.id) +
                                       "'s list and waits for nothing else; remove 'require'");
        if (m.placements[tr.to].terminal)
            fail(at(t, "to"), all[t].label + " is a move while waiting into " +
                                  in_quotes(m.placements[tr.to].id) +
                                  ", which is terminal: a client there leaves the system and its place; "
                                  "use give_up_after and give_up_to on " +
                                  in_quotes(list.id) + " for that");
    }
}

}  // namespace hemsim::loader
