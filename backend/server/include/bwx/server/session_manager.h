#pragma once
// The registry of sessions (by session id and by member) and the fan-out of the market's
// output. Everything here runs on one strand: the sequencer's output batches are posted to it
// in order and handled in order, so replies, unsolicited updates and market data leave in
// exactly the order the market produced them.
//
// Who receives what (a member only ever receives its own orders, fills and trades):
//   Reply             the session that asked (with its request id); an OrderUpdate reply is
//                     also sent, unsolicited (request id 0), to the member's other sessions
//   OrderChanged      every session of the order's owner
//   TradeExecuted     a Fill to every session of the buyer and of the seller
//   TradeChanged      TradeList with the trade to the buyer's and the seller's sessions
//   MemberChanged     MemberList with the member to its own sessions and to admins
//   Notice            to every session of the member it is for
//   BookChanged       gathered per subscribed prefix and sent as BookUpdates, coalesced and
//                     paced per prefix, with the sells' quality toward that prefix
//                     (book_subscriptions.h)
//
// It also sequences SessionsClosed when a member's last session ends (cancel-on-disconnect is
// the market's decision), and keeps each member's message-rate limit current from the member
// views that pass through it (member_rate_limits.h).
#include "bwx/core/asio.h"
#include "bwx/domain/ids.h"
#include "bwx/proto/messages.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/server/book_subscriptions.h"
#include "bwx/server/market_watch.h"
#include "bwx/server/member_rate_limits.h"
#include "bwx/server/server_options.h"
#include "bwx/server/session_id.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace bwx::server {

class Session;

class SessionManager
{
public:
    SessionManager(asio::io_context &io,
                   sequencer::Sequencer &sequencer,
                   const SharedOptions &options,
                   Timestamp startedAt);
    SessionManager(const SessionManager &) = delete;
    SessionManager &operator=(const SessionManager &) = delete;

    // ---- thread-safe; each posts to the manager's strand ----
    // Loads what the manager needs from the market before the first session (the members'
    // rate limits); call once, before accepting connections.
    void start();
    void add(std::shared_ptr<Session> session);
    void remove(SessionId session);
    void identified(SessionId session, Role role, MemberId member);
    // The sequencer's OutputHandler (called on the journal thread, in order).
    void deliver(sequencer::OutputBatch &&batch);
    // A service's answer to one request, and unsolicited messages from parts outside the market.
    void reply(SessionId session, std::uint32_t requestId, proto::Message message);
    void notifyMember(MemberId member, proto::Message message);
    void notifyAdmins(proto::Message message);
    void stopReadingAll();
    void closeAll(proto::ResultCode code, std::string reason);

    // Sessions registered (accepted and not yet closed).
    std::size_t size() const { return m_count.load(std::memory_order_acquire); }

private:
    struct Entry
    {
        std::shared_ptr<Session> session;
        Role role = Role::Member;
        MemberId member{};
        bool identified = false;
    };

    void handle(sequencer::OutputBatch &batch);
    void onReply(sequencer::out::Reply &reply);
    void onBookSnapshot(Entry &entry, std::uint32_t requestId, proto::BookSnapshot &snapshot);
    void onUnsubscribe(Entry &entry, std::uint32_t requestId, const net::Prefix &prefix);
    void onWatchSubscribe(Entry &entry, std::uint32_t requestId, proto::MarketWatchSnapshot &rows);
    void onWatchRows(std::vector<proto::WatchRow> rows);
    void sendWatchUpdate(std::vector<proto::WatchRow> changed);
    void scheduleWatch();
    void onWatchTimer(const error_code &ec);
    void sendBookUpdate(const proto::BookUpdate &update, const std::vector<SessionId> &to);
    // Book streams: seal what the pace allows, ask for the quality of sells, send what is ready.
    void pumpBooks();
    void requestBookQuality();
    void onBookQuality(std::uint64_t round);
    void scheduleBooks(std::chrono::steady_clock::time_point when);
    void onBookTimer(const error_code &ec);
    // Member views that pass by: rate limits. `full` when every entry is complete (admins').
    void noteMembers(const proto::MemberList &list, bool full, MemberId self);
    void onMemberList(Entry &entry, const proto::MemberList &list);
    void refreshOptions();
    void lastSessionClosed(MemberId member);
    void submitSessionsClosed(MemberId member);
    void registerMember(SessionId id, Entry &entry, MemberId member);
    void forget(SessionId id);

    Entry *find(SessionId id);
    void sendTo(SessionId id, const proto::Message &message, std::uint32_t requestId);
    void sendToMember(MemberId member, const proto::Message &message, SessionId except = 0);
    void sendToAdmins(const proto::Message &message);
    // A list reply that would not fit in one frame is cut to the entries that fit (logged).
    void fitToFrame(proto::Message &message);

    asio::strand<asio::io_context::executor_type> m_strand;
    sequencer::Sequencer &m_sequencer;
    const SharedOptions &m_options;
    const Timestamp m_startedAt;

    std::unordered_map<SessionId, Entry> m_sessions;
    std::unordered_map<MemberId, std::vector<SessionId>, StrongIntHash> m_byMember;
    std::vector<SessionId> m_admins;
    std::atomic<std::size_t> m_count{0};

    BookSubscriptions m_books;
    MarketWatch m_watch;
    asio::steady_timer m_watchTimer;
    bool m_watchTimerArmed = false;
    bool m_watchQueryOutstanding = false;
    std::vector<std::uint8_t> m_scratch; // sizing of list replies

    // Book quality rounds in flight: filled on the market thread by the query, read here once
    // its (empty) reply arrives through the output path, which orders the two.
    std::unordered_map<std::uint64_t, std::shared_ptr<QualityRound>> m_qualityRounds;
    std::uint64_t m_nextQualityRound = 1;
    asio::steady_timer m_bookTimer;
    std::chrono::steady_clock::time_point m_bookTimerAt{};
    bool m_bookTimerArmed = false;
    bool m_qualityRetry = false; // a round could not be submitted: try again on the timer

    MemberRateLimits m_memberRates;
    std::uint64_t m_optionsGeneration = ~std::uint64_t{0};
    bool m_stopping = false; // shutdown: sessions ending now are not members disconnecting
    // Members whose SessionsClosed could not be submitted (queue full): retried on a timer.
    std::vector<MemberId> m_closedRetry;
    // Members that asked for cancel-on-disconnect, learned from the market's member views: only
    // their last disconnect is worth a sequenced SessionsClosed (the market decides either way).
    std::unordered_set<std::uint32_t> m_cancelOnDisconnect;
    void noteMember(const proto::MemberView &member);
    asio::steady_timer m_closedTimer;
    bool m_closedTimerArmed = false;
};

} // namespace bwx::server
