// PrefixTrie and PrefixMap: hand-written scenarios, then a cross-check against a brute-force
// reference on random data shaped like routing tables (long chains of nested prefixes).
#include "bwx/net/prefix_trie.h"

#include "prefix_test_util.h"

#include <QTest>
#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using bwx::net::Address;
using bwx::net::Family;
using bwx::net::Prefix;
using bwx::net::PrefixMap;
using bwx::net::PrefixTrie;

using bwx::net::test::prefix;

namespace {

// find() that must succeed; qFatal tells the compiler (and the reader) null is not an option.
template<class Container> auto &at(Container &container, const Prefix &key)
{
    auto *value = container.find(key);
    if (!value)
        qFatal("%s not found", key.toString().c_str());
    return *value;
}

std::vector<std::string> words(const QByteArray &text)
{
    std::vector<std::string> out;
    for (const QByteArray &word : text.split(' ')) {
        if (!word.isEmpty())
            out.push_back(word.toStdString());
    }
    return out;
}

std::string join(const std::vector<std::string> &items)
{
    std::string out;
    for (const auto &item : items)
        out += (out.empty() ? "" : " ") + item;
    return out;
}

} // namespace

class TestPrefixTrie : public QObject
{
    Q_OBJECT

private slots:
    void queries_data();
    void queries();
    void insertKeepsExisting();
    void insertOrAssignAndSubscript();
    void eraseCollapsesNodes();
    void eraseAbsent();
    void earlyStop();
    void constAccess();
    void moveOnlyValues();
    void failedInsertChangesNothing();
    void fullDepth();
    void copyAndClear();
    void prefixMap();
    void randomAgainstReference_data();
    void randomAgainstReference();
};

void TestPrefixTrie::queries_data()
{
    QTest::addColumn<QByteArray>("stored");   // prefixes, all of one family
    QTest::addColumn<QByteArray>("query");    // a prefix, or an address for longestMatch(Address)
    QTest::addColumn<QByteArray>("longest");  // expected longest match, empty for none
    QTest::addColumn<QByteArray>("covering"); // expected forEachCovering, shortest first
    QTest::addColumn<QByteArray>("covered");  // expected forEachCovered, prefix order

    auto row = [](const char *name, const char *stored, const char *query, const char *longest,
                  const char *covering, const char *covered) {
        QTest::newRow(name) << QByteArray(stored) << QByteArray(query) << QByteArray(longest)
                            << QByteArray(covering) << QByteArray(covered);
    };

    row("empty trie", "", "10.0.0.0/8", "", "", "");
    row("exact single", "10.0.0.0/8", "10.0.0.0/8", "10.0.0.0/8", "10.0.0.0/8", "10.0.0.0/8");

    const char *chain = "10.1.2.128/25 0.0.0.0/0 10.1.0.0/16 10.0.0.0/8 10.1.2.0/24";
    row("chain middle", chain, "10.1.2.0/24", "10.1.2.0/24",
        "0.0.0.0/0 10.0.0.0/8 10.1.0.0/16 10.1.2.0/24", "10.1.2.0/24 10.1.2.128/25");
    row("chain between lengths", chain, "10.1.0.0/20", "10.1.0.0/16",
        "0.0.0.0/0 10.0.0.0/8 10.1.0.0/16", "10.1.2.0/24 10.1.2.128/25");
    row("chain root query", chain, "0.0.0.0/0", "0.0.0.0/0", "0.0.0.0/0",
        "0.0.0.0/0 10.0.0.0/8 10.1.0.0/16 10.1.2.0/24 10.1.2.128/25");
    row("chain address deepest", chain, "10.1.2.200", "10.1.2.128/25",
        "0.0.0.0/0 10.0.0.0/8 10.1.0.0/16 10.1.2.0/24 10.1.2.128/25", "");
    row("chain address lower half", chain, "10.1.2.1", "10.1.2.0/24",
        "0.0.0.0/0 10.0.0.0/8 10.1.0.0/16 10.1.2.0/24", "");
    row("chain address outside all but default", chain, "192.0.2.1", "0.0.0.0/0", "0.0.0.0/0", "");

    row("siblings under branch", "10.0.1.0/24 10.0.2.0/23 10.0.0.0/24", "10.0.0.0/22", "", "",
        "10.0.0.0/24 10.0.1.0/24 10.0.2.0/23");
    row("query equals branch node", "10.0.1.0/24 10.0.0.0/24", "10.0.0.0/23", "", "",
        "10.0.0.0/24 10.0.1.0/24");
    row("query diverges inside skipped edge", "10.0.1.0/24 10.0.0.0/24", "10.0.2.0/23", "", "", "");
    row("query longer than leaf but outside", "10.0.0.0/24", "10.0.1.0/25", "", "", "");
    row("query more specific than leaf", "10.0.0.0/24", "10.0.0.64/26", "10.0.0.0/24",
        "10.0.0.0/24", "");
    row("host routes", "192.0.2.1/32 192.0.2.0/32 192.0.2.3/32 192.0.2.0/30", "192.0.2.0/31",
        "192.0.2.0/30", "192.0.2.0/30", "192.0.2.0/32 192.0.2.1/32");
    row("host address exact", "192.0.2.1/32 192.0.2.0/30", "192.0.2.1", "192.0.2.1/32",
        "192.0.2.0/30 192.0.2.1/32", "");
    row("top bit split", "128.0.0.0/1 0.0.0.0/1", "0.0.0.0/0", "", "", "0.0.0.0/1 128.0.0.0/1");

    const char *v6 = "2001:db8:1:2::/64 ::/0 2001:db8:1:2:8000::/65 2001:db8::/32 "
                     "2001:db8:1:3::/64 2001:db8:1:2:8000::1/128 2001:db8:1:2:c000::/66";
    row("v6 across word boundary", v6, "2001:db8:1:2:8000::/65", "2001:db8:1:2:8000::/65",
        "::/0 2001:db8::/32 2001:db8:1:2::/64 2001:db8:1:2:8000::/65",
        "2001:db8:1:2:8000::/65 2001:db8:1:2:8000::1/128 2001:db8:1:2:c000::/66");
    row("v6 address deepest", v6, "2001:db8:1:2:8000::1", "2001:db8:1:2:8000::1/128",
        "::/0 2001:db8::/32 2001:db8:1:2::/64 2001:db8:1:2:8000::/65 2001:db8:1:2:8000::1/128", "");
    row("v6 address in lower half of /64", v6, "2001:db8:1:2::5", "2001:db8:1:2::/64",
        "::/0 2001:db8::/32 2001:db8:1:2::/64", "");
    row("v6 /63 covers two /64s", v6, "2001:db8:1:2::/63", "2001:db8::/32", "::/0 2001:db8::/32",
        "2001:db8:1:2::/64 2001:db8:1:2:8000::/65 2001:db8:1:2:8000::1/128 "
        "2001:db8:1:2:c000::/66 2001:db8:1:3::/64");
    row("v6 outside documentation range", v6, "2001:db9::/48", "::/0", "::/0", "");
    row("v6 no default, no match", "2001:db8::/32", "fe80::1", "", "", "");
}

void TestPrefixTrie::queries()
{
    QFETCH(QByteArray, stored);
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, longest);
    QFETCH(QByteArray, covering);
    QFETCH(QByteArray, covered);

    const bool isAddress = !query.contains('/');
    const Address queryAddress
        = isAddress ? *Address::parse(query.toStdString()) : prefix(query.toStdString()).address();
    const Family family = queryAddress.family();
    const Prefix queryPrefix = isAddress
                                   ? Prefix::makeTruncating(queryAddress, queryAddress.maxLength())
                                   : prefix(query.toStdString());

    PrefixTrie<int> trie(family);
    const std::vector<std::string> keys = words(stored);
    for (std::size_t i = 0; i < keys.size(); ++i)
        QVERIFY(trie.insert(prefix(keys[i]), int(i)));
    QCOMPARE(trie.size(), keys.size());
    QVERIFY(trie.isConsistent());

    // Every value reported must be the one stored under the reported prefix.
    auto valueOf = [&](const Prefix &p) {
        const auto it = std::find(keys.begin(), keys.end(), p.toString());
        return it == keys.end() ? -1 : int(it - keys.begin());
    };

    const auto match = isAddress ? trie.longestMatch(queryAddress) : trie.longestMatch(queryPrefix);
    QCOMPARE(match ? match->first.toString() : std::string(), longest.toStdString());
    if (match)
        QCOMPARE(*match->second, valueOf(match->first));
    if (isAddress) {
        const auto viaPrefix = trie.longestMatch(queryPrefix);
        QCOMPARE(bool(viaPrefix), bool(match));
        if (match)
            QCOMPARE(viaPrefix->first, match->first);
    }

    std::vector<std::string> seen;
    trie.forEachCovering(queryPrefix, [&](const Prefix &p, int &value) {
        QCOMPARE(value, valueOf(p));
        seen.push_back(p.toString());
    });
    QCOMPARE(join(seen), covering.toStdString());

    seen.clear();
    trie.forEachCovered(queryPrefix, [&](const Prefix &p, int &value) {
        QCOMPARE(value, valueOf(p));
        seen.push_back(p.toString());
    });
    if (!isAddress)
        QCOMPARE(join(seen), covered.toStdString());

    const int *exact = trie.find(queryPrefix);
    const bool isStored = std::find(keys.begin(), keys.end(), queryPrefix.toString()) != keys.end();
    QCOMPARE(exact != nullptr, isStored);
    QCOMPARE(trie.contains(queryPrefix), isStored);
    if (exact)
        QCOMPARE(*exact, valueOf(queryPrefix));
}

void TestPrefixTrie::insertKeepsExisting()
{
    PrefixTrie<std::string> trie(Family::V4);
    QVERIFY(trie.insert(prefix("10.0.0.0/8"), "first"));
    QVERIFY(!trie.insert(prefix("10.0.0.0/8"), "second"));
    QCOMPARE(at(trie, prefix("10.0.0.0/8")), std::string("first"));
    QCOMPARE(trie.size(), std::size_t(1));

    auto [value, inserted] = trie.tryEmplace(prefix("10.0.0.0/8"), 3, 'x');
    QVERIFY(!inserted);
    QCOMPARE(*value, std::string("first"));
    std::tie(value, inserted) = trie.tryEmplace(prefix("10.0.0.0/9"), 3, 'x');
    QVERIFY(inserted);
    QCOMPARE(*value, std::string("xxx"));
    QCOMPARE(trie.size(), std::size_t(2));
}

void TestPrefixTrie::insertOrAssignAndSubscript()
{
    PrefixTrie<int> trie(Family::V6);
    QCOMPARE(trie.insertOrAssign(prefix("2001:db8::/32"), 1), 1);
    QCOMPARE(trie.insertOrAssign(prefix("2001:db8::/32"), 2), 2);
    QCOMPARE(at(trie, prefix("2001:db8::/32")), 2);
    QCOMPARE(trie[prefix("2001:db8::/48")], 0);
    trie[prefix("2001:db8::/48")] += 5;
    QCOMPARE(at(trie, prefix("2001:db8::/48")), 5);
    QCOMPARE(trie.size(), std::size_t(2));

    // Filling in a branching node turns it into an entry without adding a node.
    PrefixTrie<int> branched(Family::V4);
    branched.insert(prefix("10.0.0.0/24"), 1);
    branched.insert(prefix("10.0.1.0/24"), 2);
    const std::size_t nodes = branched.nodeCount();
    QCOMPARE(nodes, std::size_t(3));
    QVERIFY(!branched.find(prefix("10.0.0.0/23")));
    branched[prefix("10.0.0.0/23")] = 3;
    QCOMPARE(branched.nodeCount(), nodes);
    QCOMPARE(at(branched, prefix("10.0.0.0/23")), 3);
    QVERIFY(branched.isConsistent());
}

void TestPrefixTrie::eraseCollapsesNodes()
{
    PrefixTrie<int> trie(Family::V4);
    const std::vector<const char *> keys
        = {"10.0.0.0/8", "10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24", "10.128.0.0/9", "11.0.0.0/8"};
    for (const char *key : keys)
        QVERIFY(trie.insert(prefix(key), 0));
    QVERIFY(trie.isConsistent());

    // Erasing a leaf whose parent branched removes the branching node too.
    QVERIFY(trie.erase(prefix("10.0.2.0/24")));
    QVERIFY(trie.isConsistent());
    // An entry with two children stays as a branching node.
    QVERIFY(trie.erase(prefix("10.0.0.0/8")));
    QVERIFY(trie.isConsistent());
    QVERIFY(!trie.find(prefix("10.0.0.0/8")));
    QCOMPARE(trie.longestMatch(prefix("10.0.0.0/24"))->first, prefix("10.0.0.0/24"));
    QCOMPARE(trie.longestMatch(prefix("10.0.3.0/24")), std::nullopt);

    for (const char *key : keys)
        trie.erase(prefix(key));
    QVERIFY(trie.empty());
    QCOMPARE(trie.nodeCount(), std::size_t(0));
    QVERIFY(trie.isConsistent());

    // Freed nodes are reused rather than growing the pool.
    for (const char *key : keys)
        trie.insert(prefix(key), 1);
    const std::size_t memory = trie.memoryUsage();
    for (int round = 0; round < 100; ++round) {
        for (const char *key : keys)
            QVERIFY(trie.erase(prefix(key)));
        for (const char *key : keys)
            QVERIFY(trie.insert(prefix(key), round));
    }
    QCOMPARE(trie.memoryUsage(), memory);
    QVERIFY(trie.isConsistent());
}

void TestPrefixTrie::eraseAbsent()
{
    PrefixTrie<int> trie(Family::V4);
    QVERIFY(!trie.erase(prefix("10.0.0.0/8")));
    trie.insert(prefix("10.0.0.0/24"), 1);
    trie.insert(prefix("10.0.1.0/24"), 2);
    QVERIFY(!trie.erase(prefix("10.0.0.0/23"))); // only a branching node there
    QVERIFY(!trie.erase(prefix("10.0.0.0/25")));
    QVERIFY(!trie.erase(prefix("10.0.0.0/16")));
    QVERIFY(!trie.erase(prefix("10.0.2.0/24")));
    QCOMPARE(trie.size(), std::size_t(2));
    QCOMPARE(trie.nodeCount(), std::size_t(3));
    QVERIFY(trie.isConsistent());
}

void TestPrefixTrie::earlyStop()
{
    PrefixTrie<int> trie(Family::V4);
    for (const char *key : {"0.0.0.0/0", "10.0.0.0/8", "10.1.0.0/16", "10.1.1.0/24", "10.2.0.0/16"})
        trie.insert(prefix(key), 0);

    int calls = 0;
    QVERIFY(!trie.forEachCovering(prefix("10.1.1.0/24"),
                                  [&](const Prefix &, int &) { return ++calls < 2; }));
    QCOMPARE(calls, 2);

    calls = 0;
    std::vector<Prefix> seen;
    QVERIFY(!trie.forEachCovered(prefix("10.0.0.0/8"), [&](const Prefix &p, int &) {
        seen.push_back(p);
        return ++calls < 3;
    }));
    QCOMPARE(seen, (std::vector<Prefix>{prefix("10.0.0.0/8"), prefix("10.1.0.0/16"),
                                        prefix("10.1.1.0/24")}));

    calls = 0;
    QVERIFY(!trie.forEach([&](const Prefix &, int &) { return ++calls < 1; }));
    QCOMPARE(calls, 1);

    calls = 0;
    QVERIFY(trie.forEach([&](const Prefix &, int &) { ++calls; })); // void: visits all
    QCOMPARE(calls, 5);
    QVERIFY(trie.forEach([&](const Prefix &, int &) { return true; }));
}

void TestPrefixTrie::constAccess()
{
    PrefixTrie<int> trie(Family::V4);
    trie.insert(prefix("10.0.0.0/8"), 8);
    trie.insert(prefix("10.1.0.0/16"), 16);
    const PrefixTrie<int> &ro = trie;

    QCOMPARE(at(ro, prefix("10.0.0.0/8")), 8);
    const auto match = ro.longestMatch(*Address::parse("10.1.2.3"));
    static_assert(std::is_same_v<decltype(match->second), const int *>);
    QCOMPARE(*match->second, 16);
    QCOMPARE(*ro.longestMatch(prefix("10.2.0.0/16"))->second, 8);

    int sum = 0;
    ro.forEachCovering(prefix("10.1.0.0/24"), [&](const Prefix &, const int &v) { sum += v; });
    ro.forEachCovered(prefix("10.0.0.0/8"), [&](const Prefix &, const int &v) { sum += v; });
    ro.forEach([&](const Prefix &, const int &v) { sum += v; });
    QCOMPARE(sum, 3 * 24);

    // The mutable overloads hand out references that write through.
    trie.forEach([](const Prefix &, int &v) { v *= 2; });
    QCOMPARE(at(ro, prefix("10.1.0.0/16")), 32);
}

void TestPrefixTrie::moveOnlyValues()
{
    PrefixTrie<std::unique_ptr<int>> trie(Family::V6);
    QVERIFY(trie.insert(prefix("2001:db8::/32"), std::make_unique<int>(32)));
    QVERIFY(trie.insert(prefix("2001:db8::/48"), std::make_unique<int>(48)));
    QVERIFY(trie.insert(prefix("2001:db8:1::/48"), std::make_unique<int>(49)));
    trie.insertOrAssign(prefix("2001:db8::/48"), std::make_unique<int>(480));
    QVERIFY(trie.erase(prefix("2001:db8::/32"))); // moves the last value into its slot
    QCOMPARE(*at(trie, prefix("2001:db8::/48")), 480);
    QCOMPARE(*at(trie, prefix("2001:db8:1::/48")), 49);
    QVERIFY(trie.isConsistent());
    PrefixTrie<std::unique_ptr<int>> moved = std::move(trie);
    QCOMPARE(moved.size(), std::size_t(2));
}

namespace {

struct Fragile
{
    static inline bool fail = false;
    explicit Fragile(int v)
        : value(v)
    {
        if (fail)
            throw std::runtime_error("construction failed");
    }
    int value;
};

} // namespace

// The strong guarantee: a value constructor that throws leaves the trie as it was.
void TestPrefixTrie::failedInsertChangesNothing()
{
    PrefixTrie<Fragile> trie(Family::V4);
    const std::vector<const char *> keys = {"10.0.0.0/24", "10.0.1.0/24", "10.0.0.0/8"};
    for (const char *key : keys)
        QVERIFY(trie.tryEmplace(prefix(key), 1).second);
    const std::size_t nodes = trie.nodeCount();

    Fragile::fail = true;
    // One case per insertion shape: new branch, filling a branching node, new parent, new leaf.
    for (const char *key : {"10.0.2.0/24", "10.0.0.0/23", "10.0.0.0/7", "10.0.0.128/25"})
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, trie.tryEmplace(prefix(key), 2));
    Fragile::fail = false;

    QCOMPARE(trie.size(), keys.size());
    QCOMPARE(trie.nodeCount(), nodes);
    QVERIFY(trie.isConsistent());
    QVERIFY(!trie.find(prefix("10.0.0.0/23")));
    QCOMPARE(at(trie, prefix("10.0.0.0/8")).value, 1);
}

// A chain through all 129 IPv6 lengths with a sibling hanging off every level: the deepest
// possible trie, and the most pending siblings a walk must remember.
void TestPrefixTrie::fullDepth()
{
    const Address a = *Address::parse("2001:db8:5555:aaaa:1234:5678:9abc:def0");
    PrefixTrie<int> trie(Family::V6);
    std::vector<Prefix> expected;
    for (int length = 0; length <= 128; ++length) {
        const Prefix p = Prefix::makeTruncating(a, length);
        QVERIFY(trie.insert(p, length));
        expected.push_back(p);
        if (length > 0) {
            const Prefix sibling = *p.parent().child(!a.bit(length - 1));
            QVERIFY(trie.insert(sibling, -length));
            expected.push_back(sibling);
        }
    }
    QVERIFY(trie.isConsistent());
    std::sort(expected.begin(), expected.end());

    std::vector<Prefix> seen;
    trie.forEach([&](const Prefix &p, int &) { seen.push_back(p); });
    QCOMPARE(seen, expected);

    int covering = 0;
    trie.forEachCovering(Prefix::makeTruncating(a, 128), [&](const Prefix &p, int &v) {
        QCOMPARE(v, p.length());
        ++covering;
    });
    QCOMPARE(covering, 129);
    QCOMPARE(trie.longestMatch(a)->first.length(), 128);
    QCOMPARE(*trie.longestMatch(a)->second, 128);
}

void TestPrefixTrie::copyAndClear()
{
    PrefixTrie<int> trie(Family::V4);
    for (int i = 0; i < 100; ++i)
        trie.insert(Prefix::makeTruncating(Address::v4(std::uint32_t(i) << 20), 12 + i % 8), i);
    PrefixTrie<int> copy = trie;
    trie.clear();
    QVERIFY(trie.empty());
    QCOMPARE(trie.nodeCount(), std::size_t(0));
    QVERIFY(!trie.longestMatch(Address::v4(0)));
    QVERIFY(trie.isConsistent());
    QCOMPARE(copy.size(), std::size_t(100));
    QVERIFY(copy.isConsistent());
    QCOMPARE(at(copy, Prefix::makeTruncating(Address::v4(7u << 20), 12 + 7)), 7);

    trie.insert(prefix("10.0.0.0/8"), 1);
    QCOMPARE(trie.size(), std::size_t(1));
    QVERIFY(trie.isConsistent());
}

void TestPrefixTrie::prefixMap()
{
    PrefixMap<int> map;
    QVERIFY(map.empty());
    QVERIFY(map.insert(prefix("::/0"), 6));
    QVERIFY(map.insert(prefix("0.0.0.0/0"), 4));
    QVERIFY(map.insert(prefix("2001:db8::/32"), 32));
    QVERIFY(map.insert(prefix("10.0.0.0/8"), 8));
    QVERIFY(!map.insert(prefix("10.0.0.0/8"), 9));
    QCOMPARE(map.size(), std::size_t(4));
    QCOMPARE(map.size(Family::V4), std::size_t(2));
    QCOMPARE(map.size(Family::V6), std::size_t(2));
    QVERIFY(map.isConsistent());
    std::vector<Prefix> v6Only;
    map.forEach(Family::V6, [&](const Prefix &p, int &) { v6Only.push_back(p); });
    QCOMPARE(v6Only, (std::vector<Prefix>{prefix("::/0"), prefix("2001:db8::/32")}));

    QCOMPARE(*map.longestMatch(*Address::parse("10.1.1.1"))->second, 8);
    QCOMPARE(*map.longestMatch(*Address::parse("2001:db8::1"))->second, 32);
    QCOMPARE(*map.longestMatch(*Address::parse("fe80::1"))->second, 6);
    QCOMPARE(map.longestMatch(prefix("11.0.0.0/8"))->first, prefix("0.0.0.0/0"));

    std::vector<Prefix> seen;
    map.forEach([&](const Prefix &p, int &) { seen.push_back(p); });
    QCOMPARE(seen, (std::vector<Prefix>{prefix("0.0.0.0/0"), prefix("10.0.0.0/8"), prefix("::/0"),
                                        prefix("2001:db8::/32")}));
    seen.clear();
    QVERIFY(!map.forEach([&](const Prefix &p, int &) {
        seen.push_back(p);
        return p.family() == Family::V4;
    }));
    QCOMPARE(seen.size(), std::size_t(3)); // stopped at the first IPv6 entry

    seen.clear();
    map.forEachCovering(prefix("2001:db8:1::/48"),
                        [&](const Prefix &p, int &) { seen.push_back(p); });
    QCOMPARE(seen, (std::vector<Prefix>{prefix("::/0"), prefix("2001:db8::/32")}));
    seen.clear();
    map.forEachCovered(prefix("0.0.0.0/0"), [&](const Prefix &p, int &) { seen.push_back(p); });
    QCOMPARE(seen, (std::vector<Prefix>{prefix("0.0.0.0/0"), prefix("10.0.0.0/8")}));

    map[prefix("2001:db8::/32")] = 33;
    QCOMPARE(at(map, prefix("2001:db8::/32")), 33);
    map.insertOrAssign(prefix("10.0.0.0/8"), 80);
    QCOMPARE(at(std::as_const(map), prefix("10.0.0.0/8")), 80);
    QVERIFY(map.erase(prefix("::/0")));
    QVERIFY(!map.erase(prefix("::/0")));
    QVERIFY(!map.contains(prefix("::/0")));
    QVERIFY(!map.longestMatch(*Address::parse("fe80::1")));
    map.clear();
    QVERIFY(map.empty());
}

// ---------------------------------------------------------------------------------------------
// Random cross-check. The reference is a std::map scanned linearly for every question, so it
// shares nothing with the trie but the Prefix type.

namespace {

class RandomPrefixes
{
public:
    RandomPrefixes(Family family, std::uint64_t seed)
        : m_family(family)
        , m_rng(seed)
    {
        // A few hot spots make prefixes nest and branch densely, as in a real table.
        for (int i = 0; i < 4; ++i)
            m_hotSpots.push_back(randomAddress());
    }

    std::uint64_t next() { return m_rng(); }
    std::uint64_t below(std::uint64_t n) { return m_rng() % n; }

    Address randomAddress()
    {
        return m_family == Family::V4 ? Address::v4(static_cast<std::uint32_t>(m_rng()))
                                      : Address::fromWords(Family::V6, m_rng(), m_rng());
    }

    // An address near a hot spot: the hot spot's bits up to a random point, random after it.
    Address nearAddress()
    {
        const Address base = m_hotSpots[below(m_hotSpots.size())];
        const int maxLen = bwx::net::maxLength(m_family);
        const int keep = static_cast<int>(below(std::uint64_t(maxLen) + 1));
        const Address noise = randomAddress();
        const std::uint64_t keepHigh = bwx::net::detail::highMask(keep);
        const std::uint64_t keepLow = bwx::net::detail::lowMask(keep);
        const std::uint64_t high = (base.high() & keepHigh) | (noise.high() & ~keepHigh);
        const std::uint64_t low = (base.low() & keepLow) | (noise.low() & ~keepLow);
        return m_family == Family::V4 ? Address::v4(static_cast<std::uint32_t>(high >> 32))
                                      : Address::fromWords(Family::V6, high, low);
    }

    int randomLength()
    {
        const int maxLen = bwx::net::maxLength(m_family);
        // Mostly short-to-medium, like routing tables, but every length occurs.
        if (below(4) == 0)
            return static_cast<int>(below(std::uint64_t(maxLen) + 1));
        return static_cast<int>(below(std::uint64_t(maxLen / 2) + 1)
                                + below(std::uint64_t(maxLen / 4) + 1));
    }

    // Biased towards prefixes related to ones already stored: more and less specifics.
    Prefix prefix(const std::vector<Prefix> &stored)
    {
        const int maxLen = bwx::net::maxLength(m_family);
        const std::uint64_t kind = below(10);
        if (!stored.empty() && kind < 5) {
            const Prefix base = stored[below(stored.size())];
            if (kind < 3 && base.length() < maxLen) {
                // A more specific: extend with random bits by a few levels.
                const int extra = 1 + static_cast<int>(below(8));
                const int length = std::min(maxLen, base.length() + extra);
                Address a = randomAddress();
                const std::uint64_t keepHigh = bwx::net::detail::highMask(base.length());
                const std::uint64_t keepLow = bwx::net::detail::lowMask(base.length());
                const std::uint64_t high
                    = (base.address().high() & keepHigh) | (a.high() & ~keepHigh);
                const std::uint64_t low = (base.address().low() & keepLow) | (a.low() & ~keepLow);
                a = m_family == Family::V4 ? Address::v4(static_cast<std::uint32_t>(high >> 32))
                                           : Address::fromWords(Family::V6, high, low);
                return Prefix::makeTruncating(a, length);
            }
            // A less specific (or the prefix itself).
            const int length = static_cast<int>(below(std::uint64_t(base.length()) + 1));
            return Prefix::makeTruncating(base.address(), length);
        }
        if (kind == 9)
            return Prefix::makeTruncating(randomAddress(), randomLength());
        return Prefix::makeTruncating(nearAddress(), randomLength());
    }

private:
    Family m_family;
    std::mt19937_64 m_rng;
    std::vector<Address> m_hotSpots;
};

using Entries = std::vector<std::pair<Prefix, int>>;

std::string describe(const Entries &entries)
{
    std::string out;
    for (const auto &[p, v] : entries)
        out += " " + p.toString() + "=" + std::to_string(v);
    return out.empty() ? " (none)" : out;
}

} // namespace

void TestPrefixTrie::randomAgainstReference_data()
{
    QTest::addColumn<int>("family");
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<bool>("narrow"); // IPv4 only: 16-byte nodes, as PrefixMap's IPv4 trie
    for (const quint64 seed : {1ull, 2ull, 0x5eedull, 20240601ull}) {
        QTest::newRow(qPrintable(QString("v4 seed %1").arg(seed))) << 4 << seed << false;
        QTest::newRow(qPrintable(QString("v4 narrow nodes seed %1").arg(seed)))
            << 4 << seed << true;
        QTest::newRow(qPrintable(QString("v6 seed %1").arg(seed))) << 6 << seed << false;
    }
}

void TestPrefixTrie::randomAgainstReference()
{
    QFETCH(int, family);
    QFETCH(quint64, seed);
    QFETCH(bool, narrow);
    const Family fam = family == 4 ? Family::V4 : Family::V6;

    // Either node layout: the body is the same for both.
    auto run = [&](auto trie) {
        constexpr int batches = 100;
        constexpr int opsPerBatch = 250;    // mutations between full comparisons
        constexpr int queriesPerBatch = 48; // each checks find, both longestMatch and both walks
        constexpr std::size_t targetSize = 1200;

        RandomPrefixes gen(fam, seed);
        std::map<Prefix, int> reference;
        std::vector<Prefix> keys; // the reference's keys, for picking random existing ones
        int nextValue = 0;
        std::string context;

        auto fail = [&](const std::string &what) {
            QFAIL(qPrintable(
                QString("seed %1, IPv%2, %3: %4")
                    .arg(seed)
                    .arg(family)
                    .arg(QString::fromStdString(context), QString::fromStdString(what))));
        };
#define CHECK(cond, what)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fail(what);                                                                            \
            return;                                                                                \
        }                                                                                          \
    } while (false)

        auto removeKey = [&](const Prefix &p) {
            const auto it = std::find(keys.begin(), keys.end(), p);
            *it = keys.back();
            keys.pop_back();
        };

        long long comparisons = 0;
        std::size_t longestCovering = 0, longestCovered = 0, nonEmptyCovered = 0;
        for (int batch = 0; batch < batches; ++batch) {
            for (int op = 0; op < opsPerBatch; ++op) {
                context = "batch " + std::to_string(batch) + " op " + std::to_string(op);
                const bool grow = reference.size() < targetSize;
                const std::uint64_t roll = gen.below(100);
                if (roll < (grow ? 60u : 40u)) {
                    const Prefix p = gen.prefix(keys);
                    const bool inserted = trie.insert(p, nextValue);
                    const bool expected = reference.emplace(p, nextValue).second;
                    CHECK(inserted == expected,
                          "insert " + p.toString() + " returned " + (inserted ? "true" : "false"));
                    if (expected)
                        keys.push_back(p);
                    ++nextValue;
                } else if (roll < 90) {
                    // Mostly existing keys, sometimes ones that are probably absent.
                    const Prefix p = (!keys.empty() && gen.below(5) != 0)
                                         ? keys[gen.below(keys.size())]
                                         : gen.prefix(keys);
                    const bool erased = trie.erase(p);
                    const bool expected = reference.erase(p) == 1;
                    CHECK(erased == expected,
                          "erase " + p.toString() + " returned " + (erased ? "true" : "false"));
                    if (expected)
                        removeKey(p);
                } else {
                    const Prefix p = gen.prefix(keys);
                    trie.insertOrAssign(p, nextValue);
                    if (reference.insert_or_assign(p, nextValue).second)
                        keys.push_back(p);
                    ++nextValue;
                }
            }

            context = "after batch " + std::to_string(batch);
            CHECK(trie.isConsistent(), "structure inconsistent");
            CHECK(trie.size() == reference.size(), "size " + std::to_string(trie.size())
                                                       + " != " + std::to_string(reference.size()));
            Entries all;
            trie.forEach([&](const Prefix &p, int &v) { all.emplace_back(p, v); });
            CHECK(all == Entries(reference.begin(), reference.end()), "forEach differs");

            for (int q = 0; q < queriesPerBatch; ++q) {
                const Prefix query = gen.prefix(keys);
                const Address address = gen.below(2) ? gen.nearAddress() : query.address();
                context = "after batch " + std::to_string(batch) + ", query " + query.toString()
                          + " / " + address.toString();

                Entries covering, covered;
                std::optional<std::pair<Prefix, int>> longestForPrefix, longestForAddress;
                for (const auto &[p, v] : reference) {
                    if (p.contains(query)) {
                        covering.emplace_back(p, v);
                        if (!longestForPrefix || p.length() > longestForPrefix->first.length())
                            longestForPrefix.emplace(p, v);
                    }
                    if (query.contains(p))
                        covered.emplace_back(p, v);
                    if (p.contains(address)
                        && (!longestForAddress || p.length() > longestForAddress->first.length()))
                        longestForAddress.emplace(p, v);
                }
                std::stable_sort(covering.begin(), covering.end(),
                                 [](const auto &a, const auto &b) {
                                     return a.first.length() < b.first.length();
                                 });
                comparisons += static_cast<long long>(reference.size());
                longestCovering = std::max(longestCovering, covering.size());
                longestCovered = std::max(longestCovered, covered.size());
                nonEmptyCovered += covered.size() > 1;

                const int *found = trie.find(query);
                const auto it = reference.find(query);
                CHECK((found != nullptr) == (it != reference.end()), "find presence");
                CHECK(!found || *found == it->second, "find value");

                const auto lmPrefix = trie.longestMatch(query);
                CHECK(bool(lmPrefix) == bool(longestForPrefix), "longestMatch(prefix) presence");
                CHECK(!lmPrefix
                          || (lmPrefix->first == longestForPrefix->first
                              && *lmPrefix->second == longestForPrefix->second),
                      "longestMatch(prefix) gave " + lmPrefix->first.toString() + ", expected "
                          + longestForPrefix->first.toString());

                const auto lmAddress = trie.longestMatch(address);
                CHECK(bool(lmAddress) == bool(longestForAddress), "longestMatch(address) presence");
                CHECK(!lmAddress
                          || (lmAddress->first == longestForAddress->first
                              && *lmAddress->second == longestForAddress->second),
                      "longestMatch(address) gave " + lmAddress->first.toString() + ", expected "
                          + longestForAddress->first.toString());

                Entries got;
                trie.forEachCovering(query,
                                     [&](const Prefix &p, int &v) { got.emplace_back(p, v); });
                CHECK(got == covering,
                      "forEachCovering gave" + describe(got) + "; expected" + describe(covering));
                got.clear();
                trie.forEachCovered(query,
                                    [&](const Prefix &p, int &v) { got.emplace_back(p, v); });
                CHECK(got == covered,
                      "forEachCovered gave" + describe(got) + "; expected" + describe(covered));
            }
        }
#undef CHECK

        // Emptying the trie must free every node.
        for (const Prefix &p : keys)
            QVERIFY(trie.erase(p));
        QVERIFY(trie.empty());
        QCOMPARE(trie.nodeCount(), std::size_t(0));
        QVERIFY(trie.isConsistent());
        qDebug("seed %llu IPv%d: %d mutations, %lld reference scans, longest covering chain %zu, "
               "largest covered set %zu, %zu queries covering several",
               static_cast<unsigned long long>(seed), family, batches * opsPerBatch, comparisons,
               longestCovering, longestCovered, nonEmptyCovered);
    };
    if (narrow)
        run(PrefixTrie<int, bwx::net::detail::NarrowTrieNode>(fam));
    else
        run(PrefixTrie<int>(fam));
}

QTEST_APPLESS_MAIN(TestPrefixTrie)
#include "tst_prefix_trie.moc"
