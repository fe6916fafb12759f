#include "bwx/heap_policy.h"

#include <cstdlib> // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace bwx {

void applyHeapPolicy() noexcept
{
#if defined(__GLIBC__)
    // Setting the threshold explicitly is what turns the dynamic adjustment off (mallopt(3)).
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(kLargeBlockBytes));
#endif
}

} // namespace bwx
