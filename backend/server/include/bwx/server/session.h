#pragma once
// One TLS connection from accept to close. The session owns itself (every pending operation
// holds a shared_ptr to it) and runs on its own strand; the session manager holds it while it
// is registered so the fan-out can reach it.
//
//   Handshake ──TLS ok, identity ok──► AwaitHello ──Hello──► HelloPending ──HelloAck──► Ready
//       │                                  │ (others: HelloRequired)     │ (Goodbye)       │
//       └──────────── deadline, refusal, framing error, idle, slow reader ──► Closing ─► Closed
//
// One timer serves every deadline: handshake (TLS + Hello verdict), idle (nothing received),
// and the linger after Goodbye. Reading pauses while the session's own outbound queue is over
// half full, so a client pipelining requests without reading replies is slowed, not dropped;
// unsolicited data that still overflows the queue ends the session (SlowConsumer).
#include "bwx/core/asio.h"
#include "bwx/proto/messages.h"
#include "bwx/server/connection_limiter.h"
#include "bwx/server/identity.h"
#include "bwx/server/member_rate_limits.h"
#include "bwx/server/outbound_queue.h"
#include "bwx/server/rate_limiter.h"
#include "bwx/server/server_options.h"
#include "bwx/server/session_id.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bwx::server {

class Dispatcher;
class SessionManager;

class Session : public std::enable_shared_from_this<Session>
{
public:
    using Stream = asio::ssl::stream<tcp::socket>;
    using Clock = std::chrono::steady_clock;

    // `socket` must have been accepted on its own strand (asio::make_strand).
    Session(tcp::socket socket,
            std::shared_ptr<asio::ssl::context> tls,
            SessionId id,
            std::string peer,
            SessionManager &manager,
            Dispatcher &dispatcher,
            const SharedOptions &options,
            ConnectionLimiter::Slot slot);
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    SessionId id() const { return m_id; }
    const std::string &peer() const { return m_peer; }

    // Starts the TLS handshake and the handshake deadline.
    void start();

    // ---- thread-safe ----
    // Queues one frame; a queue overflow ends the session with Goodbye SlowConsumer.
    void send(const proto::Message &message, std::uint32_t requestId);
    // Says Goodbye with `code` and closes. `requestId` is the request that caused it, if any.
    void close(proto::ResultCode code, std::string reason, std::uint32_t requestId = 0);
    // The market accepted the member's Hello: the session becomes Ready and answers HelloAck.
    // `memberRate` is the bucket the member's sessions share (member_rate_limits.h).
    void helloAccepted(proto::HelloAck ack,
                       std::uint32_t requestId,
                       std::shared_ptr<MemberBucket> memberRate);
    // Reads nothing more (shutdown: what was read is still answered).
    void stopReading();

private:
    enum class State : std::uint8_t { Handshake, AwaitHello, HelloPending, Ready, Closing, Closed };

    void onHandshake(const error_code &ec);
    void doRead();
    void onRead(const error_code &ec, std::size_t bytes);
    void drainRead();
    void processInput();
    void handleFrame(std::uint32_t requestId, proto::Message &&message, Clock::time_point now);
    void handleHello(std::uint32_t requestId, const proto::Hello &hello);
    void reply(const proto::Message &message, std::uint32_t requestId);
    void closeNow(proto::ResultCode code, std::string reason, std::uint32_t requestId);
    void closeSocket();
    void kickWrite();
    void onWrite(const error_code &ec, std::size_t bytes);
    void armTimer(Clock::time_point deadline);
    void onTimer(const error_code &ec);
    void refreshOptions();
    bool outboundCrowded() const;
    proto::HelloAck helloAckTemplate() const;
    std::string tag() const; // "session 12 (192.0.2.1:50000, member:alice)"

    const SessionId m_id;
    const std::string m_peer;
    std::shared_ptr<asio::ssl::context> m_tls; // kept: a reload must not free it under us
    Stream m_stream;
    asio::steady_timer m_timer;
    SessionManager &m_manager;
    Dispatcher &m_dispatcher;
    const SharedOptions &m_sharedOptions;
    std::uint64_t m_optionsGeneration = 0; // read before m_options: a reload in between is seen
    std::shared_ptr<const ServerOptions> m_options;
    ConnectionLimiter::Slot m_slot;

    State m_state = State::Handshake;
    Identity m_identity;
    MemberId m_member{};

    std::vector<std::uint8_t> m_in;
    std::size_t m_inBegin = 0;
    std::size_t m_inEnd = 0;
    bool m_reading = false;
    bool m_readPaused = false;  // outbound queue crowded
    bool m_readStopped = false; // shutdown
    RateLimiter m_rate;
    std::shared_ptr<MemberBucket> m_memberRate; // members only

    OutboundQueue m_out;
    std::vector<std::uint8_t> m_writing;
    bool m_writeActive = false;
    bool m_goodbyeWritten = false;

    Clock::time_point m_handshakeDeadline{};
    Clock::time_point m_lastReceive{};
    Clock::time_point m_closeDeadline{};
    std::string m_closeReason;
};

} // namespace bwx::server
