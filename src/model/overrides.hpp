// Overrides: a scenario's element arrays and `set` paths merged into a copy of
// the model's tree, so that the builder reads the overridden model as it reads
// any other and an error names the file and line of the override. Private to
// the loader.
#pragma once

#include "model/tree.hpp"
#include "model/values.hpp"

namespace hemsim::loader {

/// Merges the element arrays and `set` paths of `e` (the scenario's top level
/// or an alternative) into a model tree: elements matched by id (a new one
/// says new = true), a field replacing the one it excludes.
void apply_overrides(tnode& tree, const element& e);

}  // namespace hemsim::loader
