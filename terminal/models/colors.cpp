#include "models/colors.h"

namespace bwx::terminal::colors {

QColor bid()
{
    return QColor(0x2e, 0xa0, 0x4f);
}

QColor ask()
{
    return QColor(0xe0, 0x4b, 0x3f);
}

QColor side(Side side)
{
    return side == Side::Buy ? bid() : ask();
}

QColor warning()
{
    return QColor(0xe6, 0x8a, 0x00);
}

QColor muted()
{
    return QColor(0x8c, 0x8c, 0x8c);
}

QColor uptick()
{
    return bid();
}

QColor downtick()
{
    return ask();
}

QColor orderStatus(OrderStatus status)
{
    switch (status) {
    case OrderStatus::Working:
        return QColor(0x3d, 0x8b, 0xe0);
    case OrderStatus::PartiallyFilled:
        return QColor(0x1f, 0xa8, 0xa0);
    case OrderStatus::Filled:
        return bid();
    case OrderStatus::Cancelled:
    case OrderStatus::Expired:
        return muted();
    case OrderStatus::Rejected:
        return ask();
    case OrderStatus::Suspended:
        return warning();
    }
    return {};
}

} // namespace bwx::terminal::colors
