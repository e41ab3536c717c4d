// What the fuzzers do with one input, shared with the regression test of the
// inputs they found (tests/test_fuzz_regressions.cpp): load it through
// hemsim's own loader and validation and, when it loads, run it briefly
// through every pass. A rejected input or a stopped run is a normal outcome;
// anything else that escapes (a std::logic_error such as a failed
// conservation check, std::out_of_range, ...) is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace hemsim::fuzz {

/// A per-process temporary folder holding copies of the shipped models:
/// models/ and tests/data/ under their paths in the source tree, so that a
/// case written at its top with `model = "models/example.toml"` resolves.
/// Created under the temp directory ($TMPDIR), removed on destruction.
class workdir {
public:
    explicit workdir(const std::filesystem::path& source_dir);
    ~workdir();
    workdir(const workdir&) = delete;
    workdir& operator=(const workdir&) = delete;

    /// Writes `size` bytes as the file `name` at the top of the folder
    /// (replacing it); returns its path.
    std::filesystem::path write(const char* name, const std::uint8_t* data, std::size_t size) const;

    const std::filesystem::path& path() const { return dir_; }

private:
    std::filesystem::path dir_;
};

/// How far an input got.
enum class outcome {
    rejected,  // an input error (or another std::exception) while loading or validating
    stopped,   // loaded, but a pass stopped with a std::runtime_error (a limit, too many states)
    ran,       // loaded and went through every pass
};

/// The short replication the fuzzers allow a case (sim_limits, run_options).
inline constexpr int max_horizon_months = 24;
inline constexpr std::uint64_t max_events = 200'000;
inline constexpr std::uint64_t max_clients = 20'000;

/// A model file: check_file, load_model, then analyze_model.
outcome run_model_file(const std::filesystem::path& file);

/// A case file: check_file, load_scenario; then, the horizon cut to
/// max_horizon_months, static_sum, analyze_scenario, one replication on one
/// thread under the limits above (run_scenario), check_conservation,
/// yearly_rows, ledger_rows, economics_rows and compare_with_simulation.
outcome run_scenario_file(const std::filesystem::path& file);

}  // namespace hemsim::fuzz
