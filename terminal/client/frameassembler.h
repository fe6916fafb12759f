#pragma once
// Reassembles protocol frames from a byte stream. TLS hands over whatever has arrived — half a
// header, or three frames and a bit — so bytes are appended and whole frames taken off the front.
// Kept free of sockets so every split of a stream can be tested.
#include <bwx/proto/codec.h>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace bwx::terminal {

class FrameAssembler
{
public:
    explicit FrameAssembler(std::uint32_t maxFrameSize = proto::kDefaultMaxFrameSize);

    void append(std::span<const std::uint8_t> bytes);

    // The next whole frame (Ok or BadMessage), a BadFrame, or nullopt when more bytes are
    // needed. After a BadFrame the frame boundary is lost: the assembler keeps returning it
    // until reset(), and the caller must drop the connection.
    std::optional<proto::Decoded> next();

    void reset();
    void setMaxFrameSize(std::uint32_t maxFrameSize) { m_maxFrameSize = maxFrameSize; }
    std::uint32_t maxFrameSize() const { return m_maxFrameSize; }
    std::size_t bufferedBytes() const { return m_buffer.size() - m_start; }
    bool isBroken() const { return m_broken.has_value(); }

private:
    void compact();

    std::vector<std::uint8_t> m_buffer;
    std::size_t m_start = 0; // bytes at the front already consumed
    std::uint32_t m_maxFrameSize;
    std::optional<proto::Decoded> m_broken;
};

} // namespace bwx::terminal
