// Snapshots: the state (members, orders, trades, counters) in a versioned binary format, and
// the engine rebuilt from it. Books, levels, indexes and deadline heaps are not stored: they are
// rebuilt from the open orders in time-priority order, which is what makes a restored engine
// behave exactly like the one that was saved.
//
// Format, version 1 (integers big-endian, bwx::proto::WireWriter):
//   "BWXMKTSN" u16 version  u64 last_seq  i64 last_time  u64 state_hash
//   u32 n  n × record(MemberList with one member)
//   u64 n  n × { record(OrderUpdate: the order view, seq = its time priority or 0)
//                i64 submitted_price  i64 submitted_capacity  i64 priority_time }
//   u64 n  n × record(TradeList with one trade)
//   u64 checksum of everything before it
// record(m) = u32 length + the message body as the protocol codec encodes it, so every field is
// checked by the same decoder that checks the wire.
#include <algorithm>
#include <limits>

#include "bwx/proto/codec.h"
#include "bwx/proto/wire.h"
#include "engine_impl.h"
#include "state_hasher.h"
#include "validation.h"

namespace bwx::market {

using detail::kNil;

namespace {

constexpr std::uint8_t kMagic[8] = {'B', 'W', 'X', 'M', 'K', 'T', 'S', 'N'};
constexpr std::uint16_t kVersion = 1;

std::uint64_t checksumOf(std::span<const std::uint8_t> bytes)
{
    detail::StateHasher h;
    h.addBytes(bytes);
    return h.value();
}

void putRecord(proto::WireWriter &w, const proto::Message &message, std::vector<std::uint8_t> &scratch)
{
    scratch.clear();
    proto::encodeBody(message, scratch);
    w.u32(static_cast<std::uint32_t>(scratch.size()));
    w.bytes(scratch);
}

template <class T>
bool getRecord(proto::WireReader &r, T &out, std::string &error, const std::string &what)
{
    const std::uint32_t length = r.u32("record length");
    const auto body = r.bytes(length, "record body");
    if (!r.ok()) {
        error = what + ": " + r.error();
        return false;
    }
    proto::DecodedBody decoded = proto::decodeBody(static_cast<std::uint16_t>(T::kType), body);
    if (!decoded.ok) {
        error = what + ": " + decoded.error;
        return false;
    }
    out = std::get<T>(std::move(decoded.message));
    return true;
}

} // namespace

void Engine::Impl::save(std::vector<std::uint8_t> &out) const
{
    out.clear();
    proto::WireWriter w(out);
    std::vector<std::uint8_t> scratch;
    w.bytes(kMagic);
    w.u16(kVersion);
    w.u64(lastSeq.value());
    w.i64(lastTime.value());
    w.u64(hash());

    w.u32(static_cast<std::uint32_t>(members.size()));
    for (const detail::MemberRecord &m : members)
        putRecord(w, proto::MemberList{{m.view}}, scratch);

    w.u64(orders.size());
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const detail::OrderRecord &r = orders[i];
        const std::uint32_t slot = slotOf[i];
        const std::uint64_t priority = slot == kNil ? 0 : live[slot].prioritySeq;
        const Timestamp priorityTime = slot == kNil ? r.priorityTime : live[slot].priorityTime;
        putRecord(w, proto::OrderUpdate{orderView(OrderId(i + 1)), Seq(priority)}, scratch);
        w.i64(r.submittedPrice.value());
        w.i64(r.submittedCapacity.value());
        w.i64(priorityTime.value());
    }

    w.u64(trades.size());
    for (std::size_t i = 0; i < trades.size(); ++i)
        putRecord(w, proto::TradeList{{trades[i]}}, scratch);

    w.u64(checksumOf(out));
}

namespace {

// Parameters as the engine accepted them: everything validateOrderParams checks except what
// depends on the time of entry or on the configured limits.
std::string checkParams(const proto::OrderParams &p)
{
    EngineConfig permissive;
    permissive.maxOrderCapacity = Bandwidth(std::numeric_limits<std::int64_t>::max());
    const detail::Verdict v =
        detail::validateOrderParams(p, Timestamp(std::numeric_limits<std::int64_t>::min()), permissive);
    return v.ok() ? std::string{} : v.message;
}

} // namespace

Expected<std::unique_ptr<Engine>> Engine::loadSnapshot(std::span<const std::uint8_t> bytes,
                                                       EngineConfig config)
{
    const auto bad = [](const std::string &why) { return makeError("snapshot rejected: " + why); };
    constexpr std::size_t kHeader = sizeof kMagic + 2 + 8 + 8 + 8;
    if (bytes.size() < kHeader + 8)
        return bad("only " + std::to_string(bytes.size()) + " bytes, too short for a snapshot");
    if (!std::equal(std::begin(kMagic), std::end(kMagic), bytes.begin()))
        return bad("not a market snapshot (wrong magic)");
    const auto body = bytes.first(bytes.size() - 8);
    proto::WireReader trailer(bytes.last(8));
    if (trailer.u64("checksum") != checksumOf(body))
        return bad("checksum mismatch: the file is damaged or truncated");

    proto::WireReader r(body);
    r.bytes(sizeof kMagic, "magic");
    const std::uint16_t version = r.u16("version");
    if (version != kVersion)
        return bad("format version " + std::to_string(version) + " is not supported (expected "
                   + std::to_string(kVersion) + ")");

    auto engine = std::make_unique<Engine>(config);
    Impl &d = *engine->m_impl;
    d.lastSeq = Seq(r.u64("last_seq"));
    d.lastTime = Timestamp(r.i64("last_time"));
    const std::uint64_t expectedHash = r.u64("state_hash");
    std::string error;

    // ---- members ----
    const std::uint32_t memberCount = r.u32("member count");
    for (std::uint32_t i = 0; i < memberCount && r.ok(); ++i) {
        const std::string what = "member " + std::to_string(i + 1);
        proto::MemberList list;
        if (!getRecord(r, list, error, what))
            return bad(error);
        if (list.members.size() != 1)
            return bad(what + ": record holds " + std::to_string(list.members.size()) + " members");
        proto::MemberView &view = list.members.front();
        if (view.id.value() != i + 1)
            return bad(what + ": has id " + std::to_string(view.id.value()));
        if (!detail::isValidMemberName(view.name) || !detail::isValidMemberAsn(view.asn)
            || !view.portCapacity.isPositive())
            return bad(what + ": invalid name, AS number or port capacity");
        if (!d.memberByName.emplace(view.name, i + 1).second)
            return bad(what + ": name '" + view.name + "' is used twice");
        d.members.emplace_back().view = std::move(view);
    }

    // ---- orders ----
    const std::uint64_t orderCount = r.u64("order count");
    std::vector<std::pair<std::uint64_t, OrderId>> open; // (time priority, id)
    for (std::uint64_t i = 0; i < orderCount && r.ok(); ++i) {
        const OrderId id(i + 1);
        const std::string what = "order " + std::to_string(id.value());
        proto::OrderUpdate update;
        if (!getRecord(r, update, error, what))
            return bad(error);
        const proto::OrderView &v = update.order;
        detail::OrderRecord rec;
        rec.submittedPrice = Price(r.i64("submitted price"));
        rec.submittedCapacity = Bandwidth(r.i64("submitted capacity"));
        rec.priorityTime = Timestamp(r.i64("priority time"));
        if (!r.ok())
            return bad(what + ": " + r.error());
        if (v.orderId != id)
            return bad(what + ": has id " + std::to_string(v.orderId.value()));
        if (!d.knownMember(v.member))
            return bad(what + ": unknown member " + std::to_string(v.member.value()));
        if (const std::string e = checkParams(v.params); !e.empty())
            return bad(what + ": " + e);
        proto::OrderParams submitted = v.params;
        submitted.price = rec.submittedPrice;
        submitted.capacity = rec.submittedCapacity;
        if (const std::string e = checkParams(submitted); !e.empty())
            return bad(what + " as submitted: " + e);
        const Bandwidth capacity = v.params.capacity;
        if (v.filled.value() < 0 || v.filled > capacity
            || v.filled.value() % v.params.minBlock.value() != 0)
            return bad(what + ": filled " + std::to_string(v.filled.value()) + " is impossible");
        const bool isOpenOrder = detail::isOpen(v.status);
        bool statusOk = false;
        switch (v.status) {
        case OrderStatus::Working: statusOk = v.filled.isZero(); break;
        case OrderStatus::PartiallyFilled: statusOk = v.filled.isPositive() && v.filled < capacity; break;
        case OrderStatus::Filled: statusOk = v.filled == capacity; break;
        case OrderStatus::Cancelled:
        case OrderStatus::Expired: statusOk = v.filled < capacity; break;
        default: statusOk = false; break;
        }
        if (!statusOk)
            return bad(what + ": status " + std::string(toString(v.status))
                       + " does not fit filled " + std::to_string(v.filled.value()));
        if (isOpenOrder) {
            if (!detail::canRest(v.params) || v.remaining != capacity - v.filled)
                return bad(what + ": open but cannot rest, or remaining is not capacity - filled");
            if (update.seq.value() == 0 || update.seq > d.lastSeq)
                return bad(what + ": time priority " + std::to_string(update.seq.value())
                           + " outside 1.." + std::to_string(d.lastSeq.value()));
        } else if (!v.remaining.isZero() || update.seq.value() != 0) {
            return bad(what + ": closed but with remaining capacity or time priority");
        }
        rec.member = v.member;
        rec.status = v.status;
        rec.reason = v.reason;
        rec.filled = v.filled;
        rec.createdAt = v.createdAt;
        rec.updatedAt = v.updatedAt;
        rec.params = v.params;
        detail::MemberRecord &owner = d.members[v.member.value() - 1];
        if (owner.clientIds.find(v.params.clientOrderId.value()) != 0)
            return bad(what + ": client order id " + std::to_string(v.params.clientOrderId.value())
                       + " used twice by the same member");
        owner.clientIds.insert(v.params.clientOrderId.value(), id.value());
        owner.all.push_back(id);
        if (isOpenOrder) {
            ++d.openOrders;
            open.emplace_back(update.seq.value(), id);
            d.pushOrderTimer(id, v.params);
        }
        d.orders.emplaceBack() = std::move(rec);
        d.slotOf.push_back(kNil);
    }

    // ---- trades ----
    const std::uint64_t tradeCount = r.u64("trade count");
    std::vector<std::int64_t> traded(d.orders.size() + 1, 0);
    for (std::uint64_t i = 0; i < tradeCount && r.ok(); ++i) {
        const std::string what = "trade " + std::to_string(i + 1);
        proto::TradeList list;
        if (!getRecord(r, list, error, what))
            return bad(error);
        if (list.trades.size() != 1)
            return bad(what + ": record holds " + std::to_string(list.trades.size()) + " trades");
        const proto::TradeView &t = list.trades.front();
        const detail::OrderRecord *buy = d.knownOrder(t.buyOrderId) ? &d.rec(t.buyOrderId) : nullptr;
        const detail::OrderRecord *sell = d.knownOrder(t.sellOrderId) ? &d.rec(t.sellOrderId) : nullptr;
        const bool consistent =
            t.tradeId.value() == i + 1 && buy != nullptr && sell != nullptr
            && buy->params.side == Side::Buy && sell->params.side == Side::Sell
            && buy->member == t.buyer && sell->member == t.seller
            && buy->params.destination == t.destination && sell->params.destination == t.sellDestination
            && t.price.isPositive() && t.capacity.isPositive() && t.deliveryStart < t.deliveryEnd
            && amountFor(t.price, t.capacity, t.deliveryEnd - t.deliveryStart) == t.amount
            && (t.state == proto::TradeState::Scheduled || t.state == proto::TradeState::Active
                || t.state == proto::TradeState::Ended);
        if (!consistent)
            return bad(what + ": does not fit its orders or is inconsistent");
        traded[t.buyOrderId.value()] += t.capacity.value();
        traded[t.sellOrderId.value()] += t.capacity.value();
        d.members[t.buyer.value() - 1].trades.push_back(t.tradeId);
        d.members[t.seller.value() - 1].trades.push_back(t.tradeId);
        if (t.state != proto::TradeState::Ended) {
            const Timestamp due = t.state == proto::TradeState::Scheduled ? t.deliveryStart : t.deliveryEnd;
            d.tradeTimers.push_back(detail::Timer{due.value(), t.tradeId.value()});
        }
        *d.lastTrades.tryEmplace(t.destination.prefix, detail::LastTrade{}).first =
            detail::LastTrade{t.price, t.executedAt};
        d.trades.emplaceBack() = t;
    }
    if (!r.ok())
        return bad(r.error());
    if (!r.atEnd())
        return bad(std::to_string(r.remaining()) + " unexpected bytes after the trades");
    for (std::size_t i = 0; i < d.orders.size(); ++i)
        if (traded[i + 1] != d.orders[i].filled.value())
            return bad("order " + std::to_string(i + 1) + ": filled differs from its trades");
    std::make_heap(d.tradeTimers.begin(), d.tradeTimers.end(), std::greater<>{});

    // ---- books, in time priority so every queue comes back in the same order ----
    std::sort(open.begin(), open.end());
    for (std::size_t i = 1; i < open.size(); ++i)
        if (open[i].first == open[i - 1].first)
            return bad("orders " + std::to_string(open[i - 1].second.value()) + " and "
                       + std::to_string(open[i].second.value()) + " share a time priority");
    for (const auto &[priority, id] : open) {
        const detail::OrderRecord &saved = d.rec(id);
        const std::uint32_t slot = d.allocLive();
        detail::LiveOrder &o = d.live[slot];
        o = detail::LiveOrder{};
        o.remaining = saved.params.capacity - saved.filled;
        o.minBlock = saved.params.minBlock;
        o.deliveryStart = saved.params.deliveryStart;
        o.deliveryEnd = saved.params.deliveryEnd;
        o.prioritySeq = priority;
        o.id = id;
        o.member = saved.member;
        o.side = saved.params.side;
        o.traffic = saved.params.trafficType;
        o.price = saved.params.price;
        o.capacity = saved.params.capacity;
        o.filled = saved.filled;
        o.updatedAt = saved.updatedAt;
        o.priorityTime = saved.priorityTime;
        d.slotOf[id.value() - 1] = slot;
        detail::MemberRecord &owner = d.members[saved.member.value() - 1];
        o.memberPos = static_cast<std::uint32_t>(owner.open.size());
        owner.open.push_back(slot);
        d.link(slot, saved.params.destination.prefix);
    }
    d.flushTouched();

    if (const std::string e = d.invariants(); !e.empty())
        return bad("inconsistent state: " + e);
    if (d.hash() != expectedHash)
        return bad("state hash differs from the one recorded when it was saved");
    return engine;
}


} // namespace bwx::market
