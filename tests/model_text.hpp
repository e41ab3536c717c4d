// Model text written to a file of its own and loaded: for tests of the
// loader's keys and refusals written inline (`folder` names the test's temp folder).
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <random>
#include <string>

#include "cli_helpers.hpp"
#include "model/loader.hpp"

namespace hemsim::testing {

inline std::filesystem::path write_model_text(const std::string& folder, const std::string& text) {
    static std::mt19937_64 rng{std::random_device{}()};
    std::filesystem::path dir = temp_path(folder);
    std::filesystem::create_directories(dir);
    std::filesystem::path file = dir / ("inline_" + std::to_string(rng()) + ".toml");
    std::ofstream(file) << text;
    return file;
}

/// The model that `text` loads to.
inline model model_of_text(const std::string& folder, const std::string& text) {
    const std::filesystem::path file = write_model_text(folder, text);
    model m = load_model(file);
    std::filesystem::remove(file);
    return m;
}

/// The model text must fail to load with every needle in its message.
inline void model_text_fails(const std::string& folder, const std::string& text,
                             std::initializer_list<std::string> needles) {
    const std::filesystem::path file = write_model_text(folder, text);
    std::string msg;
    try {
        load_model(file);
    } catch (const input_error& e) {
        msg = e.what();
    }
    std::filesystem::remove(file);
    INFO("message: " << msg);
    REQUIRE_FALSE(msg.empty());
    for (const auto& needle : needles) CHECK_THAT(msg, Catch::Matchers::Contains(needle));
}

}  // namespace hemsim::testing
