// IPFIX decoder: templates, options templates (softflowd's sampling and system init time),
// variable-length fields in both length forms, enterprise elements, withdrawals, and hostile
// messages rejected whole.
#include <QTest>

#include "bwx/settlement/decoders.h"
#include "bwx/settlement/fixtures/export_builder.h"
#include "test_support.h"

using namespace bwx;
using namespace bwx::settlement;
using namespace bwx::settlement::fixtures;
using namespace bwx::settlement::test;

namespace {

const net::Address kExporter = ip("2001:db8::10");
const Timestamp kNow = Timestamp::fromSeconds(1'700'000'100);
constexpr std::uint32_t kExport = 1'700'000'000;
constexpr std::uint64_t kInitMs = 1'699'999'000'000; // system init 1000 s before export

Bytes oneFlow(std::uint32_t bytes = 1000)
{
    ByteWriter d;
    writeSoftflowdV4Record(
        d, {v4("10.0.0.1"), v4("203.0.113.5"), 400'000, 401'000, bytes, 2, 1, 2, 1000, 80, 6});
    return d.take();
}

// softflowd -v 10: options template 256 with scope meteringProcessId, then
// systemInitTimeMilliseconds, samplingPacketInterval, samplingPacketSpace, selectorAlgorithm,
// interfaceName.
Bytes softflowdOptions(std::uint32_t interval, std::uint32_t space)
{
    ByteWriter o;
    o.u32(4242).u64(kInitMs).u32(interval).u32(space).u16(1).zeros(16);
    return o.take();
}

ExportBuilder withOptions(std::uint32_t sequence, std::uint32_t interval, std::uint32_t space)
{
    const Bytes opt = softflowdOptions(interval, space);
    return ExportBuilder::ipfix(kExport, sequence, 0)
        .templateSet(1024, softflowdV4Template())
        .optionsTemplateSet(256, {{143, 4}}, {{160, 8}, {305, 4}, {306, 4}, {304, 2}, {82, 16}})
        .dataSet(256, opt);
}

} // namespace

class TestIpfix : public QObject
{
    Q_OBJECT

private slots:
    void softflowdExport();
    void packetIntervalSampling();
    void variableLengthFields();
    void enterpriseElementsAreSkipped();
    void ipv6AndAbsoluteTimes();
    void absurdTimesFallBackToExportTime();
    void withdrawal();
    void withdrawAll();
    void hostile_data();
    void hostile();
};

void TestIpfix::softflowdExport()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    const Bytes data = oneFlow();
    const Bytes d = withOptions(1, 1, 0).dataSet(1024, data).finish();
    const DecodeResult r = decodeIpfix(d, kExporter, cache, kNow, {}, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(r.info.dataRecords, 2u); // the options record counts as a data record
    QCOMPARE(r.info.optionsRecords, 1u);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].bytes, std::uint64_t(1000)); // interval 1, space 0: unsampled
    QCOMPARE(out[0].start, Timestamp(static_cast<std::int64_t>(kInitMs + 400'000) * 1'000'000));
    QCOMPARE(out[0].end, Timestamp(static_cast<std::int64_t>(kInitMs + 401'000) * 1'000'000));
    QCOMPARE(out[0].exporter, kExporter);
}

void TestIpfix::packetIntervalSampling()
{
    // softflowd -s 4 sends interval 1, space 3: one packet of every four.
    TemplateCache cache;
    std::vector<FlowRecord> out;
    const Bytes data = oneFlow(1001);
    const Bytes d = withOptions(1, 1, 3).dataSet(1024, data).finish();
    QVERIFY(decodeIpfix(d, kExporter, cache, kNow, {}, out).ok());
    QCOMPARE(out[0].bytes, std::uint64_t(4004));
    QCOMPARE(out[0].packets, std::uint64_t(8));
    QCOMPARE(out[0].samplingNumerator, 4u);
    QCOMPARE(out[0].samplingDenominator, 1u);
    // 2 of every 3: counts × 3 / 2, truncated.
    out.clear();
    const Bytes d2 = withOptions(2, 2, 1).dataSet(1024, data).finish();
    QVERIFY(decodeIpfix(d2, kExporter, cache, kNow, {}, out).ok());
    QCOMPARE(out[0].bytes, std::uint64_t(1501));
    QCOMPARE(out[0].packets, std::uint64_t(3));
}

void TestIpfix::variableLengthFields()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    ByteWriter d;
    // record 1: short form (length 3), record 2: long form (255, then 300 as u16)
    d.u32(v4("10.0.0.1")).u8(3).u8('a').u8('b').u8('c').u32(v4("203.0.113.1")).u32(100);
    d.u32(v4("10.0.0.2")).u8(255).u16(300).zeros(300).u32(v4("203.0.113.2")).u32(200);
    const Bytes dg = ExportBuilder::ipfix(kExport, 0, 7)
                         .templateSet(400, {{8, 4}, {82, 0xFFFF}, {12, 4}, {1, 4}})
                         .dataSet(400, d.data())
                         .finish();
    const DecodeResult r = decodeIpfix(dg, kExporter, cache, kNow, {}, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(out.size(), std::size_t(2));
    QCOMPARE(out[1].dst, ip("203.0.113.2"));
    QCOMPARE(out[1].bytes, std::uint64_t(200));
    QCOMPARE(out[1].observationDomain, 7u);
}

void TestIpfix::enterpriseElementsAreSkipped()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    ByteWriter d;
    // Enterprise element 8 (not sourceIPv4Address!) of 4 bytes, then the real fields.
    d.u32(0xdeadbeef).u32(v4("10.0.0.1")).u32(v4("203.0.113.1")).u32(77);
    const Bytes dg = ExportBuilder::ipfix(kExport, 0, 0)
                         .templateSet(400, {{8, 4, 29305}, {8, 4}, {12, 4}, {1, 4}})
                         .dataSet(400, d.data())
                         .finish();
    QVERIFY(decodeIpfix(dg, kExporter, cache, kNow, {}, out).ok());
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].src, ip("10.0.0.1"));
    QCOMPARE(out[0].bytes, std::uint64_t(77));
}

void TestIpfix::ipv6AndAbsoluteTimes()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    ByteWriter d;
    std::uint8_t a[16], b[16], n[16];
    ip("2001:db8:1::1").toBytes(a);
    ip("2001:db8:2::2").toBytes(b);
    ip("2001:db8:ff::1").toBytes(n);
    d.bytes({a, 16})
        .bytes({b, 16})
        .bytes({n, 16})
        .u64(5000)
        .u64(1'699'999'990'123)
        .u64(1'699'999'999'456);
    const Bytes dg
        = ExportBuilder::ipfix(kExport, 0, 0)
              .templateSet(600, {{27, 16}, {28, 16}, {62, 16}, {1, 8}, {152, 8}, {153, 8}})
              .dataSet(600, d.data())
              .finish();
    const DecodeResult r = decodeIpfix(dg, kExporter, cache, kNow, {}, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(out[0].dst, ip("2001:db8:2::2"));
    QCOMPARE(out[0].nextHop, ip("2001:db8:ff::1"));
    QVERIFY(out[0].hasNextHop);
    QCOMPARE(out[0].start, Timestamp(1'699'999'990'123'000'000));
    QCOMPARE(out[0].end, Timestamp(1'699'999'999'456'000'000));
}

void TestIpfix::absurdTimesFallBackToExportTime()
{
    // Milliseconds far beyond any real clock (found by fuzzing: they overflowed nanoseconds),
    // and an uptime with an absurd system init time: both count as not sent.
    TemplateCache cache;
    std::vector<FlowRecord> out;
    ByteWriter d;
    d.u32(v4("10.0.0.1")).u32(v4("203.0.113.1")).u32(10).u64(0xffffffffffffffffULL).u64(1'356'798'238'982'148ULL);
    d.u32(v4("10.0.0.2")).u32(v4("203.0.113.2")).u32(20).u64(1'699'999'999'000ULL).u64(0x7fffffffffffffffULL);
    ByteWriter opt;
    opt.u32(1).u64(0xfffffffffffff000ULL);
    ByteWriter u;
    u.u32(v4("10.0.0.3")).u32(v4("203.0.113.3")).u32(30).u32(0xffffffffu).u32(5);
    const Bytes dg = ExportBuilder::ipfix(kExport, 0, 0)
                         .templateSet(700, {{8, 4}, {12, 4}, {1, 4}, {152, 8}, {153, 8}})
                         .optionsTemplateSet(701, {{143, 4}}, {{160, 8}})
                         .dataSet(701, opt.data())
                         .templateSet(702, {{8, 4}, {12, 4}, {1, 4}, {22, 4}, {21, 4}})
                         .dataSet(700, d.data())
                         .dataSet(702, u.data())
                         .finish();
    const DecodeResult r = decodeIpfix(dg, kExporter, cache, kNow, {}, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(out.size(), std::size_t(3));
    QCOMPARE(out[0].start, Timestamp::fromSeconds(kExport));
    QCOMPARE(out[0].end, Timestamp::fromSeconds(kExport));
    QCOMPARE(out[1].start, Timestamp(1'699'999'999'000'000'000));
    QCOMPARE(out[1].end, out[1].start);
    QCOMPARE(out[2].start, Timestamp::fromSeconds(kExport));
}

void TestIpfix::withdrawal()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    QVERIFY(
        decodeIpfix(
            ExportBuilder::ipfix(kExport, 0, 0).templateSet(1024, softflowdV4Template()).finish(),
            kExporter, cache, kNow, {}, out)
            .ok());
    QCOMPARE(cache.size(), std::size_t(1));
    const DecodeResult r
        = decodeIpfix(ExportBuilder::ipfix(kExport, 0, 0).templateSet(1024, {}).finish(), kExporter,
                      cache, kNow, {}, out);
    QVERIFY(r.ok());
    QCOMPARE(r.info.templatesWithdrawn, 1u);
    QCOMPARE(cache.size(), std::size_t(0));
    const Bytes data = oneFlow();
    const DecodeResult after
        = decodeIpfix(ExportBuilder::ipfix(kExport, 0, 0).dataSet(1024, data).finish(), kExporter,
                      cache, kNow, {}, out);
    QCOMPARE(after.info.setsWithoutTemplate, 1u);
    QVERIFY(out.empty());
}

void TestIpfix::withdrawAll()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    const Bytes setup = withOptions(0, 1, 0).templateSet(1025, softflowdV4Template()).finish();
    QVERIFY(decodeIpfix(setup, kExporter, cache, kNow, {}, out).ok());
    QCOMPARE(cache.size(), std::size_t(3));
    // Template id 2 with no fields withdraws every (non-options) template of the domain.
    const DecodeResult r
        = decodeIpfix(ExportBuilder::ipfix(kExport, 0, 0).templateSet(2, {}).finish(), kExporter,
                      cache, kNow, {}, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(r.info.templatesWithdrawn, 2u);
    QCOMPARE(cache.size(), std::size_t(1)); // the options template stays
}

void TestIpfix::hostile_data()
{
    QTest::addColumn<Bytes>("datagram");
    QTest::addColumn<DecodeError>("error");
    const Bytes valid = withOptions(0, 1, 0).finish();
    QTest::newRow("shorter than the header")
        << Bytes(valid.begin(), valid.begin() + 15) << DecodeError::Truncated;
    Bytes v9 = valid;
    v9[1] = 9;
    QTest::newRow("bad version") << v9 << DecodeError::BadVersion;
    QTest::newRow("message length beyond the datagram")
        << Bytes(valid.begin(), valid.end() - 1) << DecodeError::Truncated;
    Bytes longer = valid;
    longer.push_back(0);
    QTest::newRow("bytes after the message") << longer << DecodeError::BadLength;
    QTest::newRow("set length below 4")
        << ExportBuilder::ipfix(1, 0, 0).rawSet(2, Bytes{}, 2).finish() << DecodeError::BadFlowset;
    QTest::newRow("set longer than the message")
        << ExportBuilder::ipfix(1, 0, 0).rawSet(2, Bytes{1, 0, 0, 1, 0, 8, 0, 4}, 100).finish()
        << DecodeError::BadFlowset;
    QTest::newRow("set id 1 is not IPFIX")
        << ExportBuilder::ipfix(1, 0, 0).rawSet(1, Bytes{0, 0, 0, 0}).finish()
        << DecodeError::BadFlowset;
    QTest::newRow("field length 0")
        << ExportBuilder::ipfix(1, 0, 0).templateSet(300, {{8, 4}, {12, 0}}).finish()
        << DecodeError::BadTemplate;
    QTest::newRow("variable length for an address")
        << ExportBuilder::ipfix(1, 0, 0).templateSet(300, {{8, 0xFFFF}}).finish()
        << DecodeError::BadTemplate;
    QTest::newRow("enterprise number cut off")
        << ExportBuilder::ipfix(1, 0, 0).rawSet(2, Bytes{1, 44, 0, 1, 0x80, 1, 0, 4, 0, 0}).finish()
        << DecodeError::BadTemplate;
    QTest::newRow("template id below 256")
        << ExportBuilder::ipfix(1, 0, 0).templateSet(17, {{8, 4}}).finish()
        << DecodeError::BadTemplate;
    QTest::newRow("withdrawal of a reserved id")
        << ExportBuilder::ipfix(1, 0, 0).templateSet(17, {}).finish() << DecodeError::BadTemplate;
    QTest::newRow("field count beyond the set")
        << ExportBuilder::ipfix(1, 0, 0).rawSet(2, Bytes{1, 44, 0xff, 0xff, 0, 8, 0, 4}).finish()
        << DecodeError::BadTemplate;
    QTest::newRow("options scope count 0")
        << ExportBuilder::ipfix(1, 0, 0).rawSet(3, Bytes{1, 0, 0, 1, 0, 0, 0, 34, 0, 4}).finish()
        << DecodeError::BadOptionsScope;
    QTest::newRow("options scope count above field count")
        << ExportBuilder::ipfix(1, 0, 0).rawSet(3, Bytes{1, 0, 0, 1, 0, 9, 0, 34, 0, 4}).finish()
        << DecodeError::BadOptionsScope;
    QTest::newRow("options template cut after its counts")
        << ExportBuilder::ipfix(1, 0, 0).rawSet(3, Bytes{1, 0, 0, 3, 0, 1, 0, 34}).finish()
        << DecodeError::BadOptionsScope;
    ByteWriter overrun;
    overrun.u32(v4("10.0.0.1")).u8(200).zeros(10);
    QTest::newRow("variable-length field runs past its set")
        << ExportBuilder::ipfix(1, 0, 0)
               .templateSet(400, {{8, 4}, {82, 0xFFFF}})
               .dataSet(400, overrun.data())
               .finish()
        << DecodeError::BadRecord;
    ByteWriter overrunLong;
    overrunLong.u32(v4("10.0.0.1")).u8(255).u16(60000).zeros(10);
    QTest::newRow("long-form length runs past its set")
        << ExportBuilder::ipfix(1, 0, 0)
               .templateSet(400, {{8, 4}, {82, 0xFFFF}})
               .dataSet(400, overrunLong.data())
               .finish()
        << DecodeError::BadRecord;
}

void TestIpfix::hostile()
{
    QFETCH(Bytes, datagram);
    QFETCH(DecodeError, error);
    TemplateCache cache;
    std::vector<FlowRecord> out(1);
    const DecodeResult r = decodeIpfix(datagram, kExporter, cache, kNow, {}, out);
    QCOMPARE(r.error, error);
    QVERIFY(!r.message.empty());
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(cache.size(), std::size_t(0));
    QCOMPARE(cache.domainCount(), std::size_t(0));
}

QTEST_APPLESS_MAIN(TestIpfix)
#include "tst_ipfix.moc"
