// bwx-terminal: the BWX trading terminal.
#include "access/headless/accessmanagercommand.h"
#include "app/commandline.h"
#include "app/mainwindow.h"
#include "app/screenshotcontroller.h"
#include "app/terminalsession.h"
#include "app/theme.h"
#include "cache/tradecache.h"
#include "views/connectdialog.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <string_view>
#include <vector>

using namespace bwx::terminal;

namespace {

constexpr auto kLastAccountKey = "connection/lastAccount";

void print(FILE *stream, const QString &text)
{
    QTextStream out(stream);
    out << text;
    if (!text.endsWith(QLatin1Char('\n')))
        out << '\n';
}

void installTranslators(QApplication &app)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto *ours = new QTranslator(&app);
    if (ours->load(QLocale(), QStringLiteral("bwx_terminal"), QStringLiteral("_"),
                   QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
}

// QApplication takes "-style"/"--style" as the name of a widget style and drops it from the
// arguments; ours means the colour theme. Keep it away from Qt and hand it to our parser.
struct SplitArguments
{
    std::vector<char *> forQt; // null-terminated, as argv
    QStringList style;         // {"--style", value} when given
};

SplitArguments splitStyleOption(int argc, char *argv[])
{
    SplitArguments split;
    for (int i = 0; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (i > 0 && (arg == "--style" || arg == "-style") && i + 1 < argc) {
            split.style = {QStringLiteral("--style"), QString::fromLocal8Bit(argv[++i])};
            continue;
        }
        if (i > 0 && (arg.starts_with("--style=") || arg.starts_with("-style="))) {
            split.style = {QStringLiteral("--style"),
                           QString::fromLocal8Bit(argv[i]).section(QLatin1Char('='), 1)};
            continue;
        }
        split.forQt.push_back(argv[i]);
    }
    split.forQt.push_back(nullptr);
    return split;
}

} // namespace

int main(int argc, char *argv[])
{
    // The headless access manager needs no display: decide before a QApplication exists.
    if (bwx::access::isAccessManagerCommand(argc, argv))
        return bwx::access::runAccessManagerCommand(argc, argv, BWX_VERSION);
    SplitArguments split = splitStyleOption(argc, argv);
    int qtArgc = static_cast<int>(split.forQt.size()) - 1;
    QApplication app(qtArgc, split.forQt.data());
    QApplication::setOrganizationName(QStringLiteral("BWX"));
    QApplication::setApplicationName(QStringLiteral("bwx-terminal"));
    QApplication::setApplicationDisplayName(QStringLiteral("BWX Terminal"));
    QApplication::setApplicationVersion(QStringLiteral(BWX_VERSION));
    installTranslators(app);

    // Qt's own options (-platform, -geometry...) are gone from arguments() by now.
    const CommandLineResult command = parseCommandLine(QApplication::arguments() + split.style);
    switch (command.action) {
    case CommandLineResult::Action::ShowText:
        print(stdout, command.text);
        return 0;
    case CommandLineResult::Action::Error:
        print(stderr, QStringLiteral("bwx-terminal: %1").arg(command.text));
        return 2;
    case CommandLineResult::Action::Run:
        break;
    }
    const LaunchOptions &options = command.options;
    const bool screenshotMode = !options.screenshotFile.isEmpty();

    QSettings settings;
    const Theme theme = options.theme.value_or(
        parseTheme(settings.value(QStringLiteral("ui/theme")).toString()).value_or(Theme::Light));
    applyTheme(app, theme);

    const ConnectionProfile profile
        = options.applyTo(loadProfile(settings).value_or(ConnectionProfile{}));

    TerminalSession session;
    QString cacheError;
    if (!session.openCache(TradeCache::defaultFileName(), &cacheError))
        print(stderr, QStringLiteral("bwx-terminal: no local trade history (%1)").arg(cacheError));
    session.loadHistory(settings.value(QLatin1String(kLastAccountKey)).toString());
    QObject::connect(&session, &TerminalSession::accountChanged, &app, [](const QString &account) {
        QSettings s;
        s.setValue(QLatin1String(kLastAccountKey), account);
    });

    MainWindow window(&session);
    window.setTheme(theme);

    if (screenshotMode) {
        if (!profile.isComplete()) {
            print(stderr, QStringLiteral("bwx-terminal: --screenshot needs --server, --cert, "
                                         "--key and --ca (or a remembered connection)"));
            return 2;
        }
        // A fixed size and the default layout make screenshots comparable between runs.
        window.setSaveLayoutOnClose(false);
        window.resize(options.windowSize);
        window.show();
        auto *controller
            = new ScreenshotController(&window, &session, options.screenshotFile, options.book,
                                       options.screenshotTimeoutSeconds * 1000, &app);
        QObject::connect(controller, &ScreenshotController::finished, &app,
                         [](int exitCode, const QString &message) {
                             print(exitCode == 0 ? stdout : stderr,
                                   QStringLiteral("bwx-terminal: %1").arg(message));
                             QApplication::exit(exitCode);
                         });
        session.connectTo(profile);
        controller->start();
        return QApplication::exec();
    }

    window.restoreLayout(settings);
    if (options.book)
        session.openBook(*options.book);
    window.show();
    if (profile.isComplete()) {
        saveProfile(settings, profile);
        session.connectTo(profile);
    } else {
        QTimer::singleShot(0, &window, &MainWindow::showConnectDialog);
    }
    return QApplication::exec();
}
