#include "demosession.h"

#include "client/exchangeclient.h"
#include "client/frameassembler.h"
#include "marketbuilders.h"

#include <algorithm>
#include <bwx/proto/codec.h>

namespace bwx::terminal::test {

namespace {

constexpr std::uint32_t kSelf = 7;

proto::BookEntry sell(std::uint64_t id,
                      const char *prefix,
                      const char *price,
                      int mbpsValue,
                      std::uint32_t latencyUs,
                      const char *created)
{
    proto::BookEntry e = bookEntry(id, Side::Sell, prefix, price, mbpsValue, created);
    e.latencyUs = latencyUs;
    e.lossPpm = latencyUs / 100;
    e.distance = static_cast<std::uint8_t>(1 + latencyUs / 4000);
    return e;
}

proto::BookEntry
buy(std::uint64_t id, const char *prefix, const char *price, int mbpsValue, const char *created)
{
    return bookEntry(id, Side::Buy, prefix, price, mbpsValue, created);
}

proto::OrderView myOrder(std::uint64_t id,
                         Side side,
                         const char *destination,
                         const char *price,
                         int mbpsValue,
                         OrderStatus status,
                         int filled,
                         const char *updated)
{
    proto::OrderView o = order(id, side, destination, price, mbpsValue, status, filled, updated);
    o.member = MemberId(kSelf);
    o.params.clientOrderId = ClientOrderId(1'795'640'000'000'000ULL + id);
    return o;
}

} // namespace

net::Prefix demoBookPrefix()
{
    return pfx("203.0.113.0/24");
}

std::vector<RecordedFrame> demoSession()
{
    std::vector<RecordedFrame> frames;

    proto::HelloAck ack;
    ack.member = MemberId(kSelf);
    ack.memberName = "isp-berlin";
    ack.serverTime = at("2026-11-26T09:30:00Z");
    ack.heartbeatSeconds = 15;
    frames.push_back({ack, 1});

    proto::MarketWatchSnapshot watch;
    watch.watchSeq = 4812;
    watch.rows = {
        watchRow("192.0.2.0/24", "0.41", 300, 4, "0.46", 1200, 3, "0.44", "2026-11-26T09:12:00Z"),
        watchRow("198.18.0.0/15", "0.30", 2000, 2, "0.35", 10000, 5, "0.33",
                 "2026-11-26T08:40:00Z"),
        watchRow("198.51.100.0/24", "0.52", 150, 2, "0.55", 400, 2, "0.53", "2026-11-26T09:25:00Z"),
        watchRow("203.0.0.0/16", "", 0, 0, "0.38", 20000, 2),
        watchRow("203.0.113.0/24", "0.40", 650, 5, "0.42", 21700, 6, "0.41",
                 "2026-11-26T09:28:00Z"),
        watchRow("203.0.113.128/25", "0.39", 200, 1, "0.42", 21700, 6),
        watchRow("100.64.0.0/10", "0.27", 5000, 3, "0.31", 40000, 4, "0.29",
                 "2026-11-25T17:02:00Z"),
        watchRow("2001:db8::/32", "0.22", 10000, 2, "0.25", 100000, 3, "0.24",
                 "2026-11-26T07:55:00Z"),
        watchRow("2001:db8:100::/40", "0.24", 1000, 2, "0.25", 100000, 3),
        watchRow("2001:db8:200::/48", "0.23", 250, 1, "0.25", 100000, 3, "0.30",
                 "2026-11-26T09:01:00Z"),
        watchRow("2001:db8:300::/48", "", 0, 0, "0.27", 2000, 1),
    };
    frames.push_back({watch, 2});

    // The /24's effective book: sells on the /24 itself and on covering /16 and /8 prefixes,
    // buys on the /24 and on a more specific /25.
    proto::BookSnapshot book;
    book.prefix = demoBookPrefix();
    book.bookSeq = 1930;
    book.entries = {
        sell(501, "203.0.113.0/24", "0.42", 500, 3800, "2026-11-25T10:00:00Z"),
        sell(502, "203.0.0.0/16", "0.42", 1200, 5200, "2026-11-25T11:30:00Z"),
        sell(503, "203.0.0.0/16", "0.44", 10000, 5200, "2026-11-24T09:00:00Z"),
        sell(504, "203.0.113.0/24", "0.45", 2000, 2900, "2026-11-26T08:00:00Z"),
        sell(505, "203.0.0.0/8", "0.48", 8000, 9100, "2026-11-20T12:00:00Z"),
        sell(506, "203.0.113.0/24", "0.52", 500, 2600, "2026-11-26T09:10:00Z"),
        buy(601, "203.0.113.0/24", "0.40", 200, "2026-11-26T08:30:00Z"),
        buy(602, "203.0.113.128/25", "0.39", 200, "2026-11-26T07:00:00Z"),
        buy(603, "203.0.113.0/24", "0.39", 100, "2026-11-26T09:00:00Z"),
        buy(604, "203.0.113.0/24", "0.37", 150, "2026-11-25T15:00:00Z"),
        buy(605, "203.0.113.0/24", "0.35", 300, "2026-11-24T16:00:00Z"),
        buy(606, "203.0.113.0/25", "0.31", 100, "2026-11-23T16:00:00Z"),
    };
    frames.push_back({book, 3});

    proto::OrderList orders;
    orders.orders = {
        myOrder(601, Side::Buy, "203.0.113.0/24", "0.40", 200, OrderStatus::Working, 0,
                "2026-11-26T08:30:00Z"),
        myOrder(611, Side::Buy, "198.51.100.0/24", "0.52", 100, OrderStatus::PartiallyFilled, 40,
                "2026-11-26T09:25:00Z"),
        myOrder(612, Side::Sell, "2001:db8:200::/48", "0.34", 500, OrderStatus::Working, 0,
                "2026-11-26T06:10:00Z"),
        myOrder(598, Side::Buy, "192.0.2.0/24", "0.44", 100, OrderStatus::Filled, 100,
                "2026-11-26T09:12:00Z"),
        myOrder(590, Side::Buy, "198.18.0.0/15", "0.29", 1000, OrderStatus::Cancelled, 0,
                "2026-11-25T18:00:00Z"),
    };
    frames.push_back({orders, 4});

    proto::TradeList trades;
    trades.trades = {
        trade(9001, kSelf, 3, "192.0.2.0/24", "0.44", 100, "2026-11-26T09:12:00Z"),
        trade(9002, kSelf, 4, "198.51.100.0/24", "0.53", 40, "2026-11-26T09:25:00Z"),
        trade(8990, 5, kSelf, "2001:db8:200::/48", "0.30", 250, "2026-11-26T09:01:00Z",
              "2026-12-01", "2027-03-01"),
        trade(8950, kSelf, 6, "100.64.0.0/10", "0.29", 1000, "2026-11-25T17:02:00Z", "2026-11-26",
              "2026-12-26"),
    };
    frames.push_back({trades, 5});

    proto::MemberList members;
    const auto member = [](std::uint32_t id, const char *name, std::uint32_t asn) {
        proto::MemberView m;
        m.id = MemberId(id);
        m.name = name;
        m.displayName = name;
        m.asn = asn;
        return m;
    };
    members.members = {member(3, "transit-nord", 64501), member(4, "carrier-west", 64502),
                       member(5, "cdn-east", 64503), member(6, "backbone-south", 64504),
                       member(kSelf, "isp-berlin", 64510)};
    frames.push_back({members, 6});

    // Live: a new ask, then a trade that takes part of the best bid and fills us.
    frames.push_back(
        {proto::BookUpdate{demoBookPrefix(),
                           1931,
                           {change(proto::BookAction::Add, sell(507, "203.0.113.0/24", "0.43", 300,
                                                                3100, "2026-11-26T09:29:00Z"))}},
         0});
    proto::BookEntry partly = buy(601, "203.0.113.0/24", "0.40", 150, "2026-11-26T08:30:00Z");
    frames.push_back(
        {proto::BookUpdate{demoBookPrefix(), 1932, {change(proto::BookAction::Modify, partly)}},
         0});
    proto::Fill fill;
    fill.trade = trade(9003, kSelf, 3, "203.0.113.0/24", "0.40", 50, "2026-11-26T09:29:30Z");
    fill.side = Side::Buy;
    fill.orderId = OrderId(601);
    fill.clientOrderId = ClientOrderId(1'795'640'000'000'601ULL);
    fill.counterpartyName = "transit-nord";
    fill.seq = Seq(77120);
    frames.push_back({fill, 0});
    frames.push_back(
        {proto::OrderUpdate{myOrder(601, Side::Buy, "203.0.113.0/24", "0.40", 200,
                                    OrderStatus::PartiallyFilled, 50, "2026-11-26T09:29:30Z"),
                            Seq(77120)},
         0});
    frames.push_back(
        {proto::MarketWatchUpdate{4813,
                                  {watchRow("203.0.113.0/24", "0.40", 600, 5, "0.42", 22000, 7,
                                            "0.40", "2026-11-26T09:29:30Z")}},
         0});
    return frames;
}

int replay(ExchangeClient &client, const std::vector<RecordedFrame> &frames)
{
    std::vector<std::uint8_t> stream;
    for (const RecordedFrame &frame : frames)
        proto::encodeFrame(frame.message, frame.requestId, stream);
    FrameAssembler assembler;
    int delivered = 0;
    std::size_t offset = 0;
    std::size_t piece = 1;
    while (offset < stream.size()) {
        // 1, 4, 16, 64, ... then back to 1: reads as ragged as a real socket's.
        const std::size_t length = std::min(piece, stream.size() - offset);
        assembler.append(std::span(stream.data() + offset, length));
        offset += length;
        piece = piece >= 4096 ? 1 : piece * 4;
        while (auto decoded = assembler.next()) {
            if (decoded->status != proto::DecodeStatus::Ok)
                return -1;
            client.handleMessage(decoded->message, decoded->header.requestId);
            ++delivered;
        }
    }
    return delivered;
}

} // namespace bwx::terminal::test
