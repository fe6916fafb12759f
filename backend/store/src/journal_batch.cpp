#include "bwx/proto/wire.h"
#include "bwx/store/journal.h"
#include "crc32c.h"
#include "record_format.h"

#include <stdexcept>

namespace bwx::store {
namespace {

std::uint32_t readU32(const std::uint8_t *p)
{
    return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16
           | static_cast<std::uint32_t>(p[2]) << 8 | static_cast<std::uint32_t>(p[3]);
}

std::uint64_t readU64(const std::uint8_t *p)
{
    return static_cast<std::uint64_t>(readU32(p)) << 32 | readU32(p + 4);
}

std::string hex32(std::uint32_t v)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s = "0x00000000";
    for (int i = 9; i >= 2; --i) {
        s[static_cast<std::size_t>(i)] = kDigits[v & 0xFu];
        v >>= 4;
    }
    return s;
}

} // namespace

void JournalBatch::add(Seq seq,
                       Timestamp time,
                       MemberId member,
                       std::uint16_t type,
                       std::span<const std::uint8_t> body)
{
    // A batch is a contiguous run by construction, so the journal only has to check its ends.
    if (seq.value() == 0)
        throw std::invalid_argument("journal batch: seq 0 is not a valid sequence number");
    if (m_count > 0 && seq.value() != m_last.value() + 1)
        throw std::invalid_argument("journal batch: seq " + std::to_string(seq.value())
                                    + " does not follow " + std::to_string(m_last.value()));
    if (body.size() > record::kMaxBodySize)
        throw std::invalid_argument("journal batch: body of seq " + std::to_string(seq.value())
                                    + " is " + std::to_string(body.size())
                                    + " bytes, more than the limit of "
                                    + std::to_string(record::kMaxBodySize));

    const std::size_t start = m_bytes.size();
    proto::WireWriter w(m_bytes);
    w.u32(static_cast<std::uint32_t>(record::kFixedSize + body.size()));
    w.u32(0); // CRC, filled in below once the covered bytes exist
    w.u64(seq.value());
    w.i64(time.value());
    w.u32(member.value());
    w.u16(type);
    w.bytes(body);

    std::uint8_t *rec = m_bytes.data() + start;
    std::uint32_t crc = crc32c(std::span<const std::uint8_t>(rec, 4));
    crc = crc32c(std::span<const std::uint8_t>(rec + record::kPrefixSize,
                                               m_bytes.size() - start - record::kPrefixSize),
                 crc);
    rec[4] = static_cast<std::uint8_t>(crc >> 24);
    rec[5] = static_cast<std::uint8_t>(crc >> 16);
    rec[6] = static_cast<std::uint8_t>(crc >> 8);
    rec[7] = static_cast<std::uint8_t>(crc);

    if (m_count == 0)
        m_first = seq;
    m_last = seq;
    ++m_count;
}

void JournalBatch::clear()
{
    m_bytes.clear();
    m_count = 0;
    m_first = Seq{};
    m_last = Seq{};
}

BatchParse parseBatch(std::span<const std::uint8_t> bytes)
{
    BatchParse result;
    std::size_t offset = 0;
    std::size_t index = 0;
    while (offset < bytes.size()) {
        const std::string where
            = "record " + std::to_string(index) + " at offset " + std::to_string(offset);
        const std::size_t left = bytes.size() - offset;
        if (left < record::kPrefixSize) {
            result.error = where + ": truncated: " + std::to_string(left)
                           + " bytes left, the record header needs "
                           + std::to_string(record::kPrefixSize);
            return result;
        }
        const std::uint8_t *p = bytes.data() + offset;
        const std::uint32_t length = readU32(p);
        if (length < record::kFixedSize || length > record::kFixedSize + record::kMaxBodySize) {
            result.error = where + ": bad length " + std::to_string(length) + " (must be "
                           + std::to_string(record::kFixedSize) + " to "
                           + std::to_string(record::kFixedSize + record::kMaxBodySize) + ")";
            return result;
        }
        if (length > left - record::kPrefixSize) {
            result.error = where + ": truncated: length says " + std::to_string(length) + " bytes, "
                           + std::to_string(left - record::kPrefixSize) + " left";
            return result;
        }
        const std::uint32_t stored = readU32(p + 4);
        std::uint32_t computed = crc32c(std::span<const std::uint8_t>(p, 4));
        computed = crc32c(std::span<const std::uint8_t>(p + record::kPrefixSize, length), computed);
        const std::uint64_t seq = readU64(p + 8);
        if (stored != computed) {
            // The seq field itself may be what is damaged, so it is reported as read.
            result.error = where + " (seq field reads " + std::to_string(seq)
                           + "): CRC mismatch: stored " + hex32(stored) + ", computed "
                           + hex32(computed);
            return result;
        }
        JournalRecord rec;
        rec.seq = Seq(seq);
        rec.time = Timestamp(static_cast<std::int64_t>(readU64(p + 16)));
        rec.member = MemberId(readU32(p + 24));
        rec.type = static_cast<std::uint16_t>(static_cast<unsigned>(p[28]) << 8 | p[29]);
        rec.body
            = std::span<const std::uint8_t>(p + record::kHeaderSize, length - record::kFixedSize);
        result.records.push_back(rec);
        offset += record::kPrefixSize + length;
        ++index;
    }
    return result;
}

} // namespace bwx::store
