#pragma once
// The settlement queries of one terminal session and their answers: a statement, a statement
// document (CSV or PDF) and a trade's usage series. Only the latest request of each kind is
// current; an answer to an older one is ignored, so a slow reply never overwrites what the user
// asked for since. Requests go out through a Sender (the ExchangeClient in the terminal, a
// recorder in tests); answers come in through handleMessage / handleFailure.
#include <QObject>
#include <QString>
#include <bwx/proto/messages.h>
#include <functional>

namespace bwx::terminal {
class ExchangeClient;
}

namespace bwx::terminal::settlement {

class SettlementRequests : public QObject
{
    Q_OBJECT

public:
    // Returns the request id, 0 when nothing could be sent (no session).
    using Sender = std::function<quint32(const bwx::proto::Message &)>;
    enum class Kind { Statement, Document, Usage };

    explicit SettlementRequests(Sender sender, QObject *parent = nullptr);
    // Sends through `client` and listens to its answers.
    explicit SettlementRequests(ExchangeClient *client, QObject *parent = nullptr);

    // Each returns false (and emits failed) when the request could not be sent.
    bool requestStatement(bwx::Timestamp periodStart);
    bool requestDocument(bwx::Timestamp periodStart, bwx::proto::DocumentFormat format);
    bool requestUsage(bwx::TradeId trade, bwx::Timestamp from, bwx::Timestamp to);

    bool statementPending() const { return m_statement != 0; }
    bool documentPending() const { return m_document != 0; }
    bool usagePending() const { return m_usage != 0; }

public slots:
    void handleMessage(quint32 requestId, const bwx::proto::Message &message);
    void handleFailure(quint32 requestId, const QString &message);

signals:
    void statementReceived(const bwx::proto::Statement &statement);
    void documentReceived(const bwx::proto::Document &document,
                          bwx::proto::DocumentFormat format);
    void usageReceived(const bwx::proto::UsageSeries &series, bwx::Timestamp from,
                       bwx::Timestamp to);
    void failed(bwx::terminal::settlement::SettlementRequests::Kind kind, const QString &message);

private:
    quint32 send(const bwx::proto::Message &message, Kind kind);

    Sender m_sender;
    quint32 m_statement = 0;
    quint32 m_document = 0;
    quint32 m_usage = 0;
    bwx::proto::DocumentFormat m_documentFormat = bwx::proto::DocumentFormat::Csv;
    bwx::Timestamp m_usageFrom{};
    bwx::Timestamp m_usageTo{};
};

} // namespace bwx::terminal::settlement
