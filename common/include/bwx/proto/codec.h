#pragma once
// The one codec of the member protocol, used by bwxd, bwx-terminal, bwxctl and the journal.
// Pure functions over bytes: no sockets, no clocks, so every decoder can be fuzzed.
//
// Frame: u32 length (whole frame incl. header) | u16 type | u16 flags (0) | u32 request id | body
// All integers big-endian. See docs/protocol.md.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "bwx/proto/messages.h"

namespace bwx::proto {

struct FrameHeader {
    std::uint32_t length = 0;
    std::uint16_t type = 0;
    std::uint16_t flags = 0;
    std::uint32_t requestId = 0;
};

enum class DecodeStatus : std::uint8_t {
    NeedMore,   // the buffer does not hold a whole frame yet
    Ok,         // `message` holds the frame's message
    BadMessage, // the frame is intact but its body is not acceptable: answer, keep the session
    BadFrame,   // the framing itself is broken: say Goodbye and close
};

struct Decoded {
    DecodeStatus status = DecodeStatus::NeedMore;
    std::size_t consumed = 0;  // bytes to drop from the buffer (whole frame for Ok/BadMessage)
    FrameHeader header{};
    Message message{};
    ResultCode code = ResultCode::Ok; // for BadMessage / BadFrame
    std::string error;                // precise, for people: which field and why
};

// Decodes the first frame in `buffer`. Never reads outside it, never allocates more than the
// frame's length implies.
Decoded decodeFrame(std::span<const std::uint8_t> buffer, std::uint32_t maxFrameSize = kDefaultMaxFrameSize);

// Appends one frame to `out`.
void encodeFrame(const Message& message, std::uint32_t requestId, std::vector<std::uint8_t>& out);

// Body only (no header): the journal stores command bodies with its own record header.
void encodeBody(const Message& message, std::vector<std::uint8_t>& out);
struct DecodedBody {
    bool ok = false;
    Message message{};
    ResultCode code = ResultCode::Ok;
    std::string error;
};
DecodedBody decodeBody(std::uint16_t type, std::span<const std::uint8_t> body);

// Frame header helpers, exposed for tests and for writers of raw frames.
void writeHeader(std::uint8_t* out, const FrameHeader& h);
FrameHeader readHeader(const std::uint8_t* in);

} // namespace bwx::proto
