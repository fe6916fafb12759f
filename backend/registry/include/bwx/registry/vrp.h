#pragma once
// Validated ROA payloads (RPKI) and their JSON file format, as written by rpki-client (`-j`,
// file "json") and Routinator (`--format json`):
//
//   {"metadata": {...}, "roas": [{"asn": 64500, "prefix": "203.0.113.0/24", "maxLength": 24,
//                                 "ta": "ripe", "expires": 1700000000}, ...], ...}
//
// rpki-client writes "asn" as a number, Routinator as "AS64500"; both are accepted (and a
// decimal string). "maxLength" is required by both tools' formats. Other members ("ta",
// "expires", "source", and top-level "metadata", "bgpsec_keys", "aspas", "routerKeys"...) are
// accepted and ignored.
#include "bwx/expected.h"
#include "bwx/net/prefix.h"
#include "bwx/registry/data_error.h"

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bwx::registry {

struct Vrp
{
    net::Prefix prefix;
    std::uint32_t asn = 0; // AS0 (RFC 6483 section 4) never matches a route
    std::uint8_t maxLength = 0;

    // Prefix, then ASN, then maxLength: VRPs of one prefix are adjacent.
    friend auto operator<=>(const Vrp &, const Vrp &) = default;
};

// A complete VRP data set: sorted, without duplicates (several trust anchors often carry the
// same payload; the trust anchor does not matter to origin validation).
class VrpSet
{
public:
    VrpSet() = default;
    // Refuses a maxLength shorter than the prefix or longer than its family allows.
    static Expected<VrpSet> make(std::vector<Vrp> vrps);

    const std::vector<Vrp> &entries() const noexcept { return m_vrps; }
    std::size_t size() const noexcept { return m_vrps.size(); }
    bool empty() const noexcept { return m_vrps.empty(); }
    // Depends only on the payloads, so equal sets hash equal however they were written.
    std::uint64_t contentHash() const noexcept { return m_hash; }

    friend bool operator==(const VrpSet &a, const VrpSet &b) { return a.m_vrps == b.m_vrps; }

private:
    std::vector<Vrp> m_vrps;
    std::uint64_t m_hash = 0;
};

// The whole file or the first problem (syntax errors with line and column, content errors
// with the JSON pointer of the offending value).
Parsed<VrpSet> parseVrpJson(std::string_view text);
// The file format above with numeric ASNs (rpki-client's flavour); parseVrpJson reads it back.
std::string formatVrpJson(const VrpSet &set);

} // namespace bwx::registry
