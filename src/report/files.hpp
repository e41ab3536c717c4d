// Writing output files atomically: each file is written under a temporary
// name in its folder and renamed into place, so a failed run leaves no
// half-written file and never touches an earlier run's files.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace hemsim {

/// Files staged in memory and written together by commit().
class output_set {
public:
    explicit output_set(std::filesystem::path dir) : dir_(std::move(dir)) {}
    void add(const std::string& name, std::string content) { files_.emplace_back(name, std::move(content)); }
    /// Creates the folder if needed, writes every file to a temporary name,
    /// then renames them all into place. Throws std::runtime_error on failure
    /// after removing the temporaries.
    void commit() const;
    const std::filesystem::path& dir() const { return dir_; }

private:
    std::filesystem::path dir_;
    std::vector<std::pair<std::string, std::string>> files_;
};

/// Writes one file atomically (temporary name in the same folder, then rename).
void write_file_atomic(const std::filesystem::path& file, const std::string& content);

}  // namespace hemsim
