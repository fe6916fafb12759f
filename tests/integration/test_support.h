#pragma once
// Small helpers shared by the integration tests.
#include "bwx/client/connection.h"
#include "bwx/domain/units.h"
#include "bwx/net/prefix.h"
#include "bwx/proto/messages.h"

#include <QString>
#include <QTest>
#include <chrono>
#include <optional>
#include <string>
#include <variant>

// Readable QCOMPARE failures for the protocol's enumerations (found by argument lookup).
namespace bwx::proto {
inline char *toString(ResultCode code)
{
    return qstrdup(name(code).data());
}
inline char *toString(MemberStatus status)
{
    return qstrdup(status == MemberStatus::Active ? "active" : "suspended");
}
} // namespace bwx::proto
namespace bwx::client {
inline char *toString(ErrorKind kind)
{
    return qstrdup(name(kind).data());
}
} // namespace bwx::client

namespace bwx::test {

inline net::Prefix prefix(const char *text)
{
    auto parsed = net::Prefix::parse(text);
    if (!parsed)
        throw std::runtime_error(std::string("bad prefix in a test: ") + text);
    return *parsed;
}

// A GTC limit order for capacity in Mbit/s, price in whole currency units per Mbit/s/month,
// delivered for 30 days from 2030-01-01.
inline proto::NewOrder limitOrder(Side side,
                                  const char *destination,
                                  std::int64_t price,
                                  std::int64_t capacityMbps,
                                  std::uint64_t clientOrderId,
                                  std::int64_t blockMbps = 1)
{
    proto::NewOrder order;
    auto &p = order.params;
    p.clientOrderId = ClientOrderId(clientOrderId);
    p.side = side;
    p.type = OrderType::Limit;
    p.timeInForce = TimeInForce::GoodTillCancel;
    p.destination = Destination::ofPrefix(prefix(destination));
    p.price = Price(price * units::kMicro);
    p.capacity = mbps(capacityMbps);
    p.minBlock = mbps(blockMbps);
    p.deliveryStart = Timestamp::fromSeconds(1'893'456'000); // 2030-01-01T00:00:00Z
    p.deliveryEnd = p.deliveryStart + seconds(30 * 24 * 3600);
    p.trafficType = TrafficType::BestEffort;
    return order;
}

// Enumerations that already have bwx::toString (Side, OrderStatus, ...) are compared as text:
// QCOMPARE(text(order.status), text(OrderStatus::Working)).
template<class E> QString text(E value)
{
    const std::string_view name = toString(value);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

template<class T> const T *as(const client::Incoming &incoming)
{
    return std::get_if<T>(&incoming.message);
}

inline QString describe(const client::Incoming &incoming)
{
    QString text = QString::fromLatin1(proto::name(proto::typeOf(incoming.message)).data());
    if (const auto *r = as<proto::Result>(incoming))
        text += QString(" %1: %2").arg(QString::fromLatin1(proto::name(r->code).data()),
                                       QString::fromStdString(r->message));
    if (const auto *g = as<proto::Goodbye>(incoming))
        text += QString(" %1: %2").arg(QString::fromLatin1(proto::name(g->code).data()),
                                       QString::fromStdString(g->reason));
    return text;
}

// The next unsolicited message of type T, skipping others (which are dropped); nullopt when
// none arrives within `timeout`.
template<class T>
std::optional<T> nextOf(client::Connection &connection, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline)
            return std::nullopt;
        auto incoming = connection.tryReceive(
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
        if (!incoming)
            return std::nullopt;
        if (auto *message = std::get_if<T>(&incoming->message))
            return std::move(*message);
    }
}

} // namespace bwx::test
