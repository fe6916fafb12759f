#pragma once
// A hand-driven BGP peer over a plain socket: sends exactly the bytes a test gives it (including
// malformed ones) and reads what the speaker answers.
#include "bwx/bgp/messages.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bwx::interop {

class RawPeer
{
public:
    using Bytes = std::vector<std::uint8_t>;
    struct Message
    {
        std::uint8_t type = 0;
        Bytes body;
    };

    RawPeer() = default;
    ~RawPeer();
    RawPeer(const RawPeer &) = delete;
    RawPeer &operator=(const RawPeer &) = delete;

    bool connect(const std::string &local, const std::string &remote, std::uint16_t port);
    void close();
    bool send(const Bytes &bytes);
    // The next whole message, or nothing on timeout or when the connection closed.
    std::optional<Message> read(int timeoutMs);
    // Reads until a NOTIFICATION arrives (KEEPALIVEs and UPDATEs are skipped).
    std::optional<bgp::Notification> waitNotification(int timeoutMs);
    // True once the speaker closed the connection (EOF) within the timeout.
    bool waitClosed(int timeoutMs);

    // OPEN with 4-octet AS and the given families, then the OPEN/KEEPALIVE exchange.
    // gracefulRestart: the restart time to advertise (RFC 4724), 0 for none.
    bool handshake(bgp::Asn as,
                   std::uint32_t id,
                   std::uint16_t hold,
                   bool v4 = true,
                   bool v6 = true,
                   std::uint16_t gracefulRestart = 0);
    static Bytes openMessage(bgp::Asn as,
                             std::uint32_t id,
                             std::uint16_t hold,
                             bool v4,
                             bool v6,
                             std::uint16_t gracefulRestart = 0);
    // Closes the socket with a reset (SO_LINGER 0): the peer sees the TCP session fail without
    // a NOTIFICATION, as when a router restarts.
    void abort();

private:
    int m_fd = -1;
    Bytes m_buffer;
};

} // namespace bwx::interop
