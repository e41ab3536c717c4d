// `hemsim serve`: a local web page where a case is read as a form, changed,
// run in the background and its report read and downloaded. cpp-httplib only
// here (src/web). The page is a door into the user's files, so: loopback
// unless told otherwise, the Host and Origin of every request checked against
// the server's own (DNS rebinding), a per-start token on every request that
// changes anything (CSRF), names confined to the cases and runs folders,
// bodies and runs bounded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace hemsim::web {

struct serve_options {
    std::string host = "127.0.0.1";
    int port = 8080;                    // 0: any free port
    std::filesystem::path shipped_dir;  // the shipped cases (scenarios/)
    std::filesystem::path cases_dir;    // the user's own cases
    std::filesystem::path runs_dir;     // where runs write their files
    std::uint32_t max_replications = 2000;
    int max_horizon_months = 240;  // 20 years
    double max_clients =
        100000;  // clients in one future: the stock at the start and the arrivals at their highest rates
    unsigned concurrent_runs = 1;  // runs at once; the others wait in line
    std::size_t max_waiting = 8;
    std::size_t max_body_bytes = 1 << 20;
};

class server {
public:
    /// Binds (throws std::runtime_error naming the host and port when it cannot).
    explicit server(serve_options o);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    int port() const;
    std::string url() const;           // http://host:port/
    const std::string& token() const;  // the per-start token state-changing requests carry
    /// Serves until stop() (from another thread or a signal handler's thread).
    void run();
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// The default folder of the user's own cases: $XDG_DATA_HOME/hemsim/cases, else ~/.local/share/hemsim/cases.
std::filesystem::path default_cases_dir();

}  // namespace hemsim::web
