// The Adj-RIB hash tables against std::map on random inserts and erases, and attribute interning.
// The address-keyed map the export path groups routes with, likewise.
#include <QTest>

#include "bwx/bgp/attribute_pool.h"
#include "bwx/bgp/pointer_map.h"
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
    void pointerMapMatchesReference();
    void poolGrowsAndSweeps();
    void heldSetsSurviveSweeps();
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
    // A slot of an IPv4 key and a 4-byte value is 12 bytes (the Adj-RIB-In's), at most 8/7
    // slots an entry once reserved.
    QCOMPARE(reserved, std::size_t{(100000 * 8 + 6) / 7} * 12);
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

void TestBgpRouteTable::pointerMapMatchesReference()
{
    // Keys are addresses inside one array: neighbours hash apart but, few as they are, collide
    // in probe runs, which is what the backward-shift erase must keep findable.
    std::vector<int> objects(512);
    std::mt19937_64 rng(11);
    bwx::bgp::detail::PointerMap<int> map;
    std::map<const void *, int> reference;
    for (int i = 0; i < 200000; ++i) {
        const void *key = &objects[rng() % objects.size()];
        switch (rng() % 4) {
        case 0: {
            QCOMPARE(map.erase(key), reference.erase(key) == 1);
            break;
        }
        case 1: {
            const int *got = map.find(key);
            const auto it = reference.find(key);
            QCOMPARE(got != nullptr, it != reference.end());
            if (got)
                QCOMPARE(*got, it->second);
            break;
        }
        default: {
            auto [value, inserted] = map.findOrInsert(key);
            QCOMPARE(inserted, reference.find(key) == reference.end());
            if (inserted)
                QCOMPARE(*value, 0);
            *value = i;
            reference[key] = i;
        }
        }
        if (i == 100000) {
            map.clear();
            reference.clear();
        }
    }
    QCOMPARE(map.size(), reference.size());
    std::size_t visited = 0;
    map.forEach([&](const void *key, int value) {
        ++visited;
        QCOMPARE(value, reference.at(key));
    });
    QCOMPARE(visited, reference.size());
}

void TestBgpRouteTable::poolGrowsAndSweeps()
{
    // Enough sets to grow the pool's table many times, every one found again afterwards; a
    // sweep keeps exactly the sets still referenced and they stay findable.
    AttributePool pool;
    auto set = [](std::uint32_t i) {
        PathAttributes a;
        a.asPath = AsPath::sequence({64500, 64500 + i % 7});
        a.nextHop = Address::parse("192.0.2.1").value();
        a.med = i;
        return a;
    };
    constexpr std::uint32_t kSets = 5000;
    std::vector<AttributesRef> refs;
    for (std::uint32_t i = 0; i < kSets; ++i)
        refs.push_back(pool.intern(set(i)));
    QCOMPARE(pool.size(), std::size_t{kSets});
    for (std::uint32_t i = 0; i < kSets; ++i)
        QCOMPARE(pool.intern(set(i)).get(), refs[i].get());
    for (std::uint32_t i = 0; i < kSets; i += 2)
        refs[i].reset();
    QCOMPARE(pool.sweep(), std::size_t{kSets / 2});
    QCOMPARE(pool.size(), std::size_t{kSets / 2});
    for (std::uint32_t i = 1; i < kSets; i += 2)
        QCOMPARE(pool.intern(set(i)).get(), refs[i].get());
    QCOMPARE(pool.size(), std::size_t{kSets / 2});
    QVERIFY(pool.intern(set(0)).get() != nullptr);
    QCOMPARE(pool.size(), std::size_t{kSets / 2 + 1});
}

void TestBgpRouteTable::heldSetsSurviveSweeps()
{
    // An Adj-RIB-In keeps ids, not references: a held set stays pooled (same id, same set)
    // through sweeps while no shared reference exists, and goes at the first sweep after its
    // last hold is released; its id is then reused.
    AttributePool pool;
    auto set = [](std::uint32_t i) {
        PathAttributes a;
        a.asPath = AsPath::sequence({64500, 64500 + i});
        a.nextHop = Address::parse("192.0.2.1").value();
        return a;
    };
    const AttributeId first = pool.internId(set(1));
    const AttributeId second = pool.internId(set(2));
    QVERIFY(first != second);
    QCOMPARE(pool.internId(set(1)), first);
    QCOMPARE(pool.intern(set(2)).get(), pool.set(second).get());
    pool.hold(first);
    pool.hold(first);
    pool.hold(second);
    const PathAttributes *firstSet = pool.set(first).get();
    QCOMPARE(pool.sweep(), std::size_t{0});
    QCOMPARE(pool.set(first).get(), firstSet);
    QCOMPARE(*pool.set(first), set(1));
    pool.release(first);
    QCOMPARE(pool.sweep(), std::size_t{0}); // one hold left
    pool.release(second);
    QCOMPARE(pool.sweep(), std::size_t{1});
    QCOMPARE(pool.size(), std::size_t{1});
    QCOMPARE(pool.internId(set(1)), first);
    pool.release(first);
    QCOMPARE(pool.sweep(), std::size_t{1});
    QCOMPARE(pool.size(), std::size_t{0});
    // A set interned after the sweep takes a freed id or a new one, and is found by content.
    const AttributeId again = pool.internId(set(3));
    QCOMPARE(*pool.set(again), set(3));
    QCOMPARE(pool.internId(set(3)), again);
}

QTEST_APPLESS_MAIN(TestBgpRouteTable)
#include "tst_bgp_route_table.moc"
