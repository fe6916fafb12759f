// irtt's JSON output (`irtt client -o FILE`, json_format 1): the figures taken from the right
// fields in the right units, and broken files refused with the JSON path and reason.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/irtt_import.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

const PathKey kPath{MemberId(3), *net::Prefix::parse("198.51.100.0/24")};

// The shape irtt 0.9.0 writes, trimmed to a few round trips; the figures are from a real run.
const char *kRun = R"({
 "version": {"irtt": "0.9.0", "protocol": 1, "json_format": 1},
 "system_info": {"os": "linux", "cpus": 2, "go_version": "go1.19.8", "hostname": "vm"},
 "config": {"local_address": "10.99.3.10:40112", "remote_address": "198.51.100.1:2112",
            "open_timeouts": "1s,2s,4s,8s",
            "params": {"proto_version": 1, "duration": 2000000000, "interval": 10000000,
                       "length": 60, "received_stats": "both", "stamp_at": "both",
                       "clock": "both", "dscp": 0, "server_fill": ""},
            "loose": false, "ip_version": "IPv4", "df": 0, "ttl": 0, "timer": "comp"},
 "stats": {"start_time": "2026-11-26T08:16:40.413975286Z",
           "rtt": {"total": 2323247, "n": 180, "min": 47222, "max": 114166, "mean": 52766500,
                   "median": 52001000, "stddev": 14746, "variance": 217464257},
           "ipdv_round_trip": {"total": 455731, "n": 150, "min": 80, "max": 32537,
                               "mean": 1571400, "median": 17423, "stddev": 8419,
                               "variance": 70895533},
           "server_packets_received": 190, "duplicates": 2, "late_packets": 0,
           "packets_sent": 200, "packets_received": 182, "packet_loss_percent": 10,
           "upstream_loss_percent": 5, "downstream_loss_percent": 5.26},
 "round_trips": [{"seqno": 0, "lost": "false", "delay": {"rtt": 94841}, "ipdv": {}},
                 {"seqno": 1, "lost": "true_down", "ipdv": {}}]
})";

std::string edited(const std::string &from, const std::string &to)
{
    std::string text = kRun;
    const auto at = text.find(from);
    if (at == std::string::npos)
        qFatal("test edit '%s' does not apply", from.c_str());
    text.replace(at, from.size(), to);
    return text;
}

} // namespace

class TestQualityIrttImport : public QObject
{
    Q_OBJECT

private slots:
    void run();
    void offsetTime();
    void ipv6Target();
    void nothingAnswered();
    void nothingSent();
    void broken_data();
    void broken();
};

void TestQualityIrttImport::run()
{
    const ImportResult result = importIrtt(kRun, singlePath(kPath));
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    QCOMPARE(result.batch().measurements.size(), std::size_t(1));
    const Measurement &m = result.batch().measurements[0];
    QVERIFY(m.path == kPath);
    QCOMPARE(m.source, std::string("irtt"));
    QCOMPARE(m.origin, std::string("irtt 10.99.3.10:40112"));
    QCOMPARE(m.time, *parseTimestamp("2026-11-26T08:16:40.413975286Z"));
    QCOMPARE(m.latencyUs, std::optional<std::uint32_t>(52767)); // 52766500 ns, rounded half up
    QCOMPARE(m.jitterUs, std::optional<std::uint32_t>(1571));   // 1571400 ns
    // rtt.n (180 distinct replies) of 200 sent; packets_received (182) counts 2 duplicates.
    QCOMPARE(m.sent, 200u);
    QCOMPARE(m.received, 180u);
    QCOMPARE(m.lossPpm, 100'000u);
}

void TestQualityIrttImport::offsetTime()
{
    const ImportResult result = importIrtt(
        edited("2026-11-26T08:16:40.413975286Z", "2026-11-26T09:16:40.413975286+01:00"),
        singlePath(kPath));
    QVERIFY(result.ok());
    QCOMPARE(result.batch().measurements[0].time,
             *parseTimestamp("2026-11-26T08:16:40.413975286Z"));
}

void TestQualityIrttImport::ipv6Target()
{
    const PathKey v6{MemberId(3), *net::Prefix::parse("2001:db8::/32")};
    const ImportResult result
        = importIrtt(edited("198.51.100.1:2112", "[2001:db8::7]:2112"), singlePath(v6));
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    QVERIFY(result.batch().measurements[0].path == v6);
}

void TestQualityIrttImport::nothingAnswered()
{
    // irtt writes an rtt block with n 0 and no median when nothing came back.
    std::string text = edited(
        R"("rtt": {"total": 2323247, "n": 180, "min": 47222, "max": 114166, "mean": 52766500,
                   "median": 52001000,)",
        R"("rtt": {"total": 0, "n": 0, "min": 0, "max": 0, "mean": 0,)");
    const ImportResult result = importIrtt(text, singlePath(kPath));
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    const Measurement &m = result.batch().measurements[0];
    QVERIFY(m.unreachable());
    QCOMPARE(m.lossPpm, 1'000'000u);
    QVERIFY(!m.jitterUs);
}

void TestQualityIrttImport::nothingSent()
{
    std::string text
        = edited(R"("rtt": {"total": 2323247, "n": 180,)", R"("rtt": {"total": 0, "n": 0,)");
    text = std::string(text).replace(text.find("\"packets_sent\": 200"), 19, "\"packets_sent\": 0");
    const ImportResult result = importIrtt(text, singlePath(kPath));
    QVERIFY(result.ok());
    QVERIFY(result.batch().measurements.empty());
    QCOMPARE(result.batch().skipped.size(), std::size_t(1));
}

void TestQualityIrttImport::broken_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not irtt output: no version") << "\"version\""
                                                 << "\"versio\""
                                                 << "/version"
                                                 << "missing";
    QTest::newRow("another JSON format") << "\"json_format\": 1"
                                         << "\"json_format\": 2"
                                         << "/version/json_format"
                                         << "format 2 is not supported";
    QTest::newRow("remote address without port") << "198.51.100.1:2112"
                                                 << "198.51.100.1"
                                                 << "/config/remote_address"
                                                 << "is not ADDRESS:PORT";
    QTest::newRow("remote address a host name") << "198.51.100.1:2112"
                                                << "irtt.example.net:2112"
                                                << "/config/remote_address"
                                                << "";
    QTest::newRow("target not mapped") << "198.51.100.1:2112"
                                       << "192.0.2.1:2112"
                                       << "/config/remote_address"
                                       << "192.0.2.1 is not mapped to a seller";
    QTest::newRow("no start time") << "\"start_time\""
                                   << "\"begin\""
                                   << "/stats/start_time"
                                   << "missing";
    QTest::newRow("start time without zone") << "08:16:40.413975286Z"
                                             << "08:16:40.413975286"
                                             << "/stats/start_time"
                                             << "time zone";
    QTest::newRow("packets_sent negative") << "\"packets_sent\": 200"
                                           << "\"packets_sent\": -1"
                                           << "/stats/packets_sent"
                                           << "out of range";
    QTest::newRow("more replies than sent") << "\"n\": 180"
                                            << "\"n\": 201"
                                            << "/stats/rtt/n"
                                            << "201 replies is more than packets_sent 200";
    QTest::newRow("mean fractional") << "\"mean\": 52766500"
                                     << "\"mean\": 5276.5"
                                     << "/stats/rtt/mean"
                                     << "expected an integer";
    QTest::newRow("mean missing") << "\"mean\": 52766500,"
                                  << ""
                                  << "/stats/rtt/mean"
                                  << "missing";
    QTest::newRow("stats not an object") << "\"stats\": {"
                                         << "\"stats\": 5, \"x\": {"
                                         << "/stats"
                                         << "expected an object, found an integer";
    QTest::newRow("syntax error") << "\"stats\": {"
                                  << "\"stats\": [{"
                                  << ""
                                  << "JSON syntax";
    QTest::newRow("ipdv n a string") << "\"n\": 150"
                                     << "\"n\": \"150\""
                                     << "/stats/ipdv_round_trip/n"
                                     << "expected an integer";
}

void TestQualityIrttImport::broken()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, path);
    QFETCH(QString, reason);
    const ImportResult result
        = importIrtt(edited(from.toStdString(), to.toStdString()), singlePath(kPath));
    QVERIFY2(!result.ok(), "a broken file was accepted");
    const ImportError &e = result.error();
    QCOMPARE(QString::fromStdString(e.path), path);
    QCOMPARE(e.line > 0, path.isEmpty()); // syntax errors have a line, content errors a path
    QVERIFY2(QString::fromStdString(e.reason).contains(reason), e.toString().c_str());
    QVERIFY(!e.reason.empty());
}

QTEST_APPLESS_MAIN(TestQualityIrttImport)
#include "tst_quality_irtt_import.moc"
