// The client store's allocator (engine/huge_pages.hpp): where its memory lies
// and that a vector keeps its elements through it.
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "engine/huge_pages.hpp"

using namespace hemsim;

TEST_CASE("the client store's allocator: large arrays on 2 MB boundaries, whole pages, elements intact",
          "[engine][memory]") {
    struct rec {
        std::uint64_t a, b;
    };
    using alloc = huge_page_allocator<rec>;
    // Grown from empty: its first buffers are below a huge page (the ordinary allocator),
    // the later ones above (2 MB boundaries); each is given back through the path it came from.
    std::vector<rec, alloc> grown;
    for (std::uint64_t i = 0; i < 300000; ++i) grown.push_back({i, 3 * i});
    CHECK(reinterpret_cast<std::uintptr_t>(grown.data()) % alloc::huge_page_bytes == 0);
    bool intact = true;
    for (std::uint64_t i = 0; i < grown.size(); ++i)
        intact = intact && grown[i].a == i && grown[i].b == 3 * i;
    CHECK(intact);
    // Exactly a huge page: the large path.
    std::vector<rec, alloc> exact;
    exact.reserve(alloc::huge_page_bytes / sizeof(rec));
    CHECK(reinterpret_cast<std::uintptr_t>(exact.data()) % alloc::huge_page_bytes == 0);
    // Small again after shrinking (large to small; no mismatch under the sanitizer build).
    grown.resize(10);
    grown.shrink_to_fit();
    CHECK(grown.size() == 10);
    CHECK(grown[9].b == 27);
}
