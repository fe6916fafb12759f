#pragma once
// The objects the Adj-RIBs-Out refer to (attribute sets, decorations), named by 32-bit ids so
// that an entry holds both in one word. Each object is held by one reference however many
// entries of however many sessions carry it (the sessions of a member's routers, and the members
// receiving one seller's routes, mostly carry the same ones), with a count of those entries.
// Runs on the speaker's strand only.
#include "bwx/bgp/pointer_map.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace bwx::bgp::detail {

template<class T> class OutRefs
{
public:
    using Ref = std::shared_ptr<const T>;
    static constexpr std::uint32_t kNone = 0;

    // The id naming `ref` (kNone for null). Made on first sight with no entries: hold() gives
    // it entries, dropIfUnheld() lets go of one that got none.
    std::uint32_t idOf(const Ref &ref)
    {
        if (!ref)
            return kNone;
        auto [id, fresh] = m_ids.findOrInsert(ref.get());
        if (fresh) {
            if (m_free.empty()) {
                *id = static_cast<std::uint32_t>(m_items.size());
                m_items.emplace_back();
            } else {
                *id = m_free.back();
                m_free.pop_back();
            }
            m_items[*id].ref = ref;
        }
        return *id;
    }
    // The id already naming this very object, or kNone.
    std::uint32_t find(const T *object) noexcept
    {
        const std::uint32_t *id = m_ids.find(object);
        return id ? *id : kNone;
    }
    // `n` more entries carry `id` / one entry less does.
    void hold(std::uint32_t id, std::size_t n) noexcept
    {
        if (id != kNone)
            m_items[id].entries += n;
    }
    void release(std::uint32_t id)
    {
        if (id != kNone && --m_items[id].entries == 0)
            drop(id);
    }
    void dropIfUnheld(std::uint32_t id)
    {
        if (id != kNone && m_items[id].entries == 0 && m_items[id].ref)
            drop(id);
    }
    // Null for kNone. Valid while an entry carries the id.
    const T *get(std::uint32_t id) const noexcept { return m_items[id].ref.get(); }
    std::size_t size() const noexcept { return m_ids.size(); }

private:
    void drop(std::uint32_t id)
    {
        m_ids.erase(m_items[id].ref.get());
        m_items[id].ref.reset();
        m_free.push_back(id);
    }

    struct Item
    {
        Ref ref;
        std::size_t entries = 0;
    };
    std::vector<Item> m_items = std::vector<Item>(1); // id 0 is kNone
    std::vector<std::uint32_t> m_free;
    PointerMap<std::uint32_t> m_ids;
};

} // namespace bwx::bgp::detail
