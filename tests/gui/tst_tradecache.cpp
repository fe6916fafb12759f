// TradeCache: trades and fills kept per account in SQLite survive a reopen, newest first; a
// later record without a counterparty keeps the stored name; accounts stay apart; an old
// schema is rebuilt; an unusable path is reported.
#include "cache/tradecache.h"
#include "support/marketbuilders.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

TradeRecord record(std::uint64_t id, const char *when, const char *counterparty = "transit-b")
{
    TradeRecord r;
    r.trade = trade(id, 1, 2, "203.0.113.0/24", "0.42", 100, when);
    r.trade.sellDestination = dest("203.0.0.0/16");
    r.side = Side::Buy;
    r.counterparty = counterparty;
    return r;
}

} // namespace

class tst_TradeCache : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void roundTripSurvivesReopen();
    void laterRecordKeepsCounterpartyName();
    void accountsAreSeparate();
    void limitKeepsNewest();
    void oldSchemaIsRebuilt();
    void unusablePathIsReported();
    void closedCacheStoresNothing();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString file() const { return m_dir->filePath("cache/trades.sqlite"); }
};

void tst_TradeCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_TradeCache::roundTripSurvivesReopen()
{
    const std::vector<TradeRecord> records{record(1, "2026-11-20T10:00:00Z"),
                                           record(2, "2026-11-21T10:00:00Z", "carrier-c")};
    {
        TradeCache cache;
        QVERIFY2(cache.open(file()), qPrintable(cache.lastError()));
        QVERIFY(cache.storeAll("ex:7400/isp-a", records));
    }
    TradeCache cache;
    QVERIFY2(cache.open(file()), qPrintable(cache.lastError()));
    const std::vector<TradeRecord> loaded = cache.load("ex:7400/isp-a");
    QCOMPARE(loaded.size(), std::size_t{2});
    QVERIFY(loaded[0] == records[1]); // newest first, every field intact
    QVERIFY(loaded[1] == records[0]);
}

void tst_TradeCache::laterRecordKeepsCounterpartyName()
{
    TradeCache cache;
    QVERIFY(cache.open(file()));
    QVERIFY(cache.store("a", record(1, "2026-11-20T10:00:00Z", "transit-b")));
    TradeRecord fromList = record(1, "2026-11-20T10:00:00Z", "");
    fromList.trade.state = proto::TradeState::Active;
    QVERIFY(cache.store("a", fromList));
    const auto loaded = cache.load("a");
    QCOMPARE(loaded.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(loaded[0].counterparty), QStringLiteral("transit-b"));
    QCOMPARE(int(loaded[0].trade.state), int(proto::TradeState::Active));
}

void tst_TradeCache::accountsAreSeparate()
{
    TradeCache cache;
    QVERIFY(cache.open(file()));
    QVERIFY(cache.store("a", record(1, "2026-11-20T10:00:00Z")));
    QVERIFY(cache.store("b", record(1, "2026-11-20T10:00:00Z", "other")));
    QCOMPARE(cache.load("a").size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(cache.load("b")[0].counterparty), QStringLiteral("other"));
    QVERIFY(cache.load("c").empty());
}

void tst_TradeCache::limitKeepsNewest()
{
    TradeCache cache;
    QVERIFY(cache.open(file()));
    std::vector<TradeRecord> records;
    for (std::uint64_t i = 1; i <= 20; ++i)
        records.push_back(record(
            i, qPrintable(QStringLiteral("2026-11-%1T10:00:00Z").arg(i, 2, 10, QLatin1Char('0')))));
    QVERIFY(cache.storeAll("a", records));
    const auto loaded = cache.load("a", 3);
    QCOMPARE(loaded.size(), std::size_t{3});
    QCOMPARE(loaded[0].trade.tradeId.value(), 20u);
    QCOMPARE(loaded[2].trade.tradeId.value(), 18u);
}

void tst_TradeCache::oldSchemaIsRebuilt()
{
    QDir().mkpath(QFileInfo(file()).absolutePath());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "old");
        db.setDatabaseName(file());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("CREATE TABLE trades (id INTEGER)"));
        QVERIFY(q.exec("PRAGMA user_version = 0"));
        db.close();
    }
    QSqlDatabase::removeDatabase("old");
    TradeCache cache;
    QVERIFY2(cache.open(file()), qPrintable(cache.lastError()));
    QVERIFY(cache.store("a", record(1, "2026-11-20T10:00:00Z")));
    QCOMPARE(cache.load("a").size(), std::size_t{1});
}

void tst_TradeCache::unusablePathIsReported()
{
    QFile blocker(m_dir->filePath("not-a-dir"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    TradeCache cache;
    QVERIFY(!cache.open(m_dir->filePath("not-a-dir/trades.sqlite")));
    QVERIFY(!cache.lastError().isEmpty());
    QVERIFY(!cache.isOpen());
}

void tst_TradeCache::closedCacheStoresNothing()
{
    TradeCache cache;
    QVERIFY(!cache.store("a", record(1, "2026-11-20T10:00:00Z")));
    QVERIFY(cache.load("a").empty());
}

QTEST_GUILESS_MAIN(tst_TradeCache)
#include "tst_tradecache.moc"
