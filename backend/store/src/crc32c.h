#pragma once
// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of iSCSI, ext4 and
// RocksDB: better error detection than CRC-32 (IEEE) for the short records the journal holds.
#include <cstdint>
#include <span>

namespace bwx::store {

// CRC-32C of `data`. Passing the result of an earlier call as `previous` continues the
// checksum, so crc32c(b, crc32c(a)) == crc32c(a followed by b).
std::uint32_t crc32c(std::span<const std::uint8_t> data, std::uint32_t previous = 0) noexcept;

} // namespace bwx::store
