#include "bgp_fanout_exchange.h"

#include "bgp_bench_process.h"
#include "bwx/heap_policy.h"
#include "bwx/market/engine.h"
#include "bwx/routing/routing_service.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <future>
#include <thread>
#include <unistd.h>

namespace bwx::bench {

namespace {

using namespace std::chrono_literals;

// Runs `f` on the routing strand and waits for its result.
template<class F> auto onStrand(routing::RoutingService &service, F f) -> decltype(f())
{
    std::promise<decltype(f())> promise;
    auto result = promise.get_future();
    service.post([&] { promise.set_value(f()); });
    return result.get();
}

// Every member buys every other member's customer routes (the class every generated route
// has): one Active trade per ordered pair, so each member receives the others' routes as a
// buyer and, tagged with the reverse trade, as the seller those members' prefixes are sent to.
std::vector<proto::TradeView> allPairsTrades(const std::vector<proto::MemberView> &members)
{
    std::vector<proto::TradeView> trades;
    const Destination customers = Destination::ofClass(RouteClass::Customer, net::Family::V4);
    std::uint64_t id = 1;
    for (const proto::MemberView &buyer : members) {
        for (const proto::MemberView &seller : members) {
            if (buyer.id == seller.id)
                continue;
            proto::TradeView t;
            t.tradeId = TradeId(id);
            t.buyOrderId = OrderId(2 * id);
            t.sellOrderId = OrderId(2 * id + 1);
            t.buyer = buyer.id;
            t.seller = seller.id;
            t.destination = customers;
            t.sellDestination = customers;
            t.capacity = Bandwidth(1'000'000);
            t.state = proto::TradeState::Active;
            trades.push_back(t);
            ++id;
        }
    }
    return trades;
}

} // namespace

int runFanoutExchange(const net::Address &listen,
                      std::size_t routesEach,
                      const std::vector<FanoutMember> &members)
{
    applyHeapPolicy(); // as bwxd does
    market::Engine engine;
    market::NullEvents none;
    std::uint64_t seq = 0;
    for (const FanoutMember &m : members) {
        market::Command c;
        c.seq = Seq(++seq);
        c.body = proto::AddMember{m.name, m.name, m.asn, Bandwidth(100'000'000)};
        engine.apply(c, none);
    }
    const std::vector<proto::MemberView> views = engine.members();
    if (views.size() != members.size()) {
        std::fprintf(stderr, "exchange: the market refused a member\n");
        return 1;
    }

    routing::RoutingConfig config;
    config.enabled = true;
    config.registry.exchangeAsn = kFanoutExchangeAsn;
    config.bgpEnabled = true;
    config.localAs = kFanoutExchangeAsn;
    config.routerId = listen.v4Value();
    config.listen = {{listen, 0}};
    for (const FanoutMember &m : members) {
        routing::PeerSpec spec;
        spec.member = m.name;
        spec.peer.address = m.router;
        spec.peer.remoteAs = m.asn;
        spec.peer.passive = true;
        spec.peer.ipv6Unicast = false;
        config.peers.push_back(spec);
    }
    if (const auto problems = routing::checkRoutingConfig(config); !problems.empty()) {
        std::fprintf(stderr, "exchange: %s\n", problems.front().c_str());
        return 1;
    }

    asio::io_context io(1);
    routing::RoutingService *service = nullptr;
    std::atomic<std::size_t> changesSubmitted{0};
    std::atomic<long long> lastBatchNs{0};
    routing::Hooks hooks;
    // The market is not in the measured path: RouteBatch commands are counted, not applied.
    hooks.submitCommand = [&](proto::Message message) {
        if (const auto *batch = std::get_if<proto::RouteBatch>(&message)) {
            changesSubmitted += batch->changes.size();
            lastBatchNs = nowNs();
        }
        return true;
    };
    // Called on the routing strand; the engine is only touched there once the service runs.
    hooks.submitQuery = [&](sequencer::Sequencer::Query query, sequencer::Origin origin) {
        sequencer::OutputBatch batch;
        batch.items.push_back(sequencer::out::Reply{origin, MemberId{}, query(engine)});
        service->observe(batch);
        return true;
    };
    // Session set-up is logged as warnings (Idle -> Active); only errors matter here.
    hooks.log = [](routing::LogLevel level, const std::string &line) {
        if (level == routing::LogLevel::Error)
            std::fprintf(stderr, "exchange: %s\n", line.c_str());
    };
    routing::RoutingService routingService(io, config, std::move(hooks));
    service = &routingService;
    const auto bound = routingService.start();
    if (!bound) {
        std::fprintf(stderr, "exchange: %s\n", bound.error().c_str());
        return 1;
    }
    std::thread thread([&io] { io.run(); });
    // The members' sessions are configured once the service has the market's member list; a
    // router connecting before that would be refused (Cease 6/5).
    const auto configured = std::chrono::steady_clock::now() + 60s;
    while (onStrand(routingService, [&] { return routingService.speaker().status().size(); })
           < members.size()) {
        if (std::chrono::steady_clock::now() > configured) {
            std::fprintf(stderr, "exchange: the members' sessions were not configured\n");
            return 1;
        }
        std::this_thread::sleep_for(10ms);
    }
    std::printf("LISTENING %u %ld %ld\n", unsigned(bound->front().port), rssKb(0), cpuMs(getpid()));
    std::fflush(stdout);

    // Ingested: every session's Adj-RIB-In full (the registry takes each route in the same
    // strand task), and the market feed quiet for a second after its last RouteBatch.
    const auto deadline = std::chrono::steady_clock::now() + 300s;
    for (;;) {
        if (std::chrono::steady_clock::now() > deadline) {
            std::fprintf(stderr, "exchange: the members' tables did not arrive\n");
            return 1;
        }
        std::this_thread::sleep_for(50ms);
        const bool full = onStrand(routingService, [&] {
            const auto status = routingService.speaker().status();
            std::size_t fullPeers = 0;
            for (const bgp::PeerStatus &s : status)
                if (routingService.speaker().receivedRouteCount(s.peer) >= routesEach)
                    ++fullPeers;
            return fullPeers == members.size();
        });
        if (full && changesSubmitted >= routesEach * members.size()
            && nowNs() - lastBatchNs > 1'000'000'000)
            break;
    }
    std::promise<proto::Message> rejected;
    proto::QueryRoutes query;
    query.rejectedOnly = 1;
    query.limit = 5;
    routingService.queryRoutes(routing::Asker{MemberId{}, true}, query,
                               [&](proto::Message m) { rejected.set_value(std::move(m)); });
    const proto::Message answer = rejected.get_future().get();
    const auto *list = std::get_if<proto::RouteList>(&answer);
    if (!list || !list->routes.empty()) {
        for (const proto::RouteView &r : list ? list->routes : std::vector<proto::RouteView>{})
            std::fprintf(stderr, "exchange: refused %s of member %llu: %s\n",
                         r.prefix.toString().c_str(),
                         static_cast<unsigned long long>(r.member.value()), r.reason.c_str());
        std::fprintf(stderr, "exchange: routes were refused; every route must be tradeable\n");
        return 1;
    }
    std::printf("INGESTED %lld %ld %ld %zu\n", nowNs(), rssKb(0), cpuMs(getpid()),
                changesSubmitted.load());
    std::fflush(stdout);

    sequencer::OutputBatch trades;
    for (proto::TradeView &t : allPairsTrades(views))
        trades.items.push_back(sequencer::out::TradeExecuted{std::move(t), {}, {}, {}, {}, {}});
    std::printf("TRADES %lld %ld\n", nowNs(), cpuMs(getpid()));
    std::fflush(stdout);
    routingService.observe(trades);
    // The service handles the trades in one strand task that ends with the arbiter's flush
    // into the Adj-RIBs-Out; this runs right after it.
    onStrand(routingService, [] { return true; });
    std::printf("EXPORTED %lld %ld\n", nowNs(), cpuMs(getpid()));
    std::fflush(stdout);
    thread.join(); // until the driver terminates this process
    return 0;
}

} // namespace bwx::bench
