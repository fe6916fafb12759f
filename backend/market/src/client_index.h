#pragma once
// A member's orders, in the order they were placed, and its client order ids → order ids.
//
// One array holds an entry per order, appended as the order is accepted: its order id (so the
// array is the member's order list, ascending) and its client order id. Clients normally number
// their orders upwards, so the client ids along the array ascend too and a lookup is a binary
// search; the usual new order, whose id is above the highest seen, costs no lookup at all. An id
// that arrives out of order goes to a hash map, and its entry repeats the highest client id seen
// so far, which keeps the array sorted by client id: a search finds the first entry of a value,
// which is the order that brought it.
//
// The order list used to be a second per-member array. A new order then appended to two arrays
// of its member, and each append that entered a cache line of its array not yet in cache stalled
// the order for about the time of a memory access (W1: a quarter of new orders, ~110 ns each; see
// docs/market.md). One array of both enters a new line half as often per order as the two did,
// and each append asks for the line after the one it writes.
//
// The array is cut into chunks of kChunk entries. It grows with every order the member ever
// places, and as one vector each doubling copied all of it inside one command: at tens of
// millions of orders, tens of milliseconds during which the whole market waits. Only the last
// chunk grows (64 KiB at most to copy); full ones are kept with their last client id, which a
// lookup below the last chunk searches first.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "flat_map.h"
#include "prefetch.h"

namespace bwx::market::detail {

class ClientIndex
{
public:
    // 0 when absent (order ids start at 1).
    std::uint64_t find(std::uint64_t clientOrderId) const noexcept
    {
        if (m_tail.empty() || clientOrderId > m_highest)
            return 0;
        // The first entry whose client id is at least the one asked for: in the last chunk, or
        // in the first full chunk that reaches it.
        const std::vector<Entry> *chunk = &m_tail;
        if (m_full && clientOrderId <= m_full->last.back())
            chunk = &m_full->chunks[static_cast<std::size_t>(
                std::lower_bound(m_full->last.begin(), m_full->last.end(), clientOrderId)
                - m_full->last.begin())];
        const auto it = std::lower_bound(chunk->begin(), chunk->end(), clientOrderId,
                                         [](const Entry &e, std::uint64_t id) { return e.clientOrderId < id; });
        if (it != chunk->end() && it->clientOrderId == clientOrderId)
            return it->orderId;
        const std::uint64_t *other = m_others.find(clientOrderId);
        return other == nullptr ? 0 : *other;
    }

    // The client id must be absent and the order id above every one inserted.
    void insert(std::uint64_t clientOrderId, std::uint64_t orderId)
    {
        if (m_tail.empty() || clientOrderId > m_highest)
            m_highest = clientOrderId;
        else
            m_others.tryEmplace(clientOrderId, orderId);
        if (m_tail.size() == kChunk) {
            if (!m_full)
                m_full = std::make_unique<Full>();
            m_full->last.push_back(m_tail.back().clientOrderId);
            m_full->chunks.push_back(std::move(m_tail));
            m_tail = {};
            m_tail.reserve(kChunk); // a member this busy fills the next one too
        }
        m_tail.push_back(Entry{m_highest, orderId});
        // The next cache line of the array, which a later order of this member enters: asked for
        // now, it is in cache by then (an append into a line not yet in cache stalled about a
        // quarter of new orders by ~110 ns; see docs/market.md, "Price-time throughput (W1)").
        if (const std::size_t ahead = m_tail.size() + kPerLine; ahead < m_tail.capacity())
            prefetchLine(m_tail.data() + ahead);
    }

    // Every order inserted, ascending.
    template <class F>
    void forEachOrder(F &&f) const
    {
        if (m_full)
            for (const std::vector<Entry> &chunk : m_full->chunks)
                for (const Entry &e : chunk)
                    f(e.orderId);
        for (const Entry &e : m_tail)
            f(e.orderId);
    }

    std::size_t size() const noexcept
    {
        return (m_full ? m_full->chunks.size() * kChunk : 0) + m_tail.size();
    }

    static constexpr std::size_t kChunk = 4096; // entries: 64 KiB

private:
    struct Entry
    {
        std::uint64_t clientOrderId; // the highest seen so far when the order's own was lower
        std::uint64_t orderId;
    };
    static constexpr std::size_t kPerLine = 64 / sizeof(Entry);
    struct Hash
    {
        std::size_t operator()(std::uint64_t v) const noexcept { return static_cast<std::size_t>(mix64(v)); }
    };
    // What a new order reads and writes first (its line is asked for with the member's).
    std::vector<Entry> m_tail; // the last chunk: at most kChunk entries
    std::uint64_t m_highest = 0; // the highest client id inserted
    FlatMap<std::uint64_t, std::uint64_t, Hash> m_others; // ids inserted below m_highest
    // The full chunks, oldest first, and each one's last client id: apart, so that the member's
    // record, which holds this index, grows by a pointer only.
    struct Full
    {
        std::vector<std::vector<Entry>> chunks;
        std::vector<std::uint64_t> last;
    };
    std::unique_ptr<Full> m_full;
};

} // namespace bwx::market::detail
