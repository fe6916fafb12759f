// The SQLite journal: durability settings, append/replay across reopen, refusal of gaps and of
// damage made through a second connection, snapshots, and fencing after a storage failure.
#include "bwx/store/journal.h"
#include "sqlite_journal.h"

#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <fstream>
#include <memory>
#include <sqlite3.h>
#include <string>
#include <sys/resource.h>
#include <vector>

using bwx::MemberId;
using bwx::Seq;
using bwx::Timestamp;
using bwx::store::Journal;
using bwx::store::JournalBatch;
using bwx::store::JournalError;
using bwx::store::JournalRecord;
using bwx::store::openSqliteJournal;
using bwx::store::SqliteJournal;

class TestSqliteJournal : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void pragmasAreReadBack();
    void synchronousOffWhenAsked();
    void refusesDatabaseWithoutWal();
    void refusesNewerSchema();
    void refusesForeignDatabase();
    void refusesNonDatabaseFile();
    void appendReplayRoundTripAcrossReopen();
    void replayFromInsideABatch();
    void oneRowPerBatch();
    void gapIsRefusedWithoutFencing();
    void emptyBatchIsANoOp();
    void damage_data();
    void damage();
    void replayAfterTheEndIsRefused();
    void secondWriterIsDetected();
    void snapshotsLatestWins();
    void snapshotAheadOfJournalIsRefused();
    void damagedSnapshotIsReported();
    void failedAppendFences();

private:
    std::string dbPath() const { return (m_dir->path() + "/journal.db").toStdString(); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

std::vector<std::uint8_t> bodyFor(std::uint64_t seq)
{
    // Varying sizes and contents, so a replay that mixed records up would be noticed.
    std::vector<std::uint8_t> b(seq % 13);
    for (std::size_t i = 0; i < b.size(); ++i)
        b[i] = static_cast<std::uint8_t>(seq * 31 + i);
    return b;
}

JournalBatch makeBatch(std::uint64_t first, std::size_t count)
{
    JournalBatch batch;
    for (std::uint64_t s = first; s < first + count; ++s)
        batch.add(Seq(s), Timestamp(static_cast<std::int64_t>(s * 1000)),
                  MemberId(static_cast<std::uint32_t>(s % 5)),
                  static_cast<std::uint16_t>(0x100 + s % 3), bodyFor(s));
    return batch;
}

struct Replayed
{
    bool ok = false;
    std::string error;
    std::vector<std::uint64_t> seqs;
};

Replayed replayAll(Journal &journal, Seq after = Seq(0))
{
    Replayed r;
    r.ok = journal.replay(
        after,
        [&r](const JournalRecord &rec) {
            const auto expected = bodyFor(rec.seq.value());
            QVERIFY(std::equal(rec.body.begin(), rec.body.end(), expected.begin(), expected.end()));
            QCOMPARE(rec.time, Timestamp(static_cast<std::int64_t>(rec.seq.value() * 1000)));
            QCOMPARE(rec.member, MemberId(static_cast<std::uint32_t>(rec.seq.value() % 5)));
            QCOMPARE(rec.type, static_cast<std::uint16_t>(0x100 + rec.seq.value() % 3));
            r.seqs.push_back(rec.seq.value());
        },
        r.error);
    return r;
}

std::vector<std::uint64_t> range(std::uint64_t first, std::uint64_t last)
{
    std::vector<std::uint64_t> v;
    for (std::uint64_t s = first; s <= last; ++s)
        v.push_back(s);
    return v;
}

// A second, independent connection: how an operator or a damaged disk would change the file.
class Tamper
{
public:
    explicit Tamper(const std::string &path)
    {
        if (sqlite3_open(path.c_str(), &m_db) != SQLITE_OK)
            qFatal("tamper: cannot open %s", path.c_str());
    }
    ~Tamper() { sqlite3_close(m_db); }
    void exec(const std::string &sql)
    {
        char *err = nullptr;
        if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            const std::string message = err ? err : "?";
            sqlite3_free(err);
            QFAIL(("tamper: " + sql + ": " + message).c_str());
        }
    }
    std::vector<std::uint8_t> blob(const std::string &sql)
    {
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr);
        std::vector<std::uint8_t> out;
        if (sqlite3_step(stmt) == SQLITE_ROW) {
            const auto *p = static_cast<const std::uint8_t *>(sqlite3_column_blob(stmt, 0));
            out.assign(p, p + sqlite3_column_bytes(stmt, 0));
        }
        sqlite3_finalize(stmt);
        return out;
    }
    std::int64_t integer(const std::string &sql)
    {
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr);
        std::int64_t v = -1;
        if (sqlite3_step(stmt) == SQLITE_ROW)
            v = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        return v;
    }
    void setBlob(std::uint64_t firstSeq, std::span<const std::uint8_t> bytes)
    {
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(m_db, "UPDATE journal SET bytes = ?1 WHERE first_seq = ?2", -1, &stmt,
                           nullptr);
        sqlite3_bind_blob64(stmt, 1, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
        sqlite3_bind_int64(stmt, 2, static_cast<sqlite3_int64>(firstSeq));
        const int rc = sqlite3_step(stmt);
        sqlite3_finalize(stmt);
        QCOMPARE(rc, SQLITE_DONE);
    }

private:
    sqlite3 *m_db = nullptr;
};

bool contains(const std::string &haystack, const char *needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace

void TestSqliteJournal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSqliteJournal::pragmasAreReadBack()
{
    auto journal = openSqliteJournal(dbPath());
    auto *sqlite = dynamic_cast<SqliteJournal *>(journal.get());
    QVERIFY(sqlite);
    QCOMPARE(sqlite->journalMode(), std::string("wal"));
    QCOMPARE(sqlite->synchronous(), 2); // FULL
    // WAL is a property of the file: a second connection sees it too.
    Tamper other(dbPath());
    QCOMPARE(other.integer("SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"),
             std::int64_t(1));
    QCOMPARE(other.integer("SELECT version FROM schema_version"),
             std::int64_t(SqliteJournal::kSchemaVersion));
}

void TestSqliteJournal::synchronousOffWhenAsked()
{
    auto journal = openSqliteJournal(dbPath(), {.synchronousFull = false});
    auto *sqlite = dynamic_cast<SqliteJournal *>(journal.get());
    QVERIFY(sqlite);
    QCOMPARE(sqlite->synchronous(), 0);
    QCOMPARE(sqlite->journalMode(), std::string("wal"));
}

void TestSqliteJournal::refusesDatabaseWithoutWal()
{
    // An in-memory database cannot be switched to WAL: SQLite keeps "memory" without an error.
    try {
        openSqliteJournal(":memory:");
        QFAIL("a database without WAL was accepted");
    } catch (const JournalError &e) {
        QVERIFY2(contains(e.what(), "PRAGMA journal_mode=WAL did not take (mode is 'memory'"),
                 e.what());
    }
}

void TestSqliteJournal::refusesNewerSchema()
{
    {
        auto journal = openSqliteJournal(dbPath());
        journal->append(makeBatch(1, 3));
    }
    Tamper(dbPath()).exec("UPDATE schema_version SET version = 7");
    try {
        openSqliteJournal(dbPath());
        QFAIL("a newer schema was accepted");
    } catch (const JournalError &e) {
        QVERIFY2(contains(e.what(), "has schema version 7, newer than this build supports (1)"),
                 e.what());
    }
}

void TestSqliteJournal::refusesForeignDatabase()
{
    Tamper(dbPath()).exec("CREATE TABLE customers (id INTEGER)");
    try {
        openSqliteJournal(dbPath());
        QFAIL("a foreign database was accepted");
    } catch (const JournalError &e) {
        QVERIFY2(contains(e.what(), "is not a BWX journal"), e.what());
    }
    // Refusing it must not have added our tables to it.
    QCOMPARE(Tamper(dbPath()).integer("SELECT count(*) FROM sqlite_master"), std::int64_t(1));
}

void TestSqliteJournal::refusesNonDatabaseFile()
{
    std::ofstream(dbPath())
        << "this is a text file, not a database, and it is long enough to have a "
           "header that SQLite reads and rejects as not being its own format\n";
    try {
        openSqliteJournal(dbPath());
        QFAIL("a text file was accepted");
    } catch (const JournalError &e) {
        QVERIFY2(contains(e.what(), "file is not a database"), e.what());
    }
}

void TestSqliteJournal::appendReplayRoundTripAcrossReopen()
{
    {
        auto journal = openSqliteJournal(dbPath());
        QCOMPARE(journal->lastSeq(), Seq(0));
        QCOMPARE(journal->batchCount(), std::uint64_t(0));
        journal->append(makeBatch(1, 4));
        journal->append(makeBatch(5, 1));
        journal->append(makeBatch(6, 20));
        QCOMPARE(journal->lastSeq(), Seq(25));
        QCOMPARE(journal->batchCount(), std::uint64_t(3));
        const auto r = replayAll(*journal);
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.seqs, range(1, 25));
    }
    auto journal = openSqliteJournal(dbPath());
    QCOMPARE(journal->lastSeq(), Seq(25));
    QCOMPARE(journal->batchCount(), std::uint64_t(3));
    auto r = replayAll(*journal);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.seqs, range(1, 25));
    // The reopened journal continues where the old one stopped.
    journal->append(makeBatch(26, 2));
    r = replayAll(*journal);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.seqs, range(1, 27));
}

void TestSqliteJournal::replayFromInsideABatch()
{
    auto journal = openSqliteJournal(dbPath());
    journal->append(makeBatch(1, 10));
    journal->append(makeBatch(11, 10));
    journal->append(makeBatch(21, 10));
    for (std::uint64_t after :
         std::initializer_list<std::uint64_t>{0, 1, 9, 10, 11, 15, 20, 29, 30}) {
        const auto r = replayAll(*journal, Seq(after));
        QVERIFY2(r.ok, r.error.c_str());
        QCOMPARE(r.seqs, range(after + 1, 30));
    }
}

void TestSqliteJournal::oneRowPerBatch()
{
    auto journal = openSqliteJournal(dbPath());
    journal->append(makeBatch(1, 100));
    journal->append(makeBatch(101, 7));
    Tamper other(dbPath());
    QCOMPARE(other.integer("SELECT count(*) FROM journal"), std::int64_t(2));
    QCOMPARE(other.integer("SELECT record_count FROM journal WHERE first_seq = 1"),
             std::int64_t(100));
    QCOMPARE(other.integer("SELECT last_seq FROM journal WHERE first_seq = 101"),
             std::int64_t(107));
}

void TestSqliteJournal::gapIsRefusedWithoutFencing()
{
    auto journal = openSqliteJournal(dbPath());
    journal->append(makeBatch(1, 3));
    try {
        journal->append(makeBatch(5, 2));
        QFAIL("a gap was accepted");
    } catch (const JournalError &e) {
        QVERIFY2(contains(e.what(), "batch starts at seq 5, expected 4 (last durable seq 3)"),
                 e.what());
    }
    QVERIFY_THROWS_EXCEPTION(JournalError, journal->append(makeBatch(3, 2))); // overlap
    QCOMPARE(journal->lastSeq(), Seq(3));
    // Nothing reached the database, so the journal stays usable.
    QVERIFY(!dynamic_cast<SqliteJournal &>(*journal).fenced());
    journal->append(makeBatch(4, 2));
    const auto r = replayAll(*journal);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.seqs, range(1, 5));
}

void TestSqliteJournal::emptyBatchIsANoOp()
{
    auto journal = openSqliteJournal(dbPath());
    journal->append(JournalBatch{});
    QCOMPARE(journal->lastSeq(), Seq(0));
    QCOMPARE(journal->batchCount(), std::uint64_t(0));
}

void TestSqliteJournal::damage_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QByteArray>("error");
    QTest::addColumn<int>("delivered"); // records replayed before the damage was met

    // The journal holds batches 1..3, 4..6, 7..9; the damage is done to the middle one.
    QTest::newRow("body byte flipped")
        << "flip" << QByteArray("journal batch 4..6, seq 5: record 1 at offset") << 3;
    QTest::newRow("blob cut short")
        << "truncate" << QByteArray("journal batch 4..6, seq 6: record 2 at offset") << 3;
    QTest::newRow("middle batch deleted")
        << "delete"
        << QByteArray("journal batch 7..9: starts at seq 7, expected seq 4 (records are missing)")
        << 3;
    QTest::newRow("row count disagrees with its seqs")
        << "count" << QByteArray("journal batch 4..6: row says 2 records for seq 4..6") << 3;
    QTest::newRow("records carry other seqs")
        << "reseq" << QByteArray("journal batch 4..6, seq 4: record 0 carries seq 100") << 3;
    QTest::newRow("blob holds fewer records than the row")
        << "fewer" << QByteArray("journal batch 4..6: holds 2 intact records, the row says 3") << 3;
    QTest::newRow("overlapping batch")
        << "overlap"
        << QByteArray("journal batch 6..9: starts at seq 6, expected seq 7 (batches overlap)") << 6;
    QTest::newRow("blob emptied")
        << "empty" << QByteArray("journal batch 4..6: holds 0 intact records, the row says 3") << 3;
}

void TestSqliteJournal::damage()
{
    QFETCH(QString, damage);
    QFETCH(QByteArray, error);
    QFETCH(int, delivered);
    {
        auto journal = openSqliteJournal(dbPath());
        journal->append(makeBatch(1, 3));
        journal->append(makeBatch(4, 3));
        journal->append(makeBatch(7, 3));
    }
    {
        Tamper t(dbPath());
        auto bytes = t.blob("SELECT bytes FROM journal WHERE first_seq = 4");
        QVERIFY(!bytes.empty());
        if (damage == "flip") {
            // Record 0 (seq 4) has a 4-byte body, so record 1 starts at 34; flip in its seq field.
            bytes[34 + 12] ^= 0x01;
            t.setBlob(4, bytes);
        } else if (damage == "truncate") {
            bytes.resize(bytes.size() - 2);
            t.setBlob(4, bytes);
        } else if (damage == "delete") {
            t.exec("DELETE FROM journal WHERE first_seq = 4");
        } else if (damage == "count") {
            // The table's CHECK constraint stops honest writers; damage does not ask.
            t.exec("PRAGMA ignore_check_constraints = ON");
            t.exec("UPDATE journal SET record_count = 2 WHERE first_seq = 4");
        } else if (damage == "reseq") {
            const auto other = makeBatch(100, 3);
            t.setBlob(4, other.bytes());
        } else if (damage == "fewer") {
            const auto other = makeBatch(4, 2);
            t.setBlob(4, other.bytes());
        } else if (damage == "overlap") {
            t.exec("DELETE FROM journal WHERE first_seq = 7");
            const auto other = makeBatch(6, 4);
            t.exec("INSERT INTO journal (first_seq, last_seq, record_count, bytes) "
                   "VALUES (6, 9, 4, x'')");
            t.setBlob(6, other.bytes());
        } else if (damage == "empty") {
            t.exec("UPDATE journal SET bytes = x'' WHERE first_seq = 4");
        }
    }
    auto journal = openSqliteJournal(dbPath());
    const auto r = replayAll(*journal);
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, error.constData()), ("got: " + r.error).c_str());
    QCOMPARE(r.seqs, range(1, static_cast<std::uint64_t>(delivered)));
}

void TestSqliteJournal::replayAfterTheEndIsRefused()
{
    auto journal = openSqliteJournal(dbPath());
    journal->append(makeBatch(1, 5));
    const auto r = replayAll(*journal, Seq(9));
    QVERIFY(!r.ok);
    QVERIFY2(contains(r.error, "ends at seq 5, before the requested start after seq 9"),
             r.error.c_str());
    QVERIFY(r.seqs.empty());
}

void TestSqliteJournal::secondWriterIsDetected()
{
    auto first = openSqliteJournal(dbPath());
    auto second = openSqliteJournal(dbPath());
    first->append(makeBatch(1, 3));
    try {
        second->append(makeBatch(1, 2));
        QFAIL("a second writer went unnoticed");
    } catch (const JournalError &e) {
        QVERIFY2(
            contains(e.what(), "ends at seq 3 but this process wrote up to 0: another process"),
            e.what());
    }
    QVERIFY(dynamic_cast<SqliteJournal &>(*second).fenced());
    const auto r = replayAll(*first);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.seqs, range(1, 3));
}

void TestSqliteJournal::snapshotsLatestWins()
{
    auto journal = openSqliteJournal(dbPath());
    QVERIFY(!journal->latestSnapshot());
    journal->append(makeBatch(1, 50));
    for (std::uint64_t seq : std::initializer_list<std::uint64_t>{10, 20, 30, 40, 50}) {
        const std::vector<std::uint8_t> bytes(seq, static_cast<std::uint8_t>(seq));
        journal->saveSnapshot(Seq(seq), bytes);
    }
    const auto snap = journal->latestSnapshot();
    QVERIFY(snap);
    QCOMPARE(snap->seq, Seq(50));
    QCOMPARE(snap->bytes, std::vector<std::uint8_t>(50, 50));
    // Only the last few are kept.
    Tamper t(dbPath());
    QCOMPARE(t.integer("SELECT count(*) FROM snapshots"),
             std::int64_t(SqliteJournal::kSnapshotsKept));
    QCOMPARE(t.integer("SELECT min(seq) FROM snapshots"), std::int64_t(30));
    // An older seq saved later does not displace the newest.
    journal->saveSnapshot(Seq(45), std::vector<std::uint8_t>{1, 2, 3});
    QCOMPARE(journal->latestSnapshot()->seq, Seq(50));
    // An empty snapshot is still a snapshot.
    journal->append(makeBatch(51, 1));
    journal->saveSnapshot(Seq(51), {});
    QCOMPARE(journal->latestSnapshot()->seq, Seq(51));
    QVERIFY(journal->latestSnapshot()->bytes.empty());
    // And all of it survives a reopen.
    journal.reset();
    journal = openSqliteJournal(dbPath());
    QCOMPARE(journal->latestSnapshot()->seq, Seq(51));
}

void TestSqliteJournal::snapshotAheadOfJournalIsRefused()
{
    auto journal = openSqliteJournal(dbPath());
    journal->append(makeBatch(1, 5));
    QVERIFY_THROWS_EXCEPTION(JournalError,
                             journal->saveSnapshot(Seq(6), std::vector<std::uint8_t>{1}));
    QVERIFY(!journal->latestSnapshot());
    journal->saveSnapshot(Seq(5), std::vector<std::uint8_t>{1});
    QCOMPARE(journal->latestSnapshot()->seq, Seq(5));
}

void TestSqliteJournal::damagedSnapshotIsReported()
{
    {
        auto journal = openSqliteJournal(dbPath());
        journal->append(makeBatch(1, 5));
        journal->saveSnapshot(Seq(5), std::vector<std::uint8_t>(100, 7));
    }
    Tamper(dbPath()).exec("UPDATE snapshots SET bytes = zeroblob(100) WHERE seq = 5");
    auto journal = openSqliteJournal(dbPath());
    try {
        journal->latestSnapshot();
        QFAIL("a damaged snapshot was returned");
    } catch (const JournalError &e) {
        QVERIFY2(contains(e.what(), "snapshot at seq 5 is damaged: CRC mismatch"), e.what());
    }
}

void TestSqliteJournal::failedAppendFences()
{
    // A real write error: RLIMIT_FSIZE makes the kernel refuse to grow the WAL (EFBIG), which
    // SQLite reports like a full disk. SIGXFSZ would otherwise kill the test.
    auto journal = openSqliteJournal(dbPath());
    journal->append(makeBatch(1, 3));

    rlimit old{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = 1 << 20;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);

    JournalBatch big;
    big.add(Seq(4), Timestamp(4000), MemberId(1), 0x100, std::vector<std::uint8_t>(4 << 20, 0x5A));
    std::string failure;
    try {
        journal->append(big);
    } catch (const JournalError &e) {
        failure = e.what();
    }
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &old), 0);
    std::signal(SIGXFSZ, oldHandler);

    QVERIFY2(contains(failure, "journal append of seq 4..4 failed"), failure.c_str());
    QVERIFY(dynamic_cast<SqliteJournal &>(*journal).fenced());
    QCOMPARE(journal->lastSeq(), Seq(3));
    // Fenced: even a batch that would now fit is refused, and so is a snapshot.
    try {
        journal->append(makeBatch(4, 1));
        QFAIL("a fenced journal accepted a batch");
    } catch (const JournalError &e) {
        QVERIFY2(contains(e.what(), "is fenced after an earlier failure"), e.what());
    }
    QVERIFY_THROWS_EXCEPTION(JournalError,
                             journal->saveSnapshot(Seq(3), std::vector<std::uint8_t>{1}));

    // A new process sees exactly what was durable before the failure.
    journal.reset();
    journal = openSqliteJournal(dbPath());
    QCOMPARE(journal->lastSeq(), Seq(3));
    const auto r = replayAll(*journal);
    QVERIFY2(r.ok, r.error.c_str());
    QCOMPARE(r.seqs, range(1, 3));
    journal->append(makeBatch(4, 1));
    QCOMPARE(journal->lastSeq(), Seq(4));
}

QTEST_APPLESS_MAIN(TestSqliteJournal)
#include "tst_sqlite_journal.moc"
