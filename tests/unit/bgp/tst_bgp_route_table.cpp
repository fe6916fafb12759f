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

QTEST_APPLESS_MAIN(TestBgpRouteTable)
#include "tst_bgp_route_table.moc"
