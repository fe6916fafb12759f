#include "cache/tradecache.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>
#include <atomic>

namespace bwx::terminal {

namespace {

// Bump when the table changes; older files are rebuilt (the cache can always be refetched).
constexpr int kSchemaVersion = 1;

QString nextConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("bwx-trade-cache-%1").arg(counter.fetch_add(1));
}

} // namespace

TradeCache::TradeCache()
    : m_connectionName(nextConnectionName())
{}

TradeCache::~TradeCache()
{
    close();
}

QString TradeCache::defaultFileName()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QLatin1String("/trades.sqlite");
}

bool TradeCache::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName)
           && QSqlDatabase::database(m_connectionName, false).isOpen();
}

bool TradeCache::open(const QString &fileName)
{
    close();
    const QString directory = QFileInfo(fileName).absolutePath();
    if (!QDir().mkpath(directory)) {
        m_lastError = QStringLiteral("cannot create %1").arg(directory);
        return false;
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(fileName);
        if (!db.open()) {
            m_lastError = db.lastError().text();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(m_connectionName);
            return false;
        }
    }
    QSqlQuery version(QSqlDatabase::database(m_connectionName));
    int current = 0;
    if (version.exec(QStringLiteral("PRAGMA user_version")) && version.next())
        current = version.value(0).toInt();
    version.finish();
    if (current != kSchemaVersion && !exec(QStringLiteral("DROP TABLE IF EXISTS trades")))
        return false;
    const bool ok
        = exec(QStringLiteral("PRAGMA journal_mode=WAL"))
          && exec(QStringLiteral("CREATE TABLE IF NOT EXISTS trades ("
                                 " account TEXT NOT NULL, trade_id INTEGER NOT NULL,"
                                 " side INTEGER NOT NULL, counterparty TEXT NOT NULL,"
                                 " destination TEXT NOT NULL, sell_destination TEXT NOT NULL,"
                                 " buy_order_id INTEGER NOT NULL, sell_order_id INTEGER NOT NULL,"
                                 " buyer INTEGER NOT NULL, seller INTEGER NOT NULL,"
                                 " price INTEGER NOT NULL, capacity INTEGER NOT NULL,"
                                 " delivery_start INTEGER NOT NULL, delivery_end INTEGER NOT NULL,"
                                 " amount INTEGER NOT NULL, executed_at INTEGER NOT NULL,"
                                 " state INTEGER NOT NULL,"
                                 " PRIMARY KEY (account, trade_id))"))
          && exec(QStringLiteral("CREATE INDEX IF NOT EXISTS trades_by_time"
                                 " ON trades (account, executed_at DESC)"))
          && exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
    if (!ok)
        close();
    return ok;
}

void TradeCache::close()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool TradeCache::exec(const QString &statement)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(statement)) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

bool TradeCache::storeOne(const QString &account, const TradeRecord &record)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    // The upsert keeps a name learnt from a fill when a later trade list brings none.
    query.prepare(QStringLiteral(
        "INSERT INTO trades (account, trade_id, side, counterparty, destination,"
        " sell_destination, buy_order_id, sell_order_id, buyer, seller, price, capacity,"
        " delivery_start, delivery_end, amount, executed_at, state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (account, trade_id) DO UPDATE SET"
        " side = excluded.side,"
        " counterparty = CASE WHEN excluded.counterparty = '' THEN trades.counterparty"
        "                ELSE excluded.counterparty END,"
        " destination = excluded.destination, sell_destination = excluded.sell_destination,"
        " buy_order_id = excluded.buy_order_id, sell_order_id = excluded.sell_order_id,"
        " buyer = excluded.buyer, seller = excluded.seller, price = excluded.price,"
        " capacity = excluded.capacity, delivery_start = excluded.delivery_start,"
        " delivery_end = excluded.delivery_end, amount = excluded.amount,"
        " executed_at = excluded.executed_at, state = excluded.state"));
    const proto::TradeView &t = record.trade;
    query.addBindValue(account);
    query.addBindValue(qulonglong(t.tradeId.value()));
    query.addBindValue(static_cast<int>(record.side));
    query.addBindValue(QString::fromStdString(record.counterparty));
    query.addBindValue(QString::fromStdString(toString(t.destination)));
    query.addBindValue(QString::fromStdString(toString(t.sellDestination)));
    query.addBindValue(qulonglong(t.buyOrderId.value()));
    query.addBindValue(qulonglong(t.sellOrderId.value()));
    query.addBindValue(t.buyer.value());
    query.addBindValue(t.seller.value());
    query.addBindValue(qlonglong(t.price.value()));
    query.addBindValue(qlonglong(t.capacity.value()));
    query.addBindValue(qlonglong(t.deliveryStart.value()));
    query.addBindValue(qlonglong(t.deliveryEnd.value()));
    query.addBindValue(qlonglong(t.amount.value()));
    query.addBindValue(qlonglong(t.executedAt.value()));
    query.addBindValue(static_cast<int>(t.state));
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return false;
    }
    return true;
}

bool TradeCache::store(const QString &account, const TradeRecord &record)
{
    return isOpen() && storeOne(account, record);
}

bool TradeCache::storeAll(const QString &account, const std::vector<TradeRecord> &records)
{
    if (!isOpen())
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    for (const TradeRecord &record : records) {
        if (!storeOne(account, record)) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

bool TradeCache::remove(const QString &account, const std::vector<TradeId> &trades)
{
    if (!isOpen())
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    db.transaction();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM trades WHERE account = ? AND trade_id = ?"));
    for (const TradeId id : trades) {
        query.addBindValue(account);
        query.addBindValue(QVariant::fromValue<qulonglong>(id.value()));
        if (!query.exec()) {
            m_lastError = query.lastError().text();
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

std::vector<TradeRecord> TradeCache::load(const QString &account, int limit)
{
    std::vector<TradeRecord> records;
    if (!isOpen())
        return records;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
        "SELECT trade_id, side, counterparty, destination, sell_destination, buy_order_id,"
        " sell_order_id, buyer, seller, price, capacity, delivery_start, delivery_end, amount,"
        " executed_at, state FROM trades WHERE account = ?"
        " ORDER BY executed_at DESC, trade_id DESC LIMIT ?"));
    query.addBindValue(account);
    query.addBindValue(limit);
    if (!query.exec()) {
        m_lastError = query.lastError().text();
        return records;
    }
    while (query.next()) {
        const auto destination = parseDestination(query.value(3).toString().toStdString());
        const auto sellDestination = parseDestination(query.value(4).toString().toStdString());
        const int side = query.value(1).toInt();
        const int state = query.value(15).toInt();
        // A row this build cannot read is skipped rather than shown wrong.
        if (!destination || !sellDestination || (side != 1 && side != 2) || state < 1 || state > 5)
            continue;
        TradeRecord record;
        proto::TradeView &t = record.trade;
        t.tradeId = TradeId(query.value(0).toULongLong());
        record.side = static_cast<Side>(side);
        record.counterparty = query.value(2).toString().toStdString();
        t.destination = *destination;
        t.sellDestination = *sellDestination;
        t.buyOrderId = OrderId(query.value(5).toULongLong());
        t.sellOrderId = OrderId(query.value(6).toULongLong());
        t.buyer = MemberId(query.value(7).toUInt());
        t.seller = MemberId(query.value(8).toUInt());
        t.price = Price(query.value(9).toLongLong());
        t.capacity = Bandwidth(query.value(10).toLongLong());
        t.deliveryStart = Timestamp(query.value(11).toLongLong());
        t.deliveryEnd = Timestamp(query.value(12).toLongLong());
        t.amount = Money(query.value(13).toLongLong());
        t.executedAt = Timestamp(query.value(14).toLongLong());
        t.state = static_cast<proto::TradeState>(state);
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace bwx::terminal
