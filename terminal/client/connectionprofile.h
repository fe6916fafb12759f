#pragma once
// Where and as whom the terminal connects. Remembered between runs in QSettings.
#include <QString>
#include <optional>

class QSettings;

namespace bwx::terminal {

struct ServerAddress
{
    QString host;
    quint16 port = 0;
};

struct ConnectionProfile
{
    QString host;
    quint16 port = 0;
    QString certificateFile; // PEM, the member's client certificate
    QString keyFile;         // PEM, its private key
    QString caFile;          // PEM, the exchange's CA: the only issuer the server may present
    // The name the server certificate must carry; empty means the host name.
    QString serverName;

    QString serverText() const; // "host:port", brackets around IPv6 literals
    QString verifyName() const { return serverName.isEmpty() ? host : serverName; }
    bool isComplete() const;
    // Identifies one member's view of one exchange, for the local trade cache.
    QString accountKey(const QString &memberName) const;

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};

// "host:port", "192.0.2.1:7400", "[2001:db8::1]:7400". Returns nullopt and sets *error.
std::optional<ServerAddress> parseServerAddress(const QString &text, QString *error);

// The files of a member profile directory written by `bwxctl cert issue --out DIR`.
struct ProfileFiles
{
    QString certificate; // DIR/member.crt
    QString key;         // DIR/member.key
    QString ca;          // DIR/ca.crt
};
ProfileFiles profileFiles(const QString &directory);

std::optional<ConnectionProfile> loadProfile(const QSettings &settings);
void saveProfile(QSettings &settings, const ConnectionProfile &profile);

} // namespace bwx::terminal
