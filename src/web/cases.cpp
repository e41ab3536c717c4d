#include "web/cases.hpp"

#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "model/diagnostics.hpp"
#include "model/loader.hpp"
#include "model/toml_edit.hpp"
#include "report/files.hpp"

namespace fs = std::filesystem;

namespace hemsim::web {

namespace {

// The scenario's `model = "..."` (before its first table) pointing at model.toml beside it.
std::string with_model_beside(const std::string& text) {
    static const std::regex line(R"re((^|\n)([ \t]*model[ \t]*=[ \t]*)"[^"\n]*")re");
    std::smatch m;
    const std::size_t first_table = text.find("\n[");
    if (!std::regex_search(text, m, line) ||
        (first_table != std::string::npos && static_cast<std::size_t>(m.position(0)) > first_table))
        throw std::runtime_error("the case names no model file (model = \"...\")");
    return text.substr(0, static_cast<std::size_t>(m.position(0))) + m[1].str() + m[2].str() +
           "\"model.toml\"" + text.substr(static_cast<std::size_t>(m.position(0) + m.length(0)));
}

// "file:line:column" from the right (a file name may hold a colon).
bool position_of(const std::string& where, std::string& file, std::uint32_t& line, std::uint32_t& column) {
    const std::size_t c2 = where.rfind(':');
    if (c2 == std::string::npos || c2 == 0) return false;
    const std::size_t c1 = where.rfind(':', c2 - 1);
    if (c1 == std::string::npos) return false;
    try {
        file = where.substr(0, c1);
        line = static_cast<std::uint32_t>(std::stoul(where.substr(c1 + 1, c2 - c1 - 1)));
        column = static_cast<std::uint32_t>(std::stoul(where.substr(c2 + 1)));
    } catch (const std::exception&) {
        return false;
    }
    return line > 0 && column > 0;
}

}  // namespace

case_files edited_case(const fs::path& scenario_file, const std::vector<form_change>& changes) {
    const scenario original = load_scenario(scenario_file);
    scratch_folder tmp("hemsim-save");
    const fs::path case_path = tmp.path() / "case.toml", model_path = tmp.path() / "model.toml";
    case_files out{with_model_beside(read_bytes(scenario_file)), read_bytes(original.model_file)};
    write_bytes(case_path, out.scenario);
    write_bytes(model_path, out.model);
    for (const form_change& c : changes) {
        // Load as edited so far: each change's position is that of the current text.
        const scenario sc = load_scenario(case_path);
        const alternative* alt = nullptr;
        for (const alternative& a : sc.alternatives)
            if (a.id == c.alternative) alt = &a;
        if (!alt)
            throw save_error("the case has no alternative '" + c.alternative + "'", c.path, c.alternative);
        const model_input* in = nullptr;
        for (const model_input& i : alt->system.inputs)
            if (i.path == c.path && i.listed) in = &i;
        if (!in)
            throw save_error("alternative '" + c.alternative + "' has no number '" + c.path + "'", c.path,
                             c.alternative);
        std::string file;
        std::uint32_t line = 0, column = 0;
        if (!position_of(in->where, file, line, column))
            throw save_error("'" + c.path + "' has no place in the files to write it", c.path, c.alternative);
        std::error_code ec;
        if (c.source_only) {
            const bool in_case = fs::equivalent(file, case_path, ec);
            try {
                toml_document doc(in_case ? out.scenario : out.model,
                                  (in_case ? case_path : model_path).string());
                doc.set_source(line, column, c.source);
                (in_case ? out.scenario : out.model) = doc.text();
            } catch (const std::invalid_argument& e) {
                throw save_error(e.what(), c.path, c.alternative);
            }
            write_bytes(case_path, out.scenario);
            write_bytes(model_path, out.model);
            continue;
        }
        try {
            // Written in this alternative's own block: edited where it stands. Written
            // where other alternatives read it too (the model, or the case's shared
            // overrides): an override in this alternative, the others as they were.
            // (A place every alternative that reads it changes alike is edited where it stands.)
            bool shared = false;
            for (const alternative& a : sc.alternatives) {
                if (&a == alt) continue;
                const bool reads = std::any_of(
                    a.system.inputs.begin(), a.system.inputs.end(),
                    [&](const model_input& i) { return i.path == c.path && i.where == in->where; });
                const bool alike = std::any_of(changes.begin(), changes.end(), [&](const form_change& o) {
                    return !o.source_only && o.alternative == a.id && o.path == c.path && o.value == c.value;
                });
                shared |= reads && !alike;
            }
            if (fs::equivalent(file, case_path, ec) && !shared) {
                toml_document doc(out.scenario, case_path.string());
                doc.set_number(line, column, c.value);
                out.scenario = doc.text();
            } else if (fs::equivalent(file, model_path, ec) && !shared) {
                // A number of the model that every alternative changes alike: in the model.
                toml_document doc(out.model, model_path.string());
                doc.set_number(line, column, c.value);
                out.model = doc.text();
                write_bytes(model_path, out.model);
            } else {
                // An override in this alternative.
                const std::size_t d1 = c.path.find('.'), d2 = c.path.find('.', d1 + 1);
                if (d1 == std::string::npos || d2 == std::string::npos ||
                    c.path.find('.', d2 + 1) != std::string::npos || c.path.find('@') != std::string::npos)
                    throw save_error("'" + c.path +
                                         "' is shared by the alternatives and written where only all of them "
                                         "can change it",
                                     c.path, c.alternative);
                toml_document doc(out.scenario, case_path.string());
                doc.add_override(c.alternative, c.path.substr(0, d1), c.path.substr(d1 + 1, d2 - d1 - 1),
                                 c.path.substr(d2 + 1), c.value);
                out.scenario = doc.text();
            }
        } catch (const std::invalid_argument& e) {
            throw save_error(e.what(), c.path, c.alternative);
        }
        write_bytes(case_path, out.scenario);
    }
    try {
        load_scenario(case_path);  // what is saved loads
    } catch (const input_error& e) {
        throw save_error(e.what(), changes.empty() ? "" : changes.back().path,
                         changes.empty() ? "" : changes.back().alternative);
    }
    return out;
}

}  // namespace hemsim::web
