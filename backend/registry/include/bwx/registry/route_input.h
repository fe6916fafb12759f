#pragma once
// What the registry needs to know about one received route, independent of the BGP codec: the
// glue between a BGP session and the registry maps a parsed UPDATE to a RouteInput per prefix.
//
// AS_PATH representation. `asPath` holds every ASN of every AS_SEQUENCE and AS_SET segment, in
// wire order (the neighbour's AS first, the origin last). The members of each AS_SET segment are
// a contiguous run of `asPath`, listed in `asSets` as [begin, begin + size). So:
//   * the first AS is asPath[0] unless that position belongs to an AS_SET;
//   * the origin AS (RFC 6811 section 2) is the last ASN when it is part of an AS_SEQUENCE;
//     a path that is empty or ends in an AS_SET has no origin ("NONE"): no VRP can match it,
//     so RPKI gives Invalid when a VRP covers the prefix and NotFound otherwise;
//   * the path length (RFC 4271 9.1.2.2) counts each AS_SET as one.
// AS_CONFED_* segments never reach the registry: an eBGP member must not send them and the
// session drops them (RFC 5065 section 5.3).
#include "bwx/net/address.h"
#include "bwx/net/prefix.h"

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bwx::registry {

// RFC 8092: global administrator, local data part 1, local data part 2.
struct LargeCommunity
{
    std::uint32_t global = 0;
    std::uint32_t local1 = 0;
    std::uint32_t local2 = 0;
    friend auto operator<=>(const LargeCommunity &, const LargeCommunity &) = default;
};

// asPath[begin, begin + size) came from one AS_SET segment.
struct AsSetSpan
{
    std::uint32_t begin = 0;
    std::uint32_t size = 0;
    friend auto operator<=>(const AsSetSpan &, const AsSetSpan &) = default;
};

class AsPathView
{
public:
    AsPathView() = default;
    AsPathView(std::span<const std::uint32_t> asns, std::span<const AsSetSpan> sets) noexcept
        : m_asns(asns)
        , m_sets(sets)
    {}

    std::span<const std::uint32_t> asns() const noexcept { return m_asns; }
    std::span<const AsSetSpan> sets() const noexcept { return m_sets; }
    bool empty() const noexcept { return m_asns.empty(); }
    bool hasSet() const noexcept { return !m_sets.empty(); }

    bool inSet(std::size_t index) const noexcept;
    // The neighbour's AS; nullopt when the path is empty or starts with an AS_SET.
    std::optional<std::uint32_t> firstAsn() const noexcept;
    // nullopt is RFC 6811's "NONE": empty path or final AS_SET.
    std::optional<std::uint32_t> originAsn() const noexcept;
    // Each AS_SET counts as one hop.
    std::uint32_t length() const noexcept;

private:
    std::span<const std::uint32_t> m_asns;
    std::span<const AsSetSpan> m_sets;
};

// The attributes of a route without its prefix; what the registry interns and stores.
struct RouteAttributesView
{
    AsPathView path;
    net::Address nextHop;
    std::span<const std::uint32_t> communities;
    std::span<const LargeCommunity> largeCommunities;
};

struct RouteInput
{
    net::Prefix prefix;
    std::vector<std::uint32_t> asPath;
    std::vector<AsSetSpan> asSets; // sorted by begin, non-overlapping, each size >= 1
    net::Address nextHop;
    std::vector<std::uint32_t> communities; // RFC 1997: (ASN << 16) | value, as received
    std::vector<LargeCommunity> largeCommunities;

    AsPathView path() const noexcept { return {asPath, asSets}; }
    RouteAttributesView attributes() const noexcept
    {
        return {path(), nextHop, communities, largeCommunities};
    }
    friend bool operator==(const RouteInput &, const RouteInput &) = default;
};

// Empty when the input keeps the invariants above, otherwise what is wrong with it.
std::optional<std::string> checkRouteInput(const RouteInput &route);

// "64500 64501 {64502 64503}" (AS_SET members in braces, as BIRD and bgpdump print them).
std::string formatAsPath(const AsPathView &path);
// "64500:1:1"
std::string formatLargeCommunity(const LargeCommunity &community);
// "64500:100"
std::string formatCommunity(std::uint32_t community);

} // namespace bwx::registry
