#pragma once
// EngineEvents that keeps every call, so tests can compare event streams and inspect them.
#include "bwx/market/engine.h"

#include <string>
#include <variant>
#include <vector>

namespace bwx::market::testing {

struct Rejected
{
    proto::ResultCode code;
    std::string message;
};
struct OrderUpdated
{
    proto::OrderView order;
    bool isReply;
    friend bool operator==(const OrderUpdated &, const OrderUpdated &) = default;
};
struct TradeExecuted
{
    proto::TradeView trade;
    friend bool operator==(const TradeExecuted &, const TradeExecuted &) = default;
};
struct BookChanged
{
    proto::BookAction action;
    proto::BookEntry entry;
    friend bool operator==(const BookChanged &, const BookChanged &) = default;
};
struct TradeUpdated
{
    proto::TradeView trade;
    friend bool operator==(const TradeUpdated &, const TradeUpdated &) = default;
};
struct MemberUpdated
{
    proto::MemberView member;
    bool isReply;
    friend bool operator==(const MemberUpdated &, const MemberUpdated &) = default;
};

struct NoticeSent
{
    MemberId member;
    proto::Notice notice;
};

// Rejections compare by code only: the reference engine does not reproduce message texts.
inline bool operator==(const Rejected &a, const Rejected &b)
{
    return a.code == b.code;
}
// Notices compare by everything but their text, for the same reason.
inline bool operator==(const NoticeSent &a, const NoticeSent &b)
{
    return a.member == b.member && a.notice.code == b.notice.code && a.notice.time == b.notice.time
           && a.notice.order == b.notice.order && a.notice.trade == b.notice.trade;
}

using Event = std::variant<Rejected,
                           OrderUpdated,
                           TradeExecuted,
                           BookChanged,
                           TradeUpdated,
                           MemberUpdated,
                           NoticeSent>;

class RecordingEvents final : public EngineEvents
{
public:
    void rejected(proto::ResultCode code, std::string_view message) override
    {
        events.push_back(Rejected{code, std::string(message)});
    }
    void orderUpdated(const proto::OrderView &order, bool isReply) override
    {
        events.push_back(OrderUpdated{order, isReply});
    }
    void tradeExecuted(const proto::TradeView &trade) override
    {
        events.push_back(TradeExecuted{trade});
    }
    void bookChanged(proto::BookAction action, const proto::BookEntry &entry) override
    {
        events.push_back(BookChanged{action, entry});
    }
    void tradeUpdated(const proto::TradeView &trade) override
    {
        events.push_back(TradeUpdated{trade});
    }
    void memberUpdated(const proto::MemberView &member, bool isReply) override
    {
        events.push_back(MemberUpdated{member, isReply});
    }
    void notice(MemberId member, const proto::Notice &notice) override
    {
        events.push_back(NoticeSent{member, notice});
    }

    const Rejected *rejection() const
    {
        for (const Event &e : events)
            if (const auto *r = std::get_if<Rejected>(&e))
                return r;
        return nullptr;
    }

    std::vector<Event> events;
};

// One line per event, for failure messages.
std::string describe(const Event &e);
std::string describe(const std::vector<Event> &events);

} // namespace bwx::market::testing
