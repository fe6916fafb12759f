// Trading through a real bwxd: members see and touch only their own orders, trades reach both
// parties as Fills, every session of a member stays in sync, and market data is a snapshot
// followed by contiguous updates that add up to the book.
#include "bwxd_fixture.h"
#include "test_support.h"

#include <QTest>
#include <QThread>
#include <csignal>
#include <map>
#include <memory>

using namespace bwx;
using namespace bwx::test;
using namespace std::chrono_literals;

namespace {

// A book kept up to date from a snapshot and the updates that follow it.
class BookMirror
{
public:
    explicit BookMirror(const proto::BookSnapshot &snapshot)
        : m_seq(snapshot.bookSeq)
    {
        for (const auto &entry : snapshot.entries)
            m_entries[entry.orderId.value()] = entry;
    }

    // False (with `why`) when the update does not follow on.
    bool apply(const proto::BookUpdate &update, QString &why)
    {
        if (update.bookSeq != m_seq + 1) {
            why = QString("gap: book_seq %1 after %2").arg(update.bookSeq).arg(m_seq);
            return false;
        }
        m_seq = update.bookSeq;
        for (const auto &change : update.changes) {
            const auto id = change.entry.orderId.value();
            switch (change.action) {
            case proto::BookAction::Add:
                if (m_entries.count(id)) {
                    why = QString("add of order %1 that is already in the book").arg(id);
                    return false;
                }
                m_entries[id] = change.entry;
                break;
            case proto::BookAction::Modify:
                if (!m_entries.count(id)) {
                    why = QString("modify of order %1 that is not in the book").arg(id);
                    return false;
                }
                m_entries[id] = change.entry;
                break;
            case proto::BookAction::Remove:
                if (!m_entries.erase(id)) {
                    why = QString("remove of order %1 that is not in the book").arg(id);
                    return false;
                }
                break;
            }
        }
        return true;
    }

    std::uint64_t seq() const { return m_seq; }
    const std::map<std::uint64_t, proto::BookEntry> &entries() const { return m_entries; }

private:
    std::uint64_t m_seq;
    std::map<std::uint64_t, proto::BookEntry> m_entries;
};

std::map<std::uint64_t, proto::BookEntry> byId(const std::vector<proto::BookEntry> &entries)
{
    std::map<std::uint64_t, proto::BookEntry> out;
    for (const auto &entry : entries)
        out[entry.orderId.value()] = entry;
    return out;
}

proto::OrderView placed(client::Connection &connection, const proto::NewOrder &order)
{
    auto reply = connection.request(order);
    const auto *update = as<proto::OrderUpdate>(reply);
    if (!update)
        throw std::runtime_error("new order not accepted: " + describe(reply).toStdString());
    return update->order;
}

} // namespace

class TestServerMarket : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void membersSeeAndTouchOnlyTheirOwnOrders();
    void everySessionOfAMemberStaysInSync();
    void cancelOnDisconnectWhenTheLastSessionEnds();
    void tradeSendsAFillToEachParty();
    void bookSnapshotThenContiguousUpdates();
    void bookStaysExactWhileOrdersStream();
    void unsubscribe();
    void marketWatchIsConflated();
    void membersListHidesOthersPortCapacity();
    void slowConsumerIsDisconnected();

private:
    std::unique_ptr<BwxdFixture> m_fx;
    std::uint64_t m_nextClientId = 1;
};

void TestServerMarket::initTestCase()
{
    guarded([&] {
        m_fx = std::make_unique<BwxdFixture>();
        m_fx->start();
        m_fx->addMember("alice", 64500);
        m_fx->addMember("bob", 64501);
        m_fx->addMember("carol", 64502);
    });
}

void TestServerMarket::cleanupTestCase()
{
    guarded([&] {
        if (m_fx && m_fx->running())
            QCOMPARE(m_fx->stop(), 0);
    });
    m_fx.reset();
}

void TestServerMarket::membersSeeAndTouchOnlyTheirOwnOrders()
{
    guarded([&] {
        auto alice = m_fx->session(m_fx->member("alice"));
        auto bob = m_fx->session(m_fx->member("bob"));
        auto carol = m_fx->session(m_fx->member("carol"));

        const auto mine
            = placed(alice, limitOrder(Side::Buy, "203.0.113.0/24", 3, 20, m_nextClientId++));
        QCOMPARE(mine.member, alice.session()->member);
        QCOMPARE(text(mine.status), text(OrderStatus::Working));
        const auto bobs
            = placed(bob, limitOrder(Side::Sell, "198.18.0.0/15", 50, 10, m_nextClientId++));

        const auto listOf = [](client::Connection &c) {
            auto reply = c.request(proto::QueryOrders{1});
            const auto *list = as<proto::OrderList>(reply);
            if (!list)
                throw std::runtime_error("query_orders: " + describe(reply).toStdString());
            return list->orders;
        };
        const auto alices = listOf(alice);
        QCOMPARE(alices.size(), std::size_t{1});
        QCOMPARE(alices.front().orderId, mine.orderId);
        for (const auto &order : listOf(bob))
            QCOMPARE(order.member, bob.session()->member);
        QVERIFY(listOf(carol).empty());

        // Someone else's order is "unknown": ids cannot be probed, nothing changes.
        for (const proto::Message &attempt :
             {proto::Message(proto::CancelOrder{mine.orderId, {}}),
              proto::Message(proto::AmendOrder{mine.orderId, Price(4 * units::kMicro), {}})}) {
            const auto reply = carol.request(attempt);
            const auto *result = as<proto::Result>(reply);
            QVERIFY2(result, qPrintable(describe(reply)));
            QCOMPARE(result->code, proto::ResultCode::UnknownOrder);
        }
        const auto stillThere = listOf(alice);
        QCOMPARE(stillThere.size(), std::size_t{1});
        QCOMPARE(text(stillThere.front().status), text(OrderStatus::Working));
        QCOMPARE(stillThere.front().params.price, mine.params.price);

        // The owner can.
        const auto cancelled = alice.request(proto::CancelOrder{mine.orderId, {}});
        const auto *update = as<proto::OrderUpdate>(cancelled);
        QVERIFY2(update, qPrintable(describe(cancelled)));
        QCOMPARE(text(update->order.status), text(OrderStatus::Cancelled));
        QVERIFY(listOf(alice).empty());
        QVERIFY(as<proto::OrderUpdate>(bob.request(proto::CancelOrder{bobs.orderId, {}})));
    });
}

void TestServerMarket::everySessionOfAMemberStaysInSync()
{
    guarded([&] {
        auto desk = m_fx->session(m_fx->member("alice"), "desk");
        auto laptop = m_fx->session(m_fx->member("alice"), "laptop");
        auto bob = m_fx->session(m_fx->member("bob"), "bob");
        const auto order
            = placed(desk, limitOrder(Side::Buy, "100.64.0.0/16", 2, 5, m_nextClientId++));
        const auto seen = nextOf<proto::OrderUpdate>(laptop, 5s);
        QVERIFY2(seen, "the member's other session did not see the new order");
        QCOMPARE(seen->order.orderId, order.orderId);
        QCOMPARE(text(seen->order.status), text(OrderStatus::Working));
        // Cancelling from the other session updates the first one.
        QVERIFY(as<proto::OrderUpdate>(laptop.request(proto::CancelOrder{order.orderId, {}})));
        const auto cancelled = nextOf<proto::OrderUpdate>(desk, 5s);
        QVERIFY(cancelled);
        QCOMPARE(text(cancelled->order.status), text(OrderStatus::Cancelled));
        // Another member saw none of it.
        QVERIFY(!bob.tryReceive(300ms));
    });
}

void TestServerMarket::cancelOnDisconnectWhenTheLastSessionEnds()
{
    guarded([&] {
        const auto openOrders = [](client::Connection &c) {
            auto reply = c.request(proto::QueryOrders{1});
            const auto *list = as<proto::OrderList>(reply);
            if (!list)
                throw std::runtime_error("query_orders: " + describe(reply).toStdString());
            return list->orders;
        };
        // Without the setting, orders outlive the sessions.
        {
            auto bob = m_fx->session(m_fx->member("bob"), "bob without the setting");
            placed(bob, limitOrder(Side::Buy, "100.64.1.0/24", 2, 5, m_nextClientId++));
        }
        QThread::msleep(200);
        {
            auto bob = m_fx->session(m_fx->member("bob"), "bob checks");
            const auto kept = openOrders(bob);
            QCOMPARE(kept.size(), std::size_t{1});
            QVERIFY(as<proto::OrderUpdate>(bob.request(proto::CancelOrder{kept.front().orderId, {}})));
        }

        auto desk = m_fx->session(m_fx->member("carol"), "desk");
        const auto set = desk.request(proto::SetCancelOnDisconnect{1});
        const auto *views = as<proto::MemberList>(set);
        QVERIFY2(views && views->members.size() == 1, qPrintable(describe(set)));
        QCOMPARE(views->members.front().limits.cancelOnDisconnect, std::uint8_t{1});
        const auto order
            = placed(desk, limitOrder(Side::Buy, "100.64.2.0/24", 2, 5, m_nextClientId++));
        {
            // A second session ending is not the last one: nothing is cancelled.
            auto laptop = m_fx->session(m_fx->member("carol"), "laptop");
            QCOMPARE(openOrders(laptop).size(), std::size_t{1});
        }
        QThread::msleep(200);
        QCOMPARE(openOrders(desk).size(), std::size_t{1});
        desk.close();

        // The last session ended: the market cancels the member's open orders.
        std::vector<proto::OrderView> left;
        for (int attempt = 0; attempt < 50; ++attempt) {
            auto check = m_fx->session(m_fx->member("carol"), "check");
            left = openOrders(check);
            if (left.empty())
                break;
            check.close();
            QThread::msleep(100);
        }
        QVERIFY2(left.empty(), "open orders survived the member's last session");
        auto after = m_fx->session(m_fx->member("carol"), "after");
        auto reply = after.request(proto::QueryOrders{0});
        const auto *all = as<proto::OrderList>(reply);
        QVERIFY2(all, qPrintable(describe(reply)));
        bool cancelled = false;
        for (const auto &o : all->orders)
            cancelled = cancelled
                        || (o.orderId == order.orderId && o.status == OrderStatus::Cancelled);
        QVERIFY2(cancelled, "the order is not reported as cancelled");
        QVERIFY(as<proto::MemberList>(after.request(proto::SetCancelOnDisconnect{0})));
    });
}

void TestServerMarket::tradeSendsAFillToEachParty()
{
    guarded([&] {
        auto alice = m_fx->session(m_fx->member("alice"));
        auto bob = m_fx->session(m_fx->member("bob"));
        auto carol = m_fx->session(m_fx->member("carol"));

        const std::uint64_t sellId = m_nextClientId++;
        const auto sell = placed(alice, limitOrder(Side::Sell, "192.0.0.0/16", 10, 100, sellId));
        const std::uint64_t buyId = m_nextClientId++;
        const auto buy = placed(bob, limitOrder(Side::Buy, "192.0.2.0/24", 12, 40, buyId));
        QCOMPARE(text(buy.status), text(OrderStatus::Filled));
        QCOMPARE(buy.filled, mbps(40));

        const auto bobsFill = nextOf<proto::Fill>(bob, 5s);
        QVERIFY2(bobsFill, "the buyer got no fill");
        QCOMPARE(text(bobsFill->side), text(Side::Buy));
        QCOMPARE(bobsFill->orderId, buy.orderId);
        QCOMPARE(bobsFill->clientOrderId.value(), buyId);
        QCOMPARE(QString::fromStdString(bobsFill->counterpartyName), QString("alice"));
        QCOMPARE(bobsFill->trade.price, Price(10 * units::kMicro)); // the resting order's price
        QCOMPARE(bobsFill->trade.capacity, mbps(40));

        const auto alicesFill = nextOf<proto::Fill>(alice, 5s);
        QVERIFY2(alicesFill, "the seller got no fill");
        QCOMPARE(text(alicesFill->side), text(Side::Sell));
        QCOMPARE(alicesFill->orderId, sell.orderId);
        QCOMPARE(alicesFill->clientOrderId.value(), sellId);
        QCOMPARE(QString::fromStdString(alicesFill->counterpartyName), QString("bob"));
        QCOMPARE(alicesFill->trade.tradeId, bobsFill->trade.tradeId);

        // The resting sell was partly filled: its owner hears about it unsolicited.
        auto trades = [](client::Connection &c) {
            auto reply = c.request(proto::QueryTrades{Timestamp{}, 100});
            const auto *list = as<proto::TradeList>(reply);
            if (!list)
                throw std::runtime_error("query_trades: " + describe(reply).toStdString());
            return list->trades;
        };
        const auto alicesTrades = trades(alice);
        const auto bobsTrades = trades(bob);
        QCOMPARE(alicesTrades.size(), std::size_t{1});
        QCOMPARE(bobsTrades.size(), std::size_t{1});
        QCOMPARE(alicesTrades.front().tradeId, bobsFill->trade.tradeId);
        QVERIFY(trades(carol).empty());
        // Carol received nothing private.
        while (auto message = carol.tryReceive(200ms)) {
            QVERIFY2(!as<proto::Fill>(*message) && !as<proto::OrderUpdate>(*message),
                     qPrintable(describe(*message)));
        }
        QVERIFY(as<proto::OrderUpdate>(alice.request(proto::CancelOrder{sell.orderId, {}})));
    });
}

void TestServerMarket::bookSnapshotThenContiguousUpdates()
{
    guarded([&] {
        auto alice = m_fx->session(m_fx->member("alice"));
        auto bob = m_fx->session(m_fx->member("bob"));
        auto carol = m_fx->session(m_fx->member("carol"), "market data");

        // Resting before the subscription: a covering sell is in the /24's book.
        const auto before
            = placed(alice, limitOrder(Side::Sell, "198.51.0.0/16", 30, 10, m_nextClientId++));
        const auto reply = carol.request(proto::SubscribeBook{prefix("198.51.100.0/24")});
        const auto *snapshot = as<proto::BookSnapshot>(reply);
        QVERIFY2(snapshot, qPrintable(describe(reply)));
        QCOMPARE(snapshot->prefix, prefix("198.51.100.0/24"));
        QVERIFY(byId(snapshot->entries).count(before.orderId.value()));
        BookMirror mirror(*snapshot);

        // In the book: a buy inside, a sell covering. Not in it: a buy covering, a sell inside
        // a sibling, another family.
        const auto inside
            = placed(bob, limitOrder(Side::Buy, "198.51.100.128/25", 20, 4, m_nextClientId++));
        const auto covering
            = placed(alice, limitOrder(Side::Sell, "198.0.0.0/8", 40, 8, m_nextClientId++));
        const auto outside1
            = placed(bob, limitOrder(Side::Buy, "198.51.0.0/16", 20, 4, m_nextClientId++));
        const auto outside2
            = placed(alice, limitOrder(Side::Sell, "198.51.101.0/24", 35, 4, m_nextClientId++));
        const auto outside3
            = placed(alice, limitOrder(Side::Sell, "2001:db8::/32", 35, 4, m_nextClientId++));
        QVERIFY(as<proto::OrderUpdate>(bob.request(proto::CancelOrder{inside.orderId, {}})));

        std::map<std::uint64_t, proto::BookEntry> expected = mirror.entries();
        expected[covering.orderId.value()] = {};
        // Updates until the book holds the covering sell and no longer the cancelled buy.
        QString why;
        for (int i = 0; i < 20; ++i) {
            const auto update = nextOf<proto::BookUpdate>(carol, 5s);
            QVERIFY2(update, "no book update");
            QCOMPARE(update->prefix, prefix("198.51.100.0/24"));
            QVERIFY2(mirror.apply(*update, why), qPrintable(why));
            if (mirror.entries().count(covering.orderId.value())
                && !mirror.entries().count(inside.orderId.value()))
                break;
        }
        QVERIFY(mirror.entries().count(before.orderId.value()));
        QVERIFY(mirror.entries().count(covering.orderId.value()));
        for (const auto &outside : {outside1, outside2, outside3})
            QVERIFY(!mirror.entries().count(outside.orderId.value()));

        // A fresh subscription shows the same book with the current counter.
        const auto again = carol.request(proto::SubscribeBook{prefix("198.51.100.0/24")});
        const auto *fresh = as<proto::BookSnapshot>(again);
        QVERIFY2(fresh, qPrintable(describe(again)));
        QCOMPARE(fresh->bookSeq, mirror.seq());
        QCOMPARE(byId(fresh->entries), mirror.entries());

        for (const auto &order : {before, covering})
            QVERIFY(as<proto::OrderUpdate>(alice.request(proto::CancelOrder{order.orderId, {}})));
        QVERIFY(as<proto::OrderUpdate>(bob.request(proto::CancelOrder{outside1.orderId, {}})));
        for (const auto &order : {outside2, outside3})
            QVERIFY(as<proto::OrderUpdate>(alice.request(proto::CancelOrder{order.orderId, {}})));
    });
}

void TestServerMarket::bookStaysExactWhileOrdersStream()
{
    guarded([&] {
        auto alice = m_fx->session(m_fx->member("alice"), "streamer");
        auto carol = m_fx->session(m_fx->member("carol"), "subscriber");
        const net::Prefix book = prefix("10.20.0.0/16");

        // Orders stream in (pipelined, without waiting) while the subscription is answered
        // somewhere in the middle of them; snapshot + updates must equal the final book.
        std::vector<proto::Message> first, second;
        for (int i = 0; i < 400; ++i) {
            const char *where = i % 3 == 0   ? "10.20.0.0/16"
                                : i % 3 == 1 ? "10.20.7.0/24"
                                             : "10.0.0.0/8";
            const Side side = i % 3 == 2 ? Side::Sell : Side::Buy;
            // Buys below every sell: nothing trades, the book only grows.
            const std::int64_t price = side == Side::Buy ? 1 + i % 5 : 100 + i % 7;
            (i < 200 ? first : second)
                .push_back(limitOrder(side, where, price, 2, m_nextClientId++));
        }
        const auto firstIds = alice.sendBatch(first);
        const auto subscription = carol.send(proto::SubscribeBook{book});
        const auto secondIds = alice.sendBatch(second);
        alice.awaitReplies(firstIds, 10s);
        alice.awaitReplies(secondIds, 10s);

        std::optional<BookMirror> mirror;
        std::vector<proto::BookUpdate> early; // none may arrive before the snapshot
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (!mirror && std::chrono::steady_clock::now() < deadline) {
            auto incoming = carol.receive(5s);
            if (incoming.requestId == subscription) {
                const auto *snapshot = as<proto::BookSnapshot>(incoming);
                QVERIFY2(snapshot, qPrintable(describe(incoming)));
                mirror.emplace(*snapshot);
            } else if (const auto *update = as<proto::BookUpdate>(incoming)) {
                early.push_back(*update);
            }
        }
        QVERIFY(mirror);
        QVERIFY2(early.empty(), "a book update arrived before the snapshot");
        // The final state, as a fresh snapshot taken after everything.
        const auto finalId = carol.send(proto::SubscribeBook{book});
        std::optional<proto::BookSnapshot> final;
        QString why;
        while (!final) {
            auto incoming = carol.receive(5s);
            if (incoming.requestId == finalId) {
                const auto *snapshot = as<proto::BookSnapshot>(incoming);
                QVERIFY2(snapshot, qPrintable(describe(incoming)));
                final = *snapshot;
            } else if (const auto *update = as<proto::BookUpdate>(incoming)) {
                QVERIFY2(mirror->apply(*update, why), qPrintable(why));
            }
        }
        // An update with sells is released once their quality is known (a quality round), and
        // a snapshot is answered at once with the stream's number: the last updates may arrive
        // after the final snapshot, numbered up to its bookSeq.
        while (mirror->seq() < final->bookSeq) {
            auto incoming = carol.receive(5s);
            const auto *update = as<proto::BookUpdate>(incoming);
            QVERIFY2(update, qPrintable(describe(incoming)));
            QVERIFY2(mirror->apply(*update, why), qPrintable(why));
        }
        QCOMPARE(final->bookSeq, mirror->seq());
        QCOMPARE(byId(final->entries).size(), mirror->entries().size());
        QCOMPARE(byId(final->entries), mirror->entries());
        QCOMPARE(mirror->entries().size(), std::size_t{400});

        const auto cancel = alice.request(proto::MassCancel{0});
        QVERIFY2(!as<proto::Result>(cancel)
                     || as<proto::Result>(cancel)->code == proto::ResultCode::Ok,
                 qPrintable(describe(cancel)));
    });
}

void TestServerMarket::unsubscribe()
{
    guarded([&] {
        auto carol = m_fx->session(m_fx->member("carol"));
        auto alice = m_fx->session(m_fx->member("alice"));
        QVERIFY(
            as<proto::BookSnapshot>(carol.request(proto::SubscribeBook{prefix("172.16.0.0/12")})));
        auto reply = carol.request(proto::UnsubscribeBook{prefix("172.16.0.0/12")});
        QVERIFY2(as<proto::Result>(reply), qPrintable(describe(reply)));
        QCOMPARE(as<proto::Result>(reply)->code, proto::ResultCode::Ok);
        reply = carol.request(proto::UnsubscribeBook{prefix("172.16.0.0/12")});
        QVERIFY2(as<proto::Result>(reply), qPrintable(describe(reply)));
        QCOMPARE(as<proto::Result>(reply)->code, proto::ResultCode::NotSubscribed);
        const auto order
            = placed(alice, limitOrder(Side::Sell, "172.16.0.0/12", 9, 1, m_nextClientId++));
        QVERIFY(!nextOf<proto::BookUpdate>(carol, 500ms));
        QVERIFY(as<proto::OrderUpdate>(alice.request(proto::CancelOrder{order.orderId, {}})));
    });
}

void TestServerMarket::marketWatchIsConflated()
{
    guarded([&] {
        auto carol = m_fx->session(m_fx->member("carol"));
        auto alice = m_fx->session(m_fx->member("alice"));
        const auto reply = carol.request(proto::SubscribeMarketWatch{});
        const auto *snapshot = as<proto::MarketWatchSnapshot>(reply);
        QVERIFY2(snapshot, qPrintable(describe(reply)));
        const net::Prefix watched = prefix("185.1.0.0/22");
        for (const auto &row : snapshot->rows)
            QVERIFY(row.prefix != watched);

        // Several changes within one interval arrive as one row with the latest values.
        const auto a
            = placed(alice, limitOrder(Side::Sell, "185.1.0.0/22", 70, 10, m_nextClientId++));
        const auto b
            = placed(alice, limitOrder(Side::Sell, "185.1.0.0/22", 60, 10, m_nextClientId++));
        std::optional<proto::WatchRow> row;
        std::uint64_t lastSeq = snapshot->watchSeq;
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (std::chrono::steady_clock::now() < deadline) {
            const auto update = nextOf<proto::MarketWatchUpdate>(carol, 2s);
            QVERIFY2(update, "no market watch update");
            QVERIFY(update->watchSeq > lastSeq);
            lastSeq = update->watchSeq;
            for (const auto &r : update->rows)
                if (r.prefix == watched)
                    row = r;
            if (row && row->askOrders == 2)
                break;
        }
        QVERIFY(row);
        QCOMPARE(row->bestAsk, Price(60 * units::kMicro));
        QCOMPARE(row->askOrders, 2u);
        QCOMPARE(row->askDepth, mbps(20));

        // Leaving the market is one empty row.
        alice.request(proto::CancelOrder{a.orderId, {}});
        alice.request(proto::CancelOrder{b.orderId, {}});
        std::optional<proto::WatchRow> gone;
        for (int i = 0; i < 10 && !gone; ++i) {
            const auto update = nextOf<proto::MarketWatchUpdate>(carol, 2s);
            QVERIFY(update);
            for (const auto &r : update->rows)
                if (r.prefix == watched && r.askOrders == 0 && r.bidOrders == 0)
                    gone = r;
        }
        QVERIFY(gone);
    });
}

void TestServerMarket::membersListHidesOthersPortCapacity()
{
    guarded([&] {
        auto carol = m_fx->session(m_fx->member("carol"));
        auto reply = carol.request(proto::QueryMembers{});
        const auto *list = as<proto::MemberList>(reply);
        QVERIFY2(list, qPrintable(describe(reply)));
        QCOMPARE(list->members.size(), std::size_t{3});
        for (const auto &m : list->members) {
            if (m.name == "carol")
                QCOMPARE(m.portCapacity, mbps(100'000));
            else
                QCOMPARE(m.portCapacity, Bandwidth{});
            QVERIFY(m.asn != 0);
        }
        auto root = m_fx->session(m_fx->admin());
        reply = root.request(proto::QueryMembers{});
        const auto *all = as<proto::MemberList>(reply);
        QVERIFY2(all, qPrintable(describe(reply)));
        for (const auto &m : all->members)
            QCOMPARE(m.portCapacity, mbps(100'000));
    });
}

void TestServerMarket::slowConsumerIsDisconnected()
{
    guarded([&] {
        // A small outbound limit so the test does not have to fill megabytes of socket
        // buffers first; the session limits are reloaded by SIGHUP.
        m_fx->setOption("server", "max_frame_size", "65536");
        m_fx->setOption("server", "max_outbound_bytes", "131072");
        m_fx->writeConfig();
        const auto reloads = m_fx->log().count("SIGHUP: reloaded");
        m_fx->signal(SIGHUP);
        for (int i = 0; i < 250 && m_fx->log().count("SIGHUP: reloaded") == reloads; ++i)
            QThread::msleep(20);

        auto slow = m_fx->session(m_fx->member("carol"), "never reads");
        // Many books that every sell on 0.0.0.0/0 belongs to: each order becomes many updates.
        std::vector<proto::Message> subscriptions;
        for (int i = 0; i < 200; ++i)
            subscriptions.push_back(
                proto::SubscribeBook{*net::Prefix::parse("10." + std::to_string(i) + ".0.0/16")});
        slow.sendBatch(subscriptions);

        auto alice = m_fx->session(m_fx->member("alice"), "busy trader");
        const auto deadline = std::chrono::steady_clock::now() + 15s;
        bool disconnected = false;
        while (!disconnected && std::chrono::steady_clock::now() < deadline) {
            std::vector<proto::Message> orders;
            for (int i = 0; i < 200; ++i)
                orders.push_back(
                    limitOrder(Side::Sell, "0.0.0.0/0", 500 + i % 50, 1, m_nextClientId++));
            alice.awaitReplies(alice.sendBatch(orders), 10s);
            alice.request(proto::MassCancel{0});
            disconnected = m_fx->log().contains("member:carol): goodbye slow_consumer");
        }
        QVERIFY2(disconnected, "the slow reader was never disconnected");
        // Its connection ends: reading what the kernel still holds reaches the end.
        bool ended = false;
        try {
            while (slow.tryReceive(3s)) {
            }
            ended = !slow.isOpen();
        } catch (const client::ClientError &) {
            ended = true;
        }
        QVERIFY(ended);
        // Everyone else carries on.
        QVERIFY(as<proto::Pong>(alice.request(proto::Ping{1})));
        m_fx->setOption("server", "max_outbound_bytes", "16777216");
        m_fx->setOption("server", "max_frame_size", "1048576");
        m_fx->writeConfig();
        m_fx->signal(SIGHUP);
    });
}

QTEST_GUILESS_MAIN(TestServerMarket)
#include "tst_server_market.moc"
