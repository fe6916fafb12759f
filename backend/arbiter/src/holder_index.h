#pragma once
// Which members hold a valid route at each prefix, with the facts about that route that decide
// whether a trade exports it (class and origin). The arbiter decides every export on the fly
// from this index and the active trades instead of keeping a table per receiving member
// (docs/bgp.md, "How exports are held"); it indexes only the members whose routes some active
// trade exports, and only in that trade's address family.
//
// A prefix usually has one holder: its facts sit inline in a 16-byte slot (IPv4). Further
// holders, and members whose id does not fit the packed word, go to a side map.
#include "bwx/bgp/route_table.h"
#include "bwx/domain/destination.h"
#include "bwx/domain/ids.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace bwx::arbiter::detail {

// What the index knows of one member's best valid route at a prefix.
struct RouteFacts
{
    MemberId member{};
    RouteClass routeClass = RouteClass::Customer;
    std::uint32_t originAsn = 0; // 0: no origin (an AS_SET or an empty path); AS 0 never originates
    friend bool operator==(const RouteFacts &, const RouteFacts &) = default;
};

class HolderIndex
{
public:
    // Adds the member as a holder of `prefix`, or replaces its facts.
    void set(const net::Prefix &prefix, const RouteFacts &facts);
    // The member no longer holds a route at `prefix` (nothing when it did not).
    void erase(const net::Prefix &prefix, MemberId member);
    std::optional<RouteFacts> find(const net::Prefix &prefix, MemberId member) const;
    // Appends the holders of `prefix` to `out`, inline holder first.
    void holders(const net::Prefix &prefix, std::vector<RouteFacts> &out) const;

    // f(prefix, facts) for every holder of every prefix.
    template<class F> void forEach(F &&f) const;
    std::size_t size() const noexcept { return m_holders; }
    std::size_t memoryUsage() const noexcept;

private:
    struct Slot
    {
        std::uint32_t packed = kNoInline; // member | class << 29 | kMore
        std::uint32_t originAsn = 0;
    };
    static constexpr std::uint32_t kMemberBits = 29;
    static constexpr std::uint32_t kMemberMask = (1u << kMemberBits) - 1;
    static constexpr std::uint32_t kNoInline = kMemberMask; // the slot holds no inline member
    static constexpr std::uint32_t kClassShift = kMemberBits;
    static constexpr std::uint32_t kMore = 1u << 31;

    static bool hasInline(const Slot &slot) noexcept
    {
        return (slot.packed & kMemberMask) != kNoInline;
    }
    static RouteFacts inlineFacts(const Slot &slot) noexcept;
    static bool fitsInline(MemberId member) noexcept { return member.value() < kNoInline; }
    static Slot pack(const RouteFacts &facts, bool more) noexcept;

    bgp::RouteTable<Slot> m_table;
    std::map<net::Prefix, std::vector<RouteFacts>> m_more; // holders beyond the inline one
    std::size_t m_holders = 0;
};

template<class F> void HolderIndex::forEach(F &&f) const
{
    m_table.forEach([&](const net::Prefix &prefix, const Slot &slot) {
        if (hasInline(slot))
            f(prefix, inlineFacts(slot));
        if (slot.packed & kMore)
            for (const RouteFacts &facts : m_more.at(prefix))
                f(prefix, facts);
    });
}

} // namespace bwx::arbiter::detail
