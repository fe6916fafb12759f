#include "recording_events.h"

namespace bwx::market::testing {

namespace {

std::string orderText(const proto::OrderView &o)
{
    return "order " + std::to_string(o.orderId.value()) + " " + std::string(toString(o.params.side))
           + " " + o.params.destination.prefix.toString() + " @" + std::to_string(o.params.price.value())
           + " cap=" + std::to_string(o.params.capacity.value()) + " status="
           + std::string(toString(o.status)) + " filled=" + std::to_string(o.filled.value())
           + " remaining=" + std::to_string(o.remaining.value())
           + " reason=" + std::string(proto::name(o.reason)) + " updated=" + std::to_string(o.updatedAt.value());
}

std::string tradeText(const proto::TradeView &t)
{
    return "trade " + std::to_string(t.tradeId.value()) + " buy=" + std::to_string(t.buyOrderId.value())
           + " sell=" + std::to_string(t.sellOrderId.value()) + " @" + std::to_string(t.price.value())
           + " cap=" + std::to_string(t.capacity.value()) + " state="
           + std::to_string(static_cast<int>(t.state));
}

} // namespace

std::string describe(const Event &e)
{
    if (const auto *r = std::get_if<Rejected>(&e))
        return "rejected " + std::string(proto::name(r->code)) + ": " + r->message;
    if (const auto *o = std::get_if<OrderUpdated>(&e))
        return std::string(o->isReply ? "reply " : "update ") + orderText(o->order);
    if (const auto *t = std::get_if<TradeExecuted>(&e))
        return "executed " + tradeText(t->trade);
    if (const auto *b = std::get_if<BookChanged>(&e))
        return "book " + std::to_string(static_cast<int>(b->action)) + " order "
               + std::to_string(b->entry.orderId.value()) + " @" + std::to_string(b->entry.price.value())
               + " remaining=" + std::to_string(b->entry.remaining.value())
               + " prio_time=" + std::to_string(b->entry.createdAt.value());
    if (const auto *t = std::get_if<TradeUpdated>(&e))
        return "trade state " + tradeText(t->trade);
    if (const auto *n = std::get_if<NoticeSent>(&e))
        return "notice to member " + std::to_string(n->member.value()) + " "
               + std::string(proto::name(n->notice.code)) + " order "
               + std::to_string(n->notice.order.value()) + " trade "
               + std::to_string(n->notice.trade.value()) + ": " + n->notice.text;
    const auto &m = std::get<MemberUpdated>(e);
    return "member " + std::to_string(m.member.id.value()) + " " + m.member.name;
}

std::string describe(const std::vector<Event> &events)
{
    std::string out;
    for (const Event &e : events)
        out += "    " + describe(e) + "\n";
    return out;
}

} // namespace bwx::market::testing
