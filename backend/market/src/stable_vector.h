#pragma once
// An append-only array in fixed-size chunks: elements never move, so growing it never copies
// what is already there (a std::vector of order records would copy hundreds of megabytes each
// time it doubles) and references stay valid.
#include <cassert>
#include <cstddef>
#include <memory>
#include <vector>

namespace bwx::market::detail {

template <class T, std::size_t ChunkBits = 12>
class StableVector
{
public:
    static constexpr std::size_t kChunk = std::size_t{1} << ChunkBits;

    std::size_t size() const noexcept { return m_size; }
    bool empty() const noexcept { return m_size == 0; }

    T &operator[](std::size_t i) noexcept
    {
        assert(i < m_size);
        return m_chunks[i >> ChunkBits][i & (kChunk - 1)];
    }
    const T &operator[](std::size_t i) const noexcept
    {
        assert(i < m_size);
        return m_chunks[i >> ChunkBits][i & (kChunk - 1)];
    }

    T &emplaceBack()
    {
        if ((m_size >> ChunkBits) == m_chunks.size())
            m_chunks.push_back(std::make_unique<T[]>(kChunk));
        const std::size_t i = m_size++;
        T &slot = m_chunks[i >> ChunkBits][i & (kChunk - 1)];
        slot = T{};
        return slot;
    }

    T &back() noexcept { return (*this)[m_size - 1]; }

    void clear()
    {
        m_chunks.clear();
        m_size = 0;
    }

private:
    std::vector<std::unique_ptr<T[]>> m_chunks;
    std::size_t m_size = 0;
};

} // namespace bwx::market::detail
