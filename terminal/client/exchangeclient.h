#pragma once
// One member session with bwxd over TLS: Hello, heartbeats, request ids, market-data sequence
// checking and reconnection with back-off. Decoded messages come out as one signal per kind.
#include "client/connectionprofile.h"
#include "client/connectionstate.h"
#include "client/feedsequence.h"
#include "client/frameassembler.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <bwx/proto/messages.h>
#include <map>

class QSslError;
class QSslSocket;
class QTimer;

namespace bwx::terminal {

class ExchangeClient : public QObject
{
    Q_OBJECT

public:
    explicit ExchangeClient(QObject *parent = nullptr);
    ~ExchangeClient() override;

    // Loads the credentials and starts connecting; on a bad file it reports the error and
    // stays disconnected. A lost connection is retried with back-off until disconnectFromServer().
    void connectToServer(const ConnectionProfile &profile);
    void disconnectFromServer();

    ConnectionState state() const { return m_state; }
    const ConnectionProfile &profile() const { return m_profile; }
    // The server's HelloAck of the current (or last) session.
    const bwx::proto::HelloAck &session() const { return m_session; }
    bool hasSession() const { return m_hasSession; }
    // Milliseconds since the last market-data message; -1 before the first one.
    qint64 feedAgeMs() const;
    // The server's clock now, extrapolated from its last report; unset before the first.
    bwx::Timestamp serverTimeNow() const;
    QString lastError() const { return m_lastError; }
    // Milliseconds until the next reconnection attempt, -1 when none is scheduled.
    int reconnectInMs() const;

    // Subscriptions are remembered and renewed after every login.
    void subscribeMarketWatch();
    void subscribeBook(const bwx::net::Prefix &prefix);
    void unsubscribeBook(const bwx::net::Prefix &prefix);
    bool isBookSynced(const bwx::net::Prefix &prefix) const;

    // Each returns the request id, or 0 when there is no session (nothing is sent).
    quint32 placeOrder(const bwx::proto::OrderParams &params);
    quint32 cancelOrder(bwx::OrderId orderId);
    quint32 amendOrder(bwx::OrderId orderId, bwx::Price newPrice, bwx::Bandwidth newCapacity);
    quint32 cancelAllOrders();
    quint32 cancelTrade(bwx::TradeId tradeId);
    quint32 queryOrders(bool openOnly);
    quint32 queryTrades(bwx::Timestamp since, quint32 limit);
    quint32 queryMembers();
    // Any client-to-server message, for parts that keep their own request bookkeeping (the
    // access manager); the answer comes back through messageReceived with the same id.
    quint32 sendRequest(const bwx::proto::Message &message);

    // Entry point for every decoded frame. Public so that recorded sessions can be replayed
    // through exactly the same path without a socket.
    void handleMessage(const bwx::proto::Message &message, quint32 requestId);

    // Timing knobs; tests shorten them.
    void setReconnectDelays(int firstMs, int maxMs);
    void setLoginTimeout(int ms) { m_loginTimeoutMs = ms; }

signals:
    void stateChanged(bwx::terminal::ConnectionState state);
    void loggedIn(const bwx::proto::HelloAck &ack);
    void orderUpdated(const bwx::proto::OrderUpdate &update);
    void filled(const bwx::proto::Fill &fill);
    // A trade changed state: unsolicited, or the answer to cancelTrade() (requestId not 0).
    void tradeUpdated(quint32 requestId, const bwx::proto::TradeUpdate &update);
    void orderListReceived(const bwx::proto::OrderList &list);
    void tradeListReceived(const bwx::proto::TradeList &list);
    void memberListReceived(const bwx::proto::MemberList &list);
    void bookSnapshotReceived(const bwx::proto::BookSnapshot &snapshot);
    void bookUpdateReceived(const bwx::proto::BookUpdate &update);
    void marketWatchSnapshotReceived(const bwx::proto::MarketWatchSnapshot &snapshot);
    void marketWatchUpdateReceived(const bwx::proto::MarketWatchUpdate &update);
    // Every Result; requestFailed in addition when its code is not Ok.
    void resultReceived(quint32 requestId, const bwx::proto::Result &result);
    void requestFailed(quint32 requestId,
                       bwx::proto::MessageType request,
                       bwx::proto::ResultCode code,
                       const QString &message);
    void goodbyeReceived(const bwx::proto::Goodbye &goodbye);
    // A market-data stream skipped a sequence number; a fresh snapshot has been requested.
    void feedGap(const QString &stream);
    void errorOccurred(const QString &message);
    // Every decoded message from the server, before the signals above (requestId 0 when
    // unsolicited).
    void messageReceived(quint32 requestId, const bwx::proto::Message &message);

private:
    quint32 send(const bwx::proto::Message &message);
    void startAttempt();
    void dropSocket();
    void connectionLost(const QString &reason);
    void scheduleReconnect();
    void setState(ConnectionState state);
    void setError(const QString &message);
    void onEncrypted();
    void onReadyRead();
    void onSocketError(QAbstractSocket::SocketError error);
    void onSslErrors(const QList<QSslError> &errors);
    void onHeartbeat();
    void resubscribeAll();
    void noteServerTime(bwx::Timestamp serverTime);
    void noteMarketData();
    std::optional<bwx::proto::MessageType> takePending(quint32 requestId);

    void handleHelloAck(const bwx::proto::HelloAck &ack);
    void handleResult(const bwx::proto::Result &result, quint32 requestId);
    void handleGoodbye(const bwx::proto::Goodbye &goodbye);
    void handleBookSnapshot(const bwx::proto::BookSnapshot &snapshot);
    void handleBookUpdate(const bwx::proto::BookUpdate &update);
    void handleWatchSnapshot(const bwx::proto::MarketWatchSnapshot &snapshot);
    void handleWatchUpdate(const bwx::proto::MarketWatchUpdate &update);

    ConnectionProfile m_profile;
    ConnectionState m_state = ConnectionState::Disconnected;
    QSslSocket *m_socket = nullptr;
    QTimer *m_reconnectTimer = nullptr;
    QTimer *m_heartbeatTimer = nullptr;
    QTimer *m_loginTimer = nullptr;
    FrameAssembler m_assembler;
    bwx::proto::HelloAck m_session;
    bool m_hasSession = false;
    bool m_wantConnection = false;
    QString m_lastError;
    QString m_sslErrorText;

    quint32 m_nextRequestId = 1;
    QHash<quint32, bwx::proto::MessageType> m_pending;
    std::uint64_t m_nextPingToken = 1;

    bool m_wantMarketWatch = false;
    FeedSequence m_watchSequence;
    std::map<bwx::net::Prefix, FeedSequence> m_books;

    QElapsedTimer m_feedClock;
    QElapsedTimer m_receiveClock;
    QElapsedTimer m_serverClock;
    bwx::Timestamp m_serverTimeBase{};

    int m_firstReconnectDelayMs = 1000;
    int m_maxReconnectDelayMs = 30000;
    int m_nextReconnectDelayMs = 1000;
    int m_loginTimeoutMs = 15000;
    int m_heartbeatMs = 15000;
};

} // namespace bwx::terminal
