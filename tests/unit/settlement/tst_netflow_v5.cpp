// NetFlow v5 decoder: fixed records, header sampling, and malformed datagrams.
#include <QTest>

#include "bwx/settlement/decoders.h"
#include "bwx/settlement/fixtures/export_builder.h"
#include "test_support.h"

using namespace bwx;
using namespace bwx::settlement;
using namespace bwx::settlement::fixtures;
using namespace bwx::settlement::test;

namespace {
const net::Address kExporter = ip("192.0.2.5");

V5Record record(std::uint32_t bytes)
{
    V5Record r;
    r.src = v4("10.0.0.1");
    r.dst = v4("203.0.113.1");
    r.nextHop = v4("192.0.2.99");
    r.input = 3;
    r.output = 4;
    r.packets = 2;
    r.bytes = bytes;
    r.first = 9000;
    r.last = 9500;
    r.srcPort = 1;
    r.dstPort = 2;
    return r;
}
} // namespace

class TestNetflowV5 : public QObject
{
    Q_OBJECT

private slots:
    void records_data();
    void records();
    void hostile_data();
    void hostile();
};

void TestNetflowV5::records_data()
{
    QTest::addColumn<std::uint16_t>("samplingField");
    QTest::addColumn<std::uint32_t>("override");
    QTest::addColumn<std::uint64_t>("bytes");
    QTest::newRow("unsampled") << std::uint16_t(0) << 0u << std::uint64_t(700);
    QTest::newRow("mode 1, interval 100")
        << std::uint16_t(0x4000 | 100) << 0u << std::uint64_t(70000);
    QTest::newRow("interval without mode is ignored")
        << std::uint16_t(100) << 0u << std::uint64_t(700);
    QTest::newRow("configured override")
        << std::uint16_t(0x4000 | 100) << 7u << std::uint64_t(4900);
}

void TestNetflowV5::records()
{
    QFETCH(std::uint16_t, samplingField);
    QFETCH(std::uint32_t, override);
    QFETCH(std::uint64_t, bytes);
    const Bytes d = netflowV5(10'000, 1'700'000'000, 77, samplingField, {record(700), record(700)});
    std::vector<FlowRecord> out;
    DecodeOptions o;
    o.samplingOverride = override;
    const DecodeResult r = decodeNetflowV5(d, kExporter, o, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(r.info.sequence, 77u);
    QCOMPARE(r.info.dataRecords, 2u);
    QCOMPARE(out.size(), std::size_t(2));
    QCOMPARE(out[0].bytes, bytes);
    QCOMPARE(out[0].nextHop, ip("192.0.2.99"));
    QCOMPARE(out[0].inputInterface, 3u);
    QCOMPARE(out[0].start, Timestamp::fromSeconds(1'700'000'000 - 1));
    QCOMPARE(out[0].end, Timestamp(1'699'999'999'500'000'000));
}

void TestNetflowV5::hostile_data()
{
    QTest::addColumn<Bytes>("datagram");
    QTest::addColumn<DecodeError>("error");
    const Bytes valid = netflowV5(1, 1, 1, 0, {record(1)});
    QTest::newRow("shorter than the header")
        << Bytes(valid.begin(), valid.begin() + 23) << DecodeError::Truncated;
    Bytes v6 = valid;
    v6[1] = 6;
    QTest::newRow("bad version") << v6 << DecodeError::BadVersion;
    Bytes zero = valid;
    zero[3] = 0;
    QTest::newRow("count 0") << zero << DecodeError::BadLength;
    Bytes many = valid;
    many[3] = 31;
    QTest::newRow("count 31") << many << DecodeError::BadLength;
    QTest::newRow("fewer records than the count")
        << Bytes(valid.begin(), valid.end() - 1) << DecodeError::Truncated;
}

void TestNetflowV5::hostile()
{
    QFETCH(Bytes, datagram);
    QFETCH(DecodeError, error);
    std::vector<FlowRecord> out(1);
    const DecodeResult r = decodeNetflowV5(datagram, kExporter, {}, out);
    QCOMPARE(r.error, error);
    QCOMPARE(out.size(), std::size_t(1));
}

QTEST_APPLESS_MAIN(TestNetflowV5)
#include "tst_netflow_v5.moc"
