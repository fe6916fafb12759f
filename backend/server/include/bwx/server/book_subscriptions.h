#pragma once
// Effective-book subscriptions and their per-prefix streams (docs/protocol-sessions.md).
//
// The effective book of prefix P holds the sells on P or on any prefix covering P, and the
// buys on P or on any prefix inside P. So a change to an order reaches:
//   a sell on S: every subscribed P with S ⊇ P (the subscribed prefixes inside S);
//   a buy on B:  every subscribed P with P ⊇ B (the subscribed prefixes covering B).
// Both are walks in a prefix trie over the subscribed prefixes only, so the cost of a change
// grows with the subscriptions it reaches, not with the size of the market.
//
// Each subscribed prefix is one stream with its own counter (bookSeq). Changes are gathered
// per stream and sent as one BookUpdate per stream per output batch; each sent update takes
// the next counter value. A snapshot answered at some point of the output sequence carries the
// counter at that point, so the first update after it has snapshot.bookSeq + 1.
//
// Not thread-safe: the session manager uses it on its strand only.
#include "bwx/net/prefix_trie.h"
#include "bwx/proto/messages.h"
#include "bwx/server/session_id.h"

#include <cstddef>
#include <unordered_map>
#include <vector>

namespace bwx::server {

class BookSubscriptions
{
public:
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
    // False if the session was not subscribed to `prefix`.
    bool unsubscribe(SessionId session, const net::Prefix &prefix);
    void removeSession(SessionId session);

    bool isSubscribed(SessionId session, const net::Prefix &prefix) const;
    std::size_t subscriptionCount(SessionId session) const;
    std::size_t streamCount() const { return m_streams.size(); }
    // The counter of the last update sent on the stream (0 for a stream that has none).
    std::uint64_t bookSeq(const net::Prefix &prefix) const;

    // Gathers a change for every stream it reaches.
    void record(proto::BookAction action, const proto::BookEntry &entry);

    // Sends the gathered changes: send(const proto::BookUpdate &, const std::vector<SessionId> &)
    // once per stream that has any, each update with the stream's next bookSeq.
    template<class Send> void flush(Send &&send)
    {
        for (const net::Prefix &prefix : m_touched)
            flushStream(prefix, send);
        m_touched.clear();
    }

    // Sends only the changes gathered for `prefix`, so that a snapshot answered next is
    // numbered after them.
    template<class Send> void flush(const net::Prefix &prefix, Send &&send)
    {
        flushStream(prefix, send);
    }

private:
    struct Stream
    {
        proto::BookUpdate pending; // prefix and gathered changes; bookSeq = last sent
        std::vector<SessionId> subscribers;
    };

    template<class Send> void flushStream(const net::Prefix &prefix, Send &send)
    {
        Stream *stream = m_streams.find(prefix);
        if (!stream || stream->pending.changes.empty())
            return;
        ++stream->pending.bookSeq;
        send(static_cast<const proto::BookUpdate &>(stream->pending),
             static_cast<const std::vector<SessionId> &>(stream->subscribers));
        stream->pending.changes.clear(); // keeps its capacity for the next batch
    }

    net::PrefixMap<Stream> m_streams;
    std::unordered_map<SessionId, std::vector<net::Prefix>> m_bySession;
    std::vector<net::Prefix> m_touched; // streams with gathered changes, in first-touch order
};

} // namespace bwx::server
