// The inputs of a case as printed by `run`: which numbers are uncertain (with
// their distributions and sources), which are fixed, and what each alternative
// changes against the nollalternativ.
#pragma once

#include <string>

#include "model/model.hpp"
#include "report/text.hpp"

namespace hemsim {

/// A distribution in words: "triangulär 13 000 / 16 500 / 20 000" (min / mode / max).
std::string distribution_text(const param_distribution& d, language lang);

/// The uncertain inputs (the union over the alternatives, each with the
/// alternatives where it is uncertain), the nollalternativ's fixed inputs
/// grouped by element, and per other alternative the inputs it changes.
std::string inputs_listing(const scenario& sc, language lang);

}  // namespace hemsim
