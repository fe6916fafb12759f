#include "views/amendorderdialog.h"

#include "models/colors.h"
#include "models/format.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace bwx::terminal {

AmendOrderDialog::AmendOrderDialog(const proto::OrderView &order, QWidget *parent)
    : QDialog(parent)
    , m_order(order)
{
    setObjectName(QStringLiteral("amendOrderDialog"));
    setWindowTitle(tr("Amend order %1").arg(order.orderId.value()));

    auto *summary = new QLabel(
        tr("%1 %2 toward %3 at %4, %5 filled")
            .arg(format::side(order.params.side), format::bandwidth(order.params.capacity),
                 format::destination(order.params.destination), format::price(order.params.price),
                 format::bandwidth(order.filled)),
        this);
    summary->setWordWrap(true);

    m_price = new QLineEdit(format::price(order.params.price), this);
    m_price->setObjectName(QStringLiteral("amendPriceEdit"));
    m_price->setAccessibleName(tr("New price per Mbps per month"));
    m_capacity = new QLineEdit(format::bandwidth(order.params.capacity), this);
    m_capacity->setObjectName(QStringLiteral("amendCapacityEdit"));
    m_capacity->setAccessibleName(tr("New capacity"));
    m_capacity->setToolTip(tr("Lowering only the capacity keeps the order's time priority"));

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("amendError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: %1").arg(colors::ask().name()));
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Price:"), m_price);
    form->addRow(tr("&Capacity:"), m_capacity);

    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setAutoDefault(true);
    cancel->setDefault(true);
    m_amendButton = new QPushButton(tr("Amend order"), this);
    m_amendButton->setObjectName(QStringLiteral("amendButton"));
    m_amendButton->setAutoDefault(false);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_amendButton, &QPushButton::clicked, this, &AmendOrderDialog::tryAccept);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(cancel);
    buttons->addWidget(m_amendButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
}

std::optional<AmendRequest> AmendOrderDialog::request()
{
    const auto fail = [this](const QString &message) -> std::optional<AmendRequest> {
        m_error->setText(message);
        m_error->show();
        return std::nullopt;
    };
    const auto price = parsePrice(m_price->text().trimmed().toStdString());
    if (!price)
        return fail(tr("Price: %1").arg(QString::fromStdString(price.error())));
    if (!price->isPositive())
        return fail(tr("Price must be more than 0"));
    const auto capacity = parseBandwidth(m_capacity->text().trimmed().toStdString());
    if (!capacity)
        return fail(tr("Capacity: %1").arg(QString::fromStdString(capacity.error())));
    if (*capacity <= m_order.filled)
        return fail(tr("Capacity must be more than the %1 already filled")
                        .arg(format::bandwidth(m_order.filled)));
    const Bandwidth block = m_order.params.minBlock;
    if (block.isPositive() && capacity->value() % block.value() != 0)
        return fail(tr("Capacity %1 is not a whole number of %2 minimum blocks")
                        .arg(format::bandwidth(*capacity), format::bandwidth(block)));
    AmendRequest request;
    request.orderId = m_order.orderId;
    if (*price != m_order.params.price)
        request.newPrice = *price;
    if (*capacity != m_order.params.capacity)
        request.newCapacity = *capacity;
    if (request.newPrice.isZero() && request.newCapacity.isZero())
        return fail(tr("Change the price or the capacity"));
    m_error->hide();
    return request;
}

QString AmendOrderDialog::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void AmendOrderDialog::tryAccept()
{
    if (request())
        accept();
}

} // namespace bwx::terminal
