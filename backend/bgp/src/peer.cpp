#include "peer.h"

#include "log.h"
#include "socket_options.h"

#include <algorithm>
#include <unordered_map>

namespace bwx::bgp::detail {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::seconds kLargeHoldTime{240}; // RFC 4271 8.2.2: "4 minutes"
constexpr std::size_t kDrainBatch = 4096;
// A session that has this many announcements queued at once is sending a burst (a full table
// exported); once it has sent them, memory freed on the way can go back to the OS.
constexpr std::size_t kLargeBurst = 65536;

AfiSafi familyOf(net::Family f)
{
    return f == net::Family::V4 ? AfiSafi::ipv4Unicast() : AfiSafi::ipv6Unicast();
}

} // namespace

Peer::Peer(BgpSpeaker::Impl &speaker, PeerId id, PeerConfig config)
    : m_speaker(speaker)
    , m_id(id)
    , m_config(std::move(config))
    , m_connectRetryTimer(speaker.strand)
    , m_holdTimer(speaker.strand)
    , m_keepaliveTimer(speaker.strand)
    , m_idleHoldTimer(speaker.strand)
    , m_staleTimer(speaker.strand)
    , m_nextIdleHold(m_config.idleHoldTime)
{
    m_status.peer = m_id;
    m_status.member = m_config.member;
    m_status.name = m_config.name;
    m_status.address = m_config.address;
    m_status.remoteAs = m_config.remoteAs;
}

std::shared_ptr<BgpSpeaker::Impl> Peer::speaker() const
{
    return m_speaker.shared_from_this();
}

// ---- Administrative control ------------------------------------------------------------------

void Peer::start()
{
    m_enabled = true;
    m_nextIdleHold = m_config.idleHoldTime;
    m_idleHoldTimer.cancel();
    handle(Event::ManualStart, nullptr, "started");
}

void Peer::stop(const Notification &cease, const std::string &reason, bool permanent)
{
    if (permanent)
        m_enabled = false;
    m_idleHoldTimer.cancel();
    dropCandidate(&cease);
    if (m_connecting) {
        error_code ignored;
        m_connecting->close(ignored);
        m_connecting.reset();
    }
    m_status.lastError = reason;
    handle(Event::ManualStop, &cease, reason);
}

void Peer::reset(const Notification &cease, const std::string &reason)
{
    stop(cease, reason, true);
    m_enabled = true;
    scheduleRestart(m_config.idleHoldTime);
}

void Peer::scheduleRestart(std::chrono::milliseconds delay)
{
    m_idleHoldTimer.arm(delay, shared_from_this(), [this] {
        if (m_enabled && m_state == State::Idle)
            handle(Event::AutomaticStart, nullptr, "idle hold time over");
    });
}

// ---- The FSM driver --------------------------------------------------------------------------

void Peer::handle(Event event, const Notification *carried, const std::string &reason)
{
    const State from = m_state;
    const Transition t = step(m_state, event, m_config.passive);
    m_lastEvent = event;
    if (debugEnabled() && (from != t.next || t.actions != action::StartHoldTimer))
        debugLog(m_config.name + ": " + stateName(from) + " --" + eventName(event) + "--> "
                 + stateName(t.next) + (reason.empty() ? "" : " (" + reason + ")"));

    if (t.has(action::SendNotification) && m_conn) {
        Notification n;
        if (carried)
            n = *carried;
        else if (t.notify)
            n = Notification::make(t.notify->first, t.notify->second);
        sendNotification(*m_conn, n);
    }
    if (t.has(action::DropConnection))
        dropConnection();
    if (t.has(action::StopConnectRetryTimer))
        m_connectRetryTimer.cancel();
    if (t.has(action::InitiateConnect))
        initiateConnect();
    if (t.has(action::SendOpen) && m_conn)
        sendOpen(*m_conn);
    if (t.has(action::StartLargeHoldTimer)) {
        m_lastReceived = Clock::now();
        armHold(kLargeHoldTime);
    }
    if (t.has(action::StartConnectRetryTimer)) {
        m_connectRetryTimer.arm(m_config.connectRetryTime, shared_from_this(), [this] {
            handle(Event::ConnectRetryTimerExpires, nullptr, "connect retry");
        });
    }
    if (t.has(action::SendKeepalive))
        sendKeepalive();
    if (t.has(action::StartKeepaliveTimer))
        armKeepalive();
    if (t.has(action::StartHoldTimer)) {
        m_lastReceived = Clock::now();
        if (!m_holdTimer.running() || from != t.next) {
            if (m_negotiatedHold != 0)
                armHold(std::chrono::seconds(m_negotiatedHold));
            else
                m_holdTimer.cancel();
        }
    }

    if (t.next == State::Connect || t.next == State::Active) {
        // Back to connecting (e.g. the connection failed in OpenSent): no session timers run.
        m_holdTimer.cancel();
        m_keepaliveTimer.cancel();
    }
    const std::string why = reason;
    if (t.next != State::Idle || from == State::Idle)
        setState(t.next, why);

    if (t.next == State::Idle && from != State::Idle) {
        m_holdTimer.cancel();
        m_keepaliveTimer.cancel();
        const bool wasEstablished = from == State::Established;
        const bool stableBefore = wasEstablished
                                  && Clock::now() - m_establishedSteady >= m_config.stableTime;
        if (t.has(action::ReleaseResources)) {
            // RFC 4724 4.2: a TCP failure (no NOTIFICATION) of a graceful-restart-capable peer
            // keeps its routes as stale for the restart time it advertised.
            const bool keepStale = wasEstablished && event == Event::TcpConnectionFails
                                   && m_peerGracefulRestart
                                   && m_peerGracefulRestart->restartTime > 0;
            releaseRoutes(keepStale);
        }
        // Nothing is advertised any more; the next session is sent every route afresh.
        clearQueue();
        m_endOfRibDue = false;

        setState(State::Idle, why);
        if (m_enabled) {
            std::chrono::milliseconds delay = m_config.idleHoldTime;
            if (m_maxPrefixTripped) {
                delay = std::chrono::duration_cast<std::chrono::milliseconds>(
                    m_config.maxPrefixRestart);
                m_maxPrefixTripped = false;
            } else if (t.has(action::BackOff)) {
                if (stableBefore)
                    m_nextIdleHold = m_config.idleHoldTime;
                delay = m_nextIdleHold;
                m_nextIdleHold = std::min(m_nextIdleHold * 2, m_config.idleHoldTimeMax);
            }
            scheduleRestart(delay);
        }
    }
}

void Peer::setState(State next, const std::string &reason)
{
    const State from = m_state;
    if (from == next)
        return;
    m_state = next;
    m_status.state = next;
    if (next == State::Established) {
        m_status.establishedAt = std::chrono::system_clock::now();
        m_establishedSteady = Clock::now();
        ++m_status.establishedTransitions;
    }
    if (next != State::Established) {
        m_status.establishedAt = {};
    }
    m_speaker.notifyState({m_id, m_config.member, from, next, reason});
    m_speaker.schedulePublish();
    if (next == State::Established)
        sessionUp();
}

// ---- Connections -----------------------------------------------------------------------------

Expected<bool> Peer::applySocketOptions(tcp::socket &socket, bool outgoing)
{
    const int fd = socket.native_handle();
    const net::Family family = m_config.address.family();
    if (outgoing && !m_config.md5Password.empty()) {
        auto r = setTcpMd5(fd, m_config.address, m_config.md5Password);
        if (!r)
            return r;
    }
    if (!m_config.gtsm && !outgoing) {
        // Listeners send SYN-ACKs with TTL 255 for the GTSM peers among those that connect;
        // accepted sockets of the others go back to the normal TTL.
        return setDefaultTtl(fd, family);
    }
    if (m_config.gtsm) {
        auto r = setOutgoingTtl255(fd, family);
        if (!r)
            return r;
        r = setMinimumTtl(fd, family, m_config.gtsmHops);
        if (!r)
            return r;
    }
    return true;
}

void Peer::initiateConnect()
{
    if (m_connecting) {
        error_code ignored;
        m_connecting->close(ignored);
    }
    auto socket = std::make_shared<tcp::socket>(m_speaker.strand);
    error_code ec;
    const auto remote = toAsio(m_config.address);
    socket->open(remote.is_v4() ? tcp::v4() : tcp::v6(), ec);
    if (!ec && m_config.localAddress) {
        socket->set_option(asio::socket_base::reuse_address(true), ec);
        socket->bind(tcp::endpoint(toAsio(*m_config.localAddress), 0), ec);
    }
    if (!ec) {
        if (auto r = applySocketOptions(*socket, true); !r) {
            m_status.lastError = r.error();
            ec = asio::error::invalid_argument;
        }
    }
    m_connecting = socket;
    if (ec) {
        if (m_status.lastError.empty())
            m_status.lastError = "connect: " + ec.message();
        auto self = shared_from_this();
        asio::post(m_speaker.strand, [self, socket, ec] { self->onConnected(socket, ec); });
        return;
    }
    auto self = shared_from_this();
    socket->async_connect(tcp::endpoint(remote, m_config.port),
                          [self, socket](const error_code &e) { self->onConnected(socket, e); });
}

void Peer::onConnected(const std::shared_ptr<tcp::socket> &socket, const error_code &ec)
{
    if (socket != m_connecting)
        return; // abandoned attempt
    m_connecting.reset();
    if (ec) {
        if (ec != asio::error::operation_aborted) {
            m_status.lastError = "connect: " + ec.message();
            handle(Event::TcpConnectionFails, nullptr, m_status.lastError);
        }
        return;
    }
    if (m_state != State::Connect && m_state != State::Active) {
        error_code ignored;
        socket->close(ignored);
        return;
    }
    adopt(std::move(*socket), true);
    handle(Event::TcpConnectionSucceeded, nullptr, "connected");
}

void Peer::adopt(tcp::socket socket, bool locallyInitiated)
{
    if (m_conn)
        m_conn->detach();
    m_conn = std::make_shared<Connection>(std::move(socket), locallyInitiated, this);
    m_conn->start();
}

void Peer::acceptIncoming(tcp::socket socket)
{
    if (auto r = applySocketOptions(socket, false); !r) {
        m_status.lastError = r.error();
        return;
    }
    switch (m_state) {
    case State::Idle:
        // Administratively down or backing off.
        Connection::reject(std::move(socket), cease::ConnectionRejected);
        return;
    case State::Connect:
        if (m_connecting) {
            error_code ignored;
            m_connecting->close(ignored);
            m_connecting.reset();
        }
        [[fallthrough]];
    case State::Active:
        adopt(std::move(socket), false);
        handle(Event::TcpConnectionConfirmed, nullptr, "accepted connection");
        return;
    case State::OpenSent:
    case State::OpenConfirm:
        if (m_candidate) { // a third connection
            Connection::reject(std::move(socket), cease::ConnectionRejected);
            return;
        }
        m_candidate = std::make_shared<Connection>(std::move(socket), false, this);
        m_candidateKeepalive = false;
        m_candidate->start();
        sendOpen(*m_candidate);
        return;
    case State::Established:
        // RFC 4271 6.8: a collision with an established session closes the new connection.
        Connection::reject(std::move(socket), cease::ConnectionCollisionResolution);
        return;
    }
}

void Peer::dropConnection()
{
    if (m_connecting) {
        error_code ignored;
        m_connecting->close(ignored);
        m_connecting.reset();
    }
    if (m_conn) {
        m_conn->detach();
        m_conn.reset();
    }
    dropCandidate(nullptr);
}

void Peer::dropCandidate(const Notification *n)
{
    if (!m_candidate)
        return;
    if (n)
        sendNotification(*m_candidate, *n);
    m_candidate->detach();
    m_candidate.reset();
}

void Peer::sendNotification(Connection &c, const Notification &n)
{
    encodeNotification(n, c.output());
    ++m_status.messagesOut;
    m_status.lastError = "sent " + n.toString();
    c.closeAfterFlush();
}

void Peer::sendOpen(Connection &c)
{
    Open open;
    const Asn localAs = m_speaker.config.localAs;
    open.myAs = static_cast<std::uint16_t>(localAs > 0xffff ? kAsTrans : localAs);
    open.holdTime = m_config.holdTime;
    open.bgpId = m_speaker.config.routerId;
    Capabilities &caps = open.capabilities;
    if (m_config.ipv4Unicast)
        caps.multiprotocol.push_back(AfiSafi::ipv4Unicast());
    if (m_config.ipv6Unicast)
        caps.multiprotocol.push_back(AfiSafi::ipv6Unicast());
    caps.routeRefresh = true;
    caps.extendedMessage = true;
    caps.fourOctetAs = localAs;
    if (m_config.gracefulRestartTime > 0) {
        // Receiving speaker only: a restart time, no family with preserved forwarding.
        GracefulRestart gr;
        gr.restartTime = std::min<std::uint16_t>(m_config.gracefulRestartTime, 4095);
        caps.gracefulRestart = gr;
    }
    encodeOpen(open, c.output());
    ++m_status.messagesOut;
    c.flush();
}

void Peer::sendKeepalive()
{
    if (!m_conn)
        return;
    encodeKeepalive(m_conn->output());
    ++m_status.messagesOut;
    m_conn->flush();
}

void Peer::armHold(std::chrono::seconds hold)
{
    m_holdTimer.arm(hold, shared_from_this(), [this] {
        // Input restarts the hold time lazily (m_lastReceived): when the timer fires early
        // only the remainder is waited for again, instead of re-arming on every message.
        const auto idle = Clock::now() - m_lastReceived;
        const auto limit = (m_state == State::OpenSent) ? std::chrono::seconds(kLargeHoldTime)
                                                        : std::chrono::seconds(m_negotiatedHold);
        if (idle < limit) {
            armHold(std::chrono::duration_cast<std::chrono::seconds>(limit - idle)
                    + std::chrono::seconds(1));
            return;
        }
        m_status.lastError = "hold timer expired";
        handle(Event::HoldTimerExpires, nullptr, "hold timer expired");
    });
}

void Peer::armKeepalive()
{
    if (m_negotiatedHold == 0) {
        m_keepaliveTimer.cancel();
        return; // RFC 4271 4.4: hold time 0 means no KEEPALIVEs
    }
    const auto interval = std::chrono::milliseconds(m_negotiatedHold * 1000 / 3);
    m_keepaliveTimer.arm(interval, shared_from_this(), [this] {
        handle(Event::KeepaliveTimerExpires, nullptr, {});
    });
}

// ---- Input -----------------------------------------------------------------------------------

void Peer::onMessage(Connection &c, MessageType type, std::span<const std::uint8_t> body)
{
    ++m_status.messagesIn;
    if (&c == m_candidate.get()) {
        onCandidateMessage(c, type, body);
        return;
    }
    if (&c != m_conn.get())
        return;
    m_lastReceived = Clock::now();
    switch (type) {
    case MessageType::Open: onOpen(c, body); return;
    case MessageType::Update: onUpdate(body); return;
    case MessageType::Notification: {
        const Notification n = decodeNotification(body);
        m_status.lastError = "received " + n.toString();
        const bool versionError = n.code == static_cast<std::uint8_t>(ErrorCode::OpenMessage)
                                  && n.subcode == open_error::UnsupportedVersion;
        handle(versionError ? Event::NotificationVersionError : Event::NotificationReceived,
               nullptr, m_status.lastError);
        return;
    }
    case MessageType::Keepalive: handle(Event::KeepaliveReceived, nullptr, {}); return;
    case MessageType::RouteRefresh: onRouteRefresh(body); return;
    }
}

void Peer::onFrameError(Connection &c, const Notification &error)
{
    if (&c == m_candidate.get()) {
        dropCandidate(&error);
        return;
    }
    if (&c != m_conn.get())
        return;
    handle(Event::HeaderError, &error, "message header error " + error.toString());
}

void Peer::onClosed(Connection &c, const std::string &why)
{
    if (&c == m_candidate.get()) {
        m_candidate.reset();
        return;
    }
    if (&c != m_conn.get())
        return;
    if (m_status.lastError.empty() || m_state == State::Established)
        m_status.lastError = why;
    handle(Event::TcpConnectionFails, nullptr, why);
}

void Peer::onWritable(Connection &c)
{
    if (&c == m_conn.get())
        drain();
}

std::optional<Notification> Peer::checkOpen(const Open &open) const
{
    if (open.asn() != m_config.remoteAs)
        return Notification::make(ErrorCode::OpenMessage, open_error::BadPeerAs);
    if (open.bgpId == m_speaker.config.routerId && m_config.remoteAs == m_speaker.config.localAs)
        return Notification::make(ErrorCode::OpenMessage, open_error::BadBgpIdentifier);
    // RFC 4760 8: a peer without multiprotocol capabilities speaks IPv4 unicast only.
    const Capabilities &caps = open.capabilities;
    const bool theirV4 = caps.multiprotocol.empty() || caps.hasFamily(AfiSafi::ipv4Unicast());
    const bool theirV6 = caps.hasFamily(AfiSafi::ipv6Unicast());
    if (!(m_config.ipv4Unicast && theirV4) && !(m_config.ipv6Unicast && theirV6)) {
        // RFC 5492 3: name the capabilities we needed.
        std::vector<std::uint8_t> data;
        for (AfiSafi f : {AfiSafi::ipv4Unicast(), AfiSafi::ipv6Unicast()}) {
            if ((f.afi == 1 && !m_config.ipv4Unicast) || (f.afi == 2 && !m_config.ipv6Unicast))
                continue;
            data.insert(data.end(), {cap::Multiprotocol, 4, 0, static_cast<std::uint8_t>(f.afi),
                                     0, f.safi});
        }
        return Notification::make(ErrorCode::OpenMessage, open_error::UnsupportedCapability,
                                   std::move(data));
    }
    return std::nullopt;
}

void Peer::negotiate(const Open &open)
{
    const Capabilities &caps = open.capabilities;
    m_params.fourOctetAs = caps.fourOctetAs.has_value();
    m_params.external = m_config.remoteAs != m_speaker.config.localAs;
    m_params.ipv4Unicast = m_config.ipv4Unicast
                           && (caps.multiprotocol.empty()
                               || caps.hasFamily(AfiSafi::ipv4Unicast()));
    m_params.ipv6Unicast = m_config.ipv6Unicast && caps.hasFamily(AfiSafi::ipv6Unicast());
    m_params.maxMessageSize = caps.extendedMessage ? kMaxExtendedMessageSize : kMaxMessageSize;
    m_negotiatedHold = std::min(m_config.holdTime, open.holdTime);
    m_peerRouteRefresh = caps.routeRefresh;
    m_peerGracefulRestart = caps.gracefulRestart;
    m_status.fourOctetAs = m_params.fourOctetAs;
    m_status.ipv4Unicast = m_params.ipv4Unicast;
    m_status.ipv6Unicast = m_params.ipv6Unicast;
    m_status.negotiatedHoldTime = m_negotiatedHold;
    m_status.peerGracefulRestart = caps.gracefulRestart.has_value();
}

void Peer::onOpen(Connection &c, std::span<const std::uint8_t> body)
{
    if (m_state != State::OpenSent) {
        handle(Event::OpenReceived, nullptr, "OPEN in " + std::string(stateName(m_state)));
        return;
    }
    OpenResult r = decodeOpen(body);
    if (!r.open) {
        handle(Event::OpenError, &r.error, "bad OPEN: " + r.error.toString());
        return;
    }
    if (auto bad = checkOpen(*r.open)) {
        handle(Event::OpenError, &*bad, "unacceptable OPEN: " + bad->toString());
        return;
    }
    c.peerOpen = *r.open;
    negotiate(*r.open);
    c.setMaxMessageSize(m_params.maxMessageSize);
    handle(Event::OpenReceived, nullptr, "OPEN accepted");
    resolveCollision();
}

void Peer::onCandidateMessage(Connection &c, MessageType type, std::span<const std::uint8_t> body)
{
    switch (type) {
    case MessageType::Open: {
        OpenResult r = decodeOpen(body);
        if (!r.open) {
            dropCandidate(&r.error);
            return;
        }
        if (auto bad = checkOpen(*r.open)) {
            dropCandidate(&*bad);
            return;
        }
        c.peerOpen = *r.open;
        resolveCollision();
        return;
    }
    case MessageType::Keepalive:
        if (c.peerOpen)
            m_candidateKeepalive = true;
        return;
    default:
        // Anything else before the collision is resolved is out of order for that connection.
        const Notification n = Notification::make(ErrorCode::FsmError,
                                                  fsm_error::UnexpectedInOpenSent);
        dropCandidate(&n);
        return;
    }
}

void Peer::resolveCollision()
{
    if (!m_candidate || !m_candidate->peerOpen || !m_conn || !m_conn->peerOpen)
        return;
    const Open &open = *m_candidate->peerOpen;
    const CollisionWinner w = bgp::resolveCollision(m_speaker.config.routerId,
                                                    m_speaker.config.localAs, open.bgpId,
                                                    open.asn());
    const bool primaryWins = (w == CollisionWinner::LocallyInitiated)
                             == m_conn->locallyInitiated();
    const Notification dump = Notification::make(ErrorCode::Cease,
                                                 cease::ConnectionCollisionResolution);
    if (primaryWins) {
        debugLog(m_config.name + ": collision, keeping the existing connection");
        dropCandidate(&dump);
        return;
    }
    debugLog(m_config.name + ": collision, switching to the other connection");
    sendNotification(*m_conn, dump);
    m_conn->detach();
    m_conn = std::move(m_candidate);
    m_candidate.reset();
    // The surviving connection has exchanged OPENs: it enters the FSM at OpenSent and is fed
    // its OPEN (and a KEEPALIVE that arrived meanwhile).
    m_state = State::OpenSent;
    m_status.state = State::OpenSent;
    negotiate(*m_conn->peerOpen);
    m_conn->setMaxMessageSize(m_params.maxMessageSize);
    handle(Event::OpenReceived, nullptr, "OPEN accepted (collision winner)");
    if (m_candidateKeepalive)
        handle(Event::KeepaliveReceived, nullptr, {});
    m_candidateKeepalive = false;
}

void Peer::onUpdate(std::span<const std::uint8_t> body)
{
    ++m_status.updatesIn;
    if (m_state != State::Established) {
        handle(Event::UpdateReceived, nullptr, "UPDATE in " + std::string(stateName(m_state)));
        return;
    }
    decodeUpdate(body, m_params, m_update);
    if (m_update.action == ErrorAction::SessionReset) {
        const Notification n = *m_update.notification;
        const std::string detail = m_update.problems.empty() ? std::string()
                                                             : m_update.problems.back().detail;
        m_status.lastUpdateProblem = detail;
        handle(Event::UpdateError, &n, "UPDATE error: " + detail);
        return;
    }
    handle(Event::UpdateReceived, nullptr, {});
    processUpdate();
}

void Peer::processUpdate()
{
    Update &u = m_update;
    m_changes.clear();
    if (debugEnabled())
        debugLog(m_config.name + ": UPDATE withdrawn " + std::to_string(u.withdrawn.size())
                 + " nlri " + std::to_string(u.announced.size()) + " mp_nlri "
                 + std::to_string(u.mpAnnounced.size()) + " action "
                 + errorActionName(u.action) + (u.endOfRib ? " end-of-rib" : "")
                 + " v4 " + std::to_string(m_params.ipv4Unicast) + " v6 "
                 + std::to_string(m_params.ipv6Unicast));
    for (const AttributeProblem &p : u.problems) {
        if (p.action == ErrorAction::AttributeDiscard)
            ++m_status.attributesDiscarded;
        if (p.action != ErrorAction::None)
            m_status.lastUpdateProblem = std::string(errorActionName(p.action)) + ": " + p.detail;
    }
    auto remove = [this](const net::Prefix &p) {
        if (auto old = m_ribIn.erase(p)) {
            m_speaker.pool.release(*old);
            m_changes.push_back({RouteChange::Kind::Withdrawn, p, nullptr});
        }
        if (m_stale.size() > 0)
            m_stale.erase(p);
    };
    for (const net::Prefix &p : u.withdrawn)
        remove(p);

    if (u.action == ErrorAction::TreatAsWithdraw) {
        ++m_status.treatAsWithdraw;
        for (const net::Prefix &p : u.announced)
            remove(p);
        for (const net::Prefix &p : u.mpAnnounced)
            remove(p);
        m_rejectedByErrors += u.announced.size() + u.mpAnnounced.size();
    } else {
        // The Adj-RIB-In keeps the pooled set's id and holds it (an id per route takes 4
        // bytes where a shared pointer takes 16); equal sets have one id.
        auto insert = [this](const std::vector<net::Prefix> &prefixes, AttributeId id) {
            AttributePool &pool = m_speaker.pool;
            const AttributesRef ref = pool.set(id);
            for (const net::Prefix &p : prefixes) {
                auto [slot, inserted] = m_ribIn.findOrInsert(p);
                if (inserted) {
                    *slot = id;
                    pool.hold(id);
                    m_changes.push_back({RouteChange::Kind::Added, p, ref});
                } else if (*slot != id) {
                    pool.release(*slot);
                    *slot = id;
                    pool.hold(id);
                    m_changes.push_back({RouteChange::Kind::Changed, p, ref});
                }
                if (m_stale.size() > 0)
                    m_stale.erase(p);
            }
        };
        if (!u.announced.empty() && m_params.ipv4Unicast)
            insert(u.announced, m_speaker.pool.internId(u.attributes));
        if (!u.mpAnnounced.empty()) {
            // The MP next hop replaces NEXT_HOP for these routes; swapped in and back to avoid
            // copying the attribute set. The rare part is only touched when a link-local next
            // hop came.
            const auto swapNextHops = [&u] {
                std::swap(u.attributes.nextHop, u.mpNextHop);
                if (u.mpLinkLocalNextHop || u.attributes.linkLocalNextHop())
                    std::swap(u.attributes.mutableRare().linkLocalNextHop, u.mpLinkLocalNextHop);
            };
            swapNextHops();
            const AttributeId id = m_speaker.pool.internId(u.attributes);
            swapNextHops();
            insert(u.mpAnnounced, id);
        }
    }
    emitChanges();
    if (u.endOfRib && m_stale.size() > 0)
        flushStale(u.endOfRib->afi == 1 ? net::Family::V4 : net::Family::V6);
    if (u.endOfRib)
        m_speaker.notifyEndOfRib(m_id, m_config.member,
                                 u.endOfRib->afi == 1 ? net::Family::V4 : net::Family::V6);

    if (m_config.maxPrefixes > 0) {
        for (net::Family f : {net::Family::V4, net::Family::V6}) {
            if (m_ribIn.size(f) > m_config.maxPrefixes) {
                const Notification n = Notification::maxPrefix(familyOf(f), m_config.maxPrefixes);
                m_maxPrefixTripped = true;
                handle(Event::MaxPrefixExceeded, &n,
                       "maximum prefix count " + std::to_string(m_config.maxPrefixes)
                           + " exceeded");
                return;
            }
        }
    }
    m_speaker.pool.maybeSweep();
}

void Peer::tripMaxPrefix(net::Family family, std::uint32_t limit)
{
    if (m_state != State::Established)
        return;
    const Notification n = Notification::maxPrefix(familyOf(family), limit);
    m_maxPrefixTripped = true;
    handle(Event::MaxPrefixExceeded, &n,
           "maximum prefix count " + std::to_string(limit) + " ("
               + (family == net::Family::V4 ? "IPv4" : "IPv6") + ") exceeded");
}

void Peer::emitChanges()
{
    if (m_changes.empty())
        return;
    m_speaker.notifyRoutes(m_id, m_config.member, m_changes);
    m_changes.clear();
}

void Peer::onRouteRefresh(std::span<const std::uint8_t> body)
{
    if (m_state != State::Established)
        return;
    const auto r = decodeRouteRefresh(body);
    if (!r)
        return;
    const net::Family f = r->family.afi == 1 ? net::Family::V4 : net::Family::V6;
    if (!(r->family == familyOf(f)) || !familyNegotiated(f))
        return; // RFC 2918 4: a request for a family not negotiated is ignored
    queueAll(f);
    scheduleDrain();
}

void Peer::requestRefresh()
{
    if (m_state != State::Established || !m_peerRouteRefresh || !m_conn)
        return;
    for (net::Family f : {net::Family::V4, net::Family::V6}) {
        if (!familyNegotiated(f))
            continue;
        encodeRouteRefresh({familyOf(f), 0}, m_conn->output());
        ++m_status.messagesOut;
    }
    m_conn->flush();
}

// ---- Session up / down -----------------------------------------------------------------------

void Peer::sessionUp()
{
    if (m_stale.size() > 0) {
        m_staleTimer.arm(m_config.stalePathTime, shared_from_this(),
                         [this] { flushStale(std::nullopt); });
    }
    clearQueue();
    queueAll(std::nullopt);
    m_endOfRibDue = true;
    drain();
}

void Peer::releaseRoutes(bool keepStale)
{
    if (keepStale) {
        m_ribIn.forEach([this](const net::Prefix &p, AttributeId) {
            *m_stale.findOrInsert(p).first = true;
        });
        const auto restart = std::chrono::seconds(m_peerGracefulRestart->restartTime);
        debugLog(m_config.name + ": graceful restart, keeping "
                 + std::to_string(m_stale.size()) + " routes stale");
        m_staleTimer.arm(restart, shared_from_this(), [this] {
            if (m_state != State::Established)
                flushStale(std::nullopt);
        });
        return;
    }
    m_staleTimer.cancel();
    m_stale.clear();
    m_changes.clear();
    m_ribIn.forEach([this](const net::Prefix &p, AttributeId id) {
        m_speaker.pool.release(id);
        m_changes.push_back({RouteChange::Kind::Withdrawn, p, nullptr});
    });
    m_ribIn.clear();
    emitChanges();
    m_speaker.pool.maybeSweep(std::chrono::seconds(0));
}

void Peer::flushStale(std::optional<net::Family> family)
{
    std::vector<net::Prefix> gone;
    m_stale.forEach([&](const net::Prefix &p, bool &) {
        if (!family || p.family() == *family)
            gone.push_back(p);
    });
    m_changes.clear();
    for (const net::Prefix &p : gone) {
        m_stale.erase(p);
        if (const auto old = m_ribIn.erase(p)) {
            m_speaker.pool.release(*old);
            m_changes.push_back({RouteChange::Kind::Withdrawn, p, nullptr});
        }
    }
    if (m_stale.size() == 0)
        m_staleTimer.cancel();
    emitChanges();
}

// ---- Outbound: queued prefixes, read from the source when sent -------------------------------

bool Peer::familyNegotiated(net::Family f) const
{
    return f == net::Family::V4 ? m_params.ipv4Unicast : m_params.ipv6Unicast;
}

void Peer::queueAll(std::optional<net::Family> family)
{
    std::lock_guard lock(m_speaker.sourceMutex);
    if (!m_speaker.source)
        return;
    // One list of the whole table (8 bytes per IPv4 prefix), released once sent.
    auto all = std::make_shared<PrefixList>();
    for (const net::Family f : {net::Family::V4, net::Family::V6})
        if ((!family || *family == f) && familyNegotiated(f))
            source().outboundPrefixes(m_id, m_config.member, f, *all);
    enqueue(std::move(all));
}

void Peer::outboundChanged(std::shared_ptr<const PrefixList> prefixes)
{
    if (m_state != State::Established)
        return;
    enqueue(std::move(prefixes));
    scheduleDrain();
}

void Peer::enqueue(std::shared_ptr<const PrefixList> prefixes)
{
    if (!prefixes || prefixes->empty())
        return;
    if (!m_queue.empty()) {
        if (!m_deduplicating) {
            // From now on the queue may list a prefix twice: what is not sent yet is noted.
            m_deduplicating = true;
            for (const Queued &q : m_queue)
                for (std::size_t i = q.next; i < q.prefixes->size(); ++i)
                    m_unsent.findOrInsert(q.prefixes->at(i));
        }
        for (std::size_t i = 0; i < prefixes->size(); ++i)
            m_unsent.findOrInsert(prefixes->at(i));
    }
    m_queued += prefixes->size();
    m_queue.push_back({std::move(prefixes), 0});
}

bool Peer::takeQueued(net::Prefix &prefix)
{
    while (!m_queue.empty()) {
        Queued &q = m_queue.front();
        if (q.next == q.prefixes->size()) {
            m_queue.pop_front();
            continue;
        }
        prefix = q.prefixes->at(q.next++);
        --m_queued;
        if (m_deduplicating && !m_unsent.erase(prefix))
            continue; // sent since it was last listed
        return true;
    }
    return false;
}

void Peer::clearQueue()
{
    std::deque<Queued>().swap(m_queue);
    m_queued = 0;
    m_unsent = {};
    m_deduplicating = false;
}

void Peer::scheduleDrain()
{
    if (m_drainScheduled)
        return;
    m_drainScheduled = true;
    auto self = shared_from_this();
    asio::post(m_speaker.strand, [self] {
        self->m_drainScheduled = false;
        self->drain();
    });
}

void Peer::drain()
{
    if (m_state != State::Established || !m_conn)
        return;
    std::lock_guard lock(m_speaker.sourceMutex);
    if (!m_speaker.source)
        return; // the speaker is going away
    if (m_queued >= kLargeBurst)
        m_largeBurst = true;
    Connection &c = *m_conn;
    const OutboundSource &from = source();
    std::vector<net::Prefix> withdrawals;
    net::Prefix p;
    while (c.queuedBytes() < m_speaker.config.outboundHighWater && !m_queue.empty()) {
        withdrawals.clear();
        m_windowPrefixes.clear();
        m_windowRuns.clear();
        for (std::size_t n = 0; n < kDrainBatch && takeQueued(p); ++n) {
            if (!familyNegotiated(p.family()))
                continue;
            const bool carried = from.outboundRoute(m_id, m_config.member, p, m_route)
                                 && m_route.attributes && m_route.attributes->nextHop
                                 && m_route.attributes->nextHop->family() == p.family();
            if (!carried) {
                // Also a route this session cannot carry (no next hop of the prefix's family):
                // the router must not keep an older one. A withdrawal of a prefix the router
                // never got changes nothing there.
                withdrawals.push_back(p);
                continue;
            }
            const PathAttributes *set = m_route.attributes.get();
            const Decoration *decoration = m_route.decoration.get();
            if (m_windowRuns.empty() || m_windowRuns.back().set != set
                || m_windowRuns.back().decoration != decoration)
                m_windowRuns.push_back({set, decoration, m_route.attributes, m_route.decoration,
                                        static_cast<std::uint32_t>(m_windowPrefixes.size()), 0,
                                        0});
            ++m_windowRuns.back().count;
            m_windowPrefixes.push_back(p);
        }
        m_route = {};
        if (!withdrawals.empty())
            m_status.updatesOut += encodeWithdrawals(withdrawals, m_params, c.output());
        sendWindow(c);
    }
    m_windowRuns.clear(); // the runs' references go once the window is encoded
    if (m_queue.empty()) {
        clearQueue();
        // After a burst the window scratch would stay allocated for the life of the session
        // (a few hundred kilobytes per session).
        if (m_windowPrefixes.capacity() > kDrainBatch / 16) {
            std::vector<net::Prefix>().swap(m_windowPrefixes);
            std::vector<net::Prefix>().swap(m_windowBatch);
            std::vector<Run>().swap(m_windowRuns);
            std::vector<WindowGroup>().swap(m_windowSets);
            std::vector<std::uint32_t>().swap(m_windowGroupEnd);
            m_windowGroupOf.release();
        }
        if (m_endOfRibDue) {
            m_endOfRibDue = false;
            for (net::Family f : {net::Family::V4, net::Family::V6}) {
                if (familyNegotiated(f)) {
                    encodeEndOfRib(familyOf(f), c.output());
                    ++m_status.updatesOut;
                }
            }
        }
        m_speaker.sessionDrained();
    }
    c.flush();
    if (c.idle())
        onIdle(c); // nothing left to write: no write completion will report it
}

void Peer::onIdle(Connection &c)
{
    // A burst is over once its last bytes are written and the connection has released the
    // buffers it grew, not when they are queued: the speaker gives memory back to the OS then,
    // and buffers still held would stay mapped (4 MB in the fan-out benchmark).
    if (&c != m_conn.get() || !m_largeBurst || !m_queue.empty())
        return;
    m_largeBurst = false;
    m_speaker.largeBurstSent();
}

void Peer::sendWindow(Connection &c)
{
    // Every prefix of one set in the window shares its UPDATEs, sets in order of first
    // appearance. The queue holds each announcement's prefixes set by set, so a set is mostly
    // one run and the runs are looked up, not the prefixes.
    m_windowGroupOf.clear();
    m_windowSets.clear();
    m_windowGroupEnd.clear();
    const auto newGroup = [this](const Run &run) {
        m_windowSets.push_back({run.set, run.decoration, 0});
        m_windowGroupEnd.push_back(0);
        return static_cast<std::uint32_t>(m_windowSets.size() - 1);
    };
    for (Run &run : m_windowRuns) {
        auto [first, fresh] = m_windowGroupOf.findOrInsert(run.set);
        std::uint32_t group = 0;
        if (fresh) {
            group = *first = newGroup(run);
        } else {
            group = *first;
            while (m_windowSets[group].decoration != run.decoration
                   && m_windowSets[group].nextOfSet != 0)
                group = m_windowSets[group].nextOfSet - 1;
            if (m_windowSets[group].decoration != run.decoration) {
                const std::uint32_t added = newGroup(run);
                m_windowSets[group].nextOfSet = added + 1;
                group = added;
            }
        }
        run.group = group;
        m_windowGroupEnd[group] += run.count;
    }
    const net::Prefix *prefixes = m_windowPrefixes.data();
    if (m_windowSets.size() != m_windowRuns.size()) {
        // Some set has several runs: gather each set's prefixes, in queue order.
        std::uint32_t at = 0;
        for (std::uint32_t &end : m_windowGroupEnd) {
            at += end;
            end = at - end; // the group's start for now; its end once filled
        }
        m_windowBatch.resize(m_windowPrefixes.size());
        for (const Run &run : m_windowRuns) {
            std::uint32_t &to = m_windowGroupEnd[run.group];
            std::copy_n(m_windowPrefixes.begin() + run.begin, run.count,
                        m_windowBatch.begin() + to);
            to += run.count;
        }
        prefixes = m_windowBatch.data();
    } else {
        // One run per set, in order: the runs are the groups.
        std::uint32_t at = 0;
        for (std::uint32_t &end : m_windowGroupEnd)
            end = at += end;
    }
    std::uint32_t begin = 0;
    for (std::size_t g = 0; g < m_windowSets.size(); ++g) {
        const std::span<const net::Prefix> group(prefixes + begin, m_windowGroupEnd[g] - begin);
        const std::size_t n = encodeAnnouncements(*m_windowSets[g].set, m_windowSets[g].decoration,
                                                  group, m_params, c.output());
        if (n == 0)
            m_status.lastError = "attributes too large to send for " + group.front().toString();
        m_status.updatesOut += n;
        begin = m_windowGroupEnd[g];
    }
}

void Peer::setValidationCounts(std::uint64_t accepted, std::uint64_t rejected)
{
    m_status.prefixesAccepted = accepted;
    m_status.prefixesRejected = rejected;
}

PeerStatus Peer::status() const
{
    PeerStatus s = m_status;
    s.state = m_state;
    s.enabled = m_enabled;
    s.prefixesReceived = m_ribIn.size();
    // What the session carries once its queue is sent: its source's routes for it, in the
    // negotiated families (all of them are queued when the session comes up).
    s.prefixesAdvertised = 0;
    if (m_state == State::Established) {
        std::lock_guard lock(m_speaker.sourceMutex);
        if (m_speaker.source)
            for (const net::Family f : {net::Family::V4, net::Family::V6})
                if (familyNegotiated(f))
                    s.prefixesAdvertised += m_speaker.source->outboundCount(m_id, m_config.member,
                                                                            f);
    }
    s.outboundQueuedBytes = m_conn ? m_conn->queuedBytes() : 0;
    // messagesOut counts OPEN, KEEPALIVE, NOTIFICATION and ROUTE-REFRESH; UPDATEs separately.
    s.messagesOut = m_status.messagesOut + m_status.updatesOut;
    s.prefixesRejected = m_status.prefixesRejected + m_rejectedByErrors;
    return s;
}

} // namespace bwx::bgp::detail
