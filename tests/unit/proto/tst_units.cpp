// Money, price, bandwidth and time: parsing is exact (never rounds), formatting is canonical,
// and the cost of a trade is computed in integers.
#include <QTest>

#include "bwx/domain/units.h"

using namespace bwx;

class TestUnits : public QObject
{
    Q_OBJECT

private slots:
    void parsePrice_data();
    void parsePrice();
    void parseBandwidth_data();
    void parseBandwidth();
    void formatBandwidth_data();
    void formatBandwidth();
    void timestamps_data();
    void timestamps();
    void amountFor_data();
    void amountFor();
    void amountOverflow();
};

void TestUnits::parsePrice_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("micro");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("formatted");

    QTest::newRow("whole") << "12" << qint64(12'000'000) << "" << "12.00";
    QTest::newRow("two decimals") << "12.50" << qint64(12'500'000) << "" << "12.50";
    QTest::newRow("six decimals") << "0.000001" << qint64(1) << "" << "0.000001";
    QTest::newRow("leading dot") << ".5" << qint64(500'000) << "" << "0.50";
    QTest::newRow("negative") << "-3.25" << qint64(-3'250'000) << "" << "-3.25";
    QTest::newRow("seven decimals refused, not rounded") << "12.3456789" << qint64(0)
                                                         << "more than 6 decimal places" << "";
    QTest::newRow("empty") << "" << qint64(0) << "empty price" << "";
    QTest::newRow("letters") << "12a" << qint64(0) << "unexpected character 'a'" << "";
    QTest::newRow("comma") << "12,5" << qint64(0) << "unexpected character ','" << "";
    QTest::newRow("dot only") << "." << qint64(0) << "invalid price" << "";
    QTest::newRow("trailing dot") << "5." << qint64(0) << "no digits after '.'" << "";
    QTest::newRow("overflow") << "99999999999999999999" << qint64(0) << "out of range" << "";
}

void TestUnits::parsePrice()
{
    QFETCH(QString, text);
    QFETCH(qint64, micro);
    QFETCH(QString, error);
    QFETCH(QString, formatted);
    const auto p = bwx::parsePrice(text.toStdString());
    if (error.isEmpty()) {
        QVERIFY2(p.hasValue(), p.hasValue() ? "" : p.error().c_str());
        QCOMPARE(p->value(), micro);
        QCOMPARE(QString::fromStdString(formatPrice(*p)), formatted);
    } else {
        QVERIFY(!p.hasValue());
        QVERIFY2(QString::fromStdString(p.error()).contains(error), p.error().c_str());
    }
}

void TestUnits::parseBandwidth_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("kbps");
    QTest::addColumn<QString>("error");

    QTest::newRow("bare number is Mbit/s") << "100" << qint64(100'000) << "";
    QTest::newRow("M suffix") << "100M" << qint64(100'000) << "";
    QTest::newRow("Mbps suffix") << "250Mbps" << qint64(250'000) << "";
    QTest::newRow("G fraction") << "1.5G" << qint64(1'500'000) << "";
    QTest::newRow("Gbps") << "10Gbps" << qint64(10'000'000) << "";
    QTest::newRow("k") << "512k" << qint64(512) << "";
    QTest::newRow("space before unit") << "10 G" << qint64(10'000'000) << "";
    QTest::newRow("fraction of a kbit refused") << "1.0005M" << qint64(0) << "more than 3 decimal places";
    QTest::newRow("negative refused") << "-5M" << qint64(0) << "negative";
    QTest::newRow("garbage") << "ten" << qint64(0) << "unexpected character";
}

void TestUnits::parseBandwidth()
{
    QFETCH(QString, text);
    QFETCH(qint64, kbps);
    QFETCH(QString, error);
    const auto b = bwx::parseBandwidth(text.toStdString());
    if (error.isEmpty()) {
        QVERIFY2(b.hasValue(), b.hasValue() ? "" : b.error().c_str());
        QCOMPARE(b->value(), kbps);
    } else {
        QVERIFY(!b.hasValue());
        QVERIFY2(QString::fromStdString(b.error()).contains(error), b.error().c_str());
    }
}

void TestUnits::formatBandwidth_data()
{
    QTest::addColumn<qint64>("kbps");
    QTest::addColumn<QString>("text");
    QTest::newRow("whole Mbit/s") << qint64(10'000'000) << "10000 Mbps";
    QTest::newRow("below 1 Mbit/s") << qint64(250) << "250 kbps";
    QTest::newRow("fractional Mbit/s") << qint64(1'500) << "1.5 Mbps";
    QTest::newRow("three decimals") << qint64(2'005) << "2.005 Mbps";
    QTest::newRow("zero") << qint64(0) << "0 Mbps";
}

void TestUnits::formatBandwidth()
{
    QFETCH(qint64, kbps);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(bwx::formatBandwidth(Bandwidth(kbps))), text);
}

void TestUnits::timestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("error");

    QTest::newRow("epoch") << "1970-01-01T00:00:00Z" << qint64(0) << "1970-01-01T00:00:00Z" << "";
    QTest::newRow("date only is midnight UTC") << "2026-11-26" << qint64(1795651200) << "2026-11-26T00:00:00Z" << "";
    QTest::newRow("full") << "2026-11-26T06:52:05Z" << qint64(1795675925) << "2026-11-26T06:52:05Z" << "";
    QTest::newRow("leap day") << "2028-02-29T12:00:00Z" << qint64(1835438400) << "2028-02-29T12:00:00Z" << "";
    QTest::newRow("not a leap year") << "2027-02-29" << qint64(0) << "" << "day out of range";
    QTest::newRow("no zone") << "2026-11-26T06:52:05" << qint64(0) << "" << "must end in 'Z'";
    QTest::newRow("hour 24") << "2026-11-26T24:00:00Z" << qint64(0) << "" << "out of range";
    QTest::newRow("month 13") << "2026-13-01" << qint64(0) << "" << "month out of range";
    QTest::newRow("garbage") << "tomorrow" << qint64(0) << "" << "bad date";
}

void TestUnits::timestamps()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    QFETCH(QString, canonical);
    QFETCH(QString, error);
    const auto t = parseTimestamp(text.toStdString());
    if (!error.isEmpty()) {
        QVERIFY(!t.hasValue());
        QVERIFY2(QString::fromStdString(t.error()).contains(error), t.error().c_str());
        return;
    }
    QVERIFY2(t.hasValue(), t.hasValue() ? "" : t.error().c_str());
    QCOMPARE(t->seconds(), seconds);
    QCOMPARE(QString::fromStdString(formatTimestamp(*t)), canonical);
    // Sub-second precision survives a round trip.
    const Timestamp precise = *t + Duration(123'456'789);
    const auto back = parseTimestamp(formatTimestamp(precise));
    QVERIFY(back.hasValue());
    QCOMPARE(back->value(), precise.value());
}

void TestUnits::amountFor_data()
{
    QTest::addColumn<qint64>("priceMicro");
    QTest::addColumn<qint64>("kbps");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<qint64>("expectedMicro");

    const qint64 month = units::kSecondsPerMonth;
    QTest::newRow("1 Mbit/s for a month at 1.00") << qint64(1'000'000) << qint64(1'000) << month << qint64(1'000'000);
    QTest::newRow("10 Gbit/s for a month at 0.35") << qint64(350'000) << qint64(10'000'000) << month
                                                   << qint64(3'500'000'000);
    QTest::newRow("half a month") << qint64(2'000'000) << qint64(100'000) << month / 2 << qint64(100'000'000);
    QTest::newRow("one day rounds down to the micro-unit") << qint64(1'000'000) << qint64(1'000) << qint64(86'400)
                                                           << qint64(33'333);
    QTest::newRow("a year of 100G at 0.20") << qint64(200'000) << qint64(100'000'000) << 12 * month
                                            << qint64(240'000'000'000);
}

void TestUnits::amountFor()
{
    QFETCH(qint64, priceMicro);
    QFETCH(qint64, kbps);
    QFETCH(qint64, seconds);
    QFETCH(qint64, expectedMicro);
    const auto a = bwx::amountFor(Price(priceMicro), Bandwidth(kbps), bwx::seconds(seconds));
    QVERIFY(a.has_value());
    QCOMPARE(a->value(), expectedMicro);
}

void TestUnits::amountOverflow()
{
    const auto a = bwx::amountFor(Price(INT64_MAX), Bandwidth(INT64_MAX), bwx::seconds(units::kSecondsPerMonth));
    QVERIFY(!a.has_value());
}

QTEST_APPLESS_MAIN(TestUnits)
#include "tst_units.moc"
