#include "bwx/server/member_fanout.h"

namespace bwx::server {

namespace out = sequencer::out;

Fanout fanoutOf(const sequencer::Output &item, Seq batchSeq)
{
    Fanout fanout;
    if (const auto *changed = std::get_if<out::OrderChanged>(&item)) {
        fanout.toMembers.push_back(
            {changed->order.member, proto::OrderUpdate{changed->order, changed->seq}});
    } else if (const auto *trade = std::get_if<out::TradeExecuted>(&item)) {
        const proto::TradeView &view = trade->trade;
        fanout.toMembers.push_back({view.buyer, proto::Fill{view, Side::Buy, view.buyOrderId,
                                                            trade->buyClientOrderId,
                                                            trade->sellerName, trade->seq}});
        fanout.toMembers.push_back({view.seller, proto::Fill{view, Side::Sell, view.sellOrderId,
                                                             trade->sellClientOrderId,
                                                             trade->buyerName, trade->seq}});
    } else if (const auto *tradeChanged = std::get_if<out::TradeChanged>(&item)) {
        const proto::Message update = proto::TradeUpdate{tradeChanged->trade, batchSeq};
        fanout.toMembers.push_back({tradeChanged->trade.buyer, update});
        if (tradeChanged->trade.seller != tradeChanged->trade.buyer)
            fanout.toMembers.push_back({tradeChanged->trade.seller, update});
    } else if (const auto *member = std::get_if<out::MemberChanged>(&item)) {
        const proto::Message list = proto::MemberList{{member->member}};
        fanout.toMembers.push_back({member->member.id, list});
        fanout.toAdmins.push_back(list);
    } else if (const auto *notice = std::get_if<out::Notice>(&item)) {
        // Only the member concerned; with no session open it is not kept: what it reports is
        // also in the member's orders, trades and member view.
        fanout.toMembers.push_back({notice->member, notice->notice});
    }
    return fanout;
}

} // namespace bwx::server
