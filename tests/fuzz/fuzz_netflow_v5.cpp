// Fuzz target: NetFlow v5 decoder.
#include "bwx/settlement/decoders.h"
#include "fuzz_settlement_check.h"

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bwx::settlement;
    std::vector<FlowRecord> out(1);
    DecodeOptions options;
    options.samplingOverride = size > 0 ? data[0] % 3 : 0;
    const DecodeResult r
        = decodeNetflowV5({data, size}, bwx::net::Address::v4(0x0a000001), options, out);
    fuzz::check(r, size, 1, out, nullptr);
    return 0;
}
