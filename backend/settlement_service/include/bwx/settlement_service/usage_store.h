#pragma once
// The usage database: 5-minute byte counts per trade and direction, and the traffic that could
// not be attributed, per member (0 = nobody identified) and reason. SQLite (WAL,
// synchronous=FULL), a file of its own beside the journal: usage is measured, not sequenced, so
// it is not part of the journal, and a statement is a pure function of the journal's trades and
// of this database.
//
// One thread uses a store at a time (the settlement thread, or an offline statement run).
// Errors throw StoreError (the caller answers internal_error and keeps running).
#include "bwx/domain/ids.h"
#include "bwx/expected.h"
#include "bwx/settlement/attribution.h"
#include "bwx/settlement/usage.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace bwx::settlement {

class StoreError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct BinDelta
{
    TradeId trade;
    Direction direction = Direction::ToDestination;
    std::int64_t bin = 0;
    std::uint64_t bytes = 0;
    std::uint64_t flows = 0; // flow records that put bytes into this bin
};

struct UnattributedDelta
{
    MemberId member; // the buyer when it was identified, else 0
    Unattributed reason = Unattributed::UnknownBuyer;
    std::int64_t bin = 0; // the bin of the flow's start
    std::uint64_t bytes = 0;
    std::uint64_t flows = 0;
};

struct UnattributedTotal
{
    Unattributed reason = Unattributed::UnknownBuyer;
    std::uint64_t flows = 0;
    std::uint64_t bytes = 0;
};

class UsageStore : public BinSource
{
public:
    // Opens (and creates, unless readOnly) the database.
    static Expected<std::unique_ptr<UsageStore>> open(const std::filesystem::path &path,
                                                      bool readOnly = false);
    ~UsageStore() override;
    UsageStore(const UsageStore &) = delete;
    UsageStore &operator=(const UsageStore &) = delete;

    // Adds the deltas to what is stored, in one transaction (all or nothing).
    void add(std::span<const BinDelta> bins, std::span<const UnattributedDelta> unattributed);

    std::map<std::int64_t, std::uint64_t> binsOf(TradeId trade,
                                                 Direction direction,
                                                 std::int64_t firstBin,
                                                 std::int64_t endBin) const override;
    // Unattributed bytes per bin of one member (or of everyone when `member` is nullopt).
    std::map<std::int64_t, std::uint64_t> unattributedBins(std::optional<MemberId> member,
                                                           std::int64_t firstBin,
                                                           std::int64_t endBin) const;
    // Totals per reason over the bins in [firstBin, endBin), every reason listed.
    std::vector<UnattributedTotal> unattributedTotals(std::int64_t firstBin,
                                                      std::int64_t endBin) const;

private:
    UsageStore(sqlite3 *db, bool readOnly);
    void prepare();
    sqlite3_stmt *statement(const char *sql) const;

    sqlite3 *m_db = nullptr;
    bool m_readOnly = false;
    sqlite3_stmt *m_addBin = nullptr;
    sqlite3_stmt *m_addUnattributed = nullptr;
    sqlite3_stmt *m_bins = nullptr;
    sqlite3_stmt *m_unattributedOfMember = nullptr;
    sqlite3_stmt *m_unattributedAll = nullptr;
    sqlite3_stmt *m_unattributedTotals = nullptr;
};

} // namespace bwx::settlement
