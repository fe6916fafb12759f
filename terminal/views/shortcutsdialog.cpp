#include "views/shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bwx::terminal {

ShortcutsDialog::ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));

    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (QAction *action : actions) {
        if (action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys.append(key.toString(QKeySequence::NativeText));
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(action->text().remove(QLatin1Char('&'))));
        m_table->setItem(row, 1, new QTableWidgetItem(keys.join(QLatin1String(", "))));
    }
    m_table->setTextElideMode(Qt::ElideNone);
    m_table->resizeColumnsToContents();
    // Room for the style's cell padding, which the contents' size hint leaves out.
    m_table->setColumnWidth(0, m_table->columnWidth(0)
                                   + m_table->fontMetrics().averageCharWidth() * 2);
    m_table->setAccessibleName(tr("Keyboard shortcuts"));
    // Tall enough to list every shortcut without scrolling.
    const int rowsHeight = m_table->rowCount() * m_table->verticalHeader()->defaultSectionSize();
    m_table->setMinimumHeight(rowsHeight + m_table->horizontalHeader()->sizeHint().height()
                              + 2 * m_table->frameWidth());
    m_table->setMinimumWidth(m_table->horizontalHeader()->length() + 2 * m_table->frameWidth()
                             + m_table->verticalScrollBar()->sizeHint().width() + 24);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
}

} // namespace bwx::terminal
