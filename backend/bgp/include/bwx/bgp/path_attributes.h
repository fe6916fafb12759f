#pragma once
// A route's path attributes, parsed into typed fields. Decoded UPDATEs produce them and the
// encoder builds UPDATEs from them: a route is always re-encoded, never forwarded as raw bytes.
// Many routes share one attribute set, so sets are interned (attribute_pool.h) and compared and
// hashed as whole values here.
#include "bwx/bgp/constants.h"
#include "bwx/bgp/out_of_line.h"
#include "bwx/net/address.h"
#include "bwx/net/optional_address.h"

#include <compare>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bwx::bgp {

enum class Origin : std::uint8_t { Igp = 0, Egp = 1, Incomplete = 2 };

const char *originName(Origin origin) noexcept;

enum class SegmentType : std::uint8_t {
    AsSet = 1,
    AsSequence = 2,
    ConfedSequence = 3, // RFC 5065
    ConfedSet = 4,
};

// One segment of a stored path, viewed in place: its type and its ASes.
struct AsPathSegmentView
{
    SegmentType type = SegmentType::AsSequence;
    std::span<const Asn> asns;
};

// A segment that owns its ASes, for building paths.
struct AsPathSegment
{
    SegmentType type = SegmentType::AsSequence;
    std::vector<Asn> asns;

    friend bool operator==(const AsPathSegment &, const AsPathSegment &) = default;
};

// An AS path in one heap block: each segment is a header word (the type in the top 8 bits, the
// number of ASes in the low 24) followed by its ASes. Every interned attribute set holds a path,
// most of one short segment; a vector of segments each with a vector of ASes took two blocks.
// Segments are kept as received: a sequence sent as two segments differs from the same ASes
// sent as one.
class AsPath
{
public:
    class SegmentIterator
    {
    public:
        using iterator_concept = std::forward_iterator_tag;
        using iterator_category = std::input_iterator_tag; // yields views by value
        using value_type = AsPathSegmentView;
        using difference_type = std::ptrdiff_t;

        SegmentIterator() noexcept = default;
        explicit SegmentIterator(const std::uint32_t *header) noexcept
            : m_header(header)
        {}
        AsPathSegmentView operator*() const noexcept
        {
            return {static_cast<SegmentType>(*m_header >> kTypeShift),
                    {m_header + 1, *m_header & kCountMask}};
        }
        SegmentIterator &operator++() noexcept
        {
            m_header += 1 + (*m_header & kCountMask);
            return *this;
        }
        SegmentIterator operator++(int) noexcept
        {
            SegmentIterator before = *this;
            ++*this;
            return before;
        }
        friend bool operator==(const SegmentIterator &, const SegmentIterator &) = default;

    private:
        const std::uint32_t *m_header = nullptr;
    };

    // The segments in order; iterating allocates nothing.
    class Segments
    {
    public:
        Segments(const std::uint32_t *begin, const std::uint32_t *end) noexcept
            : m_begin(begin)
            , m_end(end)
        {}
        SegmentIterator begin() const noexcept { return SegmentIterator(m_begin); }
        SegmentIterator end() const noexcept { return SegmentIterator(m_end); }
        bool empty() const noexcept { return m_begin == m_end; }
        std::size_t size() const noexcept; // counts them: a walk over the headers

    private:
        const std::uint32_t *m_begin;
        const std::uint32_t *m_end;
    };

    AsPath() = default;
    explicit AsPath(const std::vector<AsPathSegment> &segments);
    // A path of one AS_SEQUENCE (empty list: the empty path).
    static AsPath sequence(std::initializer_list<Asn> asns);
    static AsPath sequence(std::span<const Asn> asns);

    Segments segments() const noexcept
    {
        return {m_words.data(), m_words.data() + m_words.size()};
    }
    bool empty() const noexcept { return m_words.empty(); }

    // Appends a segment of `count` ASes (fewer than 2^24) and returns them for the caller to
    // fill in; the span is valid until the path next changes.
    std::span<Asn> appendSegment(SegmentType type, std::size_t count);
    void appendSegment(SegmentType type, std::span<const Asn> asns);
    void removeLastSegment() noexcept;
    // Keeps the capacity, for a path that is decoded into again and again.
    void clear() noexcept { m_words.clear(); }
    void reserveWords(std::size_t words) { m_words.reserve(words); }
    // Heap bytes held.
    std::size_t memoryUsage() const noexcept { return m_words.capacity() * sizeof(std::uint32_t); }

    // RFC 4271 9.1.2.2: an AS_SET counts as one, confederation segments count as zero.
    int length() const noexcept;
    // The leftmost AS when the path starts with an AS_SEQUENCE (the neighbour that sent it).
    std::optional<Asn> firstAs() const noexcept;
    // The rightmost AS when the path ends in an AS_SEQUENCE; an aggregate ending in an AS_SET
    // has no single origin.
    std::optional<Asn> originAs() const noexcept;
    bool contains(Asn asn) const noexcept;
    bool hasWideAsn() const noexcept; // any AS that does not fit in 2 octets
    // "64500 64501 {64502,64503}" — the way BIRD and GoBGP print paths.
    std::string toString() const;
    // The stored words (segment headers and ASes), for hashing.
    std::span<const std::uint32_t> words() const noexcept { return m_words; }

    friend bool operator==(const AsPath &, const AsPath &) = default;

private:
    static constexpr unsigned kTypeShift = 24;
    static constexpr std::uint32_t kCountMask = (std::uint32_t{1} << kTypeShift) - 1;

    std::vector<std::uint32_t> m_words;
};

struct Aggregator
{
    Asn asn = 0;
    std::uint32_t address = 0; // IPv4, host order

    friend bool operator==(const Aggregator &, const Aggregator &) = default;
};

// RFC 1997: high 16 bits an AS, low 16 bits a value.
using Community = std::uint32_t;

struct LargeCommunity // RFC 8092
{
    std::uint32_t global = 0;
    std::uint32_t local1 = 0;
    std::uint32_t local2 = 0;

    friend auto operator<=>(const LargeCommunity &, const LargeCommunity &) = default;
};

// An optional transitive attribute this speaker does not understand: kept so it can be passed
// on (with the Partial bit set), as RFC 4271 5 requires.
struct RawAttribute
{
    std::uint8_t flags = 0;
    std::uint8_t type = 0;
    std::vector<std::uint8_t> value;

    friend bool operator==(const RawAttribute &, const RawAttribute &) = default;
};

// The attributes that routes on a route server's external sessions seldom carry. They live out
// of line (OutOfLine): a set without any of them allocates nothing for them.
struct RareAttributes
{
    // IPv6 routes: the link-local next hop, when the peer sent 32 bytes (RFC 2545).
    net::OptionalAddress linkLocalNextHop;
    // Sent and used on internal sessions only (RFC 4271 5.1.5).
    std::optional<std::uint32_t> localPref;
    std::optional<Aggregator> aggregator;
    // RFC 4456, meaningful on internal sessions only.
    std::optional<std::uint32_t> originatorId;
    std::vector<std::uint32_t> clusterList;
    // Unrecognised optional transitive attributes, in the order received (distinct types).
    std::vector<RawAttribute> unknown;

    bool empty() const noexcept
    {
        return !linkLocalNextHop && !localPref && !aggregator && !originatorId
               && clusterList.empty() && unknown.empty();
    }
    friend bool operator==(const RareAttributes &, const RareAttributes &) = default;
};

// A plain value: copies are deep, and two sets are equal when every attribute is, whether or not
// the rare part of either has been allocated.
struct PathAttributes
{
    AsPath asPath;
    std::vector<Community> communities;
    std::vector<LargeCommunity> largeCommunities;
    // IPv4 routes: NEXT_HOP. IPv6 routes: the global next hop of MP_REACH_NLRI.
    net::OptionalAddress nextHop;
    std::optional<std::uint32_t> med;
    Origin origin = Origin::Igp;
    bool atomicAggregate = false;

    // The rare attributes for reading: empty ones when none were written.
    const RareAttributes &rare() const noexcept { return m_rare.get(); }
    // Whether the rare part is allocated (it may still be empty).
    bool hasRare() const noexcept { return m_rare.allocated(); }
    // For writing; allocates the rare part on first use.
    RareAttributes &mutableRare() { return m_rare.edit(); }
    // Frees the rare part if nothing is left in it.
    void dropEmptyRare() noexcept { m_rare.dropIfEmpty(); }

    const net::OptionalAddress &linkLocalNextHop() const noexcept
    {
        return rare().linkLocalNextHop;
    }
    const std::optional<std::uint32_t> &localPref() const noexcept { return rare().localPref; }
    const std::optional<Aggregator> &aggregator() const noexcept { return rare().aggregator; }
    const std::optional<std::uint32_t> &originatorId() const noexcept
    {
        return rare().originatorId;
    }
    const std::vector<std::uint32_t> &clusterList() const noexcept { return rare().clusterList; }
    const std::vector<RawAttribute> &unknown() const noexcept { return rare().unknown; }

    std::size_t hash() const noexcept;
    friend bool operator==(const PathAttributes &, const PathAttributes &) = default;

private:
    OutOfLine<RareAttributes> m_rare;
};

// Every route holds one of these per distinct set (the pool interns them, about 90,000 in a
// 10-member fan-out of 50,000 routes each): 120 bytes plus the shared pointer's 16-byte control
// block fit glibc's 144-byte chunk, where the 232 bytes with every attribute inline took 256.
// Growing past 120 moves every set to the next chunk size.
static_assert(sizeof(PathAttributes) <= 120);

std::string communityToString(Community c);
std::string largeCommunityToString(const LargeCommunity &c);

} // namespace bwx::bgp
