// manifest.json: what produced a run's files, so that it can be reproduced.
#pragma once

#include <filesystem>
#include <string>

#include "app/stream.hpp"
#include "model/model.hpp"

namespace hemsim {

/// Lower-case hex SHA-256 of a file's bytes (OpenSSL). Throws if unreadable.
std::string sha256_file(const std::filesystem::path& file);

/// Tool version, git commit (when known), seed, replications, threads, the
/// horizon and the sha256 of every input file; `command` is the command line.
/// Also every input of each alternative (value, unit, source, where it is
/// written), the uncertain ones with their draws, and the run's warnings.
std::string manifest_json(const scenario& sc, const run_outputs& run, const std::string& command,
                          const std::vector<std::string>& files_written);

}  // namespace hemsim
