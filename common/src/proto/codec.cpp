#include "bwx/proto/codec.h"

#include <type_traits>
#include <utility>

#include "bwx/proto/wire.h"

namespace bwx::proto {
namespace {

// Enumerations are checked against their defined values on decode, so nothing downstream ever
// sees an out-of-range enum.
bool isValidEnum(Side v) { return v == Side::Buy || v == Side::Sell; }
bool isValidEnum(OrderType v) { return v == OrderType::Limit || v == OrderType::Market; }
bool isValidEnum(TimeInForce v) { auto x = static_cast<unsigned>(v); return x >= 1 && x <= 4; }
bool isValidEnum(OrderStatus v) { auto x = static_cast<unsigned>(v); return x >= 1 && x <= 7; }
bool isValidEnum(TrafficType v) { return static_cast<unsigned>(v) <= 3; }
bool isValidEnum(RankingMode v) { auto x = static_cast<unsigned>(v); return x >= 1 && x <= 3; }
bool isValidEnum(Role v) { return v == Role::Member || v == Role::Admin; }
bool isValidEnum(DestinationKind v) { auto x = static_cast<unsigned>(v); return x >= 1 && x <= 3; }
bool isValidEnum(RouteClass v) { auto x = static_cast<unsigned>(v); return x >= 1 && x <= 3; }
bool isValidEnum(ResultCode v) { return isKnown(static_cast<std::uint16_t>(v)); }
bool isValidEnum(TradeState v) { auto x = static_cast<unsigned>(v); return x >= 1 && x <= 5; }
bool isValidEnum(BookAction v) { auto x = static_cast<unsigned>(v); return x >= 1 && x <= 3; }
bool isValidEnum(MemberStatus v) { return v == MemberStatus::Active || v == MemberStatus::Suspended; }
bool isValidEnum(net::Family v) { return v == net::Family::V4 || v == net::Family::V6; }
bool isValidEnum(BgpState v) { auto x = static_cast<unsigned>(v); return x >= 1 && x <= 6; }
bool isValidEnum(ValidationState v) { return static_cast<unsigned>(v) <= 3; }
bool isValidEnum(RouteAction v) { return v == RouteAction::Announce || v == RouteAction::Withdraw; }
bool isValidEnum(ExportRole v) { return v == ExportRole::SellerRouteToBuyer || v == ExportRole::BuyerPrefixToSeller; }
bool isValidEnum(QualityState v) { return static_cast<unsigned>(v) <= 3; }
bool isValidEnum(QualitySource v) { auto x = static_cast<unsigned>(v); return x >= 1 && x <= 4; }
bool isValidEnum(QualityGranularity v) { return static_cast<unsigned>(v) <= 3; }
bool isValidEnum(MeasurementFormat v) { auto x = static_cast<unsigned>(v); return x >= 1 && x <= 3; }
bool isValidEnum(DocumentFormat v) { return v == DocumentFormat::Csv || v == DocumentFormat::Pdf; }

template <class T>
concept HasFields = requires(T t, int& a) { t.fields(a); };

template <class T> struct IsVector : std::false_type {};
template <class T> struct IsVector<std::vector<T>> : std::true_type {};

template <class Tag, class Rep>
constexpr bool isStrongInt(const StrongInt<Tag, Rep>*) { return true; }
constexpr bool isStrongInt(const void*) { return false; }
template <class T>
inline constexpr bool kIsStrongInt = isStrongInt(static_cast<const T*>(nullptr));

template <class Int>
void writeInt(WireWriter& w, Int v)
{
    if constexpr (sizeof(Int) == 1)
        w.u8(static_cast<std::uint8_t>(v));
    else if constexpr (sizeof(Int) == 2)
        w.u16(static_cast<std::uint16_t>(v));
    else if constexpr (sizeof(Int) == 4)
        w.u32(static_cast<std::uint32_t>(v));
    else
        w.u64(static_cast<std::uint64_t>(v));
}

template <class Int>
Int readInt(WireReader& r, const char* field)
{
    if constexpr (sizeof(Int) == 1)
        return static_cast<Int>(r.u8(field));
    else if constexpr (sizeof(Int) == 2)
        return static_cast<Int>(r.u16(field));
    else if constexpr (sizeof(Int) == 4)
        return static_cast<Int>(r.u32(field));
    else
        return static_cast<Int>(r.u64(field));
}

// Prefix on the wire: u8 family (4|6), u8 length, then only the significant address bytes
// (as in BGP NLRI), so a /24 takes 5 bytes.
void writePrefix(WireWriter& w, const net::Prefix& p)
{
    w.u8(static_cast<std::uint8_t>(p.family()));
    w.u8(static_cast<std::uint8_t>(p.length()));
    std::uint8_t bytes[16] = {};
    p.address().toBytes(bytes);
    const std::size_t n = (static_cast<std::size_t>(p.length()) + 7) / 8;
    w.bytes(std::span<const std::uint8_t>(bytes, n));
}

net::Prefix readPrefix(WireReader& r, const char* field)
{
    const auto fam = static_cast<net::Family>(r.u8(field));
    const int len = r.u8(field);
    if (!r.ok())
        return {};
    if (!isValidEnum(fam)) {
        r.fail("field '" + std::string(field) + "': address family " + std::to_string(static_cast<int>(fam))
                   + " is neither 4 nor 6",
               true);
        return {};
    }
    if (len > net::maxLength(fam)) {
        r.fail("field '" + std::string(field) + "': prefix length " + std::to_string(len) + " out of range 0-"
                   + std::to_string(net::maxLength(fam)),
               true);
        return {};
    }
    const std::size_t n = (static_cast<std::size_t>(len) + 7) / 8;
    auto b = r.bytes(n, field);
    if (!r.ok())
        return {};
    std::uint8_t full[16] = {};
    for (std::size_t i = 0; i < n; ++i)
        full[i] = b[i];
    const auto addr = net::Address::fromBytes(fam, std::span<const std::uint8_t>(full, fam == net::Family::V4 ? 4 : 16));
    auto p = net::Prefix::make(addr, len);
    if (!p) {
        r.fail("field '" + std::string(field) + "': " + p.error(), true);
        return {};
    }
    return *p;
}

struct Encoder {
    WireWriter& w;

    template <class T>
    void operator()(const T& v, const char* field)
    {
        if constexpr (std::is_same_v<T, bool>) {
            w.u8(v ? 1 : 0);
        } else if constexpr (std::is_integral_v<T>) {
            writeInt(w, v);
        } else if constexpr (std::is_enum_v<T>) {
            writeInt(w, static_cast<std::underlying_type_t<T>>(v));
        } else if constexpr (kIsStrongInt<T>) {
            writeInt(w, v.value());
        } else if constexpr (std::is_same_v<T, std::string>) {
            w.str(v);
        } else if constexpr (std::is_same_v<T, net::Prefix>) {
            writePrefix(w, v);
        } else if constexpr (std::is_same_v<T, Destination>) {
            (*this)(v.kind, field);
            switch (v.kind) {
            case DestinationKind::Prefix: writePrefix(w, v.prefix); break;
            case DestinationKind::OriginAsn: (*this)(v.family, field); w.u32(v.originAsn); break;
            case DestinationKind::RouteClass: (*this)(v.family, field); (*this)(v.routeClass, field); break;
            }
        } else if constexpr (IsVector<T>::value) {
            w.u32(static_cast<std::uint32_t>(v.size()));
            for (const auto& e : v)
                (*this)(e, field);
        } else {
            static_assert(HasFields<T>, "no wire encoding for this type");
            // fields() is shared with the decoder and so not const; the encoder only reads.
            const_cast<T&>(v).fields(*this);
        }
    }
};

struct Decoder {
    WireReader& r;

    template <class T>
    void operator()(T& v, const char* field)
    {
        if (!r.ok())
            return;
        if constexpr (std::is_same_v<T, bool>) {
            const auto b = r.u8(field);
            if (b > 1)
                r.fail("field '" + std::string(field) + "': flag must be 0 or 1, got " + std::to_string(b), true);
            v = b == 1;
        } else if constexpr (std::is_integral_v<T>) {
            v = readInt<T>(r, field);
        } else if constexpr (std::is_enum_v<T>) {
            using U = std::underlying_type_t<T>;
            const U raw = readInt<U>(r, field);
            v = static_cast<T>(raw);
            if (r.ok() && !isValidEnum(v))
                r.fail("field '" + std::string(field) + "': " + std::to_string(raw) + " is not a defined value", true);
        } else if constexpr (kIsStrongInt<T>) {
            v = T(readInt<typename T::rep>(r, field));
        } else if constexpr (std::is_same_v<T, std::string>) {
            v = r.str(field);
        } else if constexpr (std::is_same_v<T, net::Prefix>) {
            v = readPrefix(r, field);
        } else if constexpr (std::is_same_v<T, Destination>) {
            (*this)(v.kind, field);
            if (!r.ok())
                return;
            switch (v.kind) {
            case DestinationKind::Prefix:
                v.prefix = readPrefix(r, field);
                v.family = v.prefix.family();
                break;
            case DestinationKind::OriginAsn:
                (*this)(v.family, field);
                v.originAsn = r.u32(field);
                break;
            case DestinationKind::RouteClass:
                (*this)(v.family, field);
                (*this)(v.routeClass, field);
                break;
            }
        } else if constexpr (IsVector<T>::value) {
            const std::uint32_t n = r.u32(field);
            // Every element takes at least one byte, so a count beyond the bytes left is a lie;
            // checking first keeps a hostile count from reserving gigabytes.
            if (n > r.remaining()) {
                r.fail("field '" + std::string(field) + "': " + std::to_string(n) + " elements announced, only "
                           + std::to_string(r.remaining()) + " bytes left",
                       false);
                return;
            }
            v.clear();
            v.reserve(n);
            for (std::uint32_t i = 0; i < n && r.ok(); ++i) {
                v.emplace_back();
                (*this)(v.back(), field);
            }
        } else {
            static_assert(HasFields<T>, "no wire decoding for this type");
            v.fields(*this);
        }
    }
};

template <class M>
void decodeAs(WireReader& r, Message& out)
{
    M m{};
    Decoder d{r};
    m.fields(d);
    out = std::move(m);
}

using DecodeFn = void (*)(WireReader&, Message&);

template <std::size_t... I>
DecodeFn findDecoder(std::uint16_t type, std::index_sequence<I...>)
{
    DecodeFn fn = nullptr;
    ((static_cast<std::uint16_t>(std::variant_alternative_t<I, Message>::kType) == type
          ? (fn = &decodeAs<std::variant_alternative_t<I, Message>>, 0)
          : 0),
     ...);
    return fn;
}

} // namespace

void writeHeader(std::uint8_t* out, const FrameHeader& h)
{
    out[0] = static_cast<std::uint8_t>(h.length >> 24);
    out[1] = static_cast<std::uint8_t>(h.length >> 16);
    out[2] = static_cast<std::uint8_t>(h.length >> 8);
    out[3] = static_cast<std::uint8_t>(h.length);
    out[4] = static_cast<std::uint8_t>(h.type >> 8);
    out[5] = static_cast<std::uint8_t>(h.type);
    out[6] = static_cast<std::uint8_t>(h.flags >> 8);
    out[7] = static_cast<std::uint8_t>(h.flags);
    out[8] = static_cast<std::uint8_t>(h.requestId >> 24);
    out[9] = static_cast<std::uint8_t>(h.requestId >> 16);
    out[10] = static_cast<std::uint8_t>(h.requestId >> 8);
    out[11] = static_cast<std::uint8_t>(h.requestId);
}

FrameHeader readHeader(const std::uint8_t* in)
{
    FrameHeader h;
    h.length = (std::uint32_t{in[0]} << 24) | (std::uint32_t{in[1]} << 16) | (std::uint32_t{in[2]} << 8) | in[3];
    h.type = static_cast<std::uint16_t>((in[4] << 8) | in[5]);
    h.flags = static_cast<std::uint16_t>((in[6] << 8) | in[7]);
    h.requestId = (std::uint32_t{in[8]} << 24) | (std::uint32_t{in[9]} << 16) | (std::uint32_t{in[10]} << 8) | in[11];
    return h;
}

void encodeBody(const Message& message, std::vector<std::uint8_t>& out)
{
    WireWriter w(out);
    Encoder e{w};
    std::visit([&](const auto& m) { e(m, "message"); }, message);
}

void encodeFrame(const Message& message, std::uint32_t requestId, std::vector<std::uint8_t>& out)
{
    const std::size_t start = out.size();
    out.resize(start + kHeaderSize);
    encodeBody(message, out);
    FrameHeader h;
    h.length = static_cast<std::uint32_t>(out.size() - start);
    h.type = static_cast<std::uint16_t>(typeOf(message));
    h.requestId = requestId;
    writeHeader(out.data() + start, h);
}

DecodedBody decodeBody(std::uint16_t type, std::span<const std::uint8_t> body)
{
    DecodedBody result;
    const DecodeFn fn = findDecoder(type, std::make_index_sequence<std::variant_size_v<Message>>{});
    if (!fn) {
        result.code = ResultCode::UnknownMessageType;
        result.error = "unknown message type " + std::to_string(type);
        return result;
    }
    WireReader r(body);
    fn(r, result.message);
    if (!r.ok()) {
        result.code = r.valueError() ? ResultCode::InvalidFieldValue : ResultCode::MalformedMessage;
        result.error = std::string(name(static_cast<MessageType>(type))) + ": " + r.error();
        return result;
    }
    if (!r.atEnd()) {
        result.code = ResultCode::MalformedMessage;
        result.error = std::string(name(static_cast<MessageType>(type))) + ": " + std::to_string(r.remaining())
            + " unexpected bytes after the last field";
        return result;
    }
    result.ok = true;
    return result;
}

Decoded decodeFrame(std::span<const std::uint8_t> buffer, std::uint32_t maxFrameSize)
{
    Decoded d;
    // The length field alone decides framing errors, before waiting for more bytes, so an
    // oversized announcement is refused at once instead of being buffered.
    if (buffer.size() < 4)
        return d;
    const std::uint32_t length = (std::uint32_t{buffer[0]} << 24) | (std::uint32_t{buffer[1]} << 16)
        | (std::uint32_t{buffer[2]} << 8) | buffer[3];
    if (length < kHeaderSize) {
        d.status = DecodeStatus::BadFrame;
        d.code = ResultCode::FrameTooShort;
        d.error = "frame length " + std::to_string(length) + " is below the 12-byte header";
        return d;
    }
    if (length > maxFrameSize) {
        d.status = DecodeStatus::BadFrame;
        d.code = ResultCode::FrameTooLarge;
        d.error = "frame length " + std::to_string(length) + " exceeds the maximum of " + std::to_string(maxFrameSize);
        return d;
    }
    if (buffer.size() < length)
        return d;
    d.header = readHeader(buffer.data());
    d.consumed = length;
    if (d.header.flags != 0) {
        d.status = DecodeStatus::BadFrame;
        d.code = ResultCode::BadReservedBits;
        d.error = "reserved header flags are " + std::to_string(d.header.flags) + ", must be 0";
        return d;
    }
    auto body = decodeBody(d.header.type, buffer.subspan(kHeaderSize, length - kHeaderSize));
    if (!body.ok) {
        d.status = DecodeStatus::BadMessage;
        d.code = body.code;
        d.error = std::move(body.error);
        return d;
    }
    d.status = DecodeStatus::Ok;
    d.message = std::move(body.message);
    return d;
}

} // namespace bwx::proto
