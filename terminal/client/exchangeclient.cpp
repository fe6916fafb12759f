#include "client/exchangeclient.h"

#include "client/tlscredentials.h"

#include <QCoreApplication>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslSocket>
#include <QTimer>
#include <algorithm>
#include <bwx/proto/codec.h>
#include <utility>
#include <vector>

namespace bwx::terminal {

namespace {

constexpr auto kClientName = "bwx-terminal";
// A server that announces no heartbeat still gets a ping now and then, so a dead peer is noticed.
constexpr int kDefaultHeartbeatSeconds = 30;
// Missing this many heartbeat periods without a byte from the server means the link is dead.
constexpr int kMissedHeartbeatsAllowed = 3;

template<class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template<class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

QString prefixText(const net::Prefix &prefix)
{
    return QString::fromStdString(prefix.toString());
}

} // namespace

ExchangeClient::ExchangeClient(QObject *parent)
    : QObject(parent)
    , m_reconnectTimer(new QTimer(this))
    , m_heartbeatTimer(new QTimer(this))
    , m_loginTimer(new QTimer(this))
{
    m_reconnectTimer->setSingleShot(true);
    m_loginTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, &ExchangeClient::startAttempt);
    connect(m_heartbeatTimer, &QTimer::timeout, this, &ExchangeClient::onHeartbeat);
    connect(m_loginTimer, &QTimer::timeout, this, [this] {
        connectionLost(
            tr("The server did not complete the login within %1 s").arg(m_loginTimeoutMs / 1000));
    });
}

ExchangeClient::~ExchangeClient()
{
    m_wantConnection = false;
    dropSocket();
}

void ExchangeClient::connectToServer(const ConnectionProfile &profile)
{
    disconnectFromServer();
    m_profile = profile;
    m_wantConnection = true;
    m_nextReconnectDelayMs = m_firstReconnectDelayMs;
    startAttempt();
}

void ExchangeClient::disconnectFromServer()
{
    m_wantConnection = false;
    m_reconnectTimer->stop();
    m_heartbeatTimer->stop();
    m_loginTimer->stop();
    dropSocket();
    setState(ConnectionState::Disconnected);
}

qint64 ExchangeClient::feedAgeMs() const
{
    return m_feedClock.isValid() ? m_feedClock.elapsed() : -1;
}

Timestamp ExchangeClient::serverTimeNow() const
{
    if (!m_serverClock.isValid())
        return Timestamp{};
    return m_serverTimeBase + milliseconds(m_serverClock.elapsed());
}

int ExchangeClient::reconnectInMs() const
{
    return m_reconnectTimer->isActive() ? m_reconnectTimer->remainingTime() : -1;
}

void ExchangeClient::setReconnectDelays(int firstMs, int maxMs)
{
    m_firstReconnectDelayMs = firstMs;
    m_maxReconnectDelayMs = maxMs;
    m_nextReconnectDelayMs = firstMs;
}

void ExchangeClient::subscribeMarketWatch()
{
    m_wantMarketWatch = true;
    m_watchSequence.invalidate();
    send(proto::SubscribeMarketWatch{});
}

void ExchangeClient::subscribeBook(const net::Prefix &prefix)
{
    m_books[prefix].invalidate();
    send(proto::SubscribeBook{prefix});
}

void ExchangeClient::unsubscribeBook(const net::Prefix &prefix)
{
    if (m_books.erase(prefix) > 0)
        send(proto::UnsubscribeBook{prefix});
}

bool ExchangeClient::isBookSynced(const net::Prefix &prefix) const
{
    const auto it = m_books.find(prefix);
    return it != m_books.end() && it->second.isSynced();
}

quint32 ExchangeClient::placeOrder(const proto::OrderParams &params)
{
    return send(proto::NewOrder{params});
}

quint32 ExchangeClient::cancelOrder(OrderId orderId)
{
    return send(proto::CancelOrder{orderId, ClientOrderId{}});
}

quint32 ExchangeClient::amendOrder(OrderId orderId, Price newPrice, Bandwidth newCapacity)
{
    return send(proto::AmendOrder{orderId, newPrice, newCapacity});
}

quint32 ExchangeClient::cancelAllOrders()
{
    return send(proto::MassCancel{0});
}

quint32 ExchangeClient::cancelTrade(TradeId tradeId)
{
    return send(proto::CancelTrade{tradeId});
}

quint32 ExchangeClient::queryOrders(bool openOnly)
{
    return send(proto::QueryOrders{static_cast<std::uint8_t>(openOnly ? 1 : 0)});
}

quint32 ExchangeClient::queryTrades(Timestamp since, quint32 limit)
{
    return send(proto::QueryTrades{since, limit});
}

quint32 ExchangeClient::queryMembers()
{
    return send(proto::QueryMembers{});
}

quint32 ExchangeClient::sendRequest(const proto::Message &message)
{
    return send(message);
}

quint32 ExchangeClient::send(const proto::Message &message)
{
    // Only Hello may go out before the login completes; everything else waits for the
    // resubscription that follows HelloAck.
    const bool isHello = std::holds_alternative<proto::Hello>(message);
    if (!m_socket || (m_state != ConnectionState::Connected && !isHello))
        return 0;
    const quint32 requestId = m_nextRequestId++;
    if (m_nextRequestId == 0)
        m_nextRequestId = 1;
    std::vector<std::uint8_t> frame;
    proto::encodeFrame(message, requestId, frame);
    m_socket->write(reinterpret_cast<const char *>(frame.data()),
                    static_cast<qint64>(frame.size()));
    m_pending.insert(requestId, proto::typeOf(message));
    return requestId;
}

void ExchangeClient::startAttempt()
{
    if (!m_wantConnection)
        return;
    dropSocket();
    QString error;
    const auto credentials = loadTlsCredentials(m_profile, &error);
    if (!credentials) {
        // A missing or broken file will not fix itself: stop instead of retrying forever.
        m_wantConnection = false;
        setError(error);
        setState(ConnectionState::Disconnected);
        return;
    }

    m_socket = new QSslSocket(this);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setLocalCertificate(credentials->certificate);
    configuration.setPrivateKey(credentials->privateKey);
    // Only the exchange's CA may vouch for the server, not the system trust store.
    configuration.setCaCertificates(credentials->caCertificates);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket->setSslConfiguration(configuration);
    m_socket->setPeerVerifyName(m_profile.verifyName());

    connect(m_socket, &QSslSocket::encrypted, this, &ExchangeClient::onEncrypted);
    connect(m_socket, &QSslSocket::readyRead, this, &ExchangeClient::onReadyRead);
    connect(m_socket, &QSslSocket::errorOccurred, this, &ExchangeClient::onSocketError);
    connect(m_socket, &QSslSocket::sslErrors, this, &ExchangeClient::onSslErrors);
    connect(m_socket, &QSslSocket::disconnected, this,
            [this] { connectionLost(tr("The server closed the connection")); });

    m_assembler = FrameAssembler();
    m_sslErrorText.clear();
    setState(ConnectionState::Connecting);
    m_loginTimer->start(m_loginTimeoutMs);
    m_socket->connectToHostEncrypted(m_profile.host, m_profile.port);
}

void ExchangeClient::dropSocket()
{
    m_heartbeatTimer->stop();
    m_pending.clear();
    m_assembler.reset();
    if (!m_socket)
        return;
    QSslSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void ExchangeClient::connectionLost(const QString &reason)
{
    if (!m_socket && m_state != ConnectionState::Connected)
        return;
    m_loginTimer->stop();
    if (!reason.isEmpty())
        setError(reason);
    dropSocket();
    // Book and watch positions refer to the old session; new snapshots come after login.
    m_watchSequence.invalidate();
    for (auto &entry : m_books)
        entry.second.invalidate();
    if (m_wantConnection)
        scheduleReconnect();
    else
        setState(ConnectionState::Disconnected);
}

void ExchangeClient::scheduleReconnect()
{
    setState(ConnectionState::WaitingToReconnect);
    m_reconnectTimer->start(m_nextReconnectDelayMs);
    m_nextReconnectDelayMs = std::min(m_nextReconnectDelayMs * 2, m_maxReconnectDelayMs);
}

void ExchangeClient::setState(ConnectionState state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void ExchangeClient::setError(const QString &message)
{
    m_lastError = message;
    emit errorOccurred(message);
}

void ExchangeClient::onEncrypted()
{
    setState(ConnectionState::LoggingIn);
    proto::Hello hello;
    hello.clientName
        = std::string(kClientName) + ' ' + QCoreApplication::applicationVersion().toStdString();
    send(hello);
}

void ExchangeClient::onReadyRead()
{
    if (!m_socket)
        return;
    m_receiveClock.start();
    const QByteArray bytes = m_socket->readAll();
    m_assembler.append(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                      static_cast<std::size_t>(bytes.size())));
    // A handler may drop the socket (Goodbye, a broken frame); stop as soon as it is gone.
    while (m_socket) {
        std::optional<proto::Decoded> decoded = m_assembler.next();
        if (!decoded)
            break;
        switch (decoded->status) {
        case proto::DecodeStatus::Ok:
            handleMessage(decoded->message, decoded->header.requestId);
            break;
        case proto::DecodeStatus::BadMessage:
            // The frame boundary is intact: report the message and keep the session.
            setError(tr("Could not decode a message from the server: %1")
                         .arg(QString::fromStdString(decoded->error)));
            break;
        case proto::DecodeStatus::BadFrame:
            connectionLost(tr("The server sent a broken frame (%1)")
                               .arg(QString::fromStdString(decoded->error)));
            return;
        case proto::DecodeStatus::NeedMore:
            break;
        }
    }
}

void ExchangeClient::onSocketError(QAbstractSocket::SocketError error)
{
    if (!m_socket)
        return;
    QString reason = m_socket->errorString();
    if (error == QAbstractSocket::SslHandshakeFailedError && !m_sslErrorText.isEmpty())
        reason = tr("TLS handshake failed: %1").arg(m_sslErrorText);
    // RemoteHostClosedError is followed by disconnected(); report it once, there.
    if (error == QAbstractSocket::RemoteHostClosedError && m_state == ConnectionState::Connected)
        return;
    connectionLost(reason);
}

void ExchangeClient::onSslErrors(const QList<QSslError> &errors)
{
    QStringList texts;
    for (const QSslError &error : errors)
        texts.append(error.errorString());
    m_sslErrorText = texts.join(QLatin1String("; "));
}

void ExchangeClient::onHeartbeat()
{
    if (!m_socket || m_state != ConnectionState::Connected)
        return;
    if (m_receiveClock.isValid()
        && m_receiveClock.elapsed() > qint64(kMissedHeartbeatsAllowed) * m_heartbeatMs) {
        connectionLost(
            tr("No answer from the server for %1 s").arg(m_receiveClock.elapsed() / 1000));
        return;
    }
    send(proto::Ping{m_nextPingToken++});
}

void ExchangeClient::resubscribeAll()
{
    if (m_wantMarketWatch) {
        m_watchSequence.invalidate();
        send(proto::SubscribeMarketWatch{});
    }
    for (auto &[prefix, sequence] : m_books) {
        sequence.invalidate();
        send(proto::SubscribeBook{prefix});
    }
}

void ExchangeClient::noteServerTime(Timestamp serverTime)
{
    if (!serverTime.isSet())
        return;
    m_serverTimeBase = serverTime;
    m_serverClock.start();
}

void ExchangeClient::noteMarketData()
{
    m_feedClock.start();
}

std::optional<proto::MessageType> ExchangeClient::takePending(quint32 requestId)
{
    const auto it = m_pending.constFind(requestId);
    if (it == m_pending.constEnd())
        return std::nullopt;
    const proto::MessageType type = it.value();
    m_pending.erase(it);
    return type;
}

void ExchangeClient::handleMessage(const proto::Message &message, quint32 requestId)
{
    emit messageReceived(requestId, message);
    std::visit(Overloaded{
                   [this](const proto::HelloAck &m) { handleHelloAck(m); },
                   [this](const proto::Pong &m) { noteServerTime(m.serverTime); },
                   [this, requestId](const proto::Result &m) { handleResult(m, requestId); },
                   [this](const proto::Goodbye &m) { handleGoodbye(m); },
                   [this, requestId](const proto::OrderUpdate &m) {
                       takePending(requestId);
                       emit orderUpdated(m);
                   },
                   [this](const proto::Fill &m) { emit filled(m); },
                   [this, requestId](const proto::TradeUpdate &m) {
                       takePending(requestId);
                       emit tradeUpdated(requestId, m);
                   },
                   [this, requestId](const proto::OrderList &m) {
                       takePending(requestId);
                       emit orderListReceived(m);
                   },
                   [this, requestId](const proto::TradeList &m) {
                       takePending(requestId);
                       emit tradeListReceived(m);
                   },
                   [this, requestId](const proto::MemberList &m) {
                       takePending(requestId);
                       emit memberListReceived(m);
                   },
                   [this, requestId](const proto::BookSnapshot &m) {
                       takePending(requestId);
                       handleBookSnapshot(m);
                   },
                   [this](const proto::BookUpdate &m) { handleBookUpdate(m); },
                   [this, requestId](const proto::MarketWatchSnapshot &m) {
                       takePending(requestId);
                       handleWatchSnapshot(m);
                   },
                   [this](const proto::MarketWatchUpdate &m) { handleWatchUpdate(m); },
                   // Replies to sendRequest() are for whoever listens to messageReceived; only the
                   // pending entry is ours to clear. Client-to-server and internal types never come
                   // from a well-behaved server (the codec refuses them).
                   [this, requestId](const auto &) { takePending(requestId); },
               },
               message);
}

void ExchangeClient::handleHelloAck(const proto::HelloAck &ack)
{
    m_loginTimer->stop();
    m_session = ack;
    m_hasSession = true;
    noteServerTime(ack.serverTime);
    if (ack.maxFrameSize > 0)
        m_assembler.setMaxFrameSize(ack.maxFrameSize);
    const int heartbeatSeconds
        = ack.heartbeatSeconds > 0 ? ack.heartbeatSeconds : kDefaultHeartbeatSeconds;
    m_heartbeatMs = heartbeatSeconds * 1000;
    m_nextReconnectDelayMs = m_firstReconnectDelayMs;
    setState(ConnectionState::Connected);
    if (m_socket) {
        // Half the period: a ping delayed by a busy event loop still arrives in time.
        m_heartbeatTimer->start(m_heartbeatMs / 2);
        m_receiveClock.start();
    }
    emit loggedIn(ack);
    resubscribeAll();
}

void ExchangeClient::handleResult(const proto::Result &result, quint32 requestId)
{
    const std::optional<proto::MessageType> request = takePending(requestId);
    emit resultReceived(requestId, result);
    if (result.code == proto::ResultCode::Ok)
        return;
    QString text = QString::fromStdString(result.message);
    if (text.isEmpty())
        text = QString::fromUtf8(proto::describe(result.code));
    emit requestFailed(requestId, request.value_or(proto::MessageType{}), result.code, text);
    // A part the exchange does not run (no route server, no collectors) is answered to the view
    // that asked, which says so; it is not a fault of the connection for the status bar.
    if (result.code == proto::ResultCode::ServiceUnavailable)
        return;
    m_lastError = text;
    emit errorOccurred(text);
}

void ExchangeClient::handleGoodbye(const proto::Goodbye &goodbye)
{
    QString text = QString::fromStdString(goodbye.reason);
    if (text.isEmpty())
        text = QString::fromUtf8(proto::describe(goodbye.code));
    emit goodbyeReceived(goodbye);
    connectionLost(tr("The server ended the session: %1").arg(text));
}

void ExchangeClient::handleBookSnapshot(const proto::BookSnapshot &snapshot)
{
    const auto it = m_books.find(snapshot.prefix);
    // A snapshot still in flight when the book was closed.
    if (it == m_books.end())
        return;
    it->second.resetTo(snapshot.bookSeq);
    noteMarketData();
    emit bookSnapshotReceived(snapshot);
}

void ExchangeClient::handleBookUpdate(const proto::BookUpdate &update)
{
    const auto it = m_books.find(update.prefix);
    if (it == m_books.end())
        return;
    switch (it->second.accept(update.bookSeq)) {
    case SequenceCheck::InSequence:
        noteMarketData();
        emit bookUpdateReceived(update);
        return;
    case SequenceCheck::Gap:
        it->second.invalidate();
        emit feedGap(prefixText(update.prefix));
        send(proto::SubscribeBook{update.prefix});
        return;
    case SequenceCheck::Stale:
    case SequenceCheck::NoSnapshot:
        return;
    }
}

void ExchangeClient::handleWatchSnapshot(const proto::MarketWatchSnapshot &snapshot)
{
    if (!m_wantMarketWatch)
        return;
    m_watchSequence.resetTo(snapshot.watchSeq);
    noteMarketData();
    emit marketWatchSnapshotReceived(snapshot);
}

void ExchangeClient::handleWatchUpdate(const proto::MarketWatchUpdate &update)
{
    if (!m_wantMarketWatch)
        return;
    switch (m_watchSequence.accept(update.watchSeq)) {
    case SequenceCheck::InSequence:
        noteMarketData();
        emit marketWatchUpdateReceived(update);
        return;
    case SequenceCheck::Gap:
        m_watchSequence.invalidate();
        emit feedGap(tr("market watch"));
        send(proto::SubscribeMarketWatch{});
        return;
    case SequenceCheck::Stale:
    case SequenceCheck::NoSnapshot:
        return;
    }
}

} // namespace bwx::terminal
