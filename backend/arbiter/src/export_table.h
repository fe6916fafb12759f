#pragma once
// The exports of one receiving member: for each prefix, the trades that make the member receive
// it (contributions) and whether it was announced. A contribution is a trade (by the arbiter's
// dense trade index) and the role it plays, packed into 32 bits; most prefixes have one or two,
// held inline, so an entry costs a 24-byte open-addressing slot (IPv4).
#include "bwx/bgp/route_table.h"
#include "bwx/net/prefix.h"
#include "bwx/proto/records.h"

#include <cstdint>
#include <vector>

namespace bwx::arbiter::detail {

// (tradeIndex << 1 | role bit) + 1; 0 means "none".
using Contribution = std::uint32_t;

inline Contribution makeContribution(std::uint32_t tradeIndex, proto::ExportRole role) noexcept
{
    return ((tradeIndex << 1) | (role == proto::ExportRole::BuyerPrefixToSeller ? 1u : 0u)) + 1;
}
inline std::uint32_t tradeIndexOf(Contribution c) noexcept
{
    return (c - 1) >> 1;
}
inline proto::ExportRole roleOf(Contribution c) noexcept
{
    return ((c - 1) & 1u) ? proto::ExportRole::BuyerPrefixToSeller
                          : proto::ExportRole::SellerRouteToBuyer;
}

class ExportTable
{
public:
    // True when the contribution was not there yet. Marks the prefix dirty.
    bool add(const net::Prefix &prefix, Contribution c);
    // True when it was there. Marks the prefix dirty.
    bool remove(const net::Prefix &prefix, Contribution c);
    // Marks the prefix dirty if the table has an entry for it (its attributes may have changed).
    void touch(const net::Prefix &prefix);
    bool has(const net::Prefix &prefix, Contribution c) const;

    // The contributions at `prefix` (empty when none).
    void contributions(const net::Prefix &prefix, std::vector<Contribution> &out) const;
    bool announced(const net::Prefix &prefix) const;

    // Dirty prefixes in the order they became dirty (IPv4 first, then IPv6);
    // `visit(prefix, contributions, announced)`
    // returns whether the prefix is announced afterwards. Entries left without contributions
    // and not announced are dropped.
    template<class F> void drainDirty(F &&visit);
    bool hasDirty() const noexcept { return !m_dirtyV4.empty() || !m_dirtyV6.empty(); }

    // Removes every contribution of one trade (both roles); the prefixes become dirty.
    void removeTrade(std::uint32_t tradeIndex);

    // Every prefix with at least one contribution: f(prefix, contributions).
    template<class F> void forEach(F &&f) const;
    std::size_t size() const noexcept { return m_table.size(); }
    std::size_t memoryUsage() const noexcept;

private:
    struct Slot
    {
        Contribution inline0 = 0;
        Contribution inline1 = 0;
        std::uint32_t more = 0; // 1-based index into m_overflow, 0 = none
        std::uint8_t flags = 0;
    };
    static constexpr std::uint8_t kAnnounced = 1;
    static constexpr std::uint8_t kDirty = 2;

    void markDirty(const net::Prefix &prefix, Slot &slot);
    void collect(const Slot &slot, std::vector<Contribution> &out) const;
    bool empty(const Slot &slot) const noexcept;
    bool removeFrom(Slot &slot, Contribution c);
    void releaseOverflow(Slot &slot);

    mutable bgp::RouteTable<Slot> m_table;
    std::vector<std::vector<Contribution>> m_overflow;
    std::vector<std::uint32_t> m_freeOverflow;
    // A trade's activation makes every prefix of a seller's table dirty at once: IPv4 prefixes
    // are listed as 8-byte keys rather than 24-byte prefixes.
    std::vector<std::uint64_t> m_dirtyV4;
    std::vector<net::Prefix> m_dirtyV6;
    mutable std::vector<Contribution> m_scratch;
};

template<class F> void ExportTable::drainDirty(F &&visit)
{
    std::vector<std::uint64_t> dirtyV4;
    dirtyV4.swap(m_dirtyV4);
    std::vector<net::Prefix> dirtyV6;
    dirtyV6.swap(m_dirtyV6);
    std::vector<Contribution> list;
    auto drainOne = [&](const net::Prefix &prefix) {
        Slot *slot = m_table.find(prefix);
        if (!slot)
            return;
        slot->flags = static_cast<std::uint8_t>(slot->flags & ~kDirty);
        list.clear();
        collect(*slot, list);
        const bool nowAnnounced = visit(prefix, list, (slot->flags & kAnnounced) != 0);
        // visit() may not touch the table, so the slot pointer is still valid.
        slot->flags = static_cast<std::uint8_t>(nowAnnounced ? (slot->flags | kAnnounced)
                                                             : (slot->flags & ~kAnnounced));
        if (!nowAnnounced && empty(*slot)) {
            releaseOverflow(*slot);
            m_table.erase(prefix);
        }
    };
    for (const std::uint64_t key : dirtyV4)
        drainOne(bgp::detail::KeyV4{key}.prefix());
    for (const net::Prefix &prefix : dirtyV6)
        drainOne(prefix);
}

template<class F> void ExportTable::forEach(F &&f) const
{
    std::vector<Contribution> list;
    m_table.forEach([&](const net::Prefix &prefix, Slot &slot) {
        list.clear();
        collect(slot, list);
        if (!list.empty())
            f(prefix, list);
    });
}

} // namespace bwx::arbiter::detail
