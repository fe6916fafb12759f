#include "bwx/registry/asn.h"

namespace bwx::registry {

AsnInfo classifyAsn(std::uint32_t asn) noexcept
{
    // IANA "Special-Purpose AS Numbers" registry, in numeric order.
    if (asn == 0)
        return {AsnKind::Reserved, "reserved, RFC 7607"};
    if (asn == 23456)
        return {AsnKind::Reserved, "AS_TRANS, RFC 6793"};
    if (asn >= 64496 && asn <= 64511)
        return {AsnKind::Documentation, "documentation, RFC 5398"};
    if (asn >= 64512 && asn <= 65534)
        return {AsnKind::Private, "private use, RFC 6996"};
    if (asn == 65535)
        return {AsnKind::Reserved, "reserved, RFC 7300"};
    if (asn >= 65536 && asn <= 65551)
        return {AsnKind::Documentation, "documentation, RFC 5398"};
    if (asn >= 65552 && asn <= 131071)
        return {AsnKind::Reserved, "reserved by IANA"};
    if (asn >= 4200000000u && asn <= 4294967294u)
        return {AsnKind::Private, "private use, RFC 6996"};
    if (asn == 4294967295u)
        return {AsnKind::Reserved, "reserved, RFC 7300"};
    return {};
}

} // namespace bwx::registry
