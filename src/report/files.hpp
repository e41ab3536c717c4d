// Writing output files as one unit. A command's files are written into a
// staging folder beside the output folder and switched in with one rename, so
// a reader of the folder sees either the earlier set or the new one, never a
// mix; a failed or killed run leaves the earlier files as they were.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace hemsim {

/// Files staged in memory and written together, as one unit, by commit().
class output_set {
public:
    explicit output_set(std::filesystem::path dir) : dir_(std::move(dir)) {}
    /// Adds a file; name is a plain file name (no folder in it).
    void add(const std::string& name, std::string content) { files_.emplace_back(name, std::move(content)); }
    /// Adds a file written elsewhere (a scratch file too large to hold), copied in by commit().
    void add_copy(const std::string& name, std::filesystem::path from) {
        copies_.emplace_back(name, std::move(from));
    }
    /// Makes dir() hold the added files plus the files already there that this set does not write,
    /// switched in at once: written into <parent>/.<name>.staging-<pid>-<random>, then renamed over
    /// (or exchanged with) dir() while holding the lock file <parent>/.<name>.lock, which a second
    /// commit into the same folder waits for. Throws std::runtime_error naming the folder, dir() untouched.
    void commit() const;
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
    std::vector<std::pair<std::string, std::string>> files_;
    std::vector<std::pair<std::string, std::filesystem::path>> copies_;
};

/// A file's bytes ("" when it cannot be read).
std::string read_bytes(const std::filesystem::path& file);

/// Writes bytes to a scratch file (not atomically); throws std::runtime_error naming it.
void write_bytes(const std::filesystem::path& file, const std::string& content);

/// A private temporary folder (mkdtemp under the temp folder, `prefix` in its
/// name), removed with what it holds at the end of the scope.
class scratch_folder {
public:
    explicit scratch_folder(const std::string& prefix);
    ~scratch_folder();
    scratch_folder(const scratch_folder&) = delete;
    scratch_folder& operator=(const scratch_folder&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// Writes one file atomically (temporary name in the same folder, then rename).
void write_file_atomic(const std::filesystem::path& file, const std::string& content);

}  // namespace hemsim
