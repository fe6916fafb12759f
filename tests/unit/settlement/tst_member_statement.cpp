// What bwxd sends a member as its statement (statementFor): a line of a cancelled trade carries
// the cancellation time, so the terminal can mark it; other lines carry none.
#include "test_support.h"

#include "bwx/settlement/usage.h"
#include "bwx/settlement_service/member_statement.h"

#include <QTest>

using namespace bwx;
using namespace bwx::settlement;

namespace {

// 2026-10-01T00:00:00Z and 2026-11-01T00:00:00Z.
constexpr std::int64_t kOctober = 1'790'812'800;
constexpr std::int64_t kNovember = 1'793'491'200;

proto::TradeView trade(proto::TradeState state, std::int64_t deliveryEndSeconds)
{
    proto::TradeView t;
    t.tradeId = TradeId(5);
    t.buyer = MemberId(1);
    t.seller = MemberId(2);
    t.destination = Destination::ofPrefix(test::prefix("203.0.113.0/24"));
    t.sellDestination = t.destination;
    t.price = Price(30'000'000);
    t.capacity = mbps(100);
    t.deliveryStart = Timestamp::fromSeconds(kOctober);
    t.deliveryEnd = Timestamp::fromSeconds(deliveryEndSeconds);
    t.state = state;
    return t;
}

} // namespace

class tst_MemberStatement : public QObject
{
    Q_OBJECT

private slots:
    void cancellationTime_data();
    void cancellationTime();
};

void tst_MemberStatement::cancellationTime_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<qint64>("deliveryEnd"); // seconds
    QTest::addColumn<qint64>("cancelledAt"); // seconds, 0: none
    QTest::addColumn<qint64>("lineEnd");     // seconds

    const qint64 midOctober = kOctober + 14 * 86'400 + 12 * 3'600;
    QTest::newRow("cancelled in the month: its delivery end, which ends the line")
        << int(proto::TradeState::Cancelled) << midOctober << midOctober << midOctober;
    QTest::newRow("cancelled after the month: named, the whole month billed")
        << int(proto::TradeState::Cancelled) << qint64(kNovember + 9 * 86'400)
        << qint64(kNovember + 9 * 86'400) << qint64(kNovember);
    QTest::newRow("ended at its delivery end: not cancelled")
        << int(proto::TradeState::Ended) << midOctober << qint64(0) << midOctober;
    QTest::newRow("active: not cancelled")
        << int(proto::TradeState::Active) << qint64(kNovember) << qint64(0) << qint64(kNovember);
}

void tst_MemberStatement::cancellationTime()
{
    QFETCH(int, state);
    QFETCH(qint64, deliveryEnd);
    QFETCH(qint64, cancelledAt);
    QFETCH(qint64, lineEnd);
    const proto::TradeView t = trade(static_cast<proto::TradeState>(state), deliveryEnd);
    const std::map<TradeId, proto::TradeView> trades{{t.tradeId, t}};
    const UsageAccumulator usage;
    const BillingPeriod october{Timestamp::fromSeconds(kOctober),
                                Timestamp::fromSeconds(kNovember)};
    for (const MemberId member : {t.buyer, t.seller}) {
        const auto built = statementFor(member, october, trades, {{1, "isp-a"}, {2, "transit-b"}},
                                        usage, BillingRules{});
        QVERIFY2(built, built ? "" : built.error().c_str());
        QCOMPARE(built->message.lines.size(), std::size_t(1));
        const proto::StatementLine &line = built->message.lines[0];
        QCOMPARE(line.cancelledAt.value(), cancelledAt * 1'000'000'000);
        QCOMPARE(line.periodEnd.value(), lineEnd * 1'000'000'000);
    }
}

QTEST_APPLESS_MAIN(tst_MemberStatement)
#include "tst_member_statement.moc"
