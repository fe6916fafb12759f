// OrderBookView's ranking switch: choosing a ranking reorders the model's asks, shows the Rank
// column only for the non-price rankings, and the weights from order entry reach the model.
#include "models/orderbookmodel.h"
#include "support/marketbuilders.h"
#include "views/orderbookview.h"

#include <QComboBox>
#include <QDir>
#include <QTableView>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

proto::BookEntry sell(std::uint64_t id,
                      const char *prefix,
                      const char *price,
                      int mbpsValue,
                      std::uint32_t latencyUs,
                      std::uint32_t lossPpm,
                      std::uint8_t known,
                      std::uint8_t distance)
{
    proto::BookEntry e = bookEntry(id, Side::Sell, prefix, price, mbpsValue);
    e.latencyUs = latencyUs;
    e.lossPpm = lossPpm;
    e.qualityKnown = known;
    e.distance = distance;
    return e;
}

} // namespace

Q_DECLARE_METATYPE(bwx::proto::RankingWeights)

class tst_OrderBookView : public QObject
{
    Q_OBJECT

private slots:
    void rankingSwitch_data();
    void rankingSwitch();
};

void tst_OrderBookView::rankingSwitch_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QList<int>>("weights");
    QTest::addColumn<QList<quint64>>("asksBestLast"); // order ids, top row first
    QTest::addColumn<proto::RankingWeights>("modelWeights");

    QTest::newRow("best price: one level per price")
        << int(RankingMode::BestPrice) << QList<int>{} << QList<quint64>{3, 4, 1}
        << proto::RankingWeights{};
    QTest::newRow("best performance: the fastest next to the bids")
        << int(RankingMode::BestPerformance) << QList<int>{} << QList<quint64>{4, 1, 3, 2}
        << proto::RankingWeights{};
    QTest::newRow("weighted with order entry's weights")
        << int(RankingMode::Weighted) << QList<int>{1, 0, 0, 0} << QList<quint64>{3, 4, 2, 1}
        << proto::RankingWeights{1, 0, 0, 0};
    QTest::newRow("weighted without weights uses equal weights")
        << int(RankingMode::Weighted) << QList<int>{0, 0, 0, 0} << QList<quint64>{4, 3, 2, 1}
        << proto::RankingWeights{1, 1, 1, 1};
}

void tst_OrderBookView::rankingSwitch()
{
    QFETCH(int, mode);
    QFETCH(QList<int>, weights);
    QFETCH(QList<quint64>, asksBestLast);
    QFETCH(proto::RankingWeights, modelWeights);

    OrderBookModel model;
    OrderBookView view(&model);
    view.resize(760, 320);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    model.setPrefix(pfx("203.0.113.0/24"));
    model.applySnapshot({pfx("203.0.113.0/24"),
                         1,
                         {sell(1, "203.0.113.0/24", "0.42", 500, 30'000, 10, 1, 2),
                          sell(2, "203.0.0.0/16", "0.42", 2000, 2'000, 100, 1, 3),
                          sell(3, "203.0.0.0/16", "0.48", 4000, 20'000, 0, 1, 2),
                          sell(4, "203.0.113.0/24", "0.45", 1000, 9'000, 120, 0, 1),
                          bookEntry(5, Side::Buy, "203.0.113.0/24", "0.40", 200),
                          bookEntry(6, Side::Buy, "203.0.113.0/24", "0.38", 300)}});
    if (!weights.isEmpty())
        view.setWeights({std::uint16_t(weights[0]), std::uint16_t(weights[1]),
                         std::uint16_t(weights[2]), std::uint16_t(weights[3])});
    QComboBox *combo = view.rankingCombo();
    combo->setCurrentIndex(combo->findData(mode));
    QCOMPARE(int(model.ranking()), mode);
    QCOMPARE(model.weights(), modelWeights);
    QCOMPARE(view.stackedTable()->isColumnHidden(OrderBookModel::RankColumn),
             mode == int(RankingMode::BestPrice));

    QList<quint64> asks;
    for (int r = 0; r < model.rowCount(); ++r) {
        const BookLevel *level = model.levelAt(r);
        if (level->side == Side::Sell)
            asks.append(level->entries.front().orderId.value());
    }
    QCOMPARE(asks, asksBestLast);

    if (mode == int(RankingMode::BestPerformance)) {
        const QString shots = QCoreApplication::applicationDirPath() + "/screenshots";
        QDir().mkpath(shots);
        QVERIFY(view.grab().save(shots + "/terminal-book-performance.png"));
    }
    view.setRanking(RankingMode::BestPrice);
    QCOMPARE(int(model.ranking()), int(RankingMode::BestPrice));
    QVERIFY(view.stackedTable()->isColumnHidden(OrderBookModel::RankColumn));
}

QTEST_MAIN(tst_OrderBookView)
#include "tst_orderbookview.moc"
