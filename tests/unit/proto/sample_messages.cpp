#include "sample_messages.h"

namespace bwx::test {
namespace {

net::Prefix pfx(const char* text) { return *net::Prefix::parse(text); }

proto::OrderParams sampleParams()
{
    proto::OrderParams p;
    p.clientOrderId = ClientOrderId(0xDEADBEEFCAFEULL);
    p.side = Side::Sell;
    p.type = OrderType::Limit;
    p.timeInForce = TimeInForce::GoodTillDate;
    p.destination = Destination::ofPrefix(pfx("2001:db8:1234::/48"));
    p.price = Price(12'500'000);
    p.capacity = mbps(10'000);
    p.minBlock = mbps(100);
    p.expireAt = Timestamp::fromSeconds(1'800'000'000);
    p.deliveryStart = Timestamp::fromSeconds(1'795'651'200);
    p.deliveryEnd = Timestamp::fromSeconds(1'798'243'200);
    p.trafficType = TrafficType::Premium;
    p.limits = {25'000, 1'000, 4};
    p.ranking = RankingMode::Weighted;
    p.weights = {50, 30, 15, 5};
    return p;
}

proto::OrderView sampleOrder()
{
    proto::OrderView o;
    o.orderId = OrderId(42);
    o.member = MemberId(7);
    o.params = sampleParams();
    o.status = OrderStatus::PartiallyFilled;
    o.filled = mbps(400);
    o.remaining = mbps(9'600);
    o.reason = proto::ResultCode::Ok;
    o.createdAt = Timestamp(1'795'675'925'000'000'001);
    o.updatedAt = Timestamp(1'795'675'926'000'000'000);
    return o;
}

proto::TradeView sampleTrade()
{
    proto::TradeView t;
    t.tradeId = TradeId(9);
    t.buyOrderId = OrderId(41);
    t.sellOrderId = OrderId(42);
    t.buyer = MemberId(3);
    t.seller = MemberId(7);
    t.destination = Destination::ofPrefix(pfx("203.0.113.0/24"));
    t.sellDestination = Destination::ofPrefix(pfx("203.0.0.0/16"));
    t.price = Price(350'000);
    t.capacity = mbps(1'000);
    t.deliveryStart = Timestamp::fromSeconds(1'795'651'200);
    t.deliveryEnd = Timestamp::fromSeconds(1'798'243'200);
    t.amount = Money(350'000'000);
    t.executedAt = Timestamp::fromSeconds(1'795'675'925);
    t.state = proto::TradeState::Active;
    return t;
}

proto::BookEntry sampleEntry()
{
    proto::BookEntry e;
    e.orderId = OrderId(42);
    e.side = Side::Sell;
    e.prefix = pfx("203.0.0.0/16");
    e.price = Price(350'000);
    e.remaining = mbps(9'600);
    e.minBlock = mbps(100);
    e.deliveryStart = Timestamp::fromSeconds(1);
    e.deliveryEnd = Timestamp::fromSeconds(2);
    e.trafficType = TrafficType::Realtime;
    e.latencyUs = 12'345;
    e.lossPpm = 200;
    e.distance = 3;
    e.qualityKnown = 1;
    e.createdAt = Timestamp(5);
    return e;
}

proto::WatchRow sampleRow()
{
    proto::WatchRow r;
    r.prefix = pfx("0.0.0.0/0");
    r.bestBid = Price(1);
    r.bidDepth = mbps(2);
    r.bidOrders = 3;
    r.bestAsk = Price(4);
    r.askDepth = mbps(5);
    r.askOrders = 6;
    r.lastPrice = Price(7);
    r.lastTradeAt = Timestamp(8);
    return r;
}

proto::MemberView sampleMember()
{
    return {MemberId(7), "alice", "Alice Networks GmbH – Zürich", 64500, mbps(100'000), proto::MemberStatus::Active};
}

} // namespace

std::vector<std::pair<std::string, proto::Message>> sampleMessages()
{
    using namespace proto;
    std::vector<std::pair<std::string, Message>> v;
    v.emplace_back("hello", Hello{kProtocolVersion, "bwx-terminal/0.1"});
    v.emplace_back("hello_ack", HelloAck{1, MemberId(7), "alice", Role::Admin, Timestamp(99), 65536, 15});
    v.emplace_back("ping", Ping{0xFFFFFFFFFFFFFFFFULL});
    v.emplace_back("pong", Pong{1, Timestamp(-5)});
    v.emplace_back("result", Result{ResultCode::InvalidPrice, "price must be positive"});
    v.emplace_back("goodbye", Goodbye{ResultCode::SlowConsumer, "outbound queue above 8 MiB"});
    v.emplace_back("new_order", NewOrder{sampleParams()});
    {
        auto byAsn = sampleParams();
        byAsn.destination = Destination::ofAsn(4'200'000'000u, net::Family::V6);
        v.emplace_back("new_order by origin AS", NewOrder{byAsn});
        auto byClass = sampleParams();
        byClass.destination = Destination::ofClass(RouteClass::Peer, net::Family::V4);
        byClass.type = OrderType::Market;
        v.emplace_back("new_order by route class", NewOrder{byClass});
    }
    v.emplace_back("cancel_order", CancelOrder{OrderId(1), ClientOrderId(0)});
    v.emplace_back("amend_order", AmendOrder{OrderId(2), Price(3), Bandwidth(4)});
    v.emplace_back("mass_cancel", MassCancel{2});
    v.emplace_back("order_update", OrderUpdate{sampleOrder(), Seq(77)});
    v.emplace_back("fill", Fill{sampleTrade(), Side::Buy, OrderId(41), ClientOrderId(5), "bob", Seq(78)});
    v.emplace_back("query_orders", QueryOrders{0});
    v.emplace_back("order_list", OrderList{{sampleOrder(), sampleOrder()}});
    v.emplace_back("query_trades", QueryTrades{Timestamp(10), 50});
    v.emplace_back("trade_list", TradeList{{sampleTrade()}});
    v.emplace_back("subscribe_book", SubscribeBook{pfx("203.0.113.0/24")});
    v.emplace_back("unsubscribe_book", UnsubscribeBook{pfx("::/0")});
    v.emplace_back("book_snapshot", BookSnapshot{pfx("203.0.113.0/24"), 12, {sampleEntry(), sampleEntry()}});
    v.emplace_back("book_update", BookUpdate{pfx("203.0.113.0/24"), 13, {{BookAction::Remove, sampleEntry()}}});
    v.emplace_back("subscribe_market_watch", SubscribeMarketWatch{});
    v.emplace_back("market_watch_snapshot", MarketWatchSnapshot{4, {sampleRow()}});
    v.emplace_back("market_watch_update", MarketWatchUpdate{5, {sampleRow(), sampleRow()}});
    v.emplace_back("query_members", QueryMembers{});
    v.emplace_back("member_list", MemberList{{sampleMember()}});
    v.emplace_back("add_member", AddMember{"bob", "Bob Transit", 4200000000u, mbps(10'000)});
    v.emplace_back("set_member_status", SetMemberStatus{MemberId(3), MemberStatus::Suspended});
    v.emplace_back("query_stats", QueryStats{});
    v.emplace_back("stats", Stats{Seq(1000), 0x1234567890ABCDEFULL, 3, 20, 5, 4, 17, Timestamp(1)});
    v.emplace_back("clock_tick", ClockTick{});
    v.emplace_back("notice", Notice{ResultCode::PortCapacityExceeded, "port full", Timestamp(3), OrderId(4), TradeId(5)});
    v.emplace_back("take_order", TakeOrder{sampleParams(), OrderId(42)});
    v.emplace_back("query_candidates", QueryCandidates{sampleParams()});
    v.emplace_back("candidate_list",
                   CandidateList{{Candidate{sampleEntry(), -17, 1, ResultCode::Ok, ""},
                                  Candidate{sampleEntry(), 99, 0, ResultCode::LatencyAboveLimit, "41.2 ms > 30 ms"}}});
    v.emplace_back("set_cancel_on_disconnect", SetCancelOnDisconnect{1});
    v.emplace_back("cancel_trade", CancelTrade{TradeId(17)});
    v.emplace_back("trade_update", TradeUpdate{sampleTrade(), Seq(80)});
    v.emplace_back("set_member_limits",
                   SetMemberLimits{MemberId(3), mbps(40'000), MemberLimits{mbps(10'000), wholeUnits(50'000), 200, 1}});
    v.emplace_back("route_batch",
                   RouteBatch{MemberId(3), 1,
                              {RouteChange{RouteAction::Announce, pfx("203.0.0.0/16"), RouteClass::Transit, 64500, 3},
                               RouteChange{RouteAction::Withdraw, pfx("2001:db8::/32"), RouteClass::Peer, 0, 0}}});
    v.emplace_back("quality_batch",
                   QualityBatch{{QualityFigure{MemberId(7), pfx("203.0.113.0/24"), 12'000, 500, 800, QualityState::Fresh},
                                 QualityFigure{MemberId(8), pfx("203.0.113.0/24"), 0, 1'000'000, 0, QualityState::Unreachable}}});
    v.emplace_back("sessions_closed", SessionsClosed{MemberId(9)});
    v.emplace_back("configure_market", ConfigureMarket{MarketSettings{0, 500, mbps(400'000)}});
    v.emplace_back("query_sessions", QuerySessions{MemberId(0)});
    v.emplace_back("session_list",
                   SessionList{{BgpSessionView{MemberId(3), "192.0.2.3", 64500, BgpState::Established, Timestamp(10), 1000,
                                               990, 10, 55, 66, ""}}});
    v.emplace_back("query_routes", QueryRoutes{MemberId(3), pfx("203.0.0.0/16"), 1, 500});
    v.emplace_back("route_list",
                   RouteList{{RouteView{MemberId(3), "192.0.2.3", pfx("203.0.113.0/24"), "192.0.2.3", {64500, 64511},
                                        {0xFFFF0000u}, {LargeCommunity{64999, 1, 1}}, RouteClass::Customer, 0, 9,
                                        "RPKI invalid", ValidationState::Invalid, ValidationState::Valid, 0}},
                             1});
    v.emplace_back("query_exports", QueryExports{MemberId(3)});
    v.emplace_back("export_list",
                   ExportList{{ExportView{MemberId(4), ExportRole::SellerRouteToBuyer, pfx("203.0.0.0/16"), "192.0.2.3",
                                          {64500}, {LargeCommunity{64999, 100, 9}}, TradeId(9), MemberId(3)}}});
    v.emplace_back("query_quality",
                   QueryQuality{MemberId(0), pfx("203.0.113.0/24"), Timestamp(1), Timestamp(2), QualityGranularity::Hour});
    v.emplace_back("quality_series",
                   QualitySeries{{QualityPoint{MemberId(7), pfx("203.0.113.0/24"), Timestamp(300), 11'000, 19'000, 100,
                                               700, 12, QualitySource::RipeAtlas}}});
    v.emplace_back("query_quality_matrix", QueryQualityMatrix{{pfx("203.0.113.0/24"), pfx("2001:db8::/32")}});
    v.emplace_back("quality_matrix",
                   QualityMatrix{{QualityCell{MemberId(7), pfx("203.0.113.0/24"), 11'000, 100, 700, 3, QualityState::Stale,
                                              QualitySource::Probe, Timestamp(77)}}});
    v.emplace_back("import_measurements",
                   ImportMeasurements{MeasurementFormat::RipeAtlas, "atlas-msm-1001", MemberId(7), pfx("203.0.113.0/24"),
                                      {'[', ']'}});
    v.emplace_back("query_usage", QueryUsage{TradeId(9), Timestamp(1), Timestamp(2)});
    v.emplace_back("usage_series",
                   UsageSeries{TradeId(9), mbps(1'000), mbps(870),
                               {UsageSample{Timestamp(300), mbps(900), mbps(40), 33'750'000'000ull, 1'500'000'000ull}}});
    v.emplace_back("query_statement", QueryStatement{MemberId(0), Timestamp::fromSeconds(1'793'491'200)});
    v.emplace_back("statement",
                   Statement{MemberId(3), "bob", Timestamp(1), Timestamp(2),
                             {StatementLine{TradeId(9), Side::Buy, Destination::ofPrefix(pfx("203.0.113.0/24")), MemberId(7),
                                            "alice", Timestamp(1), Timestamp(2), mbps(1'000), mbps(1'100), Price(350'000),
                                            Money(350'000'000), Money(35'000'000), Money(0), Money(385'000'000), Timestamp(2)}},
                             Money(385'000'000), Money(0), Money(-385'000'000)});
    v.emplace_back("query_statement_document", QueryStatementDocument{MemberId(0), Timestamp(1), DocumentFormat::Pdf});
    v.emplace_back("document", Document{"statement-2026-11.pdf", "application/pdf", {'%', 'P', 'D', 'F'}});
    v.emplace_back("query_collectors", QueryCollectors{});
    v.emplace_back("collector_stats",
                   CollectorStats{{ExporterStatsView{"192.0.2.50", "ipfix", 10, 300, 450'000, 1, 2, 3, "template 300 unknown"}},
                                  4096, 7});
    return v;
}

} // namespace bwx::test
