#include "client/frameassembler.h"

namespace bwx::terminal {

namespace {
// Consumed bytes are dropped in bulk rather than after every frame, so a burst of small frames
// costs one move instead of one per frame.
constexpr std::size_t kCompactThreshold = 64 * 1024;
} // namespace

FrameAssembler::FrameAssembler(std::uint32_t maxFrameSize)
    : m_maxFrameSize(maxFrameSize)
{}

void FrameAssembler::append(std::span<const std::uint8_t> bytes)
{
    if (m_broken)
        return;
    m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
}

std::optional<proto::Decoded> FrameAssembler::next()
{
    if (m_broken)
        return m_broken;
    const std::span<const std::uint8_t> pending(m_buffer.data() + m_start,
                                                m_buffer.size() - m_start);
    proto::Decoded decoded = proto::decodeFrame(pending, m_maxFrameSize);
    switch (decoded.status) {
    case proto::DecodeStatus::NeedMore:
        compact();
        return std::nullopt;
    case proto::DecodeStatus::BadFrame:
        m_broken = decoded;
        m_buffer.clear();
        m_start = 0;
        return decoded;
    case proto::DecodeStatus::Ok:
    case proto::DecodeStatus::BadMessage:
        m_start += decoded.consumed;
        if (m_start == m_buffer.size()) {
            m_buffer.clear();
            m_start = 0;
        }
        return decoded;
    }
    return std::nullopt;
}

void FrameAssembler::reset()
{
    m_buffer.clear();
    m_start = 0;
    m_broken.reset();
}

void FrameAssembler::compact()
{
    if (m_start < kCompactThreshold)
        return;
    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(m_start));
    m_start = 0;
}

} // namespace bwx::terminal
