#pragma once
// Which member receives which message for one unsolicited output of the market. A member only
// ever receives its own orders, fills, trades, member view and notices; admins receive member
// changes. Replies and book changes are routed by the session manager itself (they go to one
// session, or to subscribers). Pure, so the routing rules are tested without sessions.
#include "bwx/domain/ids.h"
#include "bwx/proto/messages.h"
#include "bwx/sequencer/sequencer.h"

#include <vector>

namespace bwx::server {

struct MemberMessage
{
    MemberId member{}; // every session of this member
    proto::Message message;
};

struct Fanout
{
    std::vector<MemberMessage> toMembers;
    std::vector<proto::Message> toAdmins;
};

// `batchSeq` is the last sequence number of the output batch (TradeUpdate carries it).
Fanout fanoutOf(const sequencer::Output &item, Seq batchSeq);

} // namespace bwx::server
