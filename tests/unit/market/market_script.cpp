#include "market_script.h"

#include <charconv>
#include <sstream>

namespace bwx::market::testing {

namespace {

std::vector<std::string> splitWords(std::string_view line)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        if (i >= line.size())
            break;
        if (line[i] == '"') {
            const std::size_t end = line.find('"', i + 1);
            out.emplace_back(
                line.substr(i, end == std::string_view::npos ? line.size() - i : end - i + 1));
            i = end == std::string_view::npos ? line.size() : end + 1;
            continue;
        }
        std::size_t j = i;
        while (j < line.size() && line[j] != ' ' && line[j] != '\t')
            ++j;
        out.emplace_back(line.substr(i, j - i));
        i = j;
    }
    return out;
}

bool toInt(std::string_view s, std::int64_t &out)
{
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
}

// key=value options after the positional words.
std::map<std::string, std::string> options(const std::vector<std::string> &words, std::size_t from)
{
    std::map<std::string, std::string> out;
    for (std::size_t i = from; i < words.size(); ++i) {
        const auto eq = words[i].find('=');
        if (eq == std::string::npos)
            out[words[i]] = "";
        else
            out[words[i].substr(0, eq)] = words[i].substr(eq + 1);
    }
    return out;
}

Timestamp at(std::int64_t secondsAfterOrigin)
{
    return Timestamp::fromSeconds(MarketScript::kOrigin + secondsAfterOrigin);
}

std::string kindOf(const Event &e)
{
    if (std::holds_alternative<Rejected>(e))
        return "reject";
    if (const auto *o = std::get_if<OrderUpdated>(&e))
        return o->isReply ? "reply" : "update";
    if (std::holds_alternative<TradeExecuted>(e))
        return "trade";
    if (const auto *b = std::get_if<BookChanged>(&e))
        return b->action == proto::BookAction::Add      ? "book+"
               : b->action == proto::BookAction::Modify ? "book~"
                                                        : "book-";
    if (std::holds_alternative<TradeUpdated>(e))
        return "tstate";
    if (std::holds_alternative<NoticeSent>(e))
        return "notice";
    return "member";
}

std::string idsOf(const std::vector<proto::BookEntry> &entries, Side side)
{
    std::string out;
    for (const auto &e : entries)
        if (e.side == side)
            out += (out.empty() ? "" : ",") + std::to_string(e.orderId.value());
    return out.empty() ? "-" : out;
}

// customer, peer, transit -> 1, 2, 3; 0 for anything else.
int routeClassOf(std::string_view name)
{
    return name == "customer" ? 1 : name == "peer" ? 2 : name == "transit" ? 3 : 0;
}

std::string stateName(proto::TradeState s)
{
    switch (s) {
    case proto::TradeState::Scheduled:
        return "scheduled";
    case proto::TradeState::Active:
        return "active";
    case proto::TradeState::Ended:
        return "ended";
    case proto::TradeState::Suspended:
        return "suspended";
    case proto::TradeState::Cancelled:
        return "cancelled";
    }
    return "?";
}

} // namespace

MarketScript::MarketScript(EngineConfig config)
    : m_config(config)
    , m_engine(std::make_unique<Engine>(config))
    , m_reference(config)
{}

MemberId MarketScript::memberNamed(const std::string &name) const
{
    const auto m = m_engine->memberByName(name);
    return m ? m->id : MemberId(0);
}

std::string MarketScript::run(std::string_view script)
{
    std::istringstream in{std::string(script)};
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const auto hash = line.find('#');
        if (hash != std::string::npos)
            line.resize(hash);
        const std::vector<std::string> words = splitWords(line);
        if (words.empty())
            continue;
        std::string error;
        if (words[0] == ">") {
            error = expect(words);
        } else {
            if (m_unexpectedReject)
                error = "previous command was rejected: " + describe(m_last);
            else
                error = step(words);
        }
        if (!error.empty())
            return "line " + std::to_string(number) + " (" + line + "): " + error;
    }
    if (m_unexpectedReject)
        return "last command was rejected: " + describe(m_last);
    return {};
}

std::string MarketScript::apply(MemberId member, proto::Message body)
{
    Command cmd{Seq(++m_seq), at(m_now), member, std::move(body)};
    RecordingEvents fast;
    RecordingEvents slow;
    m_engine->apply(cmd, fast);
    m_reference.apply(cmd, slow);
    m_journal.push_back(cmd);
    m_last = fast.events;
    m_unexpectedReject = fast.rejection() != nullptr;
    if (fast.events != slow.events)
        return "engine and reference disagree\n  engine:\n" + describe(fast.events)
               + "  reference:\n" + describe(slow.events);
    if (const std::string v = m_engine->checkInvariants(); !v.empty())
        return "invariant violated: " + v;
    if (m_engine->openOrderCount() != m_reference.openOrderCount())
        return "open order counts differ";
    return {};
}

std::string
MarketScript::newOrder(MemberId member, Side side, const std::vector<std::string> &words)
{
    proto::OrderParams p;
    if (std::string error = orderParams(member, side, words, 3, p); !error.empty())
        return error;
    return apply(member, proto::NewOrder{p});
}

std::string MarketScript::orderParams(MemberId member,
                                      Side side,
                                      const std::vector<std::string> &words,
                                      std::size_t from,
                                      proto::OrderParams &p)
{
    if (words.size() < from)
        return "order needs a prefix";
    p.side = side;
    auto prefix = net::Prefix::parse(words[from - 1]);
    if (!prefix)
        return prefix.error();
    p.destination = Destination::ofPrefix(*prefix);
    p.minBlock = Bandwidth(1);
    p.deliveryStart = at(0);
    p.deliveryEnd = at(30 * 24 * 3600);
    p.trafficType = TrafficType::BestEffort;
    std::uint64_t &next = m_nextClientId[member.value()];
    p.clientOrderId = ClientOrderId(++next);
    for (const auto &[key, value] : options(words, from)) {
        std::int64_t n = 0;
        const bool numeric = toInt(value, n);
        std::int64_t asn = 0;
        if (key == "price" && numeric)
            p.price = Price(n);
        else if (key == "cap" && numeric)
            p.capacity = Bandwidth(n);
        else if (key == "block" && numeric)
            p.minBlock = Bandwidth(n);
        else if (key == "clid" && numeric)
            p.clientOrderId = ClientOrderId(static_cast<std::uint64_t>(n));
        else if (key == "start" && numeric)
            p.deliveryStart = at(n);
        else if (key == "end" && numeric)
            p.deliveryEnd = at(n);
        else if (key == "expire" && numeric)
            p.expireAt = at(n);
        else if (key == "tif" && parseTimeInForce(value))
            p.timeInForce = *parseTimeInForce(value);
        else if (key == "type" && parseOrderType(value))
            p.type = *parseOrderType(value);
        else if (key == "traffic")
            p.trafficType = value == "any"        ? TrafficType::Any
                            : value == "premium"  ? TrafficType::Premium
                            : value == "realtime" ? TrafficType::Realtime
                                                  : TrafficType::BestEffort;
        else if (key == "dest" && value.rfind("asn:", 0) == 0 && toInt(value.substr(4), asn))
            p.destination = Destination::ofAsn(static_cast<std::uint32_t>(asn), prefix->family());
        else if (key == "dest" && value.rfind("class:", 0) == 0
                 && routeClassOf(value.substr(6)) != 0)
            p.destination = Destination::ofClass(
                static_cast<RouteClass>(routeClassOf(value.substr(6))), prefix->family());
        else if (key == "latency" && numeric)
            p.limits.maxLatencyUs = static_cast<std::uint32_t>(n);
        else if (key == "loss" && numeric)
            p.limits.maxLossPpm = static_cast<std::uint32_t>(n);
        else if (key == "distance" && numeric)
            p.limits.maxDistance = static_cast<std::uint8_t>(n);
        else if (key == "wlatency" && numeric)
            p.weights.latency = static_cast<std::uint16_t>(n);
        else if (key == "wloss" && numeric)
            p.weights.loss = static_cast<std::uint16_t>(n);
        else if (key == "wdistance" && numeric)
            p.weights.distance = static_cast<std::uint16_t>(n);
        else if (key == "ranking" && parseRankingMode(value))
            p.ranking = *parseRankingMode(value);
        else if (key == "wprice" && numeric)
            p.weights.price = static_cast<std::uint16_t>(n);
        else if (key == "rawside" && numeric)
            p.side = static_cast<Side>(n);
        else
            return "unknown order option " + key + "=" + value;
    }
    return {};
}

std::string MarketScript::step(const std::vector<std::string> &w)
{
    const auto opt = options(w, 2);
    const auto number = [&](const std::string &key, std::int64_t fallback) {
        std::int64_t n = fallback;
        if (auto it = opt.find(key); it != opt.end())
            toInt(it->second, n);
        return n;
    };
    if (w[0] == "member" && w.size() >= 2) {
        proto::AddMember add;
        add.name = w[1];
        add.displayName = opt.count("display") ? opt.at("display") : w[1];
        add.asn = static_cast<std::uint32_t>(
            number("asn", 64500 + static_cast<std::int64_t>(m_engine->members().size())));
        add.portCapacity = Bandwidth(number("port", 10'000'000));
        return apply(MemberId(0), add);
    }
    if ((w[0] == "suspend" || w[0] == "activate") && w.size() == 2) {
        proto::SetMemberStatus s;
        s.member = memberNamed(w[1]);
        if (s.member.value() == 0)
            s.member = MemberId(999);
        s.status = w[0] == "suspend" ? proto::MemberStatus::Suspended : proto::MemberStatus::Active;
        return apply(MemberId(0), s);
    }
    if (w[0] == "tick") {
        std::int64_t t = m_now;
        if (w.size() >= 2 && !toInt(w[1], t))
            return "tick needs a time";
        m_now = t;
        return apply(MemberId(0), proto::ClockTick{});
    }
    if (w[0] == "route" && w.size() >= 3) {
        // route alice announce 10.0.0.0/8 class=peer origin=64500 path=2 | withdraw P | clear
        proto::RouteBatch b;
        b.member = memberNamed(w[1]);
        if (b.member.value() == 0)
            b.member = MemberId(999);
        const auto ropt = options(w, 4);
        if (w[2] == "clear") {
            b.replaceAll = 1;
        } else if (w.size() >= 4) {
            proto::RouteChange c;
            c.action
                = w[2] == "withdraw" ? proto::RouteAction::Withdraw : proto::RouteAction::Announce;
            auto prefix = net::Prefix::parse(w[3]);
            if (!prefix)
                return prefix.error();
            c.prefix = *prefix;
            const int cls = routeClassOf(ropt.count("class") ? ropt.at("class") : "customer");
            c.routeClass = static_cast<RouteClass>(cls == 0 ? 9 : cls);
            std::int64_t n = 0;
            c.originAsn = ropt.count("origin") && toInt(ropt.at("origin"), n)
                              ? static_cast<std::uint32_t>(n)
                              : 64500;
            c.pathLength = ropt.count("path") && toInt(ropt.at("path"), n)
                               ? static_cast<std::uint8_t>(n)
                               : 1;
            b.replaceAll = w[2] == "replace" ? 1 : 0;
            b.changes.push_back(c);
        } else {
            return "route needs announce|withdraw|replace PREFIX or clear";
        }
        return apply(MemberId(0), b);
    }
    if (w[0] == "quality" && w.size() >= 3) {
        // quality alice 10.0.0.0/8 latency=20000 loss=100 state=fresh|stale|unreachable|unknown
        proto::QualityFigure f;
        f.seller = memberNamed(w[1]);
        if (f.seller.value() == 0)
            f.seller = MemberId(999);
        auto prefix = net::Prefix::parse(w[2]);
        if (!prefix)
            return prefix.error();
        f.destination = *prefix;
        const auto qopt = options(w, 3);
        std::int64_t n = 0;
        f.latencyUs = qopt.count("latency") && toInt(qopt.at("latency"), n)
                          ? static_cast<std::uint32_t>(n)
                          : 0;
        f.lossPpm
            = qopt.count("loss") && toInt(qopt.at("loss"), n) ? static_cast<std::uint32_t>(n) : 0;
        const std::string state = qopt.count("state") ? qopt.at("state") : "fresh";
        f.state = state == "fresh"         ? proto::QualityState::Fresh
                  : state == "stale"       ? proto::QualityState::Stale
                  : state == "unreachable" ? proto::QualityState::Unreachable
                                           : proto::QualityState::Unknown;
        return apply(MemberId(0), proto::QualityBatch{{f}});
    }
    if (w[0] == "limits" && w.size() >= 2) {
        // limits alice port=100 maxcap=10 exposure=1000 cod=1
        proto::SetMemberLimits l;
        l.member = memberNamed(w[1]);
        if (l.member.value() == 0)
            l.member = MemberId(999);
        l.portCapacity = Bandwidth(number("port", 0));
        l.limits.maxOrderCapacity = Bandwidth(number("maxcap", 0));
        l.limits.maxOpenExposure = Money(number("exposure", 0));
        l.limits.cancelOnDisconnect = static_cast<std::uint8_t>(number("cod", 0));
        return apply(MemberId(0), l);
    }
    if (w[0] == "closed" && w.size() == 2) {
        proto::SessionsClosed c;
        c.member = memberNamed(w[1]);
        if (c.member.value() == 0)
            c.member = MemberId(999);
        return apply(MemberId(0), c);
    }
    if (w[0] == "configure") {
        // configure routes=1 maxopen=2 maxcap=10
        const auto copt = options(w, 1);
        const auto value = [&](const char *key) {
            std::int64_t n = 0;
            if (auto it = copt.find(key); it != copt.end())
                toInt(it->second, n);
            return n;
        };
        proto::ConfigureMarket c;
        c.settings.requireRoutes = static_cast<std::uint8_t>(value("routes"));
        c.settings.maxOpenOrdersPerMember = static_cast<std::uint32_t>(value("maxopen"));
        c.settings.maxOrderCapacity = Bandwidth(value("maxcap"));
        return apply(MemberId(0), c);
    }
    if (w[0] == "at" && w.size() == 2)
        return toInt(w[1], m_now) ? std::string{} : "at needs a time";
    if (w[0] == "admin" && w.size() == 3 && w[1] == "canceltrade") {
        // An admin session's command is the exchange's own: sequenced with member 0.
        std::int64_t id = 0;
        toInt(w[2], id);
        return apply(MemberId(0), proto::CancelTrade{TradeId(static_cast<std::uint64_t>(id))});
    }
    if (w.size() < 2)
        return "unknown command";

    MemberId member = memberNamed(w[0]);
    if (member.value() == 0 && w[0].rfind("member", 0) == 0)
        member = MemberId(static_cast<std::uint32_t>(std::stoul(w[0].substr(6))));
    else if (member.value() == 0)
        return "unknown member " + w[0];
    const std::string &verb = w[1];
    if (verb == "buy" || verb == "sell")
        return newOrder(member, verb == "buy" ? Side::Buy : Side::Sell, w);
    if (verb == "cancel") {
        proto::CancelOrder c;
        std::int64_t id = 0;
        if (w.size() >= 3 && toInt(w[2], id))
            c.orderId = OrderId(static_cast<std::uint64_t>(id));
        c.clientOrderId = ClientOrderId(static_cast<std::uint64_t>(number("clid", 0)));
        return apply(member, c);
    }
    if (verb == "amend") {
        proto::AmendOrder a;
        std::int64_t id = 0;
        if (w.size() >= 3)
            toInt(w[2], id);
        a.orderId = OrderId(static_cast<std::uint64_t>(id));
        a.newPrice = Price(number("price", 0));
        a.newCapacity = Bandwidth(number("cap", 0));
        return apply(member, a);
    }
    if (verb == "masscancel") {
        proto::MassCancel m;
        std::int64_t raw = 0;
        if (w.size() >= 3)
            m.side = w[2] == "buy"      ? 1
                     : w[2] == "sell"   ? 2
                     : w[2] == "both"   ? 0
                     : toInt(w[2], raw) ? static_cast<std::uint8_t>(raw)
                                        : 0;
        return apply(member, m);
    }
    if (verb == "take" && w.size() >= 4) {
        // bob take 3 10.1.0.0/24 cap=2 price=100 tif=ioc: buys from sell order 3
        std::int64_t id = 0;
        toInt(w[2], id);
        proto::TakeOrder t;
        t.sellOrderId = OrderId(static_cast<std::uint64_t>(id));
        if (std::string error = orderParams(member, Side::Buy, w, 4, t.params); !error.empty())
            return error;
        if (t.params.timeInForce == TimeInForce::GoodTillCancel && !opt.count("tif"))
            t.params.timeInForce = TimeInForce::ImmediateOrCancel;
        return apply(member, t);
    }
    if (verb == "cod" && w.size() == 3) {
        proto::SetCancelOnDisconnect c;
        std::int64_t raw = 0;
        c.enabled = w[2] == "on"       ? 1
                    : w[2] == "off"    ? 0
                    : toInt(w[2], raw) ? static_cast<std::uint8_t>(raw)
                                       : 0;
        return apply(member, c);
    }
    if (verb == "canceltrade" && w.size() == 3) {
        std::int64_t id = 0;
        toInt(w[2], id);
        return apply(member, proto::CancelTrade{TradeId(static_cast<std::uint64_t>(id))});
    }
    if (verb == "ping")
        return apply(member, proto::Ping{});
    return "unknown verb " + verb;
}

std::string MarketScript::expect(const std::vector<std::string> &w)
{
    if (w.size() < 2)
        return "empty expectation";
    const std::string &what = w[1];
    const auto opt = options(w, what == "order" || what == "trade" || what == "book"
                                        || what == "watch" || what == "member"
                                    ? 3
                                    : 2);
    const auto mismatch
        = [](const std::string &key, const std::string &want, const std::string &have) {
              return key + ": expected " + want + ", got " + have;
          };
    if (what == "rejected") {
        const Rejected *r = nullptr;
        for (const Event &e : m_last)
            if ((r = std::get_if<Rejected>(&e)) != nullptr)
                break;
        if (r == nullptr)
            return "expected a rejection, got:\n" + describe(m_last);
        if (w.size() < 3 || proto::name(r->code) != w[2])
            return "rejected with " + std::string(proto::name(r->code)) + " (" + r->message + ")";
        if (w.size() >= 4) {
            const std::string text = w[3].substr(1, w[3].size() - 2);
            if (r->message.find(text) == std::string::npos)
                return "message '" + r->message + "' does not contain '" + text + "'";
        }
        m_unexpectedReject = false;
        return {};
    }
    if (what == "notice" && w.size() >= 4) {
        // > notice alice port_capacity_exceeded order=4 trade=0: the last command told alice so
        const auto m = m_engine->memberByName(w[2]);
        if (!m)
            return "no member " + w[2];
        const auto nopt = options(w, 4);
        for (const Event &e : m_last) {
            const auto *n = std::get_if<NoticeSent>(&e);
            if (n == nullptr || n->member != m->id || proto::name(n->notice.code) != w[3])
                continue;
            if (nopt.count("order") && std::to_string(n->notice.order.value()) != nopt.at("order"))
                continue;
            if (nopt.count("trade") && std::to_string(n->notice.trade.value()) != nopt.at("trade"))
                continue;
            return {};
        }
        return "no such notice in:\n" + describe(m_last);
    }
    if (what == "candidates" && w.size() >= 4) {
        // > candidates bob 10.1.2.0/24 price=100 cap=4 ranked=3,1 others=2:price_not_crossing
        const MemberId buyer = memberNamed(w[2]);
        std::vector<std::string> orderWords = {w[2], "buy", w[3]};
        std::string wantRanked = "-", wantOthers = "-";
        for (std::size_t i = 4; i < w.size(); ++i) {
            if (w[i].rfind("ranked=", 0) == 0)
                wantRanked = w[i].substr(7);
            else if (w[i].rfind("others=", 0) == 0)
                wantOthers = w[i].substr(7);
            else
                orderWords.push_back(w[i]);
        }
        proto::OrderParams p;
        const std::uint64_t next = m_nextClientId[buyer.value()];
        const std::string error = orderParams(buyer, Side::Buy, orderWords, 3, p);
        m_nextClientId[buyer.value()] = next;
        if (!error.empty())
            return error;
        auto mine = m_engine->candidates(buyer, p, at(m_now));
        const auto ref = m_reference.candidates(buyer, p, at(m_now));
        for (auto &c : mine)
            c.explanation.clear();
        if (mine != ref)
            return "candidate lists of the engine and the reference differ";
        std::string ranked, others;
        for (const auto &c : mine) {
            if (c.reason == proto::ResultCode::Ok)
                ranked += (ranked.empty() ? "" : ",") + std::to_string(c.entry.orderId.value());
            else
                others += (others.empty() ? "" : ",") + std::to_string(c.entry.orderId.value())
                          + ":" + std::string(proto::name(c.reason));
        }
        if (ranked.empty())
            ranked = "-";
        if (others.empty())
            others = "-";
        if (ranked != wantRanked)
            return mismatch("ranked", wantRanked, ranked);
        return others == wantOthers ? std::string{} : mismatch("others", wantOthers, others);
    }
    if (what == "events") {
        std::string want, have;
        for (std::size_t i = 2; i < w.size(); ++i)
            want += (want.empty() ? "" : " ") + w[i];
        for (const Event &e : m_last)
            have += (have.empty() ? "" : " ") + kindOf(e);
        return want == have ? std::string{} : mismatch("events", want, have);
    }
    if (what == "trades" && w.size() == 3)
        return std::to_string(m_engine->tradeCount()) == w[2]
                   ? std::string{}
                   : mismatch("trades", w[2], std::to_string(m_engine->tradeCount()));
    if (what == "open" && w.size() == 3)
        return std::to_string(m_engine->openOrderCount()) == w[2]
                   ? std::string{}
                   : mismatch("open", w[2], std::to_string(m_engine->openOrderCount()));
    if (what == "order" && w.size() >= 3) {
        std::int64_t id = 0;
        toInt(w[2], id);
        const auto o = m_engine->order(OrderId(static_cast<std::uint64_t>(id)));
        if (!o)
            return "no order " + w[2];
        for (const auto &[key, value] : opt) {
            std::string have;
            if (key == "status")
                have = std::string(toString(o->status));
            else if (key == "filled")
                have = std::to_string(o->filled.value());
            else if (key == "remaining")
                have = std::to_string(o->remaining.value());
            else if (key == "reason")
                have = std::string(proto::name(o->reason));
            else if (key == "price")
                have = std::to_string(o->params.price.value());
            else if (key == "cap")
                have = std::to_string(o->params.capacity.value());
            else
                return "unknown order key " + key;
            if (have != value)
                return mismatch("order " + w[2] + " " + key, value, have);
        }
        return {};
    }
    if (what == "trade" && w.size() >= 3) {
        std::int64_t id = 0;
        toInt(w[2], id);
        if (id < 1 || static_cast<std::uint64_t>(id) > m_engine->tradeCount())
            return "no trade " + w[2];
        proto::TradeView t;
        bool found = false;
        for (const auto &m : m_engine->members())
            for (const auto &x : m_engine->tradesOf(m.id, Timestamp{}, 1'000'000))
                if (x.tradeId.value() == static_cast<std::uint64_t>(id)) {
                    t = x;
                    found = true;
                }
        if (!found)
            return "trade " + w[2] + " not listed for its members";
        for (const auto &[key, value] : opt) {
            std::string have;
            if (key == "buy")
                have = std::to_string(t.buyOrderId.value());
            else if (key == "sell")
                have = std::to_string(t.sellOrderId.value());
            else if (key == "price")
                have = std::to_string(t.price.value());
            else if (key == "cap")
                have = std::to_string(t.capacity.value());
            else if (key == "state")
                have = stateName(t.state);
            else if (key == "start")
                have = std::to_string(t.deliveryStart.seconds() - kOrigin);
            else if (key == "end")
                have = std::to_string(t.deliveryEnd.seconds() - kOrigin);
            else if (key == "amount")
                have = std::to_string(t.amount.value());
            else if (key == "sellprefix")
                have = t.sellDestination.prefix.toString();
            else if (key == "dest")
                have = toString(t.destination);
            else if (key == "selldest")
                have = toString(t.sellDestination);
            else
                return "unknown trade key " + key;
            if (have != value)
                return mismatch("trade " + w[2] + " " + key, value, have);
        }
        return {};
    }
    if ((what == "book" || what == "watch") && w.size() >= 3) {
        auto prefix = net::Prefix::parse(w[2]);
        if (!prefix)
            return prefix.error();
        if (m_engine->effectiveBook(*prefix) != m_reference.effectiveBook(*prefix))
            return "effective book differs from the reference";
        if (!(m_engine->watchRow(*prefix) == m_reference.watchRow(*prefix)))
            return "watch row differs from the reference";
        const auto book = m_engine->effectiveBook(*prefix);
        const auto row = m_engine->watchRow(*prefix);
        for (const auto &[key, value] : opt) {
            std::string have;
            if (key == "bids")
                have = idsOf(book, Side::Buy);
            else if (key == "asks")
                have = idsOf(book, Side::Sell);
            else if (key == "bid")
                have = std::to_string(row.bestBid.value());
            else if (key == "ask")
                have = std::to_string(row.bestAsk.value());
            else if (key == "biddepth")
                have = std::to_string(row.bidDepth.value());
            else if (key == "askdepth")
                have = std::to_string(row.askDepth.value());
            else if (key == "bidorders")
                have = std::to_string(row.bidOrders);
            else if (key == "askorders")
                have = std::to_string(row.askOrders);
            else if (key == "last")
                have = std::to_string(row.lastPrice.value());
            else
                return "unknown book key " + key;
            if (have != value)
                return mismatch(what + " " + w[2] + " " + key, value, have);
        }
        return {};
    }
    if (what == "prefixes") {
        std::string want, have;
        for (std::size_t i = 2; i < w.size(); ++i)
            want += (want.empty() ? "" : " ") + w[i];
        for (const auto &p : m_engine->activePrefixes())
            have += (have.empty() ? "" : " ") + p.toString();
        std::string ref;
        for (const auto &p : m_reference.activePrefixes())
            ref += (ref.empty() ? "" : " ") + p.toString();
        if (have != ref)
            return mismatch("prefixes (engine vs reference)", ref, have);
        return want == have ? std::string{} : mismatch("prefixes", want, have);
    }
    if (what == "member" && w.size() >= 3) {
        const auto m = m_engine->memberByName(w[2]);
        if (!m)
            return "no member " + w[2];
        for (const auto &[key, value] : opt) {
            std::string have;
            if (key == "status")
                have = m->status == proto::MemberStatus::Active ? "active" : "suspended";
            else if (key == "id")
                have = std::to_string(m->id.value());
            else if (key == "open")
                have = std::to_string(m_engine->ordersOf(m->id, true).size());
            else if (key == "port")
                have = std::to_string(m->portCapacity.value());
            else if (key == "portused")
                have = std::to_string(m->portUsed.value());
            else if (key == "cod")
                have = std::to_string(m->limits.cancelOnDisconnect);
            else
                return "unknown member key " + key;
            if (have != value)
                return mismatch("member " + w[2] + " " + key, value, have);
        }
        return {};
    }
    return "unknown expectation " + what;
}

} // namespace bwx::market::testing
