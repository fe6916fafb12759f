#include "bgp_bench_table.h"

#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <unordered_set>

namespace bwx::bench {

namespace {

// Share of each prefix length in per mille (close to the public IPv4 table).
constexpr std::array<std::pair<int, int>, 17> kLengthMix = {{
    {24, 600}, {23, 100}, {22, 100}, {21, 60}, {20, 50}, {19, 30}, {18, 20}, {17, 10},
    {16, 22}, {15, 2}, {14, 2}, {13, 1}, {12, 1}, {11, 1}, {10, 0}, {9, 0}, {8, 1},
}};

// Path lengths 2..8, per mille.
constexpr std::array<int, 7> kPathLengthMix = {100, 250, 300, 200, 90, 40, 20};

bool bogon(std::uint32_t a)
{
    const std::uint32_t o = a >> 24;
    return o == 0 || o == 10 || o == 127 || o >= 224 || (a >> 22) == (100u << 2 | 1)
           || (a >> 16) == (169u << 8 | 254) || (a >> 20) == (172u << 4 | 1)
           || (a >> 16) == (192u << 8 | 168) || (a >> 17) == (198u << 7 | 9);
}

bgp::Asn randomAsn(std::mt19937_64 &rng)
{
    // About 40% of today's origins need 4 octets.
    if (rng() % 10 < 4)
        return bgp::Asn(131072 + rng() % 270000);
    return bgp::Asn(1000 + rng() % 63000);
}

struct Origin
{
    bgp::PathAttributes base;
};

// The path with the last AS of its first segment repeated: its origin prepended once more.
bgp::AsPath withOriginPrepended(const bgp::AsPath &path)
{
    std::vector<bgp::AsPathSegment> segments;
    for (const bgp::AsPathSegmentView s : path.segments())
        segments.push_back({s.type, {s.asns.begin(), s.asns.end()}});
    segments.front().asns.push_back(segments.front().asns.back());
    return bgp::AsPath(segments);
}

// The path with AS_TRANS replaced by the number after it.
bgp::AsPath withoutAsTrans(const bgp::AsPath &path)
{
    bgp::AsPath out;
    for (const bgp::AsPathSegmentView s : path.segments()) {
        const std::span<bgp::Asn> asns = out.appendSegment(s.type, s.asns.size());
        std::replace_copy(s.asns.begin(), s.asns.end(), asns.begin(), bgp::kAsTrans,
                          bgp::kAsTrans + 1);
    }
    return out;
}

std::uint64_t prefixKey(std::uint32_t address, int length)
{
    return std::uint64_t{address} << 8 | std::uint64_t(length);
}

// `used` holds the prefixes already taken (address << 8 | length), by this table or others.
GeneratedTable generateInto(std::size_t routes,
                            std::uint64_t seed,
                            const net::Address &nextHop,
                            bgp::Asn senderAs,
                            std::unordered_set<std::uint64_t> &used)
{
    std::mt19937_64 rng(seed);
    std::vector<bgp::Asn> transits(2000);
    for (bgp::Asn &t : transits)
        t = bgp::Asn(100 + rng() % 30000);

    const std::size_t originCount = std::max<std::size_t>(1, routes / 13);
    std::vector<Origin> origins(originCount);
    for (Origin &o : origins) {
        int pick = int(rng() % 1000);
        int length = 2;
        for (int share : kPathLengthMix) {
            if (pick < share)
                break;
            pick -= share;
            ++length;
        }
        std::vector<bgp::Asn> path{senderAs};
        for (int i = 2; i < length; ++i)
            path.push_back(transits[rng() % transits.size()]);
        const bgp::Asn origin = randomAsn(rng);
        path.push_back(origin);
        if (rng() % 20 == 0)
            path.push_back(origin); // prepending
        o.base.origin = rng() % 10 == 0 ? bgp::Origin::Incomplete : bgp::Origin::Igp;
        o.base.asPath = bgp::AsPath::sequence(path);
        o.base.nextHop = nextHop;
        if (rng() % 100 < 55) {
            const bgp::Asn tag = path.size() > 2 ? path[1] : senderAs;
            const int n = 1 + int(rng() % 3);
            for (int i = 0; i < n; ++i)
                o.base.communities.push_back(((tag & 0xffff) << 16) | std::uint32_t(rng() % 4000));
            std::sort(o.base.communities.begin(), o.base.communities.end());
        }
        if (rng() % 10 == 0)
            o.base.largeCommunities.push_back({senderAs, 1, std::uint32_t(rng() % 50)});
        if (rng() % 5 == 0)
            o.base.med = std::uint32_t(rng() % 1000);
    }

    // (origin, variant) -> group index.
    std::map<std::pair<std::size_t, int>, std::size_t> groupOf;
    GeneratedTable table;
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    while (table.routes < routes) {
        int pick = int(rng() % 1000);
        int length = 24;
        for (const auto &[len, share] : kLengthMix) {
            if (pick < share) {
                length = len;
                break;
            }
            pick -= share;
        }
        const std::uint32_t mask = length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
        const std::uint32_t address = std::uint32_t(rng()) & mask;
        if (bogon(address))
            continue;
        const std::uint64_t key = prefixKey(address, length);
        if (!used.insert(key).second)
            continue;
        // Few origins hold many prefixes, most hold a handful.
        const double u = uniform(rng);
        const std::size_t origin = std::min(originCount - 1,
                                            std::size_t(double(originCount) * u * u * u));
        const int variant = rng() % 100 < 80 ? 0 : 1 + int(rng() % 3);
        auto [it, inserted] = groupOf.try_emplace({origin, variant}, table.groups.size());
        if (inserted) {
            TableGroup g;
            g.attributes = origins[origin].base;
            if (variant > 0) {
                // Traffic engineering: a prepend toward us, or another community.
                if (variant == 1)
                    g.attributes.asPath = withOriginPrepended(g.attributes.asPath);
                else
                    g.attributes.communities.push_back((senderAs & 0xffff) << 16
                                                       | std::uint32_t(variant * 100));
            }
            table.groups.push_back(std::move(g));
        }
        table.groups[it->second].prefixes.push_back(
            net::Prefix::makeTruncating(net::Address::v4(address), length));
        ++table.routes;
    }
    return table;
}

} // namespace

GeneratedTable generateTable(std::size_t routes,
                             std::uint64_t seed,
                             const net::Address &nextHop,
                             bgp::Asn senderAs)
{
    std::unordered_set<std::uint64_t> used;
    used.reserve(routes * 2);
    return generateInto(routes, seed, nextHop, senderAs, used);
}

std::vector<GeneratedTable> generateDisjointTables(std::size_t routesEach,
                                                   std::uint64_t seed,
                                                   const std::vector<net::Address> &nextHops,
                                                   const std::vector<bgp::Asn> &senderAses)
{
    std::unordered_set<std::uint64_t> used;
    used.reserve(routesEach * nextHops.size() * 2);
    // The /24 special-purpose blocks the generator's coarse bogon test lets through; a route
    // server's validation refuses them, and every generated route must be tradeable.
    for (const char *block : {"192.0.0.0", "192.0.2.0", "192.88.99.0", "198.51.100.0",
                              "203.0.113.0"})
        used.insert(prefixKey(net::Address::parse(block)->v4Value(), 24));
    std::vector<GeneratedTable> tables;
    for (std::size_t i = 0; i < nextHops.size(); ++i) {
        GeneratedTable t = generateInto(routesEach, seed + i, nextHops[i], senderAses[i], used);
        // AS_TRANS (23456) is reserved and refused inside an AS path; the pools draw from
        // ranges that include it.
        for (TableGroup &g : t.groups)
            if (g.attributes.asPath.contains(bgp::kAsTrans))
                g.attributes.asPath = withoutAsTrans(g.attributes.asPath);
        tables.push_back(std::move(t));
    }
    return tables;
}

std::vector<std::uint8_t> encodeTable(const GeneratedTable &table,
                                      const bgp::SessionParameters &session)
{
    std::vector<std::uint8_t> out;
    out.reserve(table.routes * 8);
    for (const TableGroup &g : table.groups)
        bgp::encodeAnnouncements(g.attributes, g.prefixes, session, out);
    bgp::encodeEndOfRib(bgp::AfiSafi::ipv4Unicast(), out);
    return out;
}

} // namespace bwx::bench
