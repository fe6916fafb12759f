// TradesModel under QAbstractItemModelTester: the blotter from fills, trade lists and cached
// records, newest first, each trade once.
#include "models/tradesmodel.h"
#include "support/marketbuilders.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

constexpr std::uint32_t kSelf = 1;

struct TradeStep
{
    enum Kind { FillStep, ListStep } kind = FillStep;
    std::vector<proto::TradeView> trades;
    Side side = Side::Buy;    // fills
    std::string counterparty; // fills
};
using TradeScript = QList<TradeStep>;

TradeStep fill(proto::TradeView t, Side side, std::string counterparty)
{
    return TradeStep{TradeStep::FillStep, {std::move(t)}, side, std::move(counterparty)};
}

TradeStep list(std::vector<proto::TradeView> trades)
{
    return TradeStep{TradeStep::ListStep, std::move(trades), Side::Buy, {}};
}

QStringList render(const QAbstractItemModel &model)
{
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < TradesModel::ColumnCount; ++c)
            cells.append(model.index(r, c).data().toString());
        rows.append(cells.join(QLatin1String(" | ")));
    }
    return rows;
}

} // namespace

Q_DECLARE_METATYPE(TradeStep)
Q_DECLARE_METATYPE(TradeScript)

class tst_TradesModel : public QObject
{
    Q_OBJECT

private slots:
    void messages_data();
    void messages();
    void amountEqualsAmountFor();
    void memberNamesArriveLater();
};

void tst_TradesModel::messages_data()
{
    QTest::addColumn<TradeScript>("script");
    QTest::addColumn<QStringList>("expected");

    const auto t1 = [] {
        return trade(1, kSelf, 2, "203.0.113.0/24", "10", 100, "2026-11-20T10:00:00Z");
    };
    const auto t2 = [] {
        return trade(2, 3, kSelf, "198.51.100.0/24", "7.5", 20, "2026-11-20T11:00:00Z");
    };
    const QString r1
        = "2026-11-20 10:00:00 | 1 | Buy | 203.0.113.0/24 | transit-a | 10.00 | 100 Mbps"
          " | 2026-12-01 – 2027-01-01 (31 d) | 1033.333333 | Scheduled";
    const QString r1Anon = QString(r1).replace("transit-a", "member 2");
    const QString r2
        = "2026-11-20 11:00:00 | 2 | Sell | 198.51.100.0/24 | member 3 | 7.50 | 20 Mbps"
          " | 2026-12-01 – 2027-01-01 (31 d) | 155.00 | Scheduled";

    QTest::newRow("fill adds a trade with the counterparty's name")
        << TradeScript{fill(t1(), Side::Buy, "transit-a")} << QStringList{r1};
    QTest::newRow("newest trade comes first")
        << TradeScript{fill(t1(), Side::Buy, "transit-a"), list({t2()})} << QStringList{r2, r1};
    QTest::newRow("older trade from a list goes below")
        << TradeScript{list({t2()}), fill(t1(), Side::Buy, "transit-a")} << QStringList{r2, r1};
    QTest::newRow("list without names keeps the name from the fill")
        << TradeScript{fill(t1(), Side::Buy, "transit-a"), list({t1()})} << QStringList{r1};
    QTest::newRow("list decides the side from our member id")
        << TradeScript{list({t1(), t2()})} << QStringList{r2, r1Anon};
    QTest::newRow("the same trade twice is one row")
        << TradeScript{fill(t1(), Side::Buy, "transit-a"), fill(t1(), Side::Buy, "transit-a")}
        << QStringList{r1};
    QTest::newRow("state change updates the row")
        << TradeScript{fill(t1(), Side::Buy, "transit-a"), list({[&] {
                           auto t = t1();
                           t.state = proto::TradeState::Active;
                           return t;
                       }()})}
        << QStringList{QString(r1).replace("Scheduled", "Active")};
    QTest::newRow("equal times order by trade id")
        << TradeScript{list({trade(5, kSelf, 2, "192.0.2.0/24", "1", 1, "2026-11-20T10:00:00Z"),
                             trade(6, kSelf, 2, "192.0.2.0/24", "1", 1, "2026-11-20T10:00:00Z")})}
        << QStringList{"2026-11-20 10:00:00 | 6 | Buy | 192.0.2.0/24 | member 2 | 1.00 | 1 Mbps"
                       " | 2026-12-01 – 2027-01-01 (31 d) | 1.033333 | Scheduled",
                       "2026-11-20 10:00:00 | 5 | Buy | 192.0.2.0/24 | member 2 | 1.00 | 1 Mbps"
                       " | 2026-12-01 – 2027-01-01 (31 d) | 1.033333 | Scheduled"};
}

void tst_TradesModel::messages()
{
    QFETCH(TradeScript, script);
    QFETCH(QStringList, expected);

    TradesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSelf(MemberId(kSelf));
    for (const TradeStep &step : script) {
        if (step.kind == TradeStep::ListStep) {
            model.applyList(proto::TradeList{step.trades});
        } else {
            proto::Fill f;
            f.trade = step.trades.front();
            f.side = step.side;
            f.counterpartyName = step.counterparty;
            model.applyFill(f);
        }
    }
    QCOMPARE(render(model), expected);
}

void tst_TradesModel::amountEqualsAmountFor()
{
    TradesModel model;
    model.setSelf(MemberId(kSelf));
    // 12.345678 per Mbps-month × 1.5 Mbps × 45 days: exact micro-units, rounded down once.
    auto t = trade(9, kSelf, 2, "203.0.113.0/24", "12.345678", 1, "2026-11-20T10:00:00Z",
                   "2026-12-01", "2027-01-15");
    t.capacity = Bandwidth(1500);
    t.amount = *amountFor(t.price, t.capacity, t.deliveryEnd - t.deliveryStart);
    model.applyList({{t}});
    QCOMPARE(model.index(0, TradesModel::AmountColumn).data().toString(),
             QString::fromStdString(formatMoney(t.amount)));
    QCOMPARE(model.index(0, TradesModel::AmountColumn).data().toString(),
             QStringLiteral("27.777775"));
    QCOMPARE(model.index(0, TradesModel::AmountColumn).data(Qt::EditRole).toLongLong(),
             qlonglong(t.amount.value()));
}

void tst_TradesModel::memberNamesArriveLater()
{
    TradesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSelf(MemberId(kSelf));
    model.applyList({{trade(1, kSelf, 2, "203.0.113.0/24", "10", 100, "2026-11-20T10:00:00Z")}});
    QCOMPARE(model.index(0, TradesModel::CounterpartyColumn).data().toString(),
             QStringLiteral("member 2"));
    model.setMemberNames({{2u, QStringLiteral("transit-a")}});
    QCOMPARE(model.index(0, TradesModel::CounterpartyColumn).data().toString(),
             QStringLiteral("transit-a"));
}

QTEST_MAIN(tst_TradesModel)
#include "tst_tradesmodel.moc"
