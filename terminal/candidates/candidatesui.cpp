#include "candidates/candidatesui.h"

#include "candidates/candidatesdialog.h"
#include "views/orderentrywidget.h"

#include <QAction>
#include <QKeySequence>

namespace bwx::terminal {

CandidatesUi::CandidatesUi(ExchangeClient *client,
                           OrderEntryWidget *orderEntry,
                           std::function<ClientOrderId()> nextClientOrderId,
                           QWidget *window)
    : QObject(window)
    , m_client(client)
    , m_nextClientOrderId(std::move(nextClientOrderId))
    , m_window(window)
{
    m_action = new QAction(tr("Show &candidates for the buy…"), this);
    m_action->setObjectName(QStringLiteral("showCandidatesAction"));
    m_action->setShortcut(QKeySequence(Qt::Key_F4));
    m_action->setToolTip(tr("The sell orders that could serve the buy in order entry"));
    connect(m_action, &QAction::triggered, orderEntry, &OrderEntryWidget::showCandidates);
    connect(orderEntry, &OrderEntryWidget::candidatesRequested, this, &CandidatesUi::open);
}

CandidatesDialog *CandidatesUi::dialog() const
{
    return m_dialog.data();
}

void CandidatesUi::open(const proto::OrderParams &buy)
{
    // One list at a time: a new request replaces the old list, which may be out of date.
    if (m_dialog)
        m_dialog->close();
    auto *dialog = new CandidatesDialog(m_client, buy, m_nextClientOrderId, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->show();
}

} // namespace bwx::terminal
