#pragma once
// Puts settlement into the main window: the Settlement menu with "Statements and usage…"
// (Ctrl+Shift+S), which opens the statements window (objectName "statementsWindow") and loads
// the current month's statement. The window is built on first use and kept.
#include <QObject>

class QAction;
class QMainWindow;
class QMenu;
class QWidget;

namespace bwx::terminal {
class ExchangeClient;
}

namespace bwx::terminal::settlement {

class SettlementRequests;
class StatementsView;

class SettlementUi : public QObject
{
    Q_OBJECT

public:
    SettlementUi(ExchangeClient *client, QMainWindow *window);

    QMenu *menu() const { return m_menu; }
    QAction *statementsAction() const { return m_statementsAction; }
    // nullptr until the window was opened once.
    StatementsView *statementsView() const { return m_view; }
    QWidget *statementsWindow() const { return m_window; }

public slots:
    void showStatements();

private:
    ExchangeClient *m_client;
    QMainWindow *m_mainWindow;
    SettlementRequests *m_requests;
    QMenu *m_menu;
    QAction *m_statementsAction;
    QWidget *m_window = nullptr;
    StatementsView *m_view = nullptr;
};

} // namespace bwx::terminal::settlement
