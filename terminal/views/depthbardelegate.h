#pragma once
// Draws a level's cumulative depth as a bar behind the number, scaled to the deepest level on
// the same side, so the shape of the book is visible at a glance.
#include <QStyledItemDelegate>

namespace bwx::terminal {

class DepthBarDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace bwx::terminal
