// Loading and validating models and scenarios from TOML. The loader is the only
// module that knows TOML (and only model/tree.cpp knows toml++). Every error
// names the file, the line and column, what is wrong and what would be valid.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/model.hpp"

namespace hemsim {

/// Loads and validates a model file.
model load_model(const std::filesystem::path& file);

/// Loads a scenario, its model, and builds every alternative's model with its
/// overrides applied. Validates all.
scenario load_scenario(const std::filesystem::path& file);

enum class file_kind { model, scenario };

/// A scenario has a top-level `alternative` array or a `model` string; else a model.
file_kind detect_kind(const std::filesystem::path& file);

/// Validates a model or scenario; returns a short human summary on success
/// ("model X: 4 placements, ..."), throws input_error otherwise.
std::string check_file(const std::filesystem::path& file);

}  // namespace hemsim
