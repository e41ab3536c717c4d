// The command line: parses options (Boost.Program_Options) into plain option
// structs, calls the library, and turns exceptions into exit codes.
#pragma once

#include <iosfwd>

namespace hemsim {

/// Exit codes: 0 success, 1 failure while running, 2 usage or input error.
inline constexpr int exit_ok = 0, exit_failure = 1, exit_usage = 2;

/// Runs the `hemsim` command line; writes to `out` and `err`.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace hemsim
