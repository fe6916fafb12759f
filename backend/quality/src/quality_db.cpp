#include "bwx/quality/quality_db.h"

#include "sqlite_db.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace bwx::quality {

namespace {

constexpr int kSchemaVersion = 1;

const char *const kSchema = R"(
CREATE TABLE paths (
    id INTEGER PRIMARY KEY,
    seller INTEGER NOT NULL,
    destination TEXT NOT NULL,
    UNIQUE (seller, destination)
);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    own INTEGER NOT NULL
);
CREATE TABLE samples (
    path INTEGER NOT NULL,
    source INTEGER NOT NULL,
    time INTEGER NOT NULL,          -- ns since the epoch
    origin TEXT NOT NULL,
    latency_us INTEGER,             -- NULL: nothing answered
    loss_ppm INTEGER NOT NULL,
    jitter_us INTEGER,
    sent INTEGER NOT NULL,
    received INTEGER NOT NULL,
    PRIMARY KEY (path, source, time, origin)
) WITHOUT ROWID;
CREATE INDEX samples_by_path_time ON samples (path, time);
CREATE INDEX samples_by_time ON samples (time);
CREATE TABLE rollups (
    granularity INTEGER NOT NULL,   -- bucket length in seconds: 300, 3600, 86400
    path INTEGER NOT NULL,
    source INTEGER NOT NULL,
    bucket INTEGER NOT NULL,        -- bucket start, seconds since the epoch
    samples INTEGER NOT NULL,
    reachable INTEGER NOT NULL,
    loss_sum INTEGER NOT NULL,
    jitter_count INTEGER NOT NULL,
    jitter_sum INTEGER NOT NULL,
    latency_p50_us INTEGER,
    latency_p95_us INTEGER,
    histogram BLOB NOT NULL,
    PRIMARY KEY (granularity, path, source, bucket)
) WITHOUT ROWID;
CREATE TABLE distances (
    path INTEGER PRIMARY KEY,
    as_path_length INTEGER NOT NULL
);
)";

using Key
    = std::tuple<std::uint32_t, std::int64_t, std::int64_t, std::int64_t>; // g, path, src, bucket

} // namespace

struct QualityDb::Ids
{
    std::map<PathKey, std::int64_t> paths;
    std::map<std::string, std::int64_t, std::less<>> sources;
};

QualityDb::QualityDb(const std::string &path, QualityDbOptions options)
    : m_options(std::move(options))
    , m_ids(std::make_unique<Ids>())
{
    if (auto bad = checkPolicy(m_options.figure))
        throw QualityDbError("quality database: " + *bad);
    if (sqlite3_open_v2(path.c_str(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close_v2(m_db);
        throw QualityDbError("quality database '" + path + "': " + message);
    }
    try {
        sqlite3_busy_timeout(m_db, 2000);
        // The journal is the source of truth; this file can lose its last transaction in a power
        // failure without harm (the probes run again), so NORMAL rather than FULL.
        sqlite::exec(m_db, "PRAGMA journal_mode=WAL");
        sqlite::exec(m_db, "PRAGMA synchronous=NORMAL");
        sqlite::Statement version(m_db, "PRAGMA user_version");
        version.step();
        const std::int64_t found = version.integer(0);
        if (found == 0) {
            sqlite::Transaction tx(m_db);
            sqlite::exec(m_db, kSchema);
            sqlite::exec(m_db, "PRAGMA user_version=1");
            tx.commit();
        } else if (found != kSchemaVersion) {
            throw QualityDbError("quality database '" + path + "' has schema version "
                                 + std::to_string(found) + ", this bwxd reads version "
                                 + std::to_string(kSchemaVersion));
        }
        sqlite::Statement paths(m_db, "SELECT id, seller, destination FROM paths");
        while (paths.step()) {
            auto prefix = net::Prefix::parse(paths.text(2));
            if (!prefix)
                throw QualityDbError("quality database '" + path + "': damaged path row "
                                     + std::to_string(paths.integer(0)) + ": " + prefix.error());
            m_ids->paths.emplace(
                PathKey{MemberId(static_cast<std::uint32_t>(paths.integer(1))), *prefix},
                paths.integer(0));
        }
        sqlite::Statement sources(m_db, "SELECT id, name FROM sources");
        while (sources.step())
            m_ids->sources.emplace(sources.text(1), sources.integer(0));
    } catch (...) {
        sqlite3_close_v2(m_db);
        throw;
    }
}

QualityDb::~QualityDb()
{
    sqlite3_close_v2(m_db);
}

std::optional<std::int64_t> QualityDb::pathId(const PathKey &path) const
{
    const auto it = m_ids->paths.find(path);
    if (it == m_ids->paths.end())
        return std::nullopt;
    return it->second;
}

Expected<RecordSummary> QualityDb::record(std::span<const Measurement> measurements, Timestamp now)
{
    for (std::size_t i = 0; i < measurements.size(); ++i) {
        const Measurement &m = measurements[i];
        std::optional<std::string> bad = checkMeasurement(m);
        if (!bad && m.time > now + m_options.maxFutureSkew)
            bad = "time " + formatTimestamp(m.time) + " is ahead of the exchange's clock ("
                  + formatTimestamp(now) + ")";
        if (bad)
            return makeError("measurement " + std::to_string(i + 1) + " (" + toString(m.path) + ", "
                             + m.source + "): " + *bad);
    }

    RecordSummary summary;
    // Ids created inside the transaction are only remembered once it has committed.
    Ids created;
    std::map<Key, RollupAccumulator> groups;
    std::set<PathKey> touched;
    {
        sqlite::Transaction tx(m_db);
        sqlite::Statement insertPath(m_db, "INSERT INTO paths (seller, destination) VALUES (?, ?)");
        sqlite::Statement insertSource(m_db, "INSERT INTO sources (name, own) VALUES (?, ?)");
        sqlite::Statement insertSample(
            m_db, "INSERT OR IGNORE INTO samples (path, source, time, origin, latency_us, "
                  "loss_ppm, jitter_us, sent, received) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (const Measurement &m : measurements) {
            std::int64_t path = 0;
            if (auto known = pathId(m.path)) {
                path = *known;
            } else if (auto it = created.paths.find(m.path); it != created.paths.end()) {
                path = it->second;
            } else {
                insertPath.bind(1, std::int64_t{m.path.seller.value()})
                    .bind(2, m.path.destination.toString())
                    .run();
                path = sqlite3_last_insert_rowid(m_db);
                created.paths.emplace(m.path, path);
            }
            std::int64_t source = 0;
            if (auto it = m_ids->sources.find(m.source); it != m_ids->sources.end()) {
                source = it->second;
            } else if (auto c = created.sources.find(m.source); c != created.sources.end()) {
                source = c->second;
            } else {
                insertSource.bind(1, m.source).bind(2, std::int64_t{m.ownProbe() ? 1 : 0}).run();
                source = sqlite3_last_insert_rowid(m_db);
                created.sources.emplace(m.source, source);
            }
            insertSample.bind(1, path)
                .bind(2, source)
                .bind(3, m.time.value())
                .bind(4, m.origin)
                .bind(5, m.latencyUs)
                .bind(6, std::int64_t{m.lossPpm})
                .bind(7, m.jitterUs)
                .bind(8, std::int64_t{m.sent})
                .bind(9, std::int64_t{m.received})
                .run();
            if (sqlite3_changes(m_db) == 0) {
                ++summary.duplicates;
                continue;
            }
            ++summary.added;
            touched.insert(m.path);
            for (const Granularity g : kGranularities) {
                const Key key{static_cast<std::uint32_t>(g), path, source,
                              bucketStart(m.time, g).seconds()};
                groups[key].add(m);
            }
        }

        sqlite::Statement load(m_db, "SELECT samples, reachable, loss_sum, jitter_count, "
                                     "jitter_sum, histogram FROM rollups WHERE granularity = ? "
                                     "AND path = ? AND source = ? AND bucket = ?");
        sqlite::Statement store(
            m_db, "INSERT OR REPLACE INTO rollups (granularity, path, source, bucket, samples, "
                  "reachable, loss_sum, jitter_count, jitter_sum, latency_p50_us, "
                  "latency_p95_us, histogram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (auto &[key, acc] : groups) {
            const auto &[g, path, source, bucket] = key;
            load.bind(1, std::int64_t{g}).bind(2, path).bind(3, source).bind(4, bucket);
            if (load.step()) {
                RollupAccumulator stored;
                stored.samples = static_cast<std::uint64_t>(load.integer(0));
                stored.reachable = static_cast<std::uint64_t>(load.integer(1));
                stored.lossSum = static_cast<std::uint64_t>(load.integer(2));
                stored.jitterCount = static_cast<std::uint64_t>(load.integer(3));
                stored.jitterSum = static_cast<std::uint64_t>(load.integer(4));
                auto histogram = LatencyHistogram::decode(load.blob(5));
                if (!histogram)
                    throw QualityDbError("quality database: damaged rollup histogram: "
                                         + histogram.error());
                stored.latency = std::move(*histogram);
                acc.merge(stored);
            }
            load.reset();
            const RollupRow row = toRow(acc, static_cast<Granularity>(g), Timestamp(), {});
            store.bind(1, std::int64_t{g})
                .bind(2, path)
                .bind(3, source)
                .bind(4, bucket)
                .bind(5, static_cast<std::int64_t>(acc.samples))
                .bind(6, static_cast<std::int64_t>(acc.reachable))
                .bind(7, static_cast<std::int64_t>(acc.lossSum))
                .bind(8, static_cast<std::int64_t>(acc.jitterCount))
                .bind(9, static_cast<std::int64_t>(acc.jitterSum))
                .bind(10, row.latencyP50Us)
                .bind(11, row.latencyP95Us)
                .bind(12, acc.latency.encode())
                .run();
        }
        tx.commit();
    }
    m_ids->paths.merge(created.paths);
    m_ids->sources.merge(created.sources);
    summary.touched.assign(touched.begin(), touched.end());
    return summary;
}

void QualityDb::setDistance(const PathKey &path, std::uint8_t asPathLength)
{
    sqlite::Transaction tx(m_db);
    std::int64_t id = 0;
    bool created = false;
    if (auto known = pathId(path)) {
        id = *known;
    } else {
        if (asPathLength == 0)
            return;
        sqlite::Statement insert(m_db, "INSERT INTO paths (seller, destination) VALUES (?, ?)");
        insert.bind(1, std::int64_t{path.seller.value()})
            .bind(2, path.destination.toString())
            .run();
        id = sqlite3_last_insert_rowid(m_db);
        created = true;
    }
    if (asPathLength == 0) {
        sqlite::Statement erase(m_db, "DELETE FROM distances WHERE path = ?");
        erase.bind(1, id).run();
    } else {
        sqlite::Statement upsert(m_db, "INSERT OR REPLACE INTO distances (path, as_path_length) "
                                       "VALUES (?, ?)");
        upsert.bind(1, id).bind(2, std::int64_t{asPathLength}).run();
    }
    tx.commit();
    if (created)
        m_ids->paths.emplace(path, id);
}

std::uint8_t QualityDb::distance(const PathKey &path) const
{
    const auto id = pathId(path);
    if (!id)
        return 0;
    sqlite::Statement select(m_db, "SELECT as_path_length FROM distances WHERE path = ?");
    select.bind(1, *id);
    return select.step() ? static_cast<std::uint8_t>(select.integer(0)) : 0;
}

QualityFigure QualityDb::currentFigure(const PathKey &path, Timestamp now) const
{
    const auto id = pathId(path);
    if (!id)
        return computeFigure(path, {}, 0, m_options.figure, now);
    sqlite::Statement select(
        m_db, "SELECT s.time, src.own, s.latency_us, s.loss_ppm, s.jitter_us, src.name "
              "FROM samples s JOIN sources src ON src.id = s.source "
              "WHERE s.path = ? AND s.time >= ? AND s.time <= ?");
    // Samples stamped up to the allowed skew ahead of `now` are the newest there are.
    select.bind(1, *id)
        .bind(2, (now - lookback(m_options.figure)).value())
        .bind(3, (now + m_options.maxFutureSkew).value());
    std::vector<FigureSample> samples;
    while (select.step()) {
        FigureSample sample;
        sample.time = Timestamp(select.integer(0));
        sample.own = select.integer(1) != 0;
        sample.source = select.text(5);
        sample.latencyUs = select.optionalU32(2);
        sample.lossPpm = static_cast<std::uint32_t>(select.integer(3));
        sample.jitterUs = select.optionalU32(4);
        samples.push_back(std::move(sample));
    }
    return computeFigure(path, samples, distance(path), m_options.figure, now);
}

std::vector<PathKey> QualityDb::paths() const
{
    std::vector<PathKey> out;
    out.reserve(m_ids->paths.size());
    for (const auto &[path, id] : m_ids->paths)
        out.push_back(path);
    return out;
}

std::vector<Measurement> QualityDb::samples(const PathKey &path,
                                            Timestamp from,
                                            Timestamp to,
                                            const std::string &source) const
{
    std::vector<Measurement> out;
    const auto id = pathId(path);
    if (!id)
        return out;
    sqlite::Statement select(m_db, "SELECT s.time, src.name, s.origin, s.latency_us, s.loss_ppm, "
                                   "s.jitter_us, s.sent, s.received FROM samples s "
                                   "JOIN sources src ON src.id = s.source WHERE s.path = ? AND "
                                   "s.time >= ? AND s.time < ? AND (? = '' OR src.name = ?) "
                                   "ORDER BY s.time, src.name, s.origin");
    select.bind(1, *id).bind(2, from.value()).bind(3, to.value()).bind(4, source).bind(5, source);
    while (select.step()) {
        Measurement m;
        m.path = path;
        m.time = Timestamp(select.integer(0));
        m.source = select.text(1);
        m.origin = select.text(2);
        m.latencyUs = select.optionalU32(3);
        m.lossPpm = static_cast<std::uint32_t>(select.integer(4));
        m.jitterUs = select.optionalU32(5);
        m.sent = static_cast<std::uint32_t>(select.integer(6));
        m.received = static_cast<std::uint32_t>(select.integer(7));
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<std::string> QualityDb::sourcesOf(const PathKey &path) const
{
    std::vector<std::string> out;
    const auto id = pathId(path);
    if (!id)
        return out;
    // Both tables: retention may keep either longer than the other. (Naming every granularity
    // lets SQLite use the rollups' primary key.)
    sqlite::Statement select(m_db,
                             "SELECT name FROM sources WHERE id IN (SELECT source FROM rollups "
                             "WHERE granularity IN (300, 3600, 86400) AND path = ?1) OR id IN "
                             "(SELECT source FROM samples WHERE path = ?1) ORDER BY name");
    select.bind(1, *id);
    while (select.step())
        out.push_back(select.text(0));
    return out;
}

std::vector<RollupRow> QualityDb::rollups(const RollupQuery &query) const
{
    std::vector<RollupRow> out;
    const auto id = pathId(query.path);
    if (!id)
        return out;
    sqlite::Statement select(
        m_db, "SELECT r.bucket, src.name, src.own, r.samples, r.reachable, r.loss_sum, "
              "r.jitter_count, r.jitter_sum, r.histogram FROM rollups r "
              "JOIN sources src ON src.id = r.source WHERE r.granularity = ? AND r.path = ? "
              "AND r.bucket >= ? AND r.bucket < ? ORDER BY r.bucket");
    select.bind(1, bucketSeconds(query.granularity))
        .bind(2, *id)
        .bind(3, query.from.seconds())
        .bind(4, query.to.seconds());
    std::string label;
    switch (query.selection) {
    case SourceSelection::All:
        label = "all";
        break;
    case SourceSelection::OwnProbes:
        label = "own";
        break;
    case SourceSelection::ThirdParty:
        label = "third-party";
        break;
    case SourceSelection::Exact:
        label = query.source;
        break;
    case SourceSelection::AnyOf:
        for (const std::string &name : query.anyOf)
            label += (label.empty() ? "" : ",") + name;
        break;
    }
    std::map<std::int64_t, RollupAccumulator> buckets;
    while (select.step()) {
        const bool own = select.integer(2) != 0;
        const bool wanted
            = query.selection == SourceSelection::All
              || (query.selection == SourceSelection::OwnProbes && own)
              || (query.selection == SourceSelection::ThirdParty && !own)
              || (query.selection == SourceSelection::Exact && select.text(1) == query.source)
              || (query.selection == SourceSelection::AnyOf
                  && std::find(query.anyOf.begin(), query.anyOf.end(), select.text(1))
                         != query.anyOf.end());
        if (!wanted)
            continue;
        RollupAccumulator acc;
        acc.samples = static_cast<std::uint64_t>(select.integer(3));
        acc.reachable = static_cast<std::uint64_t>(select.integer(4));
        acc.lossSum = static_cast<std::uint64_t>(select.integer(5));
        acc.jitterCount = static_cast<std::uint64_t>(select.integer(6));
        acc.jitterSum = static_cast<std::uint64_t>(select.integer(7));
        auto histogram = LatencyHistogram::decode(select.blob(8));
        if (!histogram)
            throw QualityDbError("quality database: damaged rollup histogram: "
                                 + histogram.error());
        acc.latency = std::move(*histogram);
        buckets[select.integer(0)].merge(acc);
    }
    for (const auto &[bucket, acc] : buckets)
        out.push_back(toRow(acc, query.granularity, Timestamp::fromSeconds(bucket), label));
    return out;
}

PruneSummary QualityDb::prune(Timestamp now)
{
    PruneSummary summary;
    sqlite::Transaction tx(m_db);
    if (m_options.retention.raw.isPositive()) {
        sqlite::Statement erase(m_db, "DELETE FROM samples WHERE time < ?");
        erase.bind(1, (now - m_options.retention.raw).value()).run();
        summary.samples = static_cast<std::size_t>(sqlite3_changes(m_db));
    }
    for (const Granularity g : kGranularities) {
        const Duration keep = m_options.retention.of(g);
        if (!keep.isPositive())
            continue;
        // A bucket goes once all of it is older than the retention.
        sqlite::Statement erase(m_db,
                                "DELETE FROM rollups WHERE granularity = ? AND bucket + ? <= ?");
        erase.bind(1, bucketSeconds(g))
            .bind(2, bucketSeconds(g))
            .bind(3, (now - keep).seconds())
            .run();
        summary.rollups += static_cast<std::size_t>(sqlite3_changes(m_db));
    }
    tx.commit();
    return summary;
}

} // namespace bwx::quality
