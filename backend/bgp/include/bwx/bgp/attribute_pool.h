#pragma once
// Interned attribute sets. A full table has about a million routes but far fewer distinct
// attribute sets (routes of one origin usually share a path), so each route holds a shared
// reference to one immutable set instead of its own copy.
#include "bwx/bgp/path_attributes.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <unordered_set>

namespace bwx::bgp {

// Immutable once interned; safe to hand to other threads.
using AttributesRef = std::shared_ptr<const PathAttributes>;

// Not thread-safe: one owner (the speaker's strand) interns and sweeps.
class AttributePool
{
public:
    // The pooled set equal to `attributes`, creating it on first sight.
    AttributesRef intern(const PathAttributes &attributes);
    // The same for a set already shared (the arbiter's derived sets): an equal pooled set if
    // there is one, else `attributes` itself joins the pool, so no second copy is made.
    AttributesRef intern(AttributesRef attributes);
    std::size_t size() const noexcept { return m_sets.size(); }
    // Drops sets nothing but the pool refers to any more. Only the owner thread can hand out
    // new references, so a count of one cannot rise concurrently. Returns how many went.
    std::size_t sweep();
    // Sweeps when the pool has doubled since the last sweep and the last sweep is at least
    // `minInterval` old, so a table being learnt is not rescanned at every doubling.
    void maybeSweep(std::chrono::steady_clock::duration minInterval = std::chrono::seconds(30));
    // Heap bytes held by the pooled sets (estimate: vectors' capacities, nodes, buckets).
    std::size_t memoryUsage() const noexcept;

private:
    // Deliberately not noexcept: libstdc++ then stores each node's hash, so rehashing and
    // bucket scans never recompute a hash over a whole attribute set.
    struct Hash
    {
        using is_transparent = void;
        std::size_t operator()(const AttributesRef &a) const { return a->hash(); }
        std::size_t operator()(const PathAttributes &a) const { return a.hash(); }
    };
    struct Equal
    {
        using is_transparent = void;
        bool operator()(const AttributesRef &a, const AttributesRef &b) const noexcept
        {
            return a == b || *a == *b;
        }
        bool operator()(const PathAttributes &a, const AttributesRef &b) const noexcept
        {
            return a == *b;
        }
        bool operator()(const AttributesRef &a, const PathAttributes &b) const noexcept
        {
            return *a == b;
        }
    };
    std::unordered_set<AttributesRef, Hash, Equal> m_sets;
    std::size_t m_sizeAfterSweep = 0;
    std::chrono::steady_clock::time_point m_lastSweep = std::chrono::steady_clock::now();
};

} // namespace bwx::bgp
