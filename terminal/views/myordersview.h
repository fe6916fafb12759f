#pragma once
// The member's orders with their live states: cancel the selected ones, amend one, or cancel
// everything after a confirmation. Finished orders are hidden unless asked for.
#include "views/amendorderdialog.h"

#include <QList>
#include <QWidget>
#include <bwx/domain/ids.h>

class QAction;
class QCheckBox;
class QSortFilterProxyModel;
class QTableView;

namespace bwx::terminal {

class MyOrdersModel;

class MyOrdersView : public QWidget
{
    Q_OBJECT

public:
    explicit MyOrdersView(MyOrdersModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QCheckBox *showFinishedBox() const { return m_showFinished; }
    QAction *cancelAction() const { return m_cancelAction; }
    QAction *amendAction() const { return m_amendAction; }
    QAction *cancelAllAction() const { return m_cancelAllAction; }
    QList<bwx::OrderId> selectedOrderIds() const;

public slots:
    void cancelSelected();
    void amendSelected();
    void cancelAll();

signals:
    void cancelRequested(bwx::OrderId orderId);
    void amendRequested(const bwx::terminal::AmendRequest &request);
    void cancelAllRequested();

private:
    void updateActions();

    MyOrdersModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    QCheckBox *m_showFinished = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_amendAction = nullptr;
    QAction *m_cancelAllAction = nullptr;
};

} // namespace bwx::terminal
