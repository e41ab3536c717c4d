#include "report/files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>  // renameat2, RENAME_EXCHANGE (glibc >= 2.28, _GNU_SOURCE)
#include <cstdlib>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace hemsim {

namespace fs = std::filesystem;

namespace {

// Test hooks, read from the environment at every commit. They are for the tests
// (tests/test_atomic_output.cpp) only:
//   HEMSIM_TEST_COMMIT_ABORT=<step>   the process calls _exit(9) right after step <step> of
//                                     output_set::commit(): 1 staging folder made, 2 files written,
//                                     3 old files carried, 4 switched in (swapped or renamed),
//                                     5 old folder removed.
//   HEMSIM_TEST_COMMIT_DELAY_MS=<ms>  sleeps <ms> milliseconds, holding the lock, before the switch.
//   HEMSIM_TEST_COMMIT_NO_EXCHANGE=1  switches as on a file system without RENAME_EXCHANGE (two renames).
struct test_hooks {
    int abort_after_step = 0;
    int delay_ms = 0;
    bool no_exchange = false;
};

int env_int(const char* name) {
    const char* text = std::getenv(name);
    if (!text) return 0;
    int value = 0;
    const char* end = text + std::char_traits<char>::length(text);
    auto [p, ec] = std::from_chars(text, end, value);
    return ec == std::errc() && p == end ? value : 0;
}

test_hooks read_test_hooks() {
    return {env_int("HEMSIM_TEST_COMMIT_ABORT"), env_int("HEMSIM_TEST_COMMIT_DELAY_MS"),
            env_int("HEMSIM_TEST_COMMIT_NO_EXCHANGE") == 1};
}

void after_step(const test_hooks& hooks, int step) {
    if (hooks.abort_after_step == step) ::_exit(9);
}

// "<what>: <the system's message for errno>", as an exception.
[[noreturn]] void throw_errno(const std::string& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

// Writes content to file (created or truncated) and flushes it to the disk, so that a folder
// switched in after a crash of the machine does not hold empty files.
// Copies a file and syncs the copy to the disk.
void copy_synced(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec)
        throw std::runtime_error("cannot copy " + from.string() + " to " + to.string() + ": " + ec.message());
    const int fd = ::open(to.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) throw_errno("cannot open " + to.string());
    const bool synced = ::fsync(fd) == 0;
    const int e = errno;
    ::close(fd);
    errno = e;
    if (!synced) throw_errno("cannot write " + to.string() + " to the disk");
}

void write_synced(const fs::path& file, const std::string& content) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) throw_errno("cannot create " + file.string());
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int e = errno;
            ::close(fd);
            errno = e;
            throw_errno("cannot write " + file.string() + " (disk full?)");
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        const int e = errno;
        ::close(fd);
        errno = e;
        throw_errno("cannot write " + file.string() + " to the disk");
    }
    if (::close(fd) != 0) throw_errno("cannot write " + file.string());
}

// Flushes a folder's entries to the disk; best effort, as some file systems cannot.
void sync_folder(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

fs::path temp_name(const fs::path& file) {
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "." + std::string&&.
    std::string name = ".";
    name += file.filename().string();
    name += ".tmp-";
    name += std::to_string(::getpid());
    return file.parent_path() / name;
}

// The pid in "<prefix><pid><rest>" when name has that form and rest is empty or starts with
// rest_start; 0 otherwise.
pid_t pid_in_name(const std::string& name, const std::string& prefix, char rest_start) {
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) return 0;
    const char* begin = name.data() + prefix.size();
    const char* end = name.data() + name.size();
    pid_t pid = 0;
    auto [p, ec] = std::from_chars(begin, end, pid);
    if (ec != std::errc() || p == begin || pid <= 0) return 0;
    return p == end || *p == rest_start ? pid : 0;
}

// A pid of no live process (it may have been given to another process since: then it looks alive).
bool process_is_dead(pid_t pid) { return pid > 0 && ::kill(pid, 0) == -1 && errno == ESRCH; }

// ".<file>.tmp-<pid>" of a dead process: a temporary of write_file_atomic, or of an older
// hemsim's commit, killed while writing.
bool is_dead_temporary(const std::string& name) {
    const std::size_t at = name.rfind(".tmp-");
    if (name.empty() || name.front() != '.' || at == std::string::npos || at == 0) return false;
    return process_is_dead(pid_in_name(name.substr(at), ".tmp-", '\0'));
}

std::string random_hex() {
    std::random_device rd;
    char text[9];
    std::snprintf(text, sizeof text, "%08x", static_cast<unsigned>(rd()));
    return text;
}

// Whether the open file fd is the one now named path.
bool is_named(int fd, const fs::path& path) {
    struct stat opened {};
    struct stat named {};
    return ::fstat(fd, &opened) == 0 && ::stat(path.c_str(), &named) == 0 && opened.st_dev == named.st_dev &&
           opened.st_ino == named.st_ino;
}

// An exclusive flock(2) on a lock file, which exists only while held: blocks while another
// process holds it, removes it on destruction. Where the file system has no locks (Lustre
// mounted without flock, NFS without a lock daemon) it holds nothing, and held() says so.
class folder_lock {
public:
    explicit folder_lock(fs::path file) : file_(std::move(file)) {
        for (;;) {
            fd_ = ::open(file_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
            if (fd_ < 0) throw_errno("cannot create the lock file " + file_.string());
            int rc = 0;
            do rc = ::flock(fd_, LOCK_EX);
            while (rc != 0 && errno == EINTR);
            if (rc != 0 && (errno == ENOSYS || errno == ENOLCK || errno == EOPNOTSUPP)) return;
            if (rc != 0) {
                const int e = errno;
                ::close(fd_);
                errno = e;
                throw_errno("cannot lock " + file_.string());
            }
            // The holder before us removes the file before letting go: then lock the one named now.
            if (is_named(fd_, file_)) break;
            ::close(fd_);
        }
        held_ = true;
    }
    ~folder_lock() {
        ::unlink(file_.c_str());  // before the lock goes, so that no one waits on a removed file unawares
        ::close(fd_);             // closing the file releases the lock
    }
    folder_lock(const folder_lock&) = delete;
    folder_lock& operator=(const folder_lock&) = delete;
    bool held() const { return held_; }

private:
    fs::path file_;
    int fd_ = -1;
    bool held_ = false;
};

// The places one commit uses, all in the output folder's parent so that renames stay atomic.
struct commit_paths {
    fs::path target;  // the output folder: absolute, symbolic links resolved
    fs::path parent;
    std::string name;  // target's file name

    std::string prefix(const std::string& kind) const { return "." + name + "." + kind + "-"; }
    fs::path lock() const { return parent / ("." + name + ".lock"); }
    fs::path fresh(const std::string& kind) const {
        return parent / (prefix(kind) + std::to_string(::getpid()) + "-" + random_hex());
    }
};

// Resolves dir so that the folder renamed is the real one, also for "out/", "." or a link.
commit_paths paths_of(const fs::path& dir) {
    fs::path target = fs::weakly_canonical(fs::absolute(dir));
    if (!target.has_filename()) target = target.parent_path();  // a trailing separator
    if (!target.has_filename() || target == target.root_path())
        throw std::runtime_error("it is the root folder; choose another output folder (--out)");
    return {target, target.parent_path(), target.filename().string()};
}

// Removes what a killed commit into this folder left beside it, holding the lock: staging
// folders ("staging-<pid>-*", which after a swap hold the old set) and the old folder of an
// interrupted two-rename switch ("old-<pid>-*"), which is put back if the folder is missing.
void remove_dead_leftovers(const commit_paths& at) {
    std::vector<fs::path> staging, old;
    std::error_code ec;
    for (fs::directory_iterator it(at.parent, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string n = it->path().filename().string();
        if (process_is_dead(pid_in_name(n, at.prefix("staging"), '-'))) staging.push_back(it->path());
        if (process_is_dead(pid_in_name(n, at.prefix("old"), '-'))) old.push_back(it->path());
    }
    if (!old.empty() && !fs::exists(fs::symlink_status(at.target, ec))) {
        if (::rename(old.front().c_str(), at.target.c_str()) != 0)
            throw_errno("cannot put back the earlier files from " + old.front().string());
        old.erase(old.begin());
    }
    for (const auto& list : {staging, old})
        for (const fs::path& p : list) fs::remove_all(p, ec);
}

// Links (or, where links are not possible, copies) into staging every file of target that
// this commit does not write, so that the new folder also keeps what earlier commands wrote.
void carry_old_files(const fs::path& target, const fs::path& staging, const std::set<std::string>& written) {
    for (const fs::directory_entry& e : fs::directory_iterator(target)) {
        const std::string n = e.path().filename().string();
        if (written.count(n)) continue;
        const fs::file_status s = e.symlink_status();
        if (fs::is_regular_file(s)) {
            if (is_dead_temporary(n)) continue;
            if (::link(e.path().c_str(), (staging / n).c_str()) != 0) fs::copy_file(e.path(), staging / n);
        } else if (fs::is_symlink(s)) {
            fs::copy_symlink(e.path(), staging / n);
        } else {
            throw std::runtime_error("it holds '" + n + "', which is " +
                                     (fs::is_directory(s) ? "a folder" : "not a file") +
                                     " and cannot be carried into the new set of files; move it out or "
                                     "choose another output folder (--out)");
        }
    }
}

// Switches staging in for the existing target in one step; returns the place the old folder
// is now at. Where the file system cannot exchange two names, two renames do it: a reader may
// then find no folder for an instant, never a mixed one.
fs::path switch_in(const commit_paths& at, const fs::path& staging, const test_hooks& hooks) {
    if (!hooks.no_exchange &&
        ::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, at.target.c_str(), RENAME_EXCHANGE) == 0)
        return staging;
    if (!hooks.no_exchange && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
        throw_errno("cannot exchange " + staging.string() + " with " + at.target.string());
    const fs::path old = at.fresh("old");
    if (::rename(at.target.c_str(), old.c_str()) != 0)
        throw_errno("cannot move " + at.target.string() + " aside");
    if (::rename(staging.c_str(), at.target.c_str()) != 0) {
        const int e = errno;
        ::rename(old.c_str(), at.target.c_str());
        errno = e;
        throw_errno("cannot rename " + staging.string() + " to " + at.target.string());
    }
    return old;
}

}  // namespace

void write_file_atomic(const fs::path& file, const std::string& content) {
    fs::path tmp = temp_name(file);
    try {
        write_synced(tmp, content);
        fs::rename(tmp, file);
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
}

void output_set::commit() const {
    const test_hooks hooks = read_test_hooks();
    const std::string folder = dir_.string();
    const std::string unchanged = "; " + folder + " was left as it was";
    const std::string not_a_folder =
        "it exists and is not a folder; remove it or choose another output folder (--out)";
    commit_paths at;
    try {
        at = paths_of(dir_);
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot write the output folder " + folder + ": " + e.what());
    }
    std::error_code ec;
    // Checked again under the lock; here so that a file in the way leaves not even a lock file.
    const fs::file_status found = fs::symlink_status(at.target, ec);
    if (fs::exists(found) && !fs::is_directory(found))
        throw std::runtime_error("cannot write the output folder " + folder + ": " + not_a_folder +
                                 unchanged);
    fs::create_directories(at.parent, ec);
    if (ec)
        throw std::runtime_error("cannot create " + at.parent.string() + " to hold the output folder " +
                                 folder + ": " + ec.message() +
                                 "; check the path and that you may write there");

    std::optional<folder_lock> lock;
    bool target_exists = false;
    struct stat target_stat {};
    try {
        lock.emplace(at.lock());
        // Unlocked, a staging folder of a pid unknown here may be a live run's on another machine.
        if (lock->held()) remove_dead_leftovers(at);
        if (::lstat(at.target.c_str(), &target_stat) == 0) {
            if (!S_ISDIR(target_stat.st_mode)) throw std::runtime_error(not_a_folder);
            target_exists = true;
        } else if (errno != ENOENT) {
            throw_errno("cannot look at " + at.target.string());
        }
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot write the output folder " + folder + ": " + e.what() + unchanged);
    }

    fs::path staging;
    fs::path old;
    try {
        for (int attempt = 0; staging.empty(); ++attempt) {
            const fs::path p = at.fresh("staging");
            if (::mkdir(p.c_str(), 0777) == 0) {
                staging = p;
            } else if (errno != EEXIST || attempt == 10) {
                throw_errno("cannot make a staging folder beside it in " + at.parent.string() +
                            " (check that you may write there)");
            }
        }
        after_step(hooks, 1);
        std::set<std::string> written;
        for (const auto& [name, content] : files_) {
            assert(fs::path(name).filename() == name && "output_set::add takes a plain file name");
            write_synced(staging / name, content);
            written.insert(name);
        }
        for (const auto& [name, from] : copies_) {
            assert(fs::path(name).filename() == name && "output_set::add_copy takes a plain file name");
            copy_synced(from, staging / name);
            written.insert(name);
        }
        after_step(hooks, 2);
        if (target_exists) {
            carry_old_files(at.target, staging, written);
            ::chmod(staging.c_str(), target_stat.st_mode & 07777);  // keep the folder's permissions
        }
        sync_folder(staging);
        after_step(hooks, 3);
        if (hooks.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(hooks.delay_ms));
        if (!target_exists) {
            if (::rename(staging.c_str(), at.target.c_str()) != 0)
                throw_errno("cannot rename " + staging.string() + " to " + at.target.string());
        } else {
            old = switch_in(at, staging, hooks);
        }
    } catch (const std::exception& e) {
        if (!staging.empty()) fs::remove_all(staging, ec);
        throw std::runtime_error("cannot write the output folder " + folder + ": " + e.what() + unchanged);
    }
    after_step(hooks, 4);
    sync_folder(at.parent);
    // The new set is in place; an old folder that will not go is removed by the next commit.
    if (!old.empty()) fs::remove_all(old, ec);
    after_step(hooks, 5);
}

std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_bytes(const std::filesystem::path& file, const std::string& content) {
    std::ofstream out(file, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error(file.string() + ": cannot write");
}

scratch_folder::scratch_folder(const std::string& prefix) {
    std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("cannot make a temporary folder (" + tmpl + ")");
    path_ = tmpl;
}

scratch_folder::~scratch_folder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace hemsim
