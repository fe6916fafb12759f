// MyOrdersModel under QAbstractItemModelTester: live order states from OrderUpdate and
// OrderList, out-of-order protection, and the formatted cells.
#include "models/myordersmodel.h"
#include "support/marketbuilders.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

struct OrderStep
{
    bool list = false;
    std::vector<proto::OrderView> orders; // one for an update
    quint64 seq = 0;
};
using OrderScript = QList<OrderStep>;

OrderStep update(proto::OrderView view, quint64 seq)
{
    return OrderStep{false, {std::move(view)}, seq};
}

OrderStep list(std::vector<proto::OrderView> orders)
{
    return OrderStep{true, std::move(orders), 0};
}

QStringList render(const QAbstractItemModel &model)
{
    QStringList rows;
    for (int r = 0; r < model.rowCount(); ++r) {
        QStringList cells;
        for (int c : {MyOrdersModel::OrderIdColumn, MyOrdersModel::SideColumn,
                      MyOrdersModel::DestinationColumn, MyOrdersModel::PriceColumn,
                      MyOrdersModel::CapacityColumn, MyOrdersModel::FilledColumn,
                      MyOrdersModel::RemainingColumn, MyOrdersModel::StatusColumn,
                      MyOrdersModel::ReasonColumn})
            cells.append(model.index(r, c).data().toString());
        rows.append(cells.join(QLatin1String(" | ")));
    }
    return rows;
}

const auto W = OrderStatus::Working;
const auto P = OrderStatus::PartiallyFilled;
const auto F = OrderStatus::Filled;
const auto C = OrderStatus::Cancelled;

} // namespace

Q_DECLARE_METATYPE(OrderStep)
Q_DECLARE_METATYPE(OrderScript)

class tst_MyOrdersModel : public QObject
{
    Q_OBJECT

private slots:
    void messages_data();
    void messages();
    void cellsAndRoles();
    void filterOpenOrdersThroughProxy();
};

void tst_MyOrdersModel::messages_data()
{
    QTest::addColumn<OrderScript>("script");
    QTest::addColumn<QStringList>("expected");

    const QString w1
        = "1 | Buy | 203.0.113.0/24 | 10.00 | 100 Mbps | 0 Mbps | 100 Mbps | Working | ";
    const QString s2 = "2 | Sell | 203.0.0.0/16 | 9.50 | 50 Mbps | 0 Mbps | 50 Mbps | Working | ";

    QTest::newRow("first update adds a row")
        << OrderScript{update(order(1, Side::Buy, "203.0.113.0/24", "10", 100, W, 0), 5)}
        << QStringList{w1};
    QTest::newRow("rows keep arrival order")
        << OrderScript{update(order(2, Side::Sell, "203.0.0.0/16", "9.5", 50, W, 0), 5),
                       update(order(1, Side::Buy, "203.0.113.0/24", "10", 100, W, 0), 6)}
        << QStringList{s2, w1};
    QTest::newRow("fill updates the row in place")
        << OrderScript{update(order(1, Side::Buy, "203.0.113.0/24", "10", 100, W, 0), 5),
                       update(order(2, Side::Sell, "203.0.0.0/16", "9.5", 50, W, 0), 6),
                       update(order(1, Side::Buy, "203.0.113.0/24", "10", 100, P, 30,
                                    "2026-11-20T09:05:00Z"),
                              7)}
        << QStringList{"1 | Buy | 203.0.113.0/24 | 10.00 | 100 Mbps | 30 Mbps | 70 Mbps | "
                       "Partially filled | ",
                       s2};
    QTest::newRow("older update does not undo a newer state")
        << OrderScript{update(order(1, Side::Buy, "203.0.113.0/24", "10", 100, F, 100,
                                    "2026-11-20T09:05:00Z"),
                              9),
                       update(order(1, Side::Buy, "203.0.113.0/24", "10", 100, W, 0), 5)}
        << QStringList{
               "1 | Buy | 203.0.113.0/24 | 10.00 | 100 Mbps | 100 Mbps | 0 Mbps | Filled | "};
    QTest::newRow("cancel shows the reason")
        << OrderScript{update(order(1, Side::Buy, "203.0.113.0/24", "10", 100, W, 0), 5),
                       update(
                           [] {
                               auto o = order(1, Side::Buy, "203.0.113.0/24", "10", 100, C, 0,
                                              "2026-11-20T09:06:00Z");
                               o.reason = proto::ResultCode::SelfTradePrevented;
                               return o;
                           }(),
                           6)}
        << QStringList{
               "1 | Buy | 203.0.113.0/24 | 10.00 | 100 Mbps | 0 Mbps | 0 Mbps | Cancelled | "
               + QString::fromUtf8(proto::describe(proto::ResultCode::SelfTradePrevented))};
    QTest::newRow("list adds unknown orders and keeps local ones")
        << OrderScript{update(order(1, Side::Buy, "203.0.113.0/24", "10", 100, W, 0), 5),
                       list({order(2, Side::Sell, "203.0.0.0/16", "9.5", 50, W, 0)})}
        << QStringList{w1, s2};
    QTest::newRow("list with a newer state updates a row")
        << OrderScript{update(order(1, Side::Buy, "203.0.113.0/24", "10", 100, W, 0), 5),
                       list({order(1, Side::Buy, "203.0.113.0/24", "10", 100, F, 100,
                                   "2026-11-20T10:00:00Z")})}
        << QStringList{
               "1 | Buy | 203.0.113.0/24 | 10.00 | 100 Mbps | 100 Mbps | 0 Mbps | Filled | "};
    QTest::newRow("list with an older state leaves the row")
        << OrderScript{update(order(1, Side::Buy, "203.0.113.0/24", "10", 100, P, 40,
                                    "2026-11-20T10:00:00Z"),
                              8),
                       list({order(1, Side::Buy, "203.0.113.0/24", "10", 100, W, 0)})}
        << QStringList{"1 | Buy | 203.0.113.0/24 | 10.00 | 100 Mbps | 40 Mbps | 60 Mbps | "
                       "Partially filled | "};
    QTest::newRow("amend changes price and capacity")
        << OrderScript{update(order(1, Side::Buy, "203.0.113.0/24", "10", 100, W, 0), 5),
                       update(order(1, Side::Buy, "203.0.113.0/24", "10.25", 80, W, 0,
                                    "2026-11-20T09:01:00Z"),
                              6)}
        << QStringList{
               "1 | Buy | 203.0.113.0/24 | 10.25 | 80 Mbps | 0 Mbps | 80 Mbps | Working | "};
    QTest::newRow("market order shows Market as its price") << OrderScript{update(
        [] {
            auto o = order(3, Side::Buy, "AS64500", "0", 10, F, 10);
            o.params.type = OrderType::Market;
            return o;
        }(),
        5)} << QStringList{"3 | Buy | AS64500 | Market | 10 Mbps | 10 Mbps | 0 Mbps | Filled | "};
}

void tst_MyOrdersModel::messages()
{
    QFETCH(OrderScript, script);
    QFETCH(QStringList, expected);

    MyOrdersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (const OrderStep &step : script) {
        if (step.list)
            model.applyList(proto::OrderList{step.orders});
        else
            model.applyUpdate(proto::OrderUpdate{step.orders.front(), Seq(step.seq)});
    }
    QCOMPARE(render(model), expected);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.findOrder(model.orderAt(r)->orderId), model.orderAt(r));
}

void tst_MyOrdersModel::cellsAndRoles()
{
    MyOrdersModel model;
    auto view = order(1, Side::Buy, "203.0.113.0/24", "10", 100, P, 30, "2026-11-20T09:05:00Z");
    model.applyUpdate({view, Seq(3)});
    QCOMPARE(model.index(0, MyOrdersModel::ClientIdColumn).data().toString(),
             QStringLiteral("1001"));
    QCOMPARE(model.index(0, MyOrdersModel::PeriodColumn).data().toString(),
             QStringLiteral("2026-12-01 – 2027-01-01 (31 d)"));
    QCOMPARE(model.index(0, MyOrdersModel::UpdatedColumn).data().toString(),
             QStringLiteral("2026-11-20 09:05:00"));
    QCOMPARE(model.index(0, MyOrdersModel::PriceColumn).data(Qt::EditRole).toLongLong(),
             10'000'000LL);
    QCOMPARE(model.index(0, MyOrdersModel::StatusColumn)
                 .data(Qt::ForegroundRole)
                 .value<QBrush>()
                 .color(),
             QColor(0x1f, 0xa8, 0xa0));
    QCOMPARE(model.index(0, 0).data(MyOrdersModel::IsOpenRole).toBool(), true);
    QCOMPARE(model.index(0, 0).data(MyOrdersModel::OrderIdRole).toULongLong(), 1ULL);
    QCOMPARE(model.openOrderCount(), 1);
    model.applyUpdate(
        {order(1, Side::Buy, "203.0.113.0/24", "10", 100, F, 100, "2026-11-20T09:06:00Z"), Seq(4)});
    QCOMPARE(model.index(0, 0).data(MyOrdersModel::IsOpenRole).toBool(), false);
    QCOMPARE(model.openOrderCount(), 0);
}

void tst_MyOrdersModel::filterOpenOrdersThroughProxy()
{
    MyOrdersModel model;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterRole(MyOrdersModel::IsOpenRole);
    proxy.setFilterKeyColumn(0);
    proxy.setFilterFixedString(QStringLiteral("true"));
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applyUpdate({order(1, Side::Buy, "203.0.113.0/24", "10", 100, W, 0), Seq(1)});
    model.applyUpdate({order(2, Side::Buy, "203.0.113.0/24", "10", 100, W, 0), Seq(2)});
    QCOMPARE(proxy.rowCount(), 2);
    model.applyUpdate(
        {order(1, Side::Buy, "203.0.113.0/24", "10", 100, F, 100, "2026-11-20T10:00:00Z"), Seq(3)});
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("2"));
}

QTEST_MAIN(tst_MyOrdersModel)
#include "tst_myordersmodel.moc"
