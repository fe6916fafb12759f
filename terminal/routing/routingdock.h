#pragma once
// Puts the routing view into the main window: a dock tabbed with the trades blotter, with its
// toggle in the View menu.
#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;

namespace bwx::terminal {

class ExchangeClient;
class RoutingView;

class RoutingDock : public QObject
{
    Q_OBJECT

public:
    RoutingDock(ExchangeClient *client, QMainWindow *window);

    RoutingView *view() const { return m_view; }
    QDockWidget *dock() const { return m_dock; }
    QAction *toggleAction() const;
    // Tabs the dock with the trades blotter, or adds it at the bottom without one.
    void place();

private:
    QMainWindow *m_window = nullptr;
    RoutingView *m_view = nullptr;
    QDockWidget *m_dock = nullptr;
};

} // namespace bwx::terminal
