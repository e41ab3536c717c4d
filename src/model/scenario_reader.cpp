// The scenario reader: the case's settings (title, model, start, horizon,
// replications, seed, years, units, warm-up), its alternatives with their
// overrides and project costs, the calc lines of the static sum, and the
// limits on the work of one replication (see scenario_reader.hpp).
#include "model/scenario_reader.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <utility>
#include <vector>

#include "model/builder.hpp"
#include "model/overrides.hpp"
#include "model/schema.hpp"
#include "model/values.hpp"

namespace hemsim::loader {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

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
        std::vector<std::string> k = keys_of(table_kind::scenario);
        for (const auto& key : element_keys()) k.push_back(key);
        return k;
    }

    void read(scenario& sc) {
        element e = top();
        check_keys(root, scenario_keys(), "the scenario (top level)");
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
            if (v == "365-day")
                sc.years_365_day = true;
            else if (v != "calendar")
                fail(y->at,
                     f.what + " is \"" + v +
                         "\"; write years = \"calendar\" (calendar years, the default) "
                         "or years = \"365-day\" (years of exactly 365 days, as in some reference models)");
        }
        if (const tnode* d = root.find("discount_rate")) {
            field f = field_of(e, *d);
            const double r = rd.number(f);
            const tnode& at = rd.number_node(f);
            if (!(r > -1 && r <= 1))
                fail(at.at, f.what + " is " + format_number(r) +
                                "; give the real discount rate a year as a share above -1 and at most 1 "
                                "(discount_rate = 0.035 for 3.5 %)");
            sc.discount_rate = r;
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
            double horizon_days = sc.years_365_day
                                      ? 365.0 * sc.horizon_months / 12.0
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
        {
            model as_written = build_model(model_tree, sc.model_file, sc.start);
            sc.model_inputs = std::move(as_written.inputs);
            sc.model_notes = std::move(as_written.notes);
        }
        apply_overrides(model_tree, e);
        build_model(model_tree, sc.model_file, sc.start);
        read_alternatives(sc, model_tree);
        for (const alternative& a : sc.alternatives) check_work(sc, a);
        for (const char* k : {"description", "source", "note"})
            if (const tnode* n = root.find(k)) read_string(field_of(e, *n), std::string(k) + " = \"...\"");
        if (source_note sn = note_of(e, root, "scenario"); !sn.source.empty() || !sn.note.empty())
            sc.notes.push_back(std::move(sn));
        for (const alternative& a : sc.alternatives)
            for (const source_note& n : a.system.notes)
                if (n.path == "alternative." + a.id) sc.notes.push_back(n);
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
            throw input_error(
                sc.model_file, 0, 0,
                "alternative " + in_quotes(a.id) +
                    " has no clients: no group has an initial stock or arrivals, so every figure "
                    "would be 0; add a [[group]] with [[group.initial]] or [[group.arrivals]]");
        for (const model_input& in : a.system.inputs) {
            if (in.ref.field != input_field::arrival_per_year && in.ref.field != input_field::supply_per_year)
                continue;
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
        const std::string what = "alternative " + in_quotes(a.id) + " would " +
                                 (clients ? "create up to " + format_number(created) + " clients"
                                          : "make up to " + format_number(offers) + " offers") +
                                 " in one replication over its " + std::to_string(sc.horizon_months) +
                                 " months; hemsim's limit is " + format_number(max_created_per_replication) +
                                 ": lower the rates (" + (busiest ? busiest->path : "") + " is " +
                                 format_number(busiest_rate) +
                                 " a year) or the horizon (docs/language.md, \"Limits\")";
        // A model input keeps its place as text ("file:line:col"): the error has it in its text only.
        if (busiest) throw input_error(busiest->where + ": " + what);
        throw input_error(sc.file, 0, 0, what);
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
                            std::to_string(max_horizon_months / 12) + " years (" +
                            std::to_string(max_horizon_months) + " months) (docs/language.md, \"Limits\")");
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
            std::vector<std::string> keys = keys_of(table_kind::alternative);
            for (const auto& k : element_keys()) keys.push_back(k);
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

    // An element's own `source` and `note` (strings, checked).
    static source_note note_of(const element& e, const tnode& n, std::string path) {
        source_note sn;
        sn.path = std::move(path);
        if (const tnode* s = n.find("source")) sn.source = read_string(field_of(e, *s), "source = \"...\"");
        if (const tnode* t = n.find("note")) sn.note = read_string(field_of(e, *t), "note = \"...\"");
        return sn;
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
        const source_note own = note_of(e, item, "alternative." + alt.id);

        tnode tree = model_tree;
        apply_overrides(tree, e);
        try {
            alt.system = build_model(tree, sc.model_file, sc.start);
        } catch (const input_error& err) {
            // Valid alone, the model broke under this alternative's overrides.
            throw input_error(err.file(), err.line(), err.column(),
                              err.message() + " (in alternative " + in_quotes(alt.id) + ")");
        }

        if (const tnode* pc = item.find("project_cost")) {
            if (pc->type != ttype::array)
                wrong_type(field_of(e, *pc), "an array of tables", "[[alternative.project_cost]]");
            // Project amounts are inputs of the alternative and may be uncertain.
            reader ard(alt.system.notes, alt.system.inputs, alt.system.uncertain);
            for (std::size_t i = 0; i < pc->items.size(); ++i)
                alt.project_costs.push_back(read_project_cost(e, pc->items[i], i, alt.system, sc, ard));
            for (const project_cost& c : alt.project_costs)
                if (c.staff != no_index)
                    alt.system.staff[c.staff].funded_fte.push_back({c.start, c.end, c.fte});
        }
        if (const tnode* calc = item.find("calc")) {
            if (calc->type != ttype::array)
                wrong_type(field_of(e, *calc), "an array of tables", "[[alternative.calc]]");
            for (std::size_t i = 0; i < calc->items.size(); ++i)
                alt.calc.push_back(read_calc(e, calc->items[i], i, alt.system));
        }
        if (!own.source.empty() || !own.note.empty()) alt.system.notes.push_back(own);
        return alt;
    }

    static index_t find_id(const field& f, const std::string& id, const std::vector<std::string>& ids,
                           element_kind kind) {
        auto it = std::find(ids.begin(), ids.end(), id);
        if (it != ids.end()) return static_cast<index_t>(it - ids.begin());
        const kind_schema& k = schema_of(kind);
        fail(f.node->at, "unknown " + std::string(k.noun) + " " + in_quotes(id) + " in " + f.what +
                             suggestion(id, ids, "known " + std::string(k.plural),
                                        "the model has no " + std::string(k.plural)));
    }

    project_cost read_project_cost(const element& alt, const tnode& n, std::size_t i, const model& m,
                                   const scenario& sc, reader& amounts) {
        std::string label = "project_cost " + std::to_string(i + 1) + " of " + alt.label;
        if (n.type != ttype::table)
            fail(n.at, "each project_cost of " + alt.label +
                           " must be a table; write [[alternative.project_cost]]");
        check_keys(n, keys_of(table_kind::project_cost), label);
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
                fail(one_off->key_at,
                     e.label + " funds staff, which costs per year; use per_year, not one_off");
            std::vector<std::string> pools;
            for (const auto& sp : m.staff) pools.push_back(sp.id);
            field sf = field_of(e, *staff);
            pc.staff = find_id(sf, read_string(sf, "staff = \"boendestodjare\""), pools, element_kind::staff);
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
            pc.per_year_sek =
                amounts.non_negative(input_of(e, *per_year, input_field::project_per_year, self, "kr/år"));
        if (one_off) {
            pc.one_off = true;
            pc.one_off_sek =
                amounts.non_negative(input_of(e, *one_off, input_field::project_one_off, self, "kr"));
        }
        if (const tnode* s = n.find("start")) pc.start = read_date(field_of(e, *s));
        if (const tnode* en = n.find("end")) pc.end = read_date(field_of(e, *en));
        date first = pc.start.value_or(sc.start);
        if (pc.end && *pc.end < first)
            fail(n.find("end")->at, e.label + " ends (" + iso(*pc.end) + ") before it starts (" + iso(first) +
                                        "); make end >= start");
        std::vector<std::string> payers;
        for (const auto& p : m.payers) payers.push_back(p.id);
        const tnode& payer_node = require_key(e, "payer", "payer = \"enheten\"");
        field pf = field_of(e, payer_node);
        pc.payer = find_id(pf, read_string(pf, "payer = \"enheten\""), payers, element_kind::payer);
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
        check_keys(n, keys_of(table_kind::calc_line), label);
        element e{&n, label, alt.path + ".calc." + std::to_string(i + 1)};
        calc_line c;
        const char* price_keys[] = {"placement",       "attribute",     "staff",
                                    "price_per_month", "price_per_day", "per_year"};
        const tnode* price = nullptr;
        for (const char* k : price_keys) {
            const tnode* t = n.find(k);
            if (!t) continue;
            if (price)
                fail(t->key_at,
                     label + " gives both " + in_quotes(price->key) + " and " + in_quotes(k) +
                         "; the price comes from one of placement, attribute, staff, price_per_month, "
                         "price_per_day or per_year");
            price = t;
        }
        if (!price)
            fail(n.at,
                 "missing price in " + label +
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
            c.placement = find_id(pf, read_string(pf, "placement = \"stodboende\""), ids_of(m.placements),
                                  element_kind::placement);
            const placement& pl = m.placements[c.placement];
            if (pl.terminal)
                fail(price->at,
                     label + " names terminal placement " + in_quotes(pl.id) + ", which has no price");
            if (pl.price_given_per_month)
                from_schedule(pl.price_per_month_sek, calc_unit::month);
            else
                from_schedule(pl.price_per_day_sek, calc_unit::day);
            default_item = pl.name;
        } else if (price->key == "attribute") {
            index_t a = find_id(pf, read_string(pf, "attribute = \"forsorjningsstod\""), ids_of(m.attributes),
                                element_kind::attribute);
            const attribute& at = m.attributes[a];
            if (!at.has_cost())
                fail(price->at,
                     label + " names attribute " + in_quotes(at.id) +
                         ", which has no cost; give it cost_per_month and cost_in, or write price_per_month");
            if (at.cost_given_per_month)
                from_schedule(at.cost_per_month_sek, calc_unit::month);
            else
                from_schedule(at.cost_per_day_sek, calc_unit::day);
            default_item = at.name;
        } else if (price->key == "staff") {
            index_t s = find_id(pf, read_string(pf, "staff = \"boendestodjare\""), ids_of(m.staff),
                                element_kind::staff);
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
            if (!(per_one > 0))
                fail(amount->at, label + " gives an amount at a price of 0; give count instead");
            c.count = total / per_one;
        } else if (price->key != "staff") {
            fail(n.at,
                 "missing count in " + label + "; add count = 50 (or amount = 12200000 for a given total)");
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
}  // namespace

void read_scenario(const tnode& root, const std::string& file, scenario& sc) {
    scenario_reader r{root, file, {}, {}, {}};
    r.read(sc);
}

}  // namespace hemsim::loader
