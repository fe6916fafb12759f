// The engine's internal data structures against plain standard containers and brute force, on
// random operations: the price-level index, the prefix → book hash map, the book trie with its
// subtree aggregates, and the whole-block arithmetic.
#include <QObject>
#include <QTest>

#include <algorithm>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

#include "book_trie.h"
#include "engine_impl.h"
#include "flat_map.h"
#include "level_map.h"

using namespace bwx;
using namespace bwx::market::detail;

class TestMarketStructures : public QObject
{
    Q_OBJECT

private slots:
    void levelMapMatchesStdMap_data();
    void levelMapMatchesStdMap();
    void flatMapMatchesUnorderedMap();
    void bookTrieMatchesBruteForce_data();
    void bookTrieMatchesBruteForce();
    void wholeBlocks_data();
    void wholeBlocks();
};

void TestMarketStructures::levelMapMatchesStdMap_data()
{
    QTest::addColumn<int>("keyRange");
    QTest::newRow("dense keys (many hits)") << 200;
    QTest::newRow("sparse keys (many chunks)") << 1'000'000;
}

void TestMarketStructures::levelMapMatchesStdMap()
{
    QFETCH(int, keyRange);
    std::mt19937_64 rng(7);
    LevelMap map;
    std::map<std::int64_t, std::uint32_t> ref;
    for (int i = 0; i < 60000; ++i) {
        const std::int64_t key = std::uniform_int_distribution<std::int64_t>(-keyRange, keyRange)(rng);
        // Grow for the first half, then shrink, so chunks split and merge.
        const bool grow = i < 30000 ? (rng() % 4 != 0) : (rng() % 4 == 0);
        const auto found = map.find(key);
        QCOMPARE(found != LevelMap::kNone, ref.count(key) == 1);
        if (grow && found == LevelMap::kNone) {
            map.insert(key, static_cast<std::uint32_t>(i));
            ref[key] = static_cast<std::uint32_t>(i);
        } else if (!grow && found != LevelMap::kNone) {
            QCOMPARE(found, ref[key]);
            map.erase(key);
            ref.erase(key);
        }
        QCOMPARE(map.size(), ref.size());
        if (!ref.empty()) {
            QCOMPARE(map.best().key, ref.rbegin()->first);
            const LevelMap::Entry *below = map.below(key);
            const auto it = ref.lower_bound(key);
            if (it == ref.begin())
                QVERIFY(below == nullptr);
            else {
                QVERIFY(below != nullptr);
                QCOMPARE(below->key, std::prev(it)->first);
                QCOMPARE(below->level, std::prev(it)->second);
            }
        }
        if (i % 1000 == 0) {
            QVERIFY(map.isConsistent());
            std::vector<std::int64_t> keys;
            map.forEachBestFirst([&](const LevelMap::Entry &e) { keys.push_back(e.key); return true; });
            QVERIFY(std::equal(keys.begin(), keys.end(), ref.rbegin(), ref.rend(),
                               [](std::int64_t k, const auto &kv) { return k == kv.first; }));
        }
    }
}

void TestMarketStructures::flatMapMatchesUnorderedMap()
{
    struct Hash
    {
        std::size_t operator()(std::uint64_t v) const noexcept { return mix64(v) & 0xff; } // crowded
    };
    std::mt19937_64 rng(3);
    FlatMap<std::uint64_t, std::uint64_t, Hash> map;
    std::unordered_map<std::uint64_t, std::uint64_t> ref;
    for (int i = 0; i < 50000; ++i) {
        const std::uint64_t key = rng() % 3000;
        switch (rng() % 3) {
        case 0: {
            const auto [value, inserted] = map.tryEmplace(key, key * 3);
            QCOMPARE(inserted, ref.emplace(key, key * 3).second);
            QCOMPARE(*value, key * 3);
            break;
        }
        case 1:
            QCOMPARE(map.erase(key), ref.erase(key) == 1);
            break;
        default: {
            const std::uint64_t *v = map.find(key);
            QCOMPARE(v != nullptr, ref.count(key) == 1);
        }
        }
        QCOMPARE(map.size(), ref.size());
    }
    std::size_t seen = 0;
    map.forEach([&](std::uint64_t k, std::uint64_t v) {
        ++seen;
        QCOMPARE(ref.at(k), v);
    });
    QCOMPARE(seen, ref.size());
}

void TestMarketStructures::bookTrieMatchesBruteForce_data()
{
    QTest::addColumn<int>("family");
    QTest::newRow("IPv4") << 4;
    QTest::newRow("IPv6") << 6;
}

void TestMarketStructures::bookTrieMatchesBruteForce()
{
    QFETCH(int, family);
    const net::Family fam = family == 4 ? net::Family::V4 : net::Family::V6;
    std::mt19937_64 rng(static_cast<std::uint64_t>(family));
    // Prefixes from a small address pool so that they nest often.
    const auto randomPrefix = [&]() {
        const int max = fam == net::Family::V4 ? 32 : 128;
        const std::uint64_t high = (rng() % 16) << 60 | (rng() % 4) << 40;
        const net::Address a = fam == net::Family::V4
                                   ? net::Address::v4(static_cast<std::uint32_t>(high >> 32))
                                   : net::Address::fromWords(fam, high, rng() % 2);
        const int length = static_cast<int>(rng() % static_cast<std::uint64_t>(max + 1));
        return net::Prefix::makeTruncating(a, length);
    };
    BookTrie trie(fam);
    struct Book
    {
        net::Prefix prefix;
        std::int64_t bid = 0;
    };
    std::map<net::Prefix, std::uint32_t> byPrefix; // prefix -> book
    std::unordered_map<std::uint32_t, Book> books;
    std::uint32_t nextBook = 0;
    const auto nodeOf = [&](const net::Prefix &p) {
        const std::uint32_t node = trie.deepestCovering(p);
        return node != BookTrie::kNil && trie.prefixOf(node) == p ? node : BookTrie::kNil;
    };
    for (int i = 0; i < 20000; ++i) {
        const net::Prefix p = randomPrefix();
        const auto it = byPrefix.find(p);
        const int op = static_cast<int>(rng() % 4);
        if (it == byPrefix.end() && op != 3) {
            const std::uint32_t book = nextBook++;
            const std::uint32_t node = trie.insert(p, book);
            QCOMPARE(nodeOf(p), node);
            byPrefix[p] = book;
            books[book] = Book{p, 0};
        } else if (it != byPrefix.end() && op == 3) {
            const std::uint32_t node = nodeOf(p);
            QVERIFY(node != BookTrie::kNil);
            QCOMPARE(trie.bookAt(node), it->second);
            trie.setBestBid(node, 0);
            trie.remove(node);
            books.erase(it->second);
            byPrefix.erase(it);
            QVERIFY(nodeOf(p) == BookTrie::kNil || trie.bookAt(nodeOf(p)) == BookTrie::kNil);
        } else if (it != byPrefix.end()) {
            const std::int64_t bid = static_cast<std::int64_t>(rng() % 50);
            trie.setBestBid(nodeOf(p), bid);
            books[it->second].bid = bid;
        }
        if (i % 20 != 0)
            continue;
        const auto bidOf = [&](std::uint32_t book) { return books.at(book).bid; };
        const auto prefixOfBook = [&](std::uint32_t book) { return books.at(book).prefix; };
        const std::string error = trie.check(bidOf, prefixOfBook);
        QVERIFY2(error.empty(), error.c_str());
        std::size_t reachable = 0;
        trie.forEachBookUnder(trie.root(), [&](std::uint32_t) { ++reachable; });
        QCOMPARE(reachable, books.size());

        const net::Prefix q = randomPrefix();
        // Covering books, via the node chain.
        std::set<net::Prefix> covering, expectedCovering;
        const std::uint32_t start = trie.deepestCovering(q);
        if (start != BookTrie::kNil)
            trie.forEachCoveringBook(start, [&](std::uint32_t b) { covering.insert(prefixOfBook(b)); });
        for (const auto &[book, entry] : books)
            if (entry.prefix.contains(q))
                expectedCovering.insert(entry.prefix);
        QVERIFY(covering == expectedCovering);
        // Books inside q with a bid of at least t, via the pruned descent.
        const std::int64_t t = 1 + static_cast<std::int64_t>(rng() % 49);
        std::set<net::Prefix> inside, expectedInside, all, expectedAll;
        const std::uint32_t root = trie.subtreeRoot(q);
        trie.forEachBookWithBidAtLeast(root, t, [&](std::uint32_t b) { inside.insert(prefixOfBook(b)); });
        trie.forEachBookUnder(root, [&](std::uint32_t b) { all.insert(prefixOfBook(b)); });
        for (const auto &[book, entry] : books) {
            if (q.contains(entry.prefix) && entry.bid >= t)
                expectedInside.insert(entry.prefix);
            if (q.contains(entry.prefix))
                expectedAll.insert(entry.prefix);
        }
        QVERIFY(inside == expectedInside);
        QVERIFY(all == expectedAll);
    }
}

void TestMarketStructures::wholeBlocks_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("a");
    QTest::addColumn<qint64>("b");
    QTest::addColumn<qint64>("expected");
    const qint64 max = std::numeric_limits<qint64>::max();
    QTest::newRow("equal blocks") << qint64(10) << qint64(2) << qint64(2) << qint64(10);
    QTest::newRow("coprime blocks") << qint64(20) << qint64(4) << qint64(3) << qint64(12);
    QTest::newRow("common factor") << qint64(20) << qint64(4) << qint64(6) << qint64(12);
    QTest::newRow("lcm above limit") << qint64(9) << qint64(2) << qint64(5) << qint64(0);
    QTest::newRow("limit zero") << qint64(0) << qint64(1) << qint64(1) << qint64(0);
    QTest::newRow("lcm beyond int64") << max << qint64(4294967311) << qint64(4294967357) << qint64(0);
    QTest::newRow("lcm just fits") << max << qint64(3037000493) << qint64(3037000453)
                                    << qint64(9223371873002223329);
}

void TestMarketStructures::wholeBlocks()
{
    QFETCH(qint64, limit);
    QFETCH(qint64, a);
    QFETCH(qint64, b);
    QFETCH(qint64, expected);
    QCOMPARE(bwx::market::detail::wholeBlocks(limit, a, b), expected);
    QCOMPARE(bwx::market::detail::wholeBlocks(limit, b, a), expected);
}

QTEST_APPLESS_MAIN(TestMarketStructures)
#include "tst_market_structures.moc"
