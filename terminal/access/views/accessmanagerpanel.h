#pragma once
// The access manager's dock: its switches (automatic, dry run, run now, the kill switch), the
// live activity (one row per decision as it is made) and the explanation of the selected
// decision (every candidate with its verdict and reason, the coverage, the notes, what was sent
// and what the exchange answered).
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;

namespace bwx::access {

class AccessManager;
class CandidatesModel;
class DecisionsModel;
struct Decision;

class AccessManagerPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AccessManagerPanel(AccessManager *manager, QWidget *parent = nullptr);

    DecisionsModel *decisions() const { return m_decisions; }
    CandidatesModel *candidates() const { return m_candidates; }
    QTableView *activityTable() const { return m_activity; }
    QTableView *candidatesTable() const { return m_candidateTable; }
    QTextBrowser *details() const { return m_details; }
    QPushButton *killSwitchButton() const { return m_killSwitch; }
    QCheckBox *automaticBox() const { return m_automatic; }
    QCheckBox *dryRunBox() const { return m_dryRun; }

    // Shows the explanation of one row of the activity.
    void explain(int row);
    static QString detailsHtml(const Decision &decision, bool dryRun);

signals:
    void editRulesRequested();

private:
    void refreshStatus();
    void showKillSwitch(bool engaged);

    AccessManager *m_manager;
    DecisionsModel *m_decisions;
    CandidatesModel *m_candidates;
    QTableView *m_activity;
    QTableView *m_candidateTable;
    QTextBrowser *m_details;
    QCheckBox *m_automatic;
    QCheckBox *m_dryRun;
    QPushButton *m_runNow;
    QPushButton *m_killSwitch;
    QPushButton *m_editRules;
    QLabel *m_status;
};

} // namespace bwx::access
