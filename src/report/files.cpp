#include "report/files.hpp"

#include <fstream>
#include <stdexcept>
#include <system_error>
#include <unistd.h>

namespace hemsim {

namespace fs = std::filesystem;

namespace {

fs::path temp_name(const fs::path& file) {
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "." + std::string&&.
    std::string name = ".";
    name += file.filename().string();
    name += ".tmp-";
    name += std::to_string(::getpid());
    return file.parent_path() / name;
}

void write_plain(const fs::path& file, const std::string& content) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + file.string());
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out) throw std::runtime_error("cannot write " + file.string() + " (disk full?)");
}

}  // namespace

void write_file_atomic(const fs::path& file, const std::string& content) {
    fs::path tmp = temp_name(file);
    try {
        write_plain(tmp, content);
        fs::rename(tmp, file);
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec);
        throw;
    }
}

void output_set::commit() const {
    std::error_code ec;
    fs::create_directories(dir_, ec);
    if (ec) throw std::runtime_error("cannot create the output folder " + dir_.string() + ": " + ec.message());
    std::vector<fs::path> temps;
    try {
        for (const auto& [name, content] : files_) {
            temps.push_back(temp_name(dir_ / name));
            write_plain(temps.back(), content);
        }
        for (std::size_t i = 0; i < files_.size(); ++i) fs::rename(temps[i], dir_ / files_[i].first);
    } catch (const std::exception& e) {
        for (const fs::path& t : temps) fs::remove(t, ec);
        throw std::runtime_error(std::string("writing output failed, earlier files left as they were: ") +
                                 e.what());
    }
}

}  // namespace hemsim
