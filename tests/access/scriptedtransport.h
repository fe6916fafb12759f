#pragma once
// A stand-in for the exchange behind the access manager's transport: every request is recorded
// and answered, a turn of the event loop later (as a network would), by a script the test sets.
// An empty answer means the exchange stays silent.
#include "access/live/accesstransport.h"

#include <QTimer>
#include <functional>
#include <optional>
#include <vector>

namespace bwx::access::test {

class ScriptedTransport : public AccessTransport
{
    Q_OBJECT

public:
    using Script = std::function<std::optional<proto::Message>(const proto::Message &)>;

    using AccessTransport::AccessTransport;

    bool isConnected() const override { return connected; }
    quint32 send(const proto::Message &message) override
    {
        if (!connected)
            return 0;
        const quint32 id = m_nextId++;
        sent.push_back(message);
        if (const std::optional<proto::Message> reply = script ? script(message) : std::nullopt) {
            QTimer::singleShot(0, this, [this, id, reply = *reply] { emit received(id, reply); });
        }
        return id;
    }
    Timestamp now() const override { return clock; }
    MemberId self() const override { return MemberId(1); }
    QString linkDetail() const override { return QStringLiteral("Disconnected: test"); }

    void setConnected(bool on)
    {
        connected = on;
        emit connectedChanged(on);
    }

    template<class T> int count() const
    {
        int n = 0;
        for (const proto::Message &m : sent)
            n += std::holds_alternative<T>(m) ? 1 : 0;
        return n;
    }
    template<class T> std::vector<T> all() const
    {
        std::vector<T> out;
        for (const proto::Message &m : sent) {
            if (const auto *t = std::get_if<T>(&m))
                out.push_back(*t);
        }
        return out;
    }

    bool connected = true;
    Timestamp clock{};
    Script script;
    std::vector<proto::Message> sent;

private:
    quint32 m_nextId = 1;
};

} // namespace bwx::access::test
