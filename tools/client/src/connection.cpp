#include "bwx/client/connection.h"

#include "bwx/client/reply.h"
#include "bwx/proto/codec.h"
#include "tls_socket.h"

#include <algorithm>
#include <deque>
#include <string>
#include <unordered_map>
#include <utility>

namespace bwx::client {
namespace {

using Clock = detail::TlsSocket::Clock;

// Frames from the server may exceed the limit the server accepts from us (a book snapshot can
// be large), but the client still bounds what one announced length can make it buffer.
constexpr std::uint32_t kMaxIncomingFrame = 16u << 20;

std::string describeRequest(const proto::Message &m, std::uint32_t id)
{
    return std::string(proto::name(proto::typeOf(m))) + " (request " + std::to_string(id) + ")";
}

} // namespace

struct Connection::Impl
{
    ClientOptions options;
    std::unique_ptr<detail::TlsSocket> socket;
    std::vector<std::uint8_t> inbound;
    std::size_t inboundOffset = 0; // bytes of `inbound` already decoded
    std::deque<Incoming> queue;
    std::optional<proto::HelloAck> session;
    std::uint32_t nextRequestId = 1;
    std::string closedReason; // non-empty once the connection is unusable
    std::vector<std::uint8_t> scratch;

    void ensureOpen() const
    {
        if (!socket || !closedReason.empty())
            throw ClientError(ErrorKind::Closed,
                              closedReason.empty() ? "the connection is closed" : closedReason);
    }

    std::uint32_t takeRequestId()
    {
        const std::uint32_t id = nextRequestId++;
        if (nextRequestId == 0) // 0 marks unsolicited messages
            nextRequestId = 1;
        return id;
    }

    void write(std::span<const std::uint8_t> bytes)
    {
        ensureOpen();
        try {
            socket->write(bytes, inbound, Clock::now() + options.timeout);
        } catch (const ClientError &e) {
            closedReason = e.what();
            throw;
        }
    }

    // Moves every whole frame of `inbound` to the queue; returns how many were added.
    std::size_t decodeBuffered()
    {
        std::size_t added = 0;
        for (;;) {
            const std::span<const std::uint8_t> rest(inbound.data() + inboundOffset,
                                                     inbound.size() - inboundOffset);
            proto::Decoded d = proto::decodeFrame(rest, kMaxIncomingFrame);
            if (d.status == proto::DecodeStatus::NeedMore)
                break;
            if (d.status != proto::DecodeStatus::Ok) {
                closedReason = "the server sent an invalid frame: "
                               + std::string(proto::name(d.code)) + ": " + d.error;
                throw ClientError(ErrorKind::Protocol, closedReason);
            }
            inboundOffset += d.consumed;
            queue.push_back(Incoming{d.header.requestId, std::move(d.message)});
            ++added;
        }
        // Compact once the decoded part dominates, so a long session does not grow the buffer.
        if (inboundOffset > 0 && inboundOffset * 2 >= inbound.size()) {
            inbound.erase(inbound.begin(),
                          inbound.begin() + static_cast<std::ptrdiff_t>(inboundOffset));
            inboundOffset = 0;
        }
        return added;
    }

    // Reads and decodes until at least one new message is queued; false on timeout.
    bool readMore(Clock::time_point deadline)
    {
        ensureOpen();
        for (;;) {
            if (decodeBuffered() > 0)
                return true;
            try {
                if (!socket->read(inbound, deadline))
                    return false;
            } catch (const ClientError &e) {
                closedReason = e.what();
                throw;
            }
        }
    }

    [[noreturn]] void throwGoodbye(const proto::Goodbye &g)
    {
        closedReason
            = "the server said goodbye: " + std::string(proto::name(g.code)) + ": " + g.reason;
        socket->shutdown();
        throw ClientError(ErrorKind::Goodbye, g.code, g.reason);
    }

    // Throws if a Goodbye is among the queue entries from `from` on: no reply can follow it.
    void checkGoodbye(std::size_t from)
    {
        for (std::size_t i = from; i < queue.size(); ++i) {
            if (const auto *g = std::get_if<proto::Goodbye>(&queue[i].message)) {
                const proto::Goodbye copy = *g;
                queue.erase(queue.begin() + static_cast<std::ptrdiff_t>(i));
                throwGoodbye(copy);
            }
        }
    }

    Incoming
    awaitReply(std::uint32_t id, const std::string &what, std::chrono::milliseconds timeout)
    {
        const auto deadline = Clock::now() + timeout;
        std::size_t scanned = 0;
        for (;;) {
            decodeBuffered();
            checkGoodbye(scanned);
            for (std::size_t i = scanned; i < queue.size(); ++i) {
                if (queue[i].requestId == id) {
                    Incoming reply = std::move(queue[i]);
                    queue.erase(queue.begin() + static_cast<std::ptrdiff_t>(i));
                    return reply;
                }
            }
            scanned = queue.size();
            if (!readMore(deadline))
                throw ClientError(ErrorKind::Timeout, "no reply to " + what + " within "
                                                          + std::to_string(timeout.count())
                                                          + " ms");
        }
    }
};

Connection::Connection(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{}

Connection::Connection(Connection &&) noexcept = default;
Connection &Connection::operator=(Connection &&) noexcept = default;

Connection::~Connection()
{
    close();
}

Connection Connection::connect(const ClientOptions &options)
{
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    impl->socket = detail::TlsSocket::open(options, Clock::now() + options.timeout);
    return Connection(std::move(impl));
}

proto::HelloAck Connection::hello(std::string_view clientName)
{
    proto::Hello h;
    h.clientName = std::string(clientName);
    Incoming reply = request(h);
    if (auto *ack = std::get_if<proto::HelloAck>(&reply.message)) {
        m_impl->session = *ack;
        return *ack;
    }
    throwUnexpectedReply(reply, proto::name(proto::MessageType::HelloAck));
}

const std::optional<proto::HelloAck> &Connection::session() const noexcept
{
    return m_impl->session;
}

std::uint32_t Connection::send(const proto::Message &message)
{
    m_impl->ensureOpen();
    const std::uint32_t id = m_impl->takeRequestId();
    m_impl->scratch.clear();
    proto::encodeFrame(message, id, m_impl->scratch);
    m_impl->write(m_impl->scratch);
    return id;
}

Incoming Connection::request(const proto::Message &message,
                             std::optional<std::chrono::milliseconds> timeout)
{
    const std::uint32_t id = send(message);
    return m_impl->awaitReply(id, describeRequest(message, id),
                              timeout.value_or(m_impl->options.timeout));
}

std::optional<Incoming> Connection::tryReceive(std::chrono::milliseconds timeout)
{
    Impl &d = *m_impl;
    if (d.queue.empty()) {
        d.decodeBuffered();
        if (d.queue.empty() && !d.readMore(Clock::now() + timeout))
            return std::nullopt;
    }
    Incoming next = std::move(d.queue.front());
    d.queue.pop_front();
    if (const auto *g = std::get_if<proto::Goodbye>(&next.message)) {
        d.closedReason
            = "the server said goodbye: " + std::string(proto::name(g->code)) + ": " + g->reason;
        d.socket->shutdown();
    }
    return next;
}

Incoming Connection::receive(std::chrono::milliseconds timeout)
{
    if (auto next = tryReceive(timeout))
        return std::move(*next);
    throw ClientError(ErrorKind::Timeout,
                      "no message within " + std::to_string(timeout.count()) + " ms");
}

std::size_t Connection::queued() const noexcept
{
    return m_impl->queue.size();
}

void Connection::sendRaw(std::span<const std::uint8_t> bytes)
{
    m_impl->write(bytes);
}

std::vector<std::uint32_t> Connection::sendBatch(std::span<const proto::Message> messages)
{
    m_impl->ensureOpen();
    std::vector<std::uint32_t> ids;
    ids.reserve(messages.size());
    m_impl->scratch.clear();
    for (const auto &m : messages) {
        ids.push_back(m_impl->takeRequestId());
        proto::encodeFrame(m, ids.back(), m_impl->scratch);
    }
    m_impl->write(m_impl->scratch);
    return ids;
}

std::vector<Incoming> Connection::awaitReplies(std::span<const std::uint32_t> requestIds,
                                               std::chrono::milliseconds timeout)
{
    Impl &d = *m_impl;
    std::unordered_map<std::uint32_t, std::size_t> slotOf;
    slotOf.reserve(requestIds.size());
    for (std::size_t i = 0; i < requestIds.size(); ++i)
        slotOf.emplace(requestIds[i], i);
    std::vector<std::optional<Incoming>> slots(requestIds.size());
    std::size_t missing = requestIds.size();

    // Replies found in the queue are taken out; the rest stay in arrival order.
    auto harvest = [&] {
        std::deque<Incoming> rest;
        for (auto &in : d.queue) {
            if (std::holds_alternative<proto::Goodbye>(in.message)) {
                rest.push_back(std::move(in));
                continue;
            }
            const auto it = slotOf.find(in.requestId);
            if (it != slotOf.end() && !slots[it->second]) {
                slots[it->second] = std::move(in);
                --missing;
            } else {
                rest.push_back(std::move(in));
            }
        }
        d.queue.swap(rest);
        d.checkGoodbye(0);
    };

    const auto deadline = Clock::now() + timeout;
    d.decodeBuffered();
    harvest();
    while (missing > 0) {
        if (!d.readMore(deadline))
            throw ClientError(ErrorKind::Timeout, std::to_string(missing) + " of "
                                                      + std::to_string(requestIds.size())
                                                      + " replies missing after "
                                                      + std::to_string(timeout.count()) + " ms");
        harvest();
    }
    std::vector<Incoming> replies;
    replies.reserve(slots.size());
    for (auto &s : slots)
        replies.push_back(std::move(*s));
    return replies;
}

void Connection::close() noexcept
{
    if (m_impl && m_impl->socket) {
        m_impl->socket->shutdown();
        m_impl->socket.reset();
        if (m_impl->closedReason.empty())
            m_impl->closedReason = "the connection was closed by the client";
    }
}

bool Connection::isOpen() const noexcept
{
    return m_impl && m_impl->socket && m_impl->closedReason.empty();
}

} // namespace bwx::client
