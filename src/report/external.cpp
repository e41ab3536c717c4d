#include "report/external.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace hemsim {

std::string find_program(const std::string& name) {
    if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : "";
    const char* path = std::getenv("PATH");
    std::string p = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= p.size()) {
        std::size_t end = p.find(':', start);
        if (end == std::string::npos) end = p.size();
        std::string dir = p.substr(start, end - start);
        if (dir.empty()) dir = ".";
        const std::string f = dir + "/" + name;
        struct stat st {};
        if (::stat(f.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(f.c_str(), X_OK) == 0) return f;
        start = end + 1;
    }
    return "";
}

std::string last_line(const tool_result& r) {
    if (!r.started) return "could not be started";
    if (r.timed_out) return "took too long and was stopped";
    std::string s = r.err.empty() ? r.out : r.err;
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    const std::size_t nl = s.rfind('\n');
    std::string line = nl == std::string::npos ? s : s.substr(nl + 1);
    if (line.size() > 300) line = line.substr(0, 300) + "...";
    return line.empty() ? "exit code " + std::to_string(r.exit_code) : line;
}

tool_result run_tool(const std::vector<std::string>& argv, const std::string& input, double timeout_seconds,
                     const std::vector<std::string>& env) {
    tool_result r;
    if (argv.empty()) return r;
    // A program that exits before reading all its input must not kill this process with SIGPIPE.
    static const bool ignoring_sigpipe = [] { return ::signal(SIGPIPE, SIG_IGN) != SIG_ERR; }();
    (void)ignoring_sigpipe;
    const std::string exe = find_program(argv[0]);
    if (exe.empty()) return r;

    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0) return r;
    if (::pipe2(out, O_CLOEXEC) != 0) {
        ::close(in[0]), ::close(in[1]);
        return r;
    }
    if (::pipe2(err, O_CLOEXEC) != 0) {
        ::close(in[0]), ::close(in[1]), ::close(out[0]), ::close(out[1]);
        return r;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr,
                             POSIX_SPAWN_SETPGROUP);  // its own group: a timeout kills its children too
    posix_spawnattr_setpgroup(&attr, 0);

    std::vector<std::string> envs;
    for (char** e = environ; e && *e; ++e) {
        const std::string kv = *e;
        const std::string name = kv.substr(0, kv.find('='));
        bool replaced = false;
        for (const std::string& add : env) replaced |= add.substr(0, add.find('=')) == name;
        if (!replaced) envs.push_back(kv);
    }
    envs.insert(envs.end(), env.begin(), env.end());
    std::vector<char*> args, envp;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const std::string& e : envs) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);

    pid_t pid = -1;
    const int rc = posix_spawn(&pid, exe.c_str(), &fa, &attr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    ::close(in[0]), ::close(out[1]), ::close(err[1]);
    if (rc != 0) {
        ::close(in[1]), ::close(out[0]), ::close(err[0]);
        return r;
    }
    r.started = true;

    // Feed stdin and drain stdout and stderr together, so that no pipe fills up.
    ::fcntl(in[1], F_SETFL, O_NONBLOCK);
    std::size_t written = 0;
    int in_fd = in[1];
    if (input.empty()) ::close(in_fd), in_fd = -1;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
    bool out_open = true, err_open = true;
    char buf[65536];
    while (out_open || err_open || in_fd >= 0) {
        const auto left = deadline - std::chrono::steady_clock::now();
        if (left <= std::chrono::steady_clock::duration::zero()) {
            r.timed_out = true;
            ::kill(-pid, SIGKILL);
            break;
        }
        pollfd fds[3];
        nfds_t n = 0;
        if (out_open) fds[n++] = {out[0], POLLIN, 0};
        if (err_open) fds[n++] = {err[0], POLLIN, 0};
        if (in_fd >= 0) fds[n++] = {in_fd, POLLOUT, 0};
        const int ms =
            static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(left).count()) + 1;
        if (::poll(fds, n, ms) < 0 && errno != EINTR) break;
        for (nfds_t i = 0; i < n; ++i) {
            if (!fds[i].revents) continue;
            if (fds[i].fd == in_fd) {
                const ssize_t w = ::write(in_fd, input.data() + written, input.size() - written);
                if (w > 0) written += static_cast<std::size_t>(w);
                if (w < 0 && errno != EAGAIN && errno != EINTR) written = input.size();
                if (written >= input.size()) ::close(in_fd), in_fd = -1;
                continue;
            }
            const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
            if (got > 0) {
                (fds[i].fd == out[0] ? r.out : r.err).append(buf, static_cast<std::size_t>(got));
            } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
                (fds[i].fd == out[0] ? out_open : err_open) = false;
            }
        }
    }
    if (in_fd >= 0) ::close(in_fd);
    ::close(out[0]), ::close(err[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!r.timed_out)
        ::kill(-pid, SIGKILL);  // what the program left running in its group (Chromium's helpers)
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

}  // namespace hemsim
