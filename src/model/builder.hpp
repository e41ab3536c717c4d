// The model builder's pieces: the builder itself (builder.cpp), the ids of a
// model and the references to them (references.cpp), and the checks on the
// whole model once it is built (validate.cpp). Private to the loader.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"
#include "model/schema.hpp"
#include "model/tree.hpp"
#include "model/values.hpp"

namespace hemsim::loader {

/// Builds the model written in `root` (read from `file`) and validates it;
/// throws input_error at the first error, with its place and fix. `start`: the
/// case's start, when the model is read for one (the capacities in force then).
model build_model(const tnode& root, const std::string& file, std::optional<date> start = {});

/// The elements of one kind in a model's tree, each labelled by its id; fails
/// when the kind is not an array of tables.
std::vector<element> elements_of(const tnode& root, element_kind kind);

/// The `id` of an element, which must be there.
const tnode& id_node(const element& e);

/// Checks an id's form and its uniqueness within `seen` (ids of one kind, with
/// where each was first written); `kind` names it in messages.
void check_id(const tnode& n, const std::string& id, std::string_view kind,
              std::map<std::string, origin>& seen);

/// The ids of a model's elements by kind and its service flags, collected
/// before any element is built so that references may point forward; reads
/// references to them, each message suggesting the nearest id.
class model_ids {
public:
    /// `flags` receives the flags the services grant (the model's own list).
    explicit model_ids(std::vector<std::string>& flags) : flags_(flags) {}

    /// Pass 1: every id of every kind and the flags, checked for form,
    /// uniqueness and hemsim's limits on staff pools, attributes and flags.
    void collect(const tnode& root);

    /// The ids of one kind (the flags' names for element_kind::flag), in the order written.
    const std::vector<std::string>& of(element_kind kind) {
        return kind == element_kind::flag ? flags_ : ids_[kind];
    }

    /// The index of the element of `kind` that the string field `f` names.
    index_t resolve(const field& f, element_kind kind);

    /// The index of `id` of `kind` (for element_kind::flag, the flag's bit), written at `at`.
    index_t resolve_id(const field& f, const tnode& at, const std::string& id, element_kind kind);

    /// Flags named by a string or a list, as a bit mask.
    index_t flag_mask(const field& f);

    /// Placements named by a string or a list, each once, in the order written.
    std::vector<index_t> placement_list(const field& f);

    /// A condition: "attr", "!attr", a conjunction "a & !b", alternatives
    /// "a & !b | c" (& binding tighter) and comparisons of the time in the
    /// system ("in_system > 1 month"). Where the time cannot be read,
    /// `no_time_why` is non-empty and says why and what to write instead.
    condition read_condition(const field& f, std::string_view no_time_why = {});

private:
    std::vector<std::string>& flags_;
    std::map<element_kind, std::vector<std::string>> ids_;
};

// Checks on the whole model once every element is built (validate.cpp); each
// fails at the place to fix.

/// Giving up and moves while waiting: on transitions with a waiting list, and
/// moves while waiting with no gates of their own and a destination to stay in.
void check_waiting(const model& m, const tnode& root);

/// For each placement, the probabilities of the transitions out of it whose
/// `when` holds must sum to 1 for every combination of the attributes used
/// (the moves while waiting in each waiting list apart from the ordinary ones).
void check_branches(const model& m, const tnode& root);

/// Sets each transition's remainder (the sibling that takes the rest of a drawn
/// or set probability) and checks that the rest stays >= 0 in every draw.
void find_remainders(model& m, const tnode& root);

/// The clients a model starts with: within the limit, and within the capacity
/// of their placements at `start` (at the highest draw of an uncertain count;
/// without a start, the first value of the capacity's schedule).
void check_stock(const model& m, const tnode& root, std::optional<date> start);

/// The value of schedule `s` on `start`: its last step from on or before it, or
/// its value before the steps. Without a start (a model read alone) the value
/// before the steps, or the first step's when that is 0 (the schedule starts with the case).
double value_at_start(const schedule& s, std::optional<date> start);

/// No cycle of moves that can all take no time at all.
void check_instant_cycles(const model& m, const tnode& root);

}  // namespace hemsim::loader
