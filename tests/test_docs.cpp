// docs/language.md documents every key of both languages with an example:
// each key a table of the model or the scenario may have (the loader's own
// lists, model/schema.hpp) is written in one of the page's TOML examples.
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "model/schema.hpp"

using namespace hemsim::loader;

namespace {

// The keys written in the page's ```toml blocks: assigned (also in a comment
// or an inline table) or named in a table header ([[group.initial]]).
std::set<std::string> keys_in_examples(const std::string& page) {
    std::set<std::string> keys;
    const std::regex assigned(R"((?:^|[\s{,#\[])([a-z_][a-z0-9_]*)\s*=)");
    const std::regex header(R"(^\s*#?\s*\[\[?([a-z_.]+)\]\]?)");
    std::istringstream in(page);
    std::string line;
    bool in_toml = false;
    while (std::getline(in, line)) {
        if (line.rfind("```", 0) == 0) {
            in_toml = !in_toml && line.rfind("```toml", 0) == 0;
            continue;
        }
        if (!in_toml) continue;
        for (std::sregex_iterator it(line.begin(), line.end(), assigned), end; it != end; ++it)
            keys.insert((*it)[1]);
        std::smatch h;
        if (std::regex_search(line, h, header)) {
            std::string path = h[1];
            for (std::size_t from = 0;;) {
                const std::size_t dot = path.find('.', from);
                keys.insert(path.substr(from, dot - from));
                if (dot == std::string::npos) break;
                from = dot + 1;
            }
        }
    }
    return keys;
}

const char* table_name(table_kind t) {
    switch (t) {
    case table_kind::model_header: return "[model]";
    case table_kind::scenario: return "the scenario";
    case table_kind::alternative: return "[[alternative]]";
    case table_kind::project_cost: return "[[alternative.project_cost]]";
    case table_kind::calc_line: return "[[alternative.calc]]";
    case table_kind::gate: return "a gate of require";
    case table_kind::bar: return "a rule of never_for";
    case table_kind::charged_for: return "charged_for";
    case table_kind::count_: break;
    }
    return "?";
}

}  // namespace

TEST_CASE("docs/language.md has an example of every key of the languages", "[docs]") {
    std::ifstream f(std::string(HEMSIM_SOURCE_DIR) + "/docs/language.md");
    REQUIRE(f);
    std::stringstream ss;
    ss << f.rdbuf();
    const std::set<std::string> documented = keys_in_examples(ss.str());
    // The reading itself: a key of a comment, an inline table and a header.
    CHECK(keys_in_examples("```toml\n# service_slots = 8\nx = { unit = 1 }\n[[group.initial]]\n```\n") ==
          std::set<std::string>{"service_slots", "x", "unit", "group", "initial"});
    CHECK(keys_in_examples("```\nnot_toml = 1\n```\n").empty());

    std::string missing;
    for (element_kind k :
         {element_kind::payer, element_kind::placement, element_kind::staff, element_kind::service,
          element_kind::supply, element_kind::attribute, element_kind::group, element_kind::transition,
          element_kind::indicator, element_kind::initial, element_kind::arrivals}) {
        const kind_schema& s = schema_of(k);
        if (!documented.count(std::string(s.key))) missing += "\n  the array " + std::string(s.key);
        for (const std::string& key : s.keys)
            if (!documented.count(key)) missing += "\n  " + key + " of " + std::string(s.key);
    }
    for (std::size_t t = 0; t < static_cast<std::size_t>(table_kind::count_); ++t)
        for (const std::string& key : keys_of(static_cast<table_kind>(t)))
            if (!documented.count(key))
                missing += "\n  " + key + " of " + table_name(static_cast<table_kind>(t));
    INFO("keys without an example in docs/language.md:" << missing);
    CHECK(missing.empty());
}
