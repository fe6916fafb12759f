#include "settlement/settlementui.h"

#include "client/exchangeclient.h"
#include "settlement/settlementrequests.h"
#include "settlement/statementmodel.h"
#include "settlement/statementsview.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QVBoxLayout>

namespace bwx::terminal::settlement {

SettlementUi::SettlementUi(ExchangeClient *client, QMainWindow *window)
    : QObject(window)
    , m_client(client)
    , m_mainWindow(window)
    , m_requests(new SettlementRequests(client, this))
    , m_menu(new QMenu(tr("&Settlement"), window))
{
    m_menu->setObjectName(QStringLiteral("settlementMenu"));
    m_statementsAction
        = m_menu->addAction(tr("&Statements and usage…"), this, &SettlementUi::showStatements);
    m_statementsAction->setObjectName(QStringLiteral("statementsAction"));
    m_statementsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
}

void SettlementUi::showStatements()
{
    if (!m_window) {
        // A window of its own: a statement table and a month of usage need more room than a
        // dock beside the order book leaves, and the trading layout stays as it was.
        m_window = new QWidget(m_mainWindow, Qt::Window);
        m_window->setObjectName(QStringLiteral("statementsWindow"));
        m_window->setWindowTitle(tr("Statements and usage"));
        m_view = new StatementsView(
            m_requests, [client = m_client] { return client->serverTimeNow(); }, m_window);
        auto *layout = new QVBoxLayout(m_window);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(m_view);
        m_window->resize(1100, 760);
    }
    m_view->refreshPeriods();
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
    if (!m_view->statementModel()->hasStatement())
        m_view->reload();
}

} // namespace bwx::terminal::settlement
