#include "client/connectionprofile.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>

namespace bwx::terminal {

namespace {

class ProfileText
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfile)
public:
    static QString missingPort(const QString &text)
    {
        return tr("Server address '%1' has no port (expected host:port)").arg(text);
    }
    static QString badPort(const QString &text)
    {
        return tr("Port '%1' is not a number from 1 to 65535").arg(text);
    }
    static QString emptyHost() { return tr("Server address has no host name"); }
    static QString emptyAddress() { return tr("Enter the server address as host:port"); }
    static QString unclosedBracket(const QString &text)
    {
        return tr("Server address '%1' opens '[' without closing it").arg(text);
    }
};

constexpr auto kGroup = "connection";

} // namespace

QString ConnectionProfile::serverText() const
{
    const QString shownHost
        = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return shownHost + QLatin1Char(':') + QString::number(port);
}

bool ConnectionProfile::isComplete() const
{
    return !host.isEmpty() && port != 0 && !certificateFile.isEmpty() && !keyFile.isEmpty()
           && !caFile.isEmpty();
}

QString ConnectionProfile::accountKey(const QString &memberName) const
{
    return serverText() + QLatin1Char('/') + memberName;
}

std::optional<ServerAddress> parseServerAddress(const QString &input, QString *error)
{
    const QString text = input.trimmed();
    if (text.isEmpty()) {
        *error = ProfileText::emptyAddress();
        return std::nullopt;
    }
    QString host;
    QString portText;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0) {
            *error = ProfileText::unclosedBracket(text);
            return std::nullopt;
        }
        host = text.mid(1, close - 1);
        if (close + 1 >= text.size() || text.at(close + 1) != QLatin1Char(':')) {
            *error = ProfileText::missingPort(text);
            return std::nullopt;
        }
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
        // A bare IPv6 literal has several colons and cannot carry a port without brackets.
        if (colon < 0 || text.indexOf(QLatin1Char(':')) != colon) {
            *error = ProfileText::missingPort(text);
            return std::nullopt;
        }
        host = text.left(colon);
        portText = text.mid(colon + 1);
    }
    if (host.isEmpty()) {
        *error = ProfileText::emptyHost();
        return std::nullopt;
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port == 0 || port > 65535) {
        *error = ProfileText::badPort(portText);
        return std::nullopt;
    }
    return ServerAddress{host, static_cast<quint16>(port)};
}

ProfileFiles profileFiles(const QString &directory)
{
    const QDir dir(directory);
    return {dir.filePath(QStringLiteral("member.crt")), dir.filePath(QStringLiteral("member.key")),
            dir.filePath(QStringLiteral("ca.crt"))};
}

std::optional<ConnectionProfile> loadProfile(const QSettings &settings)
{
    const QString prefix = QLatin1String(kGroup) + QLatin1Char('/');
    ConnectionProfile profile;
    profile.host = settings.value(prefix + QLatin1String("host")).toString();
    const uint port = settings.value(prefix + QLatin1String("port")).toUInt();
    profile.port = port <= 65535 ? static_cast<quint16>(port) : 0;
    profile.certificateFile = settings.value(prefix + QLatin1String("certificate")).toString();
    profile.keyFile = settings.value(prefix + QLatin1String("key")).toString();
    profile.caFile = settings.value(prefix + QLatin1String("ca")).toString();
    profile.serverName = settings.value(prefix + QLatin1String("serverName")).toString();
    if (profile.host.isEmpty() && profile.certificateFile.isEmpty())
        return std::nullopt;
    return profile;
}

void saveProfile(QSettings &settings, const ConnectionProfile &profile)
{
    settings.beginGroup(QLatin1String(kGroup));
    settings.setValue(QLatin1String("host"), profile.host);
    settings.setValue(QLatin1String("port"), profile.port);
    settings.setValue(QLatin1String("certificate"), profile.certificateFile);
    settings.setValue(QLatin1String("key"), profile.keyFile);
    settings.setValue(QLatin1String("ca"), profile.caFile);
    settings.setValue(QLatin1String("serverName"), profile.serverName);
    settings.endGroup();
}

} // namespace bwx::terminal
