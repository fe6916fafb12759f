#include "interop_support.h"

#include <QFile>
#include <QStandardPaths>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bwx::interop {

std::uint16_t freePort(const QString &address)
{
    const bool v6 = address.contains(':');
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_storage ss{};
    socklen_t len = 0;
    if (v6) {
        auto *s = reinterpret_cast<sockaddr_in6 *>(&ss);
        s->sin6_family = AF_INET6;
        inet_pton(AF_INET6, address.toLatin1().constData(), &s->sin6_addr);
        len = sizeof(sockaddr_in6);
    } else {
        auto *s = reinterpret_cast<sockaddr_in *>(&ss);
        s->sin_family = AF_INET;
        inet_pton(AF_INET, address.toLatin1().constData(), &s->sin_addr);
        len = sizeof(sockaddr_in);
    }
    std::uint16_t port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&ss), len) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) == 0) {
        port = v6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&ss)->sin6_port)
                  : ntohs(reinterpret_cast<sockaddr_in *>(&ss)->sin_port);
    }
    ::close(fd);
    return port;
}

CommandResult runCommand(const QString &program, const QStringList &args, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    CommandResult r;
    if (!p.waitForStarted(timeoutMs))
        return r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(1000);
        r.output = QString::fromUtf8(p.readAll());
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll());
    return r;
}

bool pollUntil(const std::function<bool()> &condition,
               std::chrono::milliseconds timeout,
               std::chrono::milliseconds interval)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (condition())
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        QThread::msleep(static_cast<unsigned long>(interval.count()));
    }
}

bool haveProgram(const QString &name)
{
    return !QStandardPaths::findExecutable(name, {"/usr/sbin", "/usr/bin", "/sbin", "/bin"})
                .isEmpty();
}

Daemon::~Daemon()
{
    stop();
}

bool Daemon::start(const QString &program, const QStringList &args, const QString &logFile)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(logFile);
    m_process->start(program, args);
    return m_process->waitForStarted(5000);
}

void Daemon::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(3000)) {
        m_process->kill();
        m_process->waitForFinished(3000);
    }
}

bool Daemon::running() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 Daemon::pid() const
{
    return m_process ? m_process->processId() : 0;
}

static QString readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

static bool writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(text.toUtf8());
    return true;
}

Bird::Bird(const QString &directory)
    : m_dir(directory)
    , m_socket(directory + "/bird.ctl")
{}

bool Bird::start(const QString &config)
{
    const QString conf = m_dir + "/bird.conf";
    if (!writeFile(conf, config))
        return false;
    if (!m_daemon.start("bird", {"-c", conf, "-s", m_socket, "-f"}, m_dir + "/bird.log"))
        return false;
    return pollUntil([this] { return birdc("show status").contains("Daemon is up"); },
                     std::chrono::seconds(10), std::chrono::milliseconds(100));
}

QString Bird::birdc(const QString &command) const
{
    return runCommand("birdc", QStringList{"-s", m_socket} + command.split(' ')).output;
}

bool Bird::protocolEstablished(const QString &name) const
{
    return birdc("show protocols " + name).contains("Established");
}

bool Bird::waitEstablished(const QString &name, std::chrono::milliseconds timeout)
{
    return pollUntil([&] { return protocolEstablished(name); }, timeout);
}

QString Bird::log() const
{
    return readFile(m_dir + "/bird.log");
}

Gobgp::Gobgp(const QString &directory)
    : m_dir(directory)
{}

bool Gobgp::start(const QString &tomlConfig)
{
    const QString conf = m_dir + "/gobgpd.toml";
    if (!writeFile(conf, tomlConfig))
        return false;
    m_apiPort = freePort("127.0.0.1");
    if (!m_daemon.start("gobgpd",
                        {"-f", conf, "-t", "toml", "--api-hosts",
                         QStringLiteral("127.0.0.1:%1").arg(m_apiPort), "--pprof-disable",
                         "-p", "-l", "info"},
                        m_dir + "/gobgpd.log"))
        return false;
    return pollUntil([this] { return cli({"global"}, 3000).exitCode == 0; },
                     std::chrono::seconds(15), std::chrono::milliseconds(200));
}

CommandResult Gobgp::cli(const QStringList &args, int timeoutMs) const
{
    return runCommand("gobgp", QStringList{"-u", "127.0.0.1", "-p", QString::number(m_apiPort)}
                                   + args,
                      timeoutMs);
}

bool Gobgp::neighborEstablished(const QString &address) const
{
    const CommandResult r = cli({"neighbor", address}, 5000);
    return r.exitCode == 0 && r.output.contains("BGP state = established", Qt::CaseInsensitive);
}

bool Gobgp::waitEstablished(const QString &address, std::chrono::milliseconds timeout)
{
    // GoBGP answers slowly while it ingests: poll gently.
    return pollUntil([&] { return neighborEstablished(address); }, timeout,
                     std::chrono::milliseconds(500));
}

QJsonDocument Gobgp::globalRib(const QString &family) const
{
    const CommandResult r = cli({"global", "rib", "-a", family, "-j"}, 10000);
    return QJsonDocument::fromJson(r.output.toUtf8());
}

QString Gobgp::log() const
{
    return readFile(m_dir + "/gobgpd.log");
}

} // namespace bwx::interop
