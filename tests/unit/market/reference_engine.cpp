#include "reference_engine.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <tuple>
#include <variant>

namespace bwx::market::testing {

using proto::ResultCode;

namespace {

__extension__ using i128 = __int128;

bool validName(const std::string &n)
{
    if (n.empty() || n.size() > 32 || !(n[0] >= 'a' && n[0] <= 'z'))
        return false;
    for (char c : n)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    return true;
}

bool openStatus(OrderStatus s) { return s == OrderStatus::Working || s == OrderStatus::PartiallyFilled; }

bool restable(const proto::OrderParams &p)
{
    return p.type == OrderType::Limit
           && (p.timeInForce == TimeInForce::GoodTillCancel || p.timeInForce == TimeInForce::GoodTillDate);
}

// The checks of a new order, in the documented order; Ok when acceptable.
ResultCode validate(const proto::OrderParams &p, Timestamp now, const EngineConfig &config)
{
    const int side = static_cast<int>(p.side), type = static_cast<int>(p.type);
    const int tif = static_cast<int>(p.timeInForce), traffic = static_cast<int>(p.trafficType);
    const int ranking = static_cast<int>(p.ranking);
    if (side < 1 || side > 2 || type < 1 || type > 2 || tif < 1 || tif > 4 || traffic > 3
        || ranking < 1 || ranking > 3)
        return ResultCode::InvalidFieldValue;
    if (p.destination.kind != DestinationKind::Prefix
        || p.destination.family != p.destination.prefix.family())
        return ResultCode::InvalidDestination;
    if (p.type == OrderType::Limit && p.price.value() <= 0)
        return ResultCode::InvalidPrice;
    if (p.type == OrderType::Market && tif != 3 && tif != 4)
        return ResultCode::InvalidTimeInForce;
    if (p.capacity.value() <= 0)
        return ResultCode::InvalidCapacity;
    if (p.capacity > config.maxOrderCapacity)
        return ResultCode::OrderTooLarge;
    if (p.minBlock.value() <= 0 || p.minBlock > p.capacity)
        return ResultCode::InvalidMinBlock;
    if (p.capacity.value() % p.minBlock.value() != 0)
        return ResultCode::CapacityNotMultipleOfBlock;
    if (p.timeInForce == TimeInForce::GoodTillDate ? p.expireAt <= now : p.expireAt.value() != 0)
        return ResultCode::InvalidExpiry;
    if (p.deliveryStart.value() < 0 || p.deliveryStart >= p.deliveryEnd || p.deliveryEnd <= now)
        return ResultCode::InvalidDeliveryPeriod;
    if (p.side == Side::Sell && p.trafficType == TrafficType::Any)
        return ResultCode::InvalidTrafficType;
    if (!(p.limits == proto::QualityLimits{}))
        return ResultCode::InvalidQualityLimit;
    if (p.ranking != RankingMode::BestPrice || !(p.weights == proto::RankingWeights{}))
        return ResultCode::InvalidRanking;
    if (p.type == OrderType::Limit
        && !amountFor(p.price, p.capacity, p.deliveryEnd - p.deliveryStart).has_value())
        return ResultCode::OrderTooLarge;
    return ResultCode::Ok;
}

} // namespace

void ReferenceEngine::apply(const Command &cmd, EngineEvents &ev)
{
    if (m_lastSeq.value() != 0 && cmd.seq <= m_lastSeq) {
        ev.rejected(ResultCode::InternalError, "seq not increasing");
        return;
    }
    m_lastSeq = cmd.seq;
    m_seq = cmd.seq.value();
    m_now = cmd.time;
    if (auto *m = std::get_if<proto::NewOrder>(&cmd.body))
        newOrder(cmd.member, m->params, ev);
    else if (auto *c = std::get_if<proto::CancelOrder>(&cmd.body))
        cancel(cmd.member, *c, ev);
    else if (auto *a = std::get_if<proto::AmendOrder>(&cmd.body))
        amend(cmd.member, *a, ev);
    else if (auto *mc = std::get_if<proto::MassCancel>(&cmd.body))
        massCancel(cmd.member, *mc, ev);
    else if (std::holds_alternative<proto::ClockTick>(cmd.body))
        tick(ev);
    else if (auto *am = std::get_if<proto::AddMember>(&cmd.body))
        addMember(*am, ev);
    else if (auto *s = std::get_if<proto::SetMemberStatus>(&cmd.body))
        setMemberStatus(*s, ev);
    else
        ev.rejected(ResultCode::UnexpectedMessage, "not a command");
}

bool ReferenceEngine::checkTrader(MemberId member, EngineEvents &ev) const
{
    if (member.value() == 0 || member.value() > m_members.size()) {
        ev.rejected(ResultCode::UnknownMember, "unknown member");
        return false;
    }
    if (m_members[member.value() - 1].status != proto::MemberStatus::Active) {
        ev.rejected(ResultCode::MemberSuspended, "suspended");
        return false;
    }
    return true;
}

void ReferenceEngine::addMember(const proto::AddMember &a, EngineEvents &ev)
{
    bool controlChar = false;
    for (char c : a.displayName)
        controlChar = controlChar || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    if (!validName(a.name) || a.displayName.size() > 128 || controlChar) {
        ev.rejected(ResultCode::InvalidMemberName, "bad name");
        return;
    }
    if (a.asn == 0 || a.asn == 23456 || a.asn == 65535 || a.asn == 4294967295u) {
        ev.rejected(ResultCode::InvalidAsn, "bad asn");
        return;
    }
    if (a.portCapacity.value() <= 0) {
        ev.rejected(ResultCode::InvalidPortCapacity, "bad port");
        return;
    }
    for (const auto &m : m_members)
        if (m.name == a.name) {
            ev.rejected(ResultCode::MemberExists, "exists");
            return;
        }
    proto::MemberView v;
    v.id = MemberId(static_cast<std::uint32_t>(m_members.size() + 1));
    v.name = a.name;
    v.displayName = a.displayName;
    v.asn = a.asn;
    v.portCapacity = a.portCapacity;
    v.status = proto::MemberStatus::Active;
    m_members.push_back(v);
    ev.memberUpdated(v, true);
}

void ReferenceEngine::setMemberStatus(const proto::SetMemberStatus &s, EngineEvents &ev)
{
    if (s.member.value() == 0 || s.member.value() > m_members.size()) {
        ev.rejected(ResultCode::UnknownMember, "unknown member");
        return;
    }
    if (s.status != proto::MemberStatus::Active && s.status != proto::MemberStatus::Suspended) {
        ev.rejected(ResultCode::InvalidFieldValue, "bad status");
        return;
    }
    proto::MemberView &m = m_members[s.member.value() - 1];
    if (s.status == proto::MemberStatus::Suspended && m.status == proto::MemberStatus::Active) {
        std::vector<std::size_t> mine;
        for (std::size_t i : m_open)
            if (m_orders[i].view.member == s.member)
                mine.push_back(i);
        std::sort(mine.begin(), mine.end());
        for (std::size_t i : mine) {
            const proto::BookEntry e = entryOf(m_orders[i]);
            removeOpen(i);
            close(i, OrderStatus::Cancelled, ResultCode::MemberSuspended);
            ev.orderUpdated(m_orders[i].view, false);
            ev.bookChanged(proto::BookAction::Remove, e);
        }
    }
    m.status = s.status;
    ev.memberUpdated(m, true);
}

void ReferenceEngine::newOrder(MemberId member, const proto::OrderParams &p, EngineEvents &ev)
{
    if (!checkTrader(member, ev))
        return;
    if (p.clientOrderId.value() == 0) {
        ev.rejected(ResultCode::InvalidFieldValue, "client order id 0");
        return;
    }
    const auto key = std::make_pair(member.value(), p.clientOrderId.value());
    if (auto it = m_byClientId.find(key); it != m_byClientId.end()) {
        const Order &o = m_orders[it->second];
        proto::OrderParams submitted = o.view.params;
        submitted.price = o.submittedPrice;
        submitted.capacity = o.submittedCapacity;
        if (submitted == p)
            ev.orderUpdated(o.view, true);
        else
            ev.rejected(ResultCode::DuplicateClientOrderId, "duplicate");
        return;
    }
    const ResultCode code = validate(p, m_now, m_config);
    if (code != ResultCode::Ok) {
        ev.rejected(code, "invalid");
        return;
    }
    if (restable(p)) {
        std::size_t mine = 0;
        for (std::size_t i : m_open)
            mine += m_orders[i].view.member == member ? 1u : 0u;
        if (mine >= m_config.maxOpenOrdersPerMember) {
            ev.rejected(ResultCode::ExposureLimit, "too many open orders");
            return;
        }
    }
    Order o;
    o.view.orderId = OrderId(m_orders.size() + 1);
    o.view.member = member;
    o.view.params = p;
    o.view.status = OrderStatus::Working;
    o.view.remaining = p.capacity;
    o.view.createdAt = m_now;
    o.view.updatedAt = m_now;
    o.submittedPrice = p.price;
    o.submittedCapacity = p.capacity;
    o.priority = m_seq;
    o.priorityTime = m_now;
    m_orders.push_back(o);
    m_byClientId[key] = m_orders.size() - 1;
    take(m_orders.size() - 1, ev);
}

std::vector<std::size_t> ReferenceEngine::candidates(std::size_t i) const
{
    const Order &t = m_orders[i];
    const bool buy = t.view.params.side == Side::Buy;
    const bool market = t.view.params.type == OrderType::Market;
    std::vector<std::size_t> out;
    for (std::size_t j : m_open) {
        const Order &o = m_orders[j];
        if (o.view.params.side == t.view.params.side)
            continue;
        const net::Prefix &mine = t.view.params.destination.prefix;
        const net::Prefix &theirs = o.view.params.destination.prefix;
        if (buy ? !theirs.contains(mine) : !mine.contains(theirs))
            continue;
        const Price price = o.view.params.price;
        if (!market && (buy ? price > t.view.params.price : price < t.view.params.price))
            continue;
        out.push_back(j);
    }
    std::sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        const Order &x = m_orders[a];
        const Order &y = m_orders[b];
        const std::int64_t px = x.view.params.price.value(), py = y.view.params.price.value();
        if (px != py)
            return buy ? px < py : px > py;
        if (x.priority != y.priority)
            return x.priority < y.priority;
        return x.view.orderId < y.view.orderId;
    });
    return out;
}

std::int64_t ReferenceEngine::fillSize(const Order &taker, const Order &maker) const
{
    const proto::OrderParams &a = taker.view.params;
    const proto::OrderParams &b = maker.view.params;
    const Timestamp start = std::max(a.deliveryStart, b.deliveryStart);
    const Timestamp end = std::min(a.deliveryEnd, b.deliveryEnd);
    if (!(start < end) || end <= m_now)
        return 0;
    const proto::OrderParams &buy = a.side == Side::Buy ? a : b;
    const proto::OrderParams &sell = a.side == Side::Buy ? b : a;
    if (buy.trafficType != TrafficType::Any && buy.trafficType != sell.trafficType)
        return 0;
    // 128-bit so the least common multiple cannot overflow.
    const i128 lcm = i128(a.minBlock.value()) / std::gcd(a.minBlock.value(), b.minBlock.value())
                     * b.minBlock.value();
    const std::int64_t most = std::min(taker.view.remaining.value(), maker.view.remaining.value());
    if (lcm > most)
        return 0;
    const auto l = static_cast<std::int64_t>(lcm);
    return most / l * l;
}

void ReferenceEngine::take(std::size_t i, EngineEvents &ev)
{
    const std::vector<std::size_t> list = candidates(i);
    const bool fok = m_orders[i].view.params.timeInForce == TimeInForce::FillOrKill;
    if (fok) {
        std::int64_t left = m_orders[i].view.remaining.value();
        bool done = false;
        Order probe = m_orders[i];
        for (std::size_t j : list) {
            probe.view.remaining = Bandwidth(left);
            const std::int64_t size = fillSize(probe, m_orders[j]);
            if (size == 0)
                continue;
            if (m_orders[j].view.member == probe.view.member)
                break;
            left -= size;
            if (left == 0) {
                done = true;
                break;
            }
        }
        if (!done) {
            close(i, OrderStatus::Cancelled, ResultCode::FillOrKillNotFilled);
            ev.orderUpdated(m_orders[i].view, true);
            return;
        }
    }
    bool selfTrade = false;
    for (std::size_t j : list) {
        if (m_orders[i].view.remaining.isZero())
            break;
        const std::int64_t size = fillSize(m_orders[i], m_orders[j]);
        if (size == 0)
            continue;
        if (m_orders[j].view.member == m_orders[i].view.member) {
            selfTrade = true;
            break;
        }
        fill(i, j, ev);
    }
    Order &o = m_orders[i];
    if (o.view.remaining.isZero()) {
        close(i, OrderStatus::Filled, ResultCode::Ok);
    } else if (selfTrade) {
        close(i, OrderStatus::Cancelled, ResultCode::SelfTradePrevented);
    } else if (restable(o.view.params)) {
        o.view.status = o.view.filled.isZero() ? OrderStatus::Working : OrderStatus::PartiallyFilled;
        o.view.updatedAt = m_now;
        m_open.push_back(i);
        ev.orderUpdated(o.view, true);
        ev.bookChanged(proto::BookAction::Add, entryOf(o));
        return;
    } else {
        close(i, OrderStatus::Cancelled, o.view.filled.isZero() ? ResultCode::NoLiquidity : ResultCode::Ok);
    }
    ev.orderUpdated(m_orders[i].view, true);
}

void ReferenceEngine::fill(std::size_t ti, std::size_t mi, EngineEvents &ev)
{
    Order &t = m_orders[ti];
    Order &m = m_orders[mi];
    const Bandwidth size(fillSize(t, m));
    t.view.remaining -= size;
    t.view.filled += size;
    t.view.updatedAt = m_now;
    m.view.remaining -= size;
    m.view.filled += size;
    m.view.updatedAt = m_now;
    const Order &buy = t.view.params.side == Side::Buy ? t : m;
    const Order &sell = t.view.params.side == Side::Buy ? m : t;
    proto::TradeView tr;
    tr.tradeId = TradeId(m_trades.size() + 1);
    tr.buyOrderId = buy.view.orderId;
    tr.sellOrderId = sell.view.orderId;
    tr.buyer = buy.view.member;
    tr.seller = sell.view.member;
    tr.destination = buy.view.params.destination;
    tr.sellDestination = sell.view.params.destination;
    tr.price = m.view.params.price;
    tr.capacity = size;
    tr.deliveryStart = std::max(buy.view.params.deliveryStart, sell.view.params.deliveryStart);
    tr.deliveryEnd = std::min(buy.view.params.deliveryEnd, sell.view.params.deliveryEnd);
    tr.amount = *amountFor(tr.price, size, tr.deliveryEnd - tr.deliveryStart);
    tr.executedAt = m_now;
    tr.state = tr.deliveryStart <= m_now ? proto::TradeState::Active : proto::TradeState::Scheduled;
    m_trades.push_back(tr);
    m_liveTrades.push_back(m_trades.size() - 1);
    const proto::BookEntry e = entryOf(m);
    if (m.view.remaining.isZero()) {
        removeOpen(mi);
        close(mi, OrderStatus::Filled, ResultCode::Ok);
    } else {
        m.view.status = OrderStatus::PartiallyFilled;
    }
    ev.tradeExecuted(tr);
    ev.orderUpdated(m_orders[mi].view, false);
    ev.bookChanged(m_orders[mi].view.remaining.isZero() ? proto::BookAction::Remove
                                                         : proto::BookAction::Modify,
                   e);
}

void ReferenceEngine::close(std::size_t i, OrderStatus status, ResultCode reason)
{
    Order &o = m_orders[i];
    o.view.status = status;
    o.view.reason = reason;
    o.view.remaining = Bandwidth{};
    o.view.updatedAt = m_now;
}

void ReferenceEngine::removeOpen(std::size_t i)
{
    m_open.erase(std::find(m_open.begin(), m_open.end(), i));
}

bool ReferenceEngine::isOpenIndex(std::size_t i) const
{
    return std::find(m_open.begin(), m_open.end(), i) != m_open.end();
}

proto::BookEntry ReferenceEngine::entryOf(const Order &o) const
{
    proto::BookEntry e;
    e.orderId = o.view.orderId;
    e.side = o.view.params.side;
    e.prefix = o.view.params.destination.prefix;
    e.price = o.view.params.price;
    e.remaining = o.view.remaining;
    e.minBlock = o.view.params.minBlock;
    e.deliveryStart = o.view.params.deliveryStart;
    e.deliveryEnd = o.view.params.deliveryEnd;
    e.trafficType = o.view.params.trafficType;
    e.createdAt = o.priorityTime;
    return e;
}

void ReferenceEngine::cancel(MemberId member, const proto::CancelOrder &c, EngineEvents &ev)
{
    if (!checkTrader(member, ev))
        return;
    if ((c.orderId.value() == 0) == (c.clientOrderId.value() == 0)) {
        ev.rejected(ResultCode::InvalidFieldValue, "one of the ids");
        return;
    }
    std::size_t i = m_orders.size();
    if (c.orderId.value() != 0) {
        if (c.orderId.value() <= m_orders.size() && m_orders[c.orderId.value() - 1].view.member == member)
            i = c.orderId.value() - 1;
    } else if (auto it = m_byClientId.find({member.value(), c.clientOrderId.value()});
               it != m_byClientId.end()) {
        i = it->second;
    }
    if (i == m_orders.size()) {
        ev.rejected(ResultCode::UnknownOrder, "unknown");
        return;
    }
    if (!openStatus(m_orders[i].view.status)) {
        ev.rejected(ResultCode::OrderNotActive, "not active");
        return;
    }
    const proto::BookEntry e = entryOf(m_orders[i]);
    removeOpen(i);
    close(i, OrderStatus::Cancelled, ResultCode::Ok);
    ev.orderUpdated(m_orders[i].view, true);
    ev.bookChanged(proto::BookAction::Remove, e);
}

void ReferenceEngine::amend(MemberId member, const proto::AmendOrder &a, EngineEvents &ev)
{
    if (!checkTrader(member, ev))
        return;
    if (a.orderId.value() == 0 || a.orderId.value() > m_orders.size()
        || m_orders[a.orderId.value() - 1].view.member != member) {
        ev.rejected(ResultCode::UnknownOrder, "unknown");
        return;
    }
    const std::size_t i = a.orderId.value() - 1;
    Order &o = m_orders[i];
    if (!openStatus(o.view.status)) {
        ev.rejected(ResultCode::OrderNotActive, "not active");
        return;
    }
    if (a.newPrice.value() < 0) {
        ev.rejected(ResultCode::InvalidPrice, "price");
        return;
    }
    if (a.newCapacity.value() < 0) {
        ev.rejected(ResultCode::InvalidCapacity, "capacity");
        return;
    }
    const Price price = a.newPrice.value() != 0 ? a.newPrice : o.view.params.price;
    const Bandwidth cap = a.newCapacity.value() != 0 ? a.newCapacity : o.view.params.capacity;
    ResultCode code = ResultCode::Ok;
    if (price == o.view.params.price && cap == o.view.params.capacity)
        code = ResultCode::InvalidAmend;
    else if (cap <= o.view.filled)
        code = ResultCode::InvalidAmend;
    else if (cap > m_config.maxOrderCapacity)
        code = ResultCode::OrderTooLarge;
    else if (cap.value() % o.view.params.minBlock.value() != 0)
        code = ResultCode::CapacityNotMultipleOfBlock;
    else if (!amountFor(price, cap, o.view.params.deliveryEnd - o.view.params.deliveryStart))
        code = ResultCode::OrderTooLarge;
    if (code != ResultCode::Ok) {
        ev.rejected(code, "amend");
        return;
    }
    if (price == o.view.params.price && cap < o.view.params.capacity) {
        o.view.params.capacity = cap;
        o.view.remaining = cap - o.view.filled;
        o.view.updatedAt = m_now;
        ev.orderUpdated(o.view, true);
        ev.bookChanged(proto::BookAction::Modify, entryOf(o));
        return;
    }
    const proto::BookEntry e = entryOf(o);
    removeOpen(i);
    ev.bookChanged(proto::BookAction::Remove, e);
    o.view.params.price = price;
    o.view.params.capacity = cap;
    o.view.remaining = cap - o.view.filled;
    o.view.updatedAt = m_now;
    o.priority = m_seq;
    o.priorityTime = m_now;
    take(i, ev);
}

void ReferenceEngine::massCancel(MemberId member, const proto::MassCancel &m, EngineEvents &ev)
{
    if (!checkTrader(member, ev))
        return;
    if (m.side > 2) {
        ev.rejected(ResultCode::InvalidFieldValue, "side");
        return;
    }
    std::vector<std::size_t> mine;
    for (std::size_t i : m_open) {
        const Order &o = m_orders[i];
        if (o.view.member == member && (m.side == 0 || static_cast<int>(o.view.params.side) == m.side))
            mine.push_back(i);
    }
    std::sort(mine.begin(), mine.end());
    for (std::size_t i : mine) {
        const proto::BookEntry e = entryOf(m_orders[i]);
        removeOpen(i);
        close(i, OrderStatus::Cancelled, ResultCode::Ok);
        ev.orderUpdated(m_orders[i].view, false);
        ev.bookChanged(proto::BookAction::Remove, e);
    }
}

void ReferenceEngine::tick(EngineEvents &ev)
{
    std::vector<std::tuple<std::int64_t, std::size_t>> due;
    for (std::size_t i : m_open) {
        const proto::OrderParams &p = m_orders[i].view.params;
        Timestamp at = p.deliveryEnd;
        if (p.timeInForce == TimeInForce::GoodTillDate)
            at = std::min(at, p.expireAt);
        if (at <= m_now)
            due.emplace_back(at.value(), i);
    }
    std::sort(due.begin(), due.end());
    for (const auto &[at, i] : due) {
        const proto::BookEntry e = entryOf(m_orders[i]);
        removeOpen(i);
        close(i, OrderStatus::Expired, ResultCode::Expired);
        ev.orderUpdated(m_orders[i].view, false);
        ev.bookChanged(proto::BookAction::Remove, e);
    }

    // (time, trade index, 0 = becomes active / 1 = ends)
    std::vector<std::tuple<std::int64_t, std::size_t, int>> changes;
    for (std::size_t t : m_liveTrades) {
        const proto::TradeView &tr = m_trades[t];
        if (tr.state == proto::TradeState::Scheduled && tr.deliveryStart <= m_now)
            changes.emplace_back(tr.deliveryStart.value(), t, 0);
        if (tr.deliveryEnd <= m_now)
            changes.emplace_back(tr.deliveryEnd.value(), t, 1);
    }
    std::sort(changes.begin(), changes.end());
    for (const auto &[at, t, kind] : changes) {
        m_trades[t].state = kind == 0 ? proto::TradeState::Active : proto::TradeState::Ended;
        ev.tradeUpdated(m_trades[t]);
    }
    std::erase_if(m_liveTrades, [&](std::size_t t) { return m_trades[t].state == proto::TradeState::Ended; });
}

std::vector<proto::OrderView> ReferenceEngine::orders() const
{
    std::vector<proto::OrderView> out;
    for (const Order &o : m_orders)
        out.push_back(o.view);
    return out;
}

std::vector<proto::BookEntry> ReferenceEngine::effectiveBook(const net::Prefix &prefix) const
{
    std::vector<const Order *> bids, asks;
    for (std::size_t i : m_open) {
        const Order &o = m_orders[i];
        const net::Prefix &p = o.view.params.destination.prefix;
        if (o.view.params.side == Side::Buy && prefix.contains(p))
            bids.push_back(&o);
        if (o.view.params.side == Side::Sell && p.contains(prefix))
            asks.push_back(&o);
    }
    const auto rank = [](bool buy) {
        return [buy](const Order *x, const Order *y) {
            const auto px = x->view.params.price.value(), py = y->view.params.price.value();
            if (px != py)
                return buy ? px > py : px < py;
            return std::tie(x->priority, x->view.orderId) < std::tie(y->priority, y->view.orderId);
        };
    };
    std::sort(bids.begin(), bids.end(), rank(true));
    std::sort(asks.begin(), asks.end(), rank(false));
    std::vector<proto::BookEntry> out;
    for (const Order *o : bids)
        out.push_back(entryOf(*o));
    for (const Order *o : asks)
        out.push_back(entryOf(*o));
    return out;
}

proto::WatchRow ReferenceEngine::watchRow(const net::Prefix &prefix) const
{
    proto::WatchRow row;
    row.prefix = prefix;
    for (const proto::BookEntry &e : effectiveBook(prefix)) {
        if (e.side == Side::Buy) {
            if (row.bidOrders == 0)
                row.bestBid = e.price;
            row.bidDepth += e.remaining;
            ++row.bidOrders;
        } else {
            if (row.askOrders == 0)
                row.bestAsk = e.price;
            row.askDepth += e.remaining;
            ++row.askOrders;
        }
    }
    for (const proto::TradeView &t : m_trades)
        if (t.destination.prefix == prefix) {
            row.lastPrice = t.price;
            row.lastTradeAt = t.executedAt;
        }
    return row;
}

std::vector<net::Prefix> ReferenceEngine::activePrefixes() const
{
    std::vector<net::Prefix> out;
    for (std::size_t i : m_open)
        out.push_back(m_orders[i].view.params.destination.prefix);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

} // namespace bwx::market::testing
