// The engine on recorded states: every directory under tests/data/access/cases holds a rules
// file, a state (what the exchange said: orders, trades, candidate lists, quality) and the
// decisions expected from them, in JSON. Then the pieces the decisions are made of: coverage
// and periods, the local ranking's total order, the monthly spend ledger, the quality tracker,
// and reloading rules A -> B -> A.
//
// BWX_UPDATE_GOLDEN=1 rewrites expected.json from what the engine decides (review the diff!).
#include "access/accessjson.h"
#include "access/coverage.h"
#include "access/engine.h"
#include "access/qualitytracker.h"
#include "access/ranking.h"
#include "access/rulesparser.h"
#include "access/spendledger.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace bwx;
using namespace bwx::access;

namespace {

// The golden cases are found without any environment: the path is compiled in, so running the
// executable by hand works as well as under CTest. BWX_SOURCE_DIR, when set, points at another
// checkout.
QString casesDir()
{
    const QString source = qEnvironmentVariable("BWX_SOURCE_DIR");
    return (source.isEmpty() ? QStringLiteral(BWX_ACCESS_SOURCE_DIR) : source)
           + QStringLiteral("/tests/data/access/cases");
}

// Missing or broken inputs fail the test with the reason; they never abort the run.
bool readFile(const QString &path, QByteArray *bytes, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    *bytes = file.readAll();
    return true;
}

bool rulesFrom(const QString &path, Rules *rules, QString *error)
{
    QByteArray bytes;
    if (!readFile(path, &bytes, error))
        return false;
    const RulesParseResult result = parseRules(bytes.toStdString());
    if (!result.ok()) {
        *error = QString::fromStdString(result.report(path.toStdString()));
        return false;
    }
    *rules = *result.rules;
    return true;
}

bool stateFrom(const QString &path, AccessState *state, QString *error)
{
    QByteArray bytes;
    if (!readFile(path, &bytes, error))
        return false;
    const Json json = Json::parse(bytes.toStdString(), nullptr, false);
    if (json.is_discarded()) {
        *error = path + QStringLiteral(": not JSON");
        return false;
    }
    const auto parsed = stateFromJson(json);
    if (!parsed) {
        *error = path + QStringLiteral(": ") + QString::fromStdString(parsed.error());
        return false;
    }
    *state = *parsed;
    return true;
}

Timestamp at(const char *text)
{
    return *parseTimestamp(text);
}

Need rollingNeed(std::int64_t capacityMbps, Duration length, Duration renewBefore)
{
    Need need;
    need.name = std::string(1, 'n'); // not a literal: GCC 12 -Wrestrict false positive
    need.destination = *parseDestination("203.0.113.0/24");
    need.capacity = mbps(capacityMbps);
    need.period.kind = PeriodRule::Kind::Rolling;
    need.period.length = length;
    need.renewBefore = renewBefore;
    need.maxPrice = Price(10'000'000);
    return need;
}

Commitment trade(std::uint64_t id, const char *start, const char *end, std::int64_t capacityMbps)
{
    return {Commitment::Kind::Trade, id, at(start), at(end), mbps(capacityMbps), Price(1), true};
}

proto::BookEntry sell(std::uint64_t id, const char *price, std::uint32_t latencyUs,
                      std::uint32_t lossPpm, std::uint8_t distance, const char *createdAt,
                      bool measured = true)
{
    proto::BookEntry e;
    e.orderId = OrderId(id);
    e.side = Side::Sell;
    e.price = *parsePrice(price);
    e.remaining = mbps(1000);
    e.minBlock = mbps(100);
    e.latencyUs = latencyUs;
    e.lossPpm = lossPpm;
    e.distance = distance;
    e.qualityKnown = measured ? 1 : 0;
    e.createdAt = at(createdAt);
    return e;
}

// A sell of 1000 Mbps at 9.00 toward 203.0.113.0/24 in blocks of 100, measured good, listed by
// the exchange at rank 1.
proto::Candidate sellCandidate(std::uint64_t id, std::uint8_t distance)
{
    proto::Candidate c;
    c.entry = sell(id, "9.00", 10'000, 100, distance, "2030-01-01T00:00:00Z");
    c.entry.prefix = *net::Prefix::parse("203.0.113.0/24");
    c.entry.deliveryStart = at("2030-01-01T00:00:00Z");
    c.entry.deliveryEnd = at("2030-06-01T00:00:00Z");
    c.entry.trafficType = TrafficType::BestEffort;
    c.rank = 1;
    c.score = c.entry.price.value();
    return c;
}

// Connected, just heard from the exchange, the candidate list for `need` fresh; no quality
// matrix.
AccessState connectedState(const std::string &need, std::vector<proto::Candidate> candidates)
{
    AccessState state;
    state.now = at("2030-01-15T12:00:00Z");
    state.self = MemberId(1);
    state.link.connected = true;
    CandidateSnapshot &snapshot = state.candidates[need];
    snapshot.receivedAt = state.now;
    snapshot.candidates = std::move(candidates);
    return state;
}

proto::TradeView buyTrade(std::uint64_t id, int capacityMbps, Timestamp start, Timestamp end)
{
    proto::TradeView t;
    t.tradeId = TradeId(id);
    t.buyer = MemberId(1);
    t.seller = MemberId(2);
    t.destination = *parseDestination("203.0.113.0/24");
    t.price = *parsePrice("9.00");
    t.capacity = mbps(capacityMbps);
    t.deliveryStart = start;
    t.deliveryEnd = end;
    t.state = proto::TradeState::Active;
    return t;
}

proto::OrderView restingBuy(std::uint64_t id, int capacityMbps)
{
    proto::OrderView o;
    o.orderId = OrderId(id);
    o.member = MemberId(1);
    o.params.side = Side::Buy;
    o.params.type = OrderType::Limit;
    o.params.timeInForce = TimeInForce::GoodTillDate;
    o.params.destination = *parseDestination("203.0.113.0/24");
    o.params.price = *parsePrice("10");
    o.params.capacity = mbps(capacityMbps);
    o.params.minBlock = mbps(100);
    o.params.deliveryStart = at("2030-01-15T12:00:00Z");
    o.params.deliveryEnd = at("2030-02-14T12:00:00Z");
    o.status = OrderStatus::Working;
    o.remaining = mbps(capacityMbps);
    return o;
}

} // namespace

class TestAccessEngine : public QObject
{
    Q_OBJECT

private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("directory");
        const QDir cases(casesDir());
        const QStringList names = cases.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY2(names.size() >= 10, qPrintable(cases.path()));
        for (const QString &name : names)
            QTest::newRow(qPrintable(name)) << cases.filePath(name);
    }

    void golden()
    {
        QFETCH(QString, directory);
        Rules rules;
        AccessState state;
        QString error;
        QVERIFY2(rulesFrom(directory + QStringLiteral("/rules.toml"), &rules, &error),
                 qPrintable(error));
        QVERIFY2(stateFrom(directory + QStringLiteral("/state.json"), &state, &error),
                 qPrintable(error));
        const Json actual = toJson(evaluate(rules, state));
        const QString expectedPath = directory + QStringLiteral("/expected.json");
        if (qEnvironmentVariableIsSet("BWX_UPDATE_GOLDEN")) {
            QFile out(expectedPath);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(QByteArray::fromStdString(actual.dump(2) + "\n"));
        }
        QByteArray expectedBytes;
        QVERIFY2(readFile(expectedPath, &expectedBytes, &error), qPrintable(error));
        const Json expected = Json::parse(expectedBytes.toStdString(), nullptr, false);
        QVERIFY2(!expected.is_discarded(), qPrintable(expectedPath + QStringLiteral(": not JSON")));
        if (actual != expected) {
            const QString actualPath = QDir::temp().filePath(
                QStringLiteral("access-%1-actual.json").arg(QDir(directory).dirName()));
            QFile out(actualPath);
            if (out.open(QIODevice::WriteOnly | QIODevice::Truncate))
                out.write(QByteArray::fromStdString(actual.dump(2) + "\n"));
            QFAIL(qPrintable(QStringLiteral("decisions differ from %1; the engine's are in %2")
                                 .arg(expectedPath, actualPath)));
        }
        // The recorded state survives its own JSON form, so the golden inputs are exact.
        const auto again = stateFromJson(Json::parse(toJson(state).dump()));
        QVERIFY2(again, again ? "" : again.error().c_str());
        QVERIFY(*again == state);
    }

    void sameInputsSameDecisions()
    {
        const QString directory = casesDir() + QStringLiteral("/price-mode-takes-cheapest");
        Rules rules;
        AccessState state;
        QString error;
        QVERIFY2(rulesFrom(directory + QStringLiteral("/rules.toml"), &rules, &error),
                 qPrintable(error));
        QVERIFY2(stateFrom(directory + QStringLiteral("/state.json"), &state, &error),
                 qPrintable(error));
        QCOMPARE(evaluate(rules, state), evaluate(rules, state));
    }

    // Reloading rules A, then B, then A again decides exactly as A did the first time: the
    // engine keeps nothing from one set of rules to the next.
    void reloadABA()
    {
        const QString dir = casesDir();
        Rules a, b;
        AccessState state;
        QString error;
        QVERIFY2(rulesFrom(dir + QStringLiteral("/price-mode-takes-cheapest/rules.toml"), &a,
                           &error),
                 qPrintable(error));
        QVERIFY2(rulesFrom(dir + QStringLiteral("/performance-mode-takes-fastest/rules.toml"), &b,
                           &error),
                 qPrintable(error));
        QVERIFY2(stateFrom(dir + QStringLiteral("/price-mode-takes-cheapest/state.json"), &state,
                           &error),
                 qPrintable(error));
        const Evaluation first = evaluate(a, state);
        const Evaluation withB = evaluate(b, state);
        const Evaluation second = evaluate(a, state);
        QVERIFY(!(first == withB));
        QCOMPARE(toJson(second).dump(), toJson(first).dump());
        QVERIFY(second == first);
    }

    void gaps_data()
    {
        QTest::addColumn<QString>("now");
        QTest::addColumn<qint64>("renewHours");
        QTest::addColumn<QString>("gapStart");  // empty: covered
        QTest::addColumn<QString>("purchaseEnd");
        QTest::addColumn<int>("coveredMbps");

        // One trade of 1000 Mbps from 01-01 to 01-31 and one of 400 Mbps from 01-31 to 02-10.
        QTest::newRow("covered now, no lead") << "2030-01-10T00:00:00Z" << qint64(0) << ""
                                              << "" << 0;
        QTest::newRow("lead reaches the drop")
            << "2030-01-25T00:00:00Z" << qint64(7 * 24) << "2030-01-31T00:00:00Z"
            << "2030-03-02T00:00:00Z" << 400;
        QTest::newRow("lead stops short of the drop")
            << "2030-01-20T00:00:00Z" << qint64(7 * 24) << "" << "" << 0;
        QTest::newRow("partly covered now")
            << "2030-02-01T00:00:00Z" << qint64(0) << "2030-02-01T00:00:00Z"
            << "2030-03-03T00:00:00Z" << 400;
        QTest::newRow("nothing after the last trade")
            << "2030-02-10T00:00:00Z" << qint64(0) << "2030-02-10T00:00:00Z"
            << "2030-03-12T00:00:00Z" << 0;
        QTest::newRow("fractional now rounds up to the second")
            << "2030-02-10T00:00:00.250000000Z" << qint64(0) << "2030-02-10T00:00:01Z"
            << "2030-03-12T00:00:01Z" << 0;
    }

    void gaps()
    {
        QFETCH(QString, now);
        QFETCH(qint64, renewHours);
        QFETCH(QString, gapStart);
        QFETCH(QString, purchaseEnd);
        QFETCH(int, coveredMbps);
        const Need need = rollingNeed(1000, seconds(30 * 86400), seconds(renewHours * 3600));
        const std::vector<Commitment> trades{
            trade(1, "2030-01-01T00:00:00Z", "2030-01-31T00:00:00Z", 1000),
            trade(2, "2030-01-31T00:00:00Z", "2030-02-10T00:00:00Z", 400)};
        const auto gap = firstGap(need, targetsFor(need, at(now.toLatin1().constData())), trades);
        if (gapStart.isEmpty()) {
            QVERIFY(!gap);
            return;
        }
        QVERIFY(gap);
        QCOMPARE(QString::fromStdString(formatTimestamp(gap->start)), gapStart);
        QCOMPARE(QString::fromStdString(formatTimestamp(gap->purchaseEnd)), purchaseEnd);
        QCOMPARE(gap->covered, mbps(coveredMbps));
    }

    void fixedPeriodRenews_data()
    {
        QTest::addColumn<QString>("now");
        QTest::addColumn<int>("targets");
        QTest::addColumn<QString>("lastEnd");
        // A 10-day period from 01-01 renewing 2 days before its end.
        QTest::newRow("before the period") << "2029-12-20T00:00:00Z" << 1
                                           << "2030-01-11T00:00:00Z";
        QTest::newRow("inside, before the lead") << "2030-01-05T00:00:00Z" << 1
                                                 << "2030-01-11T00:00:00Z";
        QTest::newRow("inside the lead") << "2030-01-09T00:00:00Z" << 2 << "2030-01-21T00:00:00Z";
        QTest::newRow("second period") << "2030-01-12T00:00:00Z" << 1 << "2030-01-21T00:00:00Z";
    }

    void fixedPeriodRenews()
    {
        QFETCH(QString, now);
        QFETCH(int, targets);
        QFETCH(QString, lastEnd);
        Need need = rollingNeed(100, Duration{}, seconds(2 * 86400));
        need.period.kind = PeriodRule::Kind::Fixed;
        need.period.start = at("2030-01-01T00:00:00Z");
        need.period.end = at("2030-01-11T00:00:00Z");
        const auto list = targetsFor(need, at(now.toLatin1().constData()));
        QCOMPARE(int(list.size()), targets);
        QCOMPARE(QString::fromStdString(formatTimestamp(list.back().end)), lastEnd);
        QCOMPARE(list.back().renewal, targets == 2);
        need.renewBefore = Duration{};
        QVERIFY(targetsFor(need, at("2030-01-11T00:00:00Z")).empty());
    }

    void ranking_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("order");
        // 1: cheap and slow, 2: dear and fast, 3: middle, 4: same price as 1 but later,
        // 5: unmeasured and cheapest.
        QTest::newRow("price, time priority breaks the tie")
            << int(SelectionMode::Price) << "5 1 4 3 2";
        QTest::newRow("performance, unmeasured last") << int(SelectionMode::Performance)
                                                      << "2 3 4 1 5";
        // Unmeasured quality counts as the worst, but price weighs most here.
        QTest::newRow("weighted, price-heavy") << int(SelectionMode::Weighted) << "5 4 1 3 2";
    }

    void ranking()
    {
        QFETCH(int, mode);
        QFETCH(QString, order);
        const std::vector<proto::BookEntry> entries{
            sell(1, "8.00", 40'000, 1000, 4, "2030-01-01T00:00:01Z"),
            sell(2, "12.00", 5'000, 100, 2, "2030-01-01T00:00:02Z"),
            sell(3, "10.00", 20'000, 500, 3, "2030-01-01T00:00:03Z"),
            sell(4, "8.00", 30'000, 1000, 4, "2030-01-01T00:00:04Z"),
            sell(5, "7.00", 0, 0, 0, "2030-01-01T00:00:05Z", false),
        };
        const proto::RankingWeights weights{80, 10, 10, 0};
        const LocalRanking ranking
            = rankEntries(entries, static_cast<SelectionMode>(mode), weights);
        QStringList ids;
        for (const std::size_t i : ranking.order)
            ids << QString::number(entries[i].orderId.value());
        QCOMPARE(ids.join(QLatin1Char(' ')), order);
    }

    // Entries that agree on everything but the order id still get a strict order.
    void rankingIsTotal()
    {
        std::vector<proto::BookEntry> entries;
        for (const std::uint64_t id : {std::uint64_t{7}, std::uint64_t{3}, std::uint64_t{9}, std::uint64_t{1}})
            entries.push_back(sell(id, "9.00", 10'000, 100, 2, "2030-01-01T00:00:00Z"));
        for (const SelectionMode mode :
             {SelectionMode::Price, SelectionMode::Performance, SelectionMode::Weighted}) {
            const LocalRanking r = rankEntries(entries, mode, {1, 1, 1, 1});
            QStringList ids;
            for (const std::size_t i : r.order)
                ids << QString::number(entries[i].orderId.value());
            QCOMPARE(ids.join(QLatin1Char(' ')), QStringLiteral("1 3 7 9"));
        }
    }

    void spendByMonth()
    {
        // 100 Mbps at 30.00 per Mbps-month (30 days) over 2030-01-16 .. 2030-02-15:
        // 16 days in January and 14 in February.
        const auto months = costByMonth(*parsePrice("30.00"), mbps(100),
                                        at("2030-01-16T00:00:00Z"), at("2030-02-15T00:00:00Z"));
        QVERIFY(months);
        QCOMPARE(months->size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(monthName((*months)[0].month)), QStringLiteral("2030-01"));
        QCOMPARE((*months)[0].amount, wholeUnits(1600));
        QCOMPARE((*months)[1].amount, wholeUnits(1400));

        SpendLedger ledger;
        ledger.add(*months);
        QVERIFY(!ledger.wouldExceed(*months, wholeUnits(3200)));
        const auto over = ledger.wouldExceed(*months, wholeUnits(3199));
        QVERIFY(over);
        QCOMPARE(QString::fromStdString(*over),
                 QStringLiteral("would make 2030-01 1600.00 + 1600.00, above the monthly cap of "
                                "3199.00"));
        QCOMPARE(monthOf(at("2029-12-31T23:59:59Z")) + 1, monthOf(at("2030-01-01T00:00:00Z")));
        QCOMPARE(monthStart(monthOf(at("2030-03-15T10:00:00Z"))), at("2030-03-01T00:00:00Z"));
    }

    // Only trades cover a need; an open buy order is pending: not covered, and not bought again
    // while it rests (issue 7: a resting fallback buy used to count as coverage).
    void openBuyOrdersArePending_data()
    {
        QTest::addColumn<int>("tradedMbps");
        QTest::addColumn<int>("restingMbps");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<int>("coveredMbps");
        QTest::addColumn<int>("pendingMbps");
        QTest::addColumn<int>("boughtMbps"); // taken from the candidate in this decision

        QTest::newRow("a resting buy for all of it") << 0 << 1000 << "pending" << 0 << 1000 << 0;
        QTest::newRow("a trade and a resting buy") << 600 << 400 << "pending" << 600 << 400 << 0;
        QTest::newRow("a resting buy for part") << 0 << 400 << "take" << 0 << 400 << 600;
        QTest::newRow("trades only") << 1000 << 0 << "covered" << 1000 << 0 << 0;
        QTest::newRow("nothing yet") << 0 << 0 << "take" << 0 << 0 << 1000;
    }

    void openBuyOrdersArePending()
    {
        QFETCH(int, tradedMbps);
        QFETCH(int, restingMbps);
        QFETCH(QString, outcome);
        QFETCH(int, coveredMbps);
        QFETCH(int, pendingMbps);
        QFETCH(int, boughtMbps);
        const RulesParseResult parsed = parseRules(R"(version = 1
[[group]]
name = "g"
[[group.need]]
name = "n"
destination = "203.0.113.0/24"
capacity = 1000
min_block = 100
rolling = "30d"
max_price = "10"
)");
        QVERIFY(parsed.ok());
        AccessState state = connectedState("n", {sellCandidate(7, 2)});
        if (tradedMbps > 0)
            state.trades.push_back(buyTrade(31, tradedMbps, at("2030-01-01T00:00:00Z"),
                                            at("2030-03-01T00:00:00Z")));
        if (restingMbps > 0)
            state.orders.push_back(restingBuy(41, restingMbps));
        const Evaluation e = evaluate(*parsed.rules, state);
        QCOMPARE(e.decisions.size(), std::size_t(1));
        const Decision &d = e.decisions[0];
        QCOMPARE(QString::fromUtf8(toString(d.outcome).data()), outcome);
        QCOMPARE(d.covered, mbps(coveredMbps));
        QCOMPARE(d.pending, mbps(pendingMbps));
        Bandwidth bought{};
        for (const Action &a : d.actions) {
            QVERIFY(a.kind == Action::Kind::Take); // never a second buy order
            bought += a.capacity;
        }
        QCOMPARE(bought, mbps(boughtMbps));
        const Json json = toJson(d);
        QCOMPARE(json["coverage"]["covered"].get<std::string>(),
                 formatBandwidth(mbps(coveredMbps)));
        QCOMPARE(json["coverage"].contains("pending"), pendingMbps > 0);
    }

    // A distance limit alone makes a need depend on quality, like latency and loss limits: a
    // missing quality matrix blocks it (issue 7: it used to trade without distance data).
    void qualityLimitsNeedFreshQuality_data()
    {
        QTest::addColumn<QString>("limit");
        QTest::addColumn<QString>("outcome");
        QTest::newRow("no limit: price mode goes on") << "" << "take";
        QTest::newRow("max_distance alone") << "max_distance = 3" << "blocked";
        QTest::newRow("max_latency") << "max_latency = \"40ms\"" << "blocked";
        QTest::newRow("max_loss") << "max_loss = \"1%\"" << "blocked";
    }

    void qualityLimitsNeedFreshQuality()
    {
        QFETCH(QString, limit);
        QFETCH(QString, outcome);
        const std::string text = R"(version = 1
[[group]]
name = "g"
[[group.need]]
name = "n"
destination = "203.0.113.0/24"
capacity = 100
rolling = "30d"
max_price = "10"
)" + limit.toStdString() + "\n";
        const RulesParseResult parsed = parseRules(text);
        QVERIFY2(parsed.ok(), parsed.report("rules").c_str());
        const Group &group = parsed.rules->groups[0];
        QCOMPARE(usesQuality(*parsed.rules, group, group.needs[0]), !limit.isEmpty());
        // The candidate meets every limit; only the quality matrix is missing.
        const AccessState state = connectedState("n", {sellCandidate(7, 2)});
        const Decision d = evaluate(*parsed.rules, state).decisions.at(0);
        QCOMPARE(QString::fromUtf8(toString(d.outcome).data()), outcome);
        if (outcome == QLatin1String("blocked")) {
            QVERIFY(d.blockers.front() == Reason::QualityStale);
            QVERIFY(d.actions.empty());
        }
    }

    void qualityTracker()
    {
        const RulesParseResult parsed = parseRules(R"(version = 1
[[group]]
name = "g"
[[group.need]]
name = "n"
destination = "203.0.113.0/24"
capacity = 100
rolling = "30d"
max_price = "10"
max_latency = "30ms"
replace_after = "10m"
)");
        QVERIFY(parsed.ok());
        AccessState state;
        state.self = MemberId(1);
        proto::TradeView t;
        t.tradeId = TradeId(5);
        t.buyer = MemberId(1);
        t.seller = MemberId(2);
        t.destination = *parseDestination("203.0.113.0/24");
        t.state = proto::TradeState::Active;
        state.trades = {t};
        state.quality.received = true;
        proto::QualityCell cell;
        cell.seller = MemberId(2);
        cell.destination = *net::Prefix::parse("203.0.0.0/16");
        cell.state = proto::QualityState::Fresh;

        QualityTracker tracker;
        const auto observe = [&](std::uint32_t latencyUs, proto::QualityState s, const char *when) {
            cell.latencyUs = latencyUs;
            cell.state = s;
            cell.measuredAt = at(when);
            state.now = at(when);
            state.quality.cells = {cell};
            tracker.observe(*parsed.rules, state);
        };
        const QualityTracker::Key key{"n", 5};
        observe(20'000, proto::QualityState::Fresh, "2030-01-01T00:00:00Z");
        QVERIFY(tracker.badSince().empty());
        observe(45'000, proto::QualityState::Fresh, "2030-01-01T00:05:00Z");
        QCOMPARE(tracker.badSince().at(key), at("2030-01-01T00:05:00Z"));
        observe(50'000, proto::QualityState::Fresh, "2030-01-01T00:10:00Z");
        QCOMPARE(tracker.badSince().at(key), at("2030-01-01T00:05:00Z"));
        // Stale news changes nothing, good news clears it, unreachable is bad.
        observe(10'000, proto::QualityState::Stale, "2030-01-01T00:15:00Z");
        QCOMPARE(tracker.badSince().at(key), at("2030-01-01T00:05:00Z"));
        observe(10'000, proto::QualityState::Fresh, "2030-01-01T00:20:00Z");
        QVERIFY(tracker.badSince().empty());
        observe(0, proto::QualityState::Unreachable, "2030-01-01T00:25:00Z");
        QCOMPARE(tracker.badSince().at(key), at("2030-01-01T00:25:00Z"));
        // A trade that ended is forgotten.
        state.trades[0].state = proto::TradeState::Ended;
        tracker.observe(*parsed.rules, state);
        QVERIFY(tracker.badSince().empty());
    }
};

QTEST_APPLESS_MAIN(TestAccessEngine)
#include "tst_access_engine.moc"
