#pragma once
// Layout of one journal record (big-endian, like the wire protocol):
//
//   u32 length   bytes after the CRC field: 22 + body size
//   u32 crc      CRC-32C of the length field followed by everything after the CRC field
//   u64 seq
//   i64 time     nanoseconds since the Unix epoch, assigned by the sequencer
//   u32 member
//   u16 type     proto::MessageType of the body
//   body         proto::encodeBody of the command
//
// The CRC covers the length so that a damaged length is reported as a CRC mismatch rather than
// silently re-framing the rest of the batch.
#include <cstddef>
#include <cstdint>

namespace bwx::store::record {

inline constexpr std::size_t kPrefixSize = 8;            // length + crc
inline constexpr std::size_t kFixedSize = 8 + 8 + 4 + 2; // seq, time, member, type
inline constexpr std::size_t kHeaderSize = kPrefixSize + kFixedSize;
// Commands are small; anything near this is damage, not data. Bounds what a damaged length
// can make a reader believe.
inline constexpr std::size_t kMaxBodySize = 16u << 20;

} // namespace bwx::store::record
