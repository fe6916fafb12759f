#pragma once
#include <QString>

namespace bwx::terminal {

enum class ConnectionState {
    Disconnected, // not connected and not trying
    Connecting,   // TCP connect and TLS handshake
    LoggingIn,    // Hello sent, waiting for HelloAck
    Connected,
    WaitingToReconnect, // lost the connection; the next attempt is scheduled
};

QString toDisplayString(ConnectionState state);

} // namespace bwx::terminal
