// Prefix parsing and validation, containment, parent/child navigation, ordering and hashing.
#include "bwx/net/prefix.h"

#include <QTest>
#include <algorithm>
#include <random>
#include <type_traits>
#include <unordered_set>
#include <vector>

using bwx::net::Address;
using bwx::net::Family;
using bwx::net::Prefix;
using bwx::net::PrefixHash;

static_assert(std::is_trivially_copyable_v<Prefix>);
static_assert(sizeof(Prefix) == 24);

namespace {

Prefix prefix(const char *text)
{
    auto parsed = Prefix::parse(text);
    if (!parsed)
        qFatal("bad prefix in test: %s", parsed.error().c_str());
    return *parsed;
}

} // namespace

class TestPrefix : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void make_data();
    void make();
    void makeTruncating();
    void contains_data();
    void contains();
    void containsAddress_data();
    void containsAddress();
    void parentAndChild();
    void walkToRoot();
    void ordering();
    void hashing();
};

void TestPrefix::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("canonical"); // empty when the input must be rejected
    QTest::addColumn<QByteArray>("error");     // substring of the expected error

    auto ok = [](const char *name, const char *input, const char *canonical) {
        QTest::newRow(name) << QByteArray(input) << QByteArray(canonical) << QByteArray();
    };
    auto bad = [](const char *name, const char *input, const char *error) {
        QTest::newRow(name) << QByteArray(input) << QByteArray() << QByteArray(error);
    };

    ok("v4 default route", "0.0.0.0/0", "0.0.0.0/0");
    ok("v4 /8", "10.0.0.0/8", "10.0.0.0/8");
    ok("v4 /24", "203.0.113.0/24", "203.0.113.0/24");
    ok("v4 host", "203.0.113.1/32", "203.0.113.1/32");
    ok("v4 /31", "198.51.100.6/31", "198.51.100.6/31");
    ok("v6 default route", "::/0", "::/0");
    ok("v6 /32", "2001:db8::/32", "2001:db8::/32");
    ok("v6 non-canonical input", "2001:0DB8:0000::/48", "2001:db8::/48");
    ok("v6 /64", "2001:db8:1:2::/64", "2001:db8:1:2::/64");
    ok("v6 host", "2001:db8::1/128", "2001:db8::1/128");
    ok("v6 /127", "2001:db8::fe/127", "2001:db8::fe/127");

    bad("v4 host bits set", "203.0.113.1/24",
        "host bits set in 203.0.113.1/24 (did you mean 203.0.113.0/24?)");
    bad("v4 host bits set /0", "10.0.0.0/0", "did you mean 0.0.0.0/0?");
    bad("v4 host bits set /31", "198.51.100.7/31", "did you mean 198.51.100.6/31?");
    bad("v6 host bits set", "2001:db8::1/64",
        "host bits set in 2001:db8::1/64 (did you mean 2001:db8::/64?)");
    bad("v4 length out of range", "10.0.0.0/33", "prefix length 33 out of range 0-32 for IPv4");
    bad("v4 length huge", "10.0.0.0/99999999999", "prefix length 99999999999 out of range 0-32");
    bad("v6 length out of range", "2001:db8::/129",
        "prefix length 129 out of range 0-128 for IPv6");
    bad("v4 negative length", "10.0.0.0/-1", "invalid prefix length '-1' in '10.0.0.0/-1'");
    bad("v4 plus sign", "10.0.0.0/+8", "invalid prefix length '+8'");
    bad("v4 leading zero length", "10.0.0.0/08",
        "invalid prefix length '08' in '10.0.0.0/08' (leading zero)");
    bad("missing slash", "10.0.0.0", "missing '/' in '10.0.0.0'");
    bad("missing slash v6", "2001:db8::", "missing '/' in '2001:db8::'");
    bad("missing length", "10.0.0.0/", "missing prefix length after '/' in '10.0.0.0/'");
    bad("two slashes", "10.0.0.0/8/8", "invalid prefix length '8/8'");
    bad("garbage", "garbage", "missing '/' in 'garbage'");
    bad("garbage with slash", "foo/24", "invalid address 'foo'");
    bad("garbage length", "10.0.0.0/x", "invalid prefix length 'x' in '10.0.0.0/x'");
    bad("empty", "", "invalid prefix: empty string");
    bad("only slash", "/24", "invalid address: empty string");
    bad("leading whitespace", " 10.0.0.0/8", "unexpected character ' ' at position 0");
    bad("trailing whitespace", "10.0.0.0/8 ", "invalid prefix length '8 '");
    bad("space before slash", "10.0.0.0 /8", "unexpected character ' '");
    bad("tab inside", "10.0.0.0/\t8", "'\\x098'");
    bad("bad address reported with prefix", "300.0.0.0/8",
        "invalid IPv4 address '300.0.0.0': octet 300 out of range in prefix '300.0.0.0/8'");
    bad("bad v6 address", "2001:db8:::/48", "invalid IPv6 address '2001:db8:::'");
    bad("address with leading zero", "10.00.0.0/16", "leading zero");
}

void TestPrefix::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, canonical);
    QFETCH(QByteArray, error);

    const auto parsed = Prefix::parse(input.toStdString());
    if (canonical.isEmpty()) {
        if (parsed)
            QFAIL(qPrintable("accepted as " + QString::fromStdString(parsed->toString())));
        QVERIFY2(parsed.error().find(error.toStdString()) != std::string::npos,
                 qPrintable("error was: " + QString::fromStdString(parsed.error())));
        return;
    }
    QVERIFY2(parsed, parsed ? "" : parsed.error().c_str());
    QCOMPARE(QByteArray::fromStdString(parsed->toString()), canonical);

    const auto again = Prefix::parse(parsed->toString());
    QVERIFY(again);
    QCOMPARE(*again, *parsed);
    QCOMPARE(again->family(), parsed->address().family());
}

void TestPrefix::make_data()
{
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<int>("length");
    QTest::addColumn<QByteArray>("canonical");
    QTest::addColumn<QByteArray>("error");

    QTest::newRow("v4 ok") << QByteArray("192.0.2.0") << 24 << QByteArray("192.0.2.0/24")
                           << QByteArray();
    QTest::newRow("v4 negative") << QByteArray("192.0.2.0") << -1 << QByteArray()
                                 << QByteArray("prefix length -1 out of range 0-32 for IPv4");
    QTest::newRow("v4 too long") << QByteArray("192.0.2.0") << 33 << QByteArray()
                                 << QByteArray("prefix length 33 out of range 0-32 for IPv4");
    QTest::newRow("v6 too long") << QByteArray("::") << 200 << QByteArray()
                                 << QByteArray("prefix length 200 out of range 0-128 for IPv6");
    QTest::newRow("v6 host bits") << QByteArray("2001:db8::8000:0:0:0") << 64 << QByteArray()
                                  << QByteArray("(did you mean 2001:db8::/64?)");
    QTest::newRow("v6 ok") << QByteArray("2001:db8::") << 32 << QByteArray("2001:db8::/32")
                           << QByteArray();
}

void TestPrefix::make()
{
    QFETCH(QByteArray, address);
    QFETCH(int, length);
    QFETCH(QByteArray, canonical);
    QFETCH(QByteArray, error);

    const auto a = Address::parse(address.toStdString());
    QVERIFY(a);
    const auto made = Prefix::make(*a, length);
    if (canonical.isEmpty()) {
        QVERIFY(!made);
        QVERIFY2(made.error().find(error.toStdString()) != std::string::npos, made.error().c_str());
    } else {
        QVERIFY2(made, made ? "" : made.error().c_str());
        QCOMPARE(QByteArray::fromStdString(made->toString()), canonical);
    }
}

void TestPrefix::makeTruncating()
{
    const auto a = *Address::parse("2001:db8:aaaa:bbbb:cccc::1");
    QCOMPARE(Prefix::makeTruncating(a, 36).toString(), std::string("2001:db8:a000::/36"));
    QCOMPARE(Prefix::makeTruncating(a, 128).toString(),
             std::string("2001:db8:aaaa:bbbb:cccc::1/128"));
    QCOMPARE(Prefix::makeTruncating(a, 0).toString(), std::string("::/0"));
    QCOMPARE(Prefix::makeTruncating(Address::v4(0xcb007105), 24), prefix("203.0.113.0/24"));
    QCOMPARE(Prefix(), prefix("0.0.0.0/0"));
}

void TestPrefix::contains_data()
{
    QTest::addColumn<QByteArray>("outer");
    QTest::addColumn<QByteArray>("inner");
    QTest::addColumn<bool>("contains");
    QTest::addColumn<bool>("overlaps");

    auto row = [](const char *name, const char *a, const char *b, bool contains, bool overlaps) {
        QTest::newRow(name) << QByteArray(a) << QByteArray(b) << contains << overlaps;
    };
    row("v4 equal", "10.0.0.0/8", "10.0.0.0/8", true, true);
    row("v4 more specific", "203.0.0.0/16", "203.0.113.0/24", true, true);
    row("v4 less specific", "203.0.113.0/24", "203.0.0.0/16", false, true);
    row("v4 sibling", "203.0.113.0/25", "203.0.113.128/25", false, false);
    row("v4 disjoint", "10.0.0.0/8", "11.0.0.0/8", false, false);
    row("v4 default covers all", "0.0.0.0/0", "198.51.100.7/32", true, true);
    row("v4 host in host", "198.51.100.7/32", "198.51.100.7/32", true, true);
    row("v4 neighbouring host", "198.51.100.6/32", "198.51.100.7/32", false, false);
    row("v4 same address longer", "10.0.0.0/9", "10.0.0.0/8", false, true);
    row("v6 more specific", "2001:db8::/32", "2001:db8:1::/48", true, true);
    row("v6 across word boundary", "2001:db8:1:2::/64", "2001:db8:1:2:8000::/65", true, true);
    row("v6 differs after bit 64", "2001:db8:1:2:8000::/65", "2001:db8:1:2::/66", false, false);
    row("v6 host", "::/0", "::1/128", true, true);
    row("family mismatch default", "0.0.0.0/0", "::/0", false, false);
    row("family mismatch v6 outer", "::/0", "10.0.0.0/8", false, false);
    row("mapped is not v4", "::ffff:0:0/96", "10.0.0.0/8", false, false);
}

void TestPrefix::contains()
{
    QFETCH(QByteArray, outer);
    QFETCH(QByteArray, inner);
    QFETCH(bool, contains);
    QFETCH(bool, overlaps);
    const Prefix a = prefix(outer.constData());
    const Prefix b = prefix(inner.constData());
    QCOMPARE(a.contains(b), contains);
    QCOMPARE(a.overlaps(b), overlaps);
    QCOMPARE(b.overlaps(a), overlaps);
    // A prefix contains another exactly when it contains the other's first address and is not
    // longer.
    QCOMPARE(a.contains(b.address()) && a.length() <= b.length(), contains);
}

void TestPrefix::containsAddress_data()
{
    QTest::addColumn<QByteArray>("network");
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<bool>("contains");

    auto row = [](const char *name, const char *p, const char *a, bool contains) {
        QTest::newRow(name) << QByteArray(p) << QByteArray(a) << contains;
    };
    row("v4 first", "192.0.2.0/24", "192.0.2.0", true);
    row("v4 last", "192.0.2.0/24", "192.0.2.255", true);
    row("v4 after", "192.0.2.0/24", "192.0.3.0", false);
    row("v4 before", "192.0.2.0/24", "192.0.1.255", false);
    row("v4 host", "192.0.2.1/32", "192.0.2.1", true);
    row("v4 default", "0.0.0.0/0", "255.255.255.255", true);
    row("v6 inside", "2001:db8::/32", "2001:db8:ffff::1", true);
    row("v6 outside", "2001:db8::/32", "2001:db9::", false);
    row("v6 low word", "2001:db8::ff00/120", "2001:db8::ffab", true);
    row("v6 low word outside", "2001:db8::ff00/120", "2001:db8::1:ffab", false);
    row("v4 prefix v6 address", "0.0.0.0/0", "::", false);
    row("v6 prefix v4 address", "::/0", "0.0.0.0", false);
}

void TestPrefix::containsAddress()
{
    QFETCH(QByteArray, network);
    QFETCH(QByteArray, address);
    QFETCH(bool, contains);
    const auto a = Address::parse(address.toStdString());
    QVERIFY(a);
    QCOMPARE(prefix(network.constData()).contains(*a), contains);
}

void TestPrefix::parentAndChild()
{
    const Prefix p = prefix("203.0.113.0/24");
    QCOMPARE(p.parent(), prefix("203.0.112.0/23"));
    QCOMPARE(p.child(false), std::optional(prefix("203.0.113.0/25")));
    QCOMPARE(p.child(true), std::optional(prefix("203.0.113.128/25")));
    QCOMPARE(p.child(true)->parent(), p);
    QCOMPARE(prefix("203.0.113.7/32").child(false), std::nullopt);
    QCOMPARE(prefix("0.0.0.0/0").child(true), std::optional(prefix("128.0.0.0/1")));

    const Prefix v6 = prefix("2001:db8:1:2::/64");
    QCOMPARE(v6.child(true), std::optional(prefix("2001:db8:1:2:8000::/65")));
    QCOMPARE(prefix("2001:db8:1:2::/63").child(true), std::optional(prefix("2001:db8:1:3::/64")));
    QCOMPARE(prefix("2001:db8:1:3::/64").parent(), prefix("2001:db8:1:2::/63"));
    QCOMPARE(prefix("2001:db8::1/128").parent(), prefix("2001:db8::/127"));
    QCOMPARE(prefix("2001:db8::1/128").child(false), std::nullopt);
    QCOMPARE(prefix("::/0").child(true), std::optional(prefix("8000::/1")));
    QCOMPARE(prefix("8000::/1").parent(), prefix("::/0"));
}

// parent() all the way up and child() back down along the address's bits reproduce the prefix.
void TestPrefix::walkToRoot()
{
    std::mt19937_64 rng(42);
    for (int i = 0; i < 2000; ++i) {
        const bool v4 = i % 2 == 0;
        const Address a = v4 ? Address::v4(static_cast<std::uint32_t>(rng()))
                             : Address::fromWords(Family::V6, rng(), rng());
        const int length = static_cast<int>(rng() % std::uint64_t(a.maxLength() + 1));
        Prefix p = Prefix::makeTruncating(a, length);
        const Prefix start = p;
        while (p.length() > 0) {
            const Prefix up = p.parent();
            QVERIFY(up.contains(p));
            QVERIFY(!p.contains(up));
            QCOMPARE(up.child(a.bit(up.length())), std::optional(p));
            p = up;
        }
        QCOMPARE(p, Prefix::makeTruncating(a, 0));
        QVERIFY(p.contains(start));
    }
}

void TestPrefix::ordering()
{
    // Family, then address, then length: a prefix sits right before its more specifics.
    const std::vector<const char *> sorted = {
        "0.0.0.0/0",   "0.0.0.0/8",          "10.0.0.0/8",    "10.0.0.0/16",
        "10.0.0.0/24", "10.0.1.0/24",        "10.1.0.0/16",   "10.128.0.0/9",
        "11.0.0.0/8",  "255.255.255.255/32", "::/0",          "::/1",
        "::1/128",     "2001:db8::/32",      "2001:db8::/48", "2001:db8:1::/48",
        "8000::/1",
    };
    std::vector<Prefix> prefixes;
    for (const char *text : sorted)
        prefixes.push_back(prefix(text));
    std::vector<Prefix> shuffled = prefixes;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937_64(1));
    std::sort(shuffled.begin(), shuffled.end());
    for (std::size_t i = 0; i < prefixes.size(); ++i)
        QCOMPARE(shuffled[i].toString(), prefixes[i].toString());
    QVERIFY(prefix("10.0.0.0/8") == prefix("10.0.0.0/8"));
    QVERIFY(prefix("10.0.0.0/8") != prefix("10.0.0.0/9"));
    QVERIFY(prefix("0.0.0.0/0") != prefix("::/0"));
}

void TestPrefix::hashing()
{
    QCOMPARE(PrefixHash{}(prefix("10.0.0.0/8")), PrefixHash{}(prefix("10.0.0.0/8")));
    QCOMPARE(hashValue(prefix("2001:db8::/32")), PrefixHash{}(prefix("2001:DB8:0::/32")));

    // Prefixes that differ only in length or family, and dense runs of neighbours, must spread.
    std::unordered_set<Prefix, PrefixHash> set;
    std::unordered_set<std::size_t> hashes;
    for (std::uint32_t i = 0; i < 4096; ++i) {
        for (const Prefix &p :
             {Prefix::makeTruncating(Address::v4(i << 8), 24),
              Prefix::makeTruncating(Address::v4(i << 8), 32),
              Prefix::makeTruncating(Address::fromWords(Family::V6, 0, i), 128),
              Prefix::makeTruncating(Address::fromWords(Family::V6, 0, i << 8), 120)}) {
            set.insert(p);
            hashes.insert(hashValue(p) & 0xfffff); // the bits a mid-sized table would use
        }
    }
    QCOMPARE(set.size(), std::size_t(4 * 4096));
    QVERIFY2(hashes.size() > 4 * 4096 * 95 / 100, qPrintable(QString::number(hashes.size())));
}

QTEST_APPLESS_MAIN(TestPrefix)
#include "tst_prefix.moc"
