// Address parsing, canonical formatting (RFC 5952), byte and bit access.
#include "bwx/net/address.h"

#include <QTest>
#include <arpa/inet.h>
#include <array>
#include <cstring>
#include <random>
#include <type_traits>

using bwx::net::Address;
using bwx::net::Family;

static_assert(std::is_trivially_copyable_v<Address>);
static_assert(Address::v4(0x01020304).v4Value() == 0x01020304);
static_assert(Address::v4(0x80000000).bit(0) && !Address::v4(0x80000000).bit(1));

class TestAddress : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void roundTripRandom();
    void matchesSystemFormatter();
    void bytes();
    void bit_data();
    void bit();
    void masked_data();
    void masked();
    void ordering();
    void quotedEscapes();
};

void TestAddress::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("canonical"); // empty when the input must be rejected
    QTest::addColumn<QByteArray>("error");     // substring of the expected error

    auto ok = [](const char *name, const char *input, const char *canonical) {
        QTest::newRow(name) << QByteArray(input) << QByteArray(canonical) << QByteArray();
    };
    auto bad = [](const char *name, const QByteArray &input, const char *error) {
        QTest::newRow(name) << input << QByteArray() << QByteArray(error);
    };

    ok("v4 zero", "0.0.0.0", "0.0.0.0");
    ok("v4 broadcast", "255.255.255.255", "255.255.255.255");
    ok("v4 documentation", "203.0.113.7", "203.0.113.7");
    ok("v4 single zero octets", "10.0.0.1", "10.0.0.1");
    bad("v4 octet out of range", "300.1.2.3",
        "invalid IPv4 address '300.1.2.3': octet 300 out of range");
    bad("v4 octet 256", "1.2.3.256", "octet 256 out of range");
    bad("v4 octet too many digits", "1.2.3.1000", "octet 1000 out of range");
    bad("v4 huge octet", "1.2.3.99999999999999999999", "out of range");
    bad("v4 leading zero", "10.01.0.1", "octet '01' has a leading zero");
    bad("v4 leading zero octal-looking", "010.0.0.1", "leading zero");
    bad("v4 double zero", "00.0.0.1", "leading zero");
    bad("v4 three octets", "1.2.3", "expected 4 octets, got 3");
    bad("v4 five octets", "1.2.3.4.5", "more than 4 octets");
    bad("v4 empty octet", "1..2.3", "empty octet at position 2");
    bad("v4 leading dot", ".1.2.3", "empty octet at position 0");
    bad("v4 trailing dot", "1.2.3.", "trailing '.'");
    bad("v4 stray letter", "1.2.3.4x", "unexpected character 'x' at position 7");
    bad("v4 letters", "a.b.c.d", "unexpected character 'a' at position 0");
    bad("v4 leading space", " 1.2.3.4", "unexpected character ' ' at position 0");
    bad("v4 trailing space", "1.2.3.4 ", "unexpected character ' ' at position 7");
    bad("v4 trailing newline", "1.2.3.4\n", "unexpected character '\\x0a'");
    bad("v4 sign", "1.2.3.+4", "unexpected character '+'");
    bad("v4 nul byte", QByteArray("1.2.3.4\0", 8), "'\\x00'");
    bad("empty", "", "empty string");
    bad("no separators", "1234", "neither IPv4");
    bad("word", "localhost", "neither IPv4");

    ok("v6 unspecified", "::", "::");
    ok("v6 loopback", "::1", "::1");
    ok("v6 trailing gap", "2001:db8::", "2001:db8::");
    ok("v6 full form", "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1");
    ok("v6 uppercase", "2001:DB8::ABCD", "2001:db8::abcd");
    ok("v6 no zeros", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8");
    ok("v6 compress longest run", "2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::");
    ok("v6 compress first on tie", "2001:0:0:1:0:0:1:1", "2001::1:0:0:1:1");
    ok("v6 single zero not compressed", "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1");
    ok("v6 gap standing for one group", "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0");
    ok("v6 leading zeros dropped", "2001:db8:00ab:000c::0001", "2001:db8:ab:c::1");
    ok("v6 run at start", "0:0:0:0:0:0:0:1", "::1");
    ok("v6 all but last zero run at end", "1:0:0:0:0:0:0:0", "1::");
    ok("v6 mapped v4", "::ffff:1.2.3.4", "::ffff:102:304");
    ok("v6 embedded v4 after groups", "64:ff9b::192.0.2.33", "64:ff9b::c000:221");
    ok("v6 embedded v4 full", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304");
    ok("v6 compat v4", "::1.2.3.4", "::102:304");
    bad("v6 two gaps", "1::2::3", "invalid IPv6 address '1::2::3': more than one '::'");
    bad("v6 triple colon", "1:::2", "unexpected ':' at position 3");
    bad("v6 four colons", "::::", "more than one '::'");
    bad("v6 long group", "2001:db8::12345", "group '12345' has more than 4 hex digits");
    bad("v6 nine groups", "1:2:3:4:5:6:7:8:9", "more than 8 groups");
    bad("v6 seven groups", "1:2:3:4:5:6:7", "expected 8 groups, got 7");
    bad("v6 gap with eight groups", "1:2:3:4::5:6:7:8",
        "'::' must stand for at least one zero group");
    bad("v6 leading colon", ":1::2", "leading ':'");
    bad("v6 trailing colon", "1::2:", "trailing ':'");
    bad("v6 bad hex", "2001:db8::g", "unexpected character 'g' at position 10");
    bad("v6 zone index", "fe80::1%eth0", "zone index '%eth0' not supported");
    bad("v6 brackets", "[::1]", "unexpected character '['");
    bad("v6 space inside", "2001:db8:: 1", "unexpected character ' '");
    bad("v6 embedded v4 too many groups", "1:2:3:4:5:6:7:1.2.3.4", "too many groups");
    bad("v6 embedded v4 with gap too long", "1:2:3:4:5::6:1.2.3.4",
        "'::' must stand for at least one zero group");
    bad("v6 embedded v4 bad octet", "::ffff:1.2.3.400",
        "embedded IPv4 address: octet 400 out of range");
    bad("v6 embedded v4 not last", "::1.2.3.4:5", "unexpected character ':'");
    bad("v6 embedded v4 short", "::ffff:1.2.3", "expected 4 octets, got 3");
    bad("v6 only colon", ":", "leading ':'");
}

void TestAddress::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, canonical);
    QFETCH(QByteArray, error);

    const auto parsed
        = Address::parse(std::string_view(input.constData(), std::size_t(input.size())));
    if (canonical.isEmpty()) {
        if (parsed)
            QFAIL(qPrintable("accepted as " + QString::fromStdString(parsed->toString())));
        QVERIFY2(parsed.error().find(error.toStdString()) != std::string::npos,
                 qPrintable("error was: " + QString::fromStdString(parsed.error())));
        return;
    }
    QVERIFY2(parsed, parsed ? "" : parsed.error().c_str());
    QCOMPARE(QByteArray::fromStdString(parsed->toString()), canonical);
    QCOMPARE(parsed->family(), canonical.contains(':') ? Family::V6 : Family::V4);

    const auto again = Address::parse(parsed->toString());
    QVERIFY(again);
    QCOMPARE(*again, *parsed);
}

// Random addresses with long zero runs (the interesting case for '::') survive a round trip.
void TestAddress::roundTripRandom()
{
    std::mt19937_64 rng(20240601);
    for (int i = 0; i < 20000; ++i) {
        std::uint64_t words[2] = {rng(), rng()};
        // Zero a random subset of groups so that runs of every length appear.
        const std::uint64_t zeroMask = rng();
        for (int g = 0; g < 8; ++g) {
            if ((zeroMask >> (g * 3)) & 3)
                words[g / 4] &= ~(std::uint64_t{0xffff} << (48 - 16 * (g % 4)));
        }
        const Address a = (i % 4 == 0) ? Address::v4(static_cast<std::uint32_t>(words[0]))
                                       : Address::fromWords(Family::V6, words[0], words[1]);
        const std::string text = a.toString();
        const auto back = Address::parse(text);
        QVERIFY2(back, text.c_str());
        QVERIFY2(*back == a, text.c_str());
    }
}

// glibc's inet_ntop follows RFC 5952 too, except that it prints IPv4-mapped and -compatible
// addresses with a dotted quad; inet_pton is an independent parser.
void TestAddress::matchesSystemFormatter()
{
    std::mt19937_64 rng(7);
    for (int i = 0; i < 20000; ++i) {
        std::array<std::uint8_t, 16> bytes{};
        for (auto &b : bytes)
            b = static_cast<std::uint8_t>(rng());
        for (int g = 0; g < 8; ++g) {
            if (rng() % 2) {
                bytes[std::size_t(2 * g)] = 0;
                bytes[std::size_t(2 * g + 1)] = 0;
            }
        }
        const Address a = Address::fromBytes(Family::V6, bytes);
        const std::string ours = a.toString();

        std::array<std::uint8_t, 16> parsed{};
        QVERIFY2(inet_pton(AF_INET6, ours.c_str(), parsed.data()) == 1, ours.c_str());
        QVERIFY2(parsed == bytes, ours.c_str());

        char system[INET6_ADDRSTRLEN];
        QVERIFY(inet_ntop(AF_INET6, bytes.data(), system, sizeof system));
        if (std::strchr(system, '.') == nullptr)
            QCOMPARE(QByteArray::fromStdString(ours), QByteArray(system));
    }
}

void TestAddress::bytes()
{
    const std::uint8_t v4bytes[] = {192, 0, 2, 1};
    const Address v4 = Address::fromBytes(Family::V4, v4bytes);
    QCOMPARE(v4.toString(), std::string("192.0.2.1"));
    QCOMPARE(v4.v4Value(), 0xc0000201u);
    QCOMPARE(v4, Address::v4(0xc0000201u));
    std::uint8_t out4[4] = {};
    v4.toBytes(out4);
    QVERIFY(std::memcmp(out4, v4bytes, 4) == 0);

    const std::uint8_t v6bytes[]
        = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xab, 0xcd};
    const Address v6 = Address::fromBytes(Family::V6, v6bytes);
    QCOMPARE(v6.toString(), std::string("2001:db8::abcd"));
    QCOMPARE(v6.high(), 0x20010db800000000u);
    QCOMPARE(v6.low(), 0xabcdu);
    std::uint8_t out16[16] = {};
    v6.toBytes(out16);
    QVERIFY(std::memcmp(out16, v6bytes, 16) == 0);
}

void TestAddress::bit_data()
{
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<QByteArray>("bits"); // the address in binary, most significant first

    QTest::newRow("v4 first bit") << QByteArray("128.0.0.0") << QByteArray("1").append(31, '0');
    QTest::newRow("v4 last bit") << QByteArray("0.0.0.1") << QByteArray(31, '0').append('1');
    QTest::newRow("v4 pattern") << QByteArray("192.168.1.255")
                                << QByteArray("11000000101010000000000111111111");
    QTest::newRow("v6 bit 63 and 64")
        << QByteArray("0:0:0:1:8000::")
        << QByteArray(63, '0').append("11").append(QByteArray(63, '0'));
    QTest::newRow("v6 last bit") << QByteArray("::1") << QByteArray(127, '0').append('1');
    QTest::newRow("v6 first bit") << QByteArray("8000::") << QByteArray("1").append(127, '0');
}

void TestAddress::bit()
{
    QFETCH(QByteArray, address);
    QFETCH(QByteArray, bits);
    const auto a = Address::parse(address.toStdString());
    QVERIFY(a);
    QCOMPARE(bits.size(), a->maxLength());
    for (int i = 0; i < a->maxLength(); ++i)
        QVERIFY2(a->bit(i) == (bits[i] == '1'), qPrintable(QString("bit %1").arg(i)));
}

void TestAddress::masked_data()
{
    QTest::addColumn<QByteArray>("address");
    QTest::addColumn<int>("length");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("v4 /0") << QByteArray("203.0.113.77") << 0 << QByteArray("0.0.0.0");
    QTest::newRow("v4 /24") << QByteArray("203.0.113.77") << 24 << QByteArray("203.0.113.0");
    QTest::newRow("v4 /25") << QByteArray("203.0.113.200") << 25 << QByteArray("203.0.113.128");
    QTest::newRow("v4 /31") << QByteArray("203.0.113.77") << 31 << QByteArray("203.0.113.76");
    QTest::newRow("v4 /32") << QByteArray("203.0.113.77") << 32 << QByteArray("203.0.113.77");
    QTest::newRow("v6 /0") << QByteArray("2001:db8::1") << 0 << QByteArray("::");
    QTest::newRow("v6 /32") << QByteArray("2001:db8:ffff::1") << 32 << QByteArray("2001:db8::");
    QTest::newRow("v6 /63") << QByteArray("0:0:0:3:ffff::1") << 63 << QByteArray("0:0:0:2::");
    QTest::newRow("v6 /64") << QByteArray("2001:db8:1:2:3:4:5:6") << 64
                            << QByteArray("2001:db8:1:2::");
    QTest::newRow("v6 /65") << QByteArray("2001:db8:1:2:ffff:4:5:6") << 65
                            << QByteArray("2001:db8:1:2:8000::");
    QTest::newRow("v6 /127") << QByteArray("2001:db8::ff") << 127 << QByteArray("2001:db8::fe");
    QTest::newRow("v6 /128") << QByteArray("2001:db8::ff") << 128 << QByteArray("2001:db8::ff");
}

void TestAddress::masked()
{
    QFETCH(QByteArray, address);
    QFETCH(int, length);
    QFETCH(QByteArray, expected);
    const auto a = Address::parse(address.toStdString());
    QVERIFY(a);
    QCOMPARE(QByteArray::fromStdString(a->masked(length).toString()), expected);
}

void TestAddress::ordering()
{
    const auto p = [](const char *text) {
        return *Address::parse(text);
    };
    QVERIFY(p("255.255.255.255") < p("::"));
    QVERIFY(p("1.2.3.4") < p("1.2.3.5"));
    QVERIFY(p("9.0.0.0") < p("10.0.0.0")); // numeric, not textual
    QVERIFY(p("::ffff:ffff:ffff:ffff") < p("0:0:0:1::"));
    QVERIFY(p("2001:db8::") < p("2001:db8::1"));
    QVERIFY(p("::1.2.3.4") != p("1.2.3.4"));
    QCOMPARE(p("2001:DB8::1"), p("2001:db8:0::1"));
    QCOMPARE(Address(), p("0.0.0.0"));
}

void TestAddress::quotedEscapes()
{
    using bwx::net::detail::quoteInput;
    QCOMPARE(quoteInput("abc"), std::string("'abc'"));
    QCOMPARE(quoteInput(std::string_view("a\0b", 3)), std::string("'a\\x00b'"));
    QCOMPARE(quoteInput("\x1b[31m"), std::string("'\\x1b[31m'"));
    QCOMPARE(quoteInput("back\\slash"), std::string("'back\\\\slash'"));
    QCOMPARE(quoteInput(std::string(100, 'x')), "'" + std::string(64, 'x') + "...'");
}

QTEST_APPLESS_MAIN(TestAddress)
#include "tst_address.moc"
