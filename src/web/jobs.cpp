#include "web/jobs.hpp"

#include <exception>

#include "results/runner.hpp"

namespace hemsim::web {

const char* state_name(job_state s) {
    switch (s) {
    case job_state::queued: return "queued";
    case job_state::running: return "running";
    case job_state::done: return "done";
    case job_state::failed: return "failed";
    case job_state::cancelled: return "cancelled";
    }
    return "";
}

job_queue::job_queue(unsigned workers, std::size_t max_queued, std::size_t keep)
    : max_queued_(max_queued), keep_(keep) {
    for (unsigned i = 0; i < std::max(1u, workers); ++i) threads_.emplace_back([this] { serve(); });
}

job_queue::~job_queue() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (auto& [id, j] : jobs_) j->cancel = true;
    }
    wake_.notify_all();
    threads_.clear();  // joins
}

std::shared_ptr<job> job_queue::submit(const std::string& id, const std::filesystem::path& out_dir,
                                       job_work work) {
    auto j = std::make_shared<job>();
    j->id = id;
    j->out_dir = out_dir;
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || waiting_.size() >= max_queued_) return nullptr;
        waiting_.emplace_back(j, std::move(work));
        jobs_[id] = j;
    }
    wake_.notify_one();
    return j;
}

std::shared_ptr<job> job_queue::find(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto it = jobs_.find(id);
    return it == jobs_.end() ? nullptr : it->second;
}

std::size_t job_queue::position(const std::string& id) const {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < waiting_.size(); ++i)
        if (waiting_[i].first->id == id) return i + 1;
    return 0;
}

void job_queue::serve() {
    for (;;) {
        std::shared_ptr<job> j;
        job_work work;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !waiting_.empty(); });
            if (stopping_) return;
            j = waiting_.front().first;
            work = std::move(waiting_.front().second);
            waiting_.pop_front();
        }
        if (j->cancel) {
            j->state = job_state::cancelled;
        } else {
            j->state = job_state::running;
            try {
                work(*j);
                j->state = j->cancel ? job_state::cancelled : job_state::done;
            } catch (const run_cancelled&) {
                j->state = job_state::cancelled;
            } catch (const std::exception& e) {
                std::lock_guard lock(j->mutex);
                j->message = e.what();
                j->state = job_state::failed;
            }
        }
        std::lock_guard lock(mutex_);
        finished_.push_back(j->id);
        while (finished_.size() > keep_) {
            jobs_.erase(finished_.front());
            finished_.pop_front();
        }
    }
}

}  // namespace hemsim::web
