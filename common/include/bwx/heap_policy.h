#pragma once
// How the processes of the exchange ask the C library's allocator to behave. Called once at
// the start of main(), before any thread is started.
namespace bwx {

// Keeps every heap block of kLargeBlockBytes or more in a mapping of its own, returned to the
// operating system when the block is freed (glibc only; elsewhere nothing happens).
//
// Why: glibc's default mmap threshold is dynamic. Each time a mapped block is freed the
// threshold rises to that block's size (up to 32 MiB), so after the first burst has come and
// gone the route tables and prefix lists of a few megabytes are carved from the heap arenas
// instead. Freed there, they leave holes that other threads' arenas cannot reuse and that
// malloc_trim() can only return page by page. A fixed threshold ends the adjustment: in the
// BGP fan-out benchmark the route server ends at 118 MB instead of 144 MB (bench/RESULTS.md).
void applyHeapPolicy() noexcept;

inline constexpr unsigned long kLargeBlockBytes = 1ul << 20;

} // namespace bwx
