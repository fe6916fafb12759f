#pragma once
// The market watch table with a prefix filter. Selecting a row opens that prefix's book;
// activating it (Enter, double click) also puts the prefix into order entry.
#include <QWidget>
#include <bwx/net/prefix.h>
#include <optional>

class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace bwx::terminal {

class MarketWatchModel;

class MarketWatchView : public QWidget
{
    Q_OBJECT

public:
    explicit MarketWatchView(MarketWatchModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    // Selects the row of `prefix` if it is listed.
    void selectPrefix(const bwx::net::Prefix &prefix);

signals:
    void prefixSelected(const bwx::net::Prefix &prefix);
    void prefixActivated(const bwx::net::Prefix &prefix);

private:
    std::optional<bwx::net::Prefix> prefixAtProxyRow(int row) const;

    MarketWatchModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_filter = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace bwx::terminal
