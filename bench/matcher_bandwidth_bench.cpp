// bwx-bench-matcher-bandwidth: the matching engine on bandwidth-market workloads, one core.
//
//   matcher.W2        the bandwidth mix: a table of 1M IPv4 + 200k IPv6 prefixes with a
//                     realistic length mix, every prefix a route of one of 1,000 sellers (class
//                     customer / peer / transit), 5,000 members, ~1M resting orders. Buys mostly
//                     on /24 and /48 with delivery periods of 1-12 months inside the sellers' year
//                     (so capacity is tracked per time slice), a third with quality limits and
//                     a third ranked by performance or weights; sells on covering prefixes, 20% of
//                     them on a route class. Mix: 30% new buy, 10% new sell, 20% cancel,
//                     35% replace, 5% quality updates (QualityBatch of one figure). New orders
//                     rest while the book is under 1M orders and are marketable IOC orders
//                     (crossing the mid by 20 ticks) while it is over.
//   matcher.W2.prefetch  the same ops, each preceded by Engine::prefetch() over the next
//                     Engine::kPrefetchAhead, as the sequencer applies a batch.
//   matcher.W2.measured.prefetch  W2 (with the hint) on a market whose sellers were all
//                     measured toward their covering routes before the window, as the quality
//                     service keeps them; in W2 only the timed quality updates measure anyone.
//   matcher.W3.10k    fan-out: IOC sells on /8, /12 or /16 over 10k resting buys on /24s inside
//   matcher.W3        the /8 (100k for matcher.W3), of which 10 cross; latency of each sell.
//
// Arguments (optional): a name filter and the number of timed ops (default 2,000,000 for W2,
// 200,000 for W3).
//
// As in bwx-bench-matcher, each workload is generated once from a fixed seed by driving an
// engine and watching its events, recorded as commands, then replayed on a fresh engine per run
// with NullEvents; the replay must reach the recording's state hash. One pass per run reads the
// TSC around every op; throughput is the op count over the thread's CPU time of that pass (so it
// includes the ~15 ns of timer reads per op). Every figure is the median of 3 runs. The
// `.by_kind` line gives each kind's mean, p99 and share of the summed op times.
//
// To profile only the timed passes: mkfifo /tmp/ctl; BWX_PERF_CTL=/tmp/ctl perf record
// --control=fifo:/tmp/ctl -D -1 -g bwx-bench-matcher-bandwidth matcher.W2 200000
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "bench_clock.h"
#include "bwx/market/engine.h"

using namespace bwx;
using namespace bwx::bench;

namespace {

constexpr std::int64_t kMid = 100'000'000; // 100.000000 per Mbit/s per month
constexpr std::int64_t kTick = 1'000;
constexpr std::int64_t kBlock = 1'000; // 1 Mbit/s
constexpr std::int64_t kMonth = 30LL * 24 * 3600;
const Timestamp kStart = Timestamp::fromSeconds(1'900'000'000);
constexpr int kRuns = 3;

// New orders that rest (new_buy, new_sell) and marketable IOC orders (ioc_buy, ioc_sell on a
// prefix, ioc_class_sell on a route class) are told apart: their costs differ by two orders of
// magnitude.
enum class OpKind : std::uint8_t {
    NewBuy, IocBuy, NewSell, IocSell, IocClassSell, Cancel, Replace, Quality, Count
};
constexpr const char *kKindNames[] = {"new_buy", "ioc_buy",  "new_sell", "ioc_sell",
                                      "ioc_class_sell", "cancel", "replace", "quality"};

struct Recording
{
    std::string name;
    std::vector<market::Command> setup; // members, routes, the resting book: not timed
    std::vector<market::Command> ops;   // timed
    std::vector<OpKind> kinds;
    std::uint64_t expectedHash = 0;
    std::uint64_t trades = 0;
    std::uint64_t rejected = 0;
    std::size_t finalOpen = 0;
};

// Follows the open orders of the generating engine through its events.
class Tracker final : public market::EngineEvents
{
public:
    struct Open
    {
        std::uint64_t id;
        std::uint32_t member;
        Side side;
        std::int64_t price;
        std::int64_t capacity;
    };

    void rejected(proto::ResultCode, std::string_view) override { ++rejections; }
    void orderUpdated(const proto::OrderView &o, bool) override
    {
        const std::uint64_t id = o.orderId.value();
        if (m_pos.size() <= id)
            m_pos.resize(id + 1, kNone);
        const bool open = o.status == OrderStatus::Working
                          || o.status == OrderStatus::PartiallyFilled;
        if (open) {
            const Open entry{id, o.member.value(), o.params.side, o.params.price.value(),
                             o.params.capacity.value()};
            if (m_pos[id] == kNone) {
                m_pos[id] = m_open.size();
                m_open.push_back(entry);
            } else {
                m_open[m_pos[id]] = entry;
            }
        } else if (m_pos[id] != kNone) {
            const std::size_t pos = m_pos[id];
            m_pos[m_open.back().id] = pos;
            m_open[pos] = m_open.back();
            m_open.pop_back();
            m_pos[id] = kNone;
        }
    }
    void tradeExecuted(const proto::TradeView &) override { ++trades; }
    void bookChanged(proto::BookAction, const proto::BookEntry &) override {}
    void tradeUpdated(const proto::TradeView &) override {}
    void memberUpdated(const proto::MemberView &, bool) override {}
    void notice(MemberId, const proto::Notice &) override {}

    const std::vector<Open> &open() const { return m_open; }
    std::uint64_t trades = 0;
    std::uint64_t rejections = 0;

private:
    static constexpr std::size_t kNone = ~std::size_t{0};
    std::vector<Open> m_open;
    std::vector<std::size_t> m_pos;
};

// Records every command it applies to the generating engine.
class Generator
{
public:
    explicit Generator(std::uint64_t seed) : m_rng(seed) {}

    std::int64_t uniform(std::int64_t lo, std::int64_t hi)
    {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(m_rng);
    }
    std::mt19937_64 &rng() { return m_rng; }

    void apply(proto::Message body, MemberId member, std::vector<market::Command> &into)
    {
        ++m_seq;
        market::Command cmd{Seq(m_seq), kStart + Duration(static_cast<std::int64_t>(m_seq)),
                            member, std::move(body)};
        engine.apply(cmd, tracker);
        into.push_back(std::move(cmd));
    }

    void addMembers(std::uint32_t count, Bandwidth port, std::vector<market::Command> &into)
    {
        for (std::uint32_t m = 1; m <= count; ++m) {
            proto::AddMember add;
            add.name = "m" + std::to_string(m);
            add.asn = 64'512 + m;
            add.portCapacity = port;
            apply(add, MemberId(0), into);
        }
    }

    market::Engine engine;
    Tracker tracker;

private:
    std::mt19937_64 m_rng;
    std::uint64_t m_seq = 0;
};

// ---- the prefix table of W2 -------------------------------------------------------------------

struct Table
{
    std::vector<net::Prefix> covering; // v4 up to /22, v6 up to /44: what sells are on
    std::vector<net::Prefix> leaves;   // v4 /23-/24, v6 /45-/48: what buys are on
    std::vector<std::uint32_t> coveringSeller, leafSeller;
    std::vector<RouteClass> coveringClass, leafClass;
};

net::Prefix v4(std::uint32_t address, std::uint8_t length)
{
    return net::Prefix::makeTruncating(net::Address::v4(address), length);
}

net::Prefix v6(std::uint64_t high, std::uint8_t length)
{
    return net::Prefix::makeTruncating(net::Address::fromWords(net::Family::V6, high, 0), length);
}

// Lengths as a real table has them: about 60% /24, the rest spread over /8-/23 (IPv4); about
// 70% /48, the rest /29-/44 (IPv6). Short prefixes are drawn first, and most longer ones are
// placed inside one of them so that sells on covering prefixes have buys to serve.
Table makeTable(Generator &g, std::size_t v4Count, std::size_t v6Count, std::uint32_t sellers)
{
    Table t;
    std::unordered_set<std::uint64_t> seen4;
    const auto pickClass = [&] { return static_cast<RouteClass>(g.uniform(1, 3)); };
    const auto pickSeller = [&] { return static_cast<std::uint32_t>(g.uniform(1, sellers)); };
    const auto add = [&](const net::Prefix &p, bool leaf) {
        (leaf ? t.leaves : t.covering).push_back(p);
        (leaf ? t.leafSeller : t.coveringSeller).push_back(pickSeller());
        (leaf ? t.leafClass : t.coveringClass).push_back(pickClass());
    };
    const auto v4Length = [&](bool leafOnly) -> std::uint8_t {
        const std::int64_t r = g.uniform(1, 1000);
        if (leafOnly)
            return r <= 860 ? 24 : 23;
        if (r <= 20)
            return static_cast<std::uint8_t>(g.uniform(8, 15));
        if (r <= 120)
            return static_cast<std::uint8_t>(g.uniform(16, 19));
        if (r <= 400)
            return static_cast<std::uint8_t>(g.uniform(20, 21));
        return 22;
    };
    // Covering prefixes: 30% of the IPv4 table.
    const std::size_t v4Covering = v4Count * 3 / 10;
    while (t.covering.size() < v4Covering) {
        const std::uint8_t len = v4Length(false);
        const auto address = static_cast<std::uint32_t>(g.uniform(0x0100'0000, 0xDFFF'FFFF));
        const net::Prefix p = v4(address, len);
        if (!seen4.insert(std::uint64_t{p.address().v4Value()} << 8 | len).second)
            continue;
        add(p, false);
    }
    const std::size_t coveringV4 = t.covering.size();
    while (t.leaves.size() < v4Count - v4Covering) {
        const std::uint8_t len = v4Length(true);
        std::uint32_t address = 0;
        if (g.uniform(1, 100) <= 85) {
            const net::Prefix &parent = t.covering[static_cast<std::size_t>(
                g.uniform(0, static_cast<std::int64_t>(coveringV4) - 1))];
            const std::uint32_t span = ~std::uint32_t{0} >> parent.length();
            address = parent.address().v4Value() | (static_cast<std::uint32_t>(g.rng()()) & span);
        } else {
            address = static_cast<std::uint32_t>(g.uniform(0x0100'0000, 0xDFFF'FFFF));
        }
        const net::Prefix p = v4(address, len);
        if (!seen4.insert(std::uint64_t{p.address().v4Value()} << 8 | len).second)
            continue;
        add(p, true);
    }
    // IPv6: /29-/44 covering (30%), /45-/48 leaves, most under a covering one.
    std::unordered_set<std::uint64_t> seen6;
    const std::size_t v6Covering = v6Count * 3 / 10;
    std::vector<net::Prefix> shortV6;
    while (shortV6.size() < v6Covering) {
        const std::int64_t r = g.uniform(1, 100);
        const auto len = static_cast<std::uint8_t>(r <= 40 ? 32 : r <= 50 ? g.uniform(29, 31) : g.uniform(33, 44));
        const std::uint64_t high = 0x2000'0000'0000'0000ULL | (g.rng()() >> 4);
        const net::Prefix p = v6(high, len);
        if (!seen6.insert((p.address().high() >> 8) << 8 | len).second)
            continue;
        shortV6.push_back(p);
        add(p, false);
    }
    std::size_t leaves6 = 0;
    while (leaves6 < v6Count - v6Covering) {
        const auto len = static_cast<std::uint8_t>(g.uniform(1, 100) <= 90 ? 48 : g.uniform(45, 47));
        std::uint64_t high = 0;
        if (g.uniform(1, 100) <= 85) {
            const net::Prefix &parent = shortV6[static_cast<std::size_t>(
                g.uniform(0, static_cast<std::int64_t>(shortV6.size()) - 1))];
            const std::uint64_t span = ~std::uint64_t{0} >> parent.length();
            high = parent.address().high() | (g.rng()() & span);
        } else {
            high = 0x2000'0000'0000'0000ULL | (g.rng()() >> 4);
        }
        const net::Prefix p = v6(high, len);
        if (!seen6.insert((p.address().high() >> 8) << 8 | len).second)
            continue;
        add(p, true);
        ++leaves6;
    }
    return t;
}

// ---- W2 ---------------------------------------------------------------------------------------

Recording generateW2(std::size_t count, std::uint64_t seed, bool measured)
{
    constexpr std::uint32_t kMembers = 5'000, kSellers = 1'000;
    constexpr std::size_t kTarget = 1'000'000;
    Generator g(seed);
    Recording r;
    r.name = measured ? "matcher.W2.measured" : "matcher.W2";
    g.addMembers(kMembers, Bandwidth(1'000'000'000'000), r.setup);
    const Table table = makeTable(g, 1'000'000, 200'000, kSellers);

    // Every prefix is a route of its seller: one RouteBatch per seller.
    {
        std::vector<proto::RouteBatch> batches(kSellers + 1);
        const auto route = [&](const net::Prefix &p, std::uint32_t seller, RouteClass c) {
            proto::RouteChange change;
            change.prefix = p;
            change.routeClass = c;
            change.originAsn = 64'512 + seller;
            change.pathLength = static_cast<std::uint8_t>(1 + seller % 5);
            batches[seller].changes.push_back(change);
        };
        for (std::size_t i = 0; i < table.covering.size(); ++i)
            route(table.covering[i], table.coveringSeller[i], table.coveringClass[i]);
        for (std::size_t i = 0; i < table.leaves.size(); ++i)
            route(table.leaves[i], table.leafSeller[i], table.leafClass[i]);
        for (std::uint32_t s = 1; s <= kSellers; ++s) {
            batches[s].member = MemberId(s);
            batches[s].replaceAll = 1;
            g.apply(std::move(batches[s]), MemberId(0), r.setup);
        }
    }

    // W2.measured: the quality service has measured every seller toward each of its covering
    // routes before the window (as it does all the time), so buys with quality limits meet
    // figures to pass or fail; the timed quality updates refresh them. In W2 only the timed
    // updates measure anyone, and those buys nearly all stop at QualityUnknown.
    const auto figureFor = [&](std::size_t i) {
        proto::QualityFigure f;
        f.seller = MemberId(table.coveringSeller[i]);
        f.destination = table.covering[i];
        f.latencyUs = static_cast<std::uint32_t>(g.uniform(2'000, 250'000));
        f.lossPpm = static_cast<std::uint32_t>(g.uniform(0, 30'000));
        f.jitterUs = static_cast<std::uint32_t>(g.uniform(0, 20'000));
        f.state = proto::QualityState::Fresh;
        return f;
    };
    for (std::size_t i = 0; measured && i < table.covering.size();) {
        proto::QualityBatch batch;
        for (; i < table.covering.size() && batch.figures.size() < 4'096; ++i)
            batch.figures.push_back(figureFor(i));
        g.apply(std::move(batch), MemberId(0), r.setup);
    }

    std::vector<std::uint64_t> clientIds(kMembers + 1, 0);
    std::exponential_distribution<double> away(1.0 / 200.0);
    const auto passive = [&](Side side) {
        const auto ticks = std::min<std::int64_t>(1 + static_cast<std::int64_t>(away(g.rng())), 50'000);
        return side == Side::Buy ? kMid - ticks * kTick : kMid + ticks * kTick;
    };
    const auto order = [&](Side side, bool aggressive) {
        proto::OrderParams p;
        p.side = side;
        p.type = OrderType::Limit;
        p.timeInForce = aggressive ? TimeInForce::ImmediateOrCancel : TimeInForce::GoodTillCancel;
        p.trafficType = TrafficType::BestEffort;
        p.minBlock = Bandwidth(kBlock);
        std::uint32_t member = 0;
        if (side == Side::Sell) {
            const auto i = static_cast<std::size_t>(
                g.uniform(0, static_cast<std::int64_t>(table.covering.size()) - 1));
            member = table.coveringSeller[i];
            p.destination = g.uniform(1, 100) <= 20
                                ? Destination::ofClass(table.coveringClass[i], table.covering[i].family())
                                : Destination::ofPrefix(table.covering[i]);
            p.capacity = Bandwidth(kBlock * g.uniform(10, 100));
            p.deliveryStart = kStart;
            p.deliveryEnd = kStart + seconds(12 * kMonth);
        } else {
            member = static_cast<std::uint32_t>(g.uniform(kSellers + 1, kMembers));
            const auto i = static_cast<std::size_t>(
                g.uniform(0, static_cast<std::int64_t>(table.leaves.size()) - 1));
            p.destination = Destination::ofPrefix(table.leaves[i]);
            p.capacity = Bandwidth(kBlock * g.uniform(1, 10));
            const std::int64_t from = g.uniform(0, 11);
            const std::int64_t months = g.uniform(1, 12 - from);
            p.deliveryStart = kStart + seconds(from * kMonth);
            p.deliveryEnd = p.deliveryStart + seconds(months * kMonth);
            const std::int64_t q = g.uniform(1, 3);
            if (q == 1) {
                p.limits.maxLatencyUs = static_cast<std::uint32_t>(g.uniform(20'000, 200'000));
                p.limits.maxLossPpm = static_cast<std::uint32_t>(g.uniform(1'000, 50'000));
            }
            const std::int64_t rank = g.uniform(1, 6);
            if (rank == 1) {
                p.ranking = RankingMode::BestPerformance;
            } else if (rank == 2) {
                p.ranking = RankingMode::Weighted;
                p.weights = {60, 30, 10, 0};
            }
        }
        p.clientOrderId = ClientOrderId(++clientIds[member]);
        // A marketable limit order: crosses the touch by up to 20 ticks (resting prices lie
        // 1 + Exp(mean 200) ticks from the mid).
        const std::int64_t reach = 20 * kTick;
        p.price = Price(aggressive ? (side == Side::Buy ? kMid + reach : kMid - reach) : passive(side));
        return std::pair{MemberId(member), proto::NewOrder{p}};
    };

    while (g.tracker.open().size() < kTarget) {
        auto [member, body] = order(g.uniform(1, 100) <= 45 ? Side::Sell : Side::Buy, false);
        g.apply(std::move(body), member, r.setup);
    }
    const std::uint64_t tradesBefore = g.tracker.trades;
    const std::uint64_t rejectedBefore = g.tracker.rejections;
    r.ops.reserve(count);
    while (r.ops.size() < count) {
        const std::int64_t roll = g.uniform(1, 100);
        // New orders rest while the book is below its size and cross (IOC) above it, so the
        // book stays near 1M orders with the mix exactly as specified.
        const bool over = g.tracker.open().size() > kTarget;
        if (roll <= 40) {
            const Side side = roll <= 30 ? Side::Buy : Side::Sell;
            auto [member, body] = order(side, over);
            const bool onClass = body.params.destination.kind == DestinationKind::RouteClass;
            g.apply(std::move(body), member, r.ops);
            r.kinds.push_back(side == Side::Buy ? (over ? OpKind::IocBuy : OpKind::NewBuy)
                              : !over           ? OpKind::NewSell
                              : onClass         ? OpKind::IocClassSell
                                                : OpKind::IocSell);
        } else if (roll <= 95) {
            const auto &open = g.tracker.open();
            const Tracker::Open o = open[static_cast<std::size_t>(
                g.uniform(0, static_cast<std::int64_t>(open.size()) - 1))];
            if (roll <= 60) {
                g.apply(proto::CancelOrder{OrderId(o.id), {}}, MemberId(o.member), r.ops);
                r.kinds.push_back(OpKind::Cancel);
            } else {
                proto::AmendOrder a;
                a.orderId = OrderId(o.id);
                if (g.uniform(1, 100) <= 80) {
                    std::int64_t price = passive(o.side);
                    if (price == o.price)
                        price += o.side == Side::Buy ? -kTick : kTick;
                    a.newPrice = Price(price);
                } else {
                    a.newCapacity = Bandwidth(o.capacity + kBlock * g.uniform(1, 3));
                }
                g.apply(a, MemberId(o.member), r.ops);
                r.kinds.push_back(OpKind::Replace);
            }
        } else {
            const auto i = static_cast<std::size_t>(
                g.uniform(0, static_cast<std::int64_t>(table.covering.size()) - 1));
            g.apply(proto::QualityBatch{{figureFor(i)}}, MemberId(0), r.ops);
            r.kinds.push_back(OpKind::Quality);
        }
    }
    r.expectedHash = g.engine.stateHash();
    r.trades = g.tracker.trades - tradesBefore;
    r.rejected = g.tracker.rejections - rejectedBefore;
    r.finalOpen = g.tracker.open().size();
    return r;
}

// ---- W3 ---------------------------------------------------------------------------------------

Recording generateW3(const std::string &name, std::size_t resting, std::size_t count,
                     std::uint64_t seed)
{
    constexpr std::uint32_t kBuyers = 100;
    Generator g(seed);
    Recording r;
    r.name = name;
    // Member 1 sells; 2..101 buy. Ports large enough never to be the limit.
    g.addMembers(kBuyers + 1, Bandwidth(1'000'000'000'000), r.setup);
    std::vector<std::uint64_t> clientIds(kBuyers + 2, 0);
    const auto buy = [&](std::uint32_t address, std::int64_t price, std::int64_t blocks) {
        proto::OrderParams p;
        p.side = Side::Buy;
        p.type = OrderType::Limit;
        p.timeInForce = TimeInForce::GoodTillCancel;
        p.trafficType = TrafficType::BestEffort;
        p.minBlock = Bandwidth(kBlock);
        p.destination = Destination::ofPrefix(v4(address, 24));
        p.capacity = Bandwidth(kBlock * blocks);
        p.price = Price(price);
        p.deliveryStart = kStart;
        p.deliveryEnd = kStart + seconds(12 * kMonth);
        const auto member = static_cast<std::uint32_t>(g.uniform(2, kBuyers + 1));
        p.clientOrderId = ClientOrderId(++clientIds[member]);
        g.apply(proto::NewOrder{p}, MemberId(member), r.setup);
    };
    // Resting buys on /24s inside 10.0.0.0/8, all priced below the sells...
    while (g.tracker.open().size() < resting)
        buy(0x0A00'0000u | (static_cast<std::uint32_t>(g.uniform(0, 0xFFFF)) << 8),
            kMid - kTick * g.uniform(1, 1'000), g.uniform(1, 10));
    // ...except 10 that cross, large enough never to be used up.
    for (int i = 0; i < 10; ++i)
        buy(0x0A00'0000u | (static_cast<std::uint32_t>(g.uniform(0, 0xFFFF)) << 8),
            kMid + kTick * g.uniform(1, 100), 1'000'000);

    static constexpr std::uint8_t kLengths[] = {8, 12, 16};
    for (std::size_t i = 0; i < count; ++i) {
        proto::OrderParams p;
        p.side = Side::Sell;
        p.type = OrderType::Limit;
        p.timeInForce = TimeInForce::ImmediateOrCancel;
        p.trafficType = TrafficType::BestEffort;
        p.minBlock = Bandwidth(kBlock);
        const std::uint8_t len = kLengths[i % 3];
        p.destination = Destination::ofPrefix(
            v4(0x0A00'0000u | static_cast<std::uint32_t>(g.uniform(0, 0xFF'FFFF)), len));
        p.capacity = Bandwidth(kBlock);
        p.price = Price(kMid);
        p.deliveryStart = kStart;
        p.deliveryEnd = kStart + seconds(12 * kMonth);
        p.clientOrderId = ClientOrderId(++clientIds[1]);
        g.apply(proto::NewOrder{p}, MemberId(1), r.ops);
        r.kinds.push_back(OpKind::IocSell);
    }
    r.expectedHash = g.engine.stateHash();
    r.trades = g.tracker.trades;
    r.rejected = g.tracker.rejections;
    r.finalOpen = g.tracker.open().size();
    return r;
}

// ---- timing -----------------------------------------------------------------------------------

struct RunResult
{
    double opsPerSecond = 0;
    double p50 = 0, p99 = 0, p999 = 0;
    // Per kind: the 99th percentile, the mean, and the share of the summed op times (in %).
    double kindP99[static_cast<int>(OpKind::Count)] = {};
    double kindMean[static_cast<int>(OpKind::Count)] = {};
    double kindShare[static_cast<int>(OpKind::Count)] = {};
};

// With `prefetch`, each op is preceded by Engine::prefetch() over the next kPrefetchAhead
// commands' bodies, as the sequencer does when it applies a batch; its cost is inside the op's time.
RunResult runOnce(const Recording &w, double tscPerNs, bool prefetch,
                  std::vector<std::uint32_t> &cycles)
{
    auto engine = std::make_unique<market::Engine>();
    market::NullEvents none;
    for (const auto &cmd : w.setup)
        engine->apply(cmd, none);
    cycles.resize(w.ops.size());
    const std::size_t n = w.ops.size();
    const auto body = [&](std::size_t k) -> const proto::Message * {
        return k < n ? &w.ops[k].body : nullptr;
    };
    const double cpu0 = threadCpuSeconds();
    {
        const PerfWindow profiled;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t c0 = readTsc();
            if (prefetch) {
                std::array<const proto::Message *, market::Engine::kPrefetchAhead> upcoming{};
                for (std::size_t k = 0; k < upcoming.size(); ++k)
                    upcoming[k] = body(i + 1 + k);
                engine->prefetch(upcoming);
            }
            engine->apply(w.ops[i], none);
            const std::uint64_t c1 = readTscEnd();
            cycles[i] = static_cast<std::uint32_t>(
                std::min<std::uint64_t>(c1 - c0, ~std::uint32_t{0}));
        }
    }
    RunResult r;
    r.opsPerSecond = static_cast<double>(w.ops.size()) / (threadCpuSeconds() - cpu0);
    if (engine->stateHash() != w.expectedHash) {
        std::fprintf(stderr, "%s: replayed state differs from the recording\n", w.name.c_str());
        std::exit(1);
    }
    std::vector<std::uint32_t> byKind[static_cast<int>(OpKind::Count)];
    double sum[static_cast<int>(OpKind::Count)] = {}, total = 0;
    for (std::size_t i = 0; i < w.ops.size(); ++i) {
        byKind[static_cast<int>(w.kinds[i])].push_back(cycles[i]);
        sum[static_cast<int>(w.kinds[i])] += cycles[i];
        total += cycles[i];
    }
    for (int k = 0; k < static_cast<int>(OpKind::Count); ++k) {
        r.kindShare[k] = total > 0 ? 100.0 * sum[k] / total : 0.0;
        r.kindMean[k] = byKind[k].empty()
                            ? 0.0
                            : sum[k] / static_cast<double>(byKind[k].size()) / tscPerNs;
    }
    for (int k = 0; k < static_cast<int>(OpKind::Count); ++k)
        r.kindP99[k] = percentileNs(byKind[k], 0.99, tscPerNs);
    r.p50 = percentileNs(cycles, 0.50, tscPerNs);
    r.p99 = percentileNs(cycles, 0.99, tscPerNs);
    r.p999 = percentileNs(cycles, 0.999, tscPerNs);
    return r;
}

void report(const Recording &w, double tscPerNs, bool prefetch = false)
{
    const std::string name = w.name + (prefetch ? ".prefetch" : "");
    std::vector<double> rate, p50, p99, p999, kind[static_cast<int>(OpKind::Count)],
        mean[static_cast<int>(OpKind::Count)], share[static_cast<int>(OpKind::Count)];
    std::vector<std::uint32_t> cycles;
    for (int i = 0; i < kRuns; ++i) {
        const RunResult r = runOnce(w, tscPerNs, prefetch, cycles);
        rate.push_back(r.opsPerSecond);
        p50.push_back(r.p50);
        p99.push_back(r.p99);
        p999.push_back(r.p999);
        for (int k = 0; k < static_cast<int>(OpKind::Count); ++k) {
            kind[k].push_back(r.kindP99[k]);
            mean[k].push_back(r.kindMean[k]);
            share[k].push_back(r.kindShare[k]);
        }
    }
    std::printf("BENCH %s ops_per_s=%.0f p50_ns=%.0f p99_ns=%.0f p999_ns=%.0f ops=%zu resting=%zu "
                "trades=%llu rejected=%llu\n",
                name.c_str(), median(rate), median(p50), median(p99), median(p999), w.ops.size(),
                w.finalOpen, static_cast<unsigned long long>(w.trades),
                static_cast<unsigned long long>(w.rejected));
    std::printf("BENCH %s.by_kind", name.c_str());
    for (int k = 0; k < static_cast<int>(OpKind::Count); ++k)
        if (median(kind[k]) > 0)
            std::printf(" %s_mean_ns=%.0f %s_p99_ns=%.0f %s_time_pct=%.1f", kKindNames[k],
                        median(mean[k]), kKindNames[k], median(kind[k]), kKindNames[k],
                        median(share[k]));
    std::printf("\n");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    const std::string only = argc > 1 ? argv[1] : "";
    const std::size_t count = argc > 2 ? static_cast<std::size_t>(std::atoll(argv[2])) : 0;
    const double tscPerNs = tscPerNanosecond();
    const auto wanted = [&](const std::string &name) {
        return only.empty() || name.find(only) != std::string::npos;
    };
    // "matcher.W2.prefetch" alone runs only the hinted passes (to profile them).
    if (const bool plain = wanted("matcher.W2"); plain || wanted("matcher.W2.prefetch")) {
        const Recording w2 = generateW2(count ? count : 2'000'000, 21, false);
        if (plain)
            report(w2, tscPerNs);
        report(w2, tscPerNs, true);
    }
    if (wanted("matcher.W2.measured"))
        report(generateW2(count ? count : 2'000'000, 21, true), tscPerNs, true);
    if (wanted("matcher.W3.10k"))
        report(generateW3("matcher.W3.10k", 10'000, count ? count : 200'000, 31), tscPerNs);
    if (wanted("matcher.W3"))
        report(generateW3("matcher.W3", 100'000, count ? count : 200'000, 32), tscPerNs);
    return 0;
}
