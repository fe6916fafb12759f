// sFlow v5 decoder: flow and expanded flow samples with raw Ethernet headers (VLAN tags, IPv4,
// IPv6), the frame-to-IP byte conversion, counter samples skipped, and hostile datagrams.
#include <QTest>

#include "bwx/settlement/decoders.h"
#include "bwx/settlement/fixtures/byte_writer.h"
#include "bwx/settlement/fixtures/sflow_generator.h"
#include "test_support.h"

using namespace bwx;
using namespace bwx::settlement;
using namespace bwx::settlement::fixtures;
using namespace bwx::settlement::test;

namespace {

const net::Address kAgent = ip("192.0.2.20");
const Timestamp kNow = Timestamp::fromSeconds(1'700'000'000);

PacketSpec packet(std::string_view src, std::string_view dst, std::uint32_t ipLength)
{
    PacketSpec p;
    p.srcMac = {2, 0, 0, 0, 0, 1};
    p.dstMac = {2, 0, 0, 0, 0, 2};
    p.src = ip(src);
    p.dst = ip(dst);
    p.srcPort = 1000;
    p.dstPort = 53;
    p.ipLength = ipLength;
    p.time = kNow;
    return p;
}

// One datagram around one sample with one raw-header record of `header` (Ethernet).
Bytes datagramWithHeader(const Bytes &header, std::uint32_t frameLength, std::uint32_t rate)
{
    ByteWriter rec;
    rec.u32(1).u32(frameLength).u32(4).u32(header.size()).bytes(header);
    while (rec.size() % 4 != 0)
        rec.u8(0);
    ByteWriter sample;
    sample.u32(1).u32(3).u32(rate).u32(100).u32(0).u32(3).u32(4).u32(1);
    sample.u32(1).u32(rec.size()).bytes(rec.data());
    ByteWriter d;
    d.u32(5).u32(1).u32(0xc0000214).u32(0).u32(1).u32(1000).u32(1);
    d.u32(1).u32(sample.size()).bytes(sample.data());
    return d.take();
}

} // namespace

class TestSflow : public QObject
{
    Q_OBJECT

private slots:
    void generatorDatagrams_data();
    void generatorDatagrams();
    void vlanTaggedFrame();
    void shortFrameUsesIpLength();
    void extendedRouterNextHop();
    void hostile_data();
    void hostile();
};

void TestSflow::generatorDatagrams_data()
{
    QTest::addColumn<bool>("expanded");
    QTest::addColumn<bool>("ipv6");
    QTest::newRow("compact flow samples, IPv4") << false << false;
    QTest::newRow("expanded flow samples, IPv4") << true << false;
    QTest::newRow("compact flow samples, IPv6") << false << true;
}

void TestSflow::generatorDatagrams()
{
    QFETCH(bool, expanded);
    QFETCH(bool, ipv6);
    std::vector<PacketSpec> packets;
    for (std::uint32_t i = 0; i < 20; ++i)
        packets.push_back(ipv6 ? packet("2001:db8::1", "2001:db8:2::9", 100 + i)
                               : packet("10.0.0.1", "203.0.113.9", 100 + i));
    SflowOptions o;
    o.agent = kAgent;
    o.samplingRate = 1;
    o.expanded = expanded;
    o.counterEvery = 2;
    o.subAgent = 3;
    const SflowExport e = generateSflow(packets, o);
    QCOMPARE(e.datagrams.size(), std::size_t(3));
    std::vector<FlowRecord> out;
    std::uint64_t skipped = 0;
    for (const Bytes &d : e.datagrams) {
        const DecodeResult r = decodeSflow(d, kAgent, kNow, {}, out);
        QVERIFY2(r.ok(), r.message.c_str());
        QCOMPARE(r.info.agent, kAgent);
        QCOMPARE(r.info.observationDomain, 3u);
        skipped += r.info.samplesSkipped;
    }
    QCOMPARE(skipped, std::uint64_t(1)); // the counter sample in datagram 2
    QCOMPARE(out.size(), packets.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        QCOMPARE(out[i].bytes, std::uint64_t(packets[i].ipLength)); // IP bytes, not frame bytes
        QCOMPARE(out[i].packets, std::uint64_t(1));
        QCOMPARE(out[i].src, packets[i].src);
        QCOMPARE(out[i].dst, packets[i].dst);
        QCOMPARE(out[i].dstPort, std::uint16_t(53));
        QCOMPARE(out[i].inputInterface, 1u);
        QCOMPARE(out[i].outputInterface, 2u);
        QVERIFY(out[i].hasDstMac);
        QCOMPARE(out[i].dstMac, packets[i].dstMac);
        QCOMPARE(out[i].start, kNow);
        QCOMPARE(out[i].protocol, FlowProtocol::Sflow5);
    }
}

void TestSflow::vlanTaggedFrame()
{
    ByteWriter h;
    h.bytes(Bytes{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1}).u16(0x8100).u16(100).u16(0x0800);
    h.u8(0x45)
        .u8(0)
        .u16(1000)
        .u16(0)
        .u16(0)
        .u8(64)
        .u8(17)
        .u16(0)
        .u32(v4("10.1.1.1"))
        .u32(v4("203.0.113.1"));
    h.u16(5).u16(6).u16(980).u16(0);
    // frame = 18 (Ethernet + tag) + 1000 IP bytes + 4 FCS
    const Bytes d = datagramWithHeader(h.data(), 1022, 512);
    std::vector<FlowRecord> out;
    const DecodeResult r = decodeSflow(d, kAgent, kNow, {}, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].bytes, std::uint64_t(1000 * 512));
    QCOMPARE(out[0].packets, std::uint64_t(512));
    QCOMPARE(out[0].samplingNumerator, 512u);
    QCOMPARE(out[0].srcPort, std::uint16_t(5));
    QCOMPARE(out[0].inputInterface, 3u);
    // A configured rate overrides the sample's.
    out.clear();
    DecodeOptions o;
    o.samplingOverride = 2;
    QVERIFY(decodeSflow(d, kAgent, kNow, o, out).ok());
    QCOMPARE(out[0].bytes, std::uint64_t(2000));
}

void TestSflow::shortFrameUsesIpLength()
{
    // A 40-byte TCP ACK is padded to a 60-byte frame (+4 FCS): the bill counts 40 IP bytes.
    PacketSpec p = packet("10.0.0.1", "203.0.113.9", 40);
    p.protocol = 6;
    Bytes frame = encodeFrame(p);
    frame.resize(60, 0);
    const Bytes d = datagramWithHeader(frame, 64, 1);
    std::vector<FlowRecord> out;
    QVERIFY(decodeSflow(d, kAgent, kNow, {}, out).ok());
    QCOMPARE(out[0].bytes, std::uint64_t(40));
    // Header cut before the IP length: frame length less Ethernet header and FCS.
    const Bytes cut(frame.begin(), frame.begin() + 14);
    out.clear();
    const DecodeResult r = decodeSflow(datagramWithHeader(cut, 1518, 1), kAgent, kNow, {}, out);
    QVERIFY(r.ok());
    QCOMPARE(r.info.samplesSkipped, 1u); // no addresses: cannot be attributed, counted
    QVERIFY(out.empty());
}

void TestSflow::extendedRouterNextHop()
{
    const Bytes frame = encodeFrame(packet("10.0.0.1", "203.0.113.9", 200));
    ByteWriter raw;
    raw.u32(1).u32(frame.size() + 4).u32(4).u32(frame.size()).bytes(frame);
    while (raw.size() % 4 != 0)
        raw.u8(0);
    ByteWriter router;
    router.u32(1).u32(v4("192.0.2.66")).u32(24).u32(24);
    ByteWriter sample;
    sample.u32(7).u32(0).u32(0).u32(1).u32(10).u32(0).u32(0).u32(1).u32(0).u32(2).u32(2);
    sample.u32(1).u32(raw.size()).bytes(raw.data());
    sample.u32(1002).u32(router.size()).bytes(router.data());
    ByteWriter d;
    d.u32(5).u32(1).u32(v4("192.0.2.20")).u32(0).u32(9).u32(1000).u32(1);
    d.u32(3).u32(sample.size()).bytes(sample.data());
    std::vector<FlowRecord> out;
    const DecodeResult r = decodeSflow(d.data(), kAgent, kNow, {}, out);
    QVERIFY2(r.ok(), r.message.c_str());
    QVERIFY(out[0].hasNextHop);
    QCOMPARE(out[0].nextHop, ip("192.0.2.66"));
    QCOMPARE(out[0].samplingNumerator, 1u);
}

void TestSflow::hostile_data()
{
    QTest::addColumn<Bytes>("datagram");
    QTest::addColumn<DecodeError>("error");
    const Bytes frame = encodeFrame(packet("10.0.0.1", "203.0.113.9", 200));
    const Bytes valid = datagramWithHeader(frame, 218, 1);
    QTest::newRow("empty") << Bytes{} << DecodeError::Truncated;
    QTest::newRow("header cut short")
        << Bytes(valid.begin(), valid.begin() + 20) << DecodeError::Truncated;
    Bytes v4 = valid;
    v4[3] = 4;
    QTest::newRow("bad version") << v4 << DecodeError::BadVersion;
    Bytes badAgent = valid;
    badAgent[7] = 3;
    QTest::newRow("agent address type 3") << badAgent << DecodeError::UnsupportedAddress;
    Bytes manySamples = valid;
    manySamples[24] = 0x7f;
    QTest::newRow("sample count beyond the datagram") << manySamples << DecodeError::BadLength;
    Bytes longSample = valid;
    longSample[32] = 0x10;
    QTest::newRow("sample longer than the datagram") << longSample << DecodeError::BadSample;
    Bytes manyRecords = valid;
    manyRecords[36 + 28] = 0x40;
    QTest::newRow("record count beyond the sample") << manyRecords << DecodeError::BadSample;
    Bytes longRecord = valid;
    longRecord[36 + 32 + 4] = 0x10;
    QTest::newRow("record longer than its sample") << longRecord << DecodeError::BadSample;
    Bytes longHeader = valid;
    longHeader[36 + 32 + 8 + 12] = 0x10;
    QTest::newRow("header length beyond its record") << longHeader << DecodeError::BadSample;
    Bytes trailing = valid;
    trailing.push_back(0);
    QTest::newRow("bytes after the last sample") << trailing << DecodeError::BadLength;
    QTest::newRow("truncated in the sample")
        << Bytes(valid.begin(), valid.end() - 8) << DecodeError::BadSample;
}

void TestSflow::hostile()
{
    QFETCH(Bytes, datagram);
    QFETCH(DecodeError, error);
    std::vector<FlowRecord> out(1);
    const DecodeResult r = decodeSflow(datagram, kAgent, kNow, {}, out);
    QCOMPARE(r.error, error);
    QVERIFY(!r.message.empty());
    QCOMPARE(out.size(), std::size_t(1));
}

QTEST_APPLESS_MAIN(TestSflow)
#include "tst_sflow.moc"
