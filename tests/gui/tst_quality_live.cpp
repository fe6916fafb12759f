// The terminal's route-quality views against a real bwxd: an admin imports CSV measurements of
// three sellers (ImportMeasurements), a buyer rests a buy order with quality limits, then the
// chart and the matrix — in process, offscreen, over the terminal's own ExchangeClient — must
// show exactly the imported figures: each seller's latency line and loss, a gap where a bucket
// has no data, no-answer buckets as markers rather than 0 ms, the order's limits as lines, and
// fresh / stale / unreachable cells. Writes (with BWX_UPDATE_DOC_IMAGES=1 into docs/images/, otherwise under screenshots/ beside the test) quality-chart.png and
// quality-matrix.png (the chart through the view's own PNG export).
#include "bwxd_fixture.h"
#include "client/exchangeclient.h"
#include "models/myordersmodel.h"
#include "quality/qualitychartview.h"
#include "quality/qualitymatrixview.h"
#include "quality/qualitywindow.h"
#include "test_support.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QDateTime>
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <map>

using namespace bwx;
using namespace bwx::test;
using namespace bwx::terminal;
using namespace bwx::terminal::quality;
using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 20'000;
constexpr std::int64_t kBucket = 300;
constexpr int kBuckets = 12;

// What the CSV says for one (seller, bucket): latency nullopt = nothing answered; a missing
// entry = no row at all.
struct Row
{
    std::optional<std::uint32_t> latencyUs;
    std::uint32_t lossPpm = 0;
};

QString rfc3339(std::int64_t unixSeconds)
{
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).toString(Qt::ISODate);
}

QLineSeries *findLine(QChart *chart, const QString &name)
{
    for (QAbstractSeries *series : chart->series())
        if (auto *line = qobject_cast<QLineSeries *>(series); line && line->name() == name)
            return line;
    return nullptr;
}

QString imagePath(const QString &file)
{
    // The user guide's images are refreshed only on request (BWX_UPDATE_DOC_IMAGES=1), so a
    // test run never changes the source tree.
    if (qEnvironmentVariableIntValue("BWX_UPDATE_DOC_IMAGES") == 1)
        return QDir(qEnvironmentVariable("BWX_SOURCE_DIR")).filePath("docs/images/" + file);
    const QString dir = QCoreApplication::applicationDirPath() + "/screenshots";
    QDir().mkpath(dir);
    return dir + "/" + file;
}

} // namespace

class tst_QualityLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void chartShowsTheImportedSeries();
    void matrixShowsTheCurrentFigures();

private:
    void importCsv();

    std::unique_ptr<BwxdFixture> m_fx;
    std::map<QString, MemberId> m_ids;
    // seller name -> bucket index -> row
    std::map<QString, std::map<int, Row>> m_rows;
    std::int64_t m_firstBucket = 0;
    std::unique_ptr<ExchangeClient> m_client;
    std::unique_ptr<MyOrdersModel> m_orders;
    std::unique_ptr<QualityWindow> m_window;
};

void tst_QualityLive::initTestCase()
{
    guarded([&] {
        m_fx = std::make_unique<BwxdFixture>();
        m_fx->setOption("quality", "probe", "false"); // imports only: no probe host here
        // The matrix's default rows (destinations with open orders) follow the market within 1 s.
        m_fx->setOption("quality", "derive_interval_s", "1");
        m_fx->start();
        for (const QString name : {"transit-a", "carrier-b", "cable-c", "isp-buyer"})
            m_ids[name] = m_fx->addMember(name, 64500 + static_cast<std::uint32_t>(m_ids.size()));
        importCsv();
    });
    if (QTest::currentTestFailed())
        return;

    // The buyer's resting bid carries the limits the chart draws.
    proto::OrderUpdate bid;
    guarded([&] {
        auto buyer = m_fx->session(m_fx->member("isp-buyer"));
        proto::NewOrder order = limitOrder(Side::Buy, "198.51.100.0/24", 40, 100, 1, 10);
        order.params.limits.maxLatencyUs = 30'000;
        order.params.limits.maxLossPpm = 20'000;
        const client::Incoming reply = buyer.request(order);
        const auto *update = as<proto::OrderUpdate>(reply);
        QVERIFY2(update, qPrintable(describe(reply)));
        bid = *update;
    });
    if (QTest::currentTestFailed())
        return;
    m_orders = std::make_unique<MyOrdersModel>();
    m_orders->applyUpdate(bid);

    m_client = std::make_unique<ExchangeClient>();
    QSignalSpy login(m_client.get(), &ExchangeClient::loggedIn);
    const Credentials buyer = m_fx->member("isp-buyer");
    ConnectionProfile profile;
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = m_fx->port();
    profile.certificateFile = buyer.cert;
    profile.keyFile = buyer.key;
    profile.caFile = m_fx->caFile();
    m_client->connectToServer(profile);
    QTRY_COMPARE_WITH_TIMEOUT(login.size(), 1, kWaitMs);

    m_window = std::make_unique<QualityWindow>(m_client.get(), m_orders.get());
    m_window->resize(1200, 820);
    m_window->show();
    // The sellers' names arrive with QueryMembers when the window is shown.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->chartView()->model()->sellerNames().size() >= 4, kWaitMs);
}

void tst_QualityLive::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
    m_fx.reset();
}

void tst_QualityLive::importCsv()
{
    // Twelve 5-minute buckets ending with the last complete one; one sample a minute into each.
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    m_firstBucket = (now / kBucket - kBuckets) * kBucket;
    for (int i = 0; i < kBuckets; ++i) {
        // transit-a: 12.0-13.1 ms, 0.2 % loss; fresh and within the buyer's limits.
        m_rows["transit-a"][i] = Row{12'000u + 100u * static_cast<std::uint32_t>(i), 2'000};
        // carrier-b: 35 ms (over the 30 ms limit), 0.5 % loss, nothing in buckets 4 and 5.
        if (i != 4 && i != 5)
            m_rows["carrier-b"][i] = Row{35'000u, 5'000};
        // cable-c: 20 ms, then nothing answers for the last four buckets.
        m_rows["cable-c"][i] = i < 8 ? Row{20'000u, 0} : Row{std::nullopt, 1'000'000};
    }
    QString csv = QStringLiteral("seller,destination,time,latency_us,loss_ppm,jitter_us,source\n");
    for (const auto &[seller, rows] : m_rows) {
        for (const auto &[bucket, row] : rows) {
            csv += QStringLiteral("%1,198.51.100.0/24,%2,%3,%4,,thousandeyes\n")
                       .arg(m_ids.at(seller).value())
                       .arg(rfc3339(m_firstBucket + bucket * kBucket + 60))
                       .arg(row.latencyUs ? QString::number(*row.latencyUs) : QString())
                       .arg(row.lossPpm);
        }
    }
    // A second destination: transit-a fresh, carrier-b only three days ago (stale).
    csv += QStringLiteral("%1,203.0.113.0/24,%2,8000,0,,thousandeyes\n")
               .arg(m_ids.at("transit-a").value())
               .arg(rfc3339(m_firstBucket + (kBuckets - 1) * kBucket + 60));
    csv += QStringLiteral("%1,203.0.113.0/24,%2,9000,0,,thousandeyes\n")
               .arg(m_ids.at("carrier-b").value())
               .arg(rfc3339(now - 3 * 24 * 3600));

    auto admin = m_fx->session(m_fx->admin());
    proto::ImportMeasurements request;
    request.format = proto::MeasurementFormat::Csv;
    const QByteArray bytes = csv.toUtf8();
    request.content.assign(bytes.begin(), bytes.end());
    const client::Incoming reply = admin.request(request);
    const auto *result = as<proto::Result>(reply);
    QVERIFY2(result, qPrintable(describe(reply)));
    QVERIFY2(result->code == proto::ResultCode::Ok, result->message.c_str());
    QVERIFY2(QString::fromStdString(result->message).startsWith("imported 36 samples"),
             result->message.c_str());
}

void tst_QualityLive::chartShowsTheImportedSeries()
{
    QVERIFY(m_window);
    QualityChartView *chart = m_window->chartView();
    QAbstractItemModelTester tester(chart->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Bad input is refused with the reason, here and by the exchange, and shows no chart.
    auto *destination = chart->findChild<QLineEdit *>(QStringLiteral("qualityDestination"));
    QVERIFY(destination);
    QSignalSpy failed(chart, &QualityChartView::failed);
    destination->setText(QStringLiteral("198.51.100.1/24"));
    chart->refresh();
    QCOMPARE(failed.size(), 1);
    QVERIFY2(chart->statusText().startsWith("Destination: "), qPrintable(chart->statusText()));
    QVERIFY(!chart->isLoading());
    destination->setText(QStringLiteral("198.51.100.0/24"));
    chart->setGranularity(proto::QualityGranularity::FiveMinutes);
    chart->setSpanSeconds(365 * 24 * 3600); // 105 120 five-minute buckets: too many points
    chart->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, kWaitMs);
    QVERIFY2(chart->statusText().contains("refused") && chart->statusText().contains("10000"),
             qPrintable(chart->statusText()));
    QCOMPARE(chart->model()->rowCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!chart->isLoading(), kWaitMs);

    // The limits come from the buyer's order, which also picks the destination.
    auto *choice = chart->findChild<QComboBox *>(QStringLiteral("qualityLimitSource"));
    QVERIFY(choice);
    QCOMPARE(choice->count(), 2);
    chart->setGranularity(proto::QualityGranularity::FiveMinutes);
    chart->setSpanSeconds(2 * 3600);
    QSignalSpy loaded(chart, &QualityChartView::loaded);
    choice->setCurrentIndex(1);
    emit choice->activated(1);
    QCOMPARE(chart->limits().maxLatencyUs, 30'000u);
    QCOMPARE(chart->limits().maxLossPpm, 20'000u);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kWaitMs);
    QVERIFY2(!chart->statusText().contains("refused"), qPrintable(chart->statusText()));

    QualitySeriesModel *model = chart->model();
    QCOMPARE(model->rowCount(), 34);
    QCOMPARE(QString::fromStdString(model->destination().toString()), "198.51.100.0/24");
    std::map<QString, int> seen;
    for (int row = 0; row < model->rowCount(); ++row) {
        const proto::QualityPoint &p = model->pointAt(row);
        const QString seller = sellerName(model->sellerNames(), p.seller);
        const std::int64_t bucket = (p.time.seconds() - m_firstBucket) / kBucket;
        QCOMPARE(p.time.seconds(), m_firstBucket + bucket * kBucket);
        QVERIFY2(m_rows[seller].contains(static_cast<int>(bucket)),
                 qPrintable(seller + " bucket " + QString::number(bucket)));
        const Row &expected = m_rows[seller][static_cast<int>(bucket)];
        QCOMPARE(p.lossPpm, expected.lossPpm);
        QCOMPARE(p.samples, 1u);
        QVERIFY(p.source == proto::QualitySource::Csv);
        const QVariant latency = model->index(row, 0).data(QualitySeriesModel::LatencyUsRole);
        QCOMPARE(latency.isValid(), expected.latencyUs.has_value());
        if (expected.latencyUs) {
            // Rollup percentiles are the lower bound of their histogram bin: at most 0.8 % low.
            QVERIFY(latency.toUInt() <= *expected.latencyUs);
            QVERIFY(latency.toUInt() * 1000ull >= *expected.latencyUs * 992ull);
        }
        ++seen[seller];
    }
    QCOMPARE(seen["transit-a"], 12);
    QCOMPARE(seen["carrier-b"], 10);
    QCOMPARE(seen["cable-c"], 12);

    // The chart: one legend entry per seller, with its state when not fresh; carrier-b's line
    // breaks at the missing buckets; cable-c's silent buckets are markers, never 0 ms.
    QVERIFY(chart->sellerState(m_ids["cable-c"]) == proto::QualityState::Unreachable);
    QLineSeries *a = findLine(chart->latencyChart(), "transit-a");
    QVERIFY(a);
    QCOMPARE(a->count(), 12);
    QVERIFY(qAbs(a->at(0).y() - 12.0) < 0.1);
    int carrierSegments = 0;
    int carrierPoints = 0;
    for (QAbstractSeries *series : chart->latencyChart()->series()) {
        auto *line = qobject_cast<QLineSeries *>(series);
        if (line && line->name() == "carrier-b") {
            ++carrierSegments;
            carrierPoints += line->count();
        }
        if (line && line->name().startsWith("cable-c"))
            for (const QPointF &p : line->points())
                QVERIFY(p.y() > 19.0);
    }
    QCOMPARE(carrierSegments, 2);
    QCOMPARE(carrierPoints, 10);
    QLineSeries *c = findLine(chart->latencyChart(), "cable-c — unreachable");
    QVERIFY(c);
    QCOMPARE(c->count(), 8);
    QScatterSeries *silent = nullptr;
    for (QAbstractSeries *series : chart->latencyChart()->series())
        if (auto *s = qobject_cast<QScatterSeries *>(series))
            silent = s;
    QVERIFY(silent);
    QCOMPARE(silent->count(), 4);
    QVERIFY(silent->at(0).y() > 35.0); // on the top edge, above every measured value
    QLineSeries *latencyLimit = findLine(chart->latencyChart(), "your latency limit 30.000 ms");
    QVERIFY(latencyLimit);
    QCOMPARE(latencyLimit->at(0).y(), 30.0);
    QLineSeries *lossLimit = findLine(chart->lossChart(), "your loss limit 2.00 %");
    QVERIFY(lossLimit);
    QCOMPARE(lossLimit->at(0).y(), 2.0);
    QLineSeries *cLoss = findLine(chart->lossChart(), "cable-c — unreachable");
    QVERIFY(cLoss);
    QCOMPARE(cLoss->at(cLoss->count() - 1).y(), 100.0);

    // Through the view's own export, as the user's button does it.
    m_window->tabs()->setCurrentWidget(chart);
    QTest::qWait(50);
    const QString png = imagePath("quality-chart.png");
    QString error;
    QVERIFY2(chart->exportPng(png, &error), qPrintable(error));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 600 && image.height() > 300);
    qInfo("chart: %s", qPrintable(png));
}

void tst_QualityLive::matrixShowsTheCurrentFigures()
{
    QVERIFY(m_window);
    m_window->chartView()->setLimits([] {
        proto::QualityLimits l;
        l.maxLatencyUs = 30'000;
        l.maxLossPpm = 20'000;
        return l;
    }());
    QualityMatrixView *view = m_window->matrixView();
    QualityMatrixModel *model = view->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Empty: every destination with open orders — the buyer's bid on 198.51.100.0/24.
    QSignalSpy loaded(view, &QualityMatrixView::loaded);
    view->setDestinations(QString());
    m_window->showMatrix();
    // The quality service reads the market's open orders every second: ask until it has.
    for (int attempt = 0; attempt < 20 && model->columnCount() == 0; ++attempt) {
        if (attempt > 0) {
            QTest::qWait(500);
            view->refresh();
        }
        QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), attempt + 1, kWaitMs);
    }
    QCOMPARE(model->columnCount(), 1);
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), "198.51.100.0/24");

    view->setDestinations("198.51.100.0/24 203.0.113.0/24");
    const auto before = loaded.size();
    view->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), before + 1, kWaitMs);
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->columnCount(), 2);
    std::map<QString, int> rowOf;
    for (int row = 0; row < model->rowCount(); ++row)
        rowOf[model->headerData(row, Qt::Vertical).toString()] = row;
    QCOMPARE(rowOf.size(), std::size_t(3));
    const auto cellText = [&](const char *seller, int column) {
        return model->index(rowOf.at(seller), column).data().toString();
    };
    const auto state = [&](const char *seller, int column) {
        return model->index(rowOf.at(seller), column).data(QualityMatrixModel::StateRole);
    };
    // transit-a: nearest-rank p50 of 12.0 ... 13.1 ms is the 6th value, 12.5 ms; loss 0.2 %.
    QCOMPARE(cellText("transit-a", 0), "12.500 ms · 0.20 %");
    QCOMPARE(model->index(rowOf.at("transit-a"), 0).data(QualityMatrixModel::MeetsLimitsRole),
             QVariant(true));
    QCOMPARE(cellText("carrier-b", 0), "35.000 ms · 0.50 %");
    QCOMPARE(model->index(rowOf.at("carrier-b"), 0).data(QualityMatrixModel::MeetsLimitsRole),
             QVariant(false));
    QCOMPARE(cellText("cable-c", 0), "unreachable");
    QCOMPARE(state("cable-c", 0).toInt(), int(proto::QualityState::Unreachable));
    QCOMPARE(cellText("transit-a", 1), "8.000 ms · 0.00 %");
    QCOMPARE(state("transit-a", 1).toInt(), int(proto::QualityState::Fresh));
    QCOMPARE(cellText("carrier-b", 1), "9.000 ms · 0.00 % (stale)");
    QCOMPARE(state("carrier-b", 1).toInt(), int(proto::QualityState::Stale));
    QVERIFY(!state("cable-c", 1).isValid()); // no figure of cable-c toward 203.0.113.0/24

    m_window->resize(900, 420);
    QTest::qWait(50);
    const QString png = imagePath("quality-matrix.png");
    QVERIFY(m_window->grab().save(png, "PNG"));
    qInfo("matrix: %s", qPrintable(png));
}

QTEST_MAIN(tst_QualityLive)
#include "tst_quality_live.moc"
