#include "bwx/server/session.h"

#include "bwx/proto/codec.h"
#include "bwx/server/dispatcher.h"
#include "bwx/server/log.h"
#include "bwx/server/session_manager.h"

#include <algorithm>
#include <cstring>
#include <openssl/ssl.h>

namespace bwx::server {
namespace {

// Reads ask for at least this much room; a larger buffer only grows for frames that need it.
constexpr std::size_t kReadChunk = 64 * 1024;
// How long a closing session may take to deliver its Goodbye before the socket is cut.
constexpr std::chrono::seconds kLinger{2};

Timestamp wallClock()
{
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count());
}

bool isPeerGone(const error_code &ec)
{
    return ec == asio::error::eof || ec == asio::ssl::error::stream_truncated
           || ec == asio::error::connection_reset || ec == asio::error::broken_pipe;
}

} // namespace

Session::Session(tcp::socket socket,
                 std::shared_ptr<asio::ssl::context> tls,
                 SessionId id,
                 std::string peer,
                 SessionManager &manager,
                 Dispatcher &dispatcher,
                 const SharedOptions &options,
                 ConnectionLimiter::Slot slot)
    : m_id(id)
    , m_peer(std::move(peer))
    , m_tls(std::move(tls))
    , m_stream(std::move(socket), *m_tls)
    , m_timer(m_stream.get_executor())
    , m_manager(manager)
    , m_dispatcher(dispatcher)
    , m_sharedOptions(options)
    , m_optionsGeneration(options.generation())
    , m_options(options.get())
    , m_slot(std::move(slot))
    , m_in(kReadChunk)
    , m_rate(m_options->limits.rateLimitPerSecond, m_options->limits.rateLimitBurst, Clock::now())
    , m_out(m_options->limits.maxOutboundBytes)
{}

Session::~Session() = default;

std::string Session::tag() const
{
    std::string out = "session " + std::to_string(m_id) + " (" + m_peer;
    if (!m_identity.name.empty())
        out += std::string(m_identity.role == Role::Admin ? ", admin:" : ", member:")
               + m_identity.name;
    return out + ")";
}

void Session::start()
{
    asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] {
        self->m_handshakeDeadline = Clock::now() + self->m_options->limits.handshakeTimeout;
        self->armTimer(self->m_handshakeDeadline);
        self->m_stream.async_handshake(asio::ssl::stream_base::server,
                                       [self](const error_code &ec) { self->onHandshake(ec); });
    });
}

void Session::onHandshake(const error_code &ec)
{
    if (m_state != State::Handshake)
        return; // the deadline closed the session meanwhile
    if (ec) {
        logWarning(tag() + ": TLS handshake refused: " + ec.message());
        closeSocket();
        return;
    }
    // TLS is up: from here a refusal can be said with a Goodbye.
    m_state = State::AwaitHello;
    SSL *ssl = m_stream.native_handle();
    auto identity = identityFromCertificate(SSL_get0_peer_certificate(ssl));
    if (!identity) {
        logWarning(tag() + ": certificate refused: " + identity.error());
        closeNow(proto::ResultCode::Forbidden, "certificate refused: " + identity.error(), 0);
        return;
    }
    m_identity = std::move(*identity);
    if (m_identity.role == Role::Admin && !adminAllowed(m_identity, m_options->adminAllow)) {
        logWarning(tag() + ": admin '" + m_identity.name + "' is not in [admin] allow");
        closeNow(proto::ResultCode::Forbidden, "admin '" + m_identity.name + "' is not allowed", 0);
        return;
    }
    logInfo(tag() + ": TLS " + SSL_get_version(ssl) + " " + SSL_get_cipher_name(ssl)
            + ", waiting for hello");
    doRead();
}

void Session::doRead()
{
    if (m_reading || m_readPaused || m_readStopped
        || (m_state != State::AwaitHello && m_state != State::Ready))
        return;
    if (m_inBegin == m_inEnd) {
        m_inBegin = m_inEnd = 0;
    } else if (m_in.size() - m_inEnd < kReadChunk && m_inBegin > 0) {
        std::memmove(m_in.data(), m_in.data() + m_inBegin, m_inEnd - m_inBegin);
        m_inEnd -= m_inBegin;
        m_inBegin = 0;
    }
    // A partial frame is never longer than the maximum frame size (the decoder refuses a
    // longer length at once), so the buffer stays below max_frame_size + one chunk.
    if (m_in.size() - m_inEnd < kReadChunk)
        m_in.resize(m_inEnd + kReadChunk);
    m_reading = true;
    m_stream.async_read_some(
        asio::buffer(m_in.data() + m_inEnd, m_in.size() - m_inEnd),
        [self = shared_from_this()](const error_code &ec, std::size_t n) { self->onRead(ec, n); });
}

void Session::onRead(const error_code &ec, std::size_t bytes)
{
    m_reading = false;
    if (m_state == State::Closed)
        return;
    if (ec) {
        if (m_state != State::Closing) {
            if (isPeerGone(ec))
                logInfo(tag() + ": closed by the peer");
            else
                logWarning(tag() + ": read failed: " + ec.message());
        }
        closeSocket();
        return;
    }
    if (m_state == State::Closing) {
        // After Goodbye nothing is answered; what still arrives is read and dropped, so the
        // close is a FIN and not a reset that could destroy the Goodbye in the peer's buffer.
        drainRead();
        return;
    }
    m_inEnd += bytes;
    m_lastReceive = Clock::now();
    refreshOptions();
    processInput();
    doRead();
}

void Session::drainRead()
{
    if (m_reading || m_state != State::Closing)
        return;
    m_inBegin = m_inEnd = 0;
    m_reading = true;
    m_stream.async_read_some(
        asio::buffer(m_in.data(), m_in.size()),
        [self = shared_from_this()](const error_code &ec, std::size_t n) { self->onRead(ec, n); });
}

void Session::processInput()
{
    const auto now = Clock::now();
    const std::uint32_t maxFrame = m_options->limits.maxFrameSize;
    while ((m_state == State::AwaitHello || m_state == State::Ready) && !m_readPaused
           && !m_readStopped && m_inBegin < m_inEnd) {
        proto::Decoded frame = proto::decodeFrame(
            std::span<const std::uint8_t>(m_in.data() + m_inBegin, m_inEnd - m_inBegin), maxFrame);
        switch (frame.status) {
        case proto::DecodeStatus::NeedMore:
            return;
        case proto::DecodeStatus::BadFrame:
            logWarning(tag() + ": framing error, closing: " + frame.error);
            closeNow(frame.code, frame.error, 0);
            return;
        case proto::DecodeStatus::BadMessage:
            m_inBegin += frame.consumed;
            logDebug(tag() + ": bad message: " + frame.error);
            reply(proto::Result{frame.code, std::move(frame.error)}, frame.header.requestId);
            break;
        case proto::DecodeStatus::Ok:
            m_inBegin += frame.consumed;
            handleFrame(frame.header.requestId, std::move(frame.message), now);
            break;
        }
        if (outboundCrowded())
            m_readPaused = true; // resumed by onWrite once the client has caught up
    }
}

void Session::handleFrame(std::uint32_t requestId, proto::Message &&message, Clock::time_point now)
{
    if (m_state == State::AwaitHello) {
        if (const auto *hello = std::get_if<proto::Hello>(&message)) {
            handleHello(requestId, *hello);
        } else {
            reply(proto::Result{proto::ResultCode::HelloRequired,
                                "the first message must be hello, got "
                                    + std::string(proto::name(proto::typeOf(message)))},
                  requestId);
        }
        return;
    }
    if (!m_rate.tryTake(now)) {
        reply(proto::Result{proto::ResultCode::RateLimited,
                            "more than " + std::to_string(m_rate.ratePerSecond())
                                + " messages per second; slow down"},
              requestId);
        return;
    }
    if (m_memberRate && !m_memberRate->tryTake(now)) {
        reply(proto::Result{proto::ResultCode::RateLimited,
                            "member '" + m_identity.name + "': more than "
                                + std::to_string(m_memberRate->ratePerSecond())
                                + " messages per second over all its sessions; slow down"},
              requestId);
        return;
    }
    const Caller caller{m_id, m_identity.role, m_member};
    if (auto answer = m_dispatcher.dispatch(caller, requestId, std::move(message)))
        reply(*answer, requestId);
}

proto::HelloAck Session::helloAckTemplate() const
{
    proto::HelloAck ack;
    ack.protocolVersion = proto::kProtocolVersion;
    ack.role = m_identity.role;
    ack.memberName = m_identity.name;
    ack.maxFrameSize = m_options->limits.maxFrameSize;
    ack.heartbeatSeconds = m_options->limits.heartbeatSeconds;
    return ack;
}

void Session::handleHello(std::uint32_t requestId, const proto::Hello &hello)
{
    if (hello.protocolVersion != proto::kProtocolVersion) {
        closeNow(proto::ResultCode::UnsupportedVersion,
                 "this server speaks protocol version " + std::to_string(proto::kProtocolVersion)
                     + ", the client asked for " + std::to_string(hello.protocolVersion),
                 requestId);
        return;
    }
    logInfo(tag() + ": hello from client '" + printable(hello.clientName, 80) + "'");
    if (m_identity.role == Role::Admin) {
        // Admins are not market members: the certificate (and the allow-list) is the whole
        // check, so the session is ready at once.
        m_state = State::Ready;
        m_manager.identified(m_id, Role::Admin, MemberId{});
        logInfo(tag() + ": ready as admin");
        proto::HelloAck ack = helloAckTemplate();
        ack.serverTime = wallClock();
        reply(ack, requestId);
        armTimer(m_lastReceive + m_options->limits.idleTimeout);
        return;
    }
    m_state = State::HelloPending; // reading pauses until the market has answered
    if (!m_dispatcher.submitHello(m_id, m_identity, helloAckTemplate(), requestId)) {
        const proto::Result refusal = m_dispatcher.refusal();
        closeNow(refusal.code, refusal.message, requestId);
    }
}

void Session::helloAccepted(proto::HelloAck ack,
                            std::uint32_t requestId,
                            std::shared_ptr<MemberBucket> memberRate)
{
    // The manager registers the member before calling this and keeps fanning out after it, so
    // the HelloAck is queued right here, ahead of anything sent to the member from now on. The
    // state change is posted before the HelloAck can be written, so it has happened before the
    // client can send its next request.
    asio::post(m_stream.get_executor(), [self = shared_from_this(), member = ack.member,
                                          memberRate = std::move(memberRate)]() mutable {
        if (self->m_state != State::HelloPending)
            return;
        self->m_state = State::Ready;
        self->m_member = member;
        self->m_memberRate = std::move(memberRate);
        logInfo(self->tag() + ": ready as member id " + std::to_string(member.value()));
        self->armTimer(self->m_lastReceive + self->m_options->limits.idleTimeout);
        // Frames pipelined behind the Hello were kept; answer them now.
        self->processInput();
        self->doRead();
    });
    ack.serverTime = wallClock();
    send(ack, requestId);
}

void Session::stopReading()
{
    asio::dispatch(m_stream.get_executor(),
                   [self = shared_from_this()] { self->m_readStopped = true; });
}

void Session::reply(const proto::Message &message, std::uint32_t requestId)
{
    send(message, requestId);
}

void Session::send(const proto::Message &message, std::uint32_t requestId)
{
    switch (m_out.push(message, requestId)) {
    case OutboundQueue::Push::Schedule:
        // Posted, not run inline: replies produced while this batch of input is processed
        // (or by this fan-out pass) leave together in one write.
        asio::post(m_stream.get_executor(), [self = shared_from_this()] { self->kickWrite(); });
        break;
    case OutboundQueue::Push::Overflow:
        asio::post(m_stream.get_executor(), [self = shared_from_this()] {
            self->closeNow(proto::ResultCode::SlowConsumer,
                           "more than " + std::to_string(self->m_options->limits.maxOutboundBytes)
                               + " bytes waiting to be read; the session is closed",
                           0);
        });
        break;
    case OutboundQueue::Push::Queued:
    case OutboundQueue::Push::Closed:
        break; // a write is on its way, or the session is closing and drops it
    }
}

void Session::close(proto::ResultCode code, std::string reason, std::uint32_t requestId)
{
    asio::dispatch(m_stream.get_executor(),
                   [self = shared_from_this(), code, reason = std::move(reason),
                    requestId]() mutable { self->closeNow(code, std::move(reason), requestId); });
}

void Session::closeNow(proto::ResultCode code, std::string reason, std::uint32_t requestId)
{
    if (m_state == State::Closing || m_state == State::Closed)
        return;
    if (m_state == State::Handshake) {
        // No TLS session to say Goodbye on.
        logWarning(tag() + ": closed during the TLS handshake: " + reason);
        closeSocket();
        return;
    }
    const auto level = code == proto::ResultCode::ShuttingDown ? LogLevel::Info : LogLevel::Warning;
    log(level, tag() + ": goodbye " + std::string(proto::name(code)) + ": " + reason);
    m_state = State::Closing;
    m_closeReason = std::string(proto::name(code));
    const auto push = m_out.pushFinal(proto::Goodbye{code, std::move(reason)}, requestId);
    m_closeDeadline = Clock::now() + kLinger;
    armTimer(m_closeDeadline);
    if (push == OutboundQueue::Push::Schedule)
        kickWrite();
    drainRead();
}

void Session::closeSocket()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    error_code ignored;
    // The peer may already be gone; shutting down a dead socket fails harmlessly.
    m_stream.lowest_layer().shutdown(tcp::socket::shutdown_both, ignored);
    // Close only fails for an invalid descriptor, and then there is nothing left to release.
    m_stream.lowest_layer().close(ignored);
    m_timer.cancel();
    m_manager.remove(m_id);
    logDebug(tag() + ": closed");
}

void Session::kickWrite()
{
    if (m_writeActive || m_state == State::Closed || m_state == State::Handshake)
        return;
    if (!m_out.take(m_writing)) {
        if (m_state == State::Closing && m_out.closed() && !m_goodbyeWritten) {
            // Goodbye delivered: send FIN and wait (within the linger time) for the peer to
            // close its side, reading and dropping anything it still sends.
            m_goodbyeWritten = true;
            error_code ignored;
            // Fails only if the peer is gone already; the read then ends the session.
            m_stream.lowest_layer().shutdown(tcp::socket::shutdown_send, ignored);
            drainRead();
        }
        return;
    }
    m_writeActive = true;
    asio::async_write(
        m_stream, asio::buffer(m_writing),
        [self = shared_from_this()](const error_code &ec, std::size_t n) { self->onWrite(ec, n); });
}

void Session::onWrite(const error_code &ec, std::size_t)
{
    m_writeActive = false;
    if (m_state == State::Closed)
        return;
    if (ec) {
        if (!isPeerGone(ec) && ec != asio::error::operation_aborted)
            logWarning(tag() + ": write failed: " + ec.message());
        closeSocket();
        return;
    }
    kickWrite();
    if (m_readPaused && !outboundCrowded() && m_state == State::Ready) {
        m_readPaused = false;
        processInput();
        doRead();
    }
}

bool Session::outboundCrowded() const
{
    return m_out.size() > m_options->limits.maxOutboundBytes / 2;
}

void Session::armTimer(Clock::time_point deadline)
{
    // Moving the expiry cancels the wait in progress; its handler sees operation_aborted and
    // does nothing, so exactly one wait is ever outstanding.
    m_timer.expires_at(deadline);
    m_timer.async_wait([self = shared_from_this()](const error_code &ec) { self->onTimer(ec); });
}

void Session::onTimer(const error_code &ec)
{
    if (ec == asio::error::operation_aborted || m_state == State::Closed)
        return;
    const auto now = Clock::now();
    switch (m_state) {
    case State::Handshake:
    case State::AwaitHello:
    case State::HelloPending:
        if (now < m_handshakeDeadline) {
            armTimer(m_handshakeDeadline);
            return;
        }
        closeNow(proto::ResultCode::IdleTimeout,
                 "no completed hello within "
                     + std::to_string(m_options->limits.handshakeTimeout.count()) + " ms",
                 0);
        return;
    case State::Ready: {
        const auto deadline = m_lastReceive + m_options->limits.idleTimeout;
        if (now < deadline) {
            armTimer(deadline);
            return;
        }
        closeNow(proto::ResultCode::IdleTimeout,
                 "nothing received for " + std::to_string(m_options->limits.idleTimeout.count())
                     + " s; send ping at least every "
                     + std::to_string(m_options->limits.heartbeatSeconds) + " s",
                 0);
        return;
    }
    case State::Closing:
        if (now < m_closeDeadline) {
            armTimer(m_closeDeadline);
            return;
        }
        logInfo(tag() + ": goodbye not read within the linger time, cutting the connection");
        closeSocket();
        return;
    case State::Closed:
        return;
    }
}

void Session::refreshOptions()
{
    const std::uint64_t generation = m_sharedOptions.generation();
    if (generation == m_optionsGeneration)
        return;
    m_optionsGeneration = generation;
    m_options = m_sharedOptions.get();
    m_rate.reconfigure(m_options->limits.rateLimitPerSecond, m_options->limits.rateLimitBurst,
                       Clock::now());
    m_out.setLimit(m_options->limits.maxOutboundBytes);
}

} // namespace bwx::server
