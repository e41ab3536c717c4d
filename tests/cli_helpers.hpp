// Running the command line in-process from tests, and reading what it wrote.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace hemsim::testing {

struct cli_result {
    int code;
    std::string out, err;
};

/// Runs `hemsim ARGS...` and returns its exit code and what it printed.
inline cli_result cli(std::vector<std::string> args) {
    args.insert(args.begin(), "hemsim");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    int code = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

/// A folder of the test process's own under the temp folder ("hemsim-<pid>-<name>"):
/// test runs of two checkouts at once never share one.
inline std::filesystem::path temp_path(const std::string& name) {
    return std::filesystem::temp_directory_path() / ("hemsim-" + std::to_string(::getpid()) + "-" + name);
}

/// temp_path(name), emptied: gone, or (with create) an empty folder.
inline std::filesystem::path fresh_path(const std::string& name, bool create) {
    std::filesystem::path p = temp_path(name);
    std::filesystem::remove_all(p);
    if (create) std::filesystem::create_directories(p);
    return p;
}

/// A file's bytes ("" when missing).
inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace hemsim::testing
