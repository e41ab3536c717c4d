// Loading and validating models and scenarios from TOML. The only place that
// knows toml++. Every error names the file, the line and column, what is wrong
// and what would be valid.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/model.hpp"

namespace hemsim {

/// Bad user input: the message is complete ("file:line:col: what; fix").
class input_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Loads and validates a model file.
model load_model(const std::filesystem::path& file);

/// Extra overrides from the command line: path ("staff.x.fte") and value text ("9").
struct cli_override {
    std::string path;
    std::string value;
    bool baseline_too = true;  // false: every alternative but the nollalternativ
};

/// Loads a scenario, its model, and builds every alternative's model with its
/// overrides applied (then `extra` for every alternative). Validates all.
scenario load_scenario(const std::filesystem::path& file,
                       const std::vector<cli_override>& extra = {});

/// The alternative's model rebuilt with `values` set at their paths (drawn
/// values of its uncertain parameters); validated as any model.
model rebuild_model(const alternative& alt, const std::vector<std::pair<std::string, double>>& values);

enum class file_kind { model, scenario };

/// A scenario has a top-level `alternative` array or a `model` string; else a model.
file_kind detect_kind(const std::filesystem::path& file);

/// Validates a model or scenario; returns a short human summary on success
/// ("model X: 4 placements, ..."), throws input_error otherwise.
std::string check_file(const std::filesystem::path& file);

}  // namespace hemsim
