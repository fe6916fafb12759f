#include "app/terminalsession.h"

#include "cache/tradecache.h"
#include "client/exchangeclient.h"
#include "models/marketwatchmodel.h"
#include "models/myordersmodel.h"
#include "models/orderbookmodel.h"
#include "models/tradesmodel.h"

#include <QDateTime>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace bwx::terminal {

namespace {
// The blotter asks for this many recent trades at login; older ones come from the cache.
constexpr quint32 kTradeHistoryLimit = 1000;
} // namespace

TerminalSession::TerminalSession(QObject *parent)
    : QObject(parent)
    , m_client(new ExchangeClient(this))
    , m_marketWatch(new MarketWatchModel(this))
    , m_book(new OrderBookModel(this))
    , m_orders(new MyOrdersModel(this))
    , m_trades(new TradesModel(this))
{
    connect(m_client, &ExchangeClient::loggedIn, this, &TerminalSession::onLoggedIn);
    connect(m_client, &ExchangeClient::marketWatchSnapshotReceived, m_marketWatch,
            &MarketWatchModel::applySnapshot);
    connect(m_client, &ExchangeClient::marketWatchUpdateReceived, this,
            [this](const proto::MarketWatchUpdate &update) {
                // The client passes only in-sequence updates; a model that still disagrees
                // has lost a row somewhere, and a fresh snapshot is the only cure.
                if (m_marketWatch->applyUpdate(update) == ApplyResult::Gap)
                    m_client->subscribeMarketWatch();
            });
    connect(m_client, &ExchangeClient::bookSnapshotReceived, m_book,
            &OrderBookModel::applySnapshot);
    connect(m_client, &ExchangeClient::bookUpdateReceived, this,
            [this](const proto::BookUpdate &update) {
                if (m_book->applyUpdate(update) == ApplyResult::Gap)
                    m_client->subscribeBook(update.prefix);
            });
    connect(m_client, &ExchangeClient::orderUpdated, m_orders, &MyOrdersModel::applyUpdate);
    connect(m_client, &ExchangeClient::orderListReceived, this,
            [this](const proto::OrderList &list) {
                m_orders->applyList(list);
                m_ordersLoaded = true;
                emit ordersLoadedChanged();
            });
    connect(m_client, &ExchangeClient::filled, this, &TerminalSession::onFill);
    connect(m_client, &ExchangeClient::tradeListReceived, this, &TerminalSession::onTradeList);
    connect(m_client, &ExchangeClient::tradeUpdated, this, &TerminalSession::onTradeUpdate);
    connect(m_client, &ExchangeClient::memberListReceived, this, &TerminalSession::onMemberList);
    connect(m_client, &ExchangeClient::requestFailed, this, &TerminalSession::onRequestFailed);
}

TerminalSession::~TerminalSession() = default;

bool TerminalSession::openCache(const QString &fileName, QString *error)
{
    auto cache = std::make_unique<TradeCache>();
    if (!cache->open(fileName)) {
        *error = cache->lastError();
        return false;
    }
    m_cache = std::move(cache);
    return true;
}

void TerminalSession::loadHistory(const QString &account)
{
    if (account == m_account)
        return;
    m_account = account;
    m_trades->clear();
    m_fromCacheOnly.clear();
    if (m_cache && !account.isEmpty()) {
        for (const TradeRecord &record : m_cache->load(account)) {
            m_trades->addOrUpdate(record);
            m_fromCacheOnly.insert(record.trade.tradeId.value());
        }
    }
    emit accountChanged(account);
}

void TerminalSession::connectTo(const ConnectionProfile &profile)
{
    m_client->connectToServer(profile);
    m_client->subscribeMarketWatch();
}

void TerminalSession::openBook(const net::Prefix &prefix)
{
    const std::optional<net::Prefix> previous = m_book->prefix();
    if (previous == prefix)
        return;
    if (previous)
        m_client->unsubscribeBook(*previous);
    m_book->setPrefix(prefix);
    m_client->subscribeBook(prefix);
    emit bookOpened(prefix);
}

std::optional<net::Prefix> TerminalSession::bookPrefix() const
{
    return m_book->prefix();
}

ClientOrderId TerminalSession::nextClientOrderId()
{
    return m_clientOrderIds.next(QDateTime::currentMSecsSinceEpoch());
}

quint32 TerminalSession::placeOrder(proto::OrderParams params)
{
    params.clientOrderId = nextClientOrderId();
    const quint32 requestId = m_client->placeOrder(params);
    if (requestId == 0)
        emit orderRejected(tr("Not connected: the order was not sent"));
    else
        m_orderRequests.insert(requestId);
    return requestId;
}

void TerminalSession::cancelOrder(OrderId orderId)
{
    m_client->cancelOrder(orderId);
}

void TerminalSession::amendOrder(const AmendRequest &request)
{
    m_client->amendOrder(request.orderId, request.newPrice, request.newCapacity);
}

void TerminalSession::cancelAllOrders()
{
    m_client->cancelAllOrders();
}

void TerminalSession::cancelTrade(TradeId tradeId)
{
    if (const quint32 id = m_client->cancelTrade(tradeId); id != 0)
        m_tradeCancelRequests.insert(id, tradeId);
}

void TerminalSession::onTradeUpdate(quint32 requestId, const proto::TradeUpdate &update)
{
    const TradeRecord record = tradeRecordFor(update.trade, m_trades->self());
    m_trades->addOrUpdate(record);
    m_fromCacheOnly.remove(record.trade.tradeId.value());
    if (m_cache && !m_account.isEmpty())
        m_cache->store(m_account, record);
    if (m_tradeCancelRequests.remove(requestId) > 0)
        emit tradeCancelled(update.trade.tradeId);
}

void TerminalSession::onLoggedIn(const proto::HelloAck &ack)
{
    const QString account = m_client->profile().accountKey(QString::fromStdString(ack.memberName));
    // Another exchange or another member: nothing of the previous one may stay on screen.
    if (account != m_account)
        m_orders->clear();
    m_trades->setSelf(ack.member);
    loadHistory(account);
    m_ordersLoaded = false;
    m_tradesLoaded = false;
    // All orders, not only open ones: a state that changed while we were away must not stay
    // shown as working.
    m_client->queryOrders(false);
    m_client->queryTrades(Timestamp{}, kTradeHistoryLimit);
    m_client->queryMembers();
}

void TerminalSession::onFill(const proto::Fill &fill)
{
    const TradeRecord record = tradeRecordFromFill(fill);
    m_trades->addOrUpdate(record);
    m_fromCacheOnly.remove(record.trade.tradeId.value());
    if (m_cache && !m_account.isEmpty())
        m_cache->store(m_account, record);
}

void TerminalSession::onTradeList(const proto::TradeList &list)
{
    std::vector<TradeRecord> records;
    records.reserve(list.trades.size());
    QSet<quint64> listed;
    std::uint64_t oldestListed = ~std::uint64_t(0);
    for (const proto::TradeView &trade : list.trades) {
        records.push_back(tradeRecordFor(trade, m_trades->self()));
        m_trades->addOrUpdate(records.back());
        listed.insert(trade.tradeId.value());
        oldestListed = std::min(oldestListed, trade.tradeId.value());
    }
    // The login's list is the exchange's word on which trades are ours: it holds them all, or
    // (when it reaches the limit) every one from its oldest on. A row that only the cache
    // vouches for and that the list should hold but does not belongs to another exchange behind
    // the same address (a demo started afresh, a test system reset): it goes, from the blotter
    // and from the cache. Rows from this connection's fills stay whatever the list says.
    const bool complete = list.trades.size() < kTradeHistoryLimit;
    const std::vector<TradeId> stale = m_trades->removeUnless([&](const TradeRecord &r) {
        const std::uint64_t id = r.trade.tradeId.value();
        return listed.contains(id) || !m_fromCacheOnly.contains(id)
               || (!complete && id < oldestListed);
    });
    for (const quint64 id : listed)
        m_fromCacheOnly.remove(id);
    if (m_cache && !m_account.isEmpty() && !stale.empty())
        m_cache->remove(m_account, stale);
    if (m_cache && !m_account.isEmpty())
        m_cache->storeAll(m_account, records);
    m_tradesLoaded = true;
    emit tradesLoadedChanged();
}

void TerminalSession::onMemberList(const proto::MemberList &list)
{
    QHash<quint32, QString> names;
    for (const proto::MemberView &member : list.members)
        names.insert(member.id.value(), QString::fromStdString(member.name));
    m_trades->setMemberNames(names);
}

void TerminalSession::onRequestFailed(quint32 requestId,
                                      proto::MessageType,
                                      proto::ResultCode,
                                      const QString &message)
{
    if (m_orderRequests.remove(requestId))
        emit orderRejected(message);
    if (const auto trade = m_tradeCancelRequests.constFind(requestId);
        trade != m_tradeCancelRequests.constEnd()) {
        const TradeId id = trade.value();
        m_tradeCancelRequests.erase(trade);
        emit tradeCancelRefused(id, message);
    }
}

} // namespace bwx::terminal
