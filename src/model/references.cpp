// The ids of a model and the references to them: pass 1 of the builder
// collects every id and flag, then each reference (an id, a list of ids, a
// flag mask, a condition on attributes) is resolved against them with "did you
// mean" (see builder.hpp).
#include <algorithm>

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
    // The engine keeps these as bits of one word: the limit is checked at the first one over it.
    auto at_most = [&](element_kind kind, std::size_t limit, std::string_view fix) {
        const auto els = elements_of(root, kind);
        if (els.size() > limit)
            fail(els[limit].node->at, "the model has " + std::to_string(els.size()) + " " +
                                          std::string(schema_of(kind).plural) + "; hemsim's limit is " +
                                          std::to_string(limit) + ": " + std::string(fix));
    };
    at_most(element_kind::staff, max_staff_pools, "merge pools that work alike");
    at_most(element_kind::attribute, max_attributes, "merge attributes or drop unused ones");
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

condition model_ids::read_condition(const field& f) {
    std::string s = read_string(f, "when = \"has_debt\" (or \"!has_debt\", or \"ung_vuxen & !missbruk\")");
    if (s.find('|') != std::string::npos || s.find(" or ") != std::string::npos)
        fail(f.node->at,
             f.what + " \"" + s +
                 "\" asks for an 'or'; conditions are conjunctions of attributes (\"a & !b\"): "
                 "write the branch once for each case instead, e.g. when = \"a\" and when = \"!a & b\" "
                 "for \"a | b\"");
    condition c;
    std::size_t start = 0;
    for (;;) {
        std::size_t amp = s.find('&', start);
        std::string term = s.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
        term.erase(0, term.find_first_not_of(" \t"));
        term.erase(term.find_last_not_of(" \t") + 1);
        bool negated = !term.empty() && term[0] == '!';
        if (negated) term.erase(0, 1);
        if (term.empty())
            fail(f.node->at, f.what + " has an empty term in \"" + s +
                                 "\"; write when = \"attr\", \"!attr\" or \"a & !b\"");
        std::uint64_t bit = std::uint64_t{1} << resolve_id(f, *f.node, term, element_kind::attribute);
        if (((negated ? c.all_of : c.none_of) & bit) != 0)
            fail(f.node->at, f.what + " \"" + s + "\" asks for " + in_quotes(term) +
                                 " both to hold and not to hold; it can never be true");
        (negated ? c.none_of : c.all_of) |= bit;
        if (amp == std::string::npos) break;
        start = amp + 1;
    }
    return c;
}

}  // namespace hemsim::loader
