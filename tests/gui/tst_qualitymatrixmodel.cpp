// QualityMatrixModel under QAbstractItemModelTester: sellers × destinations from
// QueryQualityMatrix's cells, the text and colour of each state, and judging a figure against
// the buyer's limits.
#include "models/colors.h"
#include "quality/qualitymatrixmodel.h"
#include "support/marketbuilders.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::quality;
using bwx::terminal::test::pfx;

namespace {

proto::QualityCell cell(quint32 seller,
                        const char *destination,
                        proto::QualityState state,
                        std::uint32_t latencyUs = 0,
                        std::uint32_t lossPpm = 0,
                        std::uint8_t distance = 0)
{
    proto::QualityCell c;
    c.seller = MemberId(seller);
    c.destination = pfx(destination);
    c.state = state;
    c.latencyUs = latencyUs;
    c.lossPpm = lossPpm;
    c.distance = distance;
    c.source = proto::QualitySource::Csv;
    c.measuredAt = Timestamp::fromSeconds(1'795'680'000);
    return c;
}

proto::QualityLimits
limits(std::uint32_t latencyUs, std::uint32_t lossPpm, std::uint8_t distance = 0)
{
    proto::QualityLimits l;
    l.maxLatencyUs = latencyUs;
    l.maxLossPpm = lossPpm;
    l.maxDistance = distance;
    return l;
}

using S = proto::QualityState;

} // namespace

Q_DECLARE_METATYPE(proto::QualityCell)
Q_DECLARE_METATYPE(proto::QualityLimits)

class tst_QualityMatrixModel : public QObject
{
    Q_OBJECT

private slots:
    void cellState_data();
    void cellState();
    void shape();
    void limitsRecolour();
};

void tst_QualityMatrixModel::cellState_data()
{
    QTest::addColumn<proto::QualityCell>("figure");
    QTest::addColumn<proto::QualityLimits>("limits");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QVariant>("meets");
    QTest::addColumn<QColor>("colour"); // the background's hue; invalid = no background

    const char *d = "198.51.100.0/24";
    QTest::newRow("fresh without limits is green")
        << cell(1, d, S::Fresh, 12500, 5000) << limits(0, 0) << "12.500 ms · 0.50 %" << QVariant()
        << colors::bid();
    QTest::newRow("fresh within limits is green")
        << cell(1, d, S::Fresh, 12500, 5000) << limits(20000, 10000) << "12.500 ms · 0.50 %"
        << QVariant(true) << colors::bid();
    QTest::newRow("latency over the limit is orange")
        << cell(1, d, S::Fresh, 25000, 0) << limits(20000, 0) << "25.000 ms · 0.00 %"
        << QVariant(false) << colors::warning();
    QTest::newRow("loss over the limit is orange")
        << cell(1, d, S::Fresh, 1000, 20000) << limits(0, 10000) << "1.000 ms · 2.00 %"
        << QVariant(false) << colors::warning();
    QTest::newRow("exactly at the limit meets it")
        << cell(1, d, S::Fresh, 20000, 10000) << limits(20000, 10000) << "20.000 ms · 1.00 %"
        << QVariant(true) << colors::bid();
    QTest::newRow("unknown distance cannot meet a distance limit")
        << cell(1, d, S::Fresh, 1000, 0, 0) << limits(0, 0, 3) << "1.000 ms · 0.00 %"
        << QVariant(false) << colors::warning();
    QTest::newRow("distance within the limit")
        << cell(1, d, S::Fresh, 1000, 0, 2) << limits(0, 0, 3) << "1.000 ms · 0.00 %"
        << QVariant(true) << colors::bid();
    QTest::newRow("stale is grey and says so, even within limits")
        << cell(1, d, S::Stale, 12500, 0) << limits(20000, 0) << "12.500 ms · 0.00 % (stale)"
        << QVariant(true) << colors::muted();
    QTest::newRow("unreachable is red, never 0 ms")
        << cell(1, d, S::Unreachable, 0, 1'000'000) << limits(0, 0) << "unreachable" << QVariant()
        << colors::ask();
    QTest::newRow("unreachable fails any limit")
        << cell(1, d, S::Unreachable, 0, 1'000'000) << limits(50000, 0) << "unreachable"
        << QVariant(false) << colors::ask();
    QTest::newRow("not measured has no colour and no verdict")
        << cell(1, d, S::Unknown) << limits(50000, 0) << "not measured" << QVariant() << QColor();
}

void tst_QualityMatrixModel::cellState()
{
    QFETCH(proto::QualityCell, figure);
    QFETCH(proto::QualityLimits, limits);
    QFETCH(QString, text);
    QFETCH(QVariant, meets);
    QFETCH(QColor, colour);
    QualityMatrixModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLimits(limits);
    model.setMatrix({figure});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), 1);
    const QModelIndex index = model.index(0, 0);
    QCOMPARE(index.data().toString(), text);
    QCOMPARE(index.data(QualityMatrixModel::MeetsLimitsRole), meets);
    QCOMPARE(index.data(QualityMatrixModel::StateRole).toInt(), int(figure.state));
    const QVariant background = index.data(Qt::BackgroundRole);
    QCOMPARE(background.isValid(), colour.isValid());
    if (colour.isValid())
        QCOMPARE(background.value<QColor>().rgb(), colour.rgb());
    QVERIFY(!index.data(Qt::ToolTipRole).toString().isEmpty());
    // Only a measured figure carries a latency.
    QCOMPARE(index.data(QualityMatrixModel::LatencyUsRole).isValid(),
             figure.state == S::Fresh || figure.state == S::Stale);
}

void tst_QualityMatrixModel::shape()
{
    QualityMatrixModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Asked for three destinations; seller 9 has no figure toward the second, nobody toward
    // the third (the column stays, so "nothing known" is visible).
    model.setMatrix({cell(9, "203.0.113.0/24", S::Fresh, 30000, 0),
                     cell(4, "203.0.113.0/24", S::Stale, 10000, 0),
                     cell(4, "198.51.100.0/24", S::Unreachable, 0, 1'000'000)},
                    {pfx("203.0.113.0/24"), pfx("198.51.100.0/24"), pfx("192.0.2.0/24")});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), "#4");
    QCOMPARE(model.headerData(1, Qt::Vertical).toString(), "#9");
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), "203.0.113.0/24");
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), "192.0.2.0/24");
    QCOMPARE(model.index(0, 0).data().toString(), "10.000 ms · 0.00 % (stale)");
    QCOMPARE(model.index(0, 1).data().toString(), "unreachable");
    QCOMPARE(model.index(1, 0).data().toString(), "30.000 ms · 0.00 %");
    QVERIFY(!model.index(1, 1).data().isValid());
    QVERIFY(model.index(1, 1).data(Qt::ToolTipRole).toString().contains("no quality figure"));
    QCOMPARE(model.index(1, 1).data(QualityMatrixModel::SellerIdRole).toUInt(), 9u);
    QCOMPARE(model.index(1, 2).data(QualityMatrixModel::DestinationRole).toString(),
             "192.0.2.0/24");
    model.setSellerNames({{4, QStringLiteral("transit-b")}, {9, QStringLiteral("carrier-c")}});
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), "transit-b");
    QVERIFY(model.index(0, 0).data(Qt::ToolTipRole).toString().startsWith("transit-b toward"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 0);
}

void tst_QualityMatrixModel::limitsRecolour()
{
    QualityMatrixModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMatrix({cell(1, "198.51.100.0/24", S::Fresh, 25000, 0)});
    int changes = 0;
    connect(&model, &QAbstractItemModel::dataChanged, this, [&] { ++changes; });
    QVERIFY(!model.index(0, 0).data(QualityMatrixModel::MeetsLimitsRole).isValid());
    model.setLimits(limits(20000, 0));
    QCOMPARE(changes, 1);
    QCOMPARE(model.index(0, 0).data(QualityMatrixModel::MeetsLimitsRole), QVariant(false));
    model.setLimits(limits(20000, 0)); // the same limits: nothing to repaint
    QCOMPARE(changes, 1);
    model.setLimits(limits(30000, 0));
    QCOMPARE(model.index(0, 0).data(QualityMatrixModel::MeetsLimitsRole), QVariant(true));
}

QTEST_APPLESS_MAIN(tst_QualityMatrixModel)
#include "tst_qualitymatrixmodel.moc"
