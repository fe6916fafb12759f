#pragma once
// Effective-book subscriptions and their per-prefix streams (docs/protocol-sessions.md §7).
//
// The effective book of prefix P holds the sells on P or on any prefix covering P, and the
// buys on P or on any prefix inside P. So a change to an order reaches:
//   a sell on S: every subscribed P with S ⊇ P (the subscribed prefixes inside S);
//   a buy on B:  every subscribed P with P ⊇ B (the subscribed prefixes covering B).
// Both are walks in a prefix trie over the subscribed prefixes only, so the cost of a change
// grows with the subscriptions it reaches, not with the size of the market.
//
// Each subscribed prefix is one stream with its own counter (bookSeq). A change goes through
// three stages:
//   gathered  record(): coalesced per order with the stream's other unsent changes
//             (PendingBookChanges);
//   sealed    seal(): the gathered changes become one BookUpdate with the stream's next
//             number and the stream's subscribers of that moment as recipients. Without
//             conflation every stream with changes is sealed at the end of each output batch;
//             with `updatesPerSecond` = N a stream is sealed at most N times a second and the
//             changes of the time in between are coalesced into one update;
//   released  release(): sent, in number order per stream, once the quality of its sells
//             toward the stream's prefix is known (book_quality.h): a sealed update with sells
//             waits for a quality round, and the updates behind it wait for it.
// A snapshot answered at some point of the output sequence first seals the stream's gathered
// changes (they happened before the snapshot), then carries the stream's counter, so the first
// update the new subscriber receives is snapshot.bookSeq + 1 and none of the changes already in
// its snapshot reaches it.
//
// Not thread-safe: the session manager uses it on its strand only; time and round numbers come
// from the caller, so the rules are testable without a clock.
#include "bwx/net/prefix_trie.h"
#include "bwx/proto/messages.h"
#include "bwx/server/book_quality.h"
#include "bwx/server/pending_book_changes.h"
#include "bwx/server/session_id.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

namespace bwx::server {

class BookSubscriptions
{
public:
    using Clock = std::chrono::steady_clock;

    // 0 (the default): one update per stream per output batch. N: at most N updates per
    // second per stream.
    void setUpdatesPerSecond(std::uint32_t updatesPerSecond);
    std::uint32_t updatesPerSecond() const { return m_updatesPerSecond; }

    // f(const net::Prefix &subscribedPrefix) for every subscribed prefix whose effective book
    // holds an order of `side` placed on `orderPrefix`.
    template<class F> void forEachReached(Side side, const net::Prefix &orderPrefix, F &&f) const
    {
        const auto visit = [&f](const net::Prefix &prefix, const Stream &) {
            f(prefix);
        };
        if (side == Side::Sell)
            m_streams.forEachCovered(orderPrefix, visit);
        else
            m_streams.forEachCovering(orderPrefix, visit);
    }

    // Adds `prefix` to the session's subscriptions; false if it was already there.
    bool subscribe(SessionId session, const net::Prefix &prefix);
    // False if the session was not subscribed to `prefix`. Updates of the stream that are
    // sealed but not released yet no longer go to the session either.
    bool unsubscribe(SessionId session, const net::Prefix &prefix);
    void removeSession(SessionId session);

    bool isSubscribed(SessionId session, const net::Prefix &prefix) const;
    std::size_t subscriptionCount(SessionId session) const;
    std::size_t streamCount() const { return m_streams.size(); }
    // The number of the stream's last sealed update (released or still waiting); 0 for a
    // stream that has none.
    std::uint64_t bookSeq(const net::Prefix &prefix) const;

    // Gathers a change for every stream it reaches.
    void record(proto::BookAction action, const proto::BookEntry &entry);

    // Seals the gathered changes of every stream whose pace allows an update at `now`.
    void seal(Clock::time_point now);
    // Seals the gathered changes of `prefix` now, whatever its pace (before a snapshot).
    void sealNow(const net::Prefix &prefix);
    // When seal() next has something to do for a stream held back by its pace.
    std::optional<Clock::time_point> nextSealTime() const;

    // The sells of sealed updates that wait for their quality and were not asked for yet,
    // one request per stream; the updates are marked as waiting for `round`. Empty when
    // nothing needs asking.
    QualityRound takeQualityRequests(std::uint64_t round);
    // The round could not be submitted: its updates are asked for again next time.
    void abandonRound(std::uint64_t round);
    // The round's answers: the quality fields of the waiting sells are filled in.
    void resolveRound(std::uint64_t round, const QualityRound &answered);

    // Sends every sealed update that is ready, in number order per stream:
    // send(const proto::BookUpdate &, const std::vector<SessionId> &recipients).
    template<class Send> void release(Send &&send)
    {
        std::vector<net::Prefix> stillWaiting;
        for (const net::Prefix &prefix : m_waiting) {
            Stream *stream = m_streams.find(prefix);
            if (!stream)
                continue;
            while (!stream->sealed.empty() && !stream->sealed.front().needsQuality) {
                const Sealed &front = stream->sealed.front();
                send(static_cast<const proto::BookUpdate &>(front.update),
                     static_cast<const std::vector<SessionId> &>(front.to));
                stream->sealed.pop_front();
            }
            if (!stream->sealed.empty())
                stillWaiting.push_back(prefix);
        }
        m_waiting = std::move(stillWaiting);
    }

    // Sealed updates not released yet, over all streams.
    std::size_t waitingUpdates() const;

private:
    struct Sealed
    {
        proto::BookUpdate update;
        std::vector<SessionId> to;
        bool needsQuality = false;
        std::uint64_t round = 0; // the quality round asked for it; 0 = not asked yet
    };
    struct Stream
    {
        net::Prefix prefix;
        std::uint64_t seq = 0; // last sealed
        PendingBookChanges pending;
        bool touched = false; // listed in m_touched
        Clock::time_point nextAllowed{};
        std::deque<Sealed> sealed;
        std::vector<SessionId> subscribers;
    };

    void sealStream(Stream &stream);
    void dropStream(const net::Prefix &prefix);
    void forgetSessionIn(Stream &stream, SessionId session);

    std::uint32_t m_updatesPerSecond = 0;
    Clock::duration m_interval{};
    net::PrefixMap<Stream> m_streams;
    std::unordered_map<SessionId, std::vector<net::Prefix>> m_bySession;
    std::vector<net::Prefix> m_touched; // streams with gathered changes, in first-touch order
    std::vector<net::Prefix> m_waiting; // streams with sealed updates, in first-seal order
};

} // namespace bwx::server
