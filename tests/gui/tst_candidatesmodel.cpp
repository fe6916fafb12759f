// CandidatesModel under QAbstractItemModelTester: the candidate list of a buy as the exchange
// sends it, eligible sells by rank first, ineligible ones after them with the reason.
#include "candidates/candidatesmodel.h"
#include "candidates/takeparams.h"
#include "support/marketbuilders.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

proto::Candidate candidate(std::uint64_t id,
                           const char *price,
                           std::uint32_t rank,
                           proto::ResultCode reason = proto::ResultCode::Ok,
                           const char *explanation = "")
{
    proto::Candidate c;
    c.entry = bookEntry(id, Side::Sell, "203.0.0.0/16", price, 100);
    c.rank = rank;
    c.score = rank;
    c.reason = reason;
    c.explanation = explanation;
    return c;
}

using Candidates = std::vector<proto::Candidate>;

QStringList column(const QAbstractItemModel &model, int c)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out.append(model.index(r, c).data().toString());
    return out;
}

} // namespace

Q_DECLARE_METATYPE(Candidates)

class tst_CandidatesModel : public QObject
{
    Q_OBJECT

private slots:
    void rows_data();
    void rows();
    void qualityCells();
    void takeIsImmediate_data();
    void takeIsImmediate();
};

void tst_CandidatesModel::rows_data()
{
    QTest::addColumn<Candidates>("candidates");
    QTest::addColumn<QStringList>("orders");
    QTest::addColumn<QStringList>("ranks");
    QTest::addColumn<QStringList>("eligibility");
    QTest::addColumn<int>("eligible");

    QTest::newRow("empty list") << Candidates{} << QStringList{} << QStringList{} << QStringList{}
                                << 0;
    QTest::newRow("eligible by rank, as sent")
        << Candidates{candidate(7, "12", 1), candidate(3, "11", 2)} << QStringList{"#7", "#3"}
        << QStringList{"1", "2"} << QStringList{"eligible", "eligible"} << 2;
    QTest::newRow("ranked ones first even when sent mixed")
        << Candidates{candidate(5, "9", 0, proto::ResultCode::LatencyAboveLimit,
                                "latency 40.0 ms above the limit of 20.0 ms"),
                      candidate(8, "14", 2), candidate(6, "13", 1)}
        << QStringList{"#6", "#8", "#5"} << QStringList{"1", "2", "—"}
        << QStringList{"eligible", "eligible", "latency 40.0 ms above the limit of 20.0 ms"} << 2;
    QTest::newRow("without an explanation the result code says why")
        << Candidates{candidate(5, "9", 0, proto::ResultCode::TrafficTypeMismatch)}
        << QStringList{"#5"} << QStringList{"—"}
        << QStringList{QString::fromUtf8(proto::describe(proto::ResultCode::TrafficTypeMismatch))}
        << 0;
}

void tst_CandidatesModel::rows()
{
    QFETCH(Candidates, candidates);
    QFETCH(QStringList, orders);
    QFETCH(QStringList, ranks);
    QFETCH(QStringList, eligibility);
    QFETCH(int, eligible);

    CandidatesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCandidates(candidates);
    QCOMPARE(column(model, CandidatesModel::OrderColumn), orders);
    QCOMPARE(column(model, CandidatesModel::RankColumn), ranks);
    QCOMPARE(column(model, CandidatesModel::EligibilityColumn), eligibility);
    QCOMPARE(model.eligibleCount(), eligible);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.index(r, 0).data(CandidatesModel::EligibleRole).toBool(),
                 model.candidateAt(r)->rank != 0);
    if (!candidates.empty())
        QCOMPARE(model.rowOf(candidates.front().entry.orderId) >= 0, true);
    QCOMPARE(model.rowOf(OrderId(999)), -1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_CandidatesModel::qualityCells()
{
    CandidatesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proto::Candidate stale = candidate(2, "12", 2);
    stale.entry.qualityKnown = 0; // keeps its figures: stale
    proto::Candidate unknown = candidate(3, "12", 3);
    unknown.entry.qualityKnown = 0;
    unknown.entry.latencyUs = 0;
    unknown.entry.lossPpm = 0;
    unknown.entry.distance = 0;
    model.setCandidates({candidate(1, "12", 1), stale, unknown});
    QCOMPARE(column(model, CandidatesModel::LatencyColumn),
             (QStringList{"4.2 ms", "4.2 ms (stale)", "—"}));
    QCOMPARE(column(model, CandidatesModel::LossColumn),
             (QStringList{"50 ppm", "50 ppm (stale)", "—"}));
    QCOMPARE(column(model, CandidatesModel::DistanceColumn),
             (QStringList{"2 AS hops", "2 AS hops", "—"}));
    QCOMPARE(column(model, CandidatesModel::PriceColumn), (QStringList{"12.00", "12.00", "12.00"}));
}

void tst_CandidatesModel::takeIsImmediate_data()
{
    QTest::addColumn<int>("tif");
    QTest::addColumn<int>("expected");
    QTest::newRow("GTC becomes IOC")
        << int(TimeInForce::GoodTillCancel) << int(TimeInForce::ImmediateOrCancel);
    QTest::newRow("GTD becomes IOC without expiry")
        << int(TimeInForce::GoodTillDate) << int(TimeInForce::ImmediateOrCancel);
    QTest::newRow("FOK stays FOK") << int(TimeInForce::FillOrKill) << int(TimeInForce::FillOrKill);
}

void tst_CandidatesModel::takeIsImmediate()
{
    QFETCH(int, tif);
    QFETCH(int, expected);
    proto::OrderParams buy;
    buy.timeInForce = TimeInForce(tif);
    buy.expireAt = at("2026-12-01");
    buy.limits.maxLatencyUs = 20'000;
    const proto::TakeOrder take = makeTake(buy, OrderId(42), ClientOrderId(7));
    QCOMPARE(int(take.params.timeInForce), expected);
    QVERIFY(!take.params.expireAt.isSet());
    QCOMPARE(take.sellOrderId.value(), 42u);
    QCOMPARE(take.params.clientOrderId.value(), 7u);
    QCOMPARE(take.params.limits.maxLatencyUs, 20'000u);
}

QTEST_MAIN(tst_CandidatesModel)
#include "tst_candidatesmodel.moc"
