// Leaving a waiting list (give_up_after) and moving while waiting
// (while_waiting): the loader's keys and refusals, hand-computed chains with
// fixed durations (where the client is, day by day, and where the offer takes
// it from), and giving up at rate theta against the M/M/c+M (Erlang A) queue.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "analytic/analytic.hpp"
#include "app/run.hpp"
#include "builders.hpp"
#include "cli_helpers.hpp"
#include "model/loader.hpp"
#include "model_text.hpp"
#include "results/runner.hpp"
#include "results/summary.hpp"
#include "rows.hpp"

namespace fs = std::filesystem;
using namespace hemsim;
using namespace hemsim::testing;
using Catch::Matchers::Contains;

namespace {

model parses_ok(const std::string& text) { return model_of_text("waiting", text); }

void parse_fails(const std::string& text, std::initializer_list<std::string> needles) {
    model_text_fails("waiting", text, needles);
}

// Härbärge, akutboende and a Housing First apartment from a supply.
const std::string base = R"(
[[payer]]
id = "enheten"
[[placement]]
id = "harbarge"
price_per_day = 550
payer = "enheten"
[[placement]]
id = "akut"
price_per_day = 900
payer = "enheten"
[[placement]]
id = "hf"
price_per_day = 300
payer = "enheten"
[[placement]]
id = "ut"
terminal = true
[[supply]]
id = "lgh"
per_year = 10
[[group]]
id = "g"
  [[group.arrivals]]
  placement = "harbarge"
  per_year = 20
)";

const std::string waiting_move = R"(
[[transition]]
id = "till_hf"
from = "harbarge"
to = "hf"
after = 0
require = [ { supply = "lgh" } ]
[[transition]]
from = "hf"
to = "ut"
after = { exponential = 700 }
)";

const double T = 365;  // the horizon of the hand-computed chains: 2010

const named_row& total(const std::vector<named_row>& rows, const std::string& alt,
                       const std::string& metric) {
    for (const auto& r : rows)
        if (r.alternative == alt && r.year == total_year && r.metric == metric) return r;
    FAIL("no row " << metric);
    throw;
}

// One client, ready at the start in 'a', waits for 'lgh' (an even supply of
// 3.65 a year: its first offer on day 50) to move to 'h'. While waiting it
// moves a -> b after 10 days and b -> a after 5.
struct rotation {
    model m;
    index_t a, b, h, out, list, g, sup;
    rotation() {
        add_payer(m, "p");
        a = add_placement(m, "a", 100);
        b = add_placement(m, "b", 1000);
        h = add_placement(m, "h", 10);
        out = add_placement(m, "ut", 0, true);
        sup = add_supply(m, "lgh", 3.65, arrival_process::even);
        g = add_group(m, "g");
        add_initial(m, g, a, 1, initial_state::ready);
        list = add_transition(m, a, h, fixed(1));
        m.transitions[list].gates.push_back({gate_kind::supply, sup, {}});
        index_t ab = add_transition(m, a, b, fixed(10));
        index_t ba = add_transition(m, b, a, fixed(5));
        m.transitions[ab].while_waiting = m.transitions[ba].while_waiting = list;
    }
    std::vector<named_row> run(std::uint32_t reps = 2) {
        scenario sc = make_scenario(m, ymd(2010, 1, 1), 12, reps);
        scenario_result res = run_case(sc, {});
        return yearly_rows(sc, res);
    }
};

}  // namespace

TEST_CASE("the loader reads giving up and moves while waiting", "[waiting][loader]") {
    model m = parses_ok(base + waiting_move + R"(
[[transition]]
id = "till_hf_ge_upp"
from = "akut"
to = "hf"
after = 0
require = [ { supply = "lgh" } ]
give_up_after = { exponential = 3, unit = "months" }
give_up_to = "harbarge"
give_up_keeps_place = true
[[transition]]
from = "harbarge"
to = "akut"
after = { exponential = 30 }
while_waiting = "till_hf"
[[transition]]
from = "akut"
to = "harbarge"
after = 20
while_waiting = "till_hf"
)");
    const transition& list = m.transitions[0];
    CHECK_FALSE(list.has_give_up());
    CHECK(list.while_waiting == no_index);
    const transition& gu = m.transitions[2];
    REQUIRE(gu.has_give_up());
    CHECK(m.placements[gu.give_up_to].id == "harbarge");
    CHECK(gu.give_up_keeps_place);
    CHECK(gu.give_up_after.kind == dist_kind::exponential);
    CHECK(gu.give_up_after.a == Approx(3 * 365.0 / 12));
    CHECK(m.transitions[3].while_waiting == 0);
    CHECK(m.transitions[4].while_waiting == 0);
    // A move while waiting has no waiting list of its own; the list keeps its own.
    CHECK(m.has_waiting_list(0));
    CHECK_FALSE(m.has_waiting_list(3));
    // The give-up time's parameter is an input with a path of its own.
    CHECK(m.find_input("transition.till_hf_ge_upp.give_up_after.mean") != nullptr);
    // An ordinary branch out of 'harbarge' (till_hf) and a move while waiting out
    // of it each sum to 1 on their own.
}

TEST_CASE("giving up and moves while waiting: bad input is refused at the place to fix",
          "[waiting][loader]") {
    const std::string list = R"(
[[transition]]
id = "till_hf"
from = "harbarge"
to = "hf"
after = 0
require = [ { supply = "lgh" } ]
)";
    parse_fails(base + R"(
[[transition]]
from = "harbarge"
to = "hf"
after = 0
give_up_after = 30
give_up_to = "ut"
)",
                {"no waiting list", "give_up_after", "require"});
    parse_fails(base + list + "give_up_after = 30\n", {"'give_up_to'", "e.g. give_up_to"});
    parse_fails(base + list + "give_up_to = \"ut\"\n", {"no 'give_up_after'"});
    parse_fails(base + list + "give_up_after = 30\ngive_up_to = \"ut\"\ngive_up_keeps_place = true\n",
                {"terminal", "give_up_keeps_place = false"});
    parse_fails(base + list + "give_up_after = [ { value = 30 } ]\ngive_up_to = \"ut\"\n",
                {"not a schedule"});
    parse_fails(base + list + "give_up_after = 30\ngive_up_to = \"nowhere\"\n", {"nowhere"});
    // A move while waiting: in a list that exists, without gates, not out of the system.
    parse_fails(base + list + R"(
[[transition]]
from = "harbarge"
to = "akut"
after = 10
while_waiting = "hf_ut"
[[transition]]
from = "hf"
to = "ut"
after = 10
)",
                {"'hf_ut'", "no waiting list"});
    parse_fails(base + list + R"(
[[transition]]
from = "harbarge"
to = "akut"
after = 10
while_waiting = "till_hf"
require = [ { supply = "lgh" } ]
)",
                {"move while waiting", "remove 'require'"});
    parse_fails(base + list + R"(
[[transition]]
from = "harbarge"
to = "ut"
after = 10
while_waiting = "till_hf"
)",
                {"terminal", "give_up_after and give_up_to"});
    parse_fails(base + list + R"(
[[transition]]
from = "harbarge"
to = "akut"
after = 10
while_waiting = "till_hf"
probability = 0.5
)",
                {"moves while waiting in 'till_hf'", "sum to 0.5"});
    parse_fails(base + list + R"(
[[transition]]
from = "harbarge"
to = "akut"
after = 10
while_waiting = "till_hff"
)",
                {"till_hff"});
}

TEST_CASE("a waiting client moves while waiting and is taken from where it is", "[waiting]") {
    // Days 0-10 in a, 10-15 in b, 15-25 a, 25-30 b, 30-40 a, 40-45 b, 45-55 a:
    // the offer on day 50 finds it in a. Then in h to the end of the year.
    rotation r;
    auto rows = r.run();
    CHECK(total(rows, "nollalternativ", "person_days:a").s.mean == Approx(35).margin(1e-9));
    CHECK(total(rows, "nollalternativ", "person_days:b").s.mean == Approx(15).margin(1e-9));
    CHECK(total(rows, "nollalternativ", "person_days:h").s.mean == Approx(T - 50).margin(1e-9));
    // Charged where it is: 35 x 100 + 15 x 1000 + 315 x 10.
    CHECK(total(rows, "nollalternativ", "cost_total").s.mean == Approx(35 * 100 + 15 * 1000 + 315 * 10));
    // It kept its one place in the list all the while: 50 days of one client waiting.
    CHECK(total(rows, "nollalternativ", "wait_mean_days:a_h").s.mean == Approx(50));
    CHECK(total(rows, "nollalternativ", "queue_mean:a_h").s.mean == Approx(50 / T));

    // With the first offer on day 43 (an even supply of 365/86 a year) the
    // client is in b (days 40-45) and is taken from there.
    rotation r2;
    r2.m.supplies[r2.sup].per_year = constant(365.0 / 86);
    auto rows2 = r2.run();
    CHECK(total(rows2, "nollalternativ", "person_days:a").s.mean == Approx(30).margin(1e-9));
    CHECK(total(rows2, "nollalternativ", "person_days:b").s.mean == Approx(13).margin(1e-9));
    CHECK(total(rows2, "nollalternativ", "person_days:h").s.mean == Approx(T - 43).margin(1e-9));
}

TEST_CASE("giving up the wait: losing the place, or keeping it elsewhere", "[waiting]") {
    SECTION("it leaves the list after 20 days and exits; the offer on day 50 finds nobody") {
        rotation r;
        r.m.transitions.resize(1);  // no moves while waiting
        r.m.transitions[0].give_up_after = fixed(20);
        r.m.transitions[0].give_up_to = r.out;
        auto rows = r.run();
        CHECK(total(rows, "nollalternativ", "person_days:a").s.mean == Approx(20).margin(1e-9));
        CHECK(total(rows, "nollalternativ", "person_days:h").s.mean == Approx(0).margin(1e-9));
        CHECK(total(rows, "nollalternativ", "exits:ut").s.mean == Approx(1));
        CHECK(total(rows, "nollalternativ", "offers_lost:lgh").s.mean ==
              Approx(4));  // days 50, 150, 250, 350
        CHECK(total(rows, "nollalternativ", "queue_mean:a_h").s.mean == Approx(20 / T));
        CHECK(total(rows, "nollalternativ", "gave_up:a_h").s.mean == Approx(1));
    }
    SECTION("it goes to b after 20 days keeping its place, and is taken from b on day 50") {
        rotation r;
        r.m.transitions.resize(1);
        r.m.transitions[0].give_up_after = fixed(20);
        r.m.transitions[0].give_up_to = r.b;
        r.m.transitions[0].give_up_keeps_place = true;
        auto rows = r.run();
        CHECK(total(rows, "nollalternativ", "person_days:a").s.mean == Approx(20).margin(1e-9));
        CHECK(total(rows, "nollalternativ", "person_days:b").s.mean == Approx(30).margin(1e-9));
        CHECK(total(rows, "nollalternativ", "person_days:h").s.mean == Approx(T - 50).margin(1e-9));
        CHECK(total(rows, "nollalternativ", "offers_lost:lgh").s.mean == Approx(3));
        CHECK(total(rows, "nollalternativ", "wait_mean_days:a_h").s.mean == Approx(50));
        CHECK(total(rows, "nollalternativ", "gave_up:a_h").s.mean == Approx(1));
        CHECK(total(rows, "nollalternativ", "queue_mean:a_h").s.mean == Approx(50 / T));
    }
    SECTION("losing the place, it goes back to a and joins the list anew at the end") {
        // Give up after 20 days to a, ready again after 1 day (the route's fixed
        // stay): back in the list on day 21, gives up on day 41, back on day 42;
        // the offer on day 50 takes it. Days in a: all 50.
        rotation r;
        r.m.transitions.resize(1);
        r.m.transitions[0].give_up_after = fixed(20);
        r.m.transitions[0].give_up_to = r.a;
        auto rows = r.run();
        CHECK(total(rows, "nollalternativ", "person_days:a").s.mean == Approx(50).margin(1e-9));
        CHECK(total(rows, "nollalternativ", "person_days:h").s.mean == Approx(T - 50).margin(1e-9));
        // Its last wait, from day 42, was 8 days; the two before it ended in giving up.
        CHECK(total(rows, "nollalternativ", "wait_mean_days:a_h").s.mean == Approx(8));
        CHECK(total(rows, "nollalternativ", "gave_up:a_h").s.mean == Approx(2));
    }
}

namespace {

// M/M/c+M: the birth-death chain of clients present (waiting or served), born
// at lambda, dying at min(n, c) mu + max(n - c, 0) theta. Returns E[L_q].
double erlang_a_queue(int c, double lambda, double mu, double theta) {
    double p = 1, sum = 0, lq = 0;
    for (int n = 0; n < 100000; ++n) {
        sum += p;
        lq += std::max(n - c, 0) * p;
        const double death = std::min(n + 1, c) * mu + std::max(n + 1 - c, 0) * theta;
        p *= lambda / death;
        if (n > c && p < 1e-18 * sum) break;
    }
    return lq / sum;
}

}  // namespace

TEST_CASE("giving up at rate theta agrees with the Erlang A (M/M/c+M) queue", "[waiting][queueing]") {
    // Poisson arrivals at lambda a day into 'ko' wait for room in 'b' (c places;
    // exponential stays of mean 1/mu) and give up after an exponential time of
    // mean 1/theta, leaving the system. Erlang A: the mean queue L_q, the rate of
    // giving up theta L_q, so a share theta L_q / lambda of the arrivals gives up.
    const int c = 3;
    const double lambda = 1, mu = 1 / 2.5, theta = 1 / 5.0;
    model m;
    add_payer(m, "p");
    index_t ko = add_placement(m, "ko", 0);
    index_t b = add_placement(m, "b", 0);
    index_t done = add_placement(m, "klar", 0, true);
    index_t gave_up = add_placement(m, "gav_upp", 0, true);
    m.placements[b].capacity = constant(c);
    index_t g = add_group(m, "g");
    add_arrivals(m, g, ko, lambda * 365);
    index_t list = add_transition(m, ko, b, fixed(0));
    m.transitions[list].give_up_after = expo(1 / theta);
    m.transitions[list].give_up_to = gave_up;
    add_transition(m, b, done, expo(1 / mu));
    scenario sc = make_scenario(m, ymd(2001, 1, 1), 12 * 11, 100);
    sc.warmup_days = 365;
    scenario_result res = run_case(sc, {});
    auto rows = yearly_rows(sc, res);
    const double lq = erlang_a_queue(c, lambda, mu, theta);
    const double share = theta * lq / lambda;
    INFO("Erlang A: L_q " << lq << ", share giving up " << share);
    // A textbook check of the chain itself: theta = mu is M/M/inf in the number present.
    // Present ~ Poisson(2), L_q = E[(N - 3)+] = 2 - 3 + sum_{n<3} (3 - n) P(n).
    CHECK(erlang_a_queue(c, 1, 0.5, 0.5) ==
          Approx(-1 + std::exp(-2.0) * (3 * 1 + 2 * 2 + 1 * 2)).epsilon(1e-9));
    const auto& q = total(rows, "nollalternativ", "queue_mean:ko_b");
    INFO("queue: " << q.s.mean << " [" << q.s.ci_low << ", " << q.s.ci_high << "]");
    CHECK(q.s.ci_low <= lq);
    CHECK(q.s.ci_high >= lq);
    CHECK(q.s.ci_high - q.s.ci_low < 0.1 * lq);
    // Exits into 'gav_upp' over the 10 measured years, per day: theta L_q.
    const double days = 3652;  // 2002-01-01 .. 2011-12-31
    const auto& x = total(rows, "nollalternativ", "exits:gav_upp");
    const auto& y = total(rows, "nollalternativ", "exits:klar");
    INFO("gave up per day: " << x.s.mean / days << " [" << x.s.ci_low / days << ", " << x.s.ci_high / days
                             << "], want " << theta * lq);
    CHECK(x.s.ci_low / days <= theta * lq);
    CHECK(x.s.ci_high / days >= theta * lq);
    // yearly.csv counts the same clients as having given up in the list.
    CHECK(total(rows, "nollalternativ", "gave_up:ko_b").s.mean == Approx(x.s.mean));
    // And the share of those who left: given up against given up + served.
    CHECK(x.s.mean / (x.s.mean + y.s.mean) == Approx(share).epsilon(0.03));
}

TEST_CASE("the analytic chain names what it ignores of waiting", "[waiting][analytic]") {
    rotation r;
    r.m.transitions[0].give_up_after = fixed(20);
    r.m.transitions[0].give_up_to = r.out;
    scenario sc = make_scenario(r.m, ymd(2010, 1, 1), 12, 1);
    analytic_result a = analyze(sc.alternatives[0].system, 0);
    std::string notes;
    for (const auto& n : a.notes) notes += n.en + "\n";
    CHECK_THAT(notes, Contains("give_up_after"));
    CHECK_THAT(notes, Contains("a move while waiting"));
}

TEST_CASE("a maximum stay moves a client waiting with moves while waiting and keeps its place",
          "[waiting][rules]") {
    // As the rotation above, with a maximum stay of 3 days in a that moves the
    // client to b: a [0, 3), b [3, 8), a [8, 11), ... a [48, 51): the offer on
    // day 50 finds it in a, still first in the list. 6 stays of 3 days and 2
    // days in a; 6 stays of 5 in b; 6 moves by the rule (days 3, 11, ..., 43).
    rotation r;
    r.m.placements[r.a].max_stay_days = 3;
    r.m.placements[r.a].after_max_stay = r.b;
    auto rows = r.run();
    CHECK(total(rows, "nollalternativ", "person_days:a").s.mean == Approx(6 * 3 + 2).margin(1e-9));
    CHECK(total(rows, "nollalternativ", "person_days:b").s.mean == Approx(6 * 5).margin(1e-9));
    CHECK(total(rows, "nollalternativ", "person_days:h").s.mean == Approx(T - 50).margin(1e-9));
    CHECK(total(rows, "nollalternativ", "wait_mean_days:a_h").s.mean == Approx(50));
    CHECK(total(rows, "nollalternativ", "rule_moves:a").s.mean == Approx(6));
}
