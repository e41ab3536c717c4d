// The ids of a model and the references to them: pass 1 of the builder
// collects every id and flag, then each reference (an id, a list of ids, a
// flag mask, a condition on attributes) is resolved against them with "did you
// mean" (see builder.hpp).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <tuple>

#include "model/builder.hpp"
#include "model/schema.hpp"

namespace hemsim::loader {

using namespace std::string_literals;

std::vector<element> elements_of(const tnode& root, element_kind kind) {
    const std::string key(schema_of(kind).key);
    std::vector<element> out;
    const tnode* arr = root.find(key);
    if (!arr) return out;
    if (arr->type != ttype::array)
        fail(arr->at, in_quotes(key) + " must be an array of tables, not " + type_name(*arr) + "; write [[" +
                          key + "]]");
    for (const auto& item : arr->items) {
        if (item.type != ttype::table)
            fail(item.at, "each " + in_quotes(key) + " must be a table, not " + type_name(item) +
                              "; write [[" + key + "]]");
        std::string id = element_id(kind, item).value_or("?");
        out.push_back(element{&item, key + " " + in_quotes(id), key + "." + id});
    }
    return out;
}

const tnode& id_node(const element& e) { return require_key(e, "id", "id = \"stodboende\""); }

void check_id(const tnode& n, const std::string& id, std::string_view kind,
              std::map<std::string, origin>& seen) {
    if (!valid_id(id))
        fail(n.at, "invalid id " + in_quotes(id) + " for a " + std::string(kind) +
                       "; ids use lower case letters a-z, digits and _ only (e.g. \"stodboende\")");
    auto [it, fresh] = seen.emplace(id, n.at);
    if (!fresh)
        fail(n.at, "duplicate " + std::string(kind) + " id " + in_quotes(id) + " (first at " +
                       describe(it->second) + "); give each " + std::string(kind) + " its own id");
}

void model_ids::collect(const tnode& root) {
    for (element_kind kind : element_kinds()) {
        std::map<std::string, origin> seen;
        auto& ids = ids_[kind];
        for (const auto& e : elements_of(root, kind)) {
            check_keys(*e.node, schema_of(kind).keys, e.label);
            if (kind == element_kind::transition) {
                const tnode* id = e.node->find("id");
                const tnode& from = require_key(e, "from", "from = \"stodboende\"");
                const tnode& to = require_key(e, "to", "to = \"forsok\"");
                std::string from_id = read_string(field_of(e, from), "from = \"stodboende\"");
                std::string to_id = read_string(field_of(e, to), "to = \"forsok\"");
                std::string tid =
                    id ? read_string(field_of(e, *id), "id = \"stodboende_forsok\"") : from_id + "_" + to_id;
                if (id)
                    check_id(*id, tid, "transition", seen);
                else if (auto [it, fresh] = seen.emplace(tid, e.node->at); !fresh)
                    fail(e.node->at, "duplicate transition id " + in_quotes(tid) + " (first at " +
                                         describe(it->second) +
                                         "); two transitions between the same placements need "
                                         "their own ids: add id = \"...\"");
                ids.push_back(tid);
                continue;
            }
            const tnode& id = id_node(e);
            std::string s = read_string(field_of(e, id), "id = \"stodboende\"");
            check_id(id, s, schema_of(kind).key, seen);
            ids.push_back(s);
            if (kind == element_kind::service) {
                if (const tnode* g = e.node->find("grants")) {
                    std::string flag = read_string(field_of(e, *g), "grants = \"skuldfri\"");
                    if (!valid_id(flag))
                        fail(g->at, "invalid flag name " + in_quotes(flag) +
                                        "; flag names use lower case letters a-z, digits and _ only");
                    if (std::find(flags_.begin(), flags_.end(), flag) == flags_.end()) flags_.push_back(flag);
                }
            }
        }
    }
    // The engine keeps staff pools and attributes as bits of one word, and numbers groups in a
    // client's key (max_groups): the limit is checked at the first one over it.
    auto at_most = [&](element_kind kind, std::size_t limit, std::string_view fix) {
        const auto els = elements_of(root, kind);
        if (els.size() > limit)
            fail(els[limit].node->at, "the model has " + std::to_string(els.size()) + " " +
                                          std::string(schema_of(kind).plural) + "; hemsim's limit is " +
                                          std::to_string(limit) + ": " + std::string(fix));
    };
    at_most(element_kind::staff, max_staff_pools, "merge pools that work alike");
    at_most(element_kind::attribute, max_attributes, "merge attributes or drop unused ones");
    at_most(element_kind::group, max_groups, "merge groups that are alike");
    if (flags_.size() > max_flags)
        fail(root.at, "the model has " + std::to_string(flags_.size()) +
                          " service flags; hemsim's limit is " + std::to_string(max_flags) +
                          ": let services share flags");
}

index_t model_ids::resolve(const field& f, element_kind kind) {
    const auto& ids = of(kind);
    std::string id = read_string(f, f.node->key + " = \"" + (ids.empty() ? "id"s : ids[0]) + "\"");
    return resolve_id(f, *f.node, id, kind);
}

index_t model_ids::resolve_id(const field& f, const tnode& at, const std::string& id, element_kind kind) {
    const auto& ids = of(kind);
    auto it = std::find(ids.begin(), ids.end(), id);
    if (it != ids.end()) return static_cast<index_t>(it - ids.begin());
    const kind_schema& want = schema_of(kind);
    std::string msg = "unknown " + std::string(want.key) + " " + in_quotes(id) + " in " + f.what;
    // A right id of the wrong kind is a common slip: say which kind it is.
    for (element_kind other : element_kinds()) {
        if (other == kind) continue;
        const auto& oids = ids_[other];
        if (std::find(oids.begin(), oids.end(), id) != oids.end()) {
            msg += "; " + in_quotes(id) + " is a " + std::string(schema_of(other).noun) + ", not a " +
                   std::string(want.noun);
            break;
        }
    }
    const std::string plural(want.plural);
    std::string none = kind == element_kind::flag ? "the model has no flags: a flag is what a service grants"
                                                  : "the model has no " + plural;
    fail(at.at, msg + suggestion(id, ids, "known " + plural, none));
}

index_t model_ids::flag_mask(const field& f) {
    index_t mask = 0;
    for (const tnode* item : string_items(f, "[\"skuldfri\"]"))
        mask |= index_t{1} << resolve_id(f, *item, item->text, element_kind::flag);
    return mask;
}

std::vector<index_t> model_ids::placement_list(const field& f) {
    std::vector<index_t> out;
    for (const tnode* item : string_items(f, "[\"stodboende\"]")) {
        index_t p = resolve_id(f, *item, item->text, element_kind::placement);
        if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    }
    return out;
}

namespace {

std::string_view trimmed(std::string_view s) {
    const std::size_t a = s.find_first_not_of(" \t");
    if (a == std::string_view::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

// The parts of `s` between the separators `sep`.
std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0;;) {
        const std::size_t at = s.find(sep, start);
        out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (at == std::string_view::npos) return out;
        start = at + 1;
    }
}

constexpr std::string_view time_example = "in_system > 1 month";
// Alternatives joined by | in one condition: each is tried wherever the condition is read.
constexpr std::size_t max_condition_terms = 16;

// A comparison of the time in the system, "in_system > 1 month", as the days
// it allows. `bad` fails with the rest of a message about the condition.
template <class Fail>
time_bounds read_time_term(std::string_view term, Fail&& bad) {
    const std::size_t op_at = term.find_first_of("<>=!");
    const std::string_view left = trimmed(term.substr(0, op_at));
    std::size_t op_len = 1;
    if (op_at + 1 < term.size() && term[op_at + 1] == '=') op_len = 2;
    const std::string_view op = term.substr(op_at, op_len);
    const std::string_view right = trimmed(term.substr(op_at + op_len));
    if (left != "in_system")
        bad("compares " + in_quotes(left) +
            "; the only quantity a condition compares is the time in the system, written in_system (" +
            std::string(time_example) + ")");
    if (op != ">" && op != ">=" && op != "<" && op != "<=")
        bad("compares the time in the system with " + in_quotes(op) + "; write >, >=, < or <= (" +
            std::string(time_example) + ")");
    double value = 0;
    const auto [end, ec] = std::from_chars(right.data(), right.data() + right.size(), value);
    if (ec != std::errc{} || !std::isfinite(value) || value < 0)
        bad("compares the time in the system with " + in_quotes(right) +
            ", which is not a number >= 0 with a unit; write e.g. " + std::string(time_example) +
            " (units: days, weeks, months, years; days when none is given)");
    const std::string unit(trimmed(right.substr(static_cast<std::size_t>(end - right.data()))));
    static const std::vector<std::pair<std::string, double>> units{
        {"days", 1},           {"day", 1},     {"weeks", 7}, {"week", 7}, {"months", 365.0 / 12},
        {"month", 365.0 / 12}, {"years", 365}, {"year", 365}};
    double days_per_unit = unit.empty() ? 1 : 0;
    for (const auto& [name, days] : units)
        if (unit == name) days_per_unit = days;
    if (days_per_unit == 0)
        bad("has the unknown unit " + in_quotes(unit) +
            suggestion(unit, {"days", "weeks", "months", "years"}, "valid units", "") +
            " (a month is 365/12 days, a year 365)");
    const double days = value * days_per_unit;
    if (days > max_duration_days)
        bad("compares the time in the system with " + format_number(days) +
            " days; hemsim's limit for a duration is " + format_number(max_duration_days) + " days");
    time_bounds b;
    if (op[0] == '>') {
        b.lo = days;
        b.lo_closed = op.size() == 2;
    } else {
        b.hi = days;
        b.hi_closed = op.size() == 2;
    }
    return b;
}

// "a & !b | c" in a canonical order, so that equal conditions compare equal.
bool before(const conjunction& a, const conjunction& b) {
    const time_bounds &x = a.in_system, &y = b.in_system;
    return std::tie(a.all_of, a.none_of, x.lo, x.lo_closed, x.hi, x.hi_closed) <
           std::tie(b.all_of, b.none_of, y.lo, y.lo_closed, y.hi, y.hi_closed);
}

}  // namespace

condition model_ids::read_condition(const field& f, std::string_view no_time_why) {
    static constexpr std::string_view example =
        R"(when = "has_debt" (or "!has_debt", "ung_vuxen & !missbruk", "a | b", "in_system > 1 month"))";
    const std::string s = read_string(f, example);
    auto bad = [&](const std::string& what) -> void { fail(f.node->at, f.what + " \"" + s + "\" " + what); };
    if (s.find_first_of("()") != std::string::npos)
        bad("has parentheses; conditions have none, since & binds tighter than |: write \"a & c | b & c\" "
            "for \"(a | b) & c\"");
    if (s.find("||") != std::string::npos || s.find("&&") != std::string::npos)
        bad("doubles an operator; write a single | for 'or' and a single & for 'and' (\"a & !b | c\")");
    const auto disjuncts = split(s, '|');
    if (disjuncts.size() > max_condition_terms)
        bad("has " + std::to_string(disjuncts.size()) + " alternatives joined by |; hemsim's limit is " +
            std::to_string(max_condition_terms));
    condition c;
    for (std::string_view part : disjuncts) {
        if (trimmed(part).empty()) bad("has nothing on one side of a |; write e.g. when = \"a | b\"");
        conjunction k;
        for (std::string_view raw : split(part, '&')) {
            std::string_view term = trimmed(raw);
            if (term.empty())
                bad("has an empty term; write when = \"attr\", \"!attr\", \"a & !b\" or \"a | b\"");
            const bool negated = term[0] == '!';
            if (term.find_first_of("<>=", negated ? 1 : 0) != std::string_view::npos) {
                if (negated)
                    bad("negates a comparison; write the opposite comparison instead, e.g. in_system <= 30 "
                        "for !(in_system > 30)");
                if (!no_time_why.empty())
                    bad("reads the time in the system (" + in_quotes(term) + "); " +
                        std::string(no_time_why));
                k.in_system = k.in_system.both(read_time_term(term, bad));
                continue;
            }
            if (negated) term.remove_prefix(1);
            term = trimmed(term);
            if (term.empty()) bad("has a ! with nothing after it; write \"!attr\"");
            if (term.find_first_of(" \t") != std::string_view::npos) {
                bad("has the term " + in_quotes(term) +
                    " with a space in it; attribute ids have none: write 'or' as |, 'and' as &, 'not' as ! "
                    "(\"a & !b | c\")");
            }
            const auto& attrs = of(element_kind::attribute);
            if (term == "in_system" && std::find(attrs.begin(), attrs.end(), term) == attrs.end())
                bad("names the time in the system without a comparison; write e.g. " +
                    std::string(time_example));
            const std::string id(term);
            const std::uint64_t bit = std::uint64_t{1} << resolve_id(f, *f.node, id, element_kind::attribute);
            if (((negated ? k.all_of : k.none_of) & bit) != 0)
                bad("asks for " + in_quotes(id) + " both to hold and not to hold" +
                    (disjuncts.size() > 1 ? " in " + in_quotes(trimmed(part)) : ""s) +
                    "; it can never be true");
            (negated ? k.none_of : k.all_of) |= bit;
        }
        // A client's time in the system is never below 0.
        time_bounds ever;
        ever.lo = 0;
        ever.lo_closed = true;
        if (k.in_system.both(ever).empty())
            bad("asks for a time in the system that no client has" +
                (disjuncts.size() > 1 ? " in " + in_quotes(trimmed(part)) : ""s) +
                "; it can never be true: check the comparisons (in_system > 30 & in_system <= 90 is a "
                "range)");
        if (std::find(c.any_of.begin(), c.any_of.end(), k) == c.any_of.end()) c.any_of.push_back(k);
    }
    std::sort(c.any_of.begin(), c.any_of.end(), before);
    return c;
}

}  // namespace hemsim::loader
