#pragma once
// One TCP connection carrying BGP messages: framing on input, a bounded byte queue on output.
// It knows nothing of the FSM; it reports whole messages, framing errors and closure to its
// owner, always on the owner's strand.
#include "bwx/bgp/codec.h"
#include "bwx/core/asio.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace bwx::bgp::detail {

net::Address fromAsio(const asio::ip::address &a);
asio::ip::address toAsio(const net::Address &a);

class Connection : public std::enable_shared_from_this<Connection>
{
public:
    // RFC 4486 / RFC 4271 6.8: tells the other side why its connection is not wanted (Cease
    // 6/5 connection rejected, 6/7 collision), then closes.
    static void reject(tcp::socket socket, std::uint8_t ceaseSubcode);

    class Owner
    {
    public:
        virtual void onMessage(Connection &c, MessageType type, std::span<const std::uint8_t> body) = 0;
        virtual void onFrameError(Connection &c, const Notification &error) = 0;
        virtual void onClosed(Connection &c, const std::string &why) = 0;
        // The output queue drained below the low-water mark: time to encode more routes.
        virtual void onWritable(Connection &c) = 0;
        // Everything queued is written and the buffers a burst grew are released.
        virtual void onIdle(Connection &) {}

    protected:
        virtual ~Owner() = default;
    };

    Connection(tcp::socket socket, bool locallyInitiated, Owner *owner);

    void start();
    // Stops callbacks into the owner and closes (after the queued bytes if closeAfterFlush()).
    void detach();
    bool locallyInitiated() const noexcept { return m_locallyInitiated; }
    bool closed() const noexcept { return m_closed; }

    void setMaxMessageSize(std::uint32_t size) noexcept { m_maxMessageSize = size; }
    // Bytes appended here are sent in order.
    std::vector<std::uint8_t> &output() noexcept { return m_pending; }
    void flush();
    std::size_t queuedBytes() const noexcept { return m_pending.size() + m_writing.size(); }
    bool idle() const noexcept { return !m_writeInFlight && m_pending.empty(); }
    std::uint64_t messagesOut = 0;

    // Sends what is queued (a NOTIFICATION usually), then closes; gives up after two seconds.
    void closeAfterFlush();
    void close();

    // Set once the peer's OPEN on this connection was accepted.
    std::optional<Open> peerOpen;

private:
    void readMore();
    void onRead(const error_code &ec, std::size_t n);
    void processInput();
    void onWritten(const error_code &ec);
    void fail(const std::string &why);

    tcp::socket m_socket;
    asio::steady_timer m_closeTimer;
    Owner *m_owner;
    bool m_locallyInitiated;
    bool m_closed = false;
    bool m_closing = false;
    bool m_writeInFlight = false;
    std::uint32_t m_maxMessageSize = kMaxMessageSize;
    // Received bytes: room for m_readChunk and a whole maximal message. The chunk grows while
    // reads fill it (a table arriving) and drops back when the socket runs dry, so a quiet
    // session keeps 20 KiB, not 320.
    std::vector<std::uint8_t> m_in;
    std::size_t m_inBegin = 0;
    std::size_t m_inEnd = 0;
    std::size_t m_readChunk;
    std::vector<std::uint8_t> m_pending;
    std::vector<std::uint8_t> m_writing;
};

} // namespace bwx::bgp::detail
