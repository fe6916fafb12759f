// Template cache bounds: caps per exporter and in total, expiry by age, refresh, and a template
// flood through the real decoder that must stay bounded without hurting other exporters.
#include <QTest>

#include "bwx/settlement/decoders.h"
#include "bwx/settlement/fixtures/export_builder.h"
#include "bwx/settlement/template_cache.h"
#include "test_support.h"

using namespace bwx;
using namespace bwx::settlement;
using namespace bwx::settlement::fixtures;
using namespace bwx::settlement::test;

namespace {

FlowTemplate simpleTemplate(std::uint16_t id, std::uint16_t extra = 4)
{
    FlowTemplate t;
    t.id = id;
    t.fields = {
        {8, 4, 0, FieldRole::SrcV4}, {12, 4, 0, FieldRole::DstV4}, {99, extra, 0, FieldRole::Skip}};
    t.minRecordLength = 8u + extra;
    t.isFlow = true;
    return t;
}

TemplateCache::Key key(std::string_view exporter, std::uint16_t id, std::uint32_t domain = 0)
{
    return {ip(exporter), domain, id, FlowProtocol::NetflowV9};
}

} // namespace

class TestTemplateCache : public QObject
{
    Q_OBJECT

private slots:
    void insertRefreshReplace();
    void capPerExporter();
    void totalCap();
    void expiryByAge();
    void domainCaps();
    void templateFloodThroughDecoder();
};

void TestTemplateCache::insertRefreshReplace()
{
    TemplateCache c;
    const Timestamp t0 = Timestamp::fromSeconds(1000);
    QCOMPARE(c.insert(key("192.0.2.1", 300), simpleTemplate(300), t0),
             TemplateCache::InsertResult::Added);
    QCOMPARE(c.insert(key("192.0.2.1", 300), simpleTemplate(300), t0),
             TemplateCache::InsertResult::Refreshed);
    QCOMPARE(c.insert(key("192.0.2.1", 300), simpleTemplate(300, 8), t0),
             TemplateCache::InsertResult::Replaced);
    QCOMPARE(c.find(key("192.0.2.1", 300), t0)->minRecordLength, 16u);
    QVERIFY(c.find(key("192.0.2.1", 300, 1), t0) == nullptr);
    QVERIFY(c.find(key("192.0.2.2", 300), t0) == nullptr);
    QCOMPARE(c.size(), std::size_t(1));
    QVERIFY(c.withdraw(key("192.0.2.1", 300)));
    QVERIFY(!c.withdraw(key("192.0.2.1", 300)));
    QCOMPARE(c.sizeFor(ip("192.0.2.1")), std::size_t(0));
}

void TestTemplateCache::capPerExporter()
{
    TemplateLimits limits;
    limits.maxPerExporter = 10;
    TemplateCache c(limits);
    const Timestamp t0 = Timestamp::fromSeconds(1000);
    for (std::uint16_t id = 256; id < 266; ++id)
        QCOMPARE(c.insert(key("192.0.2.1", id), simpleTemplate(id), t0),
                 TemplateCache::InsertResult::Added);
    QCOMPARE(c.insert(key("192.0.2.1", 266), simpleTemplate(266), t0),
             TemplateCache::InsertResult::RefusedExporterLimit);
    // Refreshing a known one is still fine, and another exporter is not affected.
    QCOMPARE(c.insert(key("192.0.2.1", 256), simpleTemplate(256), t0),
             TemplateCache::InsertResult::Refreshed);
    QCOMPARE(c.insert(key("192.0.2.2", 266), simpleTemplate(266), t0),
             TemplateCache::InsertResult::Added);
    QCOMPARE(c.sizeFor(ip("192.0.2.1")), std::size_t(10));
}

void TestTemplateCache::totalCap()
{
    TemplateLimits limits;
    limits.maxPerExporter = 100;
    limits.maxTotal = 5;
    TemplateCache c(limits);
    const Timestamp t0 = Timestamp::fromSeconds(1000);
    for (std::uint16_t id = 256; id < 261; ++id)
        QVERIFY(c.insert(key("192.0.2.1", id), simpleTemplate(id), t0)
                == TemplateCache::InsertResult::Added);
    QCOMPARE(c.insert(key("192.0.2.2", 300), simpleTemplate(300), t0),
             TemplateCache::InsertResult::RefusedTotalLimit);
    QCOMPARE(c.size(), std::size_t(5));
}

void TestTemplateCache::expiryByAge()
{
    TemplateLimits limits;
    limits.maxAge = seconds(60);
    limits.maxPerExporter = 2;
    TemplateCache c(limits);
    const Timestamp t0 = Timestamp::fromSeconds(1000);
    c.insert(key("192.0.2.1", 300), simpleTemplate(300), t0);
    c.insert(key("192.0.2.1", 301), simpleTemplate(301), t0 + seconds(30));
    QVERIFY(c.find(key("192.0.2.1", 300), t0 + seconds(60)) != nullptr);
    QVERIFY(c.find(key("192.0.2.1", 300), t0 + seconds(61)) == nullptr); // too old to trust
    // At the cap, an insert sweeps the stale template away and takes its place.
    QCOMPARE(c.insert(key("192.0.2.1", 302), simpleTemplate(302), t0 + seconds(70)),
             TemplateCache::InsertResult::Added);
    QCOMPARE(c.size(), std::size_t(2));
    QCOMPARE(c.expire(t0 + seconds(200)), std::size_t(2));
    QCOMPARE(c.size(), std::size_t(0));
    QCOMPARE(c.sizeFor(ip("192.0.2.1")), std::size_t(0));
}

void TestTemplateCache::domainCaps()
{
    TemplateLimits limits;
    limits.maxDomainsPerExporter = 3;
    TemplateCache c(limits);
    for (std::uint32_t d = 0; d < 3; ++d)
        QVERIFY(c.setDomain(ip("192.0.2.1"), d, FlowProtocol::Ipfix, DomainState{}));
    QVERIFY(!c.setDomain(ip("192.0.2.1"), 3, FlowProtocol::Ipfix, DomainState{}));
    QVERIFY(c.setDomain(ip("192.0.2.1"), 1, FlowProtocol::Ipfix, DomainState{})); // update
    QCOMPARE(c.domainCount(), std::size_t(3));
}

void TestTemplateCache::templateFloodThroughDecoder()
{
    TemplateLimits limits;
    limits.maxPerExporter = 64;
    limits.maxTotal = 100;
    TemplateCache c(limits);
    std::vector<FlowRecord> out;
    const Timestamp now = Timestamp::fromSeconds(1000);
    std::uint32_t refused = 0;
    // 60,000 distinct templates across many source ids from one hostile exporter.
    for (std::uint32_t i = 0; i < 2000; ++i) {
        ExportBuilder b = ExportBuilder::v9(1, 1, i, i % 50);
        for (std::uint16_t t = 0; t < 30; ++t)
            b.templateSet(static_cast<std::uint16_t>(256 + (i * 30 + t) % 60000),
                          {{8, 4}, {12, 4}, {1, 4}});
        const DecodeResult r = decodeNetflowV9(b.finish(), ip("192.0.2.66"), c, now, {}, out);
        QVERIFY(r.ok());
        refused += r.info.templatesRefused;
    }
    QCOMPARE(c.sizeFor(ip("192.0.2.66")), std::size_t(64));
    QCOMPARE(refused, 2000u * 30u - 64u);
    // A well-behaved exporter still gets its template in.
    const DecodeResult good = decodeNetflowV9(
        ExportBuilder::v9(1, 1, 1, 0).templateSet(1024, softflowdV4Template()).finish(),
        ip("192.0.2.1"), c, now, {}, out);
    QCOMPARE(good.info.templatesAdded, 1u);
    QVERIFY(c.size() <= limits.maxTotal);
}

QTEST_APPLESS_MAIN(TestTemplateCache)
#include "tst_template_cache.moc"
