#pragma once
// The journal: the source of truth. Every sequenced command is appended here and is durable
// before anything it caused is sent to anyone. A batch of commands is committed with one
// sync (group commit). The market's state is a pure function of the journal.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "bwx/domain/ids.h"
#include "bwx/domain/units.h"

namespace bwx::store {

// One journal record as stored: the command body is the protocol codec's body encoding of the
// command message, so the journal and the wire share one format.
struct JournalRecord {
    Seq seq{};
    Timestamp time{};
    MemberId member{};
    std::uint16_t type = 0;
    std::span<const std::uint8_t> body;
};

// Records of consecutive sequence numbers, encoded back to back, each with its own length and
// CRC-32C so a damaged record is detected on replay.
class JournalBatch {
public:
    void add(Seq seq, Timestamp time, MemberId member, std::uint16_t type, std::span<const std::uint8_t> body);
    bool empty() const { return m_count == 0; }
    std::size_t count() const { return m_count; }
    Seq firstSeq() const { return m_first; }
    Seq lastSeq() const { return m_last; }
    std::span<const std::uint8_t> bytes() const { return m_bytes; }
    void clear();

private:
    std::vector<std::uint8_t> m_bytes;
    std::size_t m_count = 0;
    Seq m_first{};
    Seq m_last{};
};

// Decodes a batch's bytes; stops at the first damaged record and says why.
struct BatchParse {
    std::vector<JournalRecord> records; // spans point into the parsed bytes
    std::string error;                  // empty when every record was intact
};
BatchParse parseBatch(std::span<const std::uint8_t> bytes);

// Thrown when the journal cannot make a batch durable. The caller must stop accepting
// commands ("fence"): retrying a failed sync can report success for data that was lost.
class JournalError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Snapshot {
    Seq seq{}; // the last command included in the snapshot
    std::vector<std::uint8_t> bytes;
};

class Journal {
public:
    virtual ~Journal() = default;
    // The last durable sequence number (0 for an empty journal).
    virtual Seq lastSeq() const = 0;
    // Appends and makes durable; batches must continue the sequence without gaps.
    virtual void append(const JournalBatch& batch) = 0;
    // Calls `fn` for every record with seq > after, in order. Returns false (and `error`) when
    // the journal is damaged in a way that must stop start-up.
    virtual bool replay(Seq after, const std::function<void(const JournalRecord&)>& fn, std::string& error) = 0;
    virtual void saveSnapshot(Seq seq, std::span<const std::uint8_t> bytes) = 0;
    virtual std::optional<Snapshot> latestSnapshot() = 0;
    virtual std::uint64_t batchCount() const = 0;
};

struct SqliteJournalOptions {
    bool synchronousFull = true; // PRAGMA synchronous=FULL; tests of throughput may turn it off
};

// The embedded default: one SQLite database (WAL, synchronous=FULL) holding the journal
// (one row per batch) and snapshots. Throws JournalError when it cannot be opened.
std::unique_ptr<Journal> openSqliteJournal(const std::string& path, SqliteJournalOptions options = {});

} // namespace bwx::store
