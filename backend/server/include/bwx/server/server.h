#pragma once
// The TLS member server: accepts connections (within the connection caps), starts a session for
// each, and hands the sequencer's output to the session manager. bwxd drives its life cycle:
//   listen() → ... → stopAccepting() → stopReading() → [sequencer stop: drain and commit]
//   → closeAll(ShuttingDown) → waitUntilClosed()
#include "bwx/core/asio.h"
#include "bwx/expected.h"
#include "bwx/proto/result_code.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/server/server_options.h"
#include "bwx/server/service.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace bwx::server {

class ConnectionLimiter;
class Dispatcher;
class SessionManager;

class Server
{
public:
    Server(asio::io_context &io,
           sequencer::Sequencer &sequencer,
           std::shared_ptr<asio::ssl::context> tls,
           ServerOptions options);
    ~Server();
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    // Binds the listen address and starts accepting; the bound endpoint (the real port when
    // the configured one is 0).
    Expected<tcp::endpoint> listen();

    // The sequencer's OutputHandler.
    void deliver(sequencer::OutputBatch &&batch);

    // Requests of `type` are answered by `handler` (routing, quality, settlement); before listen().
    void addService(proto::MessageType type, ServiceHandler handler);
    // Unsolicited messages from parts outside the market (thread-safe).
    void notifyMember(MemberId member, proto::Message message);
    void notifyAdmins(proto::Message message);

    // New TLS configuration and limits for new sessions; existing sessions keep their TLS
    // session and pick up the new limits with their next read.
    void reload(std::shared_ptr<asio::ssl::context> tls, ServerOptions options);

    void stopAccepting();
    void stopReading();
    void closeAll(proto::ResultCode code, std::string reason);
    // Polls until every session has gone or the timeout passed; true if all have.
    bool waitUntilClosed(std::chrono::milliseconds timeout) const;

    std::size_t sessionCount() const;

private:
    void accept();
    void onAccept(const error_code &ec, tcp::socket socket);
    std::shared_ptr<asio::ssl::context> currentTls() const;

    asio::io_context &m_io;
    sequencer::Sequencer &m_sequencer;
    SharedOptions m_options;
    mutable std::mutex m_tlsMutex;
    std::shared_ptr<asio::ssl::context> m_tls;
    std::shared_ptr<ConnectionLimiter> m_limiter;
    std::unique_ptr<Dispatcher> m_dispatcher;
    std::unique_ptr<SessionManager> m_manager;
    asio::strand<asio::io_context::executor_type> m_acceptStrand;
    tcp::acceptor m_acceptor;
    asio::steady_timer m_retryTimer;
    std::uint64_t m_nextSessionId = 1;
};

} // namespace bwx::server
