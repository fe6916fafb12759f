#include "bwxd_fixture.h"

#include "bwx/client/reply.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QThread>
#include <signal.h>
#include <stdexcept>
#include <sys/prctl.h>

namespace bwx::test {

void guarded(const std::function<void()> &body)
{
    try {
        body();
    } catch (const std::exception &e) {
        QTest::qFail(e.what(), __FILE__, __LINE__);
    }
}

namespace {

[[noreturn]] void fail(const QString &message)
{
    throw std::runtime_error(message.toStdString());
}

} // namespace

QString BwxdFixture::bwxdPath()
{
    // BWX_BWXD runs the same tests against another build of the daemon (e.g. a sanitizer one).
    const QString override = qEnvironmentVariable("BWX_BWXD");
    return override.isEmpty() ? QStringLiteral(BWXD_PATH) : override;
}

BwxdFixture::BwxdFixture()
{
    // Tests write to sockets the server has closed on purpose (refusals, Goodbye); that must
    // be an EPIPE error for the client, not a signal that ends the test run.
    ::signal(SIGPIPE, SIG_IGN);
    if (!m_dir.isValid())
        fail("cannot create a temporary directory: " + m_dir.errorString());
    makeCa("ca");
    makeCa("foreign-ca");
    // The server certificate names the loopback addresses the clients connect to.
    const QString key = m_dir.filePath("server.key");
    const QString csr = m_dir.filePath("server.csr");
    const QString cert = m_dir.filePath("server.crt");
    const QString ext = m_dir.filePath("server.ext");
    QFile extFile(ext);
    if (!extFile.open(QIODevice::WriteOnly))
        fail("cannot write " + ext);
    extFile.write(
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\n");
    extFile.close();
    openssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", key, "-out", csr, "-subj", "/CN=bwxd"});
    openssl({"x509", "-req", "-in", csr, "-CA", m_dir.filePath("ca.crt"), "-CAkey",
             m_dir.filePath("ca.key"), "-set_serial", QString::number(++m_serial), "-days", "2",
             "-out", cert, "-extfile", ext});

    setOption("server", "listen", "\"127.0.0.1:0\"");
    setOption("tls", "ca", "\"" + m_dir.filePath("ca.crt") + "\"");
    setOption("tls", "cert", "\"" + cert + "\"");
    setOption("tls", "key", "\"" + key + "\"");
    setOption("store", "data_dir", "\"data\"");
    // No clock ticks while a test runs: every sequence number in the journal is then caused by
    // the test, so a live state hash can be compared with a replay at the same seq.
    setOption("market", "tick_interval_ms", "3600000");
}

BwxdFixture::~BwxdFixture()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
}

void BwxdFixture::openssl(const QStringList &args) const
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start("openssl", args);
    if (!process.waitForFinished(30'000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0)
        fail("openssl " + args.join(' ')
             + " failed: " + QString::fromUtf8(process.readAllStandardError()));
}

void BwxdFixture::makeCa(const QString &tag)
{
    openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", m_dir.filePath(tag + ".key"), "-out", m_dir.filePath(tag + ".crt"), "-days",
             "2", "-subj", "/CN=BWX test " + tag, "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign"});
}

Credentials BwxdFixture::issue(const QString &tag, const QString &san, bool foreignCa)
{
    if (const auto it = m_issued.constFind(tag); it != m_issued.cend())
        return *it;
    const QString ca = foreignCa ? "foreign-ca" : "ca";
    const QString key = m_dir.filePath(tag + ".key");
    const QString csr = m_dir.filePath(tag + ".csr");
    const QString cert = m_dir.filePath(tag + ".crt");
    const QString ext = m_dir.filePath(tag + ".ext");
    QFile extFile(ext);
    if (!extFile.open(QIODevice::WriteOnly))
        fail("cannot write " + ext);
    QByteArray extensions
        = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
          "extendedKeyUsage=clientAuth\n";
    if (!san.isEmpty())
        extensions += "subjectAltName=" + san.toUtf8() + "\n";
    extFile.write(extensions);
    extFile.close();
    openssl({"req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", key, "-out", csr, "-subj", "/CN=" + tag});
    openssl({"x509", "-req", "-in", csr, "-CA", m_dir.filePath(ca + ".crt"), "-CAkey",
             m_dir.filePath(ca + ".key"), "-set_serial", QString::number(++m_serial), "-days", "2",
             "-out", cert, "-extfile", ext});
    const Credentials credentials{cert, key};
    m_issued.insert(tag, credentials);
    return credentials;
}

Credentials BwxdFixture::member(const QString &name)
{
    return issue("member-" + name, "URI:urn:bwx:member:" + name);
}

Credentials BwxdFixture::admin(const QString &name)
{
    return issue("admin-" + name, "URI:urn:bwx:admin:" + name);
}

QString BwxdFixture::caFile() const
{
    return m_dir.filePath("ca.crt");
}

void BwxdFixture::setOption(const QString &section, const QString &key, const QString &tomlValue)
{
    m_options[section][key] = tomlValue;
}

QString BwxdFixture::configFile() const
{
    return m_dir.filePath("bwxd.toml");
}

QString BwxdFixture::dataDir() const
{
    return m_dir.filePath("data");
}

QString BwxdFixture::directory() const
{
    return m_dir.path();
}

void BwxdFixture::writeConfig()
{
    QByteArray text = "# written by the integration test fixture\n";
    for (auto section = m_options.cbegin(); section != m_options.cend(); ++section) {
        text += "\n[" + section.key().toUtf8() + "]\n";
        for (auto entry = section->cbegin(); entry != section->cend(); ++entry)
            text += entry.key().toUtf8() + " = " + entry.value().toUtf8() + "\n";
    }
    QFile file(configFile());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        fail("cannot write " + configFile());
}

void BwxdFixture::wipeData()
{
    if (running())
        fail("wipeData() while bwxd is running");
    QDir(dataDir()).removeRecursively();
}

void BwxdFixture::start()
{
    if (running())
        fail("bwxd is already running");
    writeConfig();
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(bwxdPath());
    m_process->setArguments({"--config", configFile()});
    // A file, not a pipe: nobody reads stderr while a test runs, and a full pipe would block
    // the daemon's logging.
    m_process->setStandardErrorFile(m_dir.filePath("bwxd.log"), QIODevice::Append);
    // If the test process dies, bwxd dies with it instead of lingering.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_process->start();
    if (!m_process->waitForStarted(10'000))
        fail("cannot start " + bwxdPath() + ": " + m_process->errorString());

    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    const QByteArray marker = "bwxd: listening on ";
    while (timer.elapsed() < 20'000) {
        m_process->waitForReadyRead(100);
        out += m_process->readAllStandardOutput();
        if (const auto at = out.indexOf(marker); at >= 0) {
            const auto end = out.indexOf('\n', at);
            if (end >= 0) {
                const QByteArray where = out.mid(at + marker.size(), end - at - marker.size());
                const auto colon = where.lastIndexOf(':');
                bool ok = false;
                const uint port = where.mid(colon + 1).toUInt(&ok);
                if (colon < 0 || !ok || port == 0 || port > 65535)
                    fail("unexpected listening line: " + QString::fromUtf8(where));
                m_port = static_cast<std::uint16_t>(port);
                return;
            }
        }
        if (m_process->state() == QProcess::NotRunning)
            fail("bwxd exited with code " + QString::number(m_process->exitCode())
                 + " before listening:\n" + tail());
    }
    fail("bwxd printed no listening line within 20 s:\n" + tail());
}

int BwxdFixture::stop(std::chrono::milliseconds timeout)
{
    if (!running())
        fail("stop(): bwxd is not running");
    m_process->terminate();
    if (!m_process->waitForFinished(static_cast<int>(timeout.count()))) {
        m_process->kill();
        m_process->waitForFinished(5000);
        fail("bwxd did not stop within " + QString::number(timeout.count()) + " ms of SIGTERM:\n"
             + tail());
    }
    if (m_process->exitStatus() != QProcess::NormalExit)
        fail("bwxd crashed while stopping:\n" + tail());
    return m_process->exitCode();
}

int BwxdFixture::waitForExit(std::chrono::milliseconds timeout)
{
    if (!m_process)
        fail("waitForExit(): bwxd was never started");
    if (m_process->state() != QProcess::NotRunning
        && !m_process->waitForFinished(static_cast<int>(timeout.count())))
        fail("bwxd did not exit within " + QString::number(timeout.count()) + " ms:\n" + tail());
    if (m_process->exitStatus() != QProcess::NormalExit)
        fail("bwxd crashed:\n" + tail());
    return m_process->exitCode();
}

void BwxdFixture::kill()
{
    if (!m_process)
        fail("kill(): bwxd was never started");
    // Also reaps a process that was already killed by pid from another thread.
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(10'000);
    }
}

void BwxdFixture::signal(int number)
{
    if (!running())
        fail("signal(): bwxd is not running");
    ::kill(static_cast<pid_t>(m_process->processId()), number);
}

bool BwxdFixture::running() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 BwxdFixture::pid() const
{
    return m_process ? m_process->processId() : 0;
}

QString BwxdFixture::log() const
{
    QFile file(m_dir.filePath("bwxd.log"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

bool BwxdFixture::waitForLog(const QString &text, std::chrono::milliseconds timeout)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() <= timeout.count()) {
        if (log().contains(text))
            return true;
        QThread::msleep(20);
    }
    return false;
}

QString BwxdFixture::tail() const
{
    const QStringList lines = log().split('\n');
    return lines.mid(std::max<qsizetype>(0, lines.size() - 30)).join('\n');
}

BwxdFixture::Run BwxdFixture::run(const QStringList &args, std::chrono::milliseconds timeout)
{
    writeConfig();
    QProcess process;
    process.start(bwxdPath(), QStringList{"--config", configFile()} + args);
    Run result;
    if (!process.waitForFinished(static_cast<int>(timeout.count()))) {
        process.kill();
        process.waitForFinished(5000);
        fail("bwxd " + args.join(' ') + " did not finish in time");
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

bwx::client::ClientOptions BwxdFixture::clientOptions(const Credentials &credentials) const
{
    bwx::client::ClientOptions options;
    options.host = m_clientHost.toStdString();
    options.port = m_port;
    options.certFile = credentials.cert.toStdString();
    options.keyFile = credentials.key.toStdString();
    options.caFile = caFile().toStdString();
    options.timeout = std::chrono::seconds(10);
    return options;
}

bwx::client::Connection BwxdFixture::connect(const Credentials &credentials) const
{
    return bwx::client::Connection::connect(clientOptions(credentials));
}

bwx::client::Connection BwxdFixture::session(const Credentials &credentials,
                                             const QString &clientName) const
{
    auto connection = connect(credentials);
    connection.hello(clientName.toStdString());
    return connection;
}

MemberId BwxdFixture::addMember(const QString &name, std::uint32_t asn, Bandwidth portCapacity)
{
    auto admin = session(this->admin());
    proto::AddMember add;
    add.name = name.toStdString();
    add.displayName = "Test member " + name.toStdString();
    add.asn = asn;
    add.portCapacity = portCapacity;
    auto list = bwx::client::replyAs<proto::MemberList>(admin.request(add));
    if (list.members.size() != 1 || list.members.front().name != add.name)
        fail("AddMember " + name + " answered with an unexpected member list");
    admin.close();
    return list.members.front().id;
}

} // namespace bwx::test
