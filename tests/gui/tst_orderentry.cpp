// Order entry: every validation failure shows its exact message and sends nothing; a valid
// order opens a confirmation whose total equals bwx::amountFor, where Enter never confirms;
// a buy's quality limits and ranking reach the parameters and the confirmation.
#include "support/marketbuilders.h"
#include "trading/orderform.h"
#include "views/confirmorderdialog.h"
#include "views/orderentrywidget.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

const Timestamp kNow = at("2026-11-26T06:52:05Z");

struct Entry
{
    QString side = QStringLiteral("buy");
    QString destination = QStringLiteral("203.0.113.0/24");
    QString type = QStringLiteral("limit");
    QString price = QStringLiteral("0.45");
    QString capacity = QStringLiteral("100");
    QString minBlock;
    QString tif = QStringLiteral("gtc");
    QString traffic = QStringLiteral("besteffort");
    int endShiftDays = 0;     // added to the default delivery end
    int expiryShiftHours = 0; // added to the clock, for GTD
};

void selectData(QComboBox *combo, int value)
{
    combo->setCurrentIndex(combo->findData(value));
}

void fill(OrderEntryWidget &widget, const Entry &e)
{
    if (e.side == QLatin1String("sell"))
        widget.setSide(Side::Sell);
    else
        widget.setSide(Side::Buy);
    widget.findChild<QLineEdit *>("destinationEdit")->setText(e.destination);
    selectData(widget.findChild<QComboBox *>("typeCombo"),
               int(*parseOrderType(e.type.toStdString())));
    widget.findChild<QLineEdit *>("priceEdit")->setText(e.price);
    widget.findChild<QLineEdit *>("capacityEdit")->setText(e.capacity);
    widget.findChild<QLineEdit *>("minBlockEdit")->setText(e.minBlock);
    selectData(widget.findChild<QComboBox *>("timeInForceCombo"),
               int(*parseTimeInForce(e.tif.toStdString())));
    selectData(widget.findChild<QComboBox *>("trafficCombo"),
               int(*parseTrafficType(e.traffic.toStdString())));
    auto *end = widget.findChild<QDateTimeEdit *>("deliveryEndEdit");
    end->setDateTime(end->dateTime().addDays(e.endShiftDays));
    if (e.expiryShiftHours != 0) {
        auto *expiry = widget.findChild<QDateTimeEdit *>("expiryEdit");
        expiry->setDateTime(QDateTime::fromMSecsSinceEpoch(kNow.value() / 1'000'000, Qt::UTC)
                                .addSecs(qint64(e.expiryShiftHours) * 3600));
    }
}

} // namespace

Q_DECLARE_METATYPE(Entry)

class tst_OrderEntry : public QObject
{
    Q_OBJECT

private slots:
    void rejectsBadInput_data();
    void rejectsBadInput();
    void validOrderParameters();
    void enterDoesNotConfirm_data();
    void enterDoesNotConfirm();
    void confirmButtonSends();
    void totalEqualsAmountFor_data();
    void totalEqualsAmountFor();
    void prefillFromBookLevel();
    void rejectionIsShown();
    void qualityLimitsAndRanking_data();
    void qualityLimitsAndRanking();
    void candidatesAreForBuys();

private:
    static void setUp(OrderEntryWidget &widget)
    {
        widget.setClock([] { return kNow; });
        widget.resetDeliveryPeriod();
    }
};

void tst_OrderEntry::rejectsBadInput_data()
{
    QTest::addColumn<Entry>("entry");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("focus");

    const auto with = [](auto change) {
        Entry e;
        change(e);
        return e;
    };
    QTest::newRow("prefix with host bits")
        << with([](Entry &e) { e.destination = "203.0.113.1/24"; })
        << "Destination: host bits set in 203.0.113.1/24 (did you mean 203.0.113.0/24?)"
        << "destinationEdit";
    QTest::newRow("prefix length out of range")
        << with([](Entry &e) { e.destination = "203.0.113.0/33"; })
        << "Destination: prefix length 33 out of range 0-32 for IPv4"
        << "destinationEdit";
    QTest::newRow("empty destination")
        << with([](Entry &e) { e.destination = "  "; })
        << "Enter a destination: a prefix such as 203.0.113.0/24, an origin AS such as AS64500, "
           "or customer, peer or transit"
        << "destinationEdit";
    QTest::newRow("price with 7 decimals")
        << with([](Entry &e) { e.price = "0.4500001"; })
        << "Price: invalid price '0.4500001': more than 6 decimal places"
        << "priceEdit";
    QTest::newRow("price with a comma") << with([](Entry &e) { e.price = "0,45"; })
                                        << "Price: invalid price '0,45': unexpected character ','"
                                        << "priceEdit";
    QTest::newRow("zero price") << with([](Entry &e) { e.price = "0"; })
                                << "Price must be more than 0"
                                << "priceEdit";
    QTest::newRow("no price on a limit order")
        << with([](Entry &e) { e.price = ""; }) << "Enter a price per Mbps per month"
        << "priceEdit";
    QTest::newRow("zero Mbps") << with([](Entry &e) { e.capacity = "0"; })
                               << "Capacity must be more than 0 Mbps"
                               << "capacityEdit";
    QTest::newRow("no capacity") << with([](Entry &e) { e.capacity = ""; })
                                 << "Enter the capacity in Mbps"
                                 << "capacityEdit";
    QTest::newRow("capacity with a unit typo")
        << with([](Entry &e) { e.capacity = "10X"; })
        << "Capacity: invalid bandwidth '10x': unexpected character 'x' (in '10X')"
        << "capacityEdit";
    QTest::newRow("min block not dividing capacity")
        << with([](Entry &e) { e.minBlock = "30"; })
        << "Capacity 100 Mbps is not a whole number of 30 Mbps minimum blocks"
        << "minBlockEdit";
    QTest::newRow("min block larger than capacity")
        << with([](Entry &e) { e.minBlock = "200"; })
        << "Minimum block 200 Mbps is larger than the capacity 100 Mbps"
        << "minBlockEdit";
    QTest::newRow("zero min block")
        << with([](Entry &e) { e.minBlock = "0"; }) << "Minimum block must be more than 0 Mbps"
        << "minBlockEdit";
    QTest::newRow("end before start")
        << with([](Entry &e) { e.endShiftDays = -31; })
        << "Delivery end 2026-11-26 00:00:00 is not after delivery start 2026-11-27 00:00:00"
        << "deliveryEndEdit";
    QTest::newRow("end equal to start")
        << with([](Entry &e) { e.endShiftDays = -30; })
        << "Delivery end 2026-11-27 00:00:00 is not after delivery start 2026-11-27 00:00:00"
        << "deliveryEndEdit";
    QTest::newRow("market order that would rest")
        << with([](Entry &e) { e.type = "market"; })
        << "A market order never rests in the book: choose IOC or FOK"
        << "timeInForceCombo";
    QTest::newRow("GTD expiry in the past") << with([](Entry &e) {
        e.tif = "gtd";
        e.expiryShiftHours = -1;
    }) << "Expiry 2026-11-26 05:52:00 UTC is not in the future"
                                            << "expiryEdit";
    QTest::newRow("sell without a traffic type") << with([](Entry &e) {
        e.side = "sell";
        e.traffic = "any";
    }) << "A sell order must name the traffic type it carries"
                                                 << "trafficCombo";
}

void tst_OrderEntry::rejectsBadInput()
{
    QFETCH(Entry, entry);
    QFETCH(QString, message);
    QFETCH(QString, focus);

    OrderEntryWidget widget;
    setUp(widget);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    fill(widget, entry);
    QSignalSpy sent(&widget, &OrderEntryWidget::orderConfirmed);

    widget.findChild<QPushButton *>("reviewButton")->click();

    QCOMPARE(widget.errorText(), message);
    QCOMPARE(widget.findChild<QLabel *>("orderEntryError")->text(), message);
    QVERIFY(!widget.confirmation());
    QCOMPARE(sent.size(), 0);
    QCOMPARE(QApplication::focusWidget()->objectName(), focus);
}

void tst_OrderEntry::validOrderParameters()
{
    OrderEntryWidget widget;
    setUp(widget);
    Entry e;
    e.capacity = "1G";
    e.minBlock = "250";
    e.tif = "gtd";
    e.expiryShiftHours = 5;
    fill(widget, e);
    const OrderValidation v = widget.validate();
    QVERIFY2(v.isValid(), qPrintable(v.message));
    const proto::OrderParams &p = *v.params;
    QCOMPARE(int(p.side), int(Side::Buy));
    QVERIFY(p.destination == dest("203.0.113.0/24"));
    QCOMPARE(p.price, px("0.45"));
    QCOMPARE(p.capacity, mbps(1000));
    QCOMPARE(p.minBlock, mbps(250));
    QCOMPARE(int(p.timeInForce), int(TimeInForce::GoodTillDate));
    QCOMPARE(p.expireAt, at("2026-11-26T11:52:00Z"));
    QCOMPARE(p.deliveryStart, at("2026-11-27"));
    QCOMPARE(p.deliveryEnd, at("2026-12-27"));
    QCOMPARE(p.clientOrderId, ClientOrderId{}); // assigned when sent
}

void tst_OrderEntry::enterDoesNotConfirm_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<bool>("focusConfirm");
    QTest::newRow("Return on the dialog") << int(Qt::Key_Return) << false;
    QTest::newRow("keypad Enter on the dialog") << int(Qt::Key_Enter) << false;
    QTest::newRow("Return with Confirm focused") << int(Qt::Key_Return) << true;
    QTest::newRow("Escape") << int(Qt::Key_Escape) << false;
}

void tst_OrderEntry::enterDoesNotConfirm()
{
    QFETCH(int, key);
    QFETCH(bool, focusConfirm);

    OrderEntryWidget widget;
    setUp(widget);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    fill(widget, Entry{});
    QSignalSpy sent(&widget, &OrderEntryWidget::orderConfirmed);
    widget.review();
    ConfirmOrderDialog *raw = widget.confirmation();
    QVERIFY(raw);
    QPointer<ConfirmOrderDialog> dialog = raw;
    QVERIFY(raw->isVisible());
    QVERIFY(raw->cancelButton()->isDefault());
    QVERIFY(!raw->confirmButton()->isDefault());
    QVERIFY(!raw->confirmButton()->autoDefault());
    QSignalSpy rejected(raw, &QDialog::rejected);

    QWidget *target = raw;
    if (focusConfirm) {
        raw->activateWindow();
        raw->confirmButton()->setFocus();
        target = raw->confirmButton();
    }
    QTest::keyClick(target, Qt::Key(key));

    QCOMPARE(rejected.size(), 1);
    QCOMPARE(sent.size(), 0);
    QTRY_VERIFY(!dialog); // closed and deleted
}

void tst_OrderEntry::confirmButtonSends()
{
    OrderEntryWidget widget;
    setUp(widget);
    fill(widget, Entry{});
    QSignalSpy sent(&widget, &OrderEntryWidget::orderConfirmed);
    widget.review();
    ConfirmOrderDialog *raw = widget.confirmation();
    QVERIFY(raw);
    QPointer<ConfirmOrderDialog> dialog = raw;
    QTest::mouseClick(raw->confirmButton(), Qt::LeftButton);
    QCOMPARE(sent.size(), 1);
    QVERIFY(sent.first().first().value<proto::OrderParams>() == *widget.validate().params);
    QTRY_VERIFY(!dialog);
}

void tst_OrderEntry::totalEqualsAmountFor_data()
{
    QTest::addColumn<QString>("price");
    QTest::addColumn<QString>("capacity");
    QTest::addColumn<int>("endShiftDays");
    QTest::addColumn<QString>("shown");

    QTest::newRow("whole month") << "0.45"
                                 << "100" << 0 << "45.00";
    QTest::newRow("six decimals, 1.5 Gbps, 45 days") << "12.345678"
                                                     << "1.5G" << 15 << "27777.7755";
    QTest::newRow("sub-Mbps capacity rounds down to the micro-unit") << "0.333333"
                                                                     << "512k" << 1 << "0.176355";
}

void tst_OrderEntry::totalEqualsAmountFor()
{
    QFETCH(QString, price);
    QFETCH(QString, capacity);
    QFETCH(int, endShiftDays);
    QFETCH(QString, shown);

    OrderEntryWidget widget;
    setUp(widget);
    Entry e;
    e.price = price;
    e.capacity = capacity;
    e.endShiftDays = endShiftDays;
    fill(widget, e);
    widget.review();
    ConfirmOrderDialog *dialog = widget.confirmation();
    QVERIFY(dialog);
    const proto::OrderParams &p = dialog->params();
    const std::optional<Money> expected
        = amountFor(p.price, p.capacity, p.deliveryEnd - p.deliveryStart);
    QVERIFY(expected);
    QCOMPARE(dialog->totalText(), QString::fromStdString(formatMoney(*expected)));
    QCOMPARE(dialog->totalText(), shown);
    QCOMPARE(dialog->findChild<QLabel *>("confirmPrice")->text(),
             QString::fromStdString(formatPrice(p.price)));
    QCOMPARE(dialog->findChild<QLabel *>("confirmCapacity")->text(),
             QString::fromStdString(formatBandwidth(p.capacity)));
    QCOMPARE(dialog->findChild<QLabel *>("confirmDestination")->text(),
             QStringLiteral("203.0.113.0/24"));
    QVERIFY(dialog->findChild<QLabel *>("confirmPeriod")
                ->text()
                .startsWith(QStringLiteral("2026-11-27 – ")));
    dialog->reject();
}

void tst_OrderEntry::prefillFromBookLevel()
{
    OrderEntryWidget widget;
    setUp(widget);
    widget.prefill(Side::Sell, QStringLiteral("198.51.100.0/24"), px("9.75"));
    QCOMPARE(int(widget.form().side), int(Side::Sell));
    QCOMPARE(widget.form().destination, QStringLiteral("198.51.100.0/24"));
    QCOMPARE(widget.form().price, QStringLiteral("9.75"));
    QCOMPARE(int(widget.form().type), int(OrderType::Limit));
}

void tst_OrderEntry::rejectionIsShown()
{
    OrderEntryWidget widget;
    widget.showRejection(QStringLiteral("price above the member's limit"));
    QCOMPARE(widget.errorText(),
             QStringLiteral("Rejected by the exchange: price above the member's limit"));
}

void tst_OrderEntry::qualityLimitsAndRanking_data()
{
    QTest::addColumn<QString>("side");
    QTest::addColumn<QList<int>>("limits");  // ms, ppm, AS hops
    QTest::addColumn<int>("ranking");
    QTest::addColumn<QList<int>>("weights"); // price, latency, loss, distance
    QTest::addColumn<QString>("error");
    QTest::addColumn<QStringList>("confirmed"); // latency, loss, distance, ranking; empty: none

    const QList<int> none{0, 0, 0};
    const QList<int> noWeights{0, 0, 0, 0};
    QTest::newRow("buy without limits, best price")
        << "buy" << none << int(RankingMode::BestPrice) << noWeights << QString()
        << QStringList{"no limit", "no limit", "no limit", "Best price"};
    QTest::newRow("buy with limits, best performance")
        << "buy" << QList<int>{20, 500, 3} << int(RankingMode::BestPerformance) << noWeights
        << QString()
        << QStringList{"at most 20.0 ms", "at most 500 ppm", "at most 3 AS hops",
                       "Best performance"};
    QTest::newRow("buy with weighted ranking shows the weights")
        << "buy" << QList<int>{0, 0, 1} << int(RankingMode::Weighted) << QList<int>{2, 1, 0, 0}
        << QString()
        << QStringList{"no limit", "no limit", "at most 1 AS hop",
                       "Weighted (price 2, latency 1, loss 0, distance 0)"};
    QTest::newRow("weighted ranking without a weight is refused")
        << "buy" << none << int(RankingMode::Weighted) << noWeights
        << "Weighted ranking needs at least one weight above 0 (price, latency, loss or distance)"
        << QStringList{};
    QTest::newRow("a sell carries no limits and no ranking")
        << "sell" << QList<int>{20, 500, 3} << int(RankingMode::BestPerformance)
        << QList<int>{1, 1, 1, 1} << QString() << QStringList{};
}

void tst_OrderEntry::qualityLimitsAndRanking()
{
    QFETCH(QString, side);
    QFETCH(QList<int>, limits);
    QFETCH(int, ranking);
    QFETCH(QList<int>, weights);
    QFETCH(QString, error);
    QFETCH(QStringList, confirmed);

    OrderEntryWidget widget;
    setUp(widget);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    Entry e;
    e.side = side;
    e.traffic = QStringLiteral("premium"); // a sell must name its traffic type
    fill(widget, e);
    widget.findChild<QSpinBox *>("maxLatencySpin")->setValue(limits[0]);
    widget.findChild<QSpinBox *>("maxLossSpin")->setValue(limits[1]);
    widget.findChild<QSpinBox *>("maxDistanceSpin")->setValue(limits[2]);
    selectData(widget.findChild<QComboBox *>("rankingCombo"), ranking);
    const char *weightNames[] = {"weightPriceSpin", "weightLatencySpin", "weightLossSpin",
                                 "weightDistanceSpin"};
    for (int i = 0; i < 4; ++i)
        widget.findChild<QSpinBox *>(weightNames[i])->setValue(weights[i]);

    const OrderValidation v = widget.validate();
    if (!error.isEmpty()) {
        QVERIFY(!v.isValid());
        QCOMPARE(v.message, error);
        widget.review();
        QCOMPARE(widget.errorText(), error);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("rankingCombo"));
        QVERIFY(!widget.confirmation());
        return;
    }
    QVERIFY2(v.isValid(), qPrintable(v.message));
    const proto::OrderParams &p = *v.params;
    if (side == QLatin1String("sell")) {
        QCOMPARE(p.limits, proto::QualityLimits{});
        QCOMPARE(int(p.ranking), int(RankingMode::BestPrice));
        QCOMPARE(p.weights, proto::RankingWeights{});
    } else {
        QCOMPARE(p.limits.maxLatencyUs, std::uint32_t(limits[0]) * 1000u);
        QCOMPARE(p.limits.maxLossPpm, std::uint32_t(limits[1]));
        QCOMPARE(int(p.limits.maxDistance), limits[2]);
        QCOMPARE(int(p.ranking), ranking);
        // Weights only travel with the weighted ranking: the exchange refuses them otherwise.
        const proto::RankingWeights expected
            = ranking == int(RankingMode::Weighted)
                  ? proto::RankingWeights{std::uint16_t(weights[0]), std::uint16_t(weights[1]),
                                          std::uint16_t(weights[2]), std::uint16_t(weights[3])}
                  : proto::RankingWeights{};
        QCOMPARE(p.weights, expected);
    }

    widget.review();
    ConfirmOrderDialog *dialog = widget.confirmation();
    QVERIFY(dialog);
    const char *labels[] = {"confirmLatencyLimit", "confirmLossLimit", "confirmDistanceLimit",
                            "confirmRanking"};
    for (int i = 0; i < 4; ++i) {
        auto *label = dialog->findChild<QLabel *>(labels[i]);
        if (confirmed.isEmpty()) {
            QVERIFY2(!label, labels[i]);
        } else {
            QVERIFY2(label, labels[i]);
            QCOMPARE(label->text(), confirmed[i]);
        }
    }
    dialog->reject();
}

void tst_OrderEntry::candidatesAreForBuys()
{
    OrderEntryWidget widget;
    setUp(widget);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QSignalSpy requested(&widget, &OrderEntryWidget::candidatesRequested);
    fill(widget, Entry{});
    widget.findChild<QPushButton *>("candidatesButton")->click();
    QCOMPARE(requested.size(), 1);
    const auto buy = requested.first().first().value<proto::OrderParams>();
    QCOMPARE(buy.capacity, mbps(100));
    QVERIFY(widget.errorText().isEmpty());

    Entry sell;
    sell.side = QStringLiteral("sell");
    sell.traffic = QStringLiteral("premium");
    fill(widget, sell);
    QVERIFY(!widget.findChild<QPushButton *>("candidatesButton")->isEnabled());
    widget.showCandidates(); // F4 reaches the slot even with the button disabled
    QCOMPARE(requested.size(), 1);
    QCOMPARE(widget.errorText(),
             QStringLiteral("Candidates are the sell orders for a buy: switch to Buy"));
}

QTEST_MAIN(tst_OrderEntry)
#include "tst_orderentry.moc"
