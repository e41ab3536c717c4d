// The schema of the model language (docs/language.md): the kinds of element,
// the keys each may have, the fields that exclude each other and the id an
// element is matched by. One list serves the builder (unknown keys), the
// overrides and `set` paths (which fields exist). Private to the loader.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/tree.hpp"

namespace hemsim::loader {

/// The keys an element of `kind` may have (a top-level kind, "initial" or "arrivals"); none for others.
const std::vector<std::string>& keys_of(std::string_view kind);

/// The kinds of model element, in the order they are built.
const std::vector<std::string>& element_kinds();

/// Fields that exclude each other: an override that sets one removes the other.
std::optional<std::string_view> exclusive_partner(std::string_view key);

/// The id an element is matched by: `id`, else "<from>_<to>" for transitions
/// and the placement for group entries.
std::optional<std::string> element_id(std::string_view collection, const tnode& el);

/// Ids use lower case letters a-z, digits and _ only.
bool valid_id(std::string_view id);

}  // namespace hemsim::loader
