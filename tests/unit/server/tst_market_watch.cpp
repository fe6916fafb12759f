#include "bwx/server/market_watch.h"

#include <QTest>

using bwx::net::Prefix;
using bwx::proto::WatchRow;
using bwx::server::MarketWatch;

namespace {

WatchRow row(const char *prefix, std::int64_t bid, std::int64_t ask)
{
    WatchRow r;
    r.prefix = *Prefix::parse(prefix);
    r.bestBid = bwx::Price(bid);
    r.bidOrders = bid > 0 ? 1 : 0;
    r.bestAsk = bwx::Price(ask);
    r.askOrders = ask > 0 ? 1 : 0;
    return r;
}

QStringList describe(const std::vector<WatchRow> &rows)
{
    QStringList out;
    for (const auto &r : rows)
        out << QString("%1 %2/%3")
                   .arg(QString::fromStdString(r.prefix.toString()))
                   .arg(r.bestBid.value())
                   .arg(r.bestAsk.value());
    return out;
}

} // namespace

class TestMarketWatch : public QObject
{
    Q_OBJECT

private slots:
    void diffs();
    void subscribers();
};

void TestMarketWatch::diffs()
{
    MarketWatch watch;
    QCOMPARE(watch.watchSeq(), 0u);
    // First rows: everything is new, sorted by prefix.
    auto changed = watch.update({row("192.0.2.0/24", 5, 7), row("10.0.0.0/8", 1, 2)});
    QCOMPARE(describe(changed), QStringList({"10.0.0.0/8 1/2", "192.0.2.0/24 5/7"}));
    QCOMPARE(watch.watchSeq(), 1u);

    // The same rows again: nothing changed, watchSeq stays.
    changed = watch.update({row("10.0.0.0/8", 1, 2), row("192.0.2.0/24", 5, 7)});
    QVERIFY(changed.empty());
    QCOMPARE(watch.watchSeq(), 1u);

    // One changed, one gone, one new: the gone one is sent as an empty row.
    changed = watch.update({row("10.0.0.0/8", 1, 3), row("198.51.100.0/24", 9, 0)});
    QCOMPARE(describe(changed),
             QStringList({"10.0.0.0/8 1/3", "192.0.2.0/24 0/0", "198.51.100.0/24 9/0"}));
    QCOMPARE(changed[1].bidOrders + changed[1].askOrders, 0u);
    QCOMPARE(watch.watchSeq(), 2u);
    QCOMPARE(describe(watch.rows()), QStringList({"10.0.0.0/8 1/3", "198.51.100.0/24 9/0"}));

    // Duplicates: the last row given for a prefix wins.
    changed = watch.update(
        {row("10.0.0.0/8", 4, 4), row("10.0.0.0/8", 1, 3), row("198.51.100.0/24", 9, 0)});
    QVERIFY(changed.empty());

    // Everything leaves.
    changed = watch.update({});
    QCOMPARE(describe(changed), QStringList({"10.0.0.0/8 0/0", "198.51.100.0/24 0/0"}));
    QVERIFY(watch.rows().empty());
    QCOMPARE(watch.watchSeq(), 3u);
}

void TestMarketWatch::subscribers()
{
    MarketWatch watch;
    QVERIFY(watch.subscribe(4));
    QVERIFY(!watch.subscribe(4));
    QVERIFY(watch.subscribe(9));
    QCOMPARE(watch.subscribers().size(), std::size_t{2});
    QVERIFY(watch.unsubscribe(4));
    QVERIFY(!watch.unsubscribe(4));
    QCOMPARE(watch.subscribers(), (std::vector<bwx::server::SessionId>{9}));
}

QTEST_APPLESS_MAIN(TestMarketWatch)
#include "tst_market_watch.moc"
