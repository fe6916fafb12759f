#include "bwx/app/output_signals.h"

namespace bwx::app {

OutputSignals scanOutputs(const sequencer::OutputBatch &batch)
{
    OutputSignals signals;
    for (const sequencer::Output &item : batch.items) {
        if (const auto *reply = std::get_if<sequencer::out::Reply>(&item)) {
            if (const auto *ack = std::get_if<proto::HelloAck>(&reply->message);
                ack && ack->role == Role::Member && ack->member.value() != 0)
                signals.sessionsStarted.push_back(ack->member);
        } else if (const auto *book = std::get_if<sequencer::out::BookChanged>(&item)) {
            if (book->action == proto::BookAction::Add && book->entry.side == Side::Sell)
                signals.sellOrderAdded = true;
        }
    }
    return signals;
}

bool FullAnalysisLimiter::allow(MemberId seller, Timestamp now)
{
    const auto [it, inserted] = m_last.try_emplace(seller, now);
    if (inserted)
        return true;
    if (now - it->second < m_minInterval)
        return false;
    it->second = now;
    return true;
}

} // namespace bwx::app
