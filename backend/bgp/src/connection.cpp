#include "connection.h"

#include <algorithm>
#include <cstring>

namespace bwx::bgp::detail {

namespace {
constexpr std::size_t kMinReadChunk = 16 * 1024;
constexpr std::size_t kMaxReadChunk = 256 * 1024;
constexpr std::size_t kLowWater = 64 * 1024;
// An idle connection keeps output buffers up to this size; larger ones are released.
constexpr std::size_t kKeptCapacity = 2 * kLowWater;
} // namespace

net::Address fromAsio(const asio::ip::address &a)
{
    if (a.is_v4())
        return net::Address::v4(a.to_v4().to_uint());
    if (a.to_v6().is_v4_mapped())
        return net::Address::v4(
            asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6()).to_uint());
    const auto bytes = a.to_v6().to_bytes();
    return net::Address::fromBytes(net::Family::V6, bytes);
}

asio::ip::address toAsio(const net::Address &a)
{
    if (a.isV4())
        return asio::ip::address_v4(a.v4Value());
    asio::ip::address_v6::bytes_type bytes;
    a.toBytes(bytes.data());
    return asio::ip::address_v6(bytes);
}

Connection::Connection(tcp::socket socket, bool locallyInitiated, Owner *owner)
    : m_socket(std::move(socket))
    , m_closeTimer(m_socket.get_executor())
    , m_owner(owner)
    , m_locallyInitiated(locallyInitiated)
    , m_readChunk(kMinReadChunk)
{
    error_code ec;
    m_socket.set_option(tcp::no_delay(true), ec);
}

void Connection::reject(tcp::socket socket, std::uint8_t ceaseSubcode)
{
    auto c = std::make_shared<Connection>(std::move(socket), false, nullptr);
    encodeNotification(Notification::make(ErrorCode::Cease, ceaseSubcode), c->output());
    c->closeAfterFlush();
}

void Connection::start()
{
    readMore();
}

void Connection::detach()
{
    m_owner = nullptr;
    // A connection that is sending its last NOTIFICATION closes itself once that is out.
    if (!m_closing)
        close();
}

void Connection::readMore()
{
    if (m_closed)
        return;
    // The unread bytes are less than one message (processInput() took every whole one), so
    // a buffer of this size always has room for the chunk after them once they are moved to
    // its front.
    const std::size_t wanted = m_readChunk + m_maxMessageSize;
    const std::size_t unread = m_inEnd - m_inBegin;
    if (m_in.size() < wanted || m_in.size() > 2 * wanted) {
        std::vector<std::uint8_t> resized(wanted);
        std::memcpy(resized.data(), m_in.data() + m_inBegin, unread);
        m_in.swap(resized);
        m_inBegin = 0;
        m_inEnd = unread;
    } else if (m_inBegin > 0 && m_in.size() - m_inEnd < m_readChunk) {
        std::memmove(m_in.data(), m_in.data() + m_inBegin, unread);
        m_inEnd = unread;
        m_inBegin = 0;
    }
    auto self = shared_from_this();
    m_socket.async_read_some(asio::buffer(m_in.data() + m_inEnd, m_in.size() - m_inEnd),
                             [self](const error_code &ec, std::size_t n) { self->onRead(ec, n); });
}

void Connection::onRead(const error_code &ec, std::size_t n)
{
    if (m_closed)
        return;
    if (ec) {
        fail(ec == asio::error::eof ? "connection closed by peer" : ec.message());
        return;
    }
    // A read that filled what it was offered (the buffer after the unread bytes; nothing moves
    // them while it is in flight) left more in the socket: offer more next time. One that did
    // not drained it: the peer is not sending faster than it is read.
    const bool filled = n == m_in.size() - m_inEnd;
    m_inEnd += n;
    m_readChunk = filled ? std::min(2 * m_readChunk, kMaxReadChunk) : kMinReadChunk;
    processInput();
    if (!m_closed && !m_closing)
        readMore();
}

void Connection::processInput()
{
    while (!m_closed && !m_closing) {
        const std::span<const std::uint8_t> data(m_in.data() + m_inBegin, m_inEnd - m_inBegin);
        const FrameCheck f = checkFrame(data, m_maxMessageSize);
        if (f.status == FrameStatus::Incomplete)
            return;
        if (f.status == FrameStatus::Error) {
            if (m_owner)
                m_owner->onFrameError(*this, f.error);
            return;
        }
        m_inBegin += f.length;
        if (m_owner)
            m_owner->onMessage(*this, f.type, data.subspan(kHeaderSize, f.length - kHeaderSize));
    }
}

void Connection::flush()
{
    if (m_closed || m_writeInFlight || m_pending.empty())
        return;
    m_writing.swap(m_pending);
    m_pending.clear();
    m_writeInFlight = true;
    auto self = shared_from_this();
    asio::async_write(m_socket, asio::buffer(m_writing),
                      [self](const error_code &ec, std::size_t) { self->onWritten(ec); });
}

void Connection::onWritten(const error_code &ec)
{
    m_writeInFlight = false;
    m_writing.clear();
    if (m_closed)
        return;
    if (ec) {
        fail("write failed: " + ec.message());
        return;
    }
    if (!m_pending.empty()) {
        flush();
    } else if (m_closing) {
        close();
        return;
    }
    if (m_owner && !m_closing && queuedBytes() < kLowWater)
        m_owner->onWritable(*this);
    if (!m_writeInFlight && m_pending.empty()) {
        // The owner had nothing more to send: a burst (a full table to a member) is over, and
        // both buffers would keep its peak size, megabytes per session, for the session's life.
        if (m_writing.capacity() > kKeptCapacity)
            std::vector<std::uint8_t>().swap(m_writing);
        if (m_pending.capacity() > kKeptCapacity)
            std::vector<std::uint8_t>().swap(m_pending);
        if (m_owner)
            m_owner->onIdle(*this);
    }
}

void Connection::closeAfterFlush()
{
    if (m_closed || m_closing)
        return;
    m_closing = true;
    flush();
    if (!m_writeInFlight) {
        close();
        return;
    }
    auto self = shared_from_this();
    m_closeTimer.expires_after(std::chrono::seconds(2));
    m_closeTimer.async_wait([self](const error_code &ec) {
        if (!ec)
            self->close();
    });
}

void Connection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    error_code ignored;
    m_closeTimer.cancel();
    m_socket.shutdown(tcp::socket::shutdown_both, ignored);
    m_socket.close(ignored);
}

void Connection::fail(const std::string &why)
{
    const bool wasClosing = m_closing;
    close();
    if (m_owner && !wasClosing)
        m_owner->onClosed(*this, why);
}

} // namespace bwx::bgp::detail
