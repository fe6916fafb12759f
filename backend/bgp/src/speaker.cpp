#include "bwx/bgp/speaker.h"

#include "connection.h"
#include "log.h"
#include "peer.h"
#include "socket_options.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace bwx::bgp {

using detail::Peer;

BgpSpeaker::Impl::Impl(asio::io_context &io, SpeakerConfig cfg, SpeakerListener *l)
    : strand(asio::make_strand(io))
    , config(std::move(cfg))
    , listener(l)
    , publishTimer(strand)
{}

void BgpSpeaker::Impl::notifyRoutes(PeerId peer,
                                    MemberId member,
                                    std::span<const RouteChange> changes)
{
    std::lock_guard lock(listenerMutex);
    if (listener)
        listener->routesChanged(peer, member, changes);
}

void BgpSpeaker::Impl::notifyState(const PeerStateChange &change)
{
    std::lock_guard lock(listenerMutex);
    if (listener)
        listener->peerStateChanged(change);
}

void BgpSpeaker::Impl::notifyEndOfRib(PeerId peer, MemberId member, net::Family family)
{
    std::lock_guard lock(listenerMutex);
    if (listener)
        listener->endOfRib(peer, member, family);
}

Peer *BgpSpeaker::Impl::peer(PeerId id)
{
    auto it = peers.find(id.value());
    return it == peers.end() ? nullptr : it->second.get();
}

void BgpSpeaker::Impl::largeBurstSent()
{
    for (const auto &[id, p] : peers)
        if (p->sendingLargeBurst())
            return; // the last session to finish releases for all
#if defined(__GLIBC__)
    // A burst's transient lists (the arbiter's changed prefixes, the batches posted here, each
    // session's pending queue) are freed by now, but glibc keeps freed heap memory mapped
    // unless it lies at the top of the heap: after exporting full tables that is hundreds of
    // megabytes. malloc_trim walks every free chunk, so it runs once per burst, never per
    // message.
    malloc_trim(0);
#endif
}

void BgpSpeaker::Impl::sessionDrained()
{
    for (const auto &[id, p] : peers)
        if (p->hasQueued())
            return;
    std::lock_guard lock(sourceMutex);
    if (source)
        source->outboundDrained();
}

void BgpSpeaker::Impl::createPeer(PeerId id, PeerConfig cfg)
{
    auto p = std::make_shared<Peer>(*this, id, std::move(cfg));
    peers[id.value()] = p;
    installListenerKeys(p->config(), true);
    if (running)
        p->start();
    publish();
}

void BgpSpeaker::Impl::installListenerKeys(const PeerConfig &peer, bool install)
{
    if (peer.md5Password.empty())
        return;
    for (const auto &a : acceptors) {
        if (!a->is_open())
            continue;
        const bool v6Socket = a->local_endpoint().address().is_v6();
        if (v6Socket != !peer.address.isV4())
            continue;
        (void)detail::setTcpMd5(a->native_handle(), peer.address,
                                install ? peer.md5Password : std::string());
    }
}

void BgpSpeaker::Impl::accept(const std::shared_ptr<tcp::acceptor> &acceptor)
{
    auto self = shared_from_this();
    acceptor->async_accept(strand, [self, acceptor](const error_code &ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor->is_open())
            return;
        if (!ec)
            self->onAccepted(std::move(socket));
        self->accept(acceptor);
    });
}

void BgpSpeaker::Impl::onAccepted(tcp::socket socket)
{
    error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    const auto local = socket.local_endpoint(ec);
    if (ec)
        return;
    const net::Address from = detail::fromAsio(remote.address());
    const net::Address to = detail::fromAsio(local.address());
    for (auto &[id, p] : peers) {
        const PeerConfig &c = p->config();
        if (c.address == from && (!c.localAddress || *c.localAddress == to)) {
            p->acceptIncoming(std::move(socket));
            return;
        }
    }
    detail::debugLog("refused connection from unknown peer " + from.toString());
    detail::Connection::reject(std::move(socket), cease::ConnectionRejected);
}

void BgpSpeaker::Impl::publish()
{
    std::vector<PeerStatus> s;
    s.reserve(peers.size());
    for (auto &[id, p] : peers)
        s.push_back(p->status());
    std::lock_guard lock(statusMutex);
    snapshot = std::move(s);
    attributeSets = pool.size();
}

void BgpSpeaker::Impl::publishPeriodically()
{
    if (!running)
        return;
    publish();
    publishTimer.expires_after(config.statusPeriod);
    // Weak: a pending wait must not keep a stopped speaker alive.
    std::weak_ptr<Impl> weak = shared_from_this();
    publishTimer.async_wait([weak](const error_code &ec) {
        if (ec)
            return;
        if (auto self = weak.lock())
            self->publishPeriodically();
    });
}

void BgpSpeaker::Impl::schedulePublish()
{
    // State changes publish at once; counters catch up at the next period.
    publish();
}

BgpSpeaker::BgpSpeaker(asio::io_context &io, SpeakerConfig config, SpeakerListener *listener)
    : m_impl(std::make_shared<Impl>(io, std::move(config), listener))
{
    std::lock_guard lock(m_impl->statusMutex);
    for (const PeerConfig &p : m_impl->config.peers) {
        PeerStatus s;
        s.peer = PeerId(m_impl->nextPeerId++);
        s.member = p.member;
        s.name = p.name;
        s.address = p.address;
        s.remoteAs = p.remoteAs;
        m_impl->snapshot.push_back(std::move(s));
    }
}

BgpSpeaker::~BgpSpeaker()
{
    {
        std::lock_guard lock(m_impl->listenerMutex);
        m_impl->listener = nullptr;
    }
    {
        std::lock_guard lock(m_impl->sourceMutex);
        m_impl->source = nullptr;
    }
    stop();
}

Expected<std::vector<BoundEndpoint>> BgpSpeaker::start()
{
    Impl &impl = *m_impl;
    std::vector<BoundEndpoint> bound;
    std::vector<std::shared_ptr<tcp::acceptor>> acceptors;
    for (const ListenEndpoint &l : impl.config.listen) {
        auto a = std::make_shared<tcp::acceptor>(impl.strand);
        error_code ec;
        const tcp::endpoint ep(detail::toAsio(l.address), l.port);
        a->open(ep.protocol(), ec);
        if (!ec)
            a->set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec && ep.address().is_v6())
            a->set_option(asio::ip::v6_only(true), ec);
        if (!ec) {
            // SYN-ACKs leave with TTL 255 so that peers using GTSM accept them.
            (void)detail::setOutgoingTtl255(a->native_handle(), l.address.family());
            a->bind(ep, ec);
        }
        if (!ec)
            a->listen(asio::socket_base::max_listen_connections, ec);
        if (ec)
            return makeError("cannot listen on " + l.address.toString() + " port "
                             + std::to_string(l.port) + ": " + ec.message());
        bound.push_back({l.address, a->local_endpoint().port()});
        acceptors.push_back(std::move(a));
    }
    auto self = m_impl;
    std::vector<PeerConfig> peers = impl.config.peers;
    asio::post(impl.strand, [self, acceptors, peers]() mutable {
        self->acceptors = std::move(acceptors);
        self->running = true;
        std::uint32_t id = 0;
        for (PeerConfig &p : peers)
            self->createPeer(PeerId(id++), std::move(p));
        for (const auto &a : self->acceptors)
            self->accept(a);
        // Counters are republished periodically so status() stays fresh.
        self->publishPeriodically();
    });
    return bound;
}

void BgpSpeaker::stop()
{
    auto self = m_impl;
    if (!self)
        return;
    asio::post(self->strand, [self] {
        if (!self->running)
            return;
        self->running = false;
        for (const auto &a : self->acceptors) {
            error_code ignored;
            a->close(ignored);
        }
        const Notification n = Notification::make(ErrorCode::Cease,
                                                   cease::AdministrativeShutdown);
        for (auto &[id, p] : self->peers)
            p->stop(n, "speaker stopped", true);
        self->publishTimer.cancel();
        self->publish();
    });
}

PeerId BgpSpeaker::addPeer(PeerConfig config)
{
    PeerId id;
    {
        std::lock_guard lock(m_impl->statusMutex);
        id = PeerId(m_impl->nextPeerId++);
    }
    auto self = m_impl;
    asio::post(self->strand, [self, id, config = std::move(config)]() mutable {
        self->createPeer(id, std::move(config));
    });
    return id;
}

void BgpSpeaker::removePeer(PeerId peer)
{
    auto self = m_impl;
    asio::post(self->strand, [self, peer] {
        auto it = self->peers.find(peer.value());
        if (it == self->peers.end())
            return;
        it->second->stop(Notification::make(ErrorCode::Cease, cease::PeerDeconfigured),
                         "peer de-configured", true);
        self->installListenerKeys(it->second->config(), false);
        it->second->clearQueue();
        // Routes kept stale over a graceful restart are still held when the peer was idle.
        it->second->withdrawReceived();
        self->store.forget(peer);
        self->peers.erase(it);
        self->publish();
    });
}

void BgpSpeaker::disablePeer(PeerId peer, std::string message)
{
    auto self = m_impl;
    asio::post(self->strand, [self, peer, message = std::move(message)] {
        if (Peer *p = self->peer(peer))
            p->stop(Notification::shutdown(cease::AdministrativeShutdown, message),
                    "administrative shutdown" + (message.empty() ? "" : ": " + message), true);
    });
}

void BgpSpeaker::enablePeer(PeerId peer)
{
    auto self = m_impl;
    asio::post(self->strand, [self, peer] {
        if (Peer *p = self->peer(peer); p && self->running)
            p->start();
    });
}

void BgpSpeaker::resetPeer(PeerId peer, std::string message)
{
    auto self = m_impl;
    asio::post(self->strand, [self, peer, message = std::move(message)] {
        if (Peer *p = self->peer(peer))
            p->reset(Notification::shutdown(cease::AdministrativeReset, message),
                     "administrative reset" + (message.empty() ? "" : ": " + message));
    });
}

void BgpSpeaker::requestRefresh(PeerId peer)
{
    auto self = m_impl;
    asio::post(self->strand, [self, peer] {
        if (Peer *p = self->peer(peer))
            p->requestRefresh();
    });
}

void BgpSpeaker::maxPrefixExceeded(PeerId peer, net::Family family, std::uint32_t limit)
{
    auto self = m_impl;
    asio::post(self->strand, [self, peer, family, limit] {
        if (Peer *p = self->peer(peer))
            p->tripMaxPrefix(family, limit);
    });
}

void BgpSpeaker::setOutboundSource(OutboundSource *source)
{
    std::lock_guard lock(m_impl->sourceMutex);
    m_impl->source = source ? source : &m_impl->store;
}

void BgpSpeaker::outboundChanged(std::vector<PeerId> peers,
                                 std::shared_ptr<const PrefixList> prefixes)
{
    auto self = m_impl;
    asio::post(self->strand, [self, peers = std::move(peers), prefixes = std::move(prefixes)] {
        for (const PeerId peer : peers)
            if (Peer *p = self->peer(peer))
                p->outboundChanged(prefixes);
        // No session may have taken them (none is up): the source need not wait for reads.
        self->sessionDrained();
    });
}

void BgpSpeaker::announce(PeerId peer, std::vector<OutboundRoute> routes)
{
    announce(std::vector<PeerId>{peer}, std::move(routes));
}

void BgpSpeaker::withdraw(PeerId peer, std::vector<net::Prefix> prefixes)
{
    withdraw(std::vector<PeerId>{peer}, std::move(prefixes));
}

void BgpSpeaker::announce(std::vector<PeerId> peers, std::vector<OutboundRoute> routes)
{
    auto self = m_impl;
    asio::post(self->strand, [self, peers = std::move(peers), routes = std::move(routes)] {
        for (const PeerId peer : peers) {
            auto changed = self->store.announce(peer, routes);
            if (Peer *p = self->peer(peer))
                p->outboundChanged(std::move(changed));
        }
    });
}

void BgpSpeaker::withdraw(std::vector<PeerId> peers, std::vector<net::Prefix> prefixes)
{
    auto self = m_impl;
    asio::post(self->strand, [self, peers = std::move(peers), prefixes = std::move(prefixes)] {
        for (const PeerId peer : peers) {
            auto changed = self->store.withdraw(peer, prefixes);
            if (Peer *p = self->peer(peer))
                p->outboundChanged(std::move(changed));
        }
    });
}

void BgpSpeaker::setValidationCounts(PeerId peer, std::uint64_t accepted, std::uint64_t rejected)
{
    auto self = m_impl;
    asio::post(self->strand, [self, peer, accepted, rejected] {
        if (Peer *p = self->peer(peer))
            p->setValidationCounts(accepted, rejected);
    });
}

std::vector<PeerStatus> BgpSpeaker::status() const
{
    std::lock_guard lock(m_impl->statusMutex);
    return m_impl->snapshot;
}

std::size_t BgpSpeaker::attributeSetCount() const
{
    std::lock_guard lock(m_impl->statusMutex);
    return m_impl->attributeSets;
}

void BgpSpeaker::post(std::function<void()> f)
{
    asio::post(m_impl->strand, std::move(f));
}

void BgpSpeaker::forEachReceivedRoute(
    PeerId peer, const std::function<void(const net::Prefix &, const AttributesRef &)> &f)
{
    if (Peer *p = m_impl->peer(peer))
        p->ribIn().forEach([&](const net::Prefix &prefix, AttributeId id) {
            f(prefix, m_impl->pool.set(id));
        });
}

std::size_t BgpSpeaker::receivedRouteCount(PeerId peer) const
{
    Peer *p = m_impl->peer(peer);
    return p ? p->ribIn().size() : 0;
}

AttributesRef BgpSpeaker::receivedRoute(PeerId peer, const net::Prefix &prefix) const
{
    Peer *p = m_impl->peer(peer);
    if (!p)
        return nullptr;
    const AttributeId *id = p->ribIn().find(prefix);
    return id ? m_impl->pool.set(*id) : nullptr;
}

} // namespace bwx::bgp
