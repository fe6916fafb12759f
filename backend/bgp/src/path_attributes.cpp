#include "bwx/bgp/path_attributes.h"

#include <algorithm>
#include <cassert>
#include <cstdio>

namespace bwx::bgp {

std::size_t AsPath::Segments::size() const noexcept
{
    std::size_t n = 0;
    for (SegmentIterator it = begin(); it != end(); ++it)
        ++n;
    return n;
}

AsPath::AsPath(const std::vector<AsPathSegment> &segments)
{
    std::size_t words = 0;
    for (const AsPathSegment &s : segments)
        words += 1 + s.asns.size();
    m_words.reserve(words);
    for (const AsPathSegment &s : segments)
        appendSegment(s.type, s.asns);
}

AsPath AsPath::sequence(std::initializer_list<Asn> asns)
{
    return sequence(std::span<const Asn>(asns.begin(), asns.size()));
}

AsPath AsPath::sequence(std::span<const Asn> asns)
{
    AsPath p;
    if (!asns.empty())
        p.appendSegment(SegmentType::AsSequence, asns);
    return p;
}

std::span<Asn> AsPath::appendSegment(SegmentType type, std::size_t count)
{
    assert(count <= kCountMask);
    const std::size_t at = m_words.size();
    m_words.resize(at + 1 + count);
    m_words[at] = std::uint32_t{static_cast<std::uint8_t>(type)} << kTypeShift
                  | static_cast<std::uint32_t>(count);
    return std::span<Asn>(m_words).subspan(at + 1, count);
}

void AsPath::appendSegment(SegmentType type, std::span<const Asn> asns)
{
    const std::span<Asn> out = appendSegment(type, asns.size());
    std::copy(asns.begin(), asns.end(), out.begin());
}

void AsPath::removeLastSegment() noexcept
{
    std::size_t last = 0;
    for (std::size_t at = 0; at < m_words.size(); at += 1 + (m_words[at] & kCountMask))
        last = at;
    m_words.resize(last);
}

int AsPath::length() const noexcept
{
    int n = 0;
    for (const AsPathSegmentView s : segments()) {
        if (s.type == SegmentType::AsSequence)
            n += static_cast<int>(s.asns.size());
        else if (s.type == SegmentType::AsSet)
            n += 1;
    }
    return n;
}

std::optional<Asn> AsPath::firstAs() const noexcept
{
    if (m_words.empty())
        return std::nullopt;
    const AsPathSegmentView first = *segments().begin();
    if (first.type != SegmentType::AsSequence || first.asns.empty())
        return std::nullopt;
    return first.asns.front();
}

std::optional<Asn> AsPath::originAs() const noexcept
{
    std::optional<AsPathSegmentView> last;
    for (const AsPathSegmentView s : segments())
        last = s;
    if (!last || last->type != SegmentType::AsSequence || last->asns.empty())
        return std::nullopt;
    return last->asns.back();
}

bool AsPath::contains(Asn asn) const noexcept
{
    for (const AsPathSegmentView s : segments())
        if (std::find(s.asns.begin(), s.asns.end(), asn) != s.asns.end())
            return true;
    return false;
}

bool AsPath::hasWideAsn() const noexcept
{
    for (const AsPathSegmentView s : segments())
        for (Asn a : s.asns)
            if (a > 0xffff)
                return true;
    return false;
}

std::string AsPath::toString() const
{
    std::string out;
    for (const AsPathSegmentView s : segments()) {
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
    // The path's words: segment headers (type and count) and ASes.
    h = mix(h, asPath.words().size());
    for (std::uint32_t word : asPath.words())
        h = mix(h, word);
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
