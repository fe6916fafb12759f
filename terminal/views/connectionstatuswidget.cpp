#include "views/connectionstatuswidget.h"

#include "models/colors.h"
#include "models/format.h"

#include <QHBoxLayout>
#include <QLabel>

namespace bwx::terminal {

namespace {

QColor stateColour(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connected:
        return colors::bid();
    case ConnectionState::Connecting:
    case ConnectionState::LoggingIn:
    case ConnectionState::WaitingToReconnect:
        return colors::warning();
    case ConnectionState::Disconnected:
        return colors::ask();
    }
    return {};
}

QLabel *makeLabel(QWidget *parent, const char *objectName, const QString &accessibleName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(objectName));
    label->setAccessibleName(accessibleName);
    return label;
}

} // namespace

ConnectionStatusWidget::ConnectionStatusWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("connectionStatus"));
    m_state = makeLabel(this, "statusState", tr("Connection state"));
    m_member = makeLabel(this, "statusMember", tr("Member"));
    m_serverTime = makeLabel(this, "statusServerTime", tr("Exchange time"));
    m_serverTime->setToolTip(tr("The exchange's clock (UTC)"));
    m_feed = makeLabel(this, "statusFeedAge", tr("Market data age"));
    m_error = makeLabel(this, "statusError", tr("Last error"));
    m_error->setStyleSheet(QStringLiteral("color: %1").arg(colors::ask().name()));
    m_error->setMaximumWidth(520);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(14);
    layout->addWidget(m_state);
    layout->addWidget(m_member);
    layout->addWidget(m_serverTime);
    layout->addWidget(m_feed);
    layout->addWidget(m_error);
    layout->addStretch(1);

    setState(ConnectionState::Disconnected, -1);
    setFeedAge(-1);
}

void ConnectionStatusWidget::setState(ConnectionState state, int reconnectInMs)
{
    QString text = toDisplayString(state);
    if (state == ConnectionState::WaitingToReconnect && reconnectInMs >= 0)
        text = tr("Reconnecting in %1 s").arg((reconnectInMs + 999) / 1000);
    m_state->setText(QStringLiteral("<span style=\"color:%1\">●</span> %2")
                         .arg(stateColour(state).name(), text.toHtmlEscaped()));
    m_state->setProperty("plainText", text);
}

void ConnectionStatusWidget::setMember(const QString &name)
{
    m_member->setText(name.isEmpty() ? QString() : tr("Member: %1").arg(name));
}

void ConnectionStatusWidget::setServerTime(Timestamp serverTime)
{
    m_serverTime->setText(serverTime.isSet() ? tr("%1 UTC").arg(format::dateTime(serverTime))
                                             : QString());
}

void ConnectionStatusWidget::setFeedAge(qint64 ageMs)
{
    m_stale = ageMs < 0 || ageMs > m_staleAfterMs;
    const QString text = ageMs < 0 ? tr("Feed: no data") : tr("Feed: %1 s").arg(ageMs / 1000);
    m_feed->setText(text);
    m_feed->setToolTip(
        tr("Time since the last market-data message. It turns orange after %1 s: prices "
           "shown may be out of date (or the market is quiet).")
            .arg(m_staleAfterMs / 1000));
    m_feed->setStyleSheet(
        m_stale ? QStringLiteral("color: %1; font-weight: bold").arg(colors::warning().name())
                : QString());
}

void ConnectionStatusWidget::setLastError(const QString &message)
{
    const QString elided
        = m_error->fontMetrics().elidedText(message, Qt::ElideRight, m_error->maximumWidth());
    m_error->setText(elided);
    m_error->setToolTip(message);
}

QString ConnectionStatusWidget::stateText() const
{
    return m_state->property("plainText").toString();
}

QString ConnectionStatusWidget::feedText() const
{
    return m_feed->text();
}

QString ConnectionStatusWidget::errorText() const
{
    return m_error->toolTip();
}

} // namespace bwx::terminal
