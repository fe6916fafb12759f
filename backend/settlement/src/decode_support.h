#pragma once
// Small helpers every decoder uses to report an error and to roll back its output.
#include "bwx/settlement/decode_result.h"

#include <string>
#include <vector>

namespace bwx::settlement::detail {

inline DecodeResult &
fail(DecodeResult &result, DecodeError error, std::size_t offset, std::string message)
{
    result.error = error;
    result.offset = offset;
    result.message = std::move(message);
    return result;
}

// Restores `out` to its size at construction unless released.
class OutputGuard
{
public:
    explicit OutputGuard(std::vector<FlowRecord> &out) noexcept
        : m_out(out)
        , m_size(out.size())
    {}
    ~OutputGuard()
    {
        if (!m_released)
            m_out.resize(m_size);
    }
    OutputGuard(const OutputGuard &) = delete;
    OutputGuard &operator=(const OutputGuard &) = delete;
    void release() noexcept { m_released = true; }
    std::size_t added() const noexcept { return m_out.size() - m_size; }

private:
    std::vector<FlowRecord> &m_out;
    std::size_t m_size;
    bool m_released = false;
};

inline Timestamp fromMillis(std::int64_t ms) noexcept
{
    return Timestamp(ms * 1'000'000);
}

} // namespace bwx::settlement::detail
