// The main window fed from a recorded session (no server): screenshots in both themes and
// both book layouts, written next to the test binary and checked for content; dock layout
// save / restore / reset; and the shortcut list.
#include "app/mainwindow.h"
#include "app/screenshotcontroller.h"
#include "app/terminalsession.h"
#include "cache/tradecache.h"
#include "client/exchangeclient.h"
#include "models/marketwatchmodel.h"
#include "models/myordersmodel.h"
#include "models/orderbookmodel.h"
#include "models/tradesmodel.h"
#include "support/demosession.h"
#include "views/confirmorderdialog.h"
#include "views/connectdialog.h"
#include "views/connectionstatuswidget.h"
#include "views/orderbookview.h"
#include "views/orderentrywidget.h"
#include "views/shortcutsdialog.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

QString screenshotDir()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
}

// Distinct colours in a coarse grid: an empty or single-colour window has a handful.
int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

struct Fixture
{
    TerminalSession session;
    MainWindow window{&session};

    explicit Fixture(QSize size = QSize(1600, 1000))
    {
        window.setSaveLayoutOnClose(false);
        window.resize(size);
        session.client()->subscribeMarketWatch();
        session.openBook(demoBookPrefix());
    }
    int load() { return replay(*session.client(), demoSession()); }
};

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void recordedSessionFillsEveryView();
    void tradeHistoryIsShownOffline();
    void cachedTradesTheExchangeDoesNotListAreDropped();
    void screenshot_data();
    void screenshot();
    void clickingALevelPrefillsOrderEntry();
    void layoutSaveRestoreAndReset();
    void olderLayoutVersionIsIgnored();
    void shortcutsAreListedAndUnique();
    void germanTranslationApplies();
    void dialogScreenshots();

private:
    QTemporaryDir m_settingsDir;
};

void tst_MainWindow::initTestCase()
{
    QVERIFY(m_settingsDir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("BWX-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void tst_MainWindow::recordedSessionFillsEveryView()
{
    Fixture f;
    const int frames = static_cast<int>(demoSession().size());
    QCOMPARE(f.load(), frames);
    QCOMPARE(f.session.marketWatch()->rowCount(), 11);
    QVERIFY(f.session.book()->isLoaded());
    QCOMPARE(f.session.book()->bookSeq(), quint64(1932));
    QCOMPARE(f.session.orders()->rowCount(), 5);
    QCOMPARE(f.session.trades()->rowCount(), 5);
    // The fill arrived last, so it heads the blotter with the counterparty's name.
    QCOMPARE(f.session.trades()->index(0, TradesModel::TradeIdColumn).data().toString(),
             QStringLiteral("9003"));
    QCOMPARE(f.session.trades()->index(0, TradesModel::CounterpartyColumn).data().toString(),
             QStringLiteral("transit-nord"));
    // Trades from the list get their counterparties' names from the member list.
    QCOMPARE(f.session.trades()->index(1, TradesModel::CounterpartyColumn).data().toString(),
             QStringLiteral("carrier-west"));
    QCOMPARE(f.session.client()->state(), ConnectionState::Connected);
    f.window.refreshStatus();
    QCOMPARE(f.window.statusWidget()->stateText(), QStringLiteral("Connected"));
    QCOMPARE(f.window.statusWidget()->feedText(), QStringLiteral("Feed: 0 s"));
    QVERIFY(!f.window.statusWidget()->isFeedStale());
}

void tst_MainWindow::tradeHistoryIsShownOffline()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath("trades.sqlite");
    QString account;
    {
        TerminalSession online;
        QString error;
        QVERIFY2(online.openCache(file, &error), qPrintable(error));
        online.client()->subscribeMarketWatch();
        QVERIFY(replay(*online.client(), demoSession()) > 0);
        account = online.account();
        QVERIFY(account.endsWith(QLatin1String("/isp-berlin")));
        QCOMPARE(online.trades()->rowCount(), 5);
    }
    // The next start, before any connection: the blotter comes from the cache, names and all.
    TerminalSession offline;
    QString error;
    QVERIFY2(offline.openCache(file, &error), qPrintable(error));
    offline.loadHistory(account);
    QCOMPARE(offline.trades()->rowCount(), 5);
    QCOMPARE(offline.trades()->index(0, TradesModel::CounterpartyColumn).data().toString(),
             QStringLiteral("transit-nord"));
    QCOMPARE(offline.client()->state(), ConnectionState::Disconnected);
    offline.loadHistory(QStringLiteral("other.example.net:7700/isp-berlin"));
    QCOMPARE(offline.trades()->rowCount(), 0);
}

void tst_MainWindow::cachedTradesTheExchangeDoesNotListAreDropped()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString file = dir.filePath("trades.sqlite");
    QString account;
    {
        TerminalSession first;
        QString error;
        QVERIFY2(first.openCache(file, &error), qPrintable(error));
        QVERIFY(replay(*first.client(), demoSession()) > 0);
        account = first.account();
        QCOMPARE(first.trades()->rowCount(), 5);
    }
    // The cache also holds two trades of an earlier exchange behind the same address (the demo
    // started afresh): one newer and one older than every trade the exchange lists now.
    std::vector<quint64> phantoms;
    {
        TradeCache cache;
        QVERIFY2(cache.open(file), qPrintable(cache.lastError()));
        std::vector<TradeRecord> records = cache.load(account);
        QCOMPARE(records.size(), std::size_t(5));
        TradeRecord newer = records.front();
        newer.trade.tradeId = TradeId(900'000);
        TradeRecord older = records.back();
        older.trade.tradeId = TradeId(0x7fff'fff0); // never listed; far from the demo's ids
        older.trade.executedAt = records.back().trade.executedAt - seconds(3600);
        QVERIFY(cache.store(account, newer));
        QVERIFY(cache.store(account, older));
        QCOMPARE(cache.load(account).size(), std::size_t(7));
        phantoms = {newer.trade.tradeId.value(), older.trade.tradeId.value()};
    }
    TerminalSession next;
    QString error;
    QVERIFY2(next.openCache(file, &error), qPrintable(error));
    next.loadHistory(account);
    QCOMPARE(next.trades()->rowCount(), 7); // offline, the cache is all there is
    QVERIFY(replay(*next.client(), demoSession()) > 0);
    QCOMPARE(next.trades()->rowCount(), 5);
    for (int row = 0; row < next.trades()->rowCount(); ++row) {
        const quint64 id = next.trades()->recordAt(row)->trade.tradeId.value();
        QVERIFY2(std::find(phantoms.begin(), phantoms.end(), id) == phantoms.end(),
                 qPrintable(QString::number(id)));
    }
    TradeCache cache;
    QVERIFY(cache.open(file));
    QCOMPARE(cache.load(account).size(), std::size_t(5));
}

void tst_MainWindow::screenshot_data()
{
    QTest::addColumn<QString>("theme");
    QTest::addColumn<bool>("sideBySide");
    QTest::newRow("light, stacked book") << "light" << false;
    QTest::newRow("dark, stacked book") << "dark" << false;
    QTest::newRow("light, side-by-side book") << "light" << true;
    QTest::newRow("dark, side-by-side book") << "dark" << true;
}

void tst_MainWindow::screenshot()
{
    QFETCH(QString, theme);
    QFETCH(bool, sideBySide);

    Fixture f;
    f.window.setTheme(*parseTheme(theme));
    f.window.orderBookView()->setLayoutMode(sideBySide ? OrderBookView::Layout::SideBySide
                                                       : OrderBookView::Layout::Stacked);
    f.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.window));
    QVERIFY(f.load() > 0);
    f.window.refreshStatus();
    QCoreApplication::processEvents();

    const QString file
        = QStringLiteral("%1/mainwindow-%2-%3.png")
              .arg(screenshotDir(), theme,
                   sideBySide ? QStringLiteral("sidebyside") : QStringLiteral("stacked"));
    QString error;
    QVERIFY2(writeWindowPng(&f.window, file, &error), qPrintable(error));
    const QImage image(file);
    QCOMPARE(image.size(), QSize(1600, 1000));
    QVERIFY2(distinctColours(image) > 40, qPrintable(QString::number(distinctColours(image))));

    // Every dock visible and big enough to read: a layout regression shows up here first.
    for (QDockWidget *dock : f.window.docks()) {
        QVERIFY2(dock->isVisible(), qPrintable(dock->objectName()));
        QVERIFY2(dock->width() >= 280 && dock->height() >= 200,
                 qPrintable(QStringLiteral("%1 is %2x%3")
                                .arg(dock->objectName())
                                .arg(dock->width())
                                .arg(dock->height())));
    }
    // The book shows every level without scrolling.
    QTableView *ladder = f.window.orderBookView()->stackedTable();
    if (!sideBySide) {
        const int levels = f.session.book()->rowCount();
        QVERIFY(ladder->rowAt(ladder->viewport()->height() - 1) == -1
                || ladder->rowAt(ladder->viewport()->height() - 1) >= levels - 1);
    }
    qInfo("screenshot written: %s", qPrintable(file));
    f.window.setTheme(Theme::Light); // the palette is application-wide: leave it as found
}

void tst_MainWindow::clickingALevelPrefillsOrderEntry()
{
    Fixture f;
    f.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.window));
    f.load();
    QTableView *ladder = f.window.orderBookView()->stackedTable();
    // Find the best ask: the last Sell row of the stacked ladder.
    int bestAsk = -1;
    for (int r = 0; r < ladder->model()->rowCount(); ++r)
        if (ladder->model()->index(r, 0).data(OrderBookModel::SideRole).toInt() == int(Side::Sell))
            bestAsk = r;
    QVERIFY(bestAsk >= 0);
    const QRect cell
        = ladder->visualRect(ladder->model()->index(bestAsk, OrderBookModel::PriceColumn));
    QTest::mouseClick(ladder->viewport(), Qt::LeftButton, {}, cell.center());
    const OrderForm form = f.window.orderEntry()->form();
    QCOMPARE(int(form.side), int(Side::Buy));
    QCOMPARE(form.price, QStringLiteral("0.42"));
    QCOMPARE(form.destination, QStringLiteral("203.0.113.0/24"));
}

void tst_MainWindow::layoutSaveRestoreAndReset()
{
    QSettings settings;
    settings.clear();
    {
        Fixture f;
        f.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        QDockWidget *trades = f.window.findChild<QDockWidget *>(QStringLiteral("tradesDock"));
        QVERIFY(trades);
        trades->hide();
        f.window.orderBookView()->setLayoutMode(OrderBookView::Layout::SideBySide);
        f.window.saveLayout(settings);
    }
    Fixture g;
    g.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&g.window));
    QDockWidget *trades = g.window.findChild<QDockWidget *>(QStringLiteral("tradesDock"));
    QVERIFY(trades->isVisible());
    g.window.restoreLayout(settings);
    QVERIFY(!trades->isVisible());
    QCOMPARE(int(g.window.orderBookView()->layoutMode()), int(OrderBookView::Layout::SideBySide));

    g.window.resetLayout();
    for (QDockWidget *dock : g.window.docks()) {
        QVERIFY2(dock->isVisible(), qPrintable(dock->objectName()));
        QVERIFY(!dock->isFloating());
    }
    // Every dock has the stable objectName restoreState needs.
    QStringList names;
    for (QDockWidget *dock : g.window.docks())
        names.append(dock->objectName());
    QCOMPARE(names, (QStringList{"marketWatchDock", "orderBookDock", "orderEntryDock",
                                 "myOrdersDock", "tradesDock"}));
}

void tst_MainWindow::olderLayoutVersionIsIgnored()
{
    QSettings settings;
    settings.clear();
    {
        Fixture f;
        f.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&f.window));
        f.window.findChild<QDockWidget *>(QStringLiteral("marketWatchDock"))->hide();
        f.window.saveLayout(settings);
    }
    settings.setValue(QStringLiteral("layout/version"), MainWindow::kLayoutVersion - 1);
    Fixture g;
    g.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&g.window));
    g.window.restoreLayout(settings);
    QVERIFY(g.window.findChild<QDockWidget *>(QStringLiteral("marketWatchDock"))->isVisible());
}

void tst_MainWindow::shortcutsAreListedAndUnique()
{
    Fixture f;
    const QList<QAction *> actions = f.window.shortcutActions();
    QSet<QString> keys;
    for (QAction *action : actions) {
        for (const QKeySequence &key : action->shortcuts()) {
            const QString text = key.toString();
            QVERIFY2(!keys.contains(text), qPrintable(QStringLiteral("%1 used twice").arg(text)));
            keys.insert(text);
        }
    }
    for (const char *expected : {"F2", "F3", "F4", "Ctrl+O", "Ctrl+F", "Ctrl+G", "Del", "Ctrl+E",
                                 "Ctrl+Shift+X", "Ctrl+Shift+E", "Ctrl+Shift+R", "F1", "Ctrl+Q"})
        QVERIFY2(keys.contains(QLatin1String(expected)), expected);
    // The routing dock restores like the others: it needs its stable name.
    QVERIFY(f.window.findChild<QDockWidget *>(QStringLiteral("routingDock")));

    ShortcutsDialog dialog(actions);
    QCOMPARE(dialog.table()->rowCount(), static_cast<int>(actions.size()));
    QStringList rows;
    for (int r = 0; r < dialog.table()->rowCount(); ++r)
        rows.append(dialog.table()->item(r, 0)->text() + QLatin1String(": ")
                    + dialog.table()->item(r, 1)->text());
    QVERIFY2(rows.contains(QStringLiteral("New buy order: F2")), qPrintable(rows.join(", ")));
    QVERIFY2(rows.contains(QStringLiteral("Cancel all…: Ctrl+Shift+X")),
             qPrintable(rows.join(", ")));
}

void tst_MainWindow::germanTranslationApplies()
{
#ifdef BWX_TRANSLATIONS_DIR
    QTranslator german;
    QVERIFY(german.load(QStringLiteral("bwx_terminal_de"), QStringLiteral(BWX_TRANSLATIONS_DIR)));
    QVERIFY(QCoreApplication::installTranslator(&german));
    Fixture f;
    QStringList menus;
    for (QAction *action : f.window.menuBar()->actions())
        menus.append(action->text());
    QCoreApplication::removeTranslator(&german);
    QCOMPARE(menus, (QStringList{"&Datei", "&Handel", "&Ansicht", "A&utomatik", "A&brechnung", "&Hilfe"}));
    QCOMPARE(f.window.findChild<QDockWidget *>("orderBookDock")->windowTitle(),
             QStringLiteral("Orderbuch"));
    QCOMPARE(f.session.marketWatch()->headerData(1, Qt::Horizontal).toString(),
             QStringLiteral("Bid"));
#else
    QSKIP("built without Qt LinguistTools");
#endif
}

void tst_MainWindow::dialogScreenshots()
{
    // The dialogs the user guide shows, rendered from the same recorded session.
    Fixture f;
    f.window.setTheme(Theme::Light);
    f.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&f.window));
    f.load();
    QString error;

    OrderEntryWidget *entry = f.window.orderEntry();
    entry->setClock([] { return *parseTimestamp("2026-11-26T09:30:00Z"); });
    entry->resetDeliveryPeriod();
    entry->prefill(Side::Buy, QStringLiteral("203.0.113.0/24"), *parsePrice("0.42"));
    entry->findChild<QLineEdit *>(QStringLiteral("capacityEdit"))->setText(QStringLiteral("1G"));
    entry->findChild<QLineEdit *>(QStringLiteral("minBlockEdit"))->setText(QStringLiteral("100"));
    entry->review();
    ConfirmOrderDialog *confirm = entry->confirmation();
    QVERIFY(confirm);
    QVERIFY(QTest::qWaitForWindowExposed(confirm));
    QCOMPARE(confirm->totalText(), QStringLiteral("420.00"));
    QVERIFY2(writeWindowPng(confirm, screenshotDir() + "/confirm-order.png", &error),
             qPrintable(error));
    confirm->reject();

    ConnectionProfile profile;
    profile.host = QStringLiteral("exchange.example.net");
    profile.port = 7700;
    profile.certificateFile = QStringLiteral("/home/noc/.bwx/isp-berlin/member.crt");
    profile.keyFile = QStringLiteral("/home/noc/.bwx/isp-berlin/member.key");
    profile.caFile = QStringLiteral("/home/noc/.bwx/isp-berlin/ca.crt");
    ConnectDialog connect(profile, &f.window);
    connect.show();
    QVERIFY(QTest::qWaitForWindowExposed(&connect));
    QVERIFY2(writeWindowPng(&connect, screenshotDir() + "/connect-dialog.png", &error),
             qPrintable(error));
    // A file row's label is a buddy of its field, so its '&' is a mnemonic, not text.
    const auto labels = connect.findChildren<QLabel *>();
    const bool certificateLabelHasBuddy
        = std::any_of(labels.begin(), labels.end(), [&](const QLabel *l) {
              return l->text() == QStringLiteral("&Certificate:")
                     && l->buddy() == connect.certificateEdit();
          });
    QVERIFY(certificateLabelHasBuddy);

    ShortcutsDialog shortcuts(f.window.shortcutActions(), &f.window);
    shortcuts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&shortcuts));
    QVERIFY2(writeWindowPng(&shortcuts, screenshotDir() + "/shortcuts.png", &error),
             qPrintable(error));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
