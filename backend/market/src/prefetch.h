#pragma once
// A software prefetch the optimiser cannot delete.
//
// GCC 12 treats __builtin_prefetch as free of side effects. A function whose body is only
// prefetches (FlatMap::prefetch, BookTrie::prefetch, the hints of prefetch_ahead.cpp) is then
// found `const` by the IPA pure-const pass, and its calls that were not inlined are deleted as
// having no effect: RouteIndex::coveringChain's lookups ran with no prefetch at all although the
// source asked for one (the object code had none; -fno-ipa-pure-const brought it back). An asm
// volatile statement is never deleted, inlined or not.
namespace bwx::market::detail {

inline void prefetchLine(const void *p) noexcept
{
#if defined(__x86_64__) || defined(__i386__)
    asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char *>(p)));
#else
    __builtin_prefetch(p);
#endif
}

} // namespace bwx::market::detail
