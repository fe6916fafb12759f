#include "human_views.h"

#include "bwx/domain/destination.h"
#include "json_views.h"
#include "quality_arguments.h"

#include <cstdio>

namespace bwx::ctl {
namespace {

using Align = Table::Align;

std::string bw(Bandwidth b)
{
    return mbpsText(b);
}

} // namespace

std::string shortTime(Timestamp t)
{
    if (!t.isSet())
        return "-";
    std::string iso = formatTimestamp(t); // 2026-11-26T06:52:05Z
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::string period(Timestamp start, Timestamp end)
{
    auto one = [](Timestamp t) {
        if (!t.isSet())
            return std::string("-");
        const std::string s = shortTime(t);
        return s.substr(11) == "00:00" ? s.substr(0, 10) : s;
    };
    return one(start) + " → " + one(end);
}

Table ordersTable(const std::vector<proto::OrderView> &orders)
{
    Table t({{"ORDER", Align::Right},
             {"CLIENT-ID", Align::Right},
             {"SIDE"},
             {"DESTINATION"},
             {"PRICE", Align::Right},
             {"MBPS", Align::Right},
             {"FILLED", Align::Right},
             {"REMAINING", Align::Right},
             {"TYPE"},
             {"STATUS"},
             {"DELIVERY"}});
    for (const auto &o : orders) {
        const auto &p = o.params;
        t.addRow({std::to_string(o.orderId.value()), std::to_string(p.clientOrderId.value()),
                  std::string(toString(p.side)), toString(p.destination),
                  p.type == OrderType::Market ? "market" : formatPrice(p.price), bw(p.capacity),
                  bw(o.filled), bw(o.remaining),
                  std::string(toString(p.type)) + "/" + std::string(toString(p.timeInForce)),
                  std::string(toString(o.status)), period(p.deliveryStart, p.deliveryEnd)});
    }
    return t;
}

Table tradesTable(const std::vector<proto::TradeView> &trades, MemberId self)
{
    Table t({{"TRADE", Align::Right},
             {"SIDE"},
             {"DESTINATION"},
             {"PRICE", Align::Right},
             {"MBPS", Align::Right},
             {"AMOUNT", Align::Right},
             {"DELIVERY"},
             {"EXECUTED"},
             {"STATE"}});
    for (const auto &tr : trades) {
        const std::string side = tr.buyer == self ? "buy" : tr.seller == self ? "sell" : "-";
        t.addRow({std::to_string(tr.tradeId.value()), side, toString(tr.destination),
                  formatPrice(tr.price), bw(tr.capacity), formatMoney(tr.amount),
                  period(tr.deliveryStart, tr.deliveryEnd), shortTime(tr.executedAt),
                  std::string(name(tr.state))});
    }
    return t;
}

Table fillsTable(const std::vector<proto::Fill> &fills)
{
    Table t({{"TRADE", Align::Right},
             {"SIDE"},
             {"ORDER", Align::Right},
             {"DESTINATION"},
             {"PRICE", Align::Right},
             {"MBPS", Align::Right},
             {"AMOUNT", Align::Right},
             {"COUNTERPARTY"}});
    for (const auto &f : fills)
        t.addRow({std::to_string(f.trade.tradeId.value()), std::string(toString(f.side)),
                  std::to_string(f.orderId.value()), toString(f.trade.destination),
                  formatPrice(f.trade.price), bw(f.trade.capacity), formatMoney(f.trade.amount),
                  f.counterpartyName});
    return t;
}

Table bookTable(const std::vector<proto::BookEntry> &entries)
{
    Table t({{"SIDE"},
             {"PRICE", Align::Right},
             {"MBPS", Align::Right},
             {"BLOCK", Align::Right},
             {"PREFIX"},
             {"DELIVERY"},
             {"TRAFFIC"},
             {"ORDER", Align::Right}});
    for (const auto &e : entries)
        t.addRow({e.side == Side::Buy ? "bid" : "ask", formatPrice(e.price), bw(e.remaining),
                  bw(e.minBlock), e.prefix.toString(), period(e.deliveryStart, e.deliveryEnd),
                  std::string(toString(e.trafficType)), std::to_string(e.orderId.value())});
    return t;
}

Table watchTable(const std::vector<proto::WatchRow> &rows)
{
    Table t({{"PREFIX"},
             {"BIDS", Align::Right},
             {"BID-MBPS", Align::Right},
             {"BID", Align::Right},
             {"ASK", Align::Right},
             {"ASK-MBPS", Align::Right},
             {"ASKS", Align::Right},
             {"LAST", Align::Right},
             {"LAST-TRADE"}});
    for (const auto &r : rows)
        t.addRow(
            {r.prefix.toString(), std::to_string(r.bidOrders), bw(r.bidDepth),
             r.bidOrders ? formatPrice(r.bestBid) : "-", r.askOrders ? formatPrice(r.bestAsk) : "-",
             bw(r.askDepth), std::to_string(r.askOrders),
             r.lastTradeAt.isSet() ? formatPrice(r.lastPrice) : "-", shortTime(r.lastTradeAt)});
    return t;
}

Table membersTable(const std::vector<proto::MemberView> &members)
{
    Table t({{"ID", Align::Right},
             {"NAME"},
             {"DISPLAY NAME"},
             {"ASN", Align::Right},
             {"PORT-MBPS", Align::Right},
             {"STATUS"}});
    for (const auto &m : members)
        t.addRow({std::to_string(m.id.value()), m.name, m.displayName, std::to_string(m.asn),
                  m.portCapacity.isZero() ? "-" : bw(m.portCapacity), std::string(name(m.status))});
    return t;
}

std::string orderSummary(const proto::OrderView &o)
{
    const auto &p = o.params;
    std::string text = "order " + std::to_string(o.orderId.value()) + " (client id "
                       + std::to_string(p.clientOrderId.value()) + ") "
                       + std::string(toString(o.status)) + ": " + std::string(toString(p.side))
                       + " " + toString(p.destination) + " " + formatBandwidth(p.capacity);
    text += p.type == OrderType::Market ? " at market" : " at " + formatPrice(p.price);
    text += ", filled " + formatBandwidth(o.filled) + ", remaining " + formatBandwidth(o.remaining)
            + ", delivery " + period(p.deliveryStart, p.deliveryEnd);
    if (o.reason != proto::ResultCode::Ok)
        text += " (" + std::string(proto::name(o.reason)) + ")";
    return text;
}

std::string candidatesText(const proto::OrderParams &buy,
                           const std::vector<proto::Candidate> &candidates)
{
    std::string text = "candidates for a buy of " + formatBandwidth(buy.capacity) + " toward "
                       + toString(buy.destination) + " (ranking: "
                       + std::string(toString(buy.ranking)) + ")\n";
    if (candidates.empty())
        return text + "no sell order covers it\n";
    Table t({{"RANK", Align::Right},
             {"ORDER", Align::Right},
             {"PREFIX"},
             {"PRICE", Align::Right},
             {"MBPS", Align::Right},
             {"LATENCY", Align::Right},
             {"LOSS", Align::Right},
             {"DIST", Align::Right},
             {"SCORE", Align::Right},
             {"REASON"}});
    std::string reasons;
    for (const auto &c : candidates) {
        const auto &e = c.entry;
        const bool known = e.qualityKnown != 0;
        const bool eligible = c.rank > 0;
        t.addRow({eligible ? std::to_string(c.rank) : "-", std::to_string(e.orderId.value()),
                  e.prefix.toString(), formatPrice(e.price), bw(e.remaining),
                  known ? latencyMsText(e.latencyUs) : "?", known ? lossPercentText(e.lossPpm) : "?",
                  known ? std::to_string(e.distance) : "?",
                  eligible ? std::to_string(c.score) : "-",
                  eligible ? "eligible" : std::string(proto::name(c.reason))});
        if (!eligible && !c.explanation.empty())
            reasons += "  order " + std::to_string(e.orderId.value()) + ": " + c.explanation + "\n";
    }
    text += t.render();
    if (!reasons.empty())
        text += "not eligible:\n" + reasons;
    return text;
}

std::string memberLimitsText(const proto::MemberView &m)
{
    const auto &l = m.limits;
    const auto orDefault = [](bool isDefault, const std::string &value) {
        return isDefault ? std::string("exchange default") : value;
    };
    Table t({{"SETTING"}, {"VALUE"}});
    t.addRow({"port capacity", formatBandwidth(m.portCapacity)});
    t.addRow({"port used", formatBandwidth(m.portUsed)});
    t.addRow({"max order", orDefault(l.maxOrderCapacity.isZero(),
                                     formatBandwidth(l.maxOrderCapacity))});
    t.addRow({"max open exposure", orDefault(l.maxOpenExposure.isZero(),
                                             formatMoney(l.maxOpenExposure))});
    t.addRow({"max messages/s", orDefault(l.maxMessagesPerSecond == 0,
                                          std::to_string(l.maxMessagesPerSecond))});
    t.addRow({"cancel on disconnect", l.cancelOnDisconnect ? "on" : "off"});
    return t.render();
}

std::string noticeText(const proto::Notice &n)
{
    std::string text = "notice " + std::string(proto::name(n.code));
    if (n.order.value() != 0)
        text += " (order " + std::to_string(n.order.value()) + ")";
    if (n.trade.value() != 0)
        text += " (trade " + std::to_string(n.trade.value()) + ")";
    return text + ": " + n.text;
}

std::string tradeUpdateText(const proto::TradeView &tr, MemberId self)
{
    const std::string side = tr.buyer == self ? "buy" : tr.seller == self ? "sell" : "trade";
    return "trade " + std::to_string(tr.tradeId.value()) + " " + std::string(name(tr.state))
           + ": " + side + " " + toString(tr.destination) + " " + formatBandwidth(tr.capacity)
           + " at " + formatPrice(tr.price) + ", delivery " + period(tr.deliveryStart, tr.deliveryEnd);
}

std::string statsText(const proto::Stats &s)
{
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(s.stateHash));
    Table t({{"FIGURE"}, {"VALUE"}});
    t.addRow({"last seq", std::to_string(s.lastSeq.value())});
    t.addRow({"state hash", hash});
    t.addRow({"sessions", std::to_string(s.sessions)});
    t.addRow({"members", std::to_string(s.members)});
    t.addRow({"open orders", std::to_string(s.openOrders)});
    t.addRow({"trades", std::to_string(s.trades)});
    t.addRow({"journal batches", std::to_string(s.journalBatches)});
    t.addRow({"started at", s.startedAt.isSet() ? formatTimestamp(s.startedAt) : "-"});
    return t.render();
}

} // namespace bwx::ctl
