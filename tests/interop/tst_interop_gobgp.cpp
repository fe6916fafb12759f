// GoBGP as a member router: IPv4 and IPv6 sessions in both directions; its routes arrive in our
// Adj-RIB-In with AS path, next hop, communities and large communities; routes we send with
// another member's next hop and AS path appear unchanged in its RIB and leave on withdrawal.
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "interop_support.h"
#include "speaker_fixture.h"

using namespace bwx;
using namespace bwx::bgp;
using namespace bwx::interop;
using namespace std::chrono_literals;
using bwx::bgp::test::IoThread;
using bwx::bgp::test::Recorder;

namespace {

net::Address addr(const QString &t)
{
    return net::Address::parse(t.toStdString()).value();
}

net::Prefix pfx(const QString &t)
{
    return net::Prefix::parse(t.toStdString()).value();
}

QString gobgpConfig(bool v6, const QString &theirs, std::uint16_t theirPort, const QString &ours,
                    std::uint16_t ourPort, bool passive)
{
    QString c;
    c += "[global.config]\n  as = 65003\n  router-id = \"10.255.0.3\"\n";
    c += QStringLiteral("  port = %1\n  local-address-list = [\"%2\"]\n").arg(theirPort).arg(theirs);
    c += "[[neighbors]]\n  [neighbors.config]\n";
    c += QStringLiteral("    neighbor-address = \"%1\"\n    peer-as = 65000\n").arg(ours);
    c += "  [neighbors.transport.config]\n";
    c += QStringLiteral("    local-address = \"%1\"\n    remote-port = %2\n    passive-mode = %3\n")
             .arg(theirs)
             .arg(ourPort)
             .arg(passive ? "true" : "false");
    c += "  [neighbors.timers.config]\n    connect-retry = 1\n    hold-time = 9\n"
         "    keepalive-interval = 3\n";
    c += "  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n";
    c += QStringLiteral("      afi-safi-name = \"%1\"\n").arg(v6 ? "ipv6-unicast" : "ipv4-unicast");
    return c;
}

// The attribute of `type` in the first path GoBGP holds for `prefix`.
QJsonObject ribAttribute(const QJsonDocument &rib, const QString &prefix, int type)
{
    const QJsonArray paths = rib.object().value(prefix).toArray();
    if (paths.isEmpty())
        return {};
    for (const QJsonValue &a : paths.first().toObject().value("attrs").toArray())
        if (a.toObject().value("type").toInt() == type)
            return a.toObject();
    return {};
}

} // namespace

class TestInteropGobgp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void routesBothWays_data();
    void routesBothWays();
};

void TestInteropGobgp::initTestCase()
{
    if (!haveProgram("gobgpd") || !haveProgram("gobgp"))
        QFAIL("gobgpd and gobgp are needed (Debian package gobgpd)");
}

void TestInteropGobgp::routesBothWays_data()
{
    QTest::addColumn<bool>("v6");
    QTest::addColumn<bool>("weConnect");
    QTest::addColumn<QString>("ours");
    QTest::addColumn<QString>("theirs");
    QTest::newRow("IPv4, GoBGP connects to us") << false << false << "127.0.31.1" << "127.0.31.2";
    QTest::newRow("IPv4, we connect to GoBGP") << false << true << "127.0.32.1" << "127.0.32.2";
    QTest::newRow("IPv6, GoBGP connects to us") << true << false << "::1" << "::1";
    QTest::newRow("IPv6, we connect to GoBGP") << true << true << "::1" << "::1";
}

void TestInteropGobgp::routesBothWays()
{
    QFETCH(bool, v6);
    QFETCH(bool, weConnect);
    QFETCH(QString, ours);
    QFETCH(QString, theirs);
    QTemporaryDir dir;
    const std::uint16_t ourPort = freePort(ours);
    const std::uint16_t theirPort = freePort(theirs);

    IoThread io;
    Recorder rec;
    SpeakerConfig sc;
    sc.localAs = 65000;
    sc.routerId = 0x0aff0001;
    sc.listen = {{addr(ours), ourPort}};
    sc.statusPeriod = 100ms;
    PeerConfig p;
    p.name = "gobgp";
    p.address = addr(theirs);
    p.port = theirPort;
    p.localAddress = addr(ours);
    p.remoteAs = 65003;
    p.passive = !weConnect;
    p.holdTime = 9;
    p.connectRetryTime = 1s;
    p.idleHoldTime = 500ms;
    sc.peers = {p};
    BgpSpeaker speaker(io.io, sc, &rec);
    QVERIFY(speaker.start().hasValue());

    Gobgp gobgp(dir.path());
    QVERIFY2(gobgp.start(gobgpConfig(v6, theirs, theirPort, ours, ourPort, weConnect)),
             qPrintable(gobgp.log()));
    QVERIFY2(rec.waitFor([](Recorder &r) { return r.established() >= 1; }, 20s),
             qPrintable(gobgp.log()));

    // GoBGP originates a route with communities; it arrives with GoBGP's AS and next hop.
    const QString family = v6 ? "ipv6" : "ipv4";
    const QString theirPrefix = v6 ? "2001:db8:400::/48" : "198.51.100.0/24";
    const CommandResult add = gobgp.cli({"global", "rib", "add", "-a", family, theirPrefix,
                                         "community", "65003:100", "large-community",
                                         "65003:1:2"});
    QVERIFY2(add.exitCode == 0, qPrintable(add.output));
    QVERIFY(rec.waitFor([&](Recorder &r) { return r.routes.count(pfx(theirPrefix)) == 1; }, 15s));
    const PathAttributes got = *rec.route(pfx(theirPrefix));
    QCOMPARE(QString::fromStdString(got.asPath.toString()), QStringLiteral("65003"));
    QCOMPARE(QString::fromStdString(got.nextHop->toString()), theirs);
    QCOMPARE(got.communities, std::vector<Community>{(65003u << 16) | 100});
    QCOMPARE(got.largeCommunities, (std::vector<LargeCommunity>{{65003, 1, 2}}));

    // Another member's route, sent transparently.
    const QString ourPrefix = v6 ? "2001:db8:500::/48" : "203.0.113.0/24";
    // GoBGP refuses loopback next hops (treat-as-withdraw): a documentation address it is.
    const QString nextHop = v6 ? "2001:db8::99" : "192.0.2.9";
    PathAttributes a;
    a.asPath = AsPath::sequence({65010, 65020});
    a.nextHop = addr(nextHop);
    a.largeCommunities = {{65000, 1, 42}};
    speaker.announce(PeerId(0), {{pfx(ourPrefix), std::make_shared<const PathAttributes>(a)}});
    QJsonDocument rib;
    QVERIFY2(pollUntil(
                 [&] {
                     rib = gobgp.globalRib(family);
                     return rib.object().contains(ourPrefix);
                 },
                 15s, 500ms),
             qPrintable(gobgp.log().right(3000) + "\nadj-in: "
                        + gobgp.cli({"neighbor", ours, "adj-in", "-a", family}).output));
    const QJsonObject path = ribAttribute(rib, ourPrefix, 2);
    const QJsonArray asns = path.value("as_paths").toArray().first().toObject().value("asns").toArray();
    QCOMPARE(asns.size(), 2);
    QCOMPARE(asns[0].toInt(), 65010);
    QCOMPARE(asns[1].toInt(), 65020);
    // IPv4: NEXT_HOP attribute; IPv6: the MP_REACH_NLRI attribute's next hop.
    const QJsonObject hop = ribAttribute(rib, ourPrefix, v6 ? 14 : 3);
    QCOMPARE(hop.value("nexthop").toString(), nextHop);

    speaker.withdraw(PeerId(0), {pfx(ourPrefix)});
    QVERIFY(pollUntil([&] { return !gobgp.globalRib(family).object().contains(ourPrefix); }, 15s,
                      500ms));
}

QTEST_GUILESS_MAIN(TestInteropGobgp)
#include "tst_interop_gobgp.moc"
