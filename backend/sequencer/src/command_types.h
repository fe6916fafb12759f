#pragma once
// Which messages are commands: the only messages that are sequenced, journaled and replayed.
#include "bwx/proto/messages.h"

namespace bwx::sequencer {

// What submit() accepts from outside: members' and admins' commands, and the exchange's own
// internal commands (route and quality changes, sessions closed, market settings), which the
// server submits itself and refuses from the wire (their Direction is Internal).
constexpr bool isSubmittableCommand(proto::MessageType type) noexcept
{
    using T = proto::MessageType;
    return type == T::NewOrder || type == T::CancelOrder || type == T::AmendOrder
           || type == T::MassCancel || type == T::TakeOrder || type == T::SetCancelOnDisconnect
           || type == T::CancelTrade
           || type == T::AddMember || type == T::SetMemberStatus || type == T::SetMemberLimits
           || type == T::RouteBatch || type == T::QualityBatch || type == T::SessionsClosed
           || type == T::ConfigureMarket;
}

// What the journal may hold: the submittable commands plus the sequencer's own clock ticks.
constexpr bool isJournaledCommand(proto::MessageType type) noexcept
{
    return isSubmittableCommand(type) || type == proto::MessageType::ClockTick;
}

} // namespace bwx::sequencer
