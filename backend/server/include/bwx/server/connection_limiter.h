#pragma once
// Caps on concurrent connections, in total and per source address, counted from accept to the
// end of the session (before any TLS work, so a flood of half-open handshakes is capped too).
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace bwx::server {

class ConnectionLimiter : public std::enable_shared_from_this<ConnectionLimiter>
{
public:
    // Held by a session; gives the connection back when destroyed.
    class Slot
    {
    public:
        Slot() = default;
        Slot(std::shared_ptr<ConnectionLimiter> owner, std::string address)
            : m_owner(std::move(owner))
            , m_address(std::move(address))
        {}
        Slot(Slot &&other) noexcept = default;
        Slot &operator=(Slot &&other) noexcept
        {
            release();
            m_owner = std::move(other.m_owner);
            m_address = std::move(other.m_address);
            return *this;
        }
        Slot(const Slot &) = delete;
        Slot &operator=(const Slot &) = delete;
        ~Slot() { release(); }

        bool valid() const { return m_owner != nullptr; }

    private:
        void release()
        {
            if (auto owner = std::move(m_owner))
                owner->release(m_address);
        }
        std::shared_ptr<ConnectionLimiter> m_owner;
        std::string m_address;
    };

    // A slot, or an invalid one with `refusal` saying which cap was hit.
    Slot tryAcquire(const std::string &address,
                    std::uint32_t maxTotal,
                    std::uint32_t maxPerAddress,
                    std::string &refusal)
    {
        std::lock_guard lock(m_mutex);
        if (m_total >= maxTotal) {
            refusal = "connection limit reached (" + std::to_string(maxTotal) + " connections)";
            return {};
        }
        auto &count = m_perAddress[address];
        if (count >= maxPerAddress) {
            refusal = "per-address connection limit reached (" + std::to_string(maxPerAddress)
                      + " from " + address + ")";
            if (count == 0)
                m_perAddress.erase(address);
            return {};
        }
        ++count;
        ++m_total;
        return Slot(shared_from_this(), address);
    }

    std::uint32_t total() const
    {
        std::lock_guard lock(m_mutex);
        return m_total;
    }

private:
    void release(const std::string &address)
    {
        std::lock_guard lock(m_mutex);
        --m_total;
        const auto it = m_perAddress.find(address);
        if (it != m_perAddress.end() && --it->second == 0)
            m_perAddress.erase(it);
    }

    mutable std::mutex m_mutex;
    std::uint32_t m_total = 0;
    std::unordered_map<std::string, std::uint32_t> m_perAddress;
};

} // namespace bwx::server
