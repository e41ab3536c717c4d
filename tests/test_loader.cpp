// Loader tests: the shipped example, the good fixtures (every construct of the
// language, every kind of override) and one bad fixture per error, each
// checked for the file, the line:column and the fix in its message.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <random>
#include <string>

#include "app/run.hpp"
#include "cli_helpers.hpp"
#include "model/loader.hpp"
#include "model_text.hpp"

namespace fs = std::filesystem;
using namespace hemsim;
using Catch::Matchers::Contains;

namespace {

std::string data_file(const std::string& rel) { return std::string(HEMSIM_TEST_DATA) + "/" + rel; }
std::string source_file(const std::string& rel) { return std::string(HEMSIM_SOURCE_DIR) + "/" + rel; }

date ymd(int y, unsigned m, unsigned d) {
    return date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

// Writes `text` to a fresh file under the temp directory; returns its path.
// The name is random: ctest may run test cases in parallel processes.
fs::path write_temp(const std::string& text) { return hemsim::testing::write_model_text("loader", text); }

// Loads a model or scenario; returns its error, or nothing when it loads.
std::optional<input_error> load_failure(const fs::path& file) {
    try {
        if (detect_kind(file) == file_kind::scenario)
            load_scenario(file);
        else
            load_model(file);
    } catch (const input_error& e) {
        return e;
    }
    return std::nullopt;
}

// Loads a model or scenario; returns the error message, or "" when it loads.
std::string load_error(const fs::path& file) {
    const auto e = load_failure(file);
    return e ? e->what() : "";
}

// A bad fixture name ("unknown_key.toml" under tests/data/bad) or TOML text.
void parse_fails(const std::string& file_or_text, std::initializer_list<std::string> needles) {
    bool is_fixture = file_or_text.find('\n') == std::string::npos && file_or_text.size() > 5 &&
                      file_or_text.compare(file_or_text.size() - 5, 5, ".toml") == 0;
    fs::path file = is_fixture ? fs::path(data_file("bad/" + file_or_text)) : write_temp(file_or_text);
    std::string msg = load_error(file);
    if (!is_fixture) fs::remove(file);
    INFO("input: " << file.string());
    INFO("message: " << msg);
    REQUIRE_FALSE(msg.empty());
    for (const auto& needle : needles) CHECK_THAT(msg, Contains(needle));
}

// Loads a model from text, which must be valid.
model parses_ok(const std::string& text) {
    fs::path file = write_temp(text);
    model m = load_model(file);
    fs::remove(file);
    return m;
}

const source_note* find_note(const model& m, const std::string& path) {
    auto it =
        std::find_if(m.notes.begin(), m.notes.end(), [&](const source_note& n) { return n.path == path; });
    return it == m.notes.end() ? nullptr : &*it;
}

template <class T>
std::vector<std::string> ids_of(const std::vector<T>& items) {
    std::vector<std::string> out;
    for (const auto& x : items) out.push_back(x.id);
    return out;
}

const char* minimal_model = R"(
[[payer]]
id = "enheten"

[[placement]]
id = "stodboende"
price_per_month = 16500
payer = "enheten"

[[placement]]
id = "eget"
terminal = true

[[transition]]
from = "stodboende"
to = "eget"
after = 365
)";

// Attributes a (0.3), b (0.5), c (0.2); placements start, x and y (exits). Tests
// add the transitions out of start.
const char* condition_model = R"(
[[payer]]
id = "enheten"

[[attribute]]
id = "a"
probability = 0.3

[[attribute]]
id = "b"
probability = 0.5

[[attribute]]
id = "c"
probability = 0.2

[[placement]]
id = "start"
price_per_day = 100
payer = "enheten"

[[placement]]
id = "x"
terminal = true

[[placement]]
id = "y"
terminal = true
)";

struct branch {
    std::string to, when;
    double probability;
    std::string id = "";  // "": the default, start_<to>
};

// condition_model with these transitions out of start (a when of "": none).
std::string with_branches(const std::vector<branch>& branches) {
    std::string text = condition_model;
    for (const branch& b : branches) {
        text += "\n[[transition]]\nfrom = \"start\"\nto = \"" + b.to +
                "\"\nafter = 10\nprobability = " + std::to_string(b.probability) + "\n";
        if (!b.when.empty()) text += "when = \"" + b.when + "\"\n";
        if (!b.id.empty()) text += "id = \"" + b.id + "\"\n";
    }
    return text;
}

// One transition out of start with `when` = w, and the place of w ("file:line:column:" from the line on).
std::pair<std::string, std::string> one_when(const std::string& w) {
    std::string text = with_branches({{"x", w, 1}});
    const auto lines = std::count(text.begin(), text.end(), '\n');  // the when line is the last
    return {text, ".toml:" + std::to_string(lines) + ":8:"};
}

// A condition as it is read out of start in a model that loads.
condition read_when(const std::string& w, const std::string& rest) {
    model m = parses_ok(with_branches({{"x", w, 1}, {"y", rest, 1}}));
    return m.transitions[0].when;
}

}  // namespace

TEST_CASE("the example model loads with the seed's numbers", "[loader]") {
    model m = load_model(source_file("models/example.toml"));
    REQUIRE(m.placements.size() == 4);
    REQUIRE(m.staff.size() == 2);
    REQUIRE(m.services.size() == 1);
    REQUIRE(m.supplies.size() == 1);
    REQUIRE(m.attributes.size() == 2);
    REQUIRE(m.groups.size() == 1);
    REQUIRE(m.transitions.size() == 4);
    REQUIRE(ids_of(m.payers) == std::vector<std::string>{"enheten", "socialnamnd"});

    SECTION("placements: monthly prices become daily, the monthly schedule is kept") {
        const auto& s = m.placements[m.find_placement("stodboende")];
        CHECK(s.price_given_per_month);
        CHECK(s.price_per_month_sek.initial == 16500);
        CHECK(s.price_per_day_sek.initial == Approx(16500.0 * 12 / 365));
        CHECK(s.price_per_day_sek.constant());
        CHECK(s.payer == 0);
        CHECK(s.clears_flags == 1u);
        const auto& h = m.placements[m.find_placement("harbarge")];
        CHECK_FALSE(h.price_given_per_month);
        CHECK(h.price_per_day_sek.initial == 550);
        CHECK(m.placements[m.find_placement("forsok")].price_per_day_sek.initial == 0);
        const auto& e = m.placements[m.find_placement("eget")];
        CHECK(e.terminal);
        CHECK(e.payer == no_index);
    }
    SECTION("staff: caseload and service slots") {
        const auto& b = m.staff[0];
        CHECK(b.id == "boendestodjare");
        CHECK(b.kind == staff_kind::caseload);
        CHECK(b.fte.initial == 6);
        CHECK(b.annual_cost_per_fte_sek.initial == 500000);
        CHECK(b.slots_at(b.fte.initial) == 78);
        const auto& c = m.staff[1];
        CHECK(c.kind == staff_kind::service_slots);
        CHECK(c.slots_at(c.fte.initial) == 8);
        CHECK(c.annual_cost_per_fte_sek.initial == 600000);
    }
    SECTION("service, flag, supply, attributes") {
        const auto& sv = m.services[0];
        CHECK(sv.staff == 1);
        CHECK(sv.duration.kind == dist_kind::exponential);
        CHECK(sv.duration.a == 60);
        REQUIRE(m.flags == std::vector<std::string>{"skuldfri"});
        CHECK(sv.flag == 0);
        CHECK(m.supplies[0].per_year.initial == 30);
        CHECK(m.supplies[0].process == arrival_process::poisson);
        const auto& debt = m.attributes[0];
        CHECK(debt.probability == 0.6);
        CHECK(debt.redraw_on_entry == std::vector<index_t>{m.find_placement("stodboende")});
        CHECK_FALSE(debt.has_cost());
        const auto& fs_ = m.attributes[1];
        CHECK(fs_.probability == 0.7);
        CHECK(fs_.redraw_on_entry == std::vector<index_t>{m.find_placement("forsok")});
        CHECK(fs_.cost_per_day_sek.initial == Approx(7000.0 * 12 / 365));
        CHECK(fs_.cost_given_per_month);
        CHECK(fs_.cost_per_month_sek.initial == 7000);
        CHECK(fs_.cost_in == std::vector<index_t>{m.find_placement("forsok")});
        CHECK(fs_.cost_category == "social_assistance");
        CHECK(fs_.cost_payer == 1);
    }
    SECTION("group and transitions") {
        const auto& g = m.groups[0];
        REQUIRE(g.initial.size() == 1);
        CHECK(g.initial[0].id == "stodboende");
        CHECK(g.initial[0].count == 50);
        CHECK(g.initial[0].state == initial_state::fresh);
        REQUIRE(g.arrivals.size() == 1);
        CHECK(g.arrivals[0].per_year.initial == 40);
        CHECK(g.attribute_probability == std::vector<double>{0.6, 0.7});

        const auto& t = m.transitions[0];
        CHECK(t.id == "stodboende_forsok");
        CHECK(t.after.kind == dist_kind::exponential);
        CHECK(t.after.a == 180);
        CHECK(t.probability == 1);
        REQUIRE(t.gates.size() == 3);
        CHECK(t.gates[0].kind == gate_kind::service);
        CHECK(t.gates[0].when == condition::of(1));
        CHECK(t.gates[1].kind == gate_kind::supply);
        CHECK(t.gates[2].kind == gate_kind::staff);
        CHECK(t.gates[2].target == 0);
        const auto& fail_branch = m.transitions[1];
        CHECK(fail_branch.id == "forsok_harbarge");
        CHECK(fail_branch.probability == 0.15);
        CHECK(fail_branch.after.kind == dist_kind::uniform);
        CHECK(fail_branch.after.a == 0);
        CHECK(fail_branch.after.b == 365);
        CHECK(m.transitions[2].after.kind == dist_kind::fixed);
        CHECK(m.transitions[2].after.a == 365);
        CHECK(m.transitions[2].probability == 0.85);
    }
    SECTION("source notes") {
        const model_input* n = m.find_input("placement.stodboende.price_per_month");
        REQUIRE(n != nullptr);
        CHECK(n->value == 16500);
        CHECK(n->unit == "kr/mån");
        CHECK_THAT(n->source, Contains("seed 002"));
        CHECK_THAT(n->where, Contains(".toml:"));
        REQUIRE(find_note(m, "transition.stodboende_forsok.after") != nullptr);
    }
    SECTION("every number is an input with its place in the model") {
        const model_input* fte = m.find_input("staff.boendestodjare.fte");
        REQUIRE(fte != nullptr);
        CHECK(fte->ref.field == input_field::staff_fte);
        CHECK(fte->ref.element == 0);
        CHECK(fte->rule == value_rule::non_negative);
        const model_input* mean = m.find_input("transition.stodboende_forsok.after.mean");
        REQUIRE(mean != nullptr);
        CHECK(mean->ref.field == input_field::transition_after);
        CHECK(mean->ref.sub == 0);
        CHECK(m.find_input("transition.forsok_harbarge.after.max") != nullptr);
        CHECK(m.find_input("transition.forsok_harbarge.probability")->rule == value_rule::probability);
        // A branch hands the rest to its last sibling with the same 'when'.
        CHECK(m.transitions[1].remainder == 2);
        CHECK(m.transitions[2].remainder == 1);
    }
}

TEST_CASE("the example scenario builds both alternatives", "[loader]") {
    scenario sc = load_scenario(data_file("good/example-case.toml"));
    CHECK(sc.title == "Enheten för hemlösa 2007");
    CHECK(sc.start == ymd(2008, 1, 1));
    CHECK(sc.horizon_months == 36);
    CHECK(sc.replications == 200);
    CHECK(sc.seed == 2007);
    CHECK(sc.warmup_days == 0);
    REQUIRE(sc.alternatives.size() == 2);
    CHECK(sc.baseline_index() == 0);
    CHECK(sc.input_files.size() == 2);
    CHECK_THAT(sc.model_file, Contains("example.toml"));

    const auto& noll = sc.alternatives[0];
    CHECK(noll.system.staff[0].fte.constant());
    CHECK(noll.system.staff[0].fte.initial == 6);
    CHECK(noll.project_costs.empty());
    REQUIRE(noll.calc.size() == 1);
    CHECK(noll.calc[0].count == 50);

    const auto& p = sc.alternatives[1];
    CHECK(p.id == "projekt");
    const auto& fte = p.system.staff[0].fte;
    CHECK(fte.initial == 6);
    REQUIRE(fte.steps.size() == 1);
    CHECK(fte.steps[0].from == ymd(2008, 4, 1));
    CHECK(fte.steps[0].value == 9);
    CHECK(p.system.staff[1].fte.steps.at(0).value == 2);
    const auto& apartments = p.system.supplies[0].per_year;
    CHECK(apartments.initial == 75);
    REQUIRE(apartments.steps.size() == 1);
    CHECK(apartments.steps[0].from == ymd(2009, 1, 1));
    CHECK(apartments.steps[0].value == 30);
    REQUIRE(p.project_costs.size() == 6);
    double total = 0;
    for (const auto& c : p.project_costs) {
        total += c.per_year_sek;
        CHECK(c.payer == 0);
        CHECK(c.start == ymd(2008, 1, 1));
        CHECK(c.end == ymd(2008, 12, 31));
    }
    CHECK(total == 2900000);
}

TEST_CASE("every construct of the model language", "[loader]") {
    model m = load_model(data_file("good/chain.toml"));
    CHECK(m.name == "Testkedjan");
    SECTION("distributions in other units convert to days") {
        const auto& d = m.services[0].duration;
        CHECK(d.kind == dist_kind::exponential);
        CHECK(d.a == Approx(2 * 365.0 / 12));
        const auto& tri = m.transitions[0].after;
        CHECK(tri.kind == dist_kind::triangular);
        CHECK(tri.a == 30);
        CHECK(tri.c == 60);
        CHECK(tri.b == 180);
        const auto& uni = m.transitions[1].after;
        CHECK(uni.kind == dist_kind::uniform);
        CHECK(uni.b == 365);
        const auto& normal = m.transitions[3].after;
        CHECK(normal.kind == dist_kind::normal);
        CHECK(normal.a == 364);
        CHECK(normal.b == 28);
        CHECK(m.transitions[4].after.kind == dist_kind::gamma);
        CHECK(m.transitions[2].after.kind == dist_kind::fixed);
    }
    SECTION("schedules, capacity, process") {
        const auto& forsok = m.placements[m.find_placement("forsok")];
        CHECK(forsok.price_per_day_sek.initial == 0);
        REQUIRE(forsok.price_per_day_sek.steps.size() == 1);
        CHECK(forsok.price_per_day_sek.steps[0].from == ymd(2009, 1, 1));
        CHECK(forsok.price_per_day_sek.steps[0].value == 10);
        REQUIRE(m.placements[0].capacity.has_value());
        CHECK(m.placements[0].capacity->constant());
        CHECK(m.placements[0].capacity->initial == 60);
        CHECK_FALSE(forsok.capacity.has_value());
        CHECK(m.supplies[0].process == arrival_process::even);
    }
    SECTION("group probabilities, initial entries and flags") {
        const auto& g = m.groups[0];
        CHECK(g.name == "hemlosa");
        CHECK(g.attribute_probability == std::vector<double>{0.5, 0.7});
        REQUIRE(g.initial.size() == 2);
        CHECK(g.initial[0].id == "stodboende");
        CHECK(g.initial[1].id == "vantar");
        CHECK(g.initial[1].state == initial_state::elapsed);
        CHECK(g.initial[1].elapsed_days.kind == dist_kind::fixed);
        CHECK(g.initial[1].elapsed_days.a == 100);
        CHECK(g.initial[1].flags == 1u);
    }
    SECTION("transitions: default ids, conditions, gates with services first") {
        CHECK(ids_of(m.transitions) == std::vector<std::string>{"stodboende_forsok", "forsok_harbarge",
                                                                "forsok_eget", "forsok_eget_utan_skuld",
                                                                "harbarge_stodboende"});
        const auto& gates = m.transitions[0].gates;
        REQUIRE(gates.size() == 3);
        CHECK(gates[0].kind == gate_kind::service);
        CHECK(gates[1].kind == gate_kind::supply);
        CHECK(gates[2].kind == gate_kind::staff);
        const auto& neg = m.transitions[3].when;
        CHECK(neg == condition::of(0, 1));
        CHECK(neg.holds(0));
        CHECK_FALSE(neg.holds(1));
    }
    SECTION("notes: numbers with sources, steps, elements") {
        const model_input* prob = m.find_input("group.hemlosa.probabilities.has_debt");
        REQUIRE(prob != nullptr);
        CHECK(prob->value == 0.5);
        CHECK(prob->source == "guess");
        CHECK(prob->ref.field == input_field::group_probability);
        const model_input* step = m.find_input("placement.forsok.price_per_day@2009-01-01");
        REQUIRE(step != nullptr);
        CHECK(step->value == 10);
        CHECK(step->ref.step == 1);
        CHECK(step->source == "rent rise");
        // The bare path addresses the whole schedule, for a set; it is not listed.
        REQUIRE(m.find_input("placement.forsok.price_per_day") != nullptr);
        CHECK_FALSE(m.find_input("placement.forsok.price_per_day")->listed);
        const source_note* element = find_note(m, "payer.enheten");
        REQUIRE(element != nullptr);
        CHECK(element->source == "test payer");
        REQUIRE(find_note(m, "transition.harbarge_stodboende.after") != nullptr);
    }
}

TEST_CASE("a scenario's overrides build each alternative", "[loader]") {
    scenario sc = load_scenario(data_file("good/scenario.toml"));
    CHECK(sc.title == "Testfallet");
    CHECK(sc.start == ymd(2008, 1, 1));
    CHECK(sc.horizon_months == 18);
    CHECK(sc.warmup_days == 30);
    CHECK(sc.replications == 50);
    CHECK(sc.seed == 7);
    REQUIRE(sc.alternatives.size() == 2);
    CHECK(sc.alternatives[0].baseline);
    CHECK_FALSE(sc.alternatives[1].baseline);
    CHECK(sc.alternatives[1].description == "more of everything");
    const model& noll = sc.alternatives[0].system;
    const model& p = sc.alternatives[1].system;
    index_t harbarge = p.find_placement("harbarge");

    SECTION("the baseline is the model as written") {
        CHECK(noll.staff[0].fte.constant());
        CHECK(noll.supplies.size() == 1);
        CHECK(noll.supplies[0].per_year.initial == 30);
        CHECK(noll.placements[harbarge].price_per_day_sek.initial == 550);
        CHECK_FALSE(noll.placements[harbarge].capacity.has_value());
        CHECK(noll.groups[0].arrivals.size() == 1);
        CHECK(noll.groups[0].initial[1].count == 10);
    }
    SECTION("element overrides merge by id, keep other fields, and new ids append") {
        const auto& b = p.staff[0];
        REQUIRE(b.fte.steps.size() == 1);
        CHECK(b.fte.steps[0].from == ymd(2008, 4, 1));
        CHECK(b.fte.steps[0].value == 9);
        CHECK(b.slots_per_fte == 13);  // untouched by the override
        CHECK(ids_of(p.supplies) == std::vector<std::string>{"lagenheter", "korttid"});
        CHECK(p.supplies[1].per_year.initial == 5);
        CHECK(ids_of(p.payers) == std::vector<std::string>{"enheten", "socialnamnd", "staden"});
    }
    SECTION("a price given the other way replaces the model's") {
        const auto& h = p.placements[harbarge];
        CHECK(h.price_given_per_month);
        CHECK(h.price_per_month_sek.initial == 16000);
        CHECK(h.price_per_day_sek.initial == Approx(16000.0 * 12 / 365));
    }
    SECTION("transitions merge by their computed id") {
        CHECK(p.transitions.size() == noll.transitions.size());
        const auto& back = p.transitions.back();
        CHECK(back.id == "harbarge_stodboende");
        CHECK(back.after.kind == dist_kind::exponential);
        CHECK(back.after.a == 30);
    }
    SECTION("group entries merge by id, probabilities by key") {
        const auto& g = p.groups[0];
        CHECK(g.attribute_probability == std::vector<double>{0.5, 0.5});
        REQUIRE(g.arrivals.size() == 2);
        CHECK(g.arrivals[0].per_year.initial == 60);
        CHECK(g.arrivals[1].id == "harbarge_in");
        CHECK(g.arrivals[1].placement == harbarge);
    }
    SECTION("set paths: quoted, dotted, in group entries, with a distribution") {
        CHECK(p.supplies[0].per_year.initial == 75);
        CHECK(p.groups[0].initial[1].count == 20);
        CHECK(p.services[0].duration.kind == dist_kind::exponential);
        CHECK(p.services[0].duration.a == 30);
        REQUIRE(p.placements[harbarge].capacity.has_value());
        CHECK(p.placements[harbarge].capacity->initial == 12);
    }
    SECTION("project costs and calc lines") {
        const auto& costs = sc.alternatives[1].project_costs;
        REQUIRE(costs.size() == 2);
        CHECK(costs[0].item == "3 boendestödjare");
        CHECK(costs[0].per_year_sek == 1500000);
        CHECK_FALSE(costs[0].one_off);
        CHECK(costs[0].end == ymd(2008, 12, 31));
        CHECK(costs[0].source == "seed 002, Budget");
        CHECK(costs[1].one_off);
        CHECK(costs[1].one_off_sek == 50000);
        CHECK_FALSE(costs[1].start.has_value());
        CHECK(costs[1].payer == 2);  // the payer the alternative added
        REQUIRE(sc.alternatives[1].calc.size() == 1);
        CHECK(sc.alternatives[1].calc[0].placement == p.find_placement("forsok"));
        CHECK(sc.alternatives[0].calc[0].note == "today");
    }
    SECTION("notes from overrides are kept with the alternative") {
        const model_input* n = p.find_input("staff.boendestodjare.fte@2008-04-01");
        REQUIRE(n != nullptr);
        CHECK(n->value == 9);
        CHECK(n->source == "seed 002, Budget");
        CHECK_THAT(n->where, Contains("scenario.toml:"));
        CHECK(noll.find_input("staff.boendestodjare.fte@2008-04-01") == nullptr);
        CHECK(p.find_input("placement.stodboende.price_per_month") != nullptr);
    }
    SECTION("input files") {
        REQUIRE(sc.input_files.size() == 2);
        CHECK_THAT(sc.input_files[0], Contains("scenario.toml"));
        CHECK_THAT(sc.input_files[1], Contains("chain.toml"));
    }
}

TEST_CASE("model values set by path in a loaded case, without text", "[loader][set]") {
    scenario sc = load_scenario(data_file("good/scenario.toml"));
    SECTION("numbers in every alternative, or all but the nollalternativ") {
        set_value(sc, "staff.boendestodjare.caseload", 10, true);
        set_value(sc, "supply.lagenheter.per_year", 40, false);
        set_value(sc, "transition.stodboende_forsok.after.max", 90, true);
        for (const auto& alt : sc.alternatives) {
            INFO(alt.id);
            CHECK(alt.system.staff[0].slots_per_fte == 10);
            CHECK(alt.system.supplies[0].per_year.initial == (alt.baseline ? 30 : 40));
            CHECK(alt.system.supplies[0].per_year.steps.empty());
            CHECK(alt.system.transitions[0].after.b == 90);
        }
        // A minimum above the maximum is refused.
        CHECK_THROWS_WITH(set_value(sc, "transition.stodboende_forsok.after.min", 100, true),
                          Contains("min <= mode <= max would not hold"));
    }
    SECTION("a monthly price sets its daily rate too") {
        scenario d = load_scenario(source_file("scenarios/enheten-for-hemlosa-2007.toml"));
        set_value(d, "placement.stodboende.price_per_month", 18250, true);
        const placement& p = d.alternatives[0].system.placements[0];
        CHECK(p.price_per_month_sek.initial == 18250);
        CHECK(p.price_per_day_sek.initial == Approx(18250 * 12.0 / 365.0));
        // A value given as a distribution is fixed once set: the input says so too.
        CHECK_FALSE(d.alternatives[0].system.find_input("placement.stodboende.price_per_month")->dist);
        CHECK(d.alternatives[0].system.find_input("placement.stodboende.price_per_month")->value == 18250);
        bool still_uncertain = false;
        for (const auto& u : d.alternatives[0].system.uncertain)
            still_uncertain |= u.path == "placement.stodboende.price_per_month";
        CHECK_FALSE(still_uncertain);
    }
    SECTION("a schedule set whole loses its steps, uncertain ones too") {
        scenario d = load_scenario(source_file("scenarios/enheten-for-hemlosa-2007.toml"));
        set_value(d, "supply.lagenheter.per_year", 40, true);
        for (const auto& alt : d.alternatives) {
            INFO(alt.id);
            CHECK(alt.system.supplies[0].per_year.steps.empty());
            CHECK(alt.system.find_input("supply.lagenheter.per_year@2008-03-01") == nullptr);
            for (const auto& u : alt.system.uncertain)
                CHECK(u.path.rfind("supply.lagenheter.per_year", 0) != 0);
            CHECK(alt.system.find_input("supply.lagenheter.per_year")->value == 40);
        }
        // ... and the case runs with it (the step's draw no longer set in a schedule without steps).
        run_options o;
        o.replications = 4;
        CHECK_NOTHROW(run_case(d, o));
    }
    SECTION("errors name the path, the rule and the nearest path") {
        CHECK_THROWS_WITH(set_value(sc, "staff.boendestodjare.ftee", 9, true),
                          Contains("not found") && Contains("did you mean 'staff.boendestodjare.fte'"));
        CHECK_THROWS_WITH(set_value(sc, "staff.boendestodjare.fte", -1, true),
                          Contains("staff.boendestodjare.fte=-1") && Contains("must be >= 0"));
        CHECK_THROWS_WITH(set_value(sc, "group.hemlosa.initial.vantar.count", 2.5, true),
                          Contains("not a whole number"));
        CHECK_THROWS_AS(set_value(sc, "placement.harbarge.capacity", -3, true), input_error);
    }
}

TEST_CASE("detect_kind and check_file", "[loader]") {
    CHECK(detect_kind(source_file("models/example.toml")) == file_kind::model);
    CHECK(detect_kind(source_file("scenarios/enheten-for-hemlosa-2007.toml")) == file_kind::scenario);
    CHECK(check_file(data_file("good/chain.toml")) ==
          "model 'Testkedjan': 4 placements, 2 staff, 1 service, 1 supply, 1 group, 5 transitions");
    CHECK(check_file(data_file("good/scenario.toml")) ==
          "scenario 'Testfallet': 2 alternatives, model 'Testkedjan': 4 placements, 2 staff, 1 service, 1 "
          "supply, "
          "1 group, 5 transitions");
    CHECK_THROWS_AS(check_file(data_file("bad/unknown_key.toml")), input_error);
}

TEST_CASE("small models parse", "[loader]") {
    model m = parses_ok(minimal_model);
    CHECK(m.placements.size() == 2);
    CHECK(m.transitions[0].id == "stodboende_eget");
    CHECK(m.groups.empty());
    CHECK(m.name.rfind("inline_", 0) == 0);  // no [model]: the file's stem
}

TEST_CASE("unknown keys and ids name the nearest valid one", "[loader][errors]") {
    parse_fails("unknown_key.toml",
                {"unknown_key.toml:8:1:", "unknown key 'capcity' in placement 'stodboende'",
                 "did you mean 'capacity'?"});
    parse_fails("scenario_unknown_key.toml",
                {"scenario_unknown_key.toml:6:1:", "did you mean 'replications'?"});
    parse_fails("unknown_placement.toml",
                {"unknown_placement.toml:16:6:", "unknown placement 'egt'", "did you mean 'eget'?"});
    parse_fails("unknown_flag.toml",
                {"unknown_flag.toml:30:17:", "unknown flag 'skulfri'", "did you mean 'skuldfri'?"});
    parse_fails("unknown_payer.toml",
                {"unknown_payer.toml:8:9:", "unknown payer 'enheten_'", "did you mean 'enheten'?"});
    parse_fails("unknown_attribute.toml",
                {"unknown_attribute.toml:21:8:", "unknown attribute 'has_dept'", "did you mean 'has_debt'?"});
    parse_fails("unknown_staff.toml", {"unknown_staff.toml:22:9:", "unknown staff 'skuldradgivar'",
                                       "did you mean 'skuldradgivare'?"});
    parse_fails("unknown_supply.toml",
                {"unknown_supply.toml:22:24:", "unknown supply 'lagenhet'", "did you mean 'lagenheter'?"});
    parse_fails("unknown_service.toml", {"unknown_service.toml:32:25:", "unknown service 'skuldradgivare'",
                                         "is a staff pool, not a service"});
    parse_fails("project_cost_payer.toml",
                {"project_cost_payer.toml:17:11:", "unknown payer 'enhten'", "did you mean 'enheten'?"});
    parse_fails(std::string(minimal_model) + "\n[[placment]]\nid = \"x\"\n",
                {":19:3:", "unknown key 'placment'", "did you mean 'placement'?"});
}

TEST_CASE("wrong types, NaN and infinity", "[loader][errors]") {
    parse_fails("wrong_type.toml", {"wrong_type.toml:7:17:", "'price_per_day' in placement 'harbarge'",
                                    "must be a number", "not a string", "write e.g. price_per_day = 550"});
    parse_fails("nan.toml", {"nan.toml:7:17:", "is nan", "write a finite number"});
    parse_fails("inf.toml",
                {"inf.toml:16:7:", "'fte' in staff 'boendestodjare' is inf", "write a finite number"});
    parse_fails("override_set_type.toml",
                {"override_set_type.toml:13:43:", "'caseload' in staff 'boendestodjare'", "must be a number",
                 "write e.g. caseload = 13"});
}

TEST_CASE("negative prices, FTE, counts, rates, durations, capacities", "[loader][errors]") {
    parse_fails("negative_price.toml", {"negative_price.toml:7:17:", "is -550", "must be >= 0"});
    parse_fails("negative_fte.toml",
                {"negative_fte.toml:16:53:", "'fte' in staff 'boendestodjare' is -1", "must be >= 0"});
    parse_fails("negative_capacity.toml", {"negative_capacity.toml:8:12:", "'capacity'", "must be >= 0"});
    parse_fails("negative_count.toml", {"negative_count.toml:19:11:", "'count'", "must be >= 0"});
    parse_fails("negative_rate.toml",
                {"negative_rate.toml:7:22:", "'per_year' in supply 'lagenheter'", "must be >= 0"});
    parse_fails("negative_duration.toml",
                {"negative_duration.toml:17:19:", "negative duration -365", "must be >= 0"});
}

TEST_CASE("probabilities and branch sums", "[loader][errors]") {
    parse_fails("probability_range.toml",
                {"probability_range.toml:7:15:", "is 1.2", "a probability must be between 0 and 1"});
    parse_fails("branch_sum.toml",
                {"branch_sum.toml:19:1:", "out of 'forsok'", "sum to 0.9", "make them sum to 1"});
    parse_fails("branch_sum_when.toml", {"branch_sum_when.toml:18:1:", "for clients with !has_debt",
                                         "sum to 0", "make them sum to 1"});
}

TEST_CASE("conditions: or, and, not, and the time in the system", "[loader][conditions]") {
    constexpr std::uint64_t a = 1, b = 2, c = 4;
    SECTION("| is 'or'") {
        const condition w = read_when("a | b", "!a & !b");
        REQUIRE(w.any_of.size() == 2);
        CHECK(w.holds(a));
        CHECK(w.holds(b));
        CHECK(w.holds(a | b));
        CHECK_FALSE(w.holds(0));
        CHECK_FALSE(w.holds(c));
        CHECK_FALSE(w.reads_time());
        CHECK(w.uses() == (a | b));
    }
    SECTION("& binds tighter than |: a & !b | c is (a & !b) | c") {
        const condition w = read_when("a & !b | c", "!a & !c | b & !c");
        CHECK(w == read_when("c|a&!b", "!a & !c | b & !c"));  // order and spaces do not matter
        CHECK(w.holds(a));
        CHECK_FALSE(w.holds(a | b));
        CHECK(w.holds(c));  // read as a & (!b | c) it would not hold: a is missing
        CHECK(w.holds(b | c));
        CHECK_FALSE(w.holds(b));
    }
    SECTION("the time in the system, in days, months as 365/12") {
        const condition w = read_when("in_system > 1 month", "in_system <= 1 month");
        REQUIRE(w.any_of.size() == 1);
        CHECK(w.any_of[0].in_system.lo == 365.0 / 12);
        CHECK_FALSE(w.any_of[0].in_system.lo_closed);
        CHECK(w.reads_time());
        CHECK(w.uses() == 0);
        CHECK_FALSE(w.holds(0, 365.0 / 12));
        CHECK(w.holds(0, 30.5));
        CHECK_FALSE(w.holds(0, 30));
        const condition range = read_when("b & in_system >= 2 weeks & in_system < 1 year",
                                          "!b | in_system < 14 | in_system >= 365");
        CHECK(range.holds(b, 14));
        CHECK(range.holds(b, 364.9));
        CHECK_FALSE(range.holds(b, 365));
        CHECK_FALSE(range.holds(b, 13.9));
        CHECK_FALSE(range.holds(0, 100));
        CHECK(read_when("in_system > 30", "in_system <= 30 days").any_of[0].in_system.lo == 30);
    }
}

TEST_CASE("branch sums hold with disjunctions and times in the system", "[loader][conditions]") {
    SECTION("valid: each client and each time has branches that sum to 1") {
        CHECK_NOTHROW(parses_ok(
            with_branches({{"x", "a | b", 0.4}, {"y", "a | b", 0.6}, {"y", "!a & !b", 1, "start_y_rest"}})));
        CHECK_NOTHROW(parses_ok(with_branches({{"x", "a & !b | c", 1}, {"y", "!a & !c | b & !c", 1}})));
        CHECK_NOTHROW(
            parses_ok(with_branches({{"x", "in_system > 1 month", 1}, {"y", "in_system <= 1 month", 1}})));
        CHECK_NOTHROW(
            parses_ok(with_branches({{"x", "a | in_system >= 30", 1}, {"y", "!a & in_system < 30", 1}})));
    }
    SECTION("invalid: the combination that fails is named") {
        // b alone: both a | b and !a hold.
        parse_fails(with_branches({{"x", "a | b", 1}, {"y", "!a", 1}}),
                    {".toml:", "out of 'start' for clients with !a and b sum to 2", "start_x 1, start_y 1",
                     "make them sum to 1"});
        // (a | b) & c written without parentheses is read as a | b & c: a alone takes both.
        parse_fails(with_branches({{"x", "a | b & c", 1}, {"y", "!a & !b | !c", 1}}),
                    {"for clients with a and !b and !c sum to 2"});
        // At exactly 30 days neither holds.
        parse_fails(with_branches({{"x", "in_system > 30", 1}, {"y", "in_system < 30", 1}}),
                    {"for clients with exactly 30 days in the system sum to 0", "none applies",
                     "or by time in the system"});
        parse_fails(with_branches({{"x", "a | in_system > 60", 1}, {"y", "!a & in_system <= 30", 1}}),
                    {"for clients with !a and between 30 and 60 days in the system sum to 0"});
    }
}

TEST_CASE("bad conditions say where they are and what to write", "[loader][conditions][errors]") {
    auto fails = [](const std::string& w, std::initializer_list<std::string> needles) {
        auto [text, place] = one_when(w);
        INFO("when = \"" << w << "\"");
        parse_fails(text, {place});
        parse_fails(text, needles);
    };
    fails("a |", {"'when' in transition 'start_x' \"a |\"", "nothing on one side of a |", "\"a | b\""});
    fails("(a | b) & c", {"has parentheses", "write \"a & c | b & c\" for \"(a | b) & c\""});
    fails("a || b", {"doubles an operator", "a single | for 'or'"});
    fails("a or b", {"the term 'a or b' with a space in it", "write 'or' as |, 'and' as &, 'not' as !"});
    fails("a & !a | b", {"asks for 'a' both to hold and not to hold in 'a & !a'", "can never be true"});
    fails("a | d", {"unknown attribute 'd'"});
    fails("!", {"a ! with nothing after it"});
    fails("in_system > 1 mont", {"unknown unit 'mont'", "did you mean 'months'?", "a month is 365/12 days"});
    fails("in_system = 30", {"with '='", "write >, >=, < or <="});
    fails("in_system > -5", {"with '-5', which is not a number >= 0", "in_system > 1 month"});
    fails("in_system > month", {"not a number >= 0 with a unit"});
    fails("in_system > 3000 years", {"with 1095000 days", "limit for a duration is 1000000 days"});
    fails("!in_system > 30", {"negates a comparison", "in_system <= 30 for !(in_system > 30)"});
    fails("in_system", {"names the time in the system without a comparison", "in_system > 1 month"});
    fails("tid > 30", {"compares 'tid'", "written in_system"});
    fails("in_system > 60 & in_system < 30",
          {"a time in the system that no client has", "can never be true"});
    fails("in_system < 0", {"a time in the system that no client has"});
    std::string many = "a";
    for (int i = 0; i < 16; ++i) many += " | b";
    fails(many, {"has 17 alternatives joined by |", "limit is 16"});
}

TEST_CASE("every 'when' takes |; the time in the system where it can be read", "[loader][conditions]") {
    const std::string pool =
        "\n[[staff]]\nid = \"radgivare\"\nfte = 1\nannual_cost_per_fte = 0\nservice_slots = 1\n"
        "payer = \"enheten\"\n\n[[staff]]\nid = \"stodjare\"\nfte = 1\nannual_cost_per_fte = 0\n"
        "caseload = 1\npayer = \"enheten\"\n\n[[service]]\nid = \"utredning\"\n"
        "staff = \"radgivare\"\nduration = 5\ngrants = \"utredd\"\n\n[[supply]]\n"
        "id = \"lagenheter\"\nper_year = 10\n\n[[supply]]\nid = \"korttid\"\nper_year = 10\n";
    auto model_with = [&](const std::string& require, const std::string& extra) {
        return std::string(condition_model) + pool +
               "\n[[placement]]\nid = \"stod\"\nprice_per_day = 1\npayer = \"enheten\"\n" + extra +
               "\n[[transition]]\nfrom = \"start\"\nto = \"stod\"\nafter = 10\nrequire = [" + require + "]\n";
    };
    SECTION("gates, bars and indicators accept or") {
        model m = parses_ok(model_with(
            "{ service = \"utredning\", when = \"a | in_system > 1 month\" }, "
            "{ supply = \"lagenheter\", when = \"b | c\" }, { supply = \"korttid\", when = \"!b & !c\" }, "
            "{ staff = \"stodjare\", when = \"a | c\" }",
            "never_for = [ { when = \"a & b | c & in_system > 90\", instead = \"start\" } ]\n"
            "\n[[indicator]]\nid = \"antal\"\nentries = [\"stod\"]\nwhen = \"a | b\"\n"));
        const transition& t = m.transitions[0];
        REQUIRE(t.gates.size() == 4);
        CHECK(t.gates[0].when.holds(0, 31));
        CHECK_FALSE(t.gates[0].when.holds(0, 30));
        CHECK(t.gates[1].when.holds(4));
        CHECK(t.gates[2].when.holds(0));
        const placement& stod = m.placements[m.find_placement("stod")];
        REQUIRE(stod.never_for.size() == 1);
        CHECK(stod.never_for[0].when.holds(4, 91));
        CHECK_FALSE(stod.never_for[0].when.holds(4, 90));
        CHECK(stod.never_for[0].when.holds(3, 0));
        CHECK(m.indicators[0].when.holds(2));
    }
    SECTION("two supplies for one client are refused, with or as without") {
        parse_fails(
            model_with(
                "{ supply = \"lagenheter\", when = \"a | b\" }, { supply = \"korttid\", when = \"!a\" }", ""),
            {"gates 1 and 2 of 'require' in transition 'start_stod' wait for two supplies"});
    }
    SECTION("supply and staff gates and indicators refuse the time in the system") {
        parse_fails(
            model_with("{ supply = \"lagenheter\", when = \"a | in_system > 30\" }", ""),
            {"'when' of gate 1 of 'require' in transition 'start_stod'", "reads the time in the system",
             "tried again while the client waits", "the transition's own 'when'"});
        parse_fails(model_with("{ staff = \"stodjare\", when = \"in_system > 30\" }", ""),
                    {"reads the time in the system ('in_system > 30')", "a supply or staff gate"});
        parse_fails(
            model_with("",
                       "\n[[indicator]]\nid = \"antal\"\nentries = [\"stod\"]\nwhen = \"in_system > 30\"\n"),
            {"indicator 'antal'", "counts clients by their attributes alone", "count entries into it"});
    }
}

TEST_CASE("scenario structure: baseline, horizon, alternatives", "[loader][errors]") {
    parse_fails("no_baseline.toml", {"no_baseline.toml:7:1:", "no nollalternativ", "baseline = true"});
    parse_fails("two_baselines.toml", {"two_baselines.toml:13:12:", "two alternatives have baseline = true",
                                       "keep baseline = true on one only"});
    parse_fails("horizon_zero.toml", {"horizon_zero.toml:5:17:", "is 0", "the horizon must be > 0"});
    parse_fails("horizon_negative.toml", {"horizon_negative.toml:5:18:", "is -6", "the horizon must be > 0"});
    parse_fails("discount_rate_range.toml",
                {"discount_rate_range.toml:6:17:", "is 1.5", "discount_rate = 0.035 for 3.5 %"});
    parse_fails("both_horizons.toml",
                {"both_horizons.toml:6:1:", "both horizon_years and horizon_months", "keep exactly one"});
    parse_fails("project_cost_both.toml",
                {"project_cost_both.toml:17:3:", "both per_year and one_off", "keep exactly one"});
}

TEST_CASE("structural errors", "[loader][errors]") {
    parse_fails("duplicate_id.toml", {"duplicate_id.toml:11:6:", "duplicate placement id 'harbarge'",
                                      "duplicate_id.toml:6:6", "its own id"});
    parse_fails("both_prices.toml",
                {"both_prices.toml:8:1:", "both price_per_month and price_per_day", "keep exactly one"});
    parse_fails("no_price.toml",
                {"no_price.toml:5:1:", "missing price", "add exactly one of price_per_month"});
    parse_fails("no_payer.toml",
                {"no_payer.toml:5:1:", "missing key 'payer' in placement 'stodboende'", "add e.g. payer"});
    parse_fails("staff_gate_service_pool.toml",
                {"staff_gate_service_pool.toml:32:23:", "staff gate 'skuldradgivare'", "has service_slots",
                 "needs a pool with a caseload"});
    parse_fails("service_on_caseload.toml", {"service_on_caseload.toml:22:9:", "has a caseload",
                                             "needs a staff pool with service_slots"});
    parse_fails(
        "terminal_transition.toml",
        {"terminal_transition.toml:20:8:", "leaves terminal placement 'eget'", "remove the transition"});
    parse_fails("schedule_dates.toml", {"schedule_dates.toml:16:67:", "strictly increasing", "2008-02-01",
                                        "order the steps by date"});
}

TEST_CASE("distribution parameters", "[loader][errors]") {
    parse_fails("triangular_min_mode.toml",
                {"triangular_min_mode.toml:17:24:", "min 90 > mode 60", "min <= mode <= max"});
    parse_fails("triangular_mode_max.toml",
                {"triangular_mode_max.toml:17:24:", "mode 200 > max 180", "min <= mode <= max"});
    parse_fails("uniform_order.toml", {"uniform_order.toml:17:21:", "min 365 > max 0", "min <= max"});
    parse_fails("negative_sd.toml", {"negative_sd.toml:17:25:", "sd -30", "the sd must be >= 0"});
}

TEST_CASE("files: syntax errors and missing files", "[loader][errors]") {
    parse_fails("syntax_error.toml", {"syntax_error.toml:7:22:", "TOML syntax error", "fix the TOML syntax"});
    parse_fails("missing_model.toml",
                {"missing_model.toml:3:9:", "model file '../good/no_such_model.toml' not found",
                 "relative to the scenario file"});
    std::string msg = load_error(data_file("bad/no_such_file.toml"));
    CHECK_THAT(msg, Contains("no_such_file.toml"));
    CHECK_THAT(msg, Contains("not found"));
    CHECK_THROWS_AS(load_model(data_file("bad/no_such_file.toml")), input_error);
}

TEST_CASE("errors in overrides name the scenario file", "[loader][errors]") {
    parse_fails("override_negative.toml",
                {"override_negative.toml:16:19:", "'price_per_day' in placement 'harbarge' is -550",
                 "must be >= 0", "in alternative 'projekt'"});
    parse_fails("override_unknown_key.toml",
                {"override_unknown_key.toml:16:3:", "unknown key 'caselod'", "did you mean 'caseload'?"});
    parse_fails("override_branch_sum.toml", {"override_branch_sum.toml:17:17:", "sum to 1.1",
                                             "make them sum to 1", "in alternative 'projekt'"});
    parse_fails("set_path_field.toml",
                {"set_path_field.toml:13:9:", "set path 'staff.boendestodjare.ftee' not found",
                 "did you mean 'fte'?"});
    parse_fails(
        "override_both_prices.toml",
        {"override_both_prices.toml:17:3:", "both price_per_month and price_per_day", "keep exactly one"});
    parse_fails("set_path_id.toml",
                {"set_path_id.toml:13:9:", "no staff 'boendestodjar'", "did you mean 'boendestodjare'?"});
}

TEST_CASE("input errors keep the place, the message and the fix apart", "[loader][errors]") {
    SECTION("an unknown key: its place, the text without the place, the fix") {
        const std::string file = data_file("bad/unknown_key.toml");
        const auto e = load_failure(file);
        REQUIRE(e);
        CHECK(e->file() == file);
        CHECK(e->line() == 8);
        CHECK(e->column() == 1);
        CHECK(e->message() == "unknown key 'capcity' in placement 'stodboende'; did you mean 'capacity'?");
        CHECK(e->fix() == "did you mean 'capacity'?");
        CHECK(std::string(e->what()) == file + ":8:1: " + e->message());
    }
    SECTION("an override: the scenario's file and line, the alternative in the message") {
        const std::string file = data_file("bad/override_negative.toml");
        const auto e = load_failure(file);
        REQUIRE(e);
        CHECK(e->file() == file);
        CHECK(e->line() == 16);
        CHECK(e->column() == 19);
        CHECK(e->message() ==
              "'price_per_day' in placement 'harbarge' is -550, a negative value; it must be >= 0 "
              "(in alternative 'projekt')");
        CHECK(e->fix() == "it must be >= 0 (in alternative 'projekt')");
        CHECK(std::string(e->what()) == file + ":16:19: " + e->message());
    }
    SECTION("a message without \"; \" has no separate fix") {
        const fs::path file = write_temp(
            "[[payer]]\nid = \"p\"\n\n[[placement]]\nid = \"a\"\nprice_per_day = 0,5\npayer = \"p\"\n");
        const auto e = load_failure(file);
        fs::remove(file);
        REQUIRE(e);
        CHECK(e->file() == file.string());
        CHECK(e->line() == 6);
        CHECK(e->column() == 18);
        CHECK(e->message() ==
              "TOML numbers use a decimal point: write 0.5, not 0,5 (a comma separates the items of a list)");
        CHECK(e->fix().empty());
    }
    SECTION("a file that is not there: the file, no line or column") {
        const std::string file = data_file("bad/no_such_file.toml");
        const auto e = load_failure(file);
        REQUIRE(e);
        CHECK(e->file() == file);
        CHECK(e->line() == 0);
        CHECK(e->column() == 0);
        CHECK(e->message() == "file not found; check the path");
        CHECK(e->fix() == "check the path");
        CHECK(std::string(e->what()) == file + ": file not found; check the path");
    }
    SECTION("an error with no place: what() is the message") {
        const input_error e("--replications is 0; give a whole number from 1 to 100000");
        CHECK(e.file().empty());
        CHECK(e.line() == 0);
        CHECK(e.column() == 0);
        CHECK(e.message() == "--replications is 0; give a whole number from 1 to 100000");
        CHECK(e.fix() == "give a whole number from 1 to 100000");
        CHECK(std::string(e.what()) == e.message());
    }
}

namespace {

// A model with the shelter's capacity written as `capacity` (line 7) and `count` clients there at the start.
std::string shelter_model(const std::string& capacity, int count = 10) {
    return "[[payer]]\nid = \"enheten\"\n\n[[placement]]\nid = \"harbarge\"\nprice_per_day = 550\n"
           "capacity = " +
           capacity +
           "\npayer = \"enheten\"\n\n[[placement]]\nid = \"eget\"\nterminal = true\n\n"
           "[[group]]\nid = \"hemlosa\"\n\n  [[group.initial]]\n  placement = \"harbarge\"\n  count = " +
           std::to_string(count) + "\n\n[[transition]]\nfrom = \"harbarge\"\nto = \"eget\"\nafter = 365\n";
}

// "file.toml:7:<column of `needle` in the capacity line>:": where an error in `capacity` must point.
std::string at_capacity(const std::string& capacity, const std::string& needle) {
    return ".toml:7:" + std::to_string(std::string("capacity = ").size() + capacity.find(needle) + 1) + ":";
}

// A case starting on `start` on a model file of `model_text`, with the project's own capacity schedule.
std::optional<scenario> shelter_case(const std::string& model_text, const std::string& start,
                                     std::string* error = nullptr) {
    fs::path model_file = write_temp(model_text);
    fs::path case_file =
        write_temp("title = \"t\"\nmodel = \"" + model_file.filename().string() + "\"\nstart = " + start +
                   "\nhorizon_years = 3\nreplications = 2\nseed = 1\n\n"
                   "[[alternative]]\nid = \"nollalternativ\"\nbaseline = true\n\n"
                   "[[alternative]]\nid = \"projekt\"\n\n  [[alternative.placement]]\n"
                   "  id = \"harbarge\"\n"
                   "  capacity = [ { value = 20 }, { from = 2009-03-01, value = 40 } ]\n");
    std::optional<scenario> sc;
    try {
        sc = load_scenario(case_file);
    } catch (const input_error& e) {
        if (error) *error = e.what();
    }
    fs::remove(model_file);
    fs::remove(case_file);
    return sc;
}

}  // namespace

TEST_CASE("a capacity may change on dates, as a schedule", "[loader][capacity]") {
    const std::string beds =
        "[ { value = 15 }, { from = 2009-01-01, value = 25 }, { from = 2010-01-01, value = 32, source = "
        "\"plan "
        "2010\" } ]";
    SECTION("steps of whole numbers, each an input of its own") {
        model m = parses_ok(shelter_model(beds));
        const auto& cap = m.placements[0].capacity;
        REQUIRE(cap.has_value());
        CHECK(cap->initial == 15);
        REQUIRE(cap->steps.size() == 2);
        CHECK(cap->steps[0].from == ymd(2009, 1, 1));
        CHECK(cap->steps[0].value == 25);
        CHECK(cap->steps[1].from == ymd(2010, 1, 1));
        CHECK(cap->steps[1].value == 32);
        const model_input* step = m.find_input("placement.harbarge.capacity@2010-01-01");
        REQUIRE(step != nullptr);
        CHECK(step->value == 32);
        CHECK(step->rule == value_rule::whole);
        CHECK(step->unit == "platser");
        CHECK(step->source == "plan 2010");
        REQUIRE(m.find_input("placement.harbarge.capacity@start") != nullptr);
        CHECK(m.find_input("placement.harbarge.capacity@start")->value == 15);
        // A constant stays a constant.
        model c = parses_ok(shelter_model("19"));
        REQUIRE(c.placements[0].capacity.has_value());
        CHECK(c.placements[0].capacity->constant());
        CHECK(c.placements[0].capacity->initial == 19);
    }
    SECTION("an uncertain step, with a bounded distribution") {
        model m = parses_ok(shelter_model(
            "[ { value = 15 }, { from = 2009-01-01, value = { triangular = [20, 25, 30] } } ]"));
        REQUIRE(m.uncertain.size() == 1);
        CHECK(m.uncertain[0].path == "placement.harbarge.capacity@2009-01-01");
        CHECK(m.uncertain[0].rule == value_rule::whole);
        CHECK(m.placements[0].capacity->steps[0].value == 25);
        const std::string lognormal =
            "[ { value = 15 }, { from = 2009-01-01, value = { lognormal = [25, 5] } } ]";
        parse_fails(
            shelter_model(lognormal),
            {at_capacity(lognormal, "{ lognormal"), "'value' of step 2 of 'capacity' in placement 'harbarge'",
             "a count or a capacity needs a bounded distribution (uniform or triangular)"});
    }
    SECTION("bad steps name the file, line, column and the fix") {
        const std::string half = "[ { value = 15 }, { from = 2009-01-01, value = 2.5 } ]";
        parse_fails(shelter_model(half), {at_capacity(half, "2.5"),
                                          "'value' of step 2 of 'capacity' in placement 'harbarge' is 2.5",
                                          "it must be a whole number from 0 to 1000000"});
        const std::string negative = "[ { value = 15 }, { from = 2009-01-01, value = -5 } ]";
        parse_fails(shelter_model(negative),
                    {at_capacity(negative, "-5"), "is -5, a negative value", "it must be >= 0"});
        const std::string order =
            "[ { value = 15 }, { from = 2010-01-01, value = 25 }, { from = 2009-01-01, value = 32 } ]";
        parse_fails(
            shelter_model(order),
            {at_capacity(order, "2009-01-01"), "schedule dates must be strictly increasing",
             "2009-01-01 in step 3 of 'capacity' in placement 'harbarge'", "order the steps by date"});
        const std::string undated = "[ { value = 15 }, { value = 25 } ]";
        parse_fails(shelter_model(undated), {at_capacity(undated, "{ value = 25"), "step 2 of 'capacity'",
                                             "only the first step may omit it", "from = 2008-04-01"});
        parse_fails(shelter_model("[]"),
                    {at_capacity("[]", "["), "is an empty schedule", "[ { value = 6 } ]"});
        const std::string unknown = "[ { value = 15 }, { form = 2009-01-01, value = 25 } ]";
        parse_fails(shelter_model(unknown),
                    {at_capacity(unknown, "form"), "unknown key 'form'", "did you mean 'from'?"});
    }
    SECTION("the initial stock is checked against the capacity at the start") {
        // Read alone, the model starts with its first value: 20 clients do not fit 15 places.
        parse_fails(shelter_model(beds, 20), {at_capacity(beds, "["), "has a capacity of 15 at the start",
                                              "but up to 20 clients start there", "raise the capacity"});
        std::string error;
        CHECK_FALSE(shelter_case(shelter_model(beds, 20), "2008-06-01", &error));
        CHECK_THAT(error, Contains("has a capacity of 15 on 2008-06-01 but up to 20 clients start there"));
        // From 2009 there are 25 places: a case starting then fits them.
        std::optional<scenario> later = shelter_case(shelter_model(beds, 20), "2009-06-01", &error);
        INFO(error);
        CHECK(later.has_value());
    }
    SECTION("an alternative overrides the schedule; set paths change a step or the whole") {
        std::string error;
        std::optional<scenario> sc = shelter_case(shelter_model(beds), "2008-01-01", &error);
        INFO(error);
        REQUIRE(sc.has_value());
        const auto& noll = sc->alternatives[0].system.placements[0].capacity;
        const auto& proj = sc->alternatives[1].system.placements[0].capacity;
        REQUIRE(noll.has_value());
        REQUIRE(proj.has_value());
        CHECK(noll->steps.size() == 2);
        CHECK(proj->initial == 20);
        REQUIRE(proj->steps.size() == 1);
        CHECK(proj->steps[0].from == ymd(2009, 3, 1));
        CHECK(proj->steps[0].value == 40);

        set_value(*sc, "placement.harbarge.capacity@2009-01-01", 28, true);
        CHECK(sc->alternatives[0].system.placements[0].capacity->steps[0].value == 28);
        CHECK(sc->alternatives[1].system.placements[0].capacity->steps[0].value == 40);  // no such step there
        CHECK_THROWS_WITH(set_value(*sc, "placement.harbarge.capacity@2009-03-01", 2.5, true),
                          Contains("not a whole number"));
        set_value(*sc, "placement.harbarge.capacity", 30, false);
        CHECK(sc->alternatives[1].system.placements[0].capacity->constant());
        CHECK(sc->alternatives[1].system.placements[0].capacity->initial == 30);
        CHECK(sc->alternatives[1].system.find_input("placement.harbarge.capacity@2009-03-01") == nullptr);
        run_options o;
        o.replications = 2;
        CHECK_NOTHROW(run_case(*sc, o));
    }
}

TEST_CASE("an uncertain capacity step is drawn once a replication and used from its date",
          "[loader][capacity][uncertainty]") {
    // 30 clients ready for b, where nobody leaves within the horizon: b holds exactly its
    // capacity from day 10, a whole number drawn from uniform [5, 15] in each replication.
    fs::path model_file = write_temp(
        "[[payer]]\nid = \"enheten\"\n\n[[placement]]\nid = \"a\"\nprice_per_day = 100\npayer = "
        "\"enheten\"\n\n[[placement]]\nid = \"b\"\nprice_per_day = 100\n"
        "capacity = [ { value = 0 }, { from = 2010-01-11, value = { uniform = [5, 15] } } ]\n"
        "payer = \"enheten\"\n\n[[placement]]\nid = \"ut\"\nterminal = true\n\n[[group]]\nid = \"g\"\n\n"
        "  [[group.initial]]\n  placement = \"a\"\n  count = 30\n  state = \"ready\"\n\n"
        "[[transition]]\nfrom = \"a\"\nto = \"b\"\nafter = 0\n\n"
        "[[transition]]\nfrom = \"b\"\nto = \"ut\"\nafter = 1000\n");
    fs::path case_file = write_temp("title = \"t\"\nmodel = \"" + model_file.filename().string() +
                                    "\"\nstart = 2010-01-01\nhorizon_months = 12\nreplications = 100\nseed = "
                                    "3\n\n[[alternative]]\nid = \"nollalternativ\"\nbaseline = true\n\n"
                                    "[[alternative]]\nid = \"projekt\"\n");
    scenario sc = load_scenario(case_file);
    fs::remove(model_file);
    fs::remove(case_file);
    REQUIRE(sc.alternatives[0].system.uncertain.size() == 1);
    CHECK(sc.alternatives[0].system.uncertain[0].path == "placement.b.capacity@2010-01-11");
    scenario_result res = run_case(sc, {});
    const index_t b = sc.alternatives[0].system.find_placement("b");
    double lowest = 16, highest = 4;
    for (const replication_result& r : res.alts[0].reps) {
        REQUIRE(r.params.size() == 1);
        const double cap = r.params[0];
        CHECK(cap == std::floor(cap));
        CHECK(cap >= 5);
        CHECK(cap <= 15);
        lowest = std::min(lowest, cap);
        highest = std::max(highest, cap);
        CHECK(r.person_days[b] == Approx(cap * 355));  // one year: index b
    }
    CHECK(lowest < highest);
}

namespace {

// A model whose shelter starts with 10 clients part-way through their stays,
// `elapsed_days = <elapsed>` on line 20.
std::string stock_model(const std::string& elapsed, const std::string& state = "elapsed") {
    return "[[payer]]\nid = \"enheten\"\n\n[[placement]]\nid = \"harbarge\"\nprice_per_day = 550\n"
           "payer = \"enheten\"\n\n[[placement]]\nid = \"eget\"\nterminal = true\n\n"
           "[[group]]\nid = \"hemlosa\"\n\n  [[group.initial]]\n  placement = \"harbarge\"\n  count = 10\n"
           "  state = \"" +
           state + "\"\n  elapsed_days = " + elapsed +
           "\n\n[[transition]]\nfrom = \"harbarge\"\nto = \"eget\"\nafter = 3650\n";
}

// "file.toml:20:<column of `needle` in the elapsed_days line>:".
std::string at_elapsed(const std::string& elapsed, const std::string& needle) {
    return ".toml:20:" + std::to_string(std::string("  elapsed_days = ").size() + elapsed.find(needle) + 1) +
           ":";
}

}  // namespace

TEST_CASE("an initial entry's elapsed time may be a distribution, drawn per client", "[loader][initial]") {
    SECTION("a constant stays one value for the whole entry") {
        model m = parses_ok(stock_model("100"));
        const distribution& e = m.groups[0].initial[0].elapsed_days;
        CHECK(e.kind == dist_kind::fixed);
        CHECK(e.a == 100);
        const model_input* in = m.find_input("group.hemlosa.initial.harbarge.elapsed_days");
        REQUIRE(in != nullptr);
        CHECK(in->value == 100);
    }
    SECTION("a distribution of durations as `after` takes, in its unit, each parameter an input") {
        model m =
            parses_ok(stock_model("{ uniform = [0, 8], unit = \"years\", source = \"0-8 years housed\" }"));
        const distribution& e = m.groups[0].initial[0].elapsed_days;
        CHECK(e.kind == dist_kind::uniform);
        CHECK(e.a == 0);
        CHECK(e.b == 2920);
        const model_input* hi = m.find_input("group.hemlosa.initial.harbarge.elapsed_days.max");
        REQUIRE(hi != nullptr);
        CHECK(hi->value == 8);
        CHECK(hi->source == "0-8 years housed");
        // Set by path (sweep, sensitivity): the parameter of this entry, in its unit.
        set_input(m, nullptr, hi->ref, hi->rule, 4);
        CHECK(m.groups[0].initial[0].elapsed_days.b == 1460);
        CHECK(m.groups[0].initial[0].elapsed_days.a == 0);
        CHECK(m.groups[0].initial[0].count == 10);
        model t = parses_ok(stock_model("{ triangular = [0, 365, 2920] }"));
        CHECK(t.groups[0].initial[0].elapsed_days.kind == dist_kind::triangular);
        CHECK(t.groups[0].initial[0].elapsed_days.c == 365);
    }
    SECTION("an uncertain parameter of the elapsed time") {
        model m = parses_ok(stock_model("{ uniform = [0, { triangular = [1000, 2920, 2920] }] }"));
        REQUIRE(m.uncertain.size() == 1);
        CHECK(m.uncertain[0].path == "group.hemlosa.initial.harbarge.elapsed_days.max");
    }
    SECTION("bad elapsed times name the file, line, column and the fix") {
        const std::string reversed = "{ uniform = [2920, 0] }";
        parse_fails(stock_model(reversed), {at_elapsed(reversed, "[2920"), "has min 2920 > max 0",
                                            "write [min, max] with min <= max"});
        const std::string negative = "{ uniform = [-10, 100] }";
        parse_fails(stock_model(negative),
                    {at_elapsed(negative, "-10"), "negative min -10", "a duration must be >= 0"});
        const std::string none = "{ unit = \"years\" }";
        parse_fails(stock_model(none),
                    {at_elapsed(none, "{"), "names no distribution", "e.g. { exponential = 180 }"});
        const std::string text = "\"100\"";
        parse_fails(stock_model(text), {at_elapsed(text, "\"100\""), "a duration"});
        const std::string typo = "{ unifrom = [0, 100] }";
        parse_fails(stock_model(typo),
                    {at_elapsed(typo, "unifrom"), "unknown key 'unifrom'", "did you mean 'uniform'?"});
        parse_fails(stock_model("{ uniform = [0, 100] }", "fresh"),
                    {".toml:20:3:", "gives elapsed_days without state = \"elapsed\""});
    }
}

namespace {

// Tenancies that fail (vrakning, probability on line 23) or hold (kvar, after
// on line 29, probability on line 30); `extra` is appended (a third branch).
std::string tenancy_model(const std::string& fail_p, const std::string& hold_p,
                          const std::string& hold_after = "365", const std::string& extra = "") {
    return "[[payer]]\nid = \"enheten\"\n\n[[placement]]\nid = \"eget_boende\"\nprice_per_day = 100\n"
           "payer = \"enheten\"\n\n[[placement]]\nid = \"harbarge\"\nprice_per_day = 550\npayer = "
           "\"enheten\"\n\n"
           "[[placement]]\nid = \"ut\"\nterminal = true\n\n"
           "[[transition]]\nid = \"vrakning\"\nfrom = \"eget_boende\"\nto = \"harbarge\"\nafter = 365\n"
           "probability = " +
           fail_p +
           "\n\n[[transition]]\nid = \"kvar\"\nfrom = \"eget_boende\"\nto = \"ut\"\nafter = " + hold_after +
           "\nprobability = " + hold_p +
           "\n\n[[transition]]\nfrom = \"harbarge\"\nto = \"eget_boende\"\nafter = 90\n" + extra;
}

// "file.toml:<line>:<column of `needle` in the line `key = text`>:".
std::string at_key(int line, const std::string& key, const std::string& text, const std::string& needle) {
    return ".toml:" + std::to_string(line) + ":" + std::to_string(key.size() + 3 + text.find(needle) + 1) +
           ":";
}

}  // namespace

TEST_CASE("a branch probability may change on dates; the sibling with a plain one takes the rest",
          "[loader][schedules]") {
    const std::string falls =
        "[ { value = 0.3 }, { from = 2009-03-01, value = 0.1, source = \"new support\" } ]";
    SECTION("steps, each an input of its own; the rest follows them") {
        model m = parses_ok(tenancy_model(falls, "0.7"));
        const transition& v = m.transitions[0];
        CHECK(v.probability == 0.3);
        REQUIRE(v.probability_steps.size() == 1);
        CHECK(v.probability_steps[0].from == ymd(2009, 3, 1));
        CHECK(v.probability_steps[0].value == 0.1);
        CHECK(v.remainder == 1);
        CHECK(branch_probability_on(m, 1, std::nullopt) == Approx(0.7));
        CHECK(branch_probability_on(m, 1, ymd(2009, 2, 28)) == Approx(0.7));
        CHECK(branch_probability_on(m, 1, ymd(2009, 3, 1)) == Approx(0.9));
        CHECK(branch_probability_on(m, 0, ymd(2009, 3, 1)) == Approx(0.1));
        CHECK(branch_dates(m, 1) == std::vector<date>{ymd(2009, 3, 1)});
        const model_input* step = m.find_input("transition.vrakning.probability@2009-03-01");
        REQUIRE(step != nullptr);
        CHECK(step->value == 0.1);
        CHECK(step->rule == value_rule::probability);
        CHECK(step->source == "new support");
        REQUIRE(m.find_input("transition.vrakning.probability@start") != nullptr);
        // Set (sweep, sensitivity): the step changes, the rest follows on that date.
        set_input(m, nullptr, step->ref, step->rule, 0.2);
        CHECK(branch_probability_on(m, 1, ymd(2009, 3, 1)) == Approx(0.8));
        CHECK(branch_probability_on(m, 1, std::nullopt) == Approx(0.7));
        CHECK_THROWS_WITH(set_input(m, nullptr, step->ref, step->rule, 1.5),
                          Contains("not a probability between 0 and 1"));
    }
    SECTION("siblings with matching steps need no rest") {
        model m = parses_ok(tenancy_model(falls, "[ { value = 0.7 }, { from = 2009-03-01, value = 0.9 } ]"));
        CHECK(m.transitions[0].remainder == no_index);
        CHECK(branch_probability_on(m, 1, ymd(2009, 3, 1)) == 0.9);
    }
    SECTION("an uncertain step; the rest at its highest draw must stay >= 0") {
        model m = parses_ok(tenancy_model(
            "[ { value = 0.3 }, { from = 2009-03-01, value = { uniform = [0.05, 0.15] } } ]", "0.7"));
        REQUIRE(m.uncertain.size() == 1);
        CHECK(m.uncertain[0].path == "transition.vrakning.probability@2009-03-01");
    }
    SECTION("bad steps: the sum on each date, the rest below 0, a step above 1") {
        // Numbers exact in binary, so that the sums print as written.
        const std::string eighth = "[ { value = 0.25 }, { from = 2009-03-01, value = 0.125 } ]";
        const std::string hold = "[ { value = 0.75 }, { from = 2009-06-01, value = 0.875 } ]";
        parse_fails(tenancy_model(eighth, hold),
                    {at_key(23, "probability", eighth, "{ from"),
                     "the probabilities of the transitions out of 'eget_boende' from 2009-03-01",
                     "sum to 0.875 (vrakning 0.125, kvar 0.75)", "make them sum to 1"});
        // Three branches: the rest (the last plain one) would be 0.25 - 0.5 from 2009-03-01.
        const std::string rises = "[ { value = 0.25 }, { from = 2009-03-01, value = 0.75 } ]";
        parse_fails(
            tenancy_model(rises, "0.5", "365",
                          "\n[[transition]]\nid = \"lvm\"\nfrom = \"eget_boende\"\nto = \"ut\"\n"
                          "after = 30\nprobability = 0.25\n"),
            {".toml:42:15:",
             "transition 'lvm' takes the rest of its siblings' probability, which would be -0.25 from "
             "2009-03-01",
             "change the steps so that the others sum to at most 1 on every date"});
        const std::string above = "[ { value = 0.3 }, { from = 2009-03-01, value = 1.1 } ]";
        parse_fails(tenancy_model(above, "0.7"),
                    {at_key(23, "probability", above, "1.1"), "'value' of step 2 of 'probability'", "1.1"});
        // At the mean (0.25) the rest is 0.05; at the highest draw 0.45 it would be -0.15.
        const std::string wide =
            "[ { value = 0.3 }, { from = 2009-03-01, value = { uniform = [0.05, 0.45] } } ]";
        parse_fails(tenancy_model(wide, "0.7", "365",
                                  "\n[[transition]]\nid = \"lvm\"\nfrom = \"eget_boende\"\nto = \"ut\"\n"
                                  "after = 30\nprobability = 0\n"),
                    {"can be drawn as high as 0.45 from 2009-03-01", "'lvm', which takes the rest",
                     "narrow the distribution"});
    }
}

TEST_CASE("a transition's duration may change on dates", "[loader][schedules]") {
    SECTION("steps of durations, each parameter an input of its own") {
        model m = parses_ok(tenancy_model("0.3", "0.7",
                                          "[ { value = 180 }, { from = 2009-03-01, value = { exponential = "
                                          "90 }, source = \"project\" } ]"));
        const transition& k = m.transitions[1];
        CHECK(k.after.kind == dist_kind::fixed);
        CHECK(k.after.a == 180);
        REQUIRE(k.after_steps.size() == 1);
        CHECK(k.after_steps[0].from == ymd(2009, 3, 1));
        CHECK(k.after_steps[0].after.kind == dist_kind::exponential);
        CHECK(k.after_steps[0].after.a == 90);
        const model_input* mean = m.find_input("transition.kvar.after@2009-03-01.mean");
        REQUIRE(mean != nullptr);
        CHECK(mean->value == 90);
        const model_input* first = m.find_input("transition.kvar.after@start");
        REQUIRE(first != nullptr);
        CHECK(first->value == 180);
        REQUIRE(find_note(m, "transition.kvar.after@2009-03-01") != nullptr);
        CHECK(find_note(m, "transition.kvar.after@2009-03-01")->source == "project");
        set_input(m, nullptr, mean->ref, mean->rule, 60);
        CHECK(m.transitions[1].after_steps[0].after.a == 60);
        CHECK(m.transitions[1].after.a == 180);
        set_input(m, nullptr, first->ref, first->rule, 200);
        CHECK(m.transitions[1].after.a == 200);
        CHECK(m.transitions[1].after_steps[0].after.a == 60);
        // In months, as `after` takes it.
        model mo = parses_ok(tenancy_model(
            "0.3", "0.7",
            "[ { value = 180 }, { from = 2009-03-01, value = { fixed = 3, unit = \"months\" } } ]"));
        CHECK(mo.transitions[1].after_steps[0].after.a == Approx(365.0 / 4));
    }
    SECTION("bad steps name the file, line, column and the fix") {
        const std::string dated = "[ { from = 2008-01-01, value = 180 }, { from = 2009-03-01, value = 90 } ]";
        parse_fails(tenancy_model("0.3", "0.7", dated),
                    {at_key(29, "after", dated, "2008-01-01"),
                     "the first step of a duration's schedule has no 'from'",
                     "write [ { value = 180 }, { from = 2008-01-01, value = 90 } ]"});
        const std::string order =
            "[ { value = 180 }, { from = 2010-01-01, value = 90 }, { from = 2009-01-01, value = 60 } ]";
        parse_fails(tenancy_model("0.3", "0.7", order),
                    {at_key(29, "after", order, "2009-01-01"), "schedule dates must be strictly increasing",
                     "order the steps by date"});
        const std::string undated = "[ { value = 180 }, { value = 90 } ]";
        parse_fails(tenancy_model("0.3", "0.7", undated),
                    {at_key(29, "after", undated, "{ value = 90"), "step 2 of", "has no 'from'"});
        const std::string reversed =
            "[ { value = 180 }, { from = 2009-03-01, value = { uniform = [90, 30] } } ]";
        parse_fails(tenancy_model("0.3", "0.7", reversed),
                    {at_key(29, "after", reversed, "[90"), "has min 90 > max 30"});
        const std::string missing = "[ { value = 180 }, { from = 2009-03-01 } ]";
        parse_fails(
            tenancy_model("0.3", "0.7", missing),
            {at_key(29, "after", missing, "{ from"), "missing key 'value' in step 2", "add e.g. value = 90"});
        const std::string empty = "[]";
        parse_fails(tenancy_model("0.3", "0.7", empty),
                    {at_key(29, "after", empty, "["), "an empty schedule"});
    }
}

TEST_CASE(
    "a case with an uncertain step of a branch probability: drawn, in force from its date, the rest "
    "follows",
    "[loader][schedules]") {
    // n tenancies start on day 0 (failing with 0.3) and n on day 50, 2010-02-20, from
    // when the share is drawn per replication, uniform on [0.05, 0.15]. Failures in
    // a replication are binomial(n, 0.3) + binomial(n, p); over R replications the sum of
    // their deviations is checked with its own 95 % interval.
    constexpr int n = 2000;
    fs::path model_file = write_temp(
        "[[payer]]\nid = \"enheten\"\n\n[[placement]]\nid = \"eget_boende\"\nprice_per_day = 100\npayer = "
        "\"enheten\"\n\n[[placement]]\nid = \"pre\"\nprice_per_day = 100\npayer = \"enheten\"\n\n"
        "[[placement]]\nid = \"harbarge\"\nterminal = true\n\n[[placement]]\nid = \"ut\"\nterminal = true\n\n"
        "[[group]]\nid = \"g\"\n\n  [[group.initial]]\n  placement = \"eget_boende\"\n  count = " +
        std::to_string(n) + "\n\n  [[group.initial]]\n  placement = \"pre\"\n  count = " + std::to_string(n) +
        "\n\n[[transition]]\nid = \"vrakning\"\nfrom = \"eget_boende\"\nto = \"harbarge\"\nafter = 1\n"
        "probability = [ { value = 0.3 }, { from = 2010-02-20, value = { uniform = [0.05, 0.15] } } ]\n\n"
        "[[transition]]\nid = \"kvar\"\nfrom = \"eget_boende\"\nto = \"ut\"\nafter = 1\nprobability = 0.7\n\n"
        "[[transition]]\nfrom = \"pre\"\nto = \"eget_boende\"\nafter = 50\n");
    fs::path case_file = write_temp("title = \"t\"\nmodel = \"" + model_file.filename().string() +
                                    "\"\nstart = 2010-01-01\nhorizon_months = 12\nreplications = 40\nseed = "
                                    "5\n\n[[alternative]]\nid = \"nollalternativ\"\nbaseline = true\n\n"
                                    "[[alternative]]\nid = \"projekt\"\n");
    scenario sc = load_scenario(case_file);
    fs::remove(model_file);
    fs::remove(case_file);
    const model& m = sc.alternatives[0].system;
    REQUIRE(m.uncertain.size() == 1);
    CHECK(m.uncertain[0].path == "transition.vrakning.probability@2010-02-20");
    scenario_result res = run_case(sc, {});
    const std::size_t years = res.alts[0].reps[0].moves.size() / m.transitions.size();
    double deviation = 0, variance = 0, lowest = 1, highest = 0;
    for (const replication_result& r : res.alts[0].reps) {
        REQUIRE(r.params.size() == 1);
        const double p = r.params[0];
        CHECK(p >= 0.05);
        CHECK(p <= 0.15);
        lowest = std::min(lowest, p);
        highest = std::max(highest, p);
        const double failed = r.moves[0 * years], held = r.moves[1 * years];
        CHECK(failed + held == 2 * n);  // the rest follows the draw
        deviation += failed - n * 0.3 - n * p;
        variance += n * 0.3 * 0.7 + n * p * (1 - p);
    }
    CHECK(lowest < highest);
    const double half = 1.96 * std::sqrt(variance);
    INFO("failures less their expectation, summed over the replications: " << deviation << " +- " << half);
    CHECK(std::fabs(deviation) <= half);
}
