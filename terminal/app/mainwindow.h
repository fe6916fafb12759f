#pragma once
// The terminal's main window: every view in a dock with a stable objectName, so a saved layout
// restores; menus whose shortcuts are listed in Help → Keyboard shortcuts; and the status bar
// that always shows connection state and data freshness.
#include "app/theme.h"

#include <QList>
#include <QMainWindow>
#include <bwx/net/prefix.h>

class QAction;
class QDockWidget;
class QMenu;
class QSettings;
class QTimer;

namespace bwx::access {
class AccessManagerUi;
}

namespace bwx::terminal {

class CandidatesUi;
class ConnectionStatusWidget;
class MarketWatchView;
class MyOrdersView;
class OrderBookView;
class OrderEntryWidget;
class RoutingDock;
class TerminalSession;
class TradesView;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Bump when docks are added, removed or renamed: an older saved state is then ignored.
    static constexpr int kLayoutVersion = 3; // 2: the access manager's dock, 3: the routing dock

    explicit MainWindow(TerminalSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;

    void restoreLayout(const QSettings &settings);
    void saveLayout(QSettings &settings) const;
    void setSaveLayoutOnClose(bool save) { m_saveLayoutOnClose = save; }

    MarketWatchView *marketWatchView() const { return m_marketWatch; }
    OrderBookView *orderBookView() const { return m_orderBook; }
    OrderEntryWidget *orderEntry() const { return m_orderEntry; }
    MyOrdersView *myOrdersView() const { return m_myOrders; }
    TradesView *tradesView() const { return m_trades; }
    ConnectionStatusWidget *statusWidget() const { return m_status; }
    bwx::access::AccessManagerUi *accessManagerUi() const { return m_access; }
    RoutingDock *routingDock() const { return m_routing; }
    CandidatesUi *candidatesUi() const { return m_candidates; }
    QList<QDockWidget *> docks() const { return m_docks; }
    // Every action with a shortcut, in menu order.
    QList<QAction *> shortcutActions() const;

public slots:
    void resetLayout();
    void refreshStatus();
    void showConnectDialog();
    void showShortcuts();
    void setTheme(bwx::terminal::Theme theme);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QDockWidget *addDock(QWidget *widget, const QString &title, const char *objectName);
    void createDocks();
    void createMenus();
    void arrangeDefaultLayout();
    // Dock sizes as shares of the window; they need the window's real size to mean anything.
    void applyDefaultSizes();
    void openBook(const bwx::net::Prefix &prefix);

    TerminalSession *m_session = nullptr;
    MarketWatchView *m_marketWatch = nullptr;
    OrderBookView *m_orderBook = nullptr;
    OrderEntryWidget *m_orderEntry = nullptr;
    MyOrdersView *m_myOrders = nullptr;
    TradesView *m_trades = nullptr;
    ConnectionStatusWidget *m_status = nullptr;
    bwx::access::AccessManagerUi *m_access = nullptr;
    RoutingDock *m_routing = nullptr;
    CandidatesUi *m_candidates = nullptr;
    QList<QDockWidget *> m_docks;
    QList<QMenu *> m_menus;
    QByteArray m_defaultState;
    QTimer *m_statusTimer = nullptr;
    QAction *m_darkTheme = nullptr;
    QAction *m_lightTheme = nullptr;
    QAction *m_sideBySide = nullptr;
    bool m_saveLayoutOnClose = true;
    bool m_layoutRestored = false;
    bool m_shown = false;
};

} // namespace bwx::terminal
