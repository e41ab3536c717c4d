// libFuzzer: the bytes as a model file (tests/fuzz/README.md).
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_run.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const hemsim::fuzz::workdir dir(HEMSIM_SOURCE_DIR);
    hemsim::fuzz::run_model_file(dir.write("model.toml", data, size));
    return 0;
}
