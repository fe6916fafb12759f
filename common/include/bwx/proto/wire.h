#pragma once
// Big-endian primitives for the protocol, the journal and snapshots. The reader never throws
// and never reads past its span: the first failure is remembered with the field it concerned,
// and every later read returns zero.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bwx::proto {

class WireWriter {
public:
    explicit WireWriter(std::vector<std::uint8_t>& out) : m_out(out) {}

    void u8(std::uint8_t v) { m_out.push_back(v); }
    void u16(std::uint16_t v);
    void u32(std::uint32_t v);
    void u64(std::uint64_t v);
    void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
    void bytes(std::span<const std::uint8_t> b) { m_out.insert(m_out.end(), b.begin(), b.end()); }
    // u16 length + UTF-8 bytes; longer strings are truncated at a character boundary.
    void str(std::string_view s);
    std::size_t size() const { return m_out.size(); }
    std::vector<std::uint8_t>& buffer() { return m_out; }

private:
    std::vector<std::uint8_t>& m_out;
};

class WireReader {
public:
    explicit WireReader(std::span<const std::uint8_t> in) : m_in(in) {}

    std::uint8_t u8(const char* field);
    std::uint16_t u16(const char* field);
    std::uint32_t u32(const char* field);
    std::uint64_t u64(const char* field);
    std::int64_t i64(const char* field) { return static_cast<std::int64_t>(u64(field)); }
    std::span<const std::uint8_t> bytes(std::size_t n, const char* field);
    std::string str(const char* field); // rejects invalid UTF-8 and NUL

    bool ok() const { return m_error.empty(); }
    bool atEnd() const { return m_pos == m_in.size(); }
    std::size_t remaining() const { return m_in.size() - m_pos; }
    std::size_t position() const { return m_pos; }
    // The first failure: "field 'price': 3 bytes left, 8 needed".
    const std::string& error() const { return m_error; }
    // True when the first failure was a value problem rather than running out of bytes.
    bool valueError() const { return m_valueError; }
    void fail(std::string message, bool valueError);

private:
    bool need(std::size_t n, const char* field);
    std::span<const std::uint8_t> m_in;
    std::size_t m_pos = 0;
    std::string m_error;
    bool m_valueError = false;
};

bool isValidUtf8(std::string_view s);

} // namespace bwx::proto
