// Sequence-gap accounting: each protocol's unit (v9 packets, IPFIX/v5 records, sFlow datagrams),
// softflowd's inclusive IPFIX numbering, late datagrams, and restarts that are not loss.
#include <QTest>

#include "bwx/settlement/sequence_tracker.h"
#include "test_support.h"

using namespace bwx;
using namespace bwx::settlement;
using namespace bwx::settlement::test;

namespace {

struct Step
{
    std::uint32_t sequence;
    std::uint32_t records; // data records (IPFIX/v5); ignored for v9/sFlow
    std::uint32_t uptime;
    SequenceOutcome expected;
    std::uint32_t options = 0;
};

} // namespace

Q_DECLARE_METATYPE(std::vector<Step>)
Q_DECLARE_METATYPE(FlowProtocol)

class TestSequenceTracker : public QObject
{
    Q_OBJECT

private slots:
    void streams_data();
    void streams();
    void streamsAreSeparate();
    void streamCap();
};

void TestSequenceTracker::streams_data()
{
    using O = SequenceOutcome;
    QTest::addColumn<FlowProtocol>("protocol");
    QTest::addColumn<std::vector<Step>>("steps");
    QTest::addColumn<std::uint64_t>("lost");
    QTest::addColumn<std::uint64_t>("restarts");

    QTest::newRow("v9 counts packets, in order") << FlowProtocol::NetflowV9
                                                 << std::vector<Step>{{1, 30, 100, O::First},
                                                                      {2, 30, 200, O::InOrder},
                                                                      {3, 5, 300, O::InOrder}}
                                                 << std::uint64_t(0) << std::uint64_t(0);
    QTest::newRow("v9 gap of two packets")
        << FlowProtocol::NetflowV9
        << std::vector<Step>{{1, 30, 100, O::First}, {4, 30, 200, O::Gap}, {5, 30, 300, O::InOrder}}
        << std::uint64_t(2) << std::uint64_t(0);
    QTest::newRow("v9 late packet takes back its loss")
        << FlowProtocol::NetflowV9
        << std::vector<Step>{{1, 1, 100, O::First},
                             {3, 1, 200, O::Gap},
                             {2, 1, 150, O::Late},
                             {4, 1, 300, O::InOrder}}
        << std::uint64_t(0) << std::uint64_t(0);
    QTest::newRow("v9 restart: uptime back to zero")
        << FlowProtocol::NetflowV9
        << std::vector<Step>{{500, 1, 900'000, O::First},
                             {501, 1, 901'000, O::InOrder},
                             {1, 1, 50, O::Restart},
                             {2, 1, 90, O::InOrder}}
        << std::uint64_t(0) << std::uint64_t(1);
    QTest::newRow("v9 restart with a higher sequence is not loss")
        << FlowProtocol::NetflowV9
        << std::vector<Step>{{10, 1, 900'000, O::First}, {5000, 1, 10, O::Restart}}
        << std::uint64_t(0) << std::uint64_t(1);
    QTest::newRow("v9 wrap of the sequence") << FlowProtocol::NetflowV9
                                             << std::vector<Step>{{0xffffffffu, 1, 100, O::First},
                                                                  {0, 1, 200, O::InOrder},
                                                                  {2, 1, 300, O::Gap}}
                                             << std::uint64_t(1) << std::uint64_t(0);
    QTest::newRow("IPFIX RFC numbering counts records") << FlowProtocol::Ipfix
                                                        << std::vector<Step>{{0, 10, 0, O::First},
                                                                             {10, 7, 0, O::InOrder},
                                                                             {17, 3, 0, O::InOrder},
                                                                             {30, 1, 0, O::Gap}}
                                                        << std::uint64_t(10) << std::uint64_t(0);
    QTest::newRow("IPFIX softflowd inclusive numbering, no false gaps")
        << FlowProtocol::Ipfix
        << std::vector<Step>{{16, 16, 0, O::First, 1},
                             {25, 9, 0, O::InOrder},
                             {55, 30, 0, O::InOrder},
                             {56, 1, 0, O::InOrder}}
        << std::uint64_t(0) << std::uint64_t(0);
    QTest::newRow("IPFIX inclusive numbering with a lost message")
        << FlowProtocol::Ipfix
        << std::vector<Step>{{16, 16, 0, O::First}, {25, 9, 0, O::InOrder}, {75, 30, 0, O::Gap}}
        << std::uint64_t(20) << std::uint64_t(0);
    QTest::newRow("IPFIX restart: sequence far back")
        << FlowProtocol::Ipfix
        << std::vector<Step>{{5'000'000, 10, 0, O::First},
                             {5'000'010, 10, 0, O::InOrder},
                             {0, 10, 0, O::Restart},
                             {10, 10, 0, O::InOrder}}
        << std::uint64_t(0) << std::uint64_t(1);
    QTest::newRow("v5 counts flows") << FlowProtocol::NetflowV5
                                     << std::vector<Step>{{0, 30, 100, O::First},
                                                          {30, 30, 200, O::InOrder},
                                                          {90, 30, 300, O::Gap}}
                                     << std::uint64_t(30) << std::uint64_t(0);
    QTest::newRow("sFlow counts datagrams")
        << FlowProtocol::Sflow5
        << std::vector<Step>{{1, 8, 1000, O::First}, {2, 8, 1100, O::InOrder}, {6, 8, 1500, O::Gap}}
        << std::uint64_t(3) << std::uint64_t(0);
    QTest::newRow("sFlow agent reboot") << FlowProtocol::Sflow5
                                        << std::vector<Step>{{900, 8, 9'000'000, O::First},
                                                             {1, 8, 20, O::Restart},
                                                             {2, 8, 40, O::InOrder}}
                                        << std::uint64_t(0) << std::uint64_t(1);
}

void TestSequenceTracker::streams()
{
    QFETCH(FlowProtocol, protocol);
    QFETCH(std::vector<Step>, steps);
    QFETCH(std::uint64_t, lost);
    QFETCH(std::uint64_t, restarts);
    SequenceTracker tracker;
    const net::Address exporter = ip("192.0.2.1");
    for (std::size_t i = 0; i < steps.size(); ++i) {
        DatagramInfo info;
        info.protocol = protocol;
        info.sequence = steps[i].sequence;
        info.dataRecords = steps[i].records + steps[i].options;
        info.optionsRecords = steps[i].options;
        info.sysUptimeMs = steps[i].uptime;
        const SequenceEvent e = tracker.observe(exporter, info);
        QVERIFY2(e.outcome == steps[i].expected,
                 qPrintable(QStringLiteral("step %1: %2, expected %3")
                                .arg(i)
                                .arg(toString(e.outcome))
                                .arg(toString(steps[i].expected))));
    }
    const StreamTotals t = tracker.totals(exporter, protocol, 0);
    QCOMPARE(t.lost, lost);
    QCOMPARE(t.restarts, restarts);
    QCOMPARE(t.datagrams, std::uint64_t(steps.size()));
}

void TestSequenceTracker::streamsAreSeparate()
{
    SequenceTracker tracker;
    DatagramInfo a;
    a.protocol = FlowProtocol::NetflowV9;
    a.sequence = 1;
    DatagramInfo b = a;
    b.observationDomain = 1;
    b.sequence = 100;
    QCOMPARE(tracker.observe(ip("192.0.2.1"), a).outcome, SequenceOutcome::First);
    QCOMPARE(tracker.observe(ip("192.0.2.1"), b).outcome, SequenceOutcome::First);
    QCOMPARE(tracker.observe(ip("192.0.2.2"), b).outcome, SequenceOutcome::First);
    a.sequence = 2;
    QCOMPARE(tracker.observe(ip("192.0.2.1"), a).outcome, SequenceOutcome::InOrder);
    QCOMPARE(tracker.streamCount(), std::size_t(3));
}

void TestSequenceTracker::streamCap()
{
    SequenceLimits limits;
    limits.maxStreamsPerExporter = 4;
    SequenceTracker tracker(limits);
    DatagramInfo info;
    for (std::uint32_t d = 0; d < 100; ++d) {
        info.observationDomain = d;
        tracker.observe(ip("192.0.2.1"), info);
    }
    QCOMPARE(tracker.streamCount(), std::size_t(4));
}

QTEST_APPLESS_MAIN(TestSequenceTracker)
#include "tst_sequence_tracker.moc"
