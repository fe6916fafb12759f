// Measurement files as operators will import them (tests/data/quality, described in its
// README.md): real irtt output recorded through the test topology, RIPE Atlas results in the
// API's formats, the documented CSV — and broken files, each refused with the exact place and
// reason, leaving the quality database as it was.
// moc needs the Qt headers before the others.
// clang-format off
#include <QFile>
#include <QTest>

#include "bwx/quality/atlas_import.h"
#include "bwx/quality/csv_import.h"
#include "bwx/quality/irtt_import.h"
#include "bwx/quality/quality_db.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

const Timestamp kNow = *parseTimestamp("2027-01-01T00:00:00Z");

std::string read(const QString &name)
{
    QFile f(qEnvironmentVariable("BWX_SOURCE_DIR") + "/tests/data/quality/" + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll().toStdString();
}

PathKey path(std::uint32_t seller, const char *prefix)
{
    return PathKey{MemberId(seller), *net::Prefix::parse(prefix)};
}

ImportResult import(const QString &file)
{
    const std::string text = read(file);
    if (file.endsWith(".csv"))
        return importQualityCsv(text);
    if (file.contains("atlas")) {
        // How an operator maps Atlas targets: --map ADDRESS=SELLER:PREFIX.
        const std::vector<std::string> entries{"193.0.14.129=7:193.0.14.0/23",
                                               "2001:7fd::1=7:2001:7fd::/32"};
        return importAtlasPing(text, TargetMap::parse(entries)->lookup());
    }
    // irtt files are imported one path at a time (the client's source address picked the seller).
    if (file.contains("loopback"))
        return importIrtt(text, singlePath(path(9, "127.0.0.0/8")));
    const std::uint32_t seller = file.contains("seller2") ? 2 : 3;
    return importIrtt(text, singlePath(path(seller, "198.51.100.0/24")));
}

} // namespace

class TestQualityImportFiles : public QObject
{
    Q_OBJECT

private slots:
    void valid_data();
    void valid();
    void realIrttFigures();
    void broken_data();
    void broken();
};

void TestQualityImportFiles::valid_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("measurements");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<int>("unreachable");
    QTest::newRow("Atlas API array, firmware 1 to 5080")
        << "atlas_ping_results.json" << 6 << 1 << 1;
    QTest::newRow("Atlas one result per line") << "atlas_ping_results.ndjson" << 4 << 0 << 1;
    QTest::newRow("irtt through seller 2 (20 % drop)")
        << "irtt_via_seller2_loss.json" << 1 << 0 << 0;
    QTest::newRow("irtt through seller 3") << "irtt_via_seller3.json" << 1 << 0 << 0;
    QTest::newRow("irtt on loopback") << "irtt_loopback.json" << 1 << 0 << 0;
    QTest::newRow("CSV") << "quality_measurements.csv" << 5 << 0 << 1;
}

void TestQualityImportFiles::valid()
{
    QFETCH(QString, file);
    QFETCH(int, measurements);
    QFETCH(int, skipped);
    QFETCH(int, unreachable);
    const ImportResult result = import(file);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().toString().c_str());
    const ImportBatch &batch = result.batch();
    QCOMPARE(int(batch.measurements.size()), measurements);
    QCOMPARE(int(batch.skipped.size()), skipped);
    QCOMPARE(int(std::count_if(batch.measurements.begin(), batch.measurements.end(),
                               [](const Measurement &m) { return m.unreachable(); })),
             unreachable);
    for (const Measurement &m : batch.measurements) {
        QVERIFY(!m.ownProbe());
        QVERIFY(!checkMeasurement(m));
    }
    // Stored as a whole; the same file again adds nothing.
    QualityDb db(":memory:", QualityDbOptions{});
    const auto first = db.record(batch.measurements, kNow);
    QVERIFY2(first.hasValue(), first.hasValue() ? "" : first.error().c_str());
    QCOMPARE(int(first->added), measurements);
    const auto again = db.record(import(file).batch().measurements, kNow);
    QCOMPARE(again->added, std::size_t(0));
    QCOMPARE(int(again->duplicates), measurements);
}

void TestQualityImportFiles::realIrttFigures()
{
    // The figures irtt computed itself, in its stats block (ns), rounded to microseconds.
    struct Expect
    {
        const char *file;
        std::uint32_t sent, received, lossPpm, latencyUs, jitterUs;
        const char *origin;
    };
    const Expect expected[] = {
        {"irtt_via_seller2_loss.json", 60, 54, 100'000, 148, 97, "irtt 10.99.2.10:46448"},
        {"irtt_via_seller3.json", 30, 30, 0, 121, 21, "irtt 10.99.3.10:42824"},
        {"irtt_loopback.json", 30, 30, 0, 77, 16, "irtt 127.0.0.1:33622"},
    };
    for (const Expect &e : expected) {
        const ImportResult result = import(e.file);
        QVERIFY(result.ok());
        const Measurement &m = result.batch().measurements.at(0);
        QCOMPARE(m.sent, e.sent);
        QCOMPARE(m.received, e.received);
        QCOMPARE(m.lossPpm, e.lossPpm);
        QCOMPARE(*m.latencyUs, e.latencyUs);
        QCOMPARE(*m.jitterUs, e.jitterUs);
        QCOMPARE(m.origin, std::string(e.origin));
        QCOMPARE(m.source, std::string("irtt"));
    }
}

void TestQualityImportFiles::broken_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    QTest::newRow("Atlas: a traceroute among the pings")
        << "broken_atlas_traceroute_mixed_in.json" << 0 << 0 << ""
        << "/2/type"
        << "'traceroute' is not a ping result";
    QTest::newRow("Atlas: a target nobody mapped")
        << "broken_atlas_unmapped_target.json" << 0 << 0 << ""
        << "/4/dst_addr"
        << "2001:500:2f::f is not mapped to a seller and destination";
    QTest::newRow("Atlas: download broken off (just past the end)")
        << "broken_atlas_truncated.json" << 17 << 34 << ""
        << ""
        << "JSON syntax";
    QTest::newRow("irtt: cut in half") << "broken_irtt_truncated.json" << 638 << 5 << ""
                                       << ""
                                       << "JSON syntax";
    QTest::newRow("irtt: another JSON format") << "broken_irtt_format2.json" << 0 << 0 << ""
                                               << "/version/json_format"
                                               << "irtt JSON format 2 is not supported";
    QTest::newRow("irtt: more replies than packets sent")
        << "broken_irtt_more_replies_than_sent.json" << 0 << 0 << ""
        << "/stats/rtt/n"
        << "31 replies is more than packets_sent 30";
    QTest::newRow("CSV: a latency with a unit")
        << "broken_csv_bad_latency.csv" << 3 << 0 << "latency_us"
        << ""
        << "'12.7ms': not a non-negative integer";
    QTest::newRow("CSV: a row claiming the exchange's own probes")
        << "broken_csv_own_source.csv" << 3 << 0 << "source"
        << ""
        << "probe-icmp is reserved for the exchange's own probes";
    QTest::newRow("CSV: no header line") << "broken_csv_no_header.csv" << 1 << 0 << ""
                                         << ""
                                         << "expected the header";
    QTest::newRow("CSV: loss without a latency (line 4: blank lines count)")
        << "broken_csv_loss_without_latency.csv" << 4 << 0 << "latency_us"
        << ""
        << "needs loss_ppm 1000000";
}

void TestQualityImportFiles::broken()
{
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, field);
    QFETCH(QString, path);
    QFETCH(QString, reason);
    QualityDb db(":memory:", QualityDbOptions{});
    const ImportResult result = import(file);
    QVERIFY2(!result.ok(), "a broken file was accepted");
    const ImportError &e = result.error();
    QCOMPARE(int(e.line), line);
    QCOMPARE(int(e.column), column);
    QCOMPARE(QString::fromStdString(e.field), field);
    QCOMPARE(QString::fromStdString(e.path), path);
    QVERIFY2(QString::fromStdString(e.reason).contains(reason), e.toString().c_str());
    // The import stops here: the rows before the bad one are not stored either.
    QVERIFY(db.paths().empty());
}

QTEST_APPLESS_MAIN(TestQualityImportFiles)
#include "tst_quality_import_files.moc"
