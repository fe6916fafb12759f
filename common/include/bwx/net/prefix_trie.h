#pragma once
// Path-compressed binary (Patricia) trie from prefixes of one address family to values, and
// PrefixMap, a pair of them covering both families.
//
// This is what answers the registry's and the matcher's containment questions: the routes that
// cover a destination (walk up: forEachCovering, longestMatch) and the orders inside a short
// prefix (walk down: forEachCovered). Paths skip empty levels: a lookup visits only nodes where a
// prefix is stored or where stored prefixes diverge, never one node per bit.
//
// Memory: a node is 32 bytes (two key words, two child indices, a value index, the length), or
// 16 bytes in an IPv4-only trie (NarrowTrieNode: a 32-bit key, the children, and the value index
// with the length in its top bits; PrefixMap's IPv4 trie uses it). Nodes live in one
// std::vector with a free list; links are 32-bit indices, so there is no allocation per node
// and copying the trie copies a few vectors. Values are kept densely in a second vector with a
// 4-byte link back to their node. n prefixes need n valued nodes plus at most n - 1 branching
// nodes, so an entry costs at most 2 * 32 + 4 + sizeof(T) = 68 + sizeof(T) bytes (IPv4: 36 +
// sizeof(T)), plus the vectors' growth slack (memoryUsage() reports the total). Nested route
// tables need fewer branching nodes: prefixes that cover others are stored nodes themselves.
//
// Pointers and references to values are invalidated by any insert or erase: values are kept
// dense (erase moves the last value into the hole). Callbacks may change the value they are given
// but must not insert or erase.
#include "bwx/net/address.h"
#include "bwx/net/prefix.h"
#include "bwx/net/visitor.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace bwx::net {

namespace detail {

// A node of either family: the key's two words, the length, a value index.
struct WideTrieNode
{
    static constexpr std::uint32_t kNil = 0xffffffffu;
    static constexpr std::uint32_t kMaxValues = kNil - 1;

    std::uint64_t keyHigh; // key bits beyond `length` are zero
    std::uint64_t keyLow;
    std::uint32_t child[2]; // child[b] continues with bit b at position `length`
    std::uint32_t valueIndex; // index into the values, or kNil for a branching node
    std::uint8_t keyLength;

    static WideTrieNode make(std::uint64_t high, std::uint64_t low, int length,
                             std::uint32_t value, std::uint32_t child0 = kNil) noexcept
    {
        return {high, low, {child0, kNil}, value, static_cast<std::uint8_t>(length)};
    }
    std::uint64_t high() const noexcept { return keyHigh; }
    std::uint64_t low() const noexcept { return keyLow; }
    int length() const noexcept { return keyLength; }
    std::uint32_t value() const noexcept { return valueIndex; }
    void setValue(std::uint32_t value) noexcept { valueIndex = value; }
};
static_assert(sizeof(WideTrieNode) == 32);

// An IPv4 node: the address is the top 32 bits of the key's high word, the low word is zero,
// and the length (at most 32) shares a word with the value index.
struct NarrowTrieNode
{
    static constexpr std::uint32_t kNil = 0xffffffffu;
    static constexpr int kValueBits = 26;
    static constexpr std::uint32_t kValueNil = (1u << kValueBits) - 1;
    static constexpr std::uint32_t kMaxValues = kValueNil; // indices 0 .. kValueNil - 1

    std::uint32_t key;
    std::uint32_t child[2];
    std::uint32_t packed; // value index (kValueNil: none) | length << kValueBits

    static NarrowTrieNode make(std::uint64_t high, std::uint64_t low, int length,
                               std::uint32_t value, std::uint32_t child0 = kNil) noexcept
    {
        assert(low == 0 && length <= 32);
        (void)low;
        NarrowTrieNode n{static_cast<std::uint32_t>(high >> 32), {child0, kNil}, 0};
        n.packed = static_cast<std::uint32_t>(length) << kValueBits;
        n.setValue(value);
        return n;
    }
    std::uint64_t high() const noexcept { return std::uint64_t{key} << 32; }
    std::uint64_t low() const noexcept { return 0; }
    int length() const noexcept { return static_cast<int>(packed >> kValueBits); }
    std::uint32_t value() const noexcept
    {
        const std::uint32_t v = packed & kValueNil;
        return v == kValueNil ? kNil : v;
    }
    void setValue(std::uint32_t value) noexcept
    {
        assert(value == kNil || value < kValueNil);
        packed = (packed & ~kValueNil) | (value == kNil ? kValueNil : value);
    }
};
static_assert(sizeof(NarrowTrieNode) == 16);

} // namespace detail

template<class T, class Node> class PrefixTrie
{
public:
    explicit PrefixTrie(Family family = Family::V4) noexcept
        : m_family(family)
    {}

    Family family() const noexcept { return m_family; }
    std::size_t size() const noexcept { return m_values.size(); }
    bool empty() const noexcept { return m_values.empty(); }

    // Keeps the allocated capacity for refilling.
    void clear() noexcept
    {
        m_nodes.clear();
        m_values.clear();
        m_valueNode.clear();
        m_root = kNil;
        m_freeHead = kNil;
        m_freeCount = 0;
    }

    // Constructs a value from args only if the prefix is absent. Returns the stored value and
    // whether it was inserted. Strong exception guarantee.
    template<class... Args> std::pair<T *, bool> tryEmplace(const Prefix &prefix, Args &&...args)
    {
        assert(prefix.family() == m_family);
        reserveNodes(2); // the most one insertion needs; afterwards nothing below can throw
        const Key key = keyOf(prefix);
        std::uint32_t parent = kNil;
        int direction = 0;
        std::uint32_t index = m_root;
        for (;;) {
            if (index == kNil) {
                const std::uint32_t value = pushValue(std::forward<Args>(args)...);
                const std::uint32_t leaf = newNode(key, value);
                setLink(parent, direction, leaf);
                return {&m_values[value], true};
            }
            const Node node = m_nodes[index];
            const int common = commonLength(node.high(), node.low(), key.high, key.low,
                                            std::min<int>(node.length(), key.length));
            if (common == node.length()) {
                if (node.length() == key.length) {
                    if (node.value() != kNil)
                        return {&m_values[node.value()], false};
                    const std::uint32_t value = pushValue(std::forward<Args>(args)...);
                    m_nodes[index].setValue(value);
                    m_valueNode[value] = index;
                    return {&m_values[value], true};
                }
                parent = index;
                direction = bitAt(key.high, key.low, node.length());
                index = node.child[direction];
                continue;
            }
            // The new prefix branches off above `index`.
            const std::uint32_t value = pushValue(std::forward<Args>(args)...);
            const std::uint32_t leaf = newNode(key, value);
            if (common == key.length) {
                // It covers the existing subtree: it becomes that subtree's parent.
                m_nodes[leaf].child[bitAt(node.high(), node.low(), common)] = index;
                setLink(parent, direction, leaf);
            } else {
                const Key branchKey{key.high & detail::highMask(common),
                                    key.low & detail::lowMask(common), common};
                const std::uint32_t branch = newNode(branchKey, kNil);
                m_nodes[branch].child[bitAt(key.high, key.low, common)] = leaf;
                m_nodes[branch].child[bitAt(node.high(), node.low(), common)] = index;
                setLink(parent, direction, branch);
            }
            return {&m_values[value], true};
        }
    }

    // False (and the stored value unchanged) if the prefix is already present.
    bool insert(const Prefix &prefix, T value)
    {
        return tryEmplace(prefix, std::move(value)).second;
    }

    template<class V> T &insertOrAssign(const Prefix &prefix, V &&value)
    {
        auto [stored, inserted] = tryEmplace(prefix, std::forward<V>(value));
        if (!inserted)
            *stored = std::forward<V>(value); // tryEmplace did not consume it
        return *stored;
    }

    // Default-constructs the value if the prefix is absent.
    T &operator[](const Prefix &prefix) { return *tryEmplace(prefix).first; }

    // Removes the prefix and any branching node made redundant by it.
    bool erase(const Prefix &prefix)
    {
        assert(prefix.family() == m_family);
        const Key key = keyOf(prefix);
        std::uint32_t grandparent = kNil;
        std::uint32_t parent = kNil;
        int parentDirection = 0;
        int direction = 0;
        std::uint32_t index = m_root;
        while (index != kNil && m_nodes[index].length() < key.length) {
            const Node &node = m_nodes[index];
            if (!keyMatches(node, key.high, key.low))
                return false;
            grandparent = parent;
            parentDirection = direction;
            parent = index;
            direction = bitAt(key.high, key.low, node.length());
            index = node.child[direction];
        }
        if (index == kNil)
            return false;
        const Node node = m_nodes[index];
        if (node.length() != key.length || !keyMatches(node, key.high, key.low) || node.value() == kNil)
            return false;

        popValue(node.value());
        if (node.child[0] != kNil && node.child[1] != kNil) {
            m_nodes[index].setValue(kNil); // still needed to branch
            return true;
        }
        const std::uint32_t onlyChild = node.child[0] != kNil ? node.child[0] : node.child[1];
        setLink(parent, direction, onlyChild);
        freeNode(index);
        if (onlyChild == kNil && parent != kNil && m_nodes[parent].value() == kNil) {
            // The parent was branching between us and a sibling; the sibling takes its place.
            const std::uint32_t sibling = m_nodes[parent].child[1 - direction];
            assert(sibling != kNil);
            setLink(grandparent, parentDirection, sibling);
            freeNode(parent);
        }
        return true;
    }

    T *find(const Prefix &prefix) { return valueAt(findNode(prefix)); }
    const T *find(const Prefix &prefix) const { return valueAt(findNode(prefix)); }
    bool contains(const Prefix &prefix) const { return findNode(prefix) != kNil; }

    // The longest stored prefix containing the argument (which may itself be stored).
    std::optional<std::pair<Prefix, T *>> longestMatch(const Address &address)
    {
        return matchResult<T>(longestMatchNode(addressKey(address)));
    }
    std::optional<std::pair<Prefix, const T *>> longestMatch(const Address &address) const
    {
        return matchResult<const T>(longestMatchNode(addressKey(address)));
    }
    std::optional<std::pair<Prefix, T *>> longestMatch(const Prefix &prefix)
    {
        assert(prefix.family() == m_family);
        return matchResult<T>(longestMatchNode(keyOf(prefix)));
    }
    std::optional<std::pair<Prefix, const T *>> longestMatch(const Prefix &prefix) const
    {
        assert(prefix.family() == m_family);
        return matchResult<const T>(longestMatchNode(keyOf(prefix)));
    }

    // f(const Prefix &, T &) for every stored prefix containing the argument, itself included,
    // shortest first. Returns false if f stopped the walk.
    template<class F> bool forEachCovering(const Prefix &prefix, F &&f)
    {
        return visitCovering(*this, prefix, f);
    }
    template<class F> bool forEachCovering(const Prefix &prefix, F &&f) const
    {
        return visitCovering(*this, prefix, f);
    }

    // f(const Prefix &, T &) for every stored prefix inside the argument, itself included, in
    // prefix order. Returns false if f stopped the walk.
    template<class F> bool forEachCovered(const Prefix &prefix, F &&f)
    {
        return visitCovered(*this, prefix, f);
    }
    template<class F> bool forEachCovered(const Prefix &prefix, F &&f) const
    {
        return visitCovered(*this, prefix, f);
    }

    // Every entry in prefix order.
    template<class F> bool forEach(F &&f) { return visitSubtree(*this, m_root, f); }
    template<class F> bool forEach(F &&f) const { return visitSubtree(*this, m_root, f); }

    // Introspection for tests and benchmarks.
    std::size_t nodeCount() const noexcept { return m_nodes.size() - m_freeCount; }
    std::size_t memoryUsage() const noexcept
    {
        return m_nodes.capacity() * sizeof(Node) + m_values.capacity() * sizeof(T)
               + m_valueNode.capacity() * sizeof(std::uint32_t);
    }
    // Checks every structural invariant; O(n).
    bool isConsistent() const;

private:
    static constexpr std::uint32_t kNil = 0xffffffffu;

    struct Key
    {
        std::uint64_t high;
        std::uint64_t low;
        int length;
    };

    static Key keyOf(const Prefix &prefix) noexcept
    {
        return {prefix.m_high, prefix.m_low, prefix.m_length};
    }
    Key addressKey(const Address &address) const noexcept
    {
        assert(address.family() == m_family);
        return {address.high(), address.low(), maxLength(m_family)};
    }
    Prefix prefixOf(const Node &node) const noexcept
    {
        return Prefix(m_family, node.high(), node.low(), node.length());
    }

    static int bitAt(std::uint64_t high, std::uint64_t low, int i) noexcept
    {
        return static_cast<int>(i < 64 ? (high >> (63 - i)) & 1 : (low >> (127 - i)) & 1);
    }

    // Number of leading bits shared by the two keys, capped at `limit`.
    static int commonLength(std::uint64_t aHigh,
                            std::uint64_t aLow,
                            std::uint64_t bHigh,
                            std::uint64_t bLow,
                            int limit) noexcept
    {
        if (const std::uint64_t diff = aHigh ^ bHigh; diff != 0)
            return std::min(std::countl_zero(diff), limit);
        if (const std::uint64_t diff = aLow ^ bLow; diff != 0)
            return std::min(64 + std::countl_zero(diff), limit);
        return limit;
    }

    // True when the node's key is a prefix of the given bits.
    static bool keyMatches(const Node &node, std::uint64_t high, std::uint64_t low) noexcept
    {
        return ((high ^ node.high()) & detail::highMask(node.length())) == 0
               && ((low ^ node.low()) & detail::lowMask(node.length())) == 0;
    }

    std::uint32_t findNode(const Prefix &prefix) const noexcept
    {
        assert(prefix.family() == m_family);
        const Key key = keyOf(prefix);
        std::uint32_t index = m_root;
        while (index != kNil) {
            const Node &node = m_nodes[index];
            if (node.length() >= key.length || !keyMatches(node, key.high, key.low)) {
                const bool hit = node.length() == key.length && keyMatches(node, key.high, key.low)
                                 && node.value() != kNil;
                return hit ? index : kNil;
            }
            index = node.child[bitAt(key.high, key.low, node.length())];
        }
        return kNil;
    }

    std::uint32_t longestMatchNode(const Key &key) const noexcept
    {
        std::uint32_t best = kNil;
        std::uint32_t index = m_root;
        while (index != kNil) {
            const Node &node = m_nodes[index];
            if (node.length() > key.length || !keyMatches(node, key.high, key.low))
                break;
            if (node.value() != kNil)
                best = index;
            if (node.length() == key.length)
                break;
            index = node.child[bitAt(key.high, key.low, node.length())];
        }
        return best;
    }

    T *valueAt(std::uint32_t index) noexcept
    {
        return index == kNil ? nullptr : &m_values[m_nodes[index].value()];
    }
    const T *valueAt(std::uint32_t index) const noexcept
    {
        return index == kNil ? nullptr : &m_values[m_nodes[index].value()];
    }

    template<class V>
    std::optional<std::pair<Prefix, V *>> matchResult(std::uint32_t index) const noexcept
    {
        if (index == kNil)
            return std::nullopt;
        // V is T only when called from a non-const member, so the cast restores constness the
        // caller already had.
        V *value = const_cast<V *>(&m_values[m_nodes[index].value()]);
        return std::pair<Prefix, V *>(prefixOf(m_nodes[index]), value);
    }

    // Self is PrefixTrie or const PrefixTrie, so one body serves both overloads.
    template<class Self, class F> static bool visitCovering(Self &self, const Prefix &prefix, F &f)
    {
        assert(prefix.family() == self.m_family);
        const Key key = keyOf(prefix);
        std::uint32_t index = self.m_root;
        while (index != kNil) {
            const Node &node = self.m_nodes[index];
            if (node.length() > key.length || !keyMatches(node, key.high, key.low))
                break;
            // Copied before the callback: it holds a reference into the same vectors.
            const std::uint32_t next = node.length() == key.length
                                           ? kNil
                                           : node.child[bitAt(key.high, key.low, node.length())];
            if (node.value() != kNil
                && !detail::invokeVisitor(f, self.prefixOf(node), self.m_values[node.value()]))
                return false;
            index = next;
        }
        return true;
    }

    template<class Self, class F> static bool visitCovered(Self &self, const Prefix &prefix, F &f)
    {
        assert(prefix.family() == self.m_family);
        const Key key = keyOf(prefix);
        std::uint32_t index = self.m_root;
        while (index != kNil) {
            const Node &node = self.m_nodes[index];
            if (node.length() >= key.length) {
                // Everything below a node extends its key, so the whole subtree is inside.
                const bool inside = ((node.high() ^ key.high) & detail::highMask(key.length)) == 0
                                    && ((node.low() ^ key.low) & detail::lowMask(key.length)) == 0;
                return inside ? visitSubtree(self, index, f) : true;
            }
            if (!keyMatches(node, key.high, key.low))
                return true;
            index = node.child[bitAt(key.high, key.low, node.length())];
        }
        return true;
    }

    // Pre-order with the 0 branch first, which is exactly prefix order.
    template<class Self, class F> static bool visitSubtree(Self &self, std::uint32_t start, F &f)
    {
        if (start == kNil)
            return true;
        // Lengths strictly increase downwards, so a path has at most 129 nodes and the stack
        // holds at most one pending sibling per node on the current path, plus the node itself.
        std::array<std::uint32_t, 132> stack;
        std::size_t top = 0;
        stack[top++] = start;
        while (top > 0) {
            const std::uint32_t index = stack[--top];
            const Node &node = self.m_nodes[index];
            const std::uint32_t left = node.child[0];
            const std::uint32_t right = node.child[1];
            if (node.value() != kNil
                && !detail::invokeVisitor(f, self.prefixOf(node), self.m_values[node.value()]))
                return false;
            assert(top + 2 <= stack.size());
            if (right != kNil)
                stack[top++] = right;
            if (left != kNil)
                stack[top++] = left;
        }
        return true;
    }

    void setLink(std::uint32_t parent, int direction, std::uint32_t target) noexcept
    {
        if (parent == kNil)
            m_root = target;
        else
            m_nodes[parent].child[direction] = target;
    }

    // Grows the pool geometrically ourselves so that the next `count` newNode() calls neither
    // throw nor move the nodes.
    void reserveNodes(std::size_t count)
    {
        const std::size_t available = m_freeCount + (m_nodes.capacity() - m_nodes.size());
        if (available >= count)
            return;
        assert(m_nodes.size() + count < kNil);
        m_nodes.reserve(
            std::max<std::size_t>({m_nodes.size() + count, m_nodes.capacity() * 2, 16}));
    }

    std::uint32_t newNode(const Key &key, std::uint32_t value) noexcept
    {
        const Node node = Node::make(key.high, key.low, key.length, value);
        std::uint32_t index;
        if (m_freeHead != kNil) {
            index = m_freeHead;
            m_freeHead = m_nodes[index].child[0];
            --m_freeCount;
            m_nodes[index] = node;
        } else {
            assert(m_nodes.size() < m_nodes.capacity());
            index = static_cast<std::uint32_t>(m_nodes.size());
            m_nodes.push_back(node);
        }
        if (value != kNil)
            m_valueNode[value] = index;
        return index;
    }

    void freeNode(std::uint32_t index) noexcept
    {
        // Free nodes are chained through child[0].
        m_nodes[index] = Node::make(0, 0, 0, kNil, m_freeHead);
        m_freeHead = index;
        ++m_freeCount;
    }

    // Appends a value whose owner is set by the caller. Nothing changes if it throws.
    template<class... Args> std::uint32_t pushValue(Args &&...args)
    {
        if (m_values.size() >= Node::kMaxValues)
            throw std::length_error("PrefixTrie: too many prefixes for its node layout");
        m_valueNode.push_back(kNil);
        try {
            m_values.emplace_back(std::forward<Args>(args)...);
        } catch (...) {
            m_valueNode.pop_back();
            throw;
        }
        return static_cast<std::uint32_t>(m_values.size() - 1);
    }

    // Keeps the values dense: the last one moves into the hole.
    void popValue(std::uint32_t value)
    {
        const std::uint32_t last = static_cast<std::uint32_t>(m_values.size() - 1);
        if (value != last) {
            m_values[value] = std::move(m_values[last]);
            m_valueNode[value] = m_valueNode[last];
            m_nodes[m_valueNode[value]].setValue(value);
        }
        m_values.pop_back();
        m_valueNode.pop_back();
    }

    std::vector<Node> m_nodes;
    std::vector<T> m_values;
    std::vector<std::uint32_t> m_valueNode; // owning node of each value
    std::uint32_t m_root = kNil;
    std::uint32_t m_freeHead = kNil;
    std::uint32_t m_freeCount = 0;
    Family m_family;
};

template<class T, class Node> bool PrefixTrie<T, Node>::isConsistent() const
{
    const int maxLen = maxLength(m_family);
    std::size_t reachable = 0;
    std::size_t valued = 0;
    std::vector<std::uint32_t> stack;
    if (m_root != kNil)
        stack.push_back(m_root);
    while (!stack.empty()) {
        const std::uint32_t index = stack.back();
        stack.pop_back();
        if (index >= m_nodes.size() || ++reachable > m_nodes.size())
            return false;
        const Node &node = m_nodes[index];
        if (node.length() > maxLen || (node.high() & ~detail::highMask(node.length())) != 0
            || (node.low() & ~detail::lowMask(node.length())) != 0)
            return false;
        if (node.value() != kNil) {
            if (node.value() >= m_values.size() || m_valueNode[node.value()] != index)
                return false;
            ++valued;
        } else if (node.child[0] == kNil || node.child[1] == kNil) {
            return false; // a branching node must branch
        }
        for (int direction = 0; direction < 2; ++direction) {
            const std::uint32_t child = node.child[direction];
            if (child == kNil)
                continue;
            if (child >= m_nodes.size())
                return false;
            const Node &next = m_nodes[child];
            if (next.length() <= node.length() || !keyMatches(node, next.high(), next.low())
                || bitAt(next.high(), next.low(), node.length()) != direction)
                return false;
            stack.push_back(child);
        }
    }
    std::size_t freeNodes = 0;
    for (std::uint32_t index = m_freeHead; index != kNil; index = m_nodes[index].child[0]) {
        if (index >= m_nodes.size() || ++freeNodes > m_nodes.size())
            return false;
    }
    return valued == m_values.size() && m_valueNode.size() == m_values.size()
           && freeNodes == m_freeCount && reachable + freeNodes == m_nodes.size();
}

// Both families behind one interface; every call goes to the trie of the argument's family.
// The IPv4 trie uses 16-byte nodes.
template<class T> class PrefixMap
{
public:
    std::size_t size() const noexcept { return m_v4.size() + m_v6.size(); }
    std::size_t size(Family family) const noexcept
    {
        return family == Family::V4 ? m_v4.size() : m_v6.size();
    }
    bool empty() const noexcept { return m_v4.empty() && m_v6.empty(); }
    void clear() noexcept
    {
        m_v4.clear();
        m_v6.clear();
    }

    template<class... Args> std::pair<T *, bool> tryEmplace(const Prefix &prefix, Args &&...args)
    {
        return on(prefix.family(), [&](auto &trie) {
            return trie.tryEmplace(prefix, std::forward<Args>(args)...);
        });
    }
    bool insert(const Prefix &prefix, T value)
    {
        return on(prefix.family(), [&](auto &trie) { return trie.insert(prefix, std::move(value)); });
    }
    template<class V> T &insertOrAssign(const Prefix &prefix, V &&value)
    {
        return on(prefix.family(), [&](auto &trie) -> T & {
            return trie.insertOrAssign(prefix, std::forward<V>(value));
        });
    }
    T &operator[](const Prefix &prefix)
    {
        return on(prefix.family(), [&](auto &trie) -> T & { return trie[prefix]; });
    }
    bool erase(const Prefix &prefix)
    {
        return on(prefix.family(), [&](auto &trie) { return trie.erase(prefix); });
    }

    T *find(const Prefix &prefix)
    {
        return on(prefix.family(), [&](auto &trie) { return trie.find(prefix); });
    }
    const T *find(const Prefix &prefix) const
    {
        return on(prefix.family(), [&](const auto &trie) { return trie.find(prefix); });
    }
    bool contains(const Prefix &prefix) const
    {
        return on(prefix.family(), [&](const auto &trie) { return trie.contains(prefix); });
    }

    std::optional<std::pair<Prefix, T *>> longestMatch(const Address &address)
    {
        return on(address.family(), [&](auto &trie) { return trie.longestMatch(address); });
    }
    std::optional<std::pair<Prefix, const T *>> longestMatch(const Address &address) const
    {
        return on(address.family(), [&](const auto &trie) { return trie.longestMatch(address); });
    }
    std::optional<std::pair<Prefix, T *>> longestMatch(const Prefix &prefix)
    {
        return on(prefix.family(), [&](auto &trie) { return trie.longestMatch(prefix); });
    }
    std::optional<std::pair<Prefix, const T *>> longestMatch(const Prefix &prefix) const
    {
        return on(prefix.family(), [&](const auto &trie) { return trie.longestMatch(prefix); });
    }

    template<class F> bool forEachCovering(const Prefix &prefix, F &&f)
    {
        return on(prefix.family(), [&](auto &trie) { return trie.forEachCovering(prefix, f); });
    }
    template<class F> bool forEachCovering(const Prefix &prefix, F &&f) const
    {
        return on(prefix.family(),
                  [&](const auto &trie) { return trie.forEachCovering(prefix, f); });
    }
    template<class F> bool forEachCovered(const Prefix &prefix, F &&f)
    {
        return on(prefix.family(), [&](auto &trie) { return trie.forEachCovered(prefix, f); });
    }
    template<class F> bool forEachCovered(const Prefix &prefix, F &&f) const
    {
        return on(prefix.family(),
                  [&](const auto &trie) { return trie.forEachCovered(prefix, f); });
    }

    // IPv4 first, then IPv6: prefix order across both.
    template<class F> bool forEach(F &&f) { return m_v4.forEach(f) && m_v6.forEach(f); }
    template<class F> bool forEach(F &&f) const { return m_v4.forEach(f) && m_v6.forEach(f); }
    // One family's entries in prefix order.
    template<class F> bool forEach(Family family, F &&f)
    {
        return on(family, [&](auto &trie) { return trie.forEach(f); });
    }
    template<class F> bool forEach(Family family, F &&f) const
    {
        return on(family, [&](const auto &trie) { return trie.forEach(f); });
    }

    std::size_t memoryUsage() const noexcept { return m_v4.memoryUsage() + m_v6.memoryUsage(); }
    bool isConsistent() const { return m_v4.isConsistent() && m_v6.isConsistent(); }

private:
    template<class F> decltype(auto) on(Family family, F &&f)
    {
        return family == Family::V4 ? f(m_v4) : f(m_v6);
    }
    template<class F> decltype(auto) on(Family family, F &&f) const
    {
        return family == Family::V4 ? f(m_v4) : f(m_v6);
    }

    PrefixTrie<T, detail::NarrowTrieNode> m_v4{Family::V4};
    PrefixTrie<T> m_v6{Family::V6};
};

} // namespace bwx::net
