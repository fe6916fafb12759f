#pragma once
// The books of one address family arranged by containment: a path-compressed binary trie whose
// valued nodes are books and whose other nodes only branch. It answers the two matching
// questions: which books cover a buy's prefix (the parent chain of its node, at most one node
// per stored prefix length on the path) and which books inside a sell's prefix hold a bid that
// can cross it. For the second, every node keeps the best bid of its subtree, so a sell descends
// only into subtrees where some bid reaches its price: the cost follows the number of crossing
// books, not the size of the subtree. A second bid aggregate leaves out buys with a latency or
// loss limit: crossing buys that need a quality figure the selling member does not have are
// skipped by subtree too, so that they do not pile up in every sell's way.
//
// Unlike net::PrefixTrie (shared, value-dense, no parent links) this trie needs parent links and
// per-node aggregates that change on every best-bid move, hence its own small implementation.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bwx/net/prefix.h"
#include "huge_page_allocator.h"
#include "prefetch.h"

namespace bwx::market::detail {

class BookTrie
{
public:
    static constexpr std::uint32_t kNil = ~std::uint32_t{0};
    static constexpr std::int64_t kNoAsk = INT64_MAX;

    // Walks from the root start lower down once the trie holds `jumpFrom` nodes: at the
    // deepest node no longer than `jumpBits` that covers the first `jumpBits` bits of the
    // prefix (see m_jump). Tests make both small to exercise the table.
    static constexpr int kJumpBits = 20;
    static constexpr std::size_t kJumpFrom = std::size_t{1} << 15;
    explicit BookTrie(net::Family family, int jumpBits = kJumpBits,
                      std::size_t jumpFrom = kJumpFrom) noexcept
        : m_family(family), m_jumpBits(jumpBits), m_jumpFrom(jumpFrom)
    {}

    // Adds `book` at `prefix`, which must not hold a book yet. Returns its node.
    std::uint32_t insert(const net::Prefix &prefix, std::uint32_t book);
    // Detaches the book of `node` (whose best bid must already be 0 and best ask kNoAsk) and
    // drops nodes that no longer branch. Other node indices stay valid.
    void remove(std::uint32_t node);
    // Sets the best bid of the book at `node` (0 = no bids) and refreshes the subtree maxima
    // on the way up, stopping where nothing changes.
    void setBestBid(std::uint32_t node, std::int64_t bestBid);
    // The same for the best bid among buys without a latency or loss limit.
    void setPlainBid(std::uint32_t node, std::int64_t plainBid);
    // The same for the best ask (kNoAsk = no asks) and the subtree minima.
    void setBestAsk(std::uint32_t node, std::int64_t bestAsk);

    // The deepest node (book or branch) whose prefix covers `prefix`, or kNil.
    std::uint32_t deepestCovering(const net::Prefix &prefix) const noexcept;
    // The top node of the part of the trie inside `prefix`, or kNil when nothing is inside.
    std::uint32_t subtreeRoot(const net::Prefix &prefix) const noexcept;

    // Asks for a node (both of its cache lines), without waiting for it.
    void prefetch(std::uint32_t node) const noexcept
    {
        const auto *line = reinterpret_cast<const char *>(&m_nodes[node]);
        prefetchLine(line);
        prefetchLine(line + sizeof(Node) - 1);
    }

    // Hints for the refresh of a book's aggregates, which walks up from its node: the node's
    // parent, and, with the parent already asked for, the parent's other child (read when the
    // book's best bid was the subtree's and falls) and the grandparent. No-ops on a bad index.
    void prefetchParent(std::uint32_t node) const noexcept
    {
        if (node < m_nodes.size() && m_nodes[node].parent != kNil)
            prefetch(m_nodes[node].parent);
    }
    void prefetchAboveParent(std::uint32_t node) const noexcept
    {
        if (node >= m_nodes.size() || m_nodes[node].parent == kNil)
            return;
        const Node &parent = m_nodes[m_nodes[node].parent];
        const std::uint32_t sibling = parent.child[0] == node ? parent.child[1] : parent.child[0];
        if (sibling != kNil)
            prefetch(sibling);
        if (parent.parent != kNil)
            prefetch(parent.parent);
    }

    // Where a walk toward `prefix` starts (the jump table's entry, or the root), and a hint
    // that asks for the entry without waiting for it.
    std::uint32_t walkStartFor(const net::Prefix &prefix) const noexcept
    {
        return walkStart(prefix.address().high(), prefix.length());
    }
    void prefetchWalkStart(const net::Prefix &prefix) const noexcept
    {
        if (!m_jump.empty() && prefix.length() >= m_jumpBits)
            prefetchLine(&m_jump[prefix.address().high() >> (64 - m_jumpBits)]);
    }

    std::uint32_t bookAt(std::uint32_t node) const noexcept { return m_nodes[node].book; }
    bool isLeaf(std::uint32_t node) const noexcept
    {
        return m_nodes[node].child[0] == kNil && m_nodes[node].child[1] == kNil;
    }
    std::uint32_t parentOf(std::uint32_t node) const noexcept { return m_nodes[node].parent; }
    std::int64_t subtreeBestBid(std::uint32_t node) const noexcept { return m_nodes[node].subBid; }
    std::int64_t subtreeBestAsk(std::uint32_t node) const noexcept { return m_nodes[node].subAsk; }
    std::int64_t ownBestBid(std::uint32_t node) const noexcept { return m_nodes[node].ownBid; }
    std::int64_t ownPlainBid(std::uint32_t node) const noexcept { return m_nodes[node].ownPlain; }
    std::int64_t ownBestAsk(std::uint32_t node) const noexcept { return m_nodes[node].ownAsk; }
    net::Prefix prefixOf(std::uint32_t node) const noexcept;

    // Books on the chain from `node` up to the root, `node` first.
    template <class F>
    void forEachCoveringBook(std::uint32_t node, F &&f) const
    {
        for (std::uint32_t i = node; i != kNil; i = m_nodes[i].parent)
            if (m_nodes[i].book != kNil)
                f(m_nodes[i].book);
    }

    // Books under `root` whose best bid is >= threshold (threshold >= 1), pruning subtrees
    // whose best bid is below it.
    template <class F>
    void forEachBookWithBidAtLeast(std::uint32_t root, std::int64_t threshold, F &&f) const
    {
        forEachBookWithBidAtLeast(root, threshold, f, [](const net::Prefix &) { return true; });
    }
    // The same, except where only buys with a latency or loss limit reach the threshold: there
    // a subtree (or a book) is visited only if `measured(prefix)` says such a buy inside the
    // prefix might be served.
    template <class F, class Measured>
    void forEachBookWithBidAtLeast(std::uint32_t root, std::int64_t threshold, F &&f,
                                   Measured &&measured) const
    {
        if (root == kNil)
            return;
        std::array<std::uint32_t, kStackDepth> stack;
        std::size_t top = 0;
        stack[top++] = root;
        while (top > 0)
            expandBidAtLeast(stack[--top], threshold, f,
                             [&](std::uint32_t child, std::int64_t) { stack[top++] = child; },
                             measured);
    }

    // One node of that walk, for a caller that visits subtrees best bid first and stops early:
    // `onBook(book)` for the node's own book if it qualifies, `onChild(child, subtreeBestBid)`
    // for each child whose subtree holds a bid >= threshold.
    template <class F, class G, class Measured>
    void expandBidAtLeast(std::uint32_t index, std::int64_t threshold, F &&onBook, G &&onChild,
                          Measured &&measured) const
    {
        const Node &node = m_nodes[index];
        if (!worthVisiting(index, threshold, measured))
            return;
        if (ownBookQualifies(index, threshold, measured))
            onBook(node.book);
        for (const std::uint32_t child : node.child)
            if (child != kNil && m_nodes[child].subBid >= threshold)
                onChild(child, m_nodes[child].subBid);
    }

    // For a sell on a set of routes: onSubtree(node, subtreeBestBid) for the top node of each
    // part of the trie that lies inside one of `routes` (disjoint, sorted, a prefix before its
    // more specifics) and holds a bid >= threshold. Parts under a node that the walk with
    // `measured` of expandBidAtLeast would pass over may be left out, or not (those reached
    // from the jump table): the caller walks each part with `measured` itself. Nodes that only
    // lead to routes are not themselves visited by the caller. The paths to different routes
    // are independent, so they are followed one level at a time, all of them together, each
    // next node prefetched: the cache misses of a few hundred paths overlap instead of
    // following one another. Kept out of line: inlined, its buffers weighed on every caller's
    // frame, where most takers never get this far.
    template <class Measured, class F>
    [[gnu::noinline]] void forEachSubtreeInside(const std::vector<net::Prefix> &routes,
                                                std::int64_t threshold, Measured &&measured,
                                                F &&onSubtree) const;

    // forEachBookWithBidAtLeast (with `measured`) under several roots, for a caller that will
    // visit nearly every qualifying book anyway: the subtrees are walked one level at a time,
    // all together, each next node prefetched, so that their cache misses overlap as in
    // forEachSubtreeInside. `level` and `next` are the caller's scratch. Books come level by
    // level, not in prefix order.
    template <class F, class Measured>
    void forEachBookWithBidAtLeastLevelwise(std::vector<std::uint32_t> &level,
                                            std::vector<std::uint32_t> &next,
                                            std::int64_t threshold, F &&onBook,
                                            Measured &&measured) const
    {
        for (const std::uint32_t index : level)
            prefetchLine(&m_nodes[index]);
        while (!level.empty()) {
            next.clear();
            for (const std::uint32_t index : level) {
                const Node &node = m_nodes[index];
                if (!worthVisiting(index, threshold, measured))
                    continue;
                if (ownBookQualifies(index, threshold, measured))
                    onBook(node.book);
                for (const std::uint32_t child : node.child) {
                    if (child == kNil)
                        continue;
                    prefetchLine(&m_nodes[child]);
                    next.push_back(child);
                }
            }
            level.swap(next);
        }
    }

    // Books under `root` whose best ask is <= threshold, pruning subtrees whose best ask is
    // above it.
    template <class F>
    void forEachBookWithAskAtMost(std::uint32_t root, std::int64_t threshold, F &&f) const
    {
        if (root == kNil)
            return;
        std::array<std::uint32_t, kStackDepth> stack;
        std::size_t top = 0;
        stack[top++] = root;
        while (top > 0) {
            const Node &node = m_nodes[stack[--top]];
            if (node.subAsk > threshold)
                continue;
            if (node.book != kNil && node.ownAsk <= threshold)
                f(node.book);
            for (const std::uint32_t child : node.child)
                if (child != kNil && m_nodes[child].subAsk <= threshold)
                    stack[top++] = child;
        }
    }

    // Every book under `root` in prefix order (a prefix before its more specifics).
    template <class F>
    void forEachBookUnder(std::uint32_t root, F &&f) const
    {
        if (root == kNil)
            return;
        std::array<std::uint32_t, kStackDepth> stack;
        std::size_t top = 0;
        stack[top++] = root;
        while (top > 0) {
            const Node &node = m_nodes[stack[--top]];
            if (node.book != kNil)
                f(node.book);
            if (node.child[1] != kNil)
                stack[top++] = node.child[1];
            if (node.child[0] != kNil)
                stack[top++] = node.child[0];
        }
    }

    std::uint32_t root() const noexcept { return m_root; }
    std::size_t nodeCount() const noexcept { return m_nodes.size() - m_freeCount; }

    // Structure, parent links and subtree aggregates against a recount. `bookBid(book)` and
    // `bookAsk(book)` give the true best bid and ask of a book and `bookPrefix(book)` its
    // prefix. Empty string when consistent.
    template <class BidOf, class PlainOf, class AskOf, class PrefixOf>
    std::string check(BidOf &&bookBid, PlainOf &&bookPlain, AskOf &&bookAsk,
                      PrefixOf &&bookPrefix) const;
    // The same for a trie whose plain bids are never set.
    template <class BidOf, class AskOf, class PrefixOf>
    std::string check(BidOf &&bookBid, AskOf &&bookAsk, PrefixOf &&bookPrefix) const
    {
        return check(bookBid, [](std::uint32_t) { return std::int64_t{0}; }, bookAsk, bookPrefix);
    }

private:
    // Lengths strictly increase downwards (at most 129 on a path); the DFS keeps at most one
    // pending sibling per level plus the node itself.
    static constexpr std::size_t kStackDepth = 2 * 130;

    struct Node
    {
        std::uint64_t high = 0;
        std::uint64_t low = 0;
        std::int64_t ownBid = 0; // best bid of this node's own book, 0 if none
        std::int64_t subBid = 0; // best bid anywhere in the subtree, 0 if none
        std::int64_t ownPlain = 0; // the same among buys without a latency or loss limit
        std::int64_t subPlain = 0;
        std::int64_t ownAsk = kNoAsk;
        std::int64_t subAsk = kNoAsk; // best ask anywhere in the subtree
        std::uint32_t child[2] = {kNil, kNil};
        std::uint32_t parent = kNil;
        std::uint32_t book = kNil;
        std::uint8_t length = 0;
    };

    // The subtree holds a bid >= threshold that a walk with `measured` must see: one of a buy
    // without a latency or loss limit, or one inside a prefix `measured` accepts.
    template <class Measured>
    bool worthVisiting(std::uint32_t index, std::int64_t threshold, Measured &&measured) const
    {
        const Node &node = m_nodes[index];
        return node.subBid >= threshold
               && (node.subPlain >= threshold || measured(prefixOf(index)));
    }
    // The node's own book has a bid >= threshold that the walk with `measured` counts: a buy
    // without a quality limit, or one whose limit `measured` says may be met.
    template <class Measured>
    bool ownBookQualifies(std::uint32_t index, std::int64_t threshold, Measured &&measured) const
    {
        const Node &node = m_nodes[index];
        return node.book != kNil && node.ownBid >= threshold
               && (node.ownPlain >= threshold || node.subPlain < threshold
                   || measured(prefixOf(index)));
    }

    // One step of a walk toward a single route: true when `node` lies inside the route (it is
    // the top of the trie's part inside it); otherwise `child` is where the walk goes on (kNil:
    // nothing below the node lies inside the route).
    bool stepToward(const Node &node, const net::Prefix &route,
                    std::uint32_t &child) const noexcept;
    std::uint32_t newNode(std::uint64_t high, std::uint64_t low, int length, std::uint32_t book,
                          std::uint32_t parent);
    // insert() from `index` (kNil: an empty place below `parent`) downwards.
    std::uint32_t insertBelow(std::uint32_t index, std::uint32_t parent, std::uint64_t high,
                              std::uint64_t low, int length, std::uint32_t book);
    // Where a walk from the root toward a prefix may start instead: the jump table's entry for
    // its first m_jumpBits bits, or the root.
    std::uint32_t walkStart(std::uint64_t high, int length) const noexcept
    {
        if (m_jump.empty() || length < m_jumpBits)
            return m_root;
        const std::uint32_t start = m_jump[high >> (64 - m_jumpBits)];
        return start != kNil ? start : m_root;
    }
    // The blocks of the jump table a node of length <= m_jumpBits covers.
    std::pair<std::size_t, std::size_t> jumpRange(const Node &node) const noexcept
    {
        const std::size_t first = node.length == 0 ? 0 : node.high >> (64 - m_jumpBits);
        return {first, first + (std::size_t{1} << (m_jumpBits - node.length))};
    }
    void jumpAdd(std::uint32_t index) noexcept;
    void jumpRemove(std::uint32_t index) noexcept;
    void buildJump();
    void freeNode(std::uint32_t index) noexcept;
    void replaceChild(std::uint32_t parent, std::uint32_t from, std::uint32_t to) noexcept;
    void splice(std::uint32_t index) noexcept; // a node with at most one child and no book
    std::int64_t recount(const Node &node) const noexcept;
    std::int64_t recountAsk(const Node &node) const noexcept;
    std::int64_t recountPlain(const Node &node) const noexcept;
    template <std::int64_t Node::*Own, std::int64_t Node::*Sub, bool Highest>
    std::int64_t recountOf(const Node &node) const noexcept;
    template <std::int64_t Node::*Own, std::int64_t Node::*Sub, bool Highest>
    void setOwn(std::uint32_t node, std::int64_t value);

    HugeVector<Node> m_nodes; // a million nodes and more: huge pages spare a page walk per miss
    std::uint32_t m_root = kNil;
    std::uint32_t m_freeHead = kNil;
    std::uint32_t m_freeCount = 0;
    net::Family m_family;
    // The jump table: for each block of addresses sharing their first m_jumpBits bits, the
    // deepest node of length <= m_jumpBits covering it (kNil where none). Every walk from the
    // root toward a prefix at least that long passes through that node, so it can start there:
    // on a trie of a million books that skips the first twenty or so levels, of which the
    // lower ones are cache misses, one after the other. 4 MiB per family, built once the trie
    // holds m_jumpFrom nodes; kept up to date as nodes of length <= m_jumpBits come and go
    // (a node of length n covers 2^(m_jumpBits - n) entries; nodes that short are few).
    HugeVector<std::uint32_t> m_jump;
    int m_jumpBits;
    std::size_t m_jumpFrom;
};

namespace trie_bits {

constexpr bool bitAt(std::uint64_t high, std::uint64_t low, int i) noexcept
{
    return i < 64 ? ((high >> (63 - i)) & 1) != 0 : ((low >> (127 - i)) & 1) != 0;
}

// Leading bits on which two keys agree, at most `limit`.
int commonLength(std::uint64_t h1, std::uint64_t l1, std::uint64_t h2, std::uint64_t l2,
                 int limit) noexcept;

// True when the first `length` bits of the two keys are equal.
constexpr bool samePrefix(std::uint64_t h1, std::uint64_t l1, std::uint64_t h2, std::uint64_t l2,
                          int length) noexcept
{
    return ((h1 ^ h2) & net::detail::highMask(length)) == 0
           && ((l1 ^ l2) & net::detail::lowMask(length)) == 0;
}

} // namespace trie_bits

inline bool BookTrie::stepToward(const Node &node, const net::Prefix &route,
                                 std::uint32_t &child) const noexcept
{
    const std::uint64_t high = route.address().high();
    const std::uint64_t low = route.address().low();
    child = kNil;
    if (node.length >= route.length())
        return trie_bits::samePrefix(node.high, node.low, high, low, route.length());
    if (trie_bits::samePrefix(node.high, node.low, high, low, node.length))
        child = node.child[trie_bits::bitAt(high, low, node.length)];
    return false;
}

template <class Measured, class F>
void BookTrie::forEachSubtreeInside(const std::vector<net::Prefix> &routes, std::int64_t threshold,
                                    Measured &&measured, F &&onSubtree) const
{
    if (m_root == kNil || routes.empty())
        return;
    const std::vector<net::Prefix> *fromRoot = &routes;
    std::vector<net::Prefix> shortRoutes;
    if (!m_jump.empty()) {
        // A route at least m_jumpBits long starts at its jump table entry, not at the root:
        // every node above that entry also lies above every other node toward the route, so
        // its best bid is at least theirs and pruning there loses nothing. A seller's routes
        // part in the top dozen levels, where the walk from the root spent most of its time
        // splitting the sorted routes among children; from the entry a route is two or three
        // nodes away. The walks toward all routes go one level at a time, together, each next
        // node prefetched, so that their misses overlap.
        for (const net::Prefix &route : routes)
            if (route.length() >= m_jumpBits)
                prefetchLine(&m_jump[route.address().high() >> (64 - m_jumpBits)]);
        struct Toward
        {
            std::uint32_t node;
            std::uint32_t route;
        };
        std::vector<Toward> level, next;
        for (std::uint32_t r = 0; r < routes.size(); ++r) {
            const net::Prefix &route = routes[r];
            if (route.length() < m_jumpBits) {
                shortRoutes.push_back(route);
                continue;
            }
            const std::uint32_t start = walkStart(route.address().high(), route.length());
            prefetchLine(&m_nodes[start]);
            level.push_back({start, r});
        }
        while (!level.empty()) {
            next.clear();
            for (const Toward &t : level) {
                const Node &node = m_nodes[t.node];
                if (node.subBid < threshold)
                    continue;
                std::uint32_t child;
                if (stepToward(node, routes[t.route], child)) {
                    onSubtree(t.node, node.subBid);
                } else if (child != kNil) {
                    prefetchLine(&m_nodes[child]);
                    next.push_back({child, t.route});
                }
            }
            level.swap(next);
        }
        if (shortRoutes.empty())
            return;
        fromRoot = &shortRoutes;
    }

    // The rest from the root. A node still to look at and the routes [from, to) that lie
    // inside or cover its prefix.
    const std::vector<net::Prefix> &rs = *fromRoot;
    struct Step
    {
        std::uint32_t node;
        std::uint32_t from;
        std::uint32_t to;
    };
    std::vector<Step> level{{m_root, 0, static_cast<std::uint32_t>(rs.size())}};
    std::vector<Step> next;
    const auto push = [&](std::uint32_t child, std::uint32_t from, std::uint32_t to) {
        if (child == kNil)
            return;
        prefetchLine(&m_nodes[child]);
        next.push_back({child, from, to});
    };
    // One route left: only the path toward it counts.
    const auto towardRoute = [&](std::uint32_t index, const Node &node, std::uint32_t r) {
        std::uint32_t child;
        if (stepToward(node, rs[r], child))
            onSubtree(index, node.subBid);
        else
            push(child, r, r + 1);
    };
    while (!level.empty()) {
        next.clear();
        for (const Step &step : level) {
            const Node &node = m_nodes[step.node];
            if (node.subBid < threshold)
                continue;
            if (step.to - step.from == 1) {
                towardRoute(step.node, node, step.from);
                continue;
            }
            // The routes inside the node's prefix are a range (a prefix sorts right before its
            // more specifics), and a route covering it is the one right before that range, or
            // the node's prefix itself.
            const net::Prefix prefix = prefixOf(step.node);
            const auto first = rs.begin() + step.from;
            const auto last = rs.begin() + step.to;
            const auto inside = std::lower_bound(first, last, prefix);
            if ((inside != last && *inside == prefix)
                || (inside != first && (inside - 1)->contains(prefix))) {
                onSubtree(step.node, node.subBid);
                continue;
            }
            const auto end = std::partition_point(
                inside, last, [&](const net::Prefix &r) { return prefix.contains(r); });
            if (inside == end)
                continue;
            const auto from = static_cast<std::uint32_t>(inside - rs.begin());
            const auto to = static_cast<std::uint32_t>(end - rs.begin());
            if (to - from == 1) {
                towardRoute(step.node, node, from);
                continue;
            }
            // The node is wider than the routes inside it, so its own book is not served; its
            // children are, where they overlap one of them.
            if (node.subPlain < threshold && !measured(prefix))
                continue;
            for (const std::uint32_t child : node.child)
                push(child, from, to);
        }
        level.swap(next);
    }
}

template <class BidOf, class PlainOf, class AskOf, class PrefixOf>
std::string BookTrie::check(BidOf &&bookBid, PlainOf &&bookPlain, AskOf &&bookAsk,
                            PrefixOf &&bookPrefix) const
{
    std::size_t reachable = 0;
    std::vector<std::uint32_t> stack;
    if (m_root != kNil) {
        if (m_nodes[m_root].parent != kNil)
            return "book trie: root has a parent";
        stack.push_back(m_root);
    }
    while (!stack.empty()) {
        const std::uint32_t index = stack.back();
        stack.pop_back();
        if (index >= m_nodes.size() || ++reachable > m_nodes.size())
            return "book trie: node index out of range or cycle";
        const Node &node = m_nodes[index];
        if (node.book != kNil) {
            if (bookPrefix(node.book) != prefixOf(index))
                return "book trie: node prefix differs from its book's prefix";
            if (node.ownBid != bookBid(node.book))
                return "book trie: cached best bid differs from the book's best bid of "
                       + prefixOf(index).toString();
            if (node.ownPlain != bookPlain(node.book))
                return "book trie: cached best plain bid differs from the book's of "
                       + prefixOf(index).toString();
            if (node.ownAsk != bookAsk(node.book))
                return "book trie: cached best ask differs from the book's best ask of "
                       + prefixOf(index).toString();
        } else {
            if (node.ownBid != 0 || node.ownPlain != 0 || node.ownAsk != kNoAsk)
                return "book trie: branch node with a bid or an ask";
            if (node.child[0] == kNil || node.child[1] == kNil)
                return "book trie: branch node that does not branch";
        }
        if (node.subBid != recount(node))
            return "book trie: subtree best bid differs from a recount at " + prefixOf(index).toString();
        if (node.subPlain != recountPlain(node))
            return "book trie: subtree best plain bid differs from a recount at "
                   + prefixOf(index).toString();
        if (node.subAsk != recountAsk(node))
            return "book trie: subtree best ask differs from a recount at " + prefixOf(index).toString();
        for (int d = 0; d < 2; ++d) {
            const std::uint32_t c = node.child[d];
            if (c == kNil)
                continue;
            if (c >= m_nodes.size())
                return "book trie: child index out of range";
            const Node &next = m_nodes[c];
            if (next.parent != index)
                return "book trie: child's parent link is wrong";
            if (next.length <= node.length
                || !trie_bits::samePrefix(node.high, node.low, next.high, next.low, node.length)
                || trie_bits::bitAt(next.high, next.low, node.length) != (d == 1))
                return "book trie: child not below its parent";
            stack.push_back(c);
        }
    }
    if (reachable + m_freeCount != m_nodes.size())
        return "book trie: unreachable nodes";
    if (!m_jump.empty()) {
        for (std::size_t block = 0; block < m_jump.size(); ++block) {
            const std::uint64_t high = m_jumpBits == 0 ? 0 : std::uint64_t{block} << (64 - m_jumpBits);
            std::uint32_t expected = kNil;
            for (std::uint32_t i = m_root; i != kNil;) {
                const Node &node = m_nodes[i];
                if (node.length > m_jumpBits || !trie_bits::samePrefix(node.high, node.low, high, 0, node.length))
                    break;
                expected = i;
                i = node.child[trie_bits::bitAt(high, 0, node.length)];
            }
            if (m_jump[block] != expected)
                return "book trie: jump table entry " + std::to_string(block) + " is stale";
        }
    }
    return {};
}

} // namespace bwx::market::detail
