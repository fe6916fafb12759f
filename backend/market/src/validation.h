#pragma once
// Stateless checks of command fields. Each failure carries the result code and a message that
// names the field and the offending value; the engine applies nothing when one fails.
#include <string>
#include <string_view>

#include "bwx/market/engine.h"
#include "bwx/proto/messages.h"

namespace bwx::market::detail {

struct Verdict
{
    proto::ResultCode code = proto::ResultCode::Ok;
    std::string message;
    bool ok() const noexcept { return code == proto::ResultCode::Ok; }
};

inline Verdict fail(proto::ResultCode code, std::string message)
{
    return Verdict{code, std::move(message)};
}

// Everything about a new order that does not depend on the book or the member's other orders.
Verdict validateOrderParams(const proto::OrderParams &params, Timestamp now,
                            Bandwidth maxOrderCapacity);

// Name, display name, ASN and port capacity of a new member (uniqueness is the engine's check).
Verdict validateNewMember(const proto::AddMember &add);

// 1-32 characters of [a-z0-9_-], starting with a letter.
bool isValidMemberName(std::string_view name) noexcept;

// 1..4294967294 except AS_TRANS (23456) and 65535.
bool isValidMemberAsn(std::uint32_t asn) noexcept;

// Whether an order of this kind can rest in a book at all.
constexpr bool canRest(const proto::OrderParams &p) noexcept
{
    return p.type == OrderType::Limit
           && (p.timeInForce == TimeInForce::GoodTillCancel
               || p.timeInForce == TimeInForce::GoodTillDate);
}

// The value of `capacity` at `price` over the delivery period fits in Money. Checked for every
// limit order so that no trade amount can overflow: a trade's price, capacity and period are
// each bounded by those of the limit order on its buy side (or of the resting sell for a
// market buy).
bool valueFits(Price price, Bandwidth capacity, Timestamp start, Timestamp end) noexcept;

} // namespace bwx::market::detail
