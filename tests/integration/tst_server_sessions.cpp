// Sessions against a real bwxd: who gets in (TLS policy, certificates, identities), the Hello
// rules, authorisation, deadlines, limits, SIGHUP reload and clean shutdown.
#include "bwxd_fixture.h"
#include "test_support.h"

#include <QProcess>
#include <QTest>
#include <QThread>
#include <csignal>
#include <memory>

using namespace bwx;
using namespace bwx::test;
using namespace std::chrono_literals;
using client::ClientError;
using client::ErrorKind;

class TestServerSessions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void memberAndAdminSessions();
    void noClientCertificateRefused();
    void foreignCaRefused();
    void identityRefused_data();
    void identityRefused();
    void unknownMemberRefused();
    void adminNotInAllowList();
    void weakTlsRefused_data();
    void weakTlsRefused();
    void helloRequired();
    void unsupportedVersion_data();
    void unsupportedVersion();
    void adminOnlyFromMember_data();
    void adminOnlyFromMember();
    void adminDoesNotTrade();
    void pingPong();
    void rateLimited();
    void idleTimeout();
    void connectionCapPerAddress();
    void reloadWithErrorsKeepsConfiguration();
    void cleanShutdown();

private:
    // Applies one option through SIGHUP and waits until bwxd has reloaded.
    void reload(const QString &section, const QString &key, const QString &value);
    qsizetype reloads() const { return m_fx->log().count("SIGHUP: reloaded"); }
    std::unique_ptr<BwxdFixture> m_fx;
};

void TestServerSessions::initTestCase()
{
    guarded([&] {
        m_fx = std::make_unique<BwxdFixture>();
        m_fx->start();
        m_fx->addMember("alice");
        m_fx->addMember("bob", 64501);
    });
}

void TestServerSessions::cleanupTestCase()
{
    m_fx.reset();
}

void TestServerSessions::reload(const QString &section, const QString &key, const QString &value)
{
    const qsizetype before = reloads();
    m_fx->setOption(section, key, value);
    m_fx->writeConfig();
    m_fx->signal(SIGHUP);
    for (int i = 0; i < 250 && reloads() == before; ++i)
        QThread::msleep(20);
    if (reloads() == before)
        throw std::runtime_error("bwxd did not reload after SIGHUP:\n" + m_fx->log().toStdString());
}

void TestServerSessions::memberAndAdminSessions()
{
    guarded([&] {
        auto alice = m_fx->session(m_fx->member("alice"));
        const auto &ack = *alice.session();
        QCOMPARE(QString::fromStdString(ack.memberName), QString("alice"));
        QVERIFY(ack.role == Role::Member);
        QVERIFY(ack.member.value() > 0);
        QCOMPARE(ack.protocolVersion, proto::kProtocolVersion);
        QCOMPARE(ack.maxFrameSize, proto::kDefaultMaxFrameSize);
        QVERIFY(ack.heartbeatSeconds > 0);
        QVERIFY(ack.serverTime.isSet());

        auto root = m_fx->session(m_fx->admin());
        QVERIFY(root.session()->role == Role::Admin);
        QCOMPARE(QString::fromStdString(root.session()->memberName), QString("root"));
        QCOMPARE(root.session()->member.value(), 0u);
        QVERIFY(m_fx->log().contains("member:alice): TLS TLSv1.3"));
    });
}

void TestServerSessions::noClientCertificateRefused()
{
    guarded([&] {
        auto options = m_fx->clientOptions({});
        try {
            auto connection = client::Connection::connect(options);
            connection.hello("no certificate"); // TLS 1.3: the refusal arrives after connect
            QFAIL("a client without a certificate got a session");
        } catch (const ClientError &e) {
            QVERIFY2(e.kind() == ErrorKind::Tls || e.kind() == ErrorKind::Closed, e.what());
        }
        QVERIFY(m_fx->waitForLog("TLS handshake refused: peer did not return a certificate", 5s));
    });
}

void TestServerSessions::foreignCaRefused()
{
    guarded([&] {
        auto options
            = m_fx->clientOptions(m_fx->issue("foreign-alice", "URI:urn:bwx:member:alice", true));
        try {
            auto connection = client::Connection::connect(options);
            connection.hello("foreign CA");
            QFAIL("a certificate from another CA got a session");
        } catch (const ClientError &e) {
            QVERIFY2(e.kind() == ErrorKind::Tls || e.kind() == ErrorKind::Closed, e.what());
        }
        QVERIFY(m_fx->waitForLog("TLS handshake refused: certificate verify failed", 5s));
        // The server still serves everyone else.
        auto alice = m_fx->session(m_fx->member("alice"));
        QVERIFY(alice.isOpen());
    });
}

void TestServerSessions::identityRefused_data()
{
    QTest::addColumn<QString>("san");
    QTest::addColumn<QString>("reason");
    QTest::newRow("no SAN") << ""
                            << "no subjectAltName extension";
    QTest::newRow("DNS SAN only") << "DNS:alice.example"
                                  << "no URI subjectAltName";
    QTest::newRow("two bwx URIs") << "URI:urn:bwx:member:alice,URI:urn:bwx:member:bob"
                                  << "2 URI subjectAltNames";
    QTest::newRow("wrong scheme") << "URI:https://alice.example"
                                  << "is neither urn:bwx:member";
}

void TestServerSessions::identityRefused()
{
    QFETCH(QString, san);
    QFETCH(QString, reason);
    guarded([&] {
        const QString tag = "id-" + QString::fromLatin1(QTest::currentDataTag()).replace(' ', '-');
        auto connection = m_fx->connect(m_fx->issue(tag, san));
        try {
            connection.hello("bad identity");
            QFAIL("a certificate without a valid identity got a session");
        } catch (const ClientError &e) {
            QCOMPARE(e.kind(), ErrorKind::Goodbye);
            QCOMPARE(*e.code(), proto::ResultCode::Forbidden);
            QVERIFY2(QString::fromStdString(e.detail()).contains(reason), e.what());
        }
        QVERIFY(m_fx->waitForLog("certificate refused: ", 5s));
        QVERIFY(m_fx->log().contains(reason));
    });
}

void TestServerSessions::unknownMemberRefused()
{
    guarded([&] {
        auto connection = m_fx->connect(m_fx->member("mallory"));
        try {
            connection.hello("unknown");
            QFAIL("an unknown member got a session");
        } catch (const ClientError &e) {
            QCOMPARE(e.kind(), ErrorKind::Goodbye);
            QCOMPARE(*e.code(), proto::ResultCode::UnknownMember);
            QVERIFY(QString::fromStdString(e.detail()).contains("no member named 'mallory'"));
        }
    });
}

void TestServerSessions::adminNotInAllowList()
{
    guarded([&] {
        reload("admin", "allow", "[\"root\"]");
        auto ops = m_fx->connect(m_fx->admin("ops"));
        try {
            ops.hello("ops");
            QFAIL("an admin outside [admin] allow got a session");
        } catch (const ClientError &e) {
            QCOMPARE(*e.code(), proto::ResultCode::Forbidden);
        }
        auto root = m_fx->session(m_fx->admin("root"));
        QVERIFY(root.isOpen());
        reload("admin", "allow", "[]");
        auto again = m_fx->session(m_fx->admin("ops"));
        QVERIFY(again.session()->role == Role::Admin);
    });
}

void TestServerSessions::weakTlsRefused_data()
{
    QTest::addColumn<QStringList>("clientArgs");
    QTest::addColumn<QString>("serverLog");
    // SECLEVEL=0 makes the local OpenSSL willing to offer what it would refuse by default, so
    // the refusal is the server's.
    QTest::newRow("TLS 1.1") << QStringList{"-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0"}
                             << "TLS handshake refused: unsupported protocol";
    QTest::newRow("TLS 1.0") << QStringList{"-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"}
                             << "TLS handshake refused: unsupported protocol";
    QTest::newRow("TLS 1.2 with CBC ciphers only")
        << QStringList{"-tls1_2", "-cipher",
                       "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384:"
                       "AES128-SHA"}
        << "TLS handshake refused: no shared cipher";
    QTest::newRow("TLS 1.2 without ECDHE (RSA key exchange, GCM)")
        << QStringList{"-tls1_2", "-cipher", "AES128-GCM-SHA256:AES256-GCM-SHA384"}
        << "TLS handshake refused: no shared cipher";
}

void TestServerSessions::weakTlsRefused()
{
    QFETCH(QStringList, clientArgs);
    QFETCH(QString, serverLog);
    guarded([&] {
        const qsizetype before = m_fx->log().count(serverLog);
        const auto alice = m_fx->member("alice");
        QProcess client;
        client.start("openssl",
                     QStringList{"s_client", "-connect",
                                 "127.0.0.1:" + QString::number(m_fx->port()), "-cert", alice.cert,
                                 "-key", alice.key, "-CAfile", m_fx->caFile()}
                         + clientArgs);
        QVERIFY(client.waitForStarted());
        client.closeWriteChannel();
        QVERIFY(client.waitForFinished(10'000));
        const QString output
            = QString::fromUtf8(client.readAllStandardOutput() + client.readAllStandardError());
        QVERIFY2(client.exitCode() != 0, qPrintable(output));
        QVERIFY2(output.contains("Cipher is (NONE)"), qPrintable(output));
        for (int i = 0; i < 100 && m_fx->log().count(serverLog) == before; ++i)
            QThread::msleep(20);
        QVERIFY2(m_fx->log().count(serverLog) > before, qPrintable(m_fx->log()));
    });
}

void TestServerSessions::helloRequired()
{
    guarded([&] {
        auto connection = m_fx->connect(m_fx->member("alice"));
        for (const proto::Message &early :
             {proto::Message(proto::QueryOrders{}), proto::Message(proto::Ping{7})}) {
            const auto reply = connection.request(early);
            const auto *result = as<proto::Result>(reply);
            QVERIFY2(result, qPrintable(describe(reply)));
            QCOMPARE(result->code, proto::ResultCode::HelloRequired);
        }
        // Still waiting for Hello: it works afterwards.
        const auto ack = connection.hello("late hello");
        QCOMPARE(QString::fromStdString(ack.memberName), QString("alice"));
        const auto hello = connection.request(proto::Hello{proto::kProtocolVersion, "again"});
        const auto *again = as<proto::Result>(hello);
        QVERIFY2(again, qPrintable(describe(hello)));
        QCOMPARE(again->code, proto::ResultCode::UnexpectedMessage);
    });
}

void TestServerSessions::unsupportedVersion_data()
{
    QTest::addColumn<int>("version");
    QTest::newRow("previous") << int(proto::kProtocolVersion) - 1;
    QTest::newRow("future") << 99;
}

void TestServerSessions::unsupportedVersion()
{
    QFETCH(int, version);
    guarded([&] {
        auto connection = m_fx->connect(m_fx->member("alice"));
        try {
            connection.request(proto::Hello{static_cast<std::uint16_t>(version), "other client"});
            QFAIL(qPrintable(QStringLiteral("protocol version %1 was accepted").arg(version)));
        } catch (const ClientError &e) {
            QCOMPARE(e.kind(), ErrorKind::Goodbye);
            QCOMPARE(*e.code(), proto::ResultCode::UnsupportedVersion);
            const QString detail = QString::fromStdString(e.detail());
            QVERIFY2(detail.contains(QStringLiteral("speaks protocol version %1")
                                         .arg(proto::kProtocolVersion)),
                     e.what());
            QVERIFY2(detail.contains(QStringLiteral("asked for %1").arg(version)), e.what());
        }
    });
}

void TestServerSessions::adminOnlyFromMember_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("add_member") << 0;
    QTest::newRow("set_member_status") << 1;
    QTest::newRow("query_stats") << 2;
}

void TestServerSessions::adminOnlyFromMember()
{
    QFETCH(int, which);
    guarded([&] {
        const proto::Message requests[] = {
            proto::AddMember{"eve", "Eve", 64666, mbps(10)},
            proto::SetMemberStatus{MemberId(1), proto::MemberStatus::Suspended},
            proto::QueryStats{},
        };
        auto alice = m_fx->session(m_fx->member("alice"));
        const auto reply = alice.request(requests[which]);
        const auto *result = as<proto::Result>(reply);
        QVERIFY2(result, qPrintable(describe(reply)));
        QCOMPARE(result->code, proto::ResultCode::Forbidden);
        QVERIFY(result->message.find("admin certificate") != std::string::npos);
        // Nothing changed and the session is still open.
        const auto members = alice.request(proto::QueryMembers{});
        const auto *list = as<proto::MemberList>(members);
        QVERIFY2(list, qPrintable(describe(members)));
        for (const auto &m : list->members) {
            QVERIFY(m.name != "eve");
            QCOMPARE(m.status, proto::MemberStatus::Active);
        }
    });
}

void TestServerSessions::adminDoesNotTrade()
{
    guarded([&] {
        auto root = m_fx->session(m_fx->admin());
        const auto reply = root.request(limitOrder(Side::Buy, "192.0.2.0/24", 5, 10, 1));
        const auto *refused = as<proto::Result>(reply);
        QVERIFY2(refused, qPrintable(describe(reply)));
        QCOMPARE(refused->code, proto::ResultCode::Forbidden);
        const auto stats = root.request(proto::QueryStats{});
        const auto *s = as<proto::Stats>(stats);
        QVERIFY2(s, qPrintable(describe(stats)));
        QCOMPARE(s->openOrders, 0u);
        QVERIFY(s->sessions >= 1);
        QCOMPARE(s->members, 2u);
        QVERIFY(s->journalBatches >= 2);
        QVERIFY(s->startedAt.isSet());
    });
}

void TestServerSessions::pingPong()
{
    guarded([&] {
        auto bob = m_fx->session(m_fx->member("bob"));
        const auto reply = bob.request(proto::Ping{0xfeedu});
        const auto *pong = as<proto::Pong>(reply);
        QVERIFY2(pong, qPrintable(describe(reply)));
        QCOMPARE(pong->token, 0xfeedu);
        QVERIFY(pong->serverTime.isSet());
    });
}

void TestServerSessions::rateLimited()
{
    guarded([&] {
        reload("server", "rate_limit_per_s", "5");
        reload("server", "rate_limit_burst", "5");
        auto bob = m_fx->session(m_fx->member("bob"));
        std::vector<proto::Message> pings(40, proto::Ping{1});
        const auto ids = bob.sendBatch(pings);
        const auto replies = bob.awaitReplies(ids, 10s);
        int pongs = 0, limited = 0;
        for (const auto &reply : replies) {
            if (as<proto::Pong>(reply))
                ++pongs;
            else if (const auto *r = as<proto::Result>(reply);
                     r && r->code == proto::ResultCode::RateLimited)
                ++limited;
        }
        QCOMPARE(pongs + limited, 40);
        QVERIFY2(pongs >= 5 && pongs <= 10, qPrintable(QString::number(pongs)));
        // The session stays open and recovers as tokens flow in again.
        QThread::msleep(400);
        QVERIFY(as<proto::Pong>(bob.request(proto::Ping{2})));
        reload("server", "rate_limit_per_s", "50000");
        reload("server", "rate_limit_burst", "100000");
    });
}

void TestServerSessions::idleTimeout()
{
    guarded([&] {
        reload("server", "heartbeat_s", "1");
        reload("server", "idle_timeout_s", "2");
        auto silent = m_fx->session(m_fx->member("alice"), "silent");
        auto talker = m_fx->session(m_fx->member("bob"), "talker");
        QCOMPARE(silent.session()->heartbeatSeconds, 1);
        // The talker pings every 500 ms and outlives the silent one.
        std::optional<client::Incoming> goodbye;
        for (int i = 0; i < 8 && !goodbye; ++i) {
            QVERIFY(as<proto::Pong>(talker.request(proto::Ping{std::uint64_t(i)})));
            goodbye = silent.tryReceive(500ms);
        }
        QVERIFY2(goodbye, "the silent session was not timed out");
        const auto *bye = as<proto::Goodbye>(*goodbye);
        QVERIFY2(bye, qPrintable(describe(*goodbye)));
        QCOMPARE(bye->code, proto::ResultCode::IdleTimeout);
        QVERIFY(talker.isOpen());
        QVERIFY(as<proto::Pong>(talker.request(proto::Ping{99})));
        reload("server", "idle_timeout_s", "60");
        reload("server", "heartbeat_s", "20");
    });
}

void TestServerSessions::connectionCapPerAddress()
{
    guarded([&] {
        reload("server", "max_connections_per_ip", "3");
        std::vector<client::Connection> open;
        for (int i = 0; i < 3; ++i)
            open.push_back(m_fx->session(m_fx->member("alice"), "slot " + QString::number(i)));
        try {
            auto fourth = m_fx->session(m_fx->member("alice"), "one too many");
            QFAIL("a fourth connection from one address was accepted");
        } catch (const ClientError &e) {
            QVERIFY2(e.kind() == ErrorKind::Tls || e.kind() == ErrorKind::Closed, e.what());
        }
        QVERIFY(m_fx->waitForLog("per-address connection limit reached (3 from 127.0.0.1)", 5s));
        // A closed session gives its slot back.
        open.pop_back();
        bool admitted = false;
        for (int i = 0; i < 50 && !admitted; ++i) {
            try {
                auto again = m_fx->session(m_fx->member("alice"), "after close");
                admitted = true;
            } catch (const ClientError &) {
                QThread::msleep(50);
            }
        }
        QVERIFY(admitted);
        open.clear();
        reload("server", "max_connections_per_ip", "64");
    });
}

void TestServerSessions::reloadWithErrorsKeepsConfiguration()
{
    guarded([&] {
        auto alice = m_fx->session(m_fx->member("alice"));
        const qsizetype before = reloads();
        const qsizetype kept = m_fx->log().count("SIGHUP: configuration kept");
        m_fx->setOption("server", "max_connections", "-3");
        m_fx->writeConfig();
        m_fx->signal(SIGHUP);
        for (int i = 0; i < 250 && m_fx->log().count("SIGHUP: configuration kept") == kept; ++i)
            QThread::msleep(20);
        QCOMPARE(m_fx->log().count("SIGHUP: configuration kept"), kept + 1);
        QVERIFY(m_fx->log().contains("max_connections: must not be negative"));
        QCOMPARE(reloads(), before);
        // The session survived and new sessions still get in with the old limits.
        QVERIFY(as<proto::Pong>(alice.request(proto::Ping{1})));
        auto bob = m_fx->session(m_fx->member("bob"));
        QVERIFY(bob.isOpen());
        reload("server", "max_connections", "1024");
        QVERIFY(as<proto::Pong>(alice.request(proto::Ping{2})));
    });
}

void TestServerSessions::cleanShutdown()
{
    guarded([&] {
        auto alice = m_fx->session(m_fx->member("alice"));
        QVERIFY(as<proto::Pong>(alice.request(proto::Ping{1})));
        QCOMPARE(m_fx->stop(), 0);
        const auto last = alice.tryReceive(5s);
        QVERIFY2(last, "no goodbye before the connection closed");
        const auto *bye = as<proto::Goodbye>(*last);
        QVERIFY2(bye, qPrintable(describe(*last)));
        QCOMPARE(bye->code, proto::ResultCode::ShuttingDown);
        QVERIFY(m_fx->log().contains("received SIGTERM, shutting down"));
        QVERIFY(m_fx->log().contains("stopped at seq"));
    });
}

QTEST_GUILESS_MAIN(TestServerSessions)
#include "tst_server_sessions.moc"
