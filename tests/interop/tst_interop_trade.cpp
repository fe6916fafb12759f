// A trade carried out by BGP announcements, end to end: a real bwxd with [registry] and [bgp],
// BIRD 2 as the seller's router and GoBGP as the buyer's, each over an IPv4 and an IPv6 session,
// and the two members trading through the member protocol. The routers' RIBs (read with birdc
// and the gobgp CLI) must show what the trade says: the buyer gets the seller's route with next
// hop and AS path unchanged and the trade's large community, the seller gets the buyer's
// prefixes tagged likewise; a restart of bwxd changes nothing; a withdrawn route suspends the
// trade and removes its exports until the route is back; the end of the delivery period
// removes everything.
//
// GoBGP drops routes whose next hop is a loopback address, so the routers cannot sit on
// 127.0.0.0/8 here: the test moves itself into a network namespace of its own (it needs
// CAP_SYS_ADMIN; the namespace goes away with the process) and puts the exchange LAN on a veth
// interface there. bwxd, BIRD and GoBGP inherit the namespace.
#include "bwxd_fixture.h"
#include "interop_support.h"
#include "test_support.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <cerrno>
#include <cstring>
#include <sched.h>
#include <set>

using namespace bwx;
using namespace bwx::test;
using namespace bwx::interop;
using namespace std::chrono_literals;

namespace {

// The exchange LAN. bwxd's BGP listens on .1; the seller's BIRD is .2, the buyer's GoBGP .3.
constexpr std::uint32_t kExchangeAs = 64511;
constexpr std::uint32_t kSellerAs = 64496;
constexpr std::uint32_t kBuyerAs = 64497;
constexpr int kBgpPort = 1179;
// GoBGP waits 10-20 s before its first connection attempt, so bwxd connects to it instead.
constexpr int kGobgpPort = 1790;
const QString kRs4 = "10.79.0.1", kRs6 = "fd79::1";
const QString kSeller4 = "10.79.0.2", kSeller6 = "fd79::2";
const QString kBuyer4 = "10.79.0.3", kBuyer6 = "fd79::3";

// One traded address family: the seller's route, the buyer's own prefix, and a destination the
// seller does not reach.
struct Family
{
    QString name; // "ipv4" / "ipv6" (birdc and gobgp spelling)
    QString sellerRoute;
    QString buyerRoute;
    QString unreachable;
    QString sellerHop;
    QString buyerHop;
    QString birdStatic; // the BIRD protocol holding the seller's route
};

const Family kV4{"ipv4", "198.51.100.0/24", "203.0.113.0/24", "192.0.2.0/24", kSeller4, kBuyer4,
                 "st4"};
const Family kV6{
    "ipv6", "2001:db8:100::/48", "2001:db8:200::/48", "2001:db8:300::/48", kSeller6, kBuyer6,
    "st6"};

[[noreturn]] void fail(const QString &what)
{
    throw std::runtime_error(what.toStdString());
}

void check(bool condition, const QString &what)
{
    if (!condition)
        fail(what);
}

void ip(const QStringList &args)
{
    const CommandResult r = runCommand("ip", args);
    check(r.exitCode == 0, "ip " + args.join(' ') + " failed: " + r.output);
}

QString birdConfig()
{
    QString c;
    c += QStringLiteral("router id %1;\n").arg(kSeller4);
    c += "protocol device { scan time 1; }\n";
    // The LAN route lets BIRD resolve the next hops of the routes the exchange sends it.
    c += "protocol direct { ipv4; ipv6; interface \"lan0\"; }\n";
    c += QStringLiteral("protocol static %1 { ipv4; route %2 blackhole; }\n")
             .arg(kV4.birdStatic, kV4.sellerRoute);
    c += QStringLiteral("protocol static %1 { ipv6; route %2 blackhole; }\n")
             .arg(kV6.birdStatic, kV6.sellerRoute);
    // The member's own routes, marked as its customer routes with the exchange's class
    // community EXCHANGE_ASN:1:1 (docs/registry.md).
    const QString exportFilter
        = QStringLiteral("export filter { if source = RTS_STATIC then { "
                         "bgp_large_community.add((%1,1,1)); accept; } reject; };")
              .arg(kExchangeAs);
    for (const auto &[name, local, neighbor, family] :
         {std::tuple{QStringLiteral("rs4"), kSeller4, kRs4, QStringLiteral("ipv4")},
          std::tuple{QStringLiteral("rs6"), kSeller6, kRs6, QStringLiteral("ipv6")}}) {
        c += QStringLiteral("protocol bgp %1 {\n").arg(name);
        c += QStringLiteral("  local %1 as %2;\n").arg(local).arg(kSellerAs);
        c += QStringLiteral("  neighbor %1 port %2 as %3;\n")
                 .arg(neighbor)
                 .arg(kBgpPort)
                 .arg(kExchangeAs);
        // Both ends are addresses of this host: BIRD takes them as a multihop session.
        c += "  multihop 2;\n";
        c += "  connect delay time 1; connect retry time 1; error wait time 1, 2; hold time 9;\n";
        // A transparent route server: the first AS of a route is the announcing member's.
        c += "  enforce first as off;\n";
        c += QStringLiteral("  %1 { import all; %2 };\n").arg(family, exportFilter);
        c += "}\n";
    }
    return c;
}

QString gobgpConfig()
{
    QString c;
    c += QStringLiteral("[global.config]\n  as = %1\n  router-id = \"%2\"\n")
             .arg(kBuyerAs)
             .arg(kBuyer4);
    c += QStringLiteral("  port = %1\n  local-address-list = [\"%2\", \"%3\"]\n")
             .arg(kGobgpPort)
             .arg(kBuyer4, kBuyer6);
    for (const auto &[local, neighbor, family] :
         {std::tuple{kBuyer4, kRs4, QStringLiteral("ipv4-unicast")},
          std::tuple{kBuyer6, kRs6, QStringLiteral("ipv6-unicast")}}) {
        c += "[[neighbors]]\n  [neighbors.config]\n";
        c += QStringLiteral("    neighbor-address = \"%1\"\n    peer-as = %2\n")
                 .arg(neighbor)
                 .arg(kExchangeAs);
        c += "  [neighbors.transport.config]\n";
        c += QStringLiteral("    local-address = \"%1\"\n    passive-mode = true\n").arg(local);
        c += "  [neighbors.timers.config]\n    connect-retry = 1\n    hold-time = 9\n"
             "    keepalive-interval = 3\n";
        c += "  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n";
        c += QStringLiteral("      afi-safi-name = \"%1\"\n").arg(family);
    }
    return c;
}

// One [[bgp.peer]] as a TOML inline table: passive, or connecting to `port`.
QString
peer(const QString &member, const QString &name, const QString &address, bool v6, int port = 0)
{
    QString t = QStringLiteral("{ member = \"%1\", name = \"%2\", address = \"%3\", hold_time = 9, "
                               "ipv4_unicast = %4, ipv6_unicast = %5, ")
                    .arg(member, name, address, v6 ? "false" : "true", v6 ? "true" : "false");
    if (port == 0)
        t += "passive = true }";
    else
        t += QStringLiteral(
                 "passive = false, port = %1, local_address = \"%2\", connect_retry_s = 1 }")
                 .arg(port)
                 .arg(v6 ? kRs6 : kRs4);
    return t;
}

Timestamp wallClock()
{
    return Timestamp(std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count());
}

// ---- the routers' RIBs ----

// What GoBGP holds for `prefix`: next hop, AS path and large communities of its first path.
struct GobgpPath
{
    bool present = false;
    QString nextHop;
    QList<int> asPath;
    QStringList largeCommunities; // "ASN:LOCAL1:LOCAL2"
    QString raw;
};

GobgpPath gobgpPath(const Gobgp &gobgp, const Family &f, const QString &prefix)
{
    GobgpPath out;
    const QJsonDocument rib = gobgp.globalRib(f.name);
    const QJsonArray paths = rib.object().value(prefix).toArray();
    if (paths.isEmpty())
        return out;
    out.present = true;
    out.raw
        = QString::fromUtf8(QJsonDocument(paths.first().toObject()).toJson(QJsonDocument::Compact));
    for (const QJsonValue &value : paths.first().toObject().value("attrs").toArray()) {
        const QJsonObject a = value.toObject();
        switch (a.value("type").toInt()) {
        case 2: // AS_PATH
            for (const QJsonValue &segment : a.value("as_paths").toArray())
                for (const QJsonValue &asn : segment.toObject().value("asns").toArray())
                    out.asPath.push_back(asn.toInt());
            break;
        case 3:  // NEXT_HOP
        case 14: // MP_REACH_NLRI
            out.nextHop = a.value("nexthop").toString();
            break;
        case 32: // LARGE_COMMUNITY
            for (const QJsonValue &c : a.value("value").toArray()) {
                const QJsonObject o = c.toObject();
                out.largeCommunities.push_back(QStringLiteral("%1:%2:%3")
                                                   .arg(o.value("ASN").toInteger())
                                                   .arg(o.value("LocalData1").toInteger())
                                                   .arg(o.value("LocalData2").toInteger()));
            }
            break;
        default:
            break;
        }
    }
    return out;
}

// `birdc show route all PREFIX`: the route's text, empty when BIRD has none.
QString birdRoute(const Bird &bird, const QString &prefix)
{
    const QString text = bird.birdc("show route all " + prefix);
    return text.contains(prefix) && text.contains("BGP.as_path") ? text : QString();
}

QString tradeCommunity(int function, TradeId trade)
{
    return QStringLiteral("%1:%2:%3").arg(kExchangeAs).arg(function).arg(trade.value());
}

QString birdCommunity(int function, TradeId trade)
{
    return QStringLiteral("(%1, %2, %3)").arg(kExchangeAs).arg(function).arg(trade.value());
}

} // namespace

class TestInteropTrade : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void tradeIsCarriedOutByAnnouncements();

private:
    void scenario();
    void waitSessions(const QString &when);
    void waitSellerRoutes();
    TradeId trade(const Family &f, Timestamp start, Timestamp end, std::uint64_t clientId);
    void expectBuyerHasSellerRoute(const Family &f, TradeId trade);
    void expectSellerHasBuyerRoute(const Family &f, TradeId trade);
    void expectGone(const Family &f, const QString &why);
    std::vector<proto::ExportView> exportsOf(MemberId member);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<BwxdFixture> m_fx;
    std::unique_ptr<Bird> m_bird;
    std::unique_ptr<Gobgp> m_gobgp;
    MemberId m_seller{}, m_buyer{};
};

void TestInteropTrade::initTestCase()
{
    for (const char *program : {"bird", "birdc", "gobgpd", "gobgp", "ip"})
        if (!haveProgram(program))
            QFAIL(
                qPrintable(QStringLiteral("%1 is needed (Debian packages bird2, gobgpd, iproute2)")
                               .arg(program)));
    if (::unshare(CLONE_NEWNET) != 0)
        QFAIL(
            qPrintable(QStringLiteral("cannot create a network namespace (needs CAP_SYS_ADMIN): %1")
                           .arg(QString::fromLocal8Bit(std::strerror(errno)))));
    guarded([] {
        ip({"link", "set", "lo", "up"});
        // A veth pair, because this kernel has no dummy interfaces; its far end stays unused.
        ip({"link", "add", "lan0", "type", "veth", "peer", "name", "lan0-far"});
        ip({"link", "set", "lan0-far", "up"});
        ip({"link", "set", "lan0", "up"});
        for (const QString &a : {kRs4, kSeller4, kBuyer4})
            ip({"address", "add", a + "/24", "dev", "lan0"});
        for (const QString &a : {kRs6, kSeller6, kBuyer6})
            ip({"-6", "address", "add", a + "/64", "dev", "lan0", "nodad"});
    });
}

void TestInteropTrade::tradeIsCarriedOutByAnnouncements()
{
    guarded([this] { scenario(); });
}

void TestInteropTrade::waitSessions(const QString &when)
{
    check(m_bird->waitEstablished("rs4", 20s) && m_bird->waitEstablished("rs6", 10s),
          when + ": BIRD's sessions did not come up: " + m_bird->birdc("show protocols")
              + "\nbwxd: " + m_fx->log().right(2000));
    check(m_gobgp->waitEstablished(kRs4, 20s) && m_gobgp->waitEstablished(kRs6, 10s),
          when + ": GoBGP's sessions did not come up: " + m_gobgp->cli({"neighbor"}).output
              + "\ngobgpd: " + m_gobgp->log().right(1500) + "\nbwxd: " + m_fx->log().right(2000));
}

// The registry holds the seller's routes, valid, as customer routes.
void TestInteropTrade::waitSellerRoutes()
{
    auto seller = m_fx->session(m_fx->member("alpha"));
    QString last;
    const bool ok = pollUntil(
        [&] {
            proto::QueryRoutes q;
            q.member = MemberId{};
            q.within = prefix("0.0.0.0/0"); // any /0: both families
            auto reply = seller.request(q);
            const auto *list = as<proto::RouteList>(reply);
            if (!list) {
                last = describe(reply);
                return false;
            }
            std::set<QString> valid;
            last.clear();
            for (const proto::RouteView &r : list->routes) {
                const QString p = QString::fromStdString(r.prefix.toString());
                last += p + (r.valid != 0 ? " valid" : " invalid: ")
                        + QString::fromStdString(r.reason) + "; ";
                if (r.valid != 0 && r.sellable != 0 && r.routeClass == RouteClass::Customer)
                    valid.insert(p);
            }
            return valid.count(kV4.sellerRoute) == 1 && valid.count(kV6.sellerRoute) == 1;
        },
        15s, 200ms);
    check(ok, "the registry does not hold the seller's routes as valid customer routes: " + last);
}

TradeId
TestInteropTrade::trade(const Family &f, Timestamp start, Timestamp end, std::uint64_t clientId)
{
    auto seller = m_fx->session(m_fx->member("alpha"));
    auto buyer = m_fx->session(m_fx->member("bravo"));

    // The market learns the seller's routes from RouteBatch commands once the seller's router
    // has sent its table (End-of-RIB): the sell is retried until then.
    auto sell = limitOrder(Side::Sell, f.sellerRoute.toLatin1().constData(), 10, 100, clientId);
    sell.params.deliveryStart = start;
    sell.params.deliveryEnd = end;
    std::optional<client::Incoming> sold;
    std::uint64_t attempt = 0;
    const bool accepted = pollUntil(
        [&] {
            sell.params.clientOrderId = ClientOrderId(clientId + 10 + attempt++);
            sold = seller.request(sell);
            const auto *update = as<proto::OrderUpdate>(*sold);
            return update && update->order.status == OrderStatus::Working;
        },
        15s, 250ms);
    check(accepted, "the sell for " + f.sellerRoute + " was not accepted: " + describe(*sold));

    // "You cannot sell what you cannot reach": a destination none of its routes covers.
    auto refused
        = limitOrder(Side::Sell, f.unreachable.toLatin1().constData(), 10, 100, clientId + 1);
    refused.params.deliveryStart = start;
    refused.params.deliveryEnd = end;
    const auto reply = seller.request(refused);
    const auto *result = as<proto::Result>(reply);
    const auto *update = as<proto::OrderUpdate>(reply);
    const proto::ResultCode code = result   ? result->code
                                   : update ? update->order.reason
                                            : proto::ResultCode::Ok;
    check(code == proto::ResultCode::DestinationNotDeliverable,
          "a sell for " + f.unreachable + " that the seller does not reach was answered with "
              + describe(reply));

    auto buy = limitOrder(Side::Buy, f.sellerRoute.toLatin1().constData(), 12, 100, clientId + 2);
    buy.params.deliveryStart = start;
    buy.params.deliveryEnd = end;
    const auto bought = buyer.request(buy);
    check(as<proto::OrderUpdate>(bought) != nullptr,
          "the buy for " + f.sellerRoute + " was not accepted: " + describe(bought));
    const auto fill = nextOf<proto::Fill>(buyer, 5s);
    check(fill.has_value(), "no Fill for the buy of " + f.sellerRoute);
    check(fill->trade.seller == m_seller && fill->trade.buyer == m_buyer,
          "the trade is not between the seller and the buyer");
    return fill->trade.tradeId;
}

void TestInteropTrade::expectBuyerHasSellerRoute(const Family &f, TradeId trade)
{
    GobgpPath path;
    const bool ok = pollUntil(
        [&] {
            path = gobgpPath(*m_gobgp, f, f.sellerRoute);
            return path.present && path.largeCommunities.contains(tradeCommunity(100, trade));
        },
        15s, 300ms);
    check(ok, "GoBGP (the buyer) has no " + f.sellerRoute + " tagged " + tradeCommunity(100, trade)
                  + ": " + path.raw + "\nbwxd: " + m_fx->log().right(1500));
    // RFC 7947: next hop and AS path as the seller's router sent them, no exchange AS.
    qInfo("buyer's router holds %s: %s", qPrintable(f.sellerRoute), qPrintable(path.raw));
    check(path.nextHop == f.sellerHop, "next hop of " + f.sellerRoute + " at the buyer is "
                                           + path.nextHop + ", not the seller's " + f.sellerHop);
    check(path.asPath == QList<int>{static_cast<int>(kSellerAs)},
          "AS path of " + f.sellerRoute + " at the buyer is not the seller's: " + path.raw);
    // The class community the seller set is the exchange's business, not the buyer's.
    check(!path.largeCommunities.contains(QStringLiteral("%1:1:1").arg(kExchangeAs)),
          "the seller's class community reached the buyer: " + path.raw);
}

void TestInteropTrade::expectSellerHasBuyerRoute(const Family &f, TradeId trade)
{
    QString route;
    const bool ok = pollUntil(
        [&] {
            route = birdRoute(*m_bird, f.buyerRoute);
            return route.contains(birdCommunity(200, trade));
        },
        15s, 300ms);
    check(ok, "BIRD (the seller) has no " + f.buyerRoute + " tagged " + birdCommunity(200, trade)
                  + ": " + m_bird->birdc("show route all " + f.buyerRoute));
    qInfo("seller's router holds %s", qPrintable(route.simplified()));
    check(route.contains("BGP.next_hop: " + f.buyerHop), "next hop of " + f.buyerRoute
                                                             + " at the seller is not the buyer's "
                                                             + f.buyerHop + ": " + route);
    check(route.contains(QStringLiteral("BGP.as_path: %1\n").arg(kBuyerAs)),
          "AS path of " + f.buyerRoute + " at the seller is not the buyer's: " + route);
}

void TestInteropTrade::expectGone(const Family &f, const QString &why)
{
    check(pollUntil([&] { return !gobgpPath(*m_gobgp, f, f.sellerRoute).present; }, 15s, 300ms),
          why + ": GoBGP still has " + f.sellerRoute + ": "
              + gobgpPath(*m_gobgp, f, f.sellerRoute).raw);
    check(pollUntil([&] { return birdRoute(*m_bird, f.buyerRoute).isEmpty(); }, 15s, 300ms),
          why + ": BIRD still has " + f.buyerRoute + ": " + birdRoute(*m_bird, f.buyerRoute));
}

std::vector<proto::ExportView> TestInteropTrade::exportsOf(MemberId member)
{
    auto admin = m_fx->session(m_fx->admin());
    proto::QueryExports q;
    q.member = member;
    const auto reply = admin.request(q);
    const auto *list = as<proto::ExportList>(reply);
    check(list != nullptr, "QueryExports: " + describe(reply));
    return list->exports;
}

void TestInteropTrade::scenario()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_fx = std::make_unique<BwxdFixture>();
    const QString lan = QStringLiteral("[\"10.79.0.0/24\", \"fd79::/64\"]");
    m_fx->setOption("registry", "exchange_asn", QString::number(kExchangeAs));
    m_fx->setOption("registry", "lan_prefixes", lan);
    // The test's ASNs and prefixes are the documentation ones (RFC 5398, RFC 5737, RFC 3849).
    m_fx->setOption("registry", "allow_documentation_asns", "true");
    m_fx->setOption("registry", "allow_documentation_prefixes", "true");
    m_fx->setOption("bgp", "local_as", QString::number(kExchangeAs));
    m_fx->setOption("bgp", "router_id", "\"" + kRs4 + "\"");
    m_fx->setOption("bgp", "listen",
                    QStringLiteral("[\"%1:%2\", \"[%3]:%2\"]").arg(kRs4).arg(kBgpPort).arg(kRs6));
    m_fx->setOption("bgp", "peer",
                    "[" + peer("alpha", "alpha-v4", kSeller4, false) + ", "
                        + peer("alpha", "alpha-v6", kSeller6, true) + ", "
                        + peer("bravo", "bravo-v4", kBuyer4, false, kGobgpPort) + ", "
                        + peer("bravo", "bravo-v6", kBuyer6, true, kGobgpPort) + "]");
    m_fx->setOption("routing", "flush_interval_ms", "50");
    // Deliveries start and end on a clock tick: tick often.
    m_fx->setOption("market", "tick_interval_ms", "100");
    m_fx->start();
    m_seller = m_fx->addMember("alpha", kSellerAs);
    m_buyer = m_fx->addMember("bravo", kBuyerAs);

    QDir(m_dir->path()).mkpath("bird");
    QDir(m_dir->path()).mkpath("gobgp");
    m_bird = std::make_unique<Bird>(m_dir->filePath("bird"));
    m_gobgp = std::make_unique<Gobgp>(m_dir->filePath("gobgp"));
    check(m_bird->start(birdConfig()), "BIRD did not start: " + m_bird->log());
    check(m_gobgp->start(gobgpConfig()), "GoBGP did not start: " + m_gobgp->log());
    waitSessions("at start");
    for (const Family *f : {&kV4, &kV6}) {
        const CommandResult add
            = m_gobgp->cli({"global", "rib", "add", "-a", f->name, f->buyerRoute, "large-community",
                            QStringLiteral("%1:1:1").arg(kExchangeAs)});
        check(add.exitCode == 0, "gobgp global rib add: " + add.output);
    }
    waitSellerRoutes();

    // Nothing is exported before a trade.
    check(exportsOf(m_buyer).empty() && exportsOf(m_seller).empty(),
          "exports exist before any trade");

    // Two trades, one per family, delivered from a moment ahead (they start Scheduled and the
    // clock makes them Active) until long enough for the restart below.
    const Timestamp start = wallClock() + seconds(2);
    const Timestamp end = start + seconds(28);
    const TradeId t4 = trade(kV4, start, end, 1000);
    const TradeId t6 = trade(kV6, start, end, 2000);

    for (const auto &[f, t] : {std::pair{&kV4, t4}, std::pair{&kV6, t6}}) {
        expectBuyerHasSellerRoute(*f, t);
        expectSellerHasBuyerRoute(*f, t);
    }
    const auto buyerExports = exportsOf(m_buyer);
    const auto sellerExports = exportsOf(m_seller);
    check(
        buyerExports.size() == 2 && sellerExports.size() == 2,
        QStringLiteral("expected 2 exports to each party, got %1 to the buyer and %2 to the seller")
            .arg(buyerExports.size())
            .arg(sellerExports.size()));
    // What bwxd says it exports is what the routers hold: one route per trade to each party.
    const std::set<std::pair<QString, std::uint64_t>> toBuyer{{kV4.sellerRoute, t4.value()},
                                                              {kV6.sellerRoute, t6.value()}};
    const std::set<std::pair<QString, std::uint64_t>> toSeller{{kV4.buyerRoute, t4.value()},
                                                               {kV6.buyerRoute, t6.value()}};
    for (const auto &[list, expected, role, counterparty] :
         {std::tuple{&buyerExports, &toBuyer, proto::ExportRole::SellerRouteToBuyer, m_seller},
          std::tuple{&sellerExports, &toSeller, proto::ExportRole::BuyerPrefixToSeller, m_buyer}}) {
        std::set<std::pair<QString, std::uint64_t>> seen;
        for (const proto::ExportView &e : *list) {
            check(e.role == role && e.counterparty == counterparty,
                  "export of " + QString::fromStdString(e.prefix.toString())
                      + " has the wrong role or counterparty");
            seen.insert({QString::fromStdString(e.prefix.toString()), e.trade.value()});
        }
        check(seen == *expected, "QueryExports does not list the traded routes");
    }

    // A restart: the journal gives back the trades, the routers give back the routes, and the
    // exports are the same as before.
    check(m_fx->stop() == 0, "bwxd did not stop cleanly");
    m_fx->start();
    waitSessions("after the restart");
    for (const auto &[f, t] : {std::pair{&kV4, t4}, std::pair{&kV6, t6}}) {
        expectBuyerHasSellerRoute(*f, t);
        expectSellerHasBuyerRoute(*f, t);
    }
    check(exportsOf(m_buyer) == buyerExports, "the buyer's exports changed across the restart");
    check(exportsOf(m_seller) == sellerExports, "the seller's exports changed across the restart");
    check(wallClock() < end - seconds(3),
          "the restart took so long that the delivery period is nearly over; the checks below "
          "need it running");

    // The seller withdraws the IPv4 route: the trade is suspended, both parties are told, and
    // the exports of that trade go; the IPv6 trade is untouched.
    auto seller = m_fx->session(m_fx->member("alpha"));
    auto buyer = m_fx->session(m_fx->member("bravo"));
    const QString disabled = m_bird->birdc("disable " + kV4.birdStatic);
    check(disabled.contains("disabled"), "birdc disable: " + disabled);
    for (auto *party : {&seller, &buyer}) {
        std::optional<proto::Notice> notice;
        do
            notice = nextOf<proto::Notice>(*party, 10s);
        while (notice && notice->trade != t4);
        check(notice.has_value(), "no notice of the suspended trade");
        qInfo("notice: %s", notice->text.c_str());
        check(notice->code == proto::ResultCode::DestinationNotDeliverable,
              "the notice of the suspended trade says " + QString::fromStdString(notice->text));
    }
    expectGone(kV4, "after the seller withdrew its route");
    expectBuyerHasSellerRoute(kV6, t6);
    expectSellerHasBuyerRoute(kV6, t6);
    check(exportsOf(m_buyer).size() == 1 && exportsOf(m_seller).size() == 1,
          "a suspended trade still exports");

    // The route comes back within the delivery period: the trade resumes, both are told, and
    // the routers get the trade's routes again.
    const QString enabled = m_bird->birdc("enable " + kV4.birdStatic);
    check(enabled.contains("enabled"), "birdc enable: " + enabled);
    for (auto *party : {&seller, &buyer}) {
        std::optional<proto::Notice> notice;
        do
            notice = nextOf<proto::Notice>(*party, 10s);
        while (notice && notice->trade != t4);
        check(notice.has_value(), "no notice of the resumed trade");
        qInfo("notice: %s", notice->text.c_str());
        check(notice->code == proto::ResultCode::Ok,
              "the notice of the resumed trade says " + QString::fromStdString(notice->text));
    }
    expectBuyerHasSellerRoute(kV4, t4);
    expectSellerHasBuyerRoute(kV4, t4);

    // An admin cancels the IPv4 trade: the answer and both parties' updates say cancelled, and
    // both routers lose its routes at once; the IPv6 trade is untouched.
    auto admin = m_fx->session(m_fx->admin());
    const auto cancelReply = admin.request(proto::CancelTrade{t4});
    const auto *cancelled = as<proto::TradeUpdate>(cancelReply);
    check(cancelled && cancelled->trade.tradeId == t4
              && cancelled->trade.state == proto::TradeState::Cancelled,
          "CancelTrade by an admin was answered with " + describe(cancelReply));
    check(cancelled->trade.deliveryEnd < end, "the cancelled trade still ends at its old end");
    for (auto *party : {&seller, &buyer}) {
        std::optional<proto::TradeUpdate> update;
        do
            update = nextOf<proto::TradeUpdate>(*party, 10s);
        while (update
               && !(update->trade.tradeId == t4
                    && update->trade.state == proto::TradeState::Cancelled));
        check(update.has_value(), "a party got no TradeUpdate of the cancelled trade");
    }
    expectGone(kV4, "after an admin cancelled the trade");
    expectBuyerHasSellerRoute(kV6, t6);
    expectSellerHasBuyerRoute(kV6, t6);
    check(exportsOf(m_buyer).size() == 1 && exportsOf(m_seller).size() == 1,
          "a cancelled trade still exports");

    // The end of the delivery period withdraws the rest.
    const auto untilEnd = std::chrono::nanoseconds((end - wallClock()).value());
    if (untilEnd.count() > 0)
        QTest::qWait(static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(untilEnd).count()));
    expectGone(kV4, "after the end of the delivery period");
    expectGone(kV6, "after the end of the delivery period");
    check(exportsOf(m_buyer).empty() && exportsOf(m_seller).empty(),
          "exports remain after every trade ended or was suspended");

    m_gobgp.reset();
    m_bird.reset();
    m_fx->stop();
}

QTEST_GUILESS_MAIN(TestInteropTrade)
#include "tst_interop_trade.moc"
