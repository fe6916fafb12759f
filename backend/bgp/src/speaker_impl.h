#pragma once
#include "bwx/bgp/speaker.h"
#include "route_store.h"

#include <map>
#include <mutex>

namespace bwx::bgp {

namespace detail {
class Peer;
}

// Everything below runs on `strand`, except the snapshot behind statusMutex.
class BgpSpeaker::Impl : public std::enable_shared_from_this<BgpSpeaker::Impl>
{
public:
    Impl(asio::io_context &io, SpeakerConfig config, SpeakerListener *listener);

    using Strand = asio::strand<asio::io_context::executor_type>;
    Strand strand;
    SpeakerConfig config;
    // Cleared by ~BgpSpeaker under listenerMutex: the strand may outlive the speaker object
    // while handlers drain, and must not call a listener that is gone.
    SpeakerListener *listener;
    std::mutex listenerMutex;
    void notifyRoutes(PeerId peer, MemberId member, std::span<const RouteChange> changes);
    void notifyState(const PeerStateChange &change);
    void notifyEndOfRib(PeerId peer, MemberId member, net::Family family);
    AttributePool pool;
    // What the sessions send: the store of explicitly announced routes unless an outbound
    // source was set (setOutboundSource). Null once the speaker object is gone: the strand
    // may outlive the source, and then sends nothing more. Sessions hold sourceMutex while
    // they read it, ~BgpSpeaker while it clears it.
    detail::RouteStore store;
    OutboundSource *source = &store;
    std::recursive_mutex sourceMutex;
    std::map<std::uint32_t, std::shared_ptr<detail::Peer>> peers;
    std::vector<std::shared_ptr<tcp::acceptor>> acceptors;
    bool running = false;

    std::uint32_t nextPeerId = 0; // guarded by statusMutex (addPeer may run on any thread)
    mutable std::mutex statusMutex;
    std::vector<PeerStatus> snapshot;
    std::size_t attributeSets = 0;

    void createPeer(PeerId id, PeerConfig config);
    void accept(const std::shared_ptr<tcp::acceptor> &acceptor);
    void onAccepted(tcp::socket socket);
    void publish();
    void schedulePublish();
    // Listening sockets need the MD5 keys of every peer that may connect through them.
    void installListenerKeys(const PeerConfig &peer, bool install);
    detail::Peer *peer(PeerId id);
    // A session has sent a large burst of announcements: once no other session is still
    // sending one, the memory freed on the way goes back to the OS.
    void largeBurstSent();
    // A session has asked its source about every change it was told of: once no session has
    // anything queued, the source may drop what it kept to answer them (outboundDrained).
    void sessionDrained();

    // Republishes the counters every config.statusPeriod while running.
    asio::steady_timer publishTimer;
    void publishPeriodically();
};

} // namespace bwx::bgp
