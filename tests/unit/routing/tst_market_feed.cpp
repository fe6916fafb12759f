// The market feed: which RouteBatch commands a sequence of registry changes produces —
// coalescing, withdrawals only of what the market has, replace_all chunking, holds, and a
// refused submission retried without losing or duplicating a change. The feed keeps no copy of
// what the market has: each change comes with what was deliverable before it, as the routing
// service tells it (set() below).
#include "bwx/routing/market_feed.h"

#include <QTest>

using namespace bwx;
using namespace bwx::routing;

namespace {

net::Prefix pfx(const char *text)
{
    return net::Prefix::parse(text).value();
}

class Table final : public DeliverableSource
{
public:
    std::map<MemberId, std::map<net::Prefix, Deliverable>> routes;

    std::optional<Deliverable> deliverable(MemberId m, const net::Prefix &p) const override
    {
        const auto it = routes.find(m);
        if (it == routes.end())
            return std::nullopt;
        const auto r = it->second.find(p);
        if (r == it->second.end())
            return std::nullopt;
        return r->second;
    }
    void forEachDeliverable(
        MemberId m, const std::function<void(const net::Prefix &, const Deliverable &)> &f) const override
    {
        const auto it = routes.find(m);
        if (it == routes.end())
            return;
        for (const auto &[p, d] : it->second)
            f(p, d);
    }
};

// Changes the member's route at `p` (nullopt: withdraws it) and tells the feed, with what was
// there before, as the routing service does.
void set(Table &table,
         MarketFeed &feed,
         MemberId m,
         const net::Prefix &p,
         std::optional<Deliverable> now)
{
    const std::optional<Deliverable> before = table.deliverable(m, p);
    if (now)
        table.routes[m][p] = *now;
    else
        table.routes[m].erase(p);
    if (feed.wantsChange(m, p))
        feed.changed(m, p, before);
}

struct Sink
{
    std::vector<proto::RouteBatch> batches;
    int refuseAfter = -1; // refuse every submission once this many were accepted
    MarketFeed::Submit submit()
    {
        return [this](proto::RouteBatch &&b) {
            if (refuseAfter >= 0 && static_cast<int>(batches.size()) >= refuseAfter)
                return false;
            batches.push_back(std::move(b));
            return true;
        };
    }
    // The market's view after applying every accepted batch, as the engine would.
    std::map<MemberId, std::map<net::Prefix, Deliverable>> market() const
    {
        std::map<MemberId, std::map<net::Prefix, Deliverable>> out;
        for (const auto &b : batches) {
            auto &set = out[b.member];
            if (b.replaceAll)
                set.clear();
            for (const auto &c : b.changes) {
                if (c.action == proto::RouteAction::Withdraw)
                    set.erase(c.prefix);
                else
                    set[c.prefix] = Deliverable{c.routeClass, c.originAsn, c.pathLength};
            }
        }
        return out;
    }
    std::size_t changeCount() const
    {
        std::size_t n = 0;
        for (const auto &b : batches)
            n += b.changes.size();
        return n;
    }
};

const MemberId kAlpha{1};
const MemberId kBeta{2};

} // namespace

class TestMarketFeed : public QObject
{
    Q_OBJECT

private slots:
    void coalescing();
    void withdrawOnlyWhatWasSent();
    void fullSyncChunks_data();
    void fullSyncChunks();
    void holdAndRelease();
    void refusedSubmissionIsRetried_data();
    void refusedSubmissionIsRetried();
    void refusedWithdrawalIsRetried();
};

void TestMarketFeed::coalescing()
{
    Table table;
    Sink sink;
    MarketFeed feed;
    // The route flaps five times between two flushes: one change reaches the market.
    for (int i = 0; i < 5; ++i)
        set(table, feed, kAlpha, pfx("203.0.113.0/24"),
            Deliverable{RouteClass::Customer, 64500, static_cast<std::uint8_t>(1 + i % 2)});
    QCOMPARE(feed.pendingCount(kAlpha), std::size_t{1});
    QCOMPARE(feed.flush(table, sink.submit(), 100), std::size_t{1});
    QCOMPARE(sink.batches.size(), std::size_t{1});
    QCOMPARE(sink.batches[0].changes.size(), std::size_t{1});
    QCOMPARE(int(sink.batches[0].replaceAll), 0);
    QCOMPARE(int(sink.batches[0].changes[0].pathLength), 1);
    QCOMPARE(feed.pendingCount(kAlpha), std::size_t{0});
    // Changed and changed back: nothing is sent.
    set(table, feed, kAlpha, pfx("203.0.113.0/24"), Deliverable{RouteClass::Customer, 64500, 2});
    set(table, feed, kAlpha, pfx("203.0.113.0/24"), Deliverable{RouteClass::Customer, 64500, 1});
    QCOMPARE(feed.flush(table, sink.submit(), 100), std::size_t{0});
    QVERIFY(!feed.pending());
    QCOMPARE(sink.market(), table.routes);
}

void TestMarketFeed::withdrawOnlyWhatWasSent()
{
    Table table;
    Sink sink;
    MarketFeed feed;
    // Appears and goes before a flush: the market never hears of it.
    const Deliverable peer{RouteClass::Peer, 64501, 2};
    set(table, feed, kAlpha, pfx("198.51.100.0/24"), peer);
    set(table, feed, kAlpha, pfx("198.51.100.0/24"), std::nullopt);
    QCOMPARE(feed.flush(table, sink.submit(), 100), std::size_t{0});
    QVERIFY(!feed.pending());

    set(table, feed, kAlpha, pfx("198.51.100.0/24"), peer);
    feed.flush(table, sink.submit(), 100);
    set(table, feed, kAlpha, pfx("198.51.100.0/24"), std::nullopt);
    feed.flush(table, sink.submit(), 100);
    QCOMPARE(sink.batches.size(), std::size_t{2});
    QVERIFY(sink.batches[1].changes[0].action == proto::RouteAction::Withdraw);
    // The withdrawal names what the market had.
    QCOMPARE(sink.batches[1].changes[0].originAsn, 64501u);
    QCOMPARE(sink.market()[kAlpha].size(), std::size_t{0});
}

void TestMarketFeed::fullSyncChunks_data()
{
    QTest::addColumn<int>("routes");
    QTest::addColumn<int>("maxChanges");
    QTest::addColumn<int>("commands");
    QTest::newRow("an empty set still replaces the market's") << 0 << 100 << 1;
    QTest::newRow("one command") << 50 << 100 << 1;
    QTest::newRow("exactly full") << 100 << 100 << 1;
    QTest::newRow("one more than a command holds") << 101 << 100 << 2;
    QTest::newRow("a table of 10000 in commands of 4096") << 10000 << 4096 << 3;
}

void TestMarketFeed::fullSyncChunks()
{
    QFETCH(int, routes);
    QFETCH(int, maxChanges);
    QFETCH(int, commands);
    Table table;
    Sink sink;
    MarketFeed feed;
    // Something stale the market holds that the full set no longer has.
    sink.batches.push_back({kAlpha, 0, {{proto::RouteAction::Announce, pfx("10.0.0.0/8"),
                                         RouteClass::Customer, 1, 1}}});
    for (int i = 0; i < routes; ++i) {
        const auto p = net::Prefix::makeTruncating(
            net::Address::v4(0x0b000000u + static_cast<std::uint32_t>(i) * 256), 24);
        table.routes[kAlpha][p] = {RouteClass::Transit, 64500 + static_cast<std::uint32_t>(i % 7), 3};
    }
    feed.requestFullSync(kAlpha);
    QCOMPARE(feed.flush(table, sink.submit(), static_cast<std::uint32_t>(maxChanges)),
             std::size_t(commands));
    QCOMPARE(int(sink.batches[1].replaceAll), 1);
    for (std::size_t i = 2; i < sink.batches.size(); ++i)
        QCOMPARE(int(sink.batches[i].replaceAll), 0);
    for (const auto &b : sink.batches)
        QVERIFY(b.changes.size() <= std::size_t(maxChanges));
    QCOMPARE(sink.market()[kAlpha], table.routes[kAlpha]);
    QVERIFY(!feed.pending());
}

void TestMarketFeed::holdAndRelease()
{
    Table table;
    Sink sink;
    MarketFeed feed;
    feed.hold(kAlpha);
    set(table, feed, kAlpha, pfx("203.0.113.0/24"), Deliverable{RouteClass::Customer, 64500, 1});
    set(table, feed, kBeta, pfx("198.51.100.0/24"), Deliverable{RouteClass::Customer, 64501, 1});
    // A held member's changes are not recorded: its release sends the whole set.
    QCOMPARE(feed.pendingCount(kAlpha), std::size_t{0});
    feed.flush(table, sink.submit(), 100);
    // Only the member that is not held.
    QCOMPARE(sink.batches.size(), std::size_t{1});
    QCOMPARE(sink.batches[0].member, kBeta);
    QVERIFY(feed.held(kAlpha));
    feed.release(kAlpha);
    QVERIFY(!feed.wantsChange(kAlpha, pfx("192.0.2.0/24")));
    feed.flush(table, sink.submit(), 100);
    QCOMPARE(sink.batches.size(), std::size_t{2});
    QCOMPARE(sink.batches[1].member, kAlpha);
    QCOMPARE(int(sink.batches[1].replaceAll), 1);
    QCOMPARE(sink.market(), table.routes);
    QVERIFY(feed.wantsChange(kAlpha, pfx("192.0.2.0/24")));
}

void TestMarketFeed::refusedSubmissionIsRetried_data()
{
    QTest::addColumn<bool>("fullSync");
    QTest::addColumn<int>("acceptFirst");
    QTest::newRow("incremental, the first command refused") << false << 0;
    QTest::newRow("incremental, the second command refused") << false << 1;
    QTest::newRow("full sync, the first command refused") << true << 0;
    QTest::newRow("full sync, the third command refused") << true << 2;
}

void TestMarketFeed::refusedSubmissionIsRetried()
{
    QFETCH(bool, fullSync);
    QFETCH(int, acceptFirst);
    Table table;
    Sink sink;
    MarketFeed feed;
    if (fullSync)
        feed.requestFullSync(kAlpha);
    for (int i = 0; i < 25; ++i) {
        const auto p = net::Prefix::makeTruncating(
            net::Address::v4(0x0c000000u + static_cast<std::uint32_t>(i) * 256), 24);
        set(table, feed, kAlpha, p, Deliverable{RouteClass::Customer, 64500, 2});
    }
    sink.refuseAfter = acceptFirst;
    feed.flush(table, sink.submit(), 10);
    QCOMPARE(sink.batches.size(), std::size_t(acceptFirst));
    QVERIFY(feed.pending());
    sink.refuseAfter = -1;
    feed.flush(table, sink.submit(), 10);
    QVERIFY(!feed.pending());
    QCOMPARE(sink.market(), table.routes);
    // Every route reached the market exactly once (no duplicate announcements).
    QCOMPARE(sink.changeCount(), std::size_t{25});
}

void TestMarketFeed::refusedWithdrawalIsRetried()
{
    Table table;
    Sink sink;
    MarketFeed feed;
    for (int i = 0; i < 25; ++i)
        set(table, feed, kAlpha,
            net::Prefix::makeTruncating(
                net::Address::v4(0x0c000000u + static_cast<std::uint32_t>(i) * 256), 24),
            Deliverable{RouteClass::Transit, 64500 + static_cast<std::uint32_t>(i), 2});
    feed.flush(table, sink.submit(), 10);
    QCOMPARE(sink.market(), table.routes);
    // Every route withdrawn; the second of three commands is refused.
    for (int i = 0; i < 25; ++i)
        set(table, feed, kAlpha,
            net::Prefix::makeTruncating(
                net::Address::v4(0x0c000000u + static_cast<std::uint32_t>(i) * 256), 24),
            std::nullopt);
    sink.refuseAfter = static_cast<int>(sink.batches.size()) + 1;
    QCOMPARE(feed.flush(table, sink.submit(), 10), std::size_t{1});
    QCOMPARE(feed.pendingCount(kAlpha), std::size_t{15});
    sink.refuseAfter = -1;
    QCOMPARE(feed.flush(table, sink.submit(), 10), std::size_t{2});
    QVERIFY(sink.market()[kAlpha].empty());
    // Each withdrawal named what the market had, and was sent once.
    QCOMPARE(sink.changeCount(), std::size_t{50});
    for (std::size_t b = 3; b < sink.batches.size(); ++b)
        for (const auto &c : sink.batches[b].changes) {
            QVERIFY(c.action == proto::RouteAction::Withdraw);
            QCOMPARE(c.originAsn, 64500 + ((c.prefix.address().v4Value() - 0x0c000000u) >> 8));
        }
}

QTEST_APPLESS_MAIN(TestMarketFeed)
#include "tst_market_feed.moc"
