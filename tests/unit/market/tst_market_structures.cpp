// The engine's internal data structures against plain standard containers and brute force, on
// random operations: the price-level index, the prefix → book hash map, the book trie with its
// subtree aggregates, the commitment maps of time-sliced capacity, the route index, and the
// whole-block arithmetic, the timer heap, and a member's client order id index.
#include <QObject>
#include <QTest>

#include <algorithm>
#include <array>
#include <tuple>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <unordered_map>

#include "book_trie.h"
#include "client_index.h"
#include "commitment_map.h"
#include "engine_impl.h"
#include "flat_map.h"
#include "level_map.h"
#include "route_index.h"
#include "timer_heap.h"

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
    void commitmentMapMatchesBruteForce();
    void routeIndexMatchesBruteForce();
    void timerHeapMatchesReference();
    void clientIndexMatchesMap_data();
    void clientIndexMatchesMap();
};

void TestMarketStructures::levelMapMatchesStdMap_data()
{
    QTest::addColumn<int>("keyRange");
    QTest::newRow("a few keys (inline levels, moved out and back often)") << 3;
    QTest::newRow("dense keys (many hits)") << 200;
    QTest::newRow("around the hash index threshold (built and dropped often)") << 40;
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
            // A taker's walk: from the best level down, each step asking for the one below.
            std::vector<std::int64_t> walked;
            for (const LevelMap::Entry *e = ref.empty() ? nullptr : &map.best(); e != nullptr;
                 e = map.below(e->key))
                walked.push_back(e->key);
            QCOMPARE(walked, keys);
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
    std::size_t hint = 0;
    for (int i = 0; i < 50000; ++i) {
        const std::uint64_t key = rng() % 3000;
        switch (rng() % 4) {
        case 0: {
            const auto [value, inserted] = map.tryEmplace(key, key * 3);
            QCOMPARE(inserted, ref.emplace(key, key * 3).second);
            QCOMPARE(*value, key * 3);
            break;
        }
        case 1:
            QCOMPARE(map.erase(key), ref.erase(key) == 1);
            break;
        case 2: {
            // The hint is kept from call to call, so it goes stale as the map erases, shifts
            // and grows; half the time it is any slot at all. Only a slot holding the key may
            // be trusted.
            if (rng() % 2 == 0)
                hint = static_cast<std::size_t>(rng() % 5000);
            std::uint64_t &value = map.findOrInsert(hint, key);
            QCOMPARE(value, ref.count(key) == 1 ? key * 3 : 0);
            value = key * 3;
            ref[key] = key * 3;
            QCOMPARE(map.findOrInsert(hint, key), key * 3); // the hint now names its slot
            break;
        }
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
    QTest::addColumn<bool>("jump");
    QTest::newRow("IPv4") << 4 << false;
    QTest::newRow("IPv6") << 6 << false;
    QTest::newRow("IPv4, walks start from the jump table") << 4 << true;
    QTest::newRow("IPv6, walks start from the jump table") << 6 << true;
}

void TestMarketStructures::bookTrieMatchesBruteForce()
{
    QFETCH(int, family);
    QFETCH(bool, jump);
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
    // With the jump table: 6 bits, built from the 64th node on (the pool's prefixes vary in
    // their first 4 bits, so blocks are shared, split and emptied).
    BookTrie trie = jump ? BookTrie(fam, 6, 64) : BookTrie(fam);
    struct Book
    {
        net::Prefix prefix;
        std::int64_t bid = 0;
        std::int64_t ask = BookTrie::kNoAsk;
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
            trie.setBestAsk(node, BookTrie::kNoAsk);
            trie.remove(node);
            books.erase(it->second);
            byPrefix.erase(it);
            QVERIFY(nodeOf(p) == BookTrie::kNil || trie.bookAt(nodeOf(p)) == BookTrie::kNil);
        } else if (it != byPrefix.end() && op == 2) {
            const std::int64_t ask = rng() % 5 == 0 ? BookTrie::kNoAsk : 1 + static_cast<std::int64_t>(rng() % 50);
            trie.setBestAsk(nodeOf(p), ask);
            books[it->second].ask = ask;
        } else if (it != byPrefix.end()) {
            const std::int64_t bid = static_cast<std::int64_t>(rng() % 50);
            trie.setBestBid(nodeOf(p), bid);
            books[it->second].bid = bid;
        }
        if (i % 20 != 0)
            continue;
        const auto bidOf = [&](std::uint32_t book) { return books.at(book).bid; };
        const auto askOf = [&](std::uint32_t book) { return books.at(book).ask; };
        const auto prefixOfBook = [&](std::uint32_t book) { return books.at(book).prefix; };
        const std::string error = trie.check(bidOf, askOf, prefixOfBook);
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
        // Books with a bid of at least t inside a set of disjoint routes (a class sell's
        // outermost routes), via the subtrees the level-by-level walk hands out.
        std::set<net::Prefix> drawn;
        for (int r = 0; r < 1 + static_cast<int>(rng() % 8); ++r)
            drawn.insert(randomPrefix());
        // And siblings of books (the last bit flipped): a walk toward one passes right by the
        // book, which lies outside the route.
        for (int r = 0; r < static_cast<int>(rng() % 4) && !byPrefix.empty(); ++r) {
            auto pick = byPrefix.begin();
            std::advance(pick, static_cast<long>(rng() % byPrefix.size()));
            const net::Prefix &book = pick->first;
            if (book.length() == 0)
                continue;
            const int bit = book.length() - 1;
            const std::uint64_t high =
                book.address().high() ^ (bit < 64 ? std::uint64_t{1} << (63 - bit) : 0);
            const std::uint64_t low =
                book.address().low() ^ (bit >= 64 ? std::uint64_t{1} << (127 - bit) : 0);
            drawn.insert(net::Prefix::makeTruncating(net::Address::fromWords(fam, high, low),
                                                     book.length()));
        }
        std::vector<net::Prefix> outer;
        for (const net::Prefix &r : drawn) // sorted: a prefix before its more specifics
            if (outer.empty() || !outer.back().contains(r))
                outer.push_back(r);
        std::set<net::Prefix> inRoutes, expectedInRoutes, levelwise;
        std::size_t handedOut = 0;
        std::vector<std::uint32_t> roots, scratch;
        trie.forEachSubtreeInside(outer, t, [](const net::Prefix &) { return true; },
                                  [&](std::uint32_t node, std::int64_t bound) {
            ++handedOut;
            roots.push_back(node);
            QCOMPARE(bound, trie.subtreeBestBid(node));
            const net::Prefix top = trie.prefixOf(node);
            QVERIFY(std::any_of(outer.begin(), outer.end(),
                                [&](const net::Prefix &r) { return r.contains(top); }));
            trie.forEachBookWithBidAtLeast(node, t, [&](std::uint32_t b) {
                QVERIFY(inRoutes.insert(prefixOfBook(b)).second); // no book handed out twice
            });
        });
        for (const auto &[book, entry] : books)
            if (entry.bid >= t
                && std::any_of(outer.begin(), outer.end(),
                               [&](const net::Prefix &r) { return r.contains(entry.prefix); }))
                expectedInRoutes.insert(entry.prefix);
        QVERIFY(inRoutes == expectedInRoutes);
        QVERIFY(handedOut <= outer.size()); // the part of the trie inside a route is one subtree
        // The same books from those subtrees all walked together, level by level.
        trie.forEachBookWithBidAtLeastLevelwise(
            roots, scratch, t,
            [&](std::uint32_t b) { QVERIFY(levelwise.insert(prefixOfBook(b)).second); },
            [](const net::Prefix &) { return true; });
        QVERIFY(levelwise == expectedInRoutes);
        // Books anywhere with an ask of at most t, via the pruned descent.
        std::set<net::Prefix> cheap, expectedCheap;
        trie.forEachBookWithAskAtMost(trie.root(), t, [&](std::uint32_t b) { cheap.insert(prefixOfBook(b)); });
        for (const auto &[book, entry] : books)
            if (entry.ask <= t)
                expectedCheap.insert(entry.prefix);
        QVERIFY(cheap == expectedCheap);
    }
}

void TestMarketStructures::commitmentMapMatchesBruteForce()
{
    // Time slots 0..63; each add covers a random slot range; queries compare against an array.
    std::mt19937_64 rng(42);
    CommitmentMap map;
    std::array<std::int64_t, 64> byTime{};
    std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>> added;
    for (int i = 0; i < 20000; ++i) {
        if (!added.empty() && rng() % 3 == 0) {
            // Release an earlier commitment exactly.
            const std::size_t k = rng() % added.size();
            const auto [from, to, amount] = added[k];
            map.add(from, to, -amount);
            for (std::int64_t t = from; t < to; ++t)
                byTime[static_cast<std::size_t>(t)] -= amount;
            added.erase(added.begin() + static_cast<std::ptrdiff_t>(k));
        } else {
            const std::int64_t from = static_cast<std::int64_t>(rng() % 63);
            const std::int64_t to = from + 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(63 - from));
            const std::int64_t amount = 1 + static_cast<std::int64_t>(rng() % 10);
            map.add(from, to, amount);
            for (std::int64_t t = from; t < to; ++t)
                byTime[static_cast<std::size_t>(t)] += amount;
            added.emplace_back(from, to, amount);
        }
        QVERIFY(map.isConsistent());
        const std::int64_t a = static_cast<std::int64_t>(rng() % 63);
        const std::int64_t b = a + 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(63 - a));
        std::int64_t most = 0, least = std::numeric_limits<std::int64_t>::max(), peak = 0;
        for (std::int64_t t = a; t < b; ++t) {
            most = std::max(most, byTime[static_cast<std::size_t>(t)]);
            least = std::min(least, byTime[static_cast<std::size_t>(t)]);
        }
        for (const std::int64_t v : byTime)
            peak = std::max(peak, v);
        QCOMPARE(map.maxOver(a, b), most);
        QCOMPARE(map.minOver(a, b), least);
        QCOMPARE(map.peak(), peak);
        // Outside every commitment nothing is committed.
        QCOMPARE(map.maxOver(64, 100), std::int64_t(0));
        QCOMPARE(map.maxOver(-50, 0), std::int64_t(0));
    }
    while (!added.empty()) {
        const auto [from, to, amount] = added.back();
        map.add(from, to, -amount);
        added.pop_back();
    }
    QVERIFY(map.empty()); // released commitments leave no points behind
}

void TestMarketStructures::routeIndexMatchesBruteForce()
{
    std::mt19937_64 rng(7);
    RouteIndex index;
    index.resizeMembers(4);
    struct Held
    {
        std::uint32_t member;
        net::Prefix prefix;
        RouteAttrs attrs;
    };
    std::vector<Held> held;
    const auto randomPrefix = [&]() {
        const auto a = net::Address::v4(static_cast<std::uint32_t>((rng() % 8) << 28 | (rng() % 4) << 22));
        return net::Prefix::makeTruncating(a, static_cast<int>(rng() % 33));
    };
    for (int i = 0; i < 5000; ++i) {
        const std::uint32_t member = 1 + static_cast<std::uint32_t>(rng() % 4);
        const net::Prefix p = randomPrefix();
        const auto it = std::find_if(held.begin(), held.end(), [&](const Held &h) {
            return h.member == member && h.prefix == p;
        });
        if (rng() % 3 == 0) {
            QCOMPARE(index.withdraw(MemberId(member), p), it != held.end());
            if (it != held.end())
                held.erase(it);
        } else {
            const RouteAttrs attrs{static_cast<RouteClass>(1 + rng() % 3),
                                   64500 + static_cast<std::uint32_t>(rng() % 3),
                                   static_cast<std::uint8_t>(1 + rng() % 6)};
            index.announce(MemberId(member), p, attrs);
            if (it != held.end())
                it->attrs = attrs;
            else
                held.push_back(Held{member, p, attrs});
        }
        if (i % 10 != 0)
            continue;
        QCOMPARE(index.check(), std::string());
        const net::Prefix q = randomPrefix();
        // Every member's routes covering q, shortest first, holders ascending by member.
        std::vector<std::pair<net::Prefix, std::vector<std::uint32_t>>> chain;
        for (int length = 0; length <= q.length(); ++length) {
            std::vector<std::uint32_t> holders;
            for (const Held &h : held)
                if (h.prefix.length() == length && h.prefix.contains(q))
                    holders.push_back(h.member);
            std::sort(holders.begin(), holders.end());
            if (!holders.empty())
                chain.emplace_back(net::Prefix::makeTruncating(q.address(), length), holders);
        }
        std::vector<std::pair<net::Prefix, std::vector<std::uint32_t>>> covering;
        index.forEachCovering(q, [&](const net::Prefix &route, const std::vector<RouteHolder> &holders) {
            std::vector<std::uint32_t> members;
            for (const RouteHolder &h : holders)
                members.push_back(h.member);
            covering.emplace_back(route, members);
        });
        QCOMPARE(covering, chain);
        // Outermost routes of each class, computed on first use or all at once after a batch
        // (prepareClassRoutes, which only acts on a change of an eighth of the routes or more).
        const auto prepared = static_cast<std::uint32_t>(1 + rng() % 4);
        index.prepareClassRoutes(MemberId(prepared), rng() % 2 == 0 ? held.size() : 1);
        QCOMPARE(index.check(), std::string());
        for (std::uint32_t m = 1; m <= 4; ++m) {
            for (std::uint32_t cls = 1; cls <= 3; ++cls) {
                std::vector<net::Prefix> outer;
                for (const Held &h : held) {
                    if (h.member != m || static_cast<std::uint32_t>(h.attrs.routeClass) != cls)
                        continue;
                    const bool inside = std::any_of(held.begin(), held.end(), [&](const Held &o) {
                        return o.member == m
                               && static_cast<std::uint32_t>(o.attrs.routeClass) == cls
                               && o.prefix != h.prefix && o.prefix.contains(h.prefix);
                    });
                    if (!inside)
                        outer.push_back(h.prefix);
                }
                std::sort(outer.begin(), outer.end());
                const auto &kept =
                    index.outerRoutes(MemberId(m), net::Family::V4, RouteFilter::Class, cls);
                QCOMPARE(kept.prefixes, outer);
            }
        }
        for (std::uint32_t m = 1; m <= 4; ++m) {
            for (const auto &[filter, value] : {std::pair{RouteFilter::Any, 0u},
                                                std::pair{RouteFilter::Class, 2u},
                                                std::pair{RouteFilter::Origin, 64501u}}) {
                const Held *best = nullptr;
                for (const Held &h : held) {
                    const bool passes = filter == RouteFilter::Any
                                        || (filter == RouteFilter::Class
                                                ? static_cast<std::uint32_t>(h.attrs.routeClass) == value
                                                : h.attrs.originAsn == value);
                    if (h.member == m && passes && h.prefix.contains(q)
                        && (best == nullptr || h.prefix.length() > best->prefix.length()))
                        best = &h;
                }
                const auto found = index.longest(MemberId(m), q, filter, value);
                QCOMPARE(found.has_value(), best != nullptr);
                if (best != nullptr) {
                    QCOMPARE(found->prefix, best->prefix);
                    QVERIFY(found->attrs == best->attrs);
                }
                // Group counts and the longest AS path in the group.
                if (filter != RouteFilter::Any) {
                    std::uint32_t count = 0;
                    std::uint8_t longest = 0;
                    for (const Held &h : held) {
                        const bool passes = filter == RouteFilter::Class
                                                ? static_cast<std::uint32_t>(h.attrs.routeClass) == value
                                                : h.attrs.originAsn == value;
                        if (h.member == m && passes) {
                            ++count;
                            longest = std::max(longest, h.attrs.pathLength);
                        }
                    }
                    const RouteGroup *g = index.group(MemberId(m), net::Family::V4, filter, value);
                    QCOMPARE(g == nullptr ? 0u : g->count, count);
                    QCOMPARE(g == nullptr ? std::uint8_t(0) : g->longestPath(), longest);
                }
            }
        }
    }
    QCOMPARE(index.check(), std::string());
    index.clear(MemberId(1));
    QCOMPARE(index.routeCount(MemberId(1)), std::size_t(0));
    QCOMPARE(index.check(), std::string());
}

void TestMarketStructures::timerHeapMatchesReference()
{
    // Against an ordered multiset: the earliest deadline after every push, pop and erase, over
    // more entries than one chunk holds (131,072), then the whole pop order. Few distinct times,
    // so that many compare on the id.
    std::mt19937_64 rng(11);
    TimerHeap heap;
    std::multiset<std::pair<std::int64_t, std::uint64_t>> ref;
    const auto same = [&] {
        if (heap.size() != ref.size())
            return false;
        return ref.empty()
               || (heap.top().time == ref.begin()->first && heap.top().id == ref.begin()->second);
    };
    std::uint64_t nextId = 1;
    for (int i = 0; i < 400000; ++i) {
        const std::uint64_t roll = rng() % 16;
        if (!ref.empty() && roll < 3) {
            heap.pop();
            ref.erase(ref.begin());
        } else if (!ref.empty() && roll == 3) {
            // An id that is queued (found by walking the set from a random time) or not at all.
            const auto it = ref.lower_bound({static_cast<std::int64_t>(rng() % 50), 0});
            const std::uint64_t id = it != ref.end() ? it->second : nextId + 1000;
            QCOMPARE(heap.erase(id), it != ref.end());
            if (it != ref.end())
                ref.erase(it);
        } else {
            const std::int64_t time = static_cast<std::int64_t>(rng() % 50);
            heap.push(time, nextId);
            ref.emplace(time, nextId);
            ++nextId;
        }
        if (!same())
            QFAIL(qPrintable(
                QStringLiteral("heap differs from the reference after step %1").arg(i)));
        if (i % 50000 == 0)
            QVERIFY(heap.isHeap());
    }
    QVERIFY(heap.size() > std::size_t{131072});
    QVERIFY(heap.isHeap());
    while (!ref.empty()) {
        QCOMPARE(heap.top().time, ref.begin()->first);
        QCOMPARE(heap.top().id, ref.begin()->second);
        heap.pop();
        ref.erase(ref.begin());
    }
    QVERIFY(heap.empty());
    // Chunks emptied by pops are used again.
    heap.push(7, 1);
    heap.push(3, 2);
    QCOMPARE(heap.top().id, std::uint64_t{2});
    heap.clear();
    QVERIFY(heap.empty());
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

void TestMarketStructures::clientIndexMatchesMap_data()
{
    QTest::addColumn<int>("outOfOrderPercent");
    QTest::addColumn<int>("orders");
    QTest::newRow("ascending client ids (binary search only)") << 0 << 5000;
    QTest::newRow("a few out of order") << 5 << 5000;
    QTest::newRow("mostly out of order (hash map)") << 70 << 5000;
    const int chunks = static_cast<int>(ClientIndex::kChunk) * 4 + 17;
    QTest::newRow("ascending, over several chunks") << 0 << chunks;
    QTest::newRow("a few out of order, over several chunks") << 5 << chunks;
}

// Client ids that mostly ascend, with some below the highest seen: every id, present or not,
// finds what a map finds, and the orders come back in the order they were inserted.
void TestMarketStructures::clientIndexMatchesMap()
{
    QFETCH(int, outOfOrderPercent);
    QFETCH(int, orders);
    std::mt19937_64 rng(11);
    ClientIndex index;
    std::map<std::uint64_t, std::uint64_t> ref;
    std::vector<std::uint64_t> inserted;
    std::uint64_t highest = 0;
    for (std::uint64_t orderId = 1; orderId <= static_cast<std::uint64_t>(orders); ++orderId) {
        // Ascending with gaps, or a free id below the highest when one is found.
        std::uint64_t clientId = highest + 1 + rng() % 3;
        if (highest > 1 && static_cast<int>(rng() % 100) < outOfOrderPercent) {
            for (int attempt = 0; attempt < 20; ++attempt) {
                const std::uint64_t candidate = 1 + rng() % highest;
                if (ref.count(candidate) == 0) {
                    clientId = candidate;
                    break;
                }
            }
        }
        QCOMPARE(index.find(clientId), std::uint64_t{0});
        index.insert(clientId, orderId);
        ref[clientId] = orderId;
        inserted.push_back(orderId);
        highest = std::max(highest, clientId);
        const std::uint64_t probe = 1 + rng() % (highest + 2);
        const auto it = ref.find(probe);
        QCOMPARE(index.find(probe), it == ref.end() ? std::uint64_t{0} : it->second);
    }
    QCOMPARE(index.size(), ref.size());
    for (std::uint64_t clientId = 1; clientId <= highest + 1; ++clientId) {
        const auto it = ref.find(clientId);
        QCOMPARE(index.find(clientId), it == ref.end() ? std::uint64_t{0} : it->second);
    }
    std::vector<std::uint64_t> listed;
    index.forEachOrder([&](std::uint64_t id) { listed.push_back(id); });
    QCOMPARE(listed, inserted);
}

QTEST_APPLESS_MAIN(TestMarketStructures)
#include "tst_market_structures.moc"
