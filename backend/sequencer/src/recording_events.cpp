#include "recording_events.h"

namespace bwx::sequencer {

RecordingEvents::RecordingEvents(
    std::vector<Output> &outputs, Origin origin, MemberId member, Seq seq, bool wantsReply)
    : m_outputs(outputs)
    , m_origin(origin)
    , m_member(member)
    , m_seq(seq)
    , m_wantsReply(wantsReply)
{}

void RecordingEvents::rejected(proto::ResultCode code, std::string_view message)
{
    m_replied = true;
    m_outputs.emplace_back(
        out::Reply{m_origin, m_member, proto::Result{code, std::string(message)}});
}

void RecordingEvents::orderUpdated(const proto::OrderView &order, bool isReply)
{
    m_clientIds[order.orderId] = order.params.clientOrderId;
    if (isReply) {
        m_replied = true;
        m_outputs.emplace_back(out::Reply{m_origin, m_member, proto::OrderUpdate{order, m_seq}});
    } else {
        m_outputs.emplace_back(out::OrderChanged{order, m_seq});
    }
}

void RecordingEvents::tradeExecuted(const proto::TradeView &trade)
{
    m_trades.push_back(m_outputs.size());
    out::TradeExecuted executed;
    executed.trade = trade;
    executed.seq = m_seq;
    m_outputs.emplace_back(std::move(executed));
}

void RecordingEvents::bookChanged(proto::BookAction action, const proto::BookEntry &entry)
{
    m_outputs.emplace_back(out::BookChanged{action, entry});
}

void RecordingEvents::tradeUpdated(const proto::TradeView &trade)
{
    if (m_answersWithTrade && !m_replied && trade.state == proto::TradeState::Cancelled) {
        m_replied = true;
        m_outputs.emplace_back(out::Reply{m_origin, m_member, proto::TradeUpdate{trade, m_seq}});
    }
    m_outputs.emplace_back(out::TradeChanged{trade});
}

void RecordingEvents::memberUpdated(const proto::MemberView &member, bool isReply)
{
    if (isReply) {
        m_replied = true;
        m_outputs.emplace_back(out::Reply{m_origin, m_member, proto::MemberList{{member}}});
    } else {
        m_outputs.emplace_back(out::MemberChanged{member});
    }
}

void RecordingEvents::notice(MemberId member, const proto::Notice &notice)
{
    m_outputs.emplace_back(out::Notice{member, notice});
}

void RecordingEvents::finish(const market::Engine &engine)
{
    auto clientId = [&](OrderId id) {
        if (const auto it = m_clientIds.find(id); it != m_clientIds.end())
            return it->second;
        const auto order = engine.order(id);
        return order ? order->params.clientOrderId : ClientOrderId{};
    };
    auto name = [&](MemberId id) {
        const auto member = engine.member(id);
        return member ? member->name : std::string();
    };
    for (std::size_t index : m_trades) {
        auto &executed = std::get<out::TradeExecuted>(m_outputs[index]);
        executed.buyClientOrderId = clientId(executed.trade.buyOrderId);
        executed.sellClientOrderId = clientId(executed.trade.sellOrderId);
        executed.buyerName = name(executed.trade.buyer);
        executed.sellerName = name(executed.trade.seller);
    }
    if (m_wantsReply && !m_replied)
        m_outputs.emplace_back(
            out::Reply{m_origin, m_member, proto::Result{proto::ResultCode::Ok, {}}});
}

} // namespace bwx::sequencer
