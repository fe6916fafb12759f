// bwxctl sessions / routes / exports against a real bwxd with a route registry, static routes
// for alice and bob (one of alice's is a bogon) and a passive BGP peer for carol: each member
// sees its own routing data and no one else's, admins see everyone's, rejected routes carry
// their reason, and a trade between alice and bob shows up as bob's export.
// moc needs <QTest> before the other headers.
// clang-format off
#include <QElapsedTimer>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>
#include <QThread>

#include <nlohmann/json.hpp>
#include <set>

#include "bwxd_fixture.h"
// clang-format on

using bwx::test::BwxdFixture;
using bwx::test::guarded;
using Json = nlohmann::json;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

QString describe(const QStringList &args, const Run &r)
{
    return "bwxctl " + args.join(' ') + " -> exit " + QString::number(r.code) + "\nstdout: " + r.out
           + "\nstderr: " + r.err;
}

QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys())
        if (key.startsWith("BWX_"))
            env.remove(key);
    return env;
}

std::set<std::string> prefixesOf(const Json &routes)
{
    std::set<std::string> out;
    for (const Json &r : routes)
        out.insert(r["prefix"].get<std::string>());
    return out;
}

std::set<std::string> setOf(const QString &commaSeparated)
{
    std::set<std::string> out;
    for (const QString &p : commaSeparated.split(',', Qt::SkipEmptyParts))
        out.insert(p.toStdString());
    return out;
}

} // namespace

class TestBwxctlRouting : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sessions();
    void routes_data();
    void routes();
    void rejectedRouteReason();
    void exportsAfterTrade();
    void cleanupTestCase();

private:
    Run bwxctl(const QString &who, const QStringList &args) const;
    Json json(const QString &who, const QStringList &args, int expectedCode = 0) const;

    std::unique_ptr<BwxdFixture> m_fixture;
};

Run TestBwxctlRouting::bwxctl(const QString &who, const QStringList &args) const
{
    const auto credentials = who == "ops" ? m_fixture->admin("ops") : m_fixture->member(who);
    const QStringList all
        = QStringList{"--server", "127.0.0.1:" + QString::number(m_fixture->port()),
                      "--cert",   credentials.cert,
                      "--key",    credentials.key,
                      "--ca",     m_fixture->caFile()}
          + args;
    QProcess p;
    p.setProcessEnvironment(cleanEnvironment());
    p.start(QStringLiteral(BWXCTL_PATH), all);
    Run r;
    if (!p.waitForFinished(30'000)) {
        p.kill();
        p.waitForFinished();
        throw std::runtime_error("bwxctl " + all.join(' ').toStdString() + " did not finish");
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

Json TestBwxctlRouting::json(const QString &who, const QStringList &args, int expectedCode) const
{
    const QStringList all = QStringList{"--json"} + args;
    const Run r = bwxctl(who, all);
    if (r.code != expectedCode)
        throw std::runtime_error(("unexpected exit code: " + describe(all, r)).toStdString());
    try {
        return Json::parse(r.out.toStdString());
    } catch (const std::exception &e) {
        throw std::runtime_error("no JSON document: " + describe(all, r).toStdString());
    }
}

void TestBwxctlRouting::initTestCase()
{
    guarded([&] {
        m_fixture = std::make_unique<BwxdFixture>();
        m_fixture->setOption("registry", "exchange_asn", "64496");
        m_fixture->setOption("registry", "lan_prefixes", "[\"127.0.0.0/8\"]");
        m_fixture->setOption("registry", "allow_documentation_asns", "true");
        m_fixture->setOption("registry", "allow_documentation_prefixes", "true");
        m_fixture->setOption("routing", "flush_interval_ms", "20");
        // Inline tables: the fixture writes one [section] of key = value lines.
        m_fixture->setOption(
            "routing", "static",
            "[{member = \"alice\", prefix = \"203.0.113.0/24\", next_hop = \"127.0.0.2\"}, "
            "{member = \"alice\", prefix = \"10.0.0.0/8\", class = \"transit\", "
            "next_hop = \"127.0.0.2\"}, "
            "{member = \"bob\", prefix = \"198.51.100.0/24\", class = \"peer\", "
            "next_hop = \"127.0.0.3\"}]");
        m_fixture->setOption("bgp", "local_as", "64496");
        m_fixture->setOption("bgp", "router_id", "\"127.0.0.1\"");
        m_fixture->setOption("bgp", "listen", "[\"127.0.0.1\"]");
        m_fixture->setOption("bgp", "port", "0");
        m_fixture->setOption("bgp", "peer",
                             "[{member = \"carol\", address = \"127.0.0.4\", passive = true, "
                             "name = \"carol-rtr1\"}]");
        m_fixture->start();
        m_fixture->addMember("alice", 64500);
        m_fixture->addMember("bob", 64501);
        m_fixture->addMember("carol", 64502);
        // Routing picks the members up from the market when it starts.
        m_fixture->stop();
        m_fixture->start();
        // The static routes reach the registry on the routing thread; wait until they are there.
        QElapsedTimer timer;
        timer.start();
        while (json("ops", {"routes"})["routes"].size() < 3) {
            if (timer.elapsed() > 20'000)
                throw std::runtime_error("the static routes never showed up in bwxctl routes");
            QThread::msleep(50);
        }
    });
}

void TestBwxctlRouting::sessions()
{
    guarded([&] {
        const Json all = json("ops", {"sessions"});
        QCOMPARE(all["sessions"].size(), std::size_t(1));
        const Json &s = all["sessions"][0];
        QCOMPARE(s["member_name"].get<std::string>(), std::string("carol"));
        QCOMPARE(s["peer_address"].get<std::string>(), std::string("127.0.0.4"));
        QCOMPARE(s["peer_asn"].get<int>(), 64502);
        // Nobody connects: a passive session waits.
        QVERIFY(s["state"].get<std::string>() != "established");
        QCOMPARE(s["prefixes_received"].get<int>(), 0);

        QCOMPARE(json("carol", {"sessions"})["sessions"].size(), std::size_t(1));
        QCOMPARE(json("alice", {"sessions"})["sessions"].size(), std::size_t(0));

        const Run text = bwxctl("ops", {"sessions"});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.startsWith("MEMBER  PEER"), qPrintable(text.out));
        QVERIFY2(text.out.contains("carol   127.0.0.4  64502"), qPrintable(text.out));
    });
}

void TestBwxctlRouting::routes_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expected"); // prefixes, or the error code name
    QTest::newRow("admin sees every member's")
        << "ops" << QStringList{"routes"} << 0 << "203.0.113.0/24,10.0.0.0/8,198.51.100.0/24";
    QTest::newRow("admin names a member")
        << "ops" << QStringList{"routes", "--member", "bob"} << 0 << "198.51.100.0/24";
    QTest::newRow("rejected only")
        << "ops" << QStringList{"routes", "--rejected"} << 0 << "10.0.0.0/8";
    QTest::newRow("within a prefix")
        << "ops" << QStringList{"routes", "--within", "203.0.0.0/16"} << 0 << "203.0.113.0/24";
    QTest::newRow("member sees its own")
        << "alice" << QStringList{"routes"} << 0 << "203.0.113.0/24,10.0.0.0/8";
    QTest::newRow("member without routes") << "carol" << QStringList{"routes"} << 0 << "";
    QTest::newRow("member asks for another's")
        << "bob" << QStringList{"routes", "--member", "alice"} << 3 << "forbidden";
    QTest::newRow("member asks for another's exports")
        << "bob" << QStringList{"exports", "--member", "alice"} << 3 << "forbidden";
    QTest::newRow("unknown member")
        << "ops" << QStringList{"routes", "--member", "zed"} << 3 << "unknown_member";
}

void TestBwxctlRouting::routes()
{
    QFETCH(QString, who);
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, expected);
    guarded([&] {
        const Json doc = json(who, args, exitCode);
        if (exitCode != 0) {
            QCOMPARE(doc["error"]["code"].get<std::string>(), expected.toStdString());
            return;
        }
        QCOMPARE(prefixesOf(doc["routes"]), setOf(expected));
        QVERIFY(!doc["truncated"].get<bool>());
    });
}

void TestBwxctlRouting::rejectedRouteReason()
{
    guarded([&] {
        const Json doc = json("alice", {"routes"});
        for (const Json &r : doc["routes"]) {
            if (r["prefix"] == "10.0.0.0/8") {
                QVERIFY(!r["valid"].get<bool>());
                QVERIFY(!r["sellable"].get<bool>());
                QCOMPARE(r["route_class"].get<std::string>(), std::string("transit"));
                QVERIFY2(r["reason"].get<std::string>().starts_with("bogon"), r.dump().c_str());
            } else {
                QVERIFY(r["valid"].get<bool>());
                QVERIFY(r["sellable"].get<bool>());
                QVERIFY(r["reason"].is_null());
                QCOMPARE(r["route_class"].get<std::string>(), std::string("customer"));
                QCOMPARE(r["next_hop"].get<std::string>(), std::string("127.0.0.2"));
            }
        }
        const Run text = bwxctl("alice", {"routes", "--rejected"});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.contains("10.0.0.0/8  127.0.0.2  127.0.0.2  64500    transit  rejected"),
                 qPrintable(text.out));
        QVERIFY2(text.out.contains("\n10.0.0.0/8 (alice): bogon"), qPrintable(text.out));
    });
}

void TestBwxctlRouting::exportsAfterTrade()
{
    guarded([&] {
        QCOMPARE(json("ops", {"exports"})["exports"].size(), std::size_t(0));
        json("alice", {"order", "sell", "203.0.113.0/24", "--mbps", "100", "--price", "10"});
        const Json buy
            = json("bob", {"order", "buy", "203.0.113.0/24", "--mbps", "100", "--price", "10"});
        QVERIFY2(buy.dump().find("\"trade_id\"") != std::string::npos, buy.dump().c_str());

        // The arbiter hears of the trade after the market decided it.
        Json exports;
        QElapsedTimer timer;
        timer.start();
        do {
            exports = json("bob", {"exports"})["exports"];
            if (!exports.empty())
                break;
            QThread::msleep(50);
        } while (timer.elapsed() < 20'000);
        QVERIFY2(!exports.empty(), "bob never received the seller's route");
        const Json *toBob = nullptr;
        for (const Json &e : exports)
            if (e["role"] == "route_to_buyer")
                toBob = &e;
        QVERIFY2(toBob, exports.dump().c_str());
        QCOMPARE((*toBob)["receiver_name"].get<std::string>(), std::string("bob"));
        QCOMPARE((*toBob)["prefix"].get<std::string>(), std::string("203.0.113.0/24"));
        QCOMPARE((*toBob)["next_hop"].get<std::string>(), std::string("127.0.0.2"));
        QCOMPARE((*toBob)["counterparty_name"].get<std::string>(), std::string("alice"));
        QVERIFY((*toBob)["trade_id"].get<std::uint64_t>() > 0);

        // alice sees nothing of bob's; the admin sees bob's export too.
        for (const Json &e : json("alice", {"exports"})["exports"])
            QCOMPARE(e["receiver_name"].get<std::string>(), std::string("alice"));
        const Json all = json("ops", {"exports"})["exports"];
        bool adminSees = false;
        // Same route of the same trade; its attributes may have been re-sent in between.
        for (const Json &e : all)
            adminSees = adminSees
                        || (e["receiver"] == (*toBob)["receiver"] && e["role"] == (*toBob)["role"]
                            && e["prefix"] == (*toBob)["prefix"]
                            && e["trade_id"] == (*toBob)["trade_id"]);
        QVERIFY2(adminSees, (all.dump() + " lacks " + toBob->dump()).c_str());

        const Run text = bwxctl("ops", {"exports", "--member", "bob"});
        QCOMPARE(text.code, 0);
        QVERIFY2(text.out.startsWith("to bob ("), qPrintable(text.out));
        QVERIFY2(text.out.contains("route_to_buyer  203.0.113.0/24  127.0.0.2"),
                 qPrintable(text.out));
    });
}

void TestBwxctlRouting::cleanupTestCase()
{
    guarded([&] {
        if (m_fixture && m_fixture->running())
            QCOMPARE(m_fixture->stop(), 0);
    });
}

QTEST_GUILESS_MAIN(TestBwxctlRouting)
#include "tst_bwxctl_routing.moc"
