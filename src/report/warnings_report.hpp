// The warnings of a run in plain words (results/warnings.hpp finds them).
#pragma once

#include <string>

#include "report/text.hpp"
#include "results/warnings.hpp"

namespace hemsim {

/// One sentence in plain words, Swedish or English.
std::string warning_text(const run_warning& w, const scenario& sc, language lang);

}  // namespace hemsim
