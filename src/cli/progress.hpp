// Progress of long runs on stderr: shown only when stderr is a terminal, not
// with --quiet, and only once a run has taken more than a second. Private to src/cli.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>

#include "report/text.hpp"

namespace hemsim::cli {

class progress_meter {
public:
    /// `enabled` false: the callback does nothing.
    progress_meter(language lang, bool enabled);
    ~progress_meter();  // clears the line it wrote
    progress_meter(const progress_meter&) = delete;
    progress_meter& operator=(const progress_meter&) = delete;

    /// What run_options::progress takes; valid while the meter lives.
    std::function<void(std::size_t, std::size_t)> callback();

    /// Whether stderr is a terminal.
    static bool stderr_is_terminal();

private:
    void update(std::size_t done, std::size_t total);

    language lang_;
    bool enabled_;
    std::mutex mutex_;
    std::chrono::steady_clock::time_point start_, run_start_, last_;
    std::size_t runs_ = 0;
    bool shown_ = false;
};

}  // namespace hemsim::cli
