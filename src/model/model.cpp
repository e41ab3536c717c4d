#include "model/model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <stdexcept>
#include <utility>

#include "model/suggest.hpp"

namespace hemsim {
namespace {

// "file:line:column: message"; the message alone without a file.
std::string placed(const std::string& file, std::uint32_t line, std::uint32_t column,
                   const std::string& message) {
    if (file.empty()) return message;
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on ":" + a temporary.
    std::string s = file;
    if (line > 0) {
        s += ':';
        s += std::to_string(line);
        s += ':';
        s += std::to_string(column);
    }
    s += ": ";
    s += message;
    return s;
}

std::string fix_of(const std::string& message) {
    const std::size_t sep = message.find("; ");
    return sep == std::string::npos ? std::string() : message.substr(sep + 2);
}

}  // namespace

input_error::input_error(const std::string& message)
    : std::runtime_error(message), message_(message), fix_(fix_of(message)) {}

input_error::input_error(std::string file, std::uint32_t line, std::uint32_t column, std::string message)
    : std::runtime_error(placed(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(std::move(message)),
      fix_(fix_of(message_)) {}

std::string iso(const date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

std::uint32_t staff_pool::slots_at(double fte_value) const {
    if (kind == staff_kind::none) return 0;
    // Clamped before the cast: a cast of a value beyond the type is undefined.
    const double slots = std::floor(fte_value * slots_per_fte + 1e-9);
    if (!(slots > 0)) return 0;
    return static_cast<std::uint32_t>(std::min(slots, 4e9));
}

time_bounds time_bounds::both(const time_bounds& o) const {
    time_bounds b = *this;
    if (o.lo > b.lo || (o.lo == b.lo && !o.lo_closed)) {
        b.lo_closed = o.lo == b.lo ? b.lo_closed && o.lo_closed : o.lo_closed;
        b.lo = o.lo;
    }
    if (o.hi < b.hi || (o.hi == b.hi && !o.hi_closed)) {
        b.hi_closed = o.hi == b.hi ? b.hi_closed && o.hi_closed : o.hi_closed;
        b.hi = o.hi;
    }
    return b;
}

bool condition::excludes(const condition& o) const {
    if (always() || o.always()) return false;
    for (const conjunction& a : any_of)
        for (const conjunction& b : o.any_of)
            if (!a.excludes(b)) return false;
    return true;
}

index_t model::find_placement(const std::string& id) const {
    for (index_t i = 0; i < placements.size(); ++i)
        if (placements[i].id == id) return i;
    return no_index;
}

bool model::has_waiting_list(index_t t) const {
    const transition& tr = transitions[t];
    if (tr.while_waiting != no_index) return false;  // a move while waiting waits for nothing
    if (placements[tr.to].capacity) return true;
    for (const gate& g : tr.gates)
        if (g.kind != gate_kind::service) return true;
    return false;
}

std::vector<queue_info> model::queues() const {
    std::vector<queue_info> q;
    q.reserve(services.size() + transitions.size());
    for (index_t s = 0; s < services.size(); ++s) q.push_back({queue_kind::service, s, true});
    for (index_t t = 0; t < transitions.size(); ++t)
        q.push_back({queue_kind::waiting_list, t, has_waiting_list(t)});
    return q;
}

const model_input* model::find_input(const std::string& path) const {
    for (const model_input& in : inputs)
        if (in.path == path) return &in;
    return nullptr;
}

std::size_t scenario::baseline_index() const {
    for (std::size_t i = 0; i < alternatives.size(); ++i)
        if (alternatives[i].baseline) return i;
    return 0;
}

std::string number_text(double v) {
    if (std::isnan(v)) return "not a number";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

namespace {

void check_rule(value_rule rule, double v) {
    if (!std::isfinite(v)) throw std::invalid_argument(number_text(v) + " is not a finite number");
    switch (rule) {
    case value_rule::any: break;
    case value_rule::non_negative:
        if (v < 0) throw std::invalid_argument(number_text(v) + " is negative; it must be >= 0");
        break;
    case value_rule::positive:
        if (!(v > 0)) throw std::invalid_argument(number_text(v) + " must be > 0");
        break;
    case value_rule::probability:
        if (v < 0 || v > 1)
            throw std::invalid_argument(number_text(v) + " is not a probability between 0 and 1");
        break;
    case value_rule::whole:
        if (v < 0 || v != std::floor(v) || v > max_count)
            throw std::invalid_argument(number_text(v) + " is not a whole number between 0 and " +
                                        number_text(max_count));
        break;
    }
}

void set_in_schedule(schedule& s, std::int32_t step, double v) {
    if (step == whole_schedule) {
        s.initial = v;
        s.steps.clear();
    } else if (step == 0) {
        s.initial = v;
    } else if (static_cast<std::size_t>(step) <= s.steps.size()) {
        s.steps[static_cast<std::size_t>(step) - 1].value = v;
    } else {
        throw std::invalid_argument("the schedule has no step " + std::to_string(step));
    }
}

// A price or cost set as it was written: per dygn, or per month with its daily rate
// (month x 12 / 365) beside it.
void set_priced(schedule& per_month, schedule& per_day, bool given_per_month, std::int32_t step, double v) {
    if (given_per_month) set_in_schedule(per_month, step, v);
    set_in_schedule(per_day, step, given_per_month ? v * 12.0 / 365.0 : v);
}

// Parameter `i` of a duration distribution as written, in days.
void set_parameter(distribution& d, index_t i, double days) {
    double* slot = nullptr;
    switch (d.kind) {
    case dist_kind::fixed:
    case dist_kind::exponential: slot = i == 0 ? &d.a : nullptr; break;
    case dist_kind::uniform: slot = i == 0 ? &d.a : i == 1 ? &d.b : nullptr; break;
    case dist_kind::triangular: slot = i == 0 ? &d.a : i == 1 ? &d.c : i == 2 ? &d.b : nullptr; break;
    case dist_kind::normal:
    case dist_kind::lognormal:
    case dist_kind::gamma: slot = i == 0 ? &d.a : i == 1 ? &d.b : nullptr; break;
    }
    if (!slot) throw std::invalid_argument("the distribution has no parameter " + std::to_string(i + 1));
    *slot = days;
    if (d.kind == dist_kind::uniform && d.a > d.b)
        throw std::invalid_argument("its minimum " + number_text(d.a) + " would be above its maximum " +
                                    number_text(d.b));
    if (d.kind == dist_kind::triangular && !(d.a <= d.c && d.c <= d.b))
        throw std::invalid_argument("min <= mode <= max would not hold (" + number_text(d.a) + ", " +
                                    number_text(d.c) + ", " + number_text(d.b) + ")");
    if (d.kind == dist_kind::exponential && !(d.a > 0)) throw std::invalid_argument("the mean must be > 0");
    if ((d.kind == dist_kind::lognormal || d.kind == dist_kind::gamma) && !(d.a > 0))
        throw std::invalid_argument("the mean must be > 0");
}

template <class T>
T& element_at(std::vector<T>& v, index_t i) {
    if (i >= v.size()) throw std::invalid_argument("no such element");
    return v[i];
}

}  // namespace

double branch_probability_on(const model& m, index_t t, std::optional<date> d) {
    auto on = [&](const transition& tr) {
        double v = tr.probability;
        if (d)
            for (const schedule::step& st : tr.probability_steps)
                if (st.from <= *d) v = st.value;
        return v;
    };
    const transition& tr = m.transitions[t];
    double v = on(tr);
    for (const transition& s : m.transitions)
        if (s.remainder == t && &s != &tr && !s.probability_steps.empty()) v -= on(s) - s.probability;
    return v;
}

std::vector<date> branch_dates(const model& m, index_t t) {
    std::vector<date> out;
    for (index_t s = 0; s < m.transitions.size(); ++s)
        if (s == t || (m.transitions[s].remainder == t))
            for (const schedule::step& st : m.transitions[s].probability_steps) out.push_back(st.from);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void set_input(model& m, std::vector<project_cost>* project_costs, const input_ref& ref, value_rule rule,
               double v) {
    check_rule(rule, v);
    switch (ref.field) {
    case input_field::placement_price: {
        placement& p = element_at(m.placements, ref.element);
        set_priced(p.price_per_month_sek, p.price_per_day_sek, p.price_given_per_month, ref.step, v);
        break;
    }
    case input_field::placement_capacity: {
        // A placement without a capacity may be given one (a constant).
        std::optional<schedule>& cap = element_at(m.placements, ref.element).capacity;
        if (!cap) cap.emplace();
        set_in_schedule(*cap, ref.step, v);
        break;
    }
    case input_field::placement_max_stay: element_at(m.placements, ref.element).max_stay_days = v; break;
    case input_field::placement_charged_for:
        element_at(m.placements, ref.element).charged_for_days = v * ref.unit;
        break;
    case input_field::transition_move_cost:
        element_at(m.transitions, ref.element).cost_per_move_sek = v;
        break;
    case input_field::staff_fte: set_in_schedule(element_at(m.staff, ref.element).fte, ref.step, v); break;
    case input_field::staff_annual_cost: {
        set_in_schedule(element_at(m.staff, ref.element).annual_cost_per_fte_sek, ref.step, v);
        // Project lines that fund this pool without an amount of their own cost its annual cost.
        if (project_costs)
            for (project_cost& pc : *project_costs)
                if (pc.per_year_from_pool && pc.staff == ref.element)
                    pc.per_year_sek = pc.fte * m.staff[ref.element].annual_cost_per_fte_sek.initial;
        break;
    }
    case input_field::staff_slots_per_fte: element_at(m.staff, ref.element).slots_per_fte = v; break;
    case input_field::service_duration:
        set_parameter(element_at(m.services, ref.element).duration, ref.sub, v * ref.unit);
        break;
    case input_field::supply_per_year:
        set_in_schedule(element_at(m.supplies, ref.element).per_year, ref.step, v);
        break;
    case input_field::attribute_probability: {
        element_at(m.attributes, ref.element).probability = v;
        for (group& g : m.groups)
            if (!((g.own_probability >> ref.element) & 1u) && ref.element < g.attribute_probability.size())
                g.attribute_probability[ref.element] = v;
        break;
    }
    case input_field::attribute_cost: {
        attribute& a = element_at(m.attributes, ref.element);
        set_priced(a.cost_per_month_sek, a.cost_per_day_sek, a.cost_given_per_month, ref.step, v);
        break;
    }
    case input_field::group_probability:
        element_at(element_at(m.groups, ref.element).attribute_probability, ref.sub) = v;
        break;
    case input_field::initial_count:
        element_at(element_at(m.groups, ref.element).initial, ref.sub).count = static_cast<std::uint32_t>(v);
        break;
    case input_field::initial_elapsed:
        // `sub` names the entry, so the duration's parameter sits in `step`.
        set_parameter(element_at(element_at(m.groups, ref.element).initial, ref.sub).elapsed_days,
                      static_cast<index_t>(std::max(ref.step, 0)), v * ref.unit);
        break;
    case input_field::arrival_per_year:
        set_in_schedule(element_at(element_at(m.groups, ref.element).arrivals, ref.sub).per_year, ref.step,
                        v);
        break;
    case input_field::transition_after: {
        transition& t = element_at(m.transitions, ref.element);
        if (ref.step >= 1) {
            if (static_cast<std::size_t>(ref.step) > t.after_steps.size())
                throw std::invalid_argument("the duration has no step " + std::to_string(ref.step));
            set_parameter(t.after_steps[static_cast<std::size_t>(ref.step) - 1].after, ref.sub, v * ref.unit);
        } else {
            set_parameter(t.after, ref.sub, v * ref.unit);
        }
        break;
    }
    case input_field::transition_give_up:
        set_parameter(element_at(m.transitions, ref.element).give_up_after, ref.sub, v * ref.unit);
        break;
    case input_field::transition_probability: {
        transition& t = element_at(m.transitions, ref.element);
        if (ref.step >= 1) {
            // A dated step: the sibling that takes the rest follows it on every date.
            if (static_cast<std::size_t>(ref.step) > t.probability_steps.size())
                throw std::invalid_argument("the schedule has no step " + std::to_string(ref.step));
            if (t.remainder == no_index)
                throw std::invalid_argument(
                    "transition '" + t.id +
                    "' has no sibling to take the rest of its probability (another transition "
                    "out of the same placement with the same 'when' and a plain probability)");
            double& slot = t.probability_steps[static_cast<std::size_t>(ref.step) - 1].value;
            const double old = slot;
            slot = v;
            for (const date& d : branch_dates(m, t.remainder)) {
                const double rest = branch_probability_on(m, t.remainder, d);
                if (rest < -1e-12) {
                    slot = old;
                    throw std::invalid_argument("it would leave " + number_text(rest) + " on " + iso(d) +
                                                " to transition '" + m.transitions[t.remainder].id +
                                                "', which takes the rest; the probabilities must sum to 1");
                }
            }
            break;
        }
        if (ref.step == whole_schedule) t.probability_steps.clear();  // a constant replaces the schedule
        if (t.remainder == no_index)
            throw std::invalid_argument(
                "transition '" + t.id +
                "' has no sibling to take the rest of its probability (another transition "
                "out of the same placement with the same 'when')");
        transition& r = element_at(m.transitions, t.remainder);
        const double rest = r.probability - (v - t.probability);
        if (rest < -1e-12)
            throw std::invalid_argument("it would leave " + number_text(rest) + " to transition '" + r.id +
                                        "', which takes the rest; the probabilities must sum to 1");
        t.probability = v;
        r.probability = std::max(0.0, rest);
        break;
    }
    case input_field::project_per_year:
    case input_field::project_one_off: {
        if (!project_costs) throw std::invalid_argument("a project cost line belongs to an alternative");
        project_cost& pc = element_at(*project_costs, ref.element);
        (ref.field == input_field::project_per_year ? pc.per_year_sek : pc.one_off_sek) = v;
        if (ref.field == input_field::project_per_year) pc.per_year_from_pool = false;
        break;
    }
    }
}

std::optional<model_input> resolve_input(const alternative& alt, const std::string& path) {
    if (const model_input* in = alt.system.find_input(path)) return *in;
    // A placement without a capacity in the file may be given one.
    const std::string prefix = "placement.", suffix = ".capacity";
    if (path.size() > prefix.size() + suffix.size() && path.rfind(prefix, 0) == 0 &&
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
        const std::string id = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
        index_t p = alt.system.find_placement(id);
        if (p != no_index && !alt.system.placements[p].terminal) {
            model_input in;
            in.path = path;
            in.ref = input_ref{input_field::placement_capacity, p, no_index, whole_schedule, 1};
            in.rule = value_rule::whole;
            in.unit = "platser";
            return in;
        }
    }
    return std::nullopt;
}

namespace {

// set_value in the alternatives `which` picks; `which_text` names them in the message when none has the path.
void set_value_where(scenario& sc, const std::string& path, double value,
                     const std::function<bool(const alternative&)>& which, const std::string& which_text) {
    bool found = false;
    for (alternative& alt : sc.alternatives) {
        if (!which(alt)) continue;
        std::optional<model_input> in = resolve_input(alt, path);
        if (!in) continue;
        found = true;
        try {
            set_input(alt, *in, value);
        } catch (const std::invalid_argument& e) {
            throw input_error("set " + path + "=" + number_text(value) + " in alternative '" + alt.id +
                              "': " + e.what());
        }
        // A number set is no longer uncertain in this alternative; a schedule set
        // whole (a constant) has no steps left, uncertain or not.
        const bool whole = in->ref.step == whole_schedule;
        auto gone = [&](const std::string& p) { return p == path || (whole && p.rfind(path + "@", 0) == 0); };
        auto& u = alt.system.uncertain;
        u.erase(std::remove_if(u.begin(), u.end(), [&](const uncertain_param& p) { return gone(p.path); }),
                u.end());
        auto& ins = alt.system.inputs;
        ins.erase(std::remove_if(ins.begin(), ins.end(),
                                 [&](const model_input& i) { return i.path != path && gone(i.path); }),
                  ins.end());
        for (model_input& i : ins)
            if (i.path == path) {
                i.value = value;
                i.dist.reset();
                i.listed = true;
            }
    }
    if (found) return;
    std::vector<std::string> paths;
    for (const alternative& alt : sc.alternatives)
        for (const model_input& in : alt.system.inputs)
            if (std::find(paths.begin(), paths.end(), in.path) == paths.end()) paths.push_back(in.path);
    std::string msg =
        "set path '" + path + "' not found: no alternative" + which_text + " has that model value";
    if (auto n = nearest(path, paths))
        msg += "; did you mean '" + *n + "'?";
    else
        msg +=
            "; a path is kind.id.field as in the files, e.g. 'staff.boendestodjare.fte', a schedule step "
            "'supply.lagenheter.per_year@2008-03-01' or a duration's "
            "'transition.stodboende_forsok.after.mean'";
    throw input_error(msg);
}

}  // namespace

void set_value(scenario& sc, const std::string& path, double value, bool baseline_too) {
    set_value_where(
        sc, path, value, [&](const alternative& a) { return baseline_too || !a.baseline; },
        baseline_too ? "" : " but the nollalternativ");
}

void set_value_in(scenario& sc, const std::string& alternative_id, const std::string& path, double value) {
    if (std::none_of(sc.alternatives.begin(), sc.alternatives.end(),
                     [&](const alternative& a) { return a.id == alternative_id; }))
        throw input_error("the case has no alternative '" + alternative_id + "'");
    set_value_where(
        sc, path, value, [&](const alternative& a) { return a.id == alternative_id; },
        " called '" + alternative_id + "'");
}

}  // namespace hemsim
