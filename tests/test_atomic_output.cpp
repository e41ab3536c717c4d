// Output files as one unit (issue 9): a run killed at any step of its commit, two runs into one
// folder at once, files of earlier commands, leftovers of dead runs and a file in the way. The
// kills run the real executable with the test hooks of src/report/files.cpp.
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "report/files.hpp"

extern char** environ;

using namespace hemsim;
using Catch::Matchers::Contains;
using hemsim::testing::read_file;
namespace fs = std::filesystem;

namespace {

const std::string case_file = std::string(HEMSIM_SOURCE_DIR) + "/scenarios/enheten-for-hemlosa-2007.toml";
const std::vector<std::string> run_files{"economics.csv", "ledger.csv", "manifest.json", "monthly.csv",
                                         "yearly.csv"};

// Above any pid Linux gives (PID_MAX_LIMIT is 2^22): the pid of a run that is surely dead.
const std::string dead_pid = "4195304";

// Everything the tests write, in a folder of this process's own (ctest runs cases in parallel
// processes), removed when the process ends.
const fs::path& scratch_root() {
    struct removed_at_exit {
        fs::path path = fs::temp_directory_path() / ("hemsim-atomic-" + std::to_string(::getpid()));
        ~removed_at_exit() {
            std::error_code ec;
            fs::remove_all(path, ec);
        }
    };
    static removed_at_exit root;
    return root.path;
}

fs::path scratch(const std::string& name) {
    fs::path p = scratch_root() / name;
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

// The executable, started with extra environment variables; stdout is dropped, stderr kept in err_file.
pid_t start(const std::vector<std::string>& args, const std::vector<std::string>& env,
            const fs::path& err_file) {
    std::vector<std::string> argv_text{HEMSIM_EXE};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_text(env);
    for (char** e = environ; *e; ++e)
        if (std::string(*e).rfind("HEMSIM_TEST_", 0) != 0) env_text.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);
    return pid;
}

// The exit code of a started process (128 + the signal if one killed it).
int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) REQUIRE(errno == EINTR);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct run_result {
    int code;
    std::string err;
};

run_result hemsim_exe(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    const fs::path err_file = scratch_root() / "stderr.txt";
    const int code = wait_for(start(args, env, err_file));
    run_result r{code, read_file(err_file)};
    fs::remove(err_file);
    return r;
}

std::vector<std::string> run_args(const fs::path& out, int replications) {
    return {"run", case_file, "-r", std::to_string(replications), "--out", out.string(), "-q"};
}

// Every entry of a folder by name, with a regular file's bytes ("<folder>" etc. for others).
std::map<std::string, std::string> contents(const fs::path& dir) {
    std::map<std::string, std::string> got;
    if (!fs::is_directory(dir)) return got;
    for (const auto& e : fs::directory_iterator(dir))
        got[e.path().filename().string()] = e.is_regular_file() ? read_file(e.path()) : "<not a file>";
    return got;
}

std::string replications_of(const std::string& manifest) {
    std::smatch m;
    return std::regex_search(manifest, m, std::regex("\"replications\": *([0-9]+)")) ? m[1].str() : "";
}

// Whether got is exactly the set want: the same names, every file byte for byte, the manifest
// (which holds the command line and the wall time) by its replications only.
bool same_set(const std::map<std::string, std::string>& got, const std::map<std::string, std::string>& want) {
    if (got.size() != want.size()) return false;
    for (const auto& [name, bytes] : want) {
        auto it = got.find(name);
        if (it == got.end()) return false;
        if (name == "manifest.json" ? replications_of(it->second) != replications_of(bytes)
                                    : it->second != bytes)
            return false;
    }
    return true;
}

// Reference sets of `run -r 5` and `run -r 6`, made once per process.
const std::map<std::string, std::string>& reference(int replications) {
    static std::map<int, std::map<std::string, std::string>> refs;
    if (!refs.count(replications)) {
        fs::path dir = scratch("ref-" + std::to_string(replications)) / "out";
        REQUIRE(hemsim_exe(run_args(dir, replications)).code == 0);
        refs[replications] = contents(dir);
        REQUIRE(refs[replications].size() == run_files.size());
    }
    return refs[replications];
}

// What a folder holds: "r5", "r6", "nothing" (no folder) or "a mix".
std::string which_set(const fs::path& dir) {
    if (!fs::exists(dir)) return "nothing";
    const auto got = contents(dir);
    if (same_set(got, reference(5))) return "r5";
    if (same_set(got, reference(6))) return "r6";
    std::string names;
    for (const auto& [n, bytes] : got)
        names += " " + n + (n == "manifest.json" ? "(r" + replications_of(bytes) + ")" : "");
    return "a mix:" + names;
}

// Names in base that a commit into base / out leaves only while it runs.
std::vector<std::string> leftovers(const fs::path& base, const std::string& out = "out") {
    std::vector<std::string> found;
    for (const auto& e : fs::directory_iterator(base)) {
        const std::string n = e.path().filename().string();
        if (n.rfind("." + out + ".staging-", 0) == 0 || n.rfind("." + out + ".old-", 0) == 0 ||
            n == "." + out + ".lock")
            found.push_back(n);
    }
    return found;
}

}  // namespace

TEST_CASE("a run killed at any step of its commit leaves one complete set", "[atomic][files]") {
    // Steps 1-3 are before the switch (the earlier set stays), 4-5 after it (the new set is in).
    for (bool exchange : {true, false}) {
        for (bool earlier : {true, false}) {
            for (int step = 1; step <= 5; ++step) {
                INFO((exchange ? "renameat2 exchange" : "two renames")
                     << ", " << (earlier ? "an earlier run" : "no earlier run") << ", killed after step "
                     << step);
                fs::path base = scratch("abort");
                fs::path out = base / "out";
                if (earlier) REQUIRE(hemsim_exe(run_args(out, 5)).code == 0);
                std::vector<std::string> env{"HEMSIM_TEST_COMMIT_ABORT=" + std::to_string(step)};
                if (!exchange) env.push_back("HEMSIM_TEST_COMMIT_NO_EXCHANGE=1");
                CHECK(hemsim_exe(run_args(out, 6), env).code == 9);
                CHECK(which_set(out) == (step >= 4 ? "r6" : earlier ? "r5" : "nothing"));

                // The next run cleans up after the dead one.
                const run_result next = hemsim_exe(run_args(out, 5));
                CHECK(next.code == 0);
                CHECK(next.err == "");
                CHECK(which_set(out) == "r5");
                CHECK(leftovers(base).empty());
            }
        }
    }
}

TEST_CASE("files that only an earlier command wrote are still there after a run", "[atomic][files]") {
    fs::path base = scratch("carry");
    fs::path out = base / "out";
    fs::path calc_ref = base / "calc-ref";
    REQUIRE(hemsim_exe({"calc", case_file, "--out", calc_ref.string()}).code == 0);
    const std::string calc_csv = read_file(calc_ref / "calc.csv");
    REQUIRE(!calc_csv.empty());

    REQUIRE(hemsim_exe({"calc", case_file, "--out", out.string()}).code == 0);
    write_text(out / "notes.txt", "mine\n");
    REQUIRE(hemsim_exe(run_args(out, 5)).code == 0);
    REQUIRE(hemsim_exe(run_args(out, 6)).code == 0);
    auto got = contents(out);
    CHECK(got["calc.csv"] == calc_csv);
    CHECK(got["notes.txt"] == "mine\n");
    got.erase("calc.csv");
    got.erase("notes.txt");
    CHECK(same_set(got, reference(6)));

    SECTION("the shards of one run, each writing its own file into one folder, then merged") {
        fs::path shards = base / "shards";
        for (int k = 0; k < 2; ++k) {
            std::vector<std::string> args = run_args(shards, 6);
            args.insert(args.end(), {"--shard", std::to_string(k) + "/2"});
            REQUIRE(hemsim_exe(args).code == 0);
        }
        CHECK(fs::exists(shards / "partial-0-of-2.bin"));
        CHECK(fs::exists(shards / "partial-1-of-2.bin"));
        REQUIRE(hemsim_exe({"merge", shards.string(), "--out", shards.string(), "-q"}).code == 0);
        CHECK(read_file(shards / "yearly.csv") == reference(6).at("yearly.csv"));
        CHECK(fs::exists(shards / "partial-0-of-2.bin"));
    }
}

TEST_CASE("two runs into one folder at once leave one complete set", "[atomic][files]") {
    fs::path base = scratch("concurrent");
    fs::path out = base / "out";
    fs::path err5 = base / "err5", err6 = base / "err6";
    const int delay_ms = 100;
    const std::vector<std::string> slow{"HEMSIM_TEST_COMMIT_DELAY_MS=" + std::to_string(delay_ms)};
    for (int round = 0; round < 10; ++round) {
        INFO("round " << round);
        auto started = std::chrono::steady_clock::now();
        pid_t a = start(run_args(out, 5), slow, err5);
        pid_t b = start(run_args(out, 6), slow, err6);
        CHECK(wait_for(a) == 0);
        CHECK(wait_for(b) == 0);
        // Each sleeps holding the lock: the second waited for the first.
        CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(2 * delay_ms));
        CHECK(read_file(err5) + read_file(err6) == "");
        const std::string got = which_set(out);
        CHECK((got == "r5" || got == "r6"));
        CHECK(leftovers(base).empty());
    }

    SECTION("a run and a calc at once: both their files are there") {
        fs::path calc_ref = base / "calc-ref";
        REQUIRE(hemsim_exe({"calc", case_file, "--out", calc_ref.string()}).code == 0);
        for (int round = 0; round < 3; ++round) {
            INFO("round " << round);
            fs::path both = base / ("both-" + std::to_string(round));
            pid_t a = start(run_args(both, 6), slow, err5);
            pid_t b = start({"calc", case_file, "--out", both.string()}, slow, err6);
            CHECK(wait_for(a) == 0);
            CHECK(wait_for(b) == 0);
            auto got = contents(both);
            CHECK(got["calc.csv"] == read_file(calc_ref / "calc.csv"));
            got.erase("calc.csv");
            CHECK(same_set(got, reference(6)));
        }
    }
}

TEST_CASE("an output folder that is a regular file is an error that leaves the file as it was",
          "[atomic][files][cli]") {
    fs::path base = scratch("file");
    fs::path file = base / "results";
    write_text(file, "keep me\n");
    // The command line refuses it before any work (a usage error); the writer would too.
    const run_result r = hemsim_exe(run_args(file, 5));
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Contains(file.string()) && Contains("is a file, not a folder"));
    CHECK(read_file(file) == "keep me\n");
    CHECK(contents(base).size() == 1);  // no staging folder, no lock file
}

TEST_CASE("a commit cleans up after dead runs, refuses what it cannot carry, follows links",
          "[atomic][files]") {
    fs::path base = scratch("leftovers");
    fs::path out = base / "out";
    auto commit = [&](const fs::path& dir, const std::string& name, const std::string& text) {
        output_set files(dir);
        files.add(name, text);
        files.commit();
    };

    SECTION("staging folders of dead runs go, a live run's stays") {
        commit(out, "a.csv", "one\n");
        fs::create_directories(base / (".out.staging-" + dead_pid + "-0badcafe"));
        write_text(base / (".out.staging-" + dead_pid + "-0badcafe") / "a.csv", "half\n");
        const fs::path live = base / (".out.staging-" + std::to_string(::getpid()) + "-00000000");
        fs::create_directories(live);
        const fs::path other = base / (".other.staging-" + dead_pid + "-0badcafe");  // another folder's
        fs::create_directories(other);
        commit(out, "b.csv", "two\n");
        CHECK(contents(out) == std::map<std::string, std::string>{{"a.csv", "one\n"}, {"b.csv", "two\n"}});
        CHECK(leftovers(base) == std::vector<std::string>{live.filename().string()});
        CHECK(fs::exists(other));
    }
    SECTION("an interrupted two-rename switch: the earlier folder is put back, then written") {
        fs::path old = base / (".out.old-" + dead_pid + "-12345678");
        fs::create_directories(old);
        write_text(old / "a.csv", "one\n");
        commit(out, "b.csv", "two\n");
        CHECK(contents(out) == std::map<std::string, std::string>{{"a.csv", "one\n"}, {"b.csv", "two\n"}});
        CHECK(leftovers(base).empty());
    }
    SECTION("a dead run's temporary inside the folder is not carried") {
        commit(out, "a.csv", "one\n");
        write_text(out / (".a.csv.tmp-" + dead_pid), "half\n");
        commit(out, "a.csv", "two\n");
        CHECK(contents(out) == std::map<std::string, std::string>{{"a.csv", "two\n"}});
    }
    SECTION("a folder inside the output folder: an error naming it, nothing changed") {
        commit(out, "a.csv", "one\n");
        fs::create_directories(out / "sub");
        output_set files(out);
        files.add("a.csv", "two\n");
        CHECK_THROWS_WITH(files.commit(),
                          Contains(out.string()) && Contains("'sub'") && Contains("left as it was"));
        CHECK(read_file(out / "a.csv") == "one\n");
        CHECK(leftovers(base).empty());
    }
    SECTION("through a link, with a trailing separator: the real folder is replaced, its permissions kept") {
        commit(out, "a.csv", "one\n");
        fs::permissions(out, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
        fs::create_directory_symlink("out", base / "link");
        commit(base / "link" / "", "b.csv", "two\n");
        CHECK(fs::is_symlink(base / "link"));
        CHECK(contents(out) == std::map<std::string, std::string>{{"a.csv", "one\n"}, {"b.csv", "two\n"}});
        CHECK(fs::status(out).permissions() ==
              (fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec));
        CHECK(leftovers(base).empty());
        CHECK(leftovers(base, "link").empty());
    }
    SECTION("write_file_atomic still writes one file in place") {
        commit(out, "a.csv", "one\n");
        write_file_atomic(out / "b.csv", "two\n");
        write_file_atomic(out / "b.csv", "three\n");
        CHECK(contents(out) == std::map<std::string, std::string>{{"a.csv", "one\n"}, {"b.csv", "three\n"}});
    }
    fs::remove_all(base);
}
