#pragma once
// The depth ladder of one prefix: stacked (asks above bids) or side by side (bids left, asks
// right), with price grouping and the buyer's ranking mode for the asks. Clicking a level hands
// its side and price to order entry.
#include <QWidget>
#include <bwx/domain/order_types.h>
#include <bwx/domain/units.h>
#include <bwx/net/prefix.h>
#include <bwx/proto/records.h>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace bwx::terminal {

class OrderBookModel;

class OrderBookView : public QWidget
{
    Q_OBJECT

public:
    enum class Layout { Stacked, SideBySide };

    explicit OrderBookView(OrderBookModel *model, QWidget *parent = nullptr);

    void setLayoutMode(Layout layout);
    Layout layoutMode() const;
    QLineEdit *prefixEdit() const { return m_prefixEdit; }
    QTableView *stackedTable() const { return m_stacked; }
    QComboBox *groupingCombo() const { return m_grouping; }
    QComboBox *rankingCombo() const { return m_ranking; }
    void setRanking(bwx::RankingMode ranking);
    bwx::RankingMode ranking() const;
    QString statusText() const;

public slots:
    // Scrolls the stacked ladder so the best ask and best bid sit in the middle.
    void centreOnSpread();
    // The member's weights for the weighted ranking (from order entry).
    void setWeights(const bwx::proto::RankingWeights &weights);

signals:
    void layoutModeChanged(bwx::terminal::OrderBookView::Layout layout);
    void openRequested(const bwx::net::Prefix &prefix);
    // The level's own side and price; order entry takes the opposite side.
    void levelClicked(bwx::Side side, bwx::Price price);

private:
    QTableView *makeTable(const char *objectName);
    void openTyped();
    void refreshStatus();
    void onClicked(const QModelIndex &index);
    void applyRanking();

    OrderBookModel *m_model = nullptr;
    QLineEdit *m_prefixEdit = nullptr;
    QComboBox *m_grouping = nullptr;
    QComboBox *m_ranking = nullptr;
    bwx::proto::RankingWeights m_weights{};
    QToolButton *m_layoutButton = nullptr;
    QLabel *m_status = nullptr;
    QStackedWidget *m_pages = nullptr;
    QTableView *m_stacked = nullptr;
    QTableView *m_bids = nullptr;
    QTableView *m_asks = nullptr;
};

} // namespace bwx::terminal
