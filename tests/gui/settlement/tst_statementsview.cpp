// The statements view driven by recorded protocol messages: what it asks bwxd for (the month's
// statement, the selected trade's usage over its billed window, the CSV / PDF document) and
// what it makes of the answers — the table and totals, the chart's lines, the document's bytes
// written unchanged, stale answers ignored, refusals shown. No server: requests go to a recorder
// and answers are handed to SettlementRequests as the ExchangeClient would.
#include "settlementsamples.h"

#include <algorithm>

#include "settlement/settlementrequests.h"
#include "settlement/statementmodel.h"
#include "settlement/statementsview.h"
#include "settlement/usagechartview.h"
#include "settlement/usageseriesmodel.h"

#include <QAbstractAxis>
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal::settlement;
using namespace bwx::terminal::settlement::test;

namespace {

struct Recorder
{
    std::vector<proto::Message> sent;
    bool connected = true;
    quint32 operator()(const proto::Message &m)
    {
        if (!connected)
            return 0;
        sent.push_back(m);
        return static_cast<quint32>(sent.size());
    }
    quint32 lastId() const { return static_cast<quint32>(sent.size()); }
    template<class T> const T *last() const
    {
        return sent.empty() ? nullptr : std::get_if<T>(&sent.back());
    }
};

proto::UsageSeries trade7Usage()
{
    proto::UsageSeries s;
    s.trade = TradeId(7);
    s.committed = mbps(10);
    s.p95 = Bandwidth(13'600);
    s.usage = 1;
    // Two days of traffic early in October, a 40 Mbit/s burst among them.
    for (std::int64_t bin = 288; bin < 3 * 288; ++bin) {
        proto::UsageSample sample;
        sample.binStart = Timestamp::fromSeconds(kOctober2026 + bin * 300);
        const std::int64_t kbps = bin == 400 ? 40'000 : 6'000 + (bin % 288) * 30;
        sample.rateForward = Bandwidth(kbps);
        sample.bytesForward = static_cast<std::uint64_t>(kbps) * 37'500;
        sample.rateReverse = Bandwidth(kbps / 20);
        sample.bytesReverse = static_cast<std::uint64_t>(kbps / 20) * 37'500;
        s.samples.push_back(sample);
    }
    return s;
}

std::vector<std::uint8_t> bytes(const QByteArray &data)
{
    return {data.begin(), data.end()};
}

} // namespace

class tst_StatementsView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void periodsEndWithTheExchangesMonth();
    void statementFillsTheTableAndAsksForUsage();
    void usageDrawsTheChart();
    void staleAnswersAreIgnored();
    void refusalsAreShown_data();
    void refusalsAreShown();
    void exportWritesTheServersBytes_data();
    void exportWritesTheServersBytes();
    void exportToAnUnwritablePathFails();
    void screenshot();
    void cancelledLinesScreenshot();

private:
    void loadOctober();

    Recorder m_recorder;
    std::unique_ptr<SettlementRequests> m_requests;
    std::unique_ptr<StatementsView> m_view;
    std::unique_ptr<QAbstractItemModelTester> m_statementTester;
    std::unique_ptr<QAbstractItemModelTester> m_usageTester;
};

void tst_StatementsView::init()
{
    m_recorder = {};
    m_requests = std::make_unique<SettlementRequests>(
        [this](const proto::Message &m) { return m_recorder(m); });
    // The exchange's clock: 2026-11-11.
    m_view = std::make_unique<StatementsView>(
        m_requests.get(), [] { return Timestamp::fromSeconds(kNovember2026 + 10 * 86400); });
    m_statementTester = std::make_unique<QAbstractItemModelTester>(
        m_view->statementModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_usageTester = std::make_unique<QAbstractItemModelTester>(
        m_view->usageModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_view->resize(1200, 760);
}

void tst_StatementsView::cleanup()
{
    m_statementTester.reset();
    m_usageTester.reset();
    m_view.reset();
    m_requests.reset();
}

void tst_StatementsView::loadOctober()
{
    QVERIFY(m_view->selectPeriod(Timestamp::fromSeconds(kOctober2026)));
    m_view->reload();
    const auto *query = m_recorder.last<proto::QueryStatement>();
    QVERIFY(query);
    QCOMPARE(query->periodStart.seconds(), kOctober2026);
    QCOMPARE(query->member.value(), 0u); // the caller's own statement
    m_requests->handleMessage(m_recorder.lastId(), octoberStatement());
}

void tst_StatementsView::periodsEndWithTheExchangesMonth()
{
    QComboBox *box = m_view->periodBox();
    QCOMPARE(box->count(), 13);
    QCOMPARE(box->itemText(0), QStringLiteral("2026-11"));
    QCOMPARE(box->itemText(1), QStringLiteral("2026-10"));
    QCOMPARE(box->itemText(12), QStringLiteral("2025-11"));
    QCOMPARE(m_view->selectedPeriodStart().seconds(), kNovember2026);
    QVERIFY(!m_view->selectPeriod(Timestamp::fromSeconds(kOctober2026 + 1))); // not a month start
}

void tst_StatementsView::statementFillsTheTableAndAsksForUsage()
{
    loadOctober();
    QCOMPARE(m_view->statementModel()->rowCount(), 3);
    QCOMPARE(m_view->table()->model()->rowCount(), 3);
    QVERIFY2(m_view->totalsLabel()->text().contains(QStringLiteral("Net -3626.799995")),
             qPrintable(m_view->totalsLabel()->text()));
    QVERIFY2(m_view->messageLabel()->text().contains(QStringLiteral("isp-a")),
             qPrintable(m_view->messageLabel()->text()));
    // The first line is selected and its usage asked for over the billed window.
    const auto *usage = m_recorder.last<proto::QueryUsage>();
    QVERIFY(usage);
    QCOMPARE(usage->trade.value(), 7u);
    QCOMPARE(usage->from.seconds(), kOctober2026);
    QCOMPARE(usage->to.seconds(), kNovember2026);
    // Another line: another query.
    m_view->table()->selectRow(2);
    usage = m_recorder.last<proto::QueryUsage>();
    QVERIFY(usage);
    QCOMPARE(usage->trade.value(), 12u);
}

void tst_StatementsView::usageDrawsTheChart()
{
    loadOctober();
    const quint32 usageId = m_recorder.lastId();
    QVERIFY(m_recorder.last<proto::QueryUsage>());
    UsageChartView *chart = m_view->chartView();
    const auto axesShown = [chart] {
        const QList<QAbstractAxis *> axes = chart->chart()->axes();
        return !axes.isEmpty()
               && std::all_of(axes.begin(), axes.end(),
                              [](const QAbstractAxis *a) { return a->isVisible(); });
    };
    // Before any usage arrives there is no time span or rate scale to draw.
    QVERIFY(!axesShown());
    m_requests->handleMessage(usageId, trade7Usage());
    QVERIFY(axesShown());
    QCOMPARE(m_view->usageModel()->rowCount(), 2 * 288);
    // Above 10 Mbit/s the axis is in Mbit/s: the capacity at 10, the 95th percentile at 13.6.
    const QList<QPointF> committed = chart->committedSeries()->points();
    QCOMPARE(committed.size(), 2);
    QCOMPARE(committed[0].y(), 10.0);
    QCOMPARE(committed[0].x(), qreal(kOctober2026) * 1000);
    QCOMPARE(committed[1].x(), qreal(kNovember2026) * 1000);
    QCOMPARE(chart->p95Series()->points().at(1).y(), 13.6);
    // Zero from the window's start to the first sample, the samples, zero after the last.
    const QList<QPointF> forward = chart->forwardSeries()->points();
    QCOMPARE(forward.size(), 2 * 288 + 5);
    qreal peak = 0;
    for (const QPointF &p : forward)
        peak = std::max(peak, p.y());
    QCOMPARE(peak, 40.0);
    QCOMPARE(forward.last(), QPointF(qreal(kNovember2026) * 1000, 0));
    QVERIFY(chart->chart()->title().contains(QStringLiteral("over the committed capacity")));
}

void tst_StatementsView::staleAnswersAreIgnored()
{
    QVERIFY(m_view->selectPeriod(Timestamp::fromSeconds(kOctober2026)));
    m_view->reload();
    const quint32 first = m_recorder.lastId();
    m_view->reload(); // asked again before the first answer came
    const quint32 second = m_recorder.lastId();
    QVERIFY(first != second);
    m_requests->handleMessage(first, octoberStatement());
    QCOMPARE(m_view->statementModel()->rowCount(), 0);
    QVERIFY(!m_view->statementModel()->hasStatement());
    m_requests->handleMessage(second, octoberStatement());
    QCOMPARE(m_view->statementModel()->rowCount(), 3);
}

void tst_StatementsView::refusalsAreShown_data()
{
    QTest::addColumn<bool>("connected");
    QTest::addColumn<QString>("serverMessage");
    QTest::addColumn<QString>("shown");
    QTest::newRow("server refuses the period")
        << true << "query_statement: 2026-10-02 is not the start of a month"
        << "Statement not available: query_statement: 2026-10-02 is not the start of a month";
    QTest::newRow("settlement not running")
        << true << "settlement is not running"
        << "Statement not available: settlement is not running";
    QTest::newRow("no session") << false << QString()
                                << "Statement not available: Not connected to the exchange";
}

void tst_StatementsView::refusalsAreShown()
{
    QFETCH(bool, connected);
    QFETCH(QString, serverMessage);
    QFETCH(QString, shown);
    m_recorder.connected = connected;
    m_view->reload();
    if (connected)
        m_requests->handleFailure(m_recorder.lastId(), serverMessage);
    QCOMPARE(m_view->messageLabel()->text(), shown);
    QVERIFY(m_view->messageLabel()->property("error").toBool());
    QCOMPARE(m_view->statementModel()->rowCount(), 0);
}

void tst_StatementsView::exportWritesTheServersBytes_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("csv, CRLF line ends kept")
        << int(proto::DocumentFormat::Csv)
        << QByteArray("member,period_start,period_end,trade_id\r\nisp-a,2026-10-01T00:00:00Z,"
                      "2026-11-01T00:00:00Z,7\r\n");
    QTest::newRow("pdf, binary bytes kept")
        << int(proto::DocumentFormat::Pdf)
        << QByteArray("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n\x00\x01\xff stream\n%%EOF\n", 32);
}

void tst_StatementsView::exportWritesTheServersBytes()
{
    QFETCH(int, format);
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(m_view->selectPeriod(Timestamp::fromSeconds(kOctober2026)));
    const QString path = dir.filePath("statement.out");
    QSignalSpy exported(m_view.get(), &StatementsView::exported);
    QVERIFY(m_view->exportTo(static_cast<proto::DocumentFormat>(format), path));
    const auto *query = m_recorder.last<proto::QueryStatementDocument>();
    QVERIFY(query);
    QCOMPARE(int(query->format), format);
    QCOMPARE(query->periodStart.seconds(), kOctober2026);
    QVERIFY(!QFile::exists(path)); // nothing is written before the server answers
    proto::Document document;
    document.fileName = "statement-isp-a-2026-10.x";
    document.mediaType = format == int(proto::DocumentFormat::Csv) ? "text/csv" : "application/pdf";
    document.content = bytes(content);
    m_requests->handleMessage(m_recorder.lastId(), document);
    QCOMPARE(exported.size(), 1);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), content);
}

void tst_StatementsView::exportToAnUnwritablePathFails()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("missing-directory/statement.csv");
    QSignalSpy failed(m_view.get(), &StatementsView::exportFailed);
    QVERIFY(m_view->exportTo(proto::DocumentFormat::Csv, path));
    proto::Document document;
    document.content = bytes("a,b\r\n");
    m_requests->handleMessage(m_recorder.lastId(), document);
    QCOMPARE(failed.size(), 1);
    QVERIFY(!QFile::exists(path));
    QVERIFY(m_view->messageLabel()->text().startsWith(QStringLiteral("Cannot write")));
}

void tst_StatementsView::screenshot()
{
    loadOctober();
    m_requests->handleMessage(m_recorder.lastId(), trade7Usage());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    const QImage image = m_view->grab().toImage();
    const QString dir = QDir(qEnvironmentVariable("BWX_BINARY_DIR")).filePath("screenshots");
    QDir().mkpath(dir);
    QVERIFY(image.save(QDir(dir).filePath("statements-recorded.png")));
    QCOMPARE(image.size(), QSize(1200, 760));
}

void tst_StatementsView::cancelledLinesScreenshot()
{
    QVERIFY(m_view->selectPeriod(Timestamp::fromSeconds(kOctober2026)));
    m_view->reload();
    m_requests->handleMessage(m_recorder.lastId(), octoberWithCancelledTrades());
    // The status column is visible and the table reads the cancellation from the server's line.
    const QAbstractItemModel *table = m_view->table()->model();
    QVERIFY(!m_view->table()->isColumnHidden(StatementModel::StatusColumn));
    QCOMPARE(table->index(1, StatementModel::StatusColumn).data().toString(),
             QStringLiteral("Cancelled"));
    QCOMPARE(table->index(0, StatementModel::StatusColumn).data().toString(), QString());
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    const QImage image = m_view->grab().toImage();
    const QString dir = QDir(qEnvironmentVariable("BWX_BINARY_DIR")).filePath("screenshots");
    QDir().mkpath(dir);
    QVERIFY(image.save(QDir(dir).filePath("statements-cancelled.png")));
}

QTEST_MAIN(tst_StatementsView)
#include "tst_statementsview.moc"
