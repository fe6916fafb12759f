// The statement model: every column of every line as the terminal shows it, exact money from
// integer micro-units, sort keys that sort like the integers, the totals, cancelled trades
// marked and muted, and a clean reset under QAbstractItemModelTester.
#include "settlementsamples.h"

#include "settlement/statementmodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSignalSpy>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal::settlement;
using namespace bwx::terminal::settlement::test;

class tst_StatementModel : public QObject
{
    Q_OBJECT

private slots:
    void cells_data();
    void cells();
    void sortKeys_data();
    void sortKeys();
    void totals_data();
    void totals();
    void cancelledLines_data();
    void cancelledLines();
    void emptyAndCleared();
};

void tst_StatementModel::cells_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");

    using M = StatementModel;
    QTest::newRow("trade id") << 0 << int(M::TradeColumn) << "7";
    QTest::newRow("buyer role") << 0 << int(M::RoleColumn) << "Buyer";
    QTest::newRow("seller role") << 2 << int(M::RoleColumn) << "Seller";
    QTest::newRow("destination") << 1 << int(M::DestinationColumn) << "198.51.100.0/24";
    QTest::newRow("counterpart by name") << 0 << int(M::CounterpartColumn) << "transit-b";
    QTest::newRow("billed period") << 0 << int(M::PeriodColumn)
                                   << "2026-10-01 – 2026-11-01 (31 d)";
    QTest::newRow("committed") << 0 << int(M::CommittedColumn) << "10 Mbps";
    QTest::newRow("95th percentile in kbit/s") << 0 << int(M::P95Column) << "13.6 Mbps";
    QTest::newRow("price per Mbps month") << 0 << int(M::PriceColumn) << "42.50";
    QTest::newRow("amount, six decimals kept") << 0 << int(M::AmountColumn) << "439.166666";
    QTest::newRow("overage") << 0 << int(M::OverageColumn) << "105.30";
    QTest::newRow("no overage") << 1 << int(M::OverageColumn) << "0.00";
    QTest::newRow("credits") << 1 << int(M::CreditsColumn) << "12.50";
    QTest::newRow("total = amount + overage - credits") << 1 << int(M::TotalColumn)
                                                        << "3087.50";
    QTest::newRow("one micro-unit not rounded away") << 2 << int(M::PriceColumn) << "1.000001";
}

void tst_StatementModel::cells()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    StatementModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStatement(octoberStatement());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(StatementModel::ColumnCount));
    QCOMPARE(model.index(row, column).data().toString(), text);
}

void tst_StatementModel::sortKeys_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QList<qint64>>("keys"); // per row, as integers

    using M = StatementModel;
    QTest::newRow("amount in micro-units")
        << int(M::AmountColumn) << QList<qint64>{439'166'666, 3'100'000'000, 5'166'671};
    QTest::newRow("95th percentile in kbit/s")
        << int(M::P95Column) << QList<qint64>{13'600, 41'250, 1'024};
    QTest::newRow("committed in kbit/s")
        << int(M::CommittedColumn) << QList<qint64>{10'000, 100'000, 5'000};
    QTest::newRow("total") << int(M::TotalColumn)
                           << QList<qint64>{544'466'666, 3'087'500'000, 5'166'671};
}

void tst_StatementModel::sortKeys()
{
    QFETCH(int, column);
    QFETCH(QList<qint64>, keys);
    StatementModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStatement(octoberStatement());
    for (int row = 0; row < keys.size(); ++row)
        QCOMPARE(model.index(row, column).data(Qt::EditRole).toLongLong(), keys[row]);
}

void tst_StatementModel::totals_data()
{
    QTest::addColumn<QString>("expected");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<qint64>("overage");
    QTest::addColumn<qint64>("credits");

    QTest::newRow("october: sums and the server's payable, receivable and net")
        << "Lines 3 · Amount 3544.333337 · Overage 105.30 · Credits 12.50 — Payable "
           "3631.966666 · Receivable 5.166671 · Net -3626.799995"
        << qint64(3'544'333'337) << qint64(105'300'000) << qint64(12'500'000);
}

void tst_StatementModel::totals()
{
    QFETCH(QString, expected);
    QFETCH(qint64, amount);
    QFETCH(qint64, overage);
    QFETCH(qint64, credits);
    StatementModel model;
    model.setStatement(octoberStatement());
    QCOMPARE(model.totalAmount().value(), amount);
    QCOMPARE(model.totalOverage().value(), overage);
    QCOMPARE(model.totalCredits().value(), credits);
    QCOMPARE(model.totalsText(), expected);
    QCOMPARE(model.index(0, 0).data(StatementModel::TradeIdRole).toULongLong(), 7u);
    QVERIFY(model.index(0, 0).data(StatementModel::OverCommittedRole).toBool());
    QVERIFY(!model.index(1, 0).data(StatementModel::OverCommittedRole).toBool());
}

void tst_StatementModel::cancelledLines_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<bool>("cancelled");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("toolTip"); // of the status, trade and period cells
    QTest::addColumn<QString>("period");
    QTest::addColumn<qint64>("statusSortKey");

    QTest::newRow("not cancelled: no status, no tooltip, normal colour")
        << 0 << false << QString() << QString() << "2026-10-01 – 2026-11-01 (31 d)" << qint64(0);
    QTest::newRow("cancelled in the period: billed up to the cancellation")
        << 1 << true << "Cancelled"
        << "Trade cancelled on 2026-10-15 12:00:00 UTC: billed up to the cancellation"
        << "2026-10-01 – 2026-10-15 12:00:00 (348 h)"
        << qint64(kTrade9Cancelled * 1'000'000'000);
    QTest::newRow("cancelled after the period: the whole period billed")
        << 2 << true << "Cancelled"
        << "Trade cancelled on 2026-11-10 00:00:00 UTC, after this period: the whole period is "
           "billed"
        << "2026-10-01 – 2026-11-01 (31 d)" << qint64(kTrade12Cancelled * 1'000'000'000);
}

void tst_StatementModel::cancelledLines()
{
    QFETCH(int, row);
    QFETCH(bool, cancelled);
    QFETCH(QString, status);
    QFETCH(QString, toolTip);
    QFETCH(QString, period);
    QFETCH(qint64, statusSortKey);
    StatementModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStatement(octoberWithCancelledTrades());
    using M = StatementModel;
    QCOMPARE(model.headerData(M::StatusColumn, Qt::Horizontal).toString(), QString("Status"));
    QCOMPARE(model.index(row, M::StatusColumn).data().toString(), status);
    QCOMPARE(model.index(row, M::StatusColumn).data(Qt::EditRole).toLongLong(), statusSortKey);
    QCOMPARE(model.index(row, 0).data(M::CancelledRole).toBool(), cancelled);
    for (const int column : {int(M::StatusColumn), int(M::TradeColumn), int(M::PeriodColumn)})
        QCOMPARE(model.index(row, column).data(Qt::ToolTipRole).toString(), toolTip);
    QCOMPARE(model.index(row, M::PeriodColumn).data().toString(), period);
    // Every cell of a cancelled line is muted, none of another line.
    for (int column = 0; column < model.columnCount(); ++column) {
        const QVariant foreground = model.index(row, column).data(Qt::ForegroundRole);
        QCOMPARE(foreground.isValid(), cancelled);
        if (cancelled)
            QCOMPARE(foreground.value<QBrush>().color(), QColor(0x8c, 0x8c, 0x8c));
    }
}

void tst_StatementModel::emptyAndCleared()
{
    StatementModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!model.hasStatement());
    QCOMPARE(model.totalsText(), QString());
    QSignalSpy changed(&model, &StatementModel::statementChanged);
    proto::Statement empty = octoberStatement();
    empty.lines.clear();
    empty.totalPayable = empty.totalReceivable = empty.net = Money{};
    model.setStatement(empty);
    QVERIFY(model.hasStatement());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalsText(), QStringLiteral("Lines 0 · Amount 0.00 · Overage 0.00 · Credits "
                                                "0.00 — Payable 0.00 · Receivable 0.00 · Net "
                                                "0.00"));
    model.setStatement(octoberStatement());
    QCOMPARE(model.rowCount(), 3);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.hasStatement());
    QCOMPARE(changed.size(), 3);
    QVERIFY(!model.lineAt(0));
}

QTEST_APPLESS_MAIN(tst_StatementModel)
#include "tst_statementmodel.moc"
