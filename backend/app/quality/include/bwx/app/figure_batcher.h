#pragma once
// Collects the quality changes the publisher decided on and hands them to the market in bounded
// QualityBatch commands: a path that changed twice before the next batch is sent once, with its
// newest figure, and a batch holds at most a given number of figures, so a burst (a restart
// re-publishing every path, a large import) reaches the journal as a few commands, not
// thousands.
#include "bwx/proto/messages.h"
#include "bwx/quality/quality_publisher.h"

#include <map>
#include <optional>

namespace bwx::app {

class FigureBatcher
{
public:
    void add(const quality::QualityChange &change);
    // Up to `max` figures (path order), removed from the pending set; nothing when none pend.
    std::optional<proto::QualityBatch> take(std::size_t max);
    // A batch the sequencer refused goes back, unless a newer figure of a path arrived since.
    void restore(const proto::QualityBatch &batch);
    std::size_t pending() const noexcept { return m_pending.size(); }

private:
    std::map<quality::PathKey, proto::QualityFigure> m_pending;
};

} // namespace bwx::app
