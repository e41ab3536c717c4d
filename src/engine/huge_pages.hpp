// Memory for the engine's largest array (the client records) on transparent
// huge pages where the kernel gives them only on request (THP "madvise", as on
// these machines). At 64 times the clients of kedjan city the records take
// ~90 MB, and a process's first replication spent 9-11 % of its time in the
// page faults that first touch them; 2 MB pages take 512 times fewer: that
// replication paired at 0,825 of the time per event, later ones (which reuse
// the memory) unchanged (bench/README.md, "The first replication at x64").
// The files are the same: only where the bytes lie changes.
#pragma once

#include <cstddef>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace hemsim {

/// A std::allocator that puts allocations of at least `huge_page_bytes` on
/// 2 MB boundaries, rounded up to whole 2 MB pages, and advises the kernel to
/// back them with huge pages (a hint: without THP they are ordinary pages).
template <class T>
struct huge_page_allocator {
    using value_type = T;
    static constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;

    huge_page_allocator() = default;
    template <class U>
    huge_page_allocator(const huge_page_allocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        if (n > max_bytes / sizeof(T)) throw std::bad_array_new_length();
        const std::size_t bytes = n * sizeof(T);
        if (bytes < huge_page_bytes) return std::allocator<T>{}.allocate(n);
        const std::size_t whole = rounded(bytes);
        void* p = ::operator new (whole, std::align_val_t{huge_page_bytes});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
        ::madvise(p, whole, MADV_HUGEPAGE);  // a hint: its failure changes nothing
#endif
        return static_cast<T*>(p);
    }
    void deallocate(T* p, std::size_t n) noexcept {
        const std::size_t bytes = n * sizeof(T);
        if (bytes < huge_page_bytes) return std::allocator<T>{}.deallocate(p, n);
        // Unsized: clang 14 (the fuzz build) has no sized delete by default.
        ::operator delete (p, std::align_val_t{huge_page_bytes});
    }
    template <class U>
    bool operator==(const huge_page_allocator<U>&) const noexcept {
        return true;
    }

private:
    // The most that can be rounded up to whole huge pages and still be an object's size.
    static constexpr std::size_t max_bytes = (std::size_t{1} << 62) - huge_page_bytes;
    static std::size_t rounded(std::size_t bytes) {
        return (bytes + huge_page_bytes - 1) / huge_page_bytes * huge_page_bytes;
    }
};

}  // namespace hemsim
