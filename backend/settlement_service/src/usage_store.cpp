#include "bwx/settlement_service/usage_store.h"

#include <sqlite3.h>

namespace bwx::settlement {

namespace {

constexpr int kSchemaVersion = 1;

const char *const kSchema = R"sql(
CREATE TABLE IF NOT EXISTS usage_bins (
    trade_id  INTEGER NOT NULL,
    direction INTEGER NOT NULL,  -- 0 toward the traded destination (billed), 1 return traffic
    bin       INTEGER NOT NULL,  -- 5-minute bin: floor(unix seconds / 300)
    bytes     INTEGER NOT NULL,
    flows     INTEGER NOT NULL,
    PRIMARY KEY (trade_id, direction, bin)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS unattributed_bins (
    member_id INTEGER NOT NULL,  -- the buyer when identified, else 0
    reason    INTEGER NOT NULL,  -- bwx::settlement::Unattributed
    bin       INTEGER NOT NULL,
    bytes     INTEGER NOT NULL,
    flows     INTEGER NOT NULL,
    PRIMARY KEY (member_id, reason, bin)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS unattributed_by_bin ON unattributed_bins (bin);
)sql";

std::int64_t asInt(std::uint64_t v)
{
    // Bytes in one bin stay far below 2^63 (10 Tbit/s for 5 minutes is 3.75e14).
    return static_cast<std::int64_t>(v);
}

class Statement
{
public:
    explicit Statement(sqlite3_stmt *s)
        : m_s(s)
    {}
    ~Statement()
    {
        sqlite3_reset(m_s);
        sqlite3_clear_bindings(m_s);
    }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    sqlite3_stmt *get() const { return m_s; }

private:
    sqlite3_stmt *m_s;
};

} // namespace

Expected<std::unique_ptr<UsageStore>> UsageStore::open(const std::filesystem::path &path,
                                                       bool readOnly)
{
    sqlite3 *db = nullptr;
    const int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
                      | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return makeError("usage database " + path.string() + ": " + message);
    }
    sqlite3_busy_timeout(db, 5000);
    const auto exec = [db](const char *sql) -> std::string {
        char *error = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &error) == SQLITE_OK)
            return {};
        std::string message = error ? error : sqlite3_errmsg(db);
        sqlite3_free(error);
        return message;
    };
    std::string problem;
    if (!readOnly) {
        problem = exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        if (problem.empty())
            problem = exec(kSchema);
        if (problem.empty())
            problem = exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
    }
    if (problem.empty()) {
        sqlite3_stmt *version = nullptr;
        if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &version, nullptr) != SQLITE_OK
            || sqlite3_step(version) != SQLITE_ROW)
            problem = sqlite3_errmsg(db);
        else if (sqlite3_column_int(version, 0) != kSchemaVersion)
            problem = "schema version " + std::to_string(sqlite3_column_int(version, 0))
                      + " is not " + std::to_string(kSchemaVersion)
                      + " (not a usage database of this bwxd)";
        sqlite3_finalize(version);
    }
    if (!problem.empty()) {
        sqlite3_close(db);
        return makeError("usage database " + path.string() + ": " + problem);
    }
    std::unique_ptr<UsageStore> store(new UsageStore(db, readOnly));
    try {
        store->prepare();
    } catch (const StoreError &e) {
        return makeError("usage database " + path.string() + ": " + e.what());
    }
    return store;
}

UsageStore::UsageStore(sqlite3 *db, bool readOnly)
    : m_db(db)
    , m_readOnly(readOnly)
{}

UsageStore::~UsageStore()
{
    for (sqlite3_stmt *s : {m_addBin, m_addUnattributed, m_bins, m_unattributedOfMember,
                            m_unattributedAll, m_unattributedTotals})
        sqlite3_finalize(s);
    sqlite3_close(m_db);
}

sqlite3_stmt *UsageStore::statement(const char *sql) const
{
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
        throw StoreError(std::string("cannot prepare a statement: ") + sqlite3_errmsg(m_db));
    return s;
}

void UsageStore::prepare()
{
    if (!m_readOnly) {
        m_addBin = statement(
            "INSERT INTO usage_bins (trade_id, direction, bin, bytes, flows) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (trade_id, direction, bin) DO UPDATE SET"
            " bytes = bytes + excluded.bytes, flows = flows + excluded.flows");
        m_addUnattributed = statement(
            "INSERT INTO unattributed_bins (member_id, reason, bin, bytes, flows)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id, reason, bin) DO UPDATE SET"
            " bytes = bytes + excluded.bytes, flows = flows + excluded.flows");
    }
    m_bins = statement("SELECT bin, bytes FROM usage_bins WHERE trade_id = ? AND direction = ?"
                       " AND bin >= ? AND bin < ? ORDER BY bin");
    m_unattributedOfMember = statement(
        "SELECT bin, SUM(bytes) FROM unattributed_bins WHERE member_id = ? AND bin >= ?"
        " AND bin < ? GROUP BY bin ORDER BY bin");
    m_unattributedAll = statement("SELECT bin, SUM(bytes) FROM unattributed_bins WHERE bin >= ?"
                                  " AND bin < ? GROUP BY bin ORDER BY bin");
    m_unattributedTotals = statement(
        "SELECT reason, SUM(flows), SUM(bytes) FROM unattributed_bins WHERE bin >= ? AND bin < ?"
        " GROUP BY reason");
}

void UsageStore::add(std::span<const BinDelta> bins, std::span<const UnattributedDelta> unattributed)
{
    if (m_readOnly)
        throw StoreError("the usage database is open read-only");
    if (bins.empty() && unattributed.empty())
        return;
    const auto fail = [this](const char *what) {
        const std::string message = std::string(what) + ": " + sqlite3_errmsg(m_db);
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw StoreError(message);
    };
    if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        throw StoreError(std::string("cannot begin a transaction: ") + sqlite3_errmsg(m_db));
    for (const BinDelta &d : bins) {
        Statement s(m_addBin);
        sqlite3_bind_int64(s.get(), 1, asInt(d.trade.value()));
        sqlite3_bind_int(s.get(), 2, static_cast<int>(d.direction));
        sqlite3_bind_int64(s.get(), 3, d.bin);
        sqlite3_bind_int64(s.get(), 4, asInt(d.bytes));
        sqlite3_bind_int64(s.get(), 5, asInt(d.flows));
        if (sqlite3_step(s.get()) != SQLITE_DONE)
            fail("cannot store usage");
    }
    for (const UnattributedDelta &d : unattributed) {
        Statement s(m_addUnattributed);
        sqlite3_bind_int64(s.get(), 1, d.member.value());
        sqlite3_bind_int(s.get(), 2, static_cast<int>(d.reason));
        sqlite3_bind_int64(s.get(), 3, d.bin);
        sqlite3_bind_int64(s.get(), 4, asInt(d.bytes));
        sqlite3_bind_int64(s.get(), 5, asInt(d.flows));
        if (sqlite3_step(s.get()) != SQLITE_DONE)
            fail("cannot store unattributed traffic");
    }
    if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        fail("cannot commit usage");
}

namespace {

std::map<std::int64_t, std::uint64_t> readBins(sqlite3 *db, sqlite3_stmt *stmt)
{
    std::map<std::int64_t, std::uint64_t> out;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        out.emplace_hint(out.end(), sqlite3_column_int64(stmt, 0),
                         static_cast<std::uint64_t>(sqlite3_column_int64(stmt, 1)));
    if (rc != SQLITE_DONE)
        throw StoreError(std::string("cannot read usage: ") + sqlite3_errmsg(db));
    return out;
}

} // namespace

std::map<std::int64_t, std::uint64_t> UsageStore::binsOf(TradeId trade,
                                                         Direction direction,
                                                         std::int64_t firstBin,
                                                         std::int64_t endBin) const
{
    Statement s(m_bins);
    sqlite3_bind_int64(s.get(), 1, asInt(trade.value()));
    sqlite3_bind_int(s.get(), 2, static_cast<int>(direction));
    sqlite3_bind_int64(s.get(), 3, firstBin);
    sqlite3_bind_int64(s.get(), 4, endBin);
    return readBins(m_db, s.get());
}

std::map<std::int64_t, std::uint64_t> UsageStore::unattributedBins(std::optional<MemberId> member,
                                                                   std::int64_t firstBin,
                                                                   std::int64_t endBin) const
{
    if (member) {
        Statement s(m_unattributedOfMember);
        sqlite3_bind_int64(s.get(), 1, member->value());
        sqlite3_bind_int64(s.get(), 2, firstBin);
        sqlite3_bind_int64(s.get(), 3, endBin);
        return readBins(m_db, s.get());
    }
    Statement s(m_unattributedAll);
    sqlite3_bind_int64(s.get(), 1, firstBin);
    sqlite3_bind_int64(s.get(), 2, endBin);
    return readBins(m_db, s.get());
}

std::vector<UnattributedTotal> UsageStore::unattributedTotals(std::int64_t firstBin,
                                                              std::int64_t endBin) const
{
    std::vector<UnattributedTotal> totals(kUnattributedCount);
    for (std::size_t i = 0; i < kUnattributedCount; ++i)
        totals[i].reason = static_cast<Unattributed>(i);
    Statement s(m_unattributedTotals);
    sqlite3_bind_int64(s.get(), 1, firstBin);
    sqlite3_bind_int64(s.get(), 2, endBin);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        const auto reason = sqlite3_column_int64(s.get(), 0);
        if (reason < 0 || reason >= static_cast<std::int64_t>(kUnattributedCount))
            continue; // written by a newer bwxd with more reasons
        auto &t = totals[static_cast<std::size_t>(reason)];
        t.flows = static_cast<std::uint64_t>(sqlite3_column_int64(s.get(), 1));
        t.bytes = static_cast<std::uint64_t>(sqlite3_column_int64(s.get(), 2));
    }
    if (rc != SQLITE_DONE)
        throw StoreError(std::string("cannot read unattributed totals: ") + sqlite3_errmsg(m_db));
    return totals;
}

} // namespace bwx::settlement
