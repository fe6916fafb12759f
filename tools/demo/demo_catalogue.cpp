#include "demo_catalogue.h"

namespace bwx::demo {
namespace {

net::Prefix p(const char* text) { return *net::Prefix::parse(text); }

} // namespace

const std::vector<DemoMember>& demoMembers()
{
    static const std::vector<DemoMember> members = {
        {"nordtransit", "Nordtransit AB", 64510, mbps(400'000), true},
        {"atlantic-carrier", "Atlantic Carrier Ltd", 64520, mbps(400'000), true},
        {"alpine-net", "Alpine Net AG", 64530, mbps(200'000), true},
        {"pacific-backbone", "Pacific Backbone Inc", 64540, mbps(400'000), true},
        {"demo-buyer", "Demo ISP (you)", 64550, mbps(100'000), false},
        {"metro-isp", "Metro ISP GmbH", 64560, mbps(100'000), false},
        {"campus-net", "Campus Research Network", 64570, mbps(40'000), false},
    };
    return members;
}

const std::vector<DemoRegion>& demoRegions()
{
    // Documentation ranges (RFC 5737, RFC 3849) and public-looking ranges picked for the demo.
    // The demo exchange is a closed lab: nothing here is announced anywhere.
    static const std::vector<DemoRegion> regions = {
        {p("203.0.0.0/16"), {p("203.0.113.0/24"), p("203.0.112.0/24"), p("203.0.64.0/20"), p("203.0.8.0/22")}, Price(420'000)},
        {p("198.51.0.0/16"), {p("198.51.100.0/24"), p("198.51.96.0/22"), p("198.51.32.0/19")}, Price(380'000)},
        {p("192.0.0.0/16"), {p("192.0.2.0/24"), p("192.0.128.0/20")}, Price(510'000)},
        {p("151.20.0.0/15"), {p("151.20.4.0/22"), p("151.21.0.0/24"), p("151.20.128.0/19")}, Price(290'000)},
        {p("45.80.0.0/14"), {p("45.81.12.0/22"), p("45.82.0.0/24"), p("45.83.200.0/21")}, Price(610'000)},
        {p("185.190.0.0/15"), {p("185.190.64.0/22"), p("185.191.8.0/24"), p("185.190.0.0/20")}, Price(450'000)},
        {p("2001:db8::/32"), {p("2001:db8:100::/48"), p("2001:db8:4400::/40"), p("2001:db8:ab00::/40")}, Price(350'000)},
        {p("2a0e:b100::/29"), {p("2a0e:b102::/32"), p("2a0e:b107:200::/40")}, Price(330'000)},
    };
    return regions;
}

} // namespace bwx::demo
