#pragma once
// The SQLite journal behind openSqliteJournal(). Internal: the rest of the system sees only
// store::Journal; tests include this header to read the connection's settings back.
#include "bwx/store/journal.h"
#include "sqlite_handle.h"

#include <atomic>
#include <mutex>
#include <string>

namespace bwx::store {

class SqliteJournal final : public Journal
{
public:
    static constexpr int kSchemaVersion = 1;
    static constexpr int kSnapshotsKept = 3;

    SqliteJournal(const std::string &path, SqliteJournalOptions options);
    ~SqliteJournal() override;

    Seq lastSeq() const override;
    void append(const JournalBatch &batch) override;
    bool replay(Seq after,
                const std::function<void(const JournalRecord &)> &fn,
                std::string &error) override;
    void saveSnapshot(Seq seq, std::span<const std::uint8_t> bytes) override;
    std::optional<Snapshot> latestSnapshot() override;
    std::uint64_t batchCount() const override;

    // Read back from this connection: `synchronous` is a per-connection setting, so another
    // connection cannot tell what this one uses.
    std::string journalMode();
    int synchronous();
    bool fenced() const;

private:
    void configure(SqliteJournalOptions options);
    void createOrCheckSchema();
    void loadTail();
    [[noreturn]] void fenceAndThrow(const std::string &reason);
    void throwIfFenced() const;
    void rollbackQuietly() noexcept;

    std::string m_path;
    mutable std::mutex m_mutex; // one connection, used from whichever thread calls
    sqlite::Database m_db;
    sqlite::Statement m_begin;
    sqlite::Statement m_commit;
    sqlite::Statement m_tail;
    sqlite::Statement m_insert;
    std::atomic<std::uint64_t> m_lastSeq{0};
    std::atomic<std::uint64_t> m_batchCount{0};
    std::atomic<bool> m_fenced{false};
    std::string m_fenceReason;
};

} // namespace bwx::store
