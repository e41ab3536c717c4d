// A case saved from the web page: its scenario and model files as their author
// wrote them (comments, order, source notes), with the form's changes edited in
// place (model/toml_edit.hpp). Private to src/web.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace hemsim::web {

/// A change of the form: a number of one alternative, or (with `source_only`) the
/// source note of the place where that alternative's number is written.
struct form_change {
    std::string alternative, path;
    double value = 0;
    bool source_only = false;
    std::string source;
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

/// The case at `scenario_file` with `changes`, as the two files of a saved case. A
/// number written in the scenario is edited where it stands; one that comes from
/// the model becomes an override in the alternative's block of the scenario. The
/// result is loaded before it is returned. Throws save_error or input_error.
case_files edited_case(const std::filesystem::path& scenario_file, const std::vector<form_change>& changes);

}  // namespace hemsim::web
