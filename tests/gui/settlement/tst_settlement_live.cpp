// The terminal's settlement views against a real bwxd with settlement on. Two members trade
// 10 Mbit/s toward 203.0.113.0/24, delivered last month and this one; an exporter (this test,
// allow-listed) sends IPFIX with absolute flow times to bwxd's collector: a day-long flow per
// day of last month at 4-14 Mbit/s and short 40 Mbit/s bursts, from the buyer's registered
// prefix to the traded destination.
// Then, in process and offscreen, over the terminal's own ExchangeClient: the statements window
// (opened from the Settlement menu) must show exactly the statement bwxd gives bwx_client, its
// 95th percentile must equal an independent sort-and-pick over the usage samples, the chart must
// draw those samples and the committed capacity, and the CSV and PDF exports must be the
// server's bytes. Writes (with BWX_UPDATE_DOC_IMAGES=1 into docs/images/, otherwise under screenshots/ beside the test) settlement-statements.png and settlement-usage-chart.png.
//
// The IPFIX datagrams are built by the settlement fixtures rather than by softflowd: the test
// needs flows dated in last month (softflowd dates flows from the pcap's packet times and gives
// no control over their spread across a month), and tst_flow_collection already checks the real
// softflowd against the collector.
#include "bwxd_fixture.h"
#include "test_support.h"

#include "client/exchangeclient.h"
#include "settlement/billingmonth.h"
#include "settlement/settlementui.h"
#include "settlement/statementmodel.h"
#include "settlement/statementsview.h"
#include "settlement/usagechartview.h"
#include "settlement/usageseriesmodel.h"

#include <bwx/settlement/fixtures/byte_writer.h>
#include <bwx/settlement/fixtures/export_builder.h>

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QMainWindow>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>
#include <algorithm>

using namespace bwx;
using namespace bwx::test;
using namespace bwx::terminal;
using namespace bwx::terminal::settlement;
using namespace std::chrono_literals;
namespace fx = bwx::settlement::fixtures;

namespace {

constexpr int kWaitMs = 20'000;
constexpr std::int64_t kBin = 300;
constexpr std::uint16_t kTemplate = 256;

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

struct Flow
{
    std::uint32_t src = 0;
    std::uint32_t dst = 0;
    std::uint64_t bytes = 0;
    std::int64_t start = 0; // unix seconds
    std::int64_t end = 0;
};

// IPFIX with absolute times: sourceIPv4Address, destinationIPv4Address, octetDeltaCount,
// packetDeltaCount, flowStartSeconds, flowEndSeconds.
std::vector<std::vector<std::uint8_t>> ipfixDatagrams(const std::vector<Flow> &flows)
{
    const std::vector<fx::FieldSpec> fields{{8, 4}, {12, 4}, {1, 8}, {2, 8}, {150, 4}, {151, 4}};
    std::vector<std::vector<std::uint8_t>> datagrams;
    std::uint32_t sequence = 0;
    const auto now = static_cast<std::uint32_t>(QDateTime::currentSecsSinceEpoch());
    for (std::size_t first = 0; first < flows.size(); first += 20) {
        const std::size_t last = std::min(flows.size(), first + 20);
        fx::ByteWriter records;
        for (std::size_t i = first; i < last; ++i) {
            const Flow &f = flows[i];
            records.u32(f.src).u32(f.dst).u64(f.bytes).u64(f.bytes / 1000 + 1);
            records.u32(static_cast<std::uint64_t>(f.start)).u32(static_cast<std::uint64_t>(f.end));
        }
        datagrams.push_back(fx::ExportBuilder::ipfix(now, sequence, 1)
                                .templateSet(kTemplate, fields)
                                .dataSet(kTemplate, records.data())
                                .finish());
        sequence += static_cast<std::uint32_t>(last - first);
    }
    return datagrams;
}

std::uint32_t v4(const char *text)
{
    return net::Address::parse(text)->v4Value();
}

quint16 freeUdpPort()
{
    QUdpSocket probe;
    if (!probe.bind(QHostAddress::LocalHost, 0))
        return 0;
    return probe.localPort();
}

// The 95th percentile as docs/settlement.md defines it, computed here from the samples bwxd
// reports: every bin of the window a sample (0 when not reported), the top N/20 dropped.
Bandwidth independentP95(const proto::UsageSeries &series, std::int64_t from, std::int64_t to)
{
    const std::int64_t bins = (to - from) / kBin;
    std::vector<std::int64_t> rates(static_cast<std::size_t>(bins), 0);
    for (const proto::UsageSample &s : series.samples) {
        const std::int64_t i = (s.binStart.seconds() - from) / kBin;
        if (i >= 0 && i < bins)
            rates[static_cast<std::size_t>(i)]
                = std::max(s.rateForward.value(), s.rateReverse.value());
    }
    std::sort(rates.begin(), rates.end());
    const std::size_t keep = rates.size() - rates.size() / 20;
    return keep == 0 ? Bandwidth{} : Bandwidth(rates[keep - 1]);
}

} // namespace

class tst_SettlementLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void statementMatchesTheServer();
    void chartShowsTheMeasuredUsage();
    // Before the exports, so the pictures show the statement's own message line.
    void screenshots();
    void exportsAreTheServersDocuments_data();
    void exportsAreTheServersDocuments();

private:
    void trade();
    void sendFlows();

    std::unique_ptr<BwxdFixture> m_fx;
    quint16 m_ipfixPort = 0;
    BillingMonth m_month;
    TradeId m_trade{};
    std::uint64_t m_sentBytes = 0;
    proto::Statement m_serverStatement;
    proto::UsageSeries m_serverUsage;
    std::unique_ptr<ExchangeClient> m_client;
    std::unique_ptr<QMainWindow> m_window;
    SettlementUi *m_ui = nullptr;
    StatementsView *m_view = nullptr;
};

void tst_SettlementLive::initTestCase()
{
    m_month = monthContaining(Timestamp::fromSeconds(QDateTime::currentSecsSinceEpoch())).previous();
    m_ipfixPort = freeUdpPort();
    QVERIFY(m_ipfixPort != 0);
    guarded([&] {
        m_fx = std::make_unique<BwxdFixture>();
        m_fx->setOption("settlement", "ipfix", QStringLiteral("[\"127.0.0.1:%1\"]").arg(m_ipfixPort));
        m_fx->setOption("settlement", "exporter", "[{address = \"127.0.0.1\", name = \"edge-1\"}]");
        m_fx->setOption("settlement", "member",
                        "[{name = \"isp-a\", prefixes = [\"192.0.2.0/24\"]}, "
                        "{name = \"transit-b\", prefixes = [\"198.18.0.0/24\"]}]");
        m_fx->setOption("settlement", "flush_interval_ms", "50");
        m_fx->setOption("settlement", "issuer", "\"BWX test exchange\"");
        m_fx->start();
        m_fx->addMember("isp-a", 64510);
        m_fx->addMember("transit-b", 64511);
    });
    if (QTest::currentTestFailed())
        return;
    trade();
    if (QTest::currentTestFailed())
        return;
    sendFlows();
    if (QTest::currentTestFailed())
        return;

    m_client = std::make_unique<ExchangeClient>();
    QSignalSpy login(m_client.get(), &ExchangeClient::loggedIn);
    const Credentials buyer = m_fx->member("isp-a");
    ConnectionProfile profile;
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = m_fx->port();
    profile.certificateFile = buyer.cert;
    profile.keyFile = buyer.key;
    profile.caFile = m_fx->caFile();
    m_client->connectToServer(profile);
    QTRY_COMPARE_WITH_TIMEOUT(login.size(), 1, kWaitMs);

    // As the terminal does it: the Settlement menu's action opens the window on this month.
    m_window = std::make_unique<QMainWindow>();
    m_ui = new SettlementUi(m_client.get(), m_window.get());
    QCOMPARE(m_ui->statementsAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_ui->statementsAction()->trigger();
    m_view = m_ui->statementsView();
    QVERIFY(m_view);
    QVERIFY(m_ui->statementsWindow()->isVisible());
    QCOMPARE(m_view->selectedPeriodStart().value(), m_month.next().start().value());
    // This month: the trade is in delivery, nothing measured yet.
    QTRY_VERIFY_WITH_TIMEOUT(m_view->statementModel()->hasStatement(), kWaitMs);
    QCOMPARE(m_view->statementModel()->rowCount(), 1);
    QCOMPARE(m_view->statementModel()->lineAt(0)->p95.value(), 0);

    QVERIFY(m_view->selectPeriod(m_month.start()));
    m_view->reload();
    QTRY_VERIFY_WITH_TIMEOUT(m_view->statementModel()->hasStatement(), kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->usageModel()->hasSeries(), kWaitMs);
}

void tst_SettlementLive::cleanupTestCase()
{
    m_window.reset();
    m_client.reset();
    m_fx.reset();
}

void tst_SettlementLive::trade()
{
    guarded([&] {
        auto seller = m_fx->session(m_fx->member("transit-b"));
        auto buyer = m_fx->session(m_fx->member("isp-a"));
        proto::NewOrder sell = limitOrder(Side::Sell, "203.0.113.0/24", 42, 10, 1, 10);
        proto::NewOrder buy = limitOrder(Side::Buy, "203.0.113.0/24", 43, 10, 2, 10);
        for (proto::NewOrder *o : {&sell, &buy}) {
            o->params.deliveryStart = m_month.start();
            // Delivery must end in the future: last month and this one.
            o->params.deliveryEnd = m_month.next().end();
        }
        const client::Incoming rested = seller.request(sell);
        QVERIFY2(as<proto::OrderUpdate>(rested), qPrintable(describe(rested)));
        const client::Incoming crossed = buyer.request(buy);
        QVERIFY2(as<proto::OrderUpdate>(crossed), qPrintable(describe(crossed)));
        const auto fill = nextOf<proto::Fill>(buyer, 10s);
        QVERIFY(fill.has_value());
        m_trade = fill->trade.tradeId;
    });
}

void tst_SettlementLive::sendFlows()
{
    const std::int64_t start = m_month.start().seconds();
    const std::int64_t days = (m_month.end().seconds() - start) / 86'400;
    std::vector<Flow> flows;
    // Every day but the last two: 4..14 Mbit/s for the whole day (kbit/s × 37,500 = bytes a bin).
    for (std::int64_t d = 0; d + 2 < days; ++d) {
        const std::uint64_t kbps = 4'000 + static_cast<std::uint64_t>((d * 7) % 11) * 1'000;
        flows.push_back({v4("192.0.2.10"), v4("203.0.113.5"), kbps * 37'500 * 288,
                         start + d * 86'400, start + (d + 1) * 86'400});
    }
    // Bursts of 40 Mbit/s for five minutes, fewer than the 5% of bins the percentile drops.
    for (std::int64_t i = 0; i < 12; ++i) {
        const std::int64_t at = start + 3 * 86'400 + 9 * 3600 + i * 3 * kBin;
        flows.push_back({v4("192.0.2.77"), v4("203.0.113.200"), 40'000ULL * 37'500, at, at + kBin});
    }
    for (const Flow &f : flows)
        m_sentBytes += f.bytes;

    QUdpSocket socket;
    for (const auto &datagram : ipfixDatagrams(flows))
        QCOMPARE(socket.writeDatagram(reinterpret_cast<const char *>(datagram.data()),
                                      static_cast<qint64>(datagram.size()), QHostAddress::LocalHost,
                                      m_ipfixPort),
                 static_cast<qint64>(datagram.size()));

    // bwx_client as the member: wait until every byte is attributed to the trade.
    guarded([&] {
        auto buyer = m_fx->session(m_fx->member("isp-a"));
        std::uint64_t seen = 0;
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (std::chrono::steady_clock::now() < deadline) {
            const client::Incoming reply
                = buyer.request(proto::QueryUsage{m_trade, m_month.start(), m_month.end()});
            const auto *series = as<proto::UsageSeries>(reply);
            QVERIFY2(series, qPrintable(describe(reply)));
            seen = 0;
            for (const proto::UsageSample &s : series->samples)
                seen += s.bytesForward;
            if (seen == m_sentBytes) {
                m_serverUsage = *series;
                break;
            }
            QTest::qWait(100);
        }
        QCOMPARE(seen, m_sentBytes);
        const client::Incoming reply
            = buyer.request(proto::QueryStatement{MemberId{}, m_month.start()});
        const auto *statement = as<proto::Statement>(reply);
        QVERIFY2(statement, qPrintable(describe(reply)));
        m_serverStatement = *statement;
    });
}

void tst_SettlementLive::statementMatchesTheServer()
{
    QVERIFY(m_view);
    StatementModel *model = m_view->statementModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model->statement() == m_serverStatement);
    QCOMPARE(model->rowCount(), 1);
    const proto::StatementLine *line = model->lineAt(0);
    QVERIFY(line);
    QCOMPARE(line->trade.value(), m_trade.value());
    QVERIFY(line->role == Side::Buy);
    QCOMPARE(line->counterpartyName, std::string("transit-b"));
    QCOMPARE(line->committed.value(), mbps(10).value());
    // The billed figure against an independent calculation over the reported samples.
    const Bandwidth p95 = independentP95(m_serverUsage, m_month.start().seconds(),
                                         m_month.end().seconds());
    QCOMPARE(line->p95.value(), p95.value());
    QVERIFY2(line->p95 > line->committed, "the day-long flows reach 14 Mbit/s: overage expected");
    QVERIFY(line->overage.isPositive());
    const auto amount = amountFor(Price(42 * units::kMicro), mbps(10), m_month.end() - m_month.start());
    QVERIFY(amount.has_value());
    QCOMPARE(line->amount.value(), amount->value());
    QCOMPARE(line->total.value(), (line->amount + line->overage - line->credits).value());
    QCOMPARE(model->index(0, StatementModel::P95Column).data().toString(),
             QString::fromStdString(formatBandwidth(p95)));
    QCOMPARE(model->index(0, StatementModel::TotalColumn).data().toString(),
             QString::fromStdString(formatMoney(line->total)));
    QVERIFY2(m_view->totalsLabel()->text().contains(
                 "Payable " + QString::fromStdString(formatMoney(m_serverStatement.totalPayable))),
             qPrintable(m_view->totalsLabel()->text()));
}

void tst_SettlementLive::chartShowsTheMeasuredUsage()
{
    QVERIFY(m_view);
    UsageSeriesModel *usage = m_view->usageModel();
    QAbstractItemModelTester tester(usage, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(usage->series() == m_serverUsage);
    QCOMPARE(usage->from().value(), m_month.start().value());
    QCOMPARE(usage->to().value(), m_month.end().value());
    QCOMPARE(usage->series().p95.value(), m_serverStatement.lines.at(0).p95.value());
    UsageChartView *chart = m_view->chartView();
    // Above 10 Mbit/s the axis is in Mbit/s.
    QCOMPARE(chart->committedSeries()->points().at(0).y(), 10.0);
    QCOMPARE(chart->p95Series()->points().at(0).y(),
             static_cast<qreal>(usage->series().p95.value()) / 1000);
    qreal peak = 0;
    for (const QPointF &p : chart->forwardSeries()->points())
        peak = std::max(peak, p.y());
    QCOMPARE(peak, static_cast<qreal>(usage->peak().value()) / 1000);
    QVERIFY2(peak >= 40.0, qPrintable(QString::number(peak))); // a burst on top of the day
}

void tst_SettlementLive::exportsAreTheServersDocuments_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QByteArray>("magic");
    QTest::newRow("csv") << int(proto::DocumentFormat::Csv) << QByteArray("member,member_name,period_start");
    QTest::newRow("pdf") << int(proto::DocumentFormat::Pdf) << QByteArray("%PDF-");
}

void tst_SettlementLive::exportsAreTheServersDocuments()
{
    QFETCH(int, format);
    QFETCH(QByteArray, magic);
    QVERIFY(m_view);
    QTemporaryDir dir;
    const QString path = dir.filePath("statement");
    QSignalSpy exported(m_view, &StatementsView::exported);
    QVERIFY(m_view->exportTo(static_cast<proto::DocumentFormat>(format), path));
    QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, kWaitMs);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY2(saved.startsWith(magic), saved.left(40).constData());

    proto::Document expected;
    guarded([&] {
        auto buyer = m_fx->session(m_fx->member("isp-a"));
        proto::QueryStatementDocument query;
        query.periodStart = m_month.start();
        query.format = static_cast<proto::DocumentFormat>(format);
        const client::Incoming reply = buyer.request(query);
        const auto *document = as<proto::Document>(reply);
        QVERIFY2(document, qPrintable(describe(reply)));
        expected = *document;
    });
    QCOMPARE(saved, QByteArray(reinterpret_cast<const char *>(expected.content.data()),
                               static_cast<qsizetype>(expected.content.size())));
}

void tst_SettlementLive::screenshots()
{
    QVERIFY(m_view);
    QWidget *window = m_ui->statementsWindow();
    window->resize(1280, 800);
    QVERIFY(QTest::qWaitForWindowExposed(window));
    const QImage statements = window->grab().toImage();
    QCOMPARE(statements.size(), QSize(1280, 800));
    QVERIFY(statements.save(imagePath("settlement-statements.png")));
    UsageChartView *chart = m_view->chartView();
    const QSize old = chart->size();
    chart->resize(1100, 520);
    const QImage usage = chart->grab().toImage();
    chart->resize(old);
    QVERIFY(usage.save(imagePath("settlement-usage-chart.png")));
    qInfo("screenshots: %s, %s", qPrintable(imagePath("settlement-statements.png")),
          qPrintable(imagePath("settlement-usage-chart.png")));
}

QTEST_MAIN(tst_SettlementLive)
#include "tst_settlement_live.moc"
