#pragma once
// The trade blotter: sortable, filterable, exportable to CSV; a live trade can be cancelled
// after a confirmation (the exchange decides whether this member may).
#include <QWidget>
#include <bwx/domain/ids.h>
#include <optional>

class QAction;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace bwx::terminal {

class TradesModel;

class TradesView : public QWidget
{
    Q_OBJECT

public:
    explicit TradesView(TradesModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QLineEdit *filterEdit() const { return m_filter; }
    QAction *cancelTradeAction() const { return m_cancelTradeAction; }
    // The selected trade when it is scheduled, active or suspended.
    std::optional<bwx::TradeId> selectedLiveTrade() const;
    // Writes what the table shows (filter and sort applied); returns the error, empty on success.
    QString exportTo(const QString &fileName) const;

public slots:
    // Asks for a file name, then exports.
    void exportCsv();
    // Asks for a confirmation, then emits cancelTradeRequested.
    void cancelSelectedTrade();
    // The exchange refused a cancellation: tells why.
    void showCancelRefusal(bwx::TradeId tradeId, const QString &reason);

signals:
    void cancelTradeRequested(bwx::TradeId tradeId);
    void exported(const QString &fileName);
    void exportFailed(const QString &message);

private:
    void updateActions();

    TradesModel *m_model = nullptr;
    QAction *m_cancelTradeAction = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_filter = nullptr;
};

} // namespace bwx::terminal
