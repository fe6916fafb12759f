#include "bwx/quality/series_query.h"

#include "bwx/quality/path_selection.h"
#include "bwx/quality/wire_records.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace bwx::quality {

namespace {

proto::Result refuse(std::string message)
{
    return proto::Result{proto::ResultCode::InvalidFieldValue, "query_quality: " + std::move(message)};
}

proto::Result tooMany(std::size_t points, std::size_t limit)
{
    return refuse("the period holds " + std::to_string(points) + " points, more than "
                  + std::to_string(limit) + "; ask for a coarser granularity or a shorter period");
}

} // namespace

std::optional<Granularity> toGranularity(proto::QualityGranularity granularity) noexcept
{
    switch (granularity) {
    case proto::QualityGranularity::Raw:
        return std::nullopt;
    case proto::QualityGranularity::FiveMinutes:
        return Granularity::FiveMinutes;
    case proto::QualityGranularity::Hour:
        return Granularity::Hour;
    case proto::QualityGranularity::Day:
        return Granularity::Day;
    }
    return std::nullopt;
}

SeriesAnswer answerSeries(const QualityDb &db,
                          const proto::QueryQuality &query,
                          Timestamp now,
                          const SeriesLimits &limits)
{
    const Timestamp to = query.to.value() != 0 ? query.to : now;
    const Timestamp from = query.from.value() != 0 ? query.from : to - limits.defaultSpan;
    if (from >= to)
        return refuse("from (" + formatTimestamp(from) + ") must be before to ("
                      + formatTimestamp(to) + ")");

    const std::vector<PathKey> all = db.paths();
    std::vector<PathKey> paths;
    if (query.seller.value() != 0) {
        if (auto path = coveringPath(all, query.seller, query.destination))
            paths.push_back(*path);
    } else {
        paths = coveringPaths(all, query.destination);
    }

    proto::QualitySeries series;
    const std::optional<Granularity> granularity = toGranularity(query.granularity);
    if (!granularity) {
        for (const PathKey &path : paths) {
            for (const Measurement &sample : db.samples(path, from, to)) {
                if (series.points.size() == limits.maxPoints)
                    return tooMany(series.points.size() + 1, limits.maxPoints);
                series.points.push_back(toPoint(sample));
            }
        }
    } else {
        const Timestamp first = bucketStart(from, *granularity);
        // Checked before reading: a year of 5-minute buckets is refused without touching the
        // database.
        const auto buckets = static_cast<std::size_t>(
            (to - first).value() / (bucketSeconds(*granularity) * units::kNanosPerSecond) + 1);
        if (!paths.empty() && buckets > limits.maxPoints)
            return tooMany(buckets * paths.size(), limits.maxPoints);
        for (const PathKey &path : paths) {
            RollupQuery rq;
            rq.path = path;
            rq.granularity = *granularity;
            rq.from = first;
            rq.to = to;
            rq.selection = SourceSelection::OwnProbes;
            // One series per kind of source the protocol tells apart: tags of one kind
            // ("ripe-atlas", "ripe-atlas-eu") are merged bucket by bucket.
            std::map<proto::QualitySource, std::vector<std::string>> kinds;
            for (std::string &source : db.sourcesOf(path))
                kinds[wireSource(source)].push_back(std::move(source));
            std::vector<std::pair<proto::QualitySource, std::vector<RollupRow>>> sets;
            for (auto &[kind, names] : kinds) {
                rq.selection = SourceSelection::AnyOf;
                rq.anyOf = std::move(names);
                sets.emplace_back(kind, db.rollups(rq));
            }
            for (const auto &[source, rows] : sets) {
                for (const RollupRow &row : rows) {
                    if (series.points.size() == limits.maxPoints)
                        return tooMany(series.points.size() + 1, limits.maxPoints);
                    series.points.push_back(toPoint(path, row, source));
                }
            }
        }
    }
    std::stable_sort(series.points.begin(), series.points.end(),
                     [](const proto::QualityPoint &a, const proto::QualityPoint &b) {
                         return std::tuple(a.seller, a.source, a.time)
                                < std::tuple(b.seller, b.source, b.time);
                     });
    return series;
}

} // namespace bwx::quality
