#include "access/live/accessmanager.h"

#include "access/accessjson.h"
#include "access/engine.h"
#include "access/live/accesstransport.h"
#include "access/live/auditlog.h"
#include "access/rulesparser.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <set>

namespace bwx::access {

namespace {

// The exchange answers at most this many trades per query (bwxd's kMaxTradesPerQuery).
constexpr std::uint32_t kTradeQueryLimit = 10'000;

template<class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template<class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

AccessManager::AccessManager(AccessTransport *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_defaultStopFile(standardStopFile())
    , m_cycleTimer(new QTimer(this))
    , m_phaseTimer(new QTimer(this))
{
    m_phaseTimer->setSingleShot(true);
    connect(m_phaseTimer, &QTimer::timeout, this, &AccessManager::onPhaseTimeout);
    connect(m_cycleTimer, &QTimer::timeout, this, &AccessManager::runOnce);
    connect(m_transport, &AccessTransport::received, this, &AccessManager::onReceived);
    connect(m_transport, &AccessTransport::connectedChanged, this, [this](bool connected) {
        m_lastMessage.start();
        // Coming back is a good moment to look: the link-down decisions are out of date.
        if (connected && m_automatic)
            QTimer::singleShot(0, this, &AccessManager::runOnce);
    });
}

AccessManager::~AccessManager() = default;

QString AccessManager::standardStopFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/access-manager.stop");
}

// ---- rules ----

bool AccessManager::loadRulesFile(const QString &fileName, QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot read the rules file: %2").arg(fileName, file.errorString());
        emit rulesRejected(*error);
        audit(QStringLiteral("rules-rejected"), *error);
        return false;
    }
    return applyParsed(QString::fromUtf8(file.readAll()), fileName, error);
}

bool AccessManager::applyRulesText(const QString &text, QString *error)
{
    const RulesParseResult parsed = parseRules(text.toStdString());
    const QString name = m_rulesFile.isEmpty() ? QStringLiteral("rules") : m_rulesFile;
    if (!parsed.ok()) {
        *error = qs(parsed.report(name.toStdString()));
        emit rulesRejected(*error);
        audit(QStringLiteral("rules-rejected"), *error);
        return false;
    }
    if (!m_rulesFile.isEmpty()) {
        QDir().mkpath(QFileInfo(m_rulesFile).absolutePath());
        QSaveFile file(m_rulesFile);
        const QByteArray bytes = text.toUtf8();
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            *error = QStringLiteral("%1: cannot save the rules: %2").arg(m_rulesFile, file.errorString());
            return false;
        }
    }
    return applyParsed(text, m_rulesFile, error);
}

bool AccessManager::applyParsed(const QString &text, const QString &fileName, QString *error)
{
    const RulesParseResult parsed = parseRules(text.toStdString());
    if (!parsed.ok()) {
        *error = qs(parsed.report(fileName.toStdString()));
        emit rulesRejected(*error);
        audit(QStringLiteral("rules-rejected"), *error);
        return false;
    }
    const bool killBefore = killSwitchEngaged();
    m_rules = *parsed.rules;
    m_rulesFile = fileName;
    m_rulesText = text;
    audit(QStringLiteral("rules-loaded"), fileName);
    scheduleCycles();
    emit rulesChanged();
    // The rules may name another stop file.
    if (killSwitchEngaged() != killBefore)
        emit killSwitchChanged(killSwitchEngaged());
    return true;
}

// ---- modes ----

void AccessManager::setDryRun(bool dryRun)
{
    if (m_dryRun == dryRun)
        return;
    m_dryRun = dryRun;
    audit(QStringLiteral("dry-run"), dryRun ? QStringLiteral("on") : QStringLiteral("off"));
    emit dryRunChanged(dryRun);
}

void AccessManager::setAutomatic(bool on)
{
    if (m_automatic == on)
        return;
    m_automatic = on;
    audit(QStringLiteral("automatic"), on ? QStringLiteral("on") : QStringLiteral("off"));
    scheduleCycles();
    emit automaticChanged(on);
    if (on)
        QTimer::singleShot(0, this, &AccessManager::runOnce);
}

void AccessManager::scheduleCycles()
{
    if (!m_automatic || !m_rules) {
        m_cycleTimer->stop();
        return;
    }
    const qint64 ms = m_rules->evaluateEvery.value() / 1'000'000;
    m_cycleTimer->start(static_cast<int>(std::min<qint64>(ms, 24LL * 3600 * 1000)));
}

QString AccessManager::stopFile() const
{
    if (m_rules && !m_rules->safety.stopFile.empty())
        return qs(m_rules->safety.stopFile);
    return m_defaultStopFile;
}

bool AccessManager::killSwitchEngaged() const
{
    return m_killSwitch || QFileInfo::exists(stopFile());
}

void AccessManager::setKillSwitch(bool engaged)
{
    const QString file = stopFile();
    if (engaged) {
        m_killSwitch = true;
        QDir().mkpath(QFileInfo(file).absolutePath());
        QFile stop(file);
        // The in-memory switch holds even if the file cannot be written; say so.
        if (stop.open(QIODevice::WriteOnly | QIODevice::Truncate))
            stop.write(QStringLiteral("stopped at %1\n")
                           .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
                           .toUtf8());
        else
            emit problem(QStringLiteral("The kill switch is on, but %1 could not be written: %2")
                             .arg(file, stop.errorString()));
    } else {
        m_killSwitch = false;
        if (QFileInfo::exists(file) && !QFile::remove(file))
            emit problem(QStringLiteral("Cannot remove %1: the kill switch stays on").arg(file));
    }
    audit(QStringLiteral("kill-switch"), killSwitchEngaged() ? QStringLiteral("on")
                                                             : QStringLiteral("off"));
    m_killSwitchSeen = killSwitchEngaged();
    emit killSwitchChanged(m_killSwitchSeen);
}

void AccessManager::refreshKillSwitch()
{
    const bool engaged = killSwitchEngaged();
    if (engaged == m_killSwitchSeen)
        return;
    m_killSwitchSeen = engaged;
    audit(QStringLiteral("kill-switch"),
          (engaged ? QStringLiteral("on (%1 appeared)") : QStringLiteral("off (%1 removed)"))
              .arg(stopFile()));
    emit killSwitchChanged(engaged);
}

void AccessManager::audit(const QString &kind, const QString &detail)
{
    if (!m_audit || !m_audit->isOpen())
        return;
    if (!m_audit->appendEvent(kind, m_transport->now(), detail))
        emit problem(m_audit->lastError());
}

// ---- the cycle ----

void AccessManager::setPhase(Phase phase)
{
    const bool wasBusy = isBusy();
    m_phase = phase;
    if (wasBusy != isBusy())
        emit busyChanged(isBusy());
}

bool AccessManager::track(quint32 requestId, Pending pending)
{
    if (requestId == 0)
        return false;
    m_pending.emplace(requestId, std::move(pending));
    return true;
}

void AccessManager::runOnce()
{
    if (isBusy() || !m_rules)
        return;
    refreshKillSwitch();
    ++m_cycles;
    m_cycleRules = *m_rules;
    m_pending.clear();
    m_state = AccessState{};
    m_state.now = m_transport->now();
    m_state.self = m_transport->self();
    m_state.link.connected = m_transport->isConnected();
    m_state.link.silence = m_lastMessage.isValid()
                               ? Duration(m_lastMessage.nsecsElapsed())
                               : Duration{};
    if (!m_state.link.connected)
        m_state.link.detail = m_transport->linkDetail().toStdString();
    m_state.killSwitch = killSwitchEngaged();
    setPhase(Phase::Gathering);
    if (!m_state.link.connected) {
        startActing();
        return;
    }

    bool sent = track(m_transport->send(proto::QueryOrders{1}), {Pending::Kind::Orders});
    sent = sent
           && track(m_transport->send(proto::QueryTrades{Timestamp{}, kTradeQueryLimit}),
                    {Pending::Kind::Trades});
    sent = sent && track(m_transport->send(proto::QueryMembers{}), {Pending::Kind::Members});
    // The quality matrix only when a need decides on quality: an exchange without the quality
    // service would otherwise refuse it every cycle for nothing.
    std::set<net::Prefix> prefixes;
    bool wantQuality = false;
    for (const Group &group : m_cycleRules.groups) {
        for (const Need &need : group.needs) {
            if (!usesQuality(m_cycleRules, group, need))
                continue;
            wantQuality = true;
            if (need.destination.isPrefix())
                prefixes.insert(need.destination.prefix);
        }
    }
    if (sent && wantQuality) {
        proto::QueryQualityMatrix query;
        query.destinations.assign(prefixes.begin(), prefixes.end());
        sent = track(m_transport->send(query), {Pending::Kind::Quality});
    }
    if (!sent) {
        // The session went away between the check and the send.
        m_pending.clear();
        m_state.link.connected = false;
        m_state.link.detail = m_transport->linkDetail().toStdString();
        startActing();
        return;
    }
    m_phaseTimer->start(m_requestTimeoutMs);
}

void AccessManager::onReceived(quint32 requestId, const proto::Message &message)
{
    m_lastMessage.start();
    if (requestId == 0)
        return;
    const auto it = m_pending.find(requestId);
    if (it == m_pending.end())
        return;
    const Pending pending = it->second;
    m_pending.erase(it);

    if (const auto *result = std::get_if<proto::Result>(&message)) {
        if (pending.kind == Pending::Kind::Cancel)
            recordCancel(pending, result->code, result->message);
        else if (result->code != proto::ResultCode::Ok)
            onFailure(pending, result->code, qs(result->message));
        advanceWhenAnswered();
        return;
    }
    std::visit(Overloaded{
                   [&](const proto::OrderList &m) { m_state.orders = m.orders; },
                   [&](const proto::TradeList &m) { m_state.trades = m.trades; },
                   [&](const proto::MemberList &m) {
                       for (const proto::MemberView &member : m.members) {
                           if (member.id == m_state.self)
                               m_state.memberLimits = member.limits;
                       }
                   },
                   [&](const proto::QualityMatrix &m) {
                       m_state.quality.received = true;
                       m_state.quality.receivedAt = m_transport->now();
                       m_state.quality.cells = m.cells;
                   },
                   [&](const proto::CandidateList &m) {
                       CandidateSnapshot &s = m_state.candidates[pending.need];
                       s.receivedAt = m_transport->now();
                       s.candidates = m.candidates;
                   },
                   [&](const proto::TradeUpdate &m) {
                       if (pending.kind == Pending::Kind::Cancel)
                           recordCancel(pending, proto::ResultCode::Ok,
                                        "trade " + std::string(tradeStateName(m.trade.state)));
                   },
                   [&](const proto::OrderUpdate &m) {
                       if (pending.kind != Pending::Kind::Action)
                           return;
                       ActionResult &r = m_evaluation.decisions[pending.decision]
                                             .results[pending.action];
                       r.code = proto::ResultCode::Ok;
                       r.order = m.order;
                       r.answeredAt = m_transport->now();
                   },
                   [](const auto &) {},
               },
               message);
    advanceWhenAnswered();
}

void AccessManager::onFailure(const Pending &pending, proto::ResultCode code, const QString &text)
{
    const std::string what = text.isEmpty() ? std::string(proto::describe(code)) : text.toStdString();
    switch (pending.kind) {
    case Pending::Kind::Orders:
    case Pending::Kind::Trades:
        // Without the member's own orders and trades nothing can be decided safely.
        m_state.link.connected = false;
        m_state.link.detail = "the exchange did not give the member's "
                              + std::string(pending.kind == Pending::Kind::Orders ? "orders"
                                                                                   : "trades")
                              + ": " + what;
        break;
    case Pending::Kind::Members:
        break; // the limits are a courtesy check; the exchange enforces them anyway
    case Pending::Kind::Quality:
        m_state.quality.error = code;
        m_state.quality.errorText = what;
        break;
    case Pending::Kind::Candidates: {
        CandidateSnapshot &s = m_state.candidates[pending.need];
        s.error = code;
        s.errorText = what;
        s.receivedAt = m_transport->now();
        break;
    }
    case Pending::Kind::Action: {
        ActionResult &r = m_evaluation.decisions[pending.decision].results[pending.action];
        r.code = code;
        r.message = what;
        r.answeredAt = m_transport->now();
        break;
    }
    case Pending::Kind::Cancel:
        recordCancel(pending, code, what);
        break;
    }
}

void AccessManager::recordCancel(const Pending &pending, proto::ResultCode code,
                                 const std::string &message)
{
    TradeCancel &c = m_evaluation.decisions[pending.decision].cancels[pending.action];
    c.code = code;
    c.message = message;
    c.answeredAt = m_transport->now();
    m_cancelsSent[pending.tradeId]
        = (code == proto::ResultCode::Ok ? "cancelled in cycle " : "refused in cycle ")
          + std::to_string(m_cycles)
          + (code == proto::ResultCode::Ok
                 ? std::string()
                 : " (" + std::string(proto::name(code))
                       + (message.empty() ? std::string() : ": " + message) + ")");
}

void AccessManager::onPhaseTimeout()
{
    const std::string why = "no answer within " + std::to_string(m_requestTimeoutMs / 1000) + " s";
    for (const auto &[id, pending] : m_pending) {
        switch (pending.kind) {
        case Pending::Kind::Orders:
        case Pending::Kind::Trades:
            m_state.link.connected = false;
            m_state.link.detail = "the exchange did not answer: " + why;
            break;
        case Pending::Kind::Members:
            break;
        case Pending::Kind::Quality:
            m_state.quality.errorText = why;
            break;
        case Pending::Kind::Candidates:
            // Not received: the engine treats the need's book as stale.
            m_state.candidates[pending.need].errorText = why;
            break;
        case Pending::Kind::Action:
            m_evaluation.decisions[pending.decision].results[pending.action].message
                = why + " (the order may still have reached the exchange; the next cycle sees it)";
            break;
        case Pending::Kind::Cancel:
            m_evaluation.decisions[pending.decision].cancels[pending.action].message = why;
            m_cancelsSent[pending.tradeId] = "sent in cycle " + std::to_string(m_cycles)
                                             + ", not answered within the time limit";
            break;
        }
    }
    m_pending.clear();
    advanceWhenAnswered();
}

void AccessManager::advanceWhenAnswered()
{
    if (!m_pending.empty())
        return;
    m_phaseTimer->stop();
    switch (m_phase) {
    case Phase::Gathering:
        startCandidates();
        return;
    case Phase::Candidates:
        startActing();
        return;
    case Phase::Acting:
        startCancelling();
        return;
    case Phase::Cancelling:
        finish();
        return;
    case Phase::Idle:
        return;
    }
}

void AccessManager::startCandidates()
{
    setPhase(Phase::Candidates);
    m_tracker.observe(m_cycleRules, m_state);
    m_state.badQualitySince = m_tracker.badSince();
    if (m_state.link.connected) {
        const Evaluation first = evaluate(m_cycleRules, m_state);
        for (const Decision &d : first.decisions) {
            if (d.outcome != Outcome::NeedsCandidates || !d.query)
                continue;
            if (!track(m_transport->send(proto::QueryCandidates{*d.query}),
                       {Pending::Kind::Candidates, d.need})) {
                m_state.link.connected = false;
                m_state.link.detail = m_transport->linkDetail().toStdString();
                break;
            }
        }
    }
    if (m_pending.empty()) {
        startActing();
        return;
    }
    m_phaseTimer->start(m_requestTimeoutMs);
}

void AccessManager::startActing()
{
    setPhase(Phase::Acting);
    m_state.now = m_transport->now();
    if (m_state.link.connected && m_lastMessage.isValid())
        m_state.link.silence = Duration(m_lastMessage.nsecsElapsed());
    m_state.killSwitch = m_state.killSwitch || killSwitchEngaged();
    m_evaluation = evaluate(m_cycleRules, m_state);
    m_evaluation.dryRun = m_dryRun;
    // Nothing is sent that could not be audited: the window and the headless mode alike.
    const bool audited = m_audit && m_audit->isOpen();
    bool reportedUnaudited = false;
    for (std::size_t i = 0; i < m_evaluation.decisions.size(); ++i) {
        Decision &d = m_evaluation.decisions[i];
        d.results.resize(d.actions.size());
        for (std::size_t a = 0; a < d.actions.size(); ++a) {
            ActionResult &r = d.results[a];
            // Checked again for every order: the switch may have been pulled a moment ago.
            if (m_dryRun) {
                r.notSentBecause = "dry run";
                continue;
            }
            if (killSwitchEngaged()) {
                r.notSentBecause = "kill switch";
                continue;
            }
            if (!audited) {
                r.notSentBecause = "no audit log";
                if (!reportedUnaudited)
                    emit problem(tr("nothing is sent without an audit log (%1)")
                                     .arg(m_audit ? m_audit->lastError() : tr("none is open")));
                reportedUnaudited = true;
                continue;
            }
            const Action &action = d.actions[a];
            proto::OrderParams params = action.params;
            params.clientOrderId = m_clientOrderIds.next(QDateTime::currentMSecsSinceEpoch());
            const proto::Message request
                = action.kind == Action::Kind::Take
                      ? proto::Message(proto::TakeOrder{params, action.sellOrderId})
                      : proto::Message(proto::NewOrder{params});
            const quint32 id = m_transport->send(request);
            if (id == 0) {
                r.notSentBecause = "not connected";
                continue;
            }
            r.sent = true;
            r.clientOrderId = params.clientOrderId;
            track(id, {Pending::Kind::Action, {}, i, a});
        }
    }
    if (m_pending.empty()) {
        finish();
        return;
    }
    m_phaseTimer->start(m_requestTimeoutMs);
}

// Replacement buys capacity in place of a trade whose quality stayed beyond the limits; once
// that capacity is in force — every take of this cycle filled, or the need covered without the
// trade — the bad trade is cancelled, so it is no longer paid for.
void AccessManager::startCancelling()
{
    setPhase(Phase::Cancelling);
    const bool audited = m_audit && m_audit->isOpen();
    for (std::size_t i = 0; i < m_evaluation.decisions.size(); ++i) {
        Decision &d = m_evaluation.decisions[i];
        if (d.replacedTrades.empty())
            continue;
        bool inForce = d.outcome == Outcome::Covered;
        if (d.outcome == Outcome::Take) {
            inForce = d.results.size() == d.actions.size();
            for (const ActionResult &r : d.results)
                inForce = inForce && r.order && r.order->status == OrderStatus::Filled;
        }
        if (!inForce)
            continue;
        for (const TradeId trade : d.replacedTrades) {
            TradeCancel c;
            c.tradeId = trade;
            const auto earlier = m_cancelsSent.find(trade.value());
            if (m_dryRun) {
                c.notSentBecause = "dry run";
            } else if (killSwitchEngaged()) {
                c.notSentBecause = "kill switch";
            } else if (!audited) {
                c.notSentBecause = "no audit log";
            } else if (earlier != m_cancelsSent.end()) {
                c.notSentBecause = "already " + earlier->second;
            } else {
                const quint32 id = m_transport->send(proto::CancelTrade{trade});
                if (id == 0) {
                    c.notSentBecause = "not connected";
                } else {
                    c.sent = true;
                    m_cancelsSent[trade.value()] = "sent in cycle " + std::to_string(m_cycles);
                    track(id, {Pending::Kind::Cancel, {}, i, d.cancels.size(), trade.value()});
                }
            }
            d.cancels.push_back(c);
        }
    }
    if (m_pending.empty()) {
        finish();
        return;
    }
    m_phaseTimer->start(m_requestTimeoutMs);
}

void AccessManager::finish()
{
    m_phaseTimer->stop();
    for (const Decision &d : m_evaluation.decisions) {
        if (m_audit && m_audit->isOpen() && !m_audit->appendDecision(d, m_dryRun, m_cycles))
            emit problem(m_audit->lastError());
    }
    setPhase(Phase::Idle);
    for (const Decision &d : m_evaluation.decisions)
        emit decisionMade(d, m_dryRun);
    emit cycleFinished(m_evaluation);
}

} // namespace bwx::access
