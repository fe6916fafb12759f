// An ImportMeasurements request to a batch, or refused with invalid_import naming the place and
// the reason: the request's seller and destination for RIPE Atlas and irtt files, source tags that
// keep the data's kind, the CSV's own seller and source columns, and times ahead of the
// exchange's clock found where they were read (CSV line and field, JSON pointer).
// moc needs the Qt headers before the others.
// clang-format off
#include <QFile>
#include <QTest>

#include "bwx/quality/measurement_import.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

const Timestamp kNow = *parseTimestamp("2026-11-26T09:00:00Z");

std::vector<std::uint8_t> bytes(const QByteArray &text)
{
    return std::vector<std::uint8_t>(text.begin(), text.end());
}

QByteArray dataFile(const char *name)
{
    QFile file(qEnvironmentVariable("BWX_SOURCE_DIR") + "/tests/data/quality/" + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return file.readAll();
}

// The IPv4 results of a file of one result per line (the IPv6 one would not map).
QByteArray firstLines(const QByteArray &text, int count)
{
    return text.split('\n').mid(0, count).join('\n') + '\n';
}

proto::ImportMeasurements request(proto::MeasurementFormat format,
                                  const QByteArray &content,
                                  std::uint32_t seller = 0,
                                  const char *destination = "0.0.0.0/0",
                                  const char *source = "")
{
    proto::ImportMeasurements r;
    r.format = format;
    r.content = bytes(content);
    r.seller = MemberId(seller);
    r.destination = *net::Prefix::parse(destination);
    r.source = source;
    return r;
}

const QByteArray kCsv = "seller,destination,time,latency_us,loss_ppm,jitter_us,source\n"
                        "7,198.51.100.0/24,2026-11-26T08:00:00Z,12500,0,310,thousandeyes\n"
                        "# a comment line still counts\n"
                        "8,198.51.100.0/24,2026-11-26T08:05:00Z,,1000000,,thousandeyes\n";

} // namespace

class TestQualityImportRequest : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
};

void TestQualityImportRequest::accepted_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<quint32>("seller");
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("tag");
    QTest::newRow("csv, rows keep their sources")
        << int(proto::MeasurementFormat::Csv) << kCsv << 0u << "0.0.0.0/0" << "" << 2
        << "thousandeyes";
    QTest::newRow("csv, the expected source on every row")
        << int(proto::MeasurementFormat::Csv) << kCsv << 0u << "0.0.0.0/0" << "thousandeyes" << 2
        << "thousandeyes";
    QTest::newRow("irtt through seller 3")
        << int(proto::MeasurementFormat::Irtt) << dataFile("irtt_via_seller3.json") << 3u
        << "198.51.100.0/24" << "" << 1 << "irtt";
    QTest::newRow("irtt with a tag of its family")
        << int(proto::MeasurementFormat::Irtt) << dataFile("irtt_via_seller3.json") << 3u
        << "198.51.100.0/24" << "irtt.lab" << 1 << "irtt.lab";
}

void TestQualityImportRequest::accepted()
{
    QFETCH(int, format);
    QFETCH(QByteArray, content);
    QFETCH(quint32, seller);
    QFETCH(QString, destination);
    QFETCH(QString, source);
    QFETCH(int, count);
    QFETCH(QString, tag);
    const ImportAnswer answer
        = prepareImport(request(proto::MeasurementFormat(format), content, seller,
                                qPrintable(destination), qPrintable(source)),
                        kNow, seconds(300));
    const auto *batch = std::get_if<ImportBatch>(&answer);
    QVERIFY2(batch, batch ? "" : std::get<proto::Result>(answer).message.c_str());
    QCOMPARE(int(batch->measurements.size()), count);
    for (const Measurement &m : batch->measurements) {
        QCOMPARE(QString::fromStdString(m.source), tag);
        if (seller != 0)
            QCOMPARE(m.path.seller, MemberId(seller));
    }
}

void TestQualityImportRequest::refused_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<quint32>("seller");
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("message");

    const auto csv = int(proto::MeasurementFormat::Csv);
    const auto irtt = int(proto::MeasurementFormat::Irtt);
    const auto atlas = int(proto::MeasurementFormat::RipeAtlas);
    QTest::newRow("csv with a request seller")
        << csv << kCsv << 7u << "0.0.0.0/0" << ""
        << "CSV file: a CSV file names the seller on every row; leave the request's seller 0; "
           "nothing was imported";
    QTest::newRow("csv row with another source")
        << csv << kCsv << 0u << "0.0.0.0/0" << "noc-sheet"
        << "CSV file: line 2, field source: 'thousandeyes' is not the import's source "
           "'noc-sheet'; nothing was imported";
    QTest::newRow("csv broken row")
        << csv << dataFile("broken_csv_bad_latency.csv") << 0u << "0.0.0.0/0" << ""
        << "CSV file: line 3, field latency_us: '12.7ms': ";
    // Line 4, after a comment line: the place counts every line of the file.
    QTest::newRow("csv time ahead of the exchange")
        << csv
        << QByteArray(kCsv).replace("2026-11-26T08:05:00Z", "2026-11-26T09:06:00Z") << 0u
        << "0.0.0.0/0" << ""
        << "CSV file: line 4, field time: 2026-11-26T09:06:00Z is more than 300 s ahead of the "
           "exchange's clock (2026-11-26T09:00:00Z); nothing was imported";
    QTest::newRow("irtt without a seller")
        << irtt << dataFile("irtt_via_seller3.json") << 0u << "198.51.100.0/24" << ""
        << "irtt file: the file names only the addresses it measured: give the seller and the "
           "destination it measured; nothing was imported";
    QTest::newRow("irtt target outside the destination")
        << irtt << dataFile("irtt_via_seller3.json") << 3u << "203.0.113.0/24" << ""
        << "irtt file: /config/remote_address: 198.51.100.1 is not mapped";
    QTest::newRow("irtt tagged as another kind")
        << irtt << dataFile("irtt_via_seller3.json") << 3u << "198.51.100.0/24" << "ripe-atlas"
        << "irtt file: source 'ripe-atlas' must be 'irtt' or start with 'irtt-' or 'irtt.'";
    QTest::newRow("irtt tagged as the exchange's probes")
        << irtt << dataFile("irtt_via_seller3.json") << 3u << "198.51.100.0/24" << "probe-udp"
        << "irtt file: source 'probe-udp' must be 'irtt'";
    QTest::newRow("irtt time ahead of the exchange")
        << irtt << dataFile("irtt_via_seller3.json") << 3u << "198.51.100.0/24" << ""
        << "irtt file: /stats/start_time: 2026-11-26T08:58:56.409965018Z";
    QTest::newRow("irtt broken file")
        << irtt << dataFile("broken_irtt_format2.json") << 3u << "198.51.100.0/24" << ""
        << "irtt file: /version/json_format: irtt JSON format 2 is not supported (only 1)";
    QTest::newRow("atlas time ahead of the exchange")
        << atlas << firstLines(dataFile("atlas_ping_results.ndjson"), 3) << 7u << "193.0.14.0/23"
        << ""
        << "RIPE Atlas file: line 1, /timestamp: 2025-11-26T08:00:00Z is more than 300 s ahead";
    QTest::newRow("atlas tag with a bad character")
        << atlas << firstLines(dataFile("atlas_ping_results.ndjson"), 3) << 7u << "193.0.14.0/23"
        << "Ripe Atlas" << "RIPE Atlas file: source 'Ripe Atlas': ";
}

void TestQualityImportRequest::refused()
{
    QFETCH(int, format);
    QFETCH(QByteArray, content);
    QFETCH(quint32, seller);
    QFETCH(QString, destination);
    QFETCH(QString, source);
    QFETCH(QString, message);
    // The irtt and Atlas rows about time need a clock before their files' times.
    const QString row = QTest::currentDataTag();
    const Timestamp now = row == "irtt time ahead of the exchange"
                              ? *parseTimestamp("2026-11-26T08:50:00Z")
                          : row == "atlas time ahead of the exchange"
                              ? *parseTimestamp("2025-11-26T07:00:00Z")
                              : kNow;
    const ImportAnswer answer
        = prepareImport(request(proto::MeasurementFormat(format), content, seller,
                                qPrintable(destination), qPrintable(source)),
                        now, seconds(300));
    const auto *refusal = std::get_if<proto::Result>(&answer);
    QVERIFY(refusal);
    QCOMPARE(int(refusal->code), int(proto::ResultCode::InvalidImport));
    QVERIFY2(QString::fromStdString(refusal->message).startsWith(message),
             refusal->message.c_str());
    QVERIFY(QString::fromStdString(refusal->message).endsWith("; nothing was imported"));
}

QTEST_APPLESS_MAIN(TestQualityImportRequest)
#include "tst_quality_import_request.moc"
