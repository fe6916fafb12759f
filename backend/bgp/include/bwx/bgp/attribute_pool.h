#pragma once
// Interned attribute sets. A full table has about a million routes but far fewer distinct
// attribute sets (routes of one origin usually share a path), so each route holds a shared
// reference to one immutable set instead of its own copy.
#include "bwx/bgp/path_attributes.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

namespace bwx::bgp {

// Immutable once interned; safe to hand to other threads.
using AttributesRef = std::shared_ptr<const PathAttributes>;

// Not thread-safe: one owner (the speaker's strand) interns and sweeps.
class AttributePool
{
public:
    // The pooled set equal to `attributes`, creating it on first sight.
    AttributesRef intern(const PathAttributes &attributes);
    // The same for a set already shared: an equal pooled set if there is one, else `attributes`
    // itself joins the pool, so no second copy is made.
    AttributesRef intern(AttributesRef attributes);
    std::size_t size() const noexcept { return m_size; }
    // Drops sets nothing but the pool refers to any more. Only the owner thread can hand out
    // new references, so a count of one cannot rise concurrently. Returns how many went.
    std::size_t sweep();
    // Sweeps when the pool has doubled since the last sweep and the last sweep is at least
    // `minInterval` old, so a table being learnt is not rescanned at every doubling.
    void maybeSweep(std::chrono::steady_clock::duration minInterval = std::chrono::seconds(30));
    // Heap bytes held by the pooled sets (estimate: vectors' capacities, the slots).
    std::size_t memoryUsage() const noexcept;

private:
    // Open addressing with linear probing, each slot holding the set's hash: a lookup touches
    // one run of adjacent slots and compares whole sets only on equal hashes. A node-based set
    // costs a cache miss per node visited; a fan-out interns hundreds of thousands of derived
    // sets in one burst.
    struct Slot
    {
        std::size_t hash = 0;
        AttributesRef set; // null: empty
    };
    std::size_t home(std::size_t hash) const noexcept;
    // The slot holding a set equal to `attributes`, or the empty slot where it would go.
    std::size_t probe(std::size_t hash, const PathAttributes &attributes) const;
    // Room for one more set.
    void makeRoom();
    void rehash(std::size_t slots);

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
    std::size_t m_mask = 0;
    std::size_t m_sizeAfterSweep = 0;
    std::chrono::steady_clock::time_point m_lastSweep = std::chrono::steady_clock::now();
};

} // namespace bwx::bgp
