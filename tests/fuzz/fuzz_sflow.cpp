// Fuzz target: sFlow v5 decoder (raw packet headers included).
#include "bwx/settlement/decoders.h"
#include "fuzz_settlement_check.h"

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bwx::settlement;
    std::vector<FlowRecord> out(1);
    const DecodeResult r = decodeSflow({data, size}, bwx::net::Address::v4(0x0a000001),
                                       bwx::Timestamp::fromSeconds(1'700'000'000), {}, out);
    fuzz::check(r, size, 1, out, nullptr);
    return 0;
}
