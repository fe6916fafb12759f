#include "bwx/server/member_fanout.h"

#include <QTest>

using namespace bwx;
using bwx::server::fanoutOf;
namespace out = bwx::sequencer::out;

namespace {

proto::TradeView trade(std::uint32_t buyer, std::uint32_t seller)
{
    proto::TradeView t;
    t.tradeId = TradeId(11);
    t.buyOrderId = OrderId(21);
    t.sellOrderId = OrderId(22);
    t.buyer = MemberId(buyer);
    t.seller = MemberId(seller);
    return t;
}

sequencer::Output output(const QString &kind)
{
    if (kind == "notice") {
        proto::Notice notice{proto::ResultCode::PortCapacityExceeded, "port full", Timestamp(5),
                             OrderId(3), TradeId{}};
        return out::Notice{MemberId(4), notice};
    }
    if (kind == "order") {
        proto::OrderView order;
        order.orderId = OrderId(3);
        order.member = MemberId(2);
        return out::OrderChanged{order, Seq(9)};
    }
    if (kind == "trade") {
        out::TradeExecuted executed;
        executed.trade = trade(1, 2);
        executed.buyerName = "bob";
        executed.sellerName = "alice";
        executed.buyClientOrderId = ClientOrderId(31);
        executed.sellClientOrderId = ClientOrderId(32);
        executed.seq = Seq(9);
        return executed;
    }
    if (kind == "trade state")
        return out::TradeChanged{trade(1, 2)};
    if (kind == "member") {
        proto::MemberView member;
        member.id = MemberId(6);
        member.name = "carol";
        return out::MemberChanged{member};
    }
    return out::BookChanged{};
}

QString describe(const server::Fanout &fanout)
{
    QStringList parts;
    for (const auto &m : fanout.toMembers)
        parts << QString("%1:%2").arg(m.member.value()).arg(
            QString::fromLatin1(proto::name(proto::typeOf(m.message))));
    for (const auto &m : fanout.toAdmins)
        parts << QString("admins:%1").arg(QString::fromLatin1(proto::name(proto::typeOf(m))));
    return parts.join(' ');
}

} // namespace

class TestMemberFanout : public QObject
{
    Q_OBJECT

private slots:
    void recipients_data();
    void recipients();
    void noticeReachesOnlyItsMemberUnchanged();
    void fillsNameTheCounterparty();
};

void TestMemberFanout::recipients_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("notice: only the member it is for") << "notice" << "4:notice";
    QTest::newRow("order change: its owner") << "order" << "2:order_update";
    QTest::newRow("trade: a fill to each party") << "trade" << "1:fill 2:fill";
    QTest::newRow("trade state: both parties") << "trade state" << "1:trade_update 2:trade_update";
    QTest::newRow("member change: the member and the admins")
        << "member" << "6:member_list admins:member_list";
    QTest::newRow("book change: routed by subscription, not here") << "book" << "";
}

void TestMemberFanout::recipients()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QCOMPARE(describe(fanoutOf(output(kind), Seq(10))), expected);
}

void TestMemberFanout::noticeReachesOnlyItsMemberUnchanged()
{
    const auto fanout = fanoutOf(output("notice"), Seq(10));
    QCOMPARE(fanout.toMembers.size(), std::size_t{1});
    const auto *notice = std::get_if<proto::Notice>(&fanout.toMembers[0].message);
    QVERIFY(notice);
    QVERIFY(notice->code == proto::ResultCode::PortCapacityExceeded);
    QCOMPARE(notice->text, std::string("port full"));
    QCOMPARE(notice->order, OrderId(3));
    QVERIFY(fanout.toAdmins.empty());
}

void TestMemberFanout::fillsNameTheCounterparty()
{
    const auto fanout = fanoutOf(output("trade"), Seq(10));
    QCOMPARE(fanout.toMembers.size(), std::size_t{2});
    const auto &buy = std::get<proto::Fill>(fanout.toMembers[0].message);
    const auto &sell = std::get<proto::Fill>(fanout.toMembers[1].message);
    QVERIFY(buy.side == Side::Buy);
    QCOMPARE(buy.counterpartyName, std::string("alice"));
    QCOMPARE(buy.clientOrderId, ClientOrderId(31));
    QCOMPARE(buy.orderId, OrderId(21));
    QVERIFY(sell.side == Side::Sell);
    QCOMPARE(sell.counterpartyName, std::string("bob"));
    QCOMPARE(sell.orderId, OrderId(22));

    // A trade update between two sessions of one member (not possible with self-trade
    // prevention, but the rule holds): sent once.
    const auto self = fanoutOf(out::TradeChanged{trade(5, 5)}, Seq(10));
    QCOMPARE(self.toMembers.size(), std::size_t{1});
}

QTEST_APPLESS_MAIN(TestMemberFanout)
#include "tst_member_fanout.moc"
