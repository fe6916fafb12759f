// The documented measurement CSV: valid files read exactly, every broken row refused with its
// line, column name and reason, and nothing of a refused file returned.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/csv_import.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

const std::string kHeader = std::string(kCsvHeader) + "\n";

Measurement row(std::uint32_t seller,
                const char *prefix,
                const char *time,
                std::optional<std::uint32_t> latency,
                std::uint32_t loss,
                std::optional<std::uint32_t> jitter,
                const char *source)
{
    Measurement m;
    m.path = PathKey{MemberId(seller), *net::Prefix::parse(prefix)};
    m.time = *parseTimestamp(time);
    m.latencyUs = latency;
    m.lossPpm = loss;
    m.jitterUs = jitter;
    m.source = source;
    return m;
}

} // namespace

class TestQualityCsvImport : public QObject
{
    Q_OBJECT

private slots:
    void valid();
    void tolerated_data();
    void tolerated();
    void broken_data();
    void broken();
    void roundTrip();
};

void TestQualityCsvImport::valid()
{
    const std::string text
        = kHeader
          + "7,198.51.100.0/24,2026-11-26T08:00:00Z,12500,0,300,thousandeyes\n"
            "7,198.51.100.0/24,2026-11-26T08:05:00Z,,1000000,,thousandeyes\n"
            "# a comment line\n"
            "\n"
            "12,2001:db8::/32,2026-11-26T09:00:00.5+01:00,800,2500,,ripe-atlas\n";
    const ImportResult result = importQualityCsv(text);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    const auto &ms = result.batch().measurements;
    QCOMPARE(ms.size(), std::size_t(3));
    QVERIFY(ms[0]
            == row(7, "198.51.100.0/24", "2026-11-26T08:00:00Z", 12500, 0, 300, "thousandeyes"));
    QVERIFY(ms[1]
            == row(7, "198.51.100.0/24", "2026-11-26T08:05:00Z", std::nullopt, 1'000'000,
                   std::nullopt, "thousandeyes"));
    QVERIFY(ms[1].unreachable());
    // 09:00:00.5 at +01:00 is 08:00:00.5 UTC.
    QVERIFY(ms[2]
            == row(12, "2001:db8::/32", "2026-11-26T08:00:00.5Z", 800, 2500, std::nullopt,
                   "ripe-atlas"));
    QVERIFY(result.batch().skipped.empty());
}

void TestQualityCsvImport::tolerated_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("count");
    QTest::newRow("header only") << QString::fromStdString(kHeader) << 0;
    QTest::newRow("CRLF line ends") << QString::fromStdString(
        std::string(kCsvHeader) + "\r\n1,10.0.0.0/8,2026-01-01T00:00:00Z,1,0,,x\r\n")
                                    << 1;
    QTest::newRow("UTF-8 byte order mark")
        << QString::fromUtf8("\xEF\xBB\xBF") + QString::fromStdString(kHeader)
               + "1,10.0.0.0/8,2026-01-01T00:00:00Z,1,0,,x\n"
        << 1;
    QTest::newRow("no newline at the end")
        << QString::fromStdString(kHeader) + "1,10.0.0.0/8,2026-01-01T00:00:00Z,1,0,,x" << 1;
    QTest::newRow("comments before the header")
        << "# exported by tool X\n" + QString::fromStdString(kHeader) << 0;
    QTest::newRow("same time, different sources")
        << QString::fromStdString(kHeader)
               + "1,10.0.0.0/8,2026-01-01T00:00:00Z,1,0,,a\n"
                 "1,10.0.0.0/8,2026-01-01T00:00:00Z,1,0,,b\n"
        << 2;
}

void TestQualityCsvImport::tolerated()
{
    QFETCH(QString, text);
    QFETCH(int, count);
    const ImportResult result = importQualityCsv(text.toStdString());
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    QCOMPARE(int(result.batch().measurements.size()), count);
}

void TestQualityCsvImport::broken_data()
{
    QTest::addColumn<QString>("rows"); // after the header line, unless the row is named "file"
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("reason");
    const QString good = "7,198.51.100.0/24,2026-11-26T08:00:00Z,12500,0,300,x\n";
    QTest::newRow("too few fields") << "7,198.51.100.0/24,2026-11-26T08:00:00Z,1,0,x\n"
                                    << 2 << ""
                                    << "expected 7 fields, found 6";
    QTest::newRow("too many fields") << good.trimmed() + ",extra\n"
                                     << 2 << ""
                                     << "found 8";
    QTest::newRow("bad row after a good one")
        << good + "7,198.51.100.0/24,2026-11-26T08:05:00Z,abc,0,,x\n"
        << 3 << "latency_us"
        << "not a non-negative integer";
    QTest::newRow("seller zero") << "0,198.51.100.0/24,2026-11-26T08:00:00Z,1,0,,x\n"
                                 << 2 << "seller"
                                 << "0 is not a member id";
    QTest::newRow("seller negative") << "-7,198.51.100.0/24,2026-11-26T08:00:00Z,1,0,,x\n"
                                     << 2 << "seller"
                                     << "not a non-negative integer";
    QTest::newRow("seller too big") << "4294967296,198.51.100.0/24,2026-11-26T08:00:00Z,1,0,,x\n"
                                    << 2 << "seller"
                                    << "out of range";
    QTest::newRow("seller with a leading zero")
        << "07,198.51.100.0/24,2026-11-26T08:00:00Z,1,0,,x\n"
        << 2 << "seller"
        << "leading zero";
    QTest::newRow("destination host bits set") << "7,198.51.100.1/24,2026-11-26T08:00:00Z,1,0,,x\n"
                                               << 2 << "destination"
                                               << "host bits";
    QTest::newRow("destination not a prefix") << "7,example.net,2026-11-26T08:00:00Z,1,0,,x\n"
                                              << 2 << "destination"
                                              << "";
    QTest::newRow("time without zone") << "7,198.51.100.0/24,2026-11-26T08:00:00,1,0,,x\n"
                                       << 2 << "time"
                                       << "time zone";
    QTest::newRow("time as a date only") << "7,198.51.100.0/24,2026-11-26,1,0,,x\n"
                                         << 2 << "time"
                                         << "not an RFC 3339 time";
    QTest::newRow("time impossible") << "7,198.51.100.0/24,2026-02-30T08:00:00Z,1,0,,x\n"
                                     << 2 << "time"
                                     << "day out of range";
    QTest::newRow("latency fractional") << "7,198.51.100.0/24,2026-11-26T08:00:00Z,12.5,0,,x\n"
                                        << 2 << "latency_us"
                                        << "not a non-negative integer";
    QTest::newRow("latency beyond 32 bits")
        << "7,198.51.100.0/24,2026-11-26T08:00:00Z,4294967296,0,,x\n"
        << 2 << "latency_us"
        << "out of range";
    QTest::newRow("loss above a million") << "7,198.51.100.0/24,2026-11-26T08:00:00Z,1,1000001,,x\n"
                                          << 2 << "loss_ppm"
                                          << "out of range 0-1000000";
    QTest::newRow("loss missing") << "7,198.51.100.0/24,2026-11-26T08:00:00Z,1,,,x\n"
                                  << 2 << "loss_ppm"
                                  << "empty";
    QTest::newRow("loss as percent") << "7,198.51.100.0/24,2026-11-26T08:00:00Z,1,2%,,x\n"
                                     << 2 << "loss_ppm"
                                     << "not a non-negative integer";
    QTest::newRow("no latency but not all lost")
        << "7,198.51.100.0/24,2026-11-26T08:00:00Z,,500000,,x\n"
        << 2 << "latency_us"
        << "needs loss_ppm 1000000";
    QTest::newRow("latency although all lost")
        << "7,198.51.100.0/24,2026-11-26T08:00:00Z,0,1000000,,x\n"
        << 2 << "latency_us"
        << "must be empty";
    QTest::newRow("jitter without latency")
        << "7,198.51.100.0/24,2026-11-26T08:00:00Z,,1000000,5,x\n"
        << 2 << "jitter_us"
        << "must be empty when latency_us is empty";
    QTest::newRow("jitter negative") << "7,198.51.100.0/24,2026-11-26T08:00:00Z,1,0,-5,x\n"
                                     << 2 << "jitter_us"
                                     << "not a non-negative integer";
    QTest::newRow("source empty") << "7,198.51.100.0/24,2026-11-26T08:00:00Z,1,0,,\n"
                                  << 2 << "source"
                                  << "empty";
    QTest::newRow("source upper case") << "7,198.51.100.0/24,2026-11-26T08:00:00Z,1,0,,Atlas\n"
                                       << 2 << "source"
                                       << "lower-case";
    QTest::newRow("source claims own probes")
        << "7,198.51.100.0/24,2026-11-26T08:00:00Z,1,0,,probe-icmp\n"
        << 2 << "source"
        << "reserved for the exchange's own probes";
    QTest::newRow("quoted field") << "7,\"198.51.100.0/24\",2026-11-26T08:00:00Z,1,0,,x\n"
                                  << 2 << "destination"
                                  << "quotes are not allowed";
    QTest::newRow("space around a field") << "7, 198.51.100.0/24,2026-11-26T08:00:00Z,1,0,,x\n"
                                          << 2 << "destination"
                                          << "white space";
    QTest::newRow("duplicate row") << good + "# again\n" + good << 4 << ""
                                   << "same seller, destination, time and source as line 2";
}

void TestQualityCsvImport::broken()
{
    QFETCH(QString, rows);
    QFETCH(int, line);
    QFETCH(QString, field);
    QFETCH(QString, reason);
    const ImportResult result = importQualityCsv(kHeader + rows.toStdString());
    QVERIFY2(!result.ok(), "a broken file was accepted");
    const ImportError &e = result.error();
    QCOMPARE(int(e.line), line);
    QCOMPARE(QString::fromStdString(e.field), field);
    QVERIFY2(QString::fromStdString(e.reason).contains(reason), e.toString().c_str());
    QVERIFY(e.path.empty());
    // toString() leads with the location.
    QVERIFY(QString::fromStdString(e.toString()).startsWith("line " + QString::number(line)));
}

void TestQualityCsvImport::roundTrip()
{
    // Header problems are reported on their own line too.
    const ImportResult noHeader
        = importQualityCsv("7,198.51.100.0/24,2026-11-26T08:00:00Z,1,0,,x\n");
    QVERIFY(!noHeader.ok());
    QCOMPARE(noHeader.error().line, std::size_t(1));
    QVERIFY(QString::fromStdString(noHeader.error().reason).contains("expected the header"));
    const ImportResult empty = importQualityCsv("");
    QVERIFY(!empty.ok());
    QVERIFY(QString::fromStdString(empty.error().reason).contains("empty file"));

    std::vector<Measurement> ms{
        row(7, "198.51.100.0/24", "2026-11-26T08:00:00.123456789Z", 12500, 0, 300, "a"),
        row(7, "198.51.100.0/24", "2026-11-26T08:05:00Z", std::nullopt, 1'000'000, std::nullopt,
            "a"),
        row(4294967295u, "::/0", "2026-11-26T08:05:00Z", 4294967295u, 999'999, 0, "b.c_d-e"),
    };
    const std::string text = formatQualityCsv(ms);
    const ImportResult again = importQualityCsv(text);
    QVERIFY2(again.ok(), again.ok() ? "" : again.error().toString().c_str());
    QVERIFY(again.batch().measurements == ms);
}

QTEST_APPLESS_MAIN(TestQualityCsvImport)
#include "tst_quality_csv_import.moc"
