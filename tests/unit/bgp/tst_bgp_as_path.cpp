// RFC 6793 AS_PATH / AS4_PATH reconciliation and the 2-octet encoding round trip.
#include <QTest>

#include "bgp_test_util.h"
#include "bwx/bgp/codec.h"

#include <algorithm>

using namespace bwx::bgp;
using namespace bwx::bgp::test;

namespace {

// "1 2 {3,4} 5" -> segments (sets in braces).
AsPath parsePath(const QString &text)
{
    std::vector<AsPathSegment> segs;
    const QStringList tokens = text.split(' ', Qt::SkipEmptyParts);
    for (const QString &t : tokens) {
        if (t.startsWith('{')) {
            AsPathSegment s{SegmentType::AsSet, {}};
            for (const QString &n : t.mid(1, t.size() - 2).split(','))
                s.asns.push_back(n.toUInt());
            segs.push_back(s);
        } else {
            if (segs.empty() || segs.back().type != SegmentType::AsSequence)
                segs.push_back({SegmentType::AsSequence, {}});
            segs.back().asns.push_back(t.toUInt());
        }
    }
    return AsPath(std::move(segs));
}

} // namespace

class TestBgpAsPath : public QObject
{
    Q_OBJECT

private slots:
    void reconcile_data();
    void reconcile();
    void decodeFromOldSpeaker_data();
    void decodeFromOldSpeaker();
    void lengthAndEnds();
    void longSequenceSplitsIntoSegments();
    void segmentsAsStored_data();
    void segmentsAsStored();
    void segmentBoundariesCount();
};

void TestBgpAsPath::reconcile_data()
{
    QTest::addColumn<QString>("asPath");
    QTest::addColumn<QString>("as4Path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("all 2-octet, no AS4_PATH needed") << "64500 64501" << "" << "64500 64501";
    QTest::newRow("AS_TRANS replaced") << "64500 23456 64502"
                                       << "4200000001 64502" << "64500 4200000001 64502";
    QTest::newRow("whole path in AS4_PATH") << "23456 23456" << "4200000001 4200000002"
                                            << "4200000001 4200000002";
    QTest::newRow("OLD speakers prepended after the NEW part")
        << "64500 64501 23456 64503" << "4200000001 64503" << "64500 64501 4200000001 64503";
    QTest::newRow("AS4_PATH longer than AS_PATH is ignored")
        << "64500 23456" << "64499 4200000001 64502" << "64500 23456";
    QTest::newRow("AS_SET counts as one") << "64500 {23456,64510}" << "{4200000001,64510}"
                                          << "64500 {4200000001,64510}";
    QTest::newRow("set in the leading part kept") << "{64510,64511} 64500 23456"
                                                  << "4200000001" << "{64510,64511} 64500 4200000001";
}

void TestBgpAsPath::reconcile()
{
    QFETCH(QString, asPath);
    QFETCH(QString, as4Path);
    QFETCH(QString, expected);
    const AsPath got = reconcileAsPath(parsePath(asPath), parsePath(as4Path));
    QCOMPARE(QString::fromStdString(got.toString()), expected);
    QCOMPARE(got, parsePath(expected));
}

void TestBgpAsPath::decodeFromOldSpeaker_data()
{
    QTest::addColumn<Bytes>("extra");
    QTest::addColumn<QString>("path");
    QTest::addColumn<quint32>("aggregatorAs");
    const Bytes as4 = attribute(0xc0, 17, cat({{2, 2}, u32(4200000001u), u32(64502)}));
    QTest::newRow("AS4_PATH applied") << as4 << "64500 4200000001 64502" << 0u;
    const Bytes aggTrans = attribute(0xc0, 7, cat({u16(23456), u32(0x0a000001)}));
    const Bytes as4Agg = attribute(0xc0, 18, cat({u32(4200000009u), u32(0x0a000001)}));
    QTest::newRow("AS4_AGGREGATOR replaces AS_TRANS aggregator")
        << cat({aggTrans, as4, as4Agg}) << "64500 4200000001 64502" << 4200000009u;
    const Bytes agg2 = attribute(0xc0, 7, cat({u16(64999), u32(0x0a000001)}));
    QTest::newRow("a 2-octet aggregator voids AS4_PATH and AS4_AGGREGATOR")
        << cat({agg2, as4, as4Agg}) << "64500 23456 64502" << 64999u;
}

void TestBgpAsPath::decodeFromOldSpeaker()
{
    QFETCH(Bytes, extra);
    QFETCH(QString, path);
    QFETCH(quint32, aggregatorAs);
    SessionParameters s;
    s.fourOctetAs = false;
    const Bytes body = updateBody(
        {}, cat({originAttr(), asPathAttr2({64500, 23456, 64502}), nextHopAttr(0xc0000201), extra}),
        prefix4(0xc6336400, 24));
    Update u;
    decodeUpdate(body, s, u);
    QCOMPARE(u.action, ErrorAction::None);
    QCOMPARE(QString::fromStdString(u.attributes.asPath.toString()), path);
    if (aggregatorAs)
        QCOMPARE(u.attributes.aggregator()->asn, aggregatorAs);
}

void TestBgpAsPath::lengthAndEnds()
{
    const AsPath p = parsePath("64500 64501 {1,2,3}");
    QCOMPARE(p.length(), 3);
    QCOMPARE(*p.firstAs(), 64500u);
    QVERIFY(!p.originAs()); // ends in a set
    QCOMPARE(*parsePath("64500 64501").originAs(), 64501u);
    QVERIFY(!AsPath().firstAs());
    QVERIFY(parsePath("4200000001").hasWideAsn());
}

void TestBgpAsPath::longSequenceSplitsIntoSegments()
{
    std::vector<Asn> asns(600);
    for (std::size_t i = 0; i < asns.size(); ++i)
        asns[i] = Asn(64512 + i % 1000);
    PathAttributes a;
    a.asPath = AsPath::sequence(asns);
    a.nextHop = bwx::net::Address::parse("192.0.2.1").value();
    const std::vector<bwx::net::Prefix> p{bwx::net::Prefix::parse("10.0.0.0/8").value()};
    SessionParameters s;
    std::vector<std::uint8_t> out;
    QCOMPARE(encodeAnnouncements(a, p, s, out), std::size_t{1});
    Update u;
    decodeUpdate(std::span(out).subspan(19), s, u);
    QCOMPARE(u.action, ErrorAction::None);
    QCOMPARE(u.attributes.asPath.segments().size(), std::size_t{3}); // 255 + 255 + 90
    QCOMPARE(u.attributes.asPath.length(), 600);
}

void TestBgpAsPath::segmentsAsStored_data()
{
    QTest::addColumn<QString>("path"); // parsePath's form
    QTest::addColumn<int>("segments");
    QTest::addColumn<int>("length");
    QTest::addColumn<quint32>("first"); // 0: none
    QTest::addColumn<quint32>("origin"); // 0: none
    QTest::newRow("empty") << "" << 0 << 0 << 0u << 0u;
    QTest::newRow("one AS") << "64500" << 1 << 1 << 64500u << 64500u;
    QTest::newRow("sequence") << "64500 4200000001 64502" << 1 << 3 << 64500u << 64502u;
    QTest::newRow("ends in a set") << "64500 64501 {1,2,3}" << 2 << 3 << 64500u << 0u;
    QTest::newRow("starts with a set") << "{1,2} 64500" << 2 << 2 << 0u << 64500u;
    QTest::newRow("set between sequences") << "64500 {7} 64501 64502" << 3 << 4 << 64500u
                                           << 64502u;
    QTest::newRow("two sets") << "{1,2} {3}" << 2 << 2 << 0u << 0u;
}

void TestBgpAsPath::segmentsAsStored()
{
    QFETCH(QString, path);
    QFETCH(int, segments);
    QFETCH(int, length);
    QFETCH(quint32, first);
    QFETCH(quint32, origin);

    // The segments read back as they were built, in order.
    std::vector<AsPathSegment> built;
    for (const QString &t : path.split(' ', Qt::SkipEmptyParts)) {
        const bool set = t.startsWith('{');
        if (set || built.empty() || built.back().type != SegmentType::AsSequence)
            built.push_back({set ? SegmentType::AsSet : SegmentType::AsSequence, {}});
        for (const QString &n : (set ? t.mid(1, t.size() - 2) : t).split(','))
            built.back().asns.push_back(n.toUInt());
    }
    const AsPath p(built);
    QCOMPARE(int(p.segments().size()), segments);
    QCOMPARE(p.empty(), segments == 0);
    std::size_t i = 0;
    for (const AsPathSegmentView s : p.segments()) {
        QVERIFY(i < built.size());
        QCOMPARE(int(s.type), int(built[i].type));
        QVERIFY(std::equal(s.asns.begin(), s.asns.end(), built[i].asns.begin(),
                           built[i].asns.end()));
        ++i;
    }
    QCOMPARE(i, built.size());

    QCOMPARE(p.length(), length);
    QCOMPARE(p.firstAs().value_or(0), first);
    QCOMPARE(p.originAs().value_or(0), origin);
    QCOMPARE(QString::fromStdString(p.toString()), path);
    for (const AsPathSegment &s : built)
        for (Asn a : s.asns)
            QVERIFY(p.contains(a));
    QVERIFY(!p.contains(99));
    QCOMPARE(p, parsePath(path));

    // Dropping the last segment leaves the others as they were.
    if (segments > 0) {
        AsPath shorter = p;
        shorter.removeLastSegment();
        built.pop_back();
        QCOMPARE(shorter, AsPath(built));
    }
}

void TestBgpAsPath::segmentBoundariesCount()
{
    // The same ASes in one segment or in two are different paths, as on the wire.
    const AsPath one = AsPath::sequence({64500, 64501});
    const AsPath two({{SegmentType::AsSequence, {64500}}, {SegmentType::AsSequence, {64501}}});
    QVERIFY(!(one == two));
    QCOMPARE(one.length(), two.length());
    PathAttributes a;
    a.asPath = one;
    PathAttributes b = a;
    QCOMPARE(a.hash(), b.hash());
    b.asPath = two;
    QVERIFY(!(a == b));
    // A set of one AS is not a sequence of one.
    QVERIFY(!(AsPath::sequence({64500}) == AsPath({{SegmentType::AsSet, {64500}}})));
}

QTEST_APPLESS_MAIN(TestBgpAsPath)
#include "tst_bgp_as_path.moc"
