#pragma once
// The access manager at work (claims 23-25): it holds the rules in force, and in each cycle asks
// the exchange for the member's orders, trades, limits and the quality matrix, lets the engine
// decide which candidate lists it needs, asks for those, lets the engine decide, sends the
// TakeOrder / NewOrder requests (unless in a dry run or stopped by the kill switch), records the
// exchange's answers, cancels the trades that replacement took the place of once the
// replacement is in force, and writes everything to the audit log.
//
// One cycle at a time; a cycle that the exchange does not answer in time ends with the data it
// has, which the engine then treats as stale.
#include "access/accessstate.h"
#include "access/decision.h"
#include "access/qualitytracker.h"
#include "access/rules.h"
#include "trading/clientorderids.h"

#include <bwx/proto/messages.h>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <map>
#include <optional>

class QTimer;

namespace bwx::access {

class AccessTransport;
class AuditLog;

class AccessManager : public QObject
{
    Q_OBJECT

public:
    explicit AccessManager(AccessTransport *transport, QObject *parent = nullptr);
    ~AccessManager() override;

    // ---- rules ----
    // Reads and applies a rules file. A file with any problem changes nothing: the rules in
    // force stay, and *error holds every problem as "FILE:LINE:COLUMN: reason" lines.
    bool loadRulesFile(const QString &fileName, QString *error);
    // Applies rules text from the editor and writes it to the rules file (atomically). Broken
    // text changes nothing, neither the rules in force nor the file.
    bool applyRulesText(const QString &text, QString *error);
    void setRulesFile(const QString &fileName) { m_rulesFile = fileName; }
    bool hasRules() const { return m_rules.has_value(); }
    const Rules &rules() const { return *m_rules; }
    QString rulesFile() const { return m_rulesFile; }
    QString rulesText() const { return m_rulesText; }

    // ---- modes ----
    void setDryRun(bool dryRun);
    bool dryRun() const { return m_dryRun; }
    // Cycles every evaluate_every while on (and once at once); off: only runOnce().
    void setAutomatic(bool on);
    bool isAutomatic() const { return m_automatic; }
    // The kill switch stops every automated action at once: nothing is sent while it is on. It
    // is a file (the rules' stop_file, else defaultStopFile()), so a script or another terminal
    // can pull it too, and it survives a restart.
    void setKillSwitch(bool engaged);
    bool killSwitchEngaged() const;
    QString stopFile() const;
    void setDefaultStopFile(const QString &fileName) { m_defaultStopFile = fileName; }
    static QString standardStopFile();
    // Notices a stop file created or removed by someone else; emits killSwitchChanged.
    void refreshKillSwitch();

    void setAuditLog(AuditLog *log) { m_audit = log; }
    AuditLog *auditLog() const { return m_audit; }
    // How long each step of a cycle waits for the exchange's answers.
    void setRequestTimeout(int ms) { m_requestTimeoutMs = ms; }

    bool isBusy() const { return m_phase != Phase::Idle; }
    quint64 cycles() const { return m_cycles; }
    const Evaluation &lastEvaluation() const { return m_evaluation; }
    // The state the last cycle decided on (for explanations and tests).
    const AccessState &lastState() const { return m_state; }

public slots:
    // Starts a cycle now; does nothing while one is running or without rules.
    void runOnce();

signals:
    void rulesChanged();
    void rulesRejected(const QString &report);
    void killSwitchChanged(bool engaged);
    void dryRunChanged(bool dryRun);
    void automaticChanged(bool on);
    void busyChanged(bool busy);
    void decisionMade(const bwx::access::Decision &decision, bool dryRun);
    void cycleFinished(const bwx::access::Evaluation &evaluation);
    // Something the operator should see that is not a decision (audit log failures).
    void problem(const QString &message);

private:
    enum class Phase { Idle, Gathering, Candidates, Acting, Cancelling };
    struct Pending
    {
        enum class Kind { Orders, Trades, Members, Quality, Candidates, Action, Cancel };
        Kind kind = Kind::Orders;
        std::string need;
        std::size_t decision = 0;
        std::size_t action = 0; // the action's index, or the cancel's
        std::uint64_t tradeId = 0; // Cancel
    };

    bool applyParsed(const QString &text, const QString &fileName, QString *error);
    void onReceived(quint32 requestId, const proto::Message &message);
    void onFailure(const Pending &pending, proto::ResultCode code, const QString &text);
    void onPhaseTimeout();
    void setPhase(Phase phase);
    bool track(quint32 requestId, Pending pending);
    void startCandidates();
    void startActing();
    void startCancelling();
    void recordCancel(const Pending &pending, proto::ResultCode code, const std::string &message);
    void finish();
    void advanceWhenAnswered();
    void scheduleCycles();
    void audit(const QString &kind, const QString &detail);

    AccessTransport *m_transport;
    std::optional<Rules> m_rules;
    QString m_rulesFile;
    QString m_rulesText;
    bool m_dryRun = true;
    bool m_automatic = false;
    bool m_killSwitch = false;
    bool m_killSwitchSeen = false;
    QString m_defaultStopFile;
    AuditLog *m_audit = nullptr;
    int m_requestTimeoutMs = 10'000;

    QTimer *m_cycleTimer;
    QTimer *m_phaseTimer;
    QElapsedTimer m_lastMessage;
    Phase m_phase = Phase::Idle;
    std::map<quint32, Pending> m_pending;
    Rules m_cycleRules; // the rules of the running cycle: a reload waits for the next one
    AccessState m_state;
    Evaluation m_evaluation;
    QualityTracker m_tracker;
    terminal::ClientOrderIdGenerator m_clientOrderIds;
    quint64 m_cycles = 0;
    // Trades a CancelTrade was sent for in this run, with what became of it: each is sent once,
    // so a refusal is logged with its reason and never retried in a loop.
    std::map<std::uint64_t, std::string> m_cancelsSent;
};

} // namespace bwx::access
