#pragma once
// Help → Keyboard shortcuts: built from the actions themselves, so it can never disagree
// with what the keys do.
#include <QDialog>
#include <QList>

class QAction;
class QTableWidget;

namespace bwx::terminal {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QList<QAction *> &actions, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table = nullptr;
};

} // namespace bwx::terminal
