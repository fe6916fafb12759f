#include "app/mainwindow.h"

#include "access/views/accessmanagerui.h"
#include "settlement/settlementui.h"
#include "app/terminalsession.h"
#include "candidates/candidatesui.h"
#include "routing/routingdock.h"
#include "quality/qualitywindow.h"
#include "client/exchangeclient.h"
#include "models/format.h"
#include "models/marketwatchmodel.h"
#include "models/orderbookmodel.h"
#include "views/connectdialog.h"
#include "views/connectionstatuswidget.h"
#include "views/marketwatchview.h"
#include "views/myordersview.h"
#include "views/orderbookview.h"
#include "views/orderentrywidget.h"
#include "views/shortcutsdialog.h"
#include "views/tradesview.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <functional>

namespace bwx::terminal {

namespace {
constexpr auto kLayoutStateKey = "layout/state";
constexpr auto kLayoutGeometryKey = "layout/geometry";
constexpr auto kLayoutVersionKey = "layout/version";
constexpr auto kBookLayoutKey = "layout/bookSideBySide";
constexpr auto kThemeKey = "ui/theme";

QString tableKey(const QTableView *table)
{
    return QStringLiteral("layout/tables/") + table->objectName();
}
} // namespace

MainWindow::MainWindow(TerminalSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_statusTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("BWX Terminal"));
    setDockNestingEnabled(true);
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);

    m_status = new ConnectionStatusWidget(this);
    createDocks();
    createMenus();

    statusBar()->addPermanentWidget(m_status, 1);
    statusBar()->setSizeGripEnabled(false);

    ExchangeClient *client = session->client();
    connect(client, &ExchangeClient::stateChanged, this, &MainWindow::refreshStatus);
    connect(client, &ExchangeClient::loggedIn, this, &MainWindow::refreshStatus);
    connect(client, &ExchangeClient::errorOccurred, m_status,
            &ConnectionStatusWidget::setLastError);
    connect(client, &ExchangeClient::feedGap, this, [this](const QString &stream) {
        statusBar()->showMessage(tr("Missed market data for %1: reloading it").arg(stream), 5000);
    });
    connect(session, &TerminalSession::orderRejected, m_orderEntry,
            &OrderEntryWidget::showRejection);
    m_orderEntry->setClock([client] { return client->serverTimeNow(); });

    m_statusTimer->setInterval(500);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    m_statusTimer->start();

    arrangeDefaultLayout();
    // The access manager brings its own dock and menu (terminal/access/views).
    m_access = new access::AccessManagerUi(client, this);
    m_access->placeDock();
    menuBar()->insertMenu(m_menus.last()->menuAction(), m_access->menu());
    m_menus.insert(m_menus.size() - 1, m_access->menu());
    // Statements and usage charts open in a window of their own (terminal/settlement).
    auto *settlementUi = new settlement::SettlementUi(client, this);
    menuBar()->insertMenu(m_menus.last()->menuAction(), settlementUi->menu());
    m_menus.insert(m_menus.size() - 1, settlementUi->menu());
    // The member's routing (terminal/routing) and the candidate lists of buys
    // (terminal/candidates).
    m_routing = new RoutingDock(client, this);
    m_routing->place();
    m_menus[2]->addAction(m_routing->toggleAction());
    m_candidates = new CandidatesUi(client, m_orderEntry,
                                    [session] { return session->nextClientOrderId(); }, this);
    m_menus[1]->addAction(m_candidates->action());
    connect(m_orderEntry, &OrderEntryWidget::weightsChanged, m_orderBook,
            &OrderBookView::setWeights);
    m_defaultState = saveState(kLayoutVersion);
    refreshStatus();
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addDock(QWidget *widget, const QString &title, const char *objectName)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(QLatin1String(objectName));
    dock->setWidget(widget);
    dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                      | QDockWidget::DockWidgetFloatable);
    m_docks.append(dock);
    return dock;
}

void MainWindow::createDocks()
{
    m_marketWatch = new MarketWatchView(m_session->marketWatch(), this);
    m_orderBook = new OrderBookView(m_session->book(), this);
    m_orderEntry = new OrderEntryWidget(this);
    m_orderEntry->setMaximumWidth(460);
    m_myOrders = new MyOrdersView(m_session->orders(), this);
    m_trades = new TradesView(m_session->trades(), this);

    addDock(m_marketWatch, tr("Market watch"), "marketWatchDock");
    addDock(m_orderBook, tr("Order book"), "orderBookDock");
    addDock(m_orderEntry, tr("Order entry"), "orderEntryDock");
    addDock(m_myOrders, tr("My orders"), "myOrdersDock");
    addDock(m_trades, tr("Trades"), "tradesDock");

    connect(m_marketWatch, &MarketWatchView::prefixSelected, this, &MainWindow::openBook);
    connect(m_marketWatch, &MarketWatchView::prefixActivated, this,
            [this](const net::Prefix &prefix) {
                openBook(prefix);
                m_orderEntry->setDestination(format::prefix(prefix));
            });
    connect(m_orderBook, &OrderBookView::openRequested, this, &MainWindow::openBook);
    connect(m_session, &TerminalSession::bookOpened, m_marketWatch, &MarketWatchView::selectPrefix);
    // The book may be opened before the market watch has rows to select.
    connect(m_session->marketWatch(), &MarketWatchModel::loaded, this, [this] {
        if (const auto prefix = m_session->bookPrefix())
            m_marketWatch->selectPrefix(*prefix);
    });
    connect(m_orderBook, &OrderBookView::levelClicked, this, [this](Side side, Price price) {
        const auto prefix = m_session->bookPrefix();
        if (!prefix)
            return;
        // Clicking an ask means buying from it, clicking a bid means selling into it.
        m_orderEntry->prefill(side == Side::Sell ? Side::Buy : Side::Sell, format::prefix(*prefix),
                              price);
    });
    connect(m_orderEntry, &OrderEntryWidget::orderConfirmed, m_session,
            &TerminalSession::placeOrder);
    connect(m_myOrders, &MyOrdersView::cancelRequested, m_session, &TerminalSession::cancelOrder);
    connect(m_myOrders, &MyOrdersView::amendRequested, m_session, &TerminalSession::amendOrder);
    connect(m_myOrders, &MyOrdersView::cancelAllRequested, m_session,
            &TerminalSession::cancelAllOrders);
    connect(m_trades, &TradesView::exported, this, [this](const QString &file) {
        statusBar()->showMessage(tr("Trades exported to %1").arg(file), 5000);
    });
    connect(m_trades, &TradesView::exportFailed, m_status, &ConnectionStatusWidget::setLastError);
    connect(m_trades, &TradesView::cancelTradeRequested, m_session, &TerminalSession::cancelTrade);
    connect(m_session, &TerminalSession::tradeCancelRefused, m_trades,
            &TradesView::showCancelRefusal);
    connect(m_session, &TerminalSession::tradeCancelled, this, [this](TradeId id) {
        statusBar()->showMessage(tr("Trade %1 cancelled").arg(id.value()), 5000);
    });
}

void MainWindow::arrangeDefaultLayout()
{
    QDockWidget *watch = m_docks[0];
    QDockWidget *book = m_docks[1];
    QDockWidget *entry = m_docks[2];
    QDockWidget *orders = m_docks[3];
    QDockWidget *trades = m_docks[4];
    for (QDockWidget *dock : m_docks) {
        dock->setFloating(false);
        dock->show();
    }
    addDockWidget(Qt::LeftDockWidgetArea, watch);
    splitDockWidget(watch, book, Qt::Horizontal);
    addDockWidget(Qt::RightDockWidgetArea, entry);
    addDockWidget(Qt::BottomDockWidgetArea, orders);
    splitDockWidget(orders, trades, Qt::Horizontal);
}

void MainWindow::applyDefaultSizes()
{
    const int w = width();
    const int h = height();
    resizeDocks({m_docks[0], m_docks[1], m_docks[2]}, {w * 39 / 100, w * 35 / 100, w * 26 / 100},
                Qt::Horizontal);
    resizeDocks({m_docks[0], m_docks[3]}, {h * 56 / 100, h * 44 / 100}, Qt::Vertical);
    resizeDocks({m_docks[3], m_docks[4]}, {w * 37 / 100, w * 37 / 100}, Qt::Horizontal);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_shown)
        return;
    m_shown = true;
    if (!m_layoutRestored)
        applyDefaultSizes();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = file->addAction(tr("&Connect…"), this, &MainWindow::showConnectDialog);
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    QAction *disconnectAction = file->addAction(tr("&Disconnect"), m_session->client(),
                                                &ExchangeClient::disconnectFromServer);
    disconnectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    file->addSeparator();
    QAction *exportAction
        = file->addAction(tr("&Export trades as CSV…"), m_trades, &TradesView::exportCsv);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    // Spelled out: QKeySequence::Quit is empty on platforms without a native binding.
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

    QMenu *trade = menuBar()->addMenu(tr("&Trade"));
    QAction *buy = trade->addAction(tr("New &buy order"), this, [this] {
        m_orderEntry->setSide(Side::Buy);
        m_docks[2]->show();
        m_docks[2]->raise();
        m_orderEntry->focusEntry();
    });
    buy->setShortcut(QKeySequence(Qt::Key_F2));
    QAction *sell = trade->addAction(tr("New &sell order"), this, [this] {
        m_orderEntry->setSide(Side::Sell);
        m_docks[2]->show();
        m_docks[2]->raise();
        m_orderEntry->focusEntry();
    });
    sell->setShortcut(QKeySequence(Qt::Key_F3));
    QAction *review
        = trade->addAction(tr("&Review order…"), m_orderEntry, &OrderEntryWidget::review);
    review->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    trade->addSeparator();
    trade->addAction(m_myOrders->cancelAction());
    trade->addAction(m_myOrders->amendAction());
    m_myOrders->cancelAllAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    trade->addAction(m_myOrders->cancelAllAction());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *filter = view->addAction(tr("&Filter market watch"), this, [this] {
        m_docks[0]->show();
        m_marketWatch->filterEdit()->setFocus();
        m_marketWatch->filterEdit()->selectAll();
    });
    filter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    QAction *goToBook = view->addAction(tr("&Go to book…"), this, [this] {
        m_docks[1]->show();
        m_orderBook->prefixEdit()->setFocus();
        m_orderBook->prefixEdit()->selectAll();
    });
    goToBook->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    // A window of its own, made on first use: the dock layout and its saved state stay as they are.
    QAction *routeQuality = view->addAction(tr("Route &quality…"), this, [this] {
        auto *window = findChild<quality::QualityWindow *>();
        if (!window)
            window = new quality::QualityWindow(m_session->client(), m_session->orders(), this);
        window->show();
        window->raise();
        window->activateWindow();
    });
    routeQuality->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q));
    m_sideBySide = view->addAction(tr("&Side-by-side book"));
    m_sideBySide->setCheckable(true);
    m_sideBySide->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    connect(m_sideBySide, &QAction::toggled, this, [this](bool on) {
        m_orderBook->setLayoutMode(on ? OrderBookView::Layout::SideBySide
                                      : OrderBookView::Layout::Stacked);
    });
    connect(m_orderBook, &OrderBookView::layoutModeChanged, this,
            [this](OrderBookView::Layout layout) {
                const QSignalBlocker blocker(m_sideBySide);
                m_sideBySide->setChecked(layout == OrderBookView::Layout::SideBySide);
            });
    view->addSeparator();
    int index = 1;
    for (QDockWidget *dock : m_docks) {
        QAction *toggle = dock->toggleViewAction();
        toggle->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(Qt::Key_0 + index++)));
        view->addAction(toggle);
    }
    view->addSeparator();
    QAction *reset = view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QMenu *themes = view->addMenu(tr("&Theme"));
    auto *themeGroup = new QActionGroup(this);
    m_lightTheme = themes->addAction(tr("&Light"), this, [this] { setTheme(Theme::Light); });
    m_darkTheme = themes->addAction(tr("&Dark"), this, [this] { setTheme(Theme::Dark); });
    for (QAction *action : {m_lightTheme, m_darkTheme}) {
        action->setCheckable(true);
        themeGroup->addAction(action);
    }
    m_lightTheme->setChecked(true);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts
        = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence(Qt::Key_F1));
    help->addAction(tr("&About BWX Terminal"), this, [this] {
        QMessageBox::about(this, tr("About BWX Terminal"),
                           tr("<b>BWX Terminal %1</b><p>Trades IP transit on the BWX exchange."
                              "</p><p>Prices are per Mbps per month; totals are price × Mbps "
                              "× months of delivery, in exact micro-units.</p>")
                               .arg(QApplication::applicationVersion()));
    });

    m_menus = {file, trade, view, help};
}

QList<QAction *> MainWindow::shortcutActions() const
{
    QList<QAction *> actions;
    const std::function<void(const QMenu *)> collect = [&](const QMenu *menu) {
        for (QAction *action : menu->actions()) {
            if (action->menu())
                collect(action->menu());
            else if (!action->shortcuts().isEmpty())
                actions.append(action);
        }
    };
    for (const QMenu *menu : m_menus)
        collect(menu);
    return actions;
}

void MainWindow::openBook(const net::Prefix &prefix)
{
    m_session->openBook(prefix);
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState, kLayoutVersion);
    for (QDockWidget *dock : m_docks) {
        dock->setFloating(false);
        dock->show();
    }
    applyDefaultSizes();
}

void MainWindow::restoreLayout(const QSettings &settings)
{
    if (settings.value(QLatin1String(kLayoutVersionKey)).toInt() != kLayoutVersion)
        return;
    restoreGeometry(settings.value(QLatin1String(kLayoutGeometryKey)).toByteArray());
    m_layoutRestored = restoreState(settings.value(QLatin1String(kLayoutStateKey)).toByteArray(),
                                    kLayoutVersion);
    m_sideBySide->setChecked(settings.value(QLatin1String(kBookLayoutKey)).toBool());
    for (QTableView *table : findChildren<QTableView *>()) {
        const QByteArray header = settings.value(tableKey(table)).toByteArray();
        if (!header.isEmpty())
            table->horizontalHeader()->restoreState(header);
    }
    if (const auto theme = parseTheme(settings.value(QLatin1String(kThemeKey)).toString()))
        (*theme == Theme::Dark ? m_darkTheme : m_lightTheme)->setChecked(true);
}

void MainWindow::saveLayout(QSettings &settings) const
{
    settings.setValue(QLatin1String(kLayoutVersionKey), kLayoutVersion);
    settings.setValue(QLatin1String(kLayoutGeometryKey), saveGeometry());
    settings.setValue(QLatin1String(kLayoutStateKey), saveState(kLayoutVersion));
    settings.setValue(QLatin1String(kBookLayoutKey),
                      m_orderBook->layoutMode() == OrderBookView::Layout::SideBySide);
    settings.setValue(QLatin1String(kThemeKey),
                      themeName(m_darkTheme->isChecked() ? Theme::Dark : Theme::Light));
    // Column order, widths and hidden columns, per table.
    for (const QTableView *table : findChildren<QTableView *>())
        settings.setValue(tableKey(table), table->horizontalHeader()->saveState());
}

void MainWindow::setTheme(Theme theme)
{
    (theme == Theme::Dark ? m_darkTheme : m_lightTheme)->setChecked(true);
    if (auto *app = qobject_cast<QApplication *>(QCoreApplication::instance()))
        applyTheme(*app, theme);
}

void MainWindow::refreshStatus()
{
    const ExchangeClient *client = m_session->client();
    m_status->setState(client->state(), client->reconnectInMs());
    m_status->setMember(client->hasSession() ? QString::fromStdString(client->session().memberName)
                                             : QString());
    m_status->setServerTime(client->serverTimeNow());
    m_status->setFeedAge(client->feedAgeMs());
}

void MainWindow::showConnectDialog()
{
    QSettings settings;
    const ConnectionProfile current
        = loadProfile(settings).value_or(m_session->client()->profile());
    auto *dialog = new ConnectDialog(current, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ConnectionProfile profile = dialog->profile();
        QSettings s;
        saveProfile(s, profile);
        m_session->connectTo(profile);
    });
    dialog->open();
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(shortcutActions(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_saveLayoutOnClose) {
        QSettings settings;
        saveLayout(settings);
    }
    event->accept();
}

} // namespace bwx::terminal
