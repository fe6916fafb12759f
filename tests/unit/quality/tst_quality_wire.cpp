// The quality figures in the protocol's records: source classification by tag, the state a figure
// shows, what the market receives for unreachable and unknown paths, series points; and which
// measured path answers for a seller toward a destination.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/path_selection.h"
#include "bwx/quality/wire_records.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

net::Prefix prefix(const char *text)
{
    return *net::Prefix::parse(text);
}

PathKey path(std::uint32_t seller, const char *destination)
{
    return PathKey{MemberId(seller), prefix(destination)};
}

QualityFigure figure(FigureState state, bool stale)
{
    QualityFigure f;
    f.path = path(7, "198.51.100.0/24");
    f.state = state;
    f.stale = stale;
    f.basis = state == FigureState::Unknown ? FigureBasis::None : FigureBasis::OwnProbes;
    if (state == FigureState::Measured) {
        f.latencyUs = 20'500;
        f.latencyP95Us = 24'000;
        f.lossPpm = 5'000;
        f.jitterUs = 310;
    } else if (state == FigureState::Unreachable) {
        f.lossPpm = kAllLostPpm;
    }
    f.distance = 3;
    f.measuredAt = *parseTimestamp("2026-11-26T08:00:00Z");
    f.source = "probe-icmp";
    f.samples = 4;
    return f;
}

} // namespace

class TestQualityWire : public QObject
{
    Q_OBJECT

private slots:
    void sourceKinds_data();
    void sourceKinds();
    void states_data();
    void states();
    void marketFigure();
    void cell();
    void points();
    void covering_data();
    void covering();
    void coveringEverySeller();
};

void TestQualityWire::sourceKinds_data()
{
    QTest::addColumn<QString>("tag");
    QTest::addColumn<int>("kind");
    QTest::newRow("own icmp") << "probe-icmp" << int(proto::QualitySource::Probe);
    QTest::newRow("own udp") << "probe-udp" << int(proto::QualitySource::Probe);
    QTest::newRow("atlas") << "ripe-atlas" << int(proto::QualitySource::RipeAtlas);
    QTest::newRow("atlas campaign (dash)") << "ripe-atlas-eu" << int(proto::QualitySource::RipeAtlas);
    QTest::newRow("atlas campaign (dot)") << "ripe-atlas.1001" << int(proto::QualitySource::RipeAtlas);
    QTest::newRow("a longer word is not atlas") << "ripe-atlasx" << int(proto::QualitySource::Csv);
    QTest::newRow("irtt") << "irtt" << int(proto::QualitySource::Irtt);
    QTest::newRow("irtt lab") << "irtt-lab1" << int(proto::QualitySource::Irtt);
    QTest::newRow("irtt as a suffix is not irtt") << "my-irtt" << int(proto::QualitySource::Csv);
    QTest::newRow("any other tool") << "thousandeyes" << int(proto::QualitySource::Csv);
}

void TestQualityWire::sourceKinds()
{
    QFETCH(QString, tag);
    QFETCH(int, kind);
    QCOMPARE(int(wireSource(tag.toStdString())), kind);
}

void TestQualityWire::states_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("stale");
    QTest::addColumn<int>("wire");
    QTest::newRow("unknown") << int(FigureState::Unknown) << false
                             << int(proto::QualityState::Unknown);
    QTest::newRow("measured and fresh") << int(FigureState::Measured) << false
                                        << int(proto::QualityState::Fresh);
    QTest::newRow("measured but stale") << int(FigureState::Measured) << true
                                        << int(proto::QualityState::Stale);
    QTest::newRow("unreachable") << int(FigureState::Unreachable) << false
                                 << int(proto::QualityState::Unreachable);
    // Unreachable is what eligibility needs to know first; staleness does not hide it.
    QTest::newRow("unreachable and stale") << int(FigureState::Unreachable) << true
                                           << int(proto::QualityState::Unreachable);
}

void TestQualityWire::states()
{
    QFETCH(int, state);
    QFETCH(bool, stale);
    QFETCH(int, wire);
    QCOMPARE(int(wireState(figure(FigureState(state), stale))), wire);
}

void TestQualityWire::marketFigure()
{
    const proto::QualityFigure measured = toWireFigure(figure(FigureState::Measured, false));
    QCOMPARE(measured.seller, MemberId(7));
    QCOMPARE(measured.destination, prefix("198.51.100.0/24"));
    QCOMPARE(measured.latencyUs, 20'500u);
    QCOMPARE(measured.lossPpm, 5'000u);
    QCOMPARE(measured.jitterUs, 310u);

    // Never a latency of zero that could pass for a good one: unreachable is all loss.
    const proto::QualityFigure unreachable = toWireFigure(figure(FigureState::Unreachable, false));
    QCOMPARE(int(unreachable.state), int(proto::QualityState::Unreachable));
    QCOMPARE(unreachable.latencyUs, 0u);
    QCOMPARE(unreachable.lossPpm, kAllLostPpm);

    const proto::QualityFigure unknown = toWireFigure(figure(FigureState::Unknown, false));
    QCOMPARE(int(unknown.state), int(proto::QualityState::Unknown));
    QCOMPARE(unknown.latencyUs, 0u);
    QCOMPARE(unknown.lossPpm, 0u);
}

void TestQualityWire::cell()
{
    QualityFigure f = figure(FigureState::Measured, true);
    f.source = "ripe-atlas-eu";
    const proto::QualityCell c = toCell(f, prefix("198.51.100.128/25"));
    // The row asked for, the figure of the covering path.
    QCOMPARE(c.destination, prefix("198.51.100.128/25"));
    QCOMPARE(c.seller, MemberId(7));
    QCOMPARE(c.latencyUs, 20'500u);
    QCOMPARE(c.distance, std::uint8_t(3));
    QCOMPARE(int(c.state), int(proto::QualityState::Stale));
    QCOMPARE(int(c.source), int(proto::QualitySource::RipeAtlas));
    QCOMPARE(c.measuredAt, f.measuredAt);

    const proto::QualityCell none = toCell(figure(FigureState::Unknown, false), f.path.destination);
    QCOMPARE(int(none.state), int(proto::QualityState::Unknown));
    QCOMPARE(none.measuredAt, Timestamp{});
}

void TestQualityWire::points()
{
    RollupRow row;
    row.granularity = Granularity::Hour;
    row.bucket = *parseTimestamp("2026-11-26T08:00:00Z");
    row.samples = 12;
    row.reachable = 11;
    row.latencyP50Us = 20'100;
    row.latencyP95Us = 26'000;
    row.lossMeanPpm = 83'333;
    row.jitterMeanUs = 400;
    const proto::QualityPoint p = toPoint(path(9, "203.0.113.0/24"), row, proto::QualitySource::Irtt);
    QCOMPARE(p.seller, MemberId(9));
    QCOMPARE(p.time, row.bucket);
    QCOMPARE(p.latencyP50Us, 20'100u);
    QCOMPARE(p.latencyP95Us, 26'000u);
    QCOMPARE(p.lossPpm, 83'333u);
    QCOMPARE(p.samples, 12u);
    QCOMPARE(int(p.source), int(proto::QualitySource::Irtt));

    Measurement sample;
    sample.path = path(9, "203.0.113.0/24");
    sample.time = row.bucket;
    sample.source = "probe-udp";
    sample.lossPpm = kAllLostPpm;
    const proto::QualityPoint silent = toPoint(sample);
    QCOMPARE(silent.latencyP50Us, 0u);
    QCOMPARE(silent.lossPpm, kAllLostPpm);
    QCOMPARE(silent.samples, 1u);
    QCOMPARE(int(silent.source), int(proto::QualitySource::Probe));
}

void TestQualityWire::covering_data()
{
    QTest::addColumn<QString>("asked");
    QTest::addColumn<quint32>("seller");
    QTest::addColumn<QString>("expected"); // empty: none
    QTest::newRow("the prefix itself") << "198.51.100.0/24" << 7u << "198.51.100.0/24";
    QTest::newRow("most specific covering") << "198.51.100.128/25" << 7u << "198.51.100.0/24";
    QTest::newRow("only the wide one covers") << "198.51.101.0/24" << 7u << "198.51.0.0/16";
    QTest::newRow("another seller's path does not count") << "203.0.113.0/24" << 7u << "";
    QTest::newRow("a more specific path does not answer for its cover")
        << "198.50.0.0/15" << 7u << "";
    QTest::newRow("family must match") << "2001:db8::/48" << 8u << "2001:db8::/32";
}

void TestQualityWire::covering()
{
    QFETCH(QString, asked);
    QFETCH(quint32, seller);
    QFETCH(QString, expected);
    const std::vector<PathKey> paths = {path(7, "198.51.0.0/16"), path(7, "198.51.100.0/24"),
                                        path(8, "203.0.113.0/24"), path(8, "2001:db8::/32"),
                                        path(7, "198.51.100.0/24")};
    const auto found = coveringPath(paths, MemberId(seller), prefix(qPrintable(asked)));
    if (expected.isEmpty()) {
        QVERIFY(!found);
    } else {
        QVERIFY(found);
        QCOMPARE(found->destination, prefix(qPrintable(expected)));
        QCOMPARE(found->seller, MemberId(seller));
    }
}

void TestQualityWire::coveringEverySeller()
{
    const std::vector<PathKey> paths = {path(9, "198.51.100.0/24"), path(7, "198.51.0.0/16"),
                                        path(7, "198.51.100.0/24"), path(8, "10.0.0.0/8")};
    const std::vector<PathKey> found = coveringPaths(paths, prefix("198.51.100.0/26"));
    QCOMPARE(found.size(), std::size_t(2));
    QVERIFY(found[0] == path(7, "198.51.100.0/24"));
    QVERIFY(found[1] == path(9, "198.51.100.0/24"));
}

QTEST_APPLESS_MAIN(TestQualityWire)
#include "tst_quality_wire.moc"
