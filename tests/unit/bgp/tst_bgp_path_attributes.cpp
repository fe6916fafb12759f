// PathAttributes as a value: the rarely used attributes live out of line, yet copies are deep
// and two sets are equal (and hash alike) exactly when every attribute is, whether or not a rare
// part was ever allocated; an absent attribute differs from a present zero or empty one.
#include <QTest>

#include "bwx/bgp/attribute_pool.h"
#include "bwx/bgp/path_attributes.h"

#include <functional>
#include <map>

using namespace bwx::bgp;
using bwx::net::Address;
using bwx::net::OptionalAddress;

namespace {

using Edit = std::function<void(PathAttributes &)>;

Address addr(const char *text)
{
    return Address::parse(text).value();
}

PathAttributes baseSet()
{
    PathAttributes a;
    a.asPath = AsPath::sequence({64500, 64501});
    a.nextHop = addr("192.0.2.1");
    a.med = 10;
    a.communities = {0xfc000001};
    return a;
}

// Edits applied to a copy of baseSet(), by name, so that rows can pair them.
const std::map<QString, Edit> &edits()
{
    static const std::map<QString, Edit> all = {
        {"none", [](PathAttributes &) {}},
        {"rare allocated, left empty", [](PathAttributes &a) { (void)a.mutableRare(); }},
        {"cluster list added then cleared",
         [](PathAttributes &a) {
             a.mutableRare().clusterList = {1};
             a.mutableRare().clusterList.clear();
         }},
        {"originator 0", [](PathAttributes &a) { a.mutableRare().originatorId = 0; }},
        {"originator 1", [](PathAttributes &a) { a.mutableRare().originatorId = 1; }},
        {"local pref 0", [](PathAttributes &a) { a.mutableRare().localPref = 0; }},
        {"cluster list {0}", [](PathAttributes &a) { a.mutableRare().clusterList = {0}; }},
        {"link-local fe80::1",
         [](PathAttributes &a) { a.mutableRare().linkLocalNextHop = addr("fe80::1"); }},
        {"link-local ::", [](PathAttributes &a) { a.mutableRare().linkLocalNextHop = addr("::"); }},
        {"aggregator AS 64500",
         [](PathAttributes &a) { a.mutableRare().aggregator = Aggregator{64500, 0xc0000201}; }},
        {"unknown type 99", [](PathAttributes &a) { a.mutableRare().unknown = {{0xc0, 99, {1}}}; }},
        {"unknown type 99, other flags",
         [](PathAttributes &a) { a.mutableRare().unknown = {{0xe0, 99, {1}}}; }},
        {"unknown type 99 with empty value",
         [](PathAttributes &a) { a.mutableRare().unknown = {{0xc0, 99, {}}}; }},
        {"no next hop", [](PathAttributes &a) { a.nextHop.reset(); }},
        {"next hop 0.0.0.0", [](PathAttributes &a) { a.nextHop = Address::v4(0); }},
        {"no med", [](PathAttributes &a) { a.med.reset(); }},
        {"med 0", [](PathAttributes &a) { a.med = 0; }},
    };
    return all;
}

PathAttributes edited(const QString &name)
{
    PathAttributes a = baseSet();
    edits().at(name)(a);
    return a;
}

} // namespace

class TestBgpPathAttributes : public QObject
{
    Q_OBJECT

private slots:
    void equality_data();
    void equality();
    void copies_data();
    void copies();
    void optionalAddress();
    void poolFindsEqualSets();
};

void TestBgpPathAttributes::equality_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<bool>("equal");

    // An allocated but empty rare part is the same as none.
    QTest::newRow("none = allocated empty") << "none" << "rare allocated, left empty" << true;
    QTest::newRow("none = cleared cluster list")
        << "none" << "cluster list added then cleared" << true;
    // Absent differs from present zero or empty.
    QTest::newRow("none != originator 0") << "none" << "originator 0" << false;
    QTest::newRow("none != local pref 0") << "none" << "local pref 0" << false;
    QTest::newRow("none != cluster list {0}") << "none" << "cluster list {0}" << false;
    QTest::newRow("none != link-local ::") << "none" << "link-local ::" << false;
    QTest::newRow("none != unknown with empty value")
        << "none" << "unknown type 99 with empty value" << false;
    QTest::newRow("no next hop != 0.0.0.0") << "no next hop" << "next hop 0.0.0.0" << false;
    QTest::newRow("no med != med 0") << "no med" << "med 0" << false;
    // Rare parts compare by content.
    QTest::newRow("originator 0 != 1") << "originator 0" << "originator 1" << false;
    QTest::newRow("link-local differs") << "link-local fe80::1" << "link-local ::" << false;
    QTest::newRow("aggregator = aggregator")
        << "aggregator AS 64500" << "aggregator AS 64500" << true;
    QTest::newRow("unknown = unknown") << "unknown type 99" << "unknown type 99" << true;
    QTest::newRow("unknown flags differ")
        << "unknown type 99" << "unknown type 99, other flags" << false;
    QTest::newRow("aggregator != unknown") << "aggregator AS 64500" << "unknown type 99" << false;
}

void TestBgpPathAttributes::equality()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(bool, equal);

    const PathAttributes a = edited(left);
    const PathAttributes b = edited(right);
    QCOMPARE(a == b, equal);
    QCOMPARE(b == a, equal);
    if (equal)
        QCOMPARE(a.hash(), b.hash());
    else
        QVERIFY(a.hash() != b.hash()); // not required of a hash, but true of these rows
    // Copies compare as their originals did.
    const PathAttributes ca = a;
    const PathAttributes cb = b;
    QCOMPARE(ca == cb, equal);
    QCOMPARE(ca.hash(), a.hash());
}

void TestBgpPathAttributes::copies_data()
{
    QTest::addColumn<QString>("edit");
    QTest::addColumn<bool>("rareAfterCopy");

    QTest::newRow("no rare part") << "none" << false;
    QTest::newRow("allocated empty: the copy allocates nothing")
        << "rare allocated, left empty" << false;
    QTest::newRow("cleared: the copy allocates nothing") << "cluster list added then cleared"
                                                        << false;
    QTest::newRow("originator") << "originator 1" << true;
    QTest::newRow("link-local") << "link-local fe80::1" << true;
    QTest::newRow("unknown") << "unknown type 99" << true;
}

void TestBgpPathAttributes::copies()
{
    QFETCH(QString, edit);
    QFETCH(bool, rareAfterCopy);

    PathAttributes original = edited(edit);
    const PathAttributes before = original;
    PathAttributes copy = original;
    QCOMPARE(copy, original);
    QCOMPARE(copy.hasRare(), rareAfterCopy);

    PathAttributes assigned;
    assigned = original;
    QCOMPARE(assigned, original);
    QCOMPARE(assigned.hasRare(), rareAfterCopy);
    const PathAttributes &self = assigned;
    assigned = self; // self-assignment keeps the value
    QCOMPARE(assigned, original);

    // Deep: writing the copy's rare part leaves the original as it was.
    copy.mutableRare().clusterList.push_back(7);
    copy.mutableRare().unknown.push_back({0xc0, 200, {5}});
    QVERIFY(!(copy == original));
    QCOMPARE(original, before);
    QVERIFY(original.clusterList().empty());

    // Moving hands the rare part over.
    PathAttributes moved = std::move(copy);
    QCOMPARE(moved.clusterList(), std::vector<std::uint32_t>{7});

    // Dropping an emptied rare part keeps the value.
    PathAttributes dropped = original;
    if (dropped.hasRare()) {
        dropped.mutableRare() = RareAttributes{};
        dropped.dropEmptyRare();
        QVERIFY(!dropped.hasRare());
        QCOMPARE(dropped, baseSet());
    }
}

void TestBgpPathAttributes::optionalAddress()
{
    const OptionalAddress absent;
    const OptionalAddress zero = Address::v4(0);
    const OptionalAddress zero6 = addr("::");
    QVERIFY(!absent.has_value());
    QVERIFY(zero.has_value());
    QVERIFY(!(absent == zero));
    QVERIFY(!(zero == zero6));
    QVERIFY(absent == OptionalAddress(std::nullopt));
    QVERIFY(absent == OptionalAddress(std::optional<Address>{}));
    QVERIFY(!absent.toOptional().has_value());
    QCOMPARE(zero.toOptional(), std::optional<Address>(Address::v4(0)));
    QCOMPARE(*OptionalAddress(addr("2001:db8::1")), addr("2001:db8::1"));
    QCOMPARE(absent.value_or(addr("192.0.2.9")), addr("192.0.2.9"));
    OptionalAddress reset = addr("192.0.2.1");
    reset.reset();
    QVERIFY(reset == absent);
}

void TestBgpPathAttributes::poolFindsEqualSets()
{
    // A set whose rare part was allocated and emptied is interned as the set without one; the
    // pooled copy does not keep the empty part.
    AttributePool pool;
    const AttributesRef plain = pool.intern(baseSet());
    const AttributesRef viaEmpty = pool.intern(edited("cluster list added then cleared"));
    QCOMPARE(viaEmpty.get(), plain.get());
    const AttributesRef withRare = pool.intern(edited("originator 0"));
    QVERIFY(withRare.get() != plain.get());
    QVERIFY(withRare->hasRare());
    QVERIFY(!plain->hasRare());
    QCOMPARE(pool.size(), std::size_t{2});
}

QTEST_APPLESS_MAIN(TestBgpPathAttributes)
#include "tst_bgp_path_attributes.moc"
