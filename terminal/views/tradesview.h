#pragma once
// The trade blotter: sortable, filterable, exportable to CSV.
#include <QWidget>

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
    // Writes what the table shows (filter and sort applied); returns the error, empty on success.
    QString exportTo(const QString &fileName) const;

public slots:
    // Asks for a file name, then exports.
    void exportCsv();

signals:
    void exported(const QString &fileName);
    void exportFailed(const QString &message);

private:
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QLineEdit *m_filter = nullptr;
};

} // namespace bwx::terminal
