#pragma once
// One configured peer: the FSM driver with its timers and connections, the Adj-RIB-In it fills
// and the queue of prefixes whose routes it is to send (it asks its outbound source what they
// are when it sends). Runs on the speaker's strand only.
#include "bwx/bgp/pointer_map.h"
#include "bwx/bgp/route_table.h"
#include "connection.h"
#include "speaker_impl.h"
#include "timer.h"

#include <chrono>
#include <deque>
#include <memory>
#include <optional>

namespace bwx::bgp::detail {

class Peer : public std::enable_shared_from_this<Peer>, public Connection::Owner
{
public:
    Peer(BgpSpeaker::Impl &speaker, PeerId id, PeerConfig config);

    const PeerConfig &config() const noexcept { return m_config; }
    PeerId id() const noexcept { return m_id; }
    State state() const noexcept { return m_state; }

    void start();
    // Administrative stop with the given Cease; `permanent` keeps it down until start().
    void stop(const Notification &cease, const std::string &reason, bool permanent);
    // A reset: stop, then come back after the usual idle hold time.
    void reset(const Notification &cease, const std::string &reason);
    void acceptIncoming(tcp::socket socket);
    void requestRefresh();
    // Cease 6/1 for a limit enforced outside the speaker (see BgpSpeaker::maxPrefixExceeded).
    void tripMaxPrefix(net::Family family, std::uint32_t limit);

    // The session's routes changed at these prefixes: it asks its source what to send there
    // (ignored unless Established: the session asks for every route when it comes up).
    void outboundChanged(std::shared_ptr<const PrefixList> prefixes);
    // Drops what is queued (the peer is being removed).
    void clearQueue();
    // Withdraws every route received, stale ones included, and releases their attribute sets
    // (the peer is being removed).
    void withdrawReceived() { releaseRoutes(false); }
    bool hasQueued() const noexcept { return m_queued > 0; }
    void setValidationCounts(std::uint64_t accepted, std::uint64_t rejected);

    PeerStatus status() const;
    // Whether the session is still sending a large burst of announcements (see drain()).
    bool sendingLargeBurst() const noexcept
    {
        return m_largeBurst && m_state == State::Established;
    }
    RouteTable<AttributeId> &ribIn() noexcept { return m_ribIn; }

    // Connection::Owner
    void onMessage(Connection &c, MessageType type, std::span<const std::uint8_t> body) override;
    void onFrameError(Connection &c, const Notification &error) override;
    void onClosed(Connection &c, const std::string &why) override;
    void onWritable(Connection &c) override;
    void onIdle(Connection &c) override;

private:
    void handle(Event event, const Notification *carried, const std::string &reason);
    void setState(State next, const std::string &reason);
    void initiateConnect();
    void onConnected(const std::shared_ptr<tcp::socket> &socket, const error_code &ec);
    void adopt(tcp::socket socket, bool locallyInitiated);
    void dropConnection();
    void sendOpen(Connection &c);
    void sendKeepalive();
    void sendNotification(Connection &c, const Notification &n);
    Expected<bool> applySocketOptions(tcp::socket &socket, bool outgoing);

    void onOpen(Connection &c, std::span<const std::uint8_t> body);
    std::optional<Notification> checkOpen(const Open &open) const;
    void negotiate(const Open &open);
    void onUpdate(std::span<const std::uint8_t> body);
    void processUpdate();
    void onRouteRefresh(std::span<const std::uint8_t> body);

    void onCandidateMessage(Connection &c, MessageType type, std::span<const std::uint8_t> body);
    void dropCandidate(const Notification *n);
    void resolveCollision();

    void armHold(std::chrono::seconds hold);
    void onHoldTimer();
    void armKeepalive();
    void scheduleRestart(std::chrono::milliseconds delay);

    void sessionUp();
    void releaseRoutes(bool keepStale);
    void flushStale(std::optional<net::Family> family);
    void emitChanges();

    // Queues every route of the source in the negotiated families (or in `family`).
    void queueAll(std::optional<net::Family> family);
    void enqueue(std::shared_ptr<const PrefixList> prefixes);
    // The next queued prefix to send, skipping those already sent since their last listing.
    bool takeQueued(net::Prefix &prefix);
    const OutboundSource &source() const { return *m_speaker.source; }
    void scheduleDrain();
    void drain();
    void sendWindow(Connection &c);
    bool familyNegotiated(net::Family f) const;

    std::shared_ptr<BgpSpeaker::Impl> speaker() const;

    BgpSpeaker::Impl &m_speaker;
    PeerId m_id;
    PeerConfig m_config;
    State m_state = State::Idle;
    bool m_enabled = false;

    std::shared_ptr<Connection> m_conn;
    std::shared_ptr<Connection> m_candidate;
    bool m_candidateKeepalive = false;
    std::shared_ptr<tcp::socket> m_connecting;

    Timer m_connectRetryTimer;
    Timer m_holdTimer;
    Timer m_keepaliveTimer;
    Timer m_idleHoldTimer;
    Timer m_staleTimer;
    bool m_drainScheduled = false;

    SessionParameters m_params;
    std::uint16_t m_negotiatedHold = 0;
    bool m_peerRouteRefresh = false;
    std::optional<GracefulRestart> m_peerGracefulRestart;
    std::chrono::steady_clock::time_point m_lastReceived;
    std::chrono::steady_clock::time_point m_establishedSteady;
    std::chrono::milliseconds m_nextIdleHold;
    bool m_maxPrefixTripped = false;
    Event m_lastEvent = Event::ManualStart;

    Update m_update; // reused: the decoder keeps its buffers
    std::vector<RouteChange> m_changes;
    RouteTable<AttributeId> m_ribIn; // ids of sets held in the speaker's pool
    RouteTable<bool> m_stale; // routes kept over a graceful restart, not yet re-announced

    // What the session is to ask its source about, in order: lists shared with the member's
    // other sessions, each with how far this session has got. Released once sent.
    struct Queued
    {
        std::shared_ptr<const PrefixList> prefixes;
        std::size_t next = 0;
    };
    std::deque<Queued> m_queue;
    std::size_t m_queued = 0; // prefixes in m_queue not taken yet
    // Each list holds a prefix once, but two queued lists may both hold it: while more than one
    // is queued, the prefixes listed and not sent since are kept here, and a prefix is sent
    // only when taken while in it (its latest route once, however often it changed).
    RouteTable<bool> m_unsent;
    bool m_deduplicating = false;
    OutboundRoute m_route; // the source's answer, reused
    bool m_endOfRibDue = false;
    bool m_largeBurst = false;

    // drain()'s scratch for one window of the pending queue, reused from window to window:
    // the announced prefixes in queue order, cut into runs of one attribute set, and the
    // window's sets in order of first appearance.
    // A group is one set with one decoration; the groups of a set are chained through
    // m_windowNextOfSet (rarely more than one: a receiver gets a seller's routes through one
    // trading pair).
    struct Run
    {
        const PathAttributes *set = nullptr;
        const Decoration *decoration = nullptr;
        // Keep them alive until the window is encoded.
        AttributesRef setRef;
        DecorationRef decorationRef;
        std::uint32_t begin = 0;
        std::uint32_t count = 0;
        std::uint32_t group = 0;
    };
    struct WindowGroup
    {
        const PathAttributes *set = nullptr;
        const Decoration *decoration = nullptr;
        std::uint32_t nextOfSet = 0; // 1-based index of the set's next group, 0: none
    };
    std::vector<net::Prefix> m_windowPrefixes;
    std::vector<Run> m_windowRuns;
    PointerMap<std::uint32_t> m_windowGroupOf; // set -> its first group
    std::vector<WindowGroup> m_windowSets;
    std::vector<std::uint32_t> m_windowGroupEnd;
    std::vector<net::Prefix> m_windowBatch;

    PeerStatus m_status;
    std::uint64_t m_rejectedByErrors = 0; // NLRI dropped by treat-as-withdraw
};

} // namespace bwx::bgp::detail
