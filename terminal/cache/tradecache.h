#pragma once
// The local trade history: every trade and fill the terminal has seen, per account (server and
// member), in SQLite under the user's data directory, so the blotter has history offline.
#include "models/traderecord.h"

#include <QString>
#include <vector>

namespace bwx::terminal {

class TradeCache
{
public:
    TradeCache();
    ~TradeCache();
    TradeCache(const TradeCache &) = delete;
    TradeCache &operator=(const TradeCache &) = delete;

    // Opens (creating if needed) the database file; false and lastError() on failure.
    bool open(const QString &fileName);
    void close();
    bool isOpen() const;
    QString lastError() const { return m_lastError; }

    // Insert or replace by (account, trade id). A record without a counterparty name keeps the
    // name stored earlier.
    bool store(const QString &account, const TradeRecord &record);
    bool storeAll(const QString &account, const std::vector<TradeRecord> &records);
    bool remove(const QString &account, const std::vector<TradeId> &trades);
    // Newest first, at most `limit`.
    std::vector<TradeRecord> load(const QString &account, int limit = 5000);

    static QString defaultFileName(); // <AppDataLocation>/trades.sqlite

private:
    bool exec(const QString &statement);
    bool storeOne(const QString &account, const TradeRecord &record);

    QString m_connectionName;
    QString m_lastError;
};

} // namespace bwx::terminal
