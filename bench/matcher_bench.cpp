// bwx-bench-matcher: the matching engine in-process on one core.
//
//   matcher.W1.1k / matcher.W1.100k   price-time workload W1 on a book kept near 1k / 100k
//                                     resting orders: 9% new GTC, 3% IOC, 6% cancel, 82% amend
//                                     (replace): 80% of amends move the price, 20% change the
//                                     capacity (half of those reduce it and keep priority).
//   matcher.W1.100k.p64               the same 100k book spread over 64 disjoint prefixes.
//                                     Applied as the sequencer applies a batch: before each
//                                     apply(), Engine::prefetch() is given the bodies of the
//                                     next three commands (the engine ignores the hint while
//                                     its book is small: EngineConfig::prefetchFromOrders).
//   <name>.one_by_one                 the same stream applied without looking ahead, as a
//                                     sequencer batch of one command (an idle exchange).
//   <name>.by_kind                    p99 per op kind.
//   matcher.replay                    a recorded command stream applied with NullEvents, as a
//                                     recovery replays the journal.
//
// Arguments (optional): a name filter and the number of timed ops (default 2,000,000).
//
// Each workload is generated once from a fixed seed by driving an engine and watching its
// events (so cancels and amends hit live orders), recorded as compact ops, then replayed on a
// fresh engine per run with NullEvents: the timed engine does exactly what the recording one
// did (checked by comparing state hashes). Throughput is the op count over the thread's CPU
// time for a whole pass (CLOCK_THREAD_CPUTIME_ID), so that time the scheduler gives to other
// processes on a shared machine is not counted; the wall-clock rate is printed beside it.
// Latency comes from a second pass that reads the TSC around every single op (lfence; rdtsc
// ... rdtscp), so it includes ~10-20 ns of timer overhead; the TSC is calibrated against
// steady_clock. Every figure is the median of 5 runs.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <ctime>
#include <string>
#include <vector>

#include "bench_clock.h"
#include "bwx/market/engine.h"

using namespace bwx;
using namespace bwx::bench;

namespace {

constexpr std::int64_t kMid = 100'000'000; // 100.000000 per Mbit/s per month
constexpr std::int64_t kTick = 1'000;
constexpr std::int64_t kBlock = 1'000; // 1 Mbit/s
constexpr std::uint32_t kMembers = 100;
const Timestamp kStart = Timestamp::fromSeconds(1'700'000'000);

enum class Kind : std::uint8_t { NewGtc, NewIoc, Cancel, Amend };

struct Op
{
    Kind kind;
    Side side;
    std::uint16_t prefix;
    std::uint32_t member;
    std::uint64_t id; // client order id for new orders, order id otherwise
    std::int64_t price;
    std::int64_t capacity;
};

// Builds commands from ops by changing a few fields of prepared commands, so the timed loop
// does not construct a std::variant per op.
class CommandFactory
{
public:
    explicit CommandFactory(std::vector<net::Prefix> prefixes) : m_prefixes(std::move(prefixes))
    {
        proto::OrderParams p;
        p.type = OrderType::Limit;
        p.minBlock = Bandwidth(kBlock);
        p.deliveryStart = kStart;
        p.deliveryEnd = kStart + seconds(365LL * 24 * 3600);
        p.trafficType = TrafficType::BestEffort;
        p.destination = Destination::ofPrefix(m_prefixes[0]);
        m_new.body = proto::NewOrder{p};
        m_cancel.body = proto::CancelOrder{};
        m_amend.body = proto::AmendOrder{};
    }

    const market::Command &make(const Op &op, std::uint64_t seq)
    {
        market::Command *cmd = &m_new;
        switch (op.kind) {
        case Kind::NewGtc:
        case Kind::NewIoc: {
            auto &p = std::get<proto::NewOrder>(m_new.body).params;
            p.clientOrderId = ClientOrderId(op.id);
            p.side = op.side;
            p.timeInForce = op.kind == Kind::NewGtc ? TimeInForce::GoodTillCancel : TimeInForce::ImmediateOrCancel;
            p.price = Price(op.price);
            p.capacity = Bandwidth(op.capacity);
            if (op.prefix != m_lastPrefix) {
                p.destination = Destination::ofPrefix(m_prefixes[op.prefix]);
                m_lastPrefix = op.prefix;
            }
            break;
        }
        case Kind::Cancel:
            cmd = &m_cancel;
            std::get<proto::CancelOrder>(m_cancel.body).orderId = OrderId(op.id);
            break;
        case Kind::Amend: {
            cmd = &m_amend;
            auto &a = std::get<proto::AmendOrder>(m_amend.body);
            a.orderId = OrderId(op.id);
            a.newPrice = Price(op.price);
            a.newCapacity = Bandwidth(op.capacity);
            break;
        }
        }
        cmd->seq = Seq(seq);
        cmd->time = kStart + Duration(static_cast<std::int64_t>(seq));
        cmd->member = MemberId(op.member);
        return *cmd;
    }

private:
    std::vector<net::Prefix> m_prefixes;
    std::uint16_t m_lastPrefix = 0;
    market::Command m_new, m_cancel, m_amend;
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
        std::uint16_t prefix;
        std::int64_t price;
        std::int64_t capacity;
        std::int64_t filled;
    };

    void rejected(proto::ResultCode code, std::string_view message) override
    {
        std::fprintf(stderr, "generator: unexpected rejection %u: %.*s\n", static_cast<unsigned>(code),
                     static_cast<int>(message.size()), message.data());
        std::exit(1);
    }
    void orderUpdated(const proto::OrderView &o, bool) override
    {
        const std::uint64_t id = o.orderId.value();
        if (m_pos.size() <= id)
            m_pos.resize(id + 1, kNone);
        const bool open = o.status == OrderStatus::Working || o.status == OrderStatus::PartiallyFilled;
        if (open) {
            Open entry{id, o.member.value(), o.params.side, prefixIndex, o.params.price.value(),
                       o.params.capacity.value(), o.filled.value()};
            if (m_pos[id] == kNone) {
                m_pos[id] = m_open.size();
                m_open.push_back(entry);
            } else {
                entry.prefix = m_open[m_pos[id]].prefix;
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
    std::uint16_t prefixIndex = 0; // of the order being submitted
    std::uint64_t trades = 0;

private:
    static constexpr std::size_t kNone = ~std::size_t{0};
    std::vector<Open> m_open;
    std::vector<std::size_t> m_pos;
};

struct Workload
{
    std::string name;
    std::vector<net::Prefix> prefixes;
    std::vector<Op> prefill; // builds the book; not timed
    std::vector<Op> ops;     // timed
    std::uint64_t expectedHash = 0;
    std::uint64_t trades = 0;
    std::size_t finalOpen = 0;
};

std::vector<net::Prefix> disjointPrefixes(int count)
{
    std::vector<net::Prefix> out;
    for (int i = 0; i < count; ++i)
        out.push_back(*net::Prefix::parse("198." + std::to_string(18 + i / 256) + "." + std::to_string(i % 256) + ".0/24"));
    return out;
}

void addMembers(market::Engine &engine, market::EngineEvents &events, std::uint64_t &seq)
{
    for (std::uint32_t m = 1; m <= kMembers; ++m) {
        proto::AddMember add;
        add.name = "m" + std::to_string(m);
        add.asn = 64500 + m;
        add.portCapacity = Bandwidth(100'000'000);
        engine.apply(market::Command{Seq(++seq), kStart, MemberId(0), add}, events);
    }
}

Workload generateW1(const std::string &name, std::size_t target, int prefixCount, std::size_t count,
                    std::uint64_t seed)
{
    Workload w;
    w.name = name;
    w.prefixes = disjointPrefixes(prefixCount);
    std::mt19937_64 rng(seed);
    const auto uniform = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    // Levels spread so that each holds a handful of orders on average, deeper books deeper.
    const double depth = std::max(8.0, static_cast<double>(target) / prefixCount / 40.0);
    std::exponential_distribution<double> away(1.0 / depth);
    const auto passivePrice = [&](Side side) {
        const std::int64_t ticks = std::min<std::int64_t>(1 + static_cast<std::int64_t>(away(rng)), kMid / kTick - 1);
        return side == Side::Buy ? kMid - ticks * kTick : kMid + ticks * kTick;
    };

    market::Engine engine;
    Tracker tracker;
    std::uint64_t seq = 0;
    addMembers(engine, tracker, seq);
    CommandFactory factory(w.prefixes);
    std::vector<std::uint64_t> clientIds(kMembers + 1, 0);

    const auto newOrder = [&](Kind kind) {
        Op op{};
        op.kind = kind;
        op.side = uniform(0, 1) == 0 ? Side::Buy : Side::Sell;
        op.member = static_cast<std::uint32_t>(uniform(1, kMembers));
        op.id = ++clientIds[op.member];
        op.prefix = static_cast<std::uint16_t>(uniform(0, prefixCount - 1));
        if (kind == Kind::NewGtc) {
            op.price = passivePrice(op.side);
            op.capacity = kBlock * uniform(1, 10);
        } else {
            // Aggressive: takes from the touch wherever it is. Its size steers the book toward
            // the target size, so the mix of op types stays exactly as specified.
            const std::int64_t reach = static_cast<std::int64_t>(depth) * 20 * kTick;
            op.price = op.side == Side::Buy ? kMid + reach : std::max<std::int64_t>(kTick, kMid - reach);
            const std::int64_t scale = tracker.open().size() > target ? 24 : 6;
            op.capacity = kBlock * uniform(1, scale);
        }
        return op;
    };
    const auto apply = [&](const Op &op, std::vector<Op> &into) {
        tracker.prefixIndex = op.prefix;
        engine.apply(factory.make(op, ++seq), tracker);
        into.push_back(op);
    };

    while (tracker.open().size() < target)
        apply(newOrder(Kind::NewGtc), w.prefill);

    w.ops.reserve(count);
    const std::uint64_t tradesBefore = tracker.trades;
    while (w.ops.size() < count) {
        const std::int64_t roll = uniform(1, 100);
        if (roll <= 9 || tracker.open().empty()) {
            apply(newOrder(Kind::NewGtc), w.ops);
        } else if (roll <= 12) {
            apply(newOrder(Kind::NewIoc), w.ops);
        } else {
            const auto &open = tracker.open();
            const Tracker::Open o = open[static_cast<std::size_t>(uniform(0, static_cast<std::int64_t>(open.size()) - 1))];
            Op op{};
            op.id = o.id;
            op.member = o.member;
            op.prefix = o.prefix;
            op.side = o.side;
            if (roll <= 18) {
                op.kind = Kind::Cancel;
            } else {
                op.kind = Kind::Amend;
                if (uniform(1, 100) <= 80) {
                    // Replace at a new price drawn like a new order's, so the book's shape stays
                    // stationary instead of diffusing away from the mid price.
                    std::int64_t price = passivePrice(o.side);
                    if (price == o.price)
                        price += o.side == Side::Buy ? -kTick : kTick;
                    op.price = price;
                } else {
                    const std::int64_t blocks = o.capacity / kBlock;
                    const std::int64_t filledBlocks = o.filled / kBlock;
                    std::int64_t next = uniform(0, 1) == 0 ? blocks - 1 : blocks + 1;
                    if (next <= filledBlocks || next == blocks)
                        next = blocks + 1;
                    op.capacity = next * kBlock;
                }
            }
            apply(op, w.ops);
        }
    }
    w.expectedHash = engine.stateHash();
    w.trades = tracker.trades - tradesBefore;
    w.finalOpen = tracker.open().size();
    return w;
}

struct RunResult
{
    double opsPerSecond = 0;     // ops / thread CPU time
    double wallOpsPerSecond = 0; // ops / wall time
    double p50 = 0;
    double p99 = 0;
    double p999 = 0;
    double kindP99[4] = {0, 0, 0, 0}; // per op kind
};

std::unique_ptr<market::Engine> prepared(const Workload &w, CommandFactory &factory, std::uint64_t &seq)
{
    auto engine = std::make_unique<market::Engine>();
    market::NullEvents none;
    addMembers(*engine, none, seq);
    for (const Op &op : w.prefill)
        engine->apply(factory.make(op, ++seq), none);
    return engine;
}

// Applies the timed ops; `around(i, apply)` runs around op i. Commands are built three ops ahead
// (four factories in rotation keep them alive) so that the prefetch hint can see them.
template <class Around>
void replayOps(const Workload &w, market::Engine &engine, std::uint64_t seq, bool prefetch, Around &&around)
{
    std::array<CommandFactory, 4> factories{CommandFactory(w.prefixes), CommandFactory(w.prefixes),
                                            CommandFactory(w.prefixes), CommandFactory(w.prefixes)};
    std::array<const market::Command *, 4> built{};
    const std::size_t n = w.ops.size();
    const auto build = [&](std::size_t i) {
        built[i % 4] = &factories[i % 4].make(w.ops[i], seq + 1 + i);
    };
    for (std::size_t i = 0; i < std::min<std::size_t>(3, n); ++i)
        build(i);
    market::NullEvents none;
    for (std::size_t i = 0; i < n; ++i) {
        if (i + 3 < n)
            build(i + 3);
        around(i, [&] {
            if (prefetch) {
                const auto body = [&](std::size_t k) {
                    return k < n ? &built[k % 4]->body : nullptr;
                };
                const std::array<const proto::Message *, 3> upcoming{body(i + 1), body(i + 2),
                                                                     body(i + 3)};
                engine.prefetch(upcoming);
            }
            engine.apply(*built[i % 4], none);
        });
    }
}

RunResult runOnce(const Workload &w, double tscPerNs, bool prefetch, std::vector<std::uint32_t> &cycles)
{
    RunResult r;
    {
        CommandFactory factory(w.prefixes);
        std::uint64_t seq = 0;
        auto engine = prepared(w, factory, seq);
        const auto t0 = Clock::now();
        const double cpu0 = threadCpuSeconds();
        replayOps(w, *engine, seq, prefetch, [](std::size_t, auto &&apply) { apply(); });
        const double cpu = threadCpuSeconds() - cpu0;
        const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
        r.opsPerSecond = static_cast<double>(w.ops.size()) / cpu;
        r.wallOpsPerSecond = static_cast<double>(w.ops.size()) / wall;
        if (engine->stateHash() != w.expectedHash) {
            std::fprintf(stderr, "%s: replayed state differs from the recording\n", w.name.c_str());
            std::exit(1);
        }
    }
    {
        CommandFactory factory(w.prefixes);
        std::uint64_t seq = 0;
        auto engine = prepared(w, factory, seq);
        cycles.resize(w.ops.size());
        replayOps(w, *engine, seq, prefetch, [&](std::size_t i, auto &&apply) {
            const std::uint64_t c0 = readTsc();
            apply();
            const std::uint64_t c1 = readTscEnd();
            cycles[i] = static_cast<std::uint32_t>(std::min<std::uint64_t>(c1 - c0, ~std::uint32_t{0}));
        });
        std::vector<std::uint32_t> byKind[4];
        for (std::size_t i = 0; i < w.ops.size(); ++i)
            byKind[static_cast<int>(w.ops[i].kind)].push_back(cycles[i]);
        const auto percentileOf = [&](std::vector<std::uint32_t> &v, double q) {
            return percentileNs(v, q, tscPerNs);
        };
        for (int k = 0; k < 4; ++k)
            r.kindP99[k] = percentileOf(byKind[k], 0.99);
        r.p50 = percentileOf(cycles, 0.50);
        r.p99 = percentileOf(cycles, 0.99);
        r.p999 = percentileOf(cycles, 0.999);
    }
    return r;
}

void report(const Workload &w, const std::string &name, bool prefetch, double tscPerNs, int runs)
{
    std::vector<double> rate, wallRate, p50, p99, p999, kind[4];
    std::vector<std::uint32_t> cycles;
    for (int i = 0; i < runs; ++i) {
        const RunResult r = runOnce(w, tscPerNs, prefetch, cycles);
        rate.push_back(r.opsPerSecond);
        wallRate.push_back(r.wallOpsPerSecond);
        p50.push_back(r.p50);
        p99.push_back(r.p99);
        p999.push_back(r.p999);
        for (int k = 0; k < 4; ++k)
            kind[k].push_back(r.kindP99[k]);
    }
    std::printf("BENCH %s ops_per_s=%.0f p50_ns=%.0f p99_ns=%.0f p999_ns=%.0f wall_ops_per_s=%.0f "
                "ops=%zu resting=%zu trades=%llu\n",
                name.c_str(), median(rate), median(p50), median(p99), median(p999), median(wallRate),
                w.ops.size(), w.finalOpen, static_cast<unsigned long long>(w.trades));
    std::printf("BENCH %s.by_kind gtc_p99_ns=%.0f ioc_p99_ns=%.0f cancel_p99_ns=%.0f amend_p99_ns=%.0f\n",
                name.c_str(), median(kind[0]), median(kind[1]), median(kind[2]), median(kind[3]));
    std::fflush(stdout);
}

// The whole recorded stream (members, prefill and ops) as journal commands, applied with
// NullEvents like a recovery does.
void reportReplay(const Workload &w, int runs)
{
    std::vector<market::Command> journal;
    {
        CommandFactory factory(w.prefixes);
        std::uint64_t seq = 0;
        for (std::uint32_t m = 1; m <= kMembers; ++m) {
            proto::AddMember add;
            add.name = "m" + std::to_string(m);
            add.asn = 64500 + m;
            add.portCapacity = Bandwidth(100'000'000);
            journal.push_back(market::Command{Seq(++seq), kStart, MemberId(0), add});
        }
        journal.reserve(journal.size() + w.prefill.size() + w.ops.size());
        for (const Op &op : w.prefill)
            journal.push_back(factory.make(op, ++seq));
        for (const Op &op : w.ops)
            journal.push_back(factory.make(op, ++seq));
    }
    std::vector<double> rate;
    for (int i = 0; i < runs; ++i) {
        market::Engine engine;
        market::NullEvents none;
        const double cpu0 = threadCpuSeconds();
        for (const auto &cmd : journal)
            engine.apply(cmd, none);
        rate.push_back(static_cast<double>(journal.size()) / (threadCpuSeconds() - cpu0));
        if (engine.stateHash() != w.expectedHash) {
            std::fprintf(stderr, "replay: state differs from the recording\n");
            std::exit(1);
        }
    }
    std::printf("BENCH matcher.replay ops_per_s=%.0f commands=%zu\n", median(rate), journal.size());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    // Optional: a workload name filter and an op count (for quick runs).
    const std::string only = argc > 1 ? argv[1] : "";
    const std::size_t count = argc > 2 ? static_cast<std::size_t>(std::atoll(argv[2])) : 2'000'000;
    constexpr int kRuns = 5;
    const double tscPerNs = tscPerNanosecond();
    const auto wanted = [&](const std::string &name) { return only.empty() || name.find(only) != std::string::npos; };

    // Each workload as the sequencer applies a batch (with the look-ahead hint), and one
    // command at a time.
    const auto both = [&](const Workload &w) {
        report(w, w.name, true, tscPerNs, kRuns);
        report(w, w.name + ".one_by_one", false, tscPerNs, kRuns);
    };
    if (wanted("matcher.W1.1k") || wanted("matcher.replay")) {
        const Workload w = generateW1("matcher.W1.1k", 1'000, 1, count, 1);
        if (wanted("matcher.W1.1k"))
            both(w);
        if (wanted("matcher.replay"))
            reportReplay(w, kRuns);
    }
    if (wanted("matcher.W1.100k")) {
        both(generateW1("matcher.W1.100k", 100'000, 1, count, 2));
        both(generateW1("matcher.W1.100k.p64", 100'000, 64, count, 3));
    }
    return 0;
}
