#pragma once
// Colours with a meaning (bid, ask, order states). Chosen to stay readable on both the light
// and the dark palette, so models need not know the theme.
#include <QColor>
#include <bwx/domain/order_types.h>

namespace bwx::terminal::colors {

QColor bid();
QColor ask();
QColor side(Side side);
QColor warning();
QColor muted();
QColor orderStatus(OrderStatus status);
QColor uptick();
QColor downtick();

} // namespace bwx::terminal::colors
