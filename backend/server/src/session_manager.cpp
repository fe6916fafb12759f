#include "bwx/server/session_manager.h"

#include "bwx/market/engine.h"
#include "bwx/proto/codec.h"
#include "bwx/server/log.h"
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
{}

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
        for (auto &[id, entry] : m_sessions)
            entry.session->stopReading();
    });
}

void SessionManager::closeAll(proto::ResultCode code, std::string reason)
{
    asio::post(m_strand, [this, code, reason = std::move(reason)] {
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
            if (member->second.empty())
                m_byMember.erase(member);
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
    for (sequencer::Output &item : batch.items) {
        if (auto *reply = std::get_if<out::Reply>(&item)) {
            onReply(*reply);
        } else if (auto *changed = std::get_if<out::OrderChanged>(&item)) {
            sendToMember(changed->order.member, proto::OrderUpdate{changed->order, changed->seq});
        } else if (auto *trade = std::get_if<out::TradeExecuted>(&item)) {
            const proto::TradeView &view = trade->trade;
            sendToMember(view.buyer,
                         proto::Fill{view, Side::Buy, view.buyOrderId, trade->buyClientOrderId,
                                     trade->sellerName, trade->seq});
            sendToMember(view.seller,
                         proto::Fill{view, Side::Sell, view.sellOrderId, trade->sellClientOrderId,
                                     trade->buyerName, trade->seq});
        } else if (auto *book = std::get_if<out::BookChanged>(&item)) {
            m_books.record(book->action, book->entry);
        } else if (auto *tradeChanged = std::get_if<out::TradeChanged>(&item)) {
            const proto::Message update = proto::TradeUpdate{tradeChanged->trade, batch.lastSeq};
            sendToMember(tradeChanged->trade.buyer, update);
            if (tradeChanged->trade.seller != tradeChanged->trade.buyer)
                sendToMember(tradeChanged->trade.seller, update);
        } else if (auto *member = std::get_if<out::MemberChanged>(&item)) {
            const proto::Message list = proto::MemberList{{member->member}};
            sendToMember(member->member.id, list);
            sendToAdmins(list);
        }
    }
    m_books.flush([this](const proto::BookUpdate &update, const std::vector<SessionId> &to) {
        sendBookUpdate(update, to);
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
        entry->session->helloAccepted(std::move(*ack), requestId);
    } else if (auto *goodbye = std::get_if<proto::Goodbye>(&message)) {
        entry->session->close(goodbye->code, std::move(goodbye->reason), requestId);
    } else if (auto *snapshot = std::get_if<proto::BookSnapshot>(&message)) {
        onBookSnapshot(*entry, requestId, *snapshot);
    } else if (auto *unsubscribe = std::get_if<proto::UnsubscribeBook>(&message)) {
        onUnsubscribe(*entry, requestId, unsubscribe->prefix);
    } else if (auto *watch = std::get_if<proto::MarketWatchSnapshot>(&message)) {
        onWatchSubscribe(*entry, requestId, *watch);
    } else {
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
    // Changes gathered in this batch before the snapshot was taken go out first, so the
    // snapshot's bookSeq counts them and the next update is bookSeq + 1.
    m_books.flush(snapshot.prefix,
                  [this](const proto::BookUpdate &update, const std::vector<SessionId> &to) {
                      sendBookUpdate(update, to);
                  });
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
}

} // namespace bwx::server
