// Loading models and scenarios (docs/language.md). toml++ is used only to
// parse: the parsed document is converted at once into a small tree of our own
// (`tnode`) that keeps the file, line and column of every value. Copies of
// toml++ nodes drop their source region, and the scenario's overrides are
// copied into the model's tree, so the tree is ours: an error about an
// overridden value then names the scenario file and its line.
#include "model/loader.hpp"
#include "model/suggest.hpp"
#include "model/schema.hpp"
#include "model/tree.hpp"
#include "model/values.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>

namespace hemsim::loader {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

constexpr std::size_t max_gates = 16;  // gates of one transition (bits of the analytic module's cache key)

// ---------------------------------------------------------------------------
// Building a model from its tree

class model_builder {
public:
    model_builder(const tnode& root, std::string file) : root_(root), rd_(m_.notes, m_.inputs, m_.uncertain) {
        m_.file = std::move(file);
    }

    model build() {
        check_keys(root_, top_keys(), "the model (top level)");
        read_header();
        collect_ids();
        for (const auto& e : elements("payer")) build_payer(e);
        for (const auto& e : elements("placement")) build_placement(e);
        for (const auto& e : elements("staff")) build_staff(e);
        for (const auto& e : elements("service")) build_service(e);
        for (const auto& e : elements("supply")) build_supply(e);
        for (const auto& e : elements("attribute")) build_attribute(e);
        for (const auto& e : elements("group")) build_group(e);
        for (const auto& e : elements("transition")) build_transition(e);
        for (const auto& e : elements("indicator")) build_indicator(e);
        check_branches();
        find_remainders();
        check_stock();
        check_instant_cycles();
        return std::move(m_);
    }

private:
    static const std::vector<std::string>& top_keys() {
        static const std::vector<std::string> keys = [] {
            std::vector<std::string> k{"model"};
            for (const auto& kind : element_kinds()) k.push_back(kind);
            return k;
        }();
        return keys;
    }

    void read_header() {
        m_.name = fs::path(m_.file).stem().string();
        const tnode* header = root_.find("model");
        if (!header) return;
        if (header->type != ttype::table)
            fail(header->at, "'model' must be a table; write [model] with name = \"...\"");
        check_keys(*header, {"name", "description", "source", "note"}, "[model]");
        if (const tnode* d = header->find("description"))
            read_string(field{d, "'description' in [model]", "model.description"}, "description = \"...\"");
        if (const tnode* n = header->find("name"))
            m_.name = read_string(field{n, "'name' in [model]", "model.name"}, "name = \"Bostadskedjan\"");
        rd_.note("model", "", *header);
    }

    // The elements of one kind, each labelled by its id.
    std::vector<element> elements(std::string_view kind) const {
        std::vector<element> out;
        const tnode* arr = root_.find(kind);
        if (!arr) return out;
        if (arr->type != ttype::array)
            fail(arr->at, in_quotes(kind) + " must be an array of tables, not " + type_name(*arr) +
                              "; write [[" + std::string(kind) + "]]");
        for (const auto& item : arr->items) {
            if (item.type != ttype::table)
                fail(item.at, "each " + in_quotes(kind) + " must be a table, not " + type_name(item) +
                                  "; write [[" + std::string(kind) + "]]");
            std::string id = element_id(kind, item).value_or("?");
            out.push_back(
                element{&item, std::string(kind) + " " + in_quotes(id), std::string(kind) + "." + id});
        }
        return out;
    }

    const tnode& id_node(const element& e) const { return require_key(e, "id", "id = \"stodboende\""); }

    // Checks an id's form and uniqueness within `seen`.
    void check_id(const tnode& n, const std::string& id, std::string_view kind,
                  std::map<std::string, origin>& seen) const {
        if (!valid_id(id))
            fail(n.at, "invalid id " + in_quotes(id) + " for a " + std::string(kind) +
                           "; ids use lower case letters a-z, digits and _ only (e.g. \"stodboende\")");
        auto [it, fresh] = seen.emplace(id, n.at);
        if (!fresh)
            fail(n.at, "duplicate " + std::string(kind) + " id " + in_quotes(id) + " (first at " +
                           describe(it->second) + "); give each " + std::string(kind) + " its own id");
    }

    // Pass 1: every id of every kind and the flags, so references may point forward.
    void collect_ids() {
        for (const auto& kind : element_kinds()) {
            std::map<std::string, origin> seen;
            auto& ids = ids_[kind];
            for (const auto& e : elements(kind)) {
                check_keys(*e.node, keys_of(kind), e.label);
                if (kind == "transition") {
                    const tnode* id = e.node->find("id");
                    const tnode& from = require_key(e, "from", "from = \"stodboende\"");
                    const tnode& to = require_key(e, "to", "to = \"forsok\"");
                    std::string from_id = read_string(field_of(e, from), "from = \"stodboende\"");
                    std::string to_id = read_string(field_of(e, to), "to = \"forsok\"");
                    std::string tid = id ? read_string(field_of(e, *id), "id = \"stodboende_forsok\"")
                                         : from_id + "_" + to_id;
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
                check_id(id, s, kind, seen);
                ids.push_back(s);
                if (kind == "service") {
                    if (const tnode* g = e.node->find("grants")) {
                        std::string flag = read_string(field_of(e, *g), "grants = \"skuldfri\"");
                        if (!valid_id(flag))
                            fail(g->at, "invalid flag name " + in_quotes(flag) +
                                            "; flag names use lower case letters a-z, digits and _ only");
                        if (std::find(m_.flags.begin(), m_.flags.end(), flag) == m_.flags.end())
                            m_.flags.push_back(flag);
                    }
                }
            }
        }
        // The engine keeps these as bits of one word: the limit is checked at the first one over it.
        auto at_most = [&](std::string_view kind, std::size_t limit, std::string_view plural, std::string_view fix) {
            const auto els = elements(kind);
            if (els.size() > limit)
                fail(els[limit].node->at, "the model has " + std::to_string(els.size()) + " " + std::string(plural) +
                                              "; hemsim's limit is " + std::to_string(limit) + ": " + std::string(fix));
        };
        at_most("staff", max_staff_pools, "staff pools", "merge pools that work alike");
        at_most("attribute", max_attributes, "attributes", "merge attributes or drop unused ones");
        if (m_.flags.size() > max_flags)
            fail(root_.at, "the model has " + std::to_string(m_.flags.size()) + " service flags; hemsim's limit is " +
                               std::to_string(max_flags) + ": let services share flags");
    }

    std::string element_name(const element& e, const std::string& id) {
        rd_.note(e.path, "", *e.node);
        if (const tnode* n = e.node->find("name"))
            return read_string(field_of(e, *n), "name = \"Stödboende\"");
        return id;
    }

    // Resolves a reference to an element of `kind`; the message suggests the nearest id.
    index_t resolve(const field& f, std::string_view kind) {
        const auto& ids = ids_[std::string(kind)];
        std::string id = read_string(f, f.node->key + " = \"" + (ids.empty() ? "id"s : ids[0]) + "\"");
        return resolve_id(f, *f.node, id, kind);
    }

    index_t resolve_id(const field& f, const tnode& at, const std::string& id, std::string_view kind) {
        const auto& ids = kind == "flag" ? m_.flags : ids_[std::string(kind)];
        auto it = std::find(ids.begin(), ids.end(), id);
        if (it != ids.end()) return static_cast<index_t>(it - ids.begin());
        std::string msg = "unknown " + std::string(kind) + " " + in_quotes(id) + " in " + f.what;
        // A right id of the wrong kind is a common slip: say which kind it is.
        for (const auto& other : element_kinds()) {
            if (other == kind) continue;
            const auto& oids = ids_[other];
            if (std::find(oids.begin(), oids.end(), id) != oids.end()) {
                auto noun = [](std::string_view k) { return k == "staff" ? "staff pool"s : std::string(k); };
                msg += "; " + in_quotes(id) + " is a " + noun(other) + ", not a " + noun(kind);
                break;
            }
        }
        std::string plural = kind == "staff"    ? "staff pools"
                             : kind == "supply" ? "supplies"
                                                : std::string(kind) + "s";
        std::string none = kind == "flag" ? "the model has no flags: a flag is what a service grants"
                                          : "the model has no " + plural;
        fail(at.at, msg + suggestion(id, ids, "known " + plural, none));
    }

    index_t resolve_payer(const element& e, bool required, std::string_view why) {
        const tnode* p = e.node->find("payer");
        if (!p) {
            if (required)
                fail(e.node->at, "missing key 'payer' in " + e.label + " (" + std::string(why) +
                                     "); add e.g. payer = \"" +
                                     (ids_["payer"].empty() ? "enheten"s : ids_["payer"][0]) + "\"");
            return no_index;
        }
        return resolve(field_of(e, *p), "payer");
    }

    index_t flag_mask(const field& f) {
        index_t mask = 0;
        for (const tnode* item : string_items(f, "[\"skuldfri\"]"))
            mask |= index_t{1} << resolve_id(f, *item, item->text, "flag");
        return mask;
    }

    std::vector<index_t> placement_list(const field& f) {
        std::vector<index_t> out;
        for (const tnode* item : string_items(f, "[\"stodboende\"]")) {
            index_t p = resolve_id(f, *item, item->text, "placement");
            if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
        }
        return out;
    }

    arrival_process read_process(const element& e) {
        const tnode* n = e.node->find("process");
        if (!n) return arrival_process::poisson;
        field f = field_of(e, *n);
        std::string s = read_string(f, "process = \"poisson\"");
        if (s == "poisson") return arrival_process::poisson;
        if (s == "even") return arrival_process::even;
        fail(n->at, "unknown process " + in_quotes(s) + " in " + f.what +
                        suggestion(s, {"poisson", "even"}, "valid", ""));
    }

    void build_payer(const element& e) {
        payer p;
        p.id = id_node(e).text;
        p.name = element_name(e, p.id);
        m_.payers.push_back(std::move(p));
    }

    void build_placement(const element& e) {
        placement p;
        p.id = id_node(e).text;
        p.name = element_name(e, p.id);
        if (const tnode* t = e.node->find("terminal")) p.terminal = read_bool(field_of(e, *t));
        const tnode* month = e.node->find("price_per_month");
        const tnode* day = e.node->find("price_per_day");
        if (month && day)
            fail(day->key_at, e.label + " gives both price_per_month and price_per_day; keep exactly one");
        if (p.terminal && (month || day))
            fail((month ? month : day)->key_at,
                 e.label + " is terminal (clients leave the system) and has no price; remove " +
                     (month ? "price_per_month"s : "price_per_day"s));
        if (!p.terminal && !month && !day)
            fail(e.node->at, "missing price in " + e.label +
                                 "; add exactly one of price_per_month = 16500 or price_per_day = 550");
        const index_t self = static_cast<index_t>(m_.placements.size());
        if (month) {
            p.price_given_per_month = true;
            p.price_per_month_sek = rd_.read_schedule(input_of(e, *month, input_field::placement_price, self, "kr/mån"));
            p.price_per_day_sek = scaled(p.price_per_month_sek, 12.0 / 365.0);
        } else if (day) {
            p.price_per_day_sek = rd_.read_schedule(input_of(e, *day, input_field::placement_price, self, "kr/dygn"));
        }
        if (const tnode* c = e.node->find("capacity"))
            p.capacity = rd_.count(input_of(e, *c, input_field::placement_capacity, self, "platser"));
        p.payer = resolve_payer(e, !p.terminal, "who pays for the stay");
        if (const tnode* c = e.node->find("clears_flags")) p.clears_flags = flag_mask(field_of(e, *c));
        read_rules(e, p);
        m_.placements.push_back(std::move(p));
    }

    // The programme's rules on a placement (seed 004): a maximum stay and who may never be placed here.
    void read_rules(const element& e, placement& p) {
        const tnode* max = e.node->find("max_stay_days");
        const tnode* after = e.node->find("after_max_stay");
        if (max)
            p.max_stay_days = rd_.positive(input_of(e, *max, input_field::placement_max_stay,
                                                    static_cast<index_t>(m_.placements.size()), "dygn"));
        if (after) {
            if (!max)
                fail(after->key_at, e.label + " gives after_max_stay without max_stay_days; add e.g. "
                                              "max_stay_days = 30");
            p.after_max_stay = resolve(field_of(e, *after), "placement");
            if (p.after_max_stay == m_.placements.size())
                fail(after->at, e.label + " sends a client over its maximum stay to " + in_quotes(p.id) +
                                    " itself; name another placement in 'after_max_stay'");
        }
        if (const tnode* nf = e.node->find("never_for")) {
            field f = field_of(e, *nf);
            if (nf->type != ttype::array)
                wrong_type(f, "a list of rules",
                           "never_for = [ { when = \"alder_65 & vrakt\", instead = \"stodboende\" } ]");
            for (std::size_t i = 0; i < nf->items.size(); ++i) {
                const tnode& r = nf->items[i];
                std::string what = "rule " + std::to_string(i + 1) + " of 'never_for' in " + e.label;
                if (r.type != ttype::table)
                    fail(r.at, what + " must be a table such as { when = \"alder_65\", instead = \"stodboende\" }");
                check_keys(r, {"when", "instead", "source", "note"}, what);
                element re{&r, what, e.path + ".never_for." + std::to_string(i + 1)};
                placement::bar b;
                b.when = read_condition(field_of(re, require_key(re, "when", "when = \"alder_65\"")));
                b.instead = resolve(field_of(re, require_key(re, "instead", "instead = \"stodboende\"")), "placement");
                if (ids_["placement"][b.instead] == p.id)
                    fail(r.find("instead")->at, what + " sends the client to " + in_quotes(p.id) +
                                                    " itself; name another placement in 'instead'");
                rd_.note(re.path, "", r);
                p.never_for.push_back(b);
            }
        }
    }

    void build_indicator(const element& e) {
        indicator ind;
        ind.id = id_node(e).text;
        ind.name = element_name(e, ind.id);
        const tnode* kinds[] = {e.node->find("persons_in"), e.node->find("entries"), e.node->find("moves"),
                                e.node->find("over_max_stay")};
        const tnode* given = nullptr;
        for (const tnode* k : kinds) {
            if (!k) continue;
            if (given)
                fail(k->key_at, e.label + " gives both " + in_quotes(given->key) + " and " + in_quotes(k->key) +
                                    "; an indicator counts one thing");
            given = k;
        }
        if (!given)
            fail(e.node->at, e.label + " says nothing to count; add one of persons_in = [\"harbarge\"], "
                                       "entries = [\"bostad_forst\"], moves = \"eget_harbarge\" or "
                                       "over_max_stay = [\"akutboende\"]");
        field f = field_of(e, *given);
        if (given->key == "moves") {
            ind.kind = indicator_kind::moves;
            ind.transition = resolve(f, "transition");
        } else {
            ind.kind = given->key == "persons_in" ? indicator_kind::persons_in
                       : given->key == "entries"  ? indicator_kind::entries
                                                  : indicator_kind::over_max_stay;
            if (given->type == ttype::string) {
                ind.placements.push_back(resolve(f, "placement"));
            } else if (given->type == ttype::array) {
                for (const tnode& item : given->items)
                    ind.placements.push_back(resolve(field{&item, f.what, f.path}, "placement"));
            } else {
                wrong_type(f, "a placement id or a list of them", given->key + " = [\"harbarge\", \"akutboende\"]");
            }
            if (ind.kind == indicator_kind::over_max_stay)
                for (index_t p : ind.placements)
                    if (!m_.placements[p].max_stay_days)
                        fail(given->at, e.label + " counts persons over the maximum stay of " +
                                            in_quotes(m_.placements[p].id) +
                                            ", which has none; add max_stay_days to that placement");
        }
        if (const tnode* w = e.node->find("when")) ind.when = read_condition(field_of(e, *w));
        m_.indicators.push_back(std::move(ind));
    }

    static schedule scaled(schedule s, double factor) {
        s.initial *= factor;
        for (auto& st : s.steps) st.value *= factor;
        return s;
    }

    void build_staff(const element& e) {
        staff_pool s;
        s.id = id_node(e).text;
        s.name = element_name(e, s.id);
        const index_t self = static_cast<index_t>(m_.staff.size());
        s.fte = rd_.read_schedule(input_of(e, require_key(e, "fte", "fte = 6"), input_field::staff_fte, self, "åa"));
        s.annual_cost_per_fte_sek = rd_.read_schedule(
            input_of(e, require_key(e, "annual_cost_per_fte", "annual_cost_per_fte = 500000"),
                     input_field::staff_annual_cost, self, "kr/år per åa"));
        const tnode* caseload = e.node->find("caseload");
        const tnode* slots = e.node->find("service_slots");
        if (caseload && slots)
            fail(slots->key_at, e.label +
                                    " gives both caseload and service_slots; keep one (caseload: clients "
                                    "held while in a placement; service_slots: cases a service works on)");
        if (caseload) {
            s.kind = staff_kind::caseload;
            s.slots_per_fte = rd_.positive(input_of(e, *caseload, input_field::staff_slots_per_fte, self, "klienter per åa"));
        } else if (slots) {
            s.kind = staff_kind::service_slots;
            s.slots_per_fte = rd_.positive(input_of(e, *slots, input_field::staff_slots_per_fte, self, "ärenden per åa"));
        }
        s.payer = resolve_payer(e, true, "who pays the salaries");
        m_.staff.push_back(std::move(s));
    }

    void build_service(const element& e) {
        service s;
        s.id = id_node(e).text;
        s.name = element_name(e, s.id);
        const tnode& st = require_key(e, "staff", "staff = \"skuldradgivare\"");
        s.staff = resolve(field_of(e, st), "staff");
        const auto& pool = m_.staff[s.staff];
        if (pool.kind != staff_kind::service_slots)
            fail(st.at, e.label + " uses staff " + in_quotes(pool.id) + ", which " +
                            (pool.kind == staff_kind::caseload ? "has a caseload"s
                                                               : "has neither caseload nor service_slots"s) +
                            "; a service needs a staff pool with service_slots (e.g. service_slots = 8)");
        s.duration =
            rd_.read_distribution(input_of(e, require_key(e, "duration", "duration = { exponential = 60 }"),
                                           input_field::service_duration, static_cast<index_t>(m_.services.size()), ""));
        if (const tnode* g = e.node->find("grants")) {
            auto it = std::find(m_.flags.begin(), m_.flags.end(), g->text);
            s.flag = static_cast<index_t>(it - m_.flags.begin());
        }
        m_.services.push_back(std::move(s));
    }

    void build_supply(const element& e) {
        supply s;
        s.id = id_node(e).text;
        s.name = element_name(e, s.id);
        s.per_year = rd_.read_schedule(input_of(e, require_key(e, "per_year", "per_year = 30"), input_field::supply_per_year,
                                                static_cast<index_t>(m_.supplies.size()), "per år"));
        s.process = read_process(e);
        m_.supplies.push_back(std::move(s));
    }

    void build_attribute(const element& e) {
        attribute a;
        a.id = id_node(e).text;
        a.name = element_name(e, a.id);
        const index_t self = static_cast<index_t>(m_.attributes.size());
        a.probability = rd_.probability(
            input_of(e, require_key(e, "probability", "probability = 0.6"), input_field::attribute_probability, self, ""));
        if (const tnode* r = e.node->find("redraw_on_entry"))
            a.redraw_on_entry = placement_list(field_of(e, *r));
        const tnode* month = e.node->find("cost_per_month");
        const tnode* day = e.node->find("cost_per_day");
        const tnode* in = e.node->find("cost_in");
        if (month && day)
            fail(day->key_at, e.label + " gives both cost_per_month and cost_per_day; keep exactly one");
        const tnode* cost = month ? month : day;
        if (cost && !in)
            fail(e.node->at, e.label +
                                 " has a cost but no 'cost_in'; add the placements where it runs, e.g. "
                                 "cost_in = [\"forsok\"]");
        if (in && !cost)
            fail(in->key_at,
                 e.label + " has 'cost_in' but no cost; add cost_per_month = 7000 or cost_per_day");
        if (month) {
            a.cost_given_per_month = true;
            a.cost_per_month_sek = rd_.read_schedule(input_of(e, *month, input_field::attribute_cost, self, "kr/mån"));
            a.cost_per_day_sek = scaled(a.cost_per_month_sek, 12.0 / 365.0);
        }
        if (day) a.cost_per_day_sek = rd_.read_schedule(input_of(e, *day, input_field::attribute_cost, self, "kr/dygn"));
        if (in) {
            a.cost_in = placement_list(field_of(e, *in));
            if (a.cost_in.empty())
                fail(in->at, "'cost_in' in " + e.label + " is empty; list at least one placement");
        }
        if (const tnode* c = e.node->find("category")) {
            if (!cost)
                fail(c->key_at, e.label + " has a 'category' but no cost; remove it or add cost_per_month");
            a.cost_category = read_string(field_of(e, *c), "category = \"social_assistance\"");
            if (a.cost_category.empty())
                fail(c->at, "'category' in " + e.label + " is empty; name a cost category");
        }
        if (cost)
            a.cost_payer = resolve_payer(e, true, "who pays the attribute's cost");
        else if (e.node->find("payer"))
            a.cost_payer = resolve_payer(e, false, "");
        m_.attributes.push_back(std::move(a));
    }

    // Entries of a group's initial or arrivals list.
    std::vector<element> entries(const element& g, std::string_view key) {
        std::vector<element> out;
        const tnode* arr = g.node->find(key);
        if (!arr) return out;
        if (arr->type != ttype::array)
            fail(arr->at, in_quotes(key) + " in " + g.label + " must be an array of tables; write [[group." +
                              std::string(key) + "]]");
        std::map<std::string, origin> seen;
        for (const auto& item : arr->items) {
            std::string label = std::string(key) + " entry of " + g.label;
            if (item.type != ttype::table)
                fail(item.at, "each " + label + " must be a table, not " + type_name(item) +
                                  "; write [[group." + std::string(key) + "]]");
            element e{&item, label, ""};
            check_keys(item, keys_of(key), label);
            std::string id;
            if (const tnode* idn = item.find("id")) {
                id = read_string(field_of(e, *idn), "id = \"nya\"");
                check_id(*idn, id, std::string(key) + " entry", seen);
            } else {
                const tnode& p = require_key(e, "placement", "placement = \"stodboende\"");
                id = read_string(field_of(e, p), "placement = \"stodboende\"");
                if (auto [it, fresh] = seen.emplace(id, item.at); !fresh)
                    fail(item.at,
                         "duplicate " + std::string(key) + " entry " + in_quotes(id) + " in " + g.label +
                             " (first at " + describe(it->second) +
                             "); entries into the same placement need their own ids: add id = \"...\"");
            }
            e.label = std::string(key) + " entry " + in_quotes(id) + " of " + g.label;
            e.path = g.path + "." + std::string(key) + "." + id;
            out.push_back(e);
        }
        return out;
    }

    void build_group(const element& e) {
        group g;
        g.id = id_node(e).text;
        g.name = element_name(e, g.id);
        const index_t self = static_cast<index_t>(m_.groups.size());
        for (const auto& a : m_.attributes) g.attribute_probability.push_back(a.probability);
        if (const tnode* probs = e.node->find("probabilities")) {
            field f = field_of(e, *probs);
            if (probs->type != ttype::table) wrong_type(f, "a table", "probabilities = { has_debt = 0.6 }");
            for (const auto& item : probs->items) {
                index_t a = resolve_id(f, item, item.key, "attribute");
                field pf{&item, in_quotes(item.key) + " in 'probabilities' of " + e.label, f.path + "." + item.key,
                         input_ref{input_field::group_probability, self, a, whole_schedule, 1}, ""};
                g.attribute_probability[a] = rd_.probability(pf);
                g.own_probability |= std::uint64_t{1} << a;
            }
        }
        for (const auto& ie : entries(e, "initial")) {
            initial_stock s;
            s.id = ie.path.substr(ie.path.rfind('.') + 1);
            rd_.note(ie.path, "", *ie.node);
            s.placement = resolve(field_of(ie, require_key(ie, "placement", "placement = \"stodboende\"")),
                                  "placement");
            const index_t entry = static_cast<index_t>(g.initial.size());
            s.count = rd_.count(input_of(ie, require_key(ie, "count", "count = 50"), input_field::initial_count, self,
                                         "personer", entry));
            if (const tnode* st = ie.node->find("state")) {
                field f = field_of(ie, *st);
                std::string v = read_string(f, "state = \"fresh\"");
                if (v == "fresh")
                    s.state = initial_state::fresh;
                else if (v == "elapsed")
                    s.state = initial_state::elapsed;
                else if (v == "stationary")
                    s.state = initial_state::stationary;
                else if (v == "ready")
                    s.state = initial_state::ready;
                else
                    fail(st->at,
                         "unknown state " + in_quotes(v) + " in " + f.what +
                             suggestion(v, {"fresh", "elapsed", "stationary", "ready"}, "valid states", ""));
            }
            const tnode* el = ie.node->find("elapsed_days");
            if (s.state == initial_state::elapsed && !el)
                fail(ie.node->at,
                     ie.label + " has state = \"elapsed\" but no elapsed_days; add e.g. elapsed_days = 100");
            if (el && s.state != initial_state::elapsed)
                fail(el->key_at, ie.label +
                                     " gives elapsed_days without state = \"elapsed\"; add state = "
                                     "\"elapsed\" or remove it");
            if (el)
                s.elapsed_days =
                    rd_.non_negative(input_of(ie, *el, input_field::initial_elapsed, self, "dagar", entry));
            if (const tnode* fl = ie.node->find("flags")) s.flags = flag_mask(field_of(ie, *fl));
            if (const tnode* h = ie.node->find("holds")) {
                field hf = field_of(ie, *h);
                if (h->type != ttype::array) wrong_type(hf, "a list of staff pools", "holds = [\"boendestodjare\"]");
                for (const tnode& item : h->items) {
                    index_t pool = resolve(field{&item, hf.what, hf.path}, "staff");
                    if (m_.staff[pool].kind != staff_kind::caseload)
                        fail(item.at, hf.what + ": staff pool " + in_quotes(m_.staff[pool].id) +
                                          " has no caseload; clients hold slots only of pools with a caseload");
                    s.holds_staff |= std::uint64_t{1} << pool;
                }
            }
            if (const tnode* at = ie.node->find("attributes")) {
                field af = field_of(ie, *at);
                if (at->type != ttype::table)
                    wrong_type(af, "a table of attribute values", "attributes = { has_debt = true }");
                for (const tnode& item : at->items) {
                    std::uint64_t bit = std::uint64_t{1} << resolve_id(af, item, item.key, "attribute");
                    bool v = read_bool(field{&item, "'" + item.key + "' in " + af.what, af.path + "." + item.key});
                    (v ? s.attrs_on : s.attrs_off) |= bit;
                }
            }
            if (m_.placements[s.placement].terminal)
                fail(ie.node->find("placement")->at,
                     ie.label + " starts clients in terminal placement " +
                         in_quotes(m_.placements[s.placement].id) +
                         ", which they leave at once; choose a non-terminal placement");
            g.initial.push_back(std::move(s));
        }
        for (const auto& ae : entries(e, "arrivals")) {
            arrival_stream s;
            s.id = ae.path.substr(ae.path.rfind('.') + 1);
            rd_.note(ae.path, "", *ae.node);
            s.placement = resolve(field_of(ae, require_key(ae, "placement", "placement = \"stodboende\"")),
                                  "placement");
            s.per_year = rd_.read_schedule(input_of(ae, require_key(ae, "per_year", "per_year = 40"),
                                                    input_field::arrival_per_year, self, "per år",
                                                    static_cast<index_t>(g.arrivals.size())));
            s.process = read_process(ae);
            if (m_.placements[s.placement].terminal)
                fail(ae.node->find("placement")->at,
                     ae.label + " brings clients into terminal placement " +
                         in_quotes(m_.placements[s.placement].id) +
                         ", which they leave at once; choose a non-terminal placement");
            g.arrivals.push_back(std::move(s));
        }
        m_.groups.push_back(std::move(g));
    }

    // "attr", "!attr" or a conjunction "a & !b".
    condition read_condition(const field& f) {
        std::string s = read_string(f, "when = \"has_debt\" (or \"!has_debt\", or \"ung_vuxen & !missbruk\")");
        if (s.find('|') != std::string::npos || s.find(" or ") != std::string::npos)
            fail(f.node->at, f.what + " \"" + s +
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
            std::uint64_t bit = std::uint64_t{1} << resolve_id(f, *f.node, term, "attribute");
            if (((negated ? c.all_of : c.none_of) & bit) != 0)
                fail(f.node->at, f.what + " \"" + s + "\" asks for " + in_quotes(term) +
                                     " both to hold and not to hold; it can never be true");
            (negated ? c.none_of : c.all_of) |= bit;
            if (amp == std::string::npos) break;
            start = amp + 1;
        }
        return c;
    }

    void build_transition(const element& e) {
        transition t;
        t.id = ids_["transition"][m_.transitions.size()];
        rd_.note(e.path, "", *e.node);
        const tnode& from = *e.node->find("from");
        t.from = resolve(field_of(e, from), "placement");
        t.to = resolve(field_of(e, *e.node->find("to")), "placement");
        if (m_.placements[t.from].terminal)
            fail(from.at,
                 e.label + " leaves terminal placement " + in_quotes(m_.placements[t.from].id) +
                     ", which clients never leave (they exit the system); remove the transition or make "
                     "the placement non-terminal");
        const index_t self = static_cast<index_t>(m_.transitions.size());
        t.after = rd_.read_distribution(
            input_of(e, require_key(e, "after", "after = { exponential = 180 }"), input_field::transition_after, self, ""));
        if (const tnode* p = e.node->find("probability"))
            t.probability = rd_.probability(input_of(e, *p, input_field::transition_probability, self, ""));
        if (const tnode* w = e.node->find("when")) t.when = read_condition(field_of(e, *w));
        if (const tnode* r = e.node->find("require")) {
            field rf = field_of(e, *r);
            if (r->type != ttype::array)
                wrong_type(rf, "a list of gates",
                           "require = [ { service = \"skuldradgivning\" }, { supply = \"lagenheter\" } ]");
            if (r->items.size() > max_gates)
                fail(r->items[max_gates].at, e.label + " has " + std::to_string(r->items.size()) +
                                                 " gates in 'require'; hemsim's limit is " + std::to_string(max_gates));
            for (std::size_t i = 0; i < r->items.size(); ++i) t.gates.push_back(read_gate(e, r->items[i], i));
            // Services are passed first, then the resource gates together.
            std::stable_partition(t.gates.begin(), t.gates.end(),
                                  [](const gate& g) { return g.kind == gate_kind::service; });
        }
        m_.transitions.push_back(std::move(t));
    }

    gate read_gate(const element& e, const tnode& n, std::size_t i) {
        std::string what = "gate " + std::to_string(i + 1) + " of 'require' in " + e.label;
        if (n.type != ttype::table)
            fail(n.at, what + " must be a table such as { supply = \"lagenheter\" }, not " + type_name(n));
        check_keys(n, {"service", "supply", "staff", "when", "source", "note"}, what);
        gate g;
        const tnode* target = nullptr;
        for (const char* k : {"service", "supply", "staff"}) {
            const tnode* t = n.find(k);
            if (!t) continue;
            if (target)
                fail(t->key_at, what + " names both " + in_quotes(target->key) + " and " + in_quotes(k) +
                                    "; write one gate per table");
            target = t;
        }
        if (!target)
            fail(n.at, what + " names no service, supply or staff; write e.g. { supply = \"lagenheter\" }");
        field f{target, in_quotes(target->key) + " of " + what, e.path + ".require"};
        if (target->key == "service") {
            g.kind = gate_kind::service;
            g.target = resolve(f, "service");
        } else if (target->key == "supply") {
            g.kind = gate_kind::supply;
            g.target = resolve(f, "supply");
        } else {
            g.kind = gate_kind::staff;
            g.target = resolve(f, "staff");
            const auto& pool = m_.staff[g.target];
            if (pool.kind != staff_kind::caseload)
                fail(target->at, "staff gate " + in_quotes(pool.id) + " in " + e.label + ": the pool " +
                                     (pool.kind == staff_kind::service_slots
                                          ? "has service_slots (it serves services; use a service gate)"s
                                          : "has no caseload"s) +
                                     "; a staff gate needs a pool with a caseload (e.g. caseload = 13)");
        }
        if (const tnode* w = n.find("when")) g.when = read_condition(field{w, "'when' of " + what, f.path});
        rd_.note(e.path + ".require." + target->text, "", n);
        return g;
    }

    // The clients a model starts with: within the limit, and within the capacity
    // of their placements (at the highest draw of an uncertain count).
    void check_stock() {
        if (m_.placements.empty())
            fail(root_.at, "the model has no placements; a model needs at least one [[placement]] (docs/language.md, "
                           "\"The model\")");
        std::vector<double> start(m_.placements.size(), 0.0);
        double total = 0;
        const auto groups = elements("group");
        for (index_t g = 0; g < m_.groups.size(); ++g)
            for (index_t i = 0; i < m_.groups[g].initial.size(); ++i) {
                const initial_stock& st = m_.groups[g].initial[i];
                double most = st.count;
                for (const uncertain_param& u : m_.uncertain)
                    if (u.ref.field == input_field::initial_count && u.ref.element == g && u.ref.sub == i)
                        most = std::floor(support_of(u.dist).hi + 0.5);
                start[st.placement] += most;
                total += most;
            }
        if (total > max_clients_present)
            fail(groups.empty() ? root_.at : groups[0].node->at,
                 "the model starts with up to " + format_number(total) + " clients; hemsim's limit for clients in the "
                 "system at once is " + format_number(max_clients_present) + " (docs/language.md, \"Limits\")");
        const auto places = elements("placement");
        for (index_t p = 0; p < m_.placements.size(); ++p) {
            const auto& cap = m_.placements[p].capacity;
            if (!cap || start[p] <= *cap) continue;
            const tnode* c = places[p].node->find("capacity");
            fail(c ? c->at : places[p].node->at,
                 places[p].label + " has a capacity of " + std::to_string(*cap) + " but up to " + format_number(start[p]) +
                     " clients start there (the groups' initial entries); raise the capacity or lower the counts");
        }
    }

    // A cycle of moves that can all take no time at all: a client would go round
    // it forever at one instant. Durations of at most `instant` days, moves by a
    // maximum stay that short, with no supply gate (offers take time) on the way.
    void check_instant_cycles() {
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
        const std::size_t P = m_.placements.size();
        const auto trs = elements("transition");
        const auto places = elements("placement");
        std::vector<std::vector<edge>> next(P);
        for (index_t i = 0; i < m_.transitions.size(); ++i) {
            const transition& t = m_.transitions[i];
            if (t.probability <= 0 || !vanishing(t.after)) continue;
            bool supply = false;
            for (const gate& g : t.gates) supply = supply || g.kind == gate_kind::supply;
            const tnode* after = trs[i].node->find("after");
            if (!supply) next[t.from].push_back({t.to, "transition " + in_quotes(t.id), after ? after->at : trs[i].node->at});
        }
        for (index_t p = 0; p < P; ++p)
            if (m_.placements[p].max_stay_days && *m_.placements[p].max_stay_days <= instant &&
                m_.placements[p].after_max_stay != no_index)
                next[p].push_back({m_.placements[p].after_max_stay, "the maximum stay of " + in_quotes(m_.placements[p].id),
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
                        names += in_quotes(m_.placements[r].id) + " -> ";
                        whys += (whys.empty() ? "" : ", ") + w->why;
                    }
                    names += in_quotes(m_.placements[e.to].id);
                    fail(*first, "placements " + names + " form a cycle in which every stay can last no time at all (" +
                                     whys + "); a client would go round it forever at one instant: give one of the "
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
    void find_remainders() {
        auto same_when = [](const condition& a, const condition& b) {
            return a.all_of == b.all_of && a.none_of == b.none_of;
        };
        std::vector<char> uncertain(m_.transitions.size(), 0);
        for (const uncertain_param& u : m_.uncertain)
            if (u.ref.field == input_field::transition_probability) uncertain[u.ref.element] = 1;
        for (index_t t = 0; t < m_.transitions.size(); ++t) {
            transition& tr = m_.transitions[t];
            for (index_t s = 0; s < m_.transitions.size(); ++s) {
                const transition& o = m_.transitions[s];
                if (s != t && o.from == tr.from && same_when(o.when, tr.when) && !uncertain[s]) tr.remainder = s;
            }
        }
        const auto all = elements("transition");
        std::map<index_t, double> rest;  // remainder -> its probability when every draw is at its highest
        for (const uncertain_param& u : m_.uncertain) {
            if (u.ref.field != input_field::transition_probability) continue;
            const transition& tr = m_.transitions[u.ref.element];
            const tnode* p = all[u.ref.element].node->find("probability");
            const origin& at = p ? p->at : all[u.ref.element].node->at;
            const std::string& from = m_.placements[tr.from].id;
            if (tr.remainder == no_index)
                fail(at, "the probability of transition " + in_quotes(tr.id) +
                             " is given as a distribution, but no other transition out of " + in_quotes(from) +
                             " with the same 'when' has a plain probability to take the rest; add one (in every "
                             "draw it takes 1 minus the others)");
            const transition& r = m_.transitions[tr.remainder];
            auto it = rest.emplace(tr.remainder, r.probability).first;
            it->second -= support_of(u.dist).hi - u.mean;
            if (it->second < -1e-12)
                fail(at, "the probability of transition " + in_quotes(tr.id) + " can be drawn as high as " +
                             format_number(support_of(u.dist).hi) + "; then " + in_quotes(r.id) +
                             ", which takes the rest, would fall below 0 (it is " + format_number(r.probability) +
                             " at the means); narrow the distribution so that the branches out of " +
                             in_quotes(from) + " sum to 1 in every draw");
        }
    }

    // For each placement, the probabilities of the transitions out of it whose
    // `when` holds must sum to 1 for every combination of the attributes used.
    void check_branches() {
        const auto all = elements("transition");
        for (index_t p = 0; p < m_.placements.size(); ++p) {
            std::vector<index_t> out;
            std::vector<index_t> attrs;
            for (index_t t = 0; t < m_.transitions.size(); ++t) {
                const auto& tr = m_.transitions[t];
                if (tr.from != p) continue;
                out.push_back(t);
                for (index_t a = 0; a < 64; ++a)
                    if (((tr.when.uses() >> a) & 1u) && std::find(attrs.begin(), attrs.end(), a) == attrs.end())
                        attrs.push_back(a);
            }
            if (out.empty()) continue;
            if (attrs.size() > 16)
                fail(all[out[0]].node->at,
                     "transitions out of " + in_quotes(m_.placements[p].id) +
                         " use more than 16 attributes in 'when'; simplify the branches");
            for (std::uint64_t combo = 0; combo < (std::uint64_t{1} << attrs.size()); ++combo) {
                std::uint64_t bits = 0;
                for (std::size_t k = 0; k < attrs.size(); ++k)
                    if ((combo >> k) & 1u) bits |= std::uint64_t{1} << attrs[k];
                double sum = 0;
                std::vector<std::string> terms;
                origin at = all[out[0]].node->at;
                bool overridden = false;
                for (index_t t : out) {
                    const auto& tr = m_.transitions[t];
                    if (!tr.when.holds(bits)) continue;
                    sum += tr.probability;
                    terms.push_back(tr.id + " " + format_number(tr.probability));
                    // Name the overriding file when an override changed the sum.
                    const tnode* p = all[t].node->find("probability");
                    const tnode& where = p ? *p : *all[t].node;
                    if (!overridden && where.at.file && *where.at.file != m_.file) {
                        at = where.at;
                        overridden = true;
                    }
                }
                if (std::fabs(sum - 1) <= 1e-9) continue;
                std::vector<std::string> cond;
                for (std::size_t k = 0; k < attrs.size(); ++k)
                    cond.push_back(((combo >> k) & 1u ? "" : "!") + m_.attributes[attrs[k]].id);
                std::string msg =
                    "the probabilities of the transitions out of " + in_quotes(m_.placements[p].id);
                if (!cond.empty()) msg += " for clients with " + join(cond, " and ");
                msg += " sum to " + format_number(sum) + " (" +
                       (terms.empty() ? "none applies"s : join(terms)) +
                       "); make them sum to 1 (use 'when' to split branches by attribute)";
                fail(at, msg);
            }
        }
    }

    const tnode& root_;
    model m_;
    reader rd_;
    std::map<std::string, std::vector<std::string>> ids_;
};

model build_model(const tnode& root, const std::string& file) { return model_builder(root, file).build(); }

}  // namespace

namespace {

// ---------------------------------------------------------------------------
// Overrides: merging scenario nodes into a copy of the model's tree

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

void merge_elements(tnode& dst, const tnode& src, std::string_view collection);

void merge_element(tnode& dst, const tnode& src, std::string_view collection) {
    for (const auto& f : src.items) {
        tnode* existing = dst.find(f.key);
        if (collection == "group" && (f.key == "initial" || f.key == "arrivals") && existing &&
            existing->type == ttype::array && f.type == ttype::array) {
            merge_elements(*existing, f, f.key);
        } else if (collection == "group" && f.key == "probabilities" && existing &&
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
void merge_elements(tnode& dst, const tnode& src, std::string_view collection) {
    std::string where = collection == "initial" || collection == "arrivals"
                            ? "group." + std::string(collection)
                            : std::string(collection);
    if (src.type != ttype::array)
        fail(src.at, "override " + in_quotes(src.key) + " must be an array of tables; write [[alternative." +
                         where + "]]");
    for (const auto& s : src.items) {
        if (s.type != ttype::table)
            fail(s.at, "each override " + in_quotes(where) + " must be a table, not " + type_name(s) +
                           "; write [[alternative." + where + "]]");
        auto id = element_id(collection, s);
        if (!id)
            fail(s.at, "override of " + where + " has no id; overrides are matched by id: add id = \"...\"" +
                           (collection == "transition" ? " (or from and to)"s : ""s));
        // Adding an element must be said (new = true): an id that matches
        // nothing is far more often a typo, which would silently add an element.
        bool is_new = false;
        const tnode* nw = s.find("new");
        if (nw) {
            if (nw->type != ttype::boolean)
                fail(nw->at, "'new' in an override of " + where + " must be true or false, not " + type_name(*nw));
            is_new = nw->boolean;
        }
        tnode clean = s;
        clean.items.erase(std::remove_if(clean.items.begin(), clean.items.end(),
                                         [](const tnode& f) { return f.key == "new"; }),
                          clean.items.end());
        const tnode* idn = s.find("id");
        const origin& at = idn ? idn->at : s.at;
        auto it = std::find_if(dst.items.begin(), dst.items.end(),
                               [&](const tnode& d) { return element_id(collection, d) == id; });
        if (it != dst.items.end()) {
            if (is_new)
                fail(nw->at, where + " " + in_quotes(*id) + " already exists (at " + describe(it->at) +
                                 "); remove new = true to change it, or give the new one another id");
            merge_element(*it, clean, collection);
        } else {
            if (!is_new) {
                std::vector<std::string> ids;
                for (const tnode& d : dst.items)
                    if (auto e = element_id(collection, d)) ids.push_back(*e);
                fail(at, "no " + where + " " + in_quotes(*id) + " to change" +
                             suggestion(*id, ids, "there are", "there are none") +
                             "; to add a new " + where + " here, write new = true in its table");
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
tnode& find_element(tnode* arr, std::string_view collection, const std::string& id, const std::string& path,
                    const origin& at, const std::string& in) {
    std::vector<std::string> ids;
    if (arr && arr->type == ttype::array) {
        for (auto& el : arr->items) {
            auto eid = element_id(collection, el);
            if (eid == id) return el;
            if (eid) ids.push_back(*eid);
        }
    }
    fail(at, "set path " + in_quotes(path) + " not found: no " + std::string(collection) + " " +
                 in_quotes(id) + in + suggestion(id, ids, "there are", "there are none"));
}

/// Applies one `set` path ("staff.boendestodjare.fte") to the model's tree.
void apply_set(tnode& root, const std::string& path, const tnode& value, const origin& at) {
    auto segs = split(path, '.');
    const auto& kinds = element_kinds();
    if (segs.size() < 3)
        fail(at, "set path " + in_quotes(path) +
                     " is too short; write kind.id.field, e.g. \"staff.boendestodjare.fte\"");
    if (std::find(kinds.begin(), kinds.end(), segs[0]) == kinds.end())
        fail(at, "set path " + in_quotes(path) + " not found: unknown kind " + in_quotes(segs[0]) +
                     suggestion(segs[0], kinds, "kinds", ""));
    tnode* el = &find_element(root.find(segs[0]), segs[0], segs[1], path, at, " in the model");
    std::string kind = segs[0];
    std::string label = segs[0] + " " + in_quotes(segs[1]);
    std::size_t i = 2;
    if (kind == "group" && (segs[2] == "initial" || segs[2] == "arrivals")) {
        if (segs.size() != 5)
            fail(at, "set path " + in_quotes(path) + " must be group.<id>." + segs[2] +
                         ".<entry id>.<field>, e.g. "
                         "\"group.hemlosa.initial.stodboende.count\"");
        el = &find_element(el->find(segs[2]), segs[2], segs[3], path, at, " in " + label);
        label = segs[2] + " entry " + in_quotes(segs[3]) + " of " + label;
        kind = segs[2];
        i = 4;
    }
    const auto& keys = keys_of(kind);
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
        std::size_t need =
            segs.size() >= 3 && segs[0] == "group" && (segs[2] == "initial" || segs[2] == "arrivals") ? 5 : 3;
        if (f.type == ttype::table && segs.size() < need)
            collect_set(f, path, out);
        else
            out.emplace_back(path, &f);
    }
}

// ---------------------------------------------------------------------------
// Scenarios

struct scenario_reader {
    const tnode& root;
    std::string file;
    // The case's own settings are not inputs of a model: they take plain numbers.
    std::vector<source_note> scenario_notes;
    std::vector<model_input> scenario_inputs;
    std::vector<uncertain_param> scenario_uncertain;
    reader rd{scenario_notes, scenario_inputs, scenario_uncertain};

    element top() const { return element{&root, "the scenario", "scenario"}; }

    // Top-level keys: the case's settings, its alternatives, and model values
    // (element arrays and `set`) that the case sets for every alternative.
    static std::vector<std::string> scenario_keys() {
        std::vector<std::string> k{"title", "description", "model", "start", "horizon_years", "horizon_months",
                                   "replications", "seed", "warmup_days", "years", "units", "alternative",
                                   "set", "source", "note"};
        for (const auto& kind : element_kinds()) k.push_back(kind);
        return k;
    }

    void read(scenario& sc) {
        element e = top();
        check_keys(root,
                   scenario_keys(),
                   "the scenario (top level)");
        sc.file = file;
        sc.title = read_string(field_of(e, require_key(e, "title", "title = \"Enheten för hemlösa 2007\"")),
                               "title = \"...\"");
        const tnode& model_node = require_key(e, "model", "model = \"../models/example.toml\"");
        std::string model_text = read_string(field_of(e, model_node), "model = \"../models/example.toml\"");
        fs::path model_path = (fs::path(file).parent_path() / model_text).lexically_normal();
        sc.model_file = model_path.string();
        sc.start = read_date(field_of(e, require_key(e, "start", "start = 2008-01-01")));
        read_horizon(sc);
        if (const tnode* r = root.find("replications")) {
            field f = field_of(e, *r);
            double n = rd.number(f);
            const tnode& at = rd.number_node(f);
            if (n < 1 || n != std::floor(n) || n > max_replications)
                fail(at.at, f.what + " is " + format_number(n) + "; give a whole number from 1 to " +
                                format_number(max_replications) + " (hemsim's limit for one run)");
            sc.replications = static_cast<std::uint32_t>(n);
        }
        if (const tnode* s = root.find("seed")) {
            field f = field_of(e, *s);
            if (s->type != ttype::integer) wrong_type(f, "a whole number", "seed = 2007");
            if (s->integer < 0) fail(s->at, f.what + " is negative; it must be >= 0");
            sc.seed = static_cast<std::uint64_t>(s->integer);
        }
        if (const tnode* y = root.find("years")) {
            field f = field_of(e, *y);
            std::string v = read_string(f, "years = \"calendar\" (or \"365-day\")");
            if (v == "365-day") sc.years_365_day = true;
            else if (v != "calendar")
                fail(y->at, f.what + " is \"" + v + "\"; write years = \"calendar\" (calendar years, the default) "
                                     "or years = \"365-day\" (years of exactly 365 days, as in some reference models)");
        }
        if (const tnode* u = root.find("units")) {
            field f = field_of(e, *u);
            sc.units = read_string(f, "units = \"mkr\"");
            if (sc.units != "tkr" && sc.units != "mkr")
                fail(u->at, f.what + " is \"" + sc.units + "\"; write units = \"tkr\" or units = \"mkr\"");
        }
        if (const tnode* w = root.find("warmup_days")) {
            field f = field_of(e, *w);
            sc.warmup_days = rd.non_negative(f);
            auto end = std::chrono::sys_days{sc.start + std::chrono::months{sc.horizon_months}};
            double horizon_days = sc.years_365_day ? 365.0 * sc.horizon_months / 12.0
                                                   : static_cast<double>((end - std::chrono::sys_days{sc.start}).count());
            if (sc.warmup_days >= horizon_days)
                fail(w->at, f.what + " is " + format_number(sc.warmup_days) + " but the horizon is only " +
                                format_number(horizon_days) +
                                " days; make the warm-up shorter than the horizon");
        }
        sc.input_files = {file, sc.model_file};
        tnode model_tree = read_document(model_path, &model_node.at, model_text);
        // The model as written first, so that its own errors come without an
        // alternative's context; then the case's own values for every alternative.
        build_model(model_tree, sc.model_file);
        apply_overrides(model_tree, e);
        build_model(model_tree, sc.model_file);
        read_alternatives(sc, model_tree);
        for (const alternative& a : sc.alternatives) check_work(sc, a);
        for (const char* k : {"description", "source", "note"})
            if (const tnode* n = root.find(k)) read_string(field_of(e, *n), std::string(k) + " = \"...\"");
    }

    // What one replication would create, at the highest rates: refused before
    // it starts when beyond the limit (clients created, offers made).
    static void check_work(const scenario& sc, const alternative& a) {
        const double years = sc.horizon_months / 12.0;
        double created = 0, offers = 0;
        const model_input* busiest = nullptr;
        double busiest_rate = 0;
        bool arrivals = false;
        for (const group& g : a.system.groups) {
            for (const initial_stock& st : g.initial) created += st.count;
            arrivals = arrivals || !g.arrivals.empty();
        }
        if (created == 0 && !arrivals)
            throw input_error(sc.model_file + ": alternative " + in_quotes(a.id) +
                              " has no clients: no group has an initial stock or arrivals, so every figure would be "
                              "0; add a [[group]] with [[group.initial]] or [[group.arrivals]]");
        for (const model_input& in : a.system.inputs) {
            if (in.ref.field != input_field::arrival_per_year && in.ref.field != input_field::supply_per_year) continue;
            if (!in.listed) continue;
            const double rate = in.dist ? support_of(*in.dist).hi : in.value;
            (in.ref.field == input_field::arrival_per_year ? created : offers) += rate * years;
            if (rate > busiest_rate) {
                busiest_rate = rate;
                busiest = &in;
            }
        }
        if (created <= max_created_per_replication && offers <= max_created_per_replication) return;
        const bool clients = created > max_created_per_replication;
        throw input_error((busiest ? busiest->where + ": " : sc.file + ": ") + "alternative " + in_quotes(a.id) +
                          " would " + (clients ? "create up to " + format_number(created) + " clients"
                                               : "make up to " + format_number(offers) + " offers") +
                          " in one replication over its " + std::to_string(sc.horizon_months) +
                          " months; hemsim's limit is " + format_number(max_created_per_replication) +
                          ": lower the rates (" + (busiest ? busiest->path : "") + " is " +
                          format_number(busiest_rate) + " a year) or the horizon (docs/language.md, \"Limits\")");
    }

    void read_horizon(scenario& sc) {
        element e = top();
        const tnode* years = root.find("horizon_years");
        const tnode* months = root.find("horizon_months");
        if (years && months)
            fail(months->key_at,
                 "the scenario gives both horizon_years and horizon_months; keep exactly one");
        if (!years && !months)
            fail(root.at, "missing horizon in the scenario; add horizon_years = 3 or horizon_months = 18");
        const tnode* h = years ? years : months;
        field f = field_of(e, *h);
        double v = rd.number(f, value_rule::any);
        const tnode& vn = rd.number_node(f);
        if (!(v > 0)) fail(vn.at, f.what + " is " + format_number(v) + "; the horizon must be > 0");
        double m = years ? v * 12 : v;
        if (m > max_horizon_months)
            fail(vn.at, f.what + " is " + format_number(v) + "; hemsim's limit for a horizon is " +
                            std::to_string(max_horizon_months / 12) + " years (" + std::to_string(max_horizon_months) +
                            " months) (docs/language.md, \"Limits\")");
        if (std::fabs(m - std::round(m)) > 1e-9)
            fail(vn.at, f.what + " is " + format_number(v) +
                            "; the horizon must be a whole number of months" +
                            (years ? " (horizon_years * 12)"s : ""s));
        sc.horizon_months = static_cast<int>(std::lround(m));
    }

    void read_alternatives(scenario& sc, const tnode& model_tree) {
        const tnode* arr = root.find("alternative");
        if (!arr)
            fail(root.at,
                 "the scenario has no alternatives; add [[alternative]] tables, one with baseline = true "
                 "(the nollalternativ)");
        if (arr->type != ttype::array)
            fail(arr->at, "'alternative' must be an array of tables; write [[alternative]]");
        std::map<std::string, origin> seen;
        std::vector<const tnode*> baselines;
        std::vector<element> alts;
        for (const auto& item : arr->items) {
            if (item.type != ttype::table)
                fail(item.at, "each 'alternative' must be a table, not " + type_name(item) +
                                  "; write [[alternative]]");
            element e{&item, "alternative", "alternative"};
            std::vector<std::string> keys{"id",   "name",      "baseline", "description", "set", "project_cost",
                                          "calc", "calc_note", "source",   "note"};
            for (const auto& k : element_kinds()) keys.push_back(k);
            check_keys(item, keys, "an alternative");
            const tnode& idn = require_key(e, "id", "id = \"nollalternativ\"");
            std::string id = read_string(field_of(e, idn), "id = \"nollalternativ\"");
            if (!valid_id(id))
                fail(idn.at, "invalid id " + in_quotes(id) +
                                 " for an alternative; ids use lower case letters a-z, "
                                 "digits and _ only");
            if (auto [it, fresh] = seen.emplace(id, idn.at); !fresh)
                fail(idn.at, "duplicate alternative id " + in_quotes(id) + " (first at " +
                                 describe(it->second) + "); give each alternative its own id");
            e.label = "alternative " + in_quotes(id);
            e.path = "alternative." + id;
            if (const tnode* b = item.find("baseline"); b && read_bool(field_of(e, *b)))
                baselines.push_back(b);
            alts.push_back(e);
        }
        if (alts.size() < 2)
            fail(arr->at, "the scenario has " + std::to_string(alts.size()) +
                              " alternative; a business case compares two or more: add the project (or the "
                              "nollalternativ)");
        if (baselines.empty())
            fail(arr->at,
                 "no nollalternativ: no alternative has baseline = true; mark exactly one alternative "
                 "(the do-nothing case) with baseline = true");
        if (baselines.size() > 1)
            fail(baselines[1]->at,
                 "two alternatives have baseline = true (the first at " + describe(baselines[0]->at) +
                     "); there is exactly one nollalternativ: keep baseline = true on one only");
        for (const auto& e : alts) sc.alternatives.push_back(read_alternative(e, sc, model_tree));
    }

    // Merges the element arrays and `set` paths of `e` (the scenario's top level
    // or an alternative) into a model tree.
    void apply_overrides(tnode& tree, const element& e) const {
        const tnode& item = *e.node;
        for (const auto& kind : element_kinds()) {
            const tnode* over = item.find(kind);
            if (!over) continue;
            tnode* dst = tree.find(kind);
            if (!dst) {
                tnode empty;
                empty.type = ttype::array;
                empty.key = kind;
                empty.at = over->at;
                empty.key_at = over->key_at;
                tree.items.push_back(std::move(empty));
                dst = tree.find(kind);
            }
            merge_elements(*dst, *over, kind);
        }
        if (const tnode* set = item.find("set")) {
            if (set->type != ttype::table)
                wrong_type(field_of(e, *set), "a table of paths",
                           "set = { \"staff.boendestodjare.fte\" = 9 }");
            std::vector<std::pair<std::string, const tnode*>> entries;
            collect_set(*set, "", entries);
            for (const auto& [path, v] : entries) apply_set(tree, path, *v, v->key_at);
        }
    }

    alternative read_alternative(const element& e, const scenario& sc, const tnode& model_tree) {
        alternative alt;
        const tnode& item = *e.node;
        alt.id = item.find("id")->text;
        alt.name = alt.id;
        if (const tnode* n = item.find("name"))
            alt.name = read_string(field_of(e, *n), "name = \"Projektet\"");
        if (const tnode* b = item.find("baseline")) alt.baseline = b->boolean;
        if (const tnode* d = item.find("description"))
            alt.description = read_string(field_of(e, *d), "description = \"...\"");
        if (const tnode* d = item.find("calc_note"))
            alt.calc_note = read_string(field_of(e, *d), "calc_note = \"...\"");
        for (const char* k : {"source", "note"})
            if (const tnode* n = item.find(k)) read_string(field_of(e, *n), std::string(k) + " = \"...\"");

        tnode tree = model_tree;
        apply_overrides(tree, e);
        try {
            alt.system = build_model(tree, sc.model_file);
        } catch (const input_error& err) {
            // Valid alone, the model broke under this alternative's overrides.
            throw input_error(std::string(err.what()) + " (in alternative " + in_quotes(alt.id) + ")");
        }

        if (const tnode* pc = item.find("project_cost")) {
            if (pc->type != ttype::array)
                wrong_type(field_of(e, *pc), "an array of tables", "[[alternative.project_cost]]");
            // Project amounts are inputs of the alternative and may be uncertain.
            reader ard(alt.system.notes, alt.system.inputs, alt.system.uncertain);
            for (std::size_t i = 0; i < pc->items.size(); ++i)
                alt.project_costs.push_back(read_project_cost(e, pc->items[i], i, alt.system, sc, ard));
            for (const project_cost& c : alt.project_costs)
                if (c.staff != no_index) alt.system.staff[c.staff].funded_fte.push_back({c.start, c.end, c.fte});
        }
        if (const tnode* calc = item.find("calc")) {
            if (calc->type != ttype::array)
                wrong_type(field_of(e, *calc), "an array of tables", "[[alternative.calc]]");
            for (std::size_t i = 0; i < calc->items.size(); ++i)
                alt.calc.push_back(read_calc(e, calc->items[i], i, alt.system));
        }
        return alt;
    }

    static index_t find_id(const field& f, const std::string& id, const std::vector<std::string>& ids,
                           std::string_view kind) {
        auto it = std::find(ids.begin(), ids.end(), id);
        if (it != ids.end()) return static_cast<index_t>(it - ids.begin());
        fail(f.node->at, "unknown " + std::string(kind) + " " + in_quotes(id) + " in " + f.what +
                             suggestion(id, ids, "known " + std::string(kind) + "s",
                                        "the model has no " + std::string(kind) + "s"));
    }

    project_cost read_project_cost(const element& alt, const tnode& n, std::size_t i, const model& m,
                                   const scenario& sc, reader& amounts) {
        std::string label = "project_cost " + std::to_string(i + 1) + " of " + alt.label;
        if (n.type != ttype::table)
            fail(n.at, "each project_cost of " + alt.label +
                           " must be a table; write [[alternative.project_cost]]");
        check_keys(n, {"item", "per_year", "one_off", "start", "end", "payer", "staff", "fte", "source", "note"},
                   label);
        element e{&n, label, alt.path + ".project_cost." + std::to_string(i + 1)};
        project_cost pc;
        pc.item =
            read_string(field_of(e, require_key(e, "item", "item = \"3 boendestödjare\"")), "item = \"...\"");
        e.label = "project_cost " + in_quotes(pc.item) + " of " + alt.label;
        const tnode* per_year = n.find("per_year");
        const tnode* one_off = n.find("one_off");
        const tnode* staff = n.find("staff");
        const tnode* fte = n.find("fte");
        if (per_year && one_off)
            fail(one_off->key_at, e.label + " gives both per_year and one_off; keep exactly one");
        if (staff || fte) {
            if (!staff || !fte)
                fail((staff ? staff : fte)->key_at,
                     e.label + " funds staff: give both staff = \"boendestodjare\" and fte = 3");
            if (one_off)
                fail(one_off->key_at, e.label + " funds staff, which costs per year; use per_year, not one_off");
            std::vector<std::string> pools;
            for (const auto& sp : m.staff) pools.push_back(sp.id);
            field sf = field_of(e, *staff);
            pc.staff = find_id(sf, read_string(sf, "staff = \"boendestodjare\""), pools, "staff pool");
            pc.fte = rd.positive(field_of(e, *fte));
            // Without an amount the line costs the pool's annual cost per FTE.
            if (!per_year) {
                pc.per_year_sek = pc.fte * m.staff[pc.staff].annual_cost_per_fte_sek.initial;
                pc.per_year_from_pool = true;
            }
        } else if (!per_year && !one_off) {
            fail(n.at, "missing amount in " + e.label + "; add per_year = 1500000 or one_off = 50000");
        }
        const index_t self = static_cast<index_t>(i);
        if (per_year)
            pc.per_year_sek = amounts.non_negative(input_of(e, *per_year, input_field::project_per_year, self, "kr/år"));
        if (one_off) {
            pc.one_off = true;
            pc.one_off_sek = amounts.non_negative(input_of(e, *one_off, input_field::project_one_off, self, "kr"));
        }
        if (const tnode* s = n.find("start")) pc.start = read_date(field_of(e, *s));
        if (const tnode* en = n.find("end")) pc.end = read_date(field_of(e, *en));
        date first = pc.start.value_or(sc.start);
        if (pc.end && *pc.end < first)
            fail(n.find("end")->at, e.label + " ends (" + iso(*pc.end) + ") before it starts (" +
                                        iso(first) + "); make end >= start");
        std::vector<std::string> payers;
        for (const auto& p : m.payers) payers.push_back(p.id);
        const tnode& payer_node = require_key(e, "payer", "payer = \"enheten\"");
        field pf = field_of(e, payer_node);
        pc.payer = find_id(pf, read_string(pf, "payer = \"enheten\""), payers, "payer");
        if (const tnode* s = n.find("source"))
            pc.source = read_string(field_of(e, *s), "source = \"seed 002\"");
        return pc;
    }

    // A line of the static sum: a count (or an amount) at a price from a
    // placement, an attribute's cost, a staff pool, or written out.
    calc_line read_calc(const element& alt, const tnode& n, std::size_t i, const model& m) {
        std::string label = "calc line " + std::to_string(i + 1) + " of " + alt.label;
        if (n.type != ttype::table)
            fail(n.at, "each calc line of " + alt.label + " must be a table; write [[alternative.calc]]");
        check_keys(n, {"item", "placement", "attribute", "staff", "price_per_month", "price_per_day", "per_year",
                       "count", "amount", "months", "days", "note", "source"},
                   label);
        element e{&n, label, alt.path + ".calc." + std::to_string(i + 1)};
        calc_line c;
        const char* price_keys[] = {"placement", "attribute", "staff", "price_per_month", "price_per_day", "per_year"};
        const tnode* price = nullptr;
        for (const char* k : price_keys) {
            const tnode* t = n.find(k);
            if (!t) continue;
            if (price)
                fail(t->key_at, label + " gives both " + in_quotes(price->key) + " and " + in_quotes(k) +
                                    "; the price comes from one of placement, attribute, staff, price_per_month, "
                                    "price_per_day or per_year");
            price = t;
        }
        if (!price)
            fail(n.at, "missing price in " + label +
                           "; add placement = \"stodboende\" (its price), attribute = \"forsorjningsstod\" (its "
                           "cost), staff = \"boendestodjare\", or price_per_month = 16500");
        auto ids_of = [](const auto& v) {
            std::vector<std::string> ids;
            for (const auto& x : v) ids.push_back(x.id);
            return ids;
        };
        auto from_schedule = [&](const schedule& sc, calc_unit u) {
            c.unit_price_sek = sc.initial;
            c.unit = u;
        };
        field pf = field_of(e, *price);
        std::string default_item;
        if (price->key == "placement") {
            c.placement = find_id(pf, read_string(pf, "placement = \"stodboende\""), ids_of(m.placements), "placement");
            const placement& pl = m.placements[c.placement];
            if (pl.terminal) fail(price->at, label + " names terminal placement " + in_quotes(pl.id) + ", which has no price");
            if (pl.price_given_per_month) from_schedule(pl.price_per_month_sek, calc_unit::month);
            else from_schedule(pl.price_per_day_sek, calc_unit::day);
            default_item = pl.name;
        } else if (price->key == "attribute") {
            index_t a = find_id(pf, read_string(pf, "attribute = \"forsorjningsstod\""), ids_of(m.attributes), "attribute");
            const attribute& at = m.attributes[a];
            if (!at.has_cost())
                fail(price->at, label + " names attribute " + in_quotes(at.id) +
                                    ", which has no cost; give it cost_per_month and cost_in, or write price_per_month");
            if (at.cost_given_per_month) from_schedule(at.cost_per_month_sek, calc_unit::month);
            else from_schedule(at.cost_per_day_sek, calc_unit::day);
            default_item = at.name;
        } else if (price->key == "staff") {
            index_t s = find_id(pf, read_string(pf, "staff = \"boendestodjare\""), ids_of(m.staff), "staff pool");
            from_schedule(m.staff[s].annual_cost_per_fte_sek, calc_unit::year);
            c.count = m.staff[s].fte.initial;
            default_item = m.staff[s].name;
        } else {
            c.unit_price_sek = rd.non_negative(pf);
            c.unit = price->key == "price_per_month" ? calc_unit::month
                     : price->key == "price_per_day" ? calc_unit::day
                                                     : calc_unit::year;
        }
        c.periods = c.unit == calc_unit::month ? 12 : c.unit == calc_unit::day ? 365 : 1;
        const tnode* months = n.find("months");
        const tnode* days = n.find("days");
        if (months && c.unit != calc_unit::month)
            fail(months->key_at, label + " gives months, but its price is not per month; remove months");
        if (days && c.unit != calc_unit::day)
            fail(days->key_at, label + " gives days, but its price is not per dygn; remove days");
        if (months) c.periods = rd.non_negative(field_of(e, *months));
        if (days) c.periods = rd.non_negative(field_of(e, *days));
        const tnode* count = n.find("count");
        const tnode* amount = n.find("amount");
        if (count && amount) fail(amount->key_at, label + " gives both count and amount; keep one");
        if (count) {
            c.count = rd.non_negative(field_of(e, *count));
        } else if (amount) {
            // The seed gives the total: the count is what it implies at this price.
            double total = rd.non_negative(field_of(e, *amount));
            double per_one = c.unit_price_sek * c.periods;
            if (!(per_one > 0)) fail(amount->at, label + " gives an amount at a price of 0; give count instead");
            c.count = total / per_one;
        } else if (price->key != "staff") {
            fail(n.at, "missing count in " + label + "; add count = 50 (or amount = 12200000 for a given total)");
        }
        if (const tnode* it = n.find("item")) c.item = read_string(field_of(e, *it), "item = \"...\"");
        if (c.item.empty()) c.item = default_item;
        if (c.item.empty()) fail(n.at, "missing item in " + label + "; add item = \"...\" (the line's name)");
        if (const tnode* nt = n.find("note")) c.note = read_string(field_of(e, *nt), "note = \"...\"");
        if (const tnode* s = n.find("source")) {
            std::string src = read_string(field_of(e, *s), "source = \"seed 002\"");
            c.note = c.note.empty() ? src : c.note + " (" + src + ")";
        }
        return c;
    }
};

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string summary(const model& m) {
    return "model " + in_quotes(m.name) + ": " + plural(m.placements.size(), "placement", "placements") +
           ", " + plural(m.staff.size(), "staff", "staff") + ", " +
           plural(m.services.size(), "service", "services") + ", " +
           plural(m.supplies.size(), "supply", "supplies") + ", " +
           plural(m.groups.size(), "group", "groups") + ", " +
           plural(m.transitions.size(), "transition", "transitions");
}

}  // namespace
}  // namespace hemsim::loader

namespace hemsim {
using namespace loader;

model load_model(const std::filesystem::path& file) {
    tnode root = read_document(file);
    return build_model(root, file.string());
}

scenario load_scenario(const std::filesystem::path& file) {
    tnode root = read_document(file);
    scenario sc;
    scenario_reader r{root, file.string(), {}, {}, {}};
    r.read(sc);
    return sc;
}

file_kind detect_kind(const std::filesystem::path& file) {
    tnode root = read_document(file);
    const tnode* alt = root.find("alternative");
    const tnode* m = root.find("model");
    if ((alt && alt->type == ttype::array) || (m && m->type == ttype::string)) return file_kind::scenario;
    return file_kind::model;
}

std::string check_file(const std::filesystem::path& file) {
    if (detect_kind(file) == file_kind::model) return summary(load_model(file));
    scenario sc = load_scenario(file);
    return "scenario " + in_quotes(sc.title) + ": " +
           plural(sc.alternatives.size(), "alternative", "alternatives") + ", " +
           summary(sc.alternatives[sc.baseline_index()].system);
}

}  // namespace hemsim
