#pragma once
// The bogon and martian prefix list: a data set, replaceable through the configuration.
//
// A route is a bogon when the most specific list entry that contains it (equal or less
// specific) is a Bogon entry, or a Documentation entry while documentation prefixes are not
// allowed. Exception entries carve globally reachable blocks out of a bogon block (IANA marks
// e.g. 2001:4:112::/48, AS112-v6, inside 2001::/23 as globally reachable).
#include "bwx/net/prefix.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bwx::registry {

enum class BogonKind : std::uint8_t {
    Bogon = 0,
    Documentation = 1, // RFC 5737 / RFC 3849 / RFC 9637: allowed by allow_documentation_prefixes
    Exception = 2,     // not a bogon, although a less specific entry is
};

struct BogonEntry
{
    net::Prefix prefix;
    BogonKind kind = BogonKind::Bogon;
    std::string description; // shown in the rejection reason, e.g. "private use, RFC 1918"
    friend bool operator==(const BogonEntry &, const BogonEntry &) = default;
};

// IPv4 and IPv6 special-purpose and unallocated blocks (IANA registries; docs/registry.md has
// the table).
std::vector<BogonEntry> standardBogons();

} // namespace bwx::registry
