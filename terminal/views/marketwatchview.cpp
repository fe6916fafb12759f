#include "views/marketwatchview.h"

#include "models/marketwatchmodel.h"
#include "views/tablesetup.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace bwx::terminal {

MarketWatchView::MarketWatchView(MarketWatchModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("marketWatch"));
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(Qt::EditRole);
    m_proxy->setFilterKeyColumn(MarketWatchModel::PrefixColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("marketWatchFilter"));
    m_filter->setPlaceholderText(tr("Filter prefixes (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter the market watch by prefix"));
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_table = new QTableView(this);
    setUpTable(m_table, "marketWatchTable");
    m_table->setModel(m_proxy);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(MarketWatchModel::PrefixColumn, Qt::AscendingOrder);
    m_table->setAccessibleName(tr("Market watch"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (const auto prefix = prefixAtProxyRow(current.row()))
                    emit prefixSelected(*prefix);
            });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const auto prefix = prefixAtProxyRow(index.row()))
            emit prefixActivated(*prefix);
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_filter);
    layout->addWidget(m_table);
}

std::optional<net::Prefix> MarketWatchView::prefixAtProxyRow(int row) const
{
    if (row < 0)
        return std::nullopt;
    const QModelIndex source = m_proxy->mapToSource(m_proxy->index(row, 0));
    return m_model->prefixAt(source.row());
}

void MarketWatchView::selectPrefix(const net::Prefix &prefix)
{
    const int sourceRow = m_model->rowOf(prefix);
    if (sourceRow < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid())
        return;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                          | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

} // namespace bwx::terminal
