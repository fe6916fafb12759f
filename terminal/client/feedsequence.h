#pragma once
// Sequence checking for one market-data stream (a book or the market watch): a snapshot sets the
// position, every update must be exactly the next one. Anything else is either an old duplicate
// (ignored) or a gap (the stream must be re-snapshotted before updates are trusted again).
#include <cstdint>

namespace bwx::terminal {

enum class SequenceCheck { InSequence, Stale, Gap, NoSnapshot };

class FeedSequence
{
public:
    void resetTo(std::uint64_t snapshotSeq)
    {
        m_seq = snapshotSeq;
        m_synced = true;
    }
    // Until the next snapshot arrives nothing is in sequence.
    void invalidate() { m_synced = false; }
    bool isSynced() const { return m_synced; }
    std::uint64_t position() const { return m_seq; }

    // Advances on InSequence only.
    SequenceCheck accept(std::uint64_t updateSeq)
    {
        if (!m_synced)
            return SequenceCheck::NoSnapshot;
        if (updateSeq <= m_seq)
            return SequenceCheck::Stale;
        if (updateSeq != m_seq + 1)
            return SequenceCheck::Gap;
        m_seq = updateSeq;
        return SequenceCheck::InSequence;
    }

private:
    std::uint64_t m_seq = 0;
    bool m_synced = false;
};

} // namespace bwx::terminal
