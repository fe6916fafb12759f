#pragma once
// Ties the quality database to the market's change events: every stored batch refreshes the
// figures of the paths it touched, and a periodic tick catches what time alone changes (a figure
// going stale, data ageing out), publishes changes held back by the rate limit and prunes old
// data. bwxd's glue feeds it the analyzer's measurements and imports, calls tick() every few
// seconds, and turns each QualityChange into a sequenced command.
//
// Not thread-safe: it runs on the thread that owns the QualityDb.
#include "bwx/quality/quality_db.h"
#include "bwx/quality/quality_publisher.h"

#include <optional>
#include <span>

namespace bwx::quality {

class QualityTracker
{
public:
    QualityTracker(QualityDb &db,
                   PublishPolicy policy,
                   QualityPublisher::Sink sink,
                   Duration pruneEvery = seconds(3600));

    // Stores the batch (all or nothing, see QualityDb::record) and offers the touched paths'
    // new figures.
    Expected<RecordSummary> record(std::span<const Measurement> measurements, Timestamp now);
    // The registry's AS-path length for a path; offered at once (a change of kind).
    void setDistance(const PathKey &path, std::uint8_t asPathLength, Timestamp now);
    // Re-offers every path's figure as of `now`, flushes held changes, prunes when due.
    void tick(Timestamp now);

    const QualityPublisher &publisher() const noexcept { return m_publisher; }
    std::optional<Timestamp> lastPrune() const noexcept { return m_lastPrune; }

private:
    QualityDb &m_db;
    QualityPublisher m_publisher;
    Duration m_pruneEvery;
    std::optional<Timestamp> m_lastPrune;
};

} // namespace bwx::quality
