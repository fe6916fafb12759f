#pragma once
// BgpSpeaker: many peers over Boost.Asio, each with its Adj-RIB-In, sending what an outbound
// source holds for it.
//
// It is a transparent route server's speaker (RFC 7947): routes are announced to a peer with
// the next hop and AS path they are given — no AS is prepended, no next hop rewritten.
// Everything runs on one strand of the io_context; the public methods may be called from any
// thread (they post), listeners are called on the strand, and status() reads a snapshot that
// the strand republishes, so a status query never waits for routing work.
#include "bwx/bgp/attribute_pool.h"
#include "bwx/bgp/decoration.h"
#include "bwx/bgp/fsm.h"
#include "bwx/bgp/messages.h"
#include "bwx/bgp/outbound_source.h"
#include "bwx/bgp/peer_config.h"
#include "bwx/bgp/peer_id.h"
#include "bwx/core/asio.h"
#include "bwx/expected.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace bwx::bgp {

struct RouteChange
{
    enum class Kind : std::uint8_t { Added, Changed, Withdrawn };
    Kind kind = Kind::Added;
    net::Prefix prefix;
    AttributesRef attributes; // null for Withdrawn
};

struct PeerStateChange
{
    PeerId peer;
    MemberId member;
    State from = State::Idle;
    State to = State::Idle;
    std::string reason; // e.g. "received NOTIFICATION 6/2 (Cease: administrative shutdown)"
};

class SpeakerListener
{
public:
    virtual ~SpeakerListener() = default;
    // Adj-RIB-In changes of one peer, one batch per UPDATE (or per session loss).
    virtual void routesChanged(PeerId peer, MemberId member, std::span<const RouteChange> changes)
    {
        (void)peer;
        (void)member;
        (void)changes;
    }
    virtual void peerStateChanged(const PeerStateChange &change) { (void)change; }
    // The peer sent End-of-RIB (RFC 4724 2) for a family: its initial table is complete.
    virtual void endOfRib(PeerId peer, MemberId member, net::Family family)
    {
        (void)peer;
        (void)member;
        (void)family;
    }
};

struct PeerStatus
{
    PeerId peer;
    MemberId member;
    std::string name;
    net::Address address;
    Asn remoteAs = 0;
    State state = State::Idle;
    bool enabled = true;
    std::chrono::system_clock::time_point establishedAt{}; // valid while Established
    std::uint64_t prefixesReceived = 0;  // routes now in the Adj-RIB-In
    std::uint64_t prefixesAccepted = 0;  // as reported by the application (registry)
    std::uint64_t prefixesRejected = 0;  // application rejections + treat-as-withdraw NLRI
    std::uint64_t treatAsWithdraw = 0;   // UPDATEs handled by treat-as-withdraw
    std::uint64_t attributesDiscarded = 0;
    // Established: the routes the outbound source has for the session (what it carries once
    // its queue is sent); 0 otherwise.
    std::uint64_t prefixesAdvertised = 0;
    std::uint64_t messagesIn = 0;
    std::uint64_t messagesOut = 0;
    std::uint64_t updatesIn = 0;
    std::uint64_t updatesOut = 0;
    std::uint64_t establishedTransitions = 0;
    std::uint64_t outboundQueuedBytes = 0;
    std::uint16_t negotiatedHoldTime = 0;
    bool fourOctetAs = false;
    bool ipv4Unicast = false; // negotiated families while Established
    bool ipv6Unicast = false;
    bool peerGracefulRestart = false;
    std::string lastError;       // the last NOTIFICATION sent/received or error seen
    std::string lastUpdateProblem; // the last RFC 7606 problem in a received UPDATE
};

struct BoundEndpoint
{
    net::Address address;
    std::uint16_t port = 0;
};

class BgpSpeaker
{
public:
    BgpSpeaker(asio::io_context &io, SpeakerConfig config, SpeakerListener *listener = nullptr);
    ~BgpSpeaker();
    BgpSpeaker(const BgpSpeaker &) = delete;
    BgpSpeaker &operator=(const BgpSpeaker &) = delete;

    // Binds the listening sockets (port 0 picks one) and starts every configured peer. Returns
    // the bound endpoints, or why binding failed (nothing is started then).
    Expected<std::vector<BoundEndpoint>> start();
    // Sends Cease 6/2 on every session and closes everything; the io_context can then finish.
    void stop();

    // Peers get ids in configuration order, then in the order they are added.
    PeerId addPeer(PeerConfig config);
    // Cease 6/3 (peer de-configured); its routes are withdrawn.
    void removePeer(PeerId peer);
    // Cease 6/2 with an optional RFC 9003 message; stays down until enablePeer().
    void disablePeer(PeerId peer, std::string message = {});
    void enablePeer(PeerId peer);
    // Cease 6/4, then reconnects.
    void resetPeer(PeerId peer, std::string message = {});
    // Asks the peer to resend its routes (RFC 2918), when it supports it.
    void requestRefresh(PeerId peer);
    // A limit kept outside the speaker (the registry's per-family max-prefix) was exceeded:
    // Cease 6/1 with the RFC 4486 data (AFI, SAFI, limit), the routes are withdrawn and the
    // session stays down for maxPrefixRestart, exactly as for the peer's own maxPrefixes.
    void maxPrefixExceeded(PeerId peer, net::Family family, std::uint32_t limit);

    // What the sessions send (docs/bgp.md, "Announcing and withdrawing"). A session keeps no
    // per-route state: it is told which prefixes changed and asks an OutboundSource what to
    // send there, and for every route when it comes up or is asked for a ROUTE-REFRESH.
    //
    // With an outbound source set (bwxd: the arbiter; null: back to the speaker's own store),
    // its owner tells the sessions which prefixes changed, one list for several sessions (a
    // member's routers). The source must stay valid until it is replaced or the speaker is
    // destroyed; it is called on the strand only.
    void setOutboundSource(OutboundSource *source);
    void outboundChanged(std::vector<PeerId> peers, std::shared_ptr<const PrefixList> prefixes);
    // Without one, the speaker's own store holds the routes given here: sent with exactly these
    // attributes (next hop and AS path unchanged) and their decoration, now if the session is
    // up, otherwise once it is. Announcing a route again with the same attributes and an equal
    // decoration sends nothing.
    void announce(PeerId peer, std::vector<OutboundRoute> routes);
    void withdraw(PeerId peer, std::vector<net::Prefix> prefixes);
    // The same to several peers, in the order given.
    void announce(std::vector<PeerId> peers, std::vector<OutboundRoute> routes);
    void withdraw(std::vector<PeerId> peers, std::vector<net::Prefix> prefixes);

    // The registry's verdict on the peer's routes, shown in the status.
    void setValidationCounts(PeerId peer, std::uint64_t accepted, std::uint64_t rejected);

    // Last published snapshot; never blocks on routing work.
    std::vector<PeerStatus> status() const;
    std::size_t attributeSetCount() const; // from the snapshot as well

    // Runs `f` on the speaker's strand (tests use it to inspect RIBs consistently).
    void post(std::function<void()> f);
    // Listeners are called on the strand; do not destroy the speaker from inside one.
    // Only on the strand: the peer's Adj-RIB-In, visited route by route.
    void forEachReceivedRoute(PeerId peer,
                              const std::function<void(const net::Prefix &, const AttributesRef &)> &f);
    std::size_t receivedRouteCount(PeerId peer) const; // only on the strand
    // Only on the strand: the peer's Adj-RIB-In entry for exactly `prefix`, or null.
    AttributesRef receivedRoute(PeerId peer, const net::Prefix &prefix) const;

    class Impl;

private:
    std::shared_ptr<Impl> m_impl;
};

} // namespace bwx::bgp
