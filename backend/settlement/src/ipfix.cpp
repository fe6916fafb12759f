// IPFIX (RFC 7011) over UDP: one message per datagram.
#include "bwx/settlement/decoders.h"
#include "byte_reader.h"
#include "data_set.h"
#include "decode_support.h"

namespace bwx::settlement {

namespace {

constexpr std::size_t kHeaderLength = 16;
constexpr std::uint16_t kTemplateSet = 2;
constexpr std::uint16_t kOptionsTemplateSet = 3;

// A field specifier: element id with the enterprise bit, length, and the enterprise number
// when the bit is set (RFC 7011 3.2).
bool readFieldSpecifier(detail::ByteReader &r, TemplateField &f)
{
    std::uint16_t id = 0;
    if (!r.u16(id) || !r.u16(f.length))
        return false;
    f.id = id & 0x7fff;
    f.enterprise = 0;
    if ((id & 0x8000) != 0 && !r.u32(f.enterprise))
        return false;
    f.role = detail::roleOf(f.id, f.enterprise);
    return true;
}

bool parseTemplateSet(std::span<const std::uint8_t> body,
                      std::size_t base,
                      bool options,
                      const TemplateCache::Key &domainKey,
                      const TemplateLimits &limits,
                      detail::PendingTemplates &pending,
                      DecodeResult &result)
{
    detail::ByteReader r(body);
    const std::uint16_t setId = options ? kOptionsTemplateSet : kTemplateSet;
    while (r.remaining() >= 4) {
        const std::size_t at = base + r.offset();
        std::uint16_t id = 0;
        std::uint16_t count = 0;
        r.u16(id);
        r.u16(count);
        if (count == 0) {
            // Withdrawal (RFC 7011 8.1): the set id itself as template id withdraws them all.
            TemplateCache::Key key = domainKey;
            if (id == setId) {
                pending.withdrawAll(key, options);
            } else if (id >= 256) {
                key.templateId = id;
                pending.withdraw(key);
            } else {
                detail::fail(result, DecodeError::BadTemplate, at,
                             "withdrawal of a template id below 256");
                return false;
            }
            continue;
        }
        if (id < 256) {
            detail::fail(result, DecodeError::BadTemplate, at, "template id below 256");
            return false;
        }
        if (count > limits.maxFieldsPerTemplate) {
            detail::fail(result, DecodeError::BadTemplate, at,
                         "template has more fields than the limit");
            return false;
        }
        FlowTemplate tmpl;
        tmpl.id = id;
        tmpl.options = options;
        if (options) {
            std::uint16_t scope = 0;
            if (!r.u16(scope)) {
                detail::fail(result, DecodeError::BadOptionsScope, at,
                             "options template longer than its set");
                return false;
            }
            if (scope == 0 || scope > count) {
                detail::fail(result, DecodeError::BadOptionsScope, at,
                             "options scope field count " + std::to_string(scope) + " of "
                                 + std::to_string(count) + " fields");
                return false;
            }
            tmpl.scopeFieldCount = scope;
        }
        // Each specifier takes at least 4 bytes: checked up front so a huge count fails fast.
        if (std::size_t{count} * 4 > r.remaining()) {
            detail::fail(result, options ? DecodeError::BadOptionsScope : DecodeError::BadTemplate,
                         at, "template longer than its set");
            return false;
        }
        tmpl.fields.reserve(count);
        for (std::uint16_t i = 0; i < count; ++i) {
            TemplateField f;
            const std::size_t fieldAt = base + r.offset();
            if (!readFieldSpecifier(r, f)) {
                detail::fail(result, DecodeError::BadTemplate, fieldAt,
                             "template longer than its set");
                return false;
            }
            if (const char *why = detail::checkField(f, true)) {
                detail::fail(result, DecodeError::BadTemplate, fieldAt,
                             std::string(why) + " (element " + std::to_string(f.id) + ")");
                return false;
            }
            tmpl.fields.push_back(f);
        }
        if (const char *why = detail::finishTemplate(tmpl, limits)) {
            detail::fail(result, DecodeError::BadTemplate, at, why);
            return false;
        }
        TemplateCache::Key key = domainKey;
        key.templateId = id;
        pending.add(key, std::move(tmpl));
    }
    return true;
}

} // namespace

DecodeResult decodeIpfix(std::span<const std::uint8_t> datagram,
                         const net::Address &exporter,
                         TemplateCache &cache,
                         Timestamp now,
                         const DecodeOptions &options,
                         std::vector<FlowRecord> &out)
{
    DecodeResult result;
    DatagramInfo &info = result.info;
    info.protocol = FlowProtocol::Ipfix;
    detail::OutputGuard guard(out);
    detail::ByteReader header(datagram);
    if (!header.has(kHeaderLength))
        return detail::fail(result, DecodeError::Truncated, 0, "shorter than the IPFIX header");
    std::uint16_t version = 0;
    std::uint16_t length = 0;
    header.u16(version);
    if (version != 10)
        return detail::fail(result, DecodeError::BadVersion, 0,
                            "version " + std::to_string(version) + ", expected 10");
    header.u16(length);
    header.u32(info.exportSeconds);
    header.u32(info.sequence);
    header.u32(info.observationDomain);
    if (length < kHeaderLength)
        return detail::fail(result, DecodeError::BadLength, 2, "message length below 16");
    if (length > datagram.size())
        return detail::fail(result, DecodeError::Truncated, 2,
                            "message length " + std::to_string(length) + " beyond the datagram ("
                                + std::to_string(datagram.size()) + " bytes)");
    if (length < datagram.size())
        return detail::fail(result, DecodeError::BadLength, 2,
                            "message length " + std::to_string(length)
                                + " shorter than the datagram");

    const TemplateCache::Key domainKey{exporter, info.observationDomain, 0, FlowProtocol::Ipfix};
    detail::PendingTemplates pending(cache, now);
    detail::PendingDomain domain(cache, exporter, info.observationDomain, FlowProtocol::Ipfix);
    detail::DataSetContext context;
    context.exporter = exporter;
    context.domain = info.observationDomain;
    context.protocol = FlowProtocol::Ipfix;
    context.exportSeconds = info.exportSeconds;
    context.now = now;
    context.options = options;
    context.maxSamplers = cache.limits().maxSamplersPerDomain;

    detail::ByteReader r(datagram.subspan(kHeaderLength));
    while (r.remaining() > 0) {
        const std::size_t at = kHeaderLength + r.offset();
        std::uint16_t id = 0;
        std::uint16_t setLength = 0;
        if (!r.u16(id) || !r.u16(setLength))
            return detail::fail(result, DecodeError::Truncated, at, "truncated set header");
        if (setLength < 4)
            return detail::fail(result, DecodeError::BadFlowset, at, "set length below 4");
        if (setLength - 4u > r.remaining())
            return detail::fail(result, DecodeError::BadFlowset, at, "set longer than the message");
        std::span<const std::uint8_t> body;
        r.take(setLength - 4u, body);
        const std::size_t base = at + 4;
        if (id == kTemplateSet || id == kOptionsTemplateSet) {
            if (!parseTemplateSet(body, base, id == kOptionsTemplateSet, domainKey, cache.limits(),
                                  pending, result))
                return result;
        } else if (id >= 256) {
            TemplateCache::Key key = domainKey;
            key.templateId = id;
            const FlowTemplate *tmpl = pending.find(key);
            if (tmpl == nullptr) {
                ++info.setsWithoutTemplate;
                continue;
            }
            std::size_t bad = 0;
            if (!detail::decodeDataSet(*tmpl, body, context, domain, info, out, bad))
                return detail::fail(result, DecodeError::BadRecord, base + bad,
                                    "data record runs past its set");
        } else if (id < 2) {
            return detail::fail(result, DecodeError::BadFlowset, at,
                                "set id " + std::to_string(id) + " is not used by IPFIX");
        }
        // Set ids 4..255 are reserved for future use: skipped.
    }
    pending.commit(info);
    domain.commit();
    guard.release();
    return result;
}

} // namespace bwx::settlement
