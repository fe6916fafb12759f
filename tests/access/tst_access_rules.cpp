// The rules file format: a complete file read into the typed model, every kind of mistake
// refused with its line and reason, the writer's output read back to the same rules, and the
// value forms (durations, loss, windows) on their own.
#include "access/rulesparser.h"
#include "access/rulesvalues.h"
#include "access/ruleswriter.h"
#include "access/timewindows.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace bwx;
using namespace bwx::access;

namespace {

const char *const kExample = R"(# A member's rules
version = 1
mode = "price"
weights = { price = 50, latency = 30, loss = 15, distance = 5 }
evaluate_every = "45s"

[safety]
max_book_age = "20s"
max_quality_age = "5m"
max_silence = "15s"
stop_file = "/run/bwx/access.stop"

[caps]
spend_per_month = "25000.00"
max_capacity_per_destination = "10G"

[[caps.destination]]
destination = "203.0.113.0/24"
max_capacity = 2000

[[window]]
days = ["mon", "tue", "wed", "thu", "fri"]
from = "08:00"
to = "18:00"

[[group]]
name = "core"
enabled = true
mode = "weighted"

[[group.window]]
days = ["sat"]
from = "22:00"
to = "06:00"

[[group.need]]
name = "eu-cdn"
destination = "203.0.113.0/24"
capacity = 1000
min_block = 100
start = 2030-01-01T00:00:00Z
end = 2030-02-01T00:00:00Z
renew_before = "7d"
max_price = "12.50"
max_latency = "40ms"
max_loss = "0.5%"
max_distance = 4
traffic = "premium"
replace_after = "15m"
fallback = "none"

[[group.need]]
name = "as-transit"
destination = "AS64500/v6"
capacity = "1.5G"
rolling = "30d"
renew_before = "3d"
max_price = 9
mode = "performance"
fallback_expiry = "2h"

[[group]]
name = "spare"
enabled = false
weights = { price = 1, latency = 0, loss = 0, distance = 0 }
)";

QString problemText(const RulesParseResult &result)
{
    return QString::fromStdString(result.report("rules.toml"));
}

// A file with one need whose keys are `needKeys`, for the error table.
QByteArray withNeed(const char *needKeys)
{
    return QByteArray("version = 1\n"                 // 1
                      "[[group]]\n"                   // 2
                      "name = \"g\"\n"                // 3
                      "[[group.need]]\n")             // 4
           + needKeys;                                // 5...
}

const char *const kValidNeed = "name = \"n\"\n"
                               "destination = \"203.0.113.0/24\"\n"
                               "capacity = 100\n"
                               "rolling = \"30d\"\n"
                               "max_price = \"10\"\n";

} // namespace

class TestAccessRules : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryKey()
    {
        const RulesParseResult result = parseRules(kExample);
        QVERIFY2(result.ok(), qPrintable(problemText(result)));
        const Rules &r = *result.rules;
        QCOMPARE(r.version, 1);
        QVERIFY(r.mode == SelectionMode::Price);
        QCOMPARE(r.weights.latency, std::uint16_t(30));
        QCOMPARE(r.evaluateEvery, seconds(45));
        QCOMPARE(r.safety.maxBookAge, seconds(20));
        QCOMPARE(r.safety.maxQualityAge, seconds(300));
        QCOMPARE(r.safety.maxSilence, seconds(15));
        QCOMPARE(r.safety.stopFile, std::string("/run/bwx/access.stop"));
        QCOMPARE(*r.caps.spendPerMonth, wholeUnits(25000));
        QCOMPARE(*r.caps.maxCapacityPerDestination, mbps(10000));
        QCOMPARE(r.caps.destinations.size(), std::size_t(1));
        QCOMPARE(r.caps.destinations[0].maxCapacity, mbps(2000));
        QCOMPARE(r.windows.size(), std::size_t(1));
        QCOMPARE(r.windows[0].days, std::uint8_t(0x1f));
        QCOMPARE(r.windows[0].fromMinute, 8 * 60);
        QCOMPARE(r.windows[0].toMinute, 18 * 60);
        QCOMPARE(r.groups.size(), std::size_t(2));

        const Group &core = r.groups[0];
        QCOMPARE(core.name, std::string("core"));
        QVERIFY(core.enabled);
        QVERIFY(*core.mode == SelectionMode::Weighted);
        QCOMPARE(core.windows.size(), std::size_t(1));
        QCOMPARE(core.windows[0].fromMinute, 22 * 60);
        QCOMPARE(core.windows[0].toMinute, 6 * 60);
        QCOMPARE(core.needs.size(), std::size_t(2));

        const Need &cdn = core.needs[0];
        QCOMPARE(cdn.name, std::string("eu-cdn"));
        QCOMPARE(toString(cdn.destination), std::string("203.0.113.0/24"));
        QCOMPARE(cdn.capacity, mbps(1000));
        QCOMPARE(cdn.minBlock, mbps(100));
        QVERIFY(cdn.period.kind == PeriodRule::Kind::Fixed);
        QCOMPARE(cdn.period.start, *parseTimestamp("2030-01-01T00:00:00Z"));
        QCOMPARE(cdn.period.end, *parseTimestamp("2030-02-01T00:00:00Z"));
        QCOMPARE(cdn.renewBefore, seconds(7 * 86400));
        QCOMPARE(cdn.maxPrice, *parsePrice("12.50"));
        QCOMPARE(cdn.limits.maxLatencyUs, 40'000u);
        QCOMPARE(cdn.limits.maxLossPpm, 5'000u);
        QCOMPARE(cdn.limits.maxDistance, std::uint8_t(4));
        QVERIFY(cdn.traffic == TrafficType::Premium);
        QCOMPARE(cdn.replaceAfter, seconds(900));
        QVERIFY(cdn.fallback == Fallback::None);
        QCOMPARE(cdn.line.value, 36);
        QVERIFY(r.modeFor(core, cdn) == SelectionMode::Weighted);
        QCOMPARE(r.weightsFor(core, cdn).price, std::uint16_t(50));

        const Need &transit = core.needs[1];
        QCOMPARE(toString(transit.destination), std::string("AS64500/v6"));
        QCOMPARE(transit.capacity, mbps(1500));
        QVERIFY(transit.period.kind == PeriodRule::Kind::Rolling);
        QCOMPARE(transit.period.length, seconds(30 * 86400));
        QCOMPARE(transit.maxPrice, Price(9'000'000));
        QCOMPARE(transit.fallbackExpiry, seconds(7200));
        QVERIFY(r.modeFor(core, transit) == SelectionMode::Performance);

        QVERIFY(!r.groups[1].enabled);
        QCOMPARE(*r.capacityCapFor(cdn.destination), mbps(2000));
        QCOMPARE(*r.capacityCapFor(transit.destination), mbps(10000));
    }

    void refuses_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("reason");

        QTest::newRow("TOML syntax") << QByteArray("version = 1\n[group\nname = 1\n") << 2
                                     << "TOML syntax error";
        QTest::newRow("no version") << QByteArray("mode = \"price\"\n") << 1
                                    << "version: required key is missing";
        QTest::newRow("another version") << QByteArray("version = 2\n") << 1
                                         << "unsupported rules format version 2";
        QTest::newRow("unknown top-level key") << QByteArray("version = 1\nmodus = \"price\"\n")
                                               << 2 << "modus: unknown key";
        QTest::newRow("unknown mode") << QByteArray("version = 1\nmode = \"cheapest\"\n") << 2
                                      << "unknown mode 'cheapest'";
        QTest::newRow("weights all zero")
            << QByteArray("version = 1\nweights = { price = 0 }\n") << 2
            << "at least one weight must be more than 0";
        QTest::newRow("unknown weight")
            << QByteArray("version = 1\nweights = { price = 1, jitter = 2 }\n") << 2
            << "weights.jitter: unknown weight";
        QTest::newRow("evaluate_every too short")
            << QByteArray("version = 1\nevaluate_every = \"500ms\"\n") << 2
            << "must be at least 1s";
        QTest::newRow("duration without unit")
            << QByteArray("version = 1\n[safety]\nmax_book_age = \"30\"\n") << 3
            << "[safety]: max_book_age: invalid duration '30'";
        QTest::newRow("float money")
            << QByteArray("version = 1\n[caps]\nspend_per_month = 100.5\n") << 3
            << "a floating-point number is not exact";
        QTest::newRow("duplicate cap destination")
            << QByteArray("version = 1\n[caps]\n[[caps.destination]]\ndestination = "
                          "\"203.0.113.0/24\"\nmax_capacity = 1\n[[caps.destination]]\n"
                          "destination = \"203.0.113.0/24\"\nmax_capacity = 2\n")
            << 6 << "already has a cap on line 3";
        QTest::newRow("empty window")
            << QByteArray("version = 1\n[[window]]\nfrom = \"08:00\"\nto = \"08:00\"\n") << 2
            << "the window is empty";
        QTest::newRow("bad time of day")
            << QByteArray("version = 1\n[[window]]\nfrom = \"8:00\"\nto = \"18:00\"\n") << 3
            << "invalid time of day '8:00'";
        QTest::newRow("unknown day")
            << QByteArray("version = 1\n[[window]]\ndays = [\"mon\", \"funday\"]\nfrom = "
                          "\"08:00\"\nto = \"18:00\"\n")
            << 3 << "unknown day 'funday'";
        QTest::newRow("window without to")
            << QByteArray("version = 1\n[[window]]\nfrom = \"08:00\"\n") << 2
            << "needs both from and to";
        QTest::newRow("group without name")
            << QByteArray("version = 1\n[[group]]\nenabled = true\n") << 2
            << "required key 'name' is missing";
        QTest::newRow("group enabled not bool")
            << QByteArray("version = 1\n[[group]]\nname = \"g\"\nenabled = \"yes\"\n") << 4
            << "must be true or false";

        QTest::newRow("need without capacity")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\nrolling = \"30d\"\n"
                        "max_price = \"10\"\n")
            << 4 << "need 'n': required key 'capacity' is missing";
        QTest::newRow("need without period")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "max_price = \"10\"\n")
            << 4 << "needs a delivery period";
        QTest::newRow("host bits in destination")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.1/24\"\ncapacity = 100\n"
                        "rolling = \"30d\"\nmax_price = \"10\"\n")
            << 6 << "host bits set in 203.0.113.1/24";
        QTest::newRow("float price")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "rolling = \"30d\"\nmax_price = 12.5\n")
            << 9 << "max_price: write it as a string";
        QTest::newRow("price with 7 decimals")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "rolling = \"30d\"\nmax_price = \"12.1234567\"\n")
            << 9 << "more than 6 decimal";
        QTest::newRow("zero price")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "rolling = \"30d\"\nmax_price = 0\n")
            << 9 << "max_price: must be more than 0";
        QTest::newRow("negative capacity")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = -5\n"
                        "rolling = \"30d\"\nmax_price = \"1\"\n")
            << 7 << "capacity: must be from 1 to";
        QTest::newRow("capacity not whole blocks")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "min_block = 30\nrolling = \"30d\"\nmax_price = \"1\"\n")
            << 4 << "100 Mbps is not a whole number of 30 Mbps blocks";
        QTest::newRow("end before start")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "start = 2030-02-01T00:00:00Z\nend = 2030-01-01T00:00:00Z\n"
                        "max_price = \"1\"\n")
            << 4 << "end: must be after start (2030-02-01T00:00:00Z)";
        QTest::newRow("local date-time")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "start = 2030-01-01T00:00:00\nend = 2030-02-01T00:00:00Z\n"
                        "max_price = \"1\"\n")
            << 8 << "start: must be UTC";
        QTest::newRow("fixed and rolling")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "start = 2030-01-01\nend = 2030-02-01\nrolling = \"30d\"\n"
                        "max_price = \"1\"\n")
            << 4 << "either start and end, or rolling, not both";
        QTest::newRow("start without end")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "start = 2030-01-01\nmax_price = \"1\"\n")
            << 4 << "a fixed period needs both start and end";
        QTest::newRow("renewal as long as the period")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "rolling = \"7d\"\nrenew_before = \"7d\"\nmax_price = \"1\"\n")
            << 4 << "renew_before: must be shorter than the rolling period (7d)";
        QTest::newRow("latency without unit")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "rolling = \"30d\"\nmax_price = \"1\"\nmax_latency = \"40\"\n")
            << 10 << "max_latency: invalid duration '40'";
        QTest::newRow("loss with 5 decimals")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "rolling = \"30d\"\nmax_price = \"1\"\nmax_loss = \"0.12345%\"\n")
            << 10 << "more than 4 decimals";
        QTest::newRow("distance out of range")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "rolling = \"30d\"\nmax_price = \"1\"\nmax_distance = 300\n")
            << 10 << "max_distance: must be from 1 to 255";
        QTest::newRow("unknown traffic type")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "rolling = \"30d\"\nmax_price = \"1\"\ntraffic = \"gold\"\n")
            << 10 << "unknown traffic type 'gold'";
        QTest::newRow("replacement without limits")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "rolling = \"30d\"\nmax_price = \"1\"\nreplace_after = \"15m\"\n")
            << 4 << "replace_after: needs max_latency, max_loss or max_distance";
        QTest::newRow("replacement of an AS destination")
            << withNeed("name = \"n\"\ndestination = \"AS64500\"\ncapacity = 100\n"
                        "rolling = \"30d\"\nmax_price = \"1\"\nmax_loss = \"1%\"\n"
                        "replace_after = \"15m\"\n")
            << 4 << "replace_after: needs a prefix destination";
        QTest::newRow("unknown need key")
            << withNeed("name = \"n\"\ndestination = \"203.0.113.0/24\"\ncapacity = 100\n"
                        "rolling = \"30d\"\nmax_price = \"1\"\nmax_jitter = \"5ms\"\n")
            << 10 << "need 'n': max_jitter: unknown key";
        QTest::newRow("bad need name")
            << withNeed("name = \"my need\"\ndestination = \"203.0.113.0/24\"\n"
                        "capacity = 100\nrolling = \"30d\"\nmax_price = \"1\"\n")
            << 5 << "1-64 characters";
        QTest::newRow("duplicate need name")
            << withNeed(QByteArray(kValidNeed) + "[[group.need]]\nname = \"n\"\n"
                        "destination = \"198.51.100.0/24\"\ncapacity = 100\nrolling = \"30d\"\n"
                        "max_price = \"1\"\n")
            << 10 << "the name is already used on line 4";
        QTest::newRow("duplicate destination")
            << withNeed(QByteArray(kValidNeed) + "[[group.need]]\nname = \"m\"\n"
                        "destination = \"203.0.113.0/24\"\ncapacity = 100\nrolling = \"30d\"\n"
                        "max_price = \"1\"\n")
            << 10 << "is already the destination of need 'n' (line 4)";
        QTest::newRow("weighted without weights")
            << withNeed(QByteArray(kValidNeed) + "mode = \"weighted\"\n") << 4
            << "mode is weighted but no weights are given";
    }

    void refuses()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, reason);
        const RulesParseResult result = parseRules(text.toStdString());
        QVERIFY2(!result.ok(), "the broken file was accepted");
        QVERIFY(!result.problems.empty());
        const RulesProblem &first = result.problems.front();
        const QString message = QString::fromStdString(first.message);
        QVERIFY2(message.contains(reason), qPrintable(problemText(result)));
        QVERIFY2(first.line == line, qPrintable(QStringLiteral("line %1, expected %2: %3")
                                                    .arg(first.line)
                                                    .arg(line)
                                                    .arg(problemText(result))));
        QVERIFY(problemText(result).startsWith(QStringLiteral("rules.toml:%1:").arg(line)));
    }

    void reportsEveryProblem()
    {
        const RulesParseResult result = parseRules(
            withNeed("name = \"n\"\ndestination = \"x\"\ncapacity = 0\nrolling = \"30d\"\n"
                     "max_price = \"-1\"\n")
                .toStdString());
        QVERIFY(!result.ok());
        QCOMPARE(result.problems.size(), std::size_t(3));
        QCOMPARE(result.problems[0].line, 6);
        QCOMPARE(result.problems[1].line, 7);
        QCOMPARE(result.problems[2].line, 9);
    }

    void writesWhatItReads_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("every key") << QByteArray(kExample);
        QTest::newRow("minimal") << withNeed(kValidNeed);
        QTest::newRow("kbit/s and loss in ppm")
            << withNeed("name = \"n\"\ndestination = \"2001:db8::/32\"\ncapacity = \"1500k\"\n"
                        "min_block = \"500k\"\nrolling = \"90m\"\nmax_price = \"0.000001\"\n"
                        "max_loss = \"15ppm\"\nmax_latency = \"850us\"\n");
        const QString source = qEnvironmentVariable("BWX_SOURCE_DIR");
        const QDir rules((source.isEmpty() ? QStringLiteral(BWX_ACCESS_SOURCE_DIR) : source)
                         + QStringLiteral("/tests/data/access/cases"));
        QVERIFY2(rules.exists(), qPrintable(rules.path()));
        for (const QString &name : rules.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile file(rules.filePath(name + QStringLiteral("/rules.toml")));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            QTest::newRow(qPrintable(QStringLiteral("case ") + name)) << file.readAll();
        }
    }

    void writesWhatItReads()
    {
        QFETCH(QByteArray, text);
        const RulesParseResult first = parseRules(text.toStdString());
        QVERIFY2(first.ok(), qPrintable(problemText(first)));
        const std::string written = writeRules(*first.rules);
        const RulesParseResult second = parseRules(written);
        QVERIFY2(second.ok(), qPrintable(problemText(second) + "\n" + QString::fromStdString(written)));
        QVERIFY2(*second.rules == *first.rules, written.c_str());
        // The canonical text is a fixed point.
        QCOMPARE(writeRules(*second.rules), written);
    }

    void durations_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("nanos");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("microseconds") << "850us" << qint64(850'000) << "850us";
        QTest::newRow("milliseconds") << "40ms" << qint64(40'000'000) << "40ms";
        QTest::newRow("seconds to minutes") << "120s" << qint64(120'000'000'000) << "2m";
        QTest::newRow("hours") << "36h" << qint64(129'600'000'000'000) << "36h";
        QTest::newRow("days") << "7d" << qint64(604'800'000'000'000) << "7d";
        QTest::newRow("zero") << "0s" << qint64(-1) << "";
        QTest::newRow("no unit") << "30" << qint64(-1) << "";
        QTest::newRow("decimal") << "1.5h" << qint64(-1) << "";
        QTest::newRow("unknown unit") << "3w" << qint64(-1) << "";
        QTest::newRow("negative") << "-5s" << qint64(-1) << "";
        QTest::newRow("overflow") << "9999999999999d" << qint64(-1) << "";
    }

    void durations()
    {
        QFETCH(QString, text);
        QFETCH(qint64, nanos);
        QFETCH(QString, canonical);
        const auto parsed = parseDuration(text.toStdString());
        if (nanos < 0) {
            QVERIFY(!parsed);
            return;
        }
        QVERIFY2(parsed, parsed ? "" : parsed.error().c_str());
        QCOMPARE(parsed->value(), nanos);
        QCOMPARE(QString::fromStdString(formatDuration(*parsed)), canonical);
    }

    void loss_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("ppm");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("half a percent") << "0.5%" << 5000 << "0.5%";
        QTest::newRow("four decimals") << "0.0001%" << 1 << "1ppm";
        QTest::newRow("whole") << "2%" << 20000 << "2%";
        QTest::newRow("hundred") << "100%" << 1000000 << "100%";
        QTest::newRow("ppm") << "250ppm" << 250 << "250ppm";
        QTest::newRow("ppm as percent") << "1200ppm" << 1200 << "0.12%";
        QTest::newRow("zero") << "0%" << -1 << "";
        QTest::newRow("above 100") << "100.01%" << -1 << "";
        QTest::newRow("five decimals") << "0.00001%" << -1 << "";
        QTest::newRow("no unit") << "0.5" << -1 << "";
        QTest::newRow("fraction of ppm") << "1.5ppm" << -1 << "";
    }

    void loss()
    {
        QFETCH(QString, text);
        QFETCH(int, ppm);
        QFETCH(QString, canonical);
        const auto parsed = parseLossPpm(text.toStdString());
        if (ppm < 0) {
            QVERIFY(!parsed);
            return;
        }
        QVERIFY2(parsed, parsed ? "" : parsed.error().c_str());
        QCOMPARE(int(*parsed), ppm);
        QCOMPARE(QString::fromStdString(formatLossPpm(*parsed)), canonical);
    }

    void windows_data()
    {
        QTest::addColumn<int>("days");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("at");
        QTest::addColumn<bool>("inside");
        // 2030-01-07 is a Monday.
        QTest::newRow("weekday inside") << 0x1f << "08:00" << "18:00" << "2030-01-07T08:00:00Z"
                                        << true;
        QTest::newRow("end is exclusive") << 0x1f << "08:00" << "18:00" << "2030-01-07T18:00:00Z"
                                          << false;
        QTest::newRow("weekend outside") << 0x1f << "08:00" << "18:00"
                                         << "2030-01-12T12:00:00Z" << false;
        QTest::newRow("overnight, evening") << 0x20 << "22:00" << "06:00"
                                            << "2030-01-12T23:30:00Z" << true;
        QTest::newRow("overnight, morning after") << 0x20 << "22:00" << "06:00"
                                                  << "2030-01-13T05:59:00Z" << true;
        QTest::newRow("overnight, morning of the day") << 0x20 << "22:00" << "06:00"
                                                       << "2030-01-12T05:00:00Z" << false;
        QTest::newRow("whole day") << 0x40 << "00:00" << "24:00" << "2030-01-13T23:59:59Z"
                                   << true;
    }

    void windows()
    {
        QFETCH(int, days);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, at);
        QFETCH(bool, inside);
        TimeWindow window;
        window.days = static_cast<std::uint8_t>(days);
        window.fromMinute = *parseTimeOfDay(from.toStdString());
        window.toMinute = *parseTimeOfDay(to.toStdString());
        QCOMPARE(withinWindows({window}, *parseTimestamp(at.toStdString())), inside);
        QVERIFY(withinWindows({}, *parseTimestamp(at.toStdString())));
    }
};

QTEST_APPLESS_MAIN(TestAccessRules)
#include "tst_access_rules.moc"
