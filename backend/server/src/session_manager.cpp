#include "bwx/server/session_manager.h"

#include "bwx/market/engine.h"
#include "bwx/proto/codec.h"
#include "bwx/server/log.h"
#include "bwx/server/member_fanout.h"
#include "bwx/server/session.h"

#include <algorithm>

namespace bwx::server {

namespace out = sequencer::out;

SessionManager::SessionManager(asio::io_context &io,
                               sequencer::Sequencer &sequencer,
                               const SharedOptions &options,
                               Timestamp startedAt)
    : m_strand(asio::make_strand(io))
    , m_sequencer(sequencer)
    , m_options(options)
    , m_startedAt(startedAt)
    , m_watchTimer(m_strand)
    , m_bookTimer(m_strand)
    , m_closedTimer(m_strand)
{}

void SessionManager::start()
{
    asio::post(m_strand, [this] {
        refreshOptions();
        // Answered before any Hello can be: sessions are only accepted after this.
        const bool submitted = m_sequencer.submitQuery(
            MemberId{},
            [](const market::Engine &engine) -> proto::Message {
                return proto::MemberList{engine.members()};
            },
            sequencer::Origin{kMembersOrigin, 0});
        if (!submitted)
            logWarning("could not load the members' rate limits; the exchange default applies "
                       "until each member's view is seen");
    });
}

void SessionManager::refreshOptions()
{
    const std::uint64_t generation = m_options.generation();
    if (generation == m_optionsGeneration)
        return;
    m_optionsGeneration = generation;
    const auto options = m_options.get();
    m_books.setUpdatesPerSecond(options->bookUpdatesPerSecond);
    m_memberRates.setDefaultRate(options->limits.memberRateLimitPerSecond,
                                 std::chrono::steady_clock::now());
}

void SessionManager::add(std::shared_ptr<Session> session)
{
    m_count.fetch_add(1, std::memory_order_acq_rel);
    asio::post(m_strand, [this, session = std::move(session)]() mutable {
        const SessionId id = session->id();
        m_sessions.emplace(id, Entry{std::move(session)});
    });
}

void SessionManager::remove(SessionId session)
{
    asio::post(m_strand, [this, session] { forget(session); });
}

void SessionManager::identified(SessionId session, Role role, MemberId member)
{
    asio::post(m_strand, [this, session, role, member] {
        Entry *entry = find(session);
        if (!entry)
            return;
        entry->role = role;
        if (role == Role::Admin) {
            entry->identified = true;
            m_admins.push_back(session);
        } else {
            registerMember(session, *entry, member);
        }
    });
}

void SessionManager::deliver(sequencer::OutputBatch &&batch)
{
    asio::post(m_strand, [this, batch = std::move(batch)]() mutable { handle(batch); });
}

void SessionManager::reply(SessionId session, std::uint32_t requestId, proto::Message message)
{
    asio::post(m_strand, [this, session, requestId, message = std::move(message)]() mutable {
        fitToFrame(message);
        sendTo(session, message, requestId);
    });
}

void SessionManager::notifyMember(MemberId member, proto::Message message)
{
    asio::post(m_strand, [this, member, message = std::move(message)] { sendToMember(member, message); });
}

void SessionManager::notifyAdmins(proto::Message message)
{
    asio::post(m_strand, [this, message = std::move(message)] { sendToAdmins(message); });
}

void SessionManager::stopReadingAll()
{
    asio::post(m_strand, [this] {
        // From here on sessions end because the exchange stops, not because members left:
        // their orders stay (see docs/protocol-sessions.md, cancel-on-disconnect).
        m_stopping = true;
        for (auto &[id, entry] : m_sessions)
            entry.session->stopReading();
    });
}

void SessionManager::closeAll(proto::ResultCode code, std::string reason)
{
    asio::post(m_strand, [this, code, reason = std::move(reason)] {
        m_stopping = true;
        for (auto &[id, entry] : m_sessions)
            entry.session->close(code, reason);
    });
}

SessionManager::Entry *SessionManager::find(SessionId id)
{
    const auto it = m_sessions.find(id);
    return it == m_sessions.end() ? nullptr : &it->second;
}

void SessionManager::registerMember(SessionId id, Entry &entry, MemberId member)
{
    entry.role = Role::Member;
    entry.member = member;
    entry.identified = true;
    m_byMember[member].push_back(id);
}

void SessionManager::forget(SessionId id)
{
    const auto it = m_sessions.find(id);
    if (it == m_sessions.end())
        return;
    const Entry &entry = it->second;
    if (entry.identified && entry.role == Role::Member) {
        if (auto member = m_byMember.find(entry.member); member != m_byMember.end()) {
            std::erase(member->second, id);
            if (member->second.empty()) {
                m_byMember.erase(member);
                lastSessionClosed(entry.member);
            }
        }
    }
    std::erase(m_admins, id);
    m_books.removeSession(id);
    m_watch.unsubscribe(id);
    m_sessions.erase(it);
    m_count.fetch_sub(1, std::memory_order_acq_rel);
}

void SessionManager::sendTo(SessionId id, const proto::Message &message, std::uint32_t requestId)
{
    if (Entry *entry = find(id))
        entry->session->send(message, requestId);
}

void SessionManager::sendToMember(MemberId member, const proto::Message &message, SessionId except)
{
    const auto it = m_byMember.find(member);
    if (it == m_byMember.end())
        return;
    for (const SessionId id : it->second) {
        if (id != except)
            sendTo(id, message, 0);
    }
}

void SessionManager::sendToAdmins(const proto::Message &message)
{
    for (const SessionId id : m_admins)
        sendTo(id, message, 0);
}

// ---- fan-out ---------------------------------------------------------------------------------

void SessionManager::handle(sequencer::OutputBatch &batch)
{
    refreshOptions();
    for (sequencer::Output &item : batch.items) {
        if (auto *reply = std::get_if<out::Reply>(&item)) {
            onReply(*reply);
            continue;
        }
        if (auto *book = std::get_if<out::BookChanged>(&item)) {
            m_books.record(book->action, book->entry);
            continue;
        }
        if (const auto *member = std::get_if<out::MemberChanged>(&item)) {
            m_memberRates.setMemberLimit(member->member.id,
                                         member->member.limits.maxMessagesPerSecond,
                                         std::chrono::steady_clock::now());
            noteMember(member->member);
        }
        const Fanout fanout = fanoutOf(item, batch.lastSeq);
        for (const MemberMessage &message : fanout.toMembers)
            sendToMember(message.member, message.message);
        for (const proto::Message &message : fanout.toAdmins)
            sendToAdmins(message);
    }
    pumpBooks();
}

// ---- book streams --------------------------------------------------------------------------

void SessionManager::pumpBooks()
{
    const auto now = std::chrono::steady_clock::now();
    m_books.seal(now);
    requestBookQuality();
    m_books.release([this](const proto::BookUpdate &update, const std::vector<SessionId> &to) {
        sendBookUpdate(update, to);
    });
    if (const auto next = m_books.nextSealTime())
        scheduleBooks(*next);
}

void SessionManager::requestBookQuality()
{
    const std::uint64_t round = m_nextQualityRound;
    QualityRound requests = m_books.takeQualityRequests(round);
    if (requests.empty())
        return;
    ++m_nextQualityRound;
    auto shared = std::make_shared<QualityRound>(std::move(requests));
    const bool submitted = m_sequencer.submitQuery(
        MemberId{},
        [shared](const market::Engine &engine) -> proto::Message {
            answerQualityRound(engine, *shared);
            return proto::Result{proto::ResultCode::Ok, {}};
        },
        sequencer::Origin{kBookQualityOrigin, static_cast<std::uint32_t>(round)});
    if (submitted) {
        m_qualityRounds.emplace(round, std::move(shared));
        return;
    }
    // The market's queue is full (or fenced): the updates wait and are asked for again.
    m_books.abandonRound(round);
    if (!m_sequencer.fenced()) {
        m_qualityRetry = true;
        scheduleBooks(std::chrono::steady_clock::now() + std::chrono::milliseconds(10));
    }
}

void SessionManager::onBookQuality(std::uint64_t round)
{
    const auto it = m_qualityRounds.find(round);
    if (it == m_qualityRounds.end())
        return;
    const std::shared_ptr<QualityRound> answered = std::move(it->second);
    m_qualityRounds.erase(it);
    m_books.resolveRound(round, *answered);
    m_books.release([this](const proto::BookUpdate &update, const std::vector<SessionId> &to) {
        sendBookUpdate(update, to);
    });
}

void SessionManager::scheduleBooks(std::chrono::steady_clock::time_point when)
{
    if (m_bookTimerArmed && m_bookTimerAt <= when)
        return;
    m_bookTimerArmed = true;
    m_bookTimerAt = when;
    m_bookTimer.expires_at(when);
    m_bookTimer.async_wait([this](const error_code &ec) { onBookTimer(ec); });
}

void SessionManager::onBookTimer(const error_code &ec)
{
    if (ec == asio::error::operation_aborted)
        return; // moved earlier: the new wait is in charge
    m_bookTimerArmed = false;
    m_qualityRetry = false;
    pumpBooks();
}

// ---- members -------------------------------------------------------------------------------

void SessionManager::noteMembers(const proto::MemberList &list, bool full, MemberId self)
{
    const auto now = std::chrono::steady_clock::now();
    for (const proto::MemberView &view : list.members) {
        // A member's view of others carries no limits (they are private): only complete
        // views may set a limit.
        if (full || view.id == self) {
            m_memberRates.setMemberLimit(view.id, view.limits.maxMessagesPerSecond, now);
            noteMember(view);
        }
    }
}

void SessionManager::onMemberList(Entry &entry, const proto::MemberList &list)
{
    const bool admin = entry.role == Role::Admin;
    noteMembers(list, admin, entry.member);
    // A list of exactly one member is what the member commands answer (SetCancelOnDisconnect
    // from the member; SetMemberLimits, SetMemberStatus from an admin): the member's other
    // terminals must see the change too.
    if (list.members.size() == 1) {
        const MemberId changed = list.members.front().id;
        if (admin)
            sendToMember(changed, list);
        else if (changed == entry.member)
            sendToMember(changed, list, entry.session->id());
    }
}

void SessionManager::noteMember(const proto::MemberView &member)
{
    if (member.limits.cancelOnDisconnect != 0)
        m_cancelOnDisconnect.insert(member.id.value());
    else
        m_cancelOnDisconnect.erase(member.id.value());
}

void SessionManager::lastSessionClosed(MemberId member)
{
    if (m_stopping || !m_cancelOnDisconnect.contains(member.value()))
        return;
    submitSessionsClosed(member);
}

void SessionManager::submitSessionsClosed(MemberId member)
{
    if (m_sequencer.submit(MemberId{}, proto::SessionsClosed{member},
                           sequencer::Origin{kServerCommandOrigin, 0}))
        return;
    if (m_sequencer.fenced())
        return; // nothing more is sequenced; the exchange is stopping
    // Queue full: the member's orders must still be cancelled if it asked for that, so try
    // again shortly (unless it has come back by then).
    m_closedRetry.push_back(member);
    if (m_closedTimerArmed)
        return;
    m_closedTimerArmed = true;
    m_closedTimer.expires_after(std::chrono::milliseconds(20));
    m_closedTimer.async_wait([this](const error_code &ec) {
        m_closedTimerArmed = false;
        if (ec)
            return;
        std::vector<MemberId> retry = std::move(m_closedRetry);
        m_closedRetry.clear();
        for (const MemberId gone : retry)
            if (!m_stopping && !m_byMember.contains(gone))
                submitSessionsClosed(gone);
    });
}

void SessionManager::sendBookUpdate(const proto::BookUpdate &update,
                                    const std::vector<SessionId> &to)
{
    const proto::Message message = update;
    for (const SessionId id : to)
        sendTo(id, message, 0);
}

void SessionManager::onReply(out::Reply &reply)
{
    proto::Message &message = reply.message;
    const SessionId id = reply.origin.session;
    const std::uint32_t requestId = reply.origin.requestId;

    if (id == kMarketWatchOrigin) {
        m_watchQueryOutstanding = false;
        if (auto *rows = std::get_if<proto::MarketWatchSnapshot>(&message))
            onWatchRows(std::move(rows->rows));
        return;
    }
    if (id == kBookQualityOrigin) {
        onBookQuality(requestId);
        return;
    }
    if (id == kMembersOrigin) {
        if (const auto *list = std::get_if<proto::MemberList>(&message))
            noteMembers(*list, true, MemberId{});
        return;
    }
    if (id == kServerCommandOrigin) {
        if (const auto *refused = std::get_if<proto::Result>(&message);
            refused && refused->code != proto::ResultCode::Ok)
            logWarning("sessions_closed refused by the market: "
                       + std::string(proto::name(refused->code)) + ": " + refused->message);
        return;
    }
    Entry *entry = find(id);

    if (auto *update = std::get_if<proto::OrderUpdate>(&message)) {
        // Every terminal of the member stays in sync, whichever of them sent the command.
        if (entry)
            entry->session->send(message, requestId);
        sendToMember(update->order.member, message, id);
        return;
    }
    if (!entry)
        return; // the session that asked is gone
    if (auto *ack = std::get_if<proto::HelloAck>(&message)) {
        registerMember(id, *entry, ack->member);
        const MemberId member = ack->member;
        entry->session->helloAccepted(
            std::move(*ack), requestId,
            m_memberRates.bucketFor(member, std::chrono::steady_clock::now()));
    } else if (auto *goodbye = std::get_if<proto::Goodbye>(&message)) {
        entry->session->close(goodbye->code, std::move(goodbye->reason), requestId);
    } else if (auto *snapshot = std::get_if<proto::BookSnapshot>(&message)) {
        onBookSnapshot(*entry, requestId, *snapshot);
    } else if (auto *unsubscribe = std::get_if<proto::UnsubscribeBook>(&message)) {
        onUnsubscribe(*entry, requestId, unsubscribe->prefix);
    } else if (auto *watch = std::get_if<proto::MarketWatchSnapshot>(&message)) {
        onWatchSubscribe(*entry, requestId, *watch);
    } else {
        if (const auto *members = std::get_if<proto::MemberList>(&message))
            onMemberList(*entry, *members);
        if (auto *stats = std::get_if<proto::Stats>(&message)) {
            stats->sessions = static_cast<std::uint32_t>(m_sessions.size());
            stats->journalBatches = m_sequencer.batchesCommitted();
            stats->startedAt = m_startedAt;
        }
        fitToFrame(message);
        entry->session->send(message, requestId);
    }
}

void SessionManager::onBookSnapshot(Entry &entry,
                                    std::uint32_t requestId,
                                    proto::BookSnapshot &snapshot)
{
    const SessionId id = entry.session->id();
    const auto options = m_options.get();
    if (!m_books.isSubscribed(id, snapshot.prefix)
        && m_books.subscriptionCount(id) >= options->limits.maxBookSubscriptions) {
        entry.session->send(proto::Result{proto::ResultCode::SubscriptionLimit,
                                          "at most "
                                              + std::to_string(options->limits.maxBookSubscriptions)
                                              + " book subscriptions per session"},
                            requestId);
        return;
    }
    m_scratch.clear();
    proto::encodeFrame(snapshot, requestId, m_scratch);
    if (m_scratch.size() > options->limits.maxFrameSize) {
        entry.session->send(
            proto::Result{proto::ResultCode::InternalError,
                          "the book of " + snapshot.prefix.toString() + " holds "
                              + std::to_string(snapshot.entries.size())
                              + " orders, more than one frame can carry; subscribe to a more "
                                "specific prefix"},
            requestId);
        return;
    }
    // Changes gathered before the snapshot was taken are sealed for the subscribers of that
    // moment, so the snapshot's bookSeq counts them and the new subscriber's first update is
    // bookSeq + 1. (They are released with the rest of the batch, or once their quality round
    // is answered.)
    m_books.sealNow(snapshot.prefix);
    m_books.subscribe(id, snapshot.prefix);
    snapshot.bookSeq = m_books.bookSeq(snapshot.prefix);
    entry.session->send(snapshot, requestId);
}

void SessionManager::onUnsubscribe(Entry &entry, std::uint32_t requestId, const net::Prefix &prefix)
{
    if (m_books.unsubscribe(entry.session->id(), prefix))
        entry.session->send(
            proto::Result{proto::ResultCode::Ok, "unsubscribed from " + prefix.toString()},
            requestId);
    else
        entry.session->send(proto::Result{proto::ResultCode::NotSubscribed,
                                          "not subscribed to " + prefix.toString()},
                            requestId);
}

// ---- market watch ----------------------------------------------------------------------------

void SessionManager::onWatchSubscribe(Entry &entry,
                                      std::uint32_t requestId,
                                      proto::MarketWatchSnapshot &snapshot)
{
    // The rows were computed for this subscriber at its point of the stream; the others get
    // whatever changed since the last rows they were sent, so everyone's rows agree again.
    onWatchRows(std::move(snapshot.rows));
    m_watch.subscribe(entry.session->id());
    proto::MarketWatchSnapshot reply{m_watch.watchSeq(), m_watch.rows()};
    entry.session->send(reply, requestId);
    scheduleWatch();
}

void SessionManager::onWatchRows(std::vector<proto::WatchRow> rows)
{
    std::vector<proto::WatchRow> changed = m_watch.update(std::move(rows));
    if (!changed.empty())
        sendWatchUpdate(std::move(changed));
}

void SessionManager::sendWatchUpdate(std::vector<proto::WatchRow> changed)
{
    const proto::Message update = proto::MarketWatchUpdate{m_watch.watchSeq(), std::move(changed)};
    for (const SessionId id : m_watch.subscribers())
        sendTo(id, update, 0);
}

void SessionManager::scheduleWatch()
{
    if (m_watchTimerArmed || m_watch.subscribers().empty())
        return;
    m_watchTimerArmed = true;
    m_watchTimer.expires_after(m_options.get()->marketWatchInterval);
    m_watchTimer.async_wait([this](const error_code &ec) { onWatchTimer(ec); });
}

void SessionManager::onWatchTimer(const error_code &ec)
{
    m_watchTimerArmed = false;
    if (ec == asio::error::operation_aborted || m_watch.subscribers().empty())
        return; // the timer restarts with the next subscriber
    // One computation at a time: if the market is too busy to answer within an interval, the
    // next one simply waits (that is what conflation means).
    if (!m_watchQueryOutstanding) {
        m_watchQueryOutstanding = m_sequencer.submitQuery(
            MemberId{},
            [](const market::Engine &engine) -> proto::Message {
                return proto::MarketWatchSnapshot{0, watchRows(engine)};
            },
            sequencer::Origin{kMarketWatchOrigin, 0});
    }
    scheduleWatch();
}

// ---- sizing ------------------------------------------------------------------------------------

void SessionManager::fitToFrame(proto::Message &message)
{
    const std::uint32_t maxFrame = m_options.get()->limits.maxFrameSize;
    const auto cut = [&](auto &entries, const char *what) {
        m_scratch.clear();
        proto::encodeFrame(message, 0, m_scratch);
        if (m_scratch.size() <= maxFrame)
            return;
        const std::size_t total = entries.size();
        while (m_scratch.size() > maxFrame && !entries.empty()) {
            const std::size_t perEntry
                = (m_scratch.size() - proto::kHeaderSize) / entries.size() + 1;
            std::size_t keep = (maxFrame - proto::kHeaderSize - 16) / perEntry;
            keep = std::min(keep, entries.size() - 1);
            entries.resize(keep);
            m_scratch.clear();
            proto::encodeFrame(message, 0, m_scratch);
        }
        logWarning(std::string(what) + " reply cut from " + std::to_string(total) + " to "
                   + std::to_string(entries.size()) + " entries to fit max_frame_size "
                   + std::to_string(maxFrame));
    };
    if (auto *orders = std::get_if<proto::OrderList>(&message))
        cut(orders->orders, "order_list");
    else if (auto *trades = std::get_if<proto::TradeList>(&message))
        cut(trades->trades, "trade_list");
    else if (auto *members = std::get_if<proto::MemberList>(&message))
        cut(members->members, "member_list");
    else if (auto *candidates = std::get_if<proto::CandidateList>(&message))
        cut(candidates->candidates, "candidate_list"); // the ineligible ones come last
}

} // namespace bwx::server
