// The loaded model and scenario: plain value types, no behaviour beyond small
// look-ups. Everything downstream (engine, results, economics, reports) reads
// these; only the loader (model/loader.hpp) knows TOML.
#pragma once

#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace hemsim {

/// Bad user input. what() is the complete text, "file:line:col: what is wrong;
/// the fix" ("file: ..." for a file as a whole). The fields keep its parts
/// apart, as toml++'s parse_error keeps description() and source(), so that a
/// form can highlight the field and show the fix beside it.
class input_error : public std::runtime_error {
public:
    /// An error with no place of its own (a usage error, a limit of a run): what() is `message`.
    explicit input_error(const std::string& message);
    /// An error at `line`:`column` of `file` (line 0: the file as a whole); `message`
    /// without the place. what() is "file:line:column: message".
    input_error(std::string file, std::uint32_t line, std::uint32_t column, std::string message);

    const std::string& file() const { return file_; }  // "" when the error has no place
    std::uint32_t line() const { return line_; }       // from 1; 0: none
    std::uint32_t column() const { return column_; }   // from 1; 0: none
    /// What is wrong and the fix, without the place.
    const std::string& message() const { return message_; }
    /// The part of message() after its first "; " (what would be valid), or "".
    const std::string& fix() const { return fix_; }

private:
    std::string file_;
    std::uint32_t line_ = 0, column_ = 0;
    std::string message_, fix_;
};

using date = std::chrono::year_month_day;

/// ISO 8601 text of a date ("2008-01-01").
std::string iso(const date& d);

/// A number in an error message ("16500", "0.15", "1e+12"); not for reports.
std::string number_text(double v);

/// The real discount rate a year when neither the case nor the command line gives one
/// (ASEK and the Green Book: 3.5 %).
inline constexpr double default_discount_rate = 0.035;

/// The limits of what a case may ask for (docs/language.md, "Limits"): beyond
/// them a run would exhaust the machine or the engine's bit masks. Checked at
/// load time where they can be, while running where they cannot.
inline constexpr double max_count = 1e6;            // clients of an initial entry, a capacity
inline constexpr double max_clients_present = 2e6;  // clients in the system at once (while running)
inline constexpr double max_rate_per_year = 1e6;    // arrivals or offers a year of one stream
inline constexpr double max_duration_days = 1e6;    // a stay, a service, a maximum stay (2 700 years)
inline constexpr double max_created_per_replication =
    5e7;                                          // clients created or offers made in one replication
inline constexpr int max_horizon_months = 12000;  // 1 000 years (steady-state reference runs use 550)
inline constexpr std::uint32_t max_replications = 100000;
inline constexpr std::size_t max_staff_pools = 64, max_attributes = 64, max_flags = 32;
/// A client's key (engine: client_key) packs its group in 15 bits (the top bit marks the
/// streams of sources and parameters) and the index of the initial or arrivals entry it
/// came from in 7: beyond these, two keys would be the same, and so their random streams.
inline constexpr std::size_t max_groups = 32768, max_entries_per_group = 128;
/// Gates of one transition: the analytic module keys its cache by them (a bit each).
inline constexpr std::size_t max_gates = 16;

/// Index into one of the model's vectors (placements, staff, ...).
using index_t = std::uint32_t;
inline constexpr index_t no_index = 0xffffffffu;

/// A duration distribution; all parameters in days.
enum class dist_kind { fixed, exponential, uniform, triangular, normal, lognormal, gamma };

struct distribution {
    dist_kind kind = dist_kind::fixed;
    // fixed: a = value; exponential: a = mean; uniform: [a, b];
    // triangular: [a = min, c = mode, b = max]; normal (truncated at 0): a = mean, b = sd;
    // lognormal and gamma: a = mean, b = sd (of the distribution itself, not of its log).
    double a = 0, b = 0, c = 0;
};

/// A value that changes on dates: `value` applies before the first step.
struct schedule {
    struct step {
        date from;
        double value;
    };
    double initial = 0;
    std::vector<step> steps;  // sorted by date, strictly increasing

    bool constant() const { return steps.empty(); }
};

/// Bounds on a client's time in the system, in days ("in_system > 1 month"):
/// a time t lies within them when lo < t < hi, or t equals a closed bound.
/// The defaults bound nothing.
struct time_bounds {
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    bool lo_closed = false, hi_closed = false;

    bool operator==(const time_bounds&) const = default;
    bool unbounded() const { return !std::isfinite(lo) && !std::isfinite(hi); }
    bool holds(double t) const {
        return (t > lo || (lo_closed && t == lo)) && (t < hi || (hi_closed && t == hi));
    }
    /// No time lies within them.
    bool empty() const { return lo > hi || (lo == hi && !(lo_closed && hi_closed)); }
    /// The times within both.
    time_bounds both(const time_bounds& o) const;
};

/// One conjunction of a condition ("ung_vuxen & !missbruk & in_system > 30"):
/// all of `all_of` hold, none of `none_of`, and the time in the system lies
/// within `in_system`.
struct conjunction {
    std::uint64_t all_of = 0, none_of = 0;
    time_bounds in_system;

    bool operator==(const conjunction&) const = default;
    bool holds(std::uint64_t attrs, double in_system_days) const {
        return (attrs & all_of) == all_of && (attrs & none_of) == 0 && in_system.holds(in_system_days);
    }
    /// No client, at no time, satisfies both.
    bool excludes(const conjunction& o) const {
        return (all_of & o.none_of) != 0 || (o.all_of & none_of) != 0 || in_system.both(o.in_system).empty();
    }
};

/// A condition (`when`): a disjunction of conjunctions ("a & !b | c", `&`
/// binding tighter), true when one of them holds; none: always true.
struct condition {
    std::vector<conjunction> any_of;

    /// The conjunction of `all_of` and the negations of `none_of` (bit masks of attributes).
    static condition of(std::uint64_t all_of, std::uint64_t none_of = 0) {
        return condition{{conjunction{all_of, none_of, {}}}};
    }
    bool operator==(const condition&) const = default;
    bool always() const { return any_of.empty(); }
    /// Whether it holds for a client with attributes `attrs` who has been in
    /// the system for `in_system_days`.
    bool holds(std::uint64_t attrs, double in_system_days) const {
        if (any_of.empty()) return true;
        for (const conjunction& c : any_of)
            if (c.holds(attrs, in_system_days)) return true;
        return false;
    }
    /// For a condition on attributes alone (the loader refuses the time in the system there).
    bool holds(std::uint64_t attrs) const {
        assert(!reads_time());
        return holds(attrs, 0);
    }
    /// Bit mask of the attributes the condition reads.
    std::uint64_t uses() const {
        std::uint64_t u = 0;
        for (const conjunction& c : any_of) u |= c.all_of | c.none_of;
        return u;
    }
    /// Whether it reads the time in the system.
    bool reads_time() const {
        for (const conjunction& c : any_of)
            if (!c.in_system.unbounded()) return true;
        return false;
    }
    /// No client, at no time, satisfies both (neither is `always`).
    bool excludes(const condition& o) const;
};

/// A payer (kostnadsbärare): who a cost falls on.
struct payer {
    std::string id, name;
};

/// A placement (boendeform): a state a client is in, with a daily price.
struct placement {
    std::string id, name;
    schedule price_per_day_sek;          // monthly prices are converted: month * 12 / 365
    bool price_given_per_month = false;  // for reports: the seed's own unit
    schedule price_per_month_sek;        // as written, when given per month
    /// Clients at most (a schedule of whole numbers); none: unlimited. A full placement makes
    /// entrants wait; when it falls below the clients present nobody moves out.
    std::optional<schedule> capacity;
    index_t payer = no_index;
    bool terminal = false;  // an exit: a client entering it leaves the system
    /// A terminal placement with a price (prison, hospital, compulsory care): each client
    /// entering it is charged its price, for its payer, for `charged_for_days` after the
    /// exit or, when none is given, to the horizon. False for a free exit (the default).
    bool charged_after_exit = false;
    std::optional<double> charged_for_days;
    index_t clears_flags = 0;  // bit mask of service flags removed on entry (0 = none)

    // The programme's rules (seed 004). A maximum stay: a client still here
    // after it is over the limit (counted); with `after_max_stay` the client is
    // then moved there, or, when that is full, stays and a breach is counted.
    std::optional<double> max_stay_days;
    index_t after_max_stay = no_index;
    /// Who may never be placed here: a client for whom `when` holds goes to
    /// `instead`; when that is full the client enters here and a breach is counted.
    struct bar {
        condition when;
        index_t instead = no_index;
    };
    std::vector<bar> never_for;
};

/// Staff: FTE at an annual cost; a caseload or service slots turn FTE into slots.
enum class staff_kind { caseload, service_slots, none };

struct staff_pool {
    std::string id, name;
    schedule fte;
    schedule annual_cost_per_fte_sek;
    staff_kind kind = staff_kind::none;
    double slots_per_fte = 0;  // clients per FTE (caseload) or concurrent cases per FTE
    index_t payer = no_index;
    /// FTE paid by a scenario's project cost lines: they add slots, their cost is the line's.
    struct funded {
        std::optional<date> start, end;  // inclusive; none: the horizon's
        double fte = 0;
    };
    std::vector<funded> funded_fte;

    /// Slots at a given FTE (floored; a tiny epsilon keeps 6 * 13 = 78 exact).
    std::uint32_t slots_at(double fte_value) const;
};

/// A service: a FIFO queue served by a staff pool; completion sets a flag.
struct service {
    std::string id, name;
    index_t staff = no_index;  // a staff pool with service slots
    distribution duration;
    index_t flag = no_index;  // bit number of the flag granted; no_index: the service grants none
    /// The flag's bit (0 for a service that grants none: it is never skipped).
    std::uint64_t flag_bit() const { return flag == no_index ? 0 : std::uint64_t{1} << flag; }
};

enum class arrival_process { poisson, even };

/// A supply of units (apartments) offered at a rate per year.
struct supply {
    std::string id, name;
    schedule per_year;
    arrival_process process = arrival_process::poisson;
};

/// A client attribute drawn with a probability; may carry a monthly cost while in given placements.
struct attribute {
    std::string id, name;
    double probability = 0;
    std::vector<index_t> redraw_on_entry;  // placements whose entry draws it anew
    // Cost while the attribute holds and the client is in one of `cost_in`.
    schedule cost_per_day_sek;
    bool cost_given_per_month = false;  // then cost_per_month_sek holds it as written
    schedule cost_per_month_sek;
    std::vector<index_t> cost_in;
    std::string cost_category = "social_assistance";
    index_t cost_payer = no_index;
    bool has_cost() const { return !cost_in.empty(); }
};

/// Where initial clients stand at the start.
enum class initial_state {
    fresh,       // at the start of a stay (full duration ahead)
    elapsed,     // part-way through a stay: `elapsed_days` already spent (drawn per client)
    stationary,  // part-way, remaining stay drawn as in a process already running
    ready,       // the stay is over: the client stands at the gates (service queue or waiting list)
};

struct initial_stock {
    std::string id;
    index_t placement = no_index;
    std::uint32_t count = 0;
    initial_state state = initial_state::fresh;
    /// With state elapsed: the days of the stay already spent, drawn per client from its own
    /// stream (a fixed duration: the same for all, no draw).
    distribution elapsed_days;
    index_t flags = 0;                          // service flags already held (bit mask)
    std::uint64_t holds_staff = 0;              // staff pools whose slot they already hold (bit mask)
    std::uint64_t attrs_on = 0, attrs_off = 0;  // attributes fixed rather than drawn (bit masks)
};

struct arrival_stream {
    std::string id;
    index_t placement = no_index;
    schedule per_year;
    arrival_process process = arrival_process::poisson;
};

/// A client group (målgrupp).
struct group {
    std::string id, name;
    std::vector<initial_stock> initial;
    std::vector<arrival_stream> arrivals;
    std::vector<double> attribute_probability;  // per attribute; the group's value
    std::uint64_t own_probability =
        0;  // attributes whose probability the group sets (bit mask); the others follow the attribute
};

/// A gate that must hold before a move.
enum class gate_kind { service, supply, staff };

struct gate {
    gate_kind kind = gate_kind::service;
    index_t target = no_index;  // service, supply or staff index
    condition when;             // the gate applies only when this holds
};

/// A transition: from -> to after a duration; branches by probability and condition.
/// A branch is chosen on entry into `from` among the transitions whose condition holds.
struct transition {
    std::string id;
    index_t from = no_index, to = no_index;
    double probability = 1;  // in force before the first dated step
    /// Dated changes of the probability (a schedule's steps); empty: constant. A
    /// branch is chosen with the values in force on the day of entry.
    std::vector<schedule::step> probability_steps;
    condition when;
    distribution after;  // in force before the first dated step
    /// From `from` on, an entry into `from` placement draws its stay from `after`.
    struct dated_duration {
        date from;
        distribution after;
    };
    std::vector<dated_duration> after_steps;  // strictly increasing dates; empty: constant
    std::vector<gate> gates;                  // services in order first, then resources held jointly
    /// The sibling that takes the rest when this probability is drawn or set: the
    /// last other transition out of `from` with the same `when` (no_index: none).
    index_t remainder = no_index;
    /// A one-off amount charged to `cost_payer` each time a client makes the move (an
    /// eviction's costs, a move's costs and empty rent), at the moment it enters `to`.
    double cost_per_move_sek = 0;
    index_t cost_payer = no_index;  // no_index: the transition has no cost per move
    bool has_move_cost() const { return cost_payer != no_index; }
    /// Giving up (reneging): a client in this transition's waiting list gives up
    /// `give_up_after` (drawn when it joins) after joining and goes to `give_up_to`,
    /// leaving the list or, with `give_up_keeps_place`, keeping its place there.
    distribution give_up_after;
    index_t give_up_to = no_index;  // no_index: nobody gives up
    bool give_up_keeps_place = false;
    bool has_give_up() const { return give_up_to != no_index; }
    /// A move while waiting: taken only by clients standing in transition
    /// `while_waiting`'s waiting list, who keep their place (no_index: an ordinary move).
    index_t while_waiting = no_index;
};

/// A queue is a service's FIFO queue or a transition's waiting list.
enum class queue_kind : std::uint8_t { service, waiting_list };

/// One queue of the numbering the engine emits and results record: the
/// position in model::queues() is the queue id.
struct queue_info {
    queue_kind kind = queue_kind::service;
    index_t service_or_transition = no_index;  // a service or a transition index, by `kind`
    bool active = true;  // clients really queue here: every service; a transition with has_waiting_list
};

/// An indicator of the programme (seed 004), counted per year.
enum class indicator_kind {
    persons_in,     // distinct persons who spent any time in `placements` during the year
    entries,        // entries into `placements` (e.g. Housing First tenancies started)
    moves,          // moves along `transition` (e.g. evictions), for clients for whom `when` holds
    over_max_stay,  // distinct persons who passed the maximum stay of `placements`
};

struct indicator {
    std::string id, name;
    indicator_kind kind = indicator_kind::persons_in;
    std::vector<index_t> placements;
    index_t transition = no_index;
    condition when;
};

/// The distribution of an uncertain parameter (probabilistic sensitivity analysis).
enum class param_kind { uniform, triangular, normal, lognormal, gamma, beta };

struct param_distribution {
    param_kind kind = param_kind::uniform;
    // uniform [a, b]; triangular [a = min, c = mode, b = max]; normal, lognormal,
    // gamma and beta (for probabilities): a = mean, b = sd.
    double a = 0, b = 0, c = 0;
};

/// What a number must be; checked when it is read, drawn or set.
enum class value_rule : std::uint8_t {
    any,           // any finite number (checked by its reader)
    non_negative,  // >= 0
    positive,      // > 0
    probability,   // in [0, 1]
    whole,         // a whole number >= 0 (counts, capacities); draws are rounded
};

/// The model field a number of the input sits in: the target of a draw or a `set`.
enum class input_field : std::uint8_t {
    placement_price,         // schedule, as written (per month or per dygn)
    placement_capacity,      // schedule; whole
    placement_max_stay,      // positive, days
    staff_fte,               // schedule
    staff_annual_cost,       // schedule, kr per FTE and year
    staff_slots_per_fte,     // positive: caseload or service slots
    service_duration,        // a parameter of the duration distribution
    supply_per_year,         // schedule
    attribute_probability,   // probability
    attribute_cost,          // schedule, as written (per month or per dygn)
    group_probability,       // element: group, sub: attribute
    initial_count,           // element: group, sub: entry; whole
    initial_elapsed,         // element: group, sub: entry, step: the duration's parameter; days
    arrival_per_year,        // element: group, sub: entry; schedule
    transition_after,        // a parameter of the duration distribution; step: its dated step (k >= 1)
    transition_probability,  // probability, schedule; the remainder sibling takes the rest
    transition_move_cost,    // kr, one-off per move
    transition_give_up,      // a parameter of the give-up duration's distribution
    placement_charged_for,   // positive, days (the value is given in `unit`s): a terminal price's time
    project_per_year,        // element: the alternative's project cost line; kr a year
    project_one_off,         // element: the alternative's project cost line; kr
};

/// Schedule positions of an input_ref: the whole schedule (a set replaces it by a
/// constant), its first value, or step k (>= 1) of its dated steps.
inline constexpr std::int32_t whole_schedule = -1;

/// Where a number of the input sits in the model (and the alternative's project lines).
struct input_ref {
    input_field field = input_field::placement_price;
    index_t element = no_index;  // placement, staff, service, ... index
    index_t sub = no_index;      // group entry or attribute; distribution parameter as written (0, 1, 2)
    std::int32_t step = whole_schedule;  // schedules: whole_schedule, 0 = the first value, k = dated step k
    double unit = 1;                     // durations: days per unit as written (the value is given in units)
};

/// A number of the input: where it sits, what it must be, its value and where it comes from.
struct model_input {
    std::string path;  // "placement.stodboende.price_per_month", "supply.lagenheter.per_year@2008-03-01",
                       // "transition.forsok_eget.after.mean", "alternative.projekt.project_cost.1.per_year"
    input_ref ref;
    value_rule rule = value_rule::non_negative;
    double value = 0;  // as loaded: the number, or the mean of its distribution
    std::string unit;  // "kr/mån", "kr/dygn", "per år", "dagar", "månader", ...; "" for pure numbers
    std::optional<param_distribution> dist;  // when the number is uncertain
    std::string source, note;                // as written in the file
    std::string where;                       // "file:line:column"
    bool listed = true;  // false for the whole-schedule entry of a schedule with steps (only a `set` target)
};

/// A number given as a distribution: each replication draws it once.
struct uncertain_param {
    std::string path;  // as a `set` path: "placement.harbarge.price_per_day"
    param_distribution dist;
    double mean = 0;  // the value of a --fixed-parameters run (rounded for whole numbers)
    input_ref ref;
    value_rule rule = value_rule::non_negative;
    std::string source, note;
};

/// A note on where an element comes from (its `source` and `note`), kept for reports.
struct source_note {
    std::string path;   // e.g. "placement.stodboende"
    std::string value;  // as written, for notes on values that are not numbers
    std::string source;
    std::string note;
};

/// A whole system: placements, staff, services, supplies, groups, transitions.
struct model {
    std::string name;
    std::string file;  // where it was loaded from
    std::vector<payer> payers;
    std::vector<placement> placements;
    std::vector<staff_pool> staff;
    std::vector<service> services;
    std::vector<supply> supplies;
    std::vector<attribute> attributes;
    std::vector<std::string> flags;  // flag names; bit = index
    std::vector<group> groups;
    std::vector<transition> transitions;
    std::vector<indicator> indicators;
    std::vector<source_note> notes;          // elements' sources and notes
    std::vector<model_input> inputs;         // every number, in the order read
    std::vector<uncertain_param> uncertain;  // numbers given as distributions

    index_t find_placement(const std::string& id) const;
    /// Whether clients moving along transition `t` stand in a waiting list: a gate
    /// other than a service holds them (a supply, a staff slot) or its destination has a capacity.
    bool has_waiting_list(index_t t) const;
    /// Every queue, by id: services first (id = service index, 0..S-1), then one
    /// waiting list per transition (id = S + transition index), inactive where
    /// has_waiting_list is false (nobody ever stands in it).
    std::vector<queue_info> queues() const;
    /// The input at `path` (nullptr: none). A schedule's bare path finds the whole schedule.
    const model_input* find_input(const std::string& path) const;
};

/// The probability of transition `t` in force on `d` (nullopt: before every
/// step): its own schedule's value; for the sibling that takes the rest
/// (`remainder`), its own less the changes of the scheduled siblings it takes
/// the rest of, so that the branches sum to 1 on every date.
double branch_probability_on(const model& m, index_t t, std::optional<date> d);

/// The dates on which branch_probability_on(m, t, ...) may change: its own
/// steps and those of the scheduled siblings it takes the rest of; sorted, unique.
std::vector<date> branch_dates(const model& m, index_t t);

/// A project cost line of an alternative.
struct project_cost {
    std::string item;
    double per_year_sek = 0;  // spread evenly over [start, end]; or
    double one_off_sek = 0;   // paid at `start`
    bool one_off = false;
    std::optional<date> start, end;  // inclusive; default: the horizon
    index_t payer = no_index;
    std::string source;
    // A line that funds staff: `fte` more of pool `staff` between start and end
    // (slots for clients); its cost is this line's, not the pool's annual cost.
    index_t staff = no_index;
    double fte = 0;
    bool per_year_from_pool = false;  // no amount written: fte x the pool's annual cost per FTE
};

/// A line of the application's own static sum (hemsim calc): count x unit
/// price x periods, e.g. 50 persons x 16 500 kr/month x 12 months.
enum class calc_unit { month, day, year };

struct calc_line {
    std::string item;
    double count = 0;           // persons, or FTE for a staff line
    double unit_price_sek = 0;  // per month, per dygn or per year
    calc_unit unit = calc_unit::month;
    double periods = 12;           // months, days or years
    index_t placement = no_index;  // the stock's placement, when the line is one
    std::string note;              // printed under the line (e.g. how the seed rounds it)
    double amount_sek() const { return count * unit_price_sek * periods; }
};

/// An alternative: the model with overrides applied, plus project costs.
struct alternative {
    std::string id, name;
    bool baseline = false;
    std::string description;
    model system;
    std::vector<project_cost> project_costs;
    std::vector<calc_line> calc;
    std::string calc_note;  // printed under the alternative's difference against the nollalternativ
};

/// Sets the number at `ref` to `value` in `m` (and in `project_costs` for the
/// project lines), with what follows from it: a monthly price's daily rate, the
/// groups that follow an attribute's probability, a branch's remainder. Throws
/// std::invalid_argument when the value breaks a rule (a negative count, a
/// probability above 1, a remainder below 0, a minimum above its maximum).
void set_input(model& m, std::vector<project_cost>* project_costs, const input_ref& ref, value_rule rule,
               double value);

/// The model input at `path` in `alt` (a placement's capacity also when the
/// file gives none); nullopt when there is none.
std::optional<model_input> resolve_input(const alternative& alt, const std::string& path);

/// set_input on an alternative's model and project lines.
inline void set_input(alternative& alt, const model_input& in, double value) {
    set_input(alt.system, &alt.project_costs, in.ref, in.rule, value);
}

/// A business case: alternatives over a horizon.
struct scenario {
    std::string title;
    std::string file;
    std::string model_file;
    date start;
    int horizon_months = 0;
    double warmup_days = 0;
    bool years_365_day =
        false;  // years of exactly 365 days from the start (reference models), not calendar years
    std::string units = "tkr";  // the seed's own units in printed tables: "tkr" or "mkr"
    std::uint32_t replications = 100;
    std::uint64_t seed = 1;
    /// The case's real discount rate a year (`discount_rate`), when it gives one; the
    /// command line's --rate overrides it, and without either the rate is 3.5 %.
    std::optional<double> discount_rate;
    std::vector<alternative> alternatives;
    std::vector<std::string> input_files;  // every file read, for the manifest
    /// The model file's own numbers and notes as written, before any override of the case (for reports).
    std::vector<model_input> model_inputs;
    std::vector<source_note> model_notes;
    std::vector<source_note> notes;  // the case's and each alternative's own source and note ("scenario",
                                     // "alternative.<id>"), for reports

    std::size_t baseline_index() const;
};

/// Sets the model value at `path` ("staff.boendestodjare.fte", a schedule step
/// "supply.lagenheter.per_year@2008-03-01", a duration's "transition.x.after.mean")
/// to `value` in every alternative, or every alternative but the nollalternativ
/// when not `baseline_too`. A value given as a distribution becomes that fixed
/// number. Throws input_error naming the path and what exists when no
/// alternative has it, or the value breaks its rule.
void set_value(scenario& sc, const std::string& path, double value, bool baseline_too);

/// set_value in one alternative only (the web page's form edits one alternative at a time).
void set_value_in(scenario& sc, const std::string& alternative_id, const std::string& path, double value);

}  // namespace hemsim
