#pragma once
// Interned route attribute sets. A full table repeats the same AS path, next hop and
// communities across many prefixes, so every route holds a 4-byte id into this pool instead of
// its own vectors; a set is freed when its last route goes.
//
// A set is one heap block: a header of four counts and the next hop's family, then the next
// hop (4 or 16 bytes), the AS path, the AS_SET spans, the communities and the large
// communities, each section 4-byte aligned. Its record is 16 bytes: the block, 32 bits of the
// hash and the reference count; the records grow by half, not by doubling. Lookup is an
// open-addressing table of ids (linear probing, backward-shift deletion) keyed by a content
// hash that depends on nothing but the attributes, so it can feed the state hash too.
#include "bwx/net/address.h"
#include "bwx/registry/route_input.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace bwx::registry::detail {

class AttributePool
{
public:
    // The id of an equal set (taking one more reference to it) or of a new one.
    std::uint32_t intern(const RouteAttributesView &attributes);
    void retain(std::uint32_t id) noexcept;
    void release(std::uint32_t id) noexcept;

    // Valid until the set is released for the last time.
    RouteAttributesView view(std::uint32_t id) const noexcept;
    // Computed from the set (the record keeps 32 bits of it, for the table).
    std::uint64_t contentHash(std::uint32_t id) const noexcept { return hashOf(view(id)); }
    std::uint32_t references(std::uint32_t id) const noexcept { return m_records[id].references; }
    bool isLive(std::uint32_t id) const noexcept
    {
        return id < m_records.size() && m_records[id].references > 0;
    }

    std::size_t size() const noexcept { return m_live; }
    std::size_t memoryUsage() const noexcept;
    // Every live set is reachable through the table under its own hash.
    bool isConsistent() const;

    static std::uint64_t hashOf(const RouteAttributesView &attributes) noexcept;

private:
    struct Record
    {
        std::unique_ptr<std::byte[]> block;
        std::uint32_t hash = 0; // the low half of the content hash: enough to probe with
        std::uint32_t references = 0;
    };
    static std::uint32_t probeHash(std::uint64_t hash) noexcept
    {
        return static_cast<std::uint32_t>(hash);
    }

    bool equals(std::uint32_t id, const RouteAttributesView &attributes) const noexcept;
    std::uint32_t allocate(const RouteAttributesView &attributes, std::uint64_t hash);
    void growTable();
    void placeInTable(std::uint32_t id) noexcept;
    void removeFromTable(std::uint32_t id) noexcept;
    std::size_t mask() const noexcept { return m_table.size() - 1; }

    std::vector<Record> m_records;
    std::vector<std::uint32_t> m_freeIds;
    std::vector<std::uint32_t> m_table; // id + 1, or 0 for an empty slot
    std::size_t m_live = 0;
    std::size_t m_blockBytes = 0;
};

} // namespace bwx::registry::detail
