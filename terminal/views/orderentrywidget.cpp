#include "views/orderentrywidget.h"

#include "models/colors.h"
#include "models/format.h"
#include "views/confirmorderdialog.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

namespace bwx::terminal {

namespace {

QDateTime toDateTime(Timestamp t)
{
    return QDateTime::fromMSecsSinceEpoch(t.value() / 1'000'000, QTimeZone::utc());
}

// The edits show minutes; seconds the edit may still hold (from the clock) must not reach the
// order, or it would carry a time the member never saw.
Timestamp toTimestamp(const QDateTime &dateTime)
{
    const qint64 ms = dateTime.toMSecsSinceEpoch();
    return Timestamp((ms - ms % 60'000) * 1'000'000);
}

QDateTimeEdit *makeUtcEdit(QWidget *parent, const QString &accessibleName)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->setCalendarPopup(true);
    edit->setAccessibleName(accessibleName);
    return edit;
}

// Palettes rather than style sheets: a style sheet freezes the rest of the button's look at
// the palette of the moment, so a theme switch would leave it behind.
void paintSideButton(QPushButton *button, Side side)
{
    QPalette palette;
    QFont font = button->font();
    font.setBold(button->isChecked());
    if (button->isChecked()) {
        palette.setColor(QPalette::Button, colors::side(side));
        palette.setColor(QPalette::ButtonText, Qt::white);
    }
    button->setPalette(palette);
    button->setFont(font);
}

} // namespace

OrderEntryWidget::OrderEntryWidget(QWidget *parent)
    : QWidget(parent)
    , m_clock([] { return Timestamp(QDateTime::currentMSecsSinceEpoch() * 1'000'000); })
{
    setObjectName(QStringLiteral("orderEntry"));

    m_buyButton = new QPushButton(tr("&Buy"), this);
    m_sellButton = new QPushButton(tr("&Sell"), this);
    for (QPushButton *button : {m_buyButton, m_sellButton}) {
        button->setCheckable(true);
        button->setAutoDefault(false);
    }
    m_buyButton->setObjectName(QStringLiteral("buyButton"));
    m_sellButton->setObjectName(QStringLiteral("sellButton"));
    m_buyButton->setAccessibleName(tr("Buy side"));
    m_sellButton->setAccessibleName(tr("Sell side"));
    m_sideGroup = new QButtonGroup(this);
    m_sideGroup->setExclusive(true);
    m_sideGroup->addButton(m_buyButton, static_cast<int>(Side::Buy));
    m_sideGroup->addButton(m_sellButton, static_cast<int>(Side::Sell));
    m_buyButton->setChecked(true);
    auto *sideRow = new QHBoxLayout;
    sideRow->addWidget(m_buyButton);
    sideRow->addWidget(m_sellButton);

    m_destination = new QLineEdit(this);
    m_destination->setObjectName(QStringLiteral("destinationEdit"));
    m_destination->setPlaceholderText(tr("203.0.113.0/24, AS64500 or customer"));
    m_destination->setAccessibleName(tr("Destination"));

    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("typeCombo"));
    m_type->addItem(format::orderType(OrderType::Limit), static_cast<int>(OrderType::Limit));
    m_type->addItem(format::orderType(OrderType::Market), static_cast<int>(OrderType::Market));
    m_type->setAccessibleName(tr("Order type"));

    m_price = new QLineEdit(this);
    m_price->setObjectName(QStringLiteral("priceEdit"));
    m_price->setPlaceholderText(tr("per Mbps per month, e.g. 0.45"));
    m_price->setAccessibleName(tr("Price per Mbps per month"));

    m_capacity = new QLineEdit(this);
    m_capacity->setObjectName(QStringLiteral("capacityEdit"));
    m_capacity->setPlaceholderText(tr("Mbps, e.g. 100, 10G, 512k"));
    m_capacity->setAccessibleName(tr("Capacity"));

    m_minBlock = new QLineEdit(this);
    m_minBlock->setObjectName(QStringLiteral("minBlockEdit"));
    m_minBlock->setPlaceholderText(tr("empty: the whole capacity"));
    m_minBlock->setAccessibleName(tr("Minimum block"));

    m_timeInForce = new QComboBox(this);
    m_timeInForce->setObjectName(QStringLiteral("timeInForceCombo"));
    for (TimeInForce tif : {TimeInForce::GoodTillCancel, TimeInForce::GoodTillDate,
                            TimeInForce::ImmediateOrCancel, TimeInForce::FillOrKill})
        m_timeInForce->addItem(format::timeInForce(tif), static_cast<int>(tif));
    m_timeInForce->setItemData(0, tr("Good till cancelled"), Qt::ToolTipRole);
    m_timeInForce->setItemData(1, tr("Good till the expiry date"), Qt::ToolTipRole);
    m_timeInForce->setItemData(2, tr("Immediate or cancel: fill what is possible now"),
                               Qt::ToolTipRole);
    m_timeInForce->setItemData(3, tr("Fill or kill: all now or nothing"), Qt::ToolTipRole);
    m_timeInForce->setAccessibleName(tr("Time in force"));

    m_expiry = makeUtcEdit(this, tr("Expiry (UTC)"));
    m_expiry->setObjectName(QStringLiteral("expiryEdit"));
    m_deliveryStart = makeUtcEdit(this, tr("Delivery start (UTC)"));
    m_deliveryStart->setObjectName(QStringLiteral("deliveryStartEdit"));
    m_deliveryEnd = makeUtcEdit(this, tr("Delivery end (UTC)"));
    m_deliveryEnd->setObjectName(QStringLiteral("deliveryEndEdit"));

    m_trafficType = new QComboBox(this);
    m_trafficType->setObjectName(QStringLiteral("trafficCombo"));
    for (TrafficType t :
         {TrafficType::BestEffort, TrafficType::Premium, TrafficType::Realtime, TrafficType::Any})
        m_trafficType->addItem(format::trafficType(t), static_cast<int>(t));
    m_trafficType->setAccessibleName(tr("Traffic type"));

    m_maxLatencyMs = new QSpinBox(this);
    m_maxLatencyMs->setObjectName(QStringLiteral("maxLatencySpin"));
    m_maxLatencyMs->setRange(0, 10'000);
    m_maxLatencyMs->setSuffix(tr(" ms"));
    m_maxLatencyMs->setSpecialValueText(tr("no limit"));
    m_maxLatencyMs->setAccessibleName(tr("Maximum latency"));
    m_maxLossPpm = new QSpinBox(this);
    m_maxLossPpm->setObjectName(QStringLiteral("maxLossSpin"));
    m_maxLossPpm->setRange(0, 1'000'000);
    m_maxLossPpm->setSuffix(tr(" ppm"));
    m_maxLossPpm->setSpecialValueText(tr("no limit"));
    m_maxLossPpm->setAccessibleName(tr("Maximum packet loss"));
    m_maxDistance = new QSpinBox(this);
    m_maxDistance->setObjectName(QStringLiteral("maxDistanceSpin"));
    m_maxDistance->setRange(0, 255);
    m_maxDistance->setSuffix(tr(" AS hops"));
    m_maxDistance->setSpecialValueText(tr("no limit"));
    m_maxDistance->setAccessibleName(tr("Maximum AS-path length"));
    m_ranking = new QComboBox(this);
    m_ranking->setObjectName(QStringLiteral("rankingCombo"));
    for (RankingMode r :
         {RankingMode::BestPrice, RankingMode::BestPerformance, RankingMode::Weighted})
        m_ranking->addItem(format::rankingMode(r), static_cast<int>(r));
    m_ranking->setAccessibleName(tr("Ranking of sell orders"));

    // The weights are relative: each metric is scaled between the best and the worst offer.
    m_weightsRow = new QWidget(this);
    auto *weightsLayout = new QHBoxLayout(m_weightsRow);
    weightsLayout->setContentsMargins(0, 0, 0, 0);
    const auto makeWeight = [this, weightsLayout](const char *objectName, const QString &prefix,
                                                  const QString &accessibleName) {
        auto *spin = new QSpinBox(m_weightsRow);
        spin->setObjectName(QLatin1String(objectName));
        spin->setRange(0, 100);
        spin->setPrefix(prefix);
        spin->setAccessibleName(accessibleName);
        weightsLayout->addWidget(spin);
        connect(spin, &QSpinBox::valueChanged, this, [this] { emit weightsChanged(weights()); });
        return spin;
    };
    m_weightPrice = makeWeight("weightPriceSpin", tr("Price "), tr("Weight of price"));
    m_weightLatency = makeWeight("weightLatencySpin", tr("Lat. "), tr("Weight of latency"));
    m_weightLoss = makeWeight("weightLossSpin", tr("Loss "), tr("Weight of packet loss"));
    m_weightDistance
        = makeWeight("weightDistanceSpin", tr("Dist. "), tr("Weight of AS-path length"));
    m_weightsRow->setToolTip(tr("Weighted ranking: how much price, latency, loss and AS-path "
                                "length count, each scaled between the best and worst offer"));

    m_limitsBox = new QGroupBox(tr("Buyer's quality limits"), this);
    auto *limits = new QFormLayout(m_limitsBox);
    limits->addRow(tr("Latency:"), m_maxLatencyMs);
    limits->addRow(tr("Loss:"), m_maxLossPpm);
    limits->addRow(tr("Distance:"), m_maxDistance);
    limits->addRow(tr("Prefer:"), m_ranking);
    limits->addRow(tr("Weights:"), m_weightsRow);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("orderEntryError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: %1").arg(colors::ask().name()));
    m_error->setAccessibleName(tr("Order entry message"));
    m_error->hide();

    m_reviewButton = new QPushButton(tr("Review order…"), this);
    m_reviewButton->setObjectName(QStringLiteral("reviewButton"));
    m_reviewButton->setToolTip(tr("Check the order and show what it costs before sending"));
    connect(m_reviewButton, &QPushButton::clicked, this, &OrderEntryWidget::review);
    m_candidatesButton = new QPushButton(tr("Candidates…"), this);
    m_candidatesButton->setObjectName(QStringLiteral("candidatesButton"));
    m_candidatesButton->setAutoDefault(false);
    m_candidatesButton->setToolTip(tr("List the sell orders that could serve this buy, ranked, "
                                      "and take one by hand (F4)"));
    connect(m_candidatesButton, &QPushButton::clicked, this, &OrderEntryWidget::showCandidates);
    // Enter in any field reviews; only the confirmation dialog can send.
    for (QLineEdit *edit : {m_destination, m_price, m_capacity, m_minBlock})
        connect(edit, &QLineEdit::returnPressed, this, &OrderEntryWidget::review);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Side:"), sideRow);
    form->addRow(tr("&Destination:"), m_destination);
    form->addRow(tr("T&ype:"), m_type);
    form->addRow(tr("&Price:"), m_price);
    form->addRow(tr("&Capacity:"), m_capacity);
    form->addRow(tr("&Min. block:"), m_minBlock);
    form->addRow(tr("Time in &force:"), m_timeInForce);
    form->addRow(tr("E&xpiry:"), m_expiry);
    form->addRow(tr("Delivery &start:"), m_deliveryStart);
    form->addRow(tr("Delivery &end:"), m_deliveryEnd);
    form->addRow(tr("&Traffic:"), m_trafficType);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_limitsBox);
    layout->addWidget(m_error);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_candidatesButton);
    actions->addWidget(m_reviewButton, 1);
    layout->addLayout(actions);
    layout->addStretch();

    connect(m_sideGroup, &QButtonGroup::idClicked, this, [this] { updateEnabledFields(); });
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] { updateEnabledFields(); });
    connect(m_timeInForce, &QComboBox::currentIndexChanged, this,
            [this] { updateEnabledFields(); });
    connect(m_ranking, &QComboBox::currentIndexChanged, this, [this] { updateEnabledFields(); });
    resetDeliveryPeriod();
    updateEnabledFields();
}

void OrderEntryWidget::setClock(std::function<Timestamp()> clock)
{
    m_clock = std::move(clock);
}

Timestamp OrderEntryWidget::now() const
{
    const Timestamp t = m_clock ? m_clock() : Timestamp{};
    return t.isSet() ? t : Timestamp(QDateTime::currentMSecsSinceEpoch() * 1'000'000);
}

void OrderEntryWidget::resetDeliveryPeriod()
{
    // Transit is bought by the month: from the next midnight UTC, for 30 days.
    const QDateTime current = toDateTime(now());
    const QDateTime start(current.date().addDays(1), QTime(0, 0), QTimeZone::utc());
    m_deliveryStart->setDateTime(start);
    m_deliveryEnd->setDateTime(start.addDays(30));
    m_expiry->setDateTime(start.addDays(-1).addSecs(18 * 3600));
}

void OrderEntryWidget::updateEnabledFields()
{
    const bool buy = m_sideGroup->checkedId() == static_cast<int>(Side::Buy);
    const bool limit = m_type->currentData().toInt() == static_cast<int>(OrderType::Limit);
    m_price->setEnabled(limit);
    m_expiry->setEnabled(m_timeInForce->currentData().toInt()
                         == static_cast<int>(TimeInForce::GoodTillDate));
    m_limitsBox->setEnabled(buy);
    m_candidatesButton->setEnabled(buy);
    m_weightsRow->setEnabled(m_ranking->currentData().toInt()
                             == static_cast<int>(RankingMode::Weighted));
    m_reviewButton->setText(buy ? tr("Review buy order…") : tr("Review sell order…"));
    paintSideButton(m_buyButton, Side::Buy);
    paintSideButton(m_sellButton, Side::Sell);
    QPalette reviewPalette;
    reviewPalette.setColor(QPalette::ButtonText, colors::side(buy ? Side::Buy : Side::Sell));
    m_reviewButton->setPalette(reviewPalette);
    QFont reviewFont = m_reviewButton->font();
    reviewFont.setBold(true);
    m_reviewButton->setFont(reviewFont);
}

OrderForm OrderEntryWidget::form() const
{
    OrderForm f;
    f.side = static_cast<Side>(m_sideGroup->checkedId());
    f.destination = m_destination->text();
    f.type = static_cast<OrderType>(m_type->currentData().toInt());
    f.timeInForce = static_cast<TimeInForce>(m_timeInForce->currentData().toInt());
    f.price = m_price->text();
    f.capacity = m_capacity->text();
    f.minBlock = m_minBlock->text();
    if (m_expiry->isEnabled())
        f.expireAt = toTimestamp(m_expiry->dateTime());
    f.deliveryStart = toTimestamp(m_deliveryStart->dateTime());
    f.deliveryEnd = toTimestamp(m_deliveryEnd->dateTime());
    f.trafficType = static_cast<TrafficType>(m_trafficType->currentData().toInt());
    if (f.side == Side::Buy) {
        f.limits.maxLatencyUs = static_cast<std::uint32_t>(m_maxLatencyMs->value()) * 1000u;
        f.limits.maxLossPpm = static_cast<std::uint32_t>(m_maxLossPpm->value());
        f.limits.maxDistance = static_cast<std::uint8_t>(m_maxDistance->value());
        f.ranking = static_cast<RankingMode>(m_ranking->currentData().toInt());
        if (f.ranking == RankingMode::Weighted)
            f.weights = weights();
    }
    return f;
}

proto::RankingWeights OrderEntryWidget::weights() const
{
    proto::RankingWeights w;
    w.price = static_cast<std::uint16_t>(m_weightPrice->value());
    w.latency = static_cast<std::uint16_t>(m_weightLatency->value());
    w.loss = static_cast<std::uint16_t>(m_weightLoss->value());
    w.distance = static_cast<std::uint16_t>(m_weightDistance->value());
    return w;
}

OrderValidation OrderEntryWidget::validate() const
{
    return validateOrder(form(), now());
}

QString OrderEntryWidget::errorText() const
{
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

QWidget *OrderEntryWidget::fieldWidget(OrderField field) const
{
    switch (field) {
    case OrderField::Destination:
        return m_destination;
    case OrderField::Price:
        return m_price;
    case OrderField::Capacity:
        return m_capacity;
    case OrderField::MinBlock:
        return m_minBlock;
    case OrderField::TimeInForce:
        return m_timeInForce;
    case OrderField::Expiry:
        return m_expiry;
    case OrderField::DeliveryStart:
        return m_deliveryStart;
    case OrderField::DeliveryEnd:
        return m_deliveryEnd;
    case OrderField::TrafficType:
        return m_trafficType;
    case OrderField::Ranking:
        return m_ranking;
    case OrderField::None:
        return nullptr;
    }
    return nullptr;
}

void OrderEntryWidget::showError(OrderField field, const QString &message)
{
    m_error->setText(message);
    m_error->show();
    if (QWidget *widget = fieldWidget(field))
        widget->setFocus();
}

void OrderEntryWidget::clearError()
{
    m_error->clear();
    m_error->hide();
}

void OrderEntryWidget::showRejection(const QString &message)
{
    showError(OrderField::None, tr("Rejected by the exchange: %1").arg(message));
}

void OrderEntryWidget::review()
{
    if (m_confirmation)
        return; // one confirmation at a time
    const OrderValidation validation = validate();
    if (!validation.isValid()) {
        showError(validation.field, validation.message);
        return;
    }
    clearError();
    auto *dialog = new ConfirmOrderDialog(*validation.params, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = dialog;
    connect(dialog, &QDialog::accepted, this,
            [this, params = *validation.params] { emit orderConfirmed(params); });
    dialog->open();
}

void OrderEntryWidget::showCandidates()
{
    const OrderValidation validation = validate();
    if (!validation.isValid()) {
        showError(validation.field, validation.message);
        return;
    }
    if (validation.params->side != Side::Buy) {
        showError(OrderField::None, tr("Candidates are the sell orders for a buy: switch to Buy"));
        return;
    }
    clearError();
    emit candidatesRequested(*validation.params);
}

void OrderEntryWidget::setSide(Side side)
{
    (side == Side::Buy ? m_buyButton : m_sellButton)->setChecked(true);
    updateEnabledFields();
}

ConfirmOrderDialog *OrderEntryWidget::confirmation() const
{
    return m_confirmation.data();
}

void OrderEntryWidget::focusEntry()
{
    QLineEdit *target = m_destination->text().trimmed().isEmpty() ? m_destination : m_capacity;
    target->setFocus();
    target->selectAll();
}

void OrderEntryWidget::setDestination(const QString &destination)
{
    m_destination->setText(destination);
}

void OrderEntryWidget::prefill(Side side, const QString &destination, Price price)
{
    setSide(side);
    m_destination->setText(destination);
    m_type->setCurrentIndex(m_type->findData(static_cast<int>(OrderType::Limit)));
    m_price->setText(format::price(price));
    clearError();
    m_capacity->setFocus();
    m_capacity->selectAll();
}

} // namespace bwx::terminal
