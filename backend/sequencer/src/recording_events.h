#pragma once
// Turns the engine's events for one command into sequencer outputs, in the order they happen.
#include "bwx/market/engine.h"
#include "bwx/sequencer/sequencer.h"

#include <cstddef>
#include <unordered_map>
#include <vector>

namespace bwx::sequencer {

class RecordingEvents final : public market::EngineEvents
{
public:
    // `wantsReply`: a command someone submitted gets exactly one answer; the sequencer's own
    // clock ticks have nobody to answer.
    RecordingEvents(
        std::vector<Output> &outputs, Origin origin, MemberId member, Seq seq, bool wantsReply);

    void rejected(proto::ResultCode code, std::string_view message) override;
    void orderUpdated(const proto::OrderView &order, bool isReply) override;
    void tradeExecuted(const proto::TradeView &trade) override;
    void bookChanged(proto::BookAction action, const proto::BookEntry &entry) override;
    void tradeUpdated(const proto::TradeView &trade) override;
    void memberUpdated(const proto::MemberView &member, bool isReply) override;
    void notice(MemberId member, const proto::Notice &notice) override;

    // The command being recorded is a CancelTrade: the cancelled trade's TradeUpdate is also its
    // answer (both parties still get it as an unsolicited update).
    void answerWithCancelledTrade() { m_answersWithTrade = true; }

    // Call after Engine::apply returned: completes trades with client order ids and member
    // names (looked up once the engine is consistent again, not from inside apply), and adds
    // Result{Ok} when the command produced no reply of its own.
    void finish(const market::Engine &engine);

private:
    std::vector<Output> &m_outputs;
    Origin m_origin;
    MemberId m_member;
    Seq m_seq;
    bool m_wantsReply;
    bool m_replied = false;
    bool m_answersWithTrade = false;
    std::vector<std::size_t> m_trades; // indexes of out::TradeExecuted in m_outputs
    std::unordered_map<OrderId, ClientOrderId, StrongIntHash> m_clientIds;
};

} // namespace bwx::sequencer
