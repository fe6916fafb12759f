#include "access/views/accessmanagerpanel.h"

#include "access/live/accessmanager.h"
#include "access/views/candidatesmodel.h"
#include "access/views/decisionsmodel.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace bwx::access {

namespace {

QString esc(const std::string &text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

QString esc(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())).toHtmlEscaped();
}

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionsMovable(true);
    return table;
}

} // namespace

AccessManagerPanel::AccessManagerPanel(AccessManager *manager, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_decisions(new DecisionsModel(this))
    , m_candidates(new CandidatesModel(this))
    , m_activity(makeTable(m_decisions, QStringLiteral("accessActivityTable"), this))
    , m_candidateTable(makeTable(m_candidates, QStringLiteral("accessCandidatesTable"), this))
    , m_details(new QTextBrowser(this))
    , m_automatic(new QCheckBox(tr("&Automatic"), this))
    , m_dryRun(new QCheckBox(tr("D&ry run"), this))
    , m_runNow(new QPushButton(tr("Run &now"), this))
    , m_killSwitch(new QPushButton(tr("Kill switch"), this))
    , m_editRules(new QPushButton(tr("R&ules…"), this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("accessManagerPanel"));
    m_automatic->setToolTip(tr("Evaluate the rules every cycle and act on them"));
    m_dryRun->setToolTip(tr("Decide and explain, but send nothing"));
    m_killSwitch->setCheckable(true);
    m_killSwitch->setToolTip(tr("Stop every automated action at once (Ctrl+Shift+K)"));
    m_killSwitch->setAccessibleName(tr("Kill switch"));
    m_details->setObjectName(QStringLiteral("accessDecisionDetails"));
    m_details->setOpenLinks(false);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_automatic);
    controls->addWidget(m_dryRun);
    controls->addWidget(m_runNow);
    controls->addWidget(m_editRules);
    controls->addWidget(m_killSwitch);
    controls->addWidget(m_status, 1);

    auto *explanation = new QSplitter(Qt::Horizontal, this);
    explanation->addWidget(m_candidateTable);
    explanation->addWidget(m_details);
    explanation->setStretchFactor(0, 3);
    explanation->setStretchFactor(1, 2);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_activity);
    split->addWidget(explanation);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(split, 1);

    m_dryRun->setChecked(manager->dryRun());
    m_automatic->setChecked(manager->isAutomatic());
    showKillSwitch(manager->killSwitchEngaged());

    connect(m_automatic, &QCheckBox::toggled, manager, &AccessManager::setAutomatic);
    connect(m_dryRun, &QCheckBox::toggled, manager, &AccessManager::setDryRun);
    connect(m_runNow, &QPushButton::clicked, manager, &AccessManager::runOnce);
    connect(m_editRules, &QPushButton::clicked, this, &AccessManagerPanel::editRulesRequested);
    connect(m_killSwitch, &QPushButton::clicked, manager,
            [manager](bool checked) { manager->setKillSwitch(checked); });
    connect(manager, &AccessManager::killSwitchChanged, this, &AccessManagerPanel::showKillSwitch);
    connect(manager, &AccessManager::dryRunChanged, m_dryRun, &QCheckBox::setChecked);
    connect(manager, &AccessManager::automaticChanged, m_automatic, &QCheckBox::setChecked);
    connect(manager, &AccessManager::rulesChanged, this, &AccessManagerPanel::refreshStatus);
    connect(manager, &AccessManager::busyChanged, this, &AccessManagerPanel::refreshStatus);
    connect(manager, &AccessManager::decisionMade, this,
            [this](const Decision &decision, bool dryRun) {
                QScrollBar *bar = m_activity->verticalScrollBar();
                const bool atBottom = bar->value() == bar->maximum();
                m_decisions->addDecision(decision, dryRun);
                if (atBottom)
                    m_activity->scrollToBottom();
            });
    connect(m_activity->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { explain(current.row()); });
    refreshStatus();
}

void AccessManagerPanel::showKillSwitch(bool engaged)
{
    m_killSwitch->setChecked(engaged);
    m_killSwitch->setText(engaged ? tr("Stopped: release kill switch") : tr("Kill switch"));
    m_killSwitch->setStyleSheet(engaged ? QStringLiteral("QPushButton { background: #c62828; "
                                                         "color: white; font-weight: bold; }")
                                        : QStringLiteral("QPushButton { color: #c62828; "
                                                         "font-weight: bold; }"));
    refreshStatus();
}

void AccessManagerPanel::refreshStatus()
{
    QStringList parts;
    if (!m_manager->hasRules())
        parts << tr("No rules loaded");
    else
        parts << tr("Rules: %1").arg(QFileInfo(m_manager->rulesFile()).fileName());
    if (m_manager->killSwitchEngaged())
        parts << tr("STOPPED by the kill switch");
    if (m_manager->isBusy())
        parts << tr("evaluating…");
    else if (m_manager->cycles() > 0)
        parts << tr("last cycle %1 UTC")
                     .arg(QString::fromStdString(formatTimestamp(m_manager->lastEvaluation().time)));
    m_status->setText(parts.join(QStringLiteral(" · ")));
}

void AccessManagerPanel::explain(int row)
{
    if (row < 0 || row >= m_decisions->rowCount()) {
        m_candidates->setCandidates({});
        m_details->clear();
        return;
    }
    const Decision &d = m_decisions->decision(row);
    m_candidates->setCandidates(d.candidates);
    m_details->setHtml(detailsHtml(d, m_decisions->wasDryRun(row)));
}

QString AccessManagerPanel::detailsHtml(const Decision &d, bool dryRun)
{
    QString html = QStringLiteral("<p><b>%1 / %2</b> at %3 UTC (%4 mode%5)</p><p>%6</p>")
                       .arg(esc(d.group), esc(d.need), esc(formatTimestamp(d.time)),
                            esc(toString(d.mode)),
                            dryRun ? tr(", dry run") : QString(), esc(d.summary));
    if (!d.blockers.empty()) {
        QStringList names;
        for (const Reason r : d.blockers)
            names << esc(toString(r));
        html += tr("<p>Blocked by: %1</p>").arg(names.join(QStringLiteral(", ")));
    }
    html += tr("<p>Needs %1; covered %2").arg(esc(formatBandwidth(d.required)),
                                             esc(formatBandwidth(d.covered)));
    if (d.pending.isPositive())
        html += tr("; pending in open buy orders %1").arg(esc(formatBandwidth(d.pending)));
    if (d.gapStart.isSet() && d.outcome != Outcome::Pending)
        html += tr("; missing %1 from %2 to %3; asks for %4%5")
                    .arg(esc(formatBandwidth(d.shortfall)), esc(formatTimestamp(d.gapStart)),
                         esc(formatTimestamp(d.gapEnd)), esc(formatBandwidth(d.requested)),
                         d.renewal ? tr(" (renewal)") : QString());
    html += QStringLiteral("</p>");
    if (!d.rankingAgrees)
        html += tr("<p><b>Ranking differs:</b> %1</p>").arg(esc(d.rankingNote));
    if (!d.notes.empty()) {
        html += QStringLiteral("<ul>");
        for (const std::string &note : d.notes)
            html += QStringLiteral("<li>%1</li>").arg(esc(note));
        html += QStringLiteral("</ul>");
    }
    if (!d.actions.empty())
        html += tr("<p>Sent: %1</p>").arg(DecisionsModel::actionsText(d, dryRun).toHtmlEscaped());
    return html;
}

} // namespace bwx::access
