// Cancelling a trade from the blotter: offered for live trades only, asks first (No is the
// default), sends CancelTrade through the session, shows the trade cancelled when the exchange
// accepts and the exchange's reason when it refuses.
#include "app/terminalsession.h"
#include "client/exchangeclient.h"
#include "models/tradesmodel.h"
#include "support/fakeexchange.h"
#include "support/marketbuilders.h"
#include "views/tradesview.h"

#include <QAction>
#include <QItemSelectionModel>
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

namespace {

constexpr int kWaitMs = 10'000;

proto::TradeView liveTrade(std::uint64_t id, proto::TradeState state)
{
    proto::TradeView t = trade(id, 1, 2, "203.0.113.0/24", "2.50", 100, "2026-11-20T10:00:00Z",
                               "2026-11-01", "2026-12-01");
    t.state = state;
    return t;
}

// Selects the row of `id` in the view's (sorted) table; false when it is not listed.
bool selectTrade(TradesView &view, const TradesModel &model, std::uint64_t id)
{
    const QSortFilterProxyModel *proxy = view.proxy();
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const TradeRecord *record = model.recordAt(proxy->mapToSource(proxy->index(row, 0)).row());
        if (record != nullptr && record->trade.tradeId.value() == id) {
            view.table()->selectRow(row);
            return true;
        }
    }
    return false;
}

proto::TradeState stateOf(const TradesModel &model, std::uint64_t id)
{
    for (int row = 0; row < model.rowCount(); ++row)
        if (model.recordAt(row)->trade.tradeId.value() == id)
            return model.recordAt(row)->trade.state;
    return proto::TradeState{};
}

} // namespace

class tst_TradeCancel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void offeredForLiveTradesAndAsksFirst();
    void acceptedAndRefusedThroughTheSession();

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
};

void tst_TradeCancel::initTestCase()
{
    QString error;
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.create(m_dir.path(), &error), qPrintable(error));
}

void tst_TradeCancel::offeredForLiveTradesAndAsksFirst()
{
    TradesModel model;
    model.setSelf(MemberId(1));
    model.applyList({{liveTrade(7, proto::TradeState::Active),
                      liveTrade(8, proto::TradeState::Ended),
                      liveTrade(9, proto::TradeState::Suspended)}});
    TradesView view(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy requested(&view, &TradesView::cancelTradeRequested);

    QVERIFY(!view.cancelTradeAction()->isEnabled()); // nothing selected
    QVERIFY(selectTrade(view, model, 8));
    QVERIFY(!view.cancelTradeAction()->isEnabled()); // ended
    QVERIFY(selectTrade(view, model, 9));
    QVERIFY(view.cancelTradeAction()->isEnabled()); // suspended
    QVERIFY(selectTrade(view, model, 7));
    QVERIFY(view.cancelTradeAction()->isEnabled());

    view.cancelTradeAction()->trigger();
    auto *box = view.findChild<QMessageBox *>("cancelTradeConfirmation");
    QVERIFY(box);
    QCOMPARE(box->text(), QStringLiteral("Cancel trade 7?"));
    QCOMPARE(box->defaultButton(), box->button(QMessageBox::No));
    QTest::keyClick(box, Qt::Key_Return);
    QCOMPARE(requested.size(), 0);

    QTRY_VERIFY(!view.findChild<QMessageBox *>("cancelTradeConfirmation"));
    view.cancelTradeAction()->trigger();
    box = view.findChild<QMessageBox *>("cancelTradeConfirmation");
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.front().front().value<TradeId>(), TradeId(7));
}

void tst_TradeCancel::acceptedAndRefusedThroughTheSession()
{
    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    exchange.helloAck.member = MemberId(1);
    exchange.helloAck.memberName = "alice";
    exchange.trades.trades = {liveTrade(7, proto::TradeState::Active),
                              liveTrade(9, proto::TradeState::Active)};

    TerminalSession session;
    TradesView view(session.trades());
    // As the main window wires them.
    connect(&view, &TradesView::cancelTradeRequested, &session, &TerminalSession::cancelTrade);
    connect(&session, &TerminalSession::tradeCancelRefused, &view, &TradesView::showCancelRefusal);
    QSignalSpy cancelled(&session, &TerminalSession::tradeCancelled);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    ConnectionProfile profile;
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = exchange.port();
    profile.certificateFile = m_pki.clientCert;
    profile.keyFile = m_pki.clientKey;
    profile.caFile = m_pki.caCert;
    session.connectTo(profile);
    QTRY_VERIFY_WITH_TIMEOUT(session.tradesLoaded(), kWaitMs);
    const TradesModel &model = *session.trades();

    // Accepted: the answer's state reaches the blotter, and the action goes away.
    QVERIFY(selectTrade(view, model, 7));
    view.cancelTradeAction()->trigger();
    auto *box = view.findChild<QMessageBox *>("cancelTradeConfirmation");
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.size(), 1, kWaitMs);
    QCOMPARE(cancelled.front().front().value<TradeId>(), TradeId(7));
    QCOMPARE(stateOf(model, 7), proto::TradeState::Cancelled);
    QCOMPARE(exchange.countOf(proto::MessageType::CancelTrade), 1);
    QVERIFY(selectTrade(view, model, 7));
    QVERIFY(!view.cancelTradeAction()->isEnabled());

    // Refused: the exchange's reason is shown, the trade stays as it was.
    exchange.cancelTradeRefusal = QStringLiteral("the seller delivers it within your limits");
    QVERIFY(selectTrade(view, model, 9));
    view.cancelTradeAction()->trigger();
    box = view.findChild<QMessageBox *>("cancelTradeConfirmation");
    QVERIFY(box);
    box->button(QMessageBox::Yes)->click();
    QMessageBox *refusal = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((refusal = view.findChild<QMessageBox *>("cancelTradeRefusal")),
                             kWaitMs);
    QCOMPARE(refusal->text(), QStringLiteral("The exchange did not cancel trade 9."));
    QCOMPARE(refusal->informativeText(), exchange.cancelTradeRefusal);
    QCOMPARE(stateOf(model, 9), proto::TradeState::Active);
    QCOMPARE(cancelled.size(), 1);
}

QTEST_MAIN(tst_TradeCancel)
#include "tst_tradecancel.moc"
