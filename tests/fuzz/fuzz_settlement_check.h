#pragma once
// What every settlement fuzz target checks after a decode: the result is consistent with what
// was appended, a rejected datagram appended nothing, and the template cache stays within its
// limits whatever the input.
#include "bwx/settlement/decode_result.h"
#include "bwx/settlement/template_cache.h"

#include <cstdlib>
#include <vector>

namespace bwx::settlement::fuzz {

inline void check(const DecodeResult &r,
                  std::size_t size,
                  std::size_t before,
                  const std::vector<FlowRecord> &out,
                  const TemplateCache *cache)
{
    if (!r.ok()) {
        if (out.size() != before || r.message.empty() || r.offset > size)
            std::abort();
    } else if (out.size() - before != r.info.flowRecords) {
        std::abort();
    }
    for (std::size_t i = before; i < out.size(); ++i)
        if (out[i].samplingNumerator == 0 || out[i].samplingDenominator == 0
            || out[i].end < out[i].start)
            std::abort();
    if (cache != nullptr
        && (cache->size() > cache->limits().maxTotal
            || cache->domainCount() > cache->limits().maxDomainsTotal))
        std::abort();
}

// Small limits so the fuzzer reaches them; kept across inputs so templates learned from one
// input are used by the next, as on the wire.
inline TemplateLimits fuzzLimits()
{
    TemplateLimits l;
    l.maxPerExporter = 32;
    l.maxTotal = 48;
    l.maxDomainsPerExporter = 8;
    l.maxDomainsTotal = 12;
    return l;
}

} // namespace bwx::settlement::fuzz
