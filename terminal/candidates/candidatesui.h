#pragma once
// Wires the candidate list into the main window: a Trade menu action (F4) and order entry's
// "Candidates…" button open a CandidatesDialog for the buy as entered.
#include <QObject>
#include <QPointer>
#include <bwx/proto/messages.h>
#include <functional>

class QAction;
class QWidget;

namespace bwx::terminal {

class CandidatesDialog;
class ExchangeClient;
class OrderEntryWidget;

class CandidatesUi : public QObject
{
    Q_OBJECT

public:
    CandidatesUi(ExchangeClient *client,
                 OrderEntryWidget *orderEntry,
                 std::function<bwx::ClientOrderId()> nextClientOrderId,
                 QWidget *window);

    QAction *action() const { return m_action; }
    // The dialog open now, if any.
    CandidatesDialog *dialog() const;

public slots:
    void open(const bwx::proto::OrderParams &buy);

private:
    ExchangeClient *m_client = nullptr;
    std::function<bwx::ClientOrderId()> m_nextClientOrderId;
    QWidget *m_window = nullptr;
    QAction *m_action = nullptr;
    QPointer<CandidatesDialog> m_dialog;
};

} // namespace bwx::terminal
