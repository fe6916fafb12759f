#pragma once
// A blocking TLS connection to bwxd speaking the member protocol (docs/protocol.md).
//
// One thread uses a Connection at a time. Replies are matched to requests by request id; every
// other message that arrives while waiting (fills, order updates, market data) is queued and
// handed out by receive() in arrival order, so nothing is lost. All failures are thrown as
// ClientError.
#include "bwx/client/client_error.h"
#include "bwx/client/client_options.h"
#include "bwx/proto/messages.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace bwx::client {

struct Incoming
{
    std::uint32_t requestId = 0; // 0 for unsolicited messages
    proto::Message message;
};

class Connection
{
public:
    // TCP connect, TLS 1.2+ handshake with the client certificate, server certificate verified
    // against the CA and the host name or IP address.
    static Connection connect(const ClientOptions &options);

    Connection(Connection &&) noexcept;
    Connection &operator=(Connection &&) noexcept;
    ~Connection();

    // Opens the session. Throws Rejected on a failing Result and Goodbye when refused.
    proto::HelloAck hello(std::string_view clientName);
    // The HelloAck of this session, once hello() succeeded.
    const std::optional<proto::HelloAck> &session() const noexcept;

    // Sends one message with a fresh request id and returns that id.
    std::uint32_t send(const proto::Message &message);
    // Sends and waits for the first message carrying the same request id (default timeout:
    // ClientOptions::timeout). A failing Result is returned, not thrown: callers decide. A
    // Goodbye while waiting is thrown.
    Incoming request(const proto::Message &message,
                     std::optional<std::chrono::milliseconds> timeout = std::nullopt);

    // The next message that was not a reply to request(): queued ones first. A Goodbye is
    // returned like any message (the connection is closed afterwards). Throws Timeout.
    Incoming receive(std::chrono::milliseconds timeout);
    // As receive(), but nullopt instead of a Timeout error.
    std::optional<Incoming> tryReceive(std::chrono::milliseconds timeout);
    // Messages waiting in the queue.
    std::size_t queued() const noexcept;

    // Writes bytes as they are, for tests of malformed frames.
    void sendRaw(std::span<const std::uint8_t> bytes);

    // Pipelining: all messages are encoded into one buffer and written without waiting; the
    // replies are collected afterwards. Incoming data is read while writing, so the server
    // never stalls on a full socket buffer.
    std::vector<std::uint32_t> sendBatch(std::span<const proto::Message> messages);
    // Waits for one reply per id and returns them in the order of `requestIds`; other messages
    // are queued. Throws Timeout when the deadline passes with replies missing.
    std::vector<Incoming> awaitReplies(std::span<const std::uint32_t> requestIds,
                                       std::chrono::milliseconds timeout);

    // Sends TLS close_notify and closes the socket; further use throws Closed.
    void close() noexcept;
    bool isOpen() const noexcept;

private:
    struct Impl;
    explicit Connection(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace bwx::client
