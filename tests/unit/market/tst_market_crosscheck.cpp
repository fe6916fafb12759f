// The fast engine against the reference engine on random command streams: after every command
// the event streams must be identical and the open-state invariants must hold; periodically
// (and at the end) every order, trade, member, effective book and watch row is compared and the
// full invariants are checked.
//
// The default run is 8 seeds x 25 000 commands (200 000). BWX_LONG_TESTS=1 runs 8 x 150 000
// (1.2 million); BWX_CROSSCHECK_COMMANDS sets any other total.
#include "random_commands.h"
#include "recording_events.h"
#include "reference_engine.h"

#include <QObject>
#include <QTest>
#include <chrono>
#include <cstdlib>
#include <string>

using namespace bwx;
using namespace bwx::market::testing;

namespace {

std::string describeCommand(const market::Command &cmd)
{
    return "seq " + std::to_string(cmd.seq.value()) + " member "
           + std::to_string(cmd.member.value()) + " "
           + std::string(proto::name(proto::typeOf(cmd.body)));
}

// Everything both engines can be asked; empty when equal.
std::string compareAll(const market::Engine &fast, const ReferenceEngine &ref)
{
    const auto orders = ref.orders();
    for (const auto &o : orders) {
        const auto mine = fast.order(o.orderId);
        if (!mine || !(*mine == o))
            return "order " + std::to_string(o.orderId.value()) + " differs";
    }
    if (fast.order(OrderId(orders.size() + 1)))
        return "engine has more orders";
    std::size_t tradeRows = 0;
    const auto trades = ref.trades();
    for (const auto &m : fast.members())
        for (const auto &t : fast.tradesOf(m.id, Timestamp{}, ~std::uint32_t{0})) {
            ++tradeRows;
            if (t.tradeId.value() == 0 || t.tradeId.value() > trades.size()
                || !(trades[t.tradeId.value() - 1] == t))
                return "trade " + std::to_string(t.tradeId.value()) + " differs";
        }
    if (tradeRows != 2 * trades.size() || fast.tradeCount() != trades.size())
        return "trade counts differ";
    // Each member's lists: all its orders ascending; its trades newest first, also from a time
    // on and up to a limit.
    for (const auto &m : fast.members()) {
        std::vector<proto::OrderView> placed;
        for (const auto &o : orders)
            if (o.member == m.id)
                placed.push_back(o);
        if (fast.ordersOf(m.id, false) != placed)
            return "orders of member " + m.name + " differ";
        std::vector<proto::TradeView> made;
        for (auto t = trades.rbegin(); t != trades.rend(); ++t)
            if (t->buyer == m.id || t->seller == m.id)
                made.push_back(*t);
        if (fast.tradesOf(m.id, Timestamp{}, ~std::uint32_t{0}) != made)
            return "trades of member " + m.name + " differ";
        if (made.empty())
            continue;
        const Timestamp since = made[made.size() / 2].executedAt;
        std::vector<proto::TradeView> recent;
        for (const auto &t : made)
            if (t.executedAt >= since && recent.size() < 3)
                recent.push_back(t);
        if (fast.tradesOf(m.id, since, 3) != recent)
            return "recent trades of member " + m.name + " differ";
    }
    if (fast.members() != ref.members())
        return "members differ";
    if (fast.activePrefixes() != ref.activePrefixes())
        return "active prefixes differ";
    for (const auto &p : fast.activePrefixes()) {
        if (fast.effectiveBook(p) != ref.effectiveBook(p))
            return "effective book of " + p.toString() + " differs";
        if (!(fast.watchRow(p) == ref.watchRow(p)))
            return "watch row of " + p.toString() + " differs";
    }
    if (fast.settings() != ref.settings())
        return "settings differ";
    for (std::size_t t = 1; t <= trades.size(); ++t)
        if (fast.tradedPrefixes(TradeId(t)) != ref.tradedPrefixes(TradeId(t)))
            return "traded prefixes of trade " + std::to_string(t) + " differ";
    return {};
}

// The candidate lists of both engines for a prospective buy; empty when equal. Explanations
// are texts the reference does not reproduce.
std::string compareCandidates(const market::Engine &fast,
                              const ReferenceEngine &ref,
                              MemberId buyer,
                              const proto::OrderParams &params,
                              Timestamp now)
{
    auto a = fast.candidates(buyer, params, now);
    const auto b = ref.candidates(buyer, params, now);
    if (a.size() != b.size())
        return "candidate lists differ in length: " + std::to_string(a.size()) + " and "
               + std::to_string(b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        a[i].explanation.clear();
        if (!(a[i] == b[i]))
            return "candidate " + std::to_string(i) + " (order "
                   + std::to_string(a[i].entry.orderId.value()) + " / "
                   + std::to_string(b[i].entry.orderId.value()) + ") differs";
    }
    return {};
}

} // namespace

class TestMarketCrossCheck : public QObject
{
    Q_OBJECT

private slots:
    void randomStreams_data();
    void randomStreams();
};

void TestMarketCrossCheck::randomStreams_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<qint64>("commands");
    constexpr int kSeeds = 8;
    qint64 perSeed = 25'000;
    if (const char *longRun = std::getenv("BWX_LONG_TESTS");
        longRun != nullptr && std::string(longRun) == "1")
        perSeed = 150'000;
    if (const char *env = std::getenv("BWX_CROSSCHECK_COMMANDS"))
        perSeed = std::max<qint64>(1, std::atoll(env) / kSeeds);
    for (int s = 1; s <= kSeeds; ++s)
        QTest::addRow("seed %d", s) << quint64(s * 7919) << perSeed;
}

void TestMarketCrossCheck::randomStreams()
{
    QFETCH(quint64, seed);
    QFETCH(qint64, commands);
    market::Engine fast;
    ReferenceEngine ref;
    RandomCommands generator(seed);
    std::vector<market::Command> journal;
    const qint64 fullEvery = std::max<qint64>(500, commands / 40);
    std::uint64_t trades = 0, rejects = 0, replies = 0, mostOpen = 0;
    std::uint64_t cancelledByAdmin = 0, cancelledByBuyer = 0, cancelRefusals = 0;
    const auto started = std::chrono::steady_clock::now();
    for (qint64 i = 0; i < commands; ++i) {
        const market::Command cmd = generator.next();
        RecordingEvents a, b;
        fast.apply(cmd, a);
        ref.apply(cmd, b);
        journal.push_back(cmd);
        if (a.events != b.events) {
            const std::string why = "seed " + std::to_string(seed) + ", command "
                                    + std::to_string(i) + " (" + describeCommand(cmd)
                                    + "):\n engine:\n" + describe(a.events) + " reference:\n"
                                    + describe(b.events);
            QFAIL(why.c_str());
        }
        for (const Event &e : a.events) {
            trades += std::holds_alternative<TradeExecuted>(e) ? 1u : 0u;
            rejects += std::holds_alternative<Rejected>(e) ? 1u : 0u;
            replies += std::holds_alternative<OrderUpdated>(e) ? 1u : 0u;
            if (std::holds_alternative<proto::CancelTrade>(cmd.body)) {
                const auto *u = std::get_if<TradeUpdated>(&e);
                if (u != nullptr && u->trade.state == proto::TradeState::Cancelled)
                    ++(cmd.member.value() == 0 ? cancelledByAdmin : cancelledByBuyer);
                cancelRefusals += std::holds_alternative<Rejected>(e) ? 1u : 0u;
            }
        }
        generator.observe(a.events);
        // Candidate lists for the buys the stream sends (and for sells, which have none).
        if (const auto *order = std::get_if<proto::NewOrder>(&cmd.body);
            order != nullptr && i % 7 == 0) {
            const std::string diff
                = compareCandidates(fast, ref, cmd.member, order->params, cmd.time);
            QVERIFY2(diff.empty(), ("after command " + std::to_string(i) + ": " + diff).c_str());
        }
        const bool full = (i + 1) % fullEvery == 0 || i + 1 == commands;
        const std::string broken = full ? fast.checkInvariants() : fast.checkOpenStateInvariants();
        if (!broken.empty())
            QFAIL(("seed " + std::to_string(seed) + ", command " + std::to_string(i) + " ("
                   + describeCommand(cmd) + "): " + broken)
                      .c_str());
        QCOMPARE(fast.openOrderCount(), ref.openOrderCount());
        mostOpen = std::max(mostOpen, fast.openOrderCount());
        if (full) {
            const std::string diff = compareAll(fast, ref);
            QVERIFY2(diff.empty(), ("after command " + std::to_string(i) + ": " + diff).c_str());
        }
    }
    // A replay of the same journal with no listener ends in the same state.
    market::Engine replay;
    market::NullEvents none;
    for (const auto &cmd : journal)
        replay.apply(cmd, none);
    QCOMPARE(replay.stateHash(), fast.stateHash());
    // The stream must have exercised matching, rejections and resting, or it proves little.
    QVERIFY(trades > std::uint64_t(commands) / 50);
    QVERIFY(rejects > std::uint64_t(commands) / 100);
    QVERIFY(mostOpen > 50);
    // Trade cancellations of both kinds went through, and some were refused.
    QVERIFY(cancelledByAdmin > 0);
    QVERIFY(cancelledByBuyer > 0);
    QVERIFY(cancelRefusals > 0);
    const double seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    qInfo("seed %llu: %lld commands, %llu trades, %llu rejections, %llu order updates, "
          "at most %llu open orders, trades cancelled by admins %llu / by buyers %llu / refused "
          "%llu, %.1f s",
          static_cast<unsigned long long>(seed), static_cast<long long>(commands),
          static_cast<unsigned long long>(trades), static_cast<unsigned long long>(rejects),
          static_cast<unsigned long long>(replies), static_cast<unsigned long long>(mostOpen),
          static_cast<unsigned long long>(cancelledByAdmin),
          static_cast<unsigned long long>(cancelledByBuyer),
          static_cast<unsigned long long>(cancelRefusals), seconds);
}

QTEST_APPLESS_MAIN(TestMarketCrossCheck)
#include "tst_market_crosscheck.moc"
