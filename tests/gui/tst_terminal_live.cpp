// bwx-terminal against a real bwxd: members trade through bwx_client, then the terminal binary
// runs with --screenshot as a separate process, connects over TLS with a member certificate,
// waits for the market watch and the book, and writes a PNG that must show real content. Also:
// a terminal that cannot verify the server gives up with a clear message and a non-zero exit.
#include "bwxd_fixture.h"
#include "test_support.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace bwx;
using namespace bwx::test;
using namespace std::chrono_literals;

namespace {

struct TerminalRun
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

} // namespace

class tst_TerminalLive : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void screenshotOfALiveMarket();
    void untrustedServerTimesOutClearly();

private:
    TerminalRun runTerminal(const Credentials &member,
                            const QString &caFile,
                            const QStringList &extra,
                            int timeoutMs);
    void place(client::Connection &member, const proto::NewOrder &order);

    std::unique_ptr<BwxdFixture> m_fx;
    QTemporaryDir m_home; // the terminal's settings and cache live here, not in the real home
};

void tst_TerminalLive::initTestCase()
{
    QVERIFY(m_home.isValid());
    guarded([&] {
        m_fx = std::make_unique<BwxdFixture>();
        m_fx->start();
        m_fx->addMember("isp-a", 64510);
        m_fx->addMember("transit-b", 64511);
        m_fx->addMember("carrier-c", 64512);
    });
}

void tst_TerminalLive::cleanupTestCase()
{
    m_fx.reset();
}

void tst_TerminalLive::place(client::Connection &member, const proto::NewOrder &order)
{
    const client::Incoming reply = member.request(order);
    const auto *update = as<proto::OrderUpdate>(reply);
    QVERIFY2(update, qPrintable(describe(reply)));
}

TerminalRun tst_TerminalLive::runTerminal(const Credentials &member,
                                          const QString &caFile,
                                          const QStringList &extra,
                                          int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("HOME", m_home.path());
    env.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
    env.insert("XDG_DATA_HOME", m_home.filePath("data"));
    env.insert("XDG_RUNTIME_DIR", m_home.filePath("runtime"));
    QDir().mkpath(m_home.filePath("runtime"));
    QFile::setPermissions(m_home.filePath("runtime"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    process.setProcessEnvironment(env);
    QStringList args{"--server", QStringLiteral("127.0.0.1:%1").arg(m_fx->port()),
                     "--cert",   member.cert,
                     "--key",    member.key,
                     "--ca",     caFile};
    process.start(QStringLiteral(BWX_TERMINAL_PATH), args + extra);
    TerminalRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        run.err = QStringLiteral("bwx-terminal did not exit in time: ")
                  + QString::fromUtf8(process.readAllStandardError());
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

void tst_TerminalLive::screenshotOfALiveMarket()
{
    guarded([&] {
        auto transit = m_fx->session(m_fx->member("transit-b"));
        auto carrier = m_fx->session(m_fx->member("carrier-c"));
        auto isp = m_fx->session(m_fx->member("isp-a"));
        // Sells on the /24 and on a covering /16; resting bids below them; one bid that crosses
        // carrier-c's offer and trades; some depth on a second prefix.
        place(carrier, limitOrder(Side::Sell, "203.0.113.0/24", 42, 500, 1, 10));
        place(transit, limitOrder(Side::Sell, "203.0.0.0/16", 45, 2000, 2, 100));
        place(transit, limitOrder(Side::Sell, "203.0.0.0/16", 48, 4000, 3, 100));
        place(carrier, limitOrder(Side::Sell, "198.51.100.0/24", 30, 1000, 4, 10));
        place(isp, limitOrder(Side::Buy, "203.0.113.0/24", 40, 200, 5, 10));
        place(isp, limitOrder(Side::Buy, "203.0.113.0/24", 38, 300, 6, 10));
        place(isp, limitOrder(Side::Buy, "198.51.100.0/24", 27, 100, 7, 10));
        place(isp, limitOrder(Side::Buy, "203.0.113.0/24", 43, 100, 8, 10)); // trades at 42
        QVERIFY(nextOf<proto::Fill>(isp, 10s).has_value());
    });
    if (QTest::currentTestFailed())
        return;

    const QString png = QCoreApplication::applicationDirPath() + "/screenshots/terminal-live.png";
    QFile::remove(png);
    const TerminalRun run = runTerminal(
        m_fx->member("isp-a"), m_fx->caFile(),
        {"--screenshot", png, "--book", "203.0.113.0/24", "--screenshot-timeout", "40"}, 60'000);
    QVERIFY2(run.exitCode == 0, qPrintable(QStringLiteral("exit %1\nstdout: %2\nstderr: %3\n%4")
                                               .arg(run.exitCode)
                                               .arg(run.out, run.err, m_fx->log().right(2000))));
    QVERIFY2(run.out.contains("screenshot: " + png), qPrintable(run.out));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1600, 1000));
    QVERIFY2(distinctColours(image) > 40, qPrintable(QString::number(distinctColours(image))));
    qInfo("live screenshot: %s", qPrintable(png));
}

void tst_TerminalLive::untrustedServerTimesOutClearly()
{
    // A CA that did not sign the server: the terminal must refuse the server, not log in.
    const QString foreignCa = QDir(m_fx->directory()).filePath("foreign-ca.crt");
    QVERIFY2(QFile::exists(foreignCa), qPrintable(foreignCa));
    const QString png = QCoreApplication::applicationDirPath() + "/screenshots/never-written.png";
    QFile::remove(png);
    const TerminalRun run = runTerminal(m_fx->member("isp-a"), foreignCa,
                                        {"--screenshot", png, "--screenshot-timeout", "3"}, 30'000);
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains("screenshot: gave up after 3 s"), qPrintable(run.err));
    QVERIFY2(run.err.contains("market watch not loaded"), qPrintable(run.err));
    QVERIFY2(run.err.contains("TLS"), qPrintable(run.err));
    QVERIFY(!QFile::exists(png));
}

QTEST_GUILESS_MAIN(tst_TerminalLive)
#include "tst_terminal_live.moc"
