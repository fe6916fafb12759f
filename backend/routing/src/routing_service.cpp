#include "bwx/routing/routing_service.h"

#include "bgp_route_input.h"
#include "bwx/arbiter/arbiter.h"
#include "bwx/market/engine.h"
#include "bwx/registry/registry.h"
#include "registry_route_source.h"
#include "routing_views.h"
#include "session_sync.h"
#include "speaker_export_sink.h"
#include "static_routes.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

namespace bwx::routing {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kDefaultRouteLimit = 1000;
// A RouteView is at most a few hundred bytes: this many fit a 1 MiB frame with room to spare.
constexpr std::uint32_t kMaxRouteLimit = 2000;
constexpr std::uint32_t kMembersQuery = 1;
constexpr std::uint32_t kTradesQuery = 2;

Timestamp wallClock()
{
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count());
}

bool isLive(proto::TradeState s)
{
    return s == proto::TradeState::Scheduled || s == proto::TradeState::Active
           || s == proto::TradeState::Suspended;
}

std::string peerSignature(const PeerSpec &p)
{
    const bgp::PeerConfig &c = p.peer;
    return p.member + "|" + c.name + "|" + c.address.toString() + "|" + std::to_string(c.port)
           + "|" + (c.localAddress ? c.localAddress->toString() : "") + "|"
           + std::to_string(c.remoteAs) + "|" + (c.passive ? "p" : "a") + "|" + c.md5Password
           + "|" + (c.gtsm ? "g" : "") + "|" + std::to_string(c.holdTime) + "|"
           + std::to_string(p.maxPrefixV4) + "|" + std::to_string(p.maxPrefixV6);
}

bool sameBgp(const RoutingConfig &a, const RoutingConfig &b)
{
    if (a.bgpEnabled != b.bgpEnabled || a.localAs != b.localAs || a.routerId != b.routerId
        || a.listen.size() != b.listen.size() || a.peers.size() != b.peers.size())
        return false;
    for (std::size_t i = 0; i < a.listen.size(); ++i)
        if (a.listen[i].address != b.listen[i].address || a.listen[i].port != b.listen[i].port)
            return false;
    for (std::size_t i = 0; i < a.peers.size(); ++i)
        if (peerSignature(a.peers[i]) != peerSignature(b.peers[i]))
            return false;
    return true;
}

// One thing the sequencer's output told us, in stream order.
struct Event
{
    enum class Kind { Members, Trades, Member, Trade } kind;
    std::vector<proto::MemberView> members;
    std::vector<proto::TradeView> trades;
};

} // namespace

struct RoutingService::Impl final : bgp::SpeakerListener,
                                    registry::RegistryListener,
                                    std::enable_shared_from_this<RoutingService::Impl>
{
    Impl(asio::io_context &ioContext, RoutingConfig c, Hooks h);
    // The speaker's sessions read the arbiter until the speaker object is gone: it goes first.
    ~Impl() override { speaker.reset(); }

    asio::io_context &io;
    RoutingConfig config;
    Hooks hooks;
    registry::Registry registry;
    std::unique_ptr<bgp::BgpSpeaker> speaker;
    std::unique_ptr<SpeakerExportSink> sink;
    std::unique_ptr<RegistryRouteSource> source;
    std::unique_ptr<arbiter::Arbiter> arbiter;
    MarketFeed feed;
    SessionSync sync;
    asio::steady_timer timer;

    struct MemberInfo
    {
        std::string name;
        std::uint32_t asn = 0;
        bool registered = false;
    };
    struct PeerInfo
    {
        bgp::PeerId id{};
        MemberId member{};
        bgp::State state = bgp::State::Idle;
        Timestamp since{};
        std::uint64_t accepted = ~std::uint64_t{0};
        std::uint64_t rejected = ~std::uint64_t{0};
        bool refusedLogged = false;
    };
    std::map<MemberId, MemberInfo> members;
    std::map<net::Address, PeerInfo> peers;
    std::map<std::uint32_t, net::Address> peerAddress;
    std::map<std::tuple<MemberId, net::Address, net::Prefix>, StaticEntry> statics;

    bool running = false;
    bool membersSeen = false;
    bool tradesSeen = false;
    bool membersAsked = false;
    bool tradesAsked = false;
    bool holdOver = false;
    Clock::time_point startedAt{};

    void log(LogLevel level, const std::string &text) const
    {
        if (hooks.log)
            hooks.log(level, text);
    }
    std::string memberName(MemberId id) const
    {
        const auto it = members.find(id);
        return it == members.end() ? "member " + std::to_string(id.value())
                                   : "'" + it->second.name + "'";
    }

    // ---- SpeakerListener (speaker strand) ----
    void routesChanged(bgp::PeerId peer, MemberId member,
                       std::span<const bgp::RouteChange> changes) override;
    void peerStateChanged(const bgp::PeerStateChange &change) override;
    void endOfRib(bgp::PeerId peer, MemberId member, net::Family family) override;

    // ---- RegistryListener (inside registry calls) ----
    void routeChanged(const registry::RouteChange &change) override
    {
        if (feed.wantsChange(change.member, change.prefix))
            feed.changed(change.member, change.prefix, source->deliverableBefore(change));
        arbiter->routeChanged(change.member, change.prefix);
    }
    void maxPrefixExceeded(MemberId member, const net::Address &router, net::Family family,
                           std::uint32_t limit) override
    {
        const auto it = peers.find(router);
        log(LogLevel::Warning, "BGP " + router.toString() + " (" + memberName(member)
                                   + "): more than " + std::to_string(limit) + " "
                                   + (family == net::Family::V4 ? "IPv4" : "IPv6")
                                   + " prefixes, sending Cease 6/1");
        if (it != peers.end())
            speaker->maxPrefixExceeded(it->second.id, family, limit);
    }

    bgp::AttributesRef lookup(MemberId member, const net::Address &router,
                              const net::Prefix &prefix) const
    {
        if (const auto it = peers.find(router); it != peers.end())
            if (auto ref = speaker->receivedRoute(it->second.id, prefix))
                return ref;
        const auto it = statics.find({member, router, prefix});
        return it == statics.end() ? nullptr : it->second.attributes;
    }

    void askMarket();
    void handle(std::vector<Event> &events);
    void addMember(const proto::MemberView &view);
    registry::MemberConfig registryMember(MemberId id, const MemberInfo &info,
                                          const RoutingConfig &from) const;
    void registerStatics(MemberId id, const MemberInfo &info);
    void sessionSynced(MemberId member);
    void schedule();
    void tick();
    bool submitBatch(proto::RouteBatch &&batch);
    std::optional<MemberId> target(const Asker &asker, MemberId requested,
                                   const char *what, const Respond &respond) const;
};

RoutingService::Impl::Impl(asio::io_context &ioContext, RoutingConfig c, Hooks h)
    : io(ioContext)
    , config(std::move(c))
    , hooks(std::move(h))
    , registry(config.registry)
    , timer(ioContext)
{
    bgp::SpeakerConfig sc;
    sc.localAs = config.localAs != 0 ? config.localAs : config.registry.exchangeAsn;
    sc.routerId = config.routerId != 0 ? config.routerId : 1;
    sc.listen = config.listen;
    speaker = std::make_unique<bgp::BgpSpeaker>(io, sc, this);
    sink = std::make_unique<SpeakerExportSink>(*speaker);
    source = std::make_unique<RegistryRouteSource>(
        registry, [this](MemberId m, const net::Address &r, const net::Prefix &p) {
            return lookup(m, r, p);
        });
    arbiter = std::make_unique<arbiter::Arbiter>(
        arbiter::ArbiterConfig{config.registry.exchangeAsn}, *source, *sink);
    speaker->setOutboundSource(arbiter.get());
    registry.setListener(this);
}

void RoutingService::Impl::routesChanged(bgp::PeerId peer, MemberId member,
                                         std::span<const bgp::RouteChange> changes)
{
    const auto at = peerAddress.find(peer.value());
    if (at == peerAddress.end())
        return;
    const net::Address &router = at->second;
    PeerInfo &info = peers[router];
    for (const bgp::RouteChange &c : changes) {
        if (c.kind == bgp::RouteChange::Kind::Withdrawn) {
            // A static route of the same router and prefix comes back when BGP lets go of it.
            if (const auto s = statics.find({member, router, c.prefix}); s != statics.end())
                (void)registry.announce(member, router, s->second.input);
            else
                (void)registry.withdraw(member, router, c.prefix);
            continue;
        }
        const auto result = registry.announce(member, router, toRouteInput(c.prefix, *c.attributes));
        if (!result && !info.refusedLogged) {
            info.refusedLogged = true;
            log(LogLevel::Warning, "BGP " + router.toString() + " (" + memberName(member)
                                       + "): the registry refused " + c.prefix.toString() + ": "
                                       + result.error());
        }
    }
    arbiter->flush();
}

void RoutingService::Impl::peerStateChanged(const bgp::PeerStateChange &change)
{
    const auto at = peerAddress.find(change.peer.value());
    if (at == peerAddress.end())
        return;
    PeerInfo &info = peers[at->second];
    info.state = change.to;
    info.since = wallClock();
    log(change.to == bgp::State::Established || change.from == bgp::State::Established
            ? LogLevel::Info
            : LogLevel::Warning,
        "BGP " + at->second.toString() + " (" + memberName(change.member)
            + "): " + std::string(bgp::stateName(change.from)) + " -> "
            + std::string(bgp::stateName(change.to))
            + (change.reason.empty() ? "" : " (" + change.reason + ")"));
    if (change.to == bgp::State::Established)
        sync.established(change.peer, change.member, Clock::now());
    else if (change.from == bgp::State::Established)
        sync.down(change.peer);
}

void RoutingService::Impl::endOfRib(bgp::PeerId peer, MemberId member, net::Family family)
{
    bool v4 = true, v6 = true;
    for (const bgp::PeerStatus &s : speaker->status()) {
        if (s.peer == peer) {
            v4 = s.ipv4Unicast;
            v6 = s.ipv6Unicast;
        }
    }
    if (sync.endOfRib(peer, family, v4, v6))
        sessionSynced(member);
}

void RoutingService::Impl::sessionSynced(MemberId member)
{
    if (!feed.held(member)) {
        feed.requestFullSync(member);
        if (hooks.memberSynced)
            hooks.memberSynced(member);
        return;
    }
    for (const bgp::PeerId p : sink->peers(member))
        if (!sync.complete(p))
            return; // another router of the member is still sending its table
    feed.release(member);
    if (hooks.memberSynced)
        hooks.memberSynced(member);
}

bool RoutingService::Impl::submitBatch(proto::RouteBatch &&batch)
{
    return hooks.submitCommand(proto::Message(std::move(batch)));
}

void RoutingService::Impl::askMarket()
{
    if (!membersAsked) {
        membersAsked = hooks.submitQuery(
            [](const market::Engine &engine) -> proto::Message {
                return proto::MemberList{engine.members()};
            },
            sequencer::Origin{kOrigin, kMembersQuery});
    }
    if (membersAsked && !tradesAsked) {
        tradesAsked = hooks.submitQuery(
            [](const market::Engine &engine) -> proto::Message {
                proto::TradeList list;
                for (const proto::MemberView &m : engine.members())
                    for (proto::TradeView &t : engine.tradesOf(m.id, Timestamp{},
                                                               std::numeric_limits<std::uint32_t>::max()))
                        if (t.buyer == m.id && isLive(t.state))
                            list.trades.push_back(std::move(t));
                return list;
            },
            sequencer::Origin{kOrigin, kTradesQuery});
    }
}

registry::MemberConfig RoutingService::Impl::registryMember(MemberId id, const MemberInfo &info,
                                                             const RoutingConfig &from) const
{
    registry::MemberConfig m;
    m.id = id;
    m.name = info.name;
    m.asns.push_back(info.asn);
    for (const PeerSpec &p : from.peers) {
        if (p.member != info.name)
            continue;
        m.routers.push_back(p.peer.address);
        if (p.peer.remoteAs != 0)
            m.asns.push_back(p.peer.remoteAs);
        m.maxPrefixV4 = p.maxPrefixV4;
        m.maxPrefixV6 = p.maxPrefixV6;
    }
    for (const StaticRoute &r : from.statics)
        if (r.member == info.name)
            if (const auto nextHop = staticNextHop(from, r))
                m.routers.push_back(*nextHop);
    std::sort(m.asns.begin(), m.asns.end());
    m.asns.erase(std::unique(m.asns.begin(), m.asns.end()), m.asns.end());
    std::sort(m.routers.begin(), m.routers.end());
    m.routers.erase(std::unique(m.routers.begin(), m.routers.end()), m.routers.end());
    return m;
}

void RoutingService::Impl::registerStatics(MemberId id, const MemberInfo &info)
{
    for (const StaticRoute &r : config.statics) {
        if (r.member != info.name)
            continue;
        const auto nextHop = staticNextHop(config, r);
        if (!nextHop)
            continue; // refused by checkRoutingConfig
        StaticEntry e = makeStaticEntry(r, id, info.asn, *nextHop, config.registry.exchangeAsn);
        const auto key = std::make_tuple(id, e.router, e.prefix);
        const bool bgpHasIt = peers.count(e.router)
                              && speaker->receivedRoute(peers[e.router].id, e.prefix);
        statics[key] = e;
        if (bgpHasIt)
            continue; // the router's own announcement wins
        const auto result = registry.announce(id, e.router, e.input);
        if (!result)
            log(LogLevel::Error, "static route " + r.prefix.toString() + " of '" + info.name
                                     + "': " + result.error());
    }
}

void RoutingService::Impl::addMember(const proto::MemberView &view)
{
    if (members.count(view.id))
        return;
    MemberInfo &info = members[view.id];
    info.name = view.name;
    info.asn = view.asn;
    const auto status = registry.addMember(registryMember(view.id, info, config));
    if (!status) {
        log(LogLevel::Error, "member '" + view.name + "' cannot be registered for routing: "
                                 + status.error());
        return;
    }
    info.registered = true;
    registerStatics(view.id, info);

    bool hasPeers = false;
    for (const PeerSpec &spec : config.peers) {
        if (spec.member != view.name)
            continue;
        bgp::PeerConfig p = spec.peer;
        p.member = view.id;
        if (p.remoteAs == 0)
            p.remoteAs = view.asn;
        if (p.name.empty())
            p.name = view.name + "@" + p.address.toString();
        const bgp::PeerId id = speaker->addPeer(p);
        peers[p.address] = PeerInfo{id, view.id, bgp::State::Idle, wallClock()};
        peerAddress[id.value()] = p.address;
        sink->addPeer(view.id, id);
        hasPeers = true;
        // Exports decided before the session existed go out once it comes up: a session
        // reads every route of its member from the arbiter then.
        log(LogLevel::Info, "BGP " + p.address.toString() + " configured for member '" + view.name
                                + "' (AS" + std::to_string(p.remoteAs) + ", "
                                + (p.passive ? "passive" : "active") + ")");
    }
    if (hasPeers && !holdOver)
        feed.hold(view.id); // what the market has stays until the routers sent their tables
    else
        feed.requestFullSync(view.id);
    arbiter->flush();
}

void RoutingService::Impl::handle(std::vector<Event> &events)
{
    for (Event &e : events) {
        switch (e.kind) {
        case Event::Kind::Members:
            for (const auto &m : e.members)
                addMember(m);
            if (!membersSeen) {
                membersSeen = true;
                std::set<std::string> known;
                for (const auto &[id, info] : members)
                    known.insert(info.name);
                std::set<std::string> missing;
                for (const PeerSpec &p : config.peers)
                    if (!known.count(p.member))
                        missing.insert(p.member);
                for (const StaticRoute &r : config.statics)
                    if (!known.count(r.member))
                        missing.insert(r.member);
                for (const std::string &name : missing)
                    log(LogLevel::Warning, "routing configuration names member '" + name
                                               + "', which does not exist yet; its sessions "
                                                 "and static routes start when it is added");
            }
            break;
        case Event::Kind::Member:
            if (membersSeen)
                for (const auto &m : e.members)
                    addMember(m);
            break;
        case Event::Kind::Trades:
            tradesSeen = true;
            for (const auto &t : e.trades)
                arbiter->tradeChanged(t);
            log(LogLevel::Info, "routing: " + std::to_string(e.trades.size())
                                    + " live trade(s) from the market");
            break;
        case Event::Kind::Trade:
            if (tradesSeen)
                for (const auto &t : e.trades)
                    arbiter->tradeChanged(t);
            break;
        }
    }
    arbiter->flush();
}

void RoutingService::Impl::schedule()
{
    if (!running)
        return;
    timer.expires_after(config.flushInterval);
    std::weak_ptr<Impl> weak = shared_from_this();
    timer.async_wait([weak](const error_code &ec) {
        if (ec)
            return;
        if (auto self = weak.lock())
            self->speaker->post([weak] {
                if (auto me = weak.lock())
                    me->tick();
            });
    });
}

void RoutingService::Impl::tick()
{
    if (!running)
        return;
    askMarket();
    const auto now = Clock::now();
    for (const auto &[peer, member] : sync.expire(now, config.endOfRibTimeout))
        sessionSynced(member);
    if (!holdOver && now - startedAt >= config.startupHold) {
        holdOver = true;
        for (const auto &[id, info] : members) {
            if (feed.held(id)) {
                log(LogLevel::Warning, "routing: the routers of member '" + info.name
                                           + "' did not send their tables within "
                                           + std::to_string(config.startupHold.count())
                                           + " s of start-up; the market now gets what is there");
                feed.release(id);
            }
        }
    }
    arbiter->flush();
    feed.flush(*source, [this](proto::RouteBatch &&b) { return submitBatch(std::move(b)); },
               config.maxChangesPerBatch);
    for (auto &[address, info] : peers) {
        const registry::RouteCounters c = registry.sessionCounters(info.member, address);
        if (c.accepted != info.accepted || c.rejected != info.rejected) {
            info.accepted = c.accepted;
            info.rejected = c.rejected;
            speaker->setValidationCounts(info.id, c.accepted, c.rejected);
        }
    }
    schedule();
}

std::optional<MemberId> RoutingService::Impl::target(const Asker &asker, MemberId requested,
                                                     const char *what,
                                                     const Respond &respond) const
{
    if (asker.admin)
        return requested;
    if (requested != MemberId{} && requested != asker.member) {
        respond(proto::Result{proto::ResultCode::Forbidden,
                              std::string(what) + ": a member sees only its own routing data"});
        return std::nullopt;
    }
    return asker.member;
}

// ---- RoutingService -------------------------------------------------------------------------

RoutingService::RoutingService(asio::io_context &io, RoutingConfig config, Hooks hooks)
    : m_impl(std::make_shared<Impl>(io, std::move(config), std::move(hooks)))
{}

RoutingService::~RoutingService()
{
    m_impl->registry.setListener(nullptr);
}

Expected<std::vector<bgp::BoundEndpoint>> RoutingService::start()
{
    Impl &d = *m_impl;
    if (!d.config.vrpFile.empty()) {
        auto vrps = loadVrpFile(d.config.vrpFile);
        if (!vrps)
            return makeError(vrps.error());
        d.registry.loadVrps(std::move(*vrps));
    }
    if (!d.config.irrFile.empty()) {
        auto irr = loadIrrFile(d.config.irrFile);
        if (!irr)
            return makeError(irr.error());
        d.registry.loadIrr(std::move(*irr));
    }
    auto bound = d.speaker->start();
    if (!bound)
        return bound;
    d.running = true;
    d.startedAt = Clock::now();
    std::weak_ptr<Impl> weak = m_impl;
    d.speaker->post([weak] {
        if (auto self = weak.lock()) {
            self->askMarket();
            self->schedule();
        }
    });
    return bound;
}

void RoutingService::stop()
{
    auto self = m_impl;
    self->speaker->post([self] {
        self->running = false;
        self->timer.cancel();
    });
    self->speaker->stop();
}

void RoutingService::observe(const sequencer::OutputBatch &batch)
{
    std::vector<Event> events;
    for (const sequencer::Output &item : batch.items) {
        if (const auto *reply = std::get_if<sequencer::out::Reply>(&item)) {
            if (reply->origin.session != kOrigin) {
                // A member added or changed by an admin is told to that admin only (the
                // MemberList reply to AddMember / SetMemberStatus / SetMemberLimits), never as
                // a MemberChanged: without this its routers would not be configured until the
                // next restart.
                if (const auto *list = std::get_if<proto::MemberList>(&reply->message))
                    events.push_back({Event::Kind::Member, list->members, {}});
                continue;
            }
            if (const auto *list = std::get_if<proto::MemberList>(&reply->message))
                events.push_back({Event::Kind::Members, list->members, {}});
            else if (const auto *trades = std::get_if<proto::TradeList>(&reply->message))
                events.push_back({Event::Kind::Trades, {}, trades->trades});
        } else if (const auto *executed = std::get_if<sequencer::out::TradeExecuted>(&item)) {
            events.push_back({Event::Kind::Trade, {}, {executed->trade}});
        } else if (const auto *changed = std::get_if<sequencer::out::TradeChanged>(&item)) {
            events.push_back({Event::Kind::Trade, {}, {changed->trade}});
        } else if (const auto *member = std::get_if<sequencer::out::MemberChanged>(&item)) {
            events.push_back({Event::Kind::Member, {member->member}, {}});
        }
    }
    if (events.empty())
        return;
    std::weak_ptr<Impl> weak = m_impl;
    m_impl->speaker->post([weak, events = std::move(events)]() mutable {
        if (auto self = weak.lock())
            self->handle(events);
    });
}

void RoutingService::reload(RoutingConfig next, std::function<void(std::vector<std::string>)> done)
{
    std::vector<std::string> messages;
    std::optional<registry::VrpSet> vrps;
    std::optional<registry::IrrSet> irr;
    bool dataOk = true;
    if (!next.vrpFile.empty()) {
        auto loaded = loadVrpFile(next.vrpFile);
        if (loaded)
            vrps = std::move(*loaded);
        else {
            dataOk = false;
            messages.push_back("VRP file kept as it was: " + loaded.error());
        }
    }
    if (!next.irrFile.empty()) {
        auto loaded = loadIrrFile(next.irrFile);
        if (loaded)
            irr = std::move(*loaded);
        else {
            dataOk = false;
            messages.push_back("IRR file kept as it was: " + loaded.error());
        }
    }
    (void)dataOk;
    auto self = m_impl;
    self->speaker->post([self, next = std::move(next), vrps = std::move(vrps), irr = std::move(irr),
                         messages = std::move(messages), done = std::move(done)]() mutable {
        Impl &d = *self;
        if (next.registry != d.config.registry) {
            auto report = d.registry.setConfig(next.registry);
            if (report)
                messages.push_back("[registry] settings applied: "
                                   + std::to_string(report->routesChecked) + " routes checked, "
                                   + std::to_string(report->changes.size()) + " changed");
            else
                messages.push_back("[registry] settings kept as they were: " + report.error());
        }
        if (vrps) {
            const std::size_t count = vrps->size();
            const auto report = d.registry.loadVrps(std::move(*vrps));
            messages.push_back("VRP file loaded: " + std::to_string(count) + " VRPs, "
                               + std::to_string(report.changes.size()) + " routes changed");
        }
        if (irr) {
            const std::size_t count = irr->size();
            const auto report = d.registry.loadIrr(std::move(*irr));
            messages.push_back("IRR file loaded: " + std::to_string(count) + " route objects, "
                               + std::to_string(report.changes.size()) + " routes changed");
        }
        if (!sameBgp(d.config, next))
            messages.push_back("[bgp] changed: it takes effect at the next restart");

        // Static routes: the members' router lists follow them, then the routes themselves.
        RoutingConfig merged = d.config;
        merged.registry = d.registry.config();
        merged.vrpFile = next.vrpFile;
        merged.irrFile = next.irrFile;
        merged.statics = next.statics;
        merged.flushInterval = next.flushInterval;
        merged.maxChangesPerBatch = next.maxChangesPerBatch;
        const auto oldStatics = std::move(d.statics);
        d.statics.clear();
        d.config = merged;
        for (const auto &[id, info] : d.members) {
            if (!info.registered)
                continue;
            auto member = d.registryMember(id, info, d.config);
            if (const registry::MemberConfig *current = d.registry.member(id);
                current && (current->routers != member.routers)) {
                member.policy = current->policy;
                member.defaultClass = current->defaultClass;
                if (auto r = d.registry.updateMember(member); !r)
                    messages.push_back("member '" + info.name + "': " + r.error());
            }
            d.registerStatics(id, info);
        }
        std::size_t removed = 0;
        for (const auto &[key, entry] : oldStatics) {
            if (d.statics.count(key))
                continue;
            const auto &[member, router, prefix] = key;
            const auto peer = d.peers.find(router);
            if (peer != d.peers.end() && d.speaker->receivedRoute(peer->second.id, prefix))
                continue; // the router's BGP route stays
            if (d.registry.route(member, router, prefix))
                (void)d.registry.withdraw(member, router, prefix);
            ++removed;
        }
        messages.push_back("static routes: " + std::to_string(d.statics.size()) + " registered, "
                           + std::to_string(removed) + " removed");
        d.arbiter->flush();
        if (done)
            done(std::move(messages));
    });
}

void RoutingService::querySessions(Asker asker, proto::QuerySessions request, Respond respond)
{
    auto self = m_impl;
    self->speaker->post([self, asker, request, respond = std::move(respond)] {
        const auto target = self->target(asker, request.member, "query_sessions", respond);
        if (!target)
            return;
        proto::SessionList list;
        for (const bgp::PeerStatus &s : self->speaker->status()) {
            if (*target != MemberId{} && s.member != *target)
                continue;
            const auto it = self->peers.find(s.address);
            list.sessions.push_back(sessionView(s, it == self->peers.end() ? Timestamp{}
                                                                           : it->second.since));
        }
        std::sort(list.sessions.begin(), list.sessions.end(),
                  [](const proto::BgpSessionView &a, const proto::BgpSessionView &b) {
                      return std::tie(a.member, a.peerAddress) < std::tie(b.member, b.peerAddress);
                  });
        respond(std::move(list));
    });
}

void RoutingService::queryRoutes(Asker asker, proto::QueryRoutes request, Respond respond)
{
    auto self = m_impl;
    self->speaker->post([self, asker, request, respond = std::move(respond)] {
        const auto target = self->target(asker, request.member, "query_routes", respond);
        if (!target)
            return;
        std::vector<MemberId> which;
        if (*target == MemberId{}) {
            which = self->registry.memberIds();
        } else if (self->registry.member(*target)) {
            which.push_back(*target);
        } else if (asker.admin) {
            respond(proto::Result{proto::ResultCode::UnknownMember,
                                  "query_routes: member " + std::to_string(target->value())
                                      + " has no routes registered"});
            return;
        }
        registry::RouteFilter filter;
        if (request.within.length() > 0)
            filter.within = request.within;
        if (request.rejectedOnly)
            filter.status = registry::RouteStatus::Invalid;
        const std::uint32_t limit = request.limit == 0 ? kDefaultRouteLimit
                                                       : std::min(request.limit, kMaxRouteLimit);
        proto::RouteList list;
        for (const MemberId m : which) {
            const registry::MemberConfig *config = self->registry.member(m);
            self->registry.forEachRoute(m, filter, [&](const registry::RouteView &r) {
                if (list.routes.size() >= limit) {
                    list.truncated = 1;
                    return false;
                }
                const bool sellable = r.status == registry::RouteStatus::Valid && r.routeClass
                                      && config && config->policy.sells(*r.routeClass);
                list.routes.push_back(routeView(r, sellable));
                return true;
            });
            if (list.truncated)
                break;
        }
        respond(std::move(list));
    });
}

void RoutingService::queryExports(Asker asker, proto::QueryExports request, Respond respond)
{
    auto self = m_impl;
    self->speaker->post([self, asker, request, respond = std::move(respond)] {
        const auto target = self->target(asker, request.member, "query_exports", respond);
        if (!target)
            return;
        proto::ExportList list;
        const std::vector<MemberId> which = *target == MemberId{}
                                                ? self->arbiter->receivers()
                                                : std::vector<MemberId>{*target};
        for (const MemberId m : which)
            for (const auto &r : self->arbiter->exports(m))
                list.exports.push_back(exportView(r));
        respond(std::move(list));
    });
}

void RoutingService::post(std::function<void()> f)
{
    m_impl->speaker->post(std::move(f));
}

bgp::BgpSpeaker &RoutingService::speaker()
{
    return *m_impl->speaker;
}

} // namespace bwx::routing
