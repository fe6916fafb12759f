#pragma once
// Everything the terminal knows during a run, without any widget: the client session, the four
// models fed from it, the local trade history, and the order actions the views ask for.
// Screenshot tests drive it with recorded messages instead of a server.
#include "client/connectionprofile.h"
#include "trading/amendrequest.h"
#include "trading/clientorderids.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <bwx/proto/messages.h>
#include <memory>
#include <optional>

namespace bwx::terminal {

class ExchangeClient;
class MarketWatchModel;
class MyOrdersModel;
class OrderBookModel;
class TradeCache;
class TradesModel;

class TerminalSession : public QObject
{
    Q_OBJECT

public:
    explicit TerminalSession(QObject *parent = nullptr);
    ~TerminalSession() override;

    ExchangeClient *client() const { return m_client; }
    MarketWatchModel *marketWatch() const { return m_marketWatch; }
    OrderBookModel *book() const { return m_book; }
    MyOrdersModel *orders() const { return m_orders; }
    TradesModel *trades() const { return m_trades; }

    // The local trade history; without it the blotter shows only this run's trades.
    bool openCache(const QString &fileName, QString *error);
    // Shows the cached trades of an account (server and member) before logging in.
    void loadHistory(const QString &account);
    QString account() const { return m_account; }

    void connectTo(const ConnectionProfile &profile);
    void openBook(const bwx::net::Prefix &prefix);
    std::optional<bwx::net::Prefix> bookPrefix() const;

    // The next client order id of this session, for orders sent by other parts (a take).
    bwx::ClientOrderId nextClientOrderId();
    // Assigns the client order id and sends; returns the request id (0 when offline).
    quint32 placeOrder(bwx::proto::OrderParams params);
    void cancelOrder(bwx::OrderId orderId);
    void amendOrder(const AmendRequest &request);
    void cancelAllOrders();
    // Ends a live trade early; the exchange decides whether this member may (docs/market.md).
    void cancelTrade(bwx::TradeId tradeId);

    // Whether the answers to the queries sent after login have arrived.
    bool ordersLoaded() const { return m_ordersLoaded; }
    bool tradesLoaded() const { return m_tradesLoaded; }

signals:
    void accountChanged(const QString &account);
    void bookOpened(const bwx::net::Prefix &prefix);
    void orderRejected(const QString &message);
    void tradeCancelled(bwx::TradeId tradeId);
    void tradeCancelRefused(bwx::TradeId tradeId, const QString &reason);
    void ordersLoadedChanged();
    void tradesLoadedChanged();

private:
    void onLoggedIn(const bwx::proto::HelloAck &ack);
    void onFill(const bwx::proto::Fill &fill);
    void onTradeList(const bwx::proto::TradeList &list);
    void onTradeUpdate(quint32 requestId, const bwx::proto::TradeUpdate &update);
    void onMemberList(const bwx::proto::MemberList &list);
    void onRequestFailed(quint32 requestId,
                         bwx::proto::MessageType request,
                         bwx::proto::ResultCode code,
                         const QString &message);

    ExchangeClient *m_client = nullptr;
    MarketWatchModel *m_marketWatch = nullptr;
    OrderBookModel *m_book = nullptr;
    MyOrdersModel *m_orders = nullptr;
    TradesModel *m_trades = nullptr;
    std::unique_ptr<TradeCache> m_cache;
    QString m_account;
    // Trades shown only because the cache had them: not yet confirmed by this connection.
    QSet<quint64> m_fromCacheOnly;
    ClientOrderIdGenerator m_clientOrderIds;
    QSet<quint32> m_orderRequests;
    QHash<quint32, bwx::TradeId> m_tradeCancelRequests;
    bool m_ordersLoaded = false;
    bool m_tradesLoaded = false;
};

} // namespace bwx::terminal
