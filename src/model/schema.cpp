// The schema of the model language: the one table of the kinds of element
// (see schema.hpp).
#include "model/schema.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
#include <utility>

namespace hemsim::loader {
namespace {

using ek = element_kind;

// In the order of element_kind: the model's kinds in the order they are built.
// clang-format off
const std::array<kind_schema, 12>& kinds_table() {
    static const std::array<kind_schema, 12> table{{
        {ek::payer, "payer", written_in::model, {"id", "name", "source", "note"}, "payer", "payers"},
        {ek::placement, "placement", written_in::model,
         {"id", "name", "price_per_month", "price_per_day", "capacity", "payer", "terminal", "clears_flags",
          "max_stay_days", "after_max_stay", "never_for", "charged_for", "source", "note"},
         "placement", "placements"},
        {ek::staff, "staff", written_in::model,
         {"id", "name", "fte", "annual_cost_per_fte", "caseload", "service_slots", "payer", "source", "note"},
         "staff pool", "staff pools"},
        {ek::service, "service", written_in::model,
         {"id", "name", "staff", "duration", "grants", "source", "note"},
         "service", "services"},
        {ek::supply, "supply", written_in::model,
         {"id", "name", "per_year", "process", "source", "note"},
         "supply", "supplies"},
        {ek::attribute, "attribute", written_in::model,
         {"id", "name", "probability", "redraw_on_entry", "cost_per_month", "cost_per_day", "cost_in", "category",
          "payer", "source", "note"},
         "attribute", "attributes"},
        {ek::group, "group", written_in::model,
         {"id", "name", "probabilities", "initial", "arrivals", "source", "note"},
         "group", "groups"},
        {ek::transition, "transition", written_in::model,
         {"id", "from", "to", "after", "probability", "when", "require", "cost_per_move", "cost_payer",
          "give_up_after", "give_up_to", "give_up_keeps_place", "while_waiting", "source", "note"},
         "transition", "transitions"},
        {ek::indicator, "indicator", written_in::model,
         {"id", "name", "persons_in", "entries", "moves", "when", "over_max_stay", "source", "note"},
         "indicator", "indicators"},
        {ek::initial, "initial", written_in::group,
         {"id", "placement", "count", "state", "elapsed_days", "flags", "holds", "attributes", "source", "note"},
         "initial entry", "initial entries"},
        {ek::arrivals, "arrivals", written_in::group,
         {"id", "placement", "per_year", "process", "source", "note"},
         "arrivals entry", "arrivals entries"},
        {ek::flag, "flag", written_in::nowhere, {}, "flag", "flags"},
    }};
    return table;
}
// clang-format on

std::optional<element_kind> find_kind(std::string_view key, written_in in) {
    for (const kind_schema& k : kinds_table())
        if (k.in == in && k.key == key) return k.kind;
    return std::nullopt;
}

}  // namespace

const kind_schema& schema_of(element_kind kind) {
    const kind_schema& k = kinds_table()[static_cast<std::size_t>(kind)];
    assert(k.kind == kind);
    return k;
}

const std::vector<element_kind>& element_kinds() {
    static const std::vector<element_kind> kinds = [] {
        std::vector<element_kind> out;
        for (const kind_schema& k : kinds_table())
            if (k.in == written_in::model) out.push_back(k.kind);
        return out;
    }();
    return kinds;
}

const std::vector<std::string>& element_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> out;
        for (element_kind k : element_kinds()) out.emplace_back(schema_of(k).key);
        return out;
    }();
    return keys;
}

const std::vector<std::string>& keys_of(table_kind t) {
    // clang-format off
    static const std::array<std::vector<std::string>, static_cast<std::size_t>(table_kind::count_)> keys{{
        {"name", "description", "source", "note"},
        {"title", "description", "model", "start", "horizon_years", "horizon_months", "replications", "seed",
         "warmup_days", "years", "units", "alternative", "set", "source", "note", "discount_rate"},
        {"id", "name", "baseline", "description", "set", "project_cost", "calc", "calc_note", "source", "note"},
        {"item", "per_year", "one_off", "start", "end", "payer", "staff", "fte", "source", "note"},
        {"item", "placement", "attribute", "staff", "price_per_month", "price_per_day", "per_year", "count",
         "amount", "months", "days", "note", "source"},
        {"service", "supply", "staff", "when", "source", "note"},
        {"when", "instead", "source", "note"},
        {"value", "unit", "source", "note"},
    }};
    // clang-format on
    return keys[static_cast<std::size_t>(t)];
}

std::optional<element_kind> model_kind(std::string_view key) { return find_kind(key, written_in::model); }

std::optional<element_kind> group_entry_kind(std::string_view key) {
    return find_kind(key, written_in::group);
}

std::optional<std::string_view> exclusive_partner(std::string_view key) {
    static const std::array<std::pair<std::string_view, std::string_view>, 3> pairs{{
        {"price_per_month", "price_per_day"},
        {"caseload", "service_slots"},
        {"cost_per_month", "cost_per_day"},
    }};
    for (const auto& [a, b] : pairs) {
        if (key == a) return b;
        if (key == b) return a;
    }
    return std::nullopt;
}

std::optional<std::string> element_id(element_kind kind, const tnode& el) {
    if (el.type != ttype::table) return std::nullopt;
    if (const tnode* id = el.find("id"); id && id->type == ttype::string) return id->text;
    if (kind == element_kind::transition) {
        const tnode* from = el.find("from");
        const tnode* to = el.find("to");
        if (from && to && from->type == ttype::string && to->type == ttype::string)
            return from->text + "_" + to->text;
    }
    if (kind == element_kind::initial || kind == element_kind::arrivals) {
        if (const tnode* p = el.find("placement"); p && p->type == ttype::string) return p->text;
    }
    return std::nullopt;
}

bool valid_id(std::string_view id) {
    if (id.empty()) return false;
    return std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace hemsim::loader
