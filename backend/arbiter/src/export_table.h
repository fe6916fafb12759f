#pragma once
// The exports of one receiving member: for each prefix, the trades that make the member receive
// it (contributions) and whether it was announced. A contribution is a trade (by the arbiter's
// dense trade index) and the role it plays, packed into 30 bits; most prefixes have one or two,
// held inline with the flags, so an entry costs a 16-byte open-addressing slot (IPv4).
#include "bwx/bgp/route_table.h"
#include "bwx/net/prefix.h"
#include "bwx/proto/records.h"

#include <cstdint>
#include <vector>

namespace bwx::arbiter::detail {

// (tradeIndex << 1 | role bit) + 1; 0 means "none". Below 2^30 (the table keeps two flags in
// the bits above): 536 million live trades, far beyond what the arbiter could hold.
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
    std::size_t dirtyCount(net::Family f) const noexcept
    {
        return f == net::Family::V4 ? m_dirtyV4.size() : m_dirtyV6.size();
    }

    // Removes every contribution of one trade (both roles); the prefixes become dirty.
    void removeTrade(std::uint32_t tradeIndex);

    // Every prefix with at least one contribution: f(prefix, contributions).
    template<class F> void forEach(F &&f) const;
    // Every prefix of `family` with at least one contribution: f(prefix).
    template<class F> void forEachPrefix(net::Family family, F &&f) const
    {
        m_table.forEach([&](const net::Prefix &prefix, Slot &slot) {
            if (prefix.family() == family && !empty(slot))
                f(prefix);
        });
    }
    // Entries: after a flush, the prefixes the member receives.
    std::size_t size() const noexcept { return m_table.size(); }
    std::size_t size(net::Family f) const noexcept { return m_table.size(f); }
    std::size_t memoryUsage() const noexcept;

private:
    // A receiver holds a slot for every prefix it is sent (millions on a large exchange), so
    // the slot is two words: the flags with the first contribution, and either a second
    // contribution or, from three on, a list holding all but the first.
    struct Slot
    {
        std::uint32_t head = 0; // kAnnounced | kDirty | first contribution (0: none)
        std::uint32_t tail = 0; // 0: none; a contribution; or kList | 1-based m_overflow index
    };
    static constexpr std::uint32_t kAnnounced = 1u << 31;
    static constexpr std::uint32_t kDirty = 1u << 30;
    static constexpr std::uint32_t kFlags = kAnnounced | kDirty;
    static constexpr std::uint32_t kList = 1u << 31;
    static Contribution first(const Slot &slot) noexcept { return slot.head & ~kFlags; }
    static bool hasList(const Slot &slot) noexcept { return (slot.tail & kList) != 0; }
    std::vector<Contribution> &listOf(const Slot &slot)
    {
        return m_overflow[(slot.tail & ~kList) - 1];
    }
    const std::vector<Contribution> &listOf(const Slot &slot) const
    {
        return m_overflow[(slot.tail & ~kList) - 1];
    }

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
        slot->head &= ~kDirty;
        list.clear();
        collect(*slot, list);
        const bool nowAnnounced = visit(prefix, list, (slot->head & kAnnounced) != 0);
        // visit() may not touch the table, so the slot pointer is still valid.
        slot->head = nowAnnounced ? (slot->head | kAnnounced) : (slot->head & ~kAnnounced);
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
