// ExchangeClient: sequence checking on replayed messages, and a real TLS session against the
// in-process FakeExchange — login, subscriptions, heartbeats, partial writes, gaps,
// reconnection, refused certificates and rejected requests.
#include "client/exchangeclient.h"
#include "support/fakeexchange.h"
#include "support/marketbuilders.h"
#include "support/testpki.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

// Network steps wait for an event, never for a fixed time; this only bounds a hang.
constexpr int kWaitMs = 15'000;

struct ReplayStep
{
    proto::Message message;
    bool forwarded = true; // expected to come out as a signal
};
using Replay = QList<ReplayStep>;

proto::BookUpdate bookUpdate(quint64 seq)
{
    return proto::BookUpdate{
        pfx("203.0.113.0/24"),
        seq,
        {change(proto::BookAction::Add, bookEntry(seq, Side::Buy, "203.0.113.0/24", "1", 1))}};
}

proto::BookSnapshot bookSnapshot(quint64 seq, const char *prefix = "203.0.113.0/24")
{
    return proto::BookSnapshot{pfx(prefix), seq, {}};
}

} // namespace

Q_DECLARE_METATYPE(ReplayStep)
Q_DECLARE_METATYPE(Replay)

class tst_ExchangeClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void replaySequence_data();
    void replaySequence();
    void feedAgeStartsWithMarketData();

    void logsInAndSubscribes();
    void partialWritesAreReassembled();
    void heartbeatPings();
    void gapResubscribes();
    void reconnectsAndResubscribes();
    void goodbyeEndsSessionAndReconnects();
    void rejectedRequestIsReported();
    void loginTimeout();
    void refusesServerWithWrongName();
    void serverRefusesForeignCertificate();
    void missingKeyFileStopsWithoutRetry();

private:
    ConnectionProfile profile(const FakeExchange &exchange) const;

    QTemporaryDir m_dir;
    TestPki m_pki;
};

void tst_ExchangeClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_pki.create(m_dir.path(), &error), qPrintable(error));
}

ConnectionProfile tst_ExchangeClient::profile(const FakeExchange &exchange) const
{
    ConnectionProfile p;
    p.host = QStringLiteral("127.0.0.1");
    p.port = exchange.port();
    p.certificateFile = m_pki.clientCert;
    p.keyFile = m_pki.clientKey;
    p.caFile = m_pki.caCert;
    return p;
}

void tst_ExchangeClient::replaySequence_data()
{
    QTest::addColumn<Replay>("replay");

    QTest::newRow("snapshot then consecutive updates pass")
        << Replay{{bookSnapshot(5)}, {bookUpdate(6)}, {bookUpdate(7)}};
    QTest::newRow("update before the snapshot is dropped")
        << Replay{{bookUpdate(6), false}, {bookSnapshot(5)}, {bookUpdate(6)}};
    QTest::newRow("duplicate update is dropped")
        << Replay{{bookSnapshot(5)}, {bookUpdate(6)}, {bookUpdate(6), false}, {bookUpdate(7)}};
    QTest::newRow("gap drops updates until the next snapshot") << Replay{{bookSnapshot(5)},
                                                                         {bookUpdate(7), false},
                                                                         {bookUpdate(8), false},
                                                                         {bookSnapshot(30)},
                                                                         {bookUpdate(31)}};
    QTest::newRow("book that was not subscribed is dropped")
        << Replay{{bookSnapshot(5, "198.51.100.0/24"), false}};
    QTest::newRow("market watch follows the same rules") << Replay{
        {proto::MarketWatchSnapshot{10, {}}},      {proto::MarketWatchUpdate{11, {}}},
        {proto::MarketWatchUpdate{13, {}}, false}, {proto::MarketWatchUpdate{14, {}}, false},
        {proto::MarketWatchSnapshot{20, {}}},      {proto::MarketWatchUpdate{21, {}}}};
}

void tst_ExchangeClient::replaySequence()
{
    QFETCH(Replay, replay);
    ExchangeClient client;
    client.subscribeMarketWatch();
    client.subscribeBook(pfx("203.0.113.0/24"));
    int forwarded = 0;
    const auto count = [&forwarded] {
        ++forwarded;
    };
    connect(&client, &ExchangeClient::bookSnapshotReceived, this, count);
    connect(&client, &ExchangeClient::bookUpdateReceived, this, count);
    connect(&client, &ExchangeClient::marketWatchSnapshotReceived, this, count);
    connect(&client, &ExchangeClient::marketWatchUpdateReceived, this, count);
    QSignalSpy gaps(&client, &ExchangeClient::feedGap);
    int expectedGaps = 0;
    for (const ReplayStep &step : replay) {
        const int before = forwarded;
        const qsizetype gapsBefore = gaps.size();
        client.handleMessage(step.message, 0);
        QCOMPARE(forwarded - before, step.forwarded ? 1 : 0);
        expectedGaps += int(gaps.size() - gapsBefore);
    }
    // Exactly one gap is reported per break in the sequence, not one per dropped update.
    const bool hasGap = QString(QTest::currentDataTag()).contains(QLatin1String("gap"))
                        || QString(QTest::currentDataTag()).contains(QLatin1String("market watch"));
    QCOMPARE(expectedGaps, hasGap ? 1 : 0);
}

void tst_ExchangeClient::feedAgeStartsWithMarketData()
{
    ExchangeClient client;
    client.subscribeBook(pfx("203.0.113.0/24"));
    QCOMPARE(client.feedAgeMs(), qint64(-1));
    client.handleMessage(proto::Pong{1, {}}, 0);
    QCOMPARE(client.feedAgeMs(), qint64(-1));
    client.handleMessage(bookSnapshot(1), 0);
    QVERIFY(client.feedAgeMs() >= 0);
}

void tst_ExchangeClient::logsInAndSubscribes()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    exchange.marketWatch = {4, {watchRow("203.0.113.0/24", "10", 10, 1, "", 0, 0)}};
    exchange.books[pfx("203.0.113.0/24")] = bookSnapshot(9);

    ExchangeClient client;
    QSignalSpy login(&client, &ExchangeClient::loggedIn);
    QSignalSpy watch(&client, &ExchangeClient::marketWatchSnapshotReceived);
    QSignalSpy book(&client, &ExchangeClient::bookSnapshotReceived);
    client.subscribeMarketWatch();
    client.subscribeBook(pfx("203.0.113.0/24"));
    client.connectToServer(profile(exchange));
    QCOMPARE(client.state(), ConnectionState::Connecting);

    QTRY_COMPARE_WITH_TIMEOUT(login.size(), 1, kWaitMs);
    QCOMPARE(client.state(), ConnectionState::Connected);
    QCOMPARE(client.session().memberName, std::string("isp-a"));
    QTRY_COMPARE_WITH_TIMEOUT(watch.size(), 1, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(book.size(), 1, kWaitMs);
    QVERIFY(client.isBookSynced(pfx("203.0.113.0/24")));
    QCOMPARE(exchange.countOf(proto::MessageType::Hello), 1);
    QCOMPARE(std::get<proto::Hello>(exchange.received().front().message).protocolVersion,
             proto::kProtocolVersion);
    QCOMPARE(exchange.countOf(proto::MessageType::SubscribeMarketWatch), 1);
    QCOMPARE(exchange.countOf(proto::MessageType::SubscribeBook), 1);
    QVERIFY(client.serverTimeNow() >= exchange.helloAck.serverTime);

    client.disconnectFromServer();
    QCOMPARE(client.state(), ConnectionState::Disconnected);
}

void tst_ExchangeClient::partialWritesAreReassembled()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    proto::BookSnapshot big = bookSnapshot(9);
    for (std::uint64_t i = 1; i <= 400; ++i)
        big.entries.push_back(
            bookEntry(i, i % 2 ? Side::Buy : Side::Sell, "203.0.0.0/16", "10.5", 7));
    exchange.books[pfx("203.0.113.0/24")] = big;
    exchange.writeChunkBytes = 7; // odd-sized pieces cut headers and fields everywhere

    ExchangeClient client;
    QSignalSpy book(&client, &ExchangeClient::bookSnapshotReceived);
    client.subscribeBook(pfx("203.0.113.0/24"));
    client.connectToServer(profile(exchange));
    QTRY_COMPARE_WITH_TIMEOUT(book.size(), 1, kWaitMs);
    QVERIFY(book.first().first().value<proto::BookSnapshot>() == big);
}

void tst_ExchangeClient::heartbeatPings()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    exchange.helloAck.heartbeatSeconds = 1;

    ExchangeClient client;
    client.connectToServer(profile(exchange));
    QTRY_VERIFY_WITH_TIMEOUT(exchange.countOf(proto::MessageType::Ping) >= 2, kWaitMs);
    QCOMPARE(client.state(), ConnectionState::Connected);
}

void tst_ExchangeClient::gapResubscribes()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    exchange.books[pfx("203.0.113.0/24")] = bookSnapshot(9);

    ExchangeClient client;
    QSignalSpy book(&client, &ExchangeClient::bookSnapshotReceived);
    QSignalSpy updates(&client, &ExchangeClient::bookUpdateReceived);
    QSignalSpy gaps(&client, &ExchangeClient::feedGap);
    client.subscribeBook(pfx("203.0.113.0/24"));
    client.connectToServer(profile(exchange));
    QTRY_COMPARE_WITH_TIMEOUT(book.size(), 1, kWaitMs);

    exchange.sendToAll(bookUpdate(10));
    QTRY_COMPARE_WITH_TIMEOUT(updates.size(), 1, kWaitMs);
    exchange.books[pfx("203.0.113.0/24")] = bookSnapshot(50);
    exchange.sendToAll(bookUpdate(12)); // 11 went missing
    QTRY_COMPARE_WITH_TIMEOUT(gaps.size(), 1, kWaitMs);
    QCOMPARE(gaps.first().first().toString(), QStringLiteral("203.0.113.0/24"));
    QTRY_COMPARE_WITH_TIMEOUT(exchange.countOf(proto::MessageType::SubscribeBook), 2, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(book.size(), 2, kWaitMs);
    QCOMPARE(book.last().first().value<proto::BookSnapshot>().bookSeq, quint64(50));
    QCOMPARE(updates.size(), 1);
}

void tst_ExchangeClient::reconnectsAndResubscribes()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));

    ExchangeClient client;
    client.setReconnectDelays(20, 200);
    QSignalSpy login(&client, &ExchangeClient::loggedIn);
    QSignalSpy states(&client, &ExchangeClient::stateChanged);
    client.subscribeMarketWatch();
    client.subscribeBook(pfx("203.0.113.0/24"));
    client.connectToServer(profile(exchange));
    QTRY_COMPARE_WITH_TIMEOUT(login.size(), 1, kWaitMs);

    exchange.dropClients();
    QTRY_COMPARE_WITH_TIMEOUT(login.size(), 2, kWaitMs);
    QCOMPARE(exchange.sessionCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(exchange.countOf(proto::MessageType::SubscribeBook), 2, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(exchange.countOf(proto::MessageType::SubscribeMarketWatch), 2,
                              kWaitMs);
    bool sawWaiting = false;
    for (const auto &args : states)
        sawWaiting |= args.first().value<ConnectionState>() == ConnectionState::WaitingToReconnect;
    QVERIFY(sawWaiting);
    QVERIFY(!client.lastError().isEmpty());
}

void tst_ExchangeClient::goodbyeEndsSessionAndReconnects()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    ExchangeClient client;
    client.setReconnectDelays(20, 200);
    QSignalSpy login(&client, &ExchangeClient::loggedIn);
    QSignalSpy bye(&client, &ExchangeClient::goodbyeReceived);
    client.connectToServer(profile(exchange));
    QTRY_COMPARE_WITH_TIMEOUT(login.size(), 1, kWaitMs);
    exchange.sendToAll(proto::Goodbye{proto::ResultCode::ShuttingDown, "maintenance"});
    QTRY_COMPARE_WITH_TIMEOUT(bye.size(), 1, kWaitMs);
    QCOMPARE(client.lastError(), QStringLiteral("The server ended the session: maintenance"));
    QTRY_COMPARE_WITH_TIMEOUT(login.size(), 2, kWaitMs);
}

void tst_ExchangeClient::rejectedRequestIsReported()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    ExchangeClient client;
    QSignalSpy login(&client, &ExchangeClient::loggedIn);
    QSignalSpy failed(&client, &ExchangeClient::requestFailed);
    QSignalSpy updates(&client, &ExchangeClient::orderUpdated);
    QCOMPARE(client.placeOrder({}), 0u); // no session: nothing is sent
    client.connectToServer(profile(exchange));
    QTRY_COMPARE_WITH_TIMEOUT(login.size(), 1, kWaitMs);

    proto::OrderParams params;
    params.destination = dest("203.0.113.0/24");
    params.price = px("13");
    params.capacity = mbps(10);
    params.minBlock = mbps(10);
    const quint32 rejectedId = client.placeOrder(params);
    QVERIFY(rejectedId != 0);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kWaitMs);
    QCOMPARE(failed.first().at(0).toUInt(), rejectedId);
    QCOMPARE(failed.first().at(1).value<proto::MessageType>(), proto::MessageType::NewOrder);
    QCOMPARE(failed.first().at(2).value<proto::ResultCode>(), proto::ResultCode::InvalidPrice);
    QCOMPARE(failed.first().at(3).toString(), QStringLiteral("price rejected by test"));

    params.price = px("12");
    const quint32 acceptedId = client.placeOrder(params);
    QVERIFY(acceptedId > rejectedId);
    QTRY_COMPARE_WITH_TIMEOUT(updates.size(), 1, kWaitMs);
    QCOMPARE(updates.first().first().value<proto::OrderUpdate>().order.params, params);
}

void tst_ExchangeClient::loginTimeout()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    exchange.answerHello = false;
    ExchangeClient client;
    client.setLoginTimeout(300);
    client.setReconnectDelays(10'000, 10'000);
    QSignalSpy errors(&client, &ExchangeClient::errorOccurred);
    client.connectToServer(profile(exchange));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ConnectionState::WaitingToReconnect, kWaitMs);
    QVERIFY2(client.lastError().contains(QLatin1String("did not complete the login")),
             qPrintable(client.lastError()));
    QVERIFY(client.reconnectInMs() > 0);
    client.disconnectFromServer();
    QCOMPARE(client.reconnectInMs(), -1);
}

void tst_ExchangeClient::refusesServerWithWrongName()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    ExchangeClient client;
    client.setReconnectDelays(10'000, 10'000);
    ConnectionProfile p = profile(exchange);
    p.serverName = QStringLiteral("exchange.example.net");
    client.connectToServer(p);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ConnectionState::WaitingToReconnect, kWaitMs);
    QVERIFY2(client.lastError().contains(QLatin1String("host name")),
             qPrintable(client.lastError()));
    QCOMPARE(exchange.countOf(proto::MessageType::Hello), 0);
}

void tst_ExchangeClient::serverRefusesForeignCertificate()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    ExchangeClient client;
    client.setReconnectDelays(10'000, 10'000);
    ConnectionProfile p = profile(exchange);
    p.certificateFile = m_pki.rogueClientCert;
    p.keyFile = m_pki.rogueClientKey;
    client.connectToServer(p);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ConnectionState::WaitingToReconnect, kWaitMs);
    QVERIFY(!client.lastError().isEmpty());
    QVERIFY(!client.hasSession());
    QCOMPARE(exchange.countOf(proto::MessageType::Hello), 0);
}

void tst_ExchangeClient::missingKeyFileStopsWithoutRetry()
{
    ExchangeClient client;
    ConnectionProfile p;
    p.host = QStringLiteral("127.0.0.1");
    p.port = 9;
    p.certificateFile = m_pki.clientCert;
    p.keyFile = m_dir.path() + QStringLiteral("/missing.key");
    p.caFile = m_pki.caCert;
    client.connectToServer(p);
    QCOMPARE(client.state(), ConnectionState::Disconnected);
    QVERIFY2(client.lastError().startsWith(QStringLiteral("Cannot read the key file ")),
             qPrintable(client.lastError()));
    QCOMPARE(client.reconnectInMs(), -1);
}

QTEST_GUILESS_MAIN(tst_ExchangeClient)
#include "tst_exchangeclient.moc"
