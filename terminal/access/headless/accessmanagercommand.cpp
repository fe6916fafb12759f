#include "access/headless/accessmanagercommand.h"

#include "access/accessjson.h"
#include "access/live/accessmanager.h"
#include "access/live/accesstransport.h"
#include "access/live/auditlog.h"
#include "app/commandline.h"
#include "client/exchangeclient.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTextStream>
#include <QTimer>
#include <cstdio>
#include <string_view>

namespace bwx::access {

namespace {

// How long the whole run may take: connecting, the login and one cycle.
constexpr int kRunTimeoutMs = 60'000;
// Each step of the cycle (orders and trades, candidate lists, the orders sent).
constexpr int kRequestTimeoutMs = 15'000;

void print(FILE *stream, const QString &text)
{
    QTextStream out(stream);
    out << text;
    if (!text.endsWith(QLatin1Char('\n')))
        out << '\n';
}

QString resultText(const Action &action, const ActionResult &result)
{
    QString text = action.kind == Action::Kind::Take
                       ? QStringLiteral("take order %1, %2")
                             .arg(action.sellOrderId.value())
                             .arg(QString::fromStdString(formatBandwidth(action.capacity)))
                       : QStringLiteral("buy order, %1 at up to %2")
                             .arg(QString::fromStdString(formatBandwidth(action.capacity)),
                                  QString::fromStdString(formatPrice(action.params.price)));
    if (!result.sent)
        return text + QStringLiteral(": not sent (%1)").arg(QString::fromStdString(result.notSentBecause));
    if (result.order)
        return text + QStringLiteral(": order %1 %2, filled %3")
                          .arg(result.order->orderId.value())
                          .arg(QString::fromUtf8(toString(result.order->status).data()),
                               QString::fromStdString(formatBandwidth(result.order->filled)));
    if (result.code != proto::ResultCode::Ok)
        return text + QStringLiteral(": refused, %1: %2")
                          .arg(QString::fromUtf8(proto::name(result.code).data()),
                               QString::fromStdString(result.message));
    return text + QStringLiteral(": %1").arg(QString::fromStdString(result.message));
}

QString cancelText(const TradeCancel &c)
{
    const QString text = QStringLiteral("cancel trade %1").arg(c.tradeId.value());
    if (!c.sent)
        return text
               + QStringLiteral(": not sent (%1)").arg(QString::fromStdString(c.notSentBecause));
    if (c.code != proto::ResultCode::Ok)
        return text + QStringLiteral(": refused, %1: %2")
                          .arg(QString::fromUtf8(proto::name(c.code).data()),
                               QString::fromStdString(c.message));
    return text + QStringLiteral(": %1").arg(QString::fromStdString(c.message));
}

QString humanReport(const Evaluation &evaluation)
{
    QStringList lines;
    lines << QStringLiteral("access manager at %1%2")
                 .arg(QString::fromStdString(formatTimestamp(evaluation.time)),
                      evaluation.dryRun ? QStringLiteral(" (dry run: nothing sent)") : QString());
    for (const Decision &d : evaluation.decisions) {
        lines << QStringLiteral("%1/%2: %3")
                     .arg(QString::fromStdString(d.group), QString::fromStdString(d.need),
                          QString::fromStdString(d.summary));
        for (std::size_t i = 0; i < d.actions.size(); ++i)
            lines << QStringLiteral("  ") + resultText(d.actions[i], d.results[i]);
        for (const TradeCancel &c : d.cancels)
            lines << QStringLiteral("  ") + cancelText(c);
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

bool isAccessManagerCommand(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "--access-manager" || arg == "-access-manager"
            || arg.starts_with("--access-manager="))
            return true;
    }
    return false;
}

int runAccessManagerCommand(int argc, char *argv[], const char *version)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("BWX"));
    QCoreApplication::setApplicationName(QStringLiteral("bwx-terminal"));
    QCoreApplication::setApplicationVersion(QString::fromUtf8(version));

    const terminal::CommandLineResult command
        = terminal::parseCommandLine(QCoreApplication::arguments());
    switch (command.action) {
    case terminal::CommandLineResult::Action::ShowText:
        print(stdout, command.text);
        return 0;
    case terminal::CommandLineResult::Action::Error:
        print(stderr, QStringLiteral("bwx-terminal: %1").arg(command.text));
        return 2;
    case terminal::CommandLineResult::Action::Run:
        break;
    }
    const terminal::LaunchOptions &options = command.options;
    QSettings settings;
    const terminal::ConnectionProfile profile
        = options.applyTo(terminal::loadProfile(settings).value_or(terminal::ConnectionProfile{}));
    if (!profile.isComplete()) {
        print(stderr, QStringLiteral("bwx-terminal: --access-manager needs --server, --cert, --key "
                                     "and --ca (or --profile, or a remembered connection)"));
        return 2;
    }

    terminal::ExchangeClient client;
    ClientTransport transport(&client);
    AccessManager manager(&transport);
    manager.setRequestTimeout(kRequestTimeoutMs);
    manager.setDryRun(options.accessDryRun);

    AuditLog log;
    QString error;
    if (!log.open(AuditLog::defaultFileName(), &error)) {
        if (!options.accessDryRun) {
            print(stderr, QStringLiteral("bwx-terminal: %1; nothing is sent without an audit "
                                         "log").arg(error));
            return 5;
        }
        print(stderr, QStringLiteral("bwx-terminal: %1 (dry run: continuing)").arg(error));
    } else {
        manager.setAuditLog(&log);
    }
    if (!manager.loadRulesFile(options.accessRulesFile, &error)) {
        print(stderr, error.startsWith(options.accessRulesFile)
                          ? error
                          : QStringLiteral("bwx-terminal: %1").arg(error));
        return 2;
    }

    int exitCode = 0;
    const auto fail = [&](int code, const QString &message) {
        print(stderr, QStringLiteral("bwx-terminal: access manager: %1").arg(message));
        exitCode = code;
        client.disconnectFromServer();
        QCoreApplication::exit(code);
    };
    bool loggedIn = false;
    QObject::connect(&client, &terminal::ExchangeClient::loggedIn, &app, [&] {
        loggedIn = true;
        QTimer::singleShot(0, &manager, &AccessManager::runOnce);
    });
    QObject::connect(&client, &terminal::ExchangeClient::stateChanged, &app,
                     [&](terminal::ConnectionState state) {
                         // A headless run does not wait through reconnection back-off: the first
                         // failure is the answer.
                         const bool failed = state == terminal::ConnectionState::WaitingToReconnect
                                             || state == terminal::ConnectionState::Disconnected;
                         if (failed && exitCode == 0 && (!loggedIn || manager.isBusy()))
                             fail(3, QStringLiteral("cannot reach %1: %2")
                                         .arg(profile.serverText(), client.lastError()));
                     });
    QObject::connect(&manager, &AccessManager::cycleFinished, &app,
                     [&](const Evaluation &evaluation) {
                         if (options.accessJson) {
                             Json out;
                             out["server"] = profile.serverText().toStdString();
                             out["member"] = client.session().memberName;
                             out["rules_file"] = options.accessRulesFile.toStdString();
                             out["kill_switch"] = manager.killSwitchEngaged();
                             const Json body = toJson(evaluation);
                             out.update(body);
                             print(stdout, QString::fromStdString(out.dump(2)));
                         } else {
                             print(stdout, humanReport(evaluation));
                         }
                         client.disconnectFromServer();
                         QCoreApplication::exit(0);
                     });
    QTimer::singleShot(kRunTimeoutMs, &app, [&] {
        fail(4, QStringLiteral("gave up after %1 s (%2)")
                    .arg(kRunTimeoutMs / 1000)
                    .arg(loggedIn ? QStringLiteral("the exchange did not answer")
                                  : QStringLiteral("no login")));
    });
    QObject::connect(&client, &terminal::ExchangeClient::errorOccurred, &app, [&] {
        // A certificate or key that cannot be loaded stops the client without a state change.
        if (!loggedIn && exitCode == 0 && client.state() == terminal::ConnectionState::Disconnected)
            fail(3, client.lastError());
    });
    client.connectToServer(profile);
    if (exitCode != 0)
        return exitCode;
    const int code = QCoreApplication::exec();
    return exitCode != 0 ? exitCode : code;
}

} // namespace bwx::access
