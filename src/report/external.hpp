// Running the external programs of the report (Graphviz dot, rsvg-convert,
// pandoc, Chromium) as child processes: no shell, arguments as given, input
// on stdin, output captured, a time limit after which the child and its
// process group are killed.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace hemsim {

struct tool_result {
    bool started = false;  // false: the program could not be started (not found)
    bool timed_out = false;
    int exit_code = -1;  // the exit status, or -1 when killed by a signal
    std::string out, err;
};

/// Runs argv[0] (looked up in PATH) with `input` on its stdin, with the
/// environment plus `env` (NAME=value), killing it after `timeout_seconds`.
tool_result run_tool(const std::vector<std::string>& argv, const std::string& input = "",
                     double timeout_seconds = 60, const std::vector<std::string>& env = {});

/// The program's path when it is in PATH, or "".
std::string find_program(const std::string& name);

/// One line of what a failed run printed, for a message: the last non-empty line of stderr.
std::string last_line(const tool_result& r);

}  // namespace hemsim
