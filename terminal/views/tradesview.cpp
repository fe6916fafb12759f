#include "views/tradesview.h"

#include "models/tradesmodel.h"
#include "views/csvexport.h"
#include "views/tablesetup.h"

#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace bwx::terminal {

TradesView::TradesView(TradesModel *model, QWidget *parent)
    : QWidget(parent)
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

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(exportButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_table);
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
