#pragma once
// Always-visible health of the session in the status bar: connection state, who we are, the
// exchange's clock, how old the market data is (warning colour once stale), and the last error.
#include "client/connectionstate.h"

#include <QWidget>
#include <bwx/domain/units.h>

class QLabel;

namespace bwx::terminal {

class ConnectionStatusWidget : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionStatusWidget(QWidget *parent = nullptr);

    void setState(ConnectionState state, int reconnectInMs);
    void setMember(const QString &name);
    void setServerTime(bwx::Timestamp serverTime);
    // -1: no market data yet.
    void setFeedAge(qint64 ageMs);
    void setLastError(const QString &message);
    void setStaleAfter(qint64 ms) { m_staleAfterMs = ms; }

    bool isFeedStale() const { return m_stale; }
    QString stateText() const;
    QString feedText() const;
    QString errorText() const;

private:
    QLabel *m_state = nullptr;
    QLabel *m_member = nullptr;
    QLabel *m_serverTime = nullptr;
    QLabel *m_feed = nullptr;
    QLabel *m_error = nullptr;
    qint64 m_staleAfterMs = 30'000;
    bool m_stale = false;
};

} // namespace bwx::terminal
