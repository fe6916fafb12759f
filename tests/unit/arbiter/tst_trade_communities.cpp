// The trade communities: encoding of 64-bit trade ids in a large community and back.
#include "bwx/arbiter/trade_communities.h"

#include <QTest>

using namespace bwx;
using namespace bwx::arbiter;
using ExportRole = proto::ExportRole;

Q_DECLARE_METATYPE(ExportRole)

class TestTradeCommunities : public QObject
{
    Q_OBJECT

private slots:
    void encode_data();
    void encode();
    void notTradeCommunities_data();
    void notTradeCommunities();
};

void TestTradeCommunities::encode_data()
{
    QTest::addColumn<quint64>("id");
    QTest::addColumn<ExportRole>("role");
    QTest::addColumn<bool>("encodable");
    QTest::addColumn<quint32>("local1");
    QTest::addColumn<quint32>("local2");
    QTest::newRow("trade 1 to the buyer") << quint64(1) << ExportRole::SellerRouteToBuyer << true
                                          << 100u << 1u;
    QTest::newRow("trade 1 to the seller") << quint64(1) << ExportRole::BuyerPrefixToSeller << true
                                           << 200u << 1u;
    QTest::newRow("largest 32-bit id") << quint64(0xffffffffu) << ExportRole::SellerRouteToBuyer
                                       << true << 100u << 0xffffffffu;
    QTest::newRow("first id beyond 32 bits") << (quint64(1) << 32) << ExportRole::SellerRouteToBuyer
                                             << true << 1100u << 0u;
    QTest::newRow("beyond 32 bits, seller side")
        << ((quint64(7) << 32) | 9u) << ExportRole::BuyerPrefixToSeller << true << 7200u << 9u;
    QTest::newRow("largest taggable id") << quint64(kMaxTaggableTradeId) << ExportRole::BuyerPrefixToSeller
                                         << true << 4294967200u << 0xffffffffu;
    QTest::newRow("one beyond the largest") << quint64(kMaxTaggableTradeId + 1)
                                            << ExportRole::SellerRouteToBuyer << false << 0u << 0u;
    QTest::newRow("id 0 names no trade") << quint64(0) << ExportRole::SellerRouteToBuyer << false << 0u
                                         << 0u;
}

void TestTradeCommunities::encode()
{
    QFETCH(quint64, id);
    QFETCH(ExportRole, role);
    QFETCH(bool, encodable);
    QFETCH(quint32, local1);
    QFETCH(quint32, local2);
    const auto community = tradeCommunity(64496, role, TradeId(id));
    QCOMPARE(community.has_value(), encodable);
    if (!encodable)
        return;
    QCOMPARE(community->global, 64496u);
    QCOMPARE(community->local1, local1);
    QCOMPARE(community->local2, local2);
    const auto back = decodeTradeCommunity(64496, *community);
    QVERIFY(back.has_value());
    QCOMPARE(back->trade.value(), id);
    QVERIFY(back->role == role);
    QVERIFY(!decodeTradeCommunity(64497, *community)); // another exchange's
}

void TestTradeCommunities::notTradeCommunities_data()
{
    QTest::addColumn<quint32>("global");
    QTest::addColumn<quint32>("local1");
    QTest::addColumn<quint32>("local2");
    QTest::newRow("class community") << 64496u << 1u << 1u;
    QTest::newRow("other function") << 64496u << 300u << 5u;
    QTest::newRow("another ASN's") << 64500u << 100u << 5u;
    QTest::newRow("function 100 with id 0") << 64496u << 100u << 0u;
}

void TestTradeCommunities::notTradeCommunities()
{
    QFETCH(quint32, global);
    QFETCH(quint32, local1);
    QFETCH(quint32, local2);
    QVERIFY(!decodeTradeCommunity(64496, bgp::LargeCommunity{global, local1, local2}));
}

QTEST_APPLESS_MAIN(TestTradeCommunities)
#include "tst_trade_communities.moc"
