#pragma once
// A member's client order ids → order ids. Clients normally number their orders upwards, so
// ids above the highest seen are appended to a sorted vector: the usual new order costs no
// lookup at all and its insert touches the end of one array, instead of a random slot of a
// table that holds every order ever placed. Ids that arrive out of order go to a hash map.
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "flat_map.h"

namespace bwx::market::detail {

class ClientIndex
{
public:
    // 0 when absent (order ids start at 1).
    std::uint64_t find(std::uint64_t clientOrderId) const noexcept
    {
        if (m_ascending.empty() || clientOrderId > m_ascending.back().first)
            return 0;
        const auto it = std::lower_bound(m_ascending.begin(), m_ascending.end(),
                                         std::make_pair(clientOrderId, std::uint64_t{0}));
        if (it != m_ascending.end() && it->first == clientOrderId)
            return it->second;
        const std::uint64_t *other = m_others.find(clientOrderId);
        return other == nullptr ? 0 : *other;
    }

    // The id must be absent.
    void insert(std::uint64_t clientOrderId, std::uint64_t orderId)
    {
        if (m_ascending.empty() || clientOrderId > m_ascending.back().first)
            m_ascending.emplace_back(clientOrderId, orderId);
        else
            m_others.tryEmplace(clientOrderId, orderId);
    }

    std::size_t size() const noexcept { return m_ascending.size() + m_others.size(); }

private:
    struct Hash
    {
        std::size_t operator()(std::uint64_t v) const noexcept { return static_cast<std::size_t>(mix64(v)); }
    };
    std::vector<std::pair<std::uint64_t, std::uint64_t>> m_ascending;
    FlatMap<std::uint64_t, std::uint64_t, Hash> m_others;
};

} // namespace bwx::market::detail
