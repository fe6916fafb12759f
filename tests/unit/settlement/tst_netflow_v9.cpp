// NetFlow v9 decoder: valid exports as softflowd and routers send them, and hostile datagrams
// that must be rejected whole with the right error and no change to the template cache.
#include <QTest>

#include "bwx/settlement/decoders.h"
#include "bwx/settlement/fixtures/export_builder.h"
#include "test_support.h"

using namespace bwx;
using namespace bwx::settlement;
using namespace bwx::settlement::fixtures;
using namespace bwx::settlement::test;

Q_DECLARE_METATYPE(std::vector<bwx::settlement::fixtures::FieldSpec>)

namespace {

const net::Address kExporter = ip("192.0.2.10");
const Timestamp kNow = Timestamp::fromSeconds(1'700'000'100);
constexpr std::uint32_t kUnix = 1'700'000'000;
constexpr std::uint32_t kUptime = 500'000;

Bytes twoFlows()
{
    ByteWriter d;
    writeSoftflowdV4Record(d, {v4("10.0.0.1"), v4("203.0.113.5"), kUptime - 3000, kUptime - 1000,
                               1500, 3, 7, 9, 1234, 53, 17});
    writeSoftflowdV4Record(d, {v4("10.0.0.2"), v4("198.51.100.9"), kUptime - 2000, kUptime, 40, 1,
                               7, 9, 4321, 443, 6});
    return d.take();
}

Bytes templateAndData()
{
    const Bytes data = twoFlows();
    return ExportBuilder::v9(kUptime, kUnix, 1, 42)
        .templateSet(1024, softflowdV4Template())
        .dataSet(1024, data)
        .finish();
}

} // namespace

class TestNetflowV9 : public QObject
{
    Q_OBJECT

private slots:
    void decodesTemplateAndData();
    void templateFromEarlierDatagram();
    void dataBeforeTemplateIsCountedNotDecoded();
    void inBandSamplingLikeSoftflowd();
    void configuredSamplingOverridesInBand();
    void macAndNextHop();
    void laterFieldWins_data();
    void laterFieldWins();
    void hostile_data();
    void hostile();
    void rejectedDatagramLeavesCacheUntouched();
};

void TestNetflowV9::decodesTemplateAndData()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    const Bytes d = templateAndData();
    const DecodeResult r = decodeNetflowV9(d, kExporter, cache, kNow, {}, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(out.size(), std::size_t(2));
    QCOMPARE(r.info.sequence, 1u);
    QCOMPARE(r.info.observationDomain, 42u);
    QCOMPARE(r.info.templatesAdded, 1u);
    const FlowRecord &f = out[0];
    QCOMPARE(f.exporter, kExporter);
    QCOMPARE(f.observationDomain, 42u);
    QCOMPARE(f.src, ip("10.0.0.1"));
    QCOMPARE(f.dst, ip("203.0.113.5"));
    QCOMPARE(f.srcPort, std::uint16_t(1234));
    QCOMPARE(f.dstPort, std::uint16_t(53));
    QCOMPARE(f.ipProtocol, std::uint8_t(17));
    QCOMPARE(f.bytes, std::uint64_t(1500));
    QCOMPARE(f.packets, std::uint64_t(3));
    QCOMPARE(f.inputInterface, 7u);
    QCOMPARE(f.outputInterface, 9u);
    QCOMPARE(f.samplingNumerator, 1u);
    // first = uptime - 3 s, in the header's wall clock
    QCOMPARE(f.start, Timestamp::fromSeconds(kUnix - 3));
    QCOMPARE(f.end, Timestamp::fromSeconds(kUnix - 1));
    QCOMPARE(out[1].ipProtocol, std::uint8_t(6));
    QCOMPARE(out[1].end, Timestamp::fromSeconds(kUnix));
    QVERIFY(!f.hasNextHop);
    QVERIFY(!f.hasSrcMac);
}

void TestNetflowV9::templateFromEarlierDatagram()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    const Bytes t
        = ExportBuilder::v9(kUptime, kUnix, 1, 0).templateSet(300, softflowdV4Template()).finish();
    QVERIFY(decodeNetflowV9(t, kExporter, cache, kNow, {}, out).ok());
    QCOMPARE(out.size(), std::size_t(0));
    const Bytes data = twoFlows();
    const Bytes d = ExportBuilder::v9(kUptime, kUnix, 2, 0).dataSet(300, data).finish();
    QVERIFY(decodeNetflowV9(d, kExporter, cache, kNow, {}, out).ok());
    QCOMPARE(out.size(), std::size_t(2));
    // The same template id from another source id is another template.
    const Bytes other = ExportBuilder::v9(kUptime, kUnix, 2, 1).dataSet(300, data).finish();
    const DecodeResult r = decodeNetflowV9(other, kExporter, cache, kNow, {}, out);
    QVERIFY(r.ok());
    QCOMPARE(r.info.setsWithoutTemplate, 1u);
    QCOMPARE(out.size(), std::size_t(2));
}

void TestNetflowV9::dataBeforeTemplateIsCountedNotDecoded()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    const Bytes data = twoFlows();
    const Bytes d = ExportBuilder::v9(kUptime, kUnix, 1, 0).dataSet(1024, data).finish();
    const DecodeResult r = decodeNetflowV9(d, kExporter, cache, kNow, {}, out);
    QVERIFY(r.ok());
    QCOMPARE(r.info.setsWithoutTemplate, 1u);
    QVERIFY(out.empty());
}

void TestNetflowV9::inBandSamplingLikeSoftflowd()
{
    // softflowd -s 10 -v 9: options template 256, scope "interface" (type 2, 4 bytes),
    // samplingInterval (34, 4 bytes), samplingAlgorithm (35, 1 byte), interfaceName (82, 16).
    TemplateCache cache;
    std::vector<FlowRecord> out;
    ByteWriter opt;
    opt.u32(0).u32(10).u8(1).zeros(16);
    const Bytes data = twoFlows();
    const Bytes d = ExportBuilder::v9(kUptime, kUnix, 1, 0)
                        .templateSet(1024, softflowdV4Template())
                        .optionsTemplateSet(256, {{2, 4}}, {{34, 4}, {35, 1}, {82, 16}})
                        .dataSet(256, opt.data())
                        .dataSet(1024, data)
                        .finish();
    const DecodeResult r = decodeNetflowV9(d, kExporter, cache, kNow, {}, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(r.info.optionsRecords, 1u);
    QCOMPARE(out.size(), std::size_t(2));
    QCOMPARE(out[0].bytes, std::uint64_t(15000));
    QCOMPARE(out[0].packets, std::uint64_t(30));
    QCOMPARE(out[0].samplingNumerator, 10u);
    // Later datagrams without the options record keep the learned rate.
    const Bytes later = ExportBuilder::v9(kUptime, kUnix, 2, 0).dataSet(1024, data).finish();
    QVERIFY(decodeNetflowV9(later, kExporter, cache, kNow, {}, out).ok());
    QCOMPARE(out[2].bytes, std::uint64_t(15000));
}

void TestNetflowV9::configuredSamplingOverridesInBand()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    ByteWriter opt;
    opt.u32(0).u32(10).u8(1).zeros(16);
    const Bytes data = twoFlows();
    const Bytes d = ExportBuilder::v9(kUptime, kUnix, 1, 0)
                        .templateSet(1024, softflowdV4Template())
                        .optionsTemplateSet(256, {{2, 4}}, {{34, 4}, {35, 1}, {82, 16}})
                        .dataSet(256, opt.data())
                        .dataSet(1024, data)
                        .finish();
    DecodeOptions options;
    options.samplingOverride = 100;
    QVERIFY(decodeNetflowV9(d, kExporter, cache, kNow, options, out).ok());
    QCOMPARE(out[0].bytes, std::uint64_t(150000));
    QCOMPARE(out[0].samplingNumerator, 100u);
}

void TestNetflowV9::macAndNextHop()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    ByteWriter d;
    d.u32(v4("10.0.0.1")).u32(v4("203.0.113.7")).u32(v4("192.0.2.77")).u32(999).u32(2);
    d.bytes(std::vector<std::uint8_t>{2, 0, 0, 0, 0, 1})
        .bytes(std::vector<std::uint8_t>{2, 0, 0, 0, 0, 2});
    const Bytes dg
        = ExportBuilder::v9(kUptime, kUnix, 1, 0)
              .templateSet(500, {{8, 4}, {12, 4}, {15, 4}, {1, 4}, {2, 4}, {56, 6}, {57, 6}})
              .dataSet(500, d.data())
              .finish();
    const DecodeResult r = decodeNetflowV9(dg, kExporter, cache, kNow, {}, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(out.size(), std::size_t(1));
    QVERIFY(out[0].hasNextHop);
    QCOMPARE(out[0].nextHop, ip("192.0.2.77"));
    QVERIFY(out[0].hasSrcMac && out[0].hasDstMac);
    QCOMPARE(out[0].dstMac[5], std::uint8_t(2));
    // No time fields: the export time stands in.
    QCOMPARE(out[0].start, Timestamp::fromSeconds(kUnix));
}

// Common fields are read straight from fixed offsets only when no value is written twice; a
// template that repeats one (or names both address families for one end) must decode exactly as
// walking its fields in order does: the later field wins.
void TestNetflowV9::laterFieldWins_data()
{
    QTest::addColumn<std::vector<FieldSpec>>("fields");
    QTest::addColumn<Bytes>("record");
    QTest::addColumn<QString>("src");
    QTest::addColumn<quint64>("bytes");
    QTest::addColumn<int>("srcPort");

    const auto v6 = [](ByteWriter &w) {
        w.u32(0x20010db8).u32(0).u32(0).u32(1);
    };
    {
        ByteWriter w;
        w.u32(v4("10.0.0.1")).u32(v4("203.0.113.5")).u32(1500).u32(3).u16(1234);
        QTest::newRow("each field once")
            << std::vector<FieldSpec>{{8, 4}, {12, 4}, {1, 4}, {2, 4}, {7, 2}} << w.take()
            << "10.0.0.1" << quint64(1500) << 1234;
    }
    {
        ByteWriter w;
        w.u32(v4("10.0.0.1")).u32(v4("203.0.113.5")).u32(100).u32(3).u64(2500);
        QTest::newRow("bytes twice, the 8-byte counter last")
            << std::vector<FieldSpec>{{8, 4}, {12, 4}, {1, 4}, {2, 4}, {1, 8}} << w.take()
            << "10.0.0.1" << quint64(2500) << 0;
    }
    {
        ByteWriter w;
        w.u64(2500).u32(v4("10.0.0.1")).u32(v4("203.0.113.5")).u32(100).u32(3);
        QTest::newRow("bytes twice, the 4-byte counter last")
            << std::vector<FieldSpec>{{1, 8}, {8, 4}, {12, 4}, {1, 4}, {2, 4}} << w.take()
            << "10.0.0.1" << quint64(100) << 0;
    }
    {
        ByteWriter w;
        w.u16(1111).u32(v4("10.0.0.1")).u32(v4("203.0.113.5")).u32(40).u16(2222);
        QTest::newRow("source port twice")
            << std::vector<FieldSpec>{{7, 2}, {8, 4}, {12, 4}, {1, 4}, {7, 2}} << w.take()
            << "10.0.0.1" << quint64(40) << 2222;
    }
    {
        ByteWriter w;
        w.u32(v4("10.0.0.1")).u32(v4("203.0.113.5"));
        v6(w);
        w.u32(40);
        QTest::newRow("IPv6 source after the IPv4 one")
            << std::vector<FieldSpec>{{8, 4}, {12, 4}, {27, 16}, {1, 4}} << w.take()
            << "2001:db8::1" << quint64(40) << 0;
    }
    {
        ByteWriter w;
        v6(w);
        w.u32(v4("10.0.0.1")).u32(v4("203.0.113.5")).u32(40);
        QTest::newRow("IPv4 source after the IPv6 one")
            << std::vector<FieldSpec>{{27, 16}, {8, 4}, {12, 4}, {1, 4}} << w.take()
            << "10.0.0.1" << quint64(40) << 0;
    }
}

void TestNetflowV9::laterFieldWins()
{
    QFETCH(std::vector<FieldSpec>, fields);
    QFETCH(Bytes, record);
    QFETCH(QString, src);
    QFETCH(quint64, bytes);
    QFETCH(int, srcPort);
    TemplateCache cache;
    std::vector<FlowRecord> out;
    const Bytes dg = ExportBuilder::v9(kUptime, kUnix, 1, 0)
                         .templateSet(600, fields)
                         .dataSet(600, record)
                         .finish();
    const DecodeResult r = decodeNetflowV9(dg, kExporter, cache, kNow, {}, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].src, ip(src.toStdString()));
    QCOMPARE(out[0].dst, ip("203.0.113.5"));
    QCOMPARE(out[0].bytes, std::uint64_t(bytes));
    QCOMPARE(out[0].srcPort, std::uint16_t(srcPort));
}

void TestNetflowV9::hostile_data()
{
    QTest::addColumn<Bytes>("datagram");
    QTest::addColumn<DecodeError>("error");
    const Bytes valid = templateAndData();
    const Bytes data = twoFlows();

    QTest::newRow("empty") << Bytes{} << DecodeError::Truncated;
    QTest::newRow("shorter than the header")
        << Bytes(valid.begin(), valid.begin() + 19) << DecodeError::Truncated;
    Bytes v5 = valid;
    v5[1] = 5;
    QTest::newRow("bad version") << v5 << DecodeError::BadVersion;
    QTest::newRow("flowset length below 4")
        << ExportBuilder::v9(1, 1, 1, 0).rawSet(0, Bytes{0, 0, 0, 0}, 3).finish()
        << DecodeError::BadFlowset;
    QTest::newRow("flowset longer than the packet")
        << ExportBuilder::v9(1, 1, 1, 0).rawSet(1024, data, 2000).finish()
        << DecodeError::BadFlowset;
    QTest::newRow("truncated datagram cuts the flowset")
        << Bytes(valid.begin(), valid.end() - 10) << DecodeError::BadFlowset;
    QTest::newRow("field length 0")
        << ExportBuilder::v9(1, 1, 1, 0).templateSet(300, {{8, 4}, {12, 0}}).finish()
        << DecodeError::BadTemplate;
    QTest::newRow("field length 0xFFFF")
        << ExportBuilder::v9(1, 1, 1, 0).templateSet(300, {{8, 4}, {99, 0xFFFF}}).finish()
        << DecodeError::BadTemplate;
    QTest::newRow("IPv4 address of 3 bytes")
        << ExportBuilder::v9(1, 1, 1, 0).templateSet(300, {{8, 3}, {12, 4}}).finish()
        << DecodeError::BadTemplate;
    QTest::newRow("counter of 9 bytes")
        << ExportBuilder::v9(1, 1, 1, 0).templateSet(300, {{8, 4}, {1, 9}}).finish()
        << DecodeError::BadTemplate;
    QTest::newRow("template id below 256")
        << ExportBuilder::v9(1, 1, 1, 0).templateSet(255, {{8, 4}}).finish()
        << DecodeError::BadTemplate;
    QTest::newRow("template without fields")
        << ExportBuilder::v9(1, 1, 1, 0).templateSet(300, {}).finish() << DecodeError::BadTemplate;
    QTest::newRow("template longer than its flowset")
        << ExportBuilder::v9(1, 1, 1, 0).rawSet(0, Bytes{1, 44, 0, 200, 0, 8, 0, 4}).finish()
        << DecodeError::BadTemplate;
    std::vector<FieldSpec> many(200, FieldSpec{99, 1});
    QTest::newRow("more fields than the limit")
        << ExportBuilder::v9(1, 1, 1, 0).templateSet(300, many).finish()
        << DecodeError::BadTemplate;
    QTest::newRow("options scope length not a multiple of 4")
        << ExportBuilder::v9(1, 1, 1, 0)
               .rawSet(1, Bytes{1, 0, 0, 6, 0, 4, 0, 2, 0, 4, 0, 34, 0, 4, 0, 0})
               .finish()
        << DecodeError::BadOptionsScope;
    QTest::newRow("options scope longer than its flowset")
        << ExportBuilder::v9(1, 1, 1, 0)
               .rawSet(1, Bytes{1, 0, 0x7f, 0xfc, 0, 4, 0, 2, 0, 4, 0, 34, 0, 4})
               .finish()
        << DecodeError::BadOptionsScope;
    QTest::newRow("options without scope")
        << ExportBuilder::v9(1, 1, 1, 0)
               .rawSet(1, Bytes{1, 0, 0, 0, 0, 4, 0, 34, 0, 4, 0, 0})
               .finish()
        << DecodeError::BadOptionsScope;
    QTest::newRow("options scope field length 0")
        << ExportBuilder::v9(1, 1, 1, 0).optionsTemplateSet(256, {{2, 0}}, {{34, 4}}).finish()
        << DecodeError::BadOptionsScope;
    QTest::newRow("data after a good set runs past its flowset")
        << ExportBuilder::v9(1, 1, 1, 0)
               .templateSet(300, {{8, 4}, {12, 4}, {1, 4}})
               .rawSet(300, Bytes{1, 2, 3, 4}, 40)
               .finish()
        << DecodeError::BadFlowset;
}

void TestNetflowV9::hostile()
{
    QFETCH(Bytes, datagram);
    QFETCH(DecodeError, error);
    TemplateCache cache;
    std::vector<FlowRecord> out(1); // a record already there must stay, and only it
    const DecodeResult r = decodeNetflowV9(datagram, kExporter, cache, kNow, {}, out);
    QCOMPARE(r.error, error);
    QVERIFY(!r.message.empty());
    QVERIFY(r.offset <= datagram.size());
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(cache.size(), std::size_t(0));
}

void TestNetflowV9::rejectedDatagramLeavesCacheUntouched()
{
    TemplateCache cache;
    std::vector<FlowRecord> out;
    const Bytes data = twoFlows();
    // A good template and good data, then a broken flowset: nothing of it may stick.
    const Bytes d = ExportBuilder::v9(kUptime, kUnix, 1, 0)
                        .templateSet(1024, softflowdV4Template())
                        .dataSet(1024, data)
                        .rawSet(0, Bytes{0, 0, 0, 0}, 2)
                        .finish();
    QCOMPARE(decodeNetflowV9(d, kExporter, cache, kNow, {}, out).error, DecodeError::BadFlowset);
    QVERIFY(out.empty());
    QCOMPARE(cache.size(), std::size_t(0));
}

QTEST_APPLESS_MAIN(TestNetflowV9)
#include "tst_netflow_v9.moc"
