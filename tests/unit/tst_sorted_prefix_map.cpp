// SortedPrefixMap: the chunked, prefix-ordered map the registry keeps a session's routes in.
// Cross-checked against PrefixMap (the Patricia trie, itself checked against a brute-force
// reference in tst_prefix_trie) on random operations shaped like routing tables, with the
// invariants checked after every step; then the chunk layout: a table that arrives in prefix
// order fills its chunks, and erasing most of a table gives the memory back.
#include "bwx/net/prefix_trie.h"
#include "bwx/net/sorted_prefix_map.h"

#include "prefix_test_util.h"

#include <QTest>
#include <random>
#include <string>
#include <utility>
#include <vector>

using bwx::net::Address;
using bwx::net::Family;
using bwx::net::Prefix;
using bwx::net::PrefixMap;
using bwx::net::SortedPrefixMap;

using bwx::net::test::prefix;

namespace {

using Listing = std::vector<std::pair<Prefix, int>>;

template<class Map> Listing all(const Map &map)
{
    Listing out;
    map.forEach([&](const Prefix &p, const int &v) { out.emplace_back(p, v); });
    return out;
}
template<class Map> Listing covered(const Map &map, const Prefix &p)
{
    Listing out;
    map.forEachCovered(p, [&](const Prefix &q, const int &v) { out.emplace_back(q, v); });
    return out;
}
template<class Map> Listing covering(const Map &map, const Prefix &p)
{
    Listing out;
    map.forEachCovering(p, [&](const Prefix &q, const int &v) { out.emplace_back(q, v); });
    return out;
}

// Prefixes like a routing table's: mostly /16-/24 (IPv4) or /29-/48 (IPv6) in a few dense
// regions, so prefixes nest and chunks split and merge.
Prefix randomPrefix(std::mt19937_64 &random, Family family)
{
    if (family == Family::V4) {
        static constexpr int kLengths[] = {0, 8, 12, 16, 19, 20, 22, 23, 24, 24, 24, 24, 32};
        const int length = kLengths[random() % std::size(kLengths)];
        const auto address = static_cast<std::uint32_t>(0x0a000000u | (random() & 0x00ffffffu));
        return Prefix::makeTruncating(
            Address::v4(random() % 4 == 0 ? address ^ 0x50000000u : address), length);
    }
    static constexpr int kLengths[] = {0, 19, 29, 32, 36, 40, 44, 48, 48, 48, 64, 127, 128};
    const int length = kLengths[random() % std::size(kLengths)];
    const std::uint64_t high = 0x2001'0db8'0000'0000ull | (random() & 0xffff'ffffull);
    return Prefix::makeTruncating(Address::fromWords(Family::V6, high, random() % 3), length);
}

} // namespace

class TestSortedPrefixMap : public QObject
{
    Q_OBJECT

private slots:
    void rangeEnds_data();
    void rangeEnds();
    void againstTrie_data();
    void againstTrie();
    void inOrderTableFillsChunks();
    void erasingGivesChunksBack();
};

void TestSortedPrefixMap::rangeEnds_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("covered");
    QTest::addColumn<QString>("covering");
    const QString table = "0.0.0.0/0 10.0.0.0/8 10.0.0.0/24 10.255.255.255/32 11.0.0.0/8 "
                          "255.255.255.255/32";
    QTest::newRow("the default route covers everything")
        << table << "0.0.0.0/0" << table << "0.0.0.0/0";
    QTest::newRow("a /8 and its more specifics, up to its last address")
        << table << "10.0.0.0/8"
        << "10.0.0.0/8 10.0.0.0/24 10.255.255.255/32"
        << "0.0.0.0/0 10.0.0.0/8";
    QTest::newRow("a host route at the top of the space") << table << "255.255.255.255/32"
                                                          << "255.255.255.255/32"
                                                          << "0.0.0.0/0 255.255.255.255/32";
    QTest::newRow("nothing stored inside, covered by two") << table << "10.1.0.0/16"
                                                           << ""
                                                           << "0.0.0.0/0 10.0.0.0/8";
    const QString v6 = "::/0 2001:db8::/32 2001:db8::/48 2001:db8:0:ffff::/64 "
                       "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff/128 2001:db9::/32";
    QTest::newRow("IPv6: a /32 and its more specifics, up to its last address")
        << v6 << "2001:db8::/32"
        << "2001:db8::/32 2001:db8::/48 2001:db8:0:ffff::/64 "
           "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff/128"
        << "::/0 2001:db8::/32";
    QTest::newRow("IPv6: a /64 boundary")
        << v6 << "2001:db8:0:ffff::/64"
        << "2001:db8:0:ffff::/64"
        << "::/0 2001:db8::/32 2001:db8::/48 2001:db8:0:ffff::/64";
    QTest::newRow("IPv6: a host route") << v6 << "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff/128"
                                        << "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff/128"
                                        << "::/0 2001:db8::/32 "
                                           "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff/128";
}

void TestSortedPrefixMap::rangeEnds()
{
    QFETCH(QString, stored);
    QFETCH(QString, query);
    QFETCH(QString, covered);
    QFETCH(QString, covering);
    SortedPrefixMap<int> map;
    int value = 0;
    for (const QString &p : stored.split(' ', Qt::SkipEmptyParts))
        QVERIFY(map.insert(prefix(p.toStdString()), ++value));
    QVERIFY(map.isConsistent());
    const auto names = [](const Listing &listing) {
        QStringList out;
        for (const auto &[p, v] : listing)
            out << QString::fromStdString(p.toString());
        return out.join(' ');
    };
    QCOMPARE(names(::covered(map, prefix(query.toStdString()))), covered);
    QCOMPARE(names(::covering(map, prefix(query.toStdString()))), covering);
}

void TestSortedPrefixMap::againstTrie_data()
{
    QTest::addColumn<int>("family");
    QTest::addColumn<unsigned>("seed");
    QTest::addColumn<int>("eraseOneIn"); // erases among the operations: 1 in this many
    for (unsigned seed = 1; seed <= 3; ++seed) {
        QTest::newRow(qPrintable(QString("IPv4, mostly inserts, seed %1").arg(seed)))
            << 4 << seed << 4;
        QTest::newRow(qPrintable(QString("IPv4, as many erases, seed %1").arg(seed)))
            << 4 << seed << 2;
        QTest::newRow(qPrintable(QString("IPv6, mostly inserts, seed %1").arg(seed)))
            << 6 << seed << 4;
    }
}

void TestSortedPrefixMap::againstTrie()
{
    QFETCH(int, family);
    QFETCH(unsigned, seed);
    QFETCH(int, eraseOneIn);
    const Family f = family == 4 ? Family::V4 : Family::V6;
    std::mt19937_64 random(seed);
    SortedPrefixMap<int> map;
    PrefixMap<int> trie;
    for (int step = 0; step < 20000; ++step) {
        const Prefix p = randomPrefix(random, f);
        if (static_cast<int>(random() % static_cast<unsigned>(eraseOneIn)) == 0) {
            QCOMPARE(map.erase(p), trie.erase(p));
        } else {
            const auto [value, fresh] = map.tryEmplace(p, step);
            QCOMPARE(fresh, trie.insert(p, step));
            QCOMPARE(*value, *trie.find(p));
            if (step % 3 == 0)
                *value = *trie.find(p) = -step; // values are writable in place
        }
        QVERIFY(map.isConsistent());
        QCOMPARE(map.size(), trie.size());
        QCOMPARE(map.size(f), trie.size(f));
        const Prefix q = randomPrefix(random, f);
        QCOMPARE(map.contains(q), trie.contains(q));
        QCOMPARE(covering(map, q), covering(trie, q));
        if (step % 50 == 0)
            QCOMPARE(covered(map, q), covered(trie, q));
        if (step % 1000 == 0)
            QCOMPARE(all(map), all(trie));
    }
    QCOMPARE(all(map), all(trie));
    QVERIFY(map.size() > 1000);
    // A visitor returning false stops the walk.
    int visited = 0;
    QVERIFY(!map.forEach([&](const Prefix &, int &) { return ++visited < 10; }));
    QCOMPARE(visited, 10);
}

void TestSortedPrefixMap::inOrderTableFillsChunks()
{
    SortedPrefixMap<int> map;
    constexpr int kRoutes = 64 * 100;
    for (int i = 0; i < kRoutes; ++i)
        QVERIFY(map.insert(
            Prefix::makeTruncating(Address::v4(0x0b000000u + std::uint32_t(i) * 256), 24), i));
    QVERIFY(map.isConsistent());
    // Every chunk full: 16 bytes an entry, and little beside.
    QVERIFY(map.memoryUsage() < kRoutes * 17);
    // The same prefixes in a random order: full chunks pass entries to their neighbours
    // before they split, so chunks stay more than three quarters full (78 % here).
    std::vector<int> order(kRoutes);
    for (int i = 0; i < kRoutes; ++i)
        order[static_cast<std::size_t>(i)] = i;
    std::shuffle(order.begin(), order.end(), std::mt19937(7));
    SortedPrefixMap<int> shuffled;
    for (int i : order)
        QVERIFY(shuffled.insert(
            Prefix::makeTruncating(Address::v4(0x0b000000u + std::uint32_t(i) * 256), 24), i));
    QVERIFY(shuffled.isConsistent());
    QVERIFY(shuffled.memoryUsage() < kRoutes * 16 * 4 / 3);
    QCOMPARE(all(shuffled), all(map));
}

void TestSortedPrefixMap::erasingGivesChunksBack()
{
    SortedPrefixMap<int> map;
    constexpr int kRoutes = 64 * 100;
    const auto nth = [](int i) {
        return Prefix::makeTruncating(Address::v4(0x0b000000u + std::uint32_t(i) * 256), 24);
    };
    for (int i = 0; i < kRoutes; ++i)
        map.insert(nth(i), i);
    // Seven of every eight erased, scattered: chunks merge rather than stay mostly empty.
    for (int i = 0; i < kRoutes; ++i)
        if (i % 8 != 0)
            QVERIFY(map.erase(nth(i)));
    QVERIFY(map.isConsistent());
    QCOMPARE(map.size(), std::size_t(kRoutes / 8));
    QVERIFY(map.memoryUsage() < kRoutes / 8 * 16 * 5);
    for (int i = 0; i < kRoutes; i += 8)
        QVERIFY(map.erase(nth(i)));
    QVERIFY(map.empty());
    QVERIFY(map.isConsistent());
    QVERIFY(map.forEach([](const Prefix &, int &) { return false; }));
}

QTEST_APPLESS_MAIN(TestSortedPrefixMap)
#include "tst_sorted_prefix_map.moc"
