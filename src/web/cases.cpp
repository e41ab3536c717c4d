#include "web/cases.hpp"

#include <stdlib.h>

#include <algorithm>
#include <charconv>
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

// A share as TOML text: the shortest decimal that reads back, with a point.
std::string share_text(double x) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

// The calendar months from `from` to the date written `to` (YYYY-MM-DD).
int months_between(const date& from, const std::string& to) {
    const int y = std::stoi(to.substr(0, 4)), m = std::stoi(to.substr(5, 2));
    return (y - static_cast<int>(from.year())) * 12 +
           (m - static_cast<int>(static_cast<unsigned>(from.month())));
}

// The model's dates moved with the start when the settings say so.
std::string model_with_structure(const scenario& original, std::string text, const std::string& file,
                                 const case_edit& edit) {
    const case_settings& st = edit.settings;
    if (!st.start || !st.shift_dates || *st.start == iso(original.start)) return text;
    try {
        toml_document doc(text, file);
        doc.shift_dates(months_between(original.start, *st.start));
        return doc.text();
    } catch (const std::invalid_argument& e) {
        throw save_error(e.what(), "settings.start", "");
    }
}

// The settings and the added alternatives, written into the scenario's text.
std::string with_structure(const scenario& original, std::string text, const std::string& file,
                           const case_edit& edit) {
    const case_settings& st = edit.settings;
    auto set = [&](const char* key, const std::string& value, const char* replaces, const char* path) {
        try {
            toml_document doc(text, file);
            doc.set_setting(key, value, replaces);
            text = doc.text();
        } catch (const std::invalid_argument& e) {
            throw save_error(e.what(), path, "");
        }
    };
    if (st.start && *st.start != iso(original.start)) {
        if (st.shift_dates) {
            // Every date of the case moves with the start, by whole months; the start's
            // own day, when it differs, is then written as given.
            try {
                toml_document doc(text, file);
                doc.shift_dates(months_between(original.start, *st.start));
                text = doc.text();
            } catch (const std::invalid_argument& e) {
                throw save_error(e.what(), "settings.start", "");
            }
        }
        set("start", *st.start, "", "settings.start");
    }
    if (st.horizon_months && *st.horizon_months != original.horizon_months) {
        const bool years = text.find("\nhorizon_years") != std::string::npos;
        if (years && *st.horizon_months % 12 == 0)
            set("horizon_years", std::to_string(*st.horizon_months / 12), "", "settings.horizon_months");
        else
            set("horizon_months", std::to_string(*st.horizon_months), "horizon_years",
                "settings.horizon_months");
    }
    if (st.discount_rate && *st.discount_rate != original.discount_rate.value_or(default_discount_rate))
        set("discount_rate", share_text(*st.discount_rate), "", "settings.discount_rate");
    const alternative& base = original.alternatives.at(original.baseline_index());
    for (const added_alternative& a : edit.added) {
        try {
            toml_document doc(text, file);
            doc.copy_alternative(base.id, a.id, a.name);
            text = doc.text();
        } catch (const std::invalid_argument& e) {
            throw save_error(e.what(), "added", a.id);
        }
    }
    for (const project_line_edit& pl : edit.project_lines) {
        try {
            toml_document doc(text, file);
            if (pl.line == 0) {
                std::vector<std::pair<std::string, std::string>> keys;
                for (const auto& kv : pl.fields)
                    if (!kv.second.empty()) keys.push_back(kv);
                doc.add_table(pl.alternative, "project_cost", keys);
            } else {
                for (const auto& [key, value] : pl.fields)
                    doc.set_table_key(pl.alternative, "project_cost", pl.line - 1, key, value);
            }
            text = doc.text();
        } catch (const std::invalid_argument& e) {
            throw save_error(e.what(), "project." + pl.alternative + "." + std::to_string(pl.line),
                             pl.alternative);
        }
    }
    for (const schedule_step& st : edit.steps) {
        const std::string where = st.path + "@" + st.from;
        try {
            const std::size_t d1 = st.path.find('.'), d2 = st.path.find('.', d1 + 1);
            if (d1 == std::string::npos || d2 == std::string::npos ||
                st.path.find('.', d2 + 1) != std::string::npos || st.path.find('@') != std::string::npos)
                throw std::invalid_argument(
                    "a new step can be added to a schedule of a placement, staff, supply "
                    "or attribute (kind.id.key); add this one in the files by hand");
            const std::string kind = st.path.substr(0, d1), id = st.path.substr(d1 + 1, d2 - d1 - 1),
                              key = st.path.substr(d2 + 1);
            toml_document doc(text, file);
            if (!doc.add_schedule_step(st.alternative, kind, id, key, st.from, st.value)) {
                // Not written in the alternative: its whole schedule as it reads it, with the new step.
                const alternative* from = nullptr;
                for (const alternative& a : original.alternatives)
                    if (a.id == st.alternative) from = &a;
                if (!from) from = &base;  // an added alternative: a copy of the nollalternativ
                std::vector<std::pair<std::string, std::string>> steps;  // (date or "", step text)
                for (const model_input& in : from->system.inputs) {
                    if (!in.listed) continue;
                    std::string at;
                    if (in.path == st.path) {
                        at = "";
                    } else if (in.path.rfind(st.path + "@", 0) == 0) {
                        at = in.path.substr(st.path.size() + 1);
                        if (at == "start") at = "";
                    } else {
                        continue;
                    }
                    if (in.dist)
                        throw std::invalid_argument(
                            "the schedule has uncertain steps; add the step in the files "
                            "by hand");
                    std::string t = "{ ";
                    if (!at.empty()) t += "from = " + at + ", ";
                    t += "value = " + toml_number_text(in.value);
                    if (!in.source.empty()) t += ", source = " + toml_basic_string(in.source);
                    steps.emplace_back(at, t + " }");
                }
                if (steps.empty())
                    throw std::invalid_argument("alternative '" + st.alternative + "' has no schedule '" +
                                                st.path + "'");
                for (const auto& x : steps)
                    if (x.first == st.from)
                        throw std::invalid_argument("the schedule has a step from " + st.from +
                                                    " already; change its number");
                steps.emplace_back(st.from,
                                   "{ from = " + st.from + ", value = " + toml_number_text(st.value) + " }");
                std::stable_sort(steps.begin(), steps.end(),
                                 [](const auto& x, const auto& y) { return x.first < y.first; });
                std::string list = "[";
                for (std::size_t i = 0; i < steps.size(); ++i) list += (i ? ", " : "") + steps[i].second;
                doc.add_override_text(st.alternative, kind, id, key, list + "]");
            }
            text = doc.text();
        } catch (const std::invalid_argument& e) {
            throw save_error(e.what(), "steps." + where, st.alternative);
        }
    }
    return text;
}

}  // namespace

case_edit with_moved_paths(case_edit edit, const date& original_start) {
    const case_settings& st = edit.settings;
    if (!st.start || !st.shift_dates || *st.start == iso(original_start)) return edit;
    const int months = months_between(original_start, *st.start);
    static const std::regex dated("@([0-9]{4})-([0-9]{2})-([0-9]{2})$");
    for (form_change& c : edit.changes) {
        std::smatch m;
        if (!std::regex_search(c.path, m, dated)) continue;
        const date d{std::chrono::year(std::stoi(m[1])),
                     std::chrono::month(static_cast<unsigned>(std::stoi(m[2]))),
                     std::chrono::day(static_cast<unsigned>(std::stoi(m[3])))};
        if (!d.ok()) continue;
        c.path = c.path.substr(0, static_cast<std::size_t>(m.position(0)) + 1) + iso(shifted_date(d, months));
    }
    return edit;
}

scenario structured_case(const fs::path& scenario_file, const case_edit& edit, const fs::path& folder) {
    const scenario original = load_scenario(scenario_file);
    const fs::path case_path = folder / "case.toml", model_path = folder / "model.toml";
    write_bytes(case_path, with_structure(original, with_model_beside(read_bytes(scenario_file)),
                                          case_path.string(), edit));
    write_bytes(model_path,
                model_with_structure(original, read_bytes(original.model_file), model_path.string(), edit));
    try {
        return load_scenario(case_path);
    } catch (const input_error& e) {
        // The messages name the files as the user knows them.
        std::string what = e.what();
        const std::string prefix = folder.string() + "/";
        for (std::size_t at; (at = what.find(prefix)) != std::string::npos;) what.erase(at, prefix.size());
        throw input_error(what);
    }
}

case_files edited_case(const fs::path& scenario_file, const case_edit& form_edit) {
    const scenario original = load_scenario(scenario_file);
    const case_edit edit = with_moved_paths(form_edit, original.start);
    const std::vector<form_change>& changes = edit.changes;
    scratch_folder tmp("hemsim-save");
    const fs::path case_path = tmp.path() / "case.toml", model_path = tmp.path() / "model.toml";
    case_files out{with_model_beside(read_bytes(scenario_file)), read_bytes(original.model_file)};
    out.scenario = with_structure(original, out.scenario, case_path.string(), edit);
    out.model = model_with_structure(original, out.model, model_path.string(), edit);
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
