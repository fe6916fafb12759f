#pragma once
// The attributes of an exported route: the member route's attributes as its router sent them
// (RFC 7947: next hop, AS path, MED, communities and unknown transitive attributes unchanged),
// without the exchange's own large communities (the member's signals to the exchange) and
// with the trade communities added — the member's set with a decoration (bwx/bgp/decoration.h).
// The speaker is handed the set and the decoration; whole derived sets are made only for
// queries, and shared there: a seller's routes that share an attribute set share the
// exported set too.
#include "bwx/bgp/decoration.h"
#include "bwx/bgp/pointer_map.h"

#include <cstdint>
#include <map>
#include <vector>

namespace bwx::arbiter::detail {

class ExportAttributes
{
public:
    explicit ExportAttributes(std::uint32_t exchangeAsn)
        : m_exchangeAsn(exchangeAsn)
    {}

    // `tags` sorted. The same tags give the same reference while cached.
    bgp::DecorationRef decoration(const std::vector<bgp::LargeCommunity> &tags);
    // The whole decorated set. The same source set and tags give the same reference while
    // cached.
    bgp::AttributesRef derive(const bgp::AttributesRef &source,
                              const std::vector<bgp::LargeCommunity> &tags);
    // Forgets the cache once it holds more than `limit` sets or tag lists (called after a
    // flush). Decorations handed out stay valid; an equal one made later compares equal.
    void trim(std::size_t limit);
    std::size_t size() const noexcept { return m_size; }

private:
    // A tag list is named by a small id: few lists (one per trading pair) serve millions of
    // exports.
    std::uint32_t tagListId(const std::vector<bgp::LargeCommunity> &tags);

    struct Entry
    {
        bgp::AttributesRef source; // keeps the key's pointer valid
        bgp::AttributesRef derived;
    };

    std::uint32_t m_exchangeAsn;
    // Per tag list, the derived sets by source set. A flush derives a receiver's exports seller
    // by seller, each seller's with one tag list: the map in use holds one seller's sets and
    // stays in cache, where one map of every (source set, tag list) would miss on most exports.
    std::vector<bgp::detail::PointerMap<Entry>> m_cache;
    std::size_t m_size = 0;
    std::map<std::vector<bgp::LargeCommunity>, std::uint32_t> m_tagIds;
    std::vector<bgp::DecorationRef> m_decorations; // by tag list id
    // Consecutive exports of a receiver mostly come from one seller and carry the same tags.
    std::vector<bgp::LargeCommunity> m_lastTags;
    std::uint32_t m_lastTagId = 0;
    bool m_hasLastTags = false;
};

} // namespace bwx::arbiter::detail
