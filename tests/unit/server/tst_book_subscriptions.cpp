#include "bwx/server/book_subscriptions.h"

#include <QTest>
#include <algorithm>

using bwx::Side;
using bwx::net::Prefix;
using bwx::server::BookSubscriptions;
using bwx::server::SessionId;

namespace {

Prefix P(const char *text)
{
    auto parsed = Prefix::parse(text);
    if (!parsed)
        qFatal("bad prefix in test: %s", text);
    return *parsed;
}

QStringList split(const QString &list)
{
    return list.split(' ', Qt::SkipEmptyParts);
}

bwx::proto::BookEntry entry(Side side, const char *prefix, std::uint64_t id)
{
    bwx::proto::BookEntry e;
    e.orderId = bwx::OrderId(id);
    e.side = side;
    e.prefix = P(prefix);
    return e;
}

struct Sent
{
    Prefix prefix;
    std::uint64_t bookSeq;
    std::size_t changes;
    std::vector<SessionId> to;
};

} // namespace

class TestBookSubscriptions : public QObject
{
    Q_OBJECT

private slots:
    void routing_data();
    void routing();
    void gathersOneUpdatePerPrefixPerBatch();
    void snapshotCountsChangesGatheredBeforeIt();
    void unsubscribeAndRemoveSession();
    void lastSubscriberDropsTheStream();
};

void TestBookSubscriptions::routing_data()
{
    QTest::addColumn<QString>("subscribed");
    QTest::addColumn<int>("side");
    QTest::addColumn<QString>("order");
    QTest::addColumn<QString>("reached");

    const QString set = "10.0.0.0/8 10.1.0.0/16 10.1.2.0/24 10.1.2.128/25 192.0.2.0/24 "
                        "2001:db8::/32 2001:db8:1::/48";
    const int buy = static_cast<int>(Side::Buy);
    const int sell = static_cast<int>(Side::Sell);
    // A sell on S is in every book P with S covering P.
    QTest::newRow("sell on /16 reaches itself and the books inside it")
        << set << sell << "10.1.0.0/16"
        << "10.1.0.0/16 10.1.2.0/24 10.1.2.128/25";
    QTest::newRow("sell on /8 reaches everything under 10/8")
        << set << sell << "10.0.0.0/8"
        << "10.0.0.0/8 10.1.0.0/16 10.1.2.0/24 10.1.2.128/25";
    QTest::newRow("sell on the default route reaches every IPv4 book")
        << set << sell << "0.0.0.0/0"
        << "10.0.0.0/8 10.1.0.0/16 10.1.2.0/24 10.1.2.128/25 192.0.2.0/24";
    QTest::newRow("sell on an unsubscribed /20 reaches the /24 and /25 inside it")
        << set << sell << "10.1.0.0/20"
        << "10.1.2.0/24 10.1.2.128/25";
    QTest::newRow("sell on a more specific /26 reaches no covering book")
        << set << sell << "10.1.2.0/26"
        << "";
    // A buy on B is in every book P with P covering B.
    QTest::newRow("buy on /24 reaches itself and the books covering it")
        << set << buy << "10.1.2.0/24"
        << "10.0.0.0/8 10.1.0.0/16 10.1.2.0/24";
    QTest::newRow("buy on an unsubscribed /26 reaches the covering books")
        << set << buy << "10.1.2.0/26"
        << "10.0.0.0/8 10.1.0.0/16 10.1.2.0/24";
    QTest::newRow("buy on a host route in the upper /25")
        << set << buy << "10.1.2.200/32"
        << "10.0.0.0/8 10.1.0.0/16 10.1.2.0/24 10.1.2.128/25";
    QTest::newRow("buy on the default route reaches no narrower book") << set << buy << "0.0.0.0/0"
                                                                       << "";
    QTest::newRow("buy outside every subscription") << set << buy << "198.51.100.0/24"
                                                    << "";
    QTest::newRow("IPv6 sell covers the /48") << set << sell << "2001:db8::/32"
                                              << "2001:db8::/32 2001:db8:1::/48";
    QTest::newRow("IPv6 buy inside the /48") << set << buy << "2001:db8:1:2::/64"
                                             << "2001:db8::/32 2001:db8:1::/48";
    QTest::newRow("families never mix") << set << sell << "::/0"
                                        << "2001:db8::/32 2001:db8:1::/48";
    QTest::newRow("no subscriptions at all") << "" << sell << "10.0.0.0/8"
                                             << "";
}

void TestBookSubscriptions::routing()
{
    QFETCH(QString, subscribed);
    QFETCH(int, side);
    QFETCH(QString, order);
    QFETCH(QString, reached);

    BookSubscriptions subscriptions;
    SessionId session = 1;
    for (const QString &prefix : split(subscribed))
        QVERIFY(subscriptions.subscribe(session++, P(qPrintable(prefix))));

    QStringList got;
    subscriptions.forEachReached(
        static_cast<Side>(side), P(qPrintable(order)),
        [&](const Prefix &p) { got << QString::fromStdString(p.toString()); });
    QStringList expected = split(reached);
    got.sort();
    expected.sort();
    QCOMPARE(got, expected);

    // record() must reach exactly the same streams.
    subscriptions.record(bwx::proto::BookAction::Add,
                         entry(static_cast<Side>(side), qPrintable(order), 1));
    QStringList flushed;
    subscriptions.flush([&](const bwx::proto::BookUpdate &update, const std::vector<SessionId> &) {
        flushed << QString::fromStdString(update.prefix.toString());
        QCOMPARE(update.bookSeq, 1u);
        QCOMPARE(update.changes.size(), std::size_t{1});
    });
    flushed.sort();
    QCOMPARE(flushed, expected);
}

void TestBookSubscriptions::gathersOneUpdatePerPrefixPerBatch()
{
    BookSubscriptions subscriptions;
    QVERIFY(subscriptions.subscribe(1, P("10.1.0.0/16")));
    QVERIFY(subscriptions.subscribe(2, P("10.1.0.0/16")));
    QVERIFY(!subscriptions.subscribe(2, P("10.1.0.0/16")));
    QVERIFY(subscriptions.subscribe(2, P("10.1.2.0/24")));

    subscriptions.record(bwx::proto::BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 1));
    subscriptions.record(bwx::proto::BookAction::Add, entry(Side::Buy, "10.1.2.0/24", 2));
    subscriptions.record(bwx::proto::BookAction::Remove, entry(Side::Sell, "10.0.0.0/8", 1));

    std::vector<Sent> sent;
    const auto collect = [&](const bwx::proto::BookUpdate &u, const std::vector<SessionId> &to) {
        sent.push_back({u.prefix, u.bookSeq, u.changes.size(), to});
    };
    subscriptions.flush(collect);
    QCOMPARE(sent.size(), std::size_t{2});
    QCOMPARE(sent[0].prefix, P("10.1.0.0/16"));
    QCOMPARE(sent[0].changes, std::size_t{3});
    QCOMPARE(sent[0].bookSeq, 1u);
    QCOMPARE(sent[0].to, (std::vector<SessionId>{1, 2}));
    QCOMPARE(sent[1].prefix, P("10.1.2.0/24"));
    QCOMPARE(sent[1].changes, std::size_t{3});
    QCOMPARE(sent[1].to, (std::vector<SessionId>{2}));

    // Nothing gathered: nothing sent, counters unchanged.
    sent.clear();
    subscriptions.flush(collect);
    QVERIFY(sent.empty());
    subscriptions.record(bwx::proto::BookAction::Modify, entry(Side::Buy, "10.1.2.0/24", 2));
    subscriptions.flush(collect);
    QCOMPARE(sent.size(), std::size_t{2});
    QCOMPARE(sent[0].bookSeq, 2u);
    QCOMPARE(sent[1].bookSeq, 2u);
}

void TestBookSubscriptions::snapshotCountsChangesGatheredBeforeIt()
{
    BookSubscriptions subscriptions;
    const Prefix book = P("192.0.2.0/24");
    QVERIFY(subscriptions.subscribe(1, book));
    subscriptions.record(bwx::proto::BookAction::Add, entry(Side::Sell, "192.0.0.0/16", 1));

    // A snapshot for session 2 answered now: what was gathered goes out first.
    std::vector<Sent> sent;
    const auto collect = [&](const bwx::proto::BookUpdate &u, const std::vector<SessionId> &to) {
        sent.push_back({u.prefix, u.bookSeq, u.changes.size(), to});
    };
    subscriptions.flush(book, collect);
    QCOMPARE(sent.size(), std::size_t{1});
    QCOMPARE(sent[0].to, (std::vector<SessionId>{1}));
    QVERIFY(subscriptions.subscribe(2, book));
    const std::uint64_t snapshotSeq = subscriptions.bookSeq(book);
    QCOMPARE(snapshotSeq, 1u);

    // Changes after the snapshot in the same batch reach both, numbered snapshot + 1.
    subscriptions.record(bwx::proto::BookAction::Add, entry(Side::Buy, "192.0.2.0/25", 2));
    sent.clear();
    subscriptions.flush(collect);
    QCOMPARE(sent.size(), std::size_t{1});
    QCOMPARE(sent[0].bookSeq, snapshotSeq + 1);
    QCOMPARE(sent[0].changes, std::size_t{1});
    QCOMPARE(sent[0].to, (std::vector<SessionId>{1, 2}));
}

void TestBookSubscriptions::unsubscribeAndRemoveSession()
{
    BookSubscriptions subscriptions;
    QVERIFY(subscriptions.subscribe(1, P("10.0.0.0/8")));
    QVERIFY(subscriptions.subscribe(1, P("10.1.0.0/16")));
    QVERIFY(subscriptions.subscribe(2, P("10.0.0.0/8")));
    QCOMPARE(subscriptions.subscriptionCount(1), std::size_t{2});
    QVERIFY(!subscriptions.unsubscribe(1, P("10.2.0.0/16")));
    QVERIFY(!subscriptions.unsubscribe(3, P("10.0.0.0/8")));
    QVERIFY(subscriptions.unsubscribe(1, P("10.1.0.0/16")));
    QVERIFY(!subscriptions.isSubscribed(1, P("10.1.0.0/16")));
    QCOMPARE(subscriptions.streamCount(), std::size_t{1});

    subscriptions.removeSession(1);
    QCOMPARE(subscriptions.subscriptionCount(1), std::size_t{0});
    QVERIFY(subscriptions.isSubscribed(2, P("10.0.0.0/8")));
    subscriptions.record(bwx::proto::BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 1));
    std::vector<SessionId> to;
    subscriptions.flush(
        [&](const bwx::proto::BookUpdate &, const std::vector<SessionId> &t) { to = t; });
    QCOMPARE(to, (std::vector<SessionId>{2}));
}

void TestBookSubscriptions::lastSubscriberDropsTheStream()
{
    BookSubscriptions subscriptions;
    const Prefix book = P("10.0.0.0/8");
    QVERIFY(subscriptions.subscribe(1, book));
    subscriptions.record(bwx::proto::BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 1));
    subscriptions.flush([](const auto &, const auto &) {});
    QCOMPARE(subscriptions.bookSeq(book), 1u);
    // Gathered but not flushed when the last subscriber leaves: dropped with the stream.
    subscriptions.record(bwx::proto::BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 2));
    QVERIFY(subscriptions.unsubscribe(1, book));
    QCOMPARE(subscriptions.streamCount(), std::size_t{0});
    int updates = 0;
    subscriptions.flush([&](const auto &, const auto &) { ++updates; });
    QCOMPARE(updates, 0);
    QVERIFY(subscriptions.subscribe(2, book));
    QCOMPARE(subscriptions.bookSeq(book), 0u); // a new stream starts again from its snapshot
}

QTEST_APPLESS_MAIN(TestBookSubscriptions)
#include "tst_book_subscriptions.moc"
