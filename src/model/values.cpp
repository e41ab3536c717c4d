// Value readers: the element and the field, and the readers of strings, dates
// and id lists (see values.hpp; numbers, schedules and distributions are in
// reader.cpp).
#include "model/values.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "model/suggest.hpp"

namespace hemsim::loader {

field field_of(const element& e, const tnode& n) {
    return field{&n, in_quotes(n.key) + " in " + e.label, e.path + "." + n.key};
}

field input_of(const element& e, const tnode& n, input_field what, index_t element, std::string unit,
               index_t sub) {
    field f = field_of(e, n);
    f.target = input_ref{what, element, sub, whole_schedule, 1};
    f.unit = std::move(unit);
    return f;
}

void check_keys(const tnode& table, const std::vector<std::string>& allowed, const std::string& label) {
    for (const auto& f : table.items) {
        if (std::find(allowed.begin(), allowed.end(), f.key) != allowed.end()) continue;
        std::string msg = "unknown key " + in_quotes(f.key) + " in " + label;
        if (auto n = nearest(f.key, allowed)) {
            msg += "; did you mean " + in_quotes(*n) + "?";
        } else {
            msg += "; valid keys: " + join(allowed);
        }
        fail(f.key_at, msg);
    }
}

void wrong_type(const field& f, std::string_view want, std::string_view example) {
    std::string msg = f.what + " must be " + std::string(want) + ", not " + type_name(*f.node);
    if (!example.empty()) msg += "; write e.g. " + std::string(example);
    fail(f.node->at, msg);
}

const tnode& require_key(const element& e, std::string_view key, std::string_view example) {
    if (const tnode* n = e.node->find(key)) return *n;
    fail(e.node->at,
         "missing key " + in_quotes(key) + " in " + e.label + "; add e.g. " + std::string(example));
}

std::string read_string(const field& f, std::string_view example) {
    if (f.node->type != ttype::string) wrong_type(f, "a string", example);
    return f.node->text;
}

bool read_bool(const field& f) {
    if (f.node->type != ttype::boolean) wrong_type(f, "true or false", "");
    return f.node->boolean;
}

date read_date(const field& f) {
    if (f.node->type != ttype::date) wrong_type(f, "a date", "2008-01-01 (no quotes)");
    return f.node->day;
}

std::vector<const tnode*> string_items(const field& f, std::string_view example) {
    std::vector<const tnode*> out;
    if (f.node->type == ttype::string) {
        out.push_back(f.node);
        return out;
    }
    if (f.node->type != ttype::array) wrong_type(f, "a list of ids", example);
    for (const auto& item : f.node->items) {
        if (item.type != ttype::string)
            fail(item.at, f.what + " must list ids as strings, not " + type_name(item) + "; write e.g. " +
                              std::string(example));
        out.push_back(&item);
    }
    return out;
}

support support_of(const param_distribution& d) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    switch (d.kind) {
    case param_kind::uniform:
    case param_kind::triangular: return {d.a, d.b};
    case param_kind::normal: return d.b > 0 ? support{-inf, inf} : support{d.a, d.a};
    case param_kind::lognormal:
    case param_kind::gamma: return d.b > 0 ? support{0, inf} : support{d.a, d.a};
    case param_kind::beta: return d.b > 0 ? support{0, 1} : support{d.a, d.a};
    }
    return {d.a, d.a};
}

}  // namespace hemsim::loader
