// RIPE Atlas ping results: every firmware generation's shape, the API's JSON array and the
// one-per-line form, and broken files refused with the JSON path of the offending value.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/atlas_import.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

const PathKey kPath{MemberId(7), *net::Prefix::parse("193.0.14.0/23")};
const PathKey kPath6{MemberId(7), *net::Prefix::parse("2001:7fd::/32")};

TargetLookup lookup()
{
    TargetMap map;
    Q_UNUSED(map.add(*net::Address::parse("193.0.14.129"), kPath));
    Q_UNUSED(map.add(*net::Address::parse("2001:7fd::1"), kPath6));
    return map.lookup();
}

// Firmware 5080 as the API returns it (fields as documented for version 5000).
const char *kCurrent = R"([
 {"fw": 5080, "mver": "2.6.2", "lts": 43, "af": 4, "msm_id": 1001, "msm_name": "Ping",
  "prb_id": 6533, "timestamp": 1764144000, "type": "ping", "step": 240,
  "dst_name": "193.0.14.129", "dst_addr": "193.0.14.129", "src_addr": "192.168.1.5",
  "from": "193.135.150.58", "proto": "ICMP", "ttl": 61, "size": 48, "sent": 3, "rcvd": 3,
  "dup": 0, "min": 23.976115, "max": 24.066907, "avg": 24.0117783333,
  "result": [{"rtt": 24.066907}, {"rtt": 23.976115}, {"rtt": 23.992313}]},
 {"fw": 4790, "af": 4, "msm_id": 1001, "prb_id": 10052, "timestamp": 1764144010, "type": "ping",
  "dst_addr": "193.0.14.129", "src_addr": "95.130.22.90", "from": "95.130.22.90",
  "sent": 3, "rcvd": 2, "dup": 1, "min": 7.7, "max": 7.9, "avg": 7.8,
  "result": [{"rtt": 7.7}, {"x": "*"}, {"rtt": 7.9, "ttl": 55}, {"rtt": 7.95, "dup": 1}]},
 {"fw": 5020, "af": 4, "msm_id": 1001, "prb_id": 6278, "timestamp": 1764144020, "type": "ping",
  "dst_addr": "193.0.14.129", "sent": 3, "rcvd": 0, "dup": 0, "min": -1, "max": -1, "avg": -1,
  "result": [{"x": "*"}, {"x": "*"}, {"error": "sendto failed: Network is unreachable"}]},
 {"fw": 5080, "af": 6, "msm_id": 2001, "prb_id": 28762, "timestamp": 1764144030, "type": "ping",
  "dst_addr": "2001:7fd::1", "sent": 3, "rcvd": 3, "min": 14.639, "max": 15.196, "avg": 14.862,
  "result": [{"rtt": 15.196}, {"rtt": 14.753}, {"rtt": 14.639}]},
 {"fw": 5080, "af": 4, "msm_id": 1001, "prb_id": 1, "timestamp": 1764144040, "type": "ping",
  "dst_addr": "193.0.14.129", "sent": 0, "rcvd": 0, "min": -1, "max": -1, "avg": -1,
  "result": [{"error": "dst resolution failed"}]}
])";

// Firmware 4400 ("addr", "srcaddr") and firmware 1 (summary only, no per-packet result).
const char *kOld = R"([
 {"fw": 4400, "addr": "193.0.14.129", "name": "k.root-servers.net", "mode": "ICMP4",
  "msm_id": 1001, "prb_id": 165, "timestamp": 1332938930, "sent": 3, "rcvd": 3, "size": 56,
  "srcaddr": "10.0.0.2", "avg": 2.172, "min": 2.1, "max": 2.3,
  "result": [{"rtt": 2.1}, {"rtt": 2.116}, {"rtt": 2.3}]},
 {"fw": 1, "addr": "193.0.14.129", "avg": 20.126000000000001, "dup": 0, "from": "62.194.83.50",
  "max": 20.300000000000001, "min": 19.937999999999999, "msm_id": 1000047,
  "name": "atlas.ripe.net", "prb_id": 165, "rcvd": 2, "sent": 3, "size": 56,
  "timestamp": 1332938940}
])";

} // namespace

class TestQualityAtlasImport : public QObject
{
    Q_OBJECT

private slots:
    void currentFirmware();
    void olderFirmware();
    void oneResultPerLine();
    void emptyArray();
    void broken_data();
    void broken();
    void brokenLines_data();
    void brokenLines();
};

void TestQualityAtlasImport::currentFirmware()
{
    const ImportResult result = importAtlasPing(kCurrent, lookup());
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    const auto &ms = result.batch().measurements;
    QCOMPARE(ms.size(), std::size_t(4));

    // Mean of the three replies: (24.066907 + 23.976115 + 23.992313) / 3 = 24.011778 ms.
    QVERIFY(ms[0].path == kPath);
    QCOMPARE(ms[0].time, Timestamp::fromSeconds(1764144000));
    QCOMPARE(ms[0].source, std::string("ripe-atlas"));
    QCOMPARE(ms[0].origin, std::string("msm 1001 prb 6533"));
    QCOMPARE(ms[0].latencyUs, std::optional<std::uint32_t>(24012));
    QCOMPARE(ms[0].lossPpm, 0u);
    // |23.976115 - 24.066907| = 90.792 us, |23.992313 - 23.976115| = 16.198 us: mean 53.495.
    QCOMPARE(ms[0].jitterUs, std::optional<std::uint32_t>(53));
    QCOMPARE(ms[0].sent, 3u);
    QCOMPARE(ms[0].received, 3u);

    // The duplicate is not a packet; the timeout splits the replies, so no adjacent pair.
    QCOMPARE(ms[1].latencyUs, std::optional<std::uint32_t>(7800));
    QCOMPARE(ms[1].lossPpm, 333'333u);
    QVERIFY(!ms[1].jitterUs);

    // Nothing answered: unreachable, never a latency of zero (avg -1 is not read).
    QVERIFY(ms[2].unreachable());
    QCOMPARE(ms[2].lossPpm, 1'000'000u);
    QCOMPARE(ms[2].received, 0u);

    QVERIFY(ms[3].path == kPath6);
    QCOMPARE(ms[3].latencyUs, std::optional<std::uint32_t>(14863)); // 14.862667 ms

    // The result that sent nothing is reported, not imported.
    QCOMPARE(result.batch().skipped.size(), std::size_t(1));
    QVERIFY(QString::fromStdString(result.batch().skipped[0]).startsWith("/4: sent no packets"));
    QVERIFY(QString::fromStdString(result.batch().skipped[0]).contains("dst resolution failed"));
}

void TestQualityAtlasImport::olderFirmware()
{
    const ImportResult result = importAtlasPing(kOld, lookup());
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    const auto &ms = result.batch().measurements;
    QCOMPARE(ms.size(), std::size_t(2));
    QCOMPARE(ms[0].latencyUs, std::optional<std::uint32_t>(2172));  // (2.1 + 2.116 + 2.3) / 3
    QCOMPARE(ms[0].jitterUs, std::optional<std::uint32_t>(100));    // (16 + 184) / 2 us
    QCOMPARE(ms[1].latencyUs, std::optional<std::uint32_t>(20126)); // fw 1: "avg"
    QCOMPARE(ms[1].lossPpm, 333'333u);
    QVERIFY(!ms[1].jitterUs);
}

void TestQualityAtlasImport::oneResultPerLine()
{
    const std::string text
        = "{\"fw\": 5080, \"prb_id\": 1, \"timestamp\": 1764144000, \"type\": \"ping\", "
          "\"dst_addr\": \"193.0.14.129\", \"sent\": 2, \"rcvd\": 2, \"result\": [{\"rtt\": 1}, "
          "{\"rtt\": 3}]}\n"
          "\n"
          "{\"fw\": 5080, \"prb_id\": 2, \"timestamp\": 1764144000, \"type\": \"ping\", "
          "\"dst_addr\": \"193.0.14.129\", \"sent\": 2, \"rcvd\": 0, \"result\": [{\"x\": \"*\"}, "
          "{\"x\": \"*\"}]}\n";
    const ImportResult result = importAtlasPing(text, lookup());
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    QCOMPARE(result.batch().measurements.size(), std::size_t(2));
    QCOMPARE(result.batch().measurements[0].latencyUs, std::optional<std::uint32_t>(2000));
    QCOMPARE(result.batch().measurements[0].jitterUs, std::optional<std::uint32_t>(2000));
    QVERIFY(result.batch().measurements[1].unreachable());
}

void TestQualityAtlasImport::emptyArray()
{
    const ImportResult result = importAtlasPing(" [ ] ", lookup());
    QVERIFY(result.ok());
    QVERIFY(result.batch().measurements.empty());
}

void TestQualityAtlasImport::broken_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<int>("line");   // syntax errors only; 0 otherwise
    QTest::addColumn<int>("column"); // syntax errors only
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    const QString ok
        = R"({"fw": 5080, "prb_id": 1, "timestamp": 1764144000, "type": "ping", "dst_addr": "193.0.14.129", "sent": 3, "rcvd": 3, "result": [{"rtt": 1}, {"rtt": 2}, {"rtt": 3}]})";
    const auto with = [&](const QString &from, const QString &to) {
        return "[" + ok + ",\n" + QString(ok).replace(from, to) + "]";
    };
    QTest::newRow("empty file") << "  \n"
                                << 0 << 0 << ""
                                << "empty file";
    QTest::newRow("not JSON") << "ping results" << 1 << 1 << ""
                              << "expected a JSON array";
    QTest::newRow("syntax error on line 2") << "[" + ok + ",\n{\"fw\": 5080,, }]" << 2 << 13 << ""
                                            << "JSON syntax";
    QTest::newRow("truncated file: just past the end") << "[" + ok.left(40) << 1 << 42 << ""
                                                       << "JSON syntax";
    QTest::newRow("nested too deep") << QString(40, '[') + QString(40, ']') << 1 << 33 << ""
                                     << "nested deeper than 32";
    QTest::newRow("number beyond the range of a double")
        << with("{\"rtt\": 2}", "{\"rtt\": 2e400}") << 2 << 149 << ""
        << "number overflow";
    QTest::newRow("element not an object") << "[" + ok + ", 17]" << 0 << 0 << "/1"
                                           << "expected an object, found an integer";
    QTest::newRow("a traceroute") << with("\"type\": \"ping\"", "\"type\": \"traceroute\"") << 0
                                  << 0 << "/1/type"
                                  << "'traceroute' is not a ping result";
    QTest::newRow("fw missing") << with("\"fw\": 5080, ", "") << 0 << 0 << "/1/fw"
                                << "missing";
    QTest::newRow("fw a string") << with("\"fw\": 5080", "\"fw\": \"5080\"") << 0 << 0 << "/1/fw"
                                 << "expected an integer, found a string";
    QTest::newRow("no destination")
        << with("\"dst_addr\": \"193.0.14.129\", ", "") << 0 << 0 << "/1/dst_addr"
        << "missing";
    QTest::newRow("destination not an address")
        << with("193.0.14.129", "k.root-servers.net") << 0 << 0 << "/1/dst_addr"
        << "";
    QTest::newRow("destination not mapped")
        << with("193.0.14.129", "192.0.2.1") << 0 << 0 << "/1/dst_addr"
        << "192.0.2.1 is not mapped to a seller";
    QTest::newRow("timestamp missing")
        << with("\"timestamp\": 1764144000, ", "") << 0 << 0 << "/1/timestamp"
        << "missing";
    QTest::newRow("timestamp fractional")
        << with("1764144000", "1764144000.5") << 0 << 0 << "/1/timestamp"
        << "expected an integer, found a number";
    QTest::newRow("timestamp zero") << with("1764144000", "0") << 0 << 0 << "/1/timestamp"
                                    << "out of range";
    QTest::newRow("probe id negative")
        << with("\"prb_id\": 1", "\"prb_id\": -1") << 0 << 0 << "/1/prb_id"
        << "out of range";
    QTest::newRow("rcvd above sent") << with("\"rcvd\": 3", "\"rcvd\": 4") << 0 << 0 << "/1/rcvd"
                                     << "rcvd 4 is more than sent 3";
    QTest::newRow("rcvd disagrees with the replies")
        << with("\"rcvd\": 3", "\"rcvd\": 0") << 0 << 0 << "/1/rcvd"
        << "rcvd 0 but the result holds 3 replies";
    QTest::newRow("result not an array")
        << with("[{\"rtt\": 1}, {\"rtt\": 2}, {\"rtt\": 3}]", "{\"rtt\": 1}") << 0 << 0
        << "/1/result"
        << "expected an array, found an object";
    QTest::newRow("negative rtt") << with("{\"rtt\": 2}", "{\"rtt\": -5}") << 0 << 0
                                  << "/1/result/1/rtt"
                                  << "out of range";
    QTest::newRow("rtt a string") << with("{\"rtt\": 2}", "{\"rtt\": \"2\"}") << 0 << 0
                                  << "/1/result/1/rtt"
                                  << "expected a number, found a string";
    QTest::newRow("rtt of a day") << with("{\"rtt\": 2}", "{\"rtt\": 86400000}") << 0 << 0
                                  << "/1/result/1/rtt"
                                  << "out of range";
    QTest::newRow("timeout marker wrong")
        << with("{\"rtt\": 2}", "{\"x\": \"?\"}") << 0 << 0 << "/1/result/1/x"
        << "a timeout is \"*\"";
    QTest::newRow("unknown result entry")
        << with("{\"rtt\": 2}", "{\"late\": 1}") << 0 << 0 << "/1/result/1"
        << "neither \"rtt\", \"x\" nor \"error\"";
    QTest::newRow("the same result twice") << "[" + ok + ",\n" + ok + "]" << 0 << 0 << "/1"
                                           << "the same result (prb 1, timestamp 1764144000) as /0";
    QTest::newRow("an object, not an array") << "{\"fw\": 1} {\"x\": 2}" << 1 << 11 << ""
                                             << "JSON syntax";
    QTest::newRow("root is a number") << "17" << 1 << 1 << ""
                                      << "expected a JSON array";
}

void TestQualityAtlasImport::broken()
{
    QFETCH(QString, json);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, path);
    QFETCH(QString, reason);
    const ImportResult result = importAtlasPing(json.toStdString(), lookup());
    QVERIFY2(!result.ok(), "a broken file was accepted");
    const ImportError &e = result.error();
    QVERIFY2(QString::fromStdString(e.reason).contains(reason), e.toString().c_str());
    QCOMPARE(QString::fromStdString(e.path), path);
    QCOMPARE(int(e.line), line);
    QCOMPARE(int(e.column), column);
    QVERIFY(e.field.empty());
}

void TestQualityAtlasImport::brokenLines_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    const QString ok
        = R"({"fw": 5080, "prb_id": 1, "timestamp": 1764144000, "dst_addr": "193.0.14.129", "sent": 1, "rcvd": 1, "result": [{"rtt": 1}]})";
    QTest::newRow("bad value on line 3")
        << ok + "\n\n" + QString(ok).replace("\"rtt\": 1", "\"rtt\": null") << 3 << "/result/0/rtt"
        << "expected a number, found null";
    QTest::newRow("record root not an object") << ok + "\n[1]" << 2 << ""
                                               << "expected an object";
    QTest::newRow("syntax on line 2") << ok + "\n{\"fw\":}" << 2 << ""
                                      << "JSON syntax";
    QTest::newRow("same result twice") << ok + "\n" + ok << 2 << ""
                                       << "as line 1";
}

void TestQualityAtlasImport::brokenLines()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, path);
    QFETCH(QString, reason);
    const ImportResult result = importAtlasPing(text.toStdString(), lookup());
    QVERIFY2(!result.ok(), "a broken file was accepted");
    const ImportError &e = result.error();
    QCOMPARE(int(e.line), line);
    QCOMPARE(QString::fromStdString(e.path), path);
    QVERIFY2(QString::fromStdString(e.reason).contains(reason), e.toString().c_str());
    QVERIFY(QString::fromStdString(e.toString()).startsWith("line " + QString::number(line)));
}

QTEST_APPLESS_MAIN(TestQualityAtlasImport)
#include "tst_quality_atlas_import.moc"
