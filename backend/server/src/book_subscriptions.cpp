#include "bwx/server/book_subscriptions.h"

#include <algorithm>

namespace bwx::server {

namespace {

bool needsQuality(const proto::BookChange &change)
{
    return change.entry.side == Side::Sell && change.action != proto::BookAction::Remove;
}

} // namespace

void BookSubscriptions::setUpdatesPerSecond(std::uint32_t updatesPerSecond)
{
    m_updatesPerSecond = updatesPerSecond;
    m_interval = updatesPerSecond == 0
                     ? Clock::duration::zero()
                     : std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(
                           1'000'000'000 / std::int64_t{updatesPerSecond}));
}

bool BookSubscriptions::subscribe(SessionId session, const net::Prefix &prefix)
{
    auto &mine = m_bySession[session];
    if (std::find(mine.begin(), mine.end(), prefix) != mine.end())
        return false;
    mine.push_back(prefix);
    auto [stream, created] = m_streams.tryEmplace(prefix);
    if (created)
        stream->prefix = prefix;
    stream->subscribers.push_back(session);
    return true;
}

void BookSubscriptions::forgetSessionIn(Stream &stream, SessionId session)
{
    std::erase(stream.subscribers, session);
    for (Sealed &sealed : stream.sealed)
        std::erase(sealed.to, session);
}

void BookSubscriptions::dropStream(const net::Prefix &prefix)
{
    // A stream nobody reads is dropped with its counter and whatever it still held: a later
    // subscriber gets a fresh snapshot, and bookSeq only has to be contiguous after a snapshot.
    m_streams.erase(prefix);
    std::erase(m_touched, prefix);
    std::erase(m_waiting, prefix);
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
        forgetSessionIn(*stream, session);
        if (stream->subscribers.empty())
            dropStream(prefix);
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
            forgetSessionIn(*stream, session);
            if (stream->subscribers.empty())
                dropStream(prefix);
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
    return stream ? stream->seq : 0;
}

void BookSubscriptions::record(proto::BookAction action, const proto::BookEntry &entry)
{
    if (m_streams.empty())
        return;
    const auto add = [&](const net::Prefix &, Stream &stream) {
        if (!stream.touched) {
            stream.touched = true;
            m_touched.push_back(stream.prefix);
        }
        stream.pending.add(action, entry);
    };
    if (entry.side == Side::Sell)
        m_streams.forEachCovered(entry.prefix, add);
    else
        m_streams.forEachCovering(entry.prefix, add);
}

void BookSubscriptions::sealStream(Stream &stream)
{
    stream.touched = false;
    if (stream.pending.empty()) {
        stream.pending.take(); // everything cancelled out: no number is used
        return;
    }
    Sealed sealed;
    sealed.update.prefix = stream.prefix;
    sealed.update.bookSeq = ++stream.seq;
    sealed.update.changes = stream.pending.take();
    sealed.to = stream.subscribers;
    sealed.needsQuality
        = std::any_of(sealed.update.changes.begin(), sealed.update.changes.end(), needsQuality);
    if (stream.sealed.empty())
        m_waiting.push_back(stream.prefix);
    stream.sealed.push_back(std::move(sealed));
}

void BookSubscriptions::seal(Clock::time_point now)
{
    std::vector<net::Prefix> heldBack;
    for (const net::Prefix &prefix : m_touched) {
        Stream *stream = m_streams.find(prefix);
        if (!stream || !stream->touched)
            continue;
        if (m_interval > Clock::duration::zero()) {
            if (now < stream->nextAllowed) {
                heldBack.push_back(prefix);
                continue;
            }
            stream->nextAllowed = now + m_interval;
        }
        sealStream(*stream);
    }
    m_touched = std::move(heldBack);
}

void BookSubscriptions::sealNow(const net::Prefix &prefix)
{
    Stream *stream = m_streams.find(prefix);
    if (!stream || !stream->touched)
        return;
    sealStream(*stream);
    std::erase(m_touched, prefix);
}

std::optional<BookSubscriptions::Clock::time_point> BookSubscriptions::nextSealTime() const
{
    std::optional<Clock::time_point> earliest;
    for (const net::Prefix &prefix : m_touched) {
        const Stream *stream = m_streams.find(prefix);
        if (stream && stream->touched && (!earliest || stream->nextAllowed < *earliest))
            earliest = stream->nextAllowed;
    }
    return earliest;
}

QualityRound BookSubscriptions::takeQualityRequests(std::uint64_t round)
{
    QualityRound requests;
    for (const net::Prefix &prefix : m_waiting) {
        Stream *stream = m_streams.find(prefix);
        if (!stream)
            continue;
        QualityRequest request;
        request.prefix = prefix;
        for (Sealed &sealed : stream->sealed) {
            if (!sealed.needsQuality || sealed.round != 0)
                continue;
            sealed.round = round;
            for (const proto::BookChange &change : sealed.update.changes)
                if (needsQuality(change))
                    request.sells.push_back(change.entry.orderId);
        }
        if (request.sells.empty())
            continue;
        std::sort(request.sells.begin(), request.sells.end());
        request.sells.erase(std::unique(request.sells.begin(), request.sells.end()),
                            request.sells.end());
        requests.push_back(std::move(request));
    }
    return requests;
}

void BookSubscriptions::abandonRound(std::uint64_t round)
{
    for (const net::Prefix &prefix : m_waiting) {
        if (Stream *stream = m_streams.find(prefix)) {
            for (Sealed &sealed : stream->sealed)
                if (sealed.round == round)
                    sealed.round = 0;
        }
    }
}

void BookSubscriptions::resolveRound(std::uint64_t round, const QualityRound &answered)
{
    for (const QualityRequest &request : answered) {
        Stream *stream = m_streams.find(request.prefix);
        if (!stream)
            continue; // dropped meanwhile (a new stream of the prefix has other rounds)
        for (Sealed &sealed : stream->sealed) {
            if (sealed.round != round)
                continue;
            for (proto::BookChange &change : sealed.update.changes) {
                if (!needsQuality(change))
                    continue;
                const auto found = std::lower_bound(
                    request.answers.begin(), request.answers.end(), change.entry.orderId,
                    [](const SellQuality &q, OrderId id) { return q.order < id; });
                // An order that left the book before the round ran keeps what the market
                // reported; its Remove follows in a later update.
                if (found != request.answers.end() && found->order == change.entry.orderId)
                    applyQuality(change.entry, *found);
            }
            sealed.needsQuality = false;
        }
    }
}

std::size_t BookSubscriptions::waitingUpdates() const
{
    std::size_t count = 0;
    for (const net::Prefix &prefix : m_waiting)
        if (const Stream *stream = m_streams.find(prefix))
            count += stream->sealed.size();
    return count;
}

} // namespace bwx::server
