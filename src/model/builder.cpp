// The model builder: reads each kind of element of a model's tree in turn into
// the model's value types, resolving references by id, and then runs the
// checks on the whole model (validate.cpp).
#include "model/builder.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <utility>

#include "model/schema.hpp"

namespace hemsim::loader {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

// Why these conditions cannot read the time in the system (docs/language.md, "Conditions").
constexpr std::string_view no_time_in_resource_gate =
    "a supply or staff gate is tried again while the client waits, and what it needs must not change "
    "meanwhile: put the time on the transition's own 'when' (read on entry) or on a service gate (read "
    "when the client reaches it)";
constexpr std::string_view no_time_in_indicator =
    "an indicator counts clients by their attributes alone (a person counted on entering must be the same "
    "on leaving): choose the time on a branch into a placement, and count entries into it";

class model_builder {
public:
    model_builder(const tnode& root, std::string file, std::optional<date> start)
        : root_(root), start_(start), rd_(m_.notes, m_.inputs, m_.uncertain) {
        m_.file = std::move(file);
    }

    model build() {
        check_keys(root_, top_keys(), "the model (top level)");
        read_header();
        ids_.collect(root_);
        for (const auto& e : elements_of(root_, element_kind::payer)) build_payer(e);
        for (const auto& e : elements_of(root_, element_kind::placement)) build_placement(e);
        for (const auto& e : elements_of(root_, element_kind::staff)) build_staff(e);
        for (const auto& e : elements_of(root_, element_kind::service)) build_service(e);
        for (const auto& e : elements_of(root_, element_kind::supply)) build_supply(e);
        for (const auto& e : elements_of(root_, element_kind::attribute)) build_attribute(e);
        for (const auto& e : elements_of(root_, element_kind::group)) build_group(e);
        for (const auto& e : elements_of(root_, element_kind::transition)) build_transition(e);
        for (const auto& e : elements_of(root_, element_kind::indicator)) build_indicator(e);
        // The rest first: on each date a branch's sum reads the sibling that takes it.
        find_remainders(m_, root_);
        check_waiting(m_, root_);
        check_branches(m_, root_);
        check_stock(m_, root_, start_);
        check_instant_cycles(m_, root_);
        return std::move(m_);
    }

private:
    static const std::vector<std::string>& top_keys() {
        static const std::vector<std::string> keys = [] {
            std::vector<std::string> k{"model"};
            for (const auto& key : element_keys()) k.push_back(key);
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
        check_keys(*header, keys_of(table_kind::model_header), "[model]");
        if (const tnode* d = header->find("description"))
            read_string(field{d, "'description' in [model]", "model.description"}, "description = \"...\"");
        if (const tnode* n = header->find("name"))
            m_.name = read_string(field{n, "'name' in [model]", "model.name"}, "name = \"Bostadskedjan\"");
        rd_.note("model", "", *header);
    }

    std::string element_name(const element& e, const std::string& id) {
        rd_.note(e.path, "", *e.node);
        if (const tnode* n = e.node->find("name"))
            return read_string(field_of(e, *n), "name = \"Stödboende\"");
        return id;
    }

    index_t resolve_payer(const element& e, bool required, std::string_view why) {
        const tnode* p = e.node->find("payer");
        if (!p) {
            const auto& payers = ids_.of(element_kind::payer);
            if (required)
                fail(e.node->at, "missing key 'payer' in " + e.label + " (" + std::string(why) +
                                     "); add e.g. payer = \"" + (payers.empty() ? "enheten"s : payers[0]) +
                                     "\"");
            return no_index;
        }
        return ids_.resolve(field_of(e, *p), element_kind::payer);
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
        // A terminal placement is free unless it gives a price: then each client
        // entering it is charged for `charged_for` (or to the horizon) after the exit.
        p.charged_after_exit = p.terminal && (month || day);
        if (!p.terminal && !month && !day)
            fail(e.node->at, "missing price in " + e.label +
                                 "; add exactly one of price_per_month = 16500 or price_per_day = 550");
        const index_t self = static_cast<index_t>(m_.placements.size());
        if (month) {
            p.price_given_per_month = true;
            p.price_per_month_sek =
                rd_.read_schedule(input_of(e, *month, input_field::placement_price, self, "kr/mån"));
            p.price_per_day_sek = scaled(p.price_per_month_sek, 12.0 / 365.0);
        } else if (day) {
            p.price_per_day_sek =
                rd_.read_schedule(input_of(e, *day, input_field::placement_price, self, "kr/dygn"));
        }
        if (const tnode* c = e.node->find("capacity"))
            p.capacity = rd_.read_schedule(input_of(e, *c, input_field::placement_capacity, self, "platser"),
                                           value_rule::whole);
        p.payer = resolve_payer(e, !p.terminal || p.charged_after_exit, "who pays for the stay");
        if (const tnode* c = e.node->find("charged_for")) {
            if (!p.charged_after_exit)
                fail(c->key_at,
                     e.label + (p.terminal ? " gives 'charged_for' but no price; add price_per_day = 1100 "
                                             "(or price_per_month) and a payer, or remove 'charged_for'"s
                                           : " gives 'charged_for', which only a terminal placement with a "
                                             "price has (the time an exit is charged); remove it"s));
            p.charged_for_days = read_charged_for(e, *c, self);
        }
        if (const tnode* c = e.node->find("clears_flags")) p.clears_flags = ids_.flag_mask(field_of(e, *c));
        read_rules(e, p);
        m_.placements.push_back(std::move(p));
    }

    // `charged_for = 730` (days) or { value = 2, unit = "years" }: how long a priced
    // exit is charged; an input ("placement.<id>.charged_for", in the unit written).
    double read_charged_for(const element& e, const tnode& n, index_t self) {
        const tnode* number = &n;
        double unit = 1;
        std::string unit_word = "dagar";
        if (n.type == ttype::table) {
            const std::string what = "'charged_for' in " + e.label;
            check_keys(n, keys_of(table_kind::charged_for), what);
            number = n.find("value");
            if (!number)
                fail(n.at,
                     what + " has no 'value'; write e.g. charged_for = { value = 2, unit = \"years\" }");
            if (const tnode* u = n.find("unit")) {
                const std::string text =
                    read_string(field{u, "'unit' of " + what, e.path + ".charged_for"}, "unit = \"years\"");
                static const std::vector<std::pair<std::string, std::pair<double, std::string>>> units{
                    {"days", {1.0, "dagar"}},
                    {"weeks", {7.0, "veckor"}},
                    {"months", {365.0 / 12.0, "månader"}},
                    {"years", {365.0, "år"}}};
                auto it =
                    std::find_if(units.begin(), units.end(), [&](const auto& x) { return x.first == text; });
                if (it == units.end())
                    fail(u->at,
                         "unknown unit " + in_quotes(text) + " in " + what +
                             suggestion(text, {"days", "weeks", "months", "years"}, "valid units", ""));
                unit = it->second.first;
                unit_word = it->second.second;
            }
            rd_.note(e.path + ".charged_for", "", n);
        }
        field f = input_of(e, *number, input_field::placement_charged_for, self, unit_word);
        f.what = "'charged_for' in " + e.label;
        f.path = e.path + ".charged_for";
        if (f.target) f.target->unit = unit;
        return rd_.positive(f) * unit;
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
                fail(after->key_at, e.label +
                                        " gives after_max_stay without max_stay_days; add e.g. "
                                        "max_stay_days = 30");
            p.after_max_stay = ids_.resolve(field_of(e, *after), element_kind::placement);
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
                    fail(r.at,
                         what + " must be a table such as { when = \"alder_65\", instead = \"stodboende\" }");
                check_keys(r, keys_of(table_kind::bar), what);
                element re{&r, what, e.path + ".never_for." + std::to_string(i + 1)};
                placement::bar b;
                b.when = ids_.read_condition(field_of(re, require_key(re, "when", "when = \"alder_65\"")));
                b.instead = ids_.resolve(field_of(re, require_key(re, "instead", "instead = \"stodboende\"")),
                                         element_kind::placement);
                if (ids_.of(element_kind::placement)[b.instead] == p.id)
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
                fail(k->key_at, e.label + " gives both " + in_quotes(given->key) + " and " +
                                    in_quotes(k->key) + "; an indicator counts one thing");
            given = k;
        }
        if (!given)
            fail(e.node->at, e.label +
                                 " says nothing to count; add one of persons_in = [\"harbarge\"], "
                                 "entries = [\"bostad_forst\"], moves = \"eget_harbarge\" or "
                                 "over_max_stay = [\"akutboende\"]");
        field f = field_of(e, *given);
        if (given->key == "moves") {
            ind.kind = indicator_kind::moves;
            ind.transition = ids_.resolve(f, element_kind::transition);
        } else {
            ind.kind = given->key == "persons_in" ? indicator_kind::persons_in
                       : given->key == "entries"  ? indicator_kind::entries
                                                  : indicator_kind::over_max_stay;
            if (given->type == ttype::string) {
                ind.placements.push_back(ids_.resolve(f, element_kind::placement));
            } else if (given->type == ttype::array) {
                for (const tnode& item : given->items)
                    ind.placements.push_back(
                        ids_.resolve(field{&item, f.what, f.path}, element_kind::placement));
            } else {
                wrong_type(f, "a placement id or a list of them",
                           given->key + " = [\"harbarge\", \"akutboende\"]");
            }
            if (ind.kind == indicator_kind::over_max_stay)
                for (index_t p : ind.placements)
                    if (!m_.placements[p].max_stay_days)
                        fail(given->at, e.label + " counts persons over the maximum stay of " +
                                            in_quotes(m_.placements[p].id) +
                                            ", which has none; add max_stay_days to that placement");
        }
        if (const tnode* w = e.node->find("when"))
            ind.when = ids_.read_condition(field_of(e, *w), no_time_in_indicator);
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
        s.fte = rd_.read_schedule(
            input_of(e, require_key(e, "fte", "fte = 6"), input_field::staff_fte, self, "åa"));
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
            s.slots_per_fte = rd_.positive(
                input_of(e, *caseload, input_field::staff_slots_per_fte, self, "klienter per åa"));
        } else if (slots) {
            s.kind = staff_kind::service_slots;
            s.slots_per_fte =
                rd_.positive(input_of(e, *slots, input_field::staff_slots_per_fte, self, "ärenden per åa"));
        }
        s.payer = resolve_payer(e, true, "who pays the salaries");
        m_.staff.push_back(std::move(s));
    }

    void build_service(const element& e) {
        service s;
        s.id = id_node(e).text;
        s.name = element_name(e, s.id);
        const tnode& st = require_key(e, "staff", "staff = \"skuldradgivare\"");
        s.staff = ids_.resolve(field_of(e, st), element_kind::staff);
        const auto& pool = m_.staff[s.staff];
        if (pool.kind != staff_kind::service_slots)
            fail(st.at, e.label + " uses staff " + in_quotes(pool.id) + ", which " +
                            (pool.kind == staff_kind::caseload ? "has a caseload"s
                                                               : "has neither caseload nor service_slots"s) +
                            "; a service needs a staff pool with service_slots (e.g. service_slots = 8)");
        s.duration = rd_.read_distribution(
            input_of(e, require_key(e, "duration", "duration = { exponential = 60 }"),
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
        s.per_year = rd_.read_schedule(input_of(e, require_key(e, "per_year", "per_year = 30"),
                                                input_field::supply_per_year,
                                                static_cast<index_t>(m_.supplies.size()), "per år"));
        s.process = read_process(e);
        m_.supplies.push_back(std::move(s));
    }

    void build_attribute(const element& e) {
        attribute a;
        a.id = id_node(e).text;
        a.name = element_name(e, a.id);
        const index_t self = static_cast<index_t>(m_.attributes.size());
        a.probability = rd_.probability(input_of(e, require_key(e, "probability", "probability = 0.6"),
                                                 input_field::attribute_probability, self, ""));
        if (const tnode* r = e.node->find("redraw_on_entry"))
            a.redraw_on_entry = ids_.placement_list(field_of(e, *r));
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
            a.cost_per_month_sek =
                rd_.read_schedule(input_of(e, *month, input_field::attribute_cost, self, "kr/mån"));
            a.cost_per_day_sek = scaled(a.cost_per_month_sek, 12.0 / 365.0);
        }
        if (day)
            a.cost_per_day_sek =
                rd_.read_schedule(input_of(e, *day, input_field::attribute_cost, self, "kr/dygn"));
        if (in) {
            a.cost_in = ids_.placement_list(field_of(e, *in));
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
    std::vector<element> entries(const element& g, element_kind kind) {
        const std::string_view key = schema_of(kind).key;
        std::vector<element> out;
        const tnode* arr = g.node->find(key);
        if (!arr) return out;
        if (arr->type != ttype::array)
            fail(arr->at, in_quotes(key) + " in " + g.label + " must be an array of tables; write [[group." +
                              std::string(key) + "]]");
        std::map<std::string, origin> seen;
        for (const auto& item : arr->items) {
            if (out.size() == max_entries_per_group)
                fail(item.at,
                     g.label + " has " + std::to_string(arr->items.size()) + " " + std::string(key) +
                         " entries; hemsim's limit is " + std::to_string(max_entries_per_group) +
                         " a group: split the group into two alike, or merge entries that are alike");
            std::string label = std::string(key) + " entry of " + g.label;
            if (item.type != ttype::table)
                fail(item.at, "each " + label + " must be a table, not " + type_name(item) +
                                  "; write [[group." + std::string(key) + "]]");
            element e{&item, label, ""};
            check_keys(item, schema_of(kind).keys, label);
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
                index_t a = ids_.resolve_id(f, item, item.key, element_kind::attribute);
                field pf{&item, in_quotes(item.key) + " in 'probabilities' of " + e.label,
                         f.path + "." + item.key,
                         input_ref{input_field::group_probability, self, a, whole_schedule, 1}, ""};
                g.attribute_probability[a] = rd_.probability(pf);
                g.own_probability |= std::uint64_t{1} << a;
            }
        }
        for (const auto& ie : entries(e, element_kind::initial)) {
            initial_stock s;
            s.id = ie.path.substr(ie.path.rfind('.') + 1);
            rd_.note(ie.path, "", *ie.node);
            s.placement =
                ids_.resolve(field_of(ie, require_key(ie, "placement", "placement = \"stodboende\"")),
                             element_kind::placement);
            const index_t entry = static_cast<index_t>(g.initial.size());
            s.count = rd_.count(input_of(ie, require_key(ie, "count", "count = 50"),
                                         input_field::initial_count, self, "personer", entry));
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
                s.elapsed_days = rd_.read_distribution(
                    input_of(ie, *el, input_field::initial_elapsed, self, "dagar", entry));
            if (const tnode* fl = ie.node->find("flags")) s.flags = ids_.flag_mask(field_of(ie, *fl));
            if (const tnode* h = ie.node->find("holds")) {
                field hf = field_of(ie, *h);
                if (h->type != ttype::array)
                    wrong_type(hf, "a list of staff pools", "holds = [\"boendestodjare\"]");
                for (const tnode& item : h->items) {
                    index_t pool = ids_.resolve(field{&item, hf.what, hf.path}, element_kind::staff);
                    if (m_.staff[pool].kind != staff_kind::caseload)
                        fail(item.at,
                             hf.what + ": staff pool " + in_quotes(m_.staff[pool].id) +
                                 " has no caseload; clients hold slots only of pools with a caseload");
                    s.holds_staff |= std::uint64_t{1} << pool;
                }
            }
            if (const tnode* at = ie.node->find("attributes")) {
                field af = field_of(ie, *at);
                if (at->type != ttype::table)
                    wrong_type(af, "a table of attribute values", "attributes = { has_debt = true }");
                for (const tnode& item : at->items) {
                    std::uint64_t bit = std::uint64_t{1}
                                        << ids_.resolve_id(af, item, item.key, element_kind::attribute);
                    bool v =
                        read_bool(field{&item, "'" + item.key + "' in " + af.what, af.path + "." + item.key});
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
        for (const auto& ae : entries(e, element_kind::arrivals)) {
            arrival_stream s;
            s.id = ae.path.substr(ae.path.rfind('.') + 1);
            rd_.note(ae.path, "", *ae.node);
            s.placement =
                ids_.resolve(field_of(ae, require_key(ae, "placement", "placement = \"stodboende\"")),
                             element_kind::placement);
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

    // `after` as dated steps [ { value = 180 }, { from = 2009-03-01, value = 90 } ]: each
    // value a duration as `after` takes it, its parameters inputs of their own
    // ("<path>@2009-03-01.mean", the first "<path>@start.mean"). The first step has no date.
    void read_after_schedule(const field& f, transition& t) {
        const std::vector<schedule_step> steps = schedule_steps(f, "180", "90");
        if (steps.front().from)
            fail(steps.front().table->find("from")->at,
                 steps.front().what +
                     ": the first step of a duration's schedule has no 'from' (it is the duration from the "
                     "beginning); write [ { value = 180 }, { from = " +
                     iso(*steps.front().from) + ", value = 90 } ]");
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const schedule_step& st = steps[i];
            field vf = f;
            vf.node = st.value;
            vf.what = "'value' of " + st.what;
            vf.path = f.path + "@" + (st.from ? iso(*st.from) : "start");
            vf.target->step = static_cast<std::int32_t>(i);
            distribution dist = rd_.read_distribution(vf);
            rd_.note(vf.path, "", *st.table);
            if (st.from)
                t.after_steps.push_back({*st.from, dist});
            else
                t.after = dist;
        }
    }

    void build_transition(const element& e) {
        transition t;
        t.id = ids_.of(element_kind::transition)[m_.transitions.size()];
        rd_.note(e.path, "", *e.node);
        const tnode& from = *e.node->find("from");
        t.from = ids_.resolve(field_of(e, from), element_kind::placement);
        t.to = ids_.resolve(field_of(e, *e.node->find("to")), element_kind::placement);
        if (m_.placements[t.from].terminal)
            fail(from.at,
                 e.label + " leaves terminal placement " + in_quotes(m_.placements[t.from].id) +
                     ", which clients never leave (they exit the system); remove the transition or make "
                     "the placement non-terminal");
        const index_t self = static_cast<index_t>(m_.transitions.size());
        const tnode& after = require_key(e, "after", "after = { exponential = 180 }");
        if (after.type == ttype::array)
            read_after_schedule(input_of(e, after, input_field::transition_after, self, ""), t);
        else
            t.after = rd_.read_distribution(input_of(e, after, input_field::transition_after, self, ""));
        if (const tnode* p = e.node->find("probability")) {
            field pf = input_of(e, *p, input_field::transition_probability, self, "");
            if (p->type == ttype::array) {
                // Dated steps, each an input of its own ("...probability@2009-03-01").
                schedule sp = rd_.read_schedule(pf, value_rule::probability);
                t.probability = sp.initial;
                t.probability_steps = std::move(sp.steps);
            } else {
                t.probability = rd_.probability(pf);
            }
        }
        if (const tnode* w = e.node->find("when")) t.when = ids_.read_condition(field_of(e, *w));
        read_move_cost(e, t, self);
        read_waiting(e, t, self);
        if (const tnode* r = e.node->find("require")) {
            field rf = field_of(e, *r);
            if (r->type != ttype::array)
                wrong_type(rf, "a list of gates",
                           "require = [ { service = \"skuldradgivning\" }, { supply = \"lagenheter\" } ]");
            if (r->items.size() > max_gates)
                fail(r->items[max_gates].at, e.label + " has " + std::to_string(r->items.size()) +
                                                 " gates in 'require'; hemsim's limit is " +
                                                 std::to_string(max_gates));
            for (std::size_t i = 0; i < r->items.size(); ++i) t.gates.push_back(read_gate(e, r->items[i], i));
            check_gates(e, t, *r);
            // Services are passed first, then the resource gates together.
            std::stable_partition(t.gates.begin(), t.gates.end(),
                                  [](const gate& g) { return g.kind == gate_kind::service; });
        }
        m_.transitions.push_back(std::move(t));
    }

    // `cost_per_move` and `cost_payer` go together: a one-off amount on each move, for a payer.
    void read_move_cost(const element& e, transition& t, index_t self) {
        const tnode* cost = e.node->find("cost_per_move");
        const tnode* payer = e.node->find("cost_payer");
        if (!cost && !payer) return;
        const auto& payers = ids_.of(element_kind::payer);
        if (!payer)
            fail(cost->key_at, e.label +
                                   " gives 'cost_per_move' but no 'cost_payer'; add who pays it, e.g. " +
                                   "cost_payer = \"" + (payers.empty() ? "hyresvard"s : payers[0]) + "\"");
        if (!cost)
            fail(payer->key_at, e.label +
                                    " gives 'cost_payer' but no 'cost_per_move'; add the amount, e.g. "
                                    "cost_per_move = 12000, or remove 'cost_payer'");
        t.cost_payer = ids_.resolve(field_of(e, *payer), element_kind::payer);
        t.cost_per_move_sek =
            rd_.non_negative(input_of(e, *cost, input_field::transition_move_cost, self, "kr"));
    }

    // Giving up (`give_up_after` with `give_up_to`, optionally `give_up_keeps_place`)
    // and moves while waiting (`while_waiting`); what needs the whole model is
    // checked in check_waiting.
    void read_waiting(const element& e, transition& t, index_t self) {
        const tnode* after = e.node->find("give_up_after");
        const tnode* to = e.node->find("give_up_to");
        const tnode* keeps = e.node->find("give_up_keeps_place");
        if (after && !to)
            fail(after->key_at, e.label +
                                    " gives 'give_up_after' but no 'give_up_to'; add where a client who "
                                    "gives up goes, e.g. give_up_to = \"" +
                                    m_.placements[t.from].id + "\"");
        if (!after && (to || keeps))
            fail((to ? to : keeps)->key_at,
                 e.label + " gives " + in_quotes(to ? "give_up_to" : "give_up_keeps_place") +
                     " but no 'give_up_after'; add the time after which a waiting client gives up, e.g. "
                     "give_up_after = { exponential = 180 }");
        if (after) {
            if (after->type == ttype::array)
                fail(after->at, "'give_up_after' in " + e.label +
                                    " is a duration drawn when a client joins the waiting list, not a "
                                    "schedule; write e.g. give_up_after = { exponential = 180 }");
            t.give_up_after =
                rd_.read_distribution(input_of(e, *after, input_field::transition_give_up, self, ""));
            t.give_up_to = ids_.resolve(field_of(e, *to), element_kind::placement);
            if (keeps) t.give_up_keeps_place = read_bool(field_of(e, *keeps));
        }
        if (const tnode* w = e.node->find("while_waiting"))
            t.while_waiting = ids_.resolve(field_of(e, *w), element_kind::transition);
    }

    // Gates the engine could never pass, or would pass wrongly.
    void check_gates(const element& e, const transition& t, const tnode& require) {
        const placement& to = m_.placements[t.to];
        for (std::size_t i = 0; i < t.gates.size(); ++i) {
            const gate& g = t.gates[i];
            if (g.kind == gate_kind::staff && to.terminal)
                fail(require.items[i].at,
                     "gate " + std::to_string(i + 1) + " of 'require' in " + e.label +
                         " takes a slot of staff pool " + in_quotes(m_.staff[g.target].id) +
                         ", which a client holds while in the destination; " + in_quotes(to.id) +
                         " is terminal (clients leave at once), so the "
                         "slot would never be given back: remove the staff gate");
            for (std::size_t j = 0; j < i; ++j) {
                const gate& h = t.gates[j];
                if (g.kind != gate_kind::supply || h.kind != gate_kind::supply || g.target == h.target)
                    continue;
                if (!g.when.excludes(h.when))
                    fail(
                        require.items[i].at,
                        "gates " + std::to_string(j + 1) + " and " + std::to_string(i + 1) +
                            " of 'require' in " + e.label + " wait for two supplies (" +
                            in_quotes(m_.supplies[h.target].id) + " and " +
                            in_quotes(m_.supplies[g.target].id) +
                            ") for the same client; an offer brings one unit of one supply, so such a client "
                            "could never move: give the gates 'when' conditions that exclude each other, or "
                            "one transition per supply");
            }
        }
    }

    gate read_gate(const element& e, const tnode& n, std::size_t i) {
        std::string what = "gate " + std::to_string(i + 1) + " of 'require' in " + e.label;
        if (n.type != ttype::table)
            fail(n.at, what + " must be a table such as { supply = \"lagenheter\" }, not " + type_name(n));
        check_keys(n, keys_of(table_kind::gate), what);
        // The kinds of element a gate may name, by their keys.
        static constexpr std::pair<element_kind, gate_kind> gate_kinds[] = {
            {element_kind::service, gate_kind::service},
            {element_kind::supply, gate_kind::supply},
            {element_kind::staff, gate_kind::staff}};
        gate g;
        const tnode* target = nullptr;
        element_kind target_kind = element_kind::service;
        for (const auto& [kind, gk] : gate_kinds) {
            const std::string_view k = schema_of(kind).key;
            const tnode* t = n.find(k);
            if (!t) continue;
            if (target)
                fail(t->key_at, what + " names both " + in_quotes(target->key) + " and " + in_quotes(k) +
                                    "; write one gate per table");
            target = t;
            target_kind = kind;
            g.kind = gk;
        }
        if (!target)
            fail(n.at, what + " names no service, supply or staff; write e.g. { supply = \"lagenheter\" }");
        field f{target, in_quotes(target->key) + " of " + what, e.path + ".require"};
        g.target = ids_.resolve(f, target_kind);
        if (g.kind == gate_kind::staff) {
            const auto& pool = m_.staff[g.target];
            if (pool.kind != staff_kind::caseload)
                fail(target->at, "staff gate " + in_quotes(pool.id) + " in " + e.label + ": the pool " +
                                     (pool.kind == staff_kind::service_slots
                                          ? "has service_slots (it serves services; use a service gate)"s
                                          : "has no caseload"s) +
                                     "; a staff gate needs a pool with a caseload (e.g. caseload = 13)");
        }
        if (const tnode* w = n.find("when"))
            g.when = ids_.read_condition(field{w, "'when' of " + what, f.path},
                                         g.kind == gate_kind::service ? "" : no_time_in_resource_gate);
        rd_.note(e.path + ".require." + target->text, "", n);
        return g;
    }

    const tnode& root_;
    std::optional<date> start_;  // the case's, when read for one
    model m_;
    reader rd_;
    model_ids ids_{m_.flags};
};

}  // namespace

model build_model(const tnode& root, const std::string& file, std::optional<date> start) {
    return model_builder(root, file, start).build();
}

}  // namespace hemsim::loader
