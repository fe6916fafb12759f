#include "bwx/bgp/path_attributes.h"

#include <cstdio>

namespace bwx::bgp {

AsPath AsPath::sequence(std::initializer_list<Asn> asns)
{
    return sequence(std::vector<Asn>(asns));
}

AsPath AsPath::sequence(std::vector<Asn> asns)
{
    AsPath p;
    if (!asns.empty())
        p.m_segments.push_back({SegmentType::AsSequence, std::move(asns)});
    return p;
}

int AsPath::length() const noexcept
{
    int n = 0;
    for (const AsPathSegment &s : m_segments) {
        if (s.type == SegmentType::AsSequence)
            n += static_cast<int>(s.asns.size());
        else if (s.type == SegmentType::AsSet)
            n += 1;
    }
    return n;
}

std::optional<Asn> AsPath::firstAs() const noexcept
{
    if (m_segments.empty() || m_segments.front().type != SegmentType::AsSequence
        || m_segments.front().asns.empty())
        return std::nullopt;
    return m_segments.front().asns.front();
}

std::optional<Asn> AsPath::originAs() const noexcept
{
    if (m_segments.empty() || m_segments.back().type != SegmentType::AsSequence
        || m_segments.back().asns.empty())
        return std::nullopt;
    return m_segments.back().asns.back();
}

bool AsPath::contains(Asn asn) const noexcept
{
    for (const AsPathSegment &s : m_segments)
        for (Asn a : s.asns)
            if (a == asn)
                return true;
    return false;
}

bool AsPath::hasWideAsn() const noexcept
{
    for (const AsPathSegment &s : m_segments)
        for (Asn a : s.asns)
            if (a > 0xffff)
                return true;
    return false;
}

std::string AsPath::toString() const
{
    std::string out;
    for (const AsPathSegment &s : m_segments) {
        if (!out.empty())
            out += ' ';
        const bool set = s.type == SegmentType::AsSet || s.type == SegmentType::ConfedSet;
        const bool confed = s.type == SegmentType::ConfedSequence
                            || s.type == SegmentType::ConfedSet;
        if (confed)
            out += '(';
        if (set)
            out += '{';
        for (std::size_t i = 0; i < s.asns.size(); ++i) {
            if (i)
                out += set ? ',' : ' ';
            out += std::to_string(s.asns[i]);
        }
        if (set)
            out += '}';
        if (confed)
            out += ')';
    }
    return out;
}

namespace {

// splitmix64 step: every input bit reaches every output bit.
constexpr std::uint64_t mix(std::uint64_t h, std::uint64_t v) noexcept
{
    std::uint64_t z = h ^ (v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

std::uint64_t mixAddress(std::uint64_t h, const net::OptionalAddress &a) noexcept
{
    if (!a)
        return mix(h, 0);
    return mix(mix(mix(h, static_cast<std::uint64_t>(a->family())), a->high()), a->low());
}

std::uint64_t mixOptional(std::uint64_t h, const std::optional<std::uint32_t> &v) noexcept
{
    return mix(h, v ? (std::uint64_t{1} << 32 | *v) : 0);
}

} // namespace

// The rare attributes are read through rare(), which gives empty ones for a set that has none
// allocated: equal sets hash alike whether or not their rare parts were allocated.
std::size_t PathAttributes::hash() const noexcept
{
    std::uint64_t h = static_cast<std::uint64_t>(origin);
    for (const AsPathSegment &s : asPath.segments()) {
        h = mix(h, static_cast<std::uint64_t>(s.type) << 32 | s.asns.size());
        for (Asn a : s.asns)
            h = mix(h, a);
    }
    h = mixAddress(h, nextHop);
    h = mixOptional(h, med);
    h = mix(h, atomicAggregate);
    h = mix(h, communities.size());
    for (Community c : communities)
        h = mix(h, c);
    h = mix(h, largeCommunities.size());
    for (const LargeCommunity &c : largeCommunities)
        h = mix(mix(mix(h, c.global), c.local1), c.local2);

    const RareAttributes &r = rare();
    h = mixAddress(h, r.linkLocalNextHop);
    h = mixOptional(h, r.localPref);
    if (r.aggregator)
        h = mix(mix(h, r.aggregator->asn), r.aggregator->address);
    h = mixOptional(h, r.originatorId);
    h = mix(h, r.clusterList.size());
    for (std::uint32_t c : r.clusterList)
        h = mix(h, c);
    for (const RawAttribute &raw : r.unknown) {
        h = mix(h, std::uint64_t{raw.flags} << 8 | raw.type);
        for (std::uint8_t b : raw.value)
            h = mix(h, b);
    }
    return static_cast<std::size_t>(h);
}

std::string communityToString(Community c)
{
    return std::to_string(c >> 16) + ':' + std::to_string(c & 0xffff);
}

std::string largeCommunityToString(const LargeCommunity &c)
{
    return std::to_string(c.global) + ':' + std::to_string(c.local1) + ':'
           + std::to_string(c.local2);
}

const char *originName(Origin origin) noexcept
{
    switch (origin) {
    case Origin::Igp: return "IGP";
    case Origin::Egp: return "EGP";
    case Origin::Incomplete: return "incomplete";
    }
    return "?";
}

} // namespace bwx::bgp
