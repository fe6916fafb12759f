#pragma once
// A real bwxd for integration tests: a temporary directory with an exchange CA and certificates
// made by the openssl command line tool (SAN URIs urn:bwx:member:<name> / urn:bwx:admin:<name>,
// the contract with bwxctl's issuing), a configuration listening on an ephemeral port, and the
// daemon itself as a child process, stopped gracefully, killed with SIGKILL and restarted on
// the same data directory as a test needs. Clients are bwx_client connections.
//
// Failures throw std::runtime_error with the reason and the tail of bwxd's log; wrap test
// bodies in bwx::test::guarded() so a throw fails the test instead of aborting the run.
#include "bwx/client/connection.h"
#include "bwx/domain/ids.h"
#include "bwx/domain/units.h"

#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <chrono>
#include <functional>
#include <memory>

namespace bwx::test {

// Runs `body`; an exception fails the current test with its message.
void guarded(const std::function<void()> &body);

struct Credentials
{
    QString cert;
    QString key;
};

class BwxdFixture
{
public:
    BwxdFixture();
    ~BwxdFixture(); // kills a bwxd that is still running
    BwxdFixture(const BwxdFixture &) = delete;
    BwxdFixture &operator=(const BwxdFixture &) = delete;

    // ---- certificates (cached by tag) ----
    Credentials member(const QString &name);
    Credentials admin(const QString &name = "root");
    // A client certificate with any subjectAltName value ("URI:...,DNS:..."; empty = none),
    // issued by the exchange CA or by an unrelated CA.
    Credentials issue(const QString &tag, const QString &san, bool foreignCa = false);
    QString caFile() const;

    // ---- configuration: bwxd.toml is rewritten at every start() ----
    // `tomlValue` is written as is: setOption("server", "idle_timeout_s", "2"),
    // setOption("store", "sync", "\"off\"").
    void setOption(const QString &section, const QString &key, const QString &tomlValue);
    QString configFile() const;
    QString dataDir() const;
    QString directory() const;
    void writeConfig();
    // Removes the data directory (bwxd must be stopped).
    void wipeData();

    // ---- the daemon ----
    // Starts bwxd and waits for its "bwxd: listening on HOST:PORT" line.
    void start();
    // SIGTERM, then waits; returns the exit code (throws if it had to be killed).
    int stop(std::chrono::milliseconds timeout = std::chrono::seconds(15));
    // Waits for bwxd to exit by itself; returns its exit code (throws on timeout or crash).
    int waitForExit(std::chrono::milliseconds timeout);
    // SIGKILL, then waits (also reaps a bwxd killed by pid from elsewhere).
    void kill();
    void signal(int number);
    bool running() const;
    std::uint16_t port() const { return m_port; }
    qint64 pid() const;
    // Everything bwxd wrote to stderr so far (all runs).
    QString log() const;
    // Polls the log until it contains `text`; false on timeout.
    bool waitForLog(const QString &text, std::chrono::milliseconds timeout);

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    // bwxd --config <file> <args...> as a separate process (e.g. --verify-journal).
    Run run(const QStringList &args, std::chrono::milliseconds timeout = std::chrono::seconds(60));

    // ---- clients ----
    // The address clients connect to (default 127.0.0.1; "::1" for an IPv6 listener).
    void setClientHost(const QString &host) { m_clientHost = host; }
    bwx::client::ClientOptions clientOptions(const Credentials &credentials) const;
    bwx::client::Connection connect(const Credentials &credentials) const;
    bwx::client::Connection session(const Credentials &credentials,
                                    const QString &clientName = "bwx-test") const;
    // Adds a member through an admin session and returns its id.
    MemberId addMember(const QString &name,
                       std::uint32_t asn = 64500,
                       Bandwidth portCapacity = mbps(100'000));

    // The bwxd under test: the one built with the tests, or $BWX_BWXD when set.
    static QString bwxdPath();

private:
    void makeCa(const QString &tag);
    void openssl(const QStringList &args) const;
    QString tail() const;

    QTemporaryDir m_dir;
    QMap<QString, Credentials> m_issued;
    QMap<QString, QMap<QString, QString>> m_options; // section -> key -> TOML value
    std::unique_ptr<QProcess> m_process;
    std::uint16_t m_port = 0;
    int m_serial = 0;
    QString m_clientHost = "127.0.0.1";
};

} // namespace bwx::test
