// Fuzz target for the member-protocol codec: any byte string must decode to a result (never a
// crash, never a read outside the input), and whatever decodes must re-encode to a frame that
// decodes to the same message.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "bwx/proto/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace bwx::proto;
    const std::span<const std::uint8_t> input(data, size);
    const Decoded d = decodeFrame(input, 1u << 16);
    if (d.consumed > size)
        std::abort();
    if (d.status == DecodeStatus::Ok) {
        std::vector<std::uint8_t> again;
        encodeFrame(d.message, d.header.requestId, again);
        const Decoded d2 = decodeFrame(again, 1u << 20);
        if (d2.status != DecodeStatus::Ok || !(d2.message == d.message))
            std::abort();
    }
    if (size >= 2) {
        // The body decoder on its own, with the type taken from the input.
        const auto type = static_cast<std::uint16_t>((data[0] << 8) | data[1]);
        const DecodedBody b = decodeBody(type, input.subspan(2));
        if (b.ok) {
            std::vector<std::uint8_t> body;
            encodeBody(b.message, body);
            const DecodedBody b2 = decodeBody(type, body);
            if (!b2.ok || !(b2.message == b.message))
                std::abort();
        }
    }
    return 0;
}
