#include "access/views/accessmanagerui.h"

#include "access/live/accessmanager.h"
#include "access/live/accesstransport.h"
#include "access/live/auditlog.h"
#include "access/views/accessmanagerpanel.h"
#include "access/views/ruleseditordialog.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <memory>

namespace bwx::access {

namespace {
constexpr auto kRulesFileKey = "access/rulesFile";
constexpr auto kDryRunKey = "access/dryRun";
// How often a stop file made by someone else is looked for.
constexpr int kStopFileCheckMs = 1000;
} // namespace

AccessManagerUi::AccessManagerUi(terminal::ExchangeClient *client, QMainWindow *window,
                                 const QString &auditLogFile)
    : QObject(window)
    , m_window(window)
    , m_transport(new ClientTransport(client, this))
    , m_manager(new AccessManager(m_transport, this))
    , m_audit(new AuditLog)
    , m_panel(nullptr)
    , m_dock(new QDockWidget(QObject::tr("Access manager"), window))
    , m_stopFileWatch(new QTimer(this))
{
    QString error;
    if (m_audit->open(auditLogFile.isEmpty() ? AuditLog::defaultFileName() : auditLogFile, &error))
        m_manager->setAuditLog(m_audit);
    else
        window->statusBar()->showMessage(error, 10'000);

    const QSettings settings;
    m_manager->setDryRun(settings.value(QLatin1String(kDryRunKey), true).toBool());
    const QString rulesFile = settings.value(QLatin1String(kRulesFileKey)).toString();
    if (!rulesFile.isEmpty() && !m_manager->loadRulesFile(rulesFile, &error))
        window->statusBar()->showMessage(tr("Access manager: %1").arg(error), 10'000);

    m_panel = new AccessManagerPanel(m_manager, m_dock);
    m_dock->setObjectName(QStringLiteral("accessManagerDock"));
    m_dock->setWidget(m_panel);
    m_dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable
                        | QDockWidget::DockWidgetFloatable);
    connect(m_panel, &AccessManagerPanel::editRulesRequested, this,
            &AccessManagerUi::showRulesEditor);
    connect(m_manager, &AccessManager::rulesChanged, this, [this] {
        QSettings s;
        s.setValue(QLatin1String(kRulesFileKey), m_manager->rulesFile());
    });
    connect(m_manager, &AccessManager::dryRunChanged, this, [](bool on) {
        QSettings s;
        s.setValue(QLatin1String(kDryRunKey), on);
    });
    connect(m_manager, &AccessManager::problem, this, [this](const QString &message) {
        m_window->statusBar()->showMessage(tr("Access manager: %1").arg(message), 10'000);
    });
    connect(m_manager, &AccessManager::rulesRejected, this, [this](const QString &report) {
        m_window->statusBar()->showMessage(
            tr("Access manager: rules refused, the previous ones stay: %1")
                .arg(report.section(QLatin1Char('\n'), 0, 0)),
            10'000);
    });
    connect(m_stopFileWatch, &QTimer::timeout, m_manager, &AccessManager::refreshKillSwitch);
    m_stopFileWatch->start(kStopFileCheckMs);
    createMenu();
}

AccessManagerUi::~AccessManagerUi()
{
    m_manager->setAuditLog(nullptr);
    delete m_audit;
}

void AccessManagerUi::placeDock()
{
    auto *orders = m_window->findChild<QDockWidget *>(QStringLiteral("myOrdersDock"));
    if (orders && m_window->dockWidgetArea(orders) != Qt::NoDockWidgetArea) {
        m_window->tabifyDockWidget(orders, m_dock);
        orders->raise();
    } else {
        m_window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    }
    m_dock->show();
}

void AccessManagerUi::createMenu()
{
    m_menu = new QMenu(tr("A&utomation"), m_window);
    m_menu->setObjectName(QStringLiteral("automationMenu"));
    QAction *showDock = m_dock->toggleViewAction();
    showDock->setText(tr("Access &manager"));
    m_menu->addAction(showDock);
    QAction *edit = m_menu->addAction(tr("&Edit rules…"), this, &AccessManagerUi::showRulesEditor);
    edit->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    m_menu->addSeparator();
    QAction *automatic = m_menu->addAction(tr("&Automatic"));
    automatic->setCheckable(true);
    automatic->setChecked(m_manager->isAutomatic());
    connect(automatic, &QAction::toggled, m_manager, &AccessManager::setAutomatic);
    connect(m_manager, &AccessManager::automaticChanged, automatic, &QAction::setChecked);
    QAction *dryRun = m_menu->addAction(tr("&Dry run"));
    dryRun->setCheckable(true);
    dryRun->setChecked(m_manager->dryRun());
    connect(dryRun, &QAction::toggled, m_manager, &AccessManager::setDryRun);
    connect(m_manager, &AccessManager::dryRunChanged, dryRun, &QAction::setChecked);
    m_menu->addAction(tr("&Run now"), m_manager, &AccessManager::runOnce);
    m_killSwitch = m_menu->addAction(tr("&Kill switch: stop all automation"));
    m_killSwitch->setObjectName(QStringLiteral("killSwitchAction"));
    m_killSwitch->setCheckable(true);
    m_killSwitch->setChecked(m_manager->killSwitchEngaged());
    m_killSwitch->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    // Window-wide, so it works wherever the focus is.
    m_killSwitch->setShortcutContext(Qt::ApplicationShortcut);
    connect(m_killSwitch, &QAction::triggered, m_manager,
            [this](bool checked) { m_manager->setKillSwitch(checked); });
    connect(m_manager, &AccessManager::killSwitchChanged, m_killSwitch, &QAction::setChecked);
    m_window->addAction(m_killSwitch);
    m_menu->addSeparator();
    m_menu->addAction(tr("Export audit log as &CSV…"), this, [this] { exportAuditLog(true); });
    m_menu->addAction(tr("Export audit log as &JSON…"), this, [this] { exportAuditLog(false); });
}

void AccessManagerUi::showRulesEditor()
{
    if (!m_editor) {
        m_editor = new RulesEditorDialog(m_manager, m_window);
    } else {
        m_editor->reload();
    }
    m_editor->show();
    m_editor->raise();
    m_editor->activateWindow();
}

void AccessManagerUi::exportAuditLog(bool csv)
{
    const QString file = QFileDialog::getSaveFileName(
        m_window, csv ? tr("Export audit log as CSV") : tr("Export audit log as JSON"), QString(),
        csv ? tr("CSV (*.csv)") : tr("JSON (*.json)"));
    if (file.isEmpty())
        return;
    QString error;
    const std::vector<Json> records = m_audit->readAll(&error);
    const bool ok = error.isEmpty()
                    && (csv ? AuditLog::exportCsv(records, file, &error)
                            : AuditLog::exportJson(records, file, &error));
    m_window->statusBar()->showMessage(ok ? tr("Audit log exported to %1").arg(file) : error,
                                       10'000);
}

} // namespace bwx::access
