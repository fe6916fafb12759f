#include "bgp_test_util.h"

namespace bwx::bgp::test {

Bytes u16(std::uint16_t v)
{
    return {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

Bytes u32(std::uint32_t v)
{
    return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
            static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

Bytes cat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const Bytes &p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

Bytes message(std::uint8_t type, const Bytes &body)
{
    Bytes out(16, 0xff);
    const Bytes len = u16(static_cast<std::uint16_t>(body.size() + 19));
    out.insert(out.end(), len.begin(), len.end());
    out.push_back(type);
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

Bytes attribute(std::uint8_t flags, std::uint8_t type, const Bytes &value)
{
    Bytes out{flags, type};
    if (flags & 0x10) {
        const Bytes len = u16(static_cast<std::uint16_t>(value.size()));
        out.insert(out.end(), len.begin(), len.end());
    } else {
        out.push_back(static_cast<std::uint8_t>(value.size()));
    }
    out.insert(out.end(), value.begin(), value.end());
    return out;
}

Bytes prefix4(std::uint32_t address, std::uint8_t length)
{
    Bytes out{length};
    for (int i = 0; i < (length + 7) / 8; ++i)
        out.push_back(static_cast<std::uint8_t>(address >> (24 - 8 * i)));
    return out;
}

Bytes prefix6(std::initializer_list<std::uint8_t> leadingBytes, std::uint8_t length)
{
    Bytes out{length};
    std::size_t n = static_cast<std::size_t>((length + 7) / 8);
    for (std::uint8_t b : leadingBytes) {
        if (n == 0)
            break;
        out.push_back(b);
        --n;
    }
    out.insert(out.end(), n, 0);
    return out;
}

Bytes updateBody(const Bytes &withdrawn, const Bytes &attributes, const Bytes &nlri)
{
    return cat({u16(static_cast<std::uint16_t>(withdrawn.size())), withdrawn,
                u16(static_cast<std::uint16_t>(attributes.size())), attributes, nlri});
}

Bytes originAttr(std::uint8_t origin)
{
    return attribute(0x40, 1, {origin});
}

Bytes asPathAttr4(std::initializer_list<std::uint32_t> asns)
{
    Bytes v{2, static_cast<std::uint8_t>(asns.size())};
    for (std::uint32_t a : asns) {
        const Bytes b = u32(a);
        v.insert(v.end(), b.begin(), b.end());
    }
    return attribute(0x40, 2, v);
}

Bytes asPathAttr2(std::initializer_list<std::uint16_t> asns)
{
    Bytes v{2, static_cast<std::uint8_t>(asns.size())};
    for (std::uint16_t a : asns) {
        const Bytes b = u16(a);
        v.insert(v.end(), b.begin(), b.end());
    }
    return attribute(0x40, 2, v);
}

Bytes nextHopAttr(std::uint32_t address)
{
    return attribute(0x40, 3, u32(address));
}

Bytes basicAttrs()
{
    return cat({originAttr(), asPathAttr4({64500, 64501}), nextHopAttr(0xc0000201)});
}

Bytes mpReachV6Attr()
{
    Bytes v = cat({u16(2), {1, 16}, {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                   {0}, prefix6({0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01}, 48)});
    return attribute(0x80, 14, v);
}

Bytes openBody(std::uint8_t version,
               std::uint16_t as,
               std::uint16_t hold,
               std::uint32_t id,
               const Bytes &params)
{
    return cat({{version}, u16(as), u16(hold), u32(id),
                {static_cast<std::uint8_t>(params.size())}, params});
}

Bytes capability(std::uint8_t code, const Bytes &value)
{
    return cat({{code, static_cast<std::uint8_t>(value.size())}, value});
}

Bytes capabilityParam(const Bytes &capabilities)
{
    return cat({{2, static_cast<std::uint8_t>(capabilities.size())}, capabilities});
}

} // namespace bwx::bgp::test
