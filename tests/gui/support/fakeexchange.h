#pragma once
// An in-process stand-in for bwxd speaking the real protocol over real TLS (QSslServer, client
// certificates required): enough of the session to test the terminal's client without the
// backend — scripted answers, every received message recorded, and knobs for partial writes,
// silence and dropped connections.
#include "client/frameassembler.h"
#include "testpki.h"

#include <QList>
#include <QObject>
#include <bwx/proto/messages.h>
#include <map>
#include <vector>

class QSslServer;
class QSslSocket;

namespace bwx::terminal::test {

class FakeExchange : public QObject
{
    Q_OBJECT

public:
    struct Received
    {
        proto::Message message;
        std::uint32_t requestId = 0;
    };

    explicit FakeExchange(const TestPki &pki, QObject *parent = nullptr);
    ~FakeExchange() override;

    bool listen(QString *error);
    quint16 port() const;

    // Scripted answers.
    proto::HelloAck helloAck;
    proto::MarketWatchSnapshot marketWatch;
    std::map<net::Prefix, proto::BookSnapshot> books;
    proto::OrderList orders;
    proto::TradeList trades;
    proto::MemberList members;
    bool answerHello = true;
    // CancelTrade: refused with trade_not_cancellable and this text when set; otherwise the
    // trade from `trades` answered in state cancelled (unknown_trade when it is not there).
    QString cancelTradeRefusal;
    // > 0: every frame goes out in pieces of this many bytes, each flushed on its own.
    int writeChunkBytes = 0;

    void sendToAll(const proto::Message &message, std::uint32_t requestId = 0);
    void dropClients();
    int sessionCount() const { return m_sessions; }
    int clientCount() const { return static_cast<int>(m_clients.size()); }
    const std::vector<Received> &received() const { return m_received; }
    int countOf(proto::MessageType type) const;
    QString lastTlsError() const { return m_lastTlsError; }

signals:
    void messageReceived(bwx::proto::MessageType type);

private:
    struct Client
    {
        QSslSocket *socket = nullptr;
        FrameAssembler assembler;
    };

    void onPendingConnection();
    void onReadyRead(QSslSocket *socket);
    void answer(QSslSocket *socket, const proto::Message &message, std::uint32_t requestId);
    void write(QSslSocket *socket, const proto::Message &message, std::uint32_t requestId);

    QSslServer *m_server = nullptr;
    std::map<QSslSocket *, Client> m_clients;
    std::vector<Received> m_received;
    int m_sessions = 0;
    std::uint64_t m_nextOrderId = 1000;
    std::uint64_t m_nextSeq = 1;
    QString m_lastTlsError;
};

} // namespace bwx::terminal::test
