// Fuzz target: NetFlow v9 decoder with a template cache that persists across inputs.
#include "bwx/settlement/decoders.h"
#include "fuzz_settlement_check.h"

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bwx::settlement;
    static TemplateCache cache(fuzz::fuzzLimits());
    static std::int64_t clock = 0;
    // Time moves on so expiry is exercised too.
    clock += 7;
    const bwx::Timestamp now = bwx::Timestamp::fromSeconds(1'700'000'000 + clock);
    std::vector<FlowRecord> out(1);
    const auto exporter = bwx::net::Address::v4(0x0a000000u | (size > 1 ? data[1] % 4 : 0));
    const DecodeResult r = decodeNetflowV9({data, size}, exporter, cache, now, {}, out);
    fuzz::check(r, size, 1, out, &cache);
    return 0;
}
