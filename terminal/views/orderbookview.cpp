#include "views/orderbookview.h"

#include "models/format.h"
#include "models/orderbookmodel.h"
#include "views/depthbardelegate.h"
#include "views/sidefilterproxy.h"
#include "views/tablesetup.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace bwx::terminal {

OrderBookView::OrderBookView(OrderBookModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("orderBook"));

    m_prefixEdit = new QLineEdit(this);
    m_prefixEdit->setObjectName(QStringLiteral("bookPrefixEdit"));
    m_prefixEdit->setPlaceholderText(tr("Prefix, e.g. 203.0.113.0/24 (Ctrl+G)"));
    m_prefixEdit->setAccessibleName(tr("Book prefix"));
    connect(m_prefixEdit, &QLineEdit::returnPressed, this, &OrderBookView::openTyped);

    m_grouping = new QComboBox(this);
    m_grouping->setObjectName(QStringLiteral("bookGroupingCombo"));
    m_grouping->setAccessibleName(tr("Price grouping"));
    m_grouping->setToolTip(tr("Group prices into steps: bids round down, asks round up"));
    m_grouping->addItem(tr("Exact prices"), qlonglong(0));
    for (const char *step : {"0.01", "0.05", "0.10", "0.50", "1.00", "5.00"})
        m_grouping->addItem(tr("Group by %1").arg(QLatin1String(step)),
                            qlonglong(parsePrice(step)->value()));
    connect(m_grouping, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setGrouping(Price(m_grouping->currentData().toLongLong())); });

    m_ranking = new QComboBox(this);
    m_ranking->setObjectName(QStringLiteral("bookRankingCombo"));
    m_ranking->setAccessibleName(tr("Ranking of the asks"));
    m_ranking->setToolTip(tr("Order the asks as a buyer with this ranking would meet them: by "
                             "price, by measured performance, or by the weights of order entry"));
    for (RankingMode mode :
         {RankingMode::BestPrice, RankingMode::BestPerformance, RankingMode::Weighted})
        m_ranking->addItem(format::rankingMode(mode), static_cast<int>(mode));
    connect(m_ranking, &QComboBox::currentIndexChanged, this, &OrderBookView::applyRanking);

    m_layoutButton = new QToolButton(this);
    m_layoutButton->setObjectName(QStringLiteral("bookLayoutButton"));
    m_layoutButton->setCheckable(true);
    m_layoutButton->setText(tr("Side by side"));
    m_layoutButton->setToolTip(tr("Show bids and asks next to each other"));
    m_layoutButton->setAccessibleName(tr("Side-by-side ladder"));
    connect(m_layoutButton, &QToolButton::toggled, this,
            [this](bool on) { setLayoutMode(on ? Layout::SideBySide : Layout::Stacked); });

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("bookStatus"));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_prefixEdit, 1);
    bar->addWidget(m_grouping);
    bar->addWidget(m_ranking);
    bar->addWidget(m_layoutButton);

    m_stacked = makeTable("bookStackedTable");
    m_stacked->setModel(model);
    m_stacked->setItemDelegateForColumn(OrderBookModel::CumulativeColumn,
                                        new DepthBarDelegate(m_stacked));

    auto *bidsProxy = new SideFilterProxy(Side::Buy, this);
    bidsProxy->setSourceModel(model);
    auto *asksProxy = new SideFilterProxy(Side::Sell, this);
    asksProxy->setSourceModel(model);
    m_bids = makeTable("bookBidsTable");
    m_bids->setModel(bidsProxy);
    m_asks = makeTable("bookAsksTable");
    m_asks->setModel(asksProxy);
    for (QTableView *table : {m_bids, m_asks}) {
        table->setColumnHidden(OrderBookModel::SideColumn, true);
        table->setItemDelegateForColumn(OrderBookModel::CumulativeColumn,
                                        new DepthBarDelegate(table));
    }
    m_bids->setAccessibleName(tr("Bids"));
    m_asks->setAccessibleName(tr("Asks"));

    auto *split = new QWidget(this);
    auto *splitLayout = new QHBoxLayout(split);
    splitLayout->setContentsMargins(0, 0, 0, 0);
    splitLayout->addWidget(m_bids);
    splitLayout->addWidget(m_asks);

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_stacked);
    m_pages->addWidget(split);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    layout->addWidget(m_pages, 1);

    connect(model, &QAbstractItemModel::modelReset, this, &OrderBookView::refreshStatus);
    // A new snapshot (or grouping) rebuilds the ladder: show the inside market, not its top.
    connect(model, &QAbstractItemModel::modelReset, this, &OrderBookView::centreOnSpread,
            Qt::QueuedConnection);
    connect(model, &QAbstractItemModel::rowsInserted, this, &OrderBookView::refreshStatus);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &OrderBookView::refreshStatus);
    connect(model, &QAbstractItemModel::dataChanged, this, &OrderBookView::refreshStatus);
    connect(model, &OrderBookModel::prefixChanged, this, [this] {
        if (const auto prefix = m_model->prefix())
            m_prefixEdit->setText(format::prefix(*prefix));
        refreshStatus();
    });
    connect(model, &OrderBookModel::rankingChanged, this, [this] {
        const QSignalBlocker blocker(m_ranking);
        m_ranking->setCurrentIndex(m_ranking->findData(static_cast<int>(m_model->ranking())));
        for (QTableView *table : {m_stacked, m_bids, m_asks})
            table->setColumnHidden(OrderBookModel::RankColumn,
                                   m_model->ranking() == RankingMode::BestPrice);
    });
    for (QTableView *table : {m_stacked, m_bids, m_asks})
        table->setColumnHidden(OrderBookModel::RankColumn,
                               m_model->ranking() == RankingMode::BestPrice);
    refreshStatus();
}

void OrderBookView::setRanking(RankingMode ranking)
{
    m_ranking->setCurrentIndex(m_ranking->findData(static_cast<int>(ranking)));
}

RankingMode OrderBookView::ranking() const
{
    return static_cast<RankingMode>(m_ranking->currentData().toInt());
}

void OrderBookView::setWeights(const proto::RankingWeights &weights)
{
    m_weights = weights;
    if (ranking() == RankingMode::Weighted)
        applyRanking();
}

void OrderBookView::applyRanking()
{
    const RankingMode mode = ranking();
    // A weighted ranking without weights would rank by price and time alone; the exchange
    // refuses such a buy, so the ladder shows what it would use: equal weights.
    proto::RankingWeights weights = m_weights;
    if (mode == RankingMode::Weighted && weights == proto::RankingWeights{})
        weights = {1, 1, 1, 1};
    m_model->setRanking(mode, mode == RankingMode::Weighted ? weights : proto::RankingWeights{});
}

QTableView *OrderBookView::makeTable(const char *objectName)
{
    auto *table = new QTableView(this);
    setUpTable(table, objectName);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setToolTip(tr("Click a level to prefill order entry: buy at an ask, sell at a bid"));
    connect(table, &QTableView::clicked, this, &OrderBookView::onClicked);
    connect(table, &QTableView::activated, this, &OrderBookView::onClicked);
    return table;
}

void OrderBookView::setLayoutMode(Layout layout)
{
    if (layout == layoutMode() && m_layoutButton->isChecked() == (layout == Layout::SideBySide))
        return;
    m_pages->setCurrentIndex(layout == Layout::Stacked ? 0 : 1);
    {
        const QSignalBlocker blocker(m_layoutButton);
        m_layoutButton->setChecked(layout == Layout::SideBySide);
    }
    emit layoutModeChanged(layout);
}

OrderBookView::Layout OrderBookView::layoutMode() const
{
    return m_pages->currentIndex() == 0 ? Layout::Stacked : Layout::SideBySide;
}

QString OrderBookView::statusText() const
{
    return m_status->text();
}

void OrderBookView::openTyped()
{
    const std::string text = m_prefixEdit->text().trimmed().toStdString();
    const auto prefix = net::Prefix::parse(text);
    if (!prefix) {
        m_status->setText(
            tr("Cannot open the book: %1").arg(QString::fromStdString(prefix.error())));
        return;
    }
    emit openRequested(*prefix);
}

void OrderBookView::refreshStatus()
{
    const auto prefix = m_model->prefix();
    if (!prefix) {
        m_status->setText(tr("No book open: select a prefix in the market watch or type one"));
        return;
    }
    if (!m_model->isLoaded()) {
        m_status->setText(tr("%1: waiting for the book snapshot…").arg(format::prefix(*prefix)));
        return;
    }
    m_status->setText(tr("%1: %n order(s) that can trade on it, update %2", nullptr,
                         static_cast<int>(m_model->orderCount()))
                          .arg(format::prefix(*prefix))
                          .arg(m_model->bookSeq()));
}

void OrderBookView::centreOnSpread()
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->levelAt(row)->side == Side::Buy) {
            m_stacked->scrollTo(m_model->index(row, OrderBookModel::PriceColumn),
                                QAbstractItemView::PositionAtCenter);
            return;
        }
    }
    m_stacked->scrollToBottom(); // asks only: the best one is the last row
}

void OrderBookView::onClicked(const QModelIndex &index)
{
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(index.model());
    const QModelIndex source = proxy ? proxy->mapToSource(index) : index;
    if (const BookLevel *level = m_model->levelAt(source.row()))
        emit levelClicked(level->side, level->price);
}

} // namespace bwx::terminal
