// The VRP JSON reader: both tools' real flavours, and malformed files refused with the exact
// JSON path (or line and column for syntax errors) and reason.
#include "registry_fixture.h"

#include <QTest>

using namespace bwx;
using namespace bwx::registry;
using namespace bwx::registry::test;

namespace {

// rpki-client 8.x writes this shape (numeric "asn", "expires", extra sections).
const char *kRpkiClient = R"({
	"metadata": {
		"buildmachine": "rpki.example.net",
		"buildtime": "2024-05-01T10:00:00Z",
		"elapsedtime": 133,
		"roas": 3,
		"vrps": 3,
		"uniquevrps": 3
	},

	"roas": [
		{ "asn": 64500, "prefix": "203.0.113.0/24", "maxLength": 24, "ta": "ripe", "expires": 1714600000 },
		{ "asn": 64501, "prefix": "2001:db8::/32", "maxLength": 48, "ta": "arin", "expires": 1714600000 },
		{ "asn": 0, "prefix": "198.51.100.0/24", "maxLength": 32, "ta": "apnic", "expires": 1714600000 }
	],

	"bgpsec_keys": [
	],

	"aspas": [
		{ "customer_asid": 64500, "expires": 1714600000, "providers": [64501, 64502] }
	]
}
)";

// Routinator's "json" format: "AS"-prefixed strings, duplicates across trust anchors.
const char *kRoutinator = R"({
  "metadata": {
    "generated": 1714560000,
    "generatedTime": "2024-05-01T10:40:00Z"
  },
  "roas": [
    { "asn": "AS64500", "prefix": "203.0.113.0/24", "maxLength": 24, "ta": "ripe" },
    { "asn": "AS64500", "prefix": "203.0.113.0/24", "maxLength": 24, "ta": "arin" },
    { "asn": "AS4200000000", "prefix": "2001:db8:1::/48", "maxLength": 48, "ta": "ripe" }
  ]
}
)";

// Routinator's "jsonext": a "source" array of objects per VRP.
const char *kRoutinatorExt = R"({"metadata": {"generated": 0},
 "roas": [{"asn": "AS1234", "prefix": "12.34.56.0/24", "maxLength": 24,
           "source": [{"type": "roa", "uri": "rsync://x/y.roa", "validity": {"notBefore": "a"}, "path": null}]}]})";

} // namespace

class TestVrpParser : public QObject
{
    Q_OBJECT

private slots:
    void accepted_data();
    void accepted();
    void refused_data();
    void refused();
    void contentOfRealFlavours();
    void roundTrip();
    void refusedFileChangesNothing();
};

void TestVrpParser::accepted_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<int>("count");
    QTest::newRow("rpki-client") << QString::fromUtf8(kRpkiClient) << 3;
    QTest::newRow("routinator, duplicates merged") << QString::fromUtf8(kRoutinator) << 2;
    QTest::newRow("routinator jsonext") << QString::fromUtf8(kRoutinatorExt) << 1;
    QTest::newRow("empty roas") << R"({"roas": []})" << 0;
    QTest::newRow("asn as decimal string")
        << R"({"roas": [{"asn": "64500", "prefix": "10.0.0.0/8", "maxLength": 8}]})" << 1;
    QTest::newRow("asn with lowercase prefix")
        << R"({"roas": [{"asn": "as64500", "prefix": "10.0.0.0/8", "maxLength": 8}]})" << 1;
    QTest::newRow("members in any order")
        << R"({"roas": [{"maxLength": 24, "ta": 7, "prefix": "10.0.0.0/8", "asn": 1}], "metadata": null})"
        << 1;
    QTest::newRow("largest ASN and IPv6 /128")
        << R"({"roas": [{"asn": 4294967295, "prefix": "2001:db8::1/128", "maxLength": 128}]})" << 1;
    QTest::newRow("roas after nested unknown members")
        << R"({"x": {"roas": 5, "y": [[{"roas": {}}]]}, "roas": [{"asn": 1, "prefix": "10.0.0.0/8", "maxLength": 9}]})"
        << 1;
}

void TestVrpParser::accepted()
{
    QFETCH(QString, json);
    QFETCH(int, count);
    const auto parsed = parseVrpJson(json.toStdString());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.error().toString().c_str());
    QCOMPARE(int(parsed.value().size()), count);
}

void TestVrpParser::refused_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("reason");

    const auto content
        = [](const char *name, const char *json, const char *path, const char *reason) {
              QTest::newRow(name) << QString::fromUtf8(json) << QString::fromUtf8(path) << 0 << 0
                                  << QString::fromUtf8(reason);
          };
    const auto syntax
        = [](const char *name, const char *json, int line, int column, const char *reason) {
              QTest::newRow(name) << QString::fromUtf8(json) << QString() << line << column
                                  << QString::fromUtf8(reason);
          };

    syntax("not JSON", "hello", 1, 1, "syntax error while parsing value");
    syntax("empty file", "", 1, 1, "unexpected end of input");
    syntax("truncated", "{\"roas\": [", 1, 11, "unexpected end of input");
    syntax("double comma on line 3",
           "{\n \"roas\": [\n  {\"asn\": 1,, \"prefix\": \"10.0.0.0/8\"}]}", 3, 13,
           "syntax error while parsing object key");
    syntax("trailing garbage", "{\"roas\": []} x", 1, 14, "syntax error while parsing value");
    syntax("invalid UTF-8 in a string", "{\"roas\": [{\"ta\": \"\xff\"}]}", 1, 19,
           "invalid string");

    content("top-level array", "[]", "", "the top level must be an object, not an array");
    content("top-level number", "42", "", "the top level must be an object, not a number");
    content("missing roas", R"({"metadata": {}})", "", "missing \"roas\" array");
    content("roas is an object", R"({"roas": {}})", "/roas",
            "\"roas\" must be an array, not an object");
    content("roas is a string", R"({"roas": "none"})", "/roas",
            "\"roas\" must be an array, not a string");
    content("roas twice", R"({"roas": [], "roas": []})", "/roas", "\"roas\" appears twice");
    content("VRP is an array", R"({"roas": [[]]})", "/roas/0",
            "a VRP must be an object, not an array");
    content("VRP is a number", R"({"roas": [1]})", "/roas/0",
            "a VRP must be an object, not a number");
    content("second VRP has host bits",
            R"({"roas": [{"asn": 1, "prefix": "10.0.0.0/8", "maxLength": 8},
        {"asn": 1, "prefix": "10.0.0.1/8", "maxLength": 8}]})",
            "/roas/1/prefix", "host bits set in 10.0.0.1/8");
    content("prefix without length",
            R"({"roas": [{"asn": 1, "prefix": "10.0.0.0", "maxLength": 8}]})", "/roas/0/prefix",
            "missing '/'");
    content("prefix is a number", R"({"roas": [{"asn": 1, "prefix": 10, "maxLength": 8}]})",
            "/roas/0/prefix", "prefix must be a string, not a number");
    content("missing prefix", R"({"roas": [{"asn": 1, "maxLength": 8}]})", "/roas/0",
            "missing \"prefix\"");
    content("missing asn", R"({"roas": [{"prefix": "10.0.0.0/8", "maxLength": 8}]})", "/roas/0",
            "missing \"asn\"");
    content("missing maxLength", R"({"roas": [{"asn": 1, "prefix": "10.0.0.0/8"}]})", "/roas/0",
            "missing \"maxLength\"");
    content("maxLength shorter than prefix",
            R"({"roas": [{"asn": 1, "prefix": "10.0.0.0/16", "maxLength": 8}]})",
            "/roas/0/maxLength", "maxLength 8 out of range 16-32 for 10.0.0.0/16");
    content("maxLength beyond IPv4",
            R"({"roas": [{"asn": 1, "prefix": "10.0.0.0/8", "maxLength": 33}]})",
            "/roas/0/maxLength", "maxLength 33 out of range 8-32");
    content("maxLength huge",
            R"({"roas": [{"asn": 1, "prefix": "10.0.0.0/8", "maxLength": 99999999999}]})",
            "/roas/0/maxLength", "maxLength 99999999999 out of range");
    content("maxLength as string",
            R"({"roas": [{"asn": 1, "prefix": "10.0.0.0/8", "maxLength": "24"}]})",
            "/roas/0/maxLength", "maxLength must be a number, not a string");
    content("maxLength fractional",
            R"({"roas": [{"asn": 1, "prefix": "10.0.0.0/8", "maxLength": 24.5}]})",
            "/roas/0/maxLength", "maxLength '24.5' is not an integer");
    content("negative asn", R"({"roas": [{"asn": -1, "prefix": "10.0.0.0/8", "maxLength": 8}]})",
            "/roas/0/asn", "asn -1 is negative");
    content("asn beyond 32 bits",
            R"({"roas": [{"asn": 4294967296, "prefix": "10.0.0.0/8", "maxLength": 8}]})",
            "/roas/0/asn", "ASN 4294967296 out of range 0-4294967295");
    content("asn string beyond 32 bits",
            R"({"roas": [{"asn": "AS4294967296", "prefix": "10.0.0.0/8", "maxLength": 8}]})",
            "/roas/0/asn", "invalid ASN 'AS4294967296'");
    content("asn in asdot",
            R"({"roas": [{"asn": "AS1.10", "prefix": "10.0.0.0/8", "maxLength": 8}]})",
            "/roas/0/asn", "invalid ASN 'AS1.10'");
    content("asn is a boolean",
            R"({"roas": [{"asn": true, "prefix": "10.0.0.0/8", "maxLength": 8}]})", "/roas/0/asn",
            "asn must not be a boolean");
    content("asn is null", R"({"roas": [{"asn": null, "prefix": "10.0.0.0/8", "maxLength": 8}]})",
            "/roas/0/asn", "asn must not be null");
    content("asn is an object",
            R"({"roas": [{"asn": {}, "prefix": "10.0.0.0/8", "maxLength": 8}]})", "/roas/0/asn",
            "asn must not be an object");
    content("asn twice",
            R"({"roas": [{"asn": 1, "asn": 2, "prefix": "10.0.0.0/8", "maxLength": 8}]})",
            "/roas/0/asn", "asn appears twice");
}

void TestVrpParser::refused()
{
    QFETCH(QString, json);
    QFETCH(QString, path);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, reason);
    const QByteArray bytes = json.toUtf8();
    // The invalid-UTF-8 row must reach the parser byte for byte.
    const std::string text = QTest::currentDataTag() == QLatin1String("invalid UTF-8 in a string")
                                 ? std::string("{\"roas\": [{\"ta\": \"\xff\"}]}")
                                 : bytes.toStdString();
    const auto parsed = parseVrpJson(text);
    QVERIFY(!parsed.ok());
    const DataError &error = parsed.error();
    QCOMPARE(QString::fromStdString(error.path), path);
    QCOMPARE(int(error.line), line);
    QCOMPARE(int(error.column), column);
    QVERIFY2(QString::fromStdString(error.reason).contains(reason), error.toString().c_str());
    QVERIFY(!error.toString().empty());
}

void TestVrpParser::contentOfRealFlavours()
{
    const auto client = parseVrpJson(kRpkiClient);
    QVERIFY(client.ok());
    const std::vector<Vrp> expected = {{pfx("198.51.100.0/24"), 0, 32},
                                       {pfx("203.0.113.0/24"), 64500, 24},
                                       {pfx("2001:db8::/32"), 64501, 48}};
    QVERIFY(client.value().entries() == expected);

    const auto routinator = parseVrpJson(kRoutinator);
    QVERIFY(routinator.ok());
    const std::vector<Vrp> expected2
        = {{pfx("203.0.113.0/24"), 64500, 24}, {pfx("2001:db8:1::/48"), 4200000000u, 48}};
    QVERIFY(routinator.value().entries() == expected2);
    // The same payloads written by either tool hash alike.
    const auto sameAsRoutinator = parseVrpJson(R"({"roas": [
        {"asn": 4200000000, "prefix": "2001:db8:1::/48", "maxLength": 48},
        {"asn": 64500, "prefix": "203.0.113.0/24", "maxLength": 24}]})");
    QCOMPARE(sameAsRoutinator.value().contentHash(), routinator.value().contentHash());
}

void TestVrpParser::roundTrip()
{
    const auto parsed = parseVrpJson(kRpkiClient);
    QVERIFY(parsed.ok());
    const std::string written = formatVrpJson(parsed.value());
    const auto again = parseVrpJson(written);
    QVERIFY2(again.ok(), written.c_str());
    QVERIFY(again.value() == parsed.value());
    QCOMPARE(parseVrpJson(formatVrpJson(VrpSet{})).value().size(), std::size_t(0));
}

void TestVrpParser::refusedFileChangesNothing()
{
    Registry registry(labConfig());
    addMembers(registry);
    const auto good = parseVrpJson(kRpkiClient);
    registry.loadVrps(good.value());
    QVERIFY(registry.announce(kAlpha, addr("192.0.2.1"),
                              makeRoute("203.0.113.0/24", "64500", "192.0.2.1")));
    const std::uint64_t before = registry.stateHash();
    // A newer file, broken in its last VRP: the caller never gets a data set to load.
    const auto bad
        = parseVrpJson(R"({"roas": [{"asn": 64501, "prefix": "203.0.113.0/24", "maxLength": 24},
        {"asn": 1, "prefix": "bad", "maxLength": 8}]})");
    QVERIFY(!bad.ok());
    QCOMPARE(QString::fromStdString(bad.error().path), QStringLiteral("/roas/1/prefix"));
    QCOMPARE(registry.stateHash(), before);
    QVERIFY(registry.vrps() == good.value());
    QCOMPARE(nameOf(registry.route(kAlpha, addr("192.0.2.1"), pfx("203.0.113.0/24"))->rpki),
             nameOf(RpkiState::Valid));
}

QTEST_APPLESS_MAIN(TestVrpParser)
#include "tst_vrp_parser.moc"
