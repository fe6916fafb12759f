// Crash tests: a helper process submits a stream of orders through the real sequencer and
// prints each acknowledgement as it is released; it dies at a named point of the commit path
// (BWX_CRASH_AT) or by SIGKILL at a random moment. Recovery from the same database must hold
// every acknowledged order, and snapshot + tail must equal a full replay.
#include "bwx/market/engine.h"
#include "bwx/sequencer/sequencer.h"
#include "bwx/store/journal.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <cstdint>
#include <vector>

using namespace bwx;

namespace {

struct Ack
{
    std::uint64_t orderId = 0;
    std::uint64_t clientOrderId = 0;
    std::uint64_t seq = 0;
};

struct Run
{
    QProcess::ExitStatus status = QProcess::NormalExit;
    int exitCode = -1;
    std::vector<Ack> acks;
    bool done = false;
    QByteArray stderrText;
};

void parseLines(const QByteArray &out, Run &run)
{
    for (const QByteArray &line : out.split('\n')) {
        const auto f = line.split(' ');
        if (f.size() == 4 && f[0] == "ack")
            run.acks.push_back({f[1].toULongLong(), f[2].toULongLong(), f[3].toULongLong()});
        else if (line == "done")
            run.done = true;
    }
}

// Runs the helper; with killAfterAcks > 0 the test kills it with SIGKILL once it has read that
// many acknowledgements.
Run runHelper(const QString &db,
              int orders,
              std::uint64_t firstCoid,
              const QString &crashAt,
              int killAfterAcks)
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.remove("BWX_CRASH_AT");
    if (!crashAt.isEmpty())
        env.insert("BWX_CRASH_AT", crashAt);
    p.setProcessEnvironment(env);
    p.start(BWX_CRASH_HELPER, {db, QString::number(orders), QString::number(firstCoid)});
    Run run;
    if (!p.waitForStarted(60'000))
        return run;
    QByteArray out;
    if (killAfterAcks > 0) {
        int acks = 0;
        while (acks < killAfterAcks && p.state() == QProcess::Running) {
            p.waitForReadyRead(1'000);
            const QByteArray chunk = p.readAllStandardOutput();
            acks += static_cast<int>(chunk.count("ack "));
            out += chunk;
        }
        p.kill();
    }
    p.waitForFinished(300'000);
    out += p.readAllStandardOutput();
    run.status = p.exitStatus();
    run.exitCode = p.exitCode();
    run.stderrText = p.readAllStandardError();
    parseLines(out, run);
    return run;
}

struct Recovered
{
    sequencer::RecoveryResult withSnapshot;
    sequencer::RecoveryResult full;
    Seq journalLast;
};

Recovered recoverBoth(const std::string &db)
{
    auto journal = store::openSqliteJournal(db);
    Recovered r;
    r.withSnapshot = sequencer::recover(*journal, true);
    r.full = sequencer::recover(*journal, false);
    r.journalLast = journal->lastSeq();
    return r;
}

} // namespace

class TestSequencerCrash : public QObject
{
    Q_OBJECT

private slots:
    void crash_data();
    void crash();
};

void TestSequencerCrash::crash_data()
{
    QTest::addColumn<QString>("crashAt");
    QTest::addColumn<int>("killAfterAcks");

    QTest::newRow("no crash") << QString() << 0;
    QTest::newRow("crash before append") << "before_append:25" << 0;
    QTest::newRow("crash after append, before release") << "after_append_before_release:25" << 0;
    QTest::newRow("crash in the middle of a release") << "mid_release:25" << 0;
    const quint32 seed = QRandomGenerator::global()->generate();
    const int kill = 50 + static_cast<int>(QRandomGenerator(seed).bounded(1500));
    qInfo("SIGKILL after %d acknowledgements (seed %u)", kill, seed);
    QTest::newRow("SIGKILL at a random moment") << QString() << kill;
}

void TestSequencerCrash::crash()
{
    QFETCH(QString, crashAt);
    QFETCH(int, killAfterAcks);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString db = dir.path() + "/journal.db";
    constexpr int kOrders = 2000;

    const Run first = runHelper(db, kOrders, 1, crashAt, killAfterAcks);
    QVERIFY2(first.stderrText.isEmpty() || !crashAt.isEmpty() || killAfterAcks > 0,
             first.stderrText.constData());
    if (!crashAt.isEmpty()) {
        QCOMPARE(first.status, QProcess::NormalExit);
        QVERIFY2(first.exitCode == 70, first.stderrText.constData()); // the planned crash
        QVERIFY(!first.done);
    } else if (killAfterAcks > 0) {
        QVERIFY(!first.done || first.acks.size() == kOrders); // it may have finished first
    } else {
        QCOMPARE(first.exitCode, 0);
        QVERIFY(first.done);
        QCOMPARE(first.acks.size(), std::size_t(kOrders));
    }
    QVERIFY2(!first.acks.empty(), "the helper acknowledged nothing before it ended");

    auto checkRecovery = [&db](const std::vector<Ack> &acks) {
        const Recovered r = recoverBoth(db.toStdString());
        qInfo("%zu acknowledged orders; journal at seq %llu; snapshot at seq %llu", acks.size(),
              static_cast<unsigned long long>(r.journalLast.value()),
              static_cast<unsigned long long>(r.withSnapshot.recovery.snapshotSeq.value()));
        QVERIFY2(r.withSnapshot.ok, r.withSnapshot.error.c_str());
        QVERIFY2(r.full.ok, r.full.error.c_str());
        QCOMPARE(r.withSnapshot.recovery.engine->stateHash(), r.full.recovery.engine->stateHash());
        QCOMPARE(r.full.recovery.engine->lastSeq(), r.journalLast);
        QCOMPARE(r.full.recovery.engine->checkInvariants(), std::string());
        const market::Engine &engine = *r.full.recovery.engine;
        for (const Ack &ack : acks) {
            QVERIFY(ack.seq <= r.journalLast.value());
            const auto order = engine.order(OrderId(ack.orderId));
            QVERIFY2(order,
                     qPrintable(QString("acknowledged order %1 (client id %2, seq %3) is lost")
                                    .arg(ack.orderId)
                                    .arg(ack.clientOrderId)
                                    .arg(ack.seq)));
            QCOMPARE(order->params.clientOrderId, ClientOrderId(ack.clientOrderId));
        }
    };
    checkRecovery(first.acks);
    if (QTest::currentTestFailed())
        return;

    // Restart on the same database: the helper recovers, carries on, and everything either run
    // acknowledged is there.
    const Run second = runHelper(db, 200, 1'000'000, QString(), 0);
    QVERIFY2(second.exitCode == 0 && second.done, second.stderrText.constData());
    QCOMPARE(second.acks.size(), std::size_t(200));
    std::vector<Ack> all = first.acks;
    all.insert(all.end(), second.acks.begin(), second.acks.end());
    checkRecovery(all);
}

QTEST_GUILESS_MAIN(TestSequencerCrash)
#include "tst_sequencer_crash.moc"
