#pragma once
// Interned attribute sets. A full table has about a million routes but far fewer distinct
// attribute sets (routes of one origin usually share a path), so each route holds a shared
// reference to one immutable set instead of its own copy.
#include "bwx/bgp/path_attributes.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace bwx::bgp {

// Immutable once interned; safe to hand to other threads.
using AttributesRef = std::shared_ptr<const PathAttributes>;

// A pooled set's number, stable while the set is pooled: what an Adj-RIB-In keeps per route
// (4 bytes where a shared pointer takes 16).
using AttributeId = std::uint32_t;

// Not thread-safe: one owner (the speaker's strand) interns and sweeps.
class AttributePool
{
public:
    // The pooled set equal to `attributes`, creating it on first sight.
    AttributesRef intern(const PathAttributes &attributes);
    // The same for a set already shared: an equal pooled set if there is one, else `attributes`
    // itself joins the pool, so no second copy is made.
    AttributesRef intern(AttributesRef attributes);
    // The id of the pooled set equal to `attributes`, creating it on first sight. It stays
    // pooled until the next sweep unless held.
    AttributeId internId(const PathAttributes &attributes);
    // Holds keep a set pooled while nothing but ids refer to it; each hold is released once.
    void hold(AttributeId id) noexcept { ++m_records[id].holds; }
    void release(AttributeId id) noexcept { --m_records[id].holds; }
    const AttributesRef &set(AttributeId id) const noexcept { return m_records[id].set; }

    std::size_t size() const noexcept { return m_size; }
    // Drops sets nothing refers to any more: no hold, and no reference but the pool's. Only
    // the owner thread can hand out new references, so a count of one cannot rise
    // concurrently. Returns how many went; their ids are reused.
    std::size_t sweep();
    // Sweeps when the pool has doubled since the last sweep and the last sweep is at least
    // `minInterval` old, so a table being learnt is not rescanned at every doubling.
    void maybeSweep(std::chrono::steady_clock::duration minInterval = std::chrono::seconds(30));
    // Heap bytes held by the pooled sets (estimate: vectors' capacities, records, the table).
    std::size_t memoryUsage() const noexcept;

private:
    // Sets live in records numbered by id; lookup is open addressing with linear probing over
    // ids, each record keeping 32 bits of its set's hash, so a probe compares whole sets only
    // on equal hashes. A node-based set costs a cache miss per node visited; a fan-out interns
    // hundreds of thousands of sets in one burst.
    struct Record
    {
        AttributesRef set; // null: a free id
        std::uint32_t hash = 0;
        std::uint32_t holds = 0;
    };
    std::size_t home(std::uint32_t hash) const noexcept;
    // The table slot holding the id of a set equal to `attributes`, or the empty slot where it
    // would go.
    std::size_t probe(std::uint32_t hash, const PathAttributes &attributes) const;
    // Room for one more set.
    void makeRoom();
    void rebuildTable(std::size_t slots);
    AttributeId add(AttributesRef set, std::uint32_t hash, std::size_t slot);

    std::vector<Record> m_records;
    std::vector<AttributeId> m_freeIds;
    std::vector<std::uint32_t> m_table; // id + 1; 0: empty
    std::size_t m_size = 0;
    std::size_t m_mask = 0;
    std::size_t m_sizeAfterSweep = 0;
    std::chrono::steady_clock::time_point m_lastSweep = std::chrono::steady_clock::now();
};

} // namespace bwx::bgp
