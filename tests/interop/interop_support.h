#pragma once
// Real routers for the interop tests: BIRD 2 and GoBGP started as child processes from configs
// the test writes into its own temporary directory, on loopback addresses of its own so tests
// can run in parallel. Everything started is stopped when the object goes away.
#include <QJsonDocument>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>

namespace bwx::interop {

// A TCP port nothing listens on right now at `address` (bound once, then released).
std::uint16_t freePort(const QString &address);

struct CommandResult
{
    int exitCode = -1;
    QString output; // stdout and stderr
};

CommandResult runCommand(const QString &program, const QStringList &args, int timeoutMs = 10000);

// Polls `condition` every `intervalMs` until it holds or the timeout passes.
bool pollUntil(const std::function<bool()> &condition,
               std::chrono::milliseconds timeout,
               std::chrono::milliseconds interval = std::chrono::milliseconds(200));

bool haveProgram(const QString &name);

class Daemon
{
public:
    ~Daemon();
    bool start(const QString &program, const QStringList &args, const QString &logFile);
    void stop();
    bool running() const;
    qint64 pid() const;

private:
    std::unique_ptr<QProcess> m_process;
};

class Bird
{
public:
    explicit Bird(const QString &directory);
    // Writes bird.conf and starts `bird -c CONF -s SOCK -f`; waits until birdc answers.
    bool start(const QString &config);
    QString birdc(const QString &command) const;
    // "Established" in `show protocols NAME`.
    bool protocolEstablished(const QString &name) const;
    bool waitEstablished(const QString &name, std::chrono::milliseconds timeout);
    QString log() const;
    qint64 pid() const { return m_daemon.pid(); }
    void stop() { m_daemon.stop(); }

private:
    QString m_dir;
    QString m_socket;
    Daemon m_daemon;
};

class Gobgp
{
public:
    explicit Gobgp(const QString &directory);
    bool start(const QString &tomlConfig);
    // `gobgp -u 127.0.0.1 -p PORT ARGS...`
    CommandResult cli(const QStringList &args, int timeoutMs = 10000) const;
    bool neighborEstablished(const QString &address) const;
    bool waitEstablished(const QString &address, std::chrono::milliseconds timeout);
    // `global rib -a FAMILY -j`, parsed.
    QJsonDocument globalRib(const QString &family) const;
    QString log() const;

private:
    QString m_dir;
    std::uint16_t m_apiPort = 0;
    Daemon m_daemon;
};

} // namespace bwx::interop
