// bwx-terminal's command line: every option parsed, every bad value refused with its message,
// and the remembered profile overridden only by what is given.
#include "app/commandline.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;

class tst_CommandLine : public QObject
{
    Q_OBJECT

private slots:
    void errors_data();
    void errors();
    void fullCommandLine();
    void overridesOnlyWhatIsGiven();
    void helpAndVersion();
    void profileDirectory();
};

void tst_CommandLine::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    QTest::newRow("server without port")
        << QStringList{"--server", "exchange.example.net"}
        << "--server: Server address 'exchange.example.net' has no port (expected host:port)";
    QTest::newRow("server port out of range")
        << QStringList{"--server", "ex:70000"}
        << "--server: Port '70000' is not a number from 1 to 65535";
    QTest::newRow("IPv6 without brackets")
        << QStringList{"--server", "2001:db8::1:7400"}
        << "--server: Server address '2001:db8::1:7400' has no port (expected host:port)";
    QTest::newRow("book with host bits")
        << QStringList{"--book", "203.0.113.1/24"}
        << "--book: host bits set in 203.0.113.1/24 (did you mean 203.0.113.0/24?)";
    QTest::newRow("unknown style")
        << QStringList{"--style", "blue"} << "--style: 'blue' is neither dark nor light";
    QTest::newRow("timeout not a number")
        << QStringList{"--screenshot-timeout", "soon"}
        << "--screenshot-timeout: 'soon' is not a number of seconds from 1 to 3600";
    QTest::newRow("size too small")
        << QStringList{"--size", "320x200"}
        << "--size: '320x200' is not WIDTHxHEIGHT between 640x400 and 8000x8000";
    QTest::newRow("unknown option") << QStringList{"--colour", "x"} << "Unknown option 'colour'.";
    QTest::newRow("stray argument") << QStringList{"extra"} << "Unexpected argument 'extra'";
    QTest::newRow("option without value")
        << QStringList{"--cert"} << "Missing value after '--cert'.";
}

void tst_CommandLine::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CommandLineResult result = parseCommandLine(QStringList{"bwx-terminal"} + arguments);
    QCOMPARE(int(result.action), int(CommandLineResult::Action::Error));
    QCOMPARE(result.text, message);
}

void tst_CommandLine::fullCommandLine()
{
    const CommandLineResult result = parseCommandLine({"bwx-terminal",
                                                       "--server",
                                                       "[2001:db8::1]:7400",
                                                       "--cert",
                                                       "/m/cert.pem",
                                                       "--key",
                                                       "/m/key.pem",
                                                       "--ca",
                                                       "/m/ca.pem",
                                                       "--server-name",
                                                       "exchange.example.net",
                                                       "--screenshot",
                                                       "/tmp/shot.png",
                                                       "--book",
                                                       "2001:db8:100::/40",
                                                       "--style",
                                                       "dark",
                                                       "--screenshot-timeout",
                                                       "12",
                                                       "--size",
                                                       "1280x800"});
    QCOMPARE(int(result.action), int(CommandLineResult::Action::Run));
    const LaunchOptions &o = result.options;
    QVERIFY(o.server);
    QCOMPARE(o.server->host, QStringLiteral("2001:db8::1"));
    QCOMPARE(o.server->port, quint16(7400));
    QCOMPARE(o.certificateFile, QStringLiteral("/m/cert.pem"));
    QCOMPARE(o.keyFile, QStringLiteral("/m/key.pem"));
    QCOMPARE(o.caFile, QStringLiteral("/m/ca.pem"));
    QCOMPARE(o.serverName, QStringLiteral("exchange.example.net"));
    QCOMPARE(o.screenshotFile, QStringLiteral("/tmp/shot.png"));
    QVERIFY(o.book && *o.book == *net::Prefix::parse("2001:db8:100::/40"));
    QVERIFY(o.theme && *o.theme == Theme::Dark);
    QCOMPARE(o.screenshotTimeoutSeconds, 12);
    QCOMPARE(o.windowSize, QSize(1280, 800));

    const ConnectionProfile p = o.applyTo({});
    QVERIFY(p.isComplete());
    QCOMPARE(p.serverText(), QStringLiteral("[2001:db8::1]:7400"));
    QCOMPARE(p.verifyName(), QStringLiteral("exchange.example.net"));
}

void tst_CommandLine::overridesOnlyWhatIsGiven()
{
    ConnectionProfile remembered;
    remembered.host = "old.example.net";
    remembered.port = 7400;
    remembered.certificateFile = "/old/cert.pem";
    remembered.keyFile = "/old/key.pem";
    remembered.caFile = "/old/ca.pem";
    const CommandLineResult result = parseCommandLine({"bwx-terminal", "--key", "/new/key.pem"});
    const ConnectionProfile p = result.options.applyTo(remembered);
    QCOMPARE(p.host, QStringLiteral("old.example.net"));
    QCOMPARE(p.certificateFile, QStringLiteral("/old/cert.pem"));
    QCOMPARE(p.keyFile, QStringLiteral("/new/key.pem"));
    QCOMPARE(p.verifyName(), QStringLiteral("old.example.net"));
}

void tst_CommandLine::helpAndVersion()
{
    const CommandLineResult help = parseCommandLine({"bwx-terminal", "--help"});
    QCOMPARE(int(help.action), int(CommandLineResult::Action::ShowText));
    for (const char *option :
         {"--server", "--cert", "--key", "--ca", "--screenshot", "--book", "--style"})
        QVERIFY2(help.text.contains(QLatin1String(option)), option);
    QCOMPARE(int(parseCommandLine({"bwx-terminal", "--version"}).action),
             int(CommandLineResult::Action::ShowText));
}

void tst_CommandLine::profileDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const char *name : {"member.crt", "member.key"}) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    // ca.crt is missing: refused, naming the file.
    CommandLineResult result = parseCommandLine({"bwx-terminal", "--profile", dir.path()});
    QCOMPARE(int(result.action), int(CommandLineResult::Action::Error));
    QCOMPARE(result.text,
             QStringLiteral("--profile: %1 does not exist").arg(dir.filePath("ca.crt")));

    QFile ca(dir.filePath("ca.crt"));
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.close();
    result = parseCommandLine({"bwx-terminal", "--profile", dir.path(), "--key", "/other/key.pem"});
    QCOMPARE(int(result.action), int(CommandLineResult::Action::Run));
    const ConnectionProfile p = result.options.applyTo({});
    QCOMPARE(p.certificateFile, dir.filePath("member.crt"));
    QCOMPARE(p.keyFile, QStringLiteral("/other/key.pem")); // a single file beats the directory
    QCOMPARE(p.caFile, dir.filePath("ca.crt"));
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
