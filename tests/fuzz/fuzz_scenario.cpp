// libFuzzer: the bytes as a case (scenario) file, written next to copies of the
// shipped models so that `model = "models/example.toml"` resolves (tests/fuzz/README.md).
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const hemsim::fuzz::workdir dir(HEMSIM_SOURCE_DIR);
    hemsim::fuzz::run_scenario_file(dir.write("case.toml", data, size));
    return 0;
}
