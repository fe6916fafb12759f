#include "bwx/quality/quality_tracker.h"

namespace bwx::quality {

QualityTracker::QualityTracker(QualityDb &db,
                               PublishPolicy policy,
                               QualityPublisher::Sink sink,
                               Duration pruneEvery)
    : m_db(db)
    , m_publisher(policy, std::move(sink))
    , m_pruneEvery(pruneEvery)
{}

Expected<RecordSummary> QualityTracker::record(std::span<const Measurement> measurements,
                                               Timestamp now)
{
    auto summary = m_db.record(measurements, now);
    if (!summary)
        return summary;
    for (const PathKey &path : summary->touched)
        m_publisher.offer(m_db.currentFigure(path, now), now);
    return summary;
}

void QualityTracker::setDistance(const PathKey &path, std::uint8_t asPathLength, Timestamp now)
{
    m_db.setDistance(path, asPathLength);
    m_publisher.offer(m_db.currentFigure(path, now), now);
}

void QualityTracker::tick(Timestamp now)
{
    if (!m_lastPrune || now - *m_lastPrune >= m_pruneEvery) {
        m_db.prune(now);
        m_lastPrune = now;
    }
    for (const PathKey &path : m_db.paths())
        m_publisher.offer(m_db.currentFigure(path, now), now);
    m_publisher.flush(now);
}

} // namespace bwx::quality
