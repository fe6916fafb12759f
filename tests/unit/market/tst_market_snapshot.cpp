// State hash, replay and snapshots: a replay of the journal equals the live engine; a snapshot
// restored and fed the journal tail equals the full replay; damaged snapshots are refused with
// an error and never crash.
#include <QObject>
#include <QTest>

#include <functional>

#include "bwx/proto/codec.h"
#include "bwx/proto/wire.h"
#include "market_script.h"
#include "random_commands.h"
#include "recording_events.h"
#include "state_hasher.h" // the snapshot checksum, to craft damaged snapshots that pass it

using namespace bwx;
using namespace bwx::market::testing;

namespace {

std::vector<market::Command> randomJournal(std::uint64_t seed, int count)
{
    market::Engine engine;
    RandomCommands generator(seed);
    std::vector<market::Command> journal;
    for (int i = 0; i < count; ++i) {
        journal.push_back(generator.next());
        RecordingEvents events;
        engine.apply(journal.back(), events);
        generator.observe(events.events);
    }
    return journal;
}

std::unique_ptr<market::Engine> replay(const std::vector<market::Command> &journal, std::size_t from,
                                       std::size_t to, std::unique_ptr<market::Engine> engine = nullptr)
{
    if (!engine)
        engine = std::make_unique<market::Engine>();
    market::NullEvents none;
    for (std::size_t i = from; i < to; ++i)
        engine->apply(journal[i], none);
    return engine;
}

// The snapshot format, parsed independently of the engine so that tests can damage one field
// and still produce a valid checksum.
struct ParsedSnapshot
{
    std::uint16_t version = 0;
    std::uint64_t lastSeq = 0;
    std::int64_t lastTime = 0;
    std::uint64_t stateHash = 0;
    proto::MarketSettings settings;
    struct Member
    {
        proto::MemberView view;
        std::int64_t lastPortNotice = 0;
        std::uint8_t portBlocked = 0;
        proto::RouteBatch routes;
        proto::QualityBatch quality;
    };
    std::vector<Member> members;
    struct Order
    {
        proto::OrderUpdate update;
        std::int64_t submittedPrice = 0, submittedCapacity = 0, priorityTime = 0;
    };
    std::vector<Order> orders;
    std::vector<proto::TradeView> trades;
};

template <class T>
T readRecord(proto::WireReader &r)
{
    const auto n = r.u32("len");
    const auto body = r.bytes(n, "body");
    auto decoded = proto::decodeBody(static_cast<std::uint16_t>(T::kType), body);
    return decoded.ok ? std::get<T>(decoded.message) : T{};
}

ParsedSnapshot parse(const std::vector<std::uint8_t> &bytes)
{
    ParsedSnapshot s;
    proto::WireReader r(std::span<const std::uint8_t>(bytes).first(bytes.size() - 8));
    r.bytes(8, "magic");
    s.version = r.u16("version");
    s.lastSeq = r.u64("seq");
    s.lastTime = r.i64("time");
    s.stateHash = r.u64("hash");
    s.settings = readRecord<proto::ConfigureMarket>(r).settings;
    for (std::uint32_t n = r.u32("members"); n > 0; --n) {
        ParsedSnapshot::Member m;
        const auto list = readRecord<proto::MemberList>(r);
        if (!list.members.empty())
            m.view = list.members.front();
        m.lastPortNotice = r.i64("last port notice");
        m.portBlocked = r.u8("port blocked");
        m.routes = readRecord<proto::RouteBatch>(r);
        m.quality = readRecord<proto::QualityBatch>(r);
        s.members.push_back(m);
    }
    for (std::uint64_t n = r.u64("orders"); n > 0; --n) {
        ParsedSnapshot::Order o;
        o.update = readRecord<proto::OrderUpdate>(r);
        o.submittedPrice = r.i64("p");
        o.submittedCapacity = r.i64("c");
        o.priorityTime = r.i64("t");
        s.orders.push_back(o);
    }
    for (std::uint64_t n = r.u64("trades"); n > 0; --n) {
        const auto list = readRecord<proto::TradeList>(r);
        s.trades.push_back(list.trades.empty() ? proto::TradeView{} : list.trades.front());
    }
    return s;
}

std::vector<std::uint8_t> build(const ParsedSnapshot &s)
{
    std::vector<std::uint8_t> out;
    proto::WireWriter w(out);
    for (char c : std::string("BWXMKTSN"))
        w.u8(static_cast<std::uint8_t>(c));
    w.u16(s.version);
    w.u64(s.lastSeq);
    w.i64(s.lastTime);
    w.u64(s.stateHash);
    const auto record = [&](const proto::Message &m) {
        std::vector<std::uint8_t> body;
        proto::encodeBody(m, body);
        w.u32(static_cast<std::uint32_t>(body.size()));
        w.bytes(body);
    };
    record(proto::ConfigureMarket{s.settings});
    w.u32(static_cast<std::uint32_t>(s.members.size()));
    for (const auto &m : s.members) {
        record(proto::MemberList{{m.view}});
        w.i64(m.lastPortNotice);
        w.u8(m.portBlocked);
        record(m.routes);
        record(m.quality);
    }
    w.u64(s.orders.size());
    for (const auto &o : s.orders) {
        record(o.update);
        w.i64(o.submittedPrice);
        w.i64(o.submittedCapacity);
        w.i64(o.priorityTime);
    }
    w.u64(s.trades.size());
    for (const auto &t : s.trades)
        record(proto::TradeList{{t}});
    market::detail::StateHasher h;
    h.addBytes(out);
    w.u64(h.value());
    return out;
}

// A small market with every kind of state: partial fills, resting orders on nested prefixes,
// closed orders, scheduled and active trades, a suspended member.
constexpr const char *kStateScript = R"(
member alice
member bob
member carol
alice sell 10.0.0.0/8 price=110 cap=10
bob buy 10.0.0.0/8 price=100 cap=5
alice sell 10.1.0.0/16 price=90 cap=6 block=2
bob buy 10.1.2.0/24 price=95 cap=4 block=2
carol buy 10.1.3.0/24 price=80 cap=3 tif=gtd expire=500
carol sell 2001:db8::/32 price=70 cap=8 start=100 end=900
bob buy 2001:db8:1::/48 price=75 cap=8 start=100 end=900
alice amend 3 cap=8
bob buy 10.2.0.0/16 price=1 cap=1 tif=ioc
member dave
suspend dave
)";

} // namespace

class TestMarketSnapshot : public QObject
{
    Q_OBJECT

private slots:
    void replayEqualsLive_data();
    void replayEqualsLive();
    void snapshotPlusTailEqualsReplay_data();
    void snapshotPlusTailEqualsReplay();
    void emptyEngineRoundTrip();
    void cancelledTradesRoundTrip();
    void prefetchChangesNothing();
    void hashSeesEveryChange();
    void corruptSnapshotRejected_data();
    void corruptSnapshotRejected();
    void damagedSnapshotRejected_data();
    void damagedSnapshotRejected();
};

void TestMarketSnapshot::replayEqualsLive_data()
{
    QTest::addColumn<quint64>("seed");
    for (quint64 seed : {11u, 12u, 13u})
        QTest::addRow("seed %llu", seed) << seed;
}

void TestMarketSnapshot::replayEqualsLive()
{
    QFETCH(quint64, seed);
    market::Engine live;
    RandomCommands generator(seed);
    std::vector<market::Command> journal;
    for (int i = 0; i < 3000; ++i) {
        journal.push_back(generator.next());
        RecordingEvents events; // the listened-to path builds views; the replay skips them
        live.apply(journal.back(), events);
        generator.observe(events.events);
    }
    const auto replayed = replay(journal, 0, journal.size());
    QCOMPARE(replayed->stateHash(), live.stateHash());
    QCOMPARE(replayed->lastSeq(), live.lastSeq());
    QVERIFY(live.tradeCount() > 0);
    // A different history gives a different hash.
    const auto shorter = replay(journal, 0, journal.size() - 1);
    QVERIFY(shorter->stateHash() != live.stateHash());
}

void TestMarketSnapshot::snapshotPlusTailEqualsReplay_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("cut");
    QTest::newRow("early cut") << quint64(21) << 300;
    QTest::newRow("middle cut") << quint64(22) << 1500;
    QTest::newRow("late cut") << quint64(23) << 2990;
}

void TestMarketSnapshot::snapshotPlusTailEqualsReplay()
{
    QFETCH(quint64, seed);
    QFETCH(int, cut);
    const auto journal = randomJournal(seed, 3000);
    const auto head = replay(journal, 0, static_cast<std::size_t>(cut));
    std::vector<std::uint8_t> bytes;
    head->saveSnapshot(bytes);
    auto loaded = market::Engine::loadSnapshot(bytes);
    QVERIFY2(loaded.hasValue(), loaded.hasValue() ? "" : loaded.error().c_str());
    std::unique_ptr<market::Engine> restored = std::move(loaded.value());
    QCOMPARE(restored->stateHash(), head->stateHash());
    QCOMPARE(restored->checkInvariants(), std::string());
    // Saving the restored engine gives the same bytes: nothing was lost or reordered.
    std::vector<std::uint8_t> again;
    restored->saveSnapshot(again);
    QVERIFY(again == bytes);

    // The tail must produce identical events on the restored and the original engine.
    const auto full = replay(journal, 0, journal.size());
    for (std::size_t i = static_cast<std::size_t>(cut); i < journal.size(); ++i) {
        RecordingEvents a, b;
        head->apply(journal[i], a);
        restored->apply(journal[i], b);
        QVERIFY2(a.events == b.events, ("command " + std::to_string(i)).c_str());
    }
    QCOMPARE(restored->stateHash(), full->stateHash());
    QCOMPARE(restored->checkInvariants(), std::string());
}

void TestMarketSnapshot::emptyEngineRoundTrip()
{
    market::Engine empty;
    std::vector<std::uint8_t> bytes;
    empty.saveSnapshot(bytes);
    auto loaded = market::Engine::loadSnapshot(bytes);
    QVERIFY(loaded.hasValue());
    QCOMPARE(loaded.value()->stateHash(), empty.stateHash());
    QCOMPARE(loaded.value()->openOrderCount(), std::uint64_t(0));
}

void TestMarketSnapshot::cancelledTradesRoundTrip()
{
    // A cancelled trade keeps its sell order committed over the period it was executed for, and
    // one cancelled before its start has an empty period: a restored engine must rebuild both.
    MarketScript market;
    const std::string error = market.run("member alice\nmember bob\nmember carol\n"
                                         "alice sell 10.0.0.0/8 price=100 cap=10 start=0 end=1000\n"
                                         "bob buy 10.0.0.0/8 price=100 cap=4 start=0 end=1000\n"
                                         "carol buy 10.0.0.0/8 price=100 cap=2 start=500 end=1000\n"
                                         "alice sell 10.1.0.0/16 price=100 cap=4 start=2000 end=3000\n"
                                         "bob buy 10.1.0.0/16 price=100 cap=4 start=2000 end=3000\n"
                                         "at 300\n"
                                         "admin canceltrade 1\n"
                                         "admin canceltrade 3\n"
                                         "> trade 1 state=cancelled end=300\n"
                                         "> trade 3 state=cancelled start=2000 end=2000\n");
    QVERIFY2(error.empty(), error.c_str());
    std::vector<std::uint8_t> bytes;
    market.engine().saveSnapshot(bytes);
    auto loaded = market::Engine::loadSnapshot(bytes);
    QVERIFY2(loaded.hasValue(), loaded.hasValue() ? "" : loaded.error().c_str());
    std::unique_ptr<market::Engine> restored = std::move(loaded.value());
    QCOMPARE(restored->stateHash(), market.engine().stateHash());
    QCOMPARE(restored->checkInvariants(), std::string());

    // Over the rest of its period the sell still has 10 - 4 (the cancelled trade) - 2 free.
    proto::OrderParams p;
    p.clientOrderId = ClientOrderId(99);
    p.side = Side::Buy;
    p.destination = Destination::ofPrefix(*net::Prefix::parse("10.0.0.0/8"));
    p.price = Price(100);
    p.capacity = Bandwidth(10);
    p.minBlock = Bandwidth(1);
    p.deliveryStart = Timestamp::fromSeconds(MarketScript::kOrigin + 300);
    p.deliveryEnd = Timestamp::fromSeconds(MarketScript::kOrigin + 1000);
    const market::Command buy{Seq(market.journal().back().seq.value() + 1),
                              market.journal().back().time, MemberId(3), proto::NewOrder{p}};
    RecordingEvents live, again;
    market.engine().apply(buy, live);
    restored->apply(buy, again);
    QVERIFY(live.events == again.events);
    QCOMPARE(restored->stateHash(), market.engine().stateHash());
    const auto trade = restored->trade(TradeId(4));
    QVERIFY(trade.has_value());
    QCOMPARE(trade->capacity, Bandwidth(4));
}

void TestMarketSnapshot::prefetchChangesNothing()
{
    const auto journal = randomJournal(31, 3000);
    const auto plain = replay(journal, 0, journal.size());
    market::EngineConfig config;
    config.prefetchFromOrders = 0; // hint on every command, however small the book
    market::Engine hinted(config);
    for (std::size_t i = 0; i < journal.size(); ++i) {
        std::vector<const proto::Message *> upcoming;
        const std::size_t ahead = market::Engine::kPrefetchAhead;
        for (std::size_t k = i + 1; k < std::min(journal.size(), i + 1 + ahead); ++k)
            upcoming.push_back(&journal[k].body);
        hinted.prefetch(upcoming);
        RecordingEvents a;
        hinted.apply(journal[i], a);
    }
    QCOMPARE(hinted.stateHash(), plain->stateHash());
}

void TestMarketSnapshot::hashSeesEveryChange()
{
    MarketScript market;
    const std::string error = market.run(kStateScript);
    QVERIFY2(error.empty(), error.c_str());
    const auto base = replay(market.journal(), 0, market.journal().size());
    QCOMPARE(base->stateHash(), market.engine().stateHash());
    // Each command of the script changed the hash.
    std::uint64_t previous = market::Engine().stateHash();
    for (std::size_t n = 1; n <= market.journal().size(); ++n) {
        const std::uint64_t h = replay(market.journal(), 0, n)->stateHash();
        QVERIFY(h != previous);
        previous = h;
    }
}

void TestMarketSnapshot::corruptSnapshotRejected_data()
{
    MarketScript market;
    QVERIFY(market.run(kStateScript).empty());
    std::vector<std::uint8_t> good;
    market.engine().saveSnapshot(good);
    QVERIFY(market::Engine::loadSnapshot(good).hasValue());

    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("why");
    const auto bytes = [](std::vector<std::uint8_t> v) {
        return QByteArray(reinterpret_cast<const char *>(v.data()), static_cast<qsizetype>(v.size()));
    };
    QTest::newRow("empty") << QByteArray() << "too short";
    QTest::newRow("wrong magic") << bytes([&] { auto v = good; v[0] = 'X'; return v; }()) << "magic";
    QTest::newRow("trailing byte") << bytes([&] { auto v = good; v.push_back(0); return v; }()) << "checksum";
    for (std::size_t cut : {good.size() - 1, good.size() - 9, good.size() / 2, std::size_t(40), std::size_t(34)})
        QTest::addRow("truncated to %zu bytes", cut)
            << bytes(std::vector<std::uint8_t>(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(cut)))
            << (cut < 42 ? "too short" : "checksum");
    for (std::size_t at = 8; at < good.size(); at += good.size() / 23) {
        auto v = good;
        v[at] ^= 0x10;
        QTest::addRow("bit flipped at byte %zu", at) << bytes(v) << "checksum";
    }
}

void TestMarketSnapshot::corruptSnapshotRejected()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, why);
    const auto loaded = market::Engine::loadSnapshot(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                      static_cast<std::size_t>(bytes.size())));
    QVERIFY(!loaded.hasValue());
    QVERIFY2(loaded.error().find(why.toStdString()) != std::string::npos, loaded.error().c_str());
}

void TestMarketSnapshot::damagedSnapshotRejected_data()
{
    QTest::addColumn<int>("damage");
    QTest::addColumn<QString>("why");
    QTest::newRow("unsupported version") << 0 << "version 1";
    QTest::newRow("filled differs from trades") << 1 << "filled";
    QTest::newRow("open order without time priority") << 2 << "time priority";
    // Two open orders may share a time priority (sells resumed by one route change), but no
    // order can have gained it after the last applied command.
    QTest::newRow("time priority after the last command") << 3 << "outside 1..";
    QTest::newRow("trade names an unknown order") << 4 << "trade 1";
    QTest::newRow("recorded state hash differs") << 5 << "state hash";
    QTest::newRow("crossing orders both rest") << 6 << "could trade";
    QTest::newRow("member with an invalid name") << 7 << "member 1";
    QTest::newRow("order status that the engine never sets") << 8 << "status";
    QTest::newRow("client order id used twice") << 9 << "client order id";
    QTest::newRow("order of an unknown member") << 10 << "unknown member";
    QTest::newRow("trade with a wrong amount") << 11 << "trade 1";
}

void TestMarketSnapshot::damagedSnapshotRejected()
{
    QFETCH(int, damage);
    QFETCH(QString, why);
    MarketScript market;
    QVERIFY(market.run(kStateScript).empty());
    std::vector<std::uint8_t> good;
    market.engine().saveSnapshot(good);
    ParsedSnapshot s = parse(good);
    QVERIFY(build(s) == good); // the independent parser reads the format as documented
    const auto openOrder = [&](int nth) -> ParsedSnapshot::Order & {
        for (auto &o : s.orders)
            if (o.update.seq.value() != 0 && nth-- == 0)
                return o;
        return s.orders.front();
    };
    switch (damage) {
    case 0: s.version = 1; break;
    case 1: s.orders[0].update.order.filled += Bandwidth(1); s.orders[0].update.order.remaining -= Bandwidth(1); break;
    case 2: openOrder(0).update.seq = Seq(0); break;
    case 3: openOrder(1).update.seq = Seq(s.lastSeq + 1); break;
    case 4: s.trades[0].buyOrderId = OrderId(999); break;
    case 5: s.stateHash ^= 1; break;
    case 6: {
        // Order 1 (alice sells at 110) and order 2 (bob buys at 100) rest on 10.0.0.0/8.
        s.orders[0].update.order.params.price = Price(100);
        s.orders[0].submittedPrice = 100;
        break;
    }
    case 7: s.members[0].view.name = "Alice"; break;
    case 8: openOrder(0).update.order.status = OrderStatus::Rejected; break;
    case 9: s.orders[1].update.order.params.clientOrderId = s.orders[3].update.order.params.clientOrderId;
            s.orders[1].update.order.member = s.orders[3].update.order.member; break;
    case 10: s.orders[0].update.order.member = MemberId(77); break;
    case 11: s.trades[0].amount += Money(1); break;
    }
    const auto loaded = market::Engine::loadSnapshot(build(s));
    QVERIFY(!loaded.hasValue());
    QVERIFY2(loaded.error().find(why.toStdString()) != std::string::npos, loaded.error().c_str());
}

QTEST_APPLESS_MAIN(TestMarketSnapshot)
#include "tst_market_snapshot.moc"
