// bwx_client against a scripted in-process TLS server: replies are matched by request id,
// unsolicited messages are queued and never lost, pipelined batches do not deadlock, and every
// failure (refused, TLS, wrong server, Goodbye, rejection, timeout, garbage) is the right
// ClientError with a clear message.
// moc needs <QTest> before the other headers.
// clang-format off
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "bwx/client/connection.h"
#include "bwx/client/reply.h"
#include "bwx/pki/pki.h"
#include "bwxctl_fake_server.h"
// clang-format on

using namespace bwx;
using namespace std::chrono_literals;
using bwx::client::ClientError;
using bwx::client::ErrorKind;
using bwx::test::FakeServer;

namespace {

// Answers Hello with HelloAck and Ping with Pong; what else happens is up to `extra`, which
// returns true when it handled the frame itself.
FakeServer::Handler basicHandler(std::function<bool(FakeServer &, const proto::Decoded &)> extra
                                 = {})
{
    return [extra](FakeServer &s, const proto::Decoded &d) {
        if (extra && extra(s, d))
            return;
        if (d.status != proto::DecodeStatus::Ok)
            return;
        if (std::holds_alternative<proto::Hello>(d.message)) {
            proto::HelloAck ack;
            ack.member = MemberId(5);
            ack.memberName = "alice";
            s.send(ack, d.header.requestId);
        } else if (const auto *ping = std::get_if<proto::Ping>(&d.message)) {
            s.send(proto::Pong{ping->token, Timestamp::fromSeconds(1)}, d.header.requestId);
        }
    };
}

QString kindName(ErrorKind k)
{
    return QString::fromLatin1(client::name(k).data());
}

} // namespace

class TestBwxctlClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helloAndRequest();
    void unsolicitedMessagesAreQueued();
    void pipelinedRepliesOutOfOrder();
    void largePipelinedBatchDoesNotDeadlock();
    void goodbyeWhileWaiting();
    void rejectedResult();
    void timeout();
    void garbageFromServer();
    void writingToClosedConnection();
    void connectionRefused();
    void serverFromAnotherCa();
    void serverNameMismatch_data();
    void serverNameMismatch();
    void clientWithoutCertificate();
    void clientCertificateOfAnotherCa();
    void keyOfAnotherCertificate();

private:
    client::ClientOptions options(std::uint16_t port) const;
    FakeServer::Files serverFiles(bool requireClientCert = true) const;

    QTemporaryDir m_tmp;
    std::filesystem::path m_root;
};

void TestBwxctlClient::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_root = m_tmp.path().toStdString();
    QVERIFY(pki::createCa(m_root / "ca", "Test CA").hasValue());
    QVERIFY(pki::createCa(m_root / "other-ca", "Other CA").hasValue());
    const std::vector<std::string> hosts{"localhost", "127.0.0.1"};
    QVERIFY(pki::issueCertificate(m_root / "ca", pki::Kind::Server, "localhost", m_root / "server",
                                  5, hosts)
                .hasValue());
    QVERIFY(pki::issueCertificate(m_root / "other-ca", pki::Kind::Server, "localhost",
                                  m_root / "rogue-server", 5, hosts)
                .hasValue());
    QVERIFY(pki::issueCertificate(m_root / "ca", pki::Kind::Member, "alice", m_root / "alice", 5)
                .hasValue());
    QVERIFY(pki::issueCertificate(m_root / "other-ca", pki::Kind::Member, "mallory",
                                  m_root / "mallory", 5)
                .hasValue());
}

client::ClientOptions TestBwxctlClient::options(std::uint16_t port) const
{
    client::ClientOptions o;
    o.host = "127.0.0.1";
    o.port = port;
    o.certFile = (m_root / "alice" / "member.crt").string();
    o.keyFile = (m_root / "alice" / "member.key").string();
    o.caFile = (m_root / "ca" / "ca.crt").string();
    o.timeout = 5s;
    return o;
}

FakeServer::Files TestBwxctlClient::serverFiles(bool requireClientCert) const
{
    return {(m_root / "server" / "server.crt").string(),
            (m_root / "server" / "server.key").string(), (m_root / "ca" / "ca.crt").string(),
            requireClientCert};
}

void TestBwxctlClient::helloAndRequest()
{
    FakeServer server(serverFiles(), basicHandler());
    auto c = client::Connection::connect(options(server.port()));
    const proto::HelloAck ack = c.hello("test");
    QCOMPARE(ack.memberName, std::string("alice"));
    QVERIFY(c.session().has_value());
    QCOMPARE(c.session()->member, MemberId(5));
    auto pong = client::replyAs<proto::Pong>(c.request(proto::Ping{99}));
    QCOMPARE(pong.token, std::uint64_t(99));
    QCOMPARE(c.queued(), std::size_t(0));
    c.close();
    QVERIFY(!c.isOpen());
    try {
        c.send(proto::Ping{1});
        QFAIL("send after close must throw");
    } catch (const ClientError &e) {
        QCOMPARE(kindName(e.kind()), QString("closed"));
    }
}

void TestBwxctlClient::unsolicitedMessagesAreQueued()
{
    // Before answering a ping the server pushes two unsolicited updates and a reply to an
    // earlier request id; all three must come out of receive() in order.
    FakeServer server(
        serverFiles(), basicHandler([](FakeServer &s, const proto::Decoded &d) {
            if (!std::holds_alternative<proto::Ping>(d.message))
                return false;
            proto::OrderUpdate u;
            u.order.orderId = OrderId(1);
            s.send(u, 0);
            u.order.orderId = OrderId(2);
            s.send(u, 0);
            s.send(proto::Result{proto::ResultCode::Ok, "late"}, 1);
            s.send(proto::Pong{std::get<proto::Ping>(d.message).token, {}}, d.header.requestId);
            return true;
        }));
    auto c = client::Connection::connect(options(server.port()));
    c.hello("test"); // request id 1
    auto pong = c.request(proto::Ping{5});
    QVERIFY(std::holds_alternative<proto::Pong>(pong.message));
    QCOMPARE(c.queued(), std::size_t(3));
    auto first = c.receive(1s);
    QCOMPARE(std::get<proto::OrderUpdate>(first.message).order.orderId, OrderId(1));
    QCOMPARE(first.requestId, std::uint32_t(0));
    auto second = c.receive(1s);
    QCOMPARE(std::get<proto::OrderUpdate>(second.message).order.orderId, OrderId(2));
    auto third = c.receive(1s);
    QCOMPARE(third.requestId, std::uint32_t(1));
    QCOMPARE(std::get<proto::Result>(third.message).message, std::string("late"));
    QVERIFY(!c.tryReceive(50ms).has_value());
}

void TestBwxctlClient::pipelinedRepliesOutOfOrder()
{
    // The server holds the pings back and answers them newest first.
    auto pending = std::make_shared<std::vector<std::pair<std::uint32_t, std::uint64_t>>>();
    FakeServer server(serverFiles(),
                      basicHandler([pending](FakeServer &s, const proto::Decoded &d) {
                          const auto *ping = std::get_if<proto::Ping>(&d.message);
                          if (!ping)
                              return false;
                          pending->emplace_back(d.header.requestId, ping->token);
                          if (pending->size() == 10) {
                              for (auto it = pending->rbegin(); it != pending->rend(); ++it)
                                  s.send(proto::Pong{it->second, {}}, it->first);
                          }
                          return true;
                      }));
    auto c = client::Connection::connect(options(server.port()));
    c.hello("test");
    std::vector<proto::Message> batch;
    for (std::uint64_t i = 0; i < 10; ++i)
        batch.push_back(proto::Ping{1000 + i});
    const auto ids = c.sendBatch(batch);
    QCOMPARE(ids.size(), std::size_t(10));
    const auto replies = c.awaitReplies(ids, 5s);
    for (std::size_t i = 0; i < replies.size(); ++i) {
        QCOMPARE(replies[i].requestId, ids[i]);
        QCOMPARE(std::get<proto::Pong>(replies[i].message).token, std::uint64_t(1000 + i));
    }
}

void TestBwxctlClient::largePipelinedBatchDoesNotDeadlock()
{
    // Several megabytes each way: the client must read replies while it is still writing, or
    // both sides block on full socket buffers.
    FakeServer server(serverFiles(), basicHandler());
    auto c = client::Connection::connect(options(server.port()));
    c.hello("test");
    constexpr std::size_t kCount = 1'000'000;
    std::vector<proto::Message> batch(kCount, proto::Message(proto::Ping{7}));
    const auto ids = c.sendBatch(batch);
    const auto replies = c.awaitReplies(ids, 60s);
    QCOMPARE(replies.size(), kCount);
    QCOMPARE(replies.back().requestId, ids.back());
    QCOMPARE(c.queued(), std::size_t(0));
}

void TestBwxctlClient::goodbyeWhileWaiting()
{
    FakeServer server(serverFiles(), basicHandler([](FakeServer &s, const proto::Decoded &d) {
                          if (!std::holds_alternative<proto::Ping>(d.message))
                              return false;
                          s.send(proto::Goodbye{proto::ResultCode::ShuttingDown, "maintenance"}, 0);
                          return true;
                      }));
    auto c = client::Connection::connect(options(server.port()));
    c.hello("test");
    try {
        c.request(proto::Ping{1});
        QFAIL("a Goodbye must end the request");
    } catch (const ClientError &e) {
        QCOMPARE(kindName(e.kind()), QString("goodbye"));
        QVERIFY(e.code() == proto::ResultCode::ShuttingDown);
        QCOMPARE(e.detail(), std::string("maintenance"));
        QCOMPARE(QString(e.what()), QString("shutting_down: maintenance"));
    }
    QVERIFY(!c.isOpen());
}

void TestBwxctlClient::rejectedResult()
{
    FakeServer server(serverFiles(), basicHandler([](FakeServer &s, const proto::Decoded &d) {
                          if (!std::holds_alternative<proto::CancelOrder>(d.message))
                              return false;
                          s.send(proto::Result{proto::ResultCode::UnknownOrder, "no order 7"},
                                 d.header.requestId);
                          return true;
                      }));
    auto c = client::Connection::connect(options(server.port()));
    c.hello("test");
    auto reply = c.request(proto::CancelOrder{OrderId(7), {}});
    QVERIFY(!client::isOkResult(reply));
    try {
        client::replyAs<proto::OrderUpdate>(std::move(reply));
        QFAIL("a failing Result must be thrown as Rejected");
    } catch (const ClientError &e) {
        QCOMPARE(kindName(e.kind()), QString("rejected"));
        QVERIFY(e.code() == proto::ResultCode::UnknownOrder);
        QCOMPARE(e.detail(), std::string("no order 7"));
    }
    // The session goes on after a rejection.
    QVERIFY(std::holds_alternative<proto::Pong>(c.request(proto::Ping{1}).message));
}

void TestBwxctlClient::timeout()
{
    FakeServer server(serverFiles(), basicHandler([](FakeServer &, const proto::Decoded &d) {
                          return std::holds_alternative<proto::Ping>(
                              d.message); // swallowed, never answered
                      }));
    auto c = client::Connection::connect(options(server.port()));
    c.hello("test");
    try {
        c.request(proto::Ping{1}, 200ms);
        QFAIL("an unanswered request must time out");
    } catch (const ClientError &e) {
        QCOMPARE(kindName(e.kind()), QString("timeout"));
        QCOMPARE(e.detail(), std::string("no reply to ping (request 2) within 200 ms"));
    }
}

void TestBwxctlClient::garbageFromServer()
{
    FakeServer server(serverFiles(), basicHandler([](FakeServer &s, const proto::Decoded &d) {
                          if (!std::holds_alternative<proto::Ping>(d.message))
                              return false;
                          s.sendBytes({0, 0, 0, 3, 0, 0, 0, 0}); // length 3 < header
                          return true;
                      }));
    auto c = client::Connection::connect(options(server.port()));
    c.hello("test");
    try {
        c.request(proto::Ping{1});
        QFAIL("a broken frame must be a protocol error");
    } catch (const ClientError &e) {
        QCOMPARE(kindName(e.kind()), QString("protocol"));
        QVERIFY2(e.detail().find("frame_too_short") != std::string::npos, e.what());
    }
    QVERIFY(!c.isOpen());
}

void TestBwxctlClient::writingToClosedConnection()
{
    // The server closes the socket on the first ping, with that ping unread, so its kernel
    // resets the connection. Writing after that must be a Closed error, not a SIGPIPE that ends
    // the program (OpenSSL writes with plain write()).
    FakeServer server(serverFiles(), basicHandler([](FakeServer &s, const proto::Decoded &d) {
                          if (!std::holds_alternative<proto::Ping>(d.message))
                              return false;
                          s.closeConnection();
                          return true;
                      }));
    auto c = client::Connection::connect(options(server.port()));
    c.hello("test");
    c.send(proto::Ping{1});
    while (!server.closed())
        std::this_thread::sleep_for(5ms);
    try {
        for (int i = 0; i < 1000; ++i)
            c.send(proto::Ping{2});
        QFAIL("writing to a reset connection must fail");
    } catch (const ClientError &e) {
        QCOMPARE(kindName(e.kind()), QString("closed"));
        QVERIFY2(e.detail().find("the server closed the connection") != std::string::npos,
                 e.what());
    }
    QVERIFY(!c.isOpen());
}

void TestBwxctlClient::connectionRefused()
{
    // A port that was just free: bind, read it, close.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len);
    ::close(fd);
    try {
        client::Connection::connect(options(ntohs(addr.sin_port)));
        QFAIL("nothing listens there");
    } catch (const ClientError &e) {
        QCOMPARE(kindName(e.kind()), QString("connect"));
        QVERIFY2(e.detail().find("Connection refused") != std::string::npos, e.what());
    }
}

void TestBwxctlClient::serverFromAnotherCa()
{
    FakeServer::Files rogue{(m_root / "rogue-server" / "server.crt").string(),
                            (m_root / "rogue-server" / "server.key").string(),
                            (m_root / "ca" / "ca.crt").string(), false};
    FakeServer server(rogue, basicHandler());
    try {
        client::Connection::connect(options(server.port()));
        QFAIL("a server certificate of another CA must be refused");
    } catch (const ClientError &e) {
        QCOMPARE(kindName(e.kind()), QString("tls"));
        QVERIFY2(e.detail().find("certificate verify failed") != std::string::npos, e.what());
        QVERIFY2(e.detail().find("unable to get local issuer certificate") != std::string::npos,
                 e.what());
    }
}

void TestBwxctlClient::serverNameMismatch_data()
{
    QTest::addColumn<QString>("serverName");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("IP in SAN") << "127.0.0.1" << true;
    QTest::newRow("DNS in SAN") << "localhost" << true;
    QTest::newRow("other IP") << "127.0.0.2" << false;
    QTest::newRow("other name") << "exchange.example.net" << false;
}

void TestBwxctlClient::serverNameMismatch()
{
    QFETCH(QString, serverName);
    QFETCH(bool, accepted);
    FakeServer server(serverFiles(false), basicHandler());
    auto o = options(server.port());
    o.serverName = serverName.toStdString();
    try {
        auto c = client::Connection::connect(o);
        c.hello("test");
        QVERIFY(accepted);
    } catch (const ClientError &e) {
        QVERIFY2(!accepted, e.what());
        QCOMPARE(kindName(e.kind()), QString("tls"));
        QVERIFY2(e.detail().find("mismatch") != std::string::npos, e.what());
    }
}

void TestBwxctlClient::clientWithoutCertificate()
{
    FakeServer server(serverFiles(true), basicHandler());
    auto o = options(server.port());
    o.certFile.clear();
    o.keyFile.clear();
    try {
        // TLS 1.3 finishes the client's side of the handshake before the server checks the
        // certificate: the refusal arrives with the first read.
        auto c = client::Connection::connect(o);
        c.hello("test");
        QFAIL("the server requires a client certificate");
    } catch (const ClientError &e) {
        QCOMPARE(kindName(e.kind()), QString("tls"));
        QVERIFY2(e.detail().find("certificate required") != std::string::npos, e.what());
    }
}

void TestBwxctlClient::clientCertificateOfAnotherCa()
{
    FakeServer server(serverFiles(true), basicHandler());
    auto o = options(server.port());
    o.certFile = (m_root / "mallory" / "member.crt").string();
    o.keyFile = (m_root / "mallory" / "member.key").string();
    try {
        auto c = client::Connection::connect(o);
        c.hello("test");
        QFAIL("a client certificate of another CA must be refused");
    } catch (const ClientError &e) {
        QCOMPARE(kindName(e.kind()), QString("tls"));
        QVERIFY2(e.detail().find("unknown ca") != std::string::npos, e.what());
    }
}

void TestBwxctlClient::keyOfAnotherCertificate()
{
    auto o = options(1);
    o.keyFile = (m_root / "mallory" / "member.key").string();
    try {
        client::Connection::connect(o);
        QFAIL("a key that does not match must be refused before connecting");
    } catch (const ClientError &e) {
        QCOMPARE(kindName(e.kind()), QString("setup"));
        QVERIFY2(e.detail().find("does not match certificate") != std::string::npos, e.what());
    }
}

QTEST_APPLESS_MAIN(TestBwxctlClient)
#include "tst_bwxctl_client.moc"
