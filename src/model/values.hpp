// Value readers: the element and the field being read, and the readers of
// strings, booleans, dates, id lists, numbers, schedules, distributions and
// uncertain numbers, each checking what it reads (types, rules, hemsim's limits)
// with the fix in its message. Private to the loader (src/model/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"
#include "model/tree.hpp"

namespace hemsim::loader {

/// One element being read: its table, a label for messages and a note path.
struct element {
    const tnode* node = nullptr;
    std::string label;  // "placement 'stodboende'"
    std::string path;   // "placement.stodboende"
};

/// A value being read: its node, how messages name it and its path; for a
/// number of the model, where it goes (then it is an input and may be uncertain).
struct field {
    field(const tnode* n, std::string w, std::string p, std::optional<input_ref> t = {}, std::string u = {})
        : node(n), what(std::move(w)), path(std::move(p)), target(t), unit(std::move(u)) {}
    const tnode* node = nullptr;
    std::string what;  // "'capacity' in placement 'stodboende'"
    std::string path;  // "placement.stodboende.capacity"
    std::optional<input_ref> target;
    std::string unit;  // how reports name its unit ("kr/mån", "per år", ...)
};

/// The field `n` of element `e`: "'key' in <label>", path "<path>.key".
field field_of(const element& e, const tnode& n);

/// The field of a model number that goes to `ref`, named in `unit`.
field input_of(const element& e, const tnode& n, input_field what, index_t element, std::string unit,
               index_t sub = no_index);

/// Fails at the first key of `table` not in `allowed`, with the nearest or the list.
void check_keys(const tnode& table, const std::vector<std::string>& allowed, const std::string& label);

/// Fails: `f` must be `want`, not what it is; `example` (when not empty) shows a valid one.
[[noreturn]] void wrong_type(const field& f, std::string_view want, std::string_view example);

/// The field `key` of `e`; fails naming it with `example` when it is missing.
const tnode& require_key(const element& e, std::string_view key, std::string_view example);

std::string read_string(const field& f, std::string_view example);
bool read_bool(const field& f);
date read_date(const field& f);

/// Strings or a single string, as a list.
std::vector<const tnode*> string_items(const field& f, std::string_view example);

/// The smallest and largest value a distribution can draw (inclusive bounds;
/// an open end at 0 is reported as 0, an unbounded one as +-inf).
struct support {
    double lo, hi;
};

support support_of(const param_distribution& d);

/// One step of a schedule written as an array of tables.
struct schedule_step {
    const tnode* table = nullptr;  // the step
    const tnode* value = nullptr;  // its `value`
    std::optional<date> from;      // none: the first, undated step
    std::string what;              // "step 2 of 'fte' in staff pool 'x'", for messages
};

/// The steps of schedule `f` (a non-empty array), checked: each a table with a
/// `value` and optional `source` and `note`, only the first without `from`, the
/// dates strictly increasing. `first` and `later` are example values for the fixes.
std::vector<schedule_step> schedule_steps(const field& f, const std::string& first, const std::string& later);

/// Reads the values of one model or scenario into value types; records every
/// number with a target as an input of the model (model::inputs), which may
/// then be given as a distribution (model::uncertain).
class reader {
public:
    reader(std::vector<source_note>& notes, std::vector<model_input>& inputs,
           std::vector<uncertain_param>& uncertain)
        : notes_(notes), inputs_(inputs), uncertain_(uncertain) {}

    /// Where the number sits (plain, or `value` of a { value, source } table).
    const tnode& number_node(const field& f) const;

    /// The distribution key of a table that gives a number as a distribution
    /// ({ triangular = [...] }); nullptr for anything else.
    static const char* uncertain_kind(const tnode& n);

    /// A plain number, { value = x, source = "..." }, or, where the field has a
    /// target in the model, an uncertain number { triangular = [550, 700, 1500] }
    /// (recorded; its mean is returned, rounded for whole numbers). The number
    /// must follow `rule`, and so must every value its distribution can draw.
    double number(const field& f, value_rule rule = value_rule::non_negative);

    double non_negative(const field& f) { return number(f, value_rule::non_negative); }
    double positive(const field& f) { return number(f, value_rule::positive); }
    double probability(const field& f) { return number(f, value_rule::probability); }
    std::uint32_t count(const field& f) { return static_cast<std::uint32_t>(number(f, value_rule::whole)); }

    /// The distribution of the number just read at `path`, when it was uncertain.
    const param_distribution* last_distribution(const std::string& path) const {
        if (!uncertain_.empty() && uncertain_.back().path == path) return &uncertain_.back().dist;
        return nullptr;
    }

    /// A number (constant) or steps [ { value = 6 }, { from = 2008-04-01, value = 9 } ]; every
    /// value follows `rule` (>= 0; whole numbers for a capacity). A step is an input of its own
    /// ("<path>@2008-04-01", the first undated one "<path>@start").
    schedule read_schedule(const field& f, value_rule rule = value_rule::non_negative);

    /// A duration in days: a number, { fixed = x }, { exponential = mean }, ...
    /// Each parameter is an input ("<path>.mean", "<path>.min", ...; a fixed
    /// duration the bare path) and may itself be uncertain.
    distribution read_distribution(const field& f);

    /// Records `source` (and `note`) of a table as a note at `path` when present.
    void note(const std::string& path, const std::string& value, const tnode& table);

    /// The largest sd a lognormal or gamma may have, as a multiple of its mean.
    static constexpr double max_cv = 100;

private:
    std::vector<source_note>& notes_;
    std::vector<model_input>& inputs_;
    std::vector<uncertain_param>& uncertain_;

    // The source and note of a schedule step go with the input just recorded.
    void attach_source(const tnode& table);

    // Records the number as an input when its field has a target in the model;
    // otherwise keeps its source note only.
    void record(const field& f, double value, value_rule rule, const param_distribution* dist,
                const tnode& table);

    // { kind = [params], source = "..." }: the distribution of an uncertain number.
    double uncertain(const field& f, const std::string& kind, value_rule rule);

    // The support of an uncertain number must satisfy the field's rule: its
    // ends when bounded; an unbounded one only where it cannot cross them.
    void check_support(const field& f, const param_distribution& d, value_rule rule);
};

}  // namespace hemsim::loader
