#pragma once
// Builders for raw BGP messages, so tests can write exactly the bytes a broken or hostile peer
// would send (the codec's own encoder cannot produce malformed input).
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace bwx::bgp::test {

using Bytes = std::vector<std::uint8_t>;

Bytes message(std::uint8_t type, const Bytes &body);
Bytes u16(std::uint16_t v);
Bytes u32(std::uint32_t v);
Bytes cat(std::initializer_list<Bytes> parts);
// An attribute with the given flags; the length octet(s) follow the Extended Length flag.
Bytes attribute(std::uint8_t flags, std::uint8_t type, const Bytes &value);
// An IPv4 NLRI entry "a.b.c.d/len".
Bytes prefix4(std::uint32_t address, std::uint8_t length);
Bytes prefix6(std::initializer_list<std::uint8_t> leadingBytes, std::uint8_t length);

// UPDATE body from its three sections.
Bytes updateBody(const Bytes &withdrawn, const Bytes &attributes, const Bytes &nlri);

// Well-formed attributes for a typical route, to combine with one broken one.
Bytes originAttr(std::uint8_t origin = 0);
Bytes asPathAttr4(std::initializer_list<std::uint32_t> asns); // one AS_SEQUENCE, 4-octet
Bytes asPathAttr2(std::initializer_list<std::uint16_t> asns); // one AS_SEQUENCE, 2-octet
Bytes nextHopAttr(std::uint32_t address);
// ORIGIN + AS_PATH(64500 64501) + NEXT_HOP 192.0.2.1
Bytes basicAttrs();
// MP_REACH_NLRI for IPv6 unicast with next hop 2001:db8::1 and 2001:db8:1::/48.
Bytes mpReachV6Attr();

// An OPEN body: version, AS, hold time, BGP id, then raw optional parameters.
Bytes openBody(std::uint8_t version,
               std::uint16_t as,
               std::uint16_t hold,
               std::uint32_t id,
               const Bytes &params);
Bytes capabilityParam(const Bytes &capabilities);
Bytes capability(std::uint8_t code, const Bytes &value);

} // namespace bwx::bgp::test
