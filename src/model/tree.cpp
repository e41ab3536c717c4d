// The TOML tree: reading a file (its size and nesting checked before parsing),
// toml++'s parse with the decimal-comma hint for a syntax error, and the
// conversion into our own `tnode` tree with positions. The only file that
// includes toml++.
#include "model/tree.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>

namespace hemsim::loader {
namespace {

namespace fs = std::filesystem;

origin origin_of(const toml::source_region& r) { return origin{r.path, r.begin.line, r.begin.column}; }
origin end_of(const toml::source_region& r) { return origin{r.path, r.end.line, r.end.column}; }

bool before(const origin& a, const origin& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
}

tnode convert(const toml::node& n) {
    tnode out;
    out.at = origin_of(n.source());
    out.end = end_of(n.source());
    out.key_at = out.at;
    if (const auto* t = n.as_table()) {
        out.type = ttype::table;
        for (auto&& [k, v] : *t) {
            tnode child = convert(v);
            child.key = std::string(k.str());
            if (k.source().begin.line > 0) child.key_at = origin_of(k.source());
            out.items.push_back(std::move(child));
        }
        // toml++ keeps keys sorted; document order reads better in errors.
        std::stable_sort(out.items.begin(), out.items.end(), [](const tnode& a, const tnode& b) {
            return std::pair(a.key_at.line, a.key_at.column) < std::pair(b.key_at.line, b.key_at.column);
        });
    } else if (const auto* a = n.as_array()) {
        out.type = ttype::array;
        for (const auto& v : *a) out.items.push_back(convert(v));
    } else if (const auto* s = n.as_string()) {
        out.type = ttype::string;
        out.text = s->get();
    } else if (const auto* i = n.as_integer()) {
        out.type = ttype::integer;
        out.integer = i->get();
    } else if (const auto* f = n.as_floating_point()) {
        out.type = ttype::floating;
        out.floating = f->get();
    } else if (const auto* b = n.as_boolean()) {
        out.type = ttype::boolean;
        out.boolean = b->get();
    } else if (const auto* d = n.as_date()) {
        out.type = ttype::date;
        const toml::date& v = d->get();
        out.day = date{std::chrono::year{v.year}, std::chrono::month{v.month}, std::chrono::day{v.day}};
    } else {
        out.type = ttype::other;
    }
    // toml++ 3.3 ends a table written under a header at its header (it computes the
    // end of its values but does not store it): a table or array ends with its last value.
    for (const tnode& item : out.items)
        if (before(out.end, item.end)) out.end = item.end;
    return out;
}

/// The largest file hemsim reads, and the deepest nesting of tables, arrays
/// and dotted keys in it (toml++ and convert() recurse once per level).
constexpr std::uintmax_t max_file_bytes = 10u << 20;
constexpr int max_nesting = 32;

/// The deepest nesting in TOML text: brackets and braces in values plus the
/// dotted segments of the key being written, outside strings and comments.
/// Returns the line where `limit` is passed first, or 0.
std::uint32_t too_deep(std::string_view text, int limit) {
    int depth = 0, dots = 0;
    std::uint32_t line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') {
            ++line;
            if (depth == 0) dots = 0;
            continue;
        }
        if (c == '#') {  // a comment runs to the end of the line
            while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
            continue;
        }
        if (c == '"' || c == '\'') {
            const bool multi = text.substr(i, 3) == std::string(3, c);
            const std::string_view end = multi ? std::string_view(c == '"' ? "\"\"\"" : "\'\'\'")
                                               : std::string_view(c == '"' ? "\"" : "'");
            std::size_t j = i + (multi ? 3 : 1);
            for (; j < text.size(); ++j) {
                if (text[j] == '\n') ++line;
                if (c == '"' && text[j] == '\\') {
                    ++j;
                    continue;
                }
                if (text.substr(j, end.size()) == end) break;
            }
            i = std::min(text.size(), j + end.size()) - 1;
            continue;
        }
        if (c == '[' || c == '{') ++depth;
        if (c == ']' || c == '}') depth = std::max(0, depth - 1);
        if (c == ',' || c == '=') dots = 0;
        // A dot between digits is a number's; any other separates key segments.
        if (c == '.' &&
            !(i > 0 && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
              std::isdigit(static_cast<unsigned char>(text[i + 1]))))
            ++dots;
        if (depth + dots > limit) return line;
    }
    return 0;
}

/// "probability = 0,45": the number a Swedish hand meant, when the line has one.
std::optional<std::string> decimal_comma(std::string_view line) {
    std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::size_t i = line.find_first_not_of(" \t", eq + 1);
    if (i == std::string_view::npos) return std::nullopt;
    std::size_t j = i;
    if (line[j] == '-' || line[j] == '+') ++j;
    std::size_t digits = j;
    while (j < line.size() && std::isdigit(static_cast<unsigned char>(line[j]))) ++j;
    if (j == digits || j + 1 >= line.size() || line[j] != ',' ||
        !std::isdigit(static_cast<unsigned char>(line[j + 1])))
        return std::nullopt;
    std::size_t k = j + 1;
    while (k < line.size() && std::isdigit(static_cast<unsigned char>(line[k]))) ++k;
    std::string n(line.substr(i, k - i));
    n[j - i] = '.';
    return n;
}

}  // namespace

std::string read_text(const fs::path& file, const origin* referenced_at, std::string_view as_written) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        std::string what = fs::exists(file, ec) ? "is not a file" : "not found";
        if (referenced_at)
            fail(*referenced_at, "model file " + in_quotes(as_written) + " " + what + " (looked for " +
                                     in_quotes(file.string()) +
                                     "); check the path, which is relative to the scenario file");
        throw input_error(file.string(), 0, 0, "file " + what + "; check the path");
    }
    const std::uintmax_t bytes = fs::file_size(file, ec);
    if (ec || bytes > max_file_bytes)
        throw input_error(file.string(), 0, 0,
                          "the file is " + format_number(static_cast<double>(bytes) / (1 << 20)) +
                              " MB; hemsim reads model and case files of at most " +
                              std::to_string(max_file_bytes >> 20) + " MB: move long notes out of the file");
    std::ifstream in(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

tnode read_document(const fs::path& file, const origin* referenced_at, std::string_view as_written) {
    return parse_document(read_text(file, referenced_at, as_written), file.string());
}

tnode parse_document(std::string_view text, const std::string& file_name) {
    const auto label = std::make_shared<const std::string>(file_name);
    if (std::uint32_t line = too_deep(text, max_nesting))
        fail(origin{label, line, 1},
             "tables, arrays and dotted keys are nested more than " + std::to_string(max_nesting) +
                 " levels deep here; hemsim's files need a handful (see docs/language.md)");
    try {
        toml::table doc = toml::parse(text, std::string_view(*label));
        return convert(doc);
    } catch (const toml::parse_error& e) {
        origin at = origin_of(e.source());
        if (!at.file) at.file = label;
        // The line of the error, for a hint on the commonest slip.
        std::string_view rest = text;
        for (std::uint32_t l = 1; l < at.line && !rest.empty(); ++l) {
            std::size_t nl = rest.find('\n');
            rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        }
        std::string_view line = rest.substr(0, rest.find('\n'));
        if (auto n = decimal_comma(line)) {
            std::string written = *n;
            std::replace(written.begin(), written.end(), '.', ',');
            fail(at, "TOML numbers use a decimal point: write " + *n + ", not " + written +
                         " (a comma separates the items of a list)");
        }
        fail(at, "TOML syntax error: " + std::string(e.description()) +
                     "; fix the TOML syntax here (see docs/language.md)");
    }
}

}  // namespace hemsim::loader
