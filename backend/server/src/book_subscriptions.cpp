#include "bwx/server/book_subscriptions.h"

#include <algorithm>

namespace bwx::server {

bool BookSubscriptions::subscribe(SessionId session, const net::Prefix &prefix)
{
    auto &mine = m_bySession[session];
    if (std::find(mine.begin(), mine.end(), prefix) != mine.end())
        return false;
    mine.push_back(prefix);
    auto [stream, created] = m_streams.tryEmplace(prefix);
    if (created)
        stream->pending.prefix = prefix;
    stream->subscribers.push_back(session);
    return true;
}

bool BookSubscriptions::unsubscribe(SessionId session, const net::Prefix &prefix)
{
    const auto it = m_bySession.find(session);
    if (it == m_bySession.end())
        return false;
    auto &mine = it->second;
    const auto at = std::find(mine.begin(), mine.end(), prefix);
    if (at == mine.end())
        return false;
    mine.erase(at);
    if (mine.empty())
        m_bySession.erase(it);
    if (Stream *stream = m_streams.find(prefix)) {
        std::erase(stream->subscribers, session);
        // A stream nobody reads is dropped with its counter: a later subscriber gets a fresh
        // snapshot, and bookSeq only has to be contiguous after a snapshot.
        if (stream->subscribers.empty())
            m_streams.erase(prefix);
    }
    return true;
}

void BookSubscriptions::removeSession(SessionId session)
{
    const auto it = m_bySession.find(session);
    if (it == m_bySession.end())
        return;
    const std::vector<net::Prefix> prefixes = std::move(it->second);
    m_bySession.erase(it);
    for (const net::Prefix &prefix : prefixes) {
        if (Stream *stream = m_streams.find(prefix)) {
            std::erase(stream->subscribers, session);
            if (stream->subscribers.empty())
                m_streams.erase(prefix);
        }
    }
}

bool BookSubscriptions::isSubscribed(SessionId session, const net::Prefix &prefix) const
{
    const auto it = m_bySession.find(session);
    return it != m_bySession.end()
           && std::find(it->second.begin(), it->second.end(), prefix) != it->second.end();
}

std::size_t BookSubscriptions::subscriptionCount(SessionId session) const
{
    const auto it = m_bySession.find(session);
    return it == m_bySession.end() ? 0 : it->second.size();
}

std::uint64_t BookSubscriptions::bookSeq(const net::Prefix &prefix) const
{
    const Stream *stream = m_streams.find(prefix);
    return stream ? stream->pending.bookSeq : 0;
}

void BookSubscriptions::record(proto::BookAction action, const proto::BookEntry &entry)
{
    if (m_streams.empty())
        return;
    const auto add = [&](const net::Prefix &, Stream &stream) {
        if (stream.pending.changes.empty())
            m_touched.push_back(stream.pending.prefix);
        stream.pending.changes.push_back(proto::BookChange{action, entry});
    };
    if (entry.side == Side::Sell)
        m_streams.forEachCovered(entry.prefix, add);
    else
        m_streams.forEachCovering(entry.prefix, add);
}

} // namespace bwx::server
