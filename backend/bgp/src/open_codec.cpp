// OPEN (RFC 4271 4.2) with capabilities (RFC 5492), including the extended optional parameter
// length of RFC 9072 on input.
#include "bwx/bgp/codec.h"
#include "wire.h"

namespace bwx::bgp {

namespace {

OpenResult openError(std::uint8_t subcode, std::vector<std::uint8_t> data = {})
{
    OpenResult r;
    r.error = Notification::make(ErrorCode::OpenMessage, subcode, std::move(data));
    return r;
}

// Parses the capabilities inside one Capabilities optional parameter; false when malformed.
bool parseCapabilities(std::span<const std::uint8_t> value, Capabilities &caps, bool &asZero)
{
    wire::Reader r(value);
    while (!r.atEnd()) {
        if (!r.has(2))
            return false;
        const std::uint8_t code = r.u8();
        const std::uint8_t len = r.u8();
        if (!r.has(len))
            return false;
        wire::Reader v(r.bytes(len));
        switch (code) {
        case cap::Multiprotocol: {
            if (len != 4)
                return false;
            AfiSafi f;
            f.afi = v.u16();
            v.u8(); // reserved
            f.safi = v.u8();
            if (!caps.hasFamily(f))
                caps.multiprotocol.push_back(f);
            break;
        }
        case cap::RouteRefresh:
            if (len != 0)
                return false;
            caps.routeRefresh = true;
            break;
        case cap::ExtendedMessage:
            if (len != 0)
                return false;
            caps.extendedMessage = true;
            break;
        case cap::FourOctetAs: {
            if (len != 4)
                return false;
            const Asn asn = v.u32();
            if (asn == 0)
                asZero = true;
            caps.fourOctetAs = asn;
            break;
        }
        case cap::GracefulRestart: {
            if (len < 2 || (len - 2) % 4 != 0)
                return false;
            GracefulRestart gr;
            const std::uint16_t flagsTime = v.u16();
            gr.restarting = (flagsTime & 0x8000) != 0;
            gr.notification = (flagsTime & 0x4000) != 0;
            gr.restartTime = flagsTime & 0x0fff;
            while (!v.atEnd()) {
                GracefulRestart::Family f;
                f.family.afi = v.u16();
                f.family.safi = v.u8();
                f.forwardingPreserved = (v.u8() & 0x80) != 0;
                gr.families.push_back(f);
            }
            caps.gracefulRestart = std::move(gr);
            break;
        }
        default: {
            const auto bytes = v.rest();
            caps.unknown.push_back({code, {bytes.begin(), bytes.end()}});
            break;
        }
        }
    }
    return true;
}

} // namespace

OpenResult decodeOpen(std::span<const std::uint8_t> body)
{
    wire::Reader r(body);
    if (!r.has(10))
        return openError(open_error::Unspecific);
    Open open;
    open.version = r.u8();
    open.myAs = r.u16();
    open.holdTime = r.u16();
    open.bgpId = r.u32();
    std::size_t paramLength = r.u8();
    if (open.version != kVersion)
        return openError(open_error::UnsupportedVersion, {0, kVersion});
    if (open.myAs == 0)
        return openError(open_error::BadPeerAs);
    if (open.holdTime == 1 || open.holdTime == 2)
        return openError(open_error::UnacceptableHoldTime);
    if (open.bgpId == 0)
        return openError(open_error::BadBgpIdentifier);

    // RFC 9072: a length of 255 followed by parameter type 255 announces 2-octet lengths.
    bool extended = false;
    if (paramLength == 255 && r.has(3) && body[r.position()] == 255) {
        r.u8();
        paramLength = r.u16();
        extended = true;
    }
    if (r.remaining() != paramLength)
        return openError(open_error::Unspecific);

    bool asZero = false;
    while (!r.atEnd()) {
        const std::size_t headerSize = extended ? 3 : 2;
        if (!r.has(headerSize))
            return openError(open_error::Unspecific);
        const std::uint8_t type = r.u8();
        const std::size_t len = extended ? r.u16() : r.u8();
        if (!r.has(len))
            return openError(open_error::Unspecific);
        const auto value = r.bytes(len);
        if (type != 2)
            return openError(open_error::UnsupportedOptionalParameter);
        if (!parseCapabilities(value, open.capabilities, asZero))
            return openError(open_error::Unspecific);
    }
    if (asZero)
        return openError(open_error::BadPeerAs);
    OpenResult result;
    result.open = std::move(open);
    return result;
}

void encodeOpen(const Open &open, std::vector<std::uint8_t> &out)
{
    std::vector<std::uint8_t> caps;
    const auto add = [&caps](std::uint8_t code, std::span<const std::uint8_t> value) {
        caps.push_back(code);
        caps.push_back(static_cast<std::uint8_t>(value.size()));
        caps.insert(caps.end(), value.begin(), value.end());
    };
    const Capabilities &c = open.capabilities;
    for (const AfiSafi &f : c.multiprotocol) {
        const std::uint8_t v[4] = {static_cast<std::uint8_t>(f.afi >> 8),
                                   static_cast<std::uint8_t>(f.afi), 0, f.safi};
        add(cap::Multiprotocol, v);
    }
    if (c.routeRefresh)
        add(cap::RouteRefresh, {});
    if (c.extendedMessage)
        add(cap::ExtendedMessage, {});
    if (c.gracefulRestart) {
        const GracefulRestart &gr = *c.gracefulRestart;
        std::vector<std::uint8_t> v;
        const auto flagsTime = static_cast<std::uint16_t>((gr.restarting ? 0x8000 : 0)
                                                          | (gr.notification ? 0x4000 : 0)
                                                          | (gr.restartTime & 0x0fff));
        wire::putU16(v, flagsTime);
        for (const GracefulRestart::Family &f : gr.families) {
            wire::putU16(v, f.family.afi);
            wire::putU8(v, f.family.safi);
            wire::putU8(v, f.forwardingPreserved ? 0x80 : 0);
        }
        add(cap::GracefulRestart, v);
    }
    if (c.fourOctetAs) {
        std::vector<std::uint8_t> v;
        wire::putU32(v, *c.fourOctetAs);
        add(cap::FourOctetAs, v);
    }
    for (const RawCapability &u : c.unknown)
        add(u.code, u.value);

    const std::size_t start = wire::beginMessage(out, 1);
    wire::putU8(out, open.version);
    wire::putU16(out, open.myAs);
    wire::putU16(out, open.holdTime);
    wire::putU32(out, open.bgpId);
    if (caps.empty()) {
        wire::putU8(out, 0);
    } else if (caps.size() + 2 <= 255) {
        wire::putU8(out, static_cast<std::uint8_t>(caps.size() + 2));
        wire::putU8(out, 2);
        wire::putU8(out, static_cast<std::uint8_t>(caps.size()));
        out.insert(out.end(), caps.begin(), caps.end());
    } else {
        // RFC 9072 extended format, only needed for very many capabilities.
        wire::putU8(out, 255);
        wire::putU8(out, 255);
        wire::putU16(out, static_cast<std::uint16_t>(caps.size() + 3));
        wire::putU8(out, 2);
        wire::putU16(out, static_cast<std::uint16_t>(caps.size()));
        out.insert(out.end(), caps.begin(), caps.end());
    }
    wire::finishMessage(out, start);
}

} // namespace bwx::bgp
