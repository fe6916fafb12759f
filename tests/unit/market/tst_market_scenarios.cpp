// Scenario tables for the matching engine: one named row per rule. Each row is a script (see
// market_script.h) run against the engine and, in lockstep, the reference engine; invariants are
// checked after every step. Members alice (1), bob (2) and carol (3) exist in every row.
#include <QObject>
#include <QTest>

#include "market_script.h"

using bwx::market::testing::MarketScript;

namespace {

constexpr const char *kMembers = "member alice\nmember bob\nmember carol\n";

void addRow(const char *name, const char *script)
{
    QTest::newRow(name) << QString::fromUtf8(script);
}

void runRow(const QString &script, bwx::market::EngineConfig config = {})
{
    MarketScript market(config);
    const std::string error = market.run(std::string(kMembers) + script.toStdString());
    QVERIFY2(error.empty(), error.c_str());
}

} // namespace

class TestMarketScenarios : public QObject
{
    Q_OBJECT

private slots:
    void matching_data();
    void matching() { QFETCH(QString, script); runRow(script); }
    void blocksAndSelfTrade_data();
    void blocksAndSelfTrade() { QFETCH(QString, script); runRow(script); }
    void timeInForce_data();
    void timeInForce() { QFETCH(QString, script); runRow(script); }
    void amendAndCancel_data();
    void amendAndCancel() { QFETCH(QString, script); runRow(script); }
    void idempotency_data();
    void idempotency() { QFETCH(QString, script); runRow(script); }
    void clock_data();
    void clock() { QFETCH(QString, script); runRow(script); }
    void members_data();
    void members() { QFETCH(QString, script); runRow(script); }
    void orderValidation_data();
    void orderValidation() { QFETCH(QString, script); runRow(script); }
    void marketData_data();
    void marketData() { QFETCH(QString, script); runRow(script); }
    void destinations_data();
    void destinations() { QFETCH(QString, script); runRow(script); }
    void eligibility_data();
    void eligibility() { QFETCH(QString, script); runRow(script); }
    void ranking_data();
    void ranking() { QFETCH(QString, script); runRow(script); }
    void candidatesAndTake_data();
    void candidatesAndTake() { QFETCH(QString, script); runRow(script); }
    void lifecycle_data();
    void lifecycle() { QFETCH(QString, script); runRow(script); }
    void tradeCancellation_data();
    void tradeCancellation() { QFETCH(QString, script); runRow(script); }
    void limits_data();
    void limits();
    void seqMustIncrease();
    void scriptsCanFail_data();
    void scriptsCanFail();
};

void TestMarketScenarios::matching_data()
{
    QTest::addColumn<QString>("script");
    addRow("covering sell serves more specific buy",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "bob buy 10.1.2.0/24 price=120 cap=4\n"
           "> events trade update book~ reply\n"
           "> trade 1 buy=2 sell=1 price=100 cap=4 sellprefix=10.0.0.0/8 state=active\n"
           "> order 1 status=partially_filled filled=4 remaining=6\n"
           "> order 2 status=filled filled=4 remaining=0 reason=ok\n");
    addRow("more specific sell does not serve covering buy",
           "alice sell 10.1.2.0/24 price=100 cap=10\n"
           "bob buy 10.0.0.0/8 price=120 cap=4\n"
           "> events reply book+\n"
           "> trades 0\n"
           "> open 2\n"
           "> book 10.0.0.0/8 bids=2 asks=-\n"
           "> book 10.1.2.0/24 bids=- asks=1\n");
    addRow("sibling prefix does not serve",
           "alice sell 10.2.0.0/16 price=100 cap=10\n"
           "bob buy 10.1.0.0/24 price=120 cap=4\n"
           "> trades 0\n");
    addRow("incoming sell serves more specific buys, best price first",
           "bob buy 10.1.2.0/24 price=120 cap=4\n"
           "carol buy 10.2.0.0/16 price=130 cap=4\n"
           "bob buy 10.0.0.0/8 price=125 cap=4\n"
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "> events trade update book- trade update book- trade update book~ reply\n"
           "> trade 1 buy=2 sell=4 price=130 cap=4\n"
           "> trade 2 buy=3 sell=4 price=125 cap=4\n"
           "> trade 3 buy=1 sell=4 price=120 cap=2\n"
           "> order 4 status=filled\n"
           "> order 1 status=partially_filled remaining=2\n");
    addRow("incoming sell does not serve covering buy",
           "bob buy 10.0.0.0/8 price=120 cap=4\n"
           "alice sell 10.1.0.0/16 price=100 cap=4\n"
           "> trades 0\n"
           "> open 2\n");
    addRow("price-time across covering prefixes",
           "alice sell 10.1.0.0/16 price=100 cap=1\n"
           "carol sell 10.0.0.0/8 price=100 cap=1\n"
           "alice sell 10.1.2.0/24 price=90 cap=1\n"
           "carol sell 10.1.2.0/24 price=100 cap=1\n"
           "bob buy 10.1.2.0/24 price=100 cap=4\n"
           "> trade 1 sell=3 price=90\n"
           "> trade 2 sell=1 price=100\n"
           "> trade 3 sell=2 price=100\n"
           "> trade 4 sell=4 price=100\n"
           "> order 5 status=filled\n");
    addRow("price-time across more specific prefixes",
           "bob buy 10.1.2.0/24 price=100 cap=1\n"
           "carol buy 10.0.0.0/8 price=100 cap=1\n"
           "bob buy 10.1.0.0/16 price=100 cap=1\n"
           "alice sell 10.0.0.0/8 price=100 cap=3\n"
           "> trade 1 buy=1\n"
           "> trade 2 buy=2\n"
           "> trade 3 buy=3\n");
    addRow("time priority within a level",
           "alice sell 10.0.0.0/8 price=100 cap=1\n"
           "carol sell 10.0.0.0/8 price=100 cap=1\n"
           "bob buy 10.0.0.0/8 price=100 cap=1\n"
           "> trade 1 sell=1\n"
           "> order 2 status=working\n");
    addRow("trade executes at the resting price",
           "alice sell 10.0.0.0/8 price=100 cap=1\n"
           "bob buy 10.0.0.0/8 price=150 cap=1\n"
           "> trade 1 price=100\n"
           "bob buy 10.0.0.0/8 price=120 cap=1\n"
           "alice sell 10.0.0.0/8 price=80 cap=1\n"
           "> trade 2 price=120\n");
    addRow("no trade when prices do not cross",
           "alice sell 10.0.0.0/8 price=101 cap=1\n"
           "bob buy 10.0.0.0/8 price=100 cap=1\n"
           "> trades 0\n"
           "> watch 10.0.0.0/8 bid=100 ask=101\n");
    addRow("IPv6 covering sell serves a /48",
           "alice sell 2001:db8::/32 price=100 cap=10\n"
           "bob buy 2001:db8:1::/48 price=100 cap=10\n"
           "> trade 1 buy=2 sell=1 cap=10\n");
    addRow("families never match",
           "alice sell 0.0.0.0/0 price=1 cap=10\n"
           "bob buy ::/0 price=100 cap=10\n"
           "bob buy ::ffff:0:0/96 price=100 cap=10\n"
           "> trades 0\n"
           "> prefixes 0.0.0.0/0 ::/0 ::ffff:0:0/96\n");
    addRow("delivery periods must overlap",
           "alice sell 10.0.0.0/8 price=100 cap=1 start=0 end=100\n"
           "bob buy 10.0.0.0/8 price=100 cap=1 start=100 end=200\n"
           "> trades 0\n");
    addRow("trade period is the intersection",
           "alice sell 10.0.0.0/8 price=1000000 cap=1000 start=0 end=2592000\n"
           "bob buy 10.0.0.0/8 price=1000000 cap=1000 start=100 end=5184000\n"
           "> trade 1 start=100 end=2592000 amount=999961\n");
    addRow("traffic type must match",
           "alice sell 10.0.0.0/8 price=100 cap=3 traffic=premium\n"
           "bob buy 10.0.0.0/8 price=100 cap=1 traffic=be\n"
           "> trades 0\n"
           "bob buy 10.0.0.0/8 price=100 cap=1 traffic=premium\n"
           "> trade 1 buy=3\n"
           "bob buy 10.0.0.0/8 price=100 cap=1 traffic=any\n"
           "> trade 2 buy=4\n");
    addRow("market buy takes any price",
           "alice sell 10.0.0.0/8 price=100 cap=1\n"
           "alice sell 10.0.0.0/8 price=500 cap=1\n"
           "bob buy 10.0.0.0/8 type=market tif=ioc cap=2\n"
           "> trade 1 price=100\n"
           "> trade 2 price=500\n"
           "> order 3 status=filled\n");
    addRow("market sell hits the best bids",
           "bob buy 10.1.0.0/16 price=120 cap=1\n"
           "bob buy 10.0.0.0/8 price=90 cap=1\n"
           "alice sell 10.0.0.0/8 type=market tif=ioc cap=3\n"
           "> trade 1 price=120\n"
           "> trade 2 price=90\n"
           "> order 3 status=cancelled filled=2 reason=ok\n");
}

void TestMarketScenarios::blocksAndSelfTrade_data()
{
    QTest::addColumn<QString>("script");
    addRow("partial fill in whole blocks",
           "alice sell 10.0.0.0/8 price=100 cap=9 block=3\n"
           "bob buy 10.0.0.0/8 price=100 cap=8 block=2\n"
           "> trade 1 cap=6\n"
           "> order 1 status=partially_filled remaining=3\n"
           "> order 2 status=partially_filled remaining=2\n"
           "> open 2\n");
    addRow("incompatible blocks skipped",
           "alice sell 10.0.0.0/8 price=90 cap=5 block=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=4 block=1\n"
           "bob buy 10.0.0.0/8 price=100 cap=4 block=2\n"
           "> trade 1 sell=2 cap=4\n"
           "> order 1 status=working remaining=5\n");
    addRow("fill limited by the larger common block",
           "alice sell 10.0.0.0/8 price=100 cap=12 block=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=18 block=6\n"
           "> trade 1 cap=12\n"
           "> order 2 status=partially_filled remaining=6\n");
    addRow("fill is a multiple of both blocks",
           "alice sell 10.0.0.0/8 price=100 cap=18 block=6\n"
           "bob buy 10.0.0.0/8 price=100 cap=20 block=4\n"
           "> trade 1 cap=12\n"
           "> order 1 remaining=6\n"
           "> order 2 remaining=8\n");
    addRow("self-trade cancels incoming remainder",
           "bob sell 10.0.0.0/8 price=90 cap=2\n"
           "alice sell 10.0.0.0/8 price=95 cap=2\n"
           "bob sell 10.0.0.0/8 price=100 cap=2\n"
           "alice buy 10.0.0.0/8 price=100 cap=6\n"
           "> events trade update book- reply\n"
           "> order 4 status=cancelled reason=self_trade_prevented filled=2 remaining=0\n"
           "> order 2 status=working\n"
           "> order 3 status=working\n"
           "> open 2\n");
    addRow("self-trade before any fill",
           "alice sell 10.0.0.0/8 price=100 cap=2\n"
           "alice buy 10.1.0.0/16 price=100 cap=2\n"
           "> events reply\n"
           "> order 2 status=cancelled reason=self_trade_prevented filled=0\n"
           "> order 1 status=working\n");
    addRow("own order that is not eligible is skipped, not a self-trade",
           "alice sell 10.0.0.0/8 price=90 cap=5 block=5\n"
           "bob sell 10.0.0.0/8 price=100 cap=4\n"
           "alice buy 10.0.0.0/8 price=100 cap=4 block=2\n"
           "> trade 1 sell=2\n"
           "> order 3 status=filled\n");
    addRow("self-trade on an incoming sell",
           "bob buy 10.1.0.0/16 price=110 cap=1\n"
           "alice buy 10.2.0.0/16 price=105 cap=1\n"
           "alice sell 10.0.0.0/8 price=100 cap=3\n"
           "> trade 1 buy=1 price=110\n"
           "> order 3 status=cancelled reason=self_trade_prevented filled=1\n"
           "> order 2 status=working\n");
}

void TestMarketScenarios::timeInForce_data()
{
    QTest::addColumn<QString>("script");
    addRow("IOC remainder cancelled",
           "alice sell 10.0.0.0/8 price=100 cap=3\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 tif=ioc\n"
           "> events trade update book- reply\n"
           "> order 2 status=cancelled filled=3 remaining=0 reason=ok\n"
           "> open 0\n");
    addRow("IOC without liquidity",
           "bob buy 10.0.0.0/8 price=100 cap=5 tif=ioc\n"
           "> events reply\n"
           "> order 1 status=cancelled filled=0 reason=no_liquidity\n"
           "> open 0\n"
           "> prefixes\n");
    addRow("IOC filled completely",
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 tif=ioc\n"
           "> order 2 status=filled reason=ok\n");
    addRow("FOK not fillable changes nothing",
           "alice sell 10.0.0.0/8 price=100 cap=3\n"
           "carol sell 10.0.0.0/8 price=120 cap=2\n"
           "bob buy 10.0.0.0/8 price=110 cap=5 tif=fok\n"
           "> events reply\n"
           "> order 3 status=cancelled filled=0 reason=fill_or_kill_not_filled\n"
           "> order 1 status=working remaining=3\n"
           "> order 2 status=working remaining=2\n"
           "> trades 0\n");
    addRow("FOK filled across orders",
           "alice sell 10.0.0.0/8 price=100 cap=3\n"
           "carol sell 10.1.0.0/16 price=100 cap=2\n"
           "bob buy 10.1.0.0/16 price=110 cap=5 tif=fok\n"
           "> trades 2\n"
           "> order 3 status=filled\n");
    addRow("FOK stopped by an own order changes nothing",
           "alice sell 10.0.0.0/8 price=90 cap=3\n"
           "bob sell 10.0.0.0/8 price=95 cap=2\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 tif=fok\n"
           "> order 3 status=cancelled reason=fill_or_kill_not_filled\n"
           "> trades 0\n");
    addRow("FOK counts whole blocks only",
           "alice sell 10.0.0.0/8 price=100 cap=4 block=2\n"
           "bob buy 10.0.0.0/8 price=100 cap=6 block=3 tif=fok\n"
           "> order 2 status=cancelled reason=fill_or_kill_not_filled\n"
           "> trades 0\n");
    addRow("market FOK",
           "alice sell 10.0.0.0/8 price=700 cap=4\n"
           "bob buy 10.0.0.0/8 type=market tif=fok cap=4\n"
           "> trade 1 price=700\n"
           "bob buy 10.0.0.0/8 type=market tif=fok cap=4\n"
           "> order 3 status=cancelled reason=fill_or_kill_not_filled\n");
    addRow("GTC partial remainder rests",
           "alice sell 10.0.0.0/8 price=100 cap=3\n"
           "bob buy 10.0.0.0/8 price=100 cap=5\n"
           "> events trade update book- reply book+\n"
           "> order 2 status=partially_filled remaining=2\n"
           "> book 10.0.0.0/8 bids=2 asks=-\n");
}

void TestMarketScenarios::amendAndCancel_data()
{
    QTest::addColumn<QString>("script");
    addRow("amend decrease keeps priority",
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "alice amend 1 cap=3\n"
           "> events reply book~\n"
           "> order 1 cap=3 remaining=3\n"
           "bob buy 10.0.0.0/8 price=100 cap=3\n"
           "> trade 1 sell=1 cap=3\n");
    addRow("amend increase loses priority",
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "alice amend 1 cap=6\n"
           "> events book- reply book+\n"
           "bob buy 10.0.0.0/8 price=100 cap=1\n"
           "> trade 1 sell=2\n");
    addRow("amend price loses priority",
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "alice amend 1 price=101\n"
           "alice amend 1 price=100\n"
           "bob buy 10.0.0.0/8 price=100 cap=1\n"
           "> trade 1 sell=2\n");
    addRow("amend price with decrease loses priority",
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "carol sell 10.0.0.0/8 price=99 cap=5\n"
           "alice amend 1 price=99 cap=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=1\n"
           "> trade 1 sell=2\n");
    addRow("amend that crosses trades at once",
           "alice sell 10.0.0.0/8 price=110 cap=2\n"
           "bob buy 10.0.0.0/8 price=100 cap=2\n"
           "alice amend 1 price=95\n"
           "> events book- trade update book- reply\n"
           "> trade 1 buy=2 sell=1 price=100 cap=2\n"
           "> order 1 status=filled price=95\n");
    addRow("amend keeps what was filled",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "alice amend 1 cap=6\n"
           "> order 1 status=partially_filled filled=4 remaining=2 cap=6\n"
           "alice amend 1 cap=4\n"
           "> rejected invalid_amend \"must exceed\"\n");
    addRow("amend that changes nothing",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "alice amend 1 price=100 cap=10\n"
           "> rejected invalid_amend \"changes nothing\"\n"
           "alice amend 1\n"
           "> rejected invalid_amend\n");
    addRow("amend to a capacity off the block",
           "alice sell 10.0.0.0/8 price=100 cap=10 block=5\n"
           "alice amend 1 cap=12\n"
           "> rejected capacity_not_multiple_of_block\n");
    addRow("amend above the order size limit",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "alice amend 1 cap=1000000001\n"
           "> rejected order_too_large\n");
    addRow("amend with negative values",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "alice amend 1 price=-1\n"
           "> rejected invalid_price\n"
           "alice amend 1 cap=-1\n"
           "> rejected invalid_capacity\n");
    addRow("other member cannot amend",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "bob amend 1 price=90\n"
           "> rejected unknown_order\n"
           "bob amend 7 price=90\n"
           "> rejected unknown_order\n");
    addRow("filled order cannot be amended",
           "alice sell 10.0.0.0/8 price=100 cap=1\n"
           "bob buy 10.0.0.0/8 price=100 cap=1\n"
           "alice amend 1 price=90\n"
           "> rejected order_not_active\n");
    addRow("other member cannot cancel",
           "alice sell 10.0.0.0/8 price=100 cap=10 clid=5\n"
           "bob cancel 1\n"
           "> rejected unknown_order\n"
           "bob cancel clid=5\n"
           "> rejected unknown_order\n"
           "> order 1 status=working\n");
    addRow("cancel by order id",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "alice cancel 1\n"
           "> events reply book-\n"
           "> order 1 status=cancelled reason=ok remaining=0\n"
           "> prefixes\n");
    addRow("cancel by client order id",
           "alice sell 10.0.0.0/8 price=100 cap=10 clid=9\n"
           "alice cancel clid=9\n"
           "> order 1 status=cancelled\n");
    addRow("cancel needs exactly one id",
           "alice sell 10.0.0.0/8 price=100 cap=10 clid=9\n"
           "alice cancel\n"
           "> rejected invalid_field_value\n"
           "alice cancel 1 clid=9\n"
           "> rejected invalid_field_value\n");
    addRow("cancel twice",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "alice cancel 1\n"
           "alice cancel 1\n"
           "> rejected order_not_active\n");
    addRow("cancel of a partially filled order",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "alice cancel 1\n"
           "> order 1 status=cancelled filled=4 remaining=0\n");
    addRow("mass cancel one side",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "alice buy 11.0.0.0/8 price=90 cap=10\n"
           "alice sell 12.0.0.0/8 price=100 cap=10\n"
           "alice masscancel sell\n"
           "> events update book- update book-\n"
           "> order 1 status=cancelled\n"
           "> order 2 status=working\n"
           "> open 1\n"
           "alice masscancel both\n"
           "> open 0\n");
    addRow("mass cancel leaves other members alone",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "bob sell 10.0.0.0/8 price=100 cap=10\n"
           "alice masscancel\n"
           "> open 1\n"
           "> order 2 status=working\n");
    addRow("mass cancel with a bad side",
           "alice masscancel 3\n"
           "> rejected invalid_field_value\n");
}

void TestMarketScenarios::idempotency_data()
{
    QTest::addColumn<QString>("script");
    addRow("idempotent resubmission",
           "alice sell 10.0.0.0/8 price=100 cap=10 clid=7\n"
           "alice sell 10.0.0.0/8 price=100 cap=10 clid=7\n"
           "> events reply\n"
           "> open 1\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "alice sell 10.0.0.0/8 price=100 cap=10 clid=7\n"
           "> events reply\n"
           "> order 1 filled=4 remaining=6\n"
           "> open 1\n");
    addRow("idempotent resubmission after an amend",
           "alice sell 10.0.0.0/8 price=100 cap=10 clid=7\n"
           "alice amend 1 price=90 cap=5\n"
           "alice sell 10.0.0.0/8 price=100 cap=10 clid=7\n"
           "> events reply\n"
           "> order 1 price=90 cap=5\n");
    addRow("idempotent resubmission of a finished order",
           "bob buy 10.0.0.0/8 price=100 cap=5 tif=ioc clid=3\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 tif=ioc clid=3\n"
           "> events reply\n"
           "> order 1 status=cancelled reason=no_liquidity\n"
           "> trades 0\n");
    addRow("duplicate client id different params",
           "alice sell 10.0.0.0/8 price=100 cap=10 clid=7\n"
           "alice sell 10.0.0.0/8 price=101 cap=10 clid=7\n"
           "> rejected duplicate_client_order_id \"order 1\"\n"
           "> open 1\n");
    addRow("same client id for different members",
           "alice sell 10.0.0.0/8 price=100 cap=10 clid=7\n"
           "bob sell 10.0.0.0/8 price=100 cap=10 clid=7\n"
           "> open 2\n");
    addRow("rejected order does not claim its client id",
           "alice sell 10.0.0.0/8 price=0 cap=10 clid=7\n"
           "> rejected invalid_price\n"
           "alice sell 10.0.0.0/8 price=100 cap=10 clid=7\n"
           "> open 1\n");
}

void TestMarketScenarios::clock_data()
{
    QTest::addColumn<QString>("script");
    addRow("GTD expires on tick",
           "bob buy 10.0.0.0/8 price=100 cap=5 tif=gtd expire=60\n"
           "tick 59\n"
           "> events\n"
           "> order 1 status=working\n"
           "tick 60\n"
           "> events update book-\n"
           "> order 1 status=expired reason=expired remaining=0\n"
           "> open 0\n");
    addRow("GTD can trade until the tick",
           "bob buy 10.0.0.0/8 price=100 cap=5 tif=gtd expire=60\n"
           "at 61\n"
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "> trade 1 buy=1\n");
    addRow("resting order expires at its delivery end",
           "bob buy 10.0.0.0/8 price=100 cap=5 end=100\n"
           "tick 100\n"
           "> order 1 status=expired reason=expired\n");
    addRow("ended delivery period does not trade before the tick",
           "bob buy 10.0.0.0/8 price=100 cap=5 end=100\n"
           "at 150\n"
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "> trades 0\n"
           "tick\n"
           "> order 1 status=expired\n"
           "> order 2 status=working\n");
    addRow("expiries in deadline order",
           "bob buy 10.0.0.0/8 price=100 cap=5 tif=gtd expire=50\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 tif=gtd expire=40\n"
           "bob buy 11.0.0.0/8 price=100 cap=5 end=45\n"
           "tick 100\n"
           "> events update book- update book- update book-\n"
           "> open 0\n");
    addRow("expired order cannot be cancelled",
           "bob buy 10.0.0.0/8 price=100 cap=5 tif=gtd expire=60\n"
           "tick 60\n"
           "bob cancel 1\n"
           "> rejected order_not_active\n");
    addRow("trade states follow the delivery period",
           "alice sell 10.0.0.0/8 price=100 cap=5 start=100 end=200\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 start=100 end=200\n"
           "> trade 1 state=scheduled\n"
           "tick 99\n"
           "> events\n"
           "tick 100\n"
           "> events tstate\n"
           "> trade 1 state=active\n"
           "tick 200\n"
           "> events tstate\n"
           "> trade 1 state=ended\n");
    addRow("one tick can start and end a trade",
           "alice sell 10.0.0.0/8 price=100 cap=5 start=100 end=200\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 start=100 end=200\n"
           "tick 500\n"
           "> events tstate tstate\n"
           "> trade 1 state=ended\n");
    addRow("trade active when its period has started",
           "alice sell 10.0.0.0/8 price=100 cap=5 start=0 end=200\n"
           "at 10\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 start=0 end=200\n"
           "> trade 1 state=active start=0\n");
}

void TestMarketScenarios::members_data()
{
    QTest::addColumn<QString>("script");
    addRow("suspension cancels open orders",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "alice buy 11.0.0.0/8 price=100 cap=10\n"
           "bob sell 12.0.0.0/8 price=100 cap=10\n"
           "suspend alice\n"
           "> events update book- update book- member\n"
           "> order 1 status=cancelled reason=member_suspended\n"
           "> order 3 status=working\n"
           "> member alice status=suspended open=0\n"
           "alice buy 12.0.0.0/8 price=100 cap=10\n"
           "> rejected member_suspended\n"
           "alice cancel 1\n"
           "> rejected member_suspended\n"
           "activate alice\n"
           "> events member\n"
           "alice buy 12.0.0.0/8 price=100 cap=10\n"
           "> trades 1\n");
    addRow("unknown member",
           "member9 buy 10.0.0.0/8 price=100 cap=1\n"
           "> rejected unknown_member\n"
           "member0 cancel 1\n"
           "> rejected unknown_member\n"
           "suspend nobody\n"
           "> rejected unknown_member\n");
    addRow("member ids are sequential",
           "member dave\n"
           "> member dave id=4\n");
    addRow("member name rules",
           "member Dave\n"
           "> rejected invalid_member_name\n"
           "member 1dave\n"
           "> rejected invalid_member_name\n"
           "member dave.x\n"
           "> rejected invalid_member_name\n"
           "member abcdefghijabcdefghijabcdefghijabc\n"
           "> rejected invalid_member_name\n"
           "member abcdefghijabcdefghijabcdefghijab\n"
           "member d-9_x\n");
    addRow("member name must be unique",
           "member alice\n"
           "> rejected member_exists\n");
    addRow("member AS number rules",
           "member dave asn=0\n"
           "> rejected invalid_asn\n"
           "member dave asn=23456\n"
           "> rejected invalid_asn\n"
           "member dave asn=65535\n"
           "> rejected invalid_asn\n"
           "member dave asn=4294967295\n"
           "> rejected invalid_asn\n"
           "member dave asn=4294967294\n");
    addRow("member port capacity must be positive",
           "member dave port=0\n"
           "> rejected invalid_port_capacity\n");
    addRow("message that is not a command",
           "alice ping\n"
           "> rejected unexpected_message\n");
}

void TestMarketScenarios::orderValidation_data()
{
    QTest::addColumn<QString>("script");
    // A resting order first, so that every row also shows that the rejection changed nothing.
    const auto row = [](const char *name, const char *order, const char *expect) {
        const std::string script = std::string("carol sell 10.0.0.0/8 price=500 cap=10\n") + order
                                   + "\n" + expect + "\n> open 1\n> trades 0\n> order 1 status=working\n";
        QTest::newRow(name) << QString::fromStdString(script);
    };
    row("client order id zero", "alice buy 10.0.0.0/8 price=100 cap=1 clid=0",
        "> rejected invalid_field_value \"client_order_id\"");
    row("origin AS that cannot originate", "alice buy 10.0.0.0/8 price=100 cap=1 dest=asn:23456",
        "> rejected invalid_destination \"origin AS\"");
    row("origin AS zero", "alice buy 10.0.0.0/8 price=100 cap=1 dest=asn:0",
        "> rejected invalid_destination \"reserved\"");
    row("limit price zero", "alice buy 10.0.0.0/8 price=0 cap=1", "> rejected invalid_price \"positive price\"");
    row("limit price negative", "alice buy 10.0.0.0/8 price=-5 cap=1", "> rejected invalid_price \"-5\"");
    row("market order GTC", "alice buy 10.0.0.0/8 type=market cap=1", "> rejected invalid_time_in_force \"gtc\"");
    row("market order GTD", "alice buy 10.0.0.0/8 type=market tif=gtd expire=5 cap=1",
        "> rejected invalid_time_in_force");
    row("capacity zero", "alice buy 10.0.0.0/8 price=100 cap=0", "> rejected invalid_capacity");
    row("capacity above the limit", "alice buy 10.0.0.0/8 price=100 cap=1000000001",
        "> rejected order_too_large \"1000000000\"");
    row("minimum block zero", "alice buy 10.0.0.0/8 price=100 cap=10 block=0", "> rejected invalid_min_block");
    row("minimum block above capacity", "alice buy 10.0.0.0/8 price=100 cap=10 block=20",
        "> rejected invalid_min_block \"exceeds\"");
    row("capacity not a multiple of the block", "alice buy 10.0.0.0/8 price=100 cap=10 block=3",
        "> rejected capacity_not_multiple_of_block");
    row("GTD expiry in the past", "alice buy 10.0.0.0/8 price=100 cap=1 tif=gtd expire=0",
        "> rejected invalid_expiry");
    row("expiry on a GTC order", "alice buy 10.0.0.0/8 price=100 cap=1 expire=60", "> rejected invalid_expiry \"only gtd\"");
    row("delivery start after end", "alice buy 10.0.0.0/8 price=100 cap=1 start=100 end=100",
        "> rejected invalid_delivery_period \"not before\"");
    row("delivery already over", "alice buy 10.0.0.0/8 price=100 cap=1 start=-100 end=0",
        "> rejected invalid_delivery_period \"not after the current time\"");
    row("delivery before 1970", "alice buy 10.0.0.0/8 price=100 cap=1 start=-1700000001 end=100",
        "> rejected invalid_delivery_period \"1970\"");
    row("sell with traffic any", "alice sell 10.0.0.0/8 price=100 cap=1 traffic=any",
        "> rejected invalid_traffic_type");
    row("sell ranked by performance", "alice sell 10.0.0.0/8 price=100 cap=1 ranking=performance",
        "> rejected invalid_ranking \"sell order\"");
    row("quality limit on a sell", "alice sell 10.0.0.0/8 price=100 cap=1 latency=5000",
        "> rejected invalid_quality_limit \"sell order\"");
    row("weighted ranking without weights", "alice buy 10.0.0.0/8 price=100 cap=1 ranking=weighted",
        "> rejected invalid_ranking \"non-zero weight\"");
    row("ranking weights without weighted mode", "alice buy 10.0.0.0/8 price=100 cap=1 wprice=3",
        "> rejected invalid_ranking \"weights\"");
    row("order value beyond money", "alice buy 10.0.0.0/8 price=9000000000000000000 cap=1000000000",
        "> rejected order_too_large \"money\"");
    row("undefined side", "alice buy 10.0.0.0/8 price=100 cap=1 rawside=3",
        "> rejected invalid_field_value \"side\"");
}

void TestMarketScenarios::marketData_data()
{
    QTest::addColumn<QString>("script");
    addRow("effective book and watch row",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "alice sell 10.1.0.0/16 price=90 cap=5\n"
           "bob buy 10.1.2.0/24 price=80 cap=3\n"
           "bob buy 10.1.0.0/16 price=85 cap=2\n"
           "carol sell 10.1.2.0/24 price=95 cap=1\n"
           "carol buy 10.2.0.0/16 price=99 cap=1\n"
           "> book 10.1.0.0/16 bids=4,3 asks=2,1\n"
           "> watch 10.1.0.0/16 bid=85 bidorders=2 biddepth=5 ask=90 askorders=2 askdepth=15 last=0\n"
           "> book 10.1.2.0/24 bids=3 asks=2,5,1\n"
           "> book 10.0.0.0/8 bids=6,4,3 asks=1\n"
           "> prefixes 10.0.0.0/8 10.1.0.0/16 10.1.2.0/24 10.2.0.0/16\n");
    addRow("last trade price on the exact prefix",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "bob buy 10.1.2.0/24 price=100 cap=1\n"
           "> watch 10.1.2.0/24 last=100\n"
           "> watch 10.0.0.0/8 last=0\n"
           "> watch 10.1.0.0/16 last=0\n");
    addRow("empty prefixes leave the market",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "bob buy 2001:db8::/32 price=100 cap=10\n"
           "> prefixes 10.0.0.0/8 2001:db8::/32\n"
           "alice cancel 1\n"
           "> prefixes 2001:db8::/32\n"
           "> watch 10.0.0.0/8 bidorders=0 askorders=0\n");
}

// Issue 4 item 1 (claim c4): destinations by prefix, origin AS or route class.
void TestMarketScenarios::destinations_data()
{
    QTest::addColumn<QString>("script");
    addRow("origin-AS sell serves prefix buys inside its routes",
           "route alice announce 10.0.0.0/8 class=customer origin=64600 path=2\n"
           "alice sell 10.0.0.0/8 price=100 cap=10 dest=asn:64600\n"
           "bob buy 10.1.2.0/24 price=100 cap=4\n"
           "> trade 1 buy=2 sell=1 cap=4 dest=10.1.2.0/24 selldest=AS64600\n"
           "bob buy 11.0.0.0/8 price=100 cap=4\n"
           "> trades 1\n");
    addRow("route-class buy takes prefix sells whose route has the class",
           "route alice announce 10.0.0.0/8 class=peer\n"
           "route carol announce 11.0.0.0/8 class=transit\n"
           "carol sell 11.1.0.0/16 price=90 cap=5\n"
           "alice sell 10.1.0.0/16 price=100 cap=5\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 dest=class:peer\n"
           "> trade 1 buy=3 sell=2 dest=peer selldest=10.1.0.0/16\n"
           "> order 1 status=working\n");
    addRow("class sell without a route of its class is refused",
           "route alice announce 10.0.0.0/8 class=peer\n"
           "alice sell 10.0.0.0/8 price=100 cap=1 dest=class:customer\n"
           "> rejected destination_not_deliverable\n");
    addRow("prefix sells need routes when the market requires them",
           "configure routes=1\n"
           "alice sell 10.0.0.0/8 price=100 cap=1\n"
           "> rejected destination_not_deliverable\n"
           "route alice announce 10.0.0.0/8\n"
           "alice sell 10.1.0.0/16 price=100 cap=1\n"
           "> order 1 status=working\n");
    addRow("same class on both sides trades within the family only",
           "route alice announce 10.0.0.0/8 class=customer\n"
           "alice sell 10.0.0.0/8 price=100 cap=4 dest=class:customer\n"
           "bob buy 2001:db8::/32 price=100 cap=2 dest=class:customer\n"
           "> trades 0\n"
           "bob buy 10.0.0.0/8 price=100 cap=2 dest=class:customer\n"
           "> trade 1 buy=3 sell=1 cap=2 dest=customer selldest=customer\n");
}

// Issue 4 item 2 (claims c3, c9, c13): routes, periods sliced in time, ports, quality limits.
void TestMarketScenarios::eligibility_data()
{
    QTest::addColumn<QString>("script");
    addRow("withdrawn route suspends sells and trades, its return resumes them",
           "configure routes=1\n"
           "route alice announce 10.0.0.0/8\n"
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "> trade 1 state=active\n"
           "route alice withdraw 10.0.0.0/8\n"
           "> trade 1 state=suspended\n"
           "> order 1 status=suspended\n"
           "> notice bob destination_not_deliverable trade=1\n"
           "> notice alice destination_not_deliverable order=1\n"
           "alice amend 1 price=90\n"
           "> rejected order_not_active\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "> trades 1\n"
           "route alice announce 10.0.0.0/8\n"
           "> trade 1 state=active\n"
           "> trade 2 buy=3 sell=1 cap=4\n"
           "> notice alice ok order=1\n");
    addRow("a sell serves overlapping buys only up to its capacity at every instant",
           "alice sell 10.0.0.0/8 price=100 cap=10 start=0 end=1000\n"
           "bob buy 10.0.0.0/8 price=100 cap=6 start=0 end=600\n"
           "carol buy 10.0.0.0/8 price=100 cap=10 start=400 end=1000\n"
           "> trade 2 buy=3 cap=4 start=400 end=1000\n"
           "> order 3 status=partially_filled remaining=6\n"
           "bob buy 10.0.0.0/8 price=100 cap=10 start=600 end=1000\n"
           "> trade 3 buy=4 cap=6 start=600 end=1000\n"
           "> order 1 status=partially_filled remaining=0\n"
           "carol buy 10.0.0.0/8 price=100 cap=4 start=0 end=400\n"
           "> trade 4 buy=5 cap=4 start=0 end=400\n"
           "> order 1 status=filled\n");
    addRow("port capacity limits a trade, the member is told, a larger port lets it trade",
           "limits bob port=5\n"
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "bob buy 10.0.0.0/8 price=100 cap=8\n"
           "> trade 1 cap=5\n"
           "> notice bob port_capacity_exceeded order=2\n"
           "> member bob portused=5\n"
           "> order 2 status=partially_filled remaining=3\n"
           "limits bob port=3\n"
           "> rejected invalid_port_capacity\n"
           "limits bob port=20\n"
           "> trade 2 buy=2 sell=1 cap=3\n"
           "> order 2 status=filled\n");
    addRow("a port freed by an ended trade lets a waiting order trade",
           "limits bob port=4\n"
           "alice sell 10.0.0.0/8 price=100 cap=10 start=0 end=100\n"
           "bob buy 10.0.0.0/8 price=100 cap=4 start=0 end=100\n"
           "carol sell 10.0.0.0/8 price=100 cap=4 start=50 end=200\n"
           "bob buy 10.0.0.0/8 price=100 cap=4 start=0 end=200\n"
           "> notice bob port_capacity_exceeded order=4\n"
           "> trades 1\n"
           "tick 100\n"
           "> trade 1 state=ended\n"
           "> trade 2 buy=4 sell=3 cap=4 start=50 end=200\n");
    addRow("latency limit skips a cheaper seller measured too slow",
           "alice sell 10.0.0.0/8 price=90 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "quality alice 10.0.0.0/8 latency=50000 loss=100\n"
           "quality carol 10.0.0.0/8 latency=20000 loss=100\n"
           "bob buy 10.1.0.0/16 price=100 cap=5 latency=30000\n"
           "> trade 1 buy=3 sell=2\n");
    addRow("loss limit skips a seller measured too lossy",
           "alice sell 10.0.0.0/8 price=90 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "quality alice 10.1.0.0/16 latency=20000 loss=30000\n"
           "quality carol 10.0.0.0/8 latency=20000 loss=1000\n"
           "bob buy 10.1.2.0/24 price=100 cap=5 loss=5000\n"
           "> trade 1 buy=3 sell=2\n"
           "bob buy 10.2.0.0/16 price=100 cap=5 loss=5000\n"
           "> candidates bob 10.2.0.0/16 price=100 cap=5 loss=5000 ranked=- others=1:quality_unknown\n");
    addRow("distance limit uses the seller's AS path length",
           "route alice announce 10.0.0.0/8 path=4\n"
           "route carol announce 10.0.0.0/8 path=2\n"
           "alice sell 10.0.0.0/8 price=90 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 distance=3\n"
           "> trade 1 buy=3 sell=2\n");
    addRow("a buy with limits waits for a fresh measurement",
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "bob buy 10.1.0.0/16 price=100 cap=5 latency=30000\n"
           "> trades 0\n"
           "quality alice 10.0.0.0/8 latency=20000 state=stale\n"
           "> trades 0\n"
           "quality alice 10.0.0.0/8 latency=20000\n"
           "> trade 1 buy=2 sell=1\n");
    addRow("an unreachable destination fails loss and latency limits",
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "quality alice 10.0.0.0/8 state=unreachable\n"
           "> candidates bob 10.1.0.0/16 price=100 cap=5 loss=1000 ranked=- others=1:loss_above_limit\n"
           "> candidates bob 10.1.0.0/16 price=100 cap=5 latency=1000 ranked=- others=1:latency_above_limit\n");
}

// Issue 4 item 3 (claims c12-c14): the buyer's ranking, a total order.
void TestMarketScenarios::ranking_data()
{
    QTest::addColumn<QString>("script");
    addRow("best performance takes the lower latency before the lower price",
           "alice sell 10.0.0.0/8 price=90 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "quality alice 10.0.0.0/8 latency=50000\n"
           "quality carol 10.0.0.0/8 latency=20000\n"
           "> candidates bob 10.0.0.0/8 price=100 cap=5 ranking=performance ranked=2,1\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 ranking=performance\n"
           "> trade 1 buy=3 sell=2 price=100\n");
    addRow("measured sellers rank before unmeasured ones",
           "alice sell 10.0.0.0/8 price=90 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "quality carol 10.0.0.0/8 latency=90000 loss=50000\n"
           "> candidates bob 10.0.0.0/8 price=100 cap=5 ranking=performance ranked=2,1\n");
    addRow("performance ties break on distance, then price",
           "route alice announce 10.0.0.0/8 path=4\n"
           "route carol announce 10.0.0.0/8 path=2\n"
           "alice sell 10.0.0.0/8 price=90 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "bob sell 10.0.0.0/8 price=95 cap=5\n"
           "> candidates carol 10.0.0.0/8 price=100 cap=5 ranking=performance ranked=1,3 others=2:own_order\n"
           "> candidates alice 10.0.0.0/8 price=100 cap=5 ranking=performance ranked=2,3 others=1:own_order\n");
    addRow("weighted mix of price and latency",
           "alice sell 10.0.0.0/8 price=90 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "quality alice 10.0.0.0/8 latency=50000\n"
           "quality carol 10.0.0.0/8 latency=20000\n"
           "> candidates bob 10.0.0.0/8 price=100 cap=5 ranking=weighted wprice=1 wlatency=1 ranked=1,2\n"
           "> candidates bob 10.0.0.0/8 price=100 cap=5 ranking=weighted wprice=1 wlatency=2 ranked=2,1\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 ranking=weighted wprice=1 wlatency=2\n"
           "> trade 1 buy=3 sell=2\n");
    addRow("equal candidates fall back to time priority, then order id",
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "> candidates bob 10.0.0.0/8 price=100 cap=5 ranking=performance ranked=1,2\n"
           "alice amend 1 price=100 cap=10\n"
           "> candidates bob 10.0.0.0/8 price=100 cap=5 ranking=performance ranked=2,1\n"
           "> candidates bob 10.0.0.0/8 price=100 cap=5 ranking=weighted wloss=1 ranked=2,1\n");
}

// Issue 4 item 4 (claim c24): candidate lists and taking a sell by id.
void TestMarketScenarios::candidatesAndTake_data()
{
    QTest::addColumn<QString>("script");
    addRow("candidate list: eligible sells by rank, then the others with the check they fail",
           "alice sell 10.0.0.0/8 price=90 cap=5 traffic=premium\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "carol sell 10.0.0.0/8 price=120 cap=5\n"
           "bob sell 10.0.0.0/8 price=80 cap=5\n"
           "carol sell 10.2.0.0/16 price=10 cap=5\n"
           "> candidates bob 10.1.0.0/16 price=110 cap=5 traffic=be ranked=2 "
           "others=4:own_order,1:traffic_type_mismatch,3:price_not_crossing\n");
    addRow("take a sell by id",
           "alice sell 10.0.0.0/8 price=90 cap=5\n"
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "bob take 2 10.1.0.0/16 price=100 cap=3\n"
           "> trade 1 buy=3 sell=2 price=100 cap=3\n"
           "> order 3 status=filled\n"
           "> order 1 status=working\n");
    addRow("take fill-or-kill that the sell cannot fill",
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "bob take 1 10.1.0.0/16 price=100 cap=10 tif=fok\n"
           "> order 2 status=cancelled reason=fill_or_kill_not_filled\n"
           "> trades 0\n");
    addRow("take names the check that fails",
           "carol sell 10.0.0.0/8 price=100 cap=5\n"
           "bob take 1 10.1.0.0/16 price=99 cap=5\n"
           "> order 2 status=cancelled reason=price_not_crossing\n"
           "carol take 1 10.1.0.0/16 price=100 cap=5\n"
           "> order 3 status=cancelled reason=own_order\n");
    addRow("take of a buy, of a closed sell, or resting",
           "alice buy 10.0.0.0/8 price=100 cap=5\n"
           "carol sell 10.0.0.0/8 price=200 cap=5\n"
           "bob take 1 10.1.0.0/16 price=100 cap=5\n"
           "> rejected unknown_order\n"
           "bob take 2 10.1.0.0/16 price=200 cap=5 tif=gtc\n"
           "> rejected invalid_time_in_force\n"
           "carol cancel 2\n"
           "bob take 2 10.1.0.0/16 price=200 cap=5\n"
           "> order 3 status=cancelled reason=order_not_active\n");
}

// Issue 4 item 5: trade states, cancel-on-disconnect, per-member limits before matching.
void TestMarketScenarios::lifecycle_data()
{
    QTest::addColumn<QString>("script");
    addRow("trade goes scheduled, active, ended with the clock",
           "alice sell 10.0.0.0/8 price=100 cap=5 start=100 end=200\n"
           "bob buy 10.0.0.0/8 price=100 cap=5 start=100 end=200\n"
           "> trade 1 state=scheduled\n"
           "tick 100\n"
           "> trade 1 state=active\n"
           "> member bob portused=5\n"
           "tick 200\n"
           "> trade 1 state=ended\n"
           "> member bob portused=0\n");
    addRow("cancel-on-disconnect cancels open orders when the last session ends",
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "bob buy 10.0.0.0/8 price=50 cap=5\n"
           "alice cod on\n"
           "> member alice cod=1\n"
           "closed alice\n"
           "> order 1 status=cancelled reason=ok\n"
           "> notice alice ok\n"
           "closed bob\n"
           "> events\n"
           "> order 2 status=working\n"
           "alice cod 2\n"
           "> rejected invalid_field_value\n");
    addRow("member order size limit is checked before matching",
           "alice sell 10.0.0.0/8 price=100 cap=10\n"
           "limits bob maxcap=5\n"
           "bob buy 10.0.0.0/8 price=100 cap=6\n"
           "> rejected order_too_large \"set for member bob\"\n"
           "> trades 0\n"
           "bob buy 10.0.0.0/8 price=100 cap=5\n"
           "> trade 1 cap=5\n");
    addRow("exposure limit on open buys",
           "limits bob exposure=1500000\n"
           "bob buy 10.0.0.0/8 price=1000000 cap=1000\n"
           "bob buy 10.0.0.0/8 price=1000000 cap=1000\n"
           "> rejected exposure_limit\n"
           "bob cancel 1\n"
           "bob buy 10.0.0.0/8 price=1000000 cap=1000\n"
           "> order 2 status=working\n");
    addRow("journaled market settings limit open orders and order size",
           "configure maxopen=1 maxcap=5\n"
           "alice sell 10.0.0.0/8 price=100 cap=6\n"
           "> rejected order_too_large\n"
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "alice sell 10.0.0.0/8 price=100 cap=5\n"
           "> rejected exposure_limit\n"
           "configure routes=2\n"
           "> rejected invalid_field_value\n");
    addRow("limits of an unknown member or negative values are refused",
           "limits nobody maxcap=5\n"
           "> rejected unknown_member\n"
           "limits bob maxcap=-1\n"
           "> rejected invalid_limits\n"
           "limits bob cod=3\n"
           "> rejected invalid_limits\n");
}

// Issue 3 item 4: CancelTrade, one row per rule of docs/market.md "Trade cancellation". At a
// price of 2 592 000 micro-units per Mbit/s per month, 1 Mbit/s costs one micro-unit a second,
// so a trade's amount is its length in seconds.
void TestMarketScenarios::tradeCancellation_data()
{
    QTest::addColumn<QString>("script");
    addRow("admin cancels an active trade: delivered up to now, ports free, sell stays consumed",
           "alice sell 10.0.0.0/8 price=2592000 cap=1000 start=0 end=1000\n"
           "bob buy 10.0.0.0/8 price=2592000 cap=1000 start=0 end=1000\n"
           "> trade 1 state=active end=1000 amount=1000\n"
           "> member bob portused=1000\n"
           "at 400\n"
           "admin canceltrade 1\n"
           "> events tstate\n"
           "> trade 1 state=cancelled start=0 end=400 amount=400\n"
           "> member bob portused=0\n"
           "> member alice portused=0\n"
           "> order 1 status=filled remaining=0\n"
           "carol buy 10.0.0.0/8 price=2592000 cap=1000 start=400 end=1000\n"
           "> trades 1\n"
           "> order 3 status=working\n");
    addRow("admin cancels a scheduled trade: it delivers nothing and costs nothing",
           "alice sell 10.0.0.0/8 price=2592000 cap=1000 start=500 end=1000\n"
           "bob buy 10.0.0.0/8 price=2592000 cap=1000 start=500 end=1000\n"
           "> trade 1 state=scheduled amount=500\n"
           "at 100\n"
           "admin canceltrade 1\n"
           "> trade 1 state=cancelled start=500 end=500 amount=0\n"
           "tick 600\n"
           "> events\n"
           "> trade 1 state=cancelled\n");
    addRow("admin cancels a suspended trade",
           "configure routes=1\n"
           "route alice announce 10.0.0.0/8\n"
           "alice sell 10.0.0.0/8 price=100 cap=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "route alice withdraw 10.0.0.0/8\n"
           "> trade 1 state=suspended\n"
           "admin canceltrade 1\n"
           "> trade 1 state=cancelled\n"
           "route alice announce 10.0.0.0/8\n"
           "> trade 1 state=cancelled\n");
    addRow("the buyer cancels a suspended trade",
           "configure routes=1\n"
           "route alice announce 10.0.0.0/8\n"
           "alice sell 10.0.0.0/8 price=100 cap=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "bob canceltrade 1\n"
           "> rejected trade_not_cancellable\n"
           "route alice withdraw 10.0.0.0/8\n"
           "at 60\n"
           "bob canceltrade 1\n"
           "> events tstate\n"
           "> trade 1 state=cancelled end=60\n"
           "> member bob portused=0\n");
    addRow("the buyer cancels when the seller's measured latency breaches the buy's limit",
           "quality alice 10.0.0.0/8 latency=20000\n"
           "alice sell 10.0.0.0/8 price=100 cap=4\n"
           "bob buy 10.1.0.0/16 price=100 cap=4 latency=30000\n"
           "> trade 1 state=active\n"
           "bob canceltrade 1\n"
           "> rejected trade_not_cancellable\n"
           "quality alice 10.0.0.0/8 latency=40000\n"
           "bob canceltrade 1\n"
           "> trade 1 state=cancelled\n");
    addRow("the buyer cancels when the seller's measured loss breaches the buy's limit",
           "quality alice 10.0.0.0/8 latency=20000 loss=100\n"
           "alice sell 10.0.0.0/8 price=100 cap=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=4 loss=1000\n"
           "quality alice 10.0.0.0/8 latency=20000 loss=1000\n"
           "bob canceltrade 1\n"
           "> rejected trade_not_cancellable\n"
           "quality alice 10.0.0.0/8 latency=20000 loss=1001\n"
           "bob canceltrade 1\n"
           "> trade 1 state=cancelled\n");
    addRow("an unreachable destination breaches any latency or loss limit",
           "quality alice 10.0.0.0/8 latency=20000\n"
           "alice sell 10.0.0.0/8 price=100 cap=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=4 loss=1000\n"
           "quality alice 10.0.0.0/8 state=unreachable\n"
           "bob canceltrade 1\n"
           "> trade 1 state=cancelled\n");
    addRow("unknown or stale quality is no breach",
           "quality alice 10.0.0.0/8 latency=20000\n"
           "alice sell 10.0.0.0/8 price=100 cap=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=4 latency=30000\n"
           "quality alice 10.0.0.0/8 latency=90000 state=stale\n"
           "bob canceltrade 1\n"
           "> rejected trade_not_cancellable\n"
           "quality alice 10.0.0.0/8 latency=90000 state=unknown\n"
           "bob canceltrade 1\n"
           "> rejected trade_not_cancellable\n"
           "> trade 1 state=active\n");
    addRow("a buyer without quality limits cannot cancel a delivered trade",
           "quality alice 10.0.0.0/8 latency=90000 loss=500000\n"
           "alice sell 10.0.0.0/8 price=100 cap=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "bob canceltrade 1\n"
           "> rejected trade_not_cancellable\n");
    addRow("the seller never cancels, even a suspended trade",
           "configure routes=1\n"
           "route alice announce 10.0.0.0/8\n"
           "alice sell 10.0.0.0/8 price=100 cap=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "alice canceltrade 1\n"
           "> rejected trade_not_cancellable \"seller\"\n"
           "route alice withdraw 10.0.0.0/8\n"
           "alice canceltrade 1\n"
           "> rejected trade_not_cancellable\n"
           "> trade 1 state=suspended\n");
    addRow("other members' and unknown trades are unknown, for admins too",
           "alice sell 10.0.0.0/8 price=100 cap=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "carol canceltrade 1\n"
           "> rejected unknown_trade\n"
           "bob canceltrade 2\n"
           "> rejected unknown_trade\n"
           "admin canceltrade 0\n"
           "> rejected unknown_trade\n"
           "admin canceltrade 2\n"
           "> rejected unknown_trade\n"
           "> trade 1 state=active\n");
    addRow("ended and cancelled trades cannot be cancelled",
           "alice sell 10.0.0.0/8 price=100 cap=4 start=0 end=100\n"
           "bob buy 10.0.0.0/8 price=100 cap=4 start=0 end=100\n"
           "alice sell 10.0.0.0/8 price=100 cap=4 start=0 end=1000\n"
           "bob buy 10.0.0.0/8 price=100 cap=4 start=0 end=1000\n"
           "tick 100\n"
           "> trade 1 state=ended\n"
           "admin canceltrade 1\n"
           "> rejected trade_not_cancellable \"ended\"\n"
           "admin canceltrade 2\n"
           "admin canceltrade 2\n"
           "> rejected trade_not_cancellable \"already cancelled\"\n");
    addRow("a port freed by a cancellation lets a waiting order trade",
           "limits bob port=4\n"
           "alice sell 10.0.0.0/8 price=100 cap=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "carol sell 10.0.0.0/8 price=100 cap=4\n"
           "bob buy 10.0.0.0/8 price=100 cap=4\n"
           "> notice bob port_capacity_exceeded order=4\n"
           "> trades 1\n"
           "admin canceltrade 1\n"
           "> events tstate trade update book- update book-\n"
           "> trade 2 buy=4 sell=3 cap=4\n");
}

void TestMarketScenarios::limits_data()
{
    QTest::addColumn<QString>("script");
    addRow("open order limit per member",
           "alice sell 10.0.0.0/8 price=100 cap=1\n"
           "alice sell 10.0.0.0/8 price=100 cap=1\n"
           "alice sell 10.0.0.0/8 price=100 cap=1\n"
           "> rejected exposure_limit \"limit is 2\"\n"
           "alice buy 10.0.0.0/8 price=50 cap=1 tif=ioc\n"
           "> order 3 status=cancelled reason=no_liquidity\n"
           "alice cancel 1\n"
           "alice sell 10.0.0.0/8 price=100 cap=1\n"
           "> open 2\n");
    addRow("configured order size limit",
           "alice sell 10.0.0.0/8 price=100 cap=1001\n"
           "> rejected order_too_large\n"
           "alice sell 10.0.0.0/8 price=100 cap=1000\n");
}

void TestMarketScenarios::limits()
{
    QFETCH(QString, script);
    bwx::market::EngineConfig config;
    config.maxOpenOrdersPerMember = 2;
    config.maxOrderCapacity = bwx::Bandwidth(1000);
    runRow(script, config);
}

void TestMarketScenarios::seqMustIncrease()
{
    using namespace bwx;
    market::Engine engine;
    market::testing::RecordingEvents events;
    proto::AddMember add;
    add.name = "alice";
    add.asn = 64500;
    add.portCapacity = Bandwidth(1000);
    engine.apply(market::Command{Seq(5), Timestamp::fromSeconds(1), MemberId(0), add}, events);
    QCOMPARE(engine.lastSeq(), Seq(5));
    events.events.clear();
    add.name = "bob";
    engine.apply(market::Command{Seq(5), Timestamp::fromSeconds(2), MemberId(0), add}, events);
    QVERIFY(events.rejection() != nullptr);
    QCOMPARE(events.rejection()->code, proto::ResultCode::InternalError);
    QCOMPARE(engine.members().size(), std::size_t(1));
    QCOMPARE(engine.lastSeq(), Seq(5));
}

// The harness itself: a wrong expectation, an unexpected rejection or a missing one must fail.
void TestMarketScenarios::scriptsCanFail_data()
{
    QTest::addColumn<QString>("script");
    addRow("wrong trade price", "alice sell 10.0.0.0/8 price=100 cap=1\nbob buy 10.0.0.0/8 price=100 cap=1\n> trade 1 price=99\n");
    addRow("unexpected rejection", "alice sell 10.0.0.0/8 price=0 cap=1\n");
    addRow("missing rejection", "alice sell 10.0.0.0/8 price=1 cap=1\n> rejected invalid_price\n");
    addRow("wrong rejection code", "alice sell 10.0.0.0/8 price=0 cap=1\n> rejected invalid_capacity\n");
    addRow("wrong events", "alice sell 10.0.0.0/8 price=1 cap=1\n> events reply\n");
    addRow("wrong book", "alice sell 10.0.0.0/8 price=1 cap=1\n> book 10.0.0.0/8 asks=-\n");
}

void TestMarketScenarios::scriptsCanFail()
{
    QFETCH(QString, script);
    MarketScript market;
    QVERIFY(!market.run(std::string(kMembers) + script.toStdString()).empty());
}

QTEST_APPLESS_MAIN(TestMarketScenarios)
#include "tst_market_scenarios.moc"
