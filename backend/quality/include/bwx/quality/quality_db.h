#pragma once
// The quality database: a SQLite file of its own, apart from the journal. The journal holds what
// the market decided on (the quality events it was sent); this file holds the measurements behind
// them — raw samples per (seller, destination, source), rollups per 5 minutes, hour and day, the
// AS-path length per path, and the current figure computed from them.
//
// Not thread-safe: one thread (bwxd's quality strand) owns an instance.
#include "bwx/quality/measurement.h"
#include "bwx/quality/quality_figure.h"
#include "bwx/quality/rollup.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

struct sqlite3;

namespace bwx::quality {

// The database itself failed (disk full, locked, damaged file); bad input never throws.
class QualityDbError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct QualityDbOptions
{
    Retention retention;
    FigurePolicy figure;
    // A sample stamped further ahead of the caller's clock than this is refused: it would stay
    // the "newest" sample for that long.
    Duration maxFutureSkew = seconds(300);
};

struct RecordSummary
{
    std::size_t added = 0;
    std::size_t duplicates = 0;   // already stored (the same file imported twice)
    std::vector<PathKey> touched; // paths that received new samples, sorted
};

struct PruneSummary
{
    std::size_t samples = 0;
    std::size_t rollups = 0;
};

// Which sources a rollup query merges.
enum class SourceSelection : std::uint8_t { All, OwnProbes, ThirdParty, Exact, AnyOf };

struct RollupQuery
{
    PathKey path;
    Granularity granularity = Granularity::FiveMinutes;
    Timestamp from{}; // buckets starting at or after
    Timestamp to{};   // buckets starting before
    SourceSelection selection = SourceSelection::OwnProbes;
    std::string source;               // for SourceSelection::Exact
    std::vector<std::string> anyOf;   // for SourceSelection::AnyOf
};

class QualityDb
{
public:
    // Opens or creates the file (":memory:" for a private in-memory database). Throws
    // QualityDbError when it cannot, or when the file holds another schema version.
    QualityDb(const std::string &path, QualityDbOptions options);
    ~QualityDb();
    QualityDb(const QualityDb &) = delete;
    QualityDb &operator=(const QualityDb &) = delete;

    const QualityDbOptions &options() const noexcept { return m_options; }

    // All or nothing: every measurement is checked first and one bad one refuses the batch with
    // its index and reason. Samples already stored (same path, source, time and origin) are
    // counted as duplicates and change nothing, so importing a file twice is harmless.
    Expected<RecordSummary> record(std::span<const Measurement> measurements, Timestamp now);

    // Network distance: the AS-path length of the seller's route toward the destination, from
    // the registry. 0 clears it (unknown).
    void setDistance(const PathKey &path, std::uint8_t asPathLength);
    std::uint8_t distance(const PathKey &path) const;

    QualityFigure currentFigure(const PathKey &path, Timestamp now) const;
    // Every path that has samples or a distance, in order.
    std::vector<PathKey> paths() const;

    // Raw samples with from <= time < to, oldest first; an empty source means all sources.
    std::vector<Measurement> samples(const PathKey &path,
                                     Timestamp from,
                                     Timestamp to,
                                     const std::string &source = {}) const;
    // The sources that have samples or rollups of the path, by name.
    std::vector<std::string> sourcesOf(const PathKey &path) const;
    // One row per bucket (merged over the selected sources), oldest first.
    std::vector<RollupRow> rollups(const RollupQuery &query) const;

    // Deletes raw samples and rollup buckets that ended before their retention.
    PruneSummary prune(Timestamp now);

private:
    struct Ids;
    std::optional<std::int64_t> pathId(const PathKey &path) const;

    QualityDbOptions m_options;
    sqlite3 *m_db = nullptr;
    std::unique_ptr<Ids> m_ids;
};

} // namespace bwx::quality
