// Message framing and the small messages: KEEPALIVE, NOTIFICATION, ROUTE-REFRESH.
#include "bwx/bgp/codec.h"
#include "wire.h"

#include <algorithm>

namespace bwx::bgp {

namespace {

std::vector<std::uint8_t> lengthData(std::uint16_t length)
{
    return {static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)};
}

FrameCheck frameError(std::uint8_t subcode, std::vector<std::uint8_t> data)
{
    FrameCheck f;
    f.status = FrameStatus::Error;
    f.error = Notification::make(ErrorCode::MessageHeader, subcode, std::move(data));
    return f;
}

// RFC 4271 4.x: minimum (or exact) sizes per type.
bool lengthFitsType(std::uint8_t type, std::uint16_t length)
{
    switch (type) {
    case 1: return length >= 29;
    case 2: return length >= 23;
    case 3: return length >= 21;
    case 4: return length == 19;
    case 5: return length == 23;
    default: return false;
    }
}

} // namespace

FrameCheck checkFrame(std::span<const std::uint8_t> buffer, std::uint32_t maxMessageSize)
{
    const std::size_t markerBytes = std::min<std::size_t>(buffer.size(), 16);
    for (std::size_t i = 0; i < markerBytes; ++i)
        if (buffer[i] != 0xff)
            return frameError(header_error::ConnectionNotSynchronized, {});
    if (buffer.size() < kHeaderSize)
        return {};
    const std::uint16_t length = wire::readU16(buffer.data() + 16);
    const std::uint8_t type = buffer[18];
    if (length < kHeaderSize || length > maxMessageSize)
        return frameError(header_error::BadMessageLength, lengthData(length));
    if (type < 1 || type > 5)
        return frameError(header_error::BadMessageType, {type});
    if (!lengthFitsType(type, length))
        return frameError(header_error::BadMessageLength, lengthData(length));
    FrameCheck f;
    f.type = static_cast<MessageType>(type);
    f.length = length;
    f.status = buffer.size() >= length ? FrameStatus::Complete : FrameStatus::Incomplete;
    return f;
}

Notification decodeNotification(std::span<const std::uint8_t> body)
{
    Notification n;
    if (body.size() >= 2) {
        n.code = body[0];
        n.subcode = body[1];
        n.data.assign(body.begin() + 2, body.end());
    }
    return n;
}

void encodeNotification(const Notification &n, std::vector<std::uint8_t> &out)
{
    const std::size_t start = wire::beginMessage(out, 3);
    wire::putU8(out, n.code);
    wire::putU8(out, n.subcode);
    // A NOTIFICATION must fit in one message; the data is cut rather than the message dropped.
    const std::size_t room = kMaxMessageSize - kHeaderSize - 2;
    out.insert(out.end(), n.data.begin(),
               n.data.begin() + static_cast<std::ptrdiff_t>(std::min(room, n.data.size())));
    wire::finishMessage(out, start);
}

void encodeKeepalive(std::vector<std::uint8_t> &out)
{
    wire::finishMessage(out, wire::beginMessage(out, 4));
}

std::optional<RouteRefresh> decodeRouteRefresh(std::span<const std::uint8_t> body)
{
    if (body.size() != 4)
        return std::nullopt;
    RouteRefresh r;
    r.family.afi = wire::readU16(body.data());
    r.subtype = body[2];
    r.family.safi = body[3];
    return r;
}

void encodeRouteRefresh(const RouteRefresh &r, std::vector<std::uint8_t> &out)
{
    const std::size_t start = wire::beginMessage(out, 5);
    wire::putU16(out, r.family.afi);
    wire::putU8(out, r.subtype);
    wire::putU8(out, r.family.safi);
    wire::finishMessage(out, start);
}

} // namespace bwx::bgp
