#include "views/myordersview.h"

#include "models/myordersmodel.h"
#include "views/tablesetup.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace bwx::terminal {

namespace {

QToolButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

MyOrdersView::MyOrdersView(MyOrdersModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("myOrders"));
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(Qt::EditRole);
    m_proxy->setFilterRole(MyOrdersModel::IsOpenRole);
    m_proxy->setFilterKeyColumn(0);
    m_proxy->setFilterFixedString(QStringLiteral("true"));

    m_table = new QTableView(this);
    setUpTable(m_table, "myOrdersTable");
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(MyOrdersModel::OrderIdColumn, Qt::DescendingOrder);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAccessibleName(tr("My orders"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // The client id matters to scripts, rarely to people: available from the header menu.
    m_table->setColumnHidden(MyOrdersModel::ClientIdColumn, true);

    // Shortcuts act while the orders table (or its buttons) has focus, so Delete in a text
    // field elsewhere never cancels an order.
    m_cancelAction = new QAction(tr("&Cancel order"), this);
    m_cancelAction->setObjectName(QStringLiteral("cancelOrderAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Delete));
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_cancelAction->setToolTip(tr("Cancel the selected orders (Delete)"));
    m_amendAction = new QAction(tr("&Amend…"), this);
    m_amendAction->setObjectName(QStringLiteral("amendOrderAction"));
    m_amendAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_amendAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_amendAction->setToolTip(tr("Change the selected order's price or capacity (Ctrl+E)"));
    m_cancelAllAction = new QAction(tr("Cancel a&ll…"), this);
    m_cancelAllAction->setObjectName(QStringLiteral("cancelAllAction"));
    m_cancelAllAction->setToolTip(tr("Cancel every open order, after a confirmation"));
    addAction(m_cancelAction);
    addAction(m_amendAction);
    connect(m_cancelAction, &QAction::triggered, this, &MyOrdersView::cancelSelected);
    connect(m_amendAction, &QAction::triggered, this, &MyOrdersView::amendSelected);
    connect(m_cancelAllAction, &QAction::triggered, this, &MyOrdersView::cancelAll);

    m_showFinished = new QCheckBox(tr("Show &finished"), this);
    m_showFinished->setObjectName(QStringLiteral("showFinishedBox"));
    m_showFinished->setToolTip(tr("Also list filled, cancelled, expired and rejected orders"));
    connect(m_showFinished, &QCheckBox::toggled, this, [this](bool show) {
        m_proxy->setFilterFixedString(show ? QString() : QStringLiteral("true"));
    });

    auto *bar = new QHBoxLayout;
    bar->addWidget(buttonFor(m_cancelAction, this));
    bar->addWidget(buttonFor(m_amendAction, this));
    bar->addWidget(buttonFor(m_cancelAllAction, this));
    bar->addStretch();
    bar->addWidget(m_showFinished);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_table);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MyOrdersView::updateActions);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &MyOrdersView::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MyOrdersView::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MyOrdersView::updateActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MyOrdersView::updateActions);
    updateActions();
}

QList<OrderId> MyOrdersView::selectedOrderIds() const
{
    QList<OrderId> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        if (index.data(MyOrdersModel::IsOpenRole).toBool())
            ids.append(OrderId(index.data(MyOrdersModel::OrderIdRole).toULongLong()));
    }
    return ids;
}

void MyOrdersView::updateActions()
{
    const QList<OrderId> selected = selectedOrderIds();
    m_cancelAction->setEnabled(!selected.isEmpty());
    m_amendAction->setEnabled(selected.size() == 1);
    m_cancelAllAction->setEnabled(m_model->openOrderCount() > 0);
}

void MyOrdersView::cancelSelected()
{
    for (const OrderId id : selectedOrderIds())
        emit cancelRequested(id);
}

void MyOrdersView::amendSelected()
{
    const QList<OrderId> selected = selectedOrderIds();
    if (selected.size() != 1)
        return;
    const proto::OrderView *order = m_model->findOrder(selected.front());
    if (!order)
        return;
    auto *dialog = new AmendOrderDialog(*order, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (const auto request = dialog->request())
            emit amendRequested(*request);
    });
    dialog->open();
}

void MyOrdersView::cancelAll()
{
    const int open = m_model->openOrderCount();
    if (open == 0)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Cancel all orders"),
                                tr("Cancel all %n open order(s)?", nullptr, open),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("cancelAllConfirmation"));
    box->setInformativeText(tr("Orders already matched keep their trades."));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int result) {
        if (result == QMessageBox::Yes)
            emit cancelAllRequested();
    });
    box->open();
}

} // namespace bwx::terminal
