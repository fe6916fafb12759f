#pragma once
// An append-only array in fixed-size chunks: elements never move, so growing it never copies
// what is already there (a std::vector of order records would copy hundreds of megabytes each
// time it doubles) and references stay valid.
//
// A chunk is one 2 MiB huge page worth of elements (at least 64), allocated like the hot arrays
// (HugePageAllocator). Order and trade records are written once per new order or trade, so the
// array grows by fresh memory all the time: with 4 KiB pages that cost a page fault every ~20
// records (at ~1.5 us each, about a tenth of W1's time at 1k resting orders); with huge pages it
// is one fault per chunk.
#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "huge_page_allocator.h"
#include "prefetch.h"

namespace bwx::market::detail {

template <class T>
class StableVector
{
public:
    static constexpr std::size_t kChunk =
        HugePageAllocator<T>::kHugePage / sizeof(T) > 64 ? HugePageAllocator<T>::kHugePage / sizeof(T) : 64;
    static_assert(alignof(T) <= alignof(std::max_align_t));

    StableVector() = default;
    StableVector(const StableVector &) = delete;
    StableVector &operator=(const StableVector &) = delete;
    StableVector(StableVector &&other) noexcept
        : m_chunks(std::move(other.m_chunks)), m_size(std::exchange(other.m_size, 0))
    {
        other.m_chunks.clear();
    }
    StableVector &operator=(StableVector &&other) noexcept
    {
        if (this != &other) {
            clear();
            m_chunks = std::move(other.m_chunks);
            other.m_chunks.clear();
            m_size = std::exchange(other.m_size, 0);
        }
        return *this;
    }
    ~StableVector() { clear(); }

    std::size_t size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }

    T &operator[](std::size_t i) noexcept
    {
        assert(i < m_size);
        return m_chunks[i / kChunk][i % kChunk];
    }
    const T &operator[](std::size_t i) const noexcept
    {
        assert(i < m_size);
        return m_chunks[i / kChunk][i % kChunk];
    }

    T &emplaceBack()
    {
        if (m_size / kChunk == m_chunks.size()) {
            auto *chunk = Bytes{}.allocate(kChunkBytes);
            // Faulted in whole, here: one slow append per chunk (one huge page) instead of a
            // page fault every few records. Elements are constructed as they are appended:
            // constructing the whole chunk here would write 2 MiB that has left the cache by
            // the time the elements are filled in, so every element would be written twice.
            for (std::size_t offset = 0; offset < kChunkBytes; offset += 4096)
                *static_cast<volatile std::byte *>(chunk + offset) = std::byte{0};
            m_chunks.push_back(reinterpret_cast<T *>(chunk));
        }
        const std::size_t i = m_size;
        T *slot = ::new (static_cast<void *>(m_chunks[i / kChunk] + i % kChunk)) T();
        ++m_size;
        // The next append writes the next element: ask for its memory now, so that the write
        // does not wait for it.
        if ((i + 1) % kChunk != 0) {
            // Every line the next element touches: one that is not line-aligned (a 168-byte
            // TradeView) can reach into one line more than its size suggests.
            const auto next = reinterpret_cast<std::uintptr_t>(slot + 1);
            for (std::uintptr_t line = next & ~std::uintptr_t{63}; line < next + sizeof(T); line += 64)
                prefetchLine(reinterpret_cast<const void *>(line));
        }
        return *slot;
    }

    // Asks for the memory of the element the next emplaceBack() constructs, when its chunk
    // exists (emplaceBack asks for it too, but a whole command or more may lie in between).
    void prefetchNext() const noexcept
    {
        if (m_size / kChunk == m_chunks.size())
            return;
        const auto next = reinterpret_cast<std::uintptr_t>(m_chunks[m_size / kChunk] + m_size % kChunk);
        for (std::uintptr_t line = next & ~std::uintptr_t{63}; line < next + sizeof(T); line += 64)
            prefetchLine(reinterpret_cast<const void *>(line));
    }

    T &back() noexcept { return (*this)[m_size - 1]; }

    void clear()
    {
        for (std::size_t c = 0; c < m_chunks.size(); ++c) {
            std::destroy_n(m_chunks[c], std::min(kChunk, m_size - c * kChunk));
            Bytes{}.deallocate(reinterpret_cast<std::byte *>(m_chunks[c]), kChunkBytes);
        }
        m_chunks.clear();
        m_size = 0;
    }

private:
    using Bytes = HugePageAllocator<std::byte>;
    // Whole huge pages: the elements leave a few bytes of the last one unused.
    static constexpr std::size_t kChunkBytes =
        (kChunk * sizeof(T) + Bytes::kHugePage - 1) / Bytes::kHugePage * Bytes::kHugePage;

    std::vector<T *> m_chunks;
    std::size_t m_size = 0;
};

} // namespace bwx::market::detail
