#include "settlement/settlementrequests.h"

#include "client/exchangeclient.h"

namespace bwx::terminal::settlement {

SettlementRequests::SettlementRequests(Sender sender, QObject *parent)
    : QObject(parent)
    , m_sender(std::move(sender))
{}

SettlementRequests::SettlementRequests(ExchangeClient *client, QObject *parent)
    : SettlementRequests([client](const proto::Message &m) { return client->sendRequest(m); },
                         parent)
{
    connect(client, &ExchangeClient::messageReceived, this, &SettlementRequests::handleMessage);
    connect(client, &ExchangeClient::requestFailed, this,
            [this](quint32 requestId, proto::MessageType, proto::ResultCode,
                   const QString &message) { handleFailure(requestId, message); });
}

quint32 SettlementRequests::send(const proto::Message &message, Kind kind)
{
    const quint32 id = m_sender ? m_sender(message) : 0;
    if (id == 0)
        emit failed(kind, tr("Not connected to the exchange"));
    return id;
}

bool SettlementRequests::requestStatement(Timestamp periodStart)
{
    // member 0: the caller's own statement.
    m_statement = send(proto::QueryStatement{MemberId{}, periodStart}, Kind::Statement);
    return m_statement != 0;
}

bool SettlementRequests::requestDocument(Timestamp periodStart, proto::DocumentFormat format)
{
    proto::QueryStatementDocument query;
    query.periodStart = periodStart;
    query.format = format;
    m_documentFormat = format;
    m_document = send(query, Kind::Document);
    return m_document != 0;
}

bool SettlementRequests::requestUsage(TradeId trade, Timestamp from, Timestamp to)
{
    m_usageFrom = from;
    m_usageTo = to;
    m_usage = send(proto::QueryUsage{trade, from, to}, Kind::Usage);
    return m_usage != 0;
}

void SettlementRequests::handleMessage(quint32 requestId, const proto::Message &message)
{
    if (requestId == 0)
        return;
    if (requestId == m_statement) {
        if (const auto *statement = std::get_if<proto::Statement>(&message)) {
            m_statement = 0;
            emit statementReceived(*statement);
        }
    } else if (requestId == m_document) {
        if (const auto *document = std::get_if<proto::Document>(&message)) {
            m_document = 0;
            emit documentReceived(*document, m_documentFormat);
        }
    } else if (requestId == m_usage) {
        if (const auto *series = std::get_if<proto::UsageSeries>(&message)) {
            m_usage = 0;
            emit usageReceived(*series, m_usageFrom, m_usageTo);
        }
    }
}

void SettlementRequests::handleFailure(quint32 requestId, const QString &message)
{
    if (requestId == 0)
        return;
    if (requestId == m_statement) {
        m_statement = 0;
        emit failed(Kind::Statement, message);
    } else if (requestId == m_document) {
        m_document = 0;
        emit failed(Kind::Document, message);
    } else if (requestId == m_usage) {
        m_usage = 0;
        emit failed(Kind::Usage, message);
    }
}

} // namespace bwx::terminal::settlement
