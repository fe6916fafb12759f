#pragma once
// What the route server adds to a route it passes on. RFC 7947 leaves a member route's
// attributes as its router sent them; the exchange only removes the large communities addressed
// to itself (the member's signals to the exchange) and adds the trade communities naming the
// trades that carry the route. One decoration serves every route of a trading pair, so an
// exported route refers to the seller's own set and a decoration instead of a copy of the set
// per trading pair (hundreds of thousands of copies on a large exchange).
#include "bwx/bgp/attribute_pool.h"
#include "bwx/net/prefix.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace bwx::bgp {

struct Decoration
{
    std::vector<LargeCommunity> add; // sorted, no duplicates
    // Large communities of this global administrator are not passed on (0: none are removed).
    std::uint32_t dropGlobal = 0;

    friend bool operator==(const Decoration &, const Decoration &) = default;
};

using DecorationRef = std::shared_ptr<const Decoration>;

// Whether two routes decorated with `a` and `b` carry the same attributes (null: undecorated).
inline bool sameDecoration(const Decoration *a, const Decoration *b) noexcept
{
    return a == b || (a && b && *a == *b);
}

// The large communities of `set` once decorated, sorted and without duplicates, into `out`.
void decorateLargeCommunities(const PathAttributes &set,
                              const Decoration &decoration,
                              std::vector<LargeCommunity> &out);

// The whole set a decorated route carries on an external session: the large communities as
// above, and without the attributes of internal sessions (LOCAL_PREF, ORIGINATOR_ID,
// CLUSTER_LIST), which a route server never passes on.
PathAttributes decorated(const PathAttributes &set, const Decoration &decoration);

// A route a session sends (read from its outbound source): its set, and what the route server
// adds to it (null: sent as the set is).
struct OutboundRoute
{
    net::Prefix prefix;
    AttributesRef attributes;
    DecorationRef decoration;
};

} // namespace bwx::bgp
