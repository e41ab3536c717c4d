// The reader of numbers: plain, with a source, or uncertain (a distribution
// drawn once a replication); schedules of dated steps; duration
// distributions; the rules and limits every number must keep (see values.hpp).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "model/values.hpp"

namespace hemsim::loader {
namespace {

using namespace std::string_literals;

/// "key = value" with a typical value for `key`, for the fix in messages.
std::string example_for(const std::string& key) {
    static const std::map<std::string, std::string, std::less<>> examples{{"price_per_month", "16500"},
                                                                          {"price_per_day", "550"},
                                                                          {"capacity", "19"},
                                                                          {"fte", "6"},
                                                                          {"annual_cost_per_fte", "500000"},
                                                                          {"caseload", "13"},
                                                                          {"service_slots", "8"},
                                                                          {"per_year", "30"},
                                                                          {"probability", "0.6"},
                                                                          {"count", "50"},
                                                                          {"elapsed_days", "100"},
                                                                          {"cost_per_month", "7000"},
                                                                          {"cost_per_day", "230"},
                                                                          {"horizon_years", "3"},
                                                                          {"horizon_months", "18"},
                                                                          {"replications", "200"},
                                                                          {"warmup_days", "0"},
                                                                          {"one_off", "50000"}};
    auto it = examples.find(key);
    std::string k = key.empty() ? "value" : key;
    return k + " = " + (it != examples.end() ? it->second : "1");
}

// Checks on numbers, each with the fix in its message.
void check_finite(const field& f, const tnode& at, double v) {
    if (!std::isfinite(v))
        fail(at.at,
             f.what + " is " + format_number(v) + "; write a finite number (nan and inf are not allowed)");
}
void check_non_negative(const field& f, const tnode& at, double v) {
    if (v < 0) fail(at.at, f.what + " is " + format_number(v) + ", a negative value; it must be >= 0");
}
void check_positive(const field& f, const tnode& at, double v) {
    if (!(v > 0)) fail(at.at, f.what + " is " + format_number(v) + "; it must be > 0");
}
void check_probability(const field& f, const tnode& at, double v) {
    if (v < 0 || v > 1)
        fail(at.at, f.what + " is " + format_number(v) + "; a probability must be between 0 and 1");
}
void check_whole(const field& f, const tnode& at, double v) {
    check_non_negative(f, at, v);
    if (v != std::floor(v) || v > max_count)
        fail(at.at, f.what + " is " + format_number(v) + "; it must be a whole number from 0 to " +
                        format_number(max_count) + " (hemsim's limit for a count or a capacity)");
}

/// The largest value a number may take, with what it is (docs/language.md,
/// "Limits"): beyond it a run would overflow or exhaust the machine.
struct number_limit {
    double max;
    const char* what;
};

number_limit limit_of(const field& f) {
    if (!f.target) return {1e12, "a number"};
    const double unit = f.target->unit > 0 ? f.target->unit : 1;
    switch (f.target->field) {
    case input_field::supply_per_year:
    case input_field::arrival_per_year: return {max_rate_per_year, "a rate a year"};
    case input_field::staff_fte: return {1e5, "the FTE of a staff pool"};
    case input_field::staff_slots_per_fte: return {1e4, "clients or cases per FTE"};
    case input_field::placement_capacity:
    case input_field::initial_count: return {max_count, "a count or a capacity"};
    case input_field::service_duration:
    case input_field::transition_after:
    case input_field::transition_give_up:
    case input_field::initial_elapsed:
    case input_field::placement_charged_for:
    case input_field::placement_max_stay: return {max_duration_days / unit, "a duration (1 000 000 days)"};
    case input_field::placement_price:
    case input_field::attribute_cost: return {1e7, "a price a dygn or a month"};
    case input_field::staff_annual_cost: return {1e8, "an annual cost per FTE"};
    case input_field::project_per_year:
    case input_field::project_one_off: return {1e11, "a project amount"};
    case input_field::transition_move_cost: return {1e9, "a cost per move"};
    case input_field::attribute_probability:
    case input_field::group_probability:
    case input_field::transition_probability: return {1, "a probability"};
    }
    return {1e12, "a number"};
}

void check_limit(const field& f, const tnode& at, double v) {
    const number_limit l = limit_of(f);
    if (std::fabs(v) > l.max)
        fail(at.at, f.what + " is " + format_number(v) + "; hemsim's limit for " + l.what + " is " +
                        format_number(l.max) + " (docs/language.md, \"Limits\")");
}

void check_rule(const field& f, const tnode& at, double v, value_rule rule) {
    switch (rule) {
    case value_rule::any: break;
    case value_rule::non_negative: check_non_negative(f, at, v); break;
    case value_rule::positive: check_positive(f, at, v); break;
    case value_rule::probability: check_probability(f, at, v); break;
    case value_rule::whole: check_whole(f, at, v); break;
    }
}

const char* const param_kinds[] = {"uniform", "triangular", "normal", "lognormal", "gamma", "beta"};

std::string last_key(const field& f) { return f.path.substr(f.path.rfind('.') + 1); }

field at_step(field f, std::int32_t step) {
    if (f.target) f.target->step = step;
    return f;
}

bool open_at_zero(const param_distribution& d) {
    return d.kind == param_kind::lognormal || d.kind == param_kind::gamma || d.kind == param_kind::beta;
}

// "0,45" or "16 500,5": what a Swedish hand writes for a number.
bool looks_like_decimal_comma(const std::string& s) {
    bool digit = false, comma = false;
    for (char c : s) {
        if (c >= '0' && c <= '9')
            digit = true;
        else if (c == ',') {
            if (comma) return false;
            comma = true;
        } else if (c != ' ' && c != '-' && c != '+')
            return false;
    }
    return digit && comma;
}
std::string decimal_point(std::string s) {
    s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
    std::replace(s.begin(), s.end(), ',', '.');
    return s;
}

}  // namespace

const tnode& reader::number_node(const field& f) const {
    if (f.node->type == ttype::table && f.node->find("value")) return *f.node->find("value");
    return *f.node;
}

const char* reader::uncertain_kind(const tnode& n) {
    if (n.type != ttype::table || n.find("value")) return nullptr;
    for (const char* k : param_kinds)
        if (n.find(k)) return k;
    return nullptr;
}

double reader::number(const field& f, value_rule rule) {
    const tnode* n = f.node;
    if (const char* kind = uncertain_kind(*n)) return uncertain(f, kind, rule);
    double x = 0;
    if (n->type == ttype::table && n->find("value")) {
        check_keys(*n, {"value", "source", "note"}, f.what);
        const tnode* v = n->find("value");
        if (!v->is_number()) {
            if (uncertain_kind(*v))
                fail(v->at, "'value' of " + f.what +
                                " is a distribution; write the distribution in place of "
                                "the table, e.g. " +
                                last_key(f) + " = { triangular = [550, 700, 1500], source = \"...\" }");
            wrong_type(field{v, "'value' of " + f.what, f.path}, "a number", "value = 16500");
        }
        x = v->number();
        check_finite(f, *v, x);
        check_rule(f, *v, x, rule);
        check_limit(f, *v, x);
        record(f, x, rule, nullptr, *n);
        return x;
    }
    if (!n->is_number()) {
        if (n->type == ttype::string && looks_like_decimal_comma(n->text))
            fail(n->at, f.what + " is the text \"" + n->text +
                            "\"; TOML numbers use a decimal point: write " + decimal_point(n->text) +
                            " without quotes");
        wrong_type(f, "a number", example_for(n->key) + " or { value = ..., source = \"...\" }");
    }
    x = n->number();
    check_finite(f, *n, x);
    check_rule(f, *n, x, rule);
    check_limit(f, *n, x);
    record(f, x, rule, nullptr, *n);
    return x;
}

std::vector<schedule_step> schedule_steps(const field& f, const std::string& first,
                                          const std::string& later) {
    if (f.node->items.empty())
        fail(f.node->at,
             f.what + " is an empty schedule; give at least one step, e.g. [ { value = " + first + " } ]");
    std::vector<schedule_step> out;
    std::optional<date> last;
    for (std::size_t i = 0; i < f.node->items.size(); ++i) {
        const tnode& step = f.node->items[i];
        std::string what = "step " + std::to_string(i + 1) + " of " + f.what;
        if (step.type != ttype::table)
            fail(step.at, what + " must be a table such as { from = 2008-04-01, value = " + later +
                              " }, not " + type_name(step));
        check_keys(step, {"from", "value", "source", "note"}, what);
        const tnode* from = step.find("from");
        const tnode* value = step.find("value");
        if (!value) fail(step.at, "missing key 'value' in " + what + "; add e.g. value = " + later);
        std::optional<date> d;
        if (!from) {
            if (i > 0)
                fail(step.at, what +
                                  " has no 'from'; only the first step may omit it: add e.g. "
                                  "from = 2008-04-01");
        } else {
            d = read_date(field{from, "'from' of " + what, f.path});
            if (last && !(*d > *last))
                fail(from->at, "schedule dates must be strictly increasing: " + iso(*d) + " in " + what +
                                   " is not after " + iso(*last) + "; order the steps by date");
            last = d;
        }
        out.push_back({&step, value, d, std::move(what)});
    }
    return out;
}

schedule reader::read_schedule(const field& f, value_rule rule) {
    schedule s;
    if (f.node->type != ttype::array) {
        if (!f.node->is_number() &&
            !(f.node->type == ttype::table && (f.node->find("value") || uncertain_kind(*f.node))))
            number(f);  // the message for a wrong type (or a decimal comma)
        s.initial = number(at_step(f, whole_schedule), rule);
        return s;
    }
    for (const schedule_step& st : schedule_steps(f, "6", "9")) {
        const std::optional<date>& d = st.from;
        field vf = at_step(f, d ? static_cast<std::int32_t>(s.steps.size() + 1) : 0);
        vf.node = st.value;
        vf.what = "'value' of " + st.what;
        vf.path = f.path + "@" + (d ? iso(*d) : "start");
        if (st.value->type == ttype::table && !uncertain_kind(*st.value))
            wrong_type(vf, "a number or a distribution", "value = 9 or value = { uniform = [6, 12] }");
        double x = number(vf, rule);
        attach_source(*st.table);
        if (d)
            s.steps.push_back(schedule::step{*d, x});
        else
            s.initial = x;
    }
    // The bare path addresses the whole schedule (a `set` replaces it by a constant).
    if (f.target) {
        model_input whole;
        whole.path = f.path;
        whole.ref = *f.target;
        whole.ref.step = whole_schedule;
        whole.rule = rule;
        whole.unit = f.unit;
        whole.value = s.initial;
        whole.where = describe(f.node->at);
        whole.listed = false;
        inputs_.push_back(std::move(whole));
    }
    return s;
}

namespace {

// Marks `ref` as parameter `i` of its duration: in `sub`, or, for an initial
// entry's elapsed time (whose `sub` names the entry), in `step`.
void parameter_of(input_ref& ref, index_t i) {
    if (ref.field == input_field::initial_elapsed)
        ref.step = static_cast<std::int32_t>(i);
    else
        ref.sub = i;
}

}  // namespace

distribution reader::read_distribution(const field& f) {
    distribution d;
    const tnode* n = f.node;
    if (n->is_number() || (n->type == ttype::table && n->find("value"))) {
        d.kind = dist_kind::fixed;
        field pf = f;
        if (pf.target) parameter_of(*pf.target, 0);
        pf.unit = "dagar";
        d.a = non_negative(pf);
        return d;
    }
    if (n->type != ttype::table)
        wrong_type(f, "a duration", "365 or { exponential = 180 } or { uniform = [0, 365] }");
    static const std::vector<std::string> kinds{"fixed",  "exponential", "uniform", "triangular",
                                                "normal", "lognormal",   "gamma"};
    std::vector<std::string> allowed = kinds;
    for (const char* k : {"unit", "source", "note"}) allowed.emplace_back(k);
    check_keys(*n, allowed, f.what);
    const tnode* spec = nullptr;
    for (const auto& item : n->items) {
        if (std::find(kinds.begin(), kinds.end(), item.key) == kinds.end()) continue;
        if (spec)
            fail(item.key_at, f.what + " gives two distributions (" + in_quotes(spec->key) + " and " +
                                  in_quotes(item.key) + "); keep one");
        spec = &item;
    }
    if (!spec)
        fail(n->at, f.what +
                        " names no distribution; write one of fixed, exponential, uniform, "
                        "triangular, normal, lognormal, gamma, e.g. { exponential = 180 }");
    double unit = 1;
    std::string unit_text = "days";
    if (const tnode* u = n->find("unit")) {
        unit_text = read_string(field{u, "'unit' of " + f.what, f.path}, "unit = \"months\"");
        static const std::vector<std::string> units{"days", "weeks", "months", "years"};
        if (unit_text == "days")
            unit = 1;
        else if (unit_text == "weeks")
            unit = 7;
        else if (unit_text == "months")
            unit = 365.0 / 12.0;
        else if (unit_text == "years")
            unit = 365;
        else
            fail(u->at, "unknown unit " + in_quotes(unit_text) + " in " + f.what +
                            suggestion(unit_text, units, "valid units", ""));
    }
    static const std::map<std::string, std::string, std::less<>> unit_words{
        {"days", "dagar"}, {"weeks", "veckor"}, {"months", "månader"}, {"years", "år"}};
    const std::string& kind = spec->key;
    field sf{spec, in_quotes(kind) + " of " + f.what, f.path};
    std::size_t arity = (kind == "fixed" || kind == "exponential") ? 1 : (kind == "triangular" ? 3 : 2);
    static const std::map<std::string, std::string, std::less<>> shapes{
        {"fixed", "{ fixed = 365 }"},
        {"exponential", "{ exponential = 180 } (the mean)"},
        {"uniform", "{ uniform = [0, 365] } (min, max)"},
        {"triangular", "{ triangular = [30, 60, 180] } (min, mode, max)"},
        {"normal", "{ normal = [90, 30] } (mean, sd)"},
        {"lognormal", "{ lognormal = [180, 90] } (mean, sd)"},
        {"gamma", "{ gamma = [180, 90] } (mean, sd)"}};
    static const std::map<std::string, std::vector<std::string>, std::less<>> names{
        {"fixed", {""}},
        {"exponential", {"mean"}},
        {"uniform", {"min", "max"}},
        {"triangular", {"min", "mode", "max"}},
        {"normal", {"mean", "sd"}},
        {"lognormal", {"mean", "sd"}},
        {"gamma", {"mean", "sd"}}};
    const std::string& shape = shapes.at(kind);
    std::vector<const tnode*> p_nodes;
    if (arity == 1) {
        if (!spec->is_number() && !uncertain_kind(*spec)) wrong_type(sf, "a number", shape);
        p_nodes.push_back(spec);
    } else {
        if (spec->type != ttype::array || spec->items.size() != arity)
            fail(spec->at,
                 sf.what + " must be a list of " + std::to_string(arity) + " numbers; write e.g. " + shape);
        for (const auto& item : spec->items) {
            if (!item.is_number() && !uncertain_kind(item))
                wrong_type(field{&item, sf.what, f.path}, "a list of numbers", shape);
            p_nodes.push_back(&item);
        }
    }
    // Each parameter: its value (the mean when uncertain) and the range of its draws.
    const std::size_t first_input = inputs_.size(), first_uncertain = uncertain_.size();
    std::vector<double> p;
    std::vector<support> range;
    std::vector<std::optional<param_distribution>> pdist;
    for (std::size_t i = 0; i < p_nodes.size(); ++i) {
        const std::string& pname = names.at(kind)[i];
        field pf{p_nodes[i], sf.what, pname.empty() ? f.path : f.path + "." + pname};
        if (f.target) {
            pf.target = *f.target;
            parameter_of(*pf.target, static_cast<index_t>(i));
            pf.target->unit = unit;
        }
        pf.unit = unit_words.at(unit_text);
        if (!p_nodes[i]->is_number()) pf.what = "'" + pname + "' of " + sf.what;
        // Signs are checked below with the distribution's own messages.
        double x;
        if (p_nodes[i]->is_number()) {
            x = p_nodes[i]->number();
            check_finite(sf, *p_nodes[i], x);
            if (std::fabs(x) * unit > max_duration_days)
                fail(p_nodes[i]->at, sf.what + " has " + format_number(x) + " " + unit_text +
                                         "; hemsim's limit for a duration is " +
                                         format_number(max_duration_days) +
                                         " days (docs/language.md, \"Limits\")");
            record(pf, x, value_rule::non_negative, nullptr, *p_nodes[i]);
            range.push_back({x, x});
            pdist.emplace_back();
        } else {
            x = number(pf, value_rule::non_negative);
            pdist.push_back(*last_distribution(pf.path));
            range.push_back(support_of(*pdist.back()));
        }
        p.push_back(x);
    }
    auto nonneg = [&](std::size_t i, std::string_view name) {
        if (p[i] < 0)
            fail(p_nodes[i]->at, "negative " + std::string(name) + " " + format_number(p[i]) + " in " +
                                     sf.what + "; a duration must be >= 0");
    };
    // A bound that a draw of an uncertain parameter may cross.
    auto ordered = [&](std::size_t i, std::size_t j, std::string_view a, std::string_view b) {
        if (range[i].hi > range[j].lo)
            fail(spec->at, sf.what + ": its " + std::string(a) + " can be drawn as high as " +
                               format_number(range[i].hi) + " and its " + std::string(b) + " as low as " +
                               format_number(range[j].lo) + "; narrow the distributions so that " +
                               std::string(a) + " <= " + std::string(b) + " in every draw");
    };
    // An uncertain parameter that must be > 0: its draws must be, too.
    auto positive_draws = [&](std::size_t i, std::string_view name) {
        if (!pdist[i] || range[i].lo > 0) return;
        if (range[i].lo == 0 && open_at_zero(*pdist[i])) return;
        fail(p_nodes[i]->at, sf.what + ": its " + std::string(name) + " can be drawn as " +
                                 format_number(range[i].lo) + "; it must be > 0 in every draw");
    };
    if (kind == "fixed") {
        d.kind = dist_kind::fixed;
        nonneg(0, "duration");
        d.a = p[0];
    } else if (kind == "exponential") {
        d.kind = dist_kind::exponential;
        if (!(p[0] > 0))
            fail(p_nodes[0]->at, sf.what + " has mean " + format_number(p[0]) + "; the mean must be > 0");
        positive_draws(0, "mean");
        d.a = p[0];
    } else if (kind == "uniform") {
        d.kind = dist_kind::uniform;
        nonneg(0, "min");
        if (p[0] > p[1])
            fail(spec->at, sf.what + " has min " + format_number(p[0]) + " > max " + format_number(p[1]) +
                               "; write [min, max] with min <= max");
        ordered(0, 1, "min", "max");
        d.a = p[0];
        d.b = p[1];
    } else if (kind == "triangular") {
        d.kind = dist_kind::triangular;
        nonneg(0, "min");
        if (p[0] > p[1])
            fail(spec->at, sf.what + " has min " + format_number(p[0]) + " > mode " + format_number(p[1]) +
                               "; write [min, mode, max] with min <= mode <= max");
        if (p[1] > p[2])
            fail(spec->at, sf.what + " has mode " + format_number(p[1]) + " > max " + format_number(p[2]) +
                               "; write [min, mode, max] with min <= mode <= max");
        ordered(0, 1, "min", "mode");
        ordered(1, 2, "mode", "max");
        d.a = p[0];
        d.c = p[1];
        d.b = p[2];
    } else {
        d.kind = kind == "normal"      ? dist_kind::normal
                 : kind == "lognormal" ? dist_kind::lognormal
                                       : dist_kind::gamma;
        if (kind == "normal")
            nonneg(0, "mean");
        else if (!(p[0] > 0))
            fail(p_nodes[0]->at, sf.what + " has mean " + format_number(p[0]) + "; the mean must be > 0");
        else
            positive_draws(0, "mean");
        if (p[1] < 0)
            fail(p_nodes[1]->at, sf.what + " has sd " + format_number(p[1]) + "; the sd must be >= 0");
        // Beyond this spread the draws overflow or underflow to nonsense.
        if (kind != "normal" && range[1].hi > max_cv * range[0].lo)
            fail(p_nodes[1]->at, sf.what + " has an sd up to " + format_number(range[1].hi) +
                                     " against a mean of " + format_number(range[0].lo) +
                                     "; hemsim allows an sd of at most " + format_number(max_cv) +
                                     " times the mean for a " + kind +
                                     " duration (its draws would not be finite numbers)");
        d.a = p[0];
        d.b = p[1];
    }
    // The parameters carry the distribution's own source and note.
    const std::string src =
        n->find("source") && n->find("source")->type == ttype::string ? n->find("source")->text : "";
    const std::string nt =
        n->find("note") && n->find("note")->type == ttype::string ? n->find("note")->text : "";
    for (std::size_t i = first_input; i < inputs_.size(); ++i) {
        if (inputs_[i].source.empty()) inputs_[i].source = src;
        if (inputs_[i].note.empty()) inputs_[i].note = nt;
    }
    for (std::size_t i = first_uncertain; i < uncertain_.size(); ++i) {
        if (uncertain_[i].source.empty()) uncertain_[i].source = src;
        if (uncertain_[i].note.empty()) uncertain_[i].note = nt;
    }
    d.a *= unit;
    d.b *= unit;
    d.c *= unit;
    std::vector<std::string> ps;
    for (double x : p) ps.push_back(format_number(x));
    note(f.path, kind + " " + join(ps) + " " + unit_text, *n);
    return d;
}

void reader::note(const std::string& path, const std::string& value, const tnode& table) {
    if (table.type != ttype::table) return;
    const tnode* src = table.find("source");
    const tnode* nt = table.find("note");
    if (!src && !nt) return;
    source_note sn;
    sn.path = path;
    sn.value = value;
    if (src) sn.source = read_string(field{src, "'source' of " + path, path}, "source = \"seed 002\"");
    if (nt) sn.note = read_string(field{nt, "'note' of " + path, path}, "note = \"...\"");
    notes_.push_back(std::move(sn));
}

void reader::attach_source(const tnode& table) {
    if (inputs_.empty()) return;
    model_input& in = inputs_.back();
    if (const tnode* s = table.find("source"); s && s->type == ttype::string && in.source.empty())
        in.source = s->text;
    if (const tnode* s = table.find("note"); s && s->type == ttype::string && in.note.empty())
        in.note = s->text;
}

void reader::record(const field& f, double value, value_rule rule, const param_distribution* dist,
                    const tnode& table) {
    if (!f.target) {
        note(f.path, format_number(value), table);
        return;
    }
    model_input in;
    in.path = f.path;
    in.ref = *f.target;
    in.rule = rule;
    in.value = value;
    in.unit = f.unit;
    if (dist) in.dist = *dist;
    in.where = describe(f.node->at);
    if (table.type == ttype::table) {
        if (const tnode* s = table.find("source"))
            in.source = read_string(field{s, "'source' of " + f.what, f.path}, "source = \"seed 002\"");
        if (const tnode* s = table.find("note"))
            in.note = read_string(field{s, "'note' of " + f.what, f.path}, "note = \"...\"");
    }
    inputs_.push_back(std::move(in));
}

double reader::uncertain(const field& f, const std::string& kind, value_rule rule) {
    const tnode* n = f.node;
    if (!f.target)
        fail(n->at, f.what +
                        " is given as a distribution, but it takes a plain number (calc lines, "
                        "the case's settings and a project line's fte cannot be uncertain; model values, "
                        "schedule steps, duration parameters and project amounts can)");
    check_keys(*n, {kind, "source", "note"}, f.what);
    const tnode* v = n->find(kind);
    field vf{v, "'" + kind + "' of " + f.what, f.path};
    std::vector<double> xs;
    if (v->type != ttype::array) wrong_type(vf, "a list of numbers", kind + " = [550, 700, 1500]");
    for (const tnode& item : v->items) {
        if (!item.is_number())
            wrong_type(field{&item, vf.what, f.path}, "a number", kind + " = [550, 700, 1500]");
        check_finite(vf, item, item.number());
        xs.push_back(item.number());
    }
    std::size_t want = kind == "triangular" ? 3 : 2;
    if (xs.size() != want)
        fail(v->at, vf.what + " has " + std::to_string(xs.size()) + " numbers; write " + kind +
                        (kind == "triangular" ? " = [min, mode, max]"
                         : kind == "uniform"  ? " = [min, max]"
                                              : " = [mean, sd]"));
    uncertain_param u;
    u.path = f.path;
    u.ref = *f.target;
    u.rule = rule;
    param_distribution& d = u.dist;
    if (kind == "uniform") {
        d = {param_kind::uniform, xs[0], xs[1], 0};
        if (xs[0] > xs[1])
            fail(v->at, vf.what + ": min " + format_number(xs[0]) + " > max; write [min, max]");
        u.mean = (xs[0] + xs[1]) / 2;
    } else if (kind == "triangular") {
        d = {param_kind::triangular, xs[0], xs[2], xs[1]};
        if (!(xs[0] <= xs[1] && xs[1] <= xs[2]))
            fail(v->at, vf.what + " must be [min, mode, max] with min <= mode <= max");
        u.mean = (xs[0] + xs[1] + xs[2]) / 3;
    } else {
        param_kind k = kind == "normal"      ? param_kind::normal
                       : kind == "lognormal" ? param_kind::lognormal
                       : kind == "gamma"     ? param_kind::gamma
                                             : param_kind::beta;
        d = {k, xs[0], xs[1], 0};
        if (xs[1] < 0) fail(v->at, vf.what + ": the sd is negative; it must be >= 0");
        if ((k == param_kind::lognormal || k == param_kind::gamma) && !(xs[0] > 0))
            fail(v->at, vf.what + ": the mean must be > 0 for a " + kind + " distribution");
        if ((k == param_kind::lognormal || k == param_kind::gamma) && xs[1] > max_cv * xs[0])
            fail(v->at, vf.what + ": an sd of " + format_number(xs[1]) + " is more than " +
                            format_number(max_cv) +
                            " times the mean; its draws would not be finite numbers: narrow it");
        if (k == param_kind::beta && !(xs[0] > 0 && xs[0] < 1 && xs[1] * xs[1] < xs[0] * (1 - xs[0])))
            fail(v->at, vf.what + ": a beta distribution needs 0 < mean < 1 and sd^2 < mean (1 - mean)");
        u.mean = xs[0];
    }
    check_support(f, d, rule);
    const support s = support_of(d);
    if (std::isfinite(s.hi)) check_limit(f, *v, s.hi);
    if (std::isfinite(s.lo)) check_limit(f, *v, s.lo);
    if (!std::isfinite(s.hi) && u.mean + 10 * d.b > limit_of(f).max)
        fail(v->at, vf.what + ": its draws can exceed " + format_number(limit_of(f).max) +
                        ", hemsim's limit for " + limit_of(f).what + "; narrow it");
    if (rule == value_rule::whole) u.mean = std::round(u.mean);
    record(f, u.mean, rule, &d, *n);
    if (const tnode* s = n->find("source"); s && s->type == ttype::string) u.source = s->text;
    if (const tnode* s = n->find("note"); s && s->type == ttype::string) u.note = s->text;
    uncertain_.push_back(u);
    return u.mean;
}

void reader::check_support(const field& f, const param_distribution& d, value_rule rule) {
    const tnode& at = *f.node;
    const bool prob = rule == value_rule::probability;
    switch (d.kind) {
    case param_kind::uniform:
    case param_kind::triangular:
        check_rule(f, at, d.a, rule == value_rule::whole ? value_rule::non_negative : rule);
        check_rule(f, at, d.b, rule == value_rule::whole ? value_rule::non_negative : rule);
        if (rule == value_rule::whole && d.b > max_count) check_whole(f, at, d.b);
        break;
    case param_kind::normal:
        if (d.b > 0)
            fail(at.at, f.what + ": a normal distribution can go below 0" +
                            (prob ? " or above 1; use beta = [mean, sd] for a probability"s
                                  : "; use lognormal or gamma for a value that must be >= 0"s));
        check_rule(f, at, d.a, rule == value_rule::whole ? value_rule::non_negative : rule);
        break;
    case param_kind::lognormal:
    case param_kind::gamma:
        if (prob) fail(at.at, f.what + ": a probability needs beta = [mean, sd] or a bounded distribution");
        if (rule == value_rule::whole && d.b > 0)
            fail(at.at, f.what +
                            ": a count or a capacity needs a bounded distribution (uniform or triangular), "
                            "so that every draw stays within " +
                            format_number(max_count));
        break;
    case param_kind::beta:
        if (rule == value_rule::whole)
            fail(at.at,
                 f.what + ": a beta distribution is for probabilities; give a count uniform or triangular");
        break;
    }
}

}  // namespace hemsim::loader
