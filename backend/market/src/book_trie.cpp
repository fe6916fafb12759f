#include "book_trie.h"

#include <algorithm>
#include <bit>
#include <cassert>

namespace bwx::market::detail {

namespace trie_bits {

int commonLength(std::uint64_t h1, std::uint64_t l1, std::uint64_t h2, std::uint64_t l2,
                 int limit) noexcept
{
    const std::uint64_t hx = h1 ^ h2;
    int common = 0;
    if (hx != 0)
        common = std::countl_zero(hx);
    else {
        const std::uint64_t lx = l1 ^ l2;
        common = lx != 0 ? 64 + std::countl_zero(lx) : 128;
    }
    return std::min(common, limit);
}

} // namespace trie_bits

using trie_bits::bitAt;
using trie_bits::commonLength;
using trie_bits::samePrefix;

net::Prefix BookTrie::prefixOf(std::uint32_t node) const noexcept
{
    const Node &n = m_nodes[node];
    return net::Prefix::makeTruncating(net::Address::fromWords(m_family, n.high, n.low), n.length);
}

std::uint32_t BookTrie::insert(const net::Prefix &prefix, std::uint32_t book)
{
    assert(prefix.family() == m_family);
    // Two nodes at most; reserving first keeps the references below valid.
    if (m_freeCount + (m_nodes.capacity() - m_nodes.size()) < 2)
        m_nodes.reserve(std::max<std::size_t>({m_nodes.size() + 2, m_nodes.capacity() * 2, 16}));
    const std::uint64_t high = prefix.address().high();
    const std::uint64_t low = prefix.address().low();
    const int length = prefix.length();

    std::uint32_t index = walkStart(high, length);
    std::uint32_t parent = index == kNil ? kNil : m_nodes[index].parent;
    const std::uint32_t leaf = insertBelow(index, parent, high, low, length, book);
    if (m_jump.empty() && nodeCount() >= m_jumpFrom)
        buildJump();
    return leaf;
}

std::uint32_t BookTrie::insertBelow(std::uint32_t index, std::uint32_t parent, std::uint64_t high,
                                    std::uint64_t low, int length, std::uint32_t book)
{
    for (;;) {
        if (index == kNil) {
            const std::uint32_t leaf = newNode(high, low, length, book, parent);
            if (parent == kNil)
                m_root = leaf;
            else
                m_nodes[parent].child[bitAt(high, low, m_nodes[parent].length)] = leaf;
            return leaf;
        }
        const Node node = m_nodes[index];
        const int common = commonLength(node.high, node.low, high, low,
                                        std::min<int>(node.length, length));
        if (common == node.length) {
            if (node.length == length) {
                assert(node.book == kNil);
                m_nodes[index].book = book; // a branch point becomes a book; its own bid is 0
                return index;
            }
            parent = index;
            index = node.child[bitAt(high, low, node.length)];
            continue;
        }
        // The new prefix branches off above `index`.
        std::uint32_t top;
        std::uint32_t leaf;
        if (common == length) {
            // It covers the existing subtree and becomes its parent.
            leaf = newNode(high, low, length, book, parent);
            m_nodes[leaf].child[bitAt(node.high, node.low, common)] = index;
            m_nodes[leaf].subBid = node.subBid;
            m_nodes[leaf].subPlain = node.subPlain;
            m_nodes[leaf].subAsk = node.subAsk;
            top = leaf;
        } else {
            const std::uint64_t bh = high & net::detail::highMask(common);
            const std::uint64_t bl = low & net::detail::lowMask(common);
            top = newNode(bh, bl, common, kNil, parent);
            leaf = newNode(high, low, length, book, top);
            m_nodes[top].child[bitAt(high, low, common)] = leaf;
            m_nodes[top].child[bitAt(node.high, node.low, common)] = index;
            m_nodes[top].subBid = node.subBid;
            m_nodes[top].subPlain = node.subPlain;
            m_nodes[top].subAsk = node.subAsk;
        }
        m_nodes[index].parent = top;
        if (parent == kNil)
            m_root = top;
        else
            replaceChild(parent, index, top);
        return leaf;
    }
}

void BookTrie::remove(std::uint32_t node)
{
    assert(m_nodes[node].book != kNil && m_nodes[node].ownBid == 0
           && m_nodes[node].ownPlain == 0 && m_nodes[node].ownAsk == kNoAsk);
    m_nodes[node].book = kNil;
    const Node &n = m_nodes[node];
    if (n.child[0] != kNil && n.child[1] != kNil)
        return; // still a branch point; the subtree maximum did not include this empty book
    const std::uint32_t parent = n.parent;
    splice(node);
    if (parent != kNil && m_nodes[parent].book == kNil)
        splice(parent);
}

void BookTrie::splice(std::uint32_t index) noexcept
{
    const Node &n = m_nodes[index];
    assert(n.book == kNil);
    if (n.child[0] != kNil && n.child[1] != kNil)
        return;
    const std::uint32_t only = n.child[0] != kNil ? n.child[0] : n.child[1];
    const std::uint32_t parent = n.parent;
    if (only != kNil)
        m_nodes[only].parent = parent;
    if (parent == kNil)
        m_root = only;
    else if (only != kNil)
        replaceChild(parent, index, only);
    else
        replaceChild(parent, index, kNil);
    freeNode(index);
}

// The three aggregates differ only in their fields and in which price is better (highest bid,
// lowest ask); one recount and one walk to the root serve them all.
template <std::int64_t BookTrie::Node::*Own, std::int64_t BookTrie::Node::*Sub, bool Highest>
std::int64_t BookTrie::recountOf(const Node &node) const noexcept
{
    std::int64_t best = node.*Own;
    for (const std::uint32_t c : node.child)
        if (c != kNil)
            best = Highest ? std::max(best, m_nodes[c].*Sub) : std::min(best, m_nodes[c].*Sub);
    return best;
}

// A node's aggregate is the best of its parts (its own book and its children's aggregates), so
// when one part changes from `before` to `after` the new aggregate follows from the old one
// without reading the other parts, unless that part was the best and got worse: then, and only
// then, the node's other child is read. On the way up, each step then reads only the parent,
// not also the sibling (a second dependent cache miss per level on a large trie), and the walk
// stops at the first node whose aggregate does not change.
template <std::int64_t BookTrie::Node::*Own, std::int64_t BookTrie::Node::*Sub, bool Highest>
void BookTrie::setOwn(std::uint32_t node, std::int64_t value)
{
    const auto better = [](std::int64_t a, std::int64_t b) { return Highest ? a > b : a < b; };
    std::int64_t before = m_nodes[node].*Own;
    std::int64_t after = value;
    m_nodes[node].*Own = value;
    for (std::uint32_t i = node; i != kNil; i = m_nodes[i].parent) {
        Node &n = m_nodes[i];
        const std::int64_t old = n.*Sub;
        std::int64_t sub = old;
        if (!better(old, after))
            sub = after; // the changed part is now the best (or ties it)
        else if (before == old)
            sub = recountOf<Own, Sub, Highest>(n); // it was the best and got worse
        if (sub == old)
            break;
        n.*Sub = sub;
        before = old;
        after = sub;
    }
}

void BookTrie::setBestBid(std::uint32_t node, std::int64_t bestBid)
{
    setOwn<&Node::ownBid, &Node::subBid, true>(node, bestBid);
}

void BookTrie::setBestAsk(std::uint32_t node, std::int64_t bestAsk)
{
    setOwn<&Node::ownAsk, &Node::subAsk, false>(node, bestAsk);
}

void BookTrie::setPlainBid(std::uint32_t node, std::int64_t plainBid)
{
    setOwn<&Node::ownPlain, &Node::subPlain, true>(node, plainBid);
}

std::int64_t BookTrie::recount(const Node &node) const noexcept
{
    return recountOf<&Node::ownBid, &Node::subBid, true>(node);
}

std::int64_t BookTrie::recountAsk(const Node &node) const noexcept
{
    return recountOf<&Node::ownAsk, &Node::subAsk, false>(node);
}

std::int64_t BookTrie::recountPlain(const Node &node) const noexcept
{
    return recountOf<&Node::ownPlain, &Node::subPlain, true>(node);
}

std::uint32_t BookTrie::deepestCovering(const net::Prefix &prefix) const noexcept
{
    const std::uint64_t high = prefix.address().high();
    const std::uint64_t low = prefix.address().low();
    const int length = prefix.length();
    std::uint32_t best = kNil;
    std::uint32_t index = walkStart(high, length);
    while (index != kNil) {
        const Node &node = m_nodes[index];
        if (node.length > length || !samePrefix(node.high, node.low, high, low, node.length))
            break;
        best = index;
        if (node.length == length)
            break;
        index = node.child[bitAt(high, low, node.length)];
    }
    return best;
}

std::uint32_t BookTrie::subtreeRoot(const net::Prefix &prefix) const noexcept
{
    const std::uint64_t high = prefix.address().high();
    const std::uint64_t low = prefix.address().low();
    const int length = prefix.length();
    std::uint32_t index = walkStart(high, length);
    while (index != kNil) {
        const Node &node = m_nodes[index];
        if (node.length >= length)
            return samePrefix(node.high, node.low, high, low, length) ? index : kNil;
        if (!samePrefix(node.high, node.low, high, low, node.length))
            return kNil;
        index = node.child[bitAt(high, low, node.length)];
    }
    return kNil;
}

std::uint32_t BookTrie::newNode(std::uint64_t high, std::uint64_t low, int length,
                                std::uint32_t book, std::uint32_t parent)
{
    Node node;
    node.high = high;
    node.low = low;
    node.length = static_cast<std::uint8_t>(length);
    node.book = book;
    node.parent = parent;
    std::uint32_t index;
    if (m_freeHead != kNil) {
        index = m_freeHead;
        m_freeHead = m_nodes[index].parent;
        --m_freeCount;
        m_nodes[index] = node;
    } else {
        m_nodes.push_back(node);
        index = static_cast<std::uint32_t>(m_nodes.size() - 1);
    }
    if (!m_jump.empty() && length <= m_jumpBits)
        jumpAdd(index);
    return index;
}

void BookTrie::jumpAdd(std::uint32_t index) noexcept
{
    // Nodes covering a block lie on one chain, so the deepest is the longest.
    const Node &node = m_nodes[index];
    const auto [first, last] = jumpRange(node);
    for (std::size_t block = first; block < last; ++block) {
        std::uint32_t &entry = m_jump[block];
        if (entry == kNil || m_nodes[entry].length < node.length)
            entry = index;
    }
}

void BookTrie::jumpRemove(std::uint32_t index) noexcept
{
    // Where the node was the deepest, its parent is now: a child no longer than m_jumpBits
    // would already be the entry of the blocks it covers.
    const Node &node = m_nodes[index];
    const auto [first, last] = jumpRange(node);
    for (std::size_t block = first; block < last; ++block)
        if (m_jump[block] == index)
            m_jump[block] = node.parent;
}

void BookTrie::buildJump()
{
    m_jump.assign(std::size_t{1} << m_jumpBits, kNil);
    // Parents before children, so the deepest node of each block is written last.
    std::vector<std::uint32_t> stack;
    if (m_root != kNil)
        stack.push_back(m_root);
    while (!stack.empty()) {
        const std::uint32_t index = stack.back();
        stack.pop_back();
        const Node &node = m_nodes[index];
        if (node.length > m_jumpBits)
            continue;
        jumpAdd(index);
        for (const std::uint32_t child : node.child)
            if (child != kNil)
                stack.push_back(child);
    }
}

void BookTrie::freeNode(std::uint32_t index) noexcept
{
    if (!m_jump.empty() && m_nodes[index].length <= m_jumpBits)
        jumpRemove(index);
    // Free nodes are chained through `parent`.
    m_nodes[index] = Node{};
    m_nodes[index].parent = m_freeHead;
    m_freeHead = index;
    ++m_freeCount;
}

void BookTrie::replaceChild(std::uint32_t parent, std::uint32_t from, std::uint32_t to) noexcept
{
    Node &p = m_nodes[parent];
    if (p.child[0] == from)
        p.child[0] = to;
    else {
        assert(p.child[1] == from);
        p.child[1] = to;
    }
}

} // namespace bwx::market::detail
