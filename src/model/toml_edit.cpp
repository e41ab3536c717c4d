// The TOML text editor (see toml_edit.hpp): positions of the parsed tree
// (model/tree.hpp, with each value's begin and end) turned into byte offsets,
// one splice per edit, and a parse of the result before it is kept.
#include "model/toml_edit.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "model/schema.hpp"
#include "model/tree.hpp"

namespace hemsim {
namespace {

using loader::origin;
using loader::tnode;
using loader::ttype;

/// The keys of a distribution: of an uncertain number, and the durations' own.
const std::vector<std::string_view> uncertain_kinds{"uniform",   "triangular", "normal",
                                                    "lognormal", "gamma",      "beta"};
const std::vector<std::string_view> duration_kinds{"fixed", "exponential"};

bool is_one_of(std::string_view key, const std::vector<std::string_view>& keys) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

/// The byte offset of line:column (1-based; a column counts characters, as toml++
/// does: a UTF-8 continuation byte is no column of its own). Past the end: the end.
std::size_t offset_of(std::string_view text, std::uint32_t line, std::uint32_t column) {
    std::size_t i = 0;
    for (std::uint32_t l = 1; l < line; ++l) {
        const std::size_t nl = text.find('\n', i);
        if (nl == std::string_view::npos) return text.size();
        i = nl + 1;
    }
    for (std::uint32_t c = 1; c < column && i < text.size() && text[i] != '\n'; ++c) {
        ++i;
        while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    }
    return i;
}

std::size_t offset_of(std::string_view text, const origin& at) { return offset_of(text, at.line, at.column); }

/// The offset just past the end of the line holding `offset` (its newline included).
std::size_t after_line(std::string_view text, std::size_t offset) {
    const std::size_t nl = text.find('\n', offset);
    return nl == std::string_view::npos ? text.size() : nl + 1;
}

/// The offset where the line holding `offset` begins.
std::size_t line_start(std::string_view text, std::size_t offset) {
    const std::size_t nl = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
    return nl == std::string_view::npos ? 0 : nl + 1;
}

/// The spaces and tabs that begin the line holding `offset`.
std::string indent_of(std::string_view text, std::size_t offset) {
    const std::size_t start = line_start(text, offset);
    const std::size_t end = std::min(text.find_first_not_of(" \t", start), text.size());
    return std::string(text.substr(start, end - start));
}

bool starts_with_char(std::string_view text, const tnode& n, char c) {
    const std::size_t i = offset_of(text, n.at);
    return i < text.size() && text[i] == c;
}

/// A table written between braces (not under a header, not implied by a dotted key).
bool is_inline_table(std::string_view text, const tnode& n) {
    return n.type == ttype::table && starts_with_char(text, n, '{');
}

/// A table or array of tables written under a header: `[x]` or `[[x]]` begins its line.
bool is_header(std::string_view text, const tnode& n) {
    if (n.type != ttype::table && n.type != ttype::array) return false;
    const std::size_t i = offset_of(text, n.at);
    return i < text.size() && text[i] == '[' && line_start(text, i) + indent_of(text, i).size() == i;
}

/// Whether a number or an inline table begins at line:column in `n`; if so, `path`
/// ends with the path from `n` to it.
bool path_to(std::string_view text, const tnode& n, std::uint32_t line, std::uint32_t column,
             std::vector<const tnode*>& path) {
    path.push_back(&n);
    if (n.at.line == line && n.at.column == column && (n.is_number() || is_inline_table(text, n)))
        return true;
    for (const tnode& item : n.items)
        if (path_to(text, item, line, column, path)) return true;
    path.pop_back();
    return false;
}

/// The distribution key of an uncertain number's table (`{ triangular = [..], source = ".." }`):
/// one such key with a list of numbers, besides only `source` and `note`; else null.
const tnode* uncertain_spec(const tnode& table) {
    const tnode* spec = nullptr;
    for (const tnode& item : table.items) {
        if (item.key == "source" || item.key == "note") continue;
        if (spec || !is_one_of(item.key, uncertain_kinds) || item.type != ttype::array) return nullptr;
        for (const tnode& x : item.items)
            if (!x.is_number()) return nullptr;
        spec = &item;
    }
    return spec;
}

/// A number as TOML text: an integer when `integer` and `v` is whole; else the shortest
/// decimal that reads back as `v`, with a point (or an exponent, far from 1).
std::string toml_number(double v, bool integer) {
    if (v == 0) v = 0;  // no "-0"
    if (integer && v == std::floor(v) && std::fabs(v) < 9e18)
        return std::to_string(static_cast<std::int64_t>(v));
    char buf[64];
    const double a = std::fabs(v);
    const auto r = a == 0 || (a >= 1e-6 && a < 1e16)
                       ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                       : std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

/// `fresh` (toml_number's) with at least the decimals of `written` when both are plain
/// decimals, so that 0.10 set to 0.2 reads 0.20 and set back reads as it was written.
std::string with_decimals_of(std::string_view written, std::string fresh) {
    auto decimals = [](std::string_view t) -> std::size_t {
        const std::size_t dot = t.find('.');
        if (dot == std::string_view::npos || t.find_first_not_of("+-0123456789.") != std::string_view::npos)
            return 0;
        return t.size() - dot - 1;
    };
    if (fresh.find('.') == std::string::npos) return fresh;
    for (std::size_t d = decimals(fresh), want = decimals(written); d > 0 && d < want; ++d) fresh += '0';
    return fresh;
}

void require_finite(double v) {
    if (!std::isfinite(v))
        throw std::invalid_argument("a number written to a case must be finite, not " +
                                    toml_number(v, false));
}

}  // namespace

std::string toml_basic_string(const std::string& s) {
    std::string out = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                static const char hex[] = "0123456789ABCDEF";
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
            } else {
                out += ch;
            }
        }
    }
    return out + "\"";
}

std::string toml_number_text(double v) {
    require_finite(v);
    return toml_number(v, true);
}

toml_document::toml_document(std::string text, std::string file_name)
    : text_(std::move(text)),
      file_name_(std::move(file_name)),
      tree_(std::make_shared<const tnode>(loader::parse_document(text_, file_name_))) {}

toml_document toml_document::read(const std::filesystem::path& file) {
    return toml_document(loader::read_text(file), file.string());
}

void toml_document::splice(std::size_t begin, std::size_t end, const std::string& with) {
    std::string next = text_.substr(0, begin) + with + text_.substr(end);
    try {
        tree_ = std::make_shared<const tnode>(loader::parse_document(next, file_name_));
    } catch (const input_error& e) {
        throw std::invalid_argument(
            std::string("the edit would not be valid TOML, so nothing was changed: ") + e.what());
    }
    text_ = std::move(next);
}

namespace {

/// The path to the number or inline table at line:column; throws naming the place.
std::vector<const tnode*> number_at(std::string_view text, const tnode& root, const std::string& file,
                                    std::uint32_t line, std::uint32_t column) {
    std::vector<const tnode*> path;
    if (!path_to(text, root, line, column, path))
        throw std::invalid_argument(file + ":" + std::to_string(line) + ":" + std::to_string(column) +
                                    ": no number is written here; give the position of a value, as "
                                    "model_input::where names it");
    return path;
}

/// An invalid_argument at the place of `n`: "file:line:column: why".
std::invalid_argument error_at(const std::string& file, const tnode& n, const std::string& why) {
    return std::invalid_argument(file + ":" + std::to_string(n.at.line) + ":" + std::to_string(n.at.column) +
                                 ": " + why);
}

}  // namespace

void toml_document::set_number(std::uint32_t line, std::uint32_t column, double value) {
    require_finite(value);
    const std::vector<const tnode*> path = number_at(text_, *tree_, file_name_, line, column);
    const tnode& n = *path.back();
    const tnode* number = n.is_number() ? &n : n.find("value");
    if (number) {
        if (!number->is_number()) throw error_at(file_name_, n, "its 'value' is not a number");
        if (number->number() == value) return;  // as written, digits and all
        const std::size_t begin = offset_of(text_, number->at), end = offset_of(text_, number->end);
        splice(begin, end,
               with_decimals_of(std::string_view(text_).substr(begin, end - begin),
                                toml_number(value, number->type == ttype::integer)));
        return;
    }
    const tnode* spec = uncertain_spec(n);
    if (!spec)
        throw error_at(file_name_, n, "this table holds neither a value nor the distribution of a number");
    const bool integer = std::all_of(spec->items.begin(), spec->items.end(),
                                     [](const tnode& x) { return x.type == ttype::integer; });
    const std::string written = toml_number(value, integer);
    // Alone, the distribution gives way to the bare number; with notes, to `value = X` among them.
    if (n.items.size() == 1)
        splice(offset_of(text_, n.at), offset_of(text_, n.end), written);
    else
        splice(offset_of(text_, spec->key_at), offset_of(text_, spec->end), "value = " + written);
}

void toml_document::set_source(std::uint32_t line, std::uint32_t column, const std::string& source) {
    const std::vector<const tnode*> path = number_at(text_, *tree_, file_name_, line, column);
    const tnode& n = *path.back();
    const tnode* parent = path.size() > 1 ? path[path.size() - 2] : nullptr;
    const std::string quoted = toml_basic_string(source);
    const tnode* table = nullptr;
    if (is_inline_table(text_, n)) {
        table = &n;
    } else if (parent && parent->type == ttype::array) {
        // A parameter of a distribution: the distribution's table carries the source.
        const tnode* holder = path.size() > 2 ? path[path.size() - 3] : nullptr;
        if (holder && is_inline_table(text_, *holder) &&
            (is_one_of(parent->key, uncertain_kinds) || is_one_of(parent->key, duration_kinds)))
            table = holder;
    } else if (n.key == "value" || is_one_of(n.key, uncertain_kinds) || is_one_of(n.key, duration_kinds)) {
        if (parent && is_inline_table(text_, *parent)) table = parent;
    } else {
        const std::string written(std::string_view(text_).substr(
            offset_of(text_, n.at), offset_of(text_, n.end) - offset_of(text_, n.at)));
        splice(offset_of(text_, n.at), offset_of(text_, n.end),
               "{ value = " + written + ", source = " + quoted + " }");
        return;
    }
    if (!table)
        throw error_at(file_name_, n,
                       "the table of this number is written under a header or in a list; write its "
                       "source there by hand");
    if (const tnode* s = table->find("source")) {
        if (s->type != ttype::string) throw error_at(file_name_, *s, "its 'source' is not a string");
        splice(offset_of(text_, s->at), offset_of(text_, s->end), quoted);
    } else {
        // A table here holds a value or a distribution, so it has an item to follow.
        const std::size_t at = offset_of(text_, table->items.back().end);
        splice(at, at, ", source = " + quoted);
    }
}

namespace {

/// The alternative table of a scenario whose id is `id`; throws naming the ids there are.
const tnode& find_alternative(std::string_view text, const tnode& root, const std::string& id) {
    const tnode* alts = root.find("alternative");
    std::vector<std::string> ids;
    if (alts && alts->type == ttype::array)
        for (const tnode& a : alts->items) {
            const tnode* aid = a.type == ttype::table ? a.find("id") : nullptr;
            if (!aid || aid->type != ttype::string) continue;
            if (aid->text == id) {
                if (!is_header(text, *alts))
                    throw std::invalid_argument(
                        "alternative " + loader::in_quotes(id) +
                        " is written inline; only [[alternative]] tables can be edited");
                return a;
            }
            ids.push_back(loader::in_quotes(aid->text));
        }
    throw std::invalid_argument("no alternative " + loader::in_quotes(id) + " in the case; there " +
                                (ids.empty() ? std::string("are none") : "are " + loader::join(ids)));
}

/// The indentation of the case's [[alternative.<kind>]] headers (two spaces when there are none).
std::string override_indent(std::string_view text, const tnode& root) {
    if (const tnode* alts = root.find("alternative"))
        for (const tnode& a : alts->items)
            for (const tnode& item : a.items)
                if (item.type == ttype::array && is_header(text, item))
                    return indent_of(text, offset_of(text, item.at));
    return "  ";
}

}  // namespace

void toml_document::add_override(const std::string& alternative, const std::string& kind,
                                 const std::string& id, const std::string& key, double value,
                                 const std::string& source) {
    require_finite(value);
    std::string written = toml_number(value, true);
    if (!source.empty()) written = "{ value = " + written + ", source = " + toml_basic_string(source) + " }";
    add_override_text(alternative, kind, id, key, written);
}

void toml_document::add_override_text(const std::string& alternative, const std::string& kind,
                                      const std::string& id, const std::string& key,
                                      const std::string& written) {
    const auto ek = loader::model_kind(kind);
    if (!ek)
        throw std::invalid_argument("unknown kind of element " + loader::in_quotes(kind) +
                                    "; one of: " + loader::join(loader::element_keys()));
    const auto& keys = loader::schema_of(*ek).keys;
    if (std::find(keys.begin(), keys.end(), key) == keys.end() || key == "id" || key == "name" ||
        key == "source" || key == "note")
        throw std::invalid_argument("a " + std::string(loader::schema_of(*ek).noun) + " has no number " +
                                    loader::in_quotes(key) + "; its keys are " + loader::join(keys));
    const tnode& alt = find_alternative(text_, *tree_, alternative);
    const tnode* el = nullptr;
    if (const tnode* arr = alt.find(kind); arr && arr->type == ttype::array)
        for (const tnode& item : arr->items)
            if (loader::element_id(*ek, item) == id) el = &item;
    if (!el) {
        // A new table at the end of the alternative's block, indented as the case's others are.
        const std::string indent = override_indent(text_, *tree_);
        std::size_t at = after_line(text_, offset_of(text_, alt.end));
        std::string lines = at > 0 && text_[at - 1] != '\n' ? "\n\n" : "\n";
        lines += indent + "[[alternative." + kind + "]]\n" + indent + "id = " + toml_basic_string(id) + "\n" +
                 indent + key + " = " + written + "\n";
        splice(at, at, lines);
        return;
    }
    const std::string what =
        kind + " " + loader::in_quotes(id) + " in alternative " + loader::in_quotes(alternative);
    if (el->find(key))
        throw error_at(file_name_, *el->find(key), what + " already sets " + loader::in_quotes(key));
    if (auto partner = loader::exclusive_partner(key); partner && el->find(*partner))
        throw error_at(file_name_, *el->find(*partner),
                       what + " sets " + loader::in_quotes(*partner) + ", which " + loader::in_quotes(key) +
                           " excludes; change that one instead");
    if (is_inline_table(text_, *el)) {
        const std::size_t at = offset_of(text_, el->items.back().end);
        splice(at, at, ", " + key + " = " + written);
        return;
    }
    // A new line after the table's last value (not after a sub-table under a header of its own).
    const tnode* last = nullptr;
    for (const tnode& item : el->items)
        if (!is_header(text_, item)) last = &item;
    const std::size_t line_of_last = offset_of(text_, last ? last->key_at : el->at);
    std::size_t at = after_line(text_, offset_of(text_, last ? last->end : el->at));
    const std::string indent = indent_of(text_, line_of_last);
    splice(at, at, (at > 0 && text_[at - 1] != '\n' ? "\n" : "") + indent + key + " = " + written + "\n");
}

void toml_document::set_setting(const std::string& key, const std::string& value,
                                const std::string& replaces) {
    const tnode* here = nullptr;
    const tnode* old = nullptr;
    const tnode* last = nullptr;
    for (const tnode& item : tree_->items) {
        if (is_header(text_, item)) continue;
        if (item.type == ttype::table && !is_inline_table(text_, item)) continue;  // a dotted key
        last = &item;
        if (item.key == key) here = &item;
        if (!replaces.empty() && item.key == replaces) old = &item;
    }
    if (!here)
        for (const tnode& item : tree_->items)
            if (item.key == key)
                throw error_at(file_name_, item,
                               loader::in_quotes(key) + " is written as a table here; set it by hand");
    if (here) {
        splice(offset_of(text_, here->at), offset_of(text_, here->end), value);
    } else if (old) {
        splice(offset_of(text_, old->key_at), offset_of(text_, old->end), key + " = " + value);
    } else {
        const std::size_t at = last ? after_line(text_, offset_of(text_, last->end)) : 0;
        splice(at, at, (at > 0 && text_[at - 1] != '\n' ? "\n" : "") + key + " = " + value + "\n");
    }
}

void toml_document::copy_alternative(const std::string& from, const std::string& id, const std::string& name,
                                     const std::string& description) {
    if (const tnode* alts = tree_->find("alternative"); alts && alts->type == ttype::array)
        for (const tnode& a : alts->items)
            if (const tnode* aid = a.type == ttype::table ? a.find("id") : nullptr;
                aid && aid->type == ttype::string && aid->text == id)
                throw error_at(file_name_, *aid,
                               "the case has an alternative " + loader::in_quotes(id) + " already");
    const tnode& alt = find_alternative(text_, *tree_, from);
    const std::size_t begin = line_start(text_, offset_of(text_, alt.at));
    const std::size_t end = after_line(text_, offset_of(text_, alt.end));
    // The block's own keys, edited in the copy from the last to the first.
    struct edit {
        std::size_t b, e;
        std::string with;
    };
    std::vector<edit> edits;
    auto value_of = [&](const char* k, const std::string& with) {
        if (const tnode* n = alt.find(k); n && !is_header(text_, *n))
            edits.push_back({offset_of(text_, n->at) - begin, offset_of(text_, n->end) - begin, with});
    };
    value_of("id", toml_basic_string(id));
    value_of("name", toml_basic_string(name));
    if (!description.empty()) value_of("description", toml_basic_string(description));
    if (const tnode* b = alt.find("baseline")) {
        const std::size_t b0 = line_start(text_, offset_of(text_, b->key_at));
        edits.push_back({b0 - begin, after_line(text_, offset_of(text_, b->end)) - begin, ""});
    }
    std::sort(edits.begin(), edits.end(), [](const edit& x, const edit& y) { return x.b > y.b; });
    std::string block = text_.substr(begin, end - begin);
    for (const edit& e : edits) block.replace(e.b, e.e - e.b, e.with);
    if (!block.empty() && block.back() != '\n') block += '\n';
    const std::size_t at = text_.size();
    std::string lead = at > 0 && text_[at - 1] != '\n' ? "\n\n" : "\n";
    splice(at, at, lead + block);
}

void toml_document::set_table_key(const std::string& alternative, const std::string& kind, std::size_t index,
                                  const std::string& key, const std::string& value) {
    const tnode& alt = find_alternative(text_, *tree_, alternative);
    const tnode* arr = alt.find(kind);
    if (!arr || arr->type != ttype::array || index >= arr->items.size())
        throw std::invalid_argument("alternative " + loader::in_quotes(alternative) + " has no " + kind +
                                    " " + std::to_string(index + 1));
    if (!is_header(text_, *arr))
        throw error_at(file_name_, *arr, "its " + kind + " tables are written inline; change them by hand");
    const tnode& table = arr->items[index];
    if (const tnode* k = table.find(key)) {
        if (!value.empty()) {
            splice(offset_of(text_, k->at), offset_of(text_, k->end), value);
            return;
        }
        // The key's whole line when nothing else is on it (a comment after it goes too).
        const std::size_t b = offset_of(text_, k->key_at), e = offset_of(text_, k->end);
        const std::size_t start = line_start(text_, b), stop = after_line(text_, e);
        const std::string_view before = std::string_view(text_).substr(start, b - start);
        const std::string_view after = std::string_view(text_).substr(e, stop - e);
        const std::size_t rest = after.find_first_not_of(" \t\r\n");
        if (before.find_first_not_of(" \t") != std::string_view::npos ||
            (rest != std::string_view::npos && after[rest] != '#'))
            throw error_at(file_name_, *k, "the key shares its line with others; remove it by hand");
        splice(start, stop, "");
        return;
    }
    if (value.empty()) return;  // nothing to remove
    const tnode* last = nullptr;
    for (const tnode& item : table.items)
        if (!is_header(text_, item)) last = &item;
    const std::size_t line_of_last = offset_of(text_, last ? last->key_at : table.at);
    const std::size_t at = after_line(text_, offset_of(text_, last ? last->end : table.at));
    const std::string indent = indent_of(text_, line_of_last);
    splice(at, at, (at > 0 && text_[at - 1] != '\n' ? "\n" : "") + indent + key + " = " + value + "\n");
}

void toml_document::add_table(const std::string& alternative, const std::string& kind,
                              const std::vector<std::pair<std::string, std::string>>& keys) {
    const tnode& alt = find_alternative(text_, *tree_, alternative);
    const std::string indent = override_indent(text_, *tree_);
    const std::size_t at = after_line(text_, offset_of(text_, alt.end));
    std::string lines = at > 0 && text_[at - 1] != '\n' ? "\n\n" : "\n";
    lines += indent + "[[alternative." + kind + "]]\n";
    for (const auto& [k, v] : keys) lines += indent + k + " = " + v + "\n";
    splice(at, at, lines);
}

namespace {

void collect_dates(const tnode& n, std::vector<const tnode*>& out) {
    if (n.type == ttype::date) out.push_back(&n);
    for (const tnode& item : n.items) collect_dates(item, out);
}

std::string iso_text(const std::chrono::year_month_day& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

}  // namespace

std::chrono::year_month_day shifted_date(const std::chrono::year_month_day& from, int months) {
    using namespace std::chrono;
    const bool last_day = from.day() == year_month_day_last(from.year(), month_day_last(from.month())).day();
    const year_month moved = year_month(from.year(), from.month()) + std::chrono::months(months);
    const year_month_day to(moved.year(), moved.month(), from.day());
    if (last_day || !to.ok())
        return year_month_day(year_month_day_last(moved.year(), month_day_last(moved.month())));
    return to;
}

std::size_t toml_document::shift_dates(int months) {
    using namespace std::chrono;
    std::vector<const tnode*> dates;
    collect_dates(*tree_, dates);
    if (months == 0 || dates.empty()) return 0;
    struct edit {
        std::size_t b, e;
        std::string with;
    };
    std::vector<edit> edits;
    for (const tnode* d : dates) {
        const year_month_day to = shifted_date(d->day, months);
        const std::size_t b = offset_of(text_, d->at), e = offset_of(text_, d->end);
        if (e - b != 10)
            throw error_at(file_name_, *d, "this date is not written as YYYY-MM-DD; move it by hand");
        edits.push_back({b, e, iso_text(to)});
    }
    std::sort(edits.begin(), edits.end(), [](const edit& x, const edit& y) { return x.b > y.b; });
    std::string next = text_;
    for (const edit& e : edits) next.replace(e.b, e.e - e.b, e.with);
    splice(0, text_.size(), next);
    return edits.size();
}

bool toml_document::add_schedule_step(const std::string& alternative, const std::string& kind,
                                      const std::string& id, const std::string& key, const std::string& from,
                                      double value) {
    require_finite(value);
    const auto ek = loader::model_kind(kind);
    if (!ek) throw std::invalid_argument("unknown kind of element " + loader::in_quotes(kind));
    const tnode& alt = find_alternative(text_, *tree_, alternative);
    const tnode* el = nullptr;
    if (const tnode* arr = alt.find(kind); arr && arr->type == ttype::array)
        for (const tnode& item : arr->items)
            if (loader::element_id(*ek, item) == id) el = &item;
    const tnode* k = el ? el->find(key) : nullptr;
    if (!k) return false;
    const std::string step = "{ from = " + from + ", value = " + toml_number(value, true) + " }";
    if (k->type != ttype::array) {
        // One value: it becomes the schedule's first step, the new one after it.
        const std::size_t b = offset_of(text_, k->at), e = offset_of(text_, k->end);
        splice(b, e, "[" + text_.substr(b, e - b) + ", " + step + "]");
        return true;
    }
    // Into the list in date order: before the first step from a later date.
    const bool multiline = !k->items.empty() && k->items.front().at.line != k->at.line;
    const std::string indent = multiline ? indent_of(text_, offset_of(text_, k->items.front().at)) : "";
    for (const tnode& item : k->items) {
        const tnode* f = item.type == ttype::table ? item.find("from") : nullptr;
        if (!f || f->type != ttype::date) continue;
        const std::string day = iso_text(f->day);
        if (day == from)
            throw error_at(file_name_, *f,
                           "the schedule has a step from " + from + " already; change its number");
        if (day > from) {
            const std::size_t at = offset_of(text_, item.at);
            splice(at, at, step + (multiline ? ",\n" + indent : ", "));
            return true;
        }
    }
    if (k->items.empty()) {
        const std::size_t at = offset_of(text_, k->at) + 1;
        splice(at, at, step);
        return true;
    }
    // After the last step (and its comma, when one follows it).
    std::size_t at = offset_of(text_, k->items.back().end);
    const std::size_t next = text_.find_first_not_of(" \t\r\n", at);
    if (next != std::string::npos && text_[next] == ',') {
        at = next + 1;
        splice(at, at, (multiline ? "\n" + indent : " ") + step + ",");
    } else {
        splice(at, at, (multiline ? ",\n" + indent : ", ") + step);
    }
    return true;
}

}  // namespace hemsim
