#include "routing/routingdock.h"

#include "routing/routingview.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>

namespace bwx::terminal {

RoutingDock::RoutingDock(ExchangeClient *client, QMainWindow *window)
    : QObject(window)
    , m_window(window)
{
    m_view = new RoutingView(client, window);
    m_dock = new QDockWidget(tr("Routing"), window);
    // A stable name: restoreState skips docks without one.
    m_dock->setObjectName(QStringLiteral("routingDock"));
    m_dock->setWidget(m_view);
    m_dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                        | QDockWidget::DockWidgetFloatable);
    // Refresh when the member brings the dock to the front: sessions change all the time.
    connect(m_dock, &QDockWidget::visibilityChanged, m_view, [this](bool visible) {
        if (visible && !m_view->isWaiting())
            m_view->refresh();
    });
}

QAction *RoutingDock::toggleAction() const
{
    return m_dock->toggleViewAction();
}

void RoutingDock::place()
{
    auto *trades = m_window->findChild<QDockWidget *>(QStringLiteral("tradesDock"));
    if (trades && m_window->dockWidgetArea(trades) != Qt::NoDockWidgetArea) {
        m_window->tabifyDockWidget(trades, m_dock);
        trades->raise();
    } else {
        m_window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    }
    m_dock->show();
}

} // namespace bwx::terminal
