#include "registry_fixture.h"

#include <QTest>
#include <charconv>

namespace bwx::registry::test {

namespace {

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(separator, start), text.size());
        std::string_view part = text.substr(start, end - start);
        while (!part.empty() && part.front() == ' ')
            part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ')
            part.remove_suffix(1);
        if (!part.empty())
            parts.push_back(part);
        start = end + 1;
    }
    return parts;
}

std::uint32_t number(std::string_view text)
{
    std::uint32_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        qFatal("bad number in test: %.*s", int(text.size()), text.data());
    return value;
}

} // namespace

net::Prefix pfx(std::string_view text)
{
    auto parsed = net::Prefix::parse(text);
    if (!parsed)
        qFatal("bad prefix in test: %s", parsed.error().c_str());
    return *parsed;
}

net::Address addr(std::string_view text)
{
    auto parsed = net::Address::parse(text);
    if (!parsed)
        qFatal("bad address in test: %s", parsed.error().c_str());
    return *parsed;
}

RegistryConfig labConfig()
{
    RegistryConfig config;
    config.exchangeAsn = kExchangeAsn;
    config.lanPrefixes = {pfx("192.0.2.0/24"), pfx("2001:db8:ffff::/64")};
    config.allowDocumentationAsns = true;
    config.allowDocumentationPrefixes = true;
    return config;
}

MemberConfig alpha()
{
    MemberConfig m;
    m.id = kAlpha;
    m.name = "Alpha Networks";
    m.asns = {64501, 64500};
    m.routers = {addr("2001:db8:ffff::1"), addr("192.0.2.1")};
    m.ports = {{"ams-1", mbps(10'000)}};
    m.defaultClass = RouteClass::Customer;
    return m;
}

MemberConfig bravo()
{
    MemberConfig m;
    m.id = kBravo;
    m.name = "Bravo Transit";
    m.asns = {64510};
    m.routers = {addr("192.0.2.2"), addr("192.0.2.3"), addr("2001:db8:ffff::2")};
    m.ports = {{"ams-2", mbps(100'000)}, {"ams-3", mbps(100'000)}};
    m.defaultClass = RouteClass::Transit;
    return m;
}

MemberConfig charlie()
{
    MemberConfig m;
    m.id = kCharlie;
    m.name = "Charlie Hosting";
    m.asns = {65550};
    m.routers = {addr("192.0.2.4")};
    m.defaultClass = RouteClass::Peer;
    return m;
}

void addMembers(Registry &registry)
{
    for (MemberConfig m : {alpha(), bravo(), charlie()}) {
        const auto status = registry.addMember(std::move(m));
        if (!status)
            qFatal("addMember: %s", status.error().c_str());
    }
}

void setPath(RouteInput &route, std::string_view path)
{
    route.asPath.clear();
    route.asSets.clear();
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == ' ') {
            ++i;
        } else if (path[i] == '{') {
            const std::size_t close = path.find('}', i);
            const auto members = split(path.substr(i + 1, close - i - 1), ' ');
            route.asSets.push_back({static_cast<std::uint32_t>(route.asPath.size()),
                                    static_cast<std::uint32_t>(members.size())});
            for (const auto member : members)
                route.asPath.push_back(number(member));
            i = close + 1;
        } else {
            std::size_t end = path.find_first_of(" {", i);
            if (end == std::string_view::npos)
                end = path.size();
            route.asPath.push_back(number(path.substr(i, end - i)));
            i = end;
        }
    }
}

std::vector<LargeCommunity> largeCommunities(std::string_view text)
{
    std::vector<LargeCommunity> out;
    for (const auto item : split(text, ' ')) {
        const auto parts = split(item, ':');
        if (parts.size() != 3)
            qFatal("bad large community in test");
        out.push_back({number(parts[0]), number(parts[1]), number(parts[2])});
    }
    return out;
}

RouteInput makeRoute(std::string_view prefix,
                     std::string_view path,
                     std::string_view nextHop,
                     std::string_view large)
{
    RouteInput route;
    route.prefix = pfx(prefix);
    setPath(route, path);
    route.nextHop = addr(nextHop);
    route.largeCommunities = largeCommunities(large);
    return route;
}

VrpSet vrps(std::string_view text)
{
    std::vector<Vrp> list;
    for (const auto item : split(text, ';')) {
        const auto parts = split(item, ' ');
        const std::size_t dash = parts.at(0).rfind('-');
        list.push_back({pfx(parts[0].substr(0, dash)), number(parts.at(1).substr(2)),
                        static_cast<std::uint8_t>(number(parts[0].substr(dash + 1)))});
    }
    auto set = VrpSet::make(std::move(list));
    if (!set)
        qFatal("bad VRPs in test: %s", set.error().c_str());
    return std::move(*set);
}

IrrSet irr(std::string_view text)
{
    std::vector<IrrRoute> list;
    for (const auto item : split(text, ';')) {
        const auto parts = split(item, ' ');
        list.push_back({pfx(parts.at(0)), number(parts.at(1).substr(2))});
    }
    return IrrSet::make(std::move(list));
}

QString describe(const RouteChange &c)
{
    return QStringLiteral("%1 %2 %3 %4->%5 %6")
        .arg(c.member.value())
        .arg(QString::fromStdString(c.peer.toString()), QString::fromStdString(c.prefix.toString()),
             QString::fromUtf8(toString(c.before).data()),
             QString::fromUtf8(toString(c.after).data()),
             QString::fromUtf8(toString(c.reasonAfter).data()));
}

} // namespace bwx::registry::test
