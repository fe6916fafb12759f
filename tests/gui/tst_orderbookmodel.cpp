// OrderBookModel under QAbstractItemModelTester: the depth ladder of one prefix from snapshots
// and incremental updates, with price grouping, cumulative depth and source prefixes; the
// sellers' latency and loss (fresh, stale, unknown); and the asks reordered by ranking mode.
#include "models/orderbookmodel.h"
#include "support/marketbuilders.h"

#include "models/askranking.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QRandomGenerator>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

struct BookStep
{
    bool snapshot = false;
    const char *prefix = "203.0.113.0/24";
    quint64 seq = 0;
    std::vector<proto::BookEntry> entries;  // snapshot
    std::vector<proto::BookChange> changes; // update
    ApplyResult expected = ApplyResult::Applied;
};
using BookScript = QList<BookStep>;

BookStep snap(quint64 seq, std::vector<proto::BookEntry> entries)
{
    BookStep step;
    step.snapshot = true;
    step.seq = seq;
    step.entries = std::move(entries);
    return step;
}

BookStep upd(quint64 seq,
             std::vector<proto::BookChange> changes,
             ApplyResult expected = ApplyResult::Applied)
{
    BookStep step;
    step.seq = seq;
    step.changes = std::move(changes);
    step.expected = expected;
    return step;
}

BookStep other(BookStep step)
{
    step.prefix = "198.51.100.0/24";
    return step;
}

const auto S = Side::Sell;
const auto B = Side::Buy;
const auto Add = proto::BookAction::Add;
const auto Mod = proto::BookAction::Modify;
const auto Del = proto::BookAction::Remove;

// The ladder's structure: the columns the ladder tests compare. Quality and rank have their own.
const QList<int> kLadderColumns{OrderBookModel::SideColumn,       OrderBookModel::PriceColumn,
                                OrderBookModel::SizeColumn,       OrderBookModel::CumulativeColumn,
                                OrderBookModel::OrdersColumn,     OrderBookModel::SourceColumn};

QStringList render(const QAbstractItemModel &model, const QList<int> &columns = kLadderColumns)
{
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c : columns)
            cells.append(model.index(r, c).data().toString());
        rows.append(cells.join(QLatin1String(" | ")));
    }
    return rows;
}

const QList<int> kRankedColumns{OrderBookModel::SideColumn,    OrderBookModel::RankColumn,
                                OrderBookModel::PriceColumn,   OrderBookModel::LatencyColumn,
                                OrderBookModel::LossColumn,    OrderBookModel::CumulativeColumn};

proto::BookEntry withQuality(proto::BookEntry e,
                             std::uint32_t latencyUs,
                             std::uint32_t lossPpm,
                             std::uint8_t known,
                             std::uint8_t distance = 2)
{
    e.latencyUs = latencyUs;
    e.lossPpm = lossPpm;
    e.qualityKnown = known;
    e.distance = distance;
    return e;
}

} // namespace

Q_DECLARE_METATYPE(BookStep)
Q_DECLARE_METATYPE(BookScript)
Q_DECLARE_METATYPE(bwx::proto::RankingWeights)
Q_DECLARE_METATYPE(std::vector<bwx::proto::BookEntry>)

class tst_OrderBookModel : public QObject
{
    Q_OBJECT

private slots:
    void messages_data();
    void messages();
    void grouping_data();
    void grouping();
    void groupedPriceRounding_data();
    void groupedPriceRounding();
    void randomUpdatesMatchRebuild();
    void switchingPrefixResets();
    void tooltipListsOrders();
    void qualityColumns_data();
    void qualityColumns();
    void rankingReordersAsks_data();
    void rankingReordersAsks();
    void rankedUpdatesMatchRebuild();
};

void tst_OrderBookModel::messages_data()
{
    QTest::addColumn<BookScript>("script");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<bool>("loaded");

    // A /24 book: sells on the /24 and on covering /16 and /8; buys on the /24 and a /25.
    const auto sells = [] {
        return std::vector<proto::BookEntry>{
            bookEntry(1, S, "203.0.113.0/24", "12", 100, "2026-11-20T09:00:00Z"),
            bookEntry(2, S, "203.0.0.0/16", "12", 50, "2026-11-20T08:00:00Z"),
            bookEntry(3, S, "203.0.0.0/8", "14.5", 1000),
        };
    };
    const auto buys = [] {
        return std::vector<proto::BookEntry>{
            bookEntry(10, B, "203.0.113.0/24", "11", 40),
            bookEntry(11, B, "203.0.113.128/25", "10", 20),
            bookEntry(12, B, "203.0.113.0/24", "10", 10),
        };
    };
    auto both = sells();
    for (const auto &e : buys())
        both.push_back(e);

    const QStringList ladder{
        "Sell | 14.50 | 1000 Mbps | 1150 Mbps | 1 | 203.0.0.0/8",
        "Sell | 12.00 | 150 Mbps | 150 Mbps | 2 | 203.0.113.0/24, 203.0.0.0/16",
        "Buy | 11.00 | 40 Mbps | 40 Mbps | 1 | 203.0.113.0/24",
        "Buy | 10.00 | 30 Mbps | 70 Mbps | 2 | 203.0.113.0/24, 203.0.113.128/25",
    };

    QTest::newRow("snapshot builds the ladder: asks high to low, then bids")
        << BookScript{snap(7, both)} << ladder << true;
    QTest::newRow("empty snapshot is an empty loaded book")
        << BookScript{snap(7, {})} << QStringList{} << true;
    QTest::newRow("snapshot of another prefix is ignored")
        << BookScript{other(snap(7, both))} << QStringList{} << false;
    QTest::newRow("add at a new price inserts a level between the sides")
        << BookScript{snap(7, both),
                      upd(8, {change(Add, bookEntry(4, S, "203.0.113.0/24", "11.5", 5))})}
        << QStringList{ladder[0].section(" | ", 0, 2) + " | 1155 Mbps | 1 | 203.0.0.0/8",
                       "Sell | 12.00 | 150 Mbps | 155 Mbps | 2 | 203.0.113.0/24, 203.0.0.0/16",
                       "Sell | 11.50 | 5 Mbps | 5 Mbps | 1 | 203.0.113.0/24", ladder[2], ladder[3]}
        << true;
    QTest::newRow("add at an existing price joins the level")
        << BookScript{snap(7, both),
                      upd(8, {change(Add, bookEntry(13, B, "203.0.113.0/24", "11", 60))})}
        << QStringList{ladder[0], ladder[1],
                       "Buy | 11.00 | 100 Mbps | 100 Mbps | 2 | 203.0.113.0/24 ×2",
                       "Buy | 10.00 | 30 Mbps | 130 Mbps | 2 | 203.0.113.0/24, 203.0.113.128/25"}
        << true;
    QTest::newRow("modify after a partial fill shrinks the level")
        << BookScript{snap(7, both),
                      upd(8, {change(Mod, bookEntry(2, S, "203.0.0.0/16", "12", 20))})}
        << QStringList{"Sell | 14.50 | 1000 Mbps | 1120 Mbps | 1 | 203.0.0.0/8",
                       "Sell | 12.00 | 120 Mbps | 120 Mbps | 2 | 203.0.113.0/24, 203.0.0.0/16",
                       ladder[2], ladder[3]}
        << true;
    QTest::newRow("modify to another price moves the order between levels")
        << BookScript{snap(7, both),
                      upd(8, {change(Mod, bookEntry(10, B, "203.0.113.0/24", "10", 40))})}
        << QStringList{ladder[0], ladder[1],
                       "Buy | 10.00 | 70 Mbps | 70 Mbps | 3 | 203.0.113.0/24 ×2, 203.0.113.128/25"}
        << true;
    QTest::newRow("removing the last order of a level removes the row")
        << BookScript{snap(7, both),
                      upd(8, {change(Del, bookEntry(3, S, "203.0.0.0/8", "14.5", 1000))})}
        << QStringList{ladder[1], ladder[2], ladder[3]} << true;
    QTest::newRow("removing every order empties the book")
        << BookScript{snap(7, sells()), upd(8, {change(Del, sells()[0]), change(Del, sells()[1]),
                                                change(Del, sells()[2])})}
        << QStringList{} << true;
    QTest::newRow("updates build a book from empty")
        << BookScript{snap(1, {}), upd(2, {change(Add, buys()[0])}),
                      upd(3, {change(Add, sells()[2])})}
        << QStringList{"Sell | 14.50 | 1000 Mbps | 1000 Mbps | 1 | 203.0.0.0/8",
                       "Buy | 11.00 | 40 Mbps | 40 Mbps | 1 | 203.0.113.0/24"}
        << true;
    QTest::newRow("update of another prefix is ignored")
        << BookScript{snap(7, both),
                      other(upd(8, {change(Add, bookEntry(9, S, "198.51.100.0/24", "1", 1))},
                                ApplyResult::Ignored))}
        << ladder << true;
    QTest::newRow("update before the snapshot is ignored")
        << BookScript{upd(8, {change(Add, buys()[0])}, ApplyResult::Ignored)} << QStringList{}
        << false;
    QTest::newRow("duplicate update is ignored")
        << BookScript{snap(7, both), upd(7, {change(Del, sells()[0])}, ApplyResult::Ignored)}
        << ladder << true;
    QTest::newRow("sequence gap keeps the book and waits for a snapshot")
        << BookScript{snap(7, both), upd(9, {change(Del, sells()[0])}, ApplyResult::Gap),
                      upd(10, {change(Del, sells()[1])}, ApplyResult::Ignored)}
        << ladder << false;
    QTest::newRow("removing an unknown order is a gap and changes nothing") << BookScript{
        snap(7, both),
        upd(8, {change(Del, sells()[0]), change(Del, bookEntry(99, S, "203.0.113.0/24", "1", 1))},
            ApplyResult::Gap)} << ladder << false;
    QTest::newRow("modifying an unknown order is a gap") << BookScript{
        snap(7, both), upd(8, {change(Mod, bookEntry(99, B, "203.0.113.0/24", "1", 1))},
                           ApplyResult::Gap)} << ladder << false;
    QTest::newRow("snapshot after a gap replaces the book")
        << BookScript{snap(7, both), upd(9, {}, ApplyResult::Gap), snap(30, buys()),
                      upd(31, {change(Del, buys()[1])})}
        << QStringList{ladder[2], "Buy | 10.00 | 10 Mbps | 50 Mbps | 1 | 203.0.113.0/24"} << true;
}

void tst_OrderBookModel::messages()
{
    QFETCH(BookScript, script);
    QFETCH(QStringList, expected);
    QFETCH(bool, loaded);

    OrderBookModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPrefix(pfx("203.0.113.0/24"));
    for (const BookStep &step : script) {
        if (step.snapshot) {
            model.applySnapshot({pfx(step.prefix), step.seq, step.entries});
        } else {
            const ApplyResult result
                = model.applyUpdate({pfx(step.prefix), step.seq, step.changes});
            QCOMPARE(int(result), int(step.expected));
        }
    }
    QCOMPARE(render(model), expected);
    QCOMPARE(model.isLoaded(), loaded);
}

void tst_OrderBookModel::grouping_data()
{
    QTest::addColumn<QString>("grouping");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("no grouping keeps exact prices")
        << "0"
        << QStringList{"Sell | 12.30 | 10 Mbps | 30 Mbps | 1 | 203.0.113.0/24",
                       "Sell | 12.10 | 20 Mbps | 20 Mbps | 1 | 203.0.113.0/24",
                       "Buy | 11.90 | 5 Mbps | 5 Mbps | 1 | 203.0.113.0/24",
                       "Buy | 11.20 | 7 Mbps | 12 Mbps | 1 | 203.0.113.0/24"};
    QTest::newRow("grouping by 0.50 rounds asks up and bids down")
        << "0.5"
        << QStringList{"Sell | 12.50 | 30 Mbps | 30 Mbps | 2 | 203.0.113.0/24 ×2",
                       "Buy | 11.50 | 5 Mbps | 5 Mbps | 1 | 203.0.113.0/24",
                       "Buy | 11.00 | 7 Mbps | 12 Mbps | 1 | 203.0.113.0/24"};
    QTest::newRow("grouping by 5 merges each side into one level")
        << "5"
        << QStringList{"Sell | 15.00 | 30 Mbps | 30 Mbps | 2 | 203.0.113.0/24 ×2",
                       "Buy | 10.00 | 12 Mbps | 12 Mbps | 2 | 203.0.113.0/24 ×2"};
}

void tst_OrderBookModel::grouping()
{
    QFETCH(QString, grouping);
    QFETCH(QStringList, expected);

    OrderBookModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPrefix(pfx("203.0.113.0/24"));
    model.applySnapshot({pfx("203.0.113.0/24"),
                         1,
                         {bookEntry(1, S, "203.0.113.0/24", "12.1", 20),
                          bookEntry(2, S, "203.0.113.0/24", "12.3", 10),
                          bookEntry(3, B, "203.0.113.0/24", "11.9", 5),
                          bookEntry(4, B, "203.0.113.0/24", "11.2", 7)}});
    model.setGrouping(px(grouping.toUtf8().constData()));
    QCOMPARE(render(model), expected);
    // A bid far below joins as a new last level; the grouped levels above stay as they were.
    QCOMPARE(
        int(model.applyUpdate(
            {pfx("203.0.113.0/24"), 2, {change(Add, bookEntry(5, B, "203.0.113.0/24", "1", 1))}})),
        int(ApplyResult::Applied));
    QCOMPARE(model.rowCount(), expected.size() + 1);
    QCOMPARE(render(model).mid(0, expected.size()), expected);
}

void tst_OrderBookModel::groupedPriceRounding_data()
{
    QTest::addColumn<int>("side");
    QTest::addColumn<qlonglong>("price");
    QTest::addColumn<qlonglong>("grouping");
    QTest::addColumn<qlonglong>("expected");

    QTest::newRow("bid rounds down") << int(Side::Buy) << 1'234'567LL << 10'000LL << 1'230'000LL;
    QTest::newRow("ask rounds up") << int(Side::Sell) << 1'234'567LL << 10'000LL << 1'240'000LL;
    QTest::newRow("ask on the grid stays")
        << int(Side::Sell) << 1'240'000LL << 10'000LL << 1'240'000LL;
    QTest::newRow("bid on the grid stays")
        << int(Side::Buy) << 1'240'000LL << 10'000LL << 1'240'000LL;
    QTest::newRow("grouping 1 is exact") << int(Side::Sell) << 1'234'567LL << 1LL << 1'234'567LL;
    QTest::newRow("negative bid rounds down") << int(Side::Buy) << -5LL << 10LL << -10LL;
    QTest::newRow("negative ask rounds up") << int(Side::Sell) << -5LL << 10LL << 0LL;
}

void tst_OrderBookModel::groupedPriceRounding()
{
    QFETCH(int, side);
    QFETCH(qlonglong, price);
    QFETCH(qlonglong, grouping);
    QFETCH(qlonglong, expected);
    QCOMPARE(groupedPrice(static_cast<Side>(side), Price(price), Price(grouping)).value(),
             expected);
}

void tst_OrderBookModel::randomUpdatesMatchRebuild()
{
    // The model merges each new ladder into the old one row by row; whatever the sequence,
    // the result must equal a ladder built from scratch, and the tester must stay quiet.
    QRandomGenerator random(20261126);
    OrderBookModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const net::Prefix book = pfx("203.0.113.0/24");
    const char *prefixes[] = {"203.0.113.0/24", "203.0.0.0/16", "203.0.113.0/25", "0.0.0.0/0"};
    model.setPrefix(book);
    model.setGrouping(Price(random.bounded(2) ? 250'000 : 0));
    model.applySnapshot({book, 1, {}});
    std::map<std::uint64_t, proto::BookEntry> reference;
    std::uint64_t nextId = 1;
    for (quint64 seq = 2; seq < 600; ++seq) {
        std::vector<proto::BookChange> changes;
        const int count = 1 + static_cast<int>(random.bounded(3));
        for (int i = 0; i < count; ++i) {
            const int action = static_cast<int>(random.bounded(3));
            if (action == 0 || reference.empty()) {
                const Side side = random.bounded(2) ? Side::Buy : Side::Sell;
                proto::BookEntry e = bookEntry(nextId++, side, prefixes[random.bounded(4)], "1",
                                               1 + static_cast<int>(random.bounded(100)));
                e.price = Price((side == Side::Buy ? 5'000'000 : 9'000'000)
                                + static_cast<std::int64_t>(random.bounded(8)) * 500'000);
                reference[e.orderId.value()] = e;
                changes.push_back(change(Add, e));
            } else {
                auto it = reference.begin();
                std::advance(it, random.bounded(static_cast<quint32>(reference.size())));
                if (action == 1) {
                    it->second.remaining = mbps(1 + static_cast<int>(random.bounded(100)));
                    if (random.bounded(3) == 0)
                        it->second.price = it->second.price + Price(500'000);
                    changes.push_back(change(Mod, it->second));
                } else {
                    changes.push_back(change(Del, it->second));
                    reference.erase(it);
                }
            }
        }
        QCOMPARE(int(model.applyUpdate({book, seq, changes})), int(ApplyResult::Applied));
        const std::vector<BookLevel> expected = buildLadder(reference, model.grouping());
        QCOMPARE(model.rowCount(), static_cast<int>(expected.size()));
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY2(*model.levelAt(r) == expected[static_cast<std::size_t>(r)],
                     qPrintable(QStringLiteral("row %1 after seq %2").arg(r).arg(seq)));
    }
    QVERIFY(model.orderCount() > 0);
}

void tst_OrderBookModel::switchingPrefixResets()
{
    OrderBookModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPrefix(pfx("203.0.113.0/24"));
    model.applySnapshot({pfx("203.0.113.0/24"), 3, {bookEntry(1, S, "203.0.113.0/24", "1", 1)}});
    QCOMPARE(model.rowCount(), 1);
    model.setPrefix(pfx("198.51.100.0/24"));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isLoaded());
    model.applySnapshot({pfx("203.0.113.0/24"), 4, {bookEntry(1, S, "203.0.113.0/24", "1", 1)}});
    QCOMPARE(model.rowCount(), 0);
    model.setPrefix(std::nullopt);
    QVERIFY(!model.prefix());
}

void tst_OrderBookModel::tooltipListsOrders()
{
    OrderBookModel model;
    model.setPrefix(pfx("203.0.113.0/24"));
    model.applySnapshot({pfx("203.0.113.0/24"),
                         1,
                         {bookEntry(7, S, "203.0.0.0/16", "12", 50, "2026-11-20T08:00:00Z"),
                          bookEntry(5, S, "203.0.113.0/24", "12", 100, "2026-11-20T09:00:00Z")}});
    const QString tip
        = model.index(0, OrderBookModel::PriceColumn).data(Qt::ToolTipRole).toString();
    const QStringList lines = tip.split('\n');
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QStringLiteral("Sell at 12.00: 2 order(s)"));
    // Time priority: the earlier order first.
    QVERIFY2(lines[1].startsWith(QStringLiteral("#7  203.0.0.0/16  50 Mbps at 12.00")),
             qPrintable(lines[1]));
    QVERIFY2(lines[2].contains(QStringLiteral("4.2 ms, loss 50 ppm, 2 AS hops")),
             qPrintable(lines[2]));
}

using Entries = std::vector<proto::BookEntry>;

void tst_OrderBookModel::qualityColumns_data()
{
    QTest::addColumn<Entries>("entries");
    QTest::addColumn<QStringList>("expected"); // latency | loss per row
    QTest::addColumn<QList<int>>("freshness");  // FreshnessRole per row, -1 for none

    const auto sell = [](std::uint64_t id, const char *price) {
        return bookEntry(id, S, "203.0.113.0/24", price, 100);
    };
    const int fresh = int(QualityFreshness::Fresh);
    const int stale = int(QualityFreshness::Stale);
    const int unknown = int(QualityFreshness::Unknown);
    const int unreachable = int(QualityFreshness::Unreachable);

    QTest::newRow("fresh figures in ms and ppm")
        << Entries{withQuality(sell(1, "12"), 4'249, 50, 1)} << QStringList{"4.2 ms | 50 ppm"}
        << QList<int>{fresh};
    QTest::newRow("latency rounds to the nearest tenth")
        << Entries{withQuality(sell(1, "12"), 4'250, 0, 1)} << QStringList{"4.3 ms | 0 ppm"}
        << QList<int>{fresh};
    QTest::newRow("never measured shows a dash")
        << Entries{withQuality(sell(1, "12"), 0, 0, 0)} << QStringList{"— | —"}
        << QList<int>{unknown};
    QTest::newRow("stale figures are marked")
        << Entries{withQuality(sell(1, "12"), 9'000, 120, 0)}
        << QStringList{"9.0 ms (stale) | 120 ppm (stale)"} << QList<int>{stale};
    QTest::newRow("unreachable destination")
        << Entries{withQuality(sell(1, "12"), 0, 1'000'000, 1)}
        << QStringList{"unreachable | 1000000 ppm"} << QList<int>{unreachable};
    QTest::newRow("a level shows the range of its fresh figures")
        << Entries{withQuality(sell(1, "12"), 3'000, 10, 1), withQuality(sell(2, "12"), 7'500, 40, 1),
                   withQuality(sell(3, "12"), 0, 0, 0)}
        << QStringList{"3.0 ms–7.5 ms | 10 ppm–40 ppm"} << QList<int>{fresh};
    QTest::newRow("fresh beats stale in a mixed level")
        << Entries{withQuality(sell(1, "12"), 3'000, 10, 0), withQuality(sell(2, "12"), 7'500, 40, 1)}
        << QStringList{"7.5 ms | 40 ppm"} << QList<int>{fresh};
    QTest::newRow("bids carry no measurements")
        << Entries{bookEntry(5, B, "203.0.113.0/24", "10", 10)} << QStringList{" | "}
        << QList<int>{-1};
}

void tst_OrderBookModel::qualityColumns()
{
    QFETCH(Entries, entries);
    QFETCH(QStringList, expected);
    QFETCH(QList<int>, freshness);

    OrderBookModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPrefix(pfx("203.0.113.0/24"));
    model.applySnapshot({pfx("203.0.113.0/24"), 1, entries});
    QCOMPARE(render(model, {OrderBookModel::LatencyColumn, OrderBookModel::LossColumn}), expected);
    for (int r = 0; r < model.rowCount(); ++r) {
        const QVariant f = model.index(r, OrderBookModel::LatencyColumn)
                               .data(OrderBookModel::FreshnessRole);
        QCOMPARE(f.isValid() ? f.toInt() : -1, freshness[r]);
        const QVariant font = model.index(r, OrderBookModel::LatencyColumn).data(Qt::FontRole);
        QCOMPARE(font.isValid() && font.value<QFont>().italic(),
                 freshness[r] == int(QualityFreshness::Stale));
    }
}

void tst_OrderBookModel::rankingReordersAsks_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<proto::RankingWeights>("weights");
    QTest::addColumn<QStringList>("expected");

    // Side | Rank | Price | Latency | Loss | Cumulative; the best ask sits next to the bids.
    QTest::newRow("price: levels by price, no ranks")
        << int(RankingMode::BestPrice) << proto::RankingWeights{}
        << QStringList{"Sell |  | 14.00 | 20.0 ms | 0 ppm | 250 Mbps",
                       "Sell |  | 13.00 | — | — | 150 Mbps",
                       "Sell |  | 12.00 | 2.0 ms–30.0 ms | 10 ppm–100 ppm | 100 Mbps",
                       "Buy |  | 10.00 |  |  | 10 Mbps"};
    QTest::newRow("performance: one row per ask, fastest next to the bids")
        << int(RankingMode::BestPerformance) << proto::RankingWeights{}
        << QStringList{"Sell | 4 | 13.00 | — | — | 250 Mbps",
                       "Sell | 3 | 12.00 | 30.0 ms | 10 ppm | 200 Mbps",
                       "Sell | 2 | 14.00 | 20.0 ms | 0 ppm | 150 Mbps",
                       "Sell | 1 | 12.00 | 2.0 ms | 100 ppm | 50 Mbps",
                       "Buy |  | 10.00 |  |  | 10 Mbps"};
    QTest::newRow("weighted: the member's weights")
        << int(RankingMode::Weighted) << proto::RankingWeights{0, 0, 1, 0}
        << QStringList{"Sell | 4 | 13.00 | — | — | 250 Mbps",
                       "Sell | 3 | 12.00 | 2.0 ms | 100 ppm | 200 Mbps",
                       "Sell | 2 | 12.00 | 30.0 ms | 10 ppm | 150 Mbps",
                       "Sell | 1 | 14.00 | 20.0 ms | 0 ppm | 100 Mbps",
                       "Buy |  | 10.00 |  |  | 10 Mbps"};
}

void tst_OrderBookModel::rankingReordersAsks()
{
    QFETCH(int, mode);
    QFETCH(proto::RankingWeights, weights);
    QFETCH(QStringList, expected);

    OrderBookModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPrefix(pfx("203.0.113.0/24"));
    model.applySnapshot(
        {pfx("203.0.113.0/24"),
         1,
         {withQuality(bookEntry(1, S, "203.0.113.0/24", "12", 50), 30'000, 10, 1),
          withQuality(bookEntry(2, S, "203.0.0.0/16", "12", 50), 2'000, 100, 1),
          withQuality(bookEntry(3, S, "203.0.113.0/24", "14", 100), 20'000, 0, 1),
          withQuality(bookEntry(4, S, "203.0.113.0/24", "13", 50), 0, 0, 0),
          bookEntry(5, B, "203.0.113.0/24", "10", 10)}});
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setRanking(RankingMode(mode), weights);
    QCOMPARE(resets.size(), mode == int(RankingMode::BestPrice) ? 0 : 1);
    QCOMPARE(render(model, kRankedColumns), expected);
    // Back to price: the same ladder as before the switch.
    model.setRanking(RankingMode::BestPrice);
    QCOMPARE(render(model, kRankedColumns).size(), 4);
}

void tst_OrderBookModel::rankedUpdatesMatchRebuild()
{
    // Incremental updates under a performance ranking must leave exactly the ladder a fresh
    // build gives, through valid row insertions and removals (the tester checks those).
    QRandomGenerator rng(20261126);
    OrderBookModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPrefix(pfx("203.0.113.0/24"));
    model.setRanking(RankingMode::BestPerformance);
    model.applySnapshot({pfx("203.0.113.0/24"), 1, {}});
    std::map<std::uint64_t, proto::BookEntry> book;
    quint64 seq = 1;
    for (int step = 0; step < 300; ++step) {
        const std::uint64_t id = 1 + rng.bounded(25u);
        const Side side = rng.bounded(3u) == 0 ? B : S;
        proto::BookChange c;
        if (book.contains(id) && rng.bounded(3u) == 0) {
            c = change(Del, book[id]);
            book.erase(id);
        } else {
            proto::BookEntry e = bookEntry(id, book.contains(id) ? book[id].side : side,
                                           "203.0.113.0/24",
                                           QByteArray::number(10 + rng.bounded(5u)).constData(),
                                           10 * int(1 + rng.bounded(9u)));
            if (e.side == S)
                e = withQuality(e, 1'000 * rng.bounded(4u), 10 * rng.bounded(3u),
                                std::uint8_t(rng.bounded(2u)), std::uint8_t(rng.bounded(4u)));
            c = change(book.contains(id) ? Mod : Add, e);
            book[id] = e;
        }
        QCOMPARE(int(model.applyUpdate({pfx("203.0.113.0/24"), ++seq, {c}})),
                 int(ApplyResult::Applied));
        const auto expected = buildLadder(book, model.grouping(), model.ranking(), model.weights());
        QCOMPARE(model.rowCount(), int(expected.size()));
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY2(*model.levelAt(r) == expected[std::size_t(r)],
                     qPrintable(QStringLiteral("row %1 at step %2").arg(r).arg(step)));
    }
}

QTEST_MAIN(tst_OrderBookModel)
#include "tst_orderbookmodel.moc"
