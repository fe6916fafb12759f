#include "sqlite_journal.h"

#include "crc32c.h"

#include <chrono>
#include <cstdio>

namespace bwx::store {
namespace {

constexpr const char *kCreateSchema = R"sql(
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE journal (
    first_seq    INTEGER PRIMARY KEY,
    last_seq     INTEGER NOT NULL,
    record_count INTEGER NOT NULL,
    bytes        BLOB NOT NULL,
    CHECK (record_count > 0 AND last_seq - first_seq + 1 = record_count)
);
CREATE TABLE snapshots (
    seq        INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    crc        INTEGER NOT NULL,
    bytes      BLOB NOT NULL
);
)sql";

// Snapshots are a cache of the journal: a few are kept so a damaged newest one still leaves an
// older one to start from, but they are never needed for correctness.
constexpr const char *kPruneSnapshots
    = "DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC "
      "LIMIT ?1)";

std::span<const std::uint8_t> columnBlob(sqlite3_stmt *stmt, int column)
{
    const auto *data = static_cast<const std::uint8_t *>(sqlite3_column_blob(stmt, column));
    const int size = sqlite3_column_bytes(stmt, column);
    if (!data || size <= 0)
        return {};
    return {data, static_cast<std::size_t>(size)};
}

std::uint64_t columnU64(sqlite3_stmt *stmt, int column)
{
    return static_cast<std::uint64_t>(sqlite3_column_int64(stmt, column));
}

void bindU64(sqlite3 *db, sqlite3_stmt *stmt, int index, std::uint64_t v)
{
    if (sqlite3_bind_int64(stmt, index, static_cast<sqlite3_int64>(v)) != SQLITE_OK)
        sqlite::fail(db, "binding a parameter");
}

void bindBlob(sqlite3 *db, sqlite3_stmt *stmt, int index, std::span<const std::uint8_t> bytes)
{
    // An empty span may have a null data pointer, which SQLite would store as NULL.
    static const std::uint8_t kEmpty = 0;
    const void *data = bytes.empty() ? &kEmpty : bytes.data();
    if (sqlite3_bind_blob64(stmt, index, data, bytes.size(), SQLITE_STATIC) != SQLITE_OK)
        sqlite::fail(db, "binding a blob");
}

std::string seqText(std::uint64_t seq)
{
    return std::to_string(seq);
}

std::string hex32(std::uint32_t v)
{
    char text[11];
    std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(v));
    return text;
}

} // namespace

SqliteJournal::SqliteJournal(const std::string &path, SqliteJournalOptions options)
    : m_path(path)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                   nullptr);
    m_db.reset(raw);
    if (rc != SQLITE_OK)
        sqlite::fail(raw, "cannot open journal '" + path + "'");
    sqlite3_extended_result_codes(m_db.get(), 1);

    configure(options);
    createOrCheckSchema();

    m_begin = sqlite::prepare(m_db.get(), "BEGIN IMMEDIATE");
    m_commit = sqlite::prepare(m_db.get(), "COMMIT");
    m_tail = sqlite::prepare(m_db.get(),
                             "SELECT last_seq FROM journal ORDER BY first_seq DESC LIMIT 1");
    m_insert = sqlite::prepare(m_db.get(),
                               "INSERT INTO journal (first_seq, last_seq, record_count, bytes) "
                               "VALUES (?1, ?2, ?3, ?4)");
    loadTail();
}

SqliteJournal::~SqliteJournal() = default;

void SqliteJournal::configure(SqliteJournalOptions options)
{
    sqlite3 *db = m_db.get();
    // A second process (a backup, an operator's sqlite3 shell) may briefly hold a lock; waiting a
    // little is better than fencing the exchange for it.
    sqlite3_busy_timeout(db, 2000);

    // Both settings are read back: SQLite silently keeps the old mode when it cannot switch
    // (in-memory databases, some file systems), and running without them breaks the promise
    // that an acknowledged command survives a crash.
    const std::string mode = journalMode();
    std::string wal;
    {
        auto stmt = sqlite::prepare(db, "PRAGMA journal_mode=WAL");
        if (sqlite::step(db, stmt.get(), "setting journal_mode=WAL")) {
            const auto *text = sqlite3_column_text(stmt.get(), 0);
            wal = text ? reinterpret_cast<const char *>(text) : "";
        }
    }
    if (wal != "wal")
        throw JournalError("journal '" + m_path
                           + "': PRAGMA journal_mode=WAL did not take (mode is '" + wal + "', was '"
                           + mode + "'); the journal needs WAL on a local file");

    const int wanted = options.synchronousFull ? 2 : 0;
    sqlite::exec(db, options.synchronousFull ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=OFF",
                 "setting synchronous");
    const int actual = synchronous();
    if (actual != wanted)
        throw JournalError("journal '" + m_path + "': PRAGMA synchronous is "
                           + std::to_string(actual) + " after setting it to "
                           + std::to_string(wanted));
}

std::string SqliteJournal::journalMode()
{
    std::lock_guard lock(m_mutex);
    auto stmt = sqlite::prepare(m_db.get(), "PRAGMA journal_mode");
    if (!sqlite::step(m_db.get(), stmt.get(), "reading journal_mode"))
        return {};
    const auto *text = sqlite3_column_text(stmt.get(), 0);
    return text ? reinterpret_cast<const char *>(text) : "";
}

int SqliteJournal::synchronous()
{
    std::lock_guard lock(m_mutex);
    auto stmt = sqlite::prepare(m_db.get(), "PRAGMA synchronous");
    if (!sqlite::step(m_db.get(), stmt.get(), "reading synchronous"))
        return -1;
    return sqlite3_column_int(stmt.get(), 0);
}

void SqliteJournal::createOrCheckSchema()
{
    sqlite3 *db = m_db.get();
    sqlite::exec(db, "BEGIN IMMEDIATE", "opening the schema transaction");
    try {
        auto count = [db](const char *sql) {
            auto stmt = sqlite::prepare(db, sql);
            sqlite::step(db, stmt.get(), "reading the schema");
            return sqlite3_column_int64(stmt.get(), 0);
        };
        const auto tables = count("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
        const auto hasVersion = count("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                      "AND name = 'schema_version'");
        if (tables == 0) {
            sqlite::exec(db, kCreateSchema, "creating the journal schema");
            auto insert = sqlite::prepare(db, "INSERT INTO schema_version (version) VALUES (?1)");
            bindU64(db, insert.get(), 1, kSchemaVersion);
            sqlite::step(db, insert.get(), "writing the schema version");
        } else if (hasVersion == 0) {
            throw JournalError("'" + m_path
                               + "' is not a BWX journal: it holds tables but no schema_version");
        } else {
            auto stmt = sqlite::prepare(db, "SELECT version FROM schema_version");
            if (!sqlite::step(db, stmt.get(), "reading the schema version"))
                throw JournalError("journal '" + m_path + "': schema_version is empty");
            const auto version = sqlite3_column_int64(stmt.get(), 0);
            if (sqlite::step(db, stmt.get(), "reading the schema version"))
                throw JournalError("journal '" + m_path
                                   + "': schema_version has more than one row");
            if (version > kSchemaVersion)
                throw JournalError("journal '" + m_path + "' has schema version "
                                   + std::to_string(version) + ", newer than this build supports ("
                                   + std::to_string(kSchemaVersion)
                                   + "): run the bwxd release that wrote it, or a newer one");
            if (version < 1)
                throw JournalError("journal '" + m_path + "': invalid schema version "
                                   + std::to_string(version));
            const auto parts = count("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                     "AND name IN ('journal', 'snapshots')");
            if (parts != 2)
                throw JournalError("journal '" + m_path
                                   + "': the journal or snapshots table is missing");
        }
        sqlite::exec(db, "COMMIT", "committing the schema");
    } catch (...) {
        rollbackQuietly();
        throw;
    }
}

void SqliteJournal::loadTail()
{
    sqlite3 *db = m_db.get();
    {
        sqlite::StatementScope scope(m_tail.get());
        if (sqlite::step(db, m_tail.get(), "reading the journal's last seq"))
            m_lastSeq = columnU64(m_tail.get(), 0);
    }
    auto count = sqlite::prepare(db, "SELECT count(*) FROM journal");
    sqlite::step(db, count.get(), "counting journal batches");
    m_batchCount = columnU64(count.get(), 0);
}

Seq SqliteJournal::lastSeq() const
{
    return Seq(m_lastSeq.load());
}

std::uint64_t SqliteJournal::batchCount() const
{
    return m_batchCount.load();
}

bool SqliteJournal::fenced() const
{
    return m_fenced.load();
}

void SqliteJournal::throwIfFenced() const
{
    if (m_fenced.load())
        throw JournalError("journal '" + m_path + "' is fenced after an earlier failure ("
                           + m_fenceReason + "); restart the process to recover");
}

void SqliteJournal::fenceAndThrow(const std::string &reason)
{
    m_fenceReason = reason;
    m_fenced = true;
    throw JournalError(reason);
}

void SqliteJournal::rollbackQuietly() noexcept
{
    if (!sqlite3_get_autocommit(m_db.get()))
        sqlite3_exec(m_db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteJournal::append(const JournalBatch &batch)
{
    if (batch.empty())
        return;
    std::lock_guard lock(m_mutex);
    throwIfFenced();
    const std::uint64_t last = m_lastSeq.load();
    // Refused before touching the database, so the journal stays usable: this is the caller's
    // bug, not the storage failing.
    if (batch.firstSeq().value() != last + 1)
        throw JournalError("journal append: batch starts at seq "
                           + seqText(batch.firstSeq().value()) + ", expected " + seqText(last + 1)
                           + " (last durable seq " + seqText(last) + ")");

    sqlite3 *db = m_db.get();
    try {
        {
            sqlite::StatementScope scope(m_begin.get());
            sqlite::step(db, m_begin.get(), "beginning the batch transaction");
        }
        {
            // Another writer on the same file (a second bwxd) would interleave sequence numbers;
            // the check runs under the write lock, so it is exact.
            sqlite::StatementScope scope(m_tail.get());
            const std::uint64_t stored = sqlite::step(db, m_tail.get(), "reading the journal tail")
                                             ? columnU64(m_tail.get(), 0)
                                             : 0;
            if (stored != last)
                throw JournalError("journal '" + m_path + "' ends at seq " + seqText(stored)
                                   + " but this process wrote up to " + seqText(last)
                                   + ": another process is writing to it");
        }
        {
            sqlite::StatementScope scope(m_insert.get());
            bindU64(db, m_insert.get(), 1, batch.firstSeq().value());
            bindU64(db, m_insert.get(), 2, batch.lastSeq().value());
            bindU64(db, m_insert.get(), 3, batch.count());
            bindBlob(db, m_insert.get(), 4, batch.bytes());
            sqlite::step(db, m_insert.get(), "inserting the batch");
        }
        {
            sqlite::StatementScope scope(m_commit.get());
            sqlite::step(db, m_commit.get(), "committing the batch");
        }
    } catch (const JournalError &e) {
        // Never retried: after a failed sync the kernel may have dropped the dirty pages and a
        // second attempt can report success for data that is not on disk.
        rollbackQuietly();
        fenceAndThrow(std::string("journal append of seq ") + seqText(batch.firstSeq().value())
                      + ".." + seqText(batch.lastSeq().value()) + " failed: " + e.what());
    }
    m_lastSeq = batch.lastSeq().value();
    ++m_batchCount;
}

bool SqliteJournal::replay(Seq after,
                           const std::function<void(const JournalRecord &)> &fn,
                           std::string &error)
{
    std::lock_guard lock(m_mutex);
    sqlite3 *db = m_db.get();
    const std::uint64_t from = after.value();
    const std::uint64_t last = m_lastSeq.load();
    if (from > last) {
        error = "journal '" + m_path + "' ends at seq " + seqText(last)
                + ", before the requested start after seq " + seqText(from)
                + ": records are missing (was the database replaced by an older copy?)";
        return false;
    }
    if (from == last)
        return true;

    // Start at the batch holding seq from+1. Earlier batches are not read: they are covered by
    // whatever state the caller already has (a snapshot).
    std::uint64_t expected = 1;
    if (from > 0) {
        auto find = sqlite::prepare(db, "SELECT max(first_seq) FROM journal WHERE first_seq <= ?1");
        bindU64(db, find.get(), 1, from + 1);
        sqlite::step(db, find.get(), "finding the replay start");
        if (sqlite3_column_type(find.get(), 0) == SQLITE_NULL) {
            error = "journal '" + m_path + "': no batch holds seq " + seqText(from + 1)
                    + " (the first batch starts later): records are missing";
            return false;
        }
        expected = columnU64(find.get(), 0);
    }

    auto rows = sqlite::prepare(db, "SELECT first_seq, last_seq, record_count, bytes FROM journal "
                                    "WHERE first_seq >= ?1 ORDER BY first_seq");
    bindU64(db, rows.get(), 1, expected);
    while (sqlite::step(db, rows.get(), "reading the journal")) {
        const std::uint64_t first = columnU64(rows.get(), 0);
        const std::uint64_t rowLast = columnU64(rows.get(), 1);
        const std::uint64_t count = columnU64(rows.get(), 2);
        const std::string batchName = "journal batch " + seqText(first) + ".." + seqText(rowLast);
        if (first != expected) {
            error = batchName + ": starts at seq " + seqText(first) + ", expected seq "
                    + seqText(expected)
                    + (first > expected ? " (records are missing)" : " (batches overlap)");
            return false;
        }
        if (rowLast < first || count != rowLast - first + 1) {
            error = batchName + ": row says " + seqText(count) + " records for seq "
                    + seqText(first) + ".." + seqText(rowLast) + ", which does not add up";
            return false;
        }
        const BatchParse parsed = parseBatch(columnBlob(rows.get(), 3));
        if (!parsed.error.empty()) {
            error = batchName + ", seq " + seqText(first + parsed.records.size()) + ": "
                    + parsed.error;
            return false;
        }
        if (parsed.records.size() != count) {
            error = batchName + ": holds " + seqText(parsed.records.size())
                    + " intact records, the row says " + seqText(count);
            return false;
        }
        for (std::size_t i = 0; i < parsed.records.size(); ++i) {
            if (parsed.records[i].seq.value() != first + i) {
                error = batchName + ", seq " + seqText(first + i) + ": record " + seqText(i)
                        + " carries seq " + seqText(parsed.records[i].seq.value());
                return false;
            }
        }
        // The whole batch is verified before any of it is delivered.
        for (const JournalRecord &rec : parsed.records) {
            if (rec.seq.value() > from)
                fn(rec);
        }
        expected = rowLast + 1;
    }
    if (expected - 1 != last) {
        error = "journal '" + m_path + "': the batches end at seq " + seqText(expected - 1)
                + ", but the journal's last seq is " + seqText(last);
        return false;
    }
    return true;
}

void SqliteJournal::saveSnapshot(Seq seq, std::span<const std::uint8_t> bytes)
{
    std::lock_guard lock(m_mutex);
    throwIfFenced();
    if (seq.value() > m_lastSeq.load())
        throw JournalError("snapshot at seq " + seqText(seq.value())
                           + " is ahead of the journal (last durable seq "
                           + seqText(m_lastSeq.load()) + ")");
    sqlite3 *db = m_db.get();
    const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    try {
        sqlite::exec(db, "BEGIN IMMEDIATE", "beginning the snapshot transaction");
        auto insert = sqlite::prepare(db, "INSERT OR REPLACE INTO snapshots (seq, created_at, crc, "
                                          "bytes) VALUES (?1, ?2, ?3, ?4)");
        bindU64(db, insert.get(), 1, seq.value());
        bindU64(db, insert.get(), 2, static_cast<std::uint64_t>(now));
        bindU64(db, insert.get(), 3, crc32c(bytes));
        bindBlob(db, insert.get(), 4, bytes);
        sqlite::step(db, insert.get(), "inserting the snapshot");
        auto prune = sqlite::prepare(db, kPruneSnapshots);
        bindU64(db, prune.get(), 1, kSnapshotsKept);
        sqlite::step(db, prune.get(), "pruning old snapshots");
        sqlite::exec(db, "COMMIT", "committing the snapshot");
    } catch (const JournalError &e) {
        rollbackQuietly();
        fenceAndThrow(std::string("saving the snapshot at seq ") + seqText(seq.value())
                      + " failed: " + e.what());
    }
}

std::optional<Snapshot> SqliteJournal::latestSnapshot()
{
    std::lock_guard lock(m_mutex);
    sqlite3 *db = m_db.get();
    auto stmt
        = sqlite::prepare(db, "SELECT seq, crc, bytes FROM snapshots ORDER BY seq DESC LIMIT 1");
    if (!sqlite::step(db, stmt.get(), "reading the latest snapshot"))
        return std::nullopt;
    Snapshot snapshot;
    snapshot.seq = Seq(columnU64(stmt.get(), 0));
    const auto stored = static_cast<std::uint32_t>(columnU64(stmt.get(), 1));
    const auto bytes = columnBlob(stmt.get(), 2);
    const std::uint32_t computed = crc32c(bytes);
    if (stored != computed)
        throw JournalError("snapshot at seq " + seqText(snapshot.seq.value())
                           + " is damaged: CRC mismatch (stored " + hex32(stored) + ", computed "
                           + hex32(computed) + ")");
    snapshot.bytes.assign(bytes.begin(), bytes.end());
    return snapshot;
}

std::unique_ptr<Journal> openSqliteJournal(const std::string &path, SqliteJournalOptions options)
{
    return std::make_unique<SqliteJournal>(path, options);
}

} // namespace bwx::store
