// The message catalogue: every message in both languages, taking the same arguments.
#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "report/messages.hpp"

using namespace hemsim;

namespace {

const std::array<language, 2> both{language::sv, language::en};

// "sv" or "en", for a readable failure.
const char* code(language lang) { return lang == language::sv ? "sv" : "en"; }

}  // namespace

TEST_CASE("every message has a text in both languages", "[report][messages]") {
    REQUIRE(message_count > 0);
    for (std::size_t i = 0; i < message_count; ++i)
        for (language lang : both) {
            INFO("message " << i << " (" << code(lang) << ")");
            CHECK(!message_pattern(static_cast<msg>(i), lang).empty());
        }
}

TEST_CASE("the two languages of a message take the same arguments", "[report][messages]") {
    for (std::size_t i = 0; i < message_count; ++i) {
        const msg m = static_cast<msg>(i);
        const std::string sv(message_pattern(m, language::sv)), en(message_pattern(m, language::en));
        INFO("message " << i << ": sv '" << sv << "', en '" << en << "'");
        const std::size_t n = arguments_of(sv);
        CHECK(arguments_of(en) == n);
        // Each argument once marked: every one of them must appear in both languages.
        std::vector<std::string> args;
        for (std::size_t k = 0; k < n; ++k) {
            // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "\x1f" + std::string&&.
            std::string marked = "\x1f";
            marked += std::to_string(k);
            marked += "\x1f";
            args.push_back(marked);
        }
        for (language lang : both) {
            std::string got;
            REQUIRE_NOTHROW(got = text_of(m, lang, args));
            for (const std::string& a : args) {
                INFO(code(lang) << " lacks argument " << a.substr(1, a.size() - 2) << ": '" << got << "'");
                CHECK(got.find(a) != std::string::npos);
            }
        }
    }
}

TEST_CASE("arguments_of counts placeholders as {fmt} does", "[report][messages]") {
    CHECK(arguments_of("no arguments") == 0);
    CHECK(arguments_of("{0} and {1}") == 2);
    CHECK(arguments_of("{1} before {0}") == 2);
    CHECK(arguments_of("{0}, {0} again") == 1);
    CHECK(arguments_of("{2} alone") == 3);
    CHECK(arguments_of("{{0}} is no placeholder") == 0);
    CHECK(arguments_of("{} and {:>4}") == 2);
}

TEST_CASE("text fills in a message's arguments in the language", "[report][messages]") {
    CHECK(text(msg::baseline_name, language::sv, "Noll") == "Noll (nollalternativ)");
    CHECK(text(msg::baseline_name, language::en, std::string("Noll")) ==
          "Noll (nollalternativ, the baseline)");
    // Whole numbers in plain digits, as std::to_string writes them.
    CHECK(text(msg::run_header, language::en, "2007-01-01", 36, 20u, std::uint64_t{12345678901}) ==
          "Start 2007-01-01, 36 months, 20 simulated futures (replications), seed 12345678901");
    CHECK(text(msg::run_col_year, language::sv) == "År");
}
