#include "fakeexchange.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <bwx/proto/codec.h>

namespace bwx::terminal::test {

FakeExchange::FakeExchange(const TestPki &pki, QObject *parent)
    : QObject(parent)
    , m_server(new QSslServer(this))
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    QFile cert(pki.serverCert);
    QFile key(pki.serverKey);
    if (cert.open(QIODevice::ReadOnly))
        configuration.setLocalCertificate(QSslCertificate(cert.readAll(), QSsl::Pem));
    if (key.open(QIODevice::ReadOnly))
        configuration.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec, QSsl::Pem));
    configuration.setCaCertificates(QSslCertificate::fromPath(pki.caCert));
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    m_server->setSslConfiguration(configuration);
    connect(m_server, &QSslServer::pendingConnectionAvailable, this,
            &FakeExchange::onPendingConnection);
    connect(m_server, &QSslServer::sslErrors, this,
            [this](QSslSocket *, const QList<QSslError> &errors) {
                if (!errors.isEmpty())
                    m_lastTlsError = errors.first().errorString();
            });

    helloAck.member = MemberId(1);
    helloAck.memberName = "isp-a";
    helloAck.serverTime = Timestamp::fromSeconds(1'795'000'000);
    helloAck.heartbeatSeconds = 30;
}

FakeExchange::~FakeExchange()
{
    dropClients();
}

bool FakeExchange::listen(QString *error)
{
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        *error = m_server->errorString();
        return false;
    }
    return true;
}

quint16 FakeExchange::port() const
{
    return m_server->serverPort();
}

int FakeExchange::countOf(proto::MessageType type) const
{
    int count = 0;
    for (const Received &r : m_received)
        count += proto::typeOf(r.message) == type ? 1 : 0;
    return count;
}

void FakeExchange::onPendingConnection()
{
    while (m_server->hasPendingConnections()) {
        auto *socket = qobject_cast<QSslSocket *>(m_server->nextPendingConnection());
        if (!socket)
            continue;
        ++m_sessions;
        m_clients[socket].socket = socket;
        connect(socket, &QSslSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QSslSocket::disconnected, this, [this, socket] {
            m_clients.erase(socket);
            socket->deleteLater();
        });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void FakeExchange::onReadyRead(QSslSocket *socket)
{
    const auto it = m_clients.find(socket);
    if (it == m_clients.end())
        return;
    const QByteArray bytes = socket->readAll();
    it->second.assembler.append(std::span(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                          static_cast<std::size_t>(bytes.size())));
    while (auto decoded = it->second.assembler.next()) {
        if (decoded->status != proto::DecodeStatus::Ok) {
            socket->abort();
            return;
        }
        m_received.push_back({decoded->message, decoded->header.requestId});
        emit messageReceived(proto::typeOf(decoded->message));
        answer(socket, decoded->message, decoded->header.requestId);
        if (!m_clients.contains(socket))
            return;
    }
}

void FakeExchange::answer(QSslSocket *socket, const proto::Message &message, std::uint32_t id)
{
    if (std::holds_alternative<proto::Hello>(message)) {
        if (answerHello)
            write(socket, helloAck, id);
    } else if (const auto *ping = std::get_if<proto::Ping>(&message)) {
        write(socket, proto::Pong{ping->token, helloAck.serverTime}, id);
    } else if (std::holds_alternative<proto::SubscribeMarketWatch>(message)) {
        write(socket, marketWatch, id);
    } else if (const auto *sub = std::get_if<proto::SubscribeBook>(&message)) {
        const auto book = books.find(sub->prefix);
        write(socket, book != books.end() ? book->second : proto::BookSnapshot{sub->prefix, 1, {}},
              id);
    } else if (std::holds_alternative<proto::QueryOrders>(message)) {
        write(socket, orders, id);
    } else if (std::holds_alternative<proto::QueryTrades>(message)) {
        write(socket, trades, id);
    } else if (std::holds_alternative<proto::QueryMembers>(message)) {
        write(socket, members, id);
    } else if (const auto *order = std::get_if<proto::NewOrder>(&message)) {
        if (order->params.price.value() == 13'000'000) { // a price the tests use for rejection
            write(socket, proto::Result{proto::ResultCode::InvalidPrice, "price rejected by test"},
                  id);
            return;
        }
        proto::OrderView view;
        view.orderId = OrderId(m_nextOrderId++);
        view.member = helloAck.member;
        view.params = order->params;
        view.remaining = order->params.capacity;
        view.createdAt = view.updatedAt = helloAck.serverTime;
        write(socket, proto::OrderUpdate{view, Seq(m_nextSeq++)}, id);
    } else if (const auto *cancel = std::get_if<proto::CancelTrade>(&message)) {
        if (!cancelTradeRefusal.isEmpty()) {
            write(socket,
                  proto::Result{proto::ResultCode::TradeNotCancellable,
                                cancelTradeRefusal.toStdString()},
                  id);
            return;
        }
        for (proto::TradeView &trade : trades.trades)
            if (trade.tradeId == cancel->tradeId) {
                trade.state = proto::TradeState::Cancelled;
                write(socket, proto::TradeUpdate{trade, Seq(m_nextSeq++)}, id);
                return;
            }
        write(socket, proto::Result{proto::ResultCode::UnknownTrade, "no such trade"}, id);
    } else {
        write(socket, proto::Result{proto::ResultCode::Ok, {}}, id);
    }
}

void FakeExchange::write(QSslSocket *socket, const proto::Message &message, std::uint32_t id)
{
    std::vector<std::uint8_t> frame;
    proto::encodeFrame(message, id, frame);
    const auto *data = reinterpret_cast<const char *>(frame.data());
    const auto size = static_cast<qint64>(frame.size());
    if (writeChunkBytes <= 0) {
        socket->write(data, size);
        return;
    }
    for (qint64 offset = 0; offset < size; offset += writeChunkBytes) {
        socket->write(data + offset, std::min<qint64>(writeChunkBytes, size - offset));
        socket->flush();
    }
}

void FakeExchange::sendToAll(const proto::Message &message, std::uint32_t requestId)
{
    for (auto &[socket, client] : m_clients)
        write(socket, message, requestId);
}

void FakeExchange::dropClients()
{
    auto clients = std::move(m_clients);
    m_clients.clear();
    for (auto &[socket, client] : clients) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

} // namespace bwx::terminal::test
