#include "views/tablesetup.h"

#include <QAction>
#include <QCoreApplication>
#include <QFontMetrics>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>

namespace bwx::terminal {

namespace {

class TableText
{
    Q_DECLARE_TR_FUNCTIONS(TableSetup)
};

void showColumnMenu(QTableView *table, const QPoint &position)
{
    QHeaderView *header = table->horizontalHeader();
    QAbstractItemModel *model = table->model();
    if (!model)
        return;
    QMenu menu(table);
    menu.setTitle(TableText::tr("Columns"));
    int visible = 0;
    for (int c = 0; c < model->columnCount(); ++c)
        visible += header->isSectionHidden(c) ? 0 : 1;
    for (int c = 0; c < model->columnCount(); ++c) {
        QAction *action = menu.addAction(model->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(c));
        // The last visible column stays: a table without columns cannot get them back.
        action->setEnabled(header->isSectionHidden(c) || visible > 1);
        QObject::connect(action, &QAction::toggled, table,
                         [header, c](bool on) { header->setSectionHidden(c, !on); });
    }
    menu.exec(header->viewport()->mapToGlobal(position));
}

} // namespace

void setUpTable(QTableView *table, const char *objectName)
{
    table->setObjectName(QLatin1String(objectName));
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    QHeaderView *header = table->horizontalHeader();
    header->setObjectName(QLatin1String(objectName) + QLatin1String("Header"));
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setToolTip(TableText::tr("Right-click to choose the columns; drag to reorder"));
    QObject::connect(header, &QHeaderView::customContextMenuRequested, table,
                     [table](const QPoint &position) { showColumnMenu(table, position); });
}

} // namespace bwx::terminal
