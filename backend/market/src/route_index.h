#pragma once
// The members' deliverable routes as the market sees them (RouteBatch): per member a set of
// prefixes, each with its route class, origin AS and AS-path length, and one table over all
// members' routes for the question matching asks most: which members hold a route covering
// this prefix (from the shortest covering route to the longest). Per member it also counts
// routes by class and by origin AS, with the longest AS path among them, for sells whose
// destination is a route class or an origin AS.
//
// The covering routes are found by looking the prefix up at every length that some route has,
// not by walking a trie: on a full table a walk to a /24 is twenty nodes, each a cache miss that
// waits for the one before, while the lookups at the lengths are independent and their misses
// overlap (bwx-bench-matcher-bandwidth, matcher.W2).
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "bwx/domain/destination.h"
#include "bwx/domain/ids.h"
#include "bwx/net/prefix.h"
#include "flat_map.h"
#include "prefix_presence.h"

namespace bwx::market::detail {

struct RouteAttrs
{
    RouteClass routeClass = RouteClass::Customer;
    std::uint32_t originAsn = 0;
    std::uint8_t pathLength = 0;
    friend bool operator==(const RouteAttrs &, const RouteAttrs &) = default;
};

// A route of one member at one prefix.
struct RouteHolder
{
    std::uint32_t member = 0;
    RouteAttrs attrs;
};

// Which routes of a member a sell or buy destination refers to.
enum class RouteFilter : std::uint8_t { Any, Class, Origin };

// A group of a member's routes: one class or one origin AS, in one family.
struct RouteGroupKey
{
    std::uint32_t member = 0;
    std::uint32_t value = 0; // class or origin AS
    net::Family family = net::Family::V4;
    RouteFilter filter = RouteFilter::Class;
    friend bool operator==(const RouteGroupKey &, const RouteGroupKey &) = default;
};

struct RouteGroupKeyHash
{
    std::size_t operator()(const RouteGroupKey &k) const noexcept
    {
        return static_cast<std::size_t>(
            mix64((std::uint64_t{k.member} << 32 | k.value) ^ (std::uint64_t{static_cast<std::uint8_t>(k.filter)} << 8
                                                               | static_cast<std::uint8_t>(k.family)) * 0x9e3779b97f4a7c15u));
    }
};

struct RouteGroup
{
    std::uint32_t count = 0;
    // (path length, number of routes), ascending: the longest AS path is the last entry.
    std::vector<std::pair<std::uint8_t, std::uint32_t>> lengths;
    std::uint8_t longestPath() const noexcept { return lengths.empty() ? 0 : lengths.back().first; }
};

// Whether a route belongs to the group a destination names (every route for RouteFilter::Any).
bool passes(const RouteAttrs &attrs, RouteFilter filter, std::uint32_t value) noexcept;

class RouteIndex
{
public:
    // Found route: its prefix and attributes.
    struct Hit
    {
        net::Prefix prefix;
        RouteAttrs attrs;
    };

    void resizeMembers(std::size_t count) { m_members.resize(count); }

    // Announces (or replaces) a route of `member`.
    void announce(MemberId member, const net::Prefix &prefix, const RouteAttrs &attrs);
    // Withdraws it; false when the member held no route at that prefix.
    bool withdraw(MemberId member, const net::Prefix &prefix);
    // Withdraws every route of the member.
    void clear(MemberId member);

    // The member's longest route covering `prefix` whose class / origin is `value` (any route
    // for RouteFilter::Any).
    std::optional<Hit> longest(MemberId member, const net::Prefix &prefix, RouteFilter filter,
                               std::uint32_t value = 0) const;
    const RouteAttrs *find(MemberId member, const net::Prefix &prefix) const;
    // Routes of the member in a class or with an origin AS, in one family; nullptr when none.
    const RouteGroup *group(MemberId member, net::Family family, RouteFilter filter,
                            std::uint32_t value) const;
    // The outermost routes of a group (those inside no other route of the group), sorted:
    // every prefix a route of the group covers lies inside exactly one of them. Computed on
    // first use (or for the route classes by prepareClassRoutes) and kept until the member's
    // routes change. The reference is valid until the next call.
    struct OuterRoutes
    {
        std::uint64_t generation = 0;
        std::vector<net::Prefix> prefixes;
    };
    const OuterRoutes &outerRoutes(MemberId member, net::Family family, RouteFilter filter,
                             std::uint32_t value) const;
    // Computes the outermost routes of the member's route classes at once (one sort of its
    // routes for all six), when a route batch of `changes` has just changed an eighth of its
    // routes or more: a table loaded or replaced in bulk is then ready for the first class sell,
    // which would otherwise pay a scan and a sort of the member's routes (~70k cycles for
    // 1,200 routes in matcher.W2: a quarter of such a sell). After a smaller change the classes
    // are recomputed on first use as before, so an update to a full table costs no sort of it.
    void prepareClassRoutes(MemberId member, std::size_t changes);

    // A stored prefix covering a prefix, with its holders (ascending by member).
    struct Covering
    {
        net::Prefix prefix;
        const std::vector<RouteHolder> *holders = nullptr;
    };
    // Every stored prefix covering `prefix`, shortest first. Matching asks this for the same
    // prefix once per candidate of a taker (through longest()), so the answer for the last
    // prefix asked is kept until the routes change; valid until the next call or route change.
    const std::vector<Covering> &coveringChain(const net::Prefix &prefix) const;

    // f(routePrefix, holders) for every stored prefix covering `prefix`, shortest first;
    // holders ascend by member. `f` must neither change the routes nor look any up (it walks
    // coveringChain's kept answer).
    template <class F>
    void forEachCovering(const net::Prefix &prefix, F &&f) const
    {
        for (const Covering &c : coveringChain(prefix))
            f(c.prefix, *c.holders);
    }

    // f(prefix, attrs) for every route of the member, in no particular order.
    template <class F>
    void forEachRouteOf(MemberId member, F &&f) const
    {
        if (member.value() == 0 || member.value() > m_members.size())
            return;
        m_members[member.value() - 1].routes.forEach(f);
    }

    // The member's routes in prefix order (IPv4 first).
    std::vector<Hit> routesOf(MemberId member) const;
    std::size_t routeCount(MemberId member) const;
    std::size_t prefixCount() const noexcept { return m_all.size(); }

    // The per-member sets, the group counts and the shared trie agree. Empty when consistent.
    std::string check() const;

private:
    struct MemberRoutes
    {
        FlatMap<net::Prefix, RouteAttrs, net::PrefixHash> routes;
        std::uint64_t generation = 0; // bumped by every change of the member's routes
        // Bit n of word n / 64 of a family: the member has (or had) a route of length n there.
        // Only ever set: a bit left by a withdrawn route costs a lookup that finds nothing.
        std::uint64_t lengths[2][3] = {};
    };
    void addToGroups(std::uint32_t member, net::Family family, const RouteAttrs &attrs, int delta);
    // The outermost routes of a group, sorted, computed from the member's routes.
    void computeOuter(const MemberRoutes &mine, net::Family family, RouteFilter filter,
                      std::uint32_t value, std::vector<net::Prefix> &out) const;
    void changeGroup(const RouteGroupKey &key, std::uint8_t pathLength, int delta);

    std::vector<MemberRoutes> m_members; // member id - 1
    // Every member's routes by prefix, and its keys as coveringChain looks them up.
    FlatMap<net::Prefix, std::vector<RouteHolder>, net::PrefixHash> m_all;
    PrefixKeys m_allKeys;
    FlatMap<RouteGroupKey, RouteGroup, RouteGroupKeyHash> m_groups;
    // A cache, not state: derived from m_members on demand (hence mutable).
    mutable FlatMap<RouteGroupKey, OuterRoutes, RouteGroupKeyHash> m_outer;
    // coveringChain's last answer. It points into m_all, so a copy starts empty.
    struct ChainCache
    {
        ChainCache() = default;
        ChainCache(const ChainCache &) noexcept {}
        ChainCache &operator=(const ChainCache &) noexcept
        {
            valid = false;
            return *this;
        }
        bool valid = false;
        std::uint64_t generation = 0;
        net::Prefix prefix{};
        std::vector<Covering> entries;
    };
    std::uint64_t m_generation = 0; // bumped by every change of m_all
    mutable ChainCache m_chain;
};

// The figures the market uses for a seller toward its measured destinations (QualityBatch).
struct QualityFigure
{
    std::uint32_t latencyUs = 0;
    std::uint32_t lossPpm = 0;
    std::uint32_t jitterUs = 0;
    std::uint8_t state = 0; // proto::QualityState
    friend bool operator==(const QualityFigure &, const QualityFigure &) = default;
};

} // namespace bwx::market::detail
