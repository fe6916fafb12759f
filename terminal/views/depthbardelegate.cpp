#include "views/depthbardelegate.h"

#include "models/colors.h"
#include "models/orderbookmodel.h"

#include <QPainter>

namespace bwx::terminal {

void DepthBarDelegate::paint(QPainter *painter,
                             const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const QAbstractItemModel *model = index.model();
    const int side = index.data(OrderBookModel::SideRole).toInt();
    qlonglong deepest = 0;
    for (int row = 0; row < model->rowCount(index.parent()); ++row) {
        const QModelIndex other = model->index(row, index.column(), index.parent());
        if (other.data(OrderBookModel::SideRole).toInt() == side)
            deepest = std::max(deepest, other.data(Qt::EditRole).toLongLong());
    }
    const qlonglong value = index.data(Qt::EditRole).toLongLong();
    // Row tint first, then the bar, then text and selection on top of both.
    const QVariant background = index.data(Qt::BackgroundRole);
    if (background.canConvert<QBrush>())
        painter->fillRect(option.rect, background.value<QBrush>());
    if (deepest > 0 && value > 0) {
        // Integer scaling: the bar width is a pixel count, exactness is not at stake here.
        const int width = static_cast<int>(option.rect.width() * value / deepest);
        QColor colour = colors::side(static_cast<Side>(side));
        colour.setAlpha(60);
        QRect bar = option.rect.adjusted(0, 2, 0, -2);
        bar.setLeft(option.rect.right() + 1 - width);
        painter->fillRect(bar, colour);
    }
    QStyledItemDelegate::paint(painter, option, index);
}

void DepthBarDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    option->backgroundBrush = Qt::NoBrush; // painted under the bar already
}

} // namespace bwx::terminal
