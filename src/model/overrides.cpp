// Overrides: merging a scenario's element arrays (by id) and `set` paths into
// a copy of the model's tree (see overrides.hpp).
#include "model/overrides.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/schema.hpp"

namespace hemsim::loader {
namespace {

using namespace std::string_literals;

/// Replaces or adds `value` (carrying its key) in `table`. Unless `keep_partner`,
/// drops the field it excludes (price_per_day for price_per_month, ...).
void set_field(tnode& table, const tnode& value, bool keep_partner = false) {
    auto partner = exclusive_partner(value.key);
    if (partner && !keep_partner) {
        auto& items = table.items;
        items.erase(
            std::remove_if(items.begin(), items.end(), [&](const tnode& f) { return f.key == *partner; }),
            items.end());
    }
    if (tnode* existing = table.find(value.key))
        *existing = value;
    else
        table.items.push_back(value);
}

void merge_elements(tnode& dst, const tnode& src, element_kind kind);

void merge_element(tnode& dst, const tnode& src, element_kind kind) {
    for (const auto& f : src.items) {
        tnode* existing = dst.find(f.key);
        const auto entry = kind == element_kind::group ? group_entry_kind(f.key) : std::nullopt;
        if (entry && existing && existing->type == ttype::array && f.type == ttype::array) {
            merge_elements(*existing, f, *entry);
        } else if (kind == element_kind::group && f.key == "probabilities" && existing &&
                   existing->type == ttype::table && f.type == ttype::table) {
            for (const auto& p : f.items) set_field(*existing, p);
        } else {
            // An override giving both fields of a pair keeps both: the builder reports it.
            auto partner = exclusive_partner(f.key);
            set_field(dst, f, partner && src.find(*partner));
        }
    }
}

// Merges an array of override elements into the model's array, by element id.
void merge_elements(tnode& dst, const tnode& src, element_kind kind) {
    const std::string key(schema_of(kind).key);
    std::string where = schema_of(kind).in == written_in::group ? "group." + key : key;
    if (src.type != ttype::array)
        fail(src.at, "override " + in_quotes(src.key) + " must be an array of tables; write [[alternative." +
                         where + "]]");
    for (const auto& s : src.items) {
        if (s.type != ttype::table)
            fail(s.at, "each override " + in_quotes(where) + " must be a table, not " + type_name(s) +
                           "; write [[alternative." + where + "]]");
        auto id = element_id(kind, s);
        if (!id)
            fail(s.at, "override of " + where + " has no id; overrides are matched by id: add id = \"...\"" +
                           (kind == element_kind::transition ? " (or from and to)"s : ""s));
        // Adding an element must be said (new = true): an id that matches
        // nothing is far more often a typo, which would silently add an element.
        bool is_new = false;
        const tnode* nw = s.find("new");
        if (nw) {
            if (nw->type != ttype::boolean)
                fail(nw->at,
                     "'new' in an override of " + where + " must be true or false, not " + type_name(*nw));
            is_new = nw->boolean;
        }
        tnode clean = s;
        clean.items.erase(std::remove_if(clean.items.begin(), clean.items.end(),
                                         [](const tnode& f) { return f.key == "new"; }),
                          clean.items.end());
        const tnode* idn = s.find("id");
        const origin& at = idn ? idn->at : s.at;
        auto it = std::find_if(dst.items.begin(), dst.items.end(),
                               [&](const tnode& d) { return element_id(kind, d) == id; });
        if (it != dst.items.end()) {
            if (is_new)
                fail(nw->at, where + " " + in_quotes(*id) + " already exists (at " + describe(it->at) +
                                 "); remove new = true to change it, or give the new one another id");
            merge_element(*it, clean, kind);
        } else {
            if (!is_new) {
                std::vector<std::string> ids;
                for (const tnode& d : dst.items)
                    if (auto e = element_id(kind, d)) ids.push_back(*e);
                fail(at, "no " + where + " " + in_quotes(*id) + " to change" +
                             suggestion(*id, ids, "there are", "there are none") + "; to add a new " + where +
                             " here, write new = true in its table");
            }
            dst.items.push_back(std::move(clean));
        }
    }
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        std::size_t pos = s.find(sep, start);
        out.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
        if (pos == std::string::npos) break;
        start = pos + 1;
    }
    return out;
}

// Finds the element `id` in `arr` (may be null); else fails naming what exists.
tnode& find_element(tnode* arr, element_kind kind, const std::string& id, const std::string& path,
                    const origin& at, const std::string& in) {
    std::vector<std::string> ids;
    if (arr && arr->type == ttype::array) {
        for (auto& el : arr->items) {
            auto eid = element_id(kind, el);
            if (eid == id) return el;
            if (eid) ids.push_back(*eid);
        }
    }
    fail(at, "set path " + in_quotes(path) + " not found: no " + std::string(schema_of(kind).key) + " " +
                 in_quotes(id) + in + suggestion(id, ids, "there are", "there are none"));
}

/// Applies one `set` path ("staff.boendestodjare.fte") to the model's tree.
void apply_set(tnode& root, const std::string& path, const tnode& value, const origin& at) {
    auto segs = split(path, '.');
    if (segs.size() < 3)
        fail(at, "set path " + in_quotes(path) +
                     " is too short; write kind.id.field, e.g. \"staff.boendestodjare.fte\"");
    const std::optional<element_kind> top = model_kind(segs[0]);
    if (!top)
        fail(at, "set path " + in_quotes(path) + " not found: unknown kind " + in_quotes(segs[0]) +
                     suggestion(segs[0], element_keys(), "kinds", ""));
    tnode* el = &find_element(root.find(segs[0]), *top, segs[1], path, at, " in the model");
    element_kind kind = *top;
    std::string label = segs[0] + " " + in_quotes(segs[1]);
    std::size_t i = 2;
    const auto entry = kind == element_kind::group ? group_entry_kind(segs[2]) : std::nullopt;
    if (entry) {
        if (segs.size() != 5)
            fail(at, "set path " + in_quotes(path) + " must be group.<id>." + segs[2] +
                         ".<entry id>.<field>, e.g. "
                         "\"group.hemlosa.initial.stodboende.count\"");
        el = &find_element(el->find(segs[2]), *entry, segs[3], path, at, " in " + label);
        label = segs[2] + " entry " + in_quotes(segs[3]) + " of " + label;
        kind = *entry;
        i = 4;
    }
    const auto& keys = schema_of(kind).keys;
    if (segs.size() != i + 1) {
        fail(at, "set path " + in_quotes(path) + " not found: " + label + " has no field " +
                     in_quotes(join(
                         std::vector<std::string>(segs.begin() + static_cast<std::ptrdiff_t>(i), segs.end()),
                         ".")) +
                     "; a path ends at a field: " + join(keys));
    }
    const std::string& name = segs[i];
    if (name == "id")
        fail(at, "set path " + in_quotes(path) +
                     " would change an id; ids cannot be set, add an element instead");
    if (!el->find(name) && std::find(keys.begin(), keys.end(), name) == keys.end()) {
        fail(at, "set path " + in_quotes(path) + " not found: " + label + " has no field " + in_quotes(name) +
                     suggestion(name, keys, "its fields", ""));
    }
    tnode v = value;
    v.key = name;
    v.key_at = at;
    set_field(*el, v);
}

/// Collects `set` entries, accepting quoted paths and dotted keys alike.
void collect_set(const tnode& n, const std::string& prefix,
                 std::vector<std::pair<std::string, const tnode*>>& out) {
    for (const auto& f : n.items) {
        std::string path = prefix.empty() ? f.key : prefix + "." + f.key;
        auto segs = split(path, '.');
        const bool entry =
            segs.size() >= 3 && model_kind(segs[0]) == element_kind::group && group_entry_kind(segs[2]);
        std::size_t need = entry ? 5 : 3;
        if (f.type == ttype::table && segs.size() < need)
            collect_set(f, path, out);
        else
            out.emplace_back(path, &f);
    }
}

}  // namespace

// Merges the element arrays and `set` paths of `e` (the scenario's top level
// or an alternative) into a model tree.
void apply_overrides(tnode& tree, const element& e) {
    const tnode& item = *e.node;
    for (element_kind kind : element_kinds()) {
        const std::string_view key = schema_of(kind).key;
        const tnode* over = item.find(key);
        if (!over) continue;
        tnode* dst = tree.find(key);
        if (!dst) {
            tnode empty;
            empty.type = ttype::array;
            empty.key = key;
            empty.at = over->at;
            empty.key_at = over->key_at;
            tree.items.push_back(std::move(empty));
            dst = tree.find(key);
        }
        merge_elements(*dst, *over, kind);
    }
    if (const tnode* set = item.find("set")) {
        if (set->type != ttype::table)
            wrong_type(field_of(e, *set), "a table of paths", "set = { \"staff.boendestodjare.fte\" = 9 }");
        std::vector<std::pair<std::string, const tnode*>> entries;
        collect_set(*set, "", entries);
        for (const auto& [path, v] : entries) apply_set(tree, path, *v, v->key_at);
    }
}

}  // namespace hemsim::loader
