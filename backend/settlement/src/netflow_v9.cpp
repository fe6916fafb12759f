// NetFlow v9 (RFC 3954).
#include "bwx/settlement/decoders.h"
#include "byte_reader.h"
#include "data_set.h"
#include "decode_support.h"

namespace bwx::settlement {

namespace {

constexpr std::size_t kHeaderLength = 20;

// Template flowset (id 0): template id, field count, then (type, length) pairs.
bool parseTemplates(std::span<const std::uint8_t> body,
                    std::size_t base,
                    const TemplateCache::Key &domainKey,
                    const TemplateLimits &limits,
                    detail::PendingTemplates &pending,
                    DecodeResult &result)
{
    detail::ByteReader r(body);
    while (r.remaining() >= 4) {
        const std::size_t at = base + r.offset();
        std::uint16_t id = 0;
        std::uint16_t count = 0;
        r.u16(id);
        r.u16(count);
        if (id < 256) {
            detail::fail(result, DecodeError::BadTemplate, at, "template id below 256");
            return false;
        }
        if (count == 0) {
            detail::fail(result, DecodeError::BadTemplate, at, "template without fields");
            return false;
        }
        if (std::size_t{count} * 4 > r.remaining()) {
            detail::fail(result, DecodeError::BadTemplate, at, "template longer than its flowset");
            return false;
        }
        FlowTemplate tmpl;
        tmpl.id = id;
        if (count > limits.maxFieldsPerTemplate) {
            detail::fail(result, DecodeError::BadTemplate, at,
                         "template has more fields than the limit");
            return false;
        }
        tmpl.fields.reserve(count);
        for (std::uint16_t i = 0; i < count; ++i) {
            TemplateField f;
            r.u16(f.id);
            r.u16(f.length);
            f.role = detail::roleOf(f.id, 0);
            if (const char *why = detail::checkField(f, false)) {
                detail::fail(result, DecodeError::BadTemplate, base + r.offset() - 4,
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

// Options template flowset (id 1): template id, scope length, option length (both in bytes),
// then the scope fields (scope type, length) and the option fields (type, length).
bool parseOptionsTemplates(std::span<const std::uint8_t> body,
                           std::size_t base,
                           const TemplateCache::Key &domainKey,
                           const TemplateLimits &limits,
                           detail::PendingTemplates &pending,
                           DecodeResult &result)
{
    detail::ByteReader r(body);
    while (r.remaining() >= 6) {
        const std::size_t at = base + r.offset();
        std::uint16_t id = 0;
        std::uint16_t scopeLength = 0;
        std::uint16_t optionLength = 0;
        r.u16(id);
        r.u16(scopeLength);
        r.u16(optionLength);
        if (id < 256) {
            detail::fail(result, DecodeError::BadTemplate, at, "options template id below 256");
            return false;
        }
        if (scopeLength == 0 || scopeLength % 4 != 0 || optionLength % 4 != 0) {
            detail::fail(result, DecodeError::BadOptionsScope, at,
                         "options scope/option length not a positive multiple of 4");
            return false;
        }
        if (std::size_t{scopeLength} + optionLength > r.remaining()) {
            detail::fail(result, DecodeError::BadOptionsScope, at,
                         "options scope longer than its flowset");
            return false;
        }
        const std::size_t count = (std::size_t{scopeLength} + optionLength) / 4;
        if (count > limits.maxFieldsPerTemplate) {
            detail::fail(result, DecodeError::BadOptionsScope, at,
                         "options template has more fields than the limit");
            return false;
        }
        FlowTemplate tmpl;
        tmpl.id = id;
        tmpl.options = true;
        tmpl.scopeFieldCount = static_cast<std::uint16_t>(scopeLength / 4);
        tmpl.fields.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            TemplateField f;
            r.u16(f.id);
            r.u16(f.length);
            // v9 scope fields carry scope types (system, interface, ...), not elements.
            f.role = i < tmpl.scopeFieldCount ? FieldRole::Skip : detail::roleOf(f.id, 0);
            if (const char *why = detail::checkField(f, false)) {
                detail::fail(result,
                             i < tmpl.scopeFieldCount ? DecodeError::BadOptionsScope
                                                      : DecodeError::BadTemplate,
                             base + r.offset() - 4,
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

DecodeResult decodeNetflowV9(std::span<const std::uint8_t> datagram,
                             const net::Address &exporter,
                             TemplateCache &cache,
                             Timestamp now,
                             const DecodeOptions &options,
                             std::vector<FlowRecord> &out)
{
    DecodeResult result;
    result.info.protocol = FlowProtocol::NetflowV9;
    detail::OutputGuard guard(out);
    detail::ByteReader r(datagram);
    std::uint16_t version = 0;
    std::uint16_t count = 0;
    if (!r.has(kHeaderLength))
        return detail::fail(result, DecodeError::Truncated, 0, "shorter than the v9 header");
    r.u16(version);
    if (version != 9)
        return detail::fail(result, DecodeError::BadVersion, 0,
                            "version " + std::to_string(version) + ", expected 9");
    r.u16(count);
    DatagramInfo &info = result.info;
    r.u32(info.sysUptimeMs);
    r.u32(info.exportSeconds);
    r.u32(info.sequence);
    r.u32(info.observationDomain);

    const TemplateCache::Key domainKey{exporter, info.observationDomain, 0,
                                       FlowProtocol::NetflowV9};
    detail::PendingTemplates pending(cache, now);
    detail::PendingDomain domain(cache, exporter, info.observationDomain, FlowProtocol::NetflowV9);
    detail::DataSetContext context;
    context.exporter = exporter;
    context.domain = info.observationDomain;
    context.protocol = FlowProtocol::NetflowV9;
    context.sysUptimeMs = info.sysUptimeMs;
    context.exportSeconds = info.exportSeconds;
    context.now = now;
    context.options = options;
    context.maxSamplers = cache.limits().maxSamplersPerDomain;

    // Trailing bytes too short for a flowset header are padding some exporters add.
    while (r.remaining() >= 4) {
        const std::size_t at = r.offset();
        std::uint16_t id = 0;
        std::uint16_t length = 0;
        r.u16(id);
        r.u16(length);
        if (length < 4)
            return detail::fail(result, DecodeError::BadFlowset, at, "flowset length below 4");
        if (length - 4u > r.remaining())
            return detail::fail(result, DecodeError::BadFlowset, at,
                                "flowset longer than the packet");
        std::span<const std::uint8_t> body;
        r.take(length - 4u, body);
        const std::size_t base = at + 4;
        if (id == 0) {
            if (!parseTemplates(body, base, domainKey, cache.limits(), pending, result))
                return result;
        } else if (id == 1) {
            if (!parseOptionsTemplates(body, base, domainKey, cache.limits(), pending, result))
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
                                    "data record runs past its flowset");
        }
        // Flowset ids 2..255 are reserved: skipped, as RFC 3954 asks of collectors.
    }
    (void)count; // counts records and templates together and is unreliable across exporters
    pending.commit(info);
    domain.commit();
    guard.release();
    return result;
}

} // namespace bwx::settlement
