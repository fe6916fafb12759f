// The candidates dialog against a real bwxd: the terminal's ExchangeClient logs in over TLS as a
// buyer, the dialog asks QueryCandidates for a buy and lists the sells a seller placed through
// bwx_client, ranked, with the reason for the one that cannot serve the buy; Enter on the take
// confirmation sends nothing; a click on "Take" sends TakeOrder, the buyer is filled from
// exactly that sell order and the seller gets the fill.
#include "bwxd_fixture.h"
#include "candidates/candidatesdialog.h"
#include "candidates/candidatesmodel.h"
#include "candidates/confirmtakedialog.h"
#include "client/exchangeclient.h"
#include "test_support.h"

#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace bwx;
using namespace bwx::test;
using namespace bwx::terminal;
using namespace std::chrono_literals;

class tst_CandidatesLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void listAndTake();

private:
    std::unique_ptr<BwxdFixture> m_fx;
};

void tst_CandidatesLive::initTestCase()
{
    guarded([&] {
        m_fx = std::make_unique<BwxdFixture>();
        m_fx->start();
        m_fx->addMember("isp-a", 64510);
        m_fx->addMember("transit-b", 64511);
    });
}

void tst_CandidatesLive::cleanupTestCase()
{
    m_fx.reset();
}

void tst_CandidatesLive::listAndTake()
{
    std::optional<client::Connection> seller;
    std::uint64_t cheap = 0, dear = 0, later = 0;
    guarded([&] {
        seller.emplace(m_fx->session(m_fx->member("transit-b")));
        const auto place = [&](proto::NewOrder order) {
            const client::Incoming reply = seller->request(order);
            const auto *update = as<proto::OrderUpdate>(reply);
            if (!update)
                throw std::runtime_error(describe(reply).toStdString());
            return update->order.orderId.value();
        };
        dear = place(limitOrder(Side::Sell, "203.0.0.0/16", 45, 400, 1, 100));
        cheap = place(limitOrder(Side::Sell, "203.0.113.0/24", 42, 300, 2, 100));
        // Delivered a year later than the buy: covers the prefix but cannot serve it.
        proto::NewOrder notNow = limitOrder(Side::Sell, "203.0.0.0/16", 30, 500, 3, 100);
        notNow.params.deliveryStart = notNow.params.deliveryStart + seconds(365 * 86'400);
        notNow.params.deliveryEnd = notNow.params.deliveryStart + seconds(30 * 86'400);
        later = place(notNow);
    });
    if (QTest::currentTestFailed())
        return;

    ExchangeClient client;
    const Credentials buyer = m_fx->member("isp-a");
    ConnectionProfile profile;
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = m_fx->port();
    profile.certificateFile = buyer.cert;
    profile.keyFile = buyer.key;
    profile.caFile = m_fx->caFile();
    QSignalSpy login(&client, &ExchangeClient::loggedIn);
    client.connectToServer(profile);
    QVERIFY2(login.wait(20'000), qPrintable(client.lastError()));

    // The buy as order entry would produce it: 200 Mbps at up to 50 toward the /24.
    proto::OrderParams buy = limitOrder(Side::Buy, "203.0.113.0/24", 50, 200, 0, 100).params;
    std::uint64_t nextId = 1000;
    CandidatesDialog dialog(&client, buy, [&] { return ClientOrderId(++nextId); });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isWaiting(), 20'000);

    CandidatesModel *model = dialog.model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->eligibleCount(), 2);
    // Best price ranking: the cheaper /24 sell first, the covering /16 second.
    QCOMPARE(model->candidateAt(0)->entry.orderId.value(), cheap);
    QCOMPARE(model->candidateAt(0)->rank, 1u);
    QCOMPARE(model->candidateAt(1)->entry.orderId.value(), dear);
    QCOMPARE(model->candidateAt(1)->rank, 2u);
    QCOMPARE(model->candidateAt(2)->entry.orderId.value(), later);
    QCOMPARE(model->candidateAt(2)->rank, 0u);
    QCOMPARE(int(model->candidateAt(2)->reason), int(proto::ResultCode::PeriodNotOverlapping));
    const QString reason = model->index(2, CandidatesModel::EligibilityColumn).data().toString();
    QVERIFY2(!reason.isEmpty() && reason != QLatin1String("eligible"), qPrintable(reason));
    QVERIFY2(dialog.statusText().contains(QLatin1String("2 of 3")),
             qPrintable(dialog.statusText()));

    // An ineligible sell cannot be taken.
    dialog.table()->selectRow(2);
    QVERIFY(!dialog.takeButton()->isEnabled());

    const QString shots = QCoreApplication::applicationDirPath() + QStringLiteral("/screenshots");
    QDir().mkpath(shots);
    dialog.table()->selectRow(0);
    QVERIFY(dialog.takeButton()->isEnabled());
    QVERIFY(dialog.grab().save(shots + QStringLiteral("/terminal-candidates.png")));

    // Enter on the confirmation cancels: nothing is sent.
    QTest::mouseClick(dialog.takeButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog.confirmation() != nullptr);
    ConfirmTakeDialog *confirm = dialog.confirmation();
    QVERIFY(QTest::qWaitForWindowExposed(confirm));
    QVERIFY(confirm->findChild<QWidget *>(QStringLiteral("takeTotal")));
    QVERIFY(confirm->grab().save(shots + QStringLiteral("/terminal-take-confirm.png")));
    QTest::keyClick(confirm, Qt::Key_Return);
    QTRY_VERIFY(dialog.confirmation() == nullptr);
    QVERIFY(!dialog.isWaiting());
    QCOMPARE(nextId, std::uint64_t(1000)); // no client order id drawn, no take sent

    // A click on Take sends it.
    QSignalSpy taken(&dialog, &CandidatesDialog::taken);
    QTRY_VERIFY(dialog.takeButton()->isEnabled());
    QTest::mouseClick(dialog.takeButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog.confirmation() != nullptr);
    QTest::mouseClick(dialog.confirmation()->confirmButton(), Qt::LeftButton);
    QVERIFY2(taken.wait(20'000), qPrintable(dialog.statusText()));
    const auto order = taken.first().first().value<proto::OrderView>();
    QCOMPARE(order.filled, mbps(200));
    QCOMPARE(text(order.status), text(OrderStatus::Filled));
    QCOMPARE(order.params.clientOrderId.value(), std::uint64_t(1001));
    QCOMPARE(int(order.params.timeInForce), int(TimeInForce::ImmediateOrCancel));
    QVERIFY2(dialog.statusText().contains(QLatin1String("Bought 200 Mbps")),
             qPrintable(dialog.statusText()));

    // The seller was filled from exactly the chosen order, at its price.
    guarded([&] {
        const auto fill = nextOf<proto::Fill>(*seller, 10s);
        if (!fill)
            throw std::runtime_error("the seller got no fill");
        QCOMPARE(fill->orderId.value(), cheap);
        QCOMPARE(fill->trade.price, Price(42 * units::kMicro));
        QCOMPARE(fill->trade.capacity, mbps(200));
    });

    // The list refreshes: the taken sell has 100 Mbps left and is still first.
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isWaiting(), 20'000);
    const int row = model->rowOf(OrderId(cheap));
    QVERIFY(row >= 0);
    QCOMPARE(model->candidateAt(row)->entry.remaining, mbps(100));
    client.disconnectFromServer();
}

QTEST_MAIN(tst_CandidatesLive)
#include "tst_candidates_live.moc"
