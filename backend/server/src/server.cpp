#include "bwx/core/asio.h"
#include "bwx/server/connection_limiter.h"
#include "bwx/server/dispatcher.h"
#include "bwx/server/log.h"
#include "bwx/server/server.h"
#include "bwx/server/session.h"
#include "bwx/server/session_manager.h"

#include <thread>

namespace bwx::server {
namespace {

Timestamp wallClock()
{
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count());
}

std::string endpointText(const tcp::endpoint &endpoint)
{
    const auto address = endpoint.address();
    const std::string host
        = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    return host + ":" + std::to_string(endpoint.port());
}

} // namespace

Server::Server(asio::io_context &io,
               sequencer::Sequencer &sequencer,
               std::shared_ptr<asio::ssl::context> tls,
               ServerOptions options)
    : m_io(io)
    , m_sequencer(sequencer)
    , m_options(std::move(options))
    , m_tls(std::move(tls))
    , m_limiter(std::make_shared<ConnectionLimiter>())
    , m_dispatcher(std::make_unique<Dispatcher>(sequencer, m_options))
    , m_manager(std::make_unique<SessionManager>(io, sequencer, m_options, wallClock()))
    , m_acceptStrand(asio::make_strand(io))
    , m_acceptor(m_acceptStrand)
    , m_retryTimer(m_acceptStrand)
{
    m_dispatcher->setReplier([manager = m_manager.get()](SessionId session, std::uint32_t requestId,
                                                         proto::Message reply) {
        manager->reply(session, requestId, std::move(reply));
    });
}

Server::~Server() = default;

void Server::addService(proto::MessageType type, ServiceHandler handler)
{
    m_dispatcher->addService(type, std::move(handler));
}

void Server::notifyMember(MemberId member, proto::Message message)
{
    m_manager->notifyMember(member, std::move(message));
}

void Server::notifyAdmins(proto::Message message)
{
    m_manager->notifyAdmins(std::move(message));
}

Expected<tcp::endpoint> Server::listen()
{
    const auto options = m_options.get();
    error_code ec;
    const auto address = asio::ip::make_address(options->listenHost, ec);
    if (ec)
        return makeError("listen address '" + options->listenHost + "' is not an IP address");
    const tcp::endpoint endpoint(address, options->listenPort);
    const std::string where = endpointText(endpoint);
    m_acceptor.open(endpoint.protocol(), ec);
    if (ec)
        return makeError("cannot open a socket for " + where + ": " + ec.message());
    m_acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (ec)
        return makeError("cannot set SO_REUSEADDR on " + where + ": " + ec.message());
    if (address.is_v6()) {
        // An IPv6 address means IPv6 only; list an IPv4 address separately to get both.
        m_acceptor.set_option(asio::ip::v6_only(true), ec);
        if (ec)
            return makeError("cannot set IPV6_V6ONLY on " + where + ": " + ec.message());
    }
    m_acceptor.bind(endpoint, ec);
    if (ec)
        return makeError("cannot bind " + where + ": " + ec.message());
    m_acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return makeError("cannot listen on " + where + ": " + ec.message());
    const tcp::endpoint bound = m_acceptor.local_endpoint(ec);
    if (ec)
        return makeError("cannot read the bound address of " + where + ": " + ec.message());
    m_manager->start();
    asio::dispatch(m_acceptStrand, [this] { accept(); });
    return bound;
}

void Server::accept()
{
    // Each connection gets its own strand: its handlers never run concurrently, while
    // different sessions run in parallel on the io threads.
    m_acceptor.async_accept(
        asio::make_strand(m_io),
        [this](const error_code &ec, tcp::socket socket) { onAccept(ec, std::move(socket)); });
}

void Server::onAccept(const error_code &ec, tcp::socket socket)
{
    if (ec == asio::error::operation_aborted || !m_acceptor.is_open())
        return; // stopAccepting()
    if (ec) {
        // Typically EMFILE/ENFILE: back off briefly instead of spinning on the error.
        logWarning("accept failed: " + ec.message() + "; retrying in 100 ms");
        m_retryTimer.expires_after(std::chrono::milliseconds(100));
        m_retryTimer.async_wait([this](const error_code &timerEc) {
            if (!timerEc && m_acceptor.is_open())
                accept();
        });
        return;
    }
    error_code endpointEc;
    const tcp::endpoint remote = socket.remote_endpoint(endpointEc);
    if (endpointEc) {
        // The peer reset the connection between accept and now; nothing to serve.
        accept();
        return;
    }
    const std::string address = remote.address().to_string();
    const std::string peer = endpointText(remote);
    const auto options = m_options.get();
    std::string refusal;
    auto slot = m_limiter->tryAcquire(address, options->maxConnections,
                                      options->maxConnectionsPerIp, refusal);
    if (!slot.valid()) {
        logWarning("connection from " + peer + " refused: " + refusal);
        error_code ignored;
        // Refused before any TLS: the peer just sees the connection closed.
        socket.close(ignored);
        accept();
        return;
    }
    error_code ignored;
    // Frames are small and latency matters; a failure only costs latency.
    socket.set_option(tcp::no_delay(true), ignored);
    const SessionId id = m_nextSessionId++;
    auto session = std::make_shared<Session>(std::move(socket), currentTls(), id, peer, *m_manager,
                                             *m_dispatcher, m_options, std::move(slot));
    logDebug("session " + std::to_string(id) + " accepted from " + peer);
    m_manager->add(session);
    session->start();
    accept();
}

void Server::deliver(sequencer::OutputBatch &&batch)
{
    m_manager->deliver(std::move(batch));
}

std::shared_ptr<asio::ssl::context> Server::currentTls() const
{
    std::lock_guard lock(m_tlsMutex);
    return m_tls;
}

void Server::reload(std::shared_ptr<asio::ssl::context> tls, ServerOptions options)
{
    {
        std::lock_guard lock(m_tlsMutex);
        m_tls = std::move(tls);
    }
    m_options.set(std::move(options));
}

void Server::stopAccepting()
{
    asio::dispatch(m_acceptStrand, [this] {
        error_code ignored;
        // Closing an acceptor only fails if it is already closed.
        m_acceptor.close(ignored);
        m_retryTimer.cancel();
    });
}

void Server::stopReading()
{
    m_manager->stopReadingAll();
}

void Server::closeAll(proto::ResultCode code, std::string reason)
{
    m_manager->closeAll(code, std::move(reason));
}

bool Server::waitUntilClosed(std::chrono::milliseconds timeout) const
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (m_manager->size() > 0) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

std::size_t Server::sessionCount() const
{
    return m_manager->size();
}

} // namespace bwx::server
