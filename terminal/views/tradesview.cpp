#include "views/tradesview.h"

#include "models/tradesmodel.h"
#include "views/csvexport.h"
#include "views/tablesetup.h"

#include <QAction>
#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace bwx::terminal {

TradesView::TradesView(TradesModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("trades"));
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(Qt::EditRole);
    m_proxy->setFilterKeyColumn(-1); // any column: prefix, counterparty, trade id...
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("tradesFilter"));
    m_filter->setPlaceholderText(tr("Filter trades (prefix, counterparty, id…)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the trades"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    auto *exportButton = new QToolButton(this);
    exportButton->setObjectName(QStringLiteral("exportCsvButton"));
    exportButton->setText(tr("Export CSV…"));
    exportButton->setToolTip(tr("Save the listed trades as CSV (Ctrl+Shift+E)"));
    connect(exportButton, &QToolButton::clicked, this, &TradesView::exportCsv);

    m_table = new QTableView(this);
    setUpTable(m_table, "tradesTable");
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TradesModel::TimeColumn, Qt::DescendingOrder);
    m_table->setAccessibleName(tr("Trades"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_cancelTradeAction = new QAction(tr("Cancel &trade…"), this);
    m_cancelTradeAction->setObjectName(QStringLiteral("cancelTradeAction"));
    m_cancelTradeAction->setToolTip(
        tr("End the selected trade early, after a confirmation. A buyer may while the seller "
           "cannot deliver it (its routes are gone, or its measured quality breaches the "
           "order's limits)."));
    connect(m_cancelTradeAction, &QAction::triggered, this, &TradesView::cancelSelectedTrade);
    auto *cancelButton = new QToolButton(this);
    cancelButton->setObjectName(QStringLiteral("cancelTradeButton"));
    cancelButton->setDefaultAction(m_cancelTradeAction);
    cancelButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    addAction(m_cancelTradeAction);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(cancelButton);
    bar->addWidget(exportButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_table);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TradesView::updateActions);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &TradesView::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TradesView::updateActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TradesView::updateActions);
    updateActions();
}

std::optional<TradeId> TradesView::selectedLiveTrade() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.size() != 1)
        return std::nullopt;
    const TradeRecord *record = m_model->recordAt(m_proxy->mapToSource(rows.front()).row());
    if (record == nullptr)
        return std::nullopt;
    const proto::TradeState state = record->trade.state;
    if (state != proto::TradeState::Scheduled && state != proto::TradeState::Active
        && state != proto::TradeState::Suspended)
        return std::nullopt;
    return record->trade.tradeId;
}

void TradesView::updateActions()
{
    m_cancelTradeAction->setEnabled(selectedLiveTrade().has_value());
}

void TradesView::cancelSelectedTrade()
{
    const std::optional<TradeId> trade = selectedLiveTrade();
    if (!trade)
        return;
    const TradeId id = *trade;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Cancel trade"),
                                tr("Cancel trade %1?").arg(id.value()),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("cancelTradeConfirmation"));
    box->setInformativeText(
        tr("Delivery stops now and the trade is billed up to now. Its routes are withdrawn from "
           "both routers. This cannot be undone."));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, id](int result) {
        if (result == QMessageBox::Yes)
            emit cancelTradeRequested(id);
    });
    box->open();
}

void TradesView::showCancelRefusal(TradeId tradeId, const QString &reason)
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("Trade not cancelled"),
                                tr("The exchange did not cancel trade %1.").arg(tradeId.value()),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("cancelTradeRefusal"));
    box->setInformativeText(reason);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString TradesView::exportTo(const QString &fileName) const
{
    QString error;
    if (!writeCsvFile(*m_proxy, fileName, &error))
        return error;
    return {};
}

void TradesView::exportCsv()
{
    const QString suggested = QDir::home().filePath(
        QStringLiteral("bwx-trades-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate)));
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export trades"), suggested,
                                                          tr("CSV files (*.csv)"));
    if (fileName.isEmpty())
        return;
    const QString error = exportTo(fileName);
    if (error.isEmpty())
        emit exported(fileName);
    else
        emit exportFailed(error);
}

} // namespace bwx::terminal
