#include "report/messages.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <functional>

namespace hemsim {

namespace {

// One message in both languages, side by side for a translator. Placeholders:
// {0}, {1}, ... (each language may put them in its own order); numbers come in
// already formatted for the language.
struct message {
    msg id;
    std::string_view sv, en;
};

// Sections follow the files that print the messages; a comment says where each is used.
// Swedish above English, or beside it when both fit on one line.
// clang-format off
constexpr std::array<message, message_count> catalogue{{
    // ---- report/table.cpp, run_table: the run summary

    // The line under the case's title: {0} start date, {1} months, {2} replications, {3} seed.
    {msg::run_header,
     "Start {0}, {1} månader, {2} simulerade utfall (replikeringar), seed {3}",
     "Start {0}, {1} months, {2} simulated futures (replications), seed {3}"},
    // What the table's columns mean, above it.
    {msg::run_explanation,
     "Kostnad i tkr. Medelvärde över de simulerade utfallen, medelvärdets 95 % konfidensintervall (KI) och "
     "spridningen: i 90 % av utfallen ligger skillnaden mellan de två talen (5:e–95:e percentilen). "
     "Skillnaden mot nollalternativet är parad per utfall (samma klienter).",
     "Cost in tkr (thousand SEK). The mean over the simulated futures, the 95 % confidence interval (CI) of "
     "the mean, and the spread: in 90 % of the futures the difference lies between the two figures (5th–95th "
     "percentile). The difference against the nollalternativ is paired by future (the same clients)."},
    // The column heads; run_col_ci heads both the cost's and the difference's interval.
    {msg::run_col_alternative, "Alternativ", "Alternative"},
    {msg::run_col_year, "År", "Year"},
    {msg::run_col_cost, "Kostnad", "Cost"},
    {msg::run_col_ci, "medelvärdets 95 % KI", "95 % CI of the mean"},
    {msg::run_col_difference, "Skillnad", "Difference"},
    {msg::run_col_spread, "90 % av utfallen", "90 % of futures"},
    // The year column's label of the whole horizon.
    {msg::run_year_total, "totalt", "total"},
    // display_name: the nollalternativ's name as printed, {0} its name (when it does not say so itself).
    {msg::baseline_name, "{0} (nollalternativ)", "{0} (nollalternativ, the baseline)"},
}};
// clang-format on

// Every message once, in the order of enum class msg: catalogue[i] is message i.
constexpr bool keyed_in_order() {
    for (std::size_t i = 0; i < catalogue.size(); ++i)
        if (catalogue[i].id != static_cast<msg>(i)) return false;
    return true;
}
static_assert(keyed_in_order(), "list every message of enum class msg once, in its order");

}  // namespace

std::string_view message_pattern(msg m, language lang) {
    const message& e = catalogue.at(static_cast<std::size_t>(m));
    return lang == language::sv ? e.sv : e.en;
}

std::size_t arguments_of(std::string_view pattern) {
    std::size_t n = 0, automatic = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '}' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
            ++i;
            continue;
        }
        if (pattern[i] != '{') continue;
        if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
            ++i;
            continue;
        }
        std::size_t j = i + 1, index = 0;
        bool digits = false;
        for (; j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9'; ++j) {
            index = index * 10 + static_cast<std::size_t>(pattern[j] - '0');
            digits = true;
        }
        // "{}" or "{:...}" takes the next argument, as {fmt} counts.
        n = std::max(n, digits ? index + 1 : ++automatic);
        i = j;
    }
    return n;
}

std::string text_of(msg m, language lang, std::span<const std::string> args) {
    const std::string_view pattern = message_pattern(m, lang);
    assert(args.size() == arguments_of(pattern) && "text(): as many arguments as the message's placeholders");
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    store.reserve(args.size(), 0);
    for (const std::string& a : args) store.push_back(std::cref(a));
    return fmt::vformat(fmt::string_view(pattern.data(), pattern.size()), store);
}

}  // namespace hemsim
