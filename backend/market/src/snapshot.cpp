// Snapshots: the state (settings, members with their routes and quality figures, orders,
// trades, counters) in a versioned binary format, and the engine rebuilt from it. Books,
// levels, indexes, commitment maps and deadline heaps are not stored: they are rebuilt from the
// open orders in time-priority order and from the trades, which is what makes a restored engine
// behave exactly like the one that was saved.
//
// Format, version 3 (integers big-endian, bwx::proto::WireWriter):
//   "BWXMKTSN" u16 version  u64 last_seq  i64 last_time  u64 state_hash
//   record(ConfigureMarket: the settings in force)
//   u32 n  n × { record(MemberList with one member)  i64 last_port_notice  u8 port_blocked
//                record(RouteBatch: the member's routes, replace_all = 1)
//                record(QualityBatch: the member's quality figures) }
//   u64 n  n × { record(OrderUpdate: the order view, seq = its time priority or 0)
//                i64 submitted_price  i64 submitted_capacity  i64 priority_time }
//   u64 n  n × record(TradeList with one trade)
//   u64 checksum of everything before it
// record(m) = u32 length + the message body as the protocol codec encodes it, so every field is
// checked by the same decoder that checks the wire. Versions 1 and 2 (before routes, quality and
// time-sliced capacity) are refused: recovery then replays the journal instead.
#include <algorithm>
#include <limits>
#include <map>

#include "bwx/proto/codec.h"
#include "bwx/proto/wire.h"
#include "engine_impl.h"
#include "state_hasher.h"
#include "validation.h"

namespace bwx::market {

using detail::kNil;

namespace {

constexpr std::uint8_t kMagic[8] = {'B', 'W', 'X', 'M', 'K', 'T', 'S', 'N'};
constexpr std::uint16_t kVersion = Engine::kSnapshotFormat;

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
    putRecord(w, proto::ConfigureMarket{settings}, scratch);

    w.u32(static_cast<std::uint32_t>(members.size()));
    for (const detail::MemberRecord &m : members) {
        putRecord(w, proto::MemberList{{m.view}}, scratch);
        w.i64(m.lastPortNotice.value());
        w.u8(m.portBlocked ? 1 : 0);
        proto::RouteBatch held;
        held.member = m.view.id;
        held.replaceAll = 1;
        for (const detail::RouteIndex::Hit &r : routes.routesOf(m.view.id))
            held.changes.push_back(proto::RouteChange{proto::RouteAction::Announce, r.prefix,
                                                      r.attrs.routeClass, r.attrs.originAsn,
                                                      r.attrs.pathLength});
        putRecord(w, held, scratch);
        proto::QualityBatch figures;
        m.quality.forEach([&](const net::Prefix &p, const detail::QualityFigure &f) {
            figures.figures.push_back(proto::QualityFigure{m.view.id, p, f.latencyUs, f.lossPpm,
                                                           f.jitterUs,
                                                           static_cast<proto::QualityState>(f.state)});
        });
        putRecord(w, figures, scratch);
    }

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
    const detail::Verdict v =
        detail::validateOrderParams(p, Timestamp(std::numeric_limits<std::int64_t>::min()),
                                    Bandwidth(std::numeric_limits<std::int64_t>::max()));
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
        return bad("format version " + std::to_string(version) + " is not supported (this market "
                   "reads version " + std::to_string(kVersion) + "; versions 1 and 2 were written "
                   "before routes, quality and time-sliced capacity: replay the journal instead)");

    auto engine = std::make_unique<Engine>(config);
    Impl &d = *engine->m_impl;
    d.lastSeq = Seq(r.u64("last_seq"));
    d.lastTime = Timestamp(r.i64("last_time"));
    d.now = d.lastTime;
    const std::uint64_t expectedHash = r.u64("state_hash");
    std::string error;
    proto::ConfigureMarket configured;
    if (!getRecord(r, configured, error, "market settings"))
        return bad(error);
    if (configured.settings.requireRoutes > 1 || configured.settings.maxOrderCapacity.value() < 0)
        return bad("market settings out of range");
    d.settings = configured.settings;

    // ---- members, their routes and quality figures ----
    const std::uint32_t memberCount = r.u32("member count");
    for (std::uint32_t i = 0; i < memberCount && r.ok(); ++i) {
        const MemberId id(i + 1);
        const std::string what = "member " + std::to_string(i + 1);
        proto::MemberList list;
        if (!getRecord(r, list, error, what))
            return bad(error);
        if (list.members.size() != 1)
            return bad(what + ": record holds " + std::to_string(list.members.size()) + " members");
        proto::MemberView &view = list.members.front();
        if (view.id != id)
            return bad(what + ": has id " + std::to_string(view.id.value()));
        if (!detail::isValidMemberName(view.name) || !detail::isValidMemberAsn(view.asn)
            || !view.portCapacity.isPositive() || view.limits.maxOrderCapacity.value() < 0
            || view.limits.maxOpenExposure.value() < 0 || view.limits.cancelOnDisconnect > 1)
            return bad(what + ": invalid name, AS number, port capacity or limits");
        if (!d.memberByName.emplace(view.name, i + 1).second)
            return bad(what + ": name '" + view.name + "' is used twice");
        view.portUsed = Bandwidth{}; // recomputed from the trades below; the hash checks it
        detail::MemberRecord &member = d.members.emplace_back();
        member.view = std::move(view);
        member.lastPortNotice = Timestamp(r.i64("last port notice"));
        const std::uint8_t blocked = r.u8("port blocked");
        if (!r.ok() || blocked > 1)
            return bad(what + ": port notice state is damaged");
        member.portBlocked = blocked != 0;
        d.routes.resizeMembers(d.members.size());
        proto::RouteBatch held;
        if (!getRecord(r, held, error, what + " routes"))
            return bad(error);
        if (held.member != id || held.replaceAll != 1)
            return bad(what + " routes: belong to member " + std::to_string(held.member.value()));
        for (const proto::RouteChange &c : held.changes) {
            const auto cls = static_cast<unsigned>(c.routeClass);
            if (c.action != proto::RouteAction::Announce || cls < 1 || cls > 3
                || d.routes.find(id, c.prefix) != nullptr)
                return bad(what + " routes: " + c.prefix.toString() + " is invalid or repeated");
            d.routes.announce(id, c.prefix, detail::RouteAttrs{c.routeClass, c.originAsn, c.pathLength});
        }
        proto::QualityBatch figures;
        if (!getRecord(r, figures, error, what + " quality"))
            return bad(error);
        for (const proto::QualityFigure &f : figures.figures) {
            const auto state = static_cast<unsigned>(f.state);
            if (f.seller != id || state < 1 || state > 3 || f.lossPpm > 1'000'000
                || member.quality.contains(f.destination))
                return bad(what + " quality: figure for " + f.destination.toString() + " is invalid");
            member.quality.insert(f.destination,
                                  detail::QualityFigure{f.latencyUs, f.lossPpm, f.jitterUs,
                                                        static_cast<std::uint8_t>(state)});
        }
    }

    // ---- orders ----
    const std::uint64_t orderCount = r.u64("order count");
    std::vector<std::pair<std::pair<std::uint64_t, std::uint64_t>, OrderId>> open; // ((priority, id), id)
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
        const bool sell = v.params.side == Side::Sell;
        const bool isOpenOrder = detail::isOpen(v.status);
        bool statusOk = false;
        switch (v.status) {
        case OrderStatus::Working: statusOk = v.filled.isZero(); break;
        case OrderStatus::PartiallyFilled:
            statusOk = v.filled.isPositive() && (v.filled < capacity || sell);
            break;
        case OrderStatus::Suspended: statusOk = sell; break;
        case OrderStatus::Filled: statusOk = v.filled == capacity; break;
        case OrderStatus::Cancelled:
        case OrderStatus::Expired: statusOk = v.filled < capacity || sell; break;
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
        rec.status = isOpenOrder ? OrderStatus::Working : v.status;
        rec.reason = isOpenOrder ? proto::ResultCode::Ok : v.reason;
        rec.filled = v.filled;
        rec.createdAt = v.createdAt;
        rec.updatedAt = v.updatedAt;
        rec.params = v.params;
        detail::MemberRecord &owner = d.members[v.member.value() - 1];
        if (owner.clientIds.find(v.params.clientOrderId.value()) != 0)
            return bad(what + ": client order id " + std::to_string(v.params.clientOrderId.value())
                       + " used twice by the same member");
        owner.clientIds.insert(v.params.clientOrderId.value(), id.value());
        if (isOpenOrder) {
            ++d.openOrders;
            open.push_back({{update.seq.value(), id.value()}, id});
            d.pushOrderTimer(id, v.params);
        }
        d.orders.emplaceBack() = std::move(rec);
        d.slotOf.emplaceBack() = kNil;
        if (v.status == OrderStatus::Suspended)
            d.orders.back().status = OrderStatus::Suspended; // marks it for the rebuild below
    }

    // ---- trades ----
    const std::uint64_t tradeCount = r.u64("trade count");
    std::vector<std::int64_t> bought(d.orders.size() + 1, 0);
    std::map<std::uint64_t, detail::CommitmentMap> sold;
    std::map<std::uint64_t, std::vector<TradeId>> tradesOfSell;
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
            && buy->member == t.buyer && sell->member == t.seller && t.buyer != t.seller
            && buy->params.destination == t.destination && sell->params.destination == t.sellDestination
            && t.price.isPositive() && t.capacity.isPositive()
            && (t.deliveryStart < t.deliveryEnd
                || (t.state == proto::TradeState::Cancelled && t.deliveryStart == t.deliveryEnd))
            && t.deliveryStart >= std::max(buy->params.deliveryStart, sell->params.deliveryStart)
            && t.deliveryEnd <= std::min(buy->params.deliveryEnd, sell->params.deliveryEnd)
            && amountFor(t.price, t.capacity, t.deliveryEnd - t.deliveryStart) == t.amount
            && (t.state == proto::TradeState::Scheduled || t.state == proto::TradeState::Active
                || t.state == proto::TradeState::Ended || t.state == proto::TradeState::Suspended
                || t.state == proto::TradeState::Cancelled);
        if (!consistent)
            return bad(what + ": does not fit its orders or is inconsistent");
        bought[t.buyOrderId.value()] += t.capacity.value();
        sold[t.sellOrderId.value()].add(t.deliveryStart.value(), d.committedEnd(t).value(),
                                        t.capacity.value());
        tradesOfSell[t.sellOrderId.value()].push_back(t.tradeId);
        d.linkTrade(t.tradeId, d.members[t.buyer.value() - 1], d.members[t.seller.value() - 1]);
        if (t.destination.isPrefix())
            *d.lastTrades.tryEmplace(t.destination.prefix, detail::LastTrade{}).first =
                detail::LastTrade{t.price, t.executedAt};
        d.trades.emplaceBack() = t;
        if (t.state != proto::TradeState::Ended && t.state != proto::TradeState::Cancelled)
            d.commitTrade(d.trades.back());
    }
    if (!r.ok())
        return bad(r.error());
    if (!r.atEnd())
        return bad(std::to_string(r.remaining()) + " unexpected bytes after the trades");
    for (std::size_t i = 0; i < d.orders.size(); ++i) {
        const detail::OrderRecord &o = d.orders[i];
        const auto it = sold.find(i + 1);
        const std::int64_t traded = o.params.side == Side::Buy ? bought[i + 1]
                                    : it == sold.end()         ? 0
                                                               : it->second.peak();
        if (traded != o.filled.value())
            return bad("order " + std::to_string(i + 1) + ": filled differs from its trades");
    }

    // ---- books, in time priority so every queue comes back in the same order ----
    // Orders may share a time priority (sells resumed by one route change); their ids decide.
    std::sort(open.begin(), open.end());
    for (const auto &[priority, id] : open) {
        detail::OrderRecord &saved = d.rec(id);
        const bool suspended = saved.status == OrderStatus::Suspended;
        saved.status = OrderStatus::Working;
        const std::uint32_t slot = d.allocLive();
        d.fillLive(slot, id, saved.member, saved.params);
        detail::LiveOrder &o = d.live[slot];
        o.prioritySeq = priority.first;
        o.updatedAt = saved.updatedAt;
        o.priorityTime = saved.priorityTime;
        if (saved.params.side == Side::Buy) {
            o.filled = saved.filled;
            o.remaining = saved.params.capacity - saved.filled;
        } else if (const auto it = tradesOfSell.find(id.value()); it != tradesOfSell.end()) {
            // Replays the commitments as the trades made them: flat while every trade covered
            // the whole period, a map from the first one that did not.
            for (const TradeId t : it->second) {
                const proto::TradeView &trade = d.trades[t.value() - 1];
                d.commitSell(o, trade.deliveryStart.value(), d.committedEnd(trade).value(),
                             trade.capacity.value());
            }
        }
        d.slotOf[id.value() - 1] = slot;
        detail::MemberRecord &owner = d.members[saved.member.value() - 1];
        o.memberPos = static_cast<std::uint32_t>(owner.open.size());
        owner.open.push_back(slot);
        if (suspended) {
            if (saved.params.side != Side::Sell)
                return bad("order " + std::to_string(id.value()) + ": only sells are suspended");
            o.flags |= detail::kSuspended;
        } else {
            d.link(slot, d.findOrCreateBook(detail::keyOf(saved.params.destination, saved.params.side,
                                                          saved.member)));
        }
    }
    d.flushTouched();
    for (detail::MemberRecord &m : d.members)
        d.recomputeExposure(m);
    d.releasedPorts.clear();

    if (const std::string e = d.invariants(); !e.empty())
        return bad("inconsistent state: " + e);
    if (d.hash() != expectedHash)
        return bad("state hash differs from the one recorded when it was saved");
    return engine;
}

} // namespace bwx::market
