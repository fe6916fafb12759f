#pragma once
// Decides when a path's quality figure has changed enough to tell the market. Every event becomes
// a sequenced, journaled command, so small wobbles must not reach it:
//
// - hysteresis: a figure is compared with the last one *published*, not the last one computed, so
//   latency drifting 1 % per train never adds up to a stream of events;
// - thresholds: latency must move by more than max(latencyAbsUs, latencyRelPermille of the
//   published value), loss by more than lossAbsPpm;
// - rate limit: a path publishes a numeric change at most once per minInterval; a change that
//   arrives sooner is held and published by flush() when the interval has passed (if it still
//   differs enough);
// - changes of kind — known/unknown, reachable/unreachable, fresh/stale, own/third-party basis,
//   network distance — are published at once: the market's eligibility depends on them.
#include "bwx/quality/quality_figure.h"

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace bwx::quality {

struct PublishPolicy
{
    std::uint32_t latencyAbsUs = 1000;
    std::uint32_t latencyRelPermille = 100; // 10 %
    std::uint32_t lossAbsPpm = 5000;        // 0.5 percentage points
    Duration minInterval = seconds(60);
};

struct QualityChange
{
    QualityFigure figure;                  // what the market should now use
    std::optional<QualityFigure> previous; // what it had (nothing for the first event of a path)
    std::string reason;                    // e.g. "latency 20500 -> 31000 us", "unreachable"
};

class QualityPublisher
{
public:
    using Sink = std::function<void(const QualityChange &)>;

    QualityPublisher(PublishPolicy policy, Sink sink);

    // Offer a freshly computed figure; publishes now, holds it for later, or drops it.
    void offer(const QualityFigure &figure, Timestamp now);
    // Publishes held changes whose interval has passed.
    void flush(Timestamp now);
    // When flush() next has something to do, if anything is held.
    std::optional<Timestamp> nextFlush() const;

    std::optional<QualityFigure> published(const PathKey &path) const;
    std::size_t held() const noexcept;

private:
    struct PathState
    {
        std::optional<QualityFigure> published;
        Timestamp publishedAt{};
        std::optional<QualityFigure> pending;
    };
    // Why `next` should be published over `last` ("" when it should not), and whether that
    // reason bypasses the interval.
    std::string
    difference(const QualityFigure &last, const QualityFigure &next, bool &urgent) const;
    void publish(PathState &state, const QualityFigure &figure, std::string reason, Timestamp now);

    PublishPolicy m_policy;
    Sink m_sink;
    std::map<PathKey, PathState> m_paths;
};

} // namespace bwx::quality
