// The access manager's cycle against a scripted exchange: what it asks, what it sends (and
// never sends in a dry run or with the kill switch on), how it records the exchange's answers,
// how it treats silence and refusals, how a broken rules file leaves the rules in force alone,
// and what the audit log holds.
#include "access/accessjson.h"
#include "access/live/accessmanager.h"
#include "access/live/auditlog.h"
#include "scriptedtransport.h"

#include <QFile>
#include <algorithm>
#include <memory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace bwx;
using namespace bwx::access;
using namespace bwx::access::test;

namespace {

// Waiting for an event, never for a fixed time; this only bounds a hang.
constexpr int kWaitMs = 10'000;

const char *const kRulesA = R"(version = 1
mode = "price"

[[group]]
name = "core"

[[group.need]]
name = "eu-cdn"
destination = "203.0.113.0/24"
capacity = 1000
min_block = 100
rolling = "30d"
max_price = "12.50"
)";

// Same need, performance mode with a latency limit: it needs the quality matrix.
const char *const kRulesB = R"(version = 1
mode = "performance"

[[group]]
name = "core"

[[group.need]]
name = "eu-cdn"
destination = "203.0.113.0/24"
capacity = 1000
min_block = 100
rolling = "30d"
max_price = "12.50"
max_latency = "40ms"
)";

const char *const kBroken = R"(version = 1
mode = "price"

[[group]]
name = "core"

[[group.need]]
name = "eu-cdn"
destination = "203.0.113.0/24"
capacity = 1000
rolling = "30 days"
max_price = "12.50"
)";

Timestamp at(const char *text)
{
    return *parseTimestamp(text);
}

proto::Candidate candidate(std::uint64_t id, const char *price, int mbpsLeft, std::uint32_t rank,
                           std::uint32_t latencyUs)
{
    proto::Candidate c;
    c.entry.orderId = OrderId(id);
    c.entry.side = Side::Sell;
    c.entry.prefix = *net::Prefix::parse("203.0.0.0/16");
    c.entry.price = *parsePrice(price);
    c.entry.remaining = mbps(mbpsLeft);
    c.entry.minBlock = mbps(100);
    c.entry.deliveryStart = at("2030-01-01T00:00:00Z");
    c.entry.deliveryEnd = at("2030-06-01T00:00:00Z");
    c.entry.trafficType = TrafficType::BestEffort;
    c.entry.latencyUs = latencyUs;
    c.entry.lossPpm = 100;
    c.entry.distance = 2;
    c.entry.qualityKnown = 1;
    c.entry.createdAt = at("2030-01-10T00:00:00Z") + seconds(static_cast<std::int64_t>(id));
    c.score = c.entry.price.value();
    c.rank = rank;
    return c;
}

// The exchange as most tests want it: no orders or trades yet, two sellers, every order filled.
ScriptedTransport::Script normalExchange()
{
    return [](const proto::Message &m) -> std::optional<proto::Message> {
        if (std::holds_alternative<proto::QueryOrders>(m))
            return proto::OrderList{};
        if (std::holds_alternative<proto::QueryTrades>(m))
            return proto::TradeList{};
        if (std::holds_alternative<proto::QueryMembers>(m))
            return proto::MemberList{};
        if (std::holds_alternative<proto::QueryQualityMatrix>(m)) {
            proto::QualityCell cell;
            cell.seller = MemberId(2);
            cell.destination = *net::Prefix::parse("203.0.113.0/24");
            cell.state = proto::QualityState::Fresh;
            cell.measuredAt = at("2030-01-15T11:58:00Z");
            return proto::QualityMatrix{{cell}};
        }
        if (std::holds_alternative<proto::QueryCandidates>(m))
            return proto::CandidateList{{candidate(11, "9.00", 600, 1, 35'000),
                                         candidate(12, "9.50", 1000, 2, 12'000)}};
        if (const auto *take = std::get_if<proto::TakeOrder>(&m)) {
            proto::OrderView v;
            v.orderId = OrderId(500 + take->sellOrderId.value());
            v.member = MemberId(1);
            v.params = take->params;
            v.status = OrderStatus::Filled;
            v.filled = take->params.capacity;
            return proto::OrderUpdate{v, Seq(7)};
        }
        if (const auto *order = std::get_if<proto::NewOrder>(&m)) {
            proto::OrderView v;
            v.orderId = OrderId(900);
            v.member = MemberId(1);
            v.params = order->params;
            v.remaining = order->params.capacity;
            return proto::OrderUpdate{v, Seq(8)};
        }
        return std::nullopt;
    };
}

} // namespace

class TestAccessManager : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void dryRunSendsNothing();
    void actsAndRecordsTheAnswers();
    void refusedOrderIsRecorded();
    void killSwitchStopsEverything();
    void brokenRulesKeepThePreviousOnes();
    void reloadABAActsTheSame();
    void editorTextIsSavedOnlyWhenValid();
    void linkDownAsksNothing();
    void silentExchangeMeansStale();
    void refusedQualityMatrixBlocksQualityNeeds();
    void auditLogExports();
    void restingFallbackBuyIsPending();
    void nothingIsSentWithoutAnAuditLog();
    void replacementCancelsTheBadTrade_data();
    void replacementCancelsTheBadTrade();

private:
    QString write(const QString &name, const QByteArray &text);
    Evaluation runCycle(AccessManager &manager);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ScriptedTransport> m_transport;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<AccessManager> m_manager;
};

void TestAccessManager::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_transport = std::make_unique<ScriptedTransport>();
    m_transport->clock = at("2030-01-15T12:00:00Z");
    m_transport->script = normalExchange();
    m_audit = std::make_unique<AuditLog>();
    QString error;
    QVERIFY2(m_audit->open(m_dir->filePath(QStringLiteral("audit.jsonl")), &error), qPrintable(error));
    m_manager = std::make_unique<AccessManager>(m_transport.get());
    m_manager->setAuditLog(m_audit.get());
    m_manager->setDefaultStopFile(m_dir->filePath(QStringLiteral("stop")));
    QVERIFY2(m_manager->loadRulesFile(write(QStringLiteral("a.toml"), kRulesA), &error),
             qPrintable(error));
}

QString TestAccessManager::write(const QString &name, const QByteArray &text)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text);
    return path;
}

Evaluation TestAccessManager::runCycle(AccessManager &manager)
{
    QSignalSpy finished(&manager, &AccessManager::cycleFinished);
    manager.runOnce();
    if (finished.isEmpty() && !finished.wait(kWaitMs))
        qFatal("the cycle did not finish");
    return finished.takeFirst().at(0).value<Evaluation>();
}

void TestAccessManager::dryRunSendsNothing()
{
    QVERIFY(m_manager->dryRun()); // the default: nothing is sent until the operator says so
    const Evaluation e = runCycle(*m_manager);
    QCOMPARE(e.decisions.size(), std::size_t(1));
    const Decision &d = e.decisions[0];
    QVERIFY(d.outcome == Outcome::Take);
    QCOMPARE(d.actions.size(), std::size_t(2));
    QCOMPARE(d.results.size(), std::size_t(2));
    for (const ActionResult &r : d.results) {
        QVERIFY(!r.sent);
        QCOMPARE(r.notSentBecause, std::string("dry run"));
    }
    QVERIFY(e.dryRun);
    QCOMPARE(m_transport->count<proto::TakeOrder>(), 0);
    QCOMPARE(m_transport->count<proto::NewOrder>(), 0);
    // What it asked: the member's own state, then the candidates for exactly the need.
    QCOMPARE(m_transport->count<proto::QueryOrders>(), 1);
    QCOMPARE(m_transport->count<proto::QueryTrades>(), 1);
    QCOMPARE(m_transport->count<proto::QueryQualityMatrix>(), 0); // price mode needs no quality
    const auto queries = m_transport->all<proto::QueryCandidates>();
    QCOMPARE(queries.size(), std::size_t(1));
    const proto::OrderParams &q = queries[0].params;
    QCOMPARE(toString(q.destination), std::string("203.0.113.0/24"));
    QCOMPARE(q.capacity, mbps(1000));
    QCOMPARE(q.price, *parsePrice("12.50"));
    QCOMPARE(q.deliveryStart, at("2030-01-15T12:00:00Z"));
    QCOMPARE(q.deliveryEnd, at("2030-02-14T12:00:00Z"));
    QVERIFY(q.ranking == RankingMode::BestPrice);
}

void TestAccessManager::actsAndRecordsTheAnswers()
{
    m_manager->setDryRun(false);
    const Evaluation e = runCycle(*m_manager);
    const auto takes = m_transport->all<proto::TakeOrder>();
    QCOMPARE(takes.size(), std::size_t(2));
    QCOMPARE(takes[0].sellOrderId, OrderId(11));
    QCOMPARE(takes[0].params.capacity, mbps(600));
    QCOMPARE(takes[1].sellOrderId, OrderId(12));
    QCOMPARE(takes[1].params.capacity, mbps(400));
    QVERIFY(takes[0].params.clientOrderId.value() != 0);
    QVERIFY(takes[0].params.clientOrderId != takes[1].params.clientOrderId);
    QVERIFY(takes[0].params.timeInForce == TimeInForce::ImmediateOrCancel);

    const Decision &d = e.decisions[0];
    QVERIFY(!e.dryRun);
    for (std::size_t i = 0; i < 2; ++i) {
        QVERIFY(d.results[i].sent);
        QCOMPARE(d.results[i].clientOrderId, takes[i].params.clientOrderId);
        QVERIFY(d.results[i].order);
        QVERIFY(d.results[i].order->status == OrderStatus::Filled);
        QCOMPARE(d.results[i].order->filled, takes[i].params.capacity);
    }

    QString error;
    const std::vector<Json> records = m_audit->readAll(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const auto decision = std::find_if(records.begin(), records.end(), [](const Json &r) {
        return r["record"] == "decision";
    });
    QVERIFY(decision != records.end());
    QCOMPARE((*decision)["need"].get<std::string>(), std::string("eu-cdn"));
    QCOMPARE((*decision)["dry_run"].get<bool>(), false);
    QCOMPARE((*decision)["actions"][0]["result"]["order"]["status"].get<std::string>(),
             std::string("filled"));
    QCOMPARE((*decision)["candidates"].size(), std::size_t(2));
}

void TestAccessManager::refusedOrderIsRecorded()
{
    const ScriptedTransport::Script normal = normalExchange();
    m_transport->script = [normal](const proto::Message &m) -> std::optional<proto::Message> {
        if (std::holds_alternative<proto::TakeOrder>(m))
            return proto::Result{proto::ResultCode::CapacityNotAvailable, "taken by someone else"};
        return normal(m);
    };
    m_manager->setDryRun(false);
    const Evaluation e = runCycle(*m_manager);
    const ActionResult &r = e.decisions[0].results[0];
    QVERIFY(r.sent);
    QVERIFY(!r.order);
    QVERIFY(r.code == proto::ResultCode::CapacityNotAvailable);
    QCOMPARE(r.message, std::string("taken by someone else"));
}

void TestAccessManager::killSwitchStopsEverything()
{
    m_manager->setDryRun(false);
    QSignalSpy changed(m_manager.get(), &AccessManager::killSwitchChanged);
    m_manager->setKillSwitch(true);
    QCOMPARE(changed.size(), 1);
    QVERIFY(QFile::exists(m_manager->stopFile()));
    Evaluation e = runCycle(*m_manager);
    QVERIFY(e.decisions[0].outcome == Outcome::Blocked);
    QVERIFY(e.decisions[0].blockers.front() == Reason::KillSwitch);
    QCOMPARE(m_transport->count<proto::TakeOrder>(), 0);
    // Every candidate says why it lost.
    for (const CandidateVerdict &v : e.decisions[0].candidates)
        QVERIFY(v.reason == Reason::KillSwitch);

    // Off again: the next cycle acts.
    m_manager->setKillSwitch(false);
    QVERIFY(!QFile::exists(m_manager->stopFile()));
    e = runCycle(*m_manager);
    QCOMPARE(m_transport->count<proto::TakeOrder>(), 2);

    // The file alone is the switch too: a script can pull it.
    write(QStringLiteral("stop"), "from a script\n");
    m_manager->refreshKillSwitch();
    QCOMPARE(changed.size(), 3);
    QVERIFY(m_manager->killSwitchEngaged());
    e = runCycle(*m_manager);
    QVERIFY(e.decisions[0].blockers.front() == Reason::KillSwitch);
    QCOMPARE(m_transport->count<proto::TakeOrder>(), 2);
}

void TestAccessManager::brokenRulesKeepThePreviousOnes()
{
    const Rules before = m_manager->rules();
    QSignalSpy rejected(m_manager.get(), &AccessManager::rulesRejected);
    QString error;
    const QString broken = write(QStringLiteral("broken.toml"), kBroken);
    QVERIFY(!m_manager->loadRulesFile(broken, &error));
    QCOMPARE(error, broken + QStringLiteral(":11:11: group 'core', need 'eu-cdn': rolling: invalid "
                                            "duration '30 days': expected a whole number with a "
                                            "unit (us, ms, s, m, h, d), e.g. \"30s\" or \"7d\""));
    QCOMPARE(rejected.size(), 1);
    QVERIFY(m_manager->rules() == before);
    QVERIFY(m_manager->rulesFile().endsWith(QStringLiteral("a.toml")));
    QVERIFY(!m_manager->loadRulesFile(m_dir->filePath(QStringLiteral("missing.toml")), &error));
    QVERIFY(error.contains(QStringLiteral("cannot read the rules file")));
    QVERIFY(m_manager->rules() == before);
    // And it still decides by them.
    QVERIFY(runCycle(*m_manager).decisions[0].mode == SelectionMode::Price);
}

void TestAccessManager::reloadABAActsTheSame()
{
    QString error;
    const QString a = m_dir->filePath(QStringLiteral("a.toml"));
    const Evaluation first = runCycle(*m_manager);
    QVERIFY(m_manager->loadRulesFile(write(QStringLiteral("b.toml"), kRulesB), &error));
    const Evaluation withB = runCycle(*m_manager);
    QVERIFY(m_manager->loadRulesFile(a, &error));
    const Evaluation again = runCycle(*m_manager);
    QVERIFY(withB.decisions[0].mode == SelectionMode::Performance);
    QCOMPARE(toJson(again).dump(), toJson(first).dump());
}

void TestAccessManager::editorTextIsSavedOnlyWhenValid()
{
    QString error;
    const QString file = m_manager->rulesFile();
    QVERIFY(!m_manager->applyRulesText(QString::fromUtf8(kBroken), &error));
    QVERIFY(error.contains(QStringLiteral(":11:11:")));
    QFile a(file);
    QVERIFY(a.open(QIODevice::ReadOnly));
    QCOMPARE(a.readAll(), QByteArray(kRulesA)); // untouched
    a.close();
    QVERIFY2(m_manager->applyRulesText(QString::fromUtf8(kRulesB), &error), qPrintable(error));
    QVERIFY(a.open(QIODevice::ReadOnly));
    QCOMPARE(a.readAll(), QByteArray(kRulesB));
    QVERIFY(m_manager->rules().mode == SelectionMode::Performance);
}

void TestAccessManager::linkDownAsksNothing()
{
    m_manager->setDryRun(false);
    m_transport->setConnected(false);
    const Evaluation e = runCycle(*m_manager);
    QVERIFY(m_transport->sent.empty());
    QVERIFY(e.decisions[0].outcome == Outcome::Blocked);
    QVERIFY(e.decisions[0].blockers.front() == Reason::LinkDown);
    QVERIFY(QString::fromStdString(e.decisions[0].summary).contains(QStringLiteral("test")));
}

void TestAccessManager::silentExchangeMeansStale()
{
    const ScriptedTransport::Script normal = normalExchange();
    m_transport->script = [normal](const proto::Message &m) -> std::optional<proto::Message> {
        if (std::holds_alternative<proto::QueryCandidates>(m))
            return std::nullopt; // the market data side stopped answering
        return normal(m);
    };
    m_manager->setDryRun(false);
    m_manager->setRequestTimeout(50);
    const Evaluation e = runCycle(*m_manager);
    QVERIFY(e.decisions[0].outcome == Outcome::Blocked);
    QVERIFY(e.decisions[0].blockers.front() == Reason::BookStale);
    QVERIFY(QString::fromStdString(e.decisions[0].summary).contains(QStringLiteral("no answer")));
    QCOMPARE(m_transport->count<proto::TakeOrder>(), 0);
    QCOMPARE(m_transport->count<proto::NewOrder>(), 0);
}

void TestAccessManager::refusedQualityMatrixBlocksQualityNeeds()
{
    QString error;
    QVERIFY(m_manager->loadRulesFile(write(QStringLiteral("b.toml"), kRulesB), &error));
    const ScriptedTransport::Script normal = normalExchange();
    m_transport->script = [normal](const proto::Message &m) -> std::optional<proto::Message> {
        if (std::holds_alternative<proto::QueryQualityMatrix>(m))
            return proto::Result{proto::ResultCode::ServiceUnavailable, "quality is not configured"};
        return normal(m);
    };
    m_manager->setDryRun(false);
    const Evaluation e = runCycle(*m_manager);
    QCOMPARE(m_transport->count<proto::QueryQualityMatrix>(), 1);
    QVERIFY(e.decisions[0].outcome == Outcome::Blocked);
    QVERIFY(e.decisions[0].blockers.front() == Reason::QualityStale);
    QVERIFY(QString::fromStdString(e.decisions[0].summary)
                .contains(QStringLiteral("quality is not configured")));
    QCOMPARE(m_transport->count<proto::TakeOrder>(), 0);
}

void TestAccessManager::auditLogExports()
{
    runCycle(*m_manager);
    m_manager->setKillSwitch(true);
    QString error;
    const std::vector<Json> records = m_audit->readAll(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QStringList kinds;
    for (const Json &r : records)
        kinds << QString::fromStdString(r["record"].get<std::string>());
    QCOMPARE(kinds, QStringList({QStringLiteral("rules-loaded"), QStringLiteral("decision"),
                                 QStringLiteral("kill-switch")}));

    const QByteArray csv = AuditLog::csv(records);
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines.size(), 3); // header, one decision, the empty rest after the last CRLF
    QVERIFY(lines[0].startsWith("time,cycle,dry_run,group,need,mode,outcome"));
    QVERIFY2(lines[1].startsWith("2030-01-15T12:00:00Z,1,true,core,eu-cdn,price,take,,"),
             lines[1].constData());
    QVERIFY(lines[1].contains("take 11 600 Mbps -> not sent (dry run)"));

    const QString jsonFile = m_dir->filePath(QStringLiteral("export.json"));
    QVERIFY2(AuditLog::exportJson(records, jsonFile, &error), qPrintable(error));
    QFile exported(jsonFile);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    const Json array = Json::parse(exported.readAll().toStdString());
    QCOMPARE(array.size(), records.size());

    // A damaged line is reported with its number, not skipped.
    QFile log(m_audit->fileName());
    QVERIFY(log.open(QIODevice::Append));
    log.write("{not json\n");
    log.close();
    QVERIFY(m_audit->readAll(&error).empty());
    QVERIFY2(error.endsWith(QStringLiteral(":4: not a JSON object")), qPrintable(error));
}

// A fallback buy order the manager placed rests on the book: the next cycle reports the need
// pending (0 Mbps covered, the order's capacity pending) and places no second one.
void TestAccessManager::restingFallbackBuyIsPending()
{
    auto resting = std::make_shared<std::vector<proto::OrderView>>();
    const ScriptedTransport::Script normal = normalExchange();
    m_transport->script = [normal,
                           resting](const proto::Message &m) -> std::optional<proto::Message> {
        if (std::holds_alternative<proto::QueryCandidates>(m))
            return proto::CandidateList{}; // nothing to take: the fallback is due
        if (std::holds_alternative<proto::QueryOrders>(m))
            return proto::OrderList{*resting};
        const std::optional<proto::Message> reply = normal(m);
        if (std::holds_alternative<proto::NewOrder>(m) && reply)
            resting->push_back(std::get<proto::OrderUpdate>(*reply).order);
        return reply;
    };
    m_manager->setDryRun(false);
    const Evaluation first = runCycle(*m_manager);
    QCOMPARE(std::string(toString(first.decisions[0].outcome)), std::string("buy-order"));
    QCOMPARE(m_transport->count<proto::NewOrder>(), 1);
    QCOMPARE(resting->size(), std::size_t(1));

    const Evaluation second = runCycle(*m_manager);
    const Decision &d = second.decisions[0];
    QCOMPARE(std::string(toString(d.outcome)), std::string("pending"));
    QCOMPARE(d.covered, Bandwidth{});
    QCOMPARE(d.pending, mbps(1000));
    QVERIFY(d.actions.empty());
    QCOMPARE(m_transport->count<proto::NewOrder>(), 1);
    QCOMPARE(m_transport->count<proto::TakeOrder>(), 0);
    QVERIFY2(QString::fromStdString(d.summary)
                 .startsWith(QStringLiteral("pending: 0 Mbps of 1000 Mbps")),
             d.summary.c_str());
}

// The terminal window acts through the same manager as the headless mode: without an audit log
// it decides and explains, but sends nothing (issue 7: the window used to act unaudited).
void TestAccessManager::nothingIsSentWithoutAnAuditLog()
{
    m_manager->setAuditLog(nullptr);
    m_manager->setDryRun(false);
    QSignalSpy problems(m_manager.get(), &AccessManager::problem);
    const Evaluation e = runCycle(*m_manager);
    const Decision &d = e.decisions[0];
    QVERIFY(d.outcome == Outcome::Take);
    QCOMPARE(d.results.size(), std::size_t(2));
    for (const ActionResult &r : d.results) {
        QVERIFY(!r.sent);
        QCOMPARE(r.notSentBecause, std::string("no audit log"));
    }
    QCOMPARE(m_transport->count<proto::TakeOrder>(), 0);
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.first().first().toString().contains(QStringLiteral("audit log")));

    // With a log again it acts.
    m_manager->setAuditLog(m_audit.get());
    runCycle(*m_manager);
    QCOMPARE(m_transport->count<proto::TakeOrder>(), 2);
}

void TestAccessManager::replacementCancelsTheBadTrade_data()
{
    QTest::addColumn<bool>("dryRun");
    QTest::addColumn<int>("answer"); // the exchange's code for CancelTrade
    QTest::addColumn<int>("cancelsSent");
    QTest::newRow("accepted") << false << int(proto::ResultCode::Ok) << 1;
    QTest::newRow("refused: logged, not retried")
        << false << int(proto::ResultCode::TradeNotCancellable) << 1;
    QTest::newRow("dry run: the replacement is not bought, nothing cancelled")
        << true << int(proto::ResultCode::Ok) << 0;
}

// Trade 36's seller has measured 50 ms for 20 minutes against a 30 ms limit (replace after 15
// minutes): the manager takes sell order 12 in its place and, once that take is filled, cancels
// trade 36 — once: a refusal is recorded with its reason and not sent again next cycle.
void TestAccessManager::replacementCancelsTheBadTrade()
{
    QFETCH(bool, dryRun);
    QFETCH(int, answer);
    QFETCH(int, cancelsSent);
    const char *const rules = R"(version = 1
mode = "price"

[[group]]
name = "core"

[[group.need]]
name = "eu-cdn"
destination = "203.0.113.0/24"
capacity = 1000
min_block = 100
rolling = "30d"
max_price = "12.50"
max_latency = "30ms"
replace_after = "15m"
)";
    QString error;
    QVERIFY2(m_manager->loadRulesFile(write(QStringLiteral("replace.toml"), rules), &error),
             qPrintable(error));
    proto::TradeView bad;
    bad.tradeId = TradeId(36);
    bad.buyer = MemberId(1);
    bad.seller = MemberId(2);
    bad.destination = *parseDestination("203.0.113.0/24");
    bad.price = *parsePrice("9.00");
    bad.capacity = mbps(1000);
    bad.deliveryStart = at("2030-01-01T00:00:00Z");
    bad.deliveryEnd = at("2030-03-01T00:00:00Z");
    bad.state = proto::TradeState::Active;
    const Timestamp measured = m_transport->clock - seconds(20 * 60);
    const auto code = static_cast<proto::ResultCode>(answer);
    const ScriptedTransport::Script normal = normalExchange();
    m_transport->script = [=](const proto::Message &m) -> std::optional<proto::Message> {
        if (std::holds_alternative<proto::QueryTrades>(m))
            return proto::TradeList{{bad}};
        if (std::holds_alternative<proto::QueryQualityMatrix>(m)) {
            proto::QualityCell cell;
            cell.seller = MemberId(2);
            cell.destination = *net::Prefix::parse("203.0.113.0/24");
            cell.state = proto::QualityState::Fresh;
            cell.latencyUs = 50'000;
            cell.measuredAt = measured;
            return proto::QualityMatrix{{cell}};
        }
        if (const auto *cancel = std::get_if<proto::CancelTrade>(&m)) {
            if (code != proto::ResultCode::Ok)
                return proto::Result{code, "the seller's quality meets the limits now"};
            proto::TradeView cancelled = bad;
            cancelled.tradeId = cancel->tradeId;
            cancelled.state = proto::TradeState::Cancelled;
            return proto::TradeUpdate{cancelled, Seq(9)};
        }
        return normal(m);
    };
    m_manager->setDryRun(dryRun);

    const Evaluation first = runCycle(*m_manager);
    const Decision &d = first.decisions[0];
    QCOMPARE(d.replacedTrades, std::vector<TradeId>{TradeId(36)});
    QVERIFY(d.outcome == Outcome::Take);
    QCOMPARE(d.actions.at(0).sellOrderId, OrderId(12)); // 11 is too slow for the limit
    QCOMPARE(m_transport->count<proto::TakeOrder>(), dryRun ? 0 : 1);
    QCOMPARE(m_transport->count<proto::CancelTrade>(), cancelsSent);
    if (dryRun) {
        QVERIFY(d.cancels.empty());
        return;
    }
    // The take went first; the cancel followed its fill.
    const auto take = std::find_if(m_transport->sent.begin(), m_transport->sent.end(),
                                   [](const proto::Message &m) {
                                       return std::holds_alternative<proto::TakeOrder>(m);
                                   });
    const auto cancel = std::find_if(m_transport->sent.begin(), m_transport->sent.end(),
                                     [](const proto::Message &m) {
                                         return std::holds_alternative<proto::CancelTrade>(m);
                                     });
    QVERIFY(take < cancel);
    QCOMPARE(std::get<proto::CancelTrade>(*cancel).tradeId, TradeId(36));
    QCOMPARE(d.cancels.size(), std::size_t(1));
    QVERIFY(d.cancels[0].sent);
    QVERIFY(d.cancels[0].code == code);
    QCOMPARE(d.cancels[0].message, code == proto::ResultCode::Ok
                                       ? std::string("trade cancelled")
                                       : std::string("the seller's quality meets the limits now"));

    // Audited: the decision record carries the cancel and the exchange's answer.
    const std::vector<Json> records = m_audit->readAll(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const Json &record = records.back();
    QCOMPARE(record["record"].get<std::string>(), std::string("decision"));
    QCOMPARE(record["cancels"][0]["trade_id"].get<std::uint64_t>(), std::uint64_t(36));
    QCOMPARE(record["cancels"][0]["result"]["code"].get<std::string>(),
             std::string(proto::name(code)));
    QVERIFY(AuditLog::csv(records).contains("cancel-trade 36 -> "));

    // The next cycle does not send it again, and says why.
    const Evaluation second = runCycle(*m_manager);
    QCOMPARE(m_transport->count<proto::CancelTrade>(), 1);
    const std::vector<TradeCancel> &again = second.decisions[0].cancels;
    QCOMPARE(again.size(), std::size_t(1));
    QVERIFY(!again[0].sent);
    const std::string expected = code == proto::ResultCode::Ok
                                     ? "already cancelled in cycle 1"
                                     : "already refused in cycle 1 (trade_not_cancellable: the "
                                       "seller's quality meets the limits now)";
    QCOMPARE(again[0].notSentBecause, expected);
}

QTEST_GUILESS_MAIN(TestAccessManager)
#include "tst_access_manager.moc"
