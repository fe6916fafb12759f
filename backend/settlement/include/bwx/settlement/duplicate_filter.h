#pragma once
// Recognises a datagram seen before, so a datagram duplicated on the way is never counted twice.
//
// The key is (exporter address, 64-bit hash of the whole payload). Two different datagrams from
// one exporter never have equal payloads in practice: every export header carries a sequence
// number and an export time or uptime, so equal bytes mean the same datagram. The filter
// remembers the last `window` keys: a ring says which key is the oldest, an open-addressing table
// (linear probing, at most half full, backward-shift deletion) answers "seen?" without allocating,
// so memory is fixed at construction whatever arrives.
#include "bwx/net/address.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace bwx::settlement {

// A fast 64-bit hash of bytes (multiply-xorshift over 8-byte words in host order): stable within
// a process, which is all duplicate detection needs.
std::uint64_t hashBytes(std::span<const std::uint8_t> bytes, std::uint64_t seed) noexcept;

class DuplicateFilter
{
public:
    explicit DuplicateFilter(std::size_t window = 65536);

    // True when the same datagram from the same exporter is among the last `window` seen;
    // otherwise remembers it and returns false.
    bool seen(const net::Address &exporter, std::span<const std::uint8_t> datagram);

    std::size_t size() const noexcept { return m_size; }
    std::size_t window() const noexcept { return m_ring.size(); }

private:
    bool contains(std::uint64_t key) const noexcept;
    void insert(std::uint64_t key) noexcept;
    void erase(std::uint64_t key) noexcept;

    // Key 0 marks an empty slot; a real key of 0 is stored as 1 (a harmless extra collision).
    std::vector<std::uint64_t> m_ring;
    std::vector<std::uint64_t> m_table; // power of two, >= 2 * window
    std::size_t m_mask = 0;
    std::size_t m_next = 0;
    std::size_t m_size = 0;
};

} // namespace bwx::settlement
