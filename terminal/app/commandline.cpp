#include "app/commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace bwx::terminal {

namespace {
class CommandLineText
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};
} // namespace

ConnectionProfile LaunchOptions::applyTo(ConnectionProfile profile) const
{
    if (server) {
        profile.host = server->host;
        profile.port = server->port;
    }
    if (!profileDirectory.isEmpty()) {
        const ProfileFiles files = profileFiles(profileDirectory);
        profile.certificateFile = files.certificate;
        profile.keyFile = files.key;
        profile.caFile = files.ca;
    }
    if (!certificateFile.isEmpty())
        profile.certificateFile = certificateFile;
    if (!keyFile.isEmpty())
        profile.keyFile = keyFile;
    if (!caFile.isEmpty())
        profile.caFile = caFile;
    if (!serverName.isEmpty())
        profile.serverName = serverName;
    return profile;
}

CommandLineResult parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        CommandLineText::tr("BWX trading terminal: trade IP transit on the BWX exchange."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption server(
        QStringLiteral("server"),
        CommandLineText::tr("Exchange address, e.g. exchange.example.net:7400."),
        CommandLineText::tr("host:port"));
    const QCommandLineOption profileDir(
        QStringLiteral("profile"),
        CommandLineText::tr("Directory with member.crt, member.key and ca.crt (what bwxctl cert "
                            "issue --out writes)."),
        CommandLineText::tr("dir"));
    const QCommandLineOption cert(QStringLiteral("cert"),
                                  CommandLineText::tr("Member client certificate (PEM)."),
                                  CommandLineText::tr("file"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 CommandLineText::tr("Private key of the certificate (PEM)."),
                                 CommandLineText::tr("file"));
    const QCommandLineOption ca(QStringLiteral("ca"),
                                CommandLineText::tr("The exchange's CA certificate (PEM)."),
                                CommandLineText::tr("file"));
    const QCommandLineOption serverName(
        QStringLiteral("server-name"),
        CommandLineText::tr(
            "Name the server certificate must carry, when it differs from the host."),
        CommandLineText::tr("name"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        CommandLineText::tr(
            "Connect, wait for the market watch and the book, write the main window as PNG "
            "to <file> and exit."),
        CommandLineText::tr("file"));
    const QCommandLineOption timeout(
        QStringLiteral("screenshot-timeout"),
        CommandLineText::tr("Give up on --screenshot after this many seconds (default 30)."),
        CommandLineText::tr("seconds"));
    const QCommandLineOption size(
        QStringLiteral("size"),
        CommandLineText::tr("Window size for --screenshot (default 1600x1000)."),
        CommandLineText::tr("WxH"));
    const QCommandLineOption book(QStringLiteral("book"),
                                  CommandLineText::tr("Open the order book of this prefix."),
                                  CommandLineText::tr("prefix"));
    const QCommandLineOption style(QStringLiteral("style"),
                                   CommandLineText::tr("Colour theme: dark or light."),
                                   CommandLineText::tr("theme"));
    const QCommandLineOption accessManager(
        QStringLiteral("access-manager"),
        CommandLineText::tr("Without a window: evaluate the access manager's rules once, act on "
                            "them (unless --dry-run), print what was decided and exit."),
        CommandLineText::tr("rules"));
    const QCommandLineOption dryRun(
        QStringLiteral("dry-run"),
        CommandLineText::tr("With --access-manager: decide and explain, send nothing."));
    const QCommandLineOption json(
        QStringLiteral("json"),
        CommandLineText::tr("With --access-manager: print the decisions as JSON."));
    parser.addOptions({server, profileDir, cert, key, ca, serverName, screenshot, timeout, size,
                       book, style, accessManager, dryRun, json});

    CommandLineResult result;
    const auto error = [&result](const QString &message) {
        result.action = CommandLineResult::Action::Error;
        result.text = message;
        return result;
    };
    if (!parser.parse(arguments))
        return error(parser.errorText());
    if (parser.isSet(help)) {
        result.action = CommandLineResult::Action::ShowText;
        result.text = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.action = CommandLineResult::Action::ShowText;
        result.text = QCoreApplication::applicationName() + QLatin1Char(' ')
                      + QCoreApplication::applicationVersion() + QLatin1Char('\n');
        return result;
    }
    if (!parser.positionalArguments().isEmpty())
        return error(CommandLineText::tr("Unexpected argument '%1'")
                         .arg(parser.positionalArguments().first()));

    LaunchOptions &o = result.options;
    if (parser.isSet(server)) {
        QString message;
        o.server = parseServerAddress(parser.value(server), &message);
        if (!o.server)
            return error(CommandLineText::tr("--server: %1").arg(message));
    }
    if (parser.isSet(profileDir)) {
        o.profileDirectory = parser.value(profileDir);
        const ProfileFiles files = profileFiles(o.profileDirectory);
        for (const QString &file : {files.certificate, files.key, files.ca}) {
            if (!QFileInfo::exists(file))
                return error(CommandLineText::tr("--profile: %1 does not exist").arg(file));
        }
    }
    o.certificateFile = parser.value(cert);
    o.keyFile = parser.value(key);
    o.caFile = parser.value(ca);
    o.serverName = parser.value(serverName);
    o.screenshotFile = parser.value(screenshot);
    if (parser.isSet(book)) {
        const auto prefix = net::Prefix::parse(parser.value(book).trimmed().toStdString());
        if (!prefix)
            return error(
                CommandLineText::tr("--book: %1").arg(QString::fromStdString(prefix.error())));
        o.book = *prefix;
    }
    if (parser.isSet(style)) {
        o.theme = parseTheme(parser.value(style));
        if (!o.theme)
            return error(CommandLineText::tr("--style: '%1' is neither dark nor light")
                             .arg(parser.value(style)));
    }
    o.accessRulesFile = parser.value(accessManager);
    o.accessDryRun = parser.isSet(dryRun);
    o.accessJson = parser.isSet(json);
    if (o.accessRulesFile.isEmpty() && (o.accessDryRun || o.accessJson))
        return error(CommandLineText::tr("--%1 needs --access-manager RULES")
                         .arg(o.accessDryRun ? QStringLiteral("dry-run") : QStringLiteral("json")));
    if (!o.accessRulesFile.isEmpty() && !o.screenshotFile.isEmpty())
        return error(CommandLineText::tr("--access-manager and --screenshot cannot be combined"));
    if (parser.isSet(timeout)) {
        bool ok = false;
        const int seconds = parser.value(timeout).toInt(&ok);
        if (!ok || seconds <= 0 || seconds > 3600)
            return error(CommandLineText::tr(
                             "--screenshot-timeout: '%1' is not a number of seconds from 1 to "
                             "3600")
                             .arg(parser.value(timeout)));
        o.screenshotTimeoutSeconds = seconds;
    }
    if (parser.isSet(size)) {
        const QStringList parts = parser.value(size).split(QLatin1Char('x'));
        bool okW = false;
        bool okH = false;
        const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0;
        const int h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
        if (!okW || !okH || w < 640 || h < 400 || w > 8000 || h > 8000)
            return error(CommandLineText::tr(
                             "--size: '%1' is not WIDTHxHEIGHT between 640x400 and 8000x8000")
                             .arg(parser.value(size)));
        o.windowSize = QSize(w, h);
    }
    return result;
}

} // namespace bwx::terminal
