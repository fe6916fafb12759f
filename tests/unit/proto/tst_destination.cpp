#include <QTest>

#include "bwx/domain/destination.h"

using namespace bwx;

class TestDestination : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
};

void TestDestination::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("error");

    const int prefix = int(DestinationKind::Prefix);
    const int asn = int(DestinationKind::OriginAsn);
    const int cls = int(DestinationKind::RouteClass);
    QTest::newRow("IPv4 prefix") << "203.0.113.0/24" << prefix << "203.0.113.0/24" << "";
    QTest::newRow("IPv6 prefix") << "2001:DB8::/32" << prefix << "2001:db8::/32" << "";
    QTest::newRow("origin AS") << "AS64500" << asn << "AS64500" << "";
    QTest::newRow("origin AS lower case, IPv6") << "as64500/v6" << asn << "AS64500/v6" << "";
    QTest::newRow("customer class") << "customer" << cls << "customer" << "";
    QTest::newRow("transit class IPv6") << "transit/v6" << cls << "transit/v6" << "";
    QTest::newRow("host bits set") << "203.0.113.1/24" << 0 << "" << "host bits set";
    QTest::newRow("AS zero") << "AS0" << 0 << "" << "invalid origin AS";
    QTest::newRow("AS too large") << "AS4294967296" << 0 << "" << "invalid origin AS";
    QTest::newRow("unknown word") << "upstream" << 0 << "" << "invalid destination";
}

void TestDestination::parse()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, canonical);
    QFETCH(QString, error);
    const auto d = parseDestination(text.toStdString());
    if (!error.isEmpty()) {
        QVERIFY(!d.hasValue());
        QVERIFY2(QString::fromStdString(d.error()).contains(error), d.error().c_str());
        return;
    }
    QVERIFY2(d.hasValue(), d.hasValue() ? "" : d.error().c_str());
    QCOMPARE(int(d->kind), kind);
    QCOMPARE(QString::fromStdString(toString(*d)), canonical);
    const auto again = parseDestination(toString(*d));
    QVERIFY(again.hasValue());
    QVERIFY(*again == *d);
}

QTEST_APPLESS_MAIN(TestDestination)
#include "tst_destination.moc"
