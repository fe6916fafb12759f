#pragma once
// Puts the access manager into the main window: its dock (objectName "accessManagerDock"), the
// Automation menu with the kill switch on Ctrl+Shift+K, the rules editor, and audit log export.
// It owns the manager and remembers the rules file and the dry-run switch between runs;
// automatic mode always starts off.
#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QTimer;

namespace bwx::terminal {
class ExchangeClient;
}

namespace bwx::access {

class AccessManager;
class AccessManagerPanel;
class AccessTransport;
class AuditLog;
class RulesEditorDialog;

class AccessManagerUi : public QObject
{
    Q_OBJECT

public:
    // `auditLogFile` empty: AuditLog::defaultFileName().
    AccessManagerUi(terminal::ExchangeClient *client, QMainWindow *window,
                    const QString &auditLogFile = {});
    ~AccessManagerUi() override;

    AccessManager *manager() const { return m_manager; }
    AccessManagerPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    QMenu *menu() const { return m_menu; }
    QAction *killSwitchAction() const { return m_killSwitch; }

    // Beside "My orders" when the window has it, else at the bottom.
    void placeDock();
    void showRulesEditor();
    void exportAuditLog(bool csv);

private:
    void createMenu();

    QMainWindow *m_window;
    AccessTransport *m_transport;
    AccessManager *m_manager;
    AuditLog *m_audit;
    AccessManagerPanel *m_panel;
    QDockWidget *m_dock;
    QMenu *m_menu = nullptr;
    QAction *m_killSwitch = nullptr;
    RulesEditorDialog *m_editor = nullptr;
    QTimer *m_stopFileWatch;
};

} // namespace bwx::access
