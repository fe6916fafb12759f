#include "app/screenshotcontroller.h"

#include "app/mainwindow.h"
#include "app/terminalsession.h"
#include "client/exchangeclient.h"
#include "models/format.h"
#include "models/marketwatchmodel.h"
#include "models/orderbookmodel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImageWriter>
#include <QPixmap>
#include <QTimer>
#include <QWidget>

namespace bwx::terminal {

bool writeWindowPng(QWidget *window, const QString &fileName, QString *error)
{
    const QPixmap pixmap = window->grab();
    if (pixmap.isNull()) {
        *error = QCoreApplication::translate("ScreenshotController", "the window rendered empty");
        return false;
    }
    QDir().mkpath(QFileInfo(fileName).absolutePath());
    QImageWriter writer(fileName, "png");
    if (!writer.write(pixmap.toImage())) {
        *error = writer.errorString();
        return false;
    }
    return true;
}

ScreenshotController::ScreenshotController(MainWindow *window,
                                           TerminalSession *session,
                                           QString fileName,
                                           std::optional<net::Prefix> book,
                                           int timeoutMs,
                                           QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_session(session)
    , m_fileName(std::move(fileName))
    , m_book(book)
    , m_timeoutMs(timeoutMs)
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        if (m_done)
            return;
        m_done = true;
        QString message
            = tr("screenshot: gave up after %1 s: %2").arg(m_timeoutMs / 1000).arg(missing());
        const QString error = m_session->client()->lastError();
        if (!error.isEmpty())
            message += tr("; last error: %1").arg(error);
        emit finished(3, message);
    });
}

void ScreenshotController::start()
{
    connect(m_session->marketWatch(), &MarketWatchModel::loaded, this,
            &ScreenshotController::check);
    connect(m_session->book(), &OrderBookModel::loaded, this, &ScreenshotController::check);
    connect(m_session, &TerminalSession::ordersLoadedChanged, this, &ScreenshotController::check);
    connect(m_session, &TerminalSession::tradesLoadedChanged, this, &ScreenshotController::check);
    if (m_book)
        m_session->openBook(*m_book);
    m_timeout->start(m_timeoutMs);
    check();
}

QString ScreenshotController::missing() const
{
    QStringList parts;
    const ExchangeClient *client = m_session->client();
    // One whole sentence per state: a translated state word put into a sentence (and
    // lower-cased) reads wrongly in languages that capitalise nouns or inflect them.
    switch (client->state()) {
    case ConnectionState::Connected:
        break;
    case ConnectionState::Disconnected:
        //: Screenshot timeout: the terminal is not connected and not trying to connect.
        parts.append(tr("not connected"));
        break;
    case ConnectionState::Connecting:
        //: Screenshot timeout: the TCP connection or TLS handshake has not completed.
        parts.append(tr("still connecting"));
        break;
    case ConnectionState::LoggingIn:
        //: Screenshot timeout: connected, but the exchange has not yet accepted the login.
        parts.append(tr("still logging in"));
        break;
    case ConnectionState::WaitingToReconnect:
        //: Screenshot timeout: the connection was lost and the next attempt is scheduled.
        parts.append(tr("waiting to reconnect"));
        break;
    }
    if (!m_session->marketWatch()->isLoaded())
        parts.append(tr("market watch not loaded"));
    const auto book = m_session->bookPrefix();
    if (book && !m_session->book()->isLoaded())
        parts.append(tr("book %1 not loaded").arg(format::prefix(*book)));
    else if (!book && m_session->marketWatch()->isLoaded()
             && m_session->marketWatch()->rowCount() > 0)
        parts.append(tr("no book chosen"));
    if (!m_session->ordersLoaded())
        parts.append(tr("orders not loaded"));
    if (!m_session->tradesLoaded())
        parts.append(tr("trades not loaded"));
    return parts.join(QLatin1String("; "));
}

void ScreenshotController::check()
{
    if (m_done)
        return;
    // Without --book, show the first prefix of the market watch once it is there.
    if (!m_session->bookPrefix() && m_session->marketWatch()->isLoaded()) {
        if (const auto first = m_session->marketWatch()->prefixAt(0))
            m_session->openBook(*first);
    }
    if (!missing().isEmpty())
        return;
    m_done = true;
    m_timeout->stop();
    m_window->refreshStatus();
    // One turn of the event loop lets the views lay out the data that just arrived.
    QTimer::singleShot(0, this, &ScreenshotController::capture);
}

void ScreenshotController::capture()
{
    m_window->refreshStatus();
    QString error;
    if (!writeWindowPng(m_window, m_fileName, &error)) {
        emit finished(4, tr("screenshot: cannot write %1: %2").arg(m_fileName, error));
        return;
    }
    emit finished(0, tr("screenshot: %1").arg(QFileInfo(m_fileName).absoluteFilePath()));
}

} // namespace bwx::terminal
