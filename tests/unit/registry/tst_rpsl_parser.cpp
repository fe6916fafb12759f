// The RPSL reader: route and route6 objects as IRR databases export them, and malformed files
// refused with the exact line and reason.
#include "registry_fixture.h"

#include <QTest>

using namespace bwx;
using namespace bwx::registry;
using namespace bwx::registry::test;

namespace {

const char *kDump = R"(% This is a dump of an IRR database
% (whois-style header comments)

route:          203.0.113.0/24
descr:          Example customer
                second description line
origin:         AS64500
mnt-by:         MAINT-EXAMPLE
source:         RADB

# an aut-num object is skipped
aut-num:        AS64500
as-name:        EXAMPLE
import:         from AS64501 accept ANY
+               AND NOT {0.0.0.0/0}
export:         to AS64501 announce AS64500

route6:         2001:db8::/32
origin:         AS64500 # trailing comment
source:         RADB

route:          198.51.100.0/24
origin:         AS64501
source:         RIPE
)";

} // namespace

class TestRpslParser : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
    void dumpContent();
    void roundTrip();
};

void TestRpslParser::accepted_data()
{
    QTest::addColumn<QString>("rpsl");
    QTest::addColumn<QString>("expected"); // "prefix ASn; ..." in sorted order

    QTest::newRow("IRR dump with other objects")
        << QString::fromUtf8(kDump)
        << "198.51.100.0/24 AS64501; 203.0.113.0/24 AS64500; 2001:db8::/32 AS64500";
    QTest::newRow("single object, no trailing newline") << "route: 203.0.113.0/24\norigin: AS64500"
                                                        << "203.0.113.0/24 AS64500";
    QTest::newRow("empty file") << ""
                                << "";
    QTest::newRow("only comments") << "# nothing\n% here\n"
                                   << "";
    QTest::newRow("names and AS in any case") << "Route: 203.0.113.0/24\nORIGIN: as64500\n"
                                              << "203.0.113.0/24 AS64500";
    QTest::newRow("CRLF line ends") << "route: 203.0.113.0/24\r\norigin: AS64500\r\n\r\nroute6: "
                                       "2001:db8::/32\r\norigin: AS1\r\n"
                                    << "203.0.113.0/24 AS64500; 2001:db8::/32 AS1";
    QTest::newRow("whitespace-only line separates objects")
        << "route: 203.0.113.0/24\norigin: AS1\n   \t\nroute: 198.51.100.0/24\norigin: AS2\n"
        << "198.51.100.0/24 AS2; 203.0.113.0/24 AS1";
    QTest::newRow("origin value on a continuation line")
        << "route: 203.0.113.0/24\norigin:\n  AS64500\n"
        << "203.0.113.0/24 AS64500";
    QTest::newRow("tab and plus continuations")
        << "route: 203.0.113.0/24\ndescr: a\n\tb\n+ c\norigin: AS7\n"
        << "203.0.113.0/24 AS7";
    QTest::newRow("comment line inside an object")
        << "route: 203.0.113.0/24\n# between\norigin: AS7\n"
        << "203.0.113.0/24 AS7";
    QTest::newRow("value comment") << "route: 203.0.113.0/24 # ours\norigin: AS7#x\n"
                                   << "203.0.113.0/24 AS7";
    QTest::newRow("same object in two databases")
        << "route: 203.0.113.0/24\norigin: AS7\nsource: A\n\n"
           "route: 203.0.113.0/24\norigin: AS7\nsource: B\n"
        << "203.0.113.0/24 AS7";
    QTest::newRow("same prefix, two origins")
        << "route: 203.0.113.0/24\norigin: AS8\n\nroute: 203.0.113.0/24\norigin: AS7\n"
        << "203.0.113.0/24 AS7; 203.0.113.0/24 AS8";
    QTest::newRow("several blank lines") << "\n\n\nroute: 203.0.113.0/24\norigin: AS7\n\n\n\n"
                                         << "203.0.113.0/24 AS7";
    QTest::newRow("other object without origin is fine") << "mntner: MAINT-X\nauth: x\n"
                                                         << "";
    QTest::newRow("largest ASN") << "route: 203.0.113.0/24\norigin: AS4294967295\n"
                                 << "203.0.113.0/24 AS4294967295";
}

void TestRpslParser::accepted()
{
    QFETCH(QString, rpsl);
    QFETCH(QString, expected);
    const auto parsed = parseRpsl(rpsl.toStdString());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().toString().c_str());
    QStringList got;
    for (const IrrRoute &route : parsed.value().entries())
        got << QStringLiteral("%1 AS%2")
                   .arg(QString::fromStdString(route.prefix.toString()))
                   .arg(route.origin);
    QCOMPARE(got.join(QStringLiteral("; ")), expected);
}

void TestRpslParser::refused_data()
{
    QTest::addColumn<QString>("rpsl");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("reason");

    QTest::newRow("route without origin")
        << "route: 203.0.113.0/24\ndescr: x\n"
        << 1 << "route object 203.0.113.0/24 has no origin: attribute";
    QTest::newRow("route without origin, later object")
        << QStringLiteral("%1\nroute: 10.0.0.0/8\n\nroute: 11.0.0.0/8\norigin: AS1\n")
               .arg(QString::fromUtf8(kDump))
        << 26 << "route object 10.0.0.0/8 has no origin";
    QTest::newRow("origin twice") << "route: 203.0.113.0/24\norigin: AS1\norigin: AS2\n"
                                  << 3 << "origin: appears twice in one object";
    QTest::newRow("route twice") << "route: 203.0.113.0/24\nroute: 198.51.100.0/24\norigin: AS2\n"
                                 << 2 << "route: appears twice in one object";
    QTest::newRow("host bits set") << "descr: first\n\nroute: 203.0.113.1/24\norigin: AS1\n"
                                   << 3 << "route: host bits set in 203.0.113.1/24";
    QTest::newRow("prefix without length") << "route: 203.0.113.0\norigin: AS1\n"
                                           << 1 << "missing '/'";
    QTest::newRow("IPv6 in route:")
        << "route: 2001:db8::/32\norigin: AS1\n"
        << 1 << "route: 2001:db8::/32 is not an IPv4 prefix (use route6:)";
    QTest::newRow("IPv4 in route6:")
        << "route6: 203.0.113.0/24\norigin: AS1\n"
        << 1 << "route6: 203.0.113.0/24 is not an IPv6 prefix (use route:)";
    QTest::newRow("origin without AS") << "route: 203.0.113.0/24\norigin: 64500\n"
                                       << 2 << "origin: invalid ASN '64500' (expected AS<number>)";
    QTest::newRow("origin beyond 32 bits") << "route: 203.0.113.0/24\norigin: AS4294967296\n"
                                           << 2 << "invalid ASN 'AS4294967296'";
    QTest::newRow("origin with two ASNs") << "route: 203.0.113.0/24\norigin: AS1 AS2\n"
                                          << 2 << "invalid ASN 'AS1 AS2'";
    QTest::newRow("empty origin") << "route: 203.0.113.0/24\norigin:\n" << 2 << "invalid ASN ''";
    QTest::newRow("line without colon") << "route: 203.0.113.0/24\norigin AS1\n"
                                        << 2 << "expected \"attribute: value\", got 'origin AS1'";
    QTest::newRow("attribute name with a space") << "route: 203.0.113.0/24\nmy attr: x\n"
                                                 << 2 << "expected \"attribute: value\"";
    QTest::newRow("empty attribute name") << ": x\n" << 1 << "expected \"attribute: value\"";
    QTest::newRow("continuation before any object") << "  continued\nroute: 203.0.113.0/24\n"
                                                    << 1 << "continuation line outside an object";
    QTest::newRow("continuation after a blank line")
        << "route: 203.0.113.0/24\norigin: AS1\n\n+more\n"
        << 4 << "continuation line outside an object";
    QTest::newRow("control bytes are quoted") << "route: 203.0.113.0/24\n\x01\x02\n"
                                              << 2 << "\\x01";
}

void TestRpslParser::refused()
{
    QFETCH(QString, rpsl);
    QFETCH(int, line);
    QFETCH(QString, reason);
    const auto parsed = parseRpsl(rpsl.toStdString());
    QVERIFY(!parsed.ok());
    QCOMPARE(int(parsed.error().line), line);
    QVERIFY(parsed.error().path.empty());
    QVERIFY2(QString::fromStdString(parsed.error().reason).contains(reason),
             parsed.error().toString().c_str());
    QVERIFY(QString::fromStdString(parsed.error().toString())
                .startsWith(QStringLiteral("line %1: ").arg(line)));
}

void TestRpslParser::dumpContent()
{
    const auto parsed = parseRpsl(kDump);
    QVERIFY(parsed.ok());
    const std::vector<IrrRoute> expected = {{pfx("198.51.100.0/24"), 64501},
                                            {pfx("203.0.113.0/24"), 64500},
                                            {pfx("2001:db8::/32"), 64500}};
    QVERIFY(parsed.value().entries() == expected);
}

void TestRpslParser::roundTrip()
{
    const auto parsed = parseRpsl(kDump);
    const std::string written = formatRpsl(parsed.value());
    const auto again = parseRpsl(written);
    QVERIFY2(again.ok(), written.c_str());
    QVERIFY(again.value() == parsed.value());
    QCOMPARE(again.value().contentHash(), parsed.value().contentHash());
}

QTEST_APPLESS_MAIN(TestRpslParser)
#include "tst_rpsl_parser.moc"
