// "Did you mean": the nearest of a list of names to a word that matches none.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hemsim {

/// Levenshtein distance, case-insensitive.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, when near enough to be a likely typo.
std::optional<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace hemsim
