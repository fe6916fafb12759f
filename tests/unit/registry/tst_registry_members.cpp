// Members and sessions through the API: refused configurations change nothing, sessions are
// independent, max-prefix refuses and reports, notifications tell the market what changed.
#include "registry_fixture.h"

#include <QTest>

using namespace bwx;
using namespace bwx::registry;
using namespace bwx::registry::test;

class TestRegistryMembers : public QObject
{
    Q_OBJECT

private slots:
    void refusedMembers_data();
    void refusedMembers();
    void canonicalForm();
    void refusedCalls();
    void sessionsAreIndependent();
    void maxPrefix();
    void notifications();
    void updateMember();
    void removeMember();
};

void TestRegistryMembers::refusedMembers_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("message");
    QTest::newRow("id 0") << 0 << "member id 0 is reserved";
    QTest::newRow("empty name") << 1 << "empty name";
    QTest::newRow("control character in name") << 2 << "control character";
    QTest::newRow("no ASN") << 3 << "no ASN";
    QTest::newRow("AS_TRANS as ASN")
        << 4 << "AS23456 cannot be a member's ASN (AS_TRANS, RFC 6793)";
    QTest::newRow("ASN twice") << 5 << "AS64600 listed twice";
    QTest::newRow("router twice") << 6 << "router 192.0.2.9 listed twice";
    QTest::newRow("port without capacity") << 7 << "port p1 has no capacity";
    QTest::newRow("port name twice") << 8 << "port p1 listed twice";
    QTest::newRow("taken id") << 9 << "member 1 already exists";
    QTest::newRow("taken name") << 10 << "member name \"Alpha Networks\" is taken by member 1";
    QTest::newRow("ASN of another member") << 11 << "AS64510 belongs to member 2";
    QTest::newRow("router of another member") << 12 << "router 192.0.2.4 belongs to member 3";
    QTest::newRow("router off the LAN") << 13 << "router 198.51.100.9 is not on the exchange LAN";
    QTest::newRow("policy naming member 0") << 14 << "policy lists member id 0";
}

void TestRegistryMembers::refusedMembers()
{
    QFETCH(int, which);
    QFETCH(QString, message);
    Registry registry(labConfig());
    addMembers(registry);
    const std::uint64_t before = registry.stateHash();

    MemberConfig m;
    m.id = MemberId{4};
    m.name = "Delta";
    m.asns = {64600};
    m.routers = {addr("192.0.2.9")};
    switch (which) {
    case 0:
        m.id = MemberId{0};
        break;
    case 1:
        m.name.clear();
        break;
    case 2:
        m.name = "Del\nta";
        break;
    case 3:
        m.asns.clear();
        break;
    case 4:
        m.asns = {23456};
        break;
    case 5:
        m.asns = {64600, 64600};
        break;
    case 6:
        m.routers = {addr("192.0.2.9"), addr("192.0.2.9")};
        break;
    case 7:
        m.ports = {{"p1", Bandwidth(0)}};
        break;
    case 8:
        m.ports = {{"p1", mbps(1)}, {"p1", mbps(2)}};
        break;
    case 9:
        m.id = kAlpha;
        break;
    case 10:
        m.name = "Alpha Networks";
        break;
    case 11:
        m.asns = {64600, 64510};
        break;
    case 12:
        m.routers = {addr("192.0.2.4")};
        break;
    case 13:
        m.routers = {addr("198.51.100.9")};
        break;
    case 14:
        m.policy.transit.members = {MemberId{0}};
        break;
    }
    const auto status = registry.addMember(m);
    QVERIFY(!status.hasValue());
    QVERIFY2(QString::fromStdString(status.error()).contains(message), status.error().c_str());
    QCOMPARE(registry.stateHash(), before);
    QVERIFY(!registry.member(MemberId{4}));
    // The same checks guard updates of an existing member (charlie: 192.0.2.4 is its own).
    if (which != 0 && which != 9 && which != 12) {
        m.id = kCharlie;
        if (which == 10)
            m.name = "Alpha Networks";
        const auto update = registry.updateMember(m);
        QVERIFY(!update.hasValue());
        QCOMPARE(registry.stateHash(), before);
    }
}

void TestRegistryMembers::canonicalForm()
{
    Registry registry(labConfig());
    addMembers(registry);
    const MemberConfig *a = registry.member(kAlpha);
    QVERIFY(a);
    QCOMPARE(a->asns, (std::vector<std::uint32_t>{64500, 64501}));
    QCOMPARE(a->routers, (std::vector<net::Address>{addr("192.0.2.1"), addr("2001:db8:ffff::1")}));
    QCOMPARE(registry.memberIds(), (std::vector<MemberId>{kAlpha, kBravo, kCharlie}));
    QCOMPARE(registry.memberByRouter(addr("192.0.2.3")), std::optional(kBravo));
    QCOMPARE(registry.memberByRouter(addr("192.0.2.99")), std::optional<MemberId>());
    QCOMPARE(registry.memberByAsn(64501), std::optional(kAlpha));
    QCOMPARE(registry.memberByAsn(1), std::optional<MemberId>());
    QCOMPARE(registry.member(kBravo)->ports.size(), std::size_t(2));
}

void TestRegistryMembers::refusedCalls()
{
    Registry registry(labConfig());
    addMembers(registry);
    const auto route = makeRoute("203.0.113.0/24", "64500", "192.0.2.1");
    const std::uint64_t before = registry.stateHash();

    auto result = registry.announce(MemberId{9}, addr("192.0.2.1"), route);
    QCOMPARE(QString::fromStdString(result.error()), QStringLiteral("unknown member 9"));
    result = registry.announce(kAlpha, addr("192.0.2.2"), route);
    QCOMPARE(QString::fromStdString(result.error()),
             QStringLiteral("192.0.2.2 is not a router of Alpha Networks"));
    RouteInput broken = route;
    broken.asSets = {{0, 2}}; // runs past the one-ASN path
    result = registry.announce(kAlpha, addr("192.0.2.1"), broken);
    QVERIFY(
        QString::fromStdString(result.error()).contains(QLatin1String("runs past the AS path")));
    broken.asSets = {{0, 0}};
    QVERIFY(QString::fromStdString(registry.announce(kAlpha, addr("192.0.2.1"), broken).error())
                .contains("empty"));
    broken = makeRoute("203.0.113.0/24", "64500 {64502} {64503 64504}", "192.0.2.1");
    std::swap(broken.asSets[0], broken.asSets[1]);
    QVERIFY(QString::fromStdString(registry.announce(kAlpha, addr("192.0.2.1"), broken).error())
                .contains("sorted"));
    QVERIFY(!registry.withdraw(kAlpha, addr("192.0.2.9"), route.prefix).hasValue());
    QVERIFY(!registry.withdrawAll(MemberId{9}, addr("192.0.2.1")).hasValue());
    QVERIFY(!registry.removeMember(MemberId{9}).hasValue());
    QCOMPARE(registry.stateHash(), before);
    QCOMPARE(registry.counters(kAlpha).announcements, std::uint64_t(0));
}

void TestRegistryMembers::sessionsAreIndependent()
{
    Registry registry(labConfig());
    addMembers(registry);
    const auto viaFirst = makeRoute("203.0.113.0/24", "64510", "192.0.2.2");
    const auto viaSecond = makeRoute("203.0.113.0/24", "64510", "192.0.2.3");
    QVERIFY(registry.announce(kBravo, addr("192.0.2.2"), viaFirst));
    QVERIFY(registry.announce(kBravo, addr("192.0.2.3"), viaSecond));
    QCOMPARE(registry.counters(kBravo).received, std::uint64_t(2));
    // One session going down leaves what the other still announces.
    QCOMPARE(*registry.withdrawAll(kBravo, addr("192.0.2.2")), std::uint64_t(1));
    QVERIFY(registry.canDeliver(kBravo, Destination::ofPrefix(pfx("203.0.113.0/24"))));
    QVERIFY(!registry.route(kBravo, addr("192.0.2.2"), viaFirst.prefix));
    QVERIFY(registry.route(kBravo, addr("192.0.2.3"), viaFirst.prefix));
    // A member may announce with another of its routers as next hop.
    QVERIFY(registry.announce(kBravo, addr("192.0.2.2"), viaSecond)->status == RouteStatus::Valid);
    QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());
}

void TestRegistryMembers::maxPrefix()
{
    Registry registry(labConfig());
    MemberConfig m = alpha();
    m.maxPrefixV4 = 3;
    m.maxPrefixV6 = 1;
    QVERIFY(registry.addMember(m));
    RecordingListener listener;
    registry.setListener(&listener);
    const net::Address v4 = addr("192.0.2.1");
    for (int i = 0; i < 3; ++i)
        QVERIFY(
            registry
                .announce(kAlpha, v4,
                          makeRoute("11." + std::to_string(i) + ".0.0/16", "64500", "192.0.2.1"))
                ->stored);
    // A replacement at the limit is no new prefix.
    QVERIFY(registry.announce(kAlpha, v4, makeRoute("11.0.0.0/16", "64500 64502", "192.0.2.1"))
                ->stored);
    const auto refused
        = registry.announce(kAlpha, v4, makeRoute("11.3.0.0/16", "64500", "192.0.2.1"));
    QVERIFY(!refused->stored);
    QCOMPARE(nameOf(refused->reason), nameOf(Reason::MaxPrefixExceeded));
    QVERIFY(!registry.route(kAlpha, v4, pfx("11.3.0.0/16")));
    QCOMPARE(listener.maxPrefix.size(), std::size_t(1));
    QCOMPARE(listener.maxPrefix[0].limit, std::uint32_t(3));
    QCOMPARE(listener.maxPrefix[0].peer, v4);
    QVERIFY(listener.maxPrefix[0].family == net::Family::V4);
    QCOMPARE(registry.counters(kAlpha).maxPrefixRefusals, std::uint64_t(1));
    QCOMPARE(registry.counters(kAlpha).received, std::uint64_t(3));
    // Invalid routes count toward the limit too (they are held).
    QVERIFY(*registry.withdraw(kAlpha, v4, pfx("11.2.0.0/16")));
    QVERIFY(registry.announce(kAlpha, v4, makeRoute("10.0.0.0/8", "64500", "192.0.2.1"))->stored);
    QVERIFY(!registry.announce(kAlpha, v4, makeRoute("11.4.0.0/16", "64500", "192.0.2.1"))->stored);
    // IPv6 has its own limit, on the IPv6 session.
    const net::Address v6 = addr("2001:db8:ffff::1");
    QVERIFY(
        registry.announce(kAlpha, v6, makeRoute("2001:db8:1::/48", "64500", "2001:db8:ffff::1"))
            ->stored);
    QVERIFY(
        !registry.announce(kAlpha, v6, makeRoute("2001:db8:2::/48", "64500", "2001:db8:ffff::1"))
             ->stored);
    QCOMPARE(listener.maxPrefix.size(), std::size_t(3));
    QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());
}

void TestRegistryMembers::notifications()
{
    Registry registry(labConfig());
    addMembers(registry);
    RecordingListener listener;
    registry.setListener(&listener);
    const net::Address v4 = addr("192.0.2.1");
    const auto route = makeRoute("203.0.113.0/24", "64500", "192.0.2.1");
    QVERIFY(registry.announce(kAlpha, v4, route));
    QVERIFY(registry.announce(kAlpha, v4, route)); // identical: nothing to tell
    QVERIFY(registry.announce(kAlpha, v4, makeRoute("203.0.113.0/24", "64500 64512", "192.0.2.1")));
    QVERIFY(registry.announce(kAlpha, v4, route));
    QVERIFY(*registry.withdraw(kAlpha, v4, route.prefix));
    QVERIFY(!*registry.withdraw(kAlpha, v4, route.prefix));
    registry.setListener(nullptr);
    QVERIFY(registry.announce(kAlpha, v4, route));

    QStringList got;
    for (const RouteChange &c : listener.changes)
        got << describe(c);
    const QStringList expected = {
        "1 192.0.2.1 203.0.113.0/24 absent->valid none",
        "1 192.0.2.1 203.0.113.0/24 valid->invalid private-asn",
        "1 192.0.2.1 203.0.113.0/24 invalid->valid none",
        "1 192.0.2.1 203.0.113.0/24 valid->absent none",
    };
    QCOMPARE(got, expected);
    QVERIFY(listener.changes[0].becameValid());
    QVERIFY(listener.changes[1].stoppedBeingValid() && listener.changes[1].attributesChanged);
    QVERIFY(listener.changes[3].withdrawn() && listener.changes[3].stoppedBeingValid());
    QCOMPARE(nameOf(listener.changes[1].reasonAfter), nameOf(Reason::PrivateAsn));
}

void TestRegistryMembers::updateMember()
{
    Registry registry(labConfig());
    addMembers(registry);
    QVERIFY(registry.announce(kBravo, addr("192.0.2.2"),
                              makeRoute("203.0.113.0/24", "64510", "192.0.2.2")));
    QVERIFY(registry.announce(kBravo, addr("192.0.2.3"),
                              makeRoute("198.51.100.0/24", "64510", "192.0.2.3")));
    QVERIFY(registry.announce(kBravo, addr("192.0.2.3"),
                              makeRoute("203.0.113.0/24", "64511", "192.0.2.3")));
    RecordingListener listener;
    registry.setListener(&listener);

    // Router 192.0.2.2 goes, AS64511 comes, the default class becomes peer.
    MemberConfig m = bravo();
    m.routers = {addr("192.0.2.3"), addr("192.0.2.5")};
    m.asns = {64510, 64511};
    m.defaultClass = RouteClass::Peer;
    const auto report = registry.updateMember(m);
    QVERIFY2(report.hasValue(), report.hasValue() ? "" : report.error().c_str());
    QStringList got;
    for (const RouteChange &c : report->changes)
        got << describe(c);
    const QStringList expected = {
        "2 192.0.2.2 203.0.113.0/24 valid->absent none",
        "2 192.0.2.3 198.51.100.0/24 valid->valid none",
        "2 192.0.2.3 203.0.113.0/24 invalid->valid none",
    };
    QCOMPARE(got, expected);
    QCOMPARE(listener.changes.size(), std::size_t(3));
    QCOMPARE(report->changes[1].classBefore, std::optional(RouteClass::Transit));
    QCOMPARE(report->changes[1].classAfter, std::optional(RouteClass::Peer));
    QCOMPARE(registry.memberByRouter(addr("192.0.2.2")), std::optional<MemberId>());
    QCOMPARE(registry.memberByRouter(addr("192.0.2.5")), std::optional(kBravo));
    QCOMPARE(registry.memberByAsn(64511), std::optional(kBravo));
    QVERIFY(registry.announce(kBravo, addr("192.0.2.5"),
                              makeRoute("11.0.0.0/8", "64511", "192.0.2.5")));
    // The freed router can go to someone else.
    MemberConfig c = charlie();
    c.routers.push_back(addr("192.0.2.2"));
    QVERIFY(registry.updateMember(c).hasValue());
    QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());
}

void TestRegistryMembers::removeMember()
{
    Registry registry(labConfig());
    addMembers(registry);
    QVERIFY(registry.announce(kAlpha, addr("192.0.2.1"),
                              makeRoute("203.0.113.0/24", "64500", "192.0.2.1")));
    QVERIFY(registry.announce(kAlpha, addr("2001:db8:ffff::1"),
                              makeRoute("2001:db8:1::/48", "64500", "2001:db8:ffff::1")));
    const auto report = registry.removeMember(kAlpha);
    QVERIFY(report.hasValue());
    QCOMPARE(report->changes.size(), std::size_t(2));
    QVERIFY(report->changes[0].withdrawn() && report->changes[1].withdrawn());
    QVERIFY(!registry.member(kAlpha));
    QVERIFY(registry.deliverers(pfx("203.0.113.0/24")).empty());
    // Its ASNs, routers and name are free again.
    MemberConfig again = alpha();
    again.id = MemberId{7};
    QVERIFY(registry.addMember(again));
    QCOMPARE(QString::fromStdString(registry.checkInvariants()), QString());
}

QTEST_APPLESS_MAIN(TestRegistryMembers)
#include "tst_registry_members.moc"
