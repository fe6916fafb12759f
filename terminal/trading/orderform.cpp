#include "trading/orderform.h"

#include "models/format.h"

#include <QCoreApplication>

namespace bwx::terminal {

namespace {

class OrderFormText
{
    Q_DECLARE_TR_FUNCTIONS(OrderForm)
};

OrderValidation fail(OrderField field, const QString &message)
{
    OrderValidation result;
    result.field = field;
    result.message = message;
    return result;
}

std::string toStd(const QString &text)
{
    return text.trimmed().toStdString();
}

bool looksLikePrefix(const QString &text)
{
    return text.contains(QLatin1Char('.')) || text.count(QLatin1Char(':')) >= 2
           || (text.contains(QLatin1Char('/')) && !text.endsWith(QLatin1String("/v4"))
               && !text.endsWith(QLatin1String("/v6")));
}

} // namespace

OrderValidation validateOrder(const OrderForm &form, Timestamp now)
{
    proto::OrderParams params;
    params.side = form.side;
    params.type = form.type;
    params.timeInForce = form.timeInForce;
    params.trafficType = form.trafficType;
    params.limits = form.limits;
    params.ranking = form.ranking;
    // Weights mean something only to the weighted ranking; the exchange refuses them otherwise.
    if (form.ranking == RankingMode::Weighted)
        params.weights = form.weights;

    const QString destinationText = form.destination.trimmed();
    if (destinationText.isEmpty())
        return fail(
            OrderField::Destination,
            OrderFormText::tr("Enter a destination: a prefix such as 203.0.113.0/24, an origin AS "
                              "such as AS64500, or customer, peer or transit"));
    if (looksLikePrefix(destinationText)) {
        // The prefix parser's own reasons are the precise ones (host bits, length range).
        const auto prefix = net::Prefix::parse(toStd(destinationText));
        if (!prefix)
            return fail(
                OrderField::Destination,
                OrderFormText::tr("Destination: %1").arg(QString::fromStdString(prefix.error())));
        params.destination = Destination::ofPrefix(*prefix);
    } else {
        const auto destination = parseDestination(toStd(destinationText));
        if (!destination)
            return fail(OrderField::Destination,
                        OrderFormText::tr("Destination: %1")
                            .arg(QString::fromStdString(destination.error())));
        params.destination = *destination;
    }

    if (form.capacity.trimmed().isEmpty())
        return fail(OrderField::Capacity, OrderFormText::tr("Enter the capacity in Mbps"));
    const auto capacity = parseBandwidth(toStd(form.capacity));
    if (!capacity)
        return fail(
            OrderField::Capacity,
            OrderFormText::tr("Capacity: %1").arg(QString::fromStdString(capacity.error())));
    if (!capacity->isPositive())
        return fail(OrderField::Capacity, OrderFormText::tr("Capacity must be more than 0 Mbps"));
    params.capacity = *capacity;

    if (form.minBlock.trimmed().isEmpty()) {
        params.minBlock = *capacity;
    } else {
        const auto minBlock = parseBandwidth(toStd(form.minBlock));
        if (!minBlock)
            return fail(OrderField::MinBlock, OrderFormText::tr("Minimum block: %1")
                                                  .arg(QString::fromStdString(minBlock.error())));
        if (!minBlock->isPositive())
            return fail(OrderField::MinBlock,
                        OrderFormText::tr("Minimum block must be more than 0 Mbps"));
        if (*minBlock > *capacity)
            return fail(OrderField::MinBlock,
                        OrderFormText::tr("Minimum block %1 is larger than the capacity %2")
                            .arg(format::bandwidth(*minBlock), format::bandwidth(*capacity)));
        if (capacity->value() % minBlock->value() != 0)
            return fail(OrderField::MinBlock,
                        OrderFormText::tr("Capacity %1 is not a whole number of %2 minimum blocks")
                            .arg(format::bandwidth(*capacity), format::bandwidth(*minBlock)));
        params.minBlock = *minBlock;
    }

    if (form.type == OrderType::Limit) {
        if (form.price.trimmed().isEmpty())
            return fail(OrderField::Price, OrderFormText::tr("Enter a price per Mbps per month"));
        const auto price = parsePrice(toStd(form.price));
        if (!price)
            return fail(OrderField::Price,
                        OrderFormText::tr("Price: %1").arg(QString::fromStdString(price.error())));
        if (!price->isPositive())
            return fail(OrderField::Price, OrderFormText::tr("Price must be more than 0"));
        params.price = *price;
    } else if (form.timeInForce == TimeInForce::GoodTillCancel
               || form.timeInForce == TimeInForce::GoodTillDate) {
        return fail(OrderField::TimeInForce,
                    OrderFormText::tr("A market order never rests in the book: choose IOC or FOK"));
    }

    if (form.timeInForce == TimeInForce::GoodTillDate) {
        if (!form.expireAt.isSet())
            return fail(OrderField::Expiry, OrderFormText::tr("A GTD order needs an expiry time"));
        if (form.expireAt <= now)
            return fail(OrderField::Expiry, OrderFormText::tr("Expiry %1 UTC is not in the future")
                                                .arg(format::dateTime(form.expireAt)));
        params.expireAt = form.expireAt;
    }

    if (!form.deliveryStart.isSet())
        return fail(OrderField::DeliveryStart, OrderFormText::tr("Enter the start of delivery"));
    if (!form.deliveryEnd.isSet())
        return fail(OrderField::DeliveryEnd, OrderFormText::tr("Enter the end of delivery"));
    if (form.deliveryEnd <= form.deliveryStart)
        return fail(
            OrderField::DeliveryEnd,
            OrderFormText::tr("Delivery end %1 is not after delivery start %2")
                .arg(format::dateTime(form.deliveryEnd), format::dateTime(form.deliveryStart)));
    params.deliveryStart = form.deliveryStart;
    params.deliveryEnd = form.deliveryEnd;

    if (form.side == Side::Sell && form.trafficType == TrafficType::Any)
        return fail(OrderField::TrafficType,
                    OrderFormText::tr("A sell order must name the traffic type it carries"));

    if (form.side == Side::Sell
        && (form.limits != proto::QualityLimits{} || form.ranking != RankingMode::BestPrice))
        return fail(OrderField::Ranking,
                    OrderFormText::tr("Quality limits and ranking are the buyer's choice; a sell "
                                      "order cannot carry them"));
    if (form.ranking == RankingMode::Weighted && form.weights == proto::RankingWeights{})
        return fail(OrderField::Ranking,
                    OrderFormText::tr("Weighted ranking needs at least one weight above 0 (price, "
                                      "latency, loss or distance)"));

    if (form.type == OrderType::Limit && !orderTotal(params))
        return fail(OrderField::Price,
                    OrderFormText::tr("The total cost of this order is too large"));

    OrderValidation result;
    result.params = params;
    return result;
}

std::optional<Money> orderTotal(const proto::OrderParams &params)
{
    if (params.type == OrderType::Market)
        return std::nullopt;
    return amountFor(params.price, params.capacity, params.deliveryEnd - params.deliveryStart);
}

} // namespace bwx::terminal
