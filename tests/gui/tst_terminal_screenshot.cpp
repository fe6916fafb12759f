// The bwx-terminal binary end to end without bwxd: `--screenshot` against the in-process
// FakeExchange (real TLS, the recorded demo session as its answers) writes a PNG with content
// and exits 0; without a server it gives up after the timeout, says what was missing and exits
// 3; without credentials it exits 2 before trying.
#include "support/demosession.h"
#include "support/fakeexchange.h"
#include "support/testpki.h"

#include <QColor>
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

int distinctColours(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    return static_cast<int>(colours.size());
}

// The exchange answers with what the recorded session holds.
void loadDemo(FakeExchange &exchange)
{
    for (const RecordedFrame &frame : demoSession()) {
        if (const auto *ack = std::get_if<proto::HelloAck>(&frame.message))
            exchange.helloAck = *ack;
        else if (const auto *watch = std::get_if<proto::MarketWatchSnapshot>(&frame.message))
            exchange.marketWatch = *watch;
        else if (const auto *book = std::get_if<proto::BookSnapshot>(&frame.message))
            exchange.books[book->prefix] = *book;
        else if (const auto *orders = std::get_if<proto::OrderList>(&frame.message))
            exchange.orders = *orders;
        else if (const auto *trades = std::get_if<proto::TradeList>(&frame.message))
            exchange.trades = *trades;
        else if (const auto *members = std::get_if<proto::MemberList>(&frame.message))
            exchange.members = *members;
    }
}

} // namespace

class tst_TerminalScreenshot : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void screenshotAgainstExchange_data();
    void screenshotAgainstExchange();
    void noServerTimesOut();
    void missingCredentialsExitsAtOnce();

private:
    Run runTerminal(const QStringList &arguments);

    QTemporaryDir m_dir;
    TestPki m_pki;
};

void tst_TerminalScreenshot::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(m_pki.create(m_dir.path(), &error), qPrintable(error));
}

Run tst_TerminalScreenshot::runTerminal(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("HOME", m_dir.path());
    env.insert("XDG_CONFIG_HOME", m_dir.filePath("config"));
    env.insert("XDG_DATA_HOME", m_dir.filePath("data"));
    process.setProcessEnvironment(env);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(QStringLiteral(BWX_TERMINAL_PATH), arguments);
    Run run;
    // The fake exchange lives in this process: keep its event loop turning while we wait.
    if (!finished.wait(60'000)) {
        process.kill();
        process.waitForFinished(5000);
        run.err = "bwx-terminal did not exit in time: "
                  + QString::fromUtf8(process.readAllStandardError());
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void tst_TerminalScreenshot::screenshotAgainstExchange_data()
{
    QTest::addColumn<QString>("style");
    QTest::addColumn<QString>("book");
    QTest::newRow("light, book chosen on the command line") << "light"
                                                            << "203.0.113.0/24";
    QTest::newRow("dark, first prefix of the market watch") << "dark"
                                                            << "";
}

void tst_TerminalScreenshot::screenshotAgainstExchange()
{
    QFETCH(QString, style);
    QFETCH(QString, book);

    FakeExchange exchange(m_pki);
    QString error;
    QVERIFY2(exchange.listen(&error), qPrintable(error));
    loadDemo(exchange);
    exchange.writeChunkBytes = 61; // partial reads in the real binary too

    const QString png = QCoreApplication::applicationDirPath()
                        + QStringLiteral("/screenshots/terminal-%1.png").arg(style);
    QFile::remove(png);
    QStringList args{"--server",
                     QStringLiteral("127.0.0.1:%1").arg(exchange.port()),
                     "--cert",
                     m_pki.clientCert,
                     "--key",
                     m_pki.clientKey,
                     "--ca",
                     m_pki.caCert,
                     "--screenshot",
                     png,
                     "--style",
                     style,
                     "--screenshot-timeout",
                     "30"};
    if (!book.isEmpty())
        args << "--book" << book;
    const Run run = runTerminal(args);
    QVERIFY2(run.exitCode == 0,
             qPrintable(QStringLiteral("exit %1: %2 %3").arg(run.exitCode).arg(run.out, run.err)));
    QCOMPARE(run.out.trimmed(), QStringLiteral("bwx-terminal: screenshot: ") + png);
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1600, 1000));
    QVERIFY(distinctColours(image) > 40);
    // --style reached the terminal (Qt would have taken it as a widget style name): the empty
    // part of the market watch is the theme's base colour.
    const int lightness = QColor(image.pixel(300, 450)).lightness();
    if (style == QLatin1String("dark"))
        QVERIFY2(lightness < 80, qPrintable(QString::number(lightness)));
    else
        QVERIFY2(lightness > 180, qPrintable(QString::number(lightness)));

    // What the terminal asked for: the market watch, the book, its orders, trades and members.
    QCOMPARE(exchange.countOf(proto::MessageType::Hello), 1);
    QCOMPARE(exchange.countOf(proto::MessageType::SubscribeMarketWatch), 1);
    QVERIFY(exchange.countOf(proto::MessageType::SubscribeBook) >= 1);
    QCOMPARE(exchange.countOf(proto::MessageType::QueryOrders), 1);
    QCOMPARE(exchange.countOf(proto::MessageType::QueryTrades), 1);
    QCOMPARE(exchange.countOf(proto::MessageType::QueryMembers), 1);
    const net::Prefix expectedBook = book.isEmpty() ? *net::Prefix::parse("100.64.0.0/10")
                                                    : *net::Prefix::parse(book.toStdString());
    bool subscribed = false;
    for (const auto &received : exchange.received())
        if (const auto *sub = std::get_if<proto::SubscribeBook>(&received.message))
            subscribed |= sub->prefix == expectedBook;
    QVERIFY(subscribed);
    qInfo("terminal screenshot: %s", qPrintable(png));
}

void tst_TerminalScreenshot::noServerTimesOut()
{
    // A port that was just free: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    const QString png = m_dir.filePath("never.png");
    const Run run = runTerminal({"--server", QStringLiteral("127.0.0.1:%1").arg(port), "--cert",
                                 m_pki.clientCert, "--key", m_pki.clientKey, "--ca", m_pki.caCert,
                                 "--screenshot", png, "--screenshot-timeout", "2"});
    QCOMPARE(run.exitCode, 3);
    // Refused at once, so the client is between attempts (or, rarely, inside the next one).
    static const QRegularExpression gaveUp(QStringLiteral(
        "bwx-terminal: screenshot: gave up after 2 s: (waiting to reconnect|still connecting);"));
    QVERIFY2(gaveUp.match(run.err).hasMatch(), qPrintable(run.err));
    QVERIFY2(run.err.contains("market watch not loaded"), qPrintable(run.err));
    QVERIFY2(run.err.contains("last error: Connection refused"), qPrintable(run.err));
    QVERIFY(!QFile::exists(png));
}

void tst_TerminalScreenshot::missingCredentialsExitsAtOnce()
{
    const Run run
        = runTerminal({"--server", "127.0.0.1:9", "--screenshot", m_dir.filePath("x.png")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--screenshot needs --server, --cert, --key and --ca"),
             qPrintable(run.err));
}

QTEST_GUILESS_MAIN(tst_TerminalScreenshot)
#include "tst_terminal_screenshot.moc"
