#pragma once
// The candidate list of a prospective buy (claim 24): asks the exchange which sell orders could
// serve the buy as entered, shows them ranked with price, capacity and quality, and the reason
// for each one that cannot; "Take…" buys from the selected one after a confirmation.
#include <QDialog>
#include <QPointer>
#include <bwx/proto/messages.h>
#include <functional>

class QLabel;
class QPushButton;
class QTableView;

namespace bwx::terminal {

class CandidatesModel;
class ConfirmTakeDialog;
class ExchangeClient;

class CandidatesDialog : public QDialog
{
    Q_OBJECT

public:
    // `nextClientOrderId` hands out the session's client order ids, so a take never reuses one.
    CandidatesDialog(ExchangeClient *client,
                     const bwx::proto::OrderParams &buy,
                     std::function<bwx::ClientOrderId()> nextClientOrderId,
                     QWidget *parent = nullptr);

    CandidatesModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *takeButton() const { return m_take; }
    QString statusText() const;
    ConfirmTakeDialog *confirmation() const;
    bool isWaiting() const { return m_queryId != 0 || m_takeId != 0; }

public slots:
    void refresh();
    // Opens the confirmation for the selected eligible sell order.
    void takeSelected();

signals:
    // The exchange's answer to a take: the buy order's final state.
    void taken(const bwx::proto::OrderView &order);

private:
    void onMessage(quint32 requestId, const bwx::proto::Message &message);
    void onFailed(quint32 requestId, const QString &message);
    void sendTake(const bwx::proto::TakeOrder &take);
    void updateButtons();
    void setStatus(const QString &text, bool error = false);

    ExchangeClient *m_client = nullptr;
    bwx::proto::OrderParams m_buy;
    std::function<bwx::ClientOrderId()> m_nextClientOrderId;
    CandidatesModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_take = nullptr;
    QPushButton *m_close = nullptr;
    QPointer<ConfirmTakeDialog> m_confirmation;
    QString m_takeOutcome; // the last take's result, kept visible while the list refreshes
    bool m_takeFailed = false;
    quint32 m_queryId = 0;
    quint32 m_takeId = 0;
};

} // namespace bwx::terminal
