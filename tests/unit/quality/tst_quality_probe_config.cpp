// What the analyzer is told to probe and how: default targets, configuration checks with reasons,
// target mappings for imports, and the probe wire format (tags, echo requests and replies, error
// reports).
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/probe_config.h"
#include "bwx/quality/target_map.h"
#include "probe_packet.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

net::Address addr(const char *text)
{
    return *net::Address::parse(text);
}

net::Prefix pfx(const char *text)
{
    return *net::Prefix::parse(text);
}

SellerProbeConfig seller()
{
    SellerProbeConfig s;
    s.seller = MemberId(7);
    s.routerV4 = addr("10.77.0.1");
    s.fwmark = 101;
    return s;
}

} // namespace

class TestQualityProbeConfig : public QObject
{
    Q_OBJECT

private slots:
    void defaultTargets_data();
    void defaultTargets();
    void analyzerConfig_data();
    void analyzerConfig();
    void sellerConfig_data();
    void sellerConfig();
    void destinationConfig();
    void targetMap_data();
    void targetMap();
    void pathKeyText();
    void tags();
    void echoRequestAndReply();
    void errorReports();
};

void TestQualityProbeConfig::defaultTargets_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("target");
    QTest::newRow("IPv4 /24: .1") << "198.51.100.0/24"
                                  << "198.51.100.1";
    QTest::newRow("IPv4 /16") << "10.20.0.0/16"
                              << "10.20.0.1";
    QTest::newRow("IPv4 /31") << "192.0.2.4/31"
                              << "192.0.2.5";
    QTest::newRow("IPv4 host") << "192.0.2.9/32"
                               << "192.0.2.9";
    QTest::newRow("IPv6 /32: ::1") << "2001:db8::/32"
                                   << "2001:db8::1";
    QTest::newRow("IPv6 /64") << "2001:db8:1:2::/64"
                              << "2001:db8:1:2::1";
    QTest::newRow("IPv6 host") << "2001:db8::7/128"
                               << "2001:db8::7";
    QTest::newRow("default route") << "0.0.0.0/0"
                                   << "0.0.0.1";
}

void TestQualityProbeConfig::defaultTargets()
{
    QFETCH(QString, prefix);
    QFETCH(QString, target);
    const auto p = pfx(prefix.toLatin1().constData());
    QCOMPARE(QString::fromStdString(defaultTarget(p).toString()), target);
    QVERIFY(p.contains(defaultTarget(p)));
    // Configured targets win over the default.
    const DestinationProbeConfig configured{p, {p.address()}};
    QVERIFY(targetsOf(configured) == std::vector<net::Address>{p.address()});
    QVERIFY(targetsOf(DestinationProbeConfig{p, {}})
            == std::vector<net::Address>{defaultTarget(p)});
}

void TestQualityProbeConfig::analyzerConfig_data()
{
    QTest::addColumn<int>("edit");
    QTest::addColumn<QString>("reason"); // empty: accepted
    QTest::newRow("defaults") << 0 << "";
    QTest::newRow("burst smaller than a train") << 1 << "bursts must hold at least one train";
    QTest::newRow("zero rate") << 2 << "rates must be positive";
    QTest::newRow("no protocol") << 3 << "no probe protocol";
    QTest::newRow("protocol twice") << 4 << "listed twice";
    QTest::newRow("one probe per train") << 5 << "two for a jitter";
    QTest::newRow("interval too short") << 6 << "interval";
    QTest::newRow("payload too small for the tag") << 7 << "payload";
    QTest::newRow("v6 source given as v4") << 8 << "probe_source_v6";
    QTest::newRow("nothing in flight") << 9 << "in flight";
    QTest::newRow("UDP port 0") << 10 << "UDP port 0";
}

void TestQualityProbeConfig::analyzerConfig()
{
    QFETCH(int, edit);
    QFETCH(QString, reason);
    AnalyzerConfig c;
    switch (edit) {
    case 1:
        c.schedule.sellerBurst = c.probesPerTrain - 1;
        break;
    case 2:
        c.schedule.globalRatePps = 0;
        break;
    case 3:
        c.protocols.clear();
        break;
    case 4:
        c.protocols = {ProbeProtocol::Udp, ProbeProtocol::Icmp, ProbeProtocol::Udp};
        break;
    case 5:
        c.probesPerTrain = 1;
        break;
    case 6:
        c.probeInterval = Duration(999'999);
        break;
    case 7:
        c.payloadBytes = 15;
        break;
    case 8:
        c.probeSourceV6 = addr("192.0.2.1");
        break;
    case 9:
        c.schedule.maxTrainsInFlight = 0;
        break;
    case 10:
        c.udpPort = 0;
        break;
    default:
        break;
    }
    const auto bad = checkConfig(c);
    if (reason.isEmpty()) {
        QVERIFY2(!bad, bad ? bad->c_str() : "");
    } else {
        QVERIFY(bad);
        QVERIFY2(QString::fromStdString(*bad).contains(reason), bad->c_str());
    }
}

void TestQualityProbeConfig::sellerConfig_data()
{
    QTest::addColumn<int>("edit");
    QTest::addColumn<QString>("reason");
    QTest::newRow("fwmark steering") << 0 << "";
    QTest::newRow("source-address steering") << 1 << "";
    QTest::newRow("no steering") << 2 << "needs a fwmark or a source address";
    QTest::newRow("both kinds of steering") << 3 << "not both";
    QTest::newRow("fwmark 0 is the main table") << 4 << "fwmark 0";
    QTest::newRow("no router") << 5 << "no router";
    QTest::newRow("v4 router given a v6 address") << 6 << "router_v4 is not an IPv4 address";
    QTest::newRow("source missing for the v6 router") << 7 << "source address for each family";
    QTest::newRow("seller 0") << 8 << "seller 0";
    QTest::newRow("budget rate without burst") << 9 << "budget rate and burst";
}

void TestQualityProbeConfig::sellerConfig()
{
    QFETCH(int, edit);
    QFETCH(QString, reason);
    SellerProbeConfig s = seller();
    switch (edit) {
    case 1:
        s.fwmark.reset();
        s.sourceV4 = addr("10.99.7.10");
        break;
    case 2:
        s.fwmark.reset();
        break;
    case 3:
        s.sourceV4 = addr("10.99.7.10");
        break;
    case 4:
        s.fwmark = 0;
        break;
    case 5:
        s.routerV4.reset();
        break;
    case 6:
        s.routerV4 = addr("2001:db8::1");
        break;
    case 7:
        s.fwmark.reset();
        s.sourceV4 = addr("10.99.7.10");
        s.routerV6 = addr("2001:db8::1");
        break;
    case 8:
        s.seller = MemberId(0);
        break;
    case 9:
        s.budgetPps = 10;
        break;
    default:
        break;
    }
    const auto bad = checkSeller(s);
    if (reason.isEmpty()) {
        QVERIFY2(!bad, bad ? bad->c_str() : "");
    } else {
        QVERIFY(bad);
        QVERIFY2(QString::fromStdString(*bad).contains(reason), bad->c_str());
    }
}

void TestQualityProbeConfig::destinationConfig()
{
    QVERIFY(!checkDestination({pfx("198.51.100.0/24"), {addr("198.51.100.9")}}));
    const auto bad = checkDestination({pfx("198.51.100.0/24"), {addr("198.51.101.9")}});
    QVERIFY(bad);
    QCOMPARE(*bad, std::string("target 198.51.101.9 is not inside 198.51.100.0/24"));
}

void TestQualityProbeConfig::targetMap_data()
{
    QTest::addColumn<QStringList>("entries");
    QTest::addColumn<QString>("reason");
    QTest::newRow("two mappings") << QStringList{"193.0.14.129=7:193.0.14.0/23",
                                                 "2001:7fd::1=7:2001:7fd::/32"}
                                  << "";
    QTest::newRow("the same mapping twice")
        << QStringList{"193.0.14.129=7:193.0.14.0/23", "193.0.14.129=7:193.0.14.0/23"} << "";
    QTest::newRow("no equals sign")
        << QStringList{"193.0.14.129"}
        << "target mapping 1 '193.0.14.129': expected ADDRESS=SELLER:PREFIX";
    QTest::newRow("bad address") << QStringList{"193.0.14.0/24=7:193.0.14.0/23"}
                                 << "target mapping 1";
    QTest::newRow("no seller") << QStringList{"193.0.14.129=193.0.14.0/23"}
                               << "is not SELLER:PREFIX";
    QTest::newRow("seller 0") << QStringList{"193.0.14.129=0:193.0.14.0/23"} << "seller 0";
    QTest::newRow("address outside the destination")
        << QStringList{"193.0.16.1=7:193.0.14.0/23"} << "193.0.16.1 is not inside 193.0.14.0/23";
    QTest::newRow("address mapped to two paths")
        << QStringList{"193.0.14.129=7:193.0.14.0/23", "193.0.14.129=8:193.0.14.0/23"}
        << "target mapping 2 '193.0.14.129=8:193.0.14.0/23': 193.0.14.129 is already mapped to "
           "7:193.0.14.0/23";
}

void TestQualityProbeConfig::targetMap()
{
    QFETCH(QStringList, entries);
    QFETCH(QString, reason);
    std::vector<std::string> text;
    for (const QString &e : entries)
        text.push_back(e.toStdString());
    const auto map = TargetMap::parse(text);
    if (!reason.isEmpty()) {
        QVERIFY(!map.hasValue());
        QVERIFY2(QString::fromStdString(map.error()).contains(reason), map.error().c_str());
        return;
    }
    QVERIFY2(map.hasValue(), map.hasValue() ? "" : map.error().c_str());
    const TargetLookup lookup = map->lookup();
    QVERIFY(lookup(addr("193.0.14.129")) == (PathKey{MemberId(7), pfx("193.0.14.0/23")}));
    QVERIFY(!lookup(addr("193.0.14.130")));
    // A single-path lookup accepts any address of its destination and nothing else.
    const TargetLookup single = singlePath(PathKey{MemberId(3), pfx("198.51.100.0/24")});
    QVERIFY(single(addr("198.51.100.200")));
    QVERIFY(!single(addr("198.51.101.1")));
}

void TestQualityProbeConfig::pathKeyText()
{
    const PathKey p{MemberId(7), pfx("2001:db8::/32")};
    QCOMPARE(toString(p), std::string("7:2001:db8::/32"));
    const auto back = parsePathKey("7:2001:db8::/32");
    QVERIFY(back.hasValue() && *back == p);
    QVERIFY(!parsePathKey("x:10.0.0.0/8").hasValue());
    QVERIFY(!parsePathKey("7:10.0.0.1/8").hasValue());
    QVERIFY(!parsePathKey("10.0.0.0/8").hasValue());
}

void TestQualityProbeConfig::tags()
{
    std::vector<std::uint8_t> payload(40);
    detail::writeTag(payload, 0x1122334455667788u, 77);
    QCOMPARE(detail::readTag(payload, 0x1122334455667788u), std::optional<std::uint32_t>(77));
    QVERIFY(!detail::readTag(payload, 0x1122334455667789u));                      // another train
    QVERIFY(!detail::readTag(std::span(payload).first(15), 0x1122334455667788u)); // cut short
    payload[0] = 'X';
    QVERIFY(!detail::readTag(payload, 0x1122334455667788u));
}

void TestQualityProbeConfig::echoRequestAndReply()
{
    const std::uint64_t nonce = 42;
    for (const auto family : {net::Family::V4, net::Family::V6}) {
        auto packet = detail::echoRequest(family, nonce, 70'000, 32);
        QCOMPARE(packet.size(), std::size_t(40));
        QCOMPARE(int(packet[0]), family == net::Family::V4 ? 8 : 128);
        QCOMPARE(int(packet[6]) << 8 | int(packet[7]), 70'000 & 0xffff);
        QVERIFY(!detail::echoReplySequence(family, packet, nonce)); // a request is no reply
        packet[0] = family == net::Family::V4 ? 0 : 129;            // as the target answers
        QCOMPARE(detail::echoReplySequence(family, packet, nonce),
                 std::optional<std::uint32_t>(70'000));
        QVERIFY(!detail::echoReplySequence(family, packet, nonce + 1));
        auto tampered = packet;
        tampered[7] ^= 1; // ICMP sequence disagrees with the tag
        QVERIFY(!detail::echoReplySequence(family, tampered, nonce));
        QVERIFY(!detail::echoReplySequence(family, std::span(packet).first(23), nonce));
    }
    const auto udp = detail::udpPayload(nonce, 5, 16);
    QCOMPARE(detail::readTag(udp, nonce), std::optional<std::uint32_t>(5));
}

void TestQualityProbeConfig::errorReports()
{
    using R = detail::ErrorReport;
    const net::Address target = addr("198.51.100.1");
    R port{R::Origin::Icmp, 3, 3, 111, target};
    QVERIFY(detail::isPortUnreachableFrom(port, target));
    QCOMPARE(detail::describe(port), std::string("ICMP port unreachable from 198.51.100.1"));
    R fromRouter = port;
    fromRouter.offender = addr("10.78.1.2"); // a router's port unreachable is not the target's
    QVERIFY(!detail::isPortUnreachableFrom(fromRouter, target));
    R host{R::Origin::Icmp, 3, 1, 113, addr("10.78.1.2")};
    QVERIFY(!detail::isPortUnreachableFrom(host, target));
    QCOMPARE(detail::describe(host), std::string("ICMP host unreachable from 10.78.1.2"));
    QCOMPARE(detail::describe(R{R::Origin::Icmp, 11, 0, 0, addr("10.0.0.1")}),
             std::string("ICMP time exceeded from 10.0.0.1"));
    const net::Address target6 = addr("2001:db8::1");
    QVERIFY(detail::isPortUnreachableFrom(R{R::Origin::Icmp6, 1, 4, 111, target6}, target6));
    QCOMPARE(detail::describe(R{R::Origin::Icmp6, 1, 1, 13, addr("2001:db8::2")}),
             std::string("ICMPv6 administratively prohibited from 2001:db8::2"));
    QCOMPARE(detail::describe(R{R::Origin::Local, 0, 0, 113, std::nullopt}),
             std::string("local error: No route to host"));
}

QTEST_APPLESS_MAIN(TestQualityProbeConfig)
#include "tst_quality_probe_config.moc"
