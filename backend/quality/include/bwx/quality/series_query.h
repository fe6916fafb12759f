#pragma once
// The answer to QueryQuality: a destination's quality over time, one series per seller (and per
// source within it), from the quality database at the granularity asked for.
//
// - Period: [from, to); `to` unset means now, `from` unset means `to` minus defaultSpan. Rollup
//   buckets that overlap the period are included (the first may start before `from`).
// - Paths: per seller (or only `seller` when it is not 0), the seller's most specific measured
//   path containing the destination (path_selection.h). Points carry that path's destination.
// - Sources: raw samples each with their own source; rollups as one series of the exchange's own
//   probes (both protocols merged) and one per third-party source.
// - Refused with invalid_field_value: from not before to, or more than maxPoints points.
#include "bwx/proto/messages.h"
#include "bwx/quality/quality_db.h"

#include <variant>

namespace bwx::quality {

struct SeriesLimits
{
    // A frame holds about 20 000 points at the default 1 MiB; the terminal charts far fewer.
    std::size_t maxPoints = 10'000;
    Duration defaultSpan = seconds(24 * 3600);
};

using SeriesAnswer = std::variant<proto::QualitySeries, proto::Result>;

SeriesAnswer answerSeries(const QualityDb &db,
                          const proto::QueryQuality &query,
                          Timestamp now,
                          const SeriesLimits &limits = {});

// The database granularity of a protocol granularity; nothing for Raw.
std::optional<Granularity> toGranularity(proto::QualityGranularity granularity) noexcept;

} // namespace bwx::quality
