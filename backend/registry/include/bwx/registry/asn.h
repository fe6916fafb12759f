#pragma once
// IANA's special-purpose AS numbers, for the AS-path checks.
#include <cstdint>
#include <string_view>

namespace bwx::registry {

enum class AsnKind : std::uint8_t {
    Public = 0,
    Private = 1,       // RFC 6996
    Documentation = 2, // RFC 5398
    Reserved = 3,      // 0 (RFC 7607), AS_TRANS (RFC 6793), 65535 and 4294967295 (RFC 7300),
                       // 65552-131071 (IANA reserved)
};

struct AsnInfo
{
    AsnKind kind = AsnKind::Public;
    std::string_view description; // e.g. "private use, RFC 6996"; empty for public ASNs
};

AsnInfo classifyAsn(std::uint32_t asn) noexcept;

} // namespace bwx::registry
