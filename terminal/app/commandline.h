#pragma once
// bwx-terminal's command line. Parsing is separate from acting on it so every option can be
// tested without starting the application.
#include "app/theme.h"
#include "client/connectionprofile.h"

#include <QSize>
#include <QString>
#include <QStringList>
#include <bwx/net/prefix.h>
#include <optional>

namespace bwx::terminal {

struct LaunchOptions
{
    std::optional<ServerAddress> server;
    QString profileDirectory; // member.crt, member.key and ca.crt, as `bwxctl cert issue` writes
    QString certificateFile;
    QString keyFile;
    QString caFile;
    QString serverName;
    QString screenshotFile;
    std::optional<bwx::net::Prefix> book;
    std::optional<Theme> theme;
    int screenshotTimeoutSeconds = 30;
    QSize windowSize{1600, 1000};
    // Headless access manager (docs/access-manager.md): evaluate these rules once and exit.
    QString accessRulesFile;
    bool accessDryRun = false;
    bool accessJson = false;

    // The remembered profile with whatever the command line gives overriding it; single files
    // override the profile directory's.
    ConnectionProfile applyTo(ConnectionProfile profile) const;
};

struct CommandLineResult
{
    enum class Action { Run, ShowText, Error } action = Action::Run;
    LaunchOptions options;
    QString text; // help or version for ShowText, the message for Error
};

CommandLineResult parseCommandLine(const QStringList &arguments);

} // namespace bwx::terminal
