#pragma once
// The changes of one book stream that have not been sent yet, coalesced per order: whatever
// happened to an order in between, a subscriber needs only the difference between what it was
// last sent and the order's latest state. Whether the subscriber knows the order follows from
// the first change gathered for it (an Add means it does not), so:
//
//   known before   still in the book   sent as
//   no  (Add ...)  yes                 Add with the latest entry
//   no  (Add ...)  no                  nothing
//   yes            yes                 Modify with the latest entry
//   yes            no                  Remove with the entry as it left
//
// Changes of different orders keep the order in which each order was first touched. This is
// what lets a heavy book's stream be conflated (docs/protocol-sessions.md §7) without ever
// sending a change a subscriber cannot apply.
#include "bwx/domain/ids.h"
#include "bwx/proto/messages.h"

#include <cstddef>
#include <unordered_map>
#include <vector>

namespace bwx::server {

class PendingBookChanges
{
public:
    void add(proto::BookAction action, const proto::BookEntry &entry)
    {
        const auto [it, inserted] = m_index.try_emplace(entry.orderId, m_slots.size());
        if (inserted) {
            m_slots.push_back(Slot{action != proto::BookAction::Add,
                                   action != proto::BookAction::Remove, entry});
            return;
        }
        Slot &slot = m_slots[it->second];
        slot.present = action != proto::BookAction::Remove;
        slot.entry = entry;
    }

    // True when nothing would be sent (also when every gathered change cancelled out).
    bool empty() const
    {
        for (const Slot &slot : m_slots)
            if (slot.knownBefore || slot.present)
                return false;
        return true;
    }

    // The coalesced changes, in first-touch order; leaves this empty.
    std::vector<proto::BookChange> take()
    {
        std::vector<proto::BookChange> out;
        out.reserve(m_slots.size());
        for (Slot &slot : m_slots) {
            if (!slot.knownBefore && !slot.present)
                continue; // added and removed again before anyone was told
            const proto::BookAction action = !slot.knownBefore ? proto::BookAction::Add
                                             : slot.present    ? proto::BookAction::Modify
                                                               : proto::BookAction::Remove;
            out.push_back(proto::BookChange{action, std::move(slot.entry)});
        }
        m_slots.clear();
        m_index.clear();
        return out;
    }

private:
    struct Slot
    {
        bool knownBefore = false; // the subscribers hold the order (first change not an Add)
        bool present = false;     // the order is in the book after the latest change
        proto::BookEntry entry;
    };

    std::vector<Slot> m_slots;
    std::unordered_map<OrderId, std::size_t, StrongIntHash> m_index;
};

} // namespace bwx::server
