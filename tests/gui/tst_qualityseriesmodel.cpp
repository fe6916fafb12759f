// QualitySeriesModel under QAbstractItemModelTester: QueryQuality's points as rows, and the
// lines a chart draws from them — answered buckets joined, missing buckets breaking the line,
// buckets where nothing answered kept out of the latency line (never drawn as 0 ms).
#include "quality/qualityseriesmodel.h"
#include "support/marketbuilders.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal::quality;
using bwx::terminal::test::pfx;

namespace {

constexpr std::int64_t kT0 = 1'795'680'000; // 2026-11-26 08:00:00 UTC

// "s<seller> +<minutes> <latency_us>/<loss_ppm>"; latency "-" = nothing answered.
struct PointSpec
{
    quint32 seller;
    qint64 minutes;
    std::uint32_t latencyUs;
    std::uint32_t lossPpm;
    proto::QualitySource source = proto::QualitySource::Csv;
};
using PointSpecs = QList<PointSpec>;

std::vector<proto::QualityPoint> points(const PointSpecs &specs)
{
    std::vector<proto::QualityPoint> out;
    for (const PointSpec &s : specs) {
        proto::QualityPoint p;
        p.seller = MemberId(s.seller);
        p.destination = pfx("198.51.100.0/24");
        p.time = Timestamp::fromSeconds(kT0 + s.minutes * 60);
        p.latencyP50Us = s.latencyUs;
        p.latencyP95Us = s.latencyUs;
        p.lossPpm = s.lossPpm;
        p.samples = 1;
        p.source = s.source;
        out.push_back(p);
    }
    return out;
}

// One line as text: "s1 lat[2,1] loss[3] unreach[1]" (points per segment).
QString describe(const QualityLine &line)
{
    const auto sizes = [](const QList<QList<QPointF>> &segments) {
        QStringList n;
        for (const auto &segment : segments)
            n << QString::number(segment.size());
        return n.join(QLatin1Char(','));
    };
    return QStringLiteral("s%1 lat[%2] loss[%3] unreach[%4]")
        .arg(line.seller.value())
        .arg(sizes(line.latencySegments), sizes(line.lossSegments))
        .arg(line.unreachable.size());
}

const auto AllLost = kAllLostPpm;

} // namespace

Q_DECLARE_METATYPE(PointSpecs)
Q_DECLARE_METATYPE(proto::QualityGranularity)

class tst_QualitySeriesModel : public QObject
{
    Q_OBJECT

private slots:
    void lines_data();
    void lines();
    void cells_data();
    void cells();
    void namesAndReset();
};

void tst_QualitySeriesModel::lines_data()
{
    QTest::addColumn<proto::QualityGranularity>("granularity");
    QTest::addColumn<PointSpecs>("specs");
    QTest::addColumn<QStringList>("expected");
    const auto five = proto::QualityGranularity::FiveMinutes;

    QTest::newRow("adjacent 5-minute buckets are one line")
        << five << PointSpecs{{1, 0, 12000, 0}, {1, 5, 12500, 0}, {1, 10, 13000, 1000}}
        << QStringList{"s1 lat[3] loss[3] unreach[0]"};
    QTest::newRow("a missing bucket breaks the line, it is not interpolated")
        << five << PointSpecs{{1, 0, 12000, 0}, {1, 5, 12500, 0}, {1, 20, 13000, 0}}
        << QStringList{"s1 lat[2,1] loss[2,1] unreach[0]"};
    QTest::newRow("an unreachable bucket is no latency point but 100 % loss")
        << five << PointSpecs{{1, 0, 12000, 0}, {1, 5, 0, AllLost}, {1, 10, 13000, 0}}
        << QStringList{"s1 lat[1,1] loss[3] unreach[1]"};
    QTest::newRow("a seller that never answered has no latency line")
        << five << PointSpecs{{2, 0, 0, AllLost}, {2, 5, 0, AllLost}}
        << QStringList{"s2 lat[] loss[2] unreach[2]"};
    QTest::newRow("sellers come out ordered by id, one line each")
        << five << PointSpecs{{3, 0, 30000, 0}, {1, 0, 10000, 0}, {3, 5, 31000, 0}}
        << QStringList{"s1 lat[1] loss[1] unreach[0]", "s3 lat[2] loss[2] unreach[0]"};
    QTest::newRow("two sources of one seller are two lines")
        << five
        << PointSpecs{{1, 0, 10000, 0, proto::QualitySource::Probe},
                      {1, 0, 11000, 0, proto::QualitySource::RipeAtlas}}
        << QStringList{"s1 lat[1] loss[1] unreach[0]", "s1 lat[1] loss[1] unreach[0]"};
    QTest::newRow("hourly buckets: 60 minutes apart are adjacent")
        << proto::QualityGranularity::Hour
        << PointSpecs{{1, 0, 10000, 0}, {1, 60, 10000, 0}, {1, 180, 10000, 0}}
        << QStringList{"s1 lat[2,1] loss[2,1] unreach[0]"};
    QTest::newRow("raw samples have no grid: only no answer breaks them")
        << proto::QualityGranularity::Raw
        << PointSpecs{{1, 0, 10000, 0}, {1, 47, 10000, 0}, {1, 300, 0, AllLost}, {1, 301, 9000, 0}}
        << QStringList{"s1 lat[2,1] loss[4] unreach[1]"};
    QTest::newRow("no points, no lines") << five << PointSpecs{} << QStringList{};
}

void tst_QualitySeriesModel::lines()
{
    QFETCH(proto::QualityGranularity, granularity);
    QFETCH(PointSpecs, specs);
    QFETCH(QStringList, expected);
    QualitySeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSeries(pfx("198.51.100.0/24"), granularity, points(specs));
    QCOMPARE(model.rowCount(), int(specs.size()));
    QStringList got;
    for (const QualityLine &line : model.lines())
        got << describe(line);
    QCOMPARE(got, expected);
}

void tst_QualitySeriesModel::cells_data()
{
    QTest::addColumn<PointSpecs>("specs");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QVariant>("latencyRole");

    QTest::newRow("latency in ms from integer microseconds")
        << PointSpecs{{1, 0, 12345, 0}} << int(QualitySeriesModel::LatencyColumn)
        << QStringLiteral("12.345 ms") << QVariant(12345u);
    QTest::newRow("unreachable says so and has no latency")
        << PointSpecs{{1, 0, 0, AllLost}} << int(QualitySeriesModel::LatencyColumn)
        << QStringLiteral("unreachable") << QVariant();
    QTest::newRow("loss in percent with two decimals")
        << PointSpecs{{1, 0, 12000, 12345}} << int(QualitySeriesModel::LossColumn)
        << QStringLiteral("1.23 %") << QVariant(12000u);
    QTest::newRow("all lost is 100 %")
        << PointSpecs{{1, 0, 0, AllLost}} << int(QualitySeriesModel::LossColumn)
        << QStringLiteral("100.00 %") << QVariant();
    QTest::newRow("time in UTC") << PointSpecs{{1, 5, 12000, 0}}
                                 << int(QualitySeriesModel::TimeColumn)
                                 << QStringLiteral("2026-11-26 08:05:00") << QVariant(12000u);
    QTest::newRow("source named") << PointSpecs{{1, 0, 12000, 0, proto::QualitySource::RipeAtlas}}
                                  << int(QualitySeriesModel::SourceColumn)
                                  << QStringLiteral("RIPE Atlas") << QVariant(12000u);
}

void tst_QualitySeriesModel::cells()
{
    QFETCH(PointSpecs, specs);
    QFETCH(int, column);
    QFETCH(QString, text);
    QFETCH(QVariant, latencyRole);
    QualitySeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSeries(pfx("198.51.100.0/24"), proto::QualityGranularity::FiveMinutes, points(specs));
    QCOMPARE(model.index(0, column).data().toString(), text);
    QCOMPARE(model.index(0, 0).data(QualitySeriesModel::LatencyUsRole), latencyRole);
    QCOMPARE(model.index(0, 0).data(QualitySeriesModel::ReachableRole).toBool(),
             latencyRole.isValid());
}

void tst_QualitySeriesModel::namesAndReset()
{
    QualitySeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSeries(pfx("198.51.100.0/24"), proto::QualityGranularity::FiveMinutes,
                    points({{7, 0, 1000, 0}, {9, 0, 2000, 0}}));
    QCOMPARE(model.index(0, QualitySeriesModel::SellerColumn).data().toString(), "#7");
    model.setSellerNames({{7, QStringLiteral("transit-b")}});
    QCOMPARE(model.index(0, QualitySeriesModel::SellerColumn).data().toString(), "transit-b");
    QCOMPARE(model.index(1, QualitySeriesModel::SellerColumn).data().toString(), "#9");
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.lines().isEmpty());
}

QTEST_APPLESS_MAIN(tst_QualitySeriesModel)
#include "tst_qualityseriesmodel.moc"
