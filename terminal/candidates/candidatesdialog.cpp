#include "candidates/candidatesdialog.h"

#include "candidates/candidatesmodel.h"
#include "candidates/confirmtakedialog.h"
#include "candidates/takeparams.h"
#include "client/exchangeclient.h"
#include "models/colors.h"
#include "models/format.h"
#include "models/qualityformat.h"
#include "views/tablesetup.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace bwx::terminal {

CandidatesDialog::CandidatesDialog(ExchangeClient *client,
                                   const proto::OrderParams &buy,
                                   std::function<ClientOrderId()> nextClientOrderId,
                                   QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_buy(buy)
    , m_nextClientOrderId(std::move(nextClientOrderId))
    , m_model(new CandidatesModel(this))
{
    setObjectName(QStringLiteral("candidatesDialog"));
    setWindowTitle(tr("Sell orders for this buy"));

    QString ranking = format::rankingMode(buy.ranking);
    if (buy.ranking == RankingMode::Weighted)
        ranking += QStringLiteral(" (%1)").arg(format::weights(buy.weights));
    auto *heading = new QLabel(
        tr("Buy %1 toward %2, %3, ranked by %4")
            .arg(format::bandwidth(buy.capacity), format::destination(buy.destination),
                 format::period(buy.deliveryStart, buy.deliveryEnd), ranking.toLower()),
        this);
    heading->setObjectName(QStringLiteral("candidatesHeading"));
    heading->setWordWrap(true);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    heading->setFont(headingFont);

    auto *limits = new QLabel(tr("Limits: latency %1, loss %2, AS path %3; price %4")
                                  .arg(format::latencyLimit(buy.limits.maxLatencyUs),
                                       format::lossLimit(buy.limits.maxLossPpm),
                                       format::distanceLimit(buy.limits.maxDistance),
                                       buy.type == OrderType::Market
                                           ? tr("any (market)")
                                           : tr("at most %1").arg(format::price(buy.price))),
                              this);
    limits->setObjectName(QStringLiteral("candidatesLimits"));
    limits->setWordWrap(true);

    m_table = new QTableView(this);
    setUpTable(m_table, "candidatesTable");
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Candidate sell orders"));

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("candidatesStatus"));
    m_status->setWordWrap(true);

    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshCandidatesButton"));
    m_refresh->setAutoDefault(false);
    m_take = new QPushButton(tr("&Take…"), this);
    m_take->setObjectName(QStringLiteral("takeButton"));
    m_take->setAutoDefault(false);
    m_take->setToolTip(tr("Buy from the selected sell order (asks for confirmation)"));
    m_close = new QPushButton(tr("Close"), this);
    m_close->setObjectName(QStringLiteral("closeCandidatesButton"));
    // Enter closes rather than takes: a take must be a deliberate click.
    m_close->setAutoDefault(true);
    m_close->setDefault(true);
    connect(m_refresh, &QPushButton::clicked, this, &CandidatesDialog::refresh);
    connect(m_take, &QPushButton::clicked, this, &CandidatesDialog::takeSelected);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addStretch();
    buttons->addWidget(m_close);
    buttons->addWidget(m_take);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(limits);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(1180, 420);

    connect(m_client, &ExchangeClient::messageReceived, this, &CandidatesDialog::onMessage);
    connect(m_client, &ExchangeClient::requestFailed, this,
            [this](quint32 requestId, proto::MessageType, proto::ResultCode,
                   const QString &message) { onFailed(requestId, message); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CandidatesDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CandidatesDialog::updateButtons);
    updateButtons();
    refresh();
}

ConfirmTakeDialog *CandidatesDialog::confirmation() const
{
    return m_confirmation.data();
}

QString CandidatesDialog::statusText() const
{
    return m_status->text();
}

void CandidatesDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: %1").arg(colors::ask().name())
                                  : QString());
}

void CandidatesDialog::refresh()
{
    m_queryId = m_client->sendRequest(proto::QueryCandidates{m_buy});
    if (m_queryId == 0)
        setStatus(tr("Not connected: cannot ask the exchange for candidates"), true);
    else if (!m_takeOutcome.isEmpty())
        setStatus(m_takeOutcome, m_takeFailed);
    else
        setStatus(tr("Asking the exchange for the sell orders that could serve this buy…"));
    updateButtons();
}

void CandidatesDialog::updateButtons()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    const proto::Candidate *candidate
        = rows.isEmpty() ? nullptr : m_model->candidateAt(rows.first().row());
    m_take->setEnabled(candidate && candidate->rank != 0 && m_takeId == 0 && !m_confirmation);
    m_refresh->setEnabled(m_queryId == 0);
}

void CandidatesDialog::takeSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || m_confirmation || m_takeId != 0)
        return;
    const proto::Candidate *candidate = m_model->candidateAt(rows.first().row());
    if (!candidate || candidate->rank == 0)
        return;
    // The id is drawn when the member confirms, so a cancelled confirmation wastes none.
    const proto::TakeOrder preview = makeTake(m_buy, candidate->entry.orderId, ClientOrderId{});
    auto *dialog = new ConfirmTakeDialog(preview, *candidate, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = dialog;
    connect(dialog, &QDialog::accepted, this, [this, preview] {
        sendTake(makeTake(preview.params, preview.sellOrderId, m_nextClientOrderId()));
    });
    // Take is enabled again only once the confirmation is gone (it deletes itself on close).
    connect(dialog, &QObject::destroyed, this, &CandidatesDialog::updateButtons,
            Qt::QueuedConnection);
    updateButtons();
    dialog->open();
}

void CandidatesDialog::sendTake(const proto::TakeOrder &take)
{
    m_takeId = m_client->sendRequest(take);
    if (m_takeId == 0) {
        setStatus(tr("Not connected: the take was not sent"), true);
        return;
    }
    setStatus(tr("Taking sell order #%1…").arg(take.sellOrderId.value()));
    updateButtons();
}

void CandidatesDialog::onMessage(quint32 requestId, const proto::Message &message)
{
    if (requestId == 0)
        return;
    if (requestId == m_queryId) {
        if (const auto *list = std::get_if<proto::CandidateList>(&message)) {
            m_queryId = 0;
            m_model->setCandidates(list->candidates);
            const int eligible = m_model->eligibleCount();
            QString text;
            if (m_model->rowCount() == 0)
                text = tr("No sell order to list: none covers the destination, or the buy is "
                          "not valid (Review order… says why)");
            else
                text = tr("%1 of %n sell order(s) can serve this buy", nullptr, m_model->rowCount())
                           .arg(eligible);
            if (!m_takeOutcome.isEmpty())
                text = m_takeOutcome + QStringLiteral(" — ") + text;
            setStatus(text, m_takeFailed);
            updateButtons();
        }
        return;
    }
    if (requestId == m_takeId) {
        if (const auto *update = std::get_if<proto::OrderUpdate>(&message)) {
            m_takeId = 0;
            const proto::OrderView &order = update->order;
            m_takeFailed = !order.filled.isPositive();
            m_takeOutcome = m_takeFailed
                                ? tr("Nothing bought: %1").arg(format::resultCode(order.reason))
                                : tr("Bought %1 (buy order #%2, %3)")
                                      .arg(format::bandwidth(order.filled))
                                      .arg(order.orderId.value())
                                      .arg(format::orderStatus(order.status));
            setStatus(m_takeOutcome, m_takeFailed);
            emit taken(order);
            refresh(); // the offer's remaining capacity, or its rank, has changed
        }
    }
}

void CandidatesDialog::onFailed(quint32 requestId, const QString &message)
{
    if (requestId == 0)
        return;
    if (requestId == m_queryId) {
        m_queryId = 0;
        m_model->clear();
        setStatus(tr("The exchange refused the query: %1").arg(message), true);
    } else if (requestId == m_takeId) {
        m_takeId = 0;
        m_takeFailed = true;
        m_takeOutcome = tr("The exchange refused the take: %1").arg(message);
        setStatus(m_takeOutcome, true);
    } else {
        return;
    }
    updateButtons();
}

} // namespace bwx::terminal
