#include "views/confirmorderdialog.h"

#include "models/colors.h"
#include "models/format.h"
#include "models/qualityformat.h"
#include "trading/orderform.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bwx::terminal {

ConfirmOrderDialog::ConfirmOrderDialog(const proto::OrderParams &params, QWidget *parent)
    : QDialog(parent)
    , m_params(params)
{
    setObjectName(QStringLiteral("confirmOrderDialog"));
    const bool buy = params.side == Side::Buy;
    setWindowTitle(buy ? tr("Confirm buy order") : tr("Confirm sell order"));

    auto *heading = new QLabel(
        buy ? tr("Buy %1 toward %2")
                  .arg(format::bandwidth(params.capacity), format::destination(params.destination))
            : tr("Sell %1 toward %2")
                  .arg(format::bandwidth(params.capacity), format::destination(params.destination)),
        this);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    heading->setFont(headingFont);
    heading->setStyleSheet(QStringLiteral("color: %1").arg(colors::side(params.side).name()));

    auto *form = new QFormLayout;
    const auto addRow
        = [this, form](const QString &label, const QString &value, const char *objectName) {
              auto *field = new QLabel(value, this);
              field->setObjectName(QLatin1String(objectName));
              field->setTextInteractionFlags(Qt::TextSelectableByMouse);
              form->addRow(label, field);
              return field;
          };
    addRow(tr("Destination:"), format::destination(params.destination), "confirmDestination");
    addRow(tr("Capacity:"), format::bandwidth(params.capacity), "confirmCapacity");
    addRow(tr("Minimum block:"), format::bandwidth(params.minBlock), "confirmMinBlock");
    addRow(tr("Price per Mbps per month:"),
           params.type == OrderType::Market ? tr("Market (the book's prices)")
                                            : format::price(params.price),
           "confirmPrice");
    addRow(tr("Order type:"),
           QStringLiteral("%1 %2").arg(format::orderType(params.type),
                                       format::timeInForce(params.timeInForce)),
           "confirmType");
    if (params.timeInForce == TimeInForce::GoodTillDate)
        addRow(tr("Expires:"), tr("%1 UTC").arg(format::dateTime(params.expireAt)),
               "confirmExpiry");
    addRow(tr("Delivery (UTC):"), format::period(params.deliveryStart, params.deliveryEnd),
           "confirmPeriod");
    addRow(tr("Traffic type:"), format::trafficType(params.trafficType), "confirmTraffic");
    if (buy) {
        // What the matcher will insist on and how it chooses among the sells that qualify.
        addRow(tr("Latency limit:"), format::latencyLimit(params.limits.maxLatencyUs),
               "confirmLatencyLimit");
        addRow(tr("Loss limit:"), format::lossLimit(params.limits.maxLossPpm),
               "confirmLossLimit");
        addRow(tr("AS-path limit:"), format::distanceLimit(params.limits.maxDistance),
               "confirmDistanceLimit");
        addRow(tr("Ranking:"),
               params.ranking == RankingMode::Weighted
                   ? tr("%1 (%2)").arg(format::rankingMode(params.ranking),
                                       format::weights(params.weights))
                   : format::rankingMode(params.ranking),
               "confirmRanking");
    }

    const std::optional<Money> total = orderTotal(params);
    m_total = addRow(tr("Total:"),
                     total ? format::money(*total) : tr("Set by the fills (market order)"),
                     "confirmTotal");
    QFont totalFont = m_total->font();
    totalFont.setBold(true);
    m_total->setFont(totalFont);
    m_total->setToolTip(tr("Price × Mbps × months of the delivery period (30-day months)"));

    // Confirm must never be reachable by Enter: it is neither default nor auto-default, so
    // Enter (even with Confirm focused) falls through to the dialog's default, Cancel.
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setAutoDefault(true);
    m_cancelButton->setDefault(true);
    m_confirmButton = new QPushButton(buy ? tr("Send buy order") : tr("Send sell order"), this);
    m_confirmButton->setObjectName(QStringLiteral("confirmButton"));
    m_confirmButton->setAutoDefault(false);
    m_confirmButton->setDefault(false);
    connect(m_cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_confirmButton, &QPushButton::clicked, this, &QDialog::accept);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_confirmButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addLayout(buttons);

    m_cancelButton->setFocus();
}

QString ConfirmOrderDialog::totalText() const
{
    return m_total->text();
}

} // namespace bwx::terminal
