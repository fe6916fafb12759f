#pragma once
// --screenshot: waits until the terminal shows real data (market watch, the chosen book, the
// member's orders and trades), renders the main window to a PNG and reports an exit code.
// Gives up after a timeout with a message that says what was still missing.
#include <QObject>
#include <QString>
#include <bwx/net/prefix.h>
#include <optional>

class QTimer;

namespace bwx::terminal {

class MainWindow;
class TerminalSession;

class ScreenshotController : public QObject
{
    Q_OBJECT

public:
    ScreenshotController(MainWindow *window,
                         TerminalSession *session,
                         QString fileName,
                         std::optional<bwx::net::Prefix> book,
                         int timeoutMs,
                         QObject *parent = nullptr);

    void start();
    // What is still missing, for the timeout message; empty when ready.
    QString missing() const;

signals:
    // 0: written; 3: timed out; 4: the PNG could not be written. The message is for stderr.
    void finished(int exitCode, const QString &message);

private:
    void check();
    void capture();

    MainWindow *m_window;
    TerminalSession *m_session;
    QString m_fileName;
    std::optional<bwx::net::Prefix> m_book;
    int m_timeoutMs;
    QTimer *m_timeout = nullptr;
    bool m_done = false;
};

// Renders the window as it is now (used by --screenshot and the screenshot tests).
bool writeWindowPng(QWidget *window, const QString &fileName, QString *error);

} // namespace bwx::terminal
