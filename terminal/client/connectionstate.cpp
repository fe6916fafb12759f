#include "client/connectionstate.h"

#include <QCoreApplication>

namespace bwx::terminal {

namespace {
class ConnectionStateText
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionState)
public:
    static QString of(ConnectionState state)
    {
        switch (state) {
        case ConnectionState::Disconnected:
            return tr("Disconnected");
        case ConnectionState::Connecting:
            return tr("Connecting");
        case ConnectionState::LoggingIn:
            return tr("Logging in");
        case ConnectionState::Connected:
            return tr("Connected");
        case ConnectionState::WaitingToReconnect:
            return tr("Reconnecting");
        }
        return {};
    }
};
} // namespace

QString toDisplayString(ConnectionState state)
{
    return ConnectionStateText::of(state);
}

} // namespace bwx::terminal
