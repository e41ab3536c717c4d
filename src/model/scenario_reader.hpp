// The scenario reader: a case's settings, its model (read and built as written,
// then with the case's own overrides), its alternatives with their overrides,
// project costs and calc lines. Private to the loader.
#pragma once

#include <string>

#include "model/model.hpp"
#include "model/tree.hpp"

namespace hemsim::loader {

/// Reads the scenario written in `root` (read from `file`) into `sc`, reading
/// its model file and building every alternative's model; throws input_error.
void read_scenario(const tnode& root, const std::string& file, scenario& sc);

}  // namespace hemsim::loader
