// rankAsks: the order in which the terminal shows the asks for a buyer's ranking mode must be
// the matcher's (docs/market.md, "Ranking"; backend/market ranking): every numbered tie-breaker
// has a row that only it decides, and the freshness a book entry encodes is read correctly.
#include "models/askranking.h"
#include "support/marketbuilders.h"

#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

enum class Q { Fresh, Stale, Unknown, Unreachable };

proto::BookEntry ask(std::uint64_t id,
                     const char *price,
                     Q quality,
                     std::uint32_t latencyUs = 0,
                     std::uint32_t lossPpm = 0,
                     std::uint8_t distance = 2,
                     const char *createdAt = "2026-11-20T09:00:00Z")
{
    proto::BookEntry e = bookEntry(id, Side::Sell, "203.0.113.0/24", price, 100, createdAt);
    e.distance = distance;
    switch (quality) {
    case Q::Fresh:
        e.latencyUs = latencyUs;
        e.lossPpm = lossPpm;
        e.qualityKnown = 1;
        break;
    case Q::Stale:
        e.latencyUs = latencyUs;
        e.lossPpm = lossPpm;
        e.qualityKnown = 0;
        break;
    case Q::Unknown:
        e.latencyUs = 0;
        e.lossPpm = 0;
        e.qualityKnown = 0;
        break;
    case Q::Unreachable: // as the exchange encodes it (backend/market views.cpp)
        e.latencyUs = 0;
        e.lossPpm = 1'000'000;
        e.qualityKnown = 1;
        break;
    }
    return e;
}

using Entries = std::vector<proto::BookEntry>;
using Ids = QList<quint64>;

} // namespace

Q_DECLARE_METATYPE(Entries)
Q_DECLARE_METATYPE(bwx::proto::RankingWeights)

class tst_AskRanking : public QObject
{
    Q_OBJECT

private slots:
    void freshness_data();
    void freshness();
    void ranking_data();
    void ranking();
    void weightedScores();
    void buysAreIgnored();
};

void tst_AskRanking::freshness_data()
{
    QTest::addColumn<Entries>("entry");
    QTest::addColumn<int>("expected");
    QTest::newRow("known figures are fresh")
        << Entries{ask(1, "1", Q::Fresh, 4200, 50)} << int(QualityFreshness::Fresh);
    QTest::newRow("known with zero latency and loss is still fresh")
        << Entries{ask(1, "1", Q::Fresh, 0, 0)} << int(QualityFreshness::Fresh);
    QTest::newRow("unknown flag with figures is stale")
        << Entries{ask(1, "1", Q::Stale, 4200, 0)} << int(QualityFreshness::Stale);
    QTest::newRow("unknown flag with only loss is stale")
        << Entries{ask(1, "1", Q::Stale, 0, 10)} << int(QualityFreshness::Stale);
    QTest::newRow("no figures at all is unknown")
        << Entries{ask(1, "1", Q::Unknown)} << int(QualityFreshness::Unknown);
    QTest::newRow("total loss without latency is unreachable")
        << Entries{ask(1, "1", Q::Unreachable)} << int(QualityFreshness::Unreachable);
    QTest::newRow("total loss with a latency is a (bad) measurement")
        << Entries{ask(1, "1", Q::Fresh, 900, 1'000'000)} << int(QualityFreshness::Fresh);
}

void tst_AskRanking::freshness()
{
    QFETCH(Entries, entry);
    QFETCH(int, expected);
    QCOMPARE(int(freshnessOf(entry.front())), expected);
}

void tst_AskRanking::ranking_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<proto::RankingWeights>("weights");
    QTest::addColumn<Entries>("asks");
    QTest::addColumn<Ids>("expected");

    const int price = int(RankingMode::BestPrice);
    const int perf = int(RankingMode::BestPerformance);
    const int weighted = int(RankingMode::Weighted);
    const proto::RankingWeights none{};

    // Best price: 1 price, 2 time priority, 3 order id; quality plays no part.
    QTest::newRow("price: cheaper first whatever the quality")
        << price << none
        << Entries{ask(1, "12", Q::Fresh, 1000), ask(2, "11", Q::Unknown),
                   ask(3, "13", Q::Fresh, 500)}
        << Ids{2, 1, 3};
    QTest::newRow("price: same price, earlier time priority first")
        << price << none
        << Entries{ask(1, "12", Q::Fresh, 1000, 0, 2, "2026-11-20T10:00:00Z"),
                   ask(2, "12", Q::Fresh, 1000, 0, 2, "2026-11-20T09:00:00Z")}
        << Ids{2, 1};
    QTest::newRow("price: same price and time, lower order id first")
        << price << none << Entries{ask(9, "12", Q::Unknown), ask(4, "12", Q::Unknown)}
        << Ids{4, 9};

    // Best performance: 1 measured before not, 2 latency, 3 loss, 4 distance, 5 price, 6 time,
    // 7 order id.
    QTest::newRow("performance: lower latency first, price ignored")
        << perf << none
        << Entries{ask(1, "10", Q::Fresh, 20'000), ask(2, "20", Q::Fresh, 5'000),
                   ask(3, "30", Q::Fresh, 12'000)}
        << Ids{2, 3, 1};
    QTest::newRow("performance: unmeasured after every measured")
        << perf << none << Entries{ask(1, "1", Q::Unknown), ask(2, "50", Q::Fresh, 90'000)}
        << Ids{2, 1};
    QTest::newRow("performance: stale counts as unmeasured")
        << perf << none << Entries{ask(1, "1", Q::Stale, 1'000), ask(2, "50", Q::Fresh, 30'000)}
        << Ids{2, 1};
    QTest::newRow("performance: unreachable after reachable, before unmeasured")
        << perf << none
        << Entries{ask(1, "1", Q::Unknown), ask(2, "1", Q::Unreachable),
                   ask(3, "9", Q::Fresh, 250'000, 500'000)}
        << Ids{3, 2, 1};
    QTest::newRow("performance: same latency, lower loss first")
        << perf << none
        << Entries{ask(1, "1", Q::Fresh, 8'000, 300), ask(2, "2", Q::Fresh, 8'000, 20)}
        << Ids{2, 1};
    QTest::newRow("performance: same quality, shorter AS path first, unknown last")
        << perf << none
        << Entries{ask(1, "1", Q::Fresh, 8'000, 20, 4), ask(2, "2", Q::Fresh, 8'000, 20, 0),
                   ask(3, "3", Q::Fresh, 8'000, 20, 1)}
        << Ids{3, 1, 2};
    QTest::newRow("performance: same quality and distance, cheaper first")
        << perf << none
        << Entries{ask(1, "14", Q::Fresh, 8'000, 20), ask(2, "13", Q::Fresh, 8'000, 20)}
        << Ids{2, 1};
    QTest::newRow("performance: all equal, earlier time then lower id")
        << perf << none
        << Entries{ask(5, "1", Q::Unknown, 0, 0, 2, "2026-11-20T09:00:00Z"),
                   ask(3, "1", Q::Unknown, 0, 0, 2, "2026-11-20T09:00:00Z"),
                   ask(1, "1", Q::Unknown, 0, 0, 2, "2026-11-20T09:30:00Z")}
        << Ids{3, 5, 1};

    // Weighted: score = Σ weight × metric scaled 0..1,000,000 between best and worst known.
    const Entries mix{ask(1, "10", Q::Fresh, 30'000), ask(2, "20", Q::Fresh, 10'000),
                      ask(3, "30", Q::Fresh, 20'000)};
    QTest::newRow("weighted: price only is the price order")
        << weighted << proto::RankingWeights{1, 0, 0, 0} << mix << Ids{1, 2, 3};
    QTest::newRow("weighted: latency only is the latency order")
        << weighted << proto::RankingWeights{0, 1, 0, 0} << mix << Ids{2, 3, 1};
    QTest::newRow("weighted: equal weights balance price and latency")
        << weighted << proto::RankingWeights{1, 1, 0, 0} << mix << Ids{2, 1, 3};
    QTest::newRow("weighted: price weighs three times latency")
        << weighted << proto::RankingWeights{3, 1, 0, 0} << mix << Ids{1, 2, 3};
    QTest::newRow("weighted: unknown latency scores as the worst")
        << weighted << proto::RankingWeights{0, 1, 0, 0}
        << Entries{ask(1, "10", Q::Unknown), ask(2, "20", Q::Fresh, 90'000),
                   ask(3, "30", Q::Fresh, 10'000)}
        << Ids{3, 1, 2};
    QTest::newRow("weighted: equal score, cheaper first")
        << weighted << proto::RankingWeights{0, 0, 1, 0}
        << Entries{ask(1, "30", Q::Fresh, 1, 10), ask(2, "20", Q::Fresh, 2, 10)} << Ids{2, 1};
}

void tst_AskRanking::ranking()
{
    QFETCH(int, mode);
    QFETCH(proto::RankingWeights, weights);
    QFETCH(Entries, asks);
    QFETCH(Ids, expected);

    const std::vector<RankedAsk> ranked = rankAsks(asks, RankingMode(mode), weights);
    Ids ids;
    for (const RankedAsk &r : ranked)
        ids.append(r.entry.orderId.value());
    QCOMPARE(ids, expected);
    for (std::size_t i = 0; i < ranked.size(); ++i)
        QCOMPARE(ranked[i].rank, std::uint32_t(i + 1));

    // The order must not depend on the order the book happened to list the asks in.
    Entries reversed(asks.rbegin(), asks.rend());
    Ids again;
    for (const RankedAsk &r : rankAsks(reversed, RankingMode(mode), weights))
        again.append(r.entry.orderId.value());
    QCOMPARE(again, expected);
}

void tst_AskRanking::weightedScores()
{
    // Prices 10/20/30 scale to 0, 500000, 1000000; latencies 30/10/20 ms to 1000000, 0, 500000.
    const Entries mix{ask(1, "10", Q::Fresh, 30'000), ask(2, "20", Q::Fresh, 10'000),
                      ask(3, "30", Q::Fresh, 20'000)};
    const auto ranked = rankAsks(mix, RankingMode::Weighted, {2, 1, 0, 0});
    QCOMPARE(ranked.size(), std::size_t(3));
    QCOMPARE(ranked[0].entry.orderId.value(), 1u);
    QCOMPARE(ranked[0].score, std::int64_t(1'000'000));
    QCOMPARE(ranked[1].entry.orderId.value(), 2u);
    QCOMPARE(ranked[1].score, std::int64_t(1'000'000));
    QCOMPARE(ranked[2].score, std::int64_t(2'500'000));
}

void tst_AskRanking::buysAreIgnored()
{
    Entries entries{ask(1, "10", Q::Unknown), bookEntry(2, Side::Buy, "203.0.113.0/24", "50", 10)};
    const auto ranked = rankAsks(entries, RankingMode::BestPerformance, {});
    QCOMPARE(ranked.size(), std::size_t(1));
    QCOMPARE(ranked[0].entry.orderId.value(), 1u);
}

QTEST_APPLESS_MAIN(tst_AskRanking)
#include "tst_askranking.moc"
