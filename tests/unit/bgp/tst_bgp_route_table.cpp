// The Adj-RIB hash tables against std::map on random inserts and erases, and attribute interning.
#include <QTest>

#include "bwx/bgp/attribute_pool.h"
#include "bwx/bgp/route_table.h"

#include <map>
#include <random>

using namespace bwx::bgp;
using bwx::net::Address;
using bwx::net::Family;
using bwx::net::Prefix;

class TestBgpRouteTable : public QObject
{
    Q_OBJECT

private slots:
    void matchesReference();
    void interning();
    void reserveKeepsEntries();
    void adoptingSharedSet();
};

void TestBgpRouteTable::matchesReference()
{
    std::mt19937_64 rng(7);
    RouteTable<int> table;
    std::map<Prefix, int> reference;
    for (int i = 0; i < 200000; ++i) {
        Prefix p;
        // Few distinct prefixes so that erases hit and probe runs collide.
        if (rng() % 2) {
            const int len = int(rng() % 33);
            p = Prefix::makeTruncating(Address::v4(std::uint32_t(rng() % 4096) << 20), len);
        } else {
            const int len = int(rng() % 129);
            p = Prefix::makeTruncating(Address::fromWords(Family::V6, (rng() % 4096) << 52, rng() % 2),
                                       len);
        }
        if (rng() % 3 == 0) {
            const auto got = table.erase(p);
            const auto it = reference.find(p);
            QCOMPARE(got.has_value(), it != reference.end());
            if (got) {
                QCOMPARE(*got, it->second);
                reference.erase(it);
            }
        } else {
            auto [slot, inserted] = table.findOrInsert(p);
            QCOMPARE(inserted, reference.find(p) == reference.end());
            *slot = i;
            reference[p] = i;
        }
    }
    QCOMPARE(table.size(), reference.size());
    std::size_t visited = 0;
    table.forEach([&](const Prefix &p, int v) {
        ++visited;
        QCOMPARE(reference.at(p), v);
    });
    QCOMPARE(visited, reference.size());
    for (const auto &[p, v] : reference)
        QCOMPARE(*table.find(p), v);
}

void TestBgpRouteTable::interning()
{
    AttributePool pool;
    PathAttributes a;
    a.asPath = AsPath::sequence({64500, 64501});
    a.nextHop = Address::parse("192.0.2.1").value();
    PathAttributes b = a;
    AttributesRef ra = pool.intern(a);
    AttributesRef rb = pool.intern(b);
    QCOMPARE(ra.get(), rb.get());
    b.communities.push_back(1);
    AttributesRef rc = pool.intern(b);
    QVERIFY(rc.get() != ra.get());
    QCOMPARE(pool.size(), std::size_t{2});
    rc.reset();
    QCOMPARE(pool.sweep(), std::size_t{1});
    QCOMPARE(pool.size(), std::size_t{1});
    QCOMPARE(pool.intern(a).get(), ra.get());
}

void TestBgpRouteTable::reserveKeepsEntries()
{
    RouteTable<int> table;
    for (std::uint32_t i = 0; i < 1000; ++i)
        *table.findOrInsert(Prefix::makeTruncating(Address::v4(i << 8), 24)).first = int(i);
    // Reserving for fewer entries than held changes nothing; for more, every entry survives
    // the rehash and the table no longer grows while it fills up to the reserved count.
    const std::size_t before = table.memoryUsage();
    table.reserve(Family::V4, 10);
    QCOMPARE(table.memoryUsage(), before);
    table.reserve(Family::V4, 100000);
    const std::size_t reserved = table.memoryUsage();
    QVERIFY(reserved > before);
    QCOMPARE(table.size(), std::size_t{1000});
    for (std::uint32_t i = 0; i < 1000; ++i)
        QCOMPARE(*table.find(Prefix::makeTruncating(Address::v4(i << 8), 24)), int(i));
    for (std::uint32_t i = 1000; i < 100000; ++i)
        *table.findOrInsert(Prefix::makeTruncating(Address::v4(i << 8), 24)).first = int(i);
    QCOMPARE(table.memoryUsage(), reserved);
    QCOMPARE(table.size(), std::size_t{100000});
    QCOMPARE(*table.find(Prefix::makeTruncating(Address::v4(99999u << 8), 24)), 99999);
}

void TestBgpRouteTable::adoptingSharedSet()
{
    AttributePool pool;
    PathAttributes a;
    a.asPath = AsPath::sequence({64500});
    a.nextHop = Address::parse("192.0.2.1").value();
    // A shared set not yet pooled joins the pool as the very same object (no copy)...
    const auto shared = std::make_shared<const PathAttributes>(a);
    QCOMPARE(pool.intern(shared).get(), shared.get());
    // ...and an equal set handed over later resolves to it.
    const auto equal = std::make_shared<const PathAttributes>(a);
    QCOMPARE(pool.intern(equal).get(), shared.get());
    QCOMPARE(pool.intern(a).get(), shared.get());
    QCOMPARE(pool.size(), std::size_t{1});
}

QTEST_APPLESS_MAIN(TestBgpRouteTable)
#include "tst_bgp_route_table.moc"
