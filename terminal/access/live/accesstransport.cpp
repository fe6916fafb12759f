#include "access/live/accesstransport.h"

#include "client/exchangeclient.h"

#include <QDateTime>

namespace bwx::access {

ClientTransport::ClientTransport(terminal::ExchangeClient *client, QObject *parent)
    : AccessTransport(parent)
    , m_client(client)
{
    connect(client, &terminal::ExchangeClient::messageReceived, this, &AccessTransport::received);
    connect(client, &terminal::ExchangeClient::stateChanged, this,
            [this](terminal::ConnectionState state) {
                emit connectedChanged(state == terminal::ConnectionState::Connected);
            });
}

bool ClientTransport::isConnected() const
{
    return m_client->state() == terminal::ConnectionState::Connected;
}

quint32 ClientTransport::send(const proto::Message &message)
{
    return m_client->sendRequest(message);
}

Timestamp ClientTransport::now() const
{
    const Timestamp server = m_client->serverTimeNow();
    if (server.isSet())
        return server;
    // Before the first server time: the local clock, only ever used for a link-down decision.
    return Timestamp(QDateTime::currentMSecsSinceEpoch() * 1'000'000);
}

MemberId ClientTransport::self() const
{
    return m_client->hasSession() ? m_client->session().member : MemberId{};
}

QString ClientTransport::linkDetail() const
{
    QString detail = terminal::toDisplayString(m_client->state());
    if (!m_client->lastError().isEmpty())
        detail += QStringLiteral(": ") + m_client->lastError();
    return detail;
}

} // namespace bwx::access
