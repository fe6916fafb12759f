#include "bwx/settlement/template_cache.h"

#include <iterator>

namespace bwx::settlement {

namespace {

std::size_t mix(std::uint64_t z) noexcept
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return static_cast<std::size_t>(z ^ (z >> 31));
}

std::uint64_t addressBits(const net::Address &a) noexcept
{
    return a.high() ^ (a.low() * 0x9e3779b97f4a7c15u) ^ static_cast<std::uint64_t>(a.family());
}

} // namespace

std::size_t TemplateCache::KeyHash::operator()(const Key &key) const noexcept
{
    return mix(addressBits(key.exporter) ^ (std::uint64_t{key.domain} << 24)
               ^ (std::uint64_t{key.templateId} << 8) ^ static_cast<std::uint64_t>(key.protocol));
}

std::size_t TemplateCache::DomainKeyHash::operator()(const DomainKey &key) const noexcept
{
    return mix(addressBits(key.exporter) ^ (std::uint64_t{key.domain} << 8)
               ^ static_cast<std::uint64_t>(key.protocol));
}

std::size_t TemplateCache::AddressHash::operator()(const net::Address &a) const noexcept
{
    return mix(addressBits(a));
}

TemplateCache::TemplateCache(TemplateLimits limits)
    : m_limits(limits)
{}

bool TemplateCache::isExpired(Timestamp learned, Timestamp now) const noexcept
{
    return now - learned > m_limits.maxAge;
}

const FlowTemplate *TemplateCache::find(const Key &key, Timestamp now) const
{
    const auto it = m_templates.find(key);
    if (it == m_templates.end() || isExpired(it->second.learned, now))
        return nullptr;
    return &it->second.tmpl;
}

TemplateCache::InsertResult TemplateCache::insert(const Key &key, FlowTemplate tmpl, Timestamp now)
{
    if (const auto it = m_templates.find(key); it != m_templates.end()) {
        it->second.learned = now;
        if (it->second.tmpl == tmpl)
            return InsertResult::Refreshed;
        it->second.tmpl = std::move(tmpl);
        return InsertResult::Replaced;
    }
    auto &per = m_perExporter[key.exporter];
    if (per.templates >= m_limits.maxPerExporter || m_templates.size() >= m_limits.maxTotal) {
        // A cap may be full of stale templates; sweep, but at most once a second so a flood
        // cannot turn every refused insert into a full scan.
        if (now - m_lastSweep >= seconds(1)) {
            m_lastSweep = now;
            expire(now);
        }
        auto &again = m_perExporter[key.exporter];
        if (again.templates >= m_limits.maxPerExporter)
            return InsertResult::RefusedExporterLimit;
        if (m_templates.size() >= m_limits.maxTotal)
            return InsertResult::RefusedTotalLimit;
    }
    m_templates.emplace(key, Entry{std::move(tmpl), now});
    ++m_perExporter[key.exporter].templates;
    return InsertResult::Added;
}

void TemplateCache::release(const net::Address &exporter, bool templateEntry)
{
    const auto it = m_perExporter.find(exporter);
    if (it == m_perExporter.end())
        return;
    if (templateEntry)
        --it->second.templates;
    else
        --it->second.domains;
    if (it->second.templates == 0 && it->second.domains == 0)
        m_perExporter.erase(it);
}

bool TemplateCache::withdraw(const Key &key)
{
    if (m_templates.erase(key) == 0)
        return false;
    release(key.exporter, true);
    return true;
}

std::size_t TemplateCache::withdrawAll(const net::Address &exporter,
                                       std::uint32_t domain,
                                       FlowProtocol protocol,
                                       bool options)
{
    std::size_t removed = 0;
    for (auto it = m_templates.begin(); it != m_templates.end();) {
        const Key &k = it->first;
        if (k.exporter == exporter && k.domain == domain && k.protocol == protocol
            && it->second.tmpl.options == options) {
            it = m_templates.erase(it);
            release(exporter, true);
            ++removed;
        } else {
            ++it;
        }
    }
    return removed;
}

std::size_t TemplateCache::expire(Timestamp now)
{
    std::size_t removed = 0;
    for (auto it = m_templates.begin(); it != m_templates.end();) {
        if (isExpired(it->second.learned, now)) {
            const net::Address exporter = it->first.exporter;
            it = m_templates.erase(it);
            release(exporter, true);
            ++removed;
        } else {
            ++it;
        }
    }
    for (auto it = m_domains.begin(); it != m_domains.end();) {
        if (isExpired(it->second.updated, now)) {
            const net::Address exporter = it->first.exporter;
            it = m_domains.erase(it);
            release(exporter, false);
        } else {
            ++it;
        }
    }
    return removed;
}

const DomainState *TemplateCache::domain(const net::Address &exporter,
                                         std::uint32_t domain,
                                         FlowProtocol protocol) const
{
    const auto it = m_domains.find(DomainKey{exporter, domain, protocol});
    return it == m_domains.end() ? nullptr : &it->second;
}

bool TemplateCache::setDomain(const net::Address &exporter,
                              std::uint32_t domain,
                              FlowProtocol protocol,
                              DomainState state)
{
    const DomainKey key{exporter, domain, protocol};
    if (const auto it = m_domains.find(key); it != m_domains.end()) {
        it->second = std::move(state);
        return true;
    }
    auto &per = m_perExporter[exporter];
    if (per.domains >= m_limits.maxDomainsPerExporter
        || m_domains.size() >= m_limits.maxDomainsTotal) {
        if (per.templates == 0 && per.domains == 0)
            m_perExporter.erase(exporter);
        return false;
    }
    ++per.domains;
    m_domains.emplace(key, std::move(state));
    return true;
}

std::size_t TemplateCache::sizeFor(const net::Address &exporter) const
{
    const auto it = m_perExporter.find(exporter);
    return it == m_perExporter.end() ? 0 : it->second.templates;
}

const char *toString(TemplateCache::InsertResult result) noexcept
{
    switch (result) {
    case TemplateCache::InsertResult::Added:
        return "added";
    case TemplateCache::InsertResult::Refreshed:
        return "refreshed";
    case TemplateCache::InsertResult::Replaced:
        return "replaced";
    case TemplateCache::InsertResult::RefusedExporterLimit:
        return "refused: exporter limit";
    case TemplateCache::InsertResult::RefusedTotalLimit:
        return "refused: total limit";
    }
    return "?";
}

} // namespace bwx::settlement
