// The loader's public entry points (loader.hpp): a model or a scenario read,
// built and validated; what kind a file is; a file checked with a summary.
// The loader's pieces, each in a file of its own (all private to src/model):
//   tree.cpp             the TOML file read into our own tree (the only user of toml++)
//   diagnostics.cpp      positions and the pieces of every input error
//   schema.cpp           the kinds of element and their keys
//   values.cpp, reader.cpp  the readers of strings, numbers, schedules, distributions
//   references.cpp, builder.cpp, validate.cpp  the model builder and its checks
//   overrides.cpp        a scenario's overrides merged into the model's tree
//   scenario_reader.cpp  the case's settings, alternatives, project costs and calc lines
#include "model/loader.hpp"

#include <cstddef>
#include <string_view>

#include "model/builder.hpp"
#include "model/diagnostics.hpp"
#include "model/scenario_reader.hpp"
#include "model/tree.hpp"

namespace hemsim {
namespace {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string summary(const model& m) {
    return "model " + loader::in_quotes(m.name) + ": " +
           plural(m.placements.size(), "placement", "placements") + ", " +
           plural(m.staff.size(), "staff", "staff") + ", " +
           plural(m.services.size(), "service", "services") + ", " +
           plural(m.supplies.size(), "supply", "supplies") + ", " +
           plural(m.groups.size(), "group", "groups") + ", " +
           plural(m.transitions.size(), "transition", "transitions");
}

}  // namespace

model load_model(const std::filesystem::path& file) {
    loader::tnode root = loader::read_document(file);
    return loader::build_model(root, file.string());
}

scenario load_scenario(const std::filesystem::path& file) {
    loader::tnode root = loader::read_document(file);
    scenario sc;
    loader::read_scenario(root, file.string(), sc);
    return sc;
}

file_kind detect_kind(const std::filesystem::path& file) {
    loader::tnode root = loader::read_document(file);
    const loader::tnode* alt = root.find("alternative");
    const loader::tnode* m = root.find("model");
    if ((alt && alt->type == loader::ttype::array) || (m && m->type == loader::ttype::string))
        return file_kind::scenario;
    return file_kind::model;
}

std::string check_file(const std::filesystem::path& file) {
    if (detect_kind(file) == file_kind::model) return summary(load_model(file));
    scenario sc = load_scenario(file);
    return "scenario " + loader::in_quotes(sc.title) + ": " +
           plural(sc.alternatives.size(), "alternative", "alternatives") + ", " +
           summary(sc.alternatives[sc.baseline_index()].system);
}

}  // namespace hemsim
