// The RFC 4271 FSM as a table: (state, event) -> (next state, actions, NOTIFICATION), and
// connection collision resolution (RFC 4271 6.8, RFC 6286).
#include <QTest>

#include "bwx/bgp/fsm.h"

using namespace bwx::bgp;
namespace a = bwx::bgp::action;

Q_DECLARE_METATYPE(bwx::bgp::State)
Q_DECLARE_METATYPE(bwx::bgp::Event)

class TestBgpFsm : public QObject
{
    Q_OBJECT

private slots:
    void transitions_data();
    void transitions();
    void everyStateHandlesEveryEvent();
    void collision_data();
    void collision();
};

void TestBgpFsm::transitions_data()
{
    QTest::addColumn<State>("state");
    QTest::addColumn<Event>("event");
    QTest::addColumn<bool>("passive");
    QTest::addColumn<State>("next");
    QTest::addColumn<quint32>("actions");
    QTest::addColumn<QString>("notify"); // "code/subcode" decided by the FSM, or empty

    using S = State;
    using E = Event;
    const quint32 down = a::DropConnection | a::ReleaseResources | a::StopConnectRetryTimer;
    const quint32 errorDown = down | a::BackOff;

    QTest::newRow("Idle ManualStart active -> Connect")
        << S::Idle << E::ManualStart << false << S::Connect
        << (a::InitiateConnect | a::StartConnectRetryTimer) << "";
    QTest::newRow("Idle ManualStart passive -> Active")
        << S::Idle << E::ManualStart << true << S::Active << a::None << "";
    QTest::newRow("Idle AutomaticStart (back-off over) -> Connect")
        << S::Idle << E::AutomaticStart << false << S::Connect
        << (a::InitiateConnect | a::StartConnectRetryTimer) << "";
    QTest::newRow("Idle refuses an incoming connection")
        << S::Idle << E::TcpConnectionConfirmed << false << S::Idle << a::DropConnection << "";
    QTest::newRow("Idle ignores a KEEPALIVE") << S::Idle << E::KeepaliveReceived << false
                                              << S::Idle << a::None << "";
    QTest::newRow("Connect connection up -> OpenSent")
        << S::Connect << E::TcpConnectionSucceeded << false << S::OpenSent
        << (a::StopConnectRetryTimer | a::SendOpen | a::StartLargeHoldTimer) << "";
    QTest::newRow("Connect retry timer -> reconnect")
        << S::Connect << E::ConnectRetryTimerExpires << false << S::Connect
        << (a::DropConnection | a::InitiateConnect | a::StartConnectRetryTimer) << "";
    QTest::newRow("Connect TCP fails -> Active")
        << S::Connect << E::TcpConnectionFails << false << S::Active
        << (a::DropConnection | a::StartConnectRetryTimer) << "";
    QTest::newRow("Connect ManualStop -> Idle") << S::Connect << E::ManualStop << false << S::Idle
                                                << down << "";
    QTest::newRow("Active incoming connection -> OpenSent")
        << S::Active << E::TcpConnectionConfirmed << true << S::OpenSent
        << (a::StopConnectRetryTimer | a::SendOpen | a::StartLargeHoldTimer) << "";
    QTest::newRow("Active retry timer, active peer -> Connect")
        << S::Active << E::ConnectRetryTimerExpires << false << S::Connect
        << (a::InitiateConnect | a::StartConnectRetryTimer) << "";
    QTest::newRow("Active retry timer, passive peer stays")
        << S::Active << E::ConnectRetryTimerExpires << true << S::Active << a::None << "";
    QTest::newRow("OpenSent valid OPEN -> OpenConfirm")
        << S::OpenSent << E::OpenReceived << false << S::OpenConfirm
        << (a::StopConnectRetryTimer | a::SendKeepalive | a::StartKeepaliveTimer
            | a::StartHoldTimer)
        << "";
    QTest::newRow("OpenSent bad OPEN -> NOTIFICATION, Idle, back-off")
        << S::OpenSent << E::OpenError << false << S::Idle << (a::SendNotification | errorDown)
        << "";
    QTest::newRow("OpenSent header error -> NOTIFICATION, Idle")
        << S::OpenSent << E::HeaderError << false << S::Idle << (a::SendNotification | errorDown)
        << "";
    QTest::newRow("OpenSent hold timer -> 4/0") << S::OpenSent << E::HoldTimerExpires << false
                                                << S::Idle << (a::SendNotification | errorDown)
                                                << "4/0";
    QTest::newRow("OpenSent KEEPALIVE -> FSM error 5/1")
        << S::OpenSent << E::KeepaliveReceived << false << S::Idle
        << (a::SendNotification | errorDown) << "5/1";
    QTest::newRow("OpenSent UPDATE -> FSM error 5/1")
        << S::OpenSent << E::UpdateReceived << false << S::Idle
        << (a::SendNotification | errorDown) << "5/1";
    QTest::newRow("OpenSent TCP fails -> Active")
        << S::OpenSent << E::TcpConnectionFails << false << S::Active
        << (a::DropConnection | a::StartConnectRetryTimer) << "";
    QTest::newRow("OpenSent collision loser -> 6/7")
        << S::OpenSent << E::OpenCollisionDump << false << S::Idle
        << (a::SendNotification | down) << "6/7";
    QTest::newRow("OpenSent NOTIFICATION version error -> Idle, no back-off")
        << S::OpenSent << E::NotificationVersionError << false << S::Idle << down << "";
    QTest::newRow("OpenConfirm KEEPALIVE -> Established")
        << S::OpenConfirm << E::KeepaliveReceived << false << S::Established
        << (a::StartHoldTimer | a::SessionUp) << "";
    QTest::newRow("OpenConfirm keepalive timer -> send KEEPALIVE")
        << S::OpenConfirm << E::KeepaliveTimerExpires << false << S::OpenConfirm
        << (a::SendKeepalive | a::StartKeepaliveTimer) << "";
    QTest::newRow("OpenConfirm second OPEN -> FSM error 5/2")
        << S::OpenConfirm << E::OpenReceived << false << S::Idle
        << (a::SendNotification | errorDown) << "5/2";
    QTest::newRow("OpenConfirm NOTIFICATION -> Idle with back-off")
        << S::OpenConfirm << E::NotificationReceived << false << S::Idle << errorDown << "";
    QTest::newRow("OpenConfirm ManualStop -> 6/2")
        << S::OpenConfirm << E::ManualStop << false << S::Idle << (a::SendNotification | down)
        << "6/2";
    QTest::newRow("Established UPDATE -> process, restart hold")
        << S::Established << E::UpdateReceived << false << S::Established
        << (a::StartHoldTimer | a::ProcessUpdate) << "";
    QTest::newRow("Established KEEPALIVE -> restart hold")
        << S::Established << E::KeepaliveReceived << false << S::Established << a::StartHoldTimer
        << "";
    QTest::newRow("Established keepalive timer")
        << S::Established << E::KeepaliveTimerExpires << false << S::Established
        << (a::SendKeepalive | a::StartKeepaliveTimer) << "";
    QTest::newRow("Established hold timer -> 4/0")
        << S::Established << E::HoldTimerExpires << false << S::Idle
        << (a::SendNotification | errorDown) << "4/0";
    QTest::newRow("Established UPDATE error -> its NOTIFICATION")
        << S::Established << E::UpdateError << false << S::Idle
        << (a::SendNotification | errorDown) << "";
    QTest::newRow("Established max prefix -> its Cease 6/1, back-off")
        << S::Established << E::MaxPrefixExceeded << false << S::Idle
        << (a::SendNotification | errorDown) << "";
    QTest::newRow("Established OPEN -> FSM error 5/3")
        << S::Established << E::OpenReceived << false << S::Idle
        << (a::SendNotification | errorDown) << "5/3";
    QTest::newRow("Established TCP fails -> Idle, release, back-off")
        << S::Established << E::TcpConnectionFails << false << S::Idle << errorDown << "";
    QTest::newRow("Established ManualStop -> 6/2 without back-off")
        << S::Established << E::ManualStop << false << S::Idle << (a::SendNotification | down)
        << "6/2";
    QTest::newRow("Established NOTIFICATION -> Idle") << S::Established
                                                      << E::NotificationReceived << false
                                                      << S::Idle << errorDown << "";
}

void TestBgpFsm::transitions()
{
    QFETCH(State, state);
    QFETCH(Event, event);
    QFETCH(bool, passive);
    QFETCH(State, next);
    QFETCH(quint32, actions);
    QFETCH(QString, notify);
    const Transition t = step(state, event, passive);
    QCOMPARE(stateName(t.next), stateName(next));
    QCOMPARE(quint32(t.actions), actions);
    const QString got = t.notify ? QStringLiteral("%1/%2")
                                       .arg(int(t.notify->first))
                                       .arg(int(t.notify->second))
                                 : QString();
    QCOMPARE(got, notify);
}

void TestBgpFsm::everyStateHandlesEveryEvent()
{
    // No combination may leave the FSM in a connected state after an error event, and every
    // NOTIFICATION the FSM chooses carries a defined code.
    for (int s = 0; s <= int(State::Established); ++s) {
        for (int e = 0; e <= int(Event::MaxPrefixExceeded); ++e) {
            for (bool passive : {false, true}) {
                const Transition t = step(State(s), Event(e), passive);
                if (t.notify)
                    QVERIFY(int(t.notify->first) >= 1 && int(t.notify->first) <= 6);
                if (Event(e) == Event::HoldTimerExpires && State(s) >= State::OpenSent)
                    QCOMPARE(t.next, State::Idle);
                if (passive)
                    QVERIFY(!t.has(a::InitiateConnect));
            }
        }
    }
}

void TestBgpFsm::collision_data()
{
    QTest::addColumn<quint32>("localId");
    QTest::addColumn<quint32>("localAs");
    QTest::addColumn<quint32>("remoteId");
    QTest::addColumn<quint32>("remoteAs");
    QTest::addColumn<bool>("localWins");
    QTest::newRow("higher local id keeps our connection") << 0x0a000002u << 65000u << 0x0a000001u
                                                          << 65001u << true;
    QTest::newRow("lower local id keeps theirs") << 0x0a000001u << 65000u << 0x0a000002u << 65001u
                                                 << false;
    QTest::newRow("ids compared unsigned") << 0xc0000001u << 65000u << 0x0a000001u << 65001u
                                           << true;
    QTest::newRow("equal ids: higher AS wins (RFC 6286)") << 7u << 65002u << 7u << 65001u << true;
    QTest::newRow("equal ids: lower AS loses") << 7u << 65001u << 7u << 65002u << false;
}

void TestBgpFsm::collision()
{
    QFETCH(quint32, localId);
    QFETCH(quint32, localAs);
    QFETCH(quint32, remoteId);
    QFETCH(quint32, remoteAs);
    QFETCH(bool, localWins);
    QCOMPARE(resolveCollision(localId, localAs, remoteId, remoteAs) == CollisionWinner::LocallyInitiated,
             localWins);
}

QTEST_APPLESS_MAIN(TestBgpFsm)
#include "tst_bgp_fsm.moc"
