// A case saved from the web page: its scenario and model files as their author
// wrote them (comments, order, source notes), with the form's changes edited in
// place (model/toml_edit.hpp). Private to src/web.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace hemsim::web {

/// A change of the form: a number of one alternative, or (with `source_only`) the
/// source note of the place where that alternative's number is written.
struct form_change {
    std::string alternative, path;
    double value = 0;
    bool source_only = false;
    std::string source;
};

/// The case's settings as the form gives them; each one given is written (in the
/// scenario's top-level keys) when it differs from the case's.
struct case_settings {
    std::optional<std::string> start;     // ISO 8601 date, as `start`
    std::optional<int> horizon_months;    // as horizon_years when whole years and the case writes years
    std::optional<double> discount_rate;  // a share a year (0.035), as `discount_rate`
    bool shift_dates = false;             // with a new start: every date of the case moved with it
};

/// A new alternative, a copy of the nollalternativ, that the form's changes may then change.
struct added_alternative {
    std::string id, name;
};

/// A project line of an alternative as the form changes it: `line` from 1 for one
/// written in the case, 0 for a new line; `fields` are keys of a project_cost with
/// their values as TOML text (an empty text removes the key from a written line).
struct project_line_edit {
    std::string alternative;
    std::size_t line = 0;
    std::vector<std::pair<std::string, std::string>> fields;
};

/// A new dated step of a schedule in one alternative: `path` is the schedule's
/// ("supply.lagenheter.per_year"), `from` an ISO date.
struct schedule_step {
    std::string alternative, path, from;
    double value = 0;
};

/// What the form changes in a case: its settings, new alternatives, then its numbers.
struct case_edit {
    case_settings settings;
    std::vector<added_alternative> added;
    std::vector<project_line_edit> project_lines;
    std::vector<schedule_step> steps;
    std::vector<form_change> changes;

    bool changes_structure() const {
        return settings.start || settings.horizon_months || settings.discount_rate || !added.empty() ||
               !project_lines.empty() || !steps.empty();
    }
};

/// What a change cannot be saved as, with the path and alternative it concerns.
struct save_error : std::runtime_error {
    std::string path, alternative;
    save_error(const std::string& what, std::string p, std::string a)
        : std::runtime_error(what), path(std::move(p)), alternative(std::move(a)) {}
};

struct case_files {
    std::string scenario, model;  // case.toml (naming "model.toml") and model.toml
};

/// With a new start and shift_dates, the dated paths of `edit`'s changes
/// ("supply.x.per_year@2008-03-01", as the form read them) moved as the case's dates
/// move, so that they name the steps of the moved case; else `edit` as it is.
case_edit with_moved_paths(case_edit edit, const date& original_start);

/// The case at `scenario_file` with `edit`, as the two files of a saved case: the
/// settings in the scenario's top-level keys, each added alternative a copy of the
/// nollalternativ's block at the end, the project lines, then the numbers: one written in the scenario
/// is edited where it stands; one that comes from the model becomes an override in
/// the alternative's block of the scenario. The result is loaded before it is
/// returned. Throws save_error (path "settings.<key>", "added", "project.<alt>.<line>"
/// or the number's) or
/// input_error.
case_files edited_case(const std::filesystem::path& scenario_file, const case_edit& edit);

/// The case at `scenario_file` with `edit`'s settings and added alternatives (not
/// its numbers), written as case.toml and model.toml into `folder` and loaded from
/// there (`folder` must outlive what reads the files, e.g. a run's manifest). An
/// input_error names case.toml or model.toml, not the folder.
scenario structured_case(const std::filesystem::path& scenario_file, const case_edit& edit,
                         const std::filesystem::path& folder);

}  // namespace hemsim::web
