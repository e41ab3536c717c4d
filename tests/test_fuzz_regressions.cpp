// The inputs the fuzzers found (tests/data/fuzz/model-*.toml, case-*.toml),
// each run as the harness runs it (tests/fuzz/fuzz_run.hpp): it must load or
// fail with an input error, and run without crashing, within the fuzzers'
// 10 s. And the harness itself takes a good case through every pass.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/fuzz_run.hpp"

namespace fs = std::filesystem;
using hemsim::fuzz::outcome;

namespace {

// The files of tests/data/fuzz whose names start with `prefix`, sorted.
std::vector<fs::path> findings(const std::string& prefix) {
    std::vector<fs::path> out;
    fs::path dir = fs::path(HEMSIM_TEST_DATA) / "fuzz";
    if (!fs::exists(dir)) return out;
    for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
        std::string name = e.path().filename().string();
        if (name.rfind(prefix, 0) == 0 && e.path().extension() == ".toml") out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::uint8_t> bytes_of(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs `file` as the fuzzer of `kind` does: its bytes written as `name` in a workdir.
void runs_cleanly(const fs::path& file, const char* name, outcome (*run)(const fs::path&)) {
    static const hemsim::fuzz::workdir dir(HEMSIM_SOURCE_DIR);
    std::vector<std::uint8_t> data = bytes_of(file);
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE_NOTHROW(run(dir.write(name, data.data(), data.size())));
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    INFO("took " << seconds << " s");
    CHECK(seconds < 10);
}

}  // namespace

TEST_CASE("the model inputs the fuzzers found fail or run cleanly") {
    for (const fs::path& f : findings("model-")) DYNAMIC_SECTION(f.filename().string()) {
            runs_cleanly(f, "model.toml", hemsim::fuzz::run_model_file);
        }
}

TEST_CASE("the case inputs the fuzzers found fail or run cleanly") {
    for (const fs::path& f : findings("case-")) DYNAMIC_SECTION(f.filename().string()) {
            runs_cleanly(f, "case.toml", hemsim::fuzz::run_scenario_file);
        }
}

TEST_CASE(
    "the fuzzers' harness takes a good input through every pass, rejects a bad one, stops a runaway one") {
    const std::string src = HEMSIM_SOURCE_DIR;
    CHECK(hemsim::fuzz::run_model_file(src + "/models/bostadskedjan.toml") == outcome::ran);
    CHECK(hemsim::fuzz::run_scenario_file(src + "/scenarios/enheten-for-hemlosa-2007.toml") == outcome::ran);
    CHECK(hemsim::fuzz::run_model_file(std::string(HEMSIM_TEST_DATA) + "/bad/negative_price.toml") ==
          outcome::rejected);
    SECTION("a case written in the workdir resolves the copies of the models, as the corpus writes it") {
        hemsim::fuzz::workdir dir(src);
        CHECK(fs::exists(dir.path() / "tests/data/good/chain.toml"));
        CHECK_FALSE(fs::exists(dir.path() / "tests/data/fuzz"));
        std::vector<std::uint8_t> data = bytes_of(src + "/scenarios/enheten-for-hemlosa-2007.toml");
        std::string text(data.begin(), data.end());
        const std::string from = "model = \"../models/", to = "model = \"models/";
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), to);
        fs::path file =
            dir.write("case.toml", reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
        CHECK(file == dir.path() / "case.toml");
        CHECK(hemsim::fuzz::run_scenario_file(file) == outcome::ran);
    }
    SECTION("a case past the run's limits stops, as a normal outcome") {
        hemsim::fuzz::workdir dir(src);
        std::vector<std::uint8_t> data = bytes_of(src + "/models/example.toml");
        std::string text(data.begin(), data.end());
        const std::string from = "per_year = { value = 40,",
                          to = "per_year = { value = 900000,";  // the arrivals
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), to);
        dir.write("model.toml", reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
        data = bytes_of(std::string(HEMSIM_TEST_DATA) + "/good/example-case.toml");
        text.assign(data.begin(), data.end());
        const std::string model_from = "model = \"../../../models/example.toml\"",
                          model_to = "model = \"model.toml\"";
        REQUIRE(text.find(model_from) != std::string::npos);
        text.replace(text.find(model_from), model_from.size(), model_to);
        fs::path file =
            dir.write("case.toml", reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
        CHECK(hemsim::fuzz::run_scenario_file(file) == outcome::stopped);
    }
}
