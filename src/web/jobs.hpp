// The web page's runs: a queue served by a fixed number of background threads
// (never inside a request handler), each job with its progress, a cancel flag
// and, when done, the files of its output folder. Private to src/web.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hemsim::web {

enum class job_state { queued, running, done, failed, cancelled };

/// "queued", "running", ... as the page reads them.
const char* state_name(job_state s);

struct job {
    std::string id;
    std::atomic<job_state> state{job_state::queued};
    std::atomic<std::size_t> done{0}, total{0};  // simulations of the current run
    std::atomic<bool> cancel{false};
    std::mutex mutex;                // guards what follows
    std::string message;             // why it failed, in words
    std::filesystem::path out_dir;   // where its files are
    std::vector<std::string> files;  // what it wrote (names in out_dir)
    std::string summary_json;        // the headline figures, as JSON, when done
};

/// What a job does: runs, reports progress through `j.done`/`j.total`, checks
/// `j.cancel`, writes into `j.out_dir` and fills `j.files` and `j.summary_json`;
/// throws to fail (run_cancelled when cancelled).
using job_work = std::function<void(job& j)>;

class job_queue {
public:
    /// `workers` runs at once (at least 1); at most `max_queued` waiting; finished jobs kept: `keep`.
    job_queue(unsigned workers, std::size_t max_queued, std::size_t keep = 50);
    ~job_queue();  // cancels what runs, waits for the threads
    job_queue(const job_queue&) = delete;
    job_queue& operator=(const job_queue&) = delete;

    /// Queues the work; nullptr when the queue is full.
    std::shared_ptr<job> submit(const std::string& id, const std::filesystem::path& out_dir, job_work work);
    std::shared_ptr<job> find(const std::string& id) const;
    /// How many jobs wait before `id` (0 when it runs or is not waiting).
    std::size_t position(const std::string& id) const;
    unsigned workers() const { return static_cast<unsigned>(threads_.size()); }

private:
    void serve();

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::pair<std::shared_ptr<job>, job_work>> waiting_;
    std::map<std::string, std::shared_ptr<job>> jobs_;
    std::deque<std::string> finished_;  // oldest first, for forgetting
    std::size_t max_queued_, keep_;
    bool stopping_ = false;
    std::vector<std::jthread> threads_;
};

}  // namespace hemsim::web
