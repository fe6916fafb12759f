#pragma once
// What the access manager needs from a session with the exchange: send a request, hear every
// message with its request id, know whether it is logged in and what time the exchange says it
// is. ClientTransport puts the terminal's ExchangeClient behind it; tests put a scripted
// exchange behind it, so the driver is tested without sockets.
#include <QObject>
#include <bwx/domain/ids.h>
#include <bwx/proto/messages.h>

namespace bwx::terminal {
class ExchangeClient;
}

namespace bwx::access {

class AccessTransport : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual bool isConnected() const = 0;
    // The request id, or 0 when nothing could be sent (not logged in).
    virtual quint32 send(const proto::Message &message) = 0;
    // The exchange's clock now.
    virtual Timestamp now() const = 0;
    virtual MemberId self() const = 0;
    // Why the link is down, for the decision's explanation.
    virtual QString linkDetail() const = 0;

signals:
    // Every message from the exchange (requestId 0 when unsolicited).
    void received(quint32 requestId, const bwx::proto::Message &message);
    void connectedChanged(bool connected);
};

class ClientTransport : public AccessTransport
{
    Q_OBJECT

public:
    explicit ClientTransport(terminal::ExchangeClient *client, QObject *parent = nullptr);

    bool isConnected() const override;
    quint32 send(const proto::Message &message) override;
    Timestamp now() const override;
    MemberId self() const override;
    QString linkDetail() const override;

private:
    terminal::ExchangeClient *m_client;
};

} // namespace bwx::access
