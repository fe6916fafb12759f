#include "bwx/server/book_subscriptions.h"
#include "bwx/server/pending_book_changes.h"

#include <QTest>
#include <algorithm>
#include <map>

using bwx::OrderId;
using bwx::Side;
using bwx::net::Prefix;
using bwx::proto::BookAction;
using bwx::server::BookSubscriptions;
using bwx::server::PendingBookChanges;
using bwx::server::QualityRound;
using bwx::server::SessionId;
using bwx::server::SellQuality;
using namespace std::chrono_literals;

namespace {

using Clock = BookSubscriptions::Clock;
const Clock::time_point t0 = Clock::time_point{} + 1h;

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

bwx::proto::BookEntry entry(Side side, const char *prefix, std::uint64_t id, std::int64_t remaining = 10)
{
    bwx::proto::BookEntry e;
    e.orderId = OrderId(id);
    e.side = side;
    e.prefix = P(prefix);
    e.remaining = bwx::Bandwidth(remaining);
    return e;
}

struct Sent
{
    Prefix prefix;
    std::uint64_t bookSeq;
    std::vector<bwx::proto::BookChange> changes;
    std::vector<SessionId> to;
};

// Plays the market's part in a quality round: the latency of order N toward prefix P is
// N * 1000 + P's length, so a test sees which prefix an answer was computed for.
void answer(QualityRound &round)
{
    for (auto &request : round) {
        request.answers.clear();
        for (OrderId id : request.sells)
            request.answers.push_back(SellQuality{
                id, static_cast<std::uint32_t>(id.value() * 1000 + static_cast<std::uint64_t>(request.prefix.length())),
                static_cast<std::uint32_t>(id.value()), 3, 1});
    }
}

// seal + quality round + release, the way the session manager runs one output batch.
std::vector<Sent> pump(BookSubscriptions &books, Clock::time_point now, std::uint64_t &round)
{
    std::vector<Sent> sent;
    books.seal(now);
    QualityRound requests = books.takeQualityRequests(round);
    if (!requests.empty()) {
        answer(requests);
        books.resolveRound(round, requests);
        ++round;
    }
    books.release([&](const bwx::proto::BookUpdate &u, const std::vector<SessionId> &to) {
        sent.push_back({u.prefix, u.bookSeq, u.changes, to});
    });
    return sent;
}

QString actions(const std::vector<bwx::proto::BookChange> &changes)
{
    QStringList out;
    for (const auto &change : changes) {
        const char *name = change.action == BookAction::Add      ? "add"
                           : change.action == BookAction::Modify ? "modify"
                                                                  : "remove";
        out << QString("%1 %2").arg(name).arg(change.entry.orderId.value());
    }
    return out.join(", ");
}

} // namespace

class TestBookSubscriptions : public QObject
{
    Q_OBJECT

private slots:
    void routing_data();
    void routing();
    void coalescing_data();
    void coalescing();
    void gathersOneUpdatePerPrefixPerBatch();
    void snapshotCountsChangesGatheredBeforeIt();
    void conflationPacesEachStream();
    void conflationOffSealsEveryBatch();
    void sellsWaitForTheirQualityTowardEachPrefix();
    void updatesBehindAWaitingOneWait();
    void abandonedRoundIsAskedAgain();
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
    QTest::newRow("sell on a more specific /26 reaches no covering book") << set << sell
                                                                          << "10.1.2.0/26"
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
    subscriptions.forEachReached(static_cast<Side>(side), P(qPrintable(order)),
                                 [&](const Prefix &p) { got << QString::fromStdString(p.toString()); });
    QStringList expected = split(reached);
    got.sort();
    expected.sort();
    QCOMPARE(got, expected);

    // record() must reach exactly the same streams.
    subscriptions.record(BookAction::Add, entry(static_cast<Side>(side), qPrintable(order), 1));
    std::uint64_t round = 1;
    QStringList flushed;
    for (const Sent &sent : pump(subscriptions, t0, round)) {
        flushed << QString::fromStdString(sent.prefix.toString());
        QCOMPARE(sent.bookSeq, 1u);
        QCOMPARE(sent.changes.size(), std::size_t{1});
    }
    flushed.sort();
    QCOMPARE(flushed, expected);
}

void TestBookSubscriptions::coalescing_data()
{
    QTest::addColumn<QString>("changes"); // what happened to order 7, in order
    QTest::addColumn<QString>("sent");    // what one update carries for it
    QTest::addColumn<qint64>("remaining");

    QTest::newRow("add alone") << "add:5" << "add 7" << qint64(5);
    QTest::newRow("add then modify: the latest entry as an add") << "add:5 modify:3"
                                                                 << "add 7" << qint64(3);
    QTest::newRow("add then remove: nothing") << "add:5 remove:0"
                                              << "" << qint64(0);
    QTest::newRow("modify then modify: the latest") << "modify:5 modify:2"
                                                    << "modify 7" << qint64(2);
    QTest::newRow("modify then remove: a remove") << "modify:5 remove:0"
                                                  << "remove 7" << qint64(0);
    QTest::newRow("remove then add (amend losing priority): a modify")
        << "remove:5 add:8"
        << "modify 7" << qint64(8);
    QTest::newRow("add, remove, add again: an add") << "add:5 remove:0 add:4"
                                                    << "add 7" << qint64(4);
    QTest::newRow("remove alone") << "remove:0"
                                  << "remove 7" << qint64(0);
}

void TestBookSubscriptions::coalescing()
{
    QFETCH(QString, changes);
    QFETCH(QString, sent);
    QFETCH(qint64, remaining);

    PendingBookChanges pending;
    pending.add(BookAction::Add, entry(Side::Buy, "10.0.0.0/8", 3)); // another order, first
    for (const QString &change : split(changes)) {
        const QStringList parts = change.split(':');
        const BookAction action = parts[0] == "add"      ? BookAction::Add
                                  : parts[0] == "modify" ? BookAction::Modify
                                                         : BookAction::Remove;
        pending.add(action, entry(Side::Sell, "10.0.0.0/8", 7, parts[1].toLongLong()));
    }
    pending.add(BookAction::Add, entry(Side::Buy, "10.0.0.0/8", 9)); // and one after
    QVERIFY(!pending.empty());
    const auto taken = pending.take();
    QVERIFY(pending.empty());
    QString expected = "add 3";
    if (!sent.isEmpty())
        expected += ", " + sent;
    expected += ", add 9";
    QCOMPARE(actions(taken), expected);
    for (const auto &change : taken)
        if (change.entry.orderId == OrderId(7))
            QCOMPARE(change.entry.remaining.value(), remaining);

    // Only order 7's changes: an add that is removed again leaves nothing to send at all.
    PendingBookChanges alone;
    alone.add(BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 7));
    alone.add(BookAction::Remove, entry(Side::Sell, "10.0.0.0/8", 7));
    QVERIFY(alone.empty());
    QVERIFY(alone.take().empty());
}

void TestBookSubscriptions::gathersOneUpdatePerPrefixPerBatch()
{
    BookSubscriptions subscriptions;
    QVERIFY(subscriptions.subscribe(1, P("10.1.0.0/16")));
    QVERIFY(subscriptions.subscribe(2, P("10.1.0.0/16")));
    QVERIFY(!subscriptions.subscribe(2, P("10.1.0.0/16")));
    QVERIFY(subscriptions.subscribe(2, P("10.1.2.0/24")));

    subscriptions.record(BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 1));
    subscriptions.record(BookAction::Add, entry(Side::Buy, "10.1.2.0/24", 2));
    subscriptions.record(BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 3));
    subscriptions.record(BookAction::Remove, entry(Side::Sell, "10.0.0.0/8", 1));

    std::uint64_t round = 1;
    auto sent = pump(subscriptions, t0, round);
    std::sort(sent.begin(), sent.end(),
              [](const Sent &a, const Sent &b) { return a.prefix < b.prefix; });
    QCOMPARE(sent.size(), std::size_t{2});
    QCOMPARE(sent[0].prefix, P("10.1.0.0/16"));
    // Order 1 came and went within the batch: nobody hears of it.
    QCOMPARE(actions(sent[0].changes), QString("add 2, add 3"));
    QCOMPARE(sent[0].bookSeq, 1u);
    QCOMPARE(sent[0].to, (std::vector<SessionId>{1, 2}));
    QCOMPARE(sent[1].prefix, P("10.1.2.0/24"));
    QCOMPARE(actions(sent[1].changes), QString("add 2, add 3"));
    QCOMPARE(sent[1].to, (std::vector<SessionId>{2}));

    // Nothing gathered: nothing sent, counters unchanged.
    QVERIFY(pump(subscriptions, t0, round).empty());
    subscriptions.record(BookAction::Modify, entry(Side::Buy, "10.1.2.0/24", 2));
    sent = pump(subscriptions, t0, round);
    QCOMPARE(sent.size(), std::size_t{2});
    QCOMPARE(sent[0].bookSeq, 2u);
    QCOMPARE(sent[1].bookSeq, 2u);

    // Changes that cancel out use no number.
    subscriptions.record(BookAction::Add, entry(Side::Buy, "10.1.2.0/24", 4));
    subscriptions.record(BookAction::Remove, entry(Side::Buy, "10.1.2.0/24", 4));
    QVERIFY(pump(subscriptions, t0, round).empty());
    QCOMPARE(subscriptions.bookSeq(P("10.1.2.0/24")), 2u);
}

void TestBookSubscriptions::snapshotCountsChangesGatheredBeforeIt()
{
    BookSubscriptions subscriptions;
    const Prefix book = P("192.0.2.0/24");
    QVERIFY(subscriptions.subscribe(1, book));
    subscriptions.record(BookAction::Add, entry(Side::Buy, "192.0.2.0/25", 1));

    // A snapshot for session 2 answered now: what was gathered is sealed for session 1 only.
    subscriptions.sealNow(book);
    QVERIFY(subscriptions.subscribe(2, book));
    const std::uint64_t snapshotSeq = subscriptions.bookSeq(book);
    QCOMPARE(snapshotSeq, 1u);

    // Changes after the snapshot in the same batch reach both, numbered snapshot + 1.
    subscriptions.record(BookAction::Add, entry(Side::Buy, "192.0.2.0/25", 2));
    std::uint64_t round = 1;
    const auto sent = pump(subscriptions, t0, round);
    QCOMPARE(sent.size(), std::size_t{2});
    QCOMPARE(sent[0].bookSeq, snapshotSeq);
    QCOMPARE(sent[0].to, (std::vector<SessionId>{1}));
    QCOMPARE(sent[1].bookSeq, snapshotSeq + 1);
    QCOMPARE(actions(sent[1].changes), QString("add 2"));
    QCOMPARE(sent[1].to, (std::vector<SessionId>{1, 2}));
}

void TestBookSubscriptions::conflationPacesEachStream()
{
    BookSubscriptions subscriptions;
    subscriptions.setUpdatesPerSecond(10); // one update per 100 ms per stream
    const Prefix a = P("10.0.0.0/8");
    const Prefix b = P("192.0.2.0/24");
    QVERIFY(subscriptions.subscribe(1, a));
    QVERIFY(subscriptions.subscribe(1, b));
    std::uint64_t round = 1;

    // An idle stream's first change goes out at once.
    subscriptions.record(BookAction::Add, entry(Side::Buy, "10.1.0.0/16", 1, 5));
    QCOMPARE(pump(subscriptions, t0, round).size(), std::size_t{1});
    QVERIFY(!subscriptions.nextSealTime());

    // Within the interval: held back and coalesced, whatever the number of batches.
    for (int i = 1; i <= 5; ++i) {
        subscriptions.record(BookAction::Modify, entry(Side::Buy, "10.1.0.0/16", 1, 5 - i));
        QVERIFY(pump(subscriptions, t0 + i * 10ms, round).empty());
    }
    subscriptions.record(BookAction::Add, entry(Side::Buy, "10.2.0.0/16", 2));
    // Another stream is paced on its own: b's first change is not held back by a.
    subscriptions.record(BookAction::Add, entry(Side::Buy, "192.0.2.0/25", 3));
    auto sent = pump(subscriptions, t0 + 60ms, round);
    QCOMPARE(sent.size(), std::size_t{1});
    QCOMPARE(sent[0].prefix, b);
    QCOMPARE(subscriptions.nextSealTime(), std::optional<Clock::time_point>(t0 + 100ms));

    QVERIFY(pump(subscriptions, t0 + 99ms, round).empty());
    sent = pump(subscriptions, t0 + 100ms, round);
    QCOMPARE(sent.size(), std::size_t{1});
    QCOMPARE(sent[0].prefix, a);
    QCOMPARE(sent[0].bookSeq, 2u);
    QCOMPARE(actions(sent[0].changes), QString("modify 1, add 2"));
    QCOMPARE(sent[0].changes[0].entry.remaining.value(), 0);

    // A snapshot in between seals at once: numbering stays exact under conflation.
    subscriptions.record(BookAction::Remove, entry(Side::Buy, "10.2.0.0/16", 2));
    QVERIFY(pump(subscriptions, t0 + 110ms, round).empty());
    subscriptions.sealNow(a);
    QCOMPARE(subscriptions.bookSeq(a), 3u);
    sent = pump(subscriptions, t0 + 111ms, round);
    QCOMPARE(sent.size(), std::size_t{1});
    QCOMPARE(actions(sent[0].changes), QString("remove 2"));
    QVERIFY(!subscriptions.nextSealTime());
}

void TestBookSubscriptions::conflationOffSealsEveryBatch()
{
    BookSubscriptions subscriptions;
    QCOMPARE(subscriptions.updatesPerSecond(), 0u);
    QVERIFY(subscriptions.subscribe(1, P("10.0.0.0/8")));
    std::uint64_t round = 1;
    for (int i = 1; i <= 3; ++i) {
        subscriptions.record(BookAction::Add, entry(Side::Buy, "10.0.0.0/8", std::uint64_t(i)));
        const auto sent = pump(subscriptions, t0, round);
        QCOMPARE(sent.size(), std::size_t{1});
        QCOMPARE(sent[0].bookSeq, std::uint64_t(i));
    }
}

void TestBookSubscriptions::sellsWaitForTheirQualityTowardEachPrefix()
{
    BookSubscriptions subscriptions;
    const Prefix wide = P("10.1.0.0/16");
    const Prefix narrow = P("10.1.2.0/24");
    QVERIFY(subscriptions.subscribe(1, wide));
    QVERIFY(subscriptions.subscribe(1, narrow));
    subscriptions.record(BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 5));
    subscriptions.seal(t0);

    int released = 0;
    const auto count = [&](const auto &, const auto &) { ++released; };
    subscriptions.release(count);
    QCOMPARE(released, 0); // nothing leaves before its quality is known
    QCOMPARE(subscriptions.waitingUpdates(), std::size_t{2});

    QualityRound round = subscriptions.takeQualityRequests(1);
    QCOMPARE(round.size(), std::size_t{2});
    for (const auto &request : round)
        QCOMPARE(request.sells, (std::vector<OrderId>{OrderId(5)}));
    // Asked once only.
    QVERIFY(subscriptions.takeQualityRequests(2).empty());

    answer(round);
    subscriptions.resolveRound(1, round);
    std::map<Prefix, bwx::proto::BookEntry> got;
    subscriptions.release([&](const bwx::proto::BookUpdate &u, const auto &) {
        got[u.prefix] = u.changes.at(0).entry;
    });
    QCOMPARE(got.size(), std::size_t{2});
    QCOMPARE(got[wide].latencyUs, 5016u);
    QCOMPARE(got[narrow].latencyUs, 5024u);
    QCOMPARE(got[narrow].qualityKnown, std::uint8_t{1});
    QCOMPARE(got[narrow].distance, std::uint8_t{3});
    QCOMPARE(subscriptions.waitingUpdates(), std::size_t{0});

    // A remove needs no quality: it leaves at once.
    subscriptions.record(BookAction::Remove, entry(Side::Sell, "10.0.0.0/8", 5));
    subscriptions.seal(t0);
    QVERIFY(subscriptions.takeQualityRequests(3).empty());
    released = 0;
    subscriptions.release(count);
    QCOMPARE(released, 2);
}

void TestBookSubscriptions::updatesBehindAWaitingOneWait()
{
    BookSubscriptions subscriptions;
    const Prefix book = P("10.0.0.0/8");
    QVERIFY(subscriptions.subscribe(1, book));
    subscriptions.record(BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 1));
    subscriptions.seal(t0);
    QualityRound first = subscriptions.takeQualityRequests(1);
    // The next batch holds only a buy, but it must not overtake update 1.
    subscriptions.record(BookAction::Add, entry(Side::Buy, "10.0.0.0/8", 2));
    subscriptions.seal(t0);
    std::vector<std::uint64_t> order;
    const auto collect = [&](const bwx::proto::BookUpdate &u, const auto &) {
        order.push_back(u.bookSeq);
    };
    subscriptions.release(collect);
    QVERIFY(order.empty());
    answer(first);
    subscriptions.resolveRound(1, first);
    subscriptions.release(collect);
    QCOMPARE(order, (std::vector<std::uint64_t>{1, 2}));
}

void TestBookSubscriptions::abandonedRoundIsAskedAgain()
{
    BookSubscriptions subscriptions;
    QVERIFY(subscriptions.subscribe(1, P("10.0.0.0/8")));
    subscriptions.record(BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 1));
    subscriptions.seal(t0);
    QCOMPARE(subscriptions.takeQualityRequests(1).size(), std::size_t{1});
    subscriptions.abandonRound(1);
    QualityRound again = subscriptions.takeQualityRequests(2);
    QCOMPARE(again.size(), std::size_t{1});
    // An answer for the abandoned round changes nothing.
    QualityRound stale = again;
    answer(stale);
    subscriptions.resolveRound(1, stale);
    QCOMPARE(subscriptions.waitingUpdates(), std::size_t{1});
    answer(again);
    subscriptions.resolveRound(2, again);
    int released = 0;
    subscriptions.release([&](const auto &, const auto &) { ++released; });
    QCOMPARE(released, 1);
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

    // Sealed while session 1 was subscribed, released after it left: not for session 1.
    subscriptions.record(BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 1));
    subscriptions.seal(t0);
    QualityRound round = subscriptions.takeQualityRequests(1);
    subscriptions.removeSession(1);
    QCOMPARE(subscriptions.subscriptionCount(1), std::size_t{0});
    QVERIFY(subscriptions.isSubscribed(2, P("10.0.0.0/8")));
    answer(round);
    subscriptions.resolveRound(1, round);
    std::vector<SessionId> to;
    subscriptions.release([&](const auto &, const std::vector<SessionId> &t) { to = t; });
    QCOMPARE(to, (std::vector<SessionId>{2}));
}

void TestBookSubscriptions::lastSubscriberDropsTheStream()
{
    BookSubscriptions subscriptions;
    const Prefix book = P("10.0.0.0/8");
    QVERIFY(subscriptions.subscribe(1, book));
    subscriptions.record(BookAction::Add, entry(Side::Buy, "10.0.0.0/8", 1));
    std::uint64_t round = 1;
    QCOMPARE(pump(subscriptions, t0, round).size(), std::size_t{1});
    QCOMPARE(subscriptions.bookSeq(book), 1u);
    // Gathered and sealed-but-waiting when the last subscriber leaves: dropped with the stream.
    subscriptions.record(BookAction::Add, entry(Side::Sell, "10.0.0.0/8", 2));
    subscriptions.seal(t0);
    QualityRound pending = subscriptions.takeQualityRequests(round);
    subscriptions.record(BookAction::Add, entry(Side::Buy, "10.0.0.0/8", 3));
    QVERIFY(subscriptions.unsubscribe(1, book));
    QCOMPARE(subscriptions.streamCount(), std::size_t{0});
    QCOMPARE(subscriptions.waitingUpdates(), std::size_t{0});
    QVERIFY(subscriptions.subscribe(2, book));
    QCOMPARE(subscriptions.bookSeq(book), 0u); // a new stream starts again from its snapshot
    // The old stream's round answering late does not touch the new one.
    answer(pending);
    subscriptions.resolveRound(round, pending);
    QVERIFY(pump(subscriptions, t0, round).empty());
}

QTEST_APPLESS_MAIN(TestBookSubscriptions)
#include "tst_book_subscriptions.moc"
