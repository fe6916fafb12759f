// MarketWatchModel under QAbstractItemModelTester: message sequences in, rows and formatted
// cells out, including gaps, stale updates and resets.
#include "models/marketwatchmodel.h"
#include "support/marketbuilders.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

struct WatchStep
{
    bool snapshot = false;
    quint64 seq = 0;
    std::vector<proto::WatchRow> rows;
    ApplyResult expected = ApplyResult::Applied; // updates only
};
using WatchScript = QList<WatchStep>;

WatchStep snap(quint64 seq, std::vector<proto::WatchRow> rows)
{
    return WatchStep{true, seq, std::move(rows), ApplyResult::Applied};
}

WatchStep
upd(quint64 seq, std::vector<proto::WatchRow> rows, ApplyResult expected = ApplyResult::Applied)
{
    return WatchStep{false, seq, std::move(rows), expected};
}

QStringList render(const QAbstractItemModel &model)
{
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < MarketWatchModel::LastTradeColumn; ++c)
            cells.append(model.index(r, c).data().toString());
        rows.append(cells.join(QLatin1String(" | ")));
    }
    return rows;
}

} // namespace

Q_DECLARE_METATYPE(WatchStep)
Q_DECLARE_METATYPE(WatchScript)

class tst_MarketWatchModel : public QObject
{
    Q_OBJECT

private slots:
    void messages_data();
    void messages();
    void sortsThroughProxyOnRawValues();
    void lastPriceColourFollowsTicks();
    void crossedSpreadIsFlagged();
    void clearForgetsEverything();
};

void tst_MarketWatchModel::messages_data()
{
    QTest::addColumn<WatchScript>("script");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<bool>("loaded");

    const auto a = [] {
        return watchRow("203.0.113.0/24", "10.5", 100, 2, "12", 50, 1);
    };
    const auto b = [] {
        return watchRow("198.51.100.0/24", "", 0, 0, "9.75", 1000, 3, "9.8");
    };
    const auto c = [] {
        return watchRow("192.0.2.0/24", "3", 10, 1, "", 0, 0);
    };
    const QString aText = "203.0.113.0/24 | 10.50 | 100 Mbps | 12.00 | 50 Mbps | 1.50 | ";
    const QString bText = "198.51.100.0/24 |  |  | 9.75 | 1000 Mbps |  | 9.80";
    const QString cText = "192.0.2.0/24 | 3.00 | 10 Mbps |  |  |  | ";

    QTest::newRow("snapshot rows come out in prefix order")
        << WatchScript{snap(5, {a(), b(), c()})} << QStringList{cText, bText, aText} << true;
    QTest::newRow("snapshot drops rows without orders")
        << WatchScript{snap(5, {a(), watchRow("10.0.0.0/8", "", 0, 0, "", 0, 0)})}
        << QStringList{aText} << true;
    QTest::newRow("snapshot listing a prefix twice keeps the later row")
        << WatchScript{snap(5, {a(), watchRow("203.0.113.0/24", "11", 5, 1, "", 0, 0)})}
        << QStringList{"203.0.113.0/24 | 11.00 | 5 Mbps |  |  |  | "} << true;
    QTest::newRow("update modifies a row in place")
        << WatchScript{snap(5, {a(), c()}),
                       upd(6, {watchRow("203.0.113.0/24", "11", 200, 3, "12", 50, 1, "11.5")})}
        << QStringList{cText, "203.0.113.0/24 | 11.00 | 200 Mbps | 12.00 | 50 Mbps | 1.00 | 11.50"}
        << true;
    QTest::newRow("update inserts a new prefix at its place")
        << WatchScript{snap(5, {a(), c()}), upd(6, {b()})} << QStringList{cText, bText, aText}
        << true;
    QTest::newRow("row without bids and asks removes the prefix")
        << WatchScript{snap(5, {a(), b(), c()}),
                       upd(6, {watchRow("198.51.100.0/24", "", 0, 0, "", 0, 0)})}
        << QStringList{cText, aText} << true;
    QTest::newRow("removing an unknown prefix changes nothing")
        << WatchScript{snap(5, {a()}), upd(6, {watchRow("10.0.0.0/8", "", 0, 0, "", 0, 0)})}
        << QStringList{aText} << true;
    QTest::newRow("several changes in one update")
        << WatchScript{snap(5, {a(), b()}),
                       upd(6, {c(), watchRow("203.0.113.0/24", "", 0, 0, "", 0, 0),
                               watchRow("198.51.100.0/24", "9", 5, 1, "9.75", 1000, 3, "9.8")})}
        << QStringList{cText, "198.51.100.0/24 | 9.00 | 5 Mbps | 9.75 | 1000 Mbps | 0.75 | 9.80"}
        << true;
    QTest::newRow("consecutive updates apply in order")
        << WatchScript{snap(5, {a()}), upd(6, {b()}), upd(7, {c()})}
        << QStringList{cText, bText, aText} << true;
    QTest::newRow("update before any snapshot is ignored")
        << WatchScript{upd(1, {a()}, ApplyResult::Ignored)} << QStringList{} << false;
    QTest::newRow("old update is ignored")
        << WatchScript{snap(5, {a()}), upd(5, {b()}, ApplyResult::Ignored),
                       upd(3, {c()}, ApplyResult::Ignored)}
        << QStringList{aText} << true;
    QTest::newRow("gap keeps the rows and stops updates until a snapshot")
        << WatchScript{snap(5, {a()}), upd(7, {b()}, ApplyResult::Gap),
                       upd(8, {c()}, ApplyResult::Ignored)}
        << QStringList{aText} << false;
    QTest::newRow("snapshot after a gap resets and resumes")
        << WatchScript{snap(5, {a()}), upd(7, {b()}, ApplyResult::Gap), snap(20, {b()}),
                       upd(21, {c()})}
        << QStringList{cText, bText} << true;
    QTest::newRow("IPv4 sorts before IPv6")
        << WatchScript{snap(1, {watchRow("2001:db8::/32", "1", 1, 1, "", 0, 0), a()})}
        << QStringList{aText, "2001:db8::/32 | 1.00 | 1 Mbps |  |  |  | "} << true;
    QTest::newRow("sub-Mbps depth and six-decimal prices stay exact")
        << WatchScript{snap(1, {watchRow("203.0.113.0/24", "0.000001", 0, 1, "", 0, 0)}),
                       upd(2, {[] {
                               auto row
                                   = watchRow("203.0.113.0/24", "1234567.123456", 0, 1, "", 0, 0);
                               row.bidDepth = Bandwidth(1500);
                               return row;
                           }()})}
        << QStringList{"203.0.113.0/24 | 1234567.123456 | 1.5 Mbps |  |  |  | "} << true;
}

void tst_MarketWatchModel::messages()
{
    QFETCH(WatchScript, script);
    QFETCH(QStringList, expected);
    QFETCH(bool, loaded);

    MarketWatchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const WatchStep &step : script) {
        if (step.snapshot) {
            model.applySnapshot(proto::MarketWatchSnapshot{step.seq, step.rows});
        } else {
            const ApplyResult result
                = model.applyUpdate(proto::MarketWatchUpdate{step.seq, step.rows});
            QCOMPARE(int(result), int(step.expected));
        }
    }
    QCOMPARE(render(model), expected);
    QCOMPARE(model.isLoaded(), loaded);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.rowOf(*model.prefixAt(r)), r);
}

void tst_MarketWatchModel::sortsThroughProxyOnRawValues()
{
    MarketWatchModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(Qt::EditRole);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // As text "9.75" > "10.50" > "100.00"; as numbers the opposite.
    model.applySnapshot({1,
                         {watchRow("192.0.2.0/24", "9.75", 1, 1, "", 0, 0),
                          watchRow("198.51.100.0/24", "100", 1, 1, "", 0, 0),
                          watchRow("203.0.113.0/24", "10.5", 1, 1, "", 0, 0),
                          watchRow("10.0.0.0/8", "", 0, 0, "1", 1, 1)}});
    proxy.sort(MarketWatchModel::BidColumn, Qt::DescendingOrder);
    QStringList prefixes;
    for (int r = 0; r < proxy.rowCount(); ++r)
        prefixes.append(proxy.index(r, MarketWatchModel::PrefixColumn).data().toString());
    // The prefix without a bid sorts last in ascending order, so first in descending.
    QCOMPARE(prefixes,
             (QStringList{"10.0.0.0/8", "198.51.100.0/24", "203.0.113.0/24", "192.0.2.0/24"}));

    proxy.sort(MarketWatchModel::PrefixColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("10.0.0.0/8"));
    QCOMPARE(proxy.index(3, 0).data().toString(), QStringLiteral("203.0.113.0/24"));
}

void tst_MarketWatchModel::lastPriceColourFollowsTicks()
{
    MarketWatchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applySnapshot(
        {1, {watchRow("203.0.113.0/24", "10", 1, 1, "", 0, 0, "10", "2026-11-20T10:00:00Z")}});
    const QModelIndex last = model.index(0, MarketWatchModel::LastColumn);
    QVERIFY(!last.data(Qt::ForegroundRole).isValid());

    QCOMPARE(
        int(model.applyUpdate(
            {2, {watchRow("203.0.113.0/24", "10", 1, 1, "", 0, 0, "11", "2026-11-20T10:01:00Z")}})),
        int(ApplyResult::Applied));
    QCOMPARE(last.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0x2e, 0xa0, 0x4f));

    // A quote change without a new trade keeps the colour of the last tick.
    QCOMPARE(int(model.applyUpdate({3,
                                    {watchRow("203.0.113.0/24", "10.5", 1, 1, "", 0, 0, "11",
                                              "2026-11-20T10:01:00Z")}})),
             int(ApplyResult::Applied));
    QCOMPARE(last.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0x2e, 0xa0, 0x4f));

    QCOMPARE(int(model.applyUpdate({4,
                                    {watchRow("203.0.113.0/24", "10.5", 1, 1, "", 0, 0, "9",
                                              "2026-11-20T10:02:00Z")}})),
             int(ApplyResult::Applied));
    QCOMPARE(last.data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0xe0, 0x4b, 0x3f));
}

void tst_MarketWatchModel::crossedSpreadIsFlagged()
{
    MarketWatchModel model;
    model.applySnapshot({1, {watchRow("203.0.113.0/24", "12", 1, 1, "11", 1, 1)}});
    const QModelIndex spread = model.index(0, MarketWatchModel::SpreadColumn);
    QCOMPARE(spread.data().toString(), QStringLiteral("-1.00"));
    QCOMPARE(spread.data(Qt::EditRole).toLongLong(), -1'000'000LL);
    QVERIFY(spread.data(Qt::ForegroundRole).isValid());
    QVERIFY(spread.data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("Crossed")));
}

void tst_MarketWatchModel::clearForgetsEverything()
{
    MarketWatchModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applySnapshot({4, {watchRow("203.0.113.0/24", "12", 1, 1, "", 0, 0)}});
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isLoaded());
    QCOMPARE(int(model.applyUpdate({5, {watchRow("192.0.2.0/24", "1", 1, 1, "", 0, 0)}})),
             int(ApplyResult::Ignored));
}

QTEST_MAIN(tst_MarketWatchModel)
#include "tst_marketwatchmodel.moc"
