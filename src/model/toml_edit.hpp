// A TOML file's text, edited in place, for saving a case as its author wrote it:
// every edit replaces or inserts only the bytes of what it concerns, so comments,
// order, spacing and the other values stay as written. Positions are those the
// loader gives (model_input::where, "file:line:column", 1-based, columns in
// characters).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hemsim {

namespace loader {
struct tnode;
}

/// A TOML file's text with its parsed tree. Each edit builds the new text, parses it
/// and keeps it only when it parses (else it throws and the text stays as it was), so
/// the positions of the next edit are those of the current text(). Edits never add or
/// remove lines, except add_override, set_setting and copy_alternative; several edits on
/// one line are applied from the last column to the first, when their positions come
/// from one load.
class toml_document {
public:
    /// Parses `text`; `file_name` names the file in errors. Throws input_error on bad TOML.
    toml_document(std::string text, std::string file_name);
    /// Reads and parses `file` (the loader's checks of size and nesting). Throws input_error.
    static toml_document read(const std::filesystem::path& file);

    /// The text as edited so far (as read when nothing was edited).
    const std::string& text() const { return text_; }
    const std::string& file_name() const { return file_name_; }

    /// Sets the number written at line:column to `value`. It may be a bare number
    /// (`fte = 6`), a table `{ value = 16500, source = "..." }` (only 16500 changes), a
    /// schedule step's `value`, or a distribution of a number (`{ triangular = [..],
    /// source = ".." }` becomes `{ value = X, source = ".." }`; one with neither source
    /// nor note becomes the bare number). A value equal to the one written leaves the
    /// text as it is; else an integer stays an integer when `value` is whole, and other
    /// numbers are written as the shortest decimal that reads back (always with a point).
    /// Throws std::invalid_argument when no number is written there, or `value` is not finite.
    void set_number(std::uint32_t line, std::uint32_t column, double value);

    /// Sets or adds the `source` note of the number at line:column: in its table
    /// (`{ value = .. }`, a distribution, a schedule step, a distribution whose list holds
    /// it); a bare number `N` becomes `{ value = N, source = "..." }`. `source` is written
    /// as a TOML basic string. Throws std::invalid_argument when no number is written there
    /// or its table is written under a header.
    void set_source(std::uint32_t line, std::uint32_t column, const std::string& source);

    /// In a scenario, overrides `key` of the element `kind` (a model's array: "supply",
    /// "staff", ...) with id `id` in the [[alternative]] whose id is `alternative`: a new
    /// line after the last value of that alternative's `[[alternative.<kind>]]` table of
    /// that id, else a new such table (`id = "..."`, then the key) after the last value of
    /// the alternative. With a `source`, the value is `{ value = X, source = "..." }`.
    /// Throws std::invalid_argument for no such alternative, an unknown kind or key, or
    /// a key (or the key it excludes) already there. Whether the model has that element
    /// is checked by loading the case, not here.
    void add_override(const std::string& alternative, const std::string& kind, const std::string& id,
                      const std::string& key, double value, const std::string& source = "");

    /// add_override with the value as TOML text (`[ { value = 30 }, { from = ..., value = 45 } ]`).
    void add_override_text(const std::string& alternative, const std::string& kind, const std::string& id,
                           const std::string& key, const std::string& value);

    /// In a scenario, adds the step `{ from = FROM, value = VALUE }` to the schedule
    /// `key` of element (kind, id) that the alternative's own block writes: into its
    /// list in date order, or, when it writes one value, after it as the list's second
    /// step. Returns false, changing nothing, when the alternative's block writes no such
    /// key (the caller then writes the whole schedule with add_override_text). Throws
    /// std::invalid_argument for a step from that date already there.
    bool add_schedule_step(const std::string& alternative, const std::string& kind, const std::string& id,
                           const std::string& key, const std::string& from, double value);

    /// In a scenario, sets `key` of the `index`-th (from 0) `[[alternative.<kind>]]`
    /// table of the alternative whose id is `alternative` (a project line: kind
    /// "project_cost") to `value`, TOML text as it is to be written: its value replaced
    /// where it stands, else a new line after the table's last value; an empty `value`
    /// removes the key and its value (its whole line when it is alone there). Throws
    /// std::invalid_argument for no such table, a table not under a header, or a
    /// result that does not parse.
    void set_table_key(const std::string& alternative, const std::string& kind, std::size_t index,
                       const std::string& key, const std::string& value);

    /// In a scenario, appends a `[[alternative.<kind>]]` table with `keys` (key, TOML
    /// text) at the end of the alternative's block, indented as the case's others are.
    void add_table(const std::string& alternative, const std::string& kind,
                   const std::vector<std::pair<std::string, std::string>>& keys);

    /// Moves every date written in the file by `months` calendar months (2008-03-01 by
    /// 228 becomes 2027-03-01); a day past the end of its new month, and the last day of
    /// a month, become the new month's last day (2009-02-28 by 228 is 2028-02-29).
    /// Returns how many dates were moved.
    std::size_t shift_dates(int months);

    /// Sets the top-level key `key` (one written before the file's first table) to
    /// `value`, TOML text as it is to be written (`2009-01-01`, `36`, `0.03`): its value
    /// replaced where it stands; else, when `replaces` is written there, that key and
    /// its value replaced by `key = value` (horizon_years by horizon_months); else a new
    /// line `key = value` after the last top-level key. Throws std::invalid_argument
    /// when the key is written in a table or the result would not parse.
    void set_setting(const std::string& key, const std::string& value, const std::string& replaces = "");

    /// In a scenario, appends a copy of the [[alternative]] whose id is `from` (its
    /// block from its header to its last value, sub-tables and comments within it
    /// included) at the end of the file, with id `id`, name `name`, no `baseline`, and
    /// `description` when given. Throws std::invalid_argument for no such alternative
    /// or an id already there.
    void copy_alternative(const std::string& from, const std::string& id, const std::string& name,
                          const std::string& description = "");

private:
    /// Replaces bytes [begin, end) of the text by `with`, keeping the result only if it parses.
    void splice(std::size_t begin, std::size_t end, const std::string& with);

    std::string text_, file_name_;
    std::shared_ptr<const loader::tnode> tree_;
};

/// `s` as a TOML basic string, quotes included ("a \"b\" c\\d"); UTF-8 passes as is.
std::string toml_basic_string(const std::string& s);

/// The date `d` moved by `months` calendar months, as toml_document::shift_dates moves it.
std::chrono::year_month_day shifted_date(const std::chrono::year_month_day& d, int months);

/// `v` as TOML text: an integer when whole, else the shortest decimal that reads back
/// (with a point). Throws std::invalid_argument when `v` is not finite.
std::string toml_number_text(double v);

}  // namespace hemsim
