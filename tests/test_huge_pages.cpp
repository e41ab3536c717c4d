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
    // Below a huge page: the ordinary allocator (16-byte alignment is all it promises).
    std::vector<rec, alloc> small(1000, rec{1, 2});
    CHECK(reinterpret_cast<std::uintptr_t>(small.data()) % alignof(rec) == 0);
    // From a huge page up: on a 2 MB boundary, and the vector grows through it keeping every element.
    std::vector<rec, alloc> large;
    large.reserve(alloc::huge_page_bytes / sizeof(rec));
    CHECK(reinterpret_cast<std::uintptr_t>(large.data()) % alloc::huge_page_bytes == 0);
    for (std::uint64_t i = 0; i < 300000; ++i) large.push_back({i, 3 * i});
    CHECK(reinterpret_cast<std::uintptr_t>(large.data()) % alloc::huge_page_bytes == 0);
    bool intact = true;
    for (std::uint64_t i = 0; i < large.size(); ++i)
        intact = intact && large[i].a == i && large[i].b == 3 * i;
    CHECK(intact);
    // Small again after shrinking: memory goes back through the path it came from (no mismatch under ASan).
    large.resize(10);
    large.shrink_to_fit();
    CHECK(large.size() == 10);
    CHECK(large[9].b == 27);
}
