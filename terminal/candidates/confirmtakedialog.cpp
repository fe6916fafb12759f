#include "candidates/confirmtakedialog.h"

#include "models/colors.h"
#include "models/format.h"
#include "models/qualityformat.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <numeric>

namespace bwx::terminal {

ConfirmTakeDialog::ConfirmTakeDialog(const proto::TakeOrder &take,
                                     const proto::Candidate &candidate,
                                     QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("confirmTakeDialog"));
    setWindowTitle(tr("Confirm take"));
    const proto::OrderParams &buy = take.params;
    const proto::BookEntry &sell = candidate.entry;

    // What the matcher fills (docs/market.md, "Fills"): the largest multiple of both minimum
    // blocks within both capacities; the delivery period is the overlap of the two periods.
    const std::int64_t most = std::min(buy.capacity.value(), sell.remaining.value());
    const std::int64_t a = std::max<std::int64_t>(buy.minBlock.value(), 1);
    const std::int64_t b = std::max<std::int64_t>(sell.minBlock.value(), 1);
    const std::int64_t factor = a / std::gcd(a, b); // lcm = factor × b, checked against overflow
    const Bandwidth expected(factor > most / b ? 0 : most / (factor * b) * (factor * b));
    const Timestamp start = std::max(buy.deliveryStart, sell.deliveryStart);
    const Timestamp end = std::min(buy.deliveryEnd, sell.deliveryEnd);

    auto *heading
        = new QLabel(tr("Buy up to %1 toward %2 from sell order #%3")
                         .arg(format::bandwidth(expected), format::destination(buy.destination))
                         .arg(sell.orderId.value()),
                     this);
    QFont headingFont = heading->font();
    headingFont.setBold(true);
    heading->setFont(headingFont);
    heading->setStyleSheet(QStringLiteral("color: %1").arg(colors::side(Side::Buy).name()));

    auto *form = new QFormLayout;
    const auto addRow
        = [this, form](const QString &label, const QString &value, const char *objectName) {
              auto *field = new QLabel(value, this);
              field->setObjectName(QLatin1String(objectName));
              field->setTextInteractionFlags(Qt::TextSelectableByMouse);
              form->addRow(label, field);
          };
    addRow(tr("Offer:"),
           tr("#%1 on %2, rank %3")
               .arg(sell.orderId.value())
               .arg(format::prefix(sell.prefix))
               .arg(candidate.rank),
           "takeOffer");
    addRow(tr("Price per Mbps per month:"), format::price(sell.price), "takePrice");
    addRow(tr("Capacity:"),
           tr("%1 asked, %2 offered in blocks of %3")
               .arg(format::bandwidth(buy.capacity), format::bandwidth(sell.remaining),
                    format::bandwidth(sell.minBlock)),
           "takeCapacity");
    const QualityFreshness freshness = freshnessOf(sell);
    addRow(
        tr("Quality:"),
        freshness == QualityFreshness::Unknown
            ? format::freshness(freshness)
            : tr("latency %1, loss %2").arg(format::latencyCell({sell}), format::lossCell({sell})),
        "takeQuality");
    addRow(tr("AS-path length:"),
           sell.distance == 0 ? tr("no route known") : format::distance(sell.distance),
           "takeDistance");
    addRow(tr("Delivery (UTC):"), format::period(start, end), "takePeriod");
    addRow(tr("Order type:"), format::timeInForce(buy.timeInForce), "takeType");
    const std::optional<Money> total
        = start < end ? amountFor(sell.price, expected, end - start) : std::nullopt;
    addRow(tr("Total at most:"), total ? format::money(*total) : tr("cannot be computed"),
           "takeTotal");

    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelTakeButton"));
    m_cancel->setAutoDefault(true);
    m_cancel->setDefault(true);
    m_confirm = new QPushButton(tr("&Take"), this);
    m_confirm->setObjectName(QStringLiteral("confirmTakeButton"));
    m_confirm->setAutoDefault(false);
    m_confirm->setDefault(false);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_confirm, &QPushButton::clicked, this, &QDialog::accept);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_confirm);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(form);
    layout->addSpacing(8);
    layout->addLayout(buttons);
    m_cancel->setFocus();
}

} // namespace bwx::terminal
