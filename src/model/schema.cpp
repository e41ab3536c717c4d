// The schema of the model language: the kinds of element and their keys (see
// schema.hpp).
#include "model/schema.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace hemsim::loader {

const std::vector<std::string>& keys_of(std::string_view kind) {
    static const std::vector<std::string> payer{"id", "name", "source", "note"};
    static const std::vector<std::string> placement{
        "id",           "name",          "price_per_month", "price_per_day", "capacity", "payer", "terminal",
        "clears_flags", "max_stay_days", "after_max_stay",  "never_for",     "source",   "note"};
    static const std::vector<std::string> staff{
        "id", "name", "fte", "annual_cost_per_fte", "caseload", "service_slots", "payer", "source", "note"};
    static const std::vector<std::string> service{"id",     "name",   "staff", "duration",
                                                  "grants", "source", "note"};
    static const std::vector<std::string> supply{"id", "name", "per_year", "process", "source", "note"};
    static const std::vector<std::string> attribute{
        "id",           "name",    "probability", "redraw_on_entry", "cost_per_month",
        "cost_per_day", "cost_in", "category",    "payer",           "source",
        "note"};
    static const std::vector<std::string> group{"id",       "name",   "probabilities", "initial",
                                                "arrivals", "source", "note"};
    static const std::vector<std::string> initial{"id",           "placement", "count",  "state",
                                                  "elapsed_days", "flags",     "holds",  "attributes",
                                                  "source",       "note"};
    static const std::vector<std::string> arrivals{"id",      "placement", "per_year",
                                                   "process", "source",    "note"};
    static const std::vector<std::string> transition{"id",   "from",    "to",     "after", "probability",
                                                     "when", "require", "source", "note"};
    static const std::vector<std::string> indicator{"id",    "name",          "persons_in", "entries", "moves",
                                                    "when",  "over_max_stay", "source",     "note"};
    static const std::vector<std::string> none;
    if (kind == "indicator") return indicator;
    if (kind == "payer") return payer;
    if (kind == "placement") return placement;
    if (kind == "staff") return staff;
    if (kind == "service") return service;
    if (kind == "supply") return supply;
    if (kind == "attribute") return attribute;
    if (kind == "group") return group;
    if (kind == "initial") return initial;
    if (kind == "arrivals") return arrivals;
    if (kind == "transition") return transition;
    return none;
}

/// The kinds of model element, in the order they are built.
const std::vector<std::string>& element_kinds() {
    static const std::vector<std::string> kinds{"payer",     "placement", "staff",      "service", "supply",
                                                "attribute", "group",     "transition", "indicator"};
    return kinds;
}

/// Fields that exclude each other: an override that sets one removes the other.
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

/// The id an element is matched by: `id`, else "<from>_<to>" for transitions
/// and the placement for group entries.
std::optional<std::string> element_id(std::string_view collection, const tnode& el) {
    if (el.type != ttype::table) return std::nullopt;
    if (const tnode* id = el.find("id"); id && id->type == ttype::string) return id->text;
    if (collection == "transition") {
        const tnode* from = el.find("from");
        const tnode* to = el.find("to");
        if (from && to && from->type == ttype::string && to->type == ttype::string)
            return from->text + "_" + to->text;
    }
    if (collection == "initial" || collection == "arrivals") {
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
