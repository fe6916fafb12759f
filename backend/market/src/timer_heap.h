#pragma once
// A min-heap of deadlines (order expiries, trade state changes) ordered by (time, id), stored in
// fixed chunks of one huge page each. A std::vector would copy the whole heap each time it
// doubles: the order heap holds an entry per order (and closed orders' entries until the next
// clock tick compacts it), so past a million orders one new order in a million stalled for the
// ~16 MiB copy and the faults of a 32 MiB block (W2: ~4 % of a 200k-op window, and one
// acknowledgement late by milliseconds). Here growing faults in one 2 MiB chunk and copies
// nothing; chunks emptied by pops are kept for the next pushes.
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "huge_page_allocator.h"
#include "prefetch.h"

namespace bwx::market::detail {

struct Timer
{
    std::int64_t time = 0;
    std::uint64_t id = 0;
    friend bool operator>(const Timer &a, const Timer &b) noexcept
    {
        return a.time != b.time ? a.time > b.time : a.id > b.id;
    }
};

class TimerHeap
{
public:
    TimerHeap() = default;
    TimerHeap(const TimerHeap &) = delete;
    TimerHeap &operator=(const TimerHeap &) = delete;
    ~TimerHeap()
    {
        for (Timer *chunk : m_chunks)
            Bytes{}.deallocate(reinterpret_cast<std::byte *>(chunk), kChunkBytes);
    }

    std::size_t size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }
    const Timer &top() const noexcept
    {
        assert(m_size > 0);
        return m_chunks[0][0];
    }
    const Timer &operator[](std::size_t i) const noexcept { return at(i); }

    // The new timer stays in registers until its slot is known (siftUp): appending it and
    // reading it back made GCC store the two fields separately and reload them as one 16-byte
    // value, a load that waited for the stores to reach the cache (a stall on every new order).
    void push(std::int64_t time, std::uint64_t id)
    {
        if (m_size == m_chunks.size() * kChunk)
            addChunk();
        siftUp(m_size++, Timer{time, id});
    }

    // Removes the earliest deadline.
    void pop() noexcept
    {
        assert(m_size > 0);
        const Timer last = at(--m_size);
        if (m_size > 0)
            siftDown(0, last);
    }

    // Removes the entry with this id, if any (linear: trade cancellations are rare).
    bool erase(std::uint64_t id) noexcept
    {
        for (std::size_t i = 0; i < m_size; ++i) {
            if (at(i).id != id)
                continue;
            const Timer last = at(--m_size);
            if (i < m_size) {
                // The last entry takes the hole, then moves down or up to where it belongs.
                siftDown(i, last);
                siftUp(i, at(i));
            }
            return true;
        }
        return false;
    }

    void clear() noexcept { m_size = 0; }

    // Asks for the slot the next push() starts at, and the line after it, for a caller that
    // will push soon: a heap that grows by one entry per trade enters a fresh line every few
    // trades, which is then already on its way.
    void prefetchPush() const noexcept
    {
        constexpr std::size_t kPerLine = 64 / sizeof(Timer);
        const std::size_t capacity = m_chunks.size() * kChunk;
        if (m_size < capacity)
            prefetchLine(&at(m_size));
        if (m_size + kPerLine < capacity)
            prefetchLine(&at(m_size + kPerLine));
    }

    bool isHeap() const noexcept
    {
        for (std::size_t i = 1; i < m_size; ++i)
            if (at((i - 1) / 2) > at(i))
                return false;
        return true;
    }

private:
    using Bytes = HugePageAllocator<std::byte>;
    static constexpr std::size_t kChunkBytes = Bytes::kHugePage;
    static constexpr std::size_t kChunk = kChunkBytes / sizeof(Timer);
    static_assert((kChunk & (kChunk - 1)) == 0, "chunk index by shift and mask");
    static constexpr int kShift = __builtin_ctzll(kChunk);

    Timer &at(std::size_t i) noexcept { return m_chunks[i >> kShift][i & (kChunk - 1)]; }
    const Timer &at(std::size_t i) const noexcept
    {
        return m_chunks[i >> kShift][i & (kChunk - 1)];
    }

    void addChunk()
    {
        std::byte *chunk = Bytes{}.allocate(kChunkBytes);
        m_chunks.push_back(reinterpret_cast<Timer *>(chunk));
    }
    // Puts `timer` into the hole at `hole`, moving smaller children up as it goes down.
    void siftDown(std::size_t hole, const Timer &timer) noexcept
    {
        for (;;) {
            std::size_t child = 2 * hole + 1;
            if (child >= m_size)
                break;
            if (child + 1 < m_size && at(child) > at(child + 1))
                ++child;
            if (!(timer > at(child)))
                break;
            at(hole) = at(child);
            hole = child;
        }
        at(hole) = timer;
    }
    // Puts `timer` into the hole at `hole`, moving larger parents down as it goes up.
    void siftUp(std::size_t hole, const Timer timer) noexcept
    {
        while (hole > 0) {
            const std::size_t parent = (hole - 1) / 2;
            if (!(at(parent) > timer))
                break;
            at(hole) = at(parent);
            hole = parent;
        }
        at(hole) = timer;
    }

    std::vector<Timer *> m_chunks;
    std::size_t m_size = 0;
};

} // namespace bwx::market::detail
