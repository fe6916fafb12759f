#pragma once
// The routing service of bwxd: the BGP speaker with the members' routers, the trade route
// registry, the arbiter and the market feed, together on the speaker's strand.
//
//   router ──UPDATE──► speaker ──RouteInput──► registry ──changes──► market feed ──RouteBatch──► sequencer
//                        ▲                                  └──────► arbiter ──exports──┐
//                        └──── changed prefixes; sessions read the routes from the arbiter ◄─┘
//   sequencer outputs (trades, members, our start-up queries) ──observe()──► arbiter, registry
//
// Members come from the market (MemberList at start-up, MemberChanged after), their routers
// from the [[bgp.peer]] configuration. A session of a member that does not exist yet is not
// configured until the member is added.
#include "bwx/bgp/speaker.h"
#include "bwx/core/asio.h"
#include "bwx/expected.h"
#include "bwx/proto/messages.h"
#include "bwx/routing/routing_config.h"
#include "bwx/sequencer/sequencer.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bwx::routing {

enum class LogLevel { Info, Warning, Error };

struct Hooks
{
    // Submits one of the exchange's own commands (RouteBatch); false when refused.
    std::function<bool(proto::Message)> submitCommand;
    // Runs a query on the market thread at its place in the command stream; its reply comes
    // back through observe() with the given origin.
    std::function<bool(sequencer::Sequencer::Query, sequencer::Origin)> submitQuery;
    std::function<void(LogLevel, const std::string &)> log;
    // Called when a member's router(s) finished sending their tables (End-of-RIB) after a
    // session came up: the point at which its routes are known again. Optional; runs on the
    // routing strand, so it must only hand the news on.
    std::function<void(MemberId)> memberSynced;
};

// Who asks a routing query.
struct Asker
{
    MemberId member{}; // 0 for admins
    bool admin = false;
};

class RoutingService
{
public:
    // The origin of the service's own queries; never a real session id.
    static constexpr std::uint64_t kOrigin = ~std::uint64_t{0} - 1;

    RoutingService(asio::io_context &io, RoutingConfig config, Hooks hooks);
    ~RoutingService();
    RoutingService(const RoutingService &) = delete;
    RoutingService &operator=(const RoutingService &) = delete;

    // Loads the VRP and IRR files, binds the BGP listeners and asks the market for its
    // members and trades. The bound endpoints, or why it could not start (nothing runs then).
    Expected<std::vector<bgp::BoundEndpoint>> start();
    // Cease 6/2 to every router and stops the timers; the io_context can then finish.
    void stop();

    // Every output batch of the sequencer, from the thread that delivers them; must be called
    // in batch order. Copies what the routing part needs and returns at once.
    void observe(const sequencer::OutputBatch &batch);

    // SIGHUP: [registry] settings, the VRP and IRR files and the static routes take effect;
    // [bgp] changes are reported as needing a restart. `done` gets one line per outcome.
    void reload(RoutingConfig next, std::function<void(std::vector<std::string>)> done);

    // The routing queries (any thread); `respond` is called exactly once, on the routing strand.
    using Respond = std::function<void(proto::Message)>;
    void querySessions(Asker asker, proto::QuerySessions request, Respond respond);
    void queryRoutes(Asker asker, proto::QueryRoutes request, Respond respond);
    void queryExports(Asker asker, proto::QueryExports request, Respond respond);

    // Runs `f` on the routing strand (tests, and the start-up order of bwxd).
    void post(std::function<void()> f);
    bgp::BgpSpeaker &speaker();

    struct Impl;

private:
    std::shared_ptr<Impl> m_impl;
};

} // namespace bwx::routing
