#include "cli/progress.hpp"

#include <unistd.h>

#include <iostream>

#include "report/messages.hpp"

namespace hemsim::cli {

progress_meter::progress_meter(language lang, bool enabled)
    : lang_(lang),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      run_start_(start_),
      last_(start_) {}

progress_meter::~progress_meter() {
    if (shown_) std::cerr << "\r\033[K" << std::flush;
}

bool progress_meter::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::function<void(std::size_t, std::size_t)> progress_meter::callback() {
    if (!enabled_) return {};
    return [this](std::size_t done, std::size_t total) { update(done, total); };
}

void progress_meter::update(std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (done == 1) {  // a new run (an analysis makes many)
        ++runs_;
        run_start_ = now;
    }
    using seconds = std::chrono::duration<double>;
    if (seconds(now - start_).count() < 1.0 || (seconds(now - last_).count() < 0.25 && done < total)) return;
    last_ = now;
    const double per = seconds(now - run_start_).count() / static_cast<double>(done);
    const double left = per * static_cast<double>(total - done);
    const std::string what = text(msg::progress_run, lang_, runs_);
    std::cerr << "\r\033[K"
              << text(msg::rep_progress, lang_, what, done, total,
                      format_number(left, left < 10 ? 1 : 0, lang_))
              << std::flush;
    shown_ = true;
    if (done == total) {  // the run is over: what comes next is printed on a clean line
        std::cerr << "\r\033[K" << std::flush;
        shown_ = false;
    }
}

}  // namespace hemsim::cli
