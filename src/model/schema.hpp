// The schema of the model language (docs/language.md): the kinds of element in
// one table (each kind's TOML key, the keys its tables may have, how messages
// name it), the fields that exclude each other and the id an element is
// matched by. The table serves the builder (unknown keys, references), the
// overrides and `set` paths (which fields exist). A kind is parsed from its
// TOML key once, where the key is read; below that only element_kind is
// compared. Private to the loader.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/tree.hpp"

namespace hemsim::loader {

/// A kind of element: the model's arrays in the order they are built, the
/// entries of a group's lists, and the flags services grant.
enum class element_kind : std::uint8_t {
    payer,
    placement,
    staff,
    service,
    supply,
    attribute,
    group,
    transition,
    indicator,
    initial,   // [[group.initial]]
    arrivals,  // [[group.arrivals]]
    flag,      // granted by a service (`grants`); written in no table of its own
};

/// Where the tables of a kind are written.
enum class written_in : std::uint8_t { model, group, nowhere };

/// What the schema knows of one kind of element.
struct kind_schema {
    element_kind kind;
    std::string_view key;           // the TOML key of its array ("staff"); for flags, how messages name them
    written_in in;                  // a model's top-level array, a group's list, or none
    std::vector<std::string> keys;  // the keys its tables may have
    std::string_view noun;          // one, in messages ("staff pool")
    std::string_view plural;        // more, in messages ("staff pools")
};

/// The schema of `kind`.
const kind_schema& schema_of(element_kind kind);

/// The kinds of a model's top-level arrays, in the order they are built.
const std::vector<element_kind>& element_kinds();

/// Their TOML keys, in the same order (for key lists and "did you mean").
const std::vector<std::string>& element_keys();

/// The top-level kind whose TOML key is `key`; nullopt for any other key.
std::optional<element_kind> model_kind(std::string_view key);

/// The kind of a group's list whose TOML key is `key` ("initial", "arrivals"); nullopt for any other.
std::optional<element_kind> group_entry_kind(std::string_view key);

/// Fields that exclude each other: an override that sets one removes the other.
std::optional<std::string_view> exclusive_partner(std::string_view key);

/// The id an element of `kind` is matched by: `id`, else "<from>_<to>" for
/// transitions and the placement for group entries.
std::optional<std::string> element_id(element_kind kind, const tnode& el);

/// The languages' other tables, each with the keys it may have.
enum class table_kind : std::uint8_t {
    model_header,  // [model]
    scenario,      // a scenario's top level (besides the model's element keys)
    alternative,   // [[alternative]] (besides the model's element keys)
    project_cost,  // [[alternative.project_cost]]
    calc_line,     // [[alternative.calc]]
    gate,          // an item of a transition's `require`
    bar,           // an item of a placement's `never_for`
    charged_for,   // a terminal placement's `charged_for = { value, unit }`
    count_
};

/// The keys a table of `t` may have (for the readers' unknown keys and the docs' test).
const std::vector<std::string>& keys_of(table_kind t);

/// Ids use lower case letters a-z, digits and _ only.
bool valid_id(std::string_view id);

}  // namespace hemsim::loader
