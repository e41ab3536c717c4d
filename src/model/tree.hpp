// Our own document tree: a TOML file as read, with the file, line and column of
// every value and key. toml++ is used only to parse (model/tree.cpp): copies of
// its nodes drop their source region, and the scenario's overrides are copied
// into the model's tree, so the tree is ours: an error about an overridden
// value then names the scenario file and its line. Each value also keeps its end,
// for the TOML editor (model/toml_edit.hpp). Private to the model layer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace hemsim::loader {

enum class ttype { table, array, string, integer, floating, boolean, date, other };

/// A TOML value with its position; tables keep their fields in document order.
struct tnode {
    ttype type = ttype::table;
    origin at;                 // the value
    origin end;                // just past the value (for a table under a header: past its last value)
    origin key_at;             // its key in the parent table (= at for array items)
    std::string key;           // key in the parent table; empty for array items
    std::vector<tnode> items;  // table fields or array elements
    std::string text;          // string
    std::int64_t integer = 0;
    double floating = 0;
    bool boolean = false;
    date day{};

    const tnode* find(std::string_view k) const {
        for (const auto& f : items)
            if (f.key == k) return &f;
        return nullptr;
    }
    tnode* find(std::string_view k) {
        for (auto& f : items)
            if (f.key == k) return &f;
        return nullptr;
    }
    bool is_number() const { return type == ttype::integer || type == ttype::floating; }
    double number() const { return type == ttype::integer ? static_cast<double>(integer) : floating; }
};

/// Reads and parses a TOML file: at most 10 MB and 32 levels of nesting, checked
/// before parsing; a syntax error is an input_error at its place (with a hint for
/// a decimal comma). `referenced_at` is where another file named it, as written there.
tnode read_document(const std::filesystem::path& file, const origin* referenced_at = nullptr,
                    std::string_view as_written = {});

/// The bytes of a TOML file, with read_document's checks of its existence and size.
std::string read_text(const std::filesystem::path& file, const origin* referenced_at = nullptr,
                      std::string_view as_written = {});

/// Parses TOML text as read_document does (the nesting checked first, the same
/// errors), naming `file_name` in positions and errors.
tnode parse_document(std::string_view text, const std::string& file_name);

}  // namespace hemsim::loader
