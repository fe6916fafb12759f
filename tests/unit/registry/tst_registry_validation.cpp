// Every validation rule as a table row: the route, the configuration tweak it needs, the reason
// it must get and words its explanation must contain. Rows named "... beats ..." pin the order
// in which the checks run.
#include "registry_fixture.h"

#include <QTest>

using namespace bwx;
using namespace bwx::registry;
using namespace bwx::registry::test;

namespace {

void applyTweak(RegistryConfig &config, const QString &tweak)
{
    for (const QString &t : tweak.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (t == QLatin1String("strict-docs"))
            config.allowDocumentationPrefixes = false;
        else if (t == QLatin1String("strict-asns"))
            config.allowDocumentationAsns = false;
        else if (t == QLatin1String("reject-as-sets"))
            config.rejectAsSets = true;
        else if (t == QLatin1String("allow-private"))
            config.rejectPrivateAsns = false;
        else if (t == QLatin1String("rpki-accept-invalid"))
            config.rpki.rejectInvalid = false;
        else if (t == QLatin1String("rpki-reject-not-found"))
            config.rpki.rejectNotFound = true;
        else if (t == QLatin1String("irr-accept-invalid"))
            config.irr.rejectInvalid = false;
        else if (t == QLatin1String("irr-reject-not-found"))
            config.irr.rejectNotFound = true;
        else if (t == QLatin1String("irr-exact-only"))
            config.irr.allowMoreSpecifics = false;
        else if (t == QLatin1String("no-lan"))
            config.lanPrefixes.clear();
        else
            qFatal("unknown tweak %s", qPrintable(t));
    }
}

// 64-hop path from alpha (prepending is allowed; 64 is the default limit).
QString prepended(int hops)
{
    QStringList asns;
    for (int i = 0; i < hops; ++i)
        asns << QStringLiteral("64500");
    return asns.join(QLatin1Char(' '));
}

} // namespace

class TestRegistryValidation : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void standardBogonsParse();
    void checkOrderIsReasonOrder();
    void configErrors_data();
    void configErrors();
};

void TestRegistryValidation::rules_data()
{
    QTest::addColumn<QString>("tweak");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("nextHop");
    QTest::addColumn<QString>("communities");
    QTest::addColumn<int>("reason");
    QTest::addColumn<QString>("explains");

    const auto row
        = [](const char *name, const char *tweak, const char *prefix, const char *path,
             const char *nextHop, const char *communities, Reason reason, const char *explains) {
              QTest::newRow(name) << QString::fromUtf8(tweak) << QString::fromUtf8(prefix)
                                  << QString::fromUtf8(path) << QString::fromUtf8(nextHop)
                                  << QString::fromUtf8(communities) << int(reason)
                                  << QString::fromUtf8(explains);
          };
    const Reason ok = Reason::None;

    row("valid IPv4 route", "", "203.0.113.0/24", "64500", "192.0.2.1", "", ok, "");
    row("valid IPv6 route", "", "2001:db8:1::/48", "64500", "2001:db8:ffff::1", "", ok, "");
    row("second ASN of the member", "", "12.0.0.0/8", "64501 64502", "192.0.2.1", "", ok, "");

    // default routes
    row("default route IPv4", "", "0.0.0.0/0", "64500", "192.0.2.1", "", Reason::DefaultRoute,
        "default route");
    row("default route IPv6", "", "::/0", "64500", "2001:db8:ffff::1", "", Reason::DefaultRoute,
        "default route");

    // bogons and martians, IPv4
    row("0/8 this network", "", "0.0.0.0/8", "64500", "192.0.2.1", "", Reason::Bogon, "RFC 791");
    row("10/8 private", "", "10.1.0.0/16", "64500", "192.0.2.1", "", Reason::Bogon,
        "private use, RFC 1918");
    row("100.64/10 shared", "", "100.100.0.0/16", "64500", "192.0.2.1", "", Reason::Bogon,
        "RFC 6598");
    row("127/8 loopback", "", "127.0.0.0/8", "64500", "192.0.2.1", "", Reason::Bogon, "loopback");
    row("169.254/16 link local", "", "169.254.0.0/16", "64500", "192.0.2.1", "", Reason::Bogon,
        "link local");
    row("172.16/12 private", "", "172.20.0.0/16", "64500", "192.0.2.1", "", Reason::Bogon,
        "RFC 1918");
    row("192.0.0/24 IETF", "", "192.0.0.0/24", "64500", "192.0.2.1", "", Reason::Bogon, "RFC 6890");
    row("192.88.99/24 6to4 relay", "", "192.88.99.0/24", "64500", "192.0.2.1", "", Reason::Bogon,
        "6to4");
    row("192.168/16 private", "", "192.168.10.0/24", "64500", "192.0.2.1", "", Reason::Bogon,
        "RFC 1918");
    row("198.18/15 benchmarking", "", "198.19.0.0/16", "64500", "192.0.2.1", "", Reason::Bogon,
        "RFC 2544");
    row("224/4 multicast", "", "224.1.0.0/16", "64500", "192.0.2.1", "", Reason::Bogon,
        "multicast");
    row("240/4 reserved", "", "250.0.0.0/8", "64500", "192.0.2.1", "", Reason::Bogon, "reserved");
    row("public aggregate next to bogon space", "", "11.0.0.0/8", "64500", "192.0.2.1", "", ok, "");
    // documentation prefixes and the flag
    row("TEST-NET-1 refused without flag", "strict-docs", "192.0.2.0/24", "64500", "192.0.2.1", "",
        Reason::Bogon, "allow_documentation_prefixes");
    row("TEST-NET-2 refused without flag", "strict-docs", "198.51.100.0/24", "64500", "192.0.2.1",
        "", Reason::Bogon, "TEST-NET-2");
    row("TEST-NET-3 refused without flag", "strict-docs", "203.0.113.0/24", "64500", "192.0.2.1",
        "", Reason::Bogon, "TEST-NET-3 documentation, RFC 5737");
    row("TEST-NET-3 more specific refused without flag", "strict-docs", "203.0.113.0/25", "64500",
        "192.0.2.1", "", Reason::Bogon, "203.0.113.0/24");
    row("2001:db8::/32 refused without flag", "strict-docs", "2001:db8:1::/48", "64500",
        "2001:db8:ffff::1", "", Reason::Bogon, "RFC 3849");
    row("3fff::/20 refused without flag", "strict-docs", "3fff:1::/32", "64500", "2001:db8:ffff::1",
        "", Reason::Bogon, "RFC 9637");
    row("TEST-NET-3 accepted with flag", "", "203.0.113.0/24", "64500", "192.0.2.1", "", ok, "");
    row("aggregate covering TEST-NET-3 is no bogon", "strict-docs", "203.0.0.0/16", "64500",
        "192.0.2.1", "", ok, "");
    // bogons, IPv6
    row("::/8 reserved", "", "::/8", "64500", "2001:db8:ffff::1", "", Reason::Bogon, "RFC 4291");
    row("loopback /128 is a bogon first", "", "::1/128", "64500", "2001:db8:ffff::1", "",
        Reason::Bogon, "loopback");
    row("100::/64 discard", "", "100::/64", "64500", "2001:db8:ffff::1", "", Reason::Bogon,
        "RFC 6666");
    row("2001::/32 Teredo in 2001::/23", "", "2001::/32", "64500", "2001:db8:ffff::1", "",
        Reason::Bogon, "RFC 2928");
    row("AS112-v6 carved out of 2001::/23", "", "2001:4:112::/48", "64500", "2001:db8:ffff::1", "",
        ok, "");
    row("AMT carved out of 2001::/23", "", "2001:3::/32", "64500", "2001:db8:ffff::1", "", ok, "");
    row("2002::/16 6to4", "", "2002:c000::/24", "64500", "2001:db8:ffff::1", "", Reason::Bogon,
        "6to4");
    row("fc00::/7 unique local", "", "fd00:1::/32", "64500", "2001:db8:ffff::1", "", Reason::Bogon,
        "RFC 4193");
    row("fe80::/10 link local", "", "fe80::/16", "64500", "2001:db8:ffff::1", "", Reason::Bogon,
        "link local");
    row("ff00::/8 multicast", "", "ff02::/16", "64500", "2001:db8:ffff::1", "", Reason::Bogon,
        "multicast");
    row("outside 2000::/3", "", "4000::/16", "64500", "2001:db8:ffff::1", "", Reason::Bogon,
        "2000::/3");
    row("global unicast accepted", "", "2a00:1::/32", "64500", "2001:db8:ffff::1", "", ok, "");

    // prefix length
    row("IPv4 /25 too specific", "", "203.0.113.0/25", "64500", "192.0.2.1", "",
        Reason::TooSpecific, "maximum /24");
    row("IPv6 /49 too specific", "", "2001:db8:1::/49", "64500", "2001:db8:ffff::1", "",
        Reason::TooSpecific, "maximum /48");
    row("IPv4 /7 too short", "", "2.0.0.0/7", "64500", "192.0.2.1", "", Reason::TooShort,
        "minimum /8");
    row("IPv6 /15 too short", "", "2000::/15", "64500", "2001:db8:ffff::1", "", Reason::TooShort,
        "minimum /16");
    row("IPv4 /8 long enough", "", "11.0.0.0/8", "64500", "192.0.2.1", "", ok, "");

    // next hop
    row("next hop off the LAN", "", "203.0.113.0/24", "64500", "198.51.100.1", "",
        Reason::NextHopNotOnLan, "not on the exchange LAN (192.0.2.0/24, 2001:db8:ffff::/64)");
    row("next hop of another member", "", "203.0.113.0/24", "64500", "192.0.2.2", "",
        Reason::NextHopNotMemberRouter, "not a router of Alpha Networks");
    row("next hop unregistered on the LAN", "", "203.0.113.0/24", "64500", "192.0.2.99", "",
        Reason::NextHopNotMemberRouter, "192.0.2.1, 2001:db8:ffff::1");
    row("next hop anywhere without a LAN", "no-lan", "203.0.113.0/24", "64500", "198.51.100.1", "",
        Reason::NextHopNotMemberRouter, "198.51.100.1");
    row("IPv4 route over the member's IPv6 router", "", "203.0.113.0/24", "64500",
        "2001:db8:ffff::1", "", ok, "");

    // AS path
    row("empty AS path", "", "203.0.113.0/24", "", "192.0.2.1", "", Reason::EmptyAsPath,
        "empty AS path");
    row("64 hops allowed", "", "203.0.113.0/24", qPrintable(prepended(64)), "192.0.2.1", "", ok,
        "");
    row("65 hops too long", "", "203.0.113.0/24", qPrintable(prepended(65)), "192.0.2.1", "",
        Reason::AsPathTooLong, "65 hops");
    row("first AS not the member's", "", "203.0.113.0/24", "64510 64500", "192.0.2.1", "",
        Reason::FirstAsNotMember,
        "first AS 64510 is not an ASN of Alpha Networks (AS64500, AS64501)");
    row("path starting with an AS_SET", "", "203.0.113.0/24", "{64500 64501}", "192.0.2.1", "",
        Reason::FirstAsNotMember, "starting with an AS_SET");
    row("AS_SET accepted by default", "", "12.0.0.0/8", "64500 {64502 64503}", "192.0.2.1", "", ok,
        "");
    row("AS_SET refused when configured", "reject-as-sets", "203.0.113.0/24", "64500 {64502 64503}",
        "192.0.2.1", "", Reason::AsSetInPath, "64500 {64502 64503}");
    row("AS_TRANS in path", "", "203.0.113.0/24", "64500 23456", "192.0.2.1", "",
        Reason::ReservedAsn, "AS_TRANS");
    row("AS0 in path", "", "203.0.113.0/24", "64500 0", "192.0.2.1", "", Reason::ReservedAsn,
        "RFC 7607");
    row("AS65535 in path", "", "203.0.113.0/24", "64500 65535", "192.0.2.1", "",
        Reason::ReservedAsn, "RFC 7300");
    row("IANA reserved 32-bit ASN", "", "203.0.113.0/24", "64500 70000", "192.0.2.1", "",
        Reason::ReservedAsn, "reserved by IANA");
    row("AS4294967295 in path", "", "203.0.113.0/24", "64500 4294967295", "192.0.2.1", "",
        Reason::ReservedAsn, "AS4294967295");
    row("documentation ASN refused without flag", "strict-asns", "203.0.113.0/24", "64500",
        "192.0.2.1", "", Reason::ReservedAsn, "allow_documentation_asns");
    row("reserved ASN inside an AS_SET", "", "203.0.113.0/24", "64500 {64502 23456}", "192.0.2.1",
        "", Reason::ReservedAsn, "AS23456");
    row("private 16-bit ASN", "", "203.0.113.0/24", "64500 64512", "192.0.2.1", "",
        Reason::PrivateAsn, "private AS64512");
    row("private 32-bit ASN", "", "203.0.113.0/24", "64500 4200000001", "192.0.2.1", "",
        Reason::PrivateAsn, "AS4200000001");
    row("private ASN allowed when configured", "allow-private", "12.0.0.0/8", "64500 65000",
        "192.0.2.1", "", ok, "");

    // class communities
    row("unknown class value", "", "203.0.113.0/24", "64500", "192.0.2.1", "64496:1:7",
        Reason::UnknownClassCommunity, "64496:1:7 names no route class");
    row("class value 0", "", "203.0.113.0/24", "64500", "192.0.2.1", "64496:1:0",
        Reason::UnknownClassCommunity, "64496:1:1 customer");
    row("conflicting classes", "", "203.0.113.0/24", "64500", "192.0.2.1", "64496:1:1 64496:1:3",
        Reason::ConflictingClassCommunities, "64496:1:1 (customer) and 64496:1:3 (transit)");
    row("same class twice", "", "203.0.113.0/24", "64500", "192.0.2.1", "64496:1:2 64496:1:2", ok,
        "");

    // RPKI (VRPs: 203.0.113.0/24-24 AS64500, 198.51.100.0/24-24 AS64509, 2001:db8::/32-48 AS64500)
    row("RPKI valid", "", "203.0.113.0/24", "64500", "192.0.2.1", "", ok, "");
    row("RPKI invalid origin", "", "198.51.100.0/24", "64500", "192.0.2.1", "", Reason::RpkiInvalid,
        "no VRP authorises origin AS64500 for 198.51.100.0/24 (covering VRPs: 198.51.100.0/24-24 "
        "AS64509)");
    row("RPKI invalid through an AS_SET origin", "", "203.0.113.0/24", "64500 {64502 64503}",
        "192.0.2.1", "", Reason::RpkiInvalid, "ending in an AS_SET");
    row("RPKI invalid accepted when configured", "rpki-accept-invalid,irr-accept-invalid",
        "198.51.100.0/24", "64500", "192.0.2.1", "", ok, "");
    row("RPKI not found accepted by default", "", "11.0.0.0/8", "64500", "192.0.2.1", "", ok, "");
    row("RPKI not found refused when configured", "rpki-reject-not-found", "11.0.0.0/8", "64500",
        "192.0.2.1", "", Reason::RpkiNotFound, "no VRP covers 11.0.0.0/8");

    // IRR (objects: 193.0.0.0/21 AS3333, 203.0.113.0/24 AS64500, 11.0.0.0/8 AS64500)
    row("IRR invalid origin", "", "193.0.0.0/21", "64500", "192.0.2.1", "", Reason::IrrInvalid,
        "registered: 193.0.0.0/21 AS3333");
    row("IRR more specific of an object", "", "11.1.0.0/16", "64500", "192.0.2.1", "", ok, "");
    row("IRR more specific refused exact-only", "irr-exact-only,irr-reject-not-found",
        "11.1.0.0/16", "64500", "192.0.2.1", "", Reason::IrrNotFound,
        "no route object matches 11.1.0.0/16");
    row("IRR invalid accepted when configured", "irr-accept-invalid", "193.0.0.0/21", "64500",
        "192.0.2.1", "", ok, "");
    row("IRR not found refused when configured", "irr-reject-not-found", "12.0.0.0/8", "64500",
        "192.0.2.1", "", Reason::IrrNotFound, "no route object covers 12.0.0.0/8");

    // the order of the checks
    row("default route beats bogon", "", "0.0.0.0/0", "", "10.0.0.1", "", Reason::DefaultRoute, "");
    row("bogon beats too specific", "", "10.0.0.0/25", "64500", "192.0.2.1", "", Reason::Bogon, "");
    row("too specific beats next hop", "", "203.0.113.0/25", "64500", "198.51.100.1", "",
        Reason::TooSpecific, "");
    row("next hop beats empty path", "", "203.0.113.0/24", "", "192.0.2.2", "",
        Reason::NextHopNotMemberRouter, "");
    row("empty path beats class conflict", "", "203.0.113.0/24", "", "192.0.2.1",
        "64496:1:1 64496:1:2", Reason::EmptyAsPath, "");
    row("first AS beats reserved ASN", "", "203.0.113.0/24", "23456 64500", "192.0.2.1", "",
        Reason::FirstAsNotMember, "");
    row("reserved beats private", "", "203.0.113.0/24", "64500 64512 23456", "192.0.2.1", "",
        Reason::ReservedAsn, "");
    row("private beats class", "", "203.0.113.0/24", "64500 64512", "192.0.2.1", "64496:1:9",
        Reason::PrivateAsn, "");
    row("unknown class beats conflict", "", "203.0.113.0/24", "64500", "192.0.2.1",
        "64496:1:1 64496:1:2 64496:1:9", Reason::UnknownClassCommunity, "");
    row("class conflict beats RPKI", "", "198.51.100.0/24", "64500", "192.0.2.1",
        "64496:1:1 64496:1:2", Reason::ConflictingClassCommunities, "");
    row("RPKI beats IRR", "", "198.51.100.0/24", "64500", "192.0.2.1", "", Reason::RpkiInvalid, "");
}

void TestRegistryValidation::rules()
{
    QFETCH(QString, tweak);
    QFETCH(QString, prefix);
    QFETCH(QString, path);
    QFETCH(QString, nextHop);
    QFETCH(QString, communities);
    QFETCH(int, reason);
    QFETCH(QString, explains);

    RegistryConfig config = labConfig();
    applyTweak(config, tweak);
    Registry registry(config);
    addMembers(registry);
    registry.loadVrps(
        vrps("203.0.113.0/24-24 AS64500; 198.51.100.0/24-24 AS64509; 2001:db8::/32-48 AS64500"));
    registry.loadIrr(irr("193.0.0.0/21 AS3333; 203.0.113.0/24 AS64500; 11.0.0.0/8 AS64500; "
                         "198.51.100.0/24 AS64509"));

    const RouteInput route = makeRoute(prefix.toStdString(), path.toStdString(),
                                       nextHop.toStdString(), communities.toStdString());
    const net::Address peer
        = route.prefix.family() == net::Family::V4 ? addr("192.0.2.1") : addr("2001:db8:ffff::1");
    const auto result = registry.announce(kAlpha, peer, route);
    QVERIFY2(result.hasValue(), result.hasValue() ? "" : result.error().c_str());
    QCOMPARE(nameOf(result->reason), nameOf(static_cast<Reason>(reason)));
    QCOMPARE(nameOf(result->status),
             nameOf(reason == 0 ? RouteStatus::Valid : RouteStatus::Invalid));

    const auto stored = registry.route(kAlpha, peer, route.prefix);
    QVERIFY(stored.has_value());
    QCOMPARE(int(stored->reason), reason);
    if (reason == 0)
        QVERIFY(stored->reasonText.empty());
    else
        QVERIFY2(QString::fromStdString(stored->reasonText).contains(explains),
                 stored->reasonText.c_str());
    const RouteCounters counters = registry.counters(kAlpha);
    QCOMPARE(counters.received, std::uint64_t(1));
    QCOMPARE(counters.accepted, std::uint64_t(reason == 0 ? 1 : 0));
    QCOMPARE(counters.rejectedByReason[std::size_t(reason)], std::uint64_t(reason == 0 ? 0 : 1));
    QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());
}

void TestRegistryValidation::standardBogonsParse()
{
    // standardBogons() turns a table of text into prefixes; a typo there would silently become
    // 0.0.0.0/0, which would make every route a bogon.
    const auto bogons = standardBogons();
    QVERIFY(bogons.size() > 30);
    for (const BogonEntry &entry : bogons) {
        QVERIFY2(entry.prefix.length() > 0, entry.description.c_str());
        QVERIFY(!entry.description.empty());
    }
    QVERIFY(checkConfig(labConfig()).hasValue());
}

void TestRegistryValidation::checkOrderIsReasonOrder()
{
    // The names are part of the protocol and of the documentation; each must round-trip.
    for (std::size_t i = 0; i < kReasonCount; ++i) {
        const auto reason = static_cast<Reason>(i);
        QCOMPARE(parseReason(toString(reason)), std::optional<Reason>(reason));
    }
    QCOMPARE(parseReason("no-such-reason"), std::optional<Reason>());
}

void TestRegistryValidation::configErrors_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("message");
    QTest::newRow("no exchange ASN") << 0 << "exchange_asn 0";
    QTest::newRow("max length v4 too long") << 1 << "max_length_v4 33 out of range 1-32";
    QTest::newRow("min above max v6") << 2 << "min_length_v6 64 out of range 1-48";
    QTest::newRow("zero path length") << 3 << "max_as_path_length";
    QTest::newRow("duplicate bogon") << 4 << "bogon list has 10.0.0.0/8 twice";
    QTest::newRow("default route LAN") << 5 << "exchange LAN 0.0.0.0/0";
}

void TestRegistryValidation::configErrors()
{
    QFETCH(int, which);
    QFETCH(QString, message);
    RegistryConfig config = labConfig();
    switch (which) {
    case 0:
        config.exchangeAsn = 0;
        break;
    case 1:
        config.maxLengthV4 = 33;
        break;
    case 2:
        config.minLengthV6 = 64;
        break;
    case 3:
        config.maxAsPathLength = 0;
        break;
    case 4:
        config.bogons.push_back({pfx("10.0.0.0/8"), BogonKind::Bogon, "again"});
        break;
    case 5:
        config.lanPrefixes.push_back(pfx("0.0.0.0/0"));
        break;
    }
    const auto status = checkConfig(config);
    QVERIFY(!status.hasValue());
    QVERIFY2(QString::fromStdString(status.error()).contains(message), status.error().c_str());

    Registry registry(labConfig());
    const std::uint64_t before = registry.stateHash();
    QVERIFY(!registry.setConfig(config).hasValue());
    QCOMPARE(registry.stateHash(), before);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Registry{config});
}

QTEST_APPLESS_MAIN(TestRegistryValidation)
#include "tst_registry_validation.moc"
