// The smaller views: the connect dialog's checks, the amend dialog's validation (Enter
// cancels), cancel-all's confirmation (No is the default), CSV export exactness, and the
// status bar's freshness colours.
#include "models/myordersmodel.h"
#include "models/tradesmodel.h"
#include "support/marketbuilders.h"
#include "support/testpki.h"
#include "views/amendorderdialog.h"
#include "views/connectdialog.h"
#include "views/connectionstatuswidget.h"
#include "views/csvexport.h"
#include "views/myordersview.h"
#include "views/tradesview.h"

#include <QApplication>
#include <QBuffer>
#include <QCheckBox>
#include <QFile>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

class tst_Dialogs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void connectDialogChecks_data();
    void connectDialogChecks();
    void connectDialogProfileDirectory();
    void amendValidation_data();
    void amendValidation();
    void amendEnterCancels();
    void cancelAllAsksAndDefaultsToNo();
    void cancelSelectedSkipsFinishedOrders();
    void csvQuoting_data();
    void csvQuoting();
    void csvExportOfTrades();
    void statusFeedTurnsStale();

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
};

void tst_Dialogs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_pki.create(m_dir.path(), &error), qPrintable(error));
}

void tst_Dialogs::connectDialogChecks_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("ca");
    QTest::addColumn<QString>("message");

    const QString missing = m_dir.filePath("missing.pem");
    QTest::newRow("valid") << "127.0.0.1:7400" << m_pki.clientCert << m_pki.clientKey
                           << m_pki.caCert << "";
    QTest::newRow("no port") << "127.0.0.1" << m_pki.clientCert << m_pki.clientKey << m_pki.caCert
                             << "Server address '127.0.0.1' has no port (expected host:port)";
    QTest::newRow("missing key file")
        << "127.0.0.1:7400" << m_pki.clientCert << missing << m_pki.caCert
        << QStringLiteral("Cannot read the key file %1: No such file or directory").arg(missing);
    QTest::newRow("certificate where the key belongs")
        << "127.0.0.1:7400" << m_pki.clientCert << m_pki.clientCert << m_pki.caCert
        << QStringLiteral("The key file %1 holds no unencrypted PEM private key (RSA, EC or DSA)")
               .arg(m_pki.clientCert);
    QTest::newRow("key where the CA belongs")
        << "127.0.0.1:7400" << m_pki.clientCert << m_pki.clientKey << m_pki.clientKey
        << QStringLiteral("The CA file %1 holds no PEM certificate").arg(m_pki.clientKey);
    QTest::newRow("no certificate")
        << "127.0.0.1:7400"
        << "" << m_pki.clientKey << m_pki.caCert << "No certificate file given";
}

void tst_Dialogs::connectDialogChecks()
{
    QFETCH(QString, server);
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(QString, ca);
    QFETCH(QString, message);

    ConnectDialog dialog({});
    dialog.serverEdit()->setText(server);
    dialog.certificateEdit()->setText(cert);
    dialog.keyEdit()->setText(key);
    dialog.caEdit()->setText(ca);
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    dialog.accept();
    QCOMPARE(dialog.errorText(), message);
    QCOMPARE(accepted.size(), message.isEmpty() ? 1 : 0);
    if (message.isEmpty()) {
        QCOMPARE(dialog.profile().port, quint16(7400));
        QCOMPARE(dialog.profile().keyFile, key);
    }
}

void tst_Dialogs::connectDialogProfileDirectory()
{
    ConnectDialog dialog({});
    dialog.useProfileDirectory(QStringLiteral("/home/noc/.bwx/isp-a"));
    QCOMPARE(dialog.certificateEdit()->text(), QStringLiteral("/home/noc/.bwx/isp-a/member.crt"));
    QCOMPARE(dialog.keyEdit()->text(), QStringLiteral("/home/noc/.bwx/isp-a/member.key"));
    QCOMPARE(dialog.caEdit()->text(), QStringLiteral("/home/noc/.bwx/isp-a/ca.crt"));
}

void tst_Dialogs::amendValidation_data()
{
    QTest::addColumn<QString>("price");
    QTest::addColumn<QString>("capacity");
    QTest::addColumn<QString>("message");
    QTest::addColumn<qlonglong>("newPrice");
    QTest::addColumn<qlonglong>("newCapacity");

    QTest::newRow("price only") << "0.41"
                                << "100 Mbps"
                                << "" << 410'000LL << 0LL;
    QTest::newRow("capacity only") << "0.40"
                                   << "50"
                                   << "" << 0LL << 50'000LL;
    QTest::newRow("nothing changed") << "0.40"
                                     << "100"
                                     << "Change the price or the capacity" << 0LL << 0LL;
    QTest::newRow("price with 7 decimals")
        << "0.4000001"
        << "100"
        << "Price: invalid price '0.4000001': more than 6 decimal places" << 0LL << 0LL;
    QTest::newRow("capacity not whole blocks")
        << "0.40"
        << "55"
        << "Capacity 55 Mbps is not a whole number of 10 Mbps minimum blocks" << 0LL << 0LL;
    QTest::newRow("capacity below what is filled")
        << "0.40"
        << "30"
        << "Capacity must be more than the 30 Mbps already filled" << 0LL << 0LL;
}

void tst_Dialogs::amendValidation()
{
    QFETCH(QString, price);
    QFETCH(QString, capacity);
    QFETCH(QString, message);
    QFETCH(qlonglong, newPrice);
    QFETCH(qlonglong, newCapacity);

    AmendOrderDialog dialog(
        order(42, Side::Buy, "203.0.113.0/24", "0.40", 100, OrderStatus::PartiallyFilled, 30));
    dialog.priceEdit()->setText(price);
    dialog.capacityEdit()->setText(capacity);
    const auto request = dialog.request();
    QCOMPARE(dialog.errorText(), message);
    QCOMPARE(request.has_value(), message.isEmpty());
    if (request) {
        QCOMPARE(request->orderId.value(), 42u);
        QCOMPARE(request->newPrice.value(), newPrice);
        QCOMPARE(request->newCapacity.value(), newCapacity);
    }
}

void tst_Dialogs::amendEnterCancels()
{
    AmendOrderDialog dialog(
        order(42, Side::Buy, "203.0.113.0/24", "0.40", 100, OrderStatus::Working, 0));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.priceEdit()->setText("0.45");
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QSignalSpy rejected(&dialog, &QDialog::rejected);
    QTest::keyClick(dialog.priceEdit(), Qt::Key_Return);
    QCOMPARE(accepted.size(), 0);
    QCOMPARE(rejected.size(), 1);
    QVERIFY(!dialog.amendButton()->autoDefault());
}

void tst_Dialogs::cancelAllAsksAndDefaultsToNo()
{
    MyOrdersModel model;
    model.applyUpdate(
        {order(1, Side::Buy, "203.0.113.0/24", "0.40", 100, OrderStatus::Working, 0), Seq(1)});
    model.applyUpdate(
        {order(2, Side::Sell, "198.51.100.0/24", "0.50", 10, OrderStatus::Working, 0), Seq(2)});
    MyOrdersView view(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy cancelAll(&view, &MyOrdersView::cancelAllRequested);

    view.cancelAll();
    auto *box = view.findChild<QMessageBox *>("cancelAllConfirmation");
    QVERIFY(box);
    QCOMPARE(box->text(), QStringLiteral("Cancel all 2 open order(s)?"));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::No));
    QTest::keyClick(box, Qt::Key_Return);
    QCOMPARE(cancelAll.size(), 0);

    QTRY_VERIFY(!view.findChild<QMessageBox *>("cancelAllConfirmation"));
    view.cancelAll();
    box = view.findChild<QMessageBox *>("cancelAllConfirmation");
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QCOMPARE(cancelAll.size(), 1);
}

void tst_Dialogs::cancelSelectedSkipsFinishedOrders()
{
    MyOrdersModel model;
    model.applyUpdate(
        {order(1, Side::Buy, "203.0.113.0/24", "0.40", 100, OrderStatus::Working, 0), Seq(1)});
    model.applyUpdate(
        {order(2, Side::Buy, "203.0.113.0/24", "0.40", 100, OrderStatus::Filled, 100), Seq(2)});
    MyOrdersView view(&model);
    view.showFinishedBox()->setChecked(true);
    QCOMPARE(view.table()->model()->rowCount(), 2);
    view.table()->selectAll();
    QSignalSpy cancel(&view, &MyOrdersView::cancelRequested);
    QVERIFY(view.cancelAction()->isEnabled());
    view.cancelAction()->trigger();
    QCOMPARE(cancel.size(), 1);
    QCOMPARE(cancel.first().first().value<OrderId>().value(), 1u);
    view.showFinishedBox()->setChecked(false);
    QCOMPARE(view.table()->model()->rowCount(), 1);
}

void tst_Dialogs::csvQuoting_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("csv");
    QTest::newRow("plain") << "203.0.113.0/24"
                           << "203.0.113.0/24";
    QTest::newRow("comma") << "a, b"
                           << "\"a, b\"";
    QTest::newRow("quote") << "say \"hi\""
                           << "\"say \"\"hi\"\"\"";
    QTest::newRow("newline") << "two\nlines"
                             << "\"two\nlines\"";
    QTest::newRow("empty") << ""
                           << "";
}

void tst_Dialogs::csvQuoting()
{
    QFETCH(QString, field);
    QFETCH(QString, csv);
    QCOMPARE(csvField(field), csv);
}

void tst_Dialogs::csvExportOfTrades()
{
    TradesModel model;
    model.setSelf(MemberId(1));
    model.setMemberNames({{2u, QStringLiteral("transit, b")}});
    auto t = trade(7, 1, 2, "203.0.113.0/24", "12.345678", 1, "2026-11-20T10:00:00Z", "2026-12-01",
                   "2027-01-15");
    t.capacity = Bandwidth(1500);
    t.amount = *amountFor(t.price, t.capacity, t.deliveryEnd - t.deliveryStart);
    model.applyList({{t, trade(8, 3, 1, "198.51.100.0/24", "1", 10, "2026-11-21T10:00:00Z")}});
    TradesView view(&model);
    const QString file = m_dir.filePath("trades.csv");
    QCOMPARE(view.exportTo(file), QString());
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(csv.readAll()).split("\r\n");
    QCOMPARE(lines.size(), 4); // header, two trades, empty after the last CRLF
    QCOMPARE(lines[0], QStringLiteral("Time (UTC),Trade,Side,Destination,Counterparty,Price,Mbps,"
                                      "Delivery (UTC),Amount,State"));
    QCOMPARE(lines[1],
             QStringLiteral("2026-11-21 10:00:00,8,Sell,198.51.100.0/24,member 3,1.00,"
                            "10 Mbps,2026-12-01 – 2027-01-01 (31 d),10.333333,Scheduled"));
    QCOMPARE(lines[2], QStringLiteral("2026-11-20 10:00:00,7,Buy,203.0.113.0/24,\"transit, b\","
                                      "12.345678,1.5 Mbps,2026-12-01 – 2027-01-15 (45 d),27.777775,"
                                      "Scheduled"));
    QCOMPARE(lines[3], QString());
    // What the filter hides is not exported.
    view.filterEdit()->setText("transit");
    QCOMPARE(view.exportTo(file), QString());
    csv.close(); // QSaveFile replaced the file: read the new one
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(csv.readAll()).count("\r\n"), 2);
    QVERIFY(!view.exportTo(m_dir.filePath("no/such/dir/x.csv")).isEmpty());
}

void tst_Dialogs::statusFeedTurnsStale()
{
    ConnectionStatusWidget status;
    status.setStaleAfter(30'000);
    status.setFeedAge(-1);
    QCOMPARE(status.feedText(), QStringLiteral("Feed: no data"));
    QVERIFY(status.isFeedStale());
    status.setFeedAge(4'200);
    QCOMPARE(status.feedText(), QStringLiteral("Feed: 4 s"));
    QVERIFY(!status.isFeedStale());
    status.setFeedAge(31'000);
    QVERIFY(status.isFeedStale());
    status.setState(ConnectionState::WaitingToReconnect, 3'500);
    QCOMPARE(status.stateText(), QStringLiteral("Reconnecting in 4 s"));
    status.setLastError("TLS handshake failed");
    QCOMPARE(status.errorText(), QStringLiteral("TLS handshake failed"));
}

QTEST_MAIN(tst_Dialogs)
#include "tst_dialogs.moc"
