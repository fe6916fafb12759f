#include "bwx/registry/origin_validation.h"

namespace bwx::registry {

namespace {

// Entries are sorted by prefix first, so each prefix's entries form one run.
template<class Entry>
void buildIndex(const std::vector<Entry> &entries, net::PrefixMap<detail::EntryRange> &index)
{
    std::size_t i = 0;
    while (i < entries.size()) {
        std::size_t j = i + 1;
        while (j < entries.size() && entries[j].prefix == entries[i].prefix)
            ++j;
        index.insert(entries[i].prefix,
                     {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)});
        i = j;
    }
}

} // namespace

RpkiValidator::RpkiValidator(VrpSet set)
    : m_set(std::move(set))
{
    buildIndex(m_set.entries(), m_index);
}

RpkiState RpkiValidator::validate(const net::Prefix &route,
                                  std::optional<std::uint32_t> origin) const
{
    const auto &vrps = m_set.entries();
    bool covered = false;
    bool matched = false;
    m_index.forEachCovering(route, [&](const net::Prefix &, const detail::EntryRange &range) {
        covered = true;
        for (std::uint32_t k = 0; k < range.count; ++k) {
            const Vrp &vrp = vrps[range.begin + k];
            if (origin && vrp.asn != 0 && vrp.asn == *origin && route.length() <= vrp.maxLength) {
                matched = true;
                return false;
            }
        }
        return true;
    });
    return matched ? RpkiState::Valid : covered ? RpkiState::Invalid : RpkiState::NotFound;
}

std::vector<Vrp> RpkiValidator::covering(const net::Prefix &route) const
{
    std::vector<Vrp> out;
    const auto &vrps = m_set.entries();
    m_index.forEachCovering(route, [&](const net::Prefix &, const detail::EntryRange &range) {
        out.insert(out.end(), vrps.begin() + range.begin, vrps.begin() + range.begin + range.count);
    });
    return out;
}

std::size_t RpkiValidator::memoryUsage() const noexcept
{
    return m_set.entries().capacity() * sizeof(Vrp) + m_index.memoryUsage();
}

IrrValidator::IrrValidator(IrrSet set)
    : m_set(std::move(set))
{
    buildIndex(m_set.entries(), m_index);
}

IrrState IrrValidator::validate(const net::Prefix &route,
                                std::optional<std::uint32_t> origin,
                                bool allowMoreSpecifics) const
{
    const auto &routes = m_set.entries();
    bool considered = false;
    bool matched = false;
    const auto visit = [&](const detail::EntryRange &range) {
        considered = true;
        for (std::uint32_t k = 0; k < range.count; ++k) {
            if (origin && routes[range.begin + k].origin == *origin) {
                matched = true;
                return false;
            }
        }
        return true;
    };
    if (allowMoreSpecifics) {
        m_index.forEachCovering(route, [&](const net::Prefix &, const detail::EntryRange &range) {
            return visit(range);
        });
    } else if (const detail::EntryRange *range = m_index.find(route)) {
        visit(*range);
    }
    return matched ? IrrState::Valid : considered ? IrrState::Invalid : IrrState::NotFound;
}

std::vector<IrrRoute> IrrValidator::considered(const net::Prefix &route,
                                               bool allowMoreSpecifics) const
{
    std::vector<IrrRoute> out;
    const auto &routes = m_set.entries();
    const auto take = [&](const detail::EntryRange &range) {
        out.insert(out.end(), routes.begin() + range.begin,
                   routes.begin() + range.begin + range.count);
    };
    if (allowMoreSpecifics)
        m_index.forEachCovering(route,
                                [&](const net::Prefix &, const detail::EntryRange &r) { take(r); });
    else if (const detail::EntryRange *range = m_index.find(route))
        take(*range);
    return out;
}

std::size_t IrrValidator::memoryUsage() const noexcept
{
    return m_set.entries().capacity() * sizeof(IrrRoute) + m_index.memoryUsage();
}

} // namespace bwx::registry
