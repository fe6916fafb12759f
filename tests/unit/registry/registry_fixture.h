#pragma once
// Shared set-up for the registry tests: a lab exchange (documentation prefixes and ASNs
// allowed, as in the demo), three members, and helpers that turn text into routes.
#include "bwx/registry/registry.h"

#include <QString>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bwx::registry::test {

inline constexpr std::uint32_t kExchangeAsn = 64496;
inline constexpr MemberId kAlpha{1};   // AS64500, AS64501; routers 192.0.2.1, 2001:db8:ffff::1
inline constexpr MemberId kBravo{2};   // AS64510; routers 192.0.2.2, 192.0.2.3, 2001:db8:ffff::2
inline constexpr MemberId kCharlie{3}; // AS65550; router 192.0.2.4

net::Prefix pfx(std::string_view text);
net::Address addr(std::string_view text);

// Exchange LAN 192.0.2.0/24 and 2001:db8:ffff::/64, documentation prefixes and ASNs allowed.
RegistryConfig labConfig();
MemberConfig alpha();
MemberConfig bravo();
MemberConfig charlie();
// A registry with labConfig() and the three members.
void addMembers(Registry &registry);

// "64500 64501 {64502 64503}": AS_SET members in braces.
void setPath(RouteInput &route, std::string_view path);
// "64496:1:1 64496:1:2"
std::vector<LargeCommunity> largeCommunities(std::string_view text);
RouteInput makeRoute(std::string_view prefix,
                     std::string_view path,
                     std::string_view nextHop,
                     std::string_view large = {});

// "203.0.113.0/24-24 AS64500; 2001:db8::/32-48 AS64500"
VrpSet vrps(std::string_view text);
// "203.0.113.0/24 AS64500; ..."
IrrSet irr(std::string_view text);

// Records notifications in order.
class RecordingListener final : public RegistryListener
{
public:
    struct MaxPrefix
    {
        MemberId member;
        net::Address peer;
        net::Family family;
        std::uint32_t limit;
    };
    std::vector<RouteChange> changes;
    std::vector<MaxPrefix> maxPrefix;

    void routeChanged(const RouteChange &change) override { changes.push_back(change); }
    void maxPrefixExceeded(MemberId member,
                           const net::Address &peer,
                           net::Family family,
                           std::uint32_t limit) override
    {
        maxPrefix.push_back({member, peer, family, limit});
    }
};

QString describe(const RouteChange &change);

// QCOMPARE cannot print the registry's enums (their toString returns a string_view, which
// hides QTest's own toString); compare their names instead.
template<class Enum> QString nameOf(Enum value)
{
    const std::string_view name = toString(value);
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

} // namespace bwx::registry::test
