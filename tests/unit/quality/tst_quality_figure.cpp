// The current quality figure the market uses: which data it rests on (own probes or third-party,
// fresh or stale), its window, and when a path is unreachable rather than slow.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "bwx/quality/quality_figure.h"
// clang-format on

using namespace bwx;
using namespace bwx::quality;

namespace {

const Timestamp kNow = *parseTimestamp("2026-11-26T12:00:00Z");
const PathKey kPath{MemberId(7), *net::Prefix::parse("198.51.100.0/24")};

struct S
{
    double minutesAgo;
    bool own;
    int latencyMs; // -1: unreachable
    std::uint32_t lossPpm = 0;
    int jitterUs = -1;
};
using Samples = std::vector<S>;

std::vector<FigureSample> build(const Samples &samples)
{
    std::vector<FigureSample> out;
    for (const S &s : samples) {
        FigureSample f;
        f.time = kNow - Duration(std::int64_t(s.minutesAgo * 60e9));
        f.own = s.own;
        f.source = s.own ? "probe-icmp" : "ripe-atlas";
        if (s.latencyMs >= 0)
            f.latencyUs = std::uint32_t(s.latencyMs) * 1000;
        f.lossPpm = s.latencyMs < 0 ? 1'000'000 : s.lossPpm;
        if (s.jitterUs >= 0)
            f.jitterUs = std::uint32_t(s.jitterUs);
        out.push_back(f);
    }
    return out;
}

QString name(FigureState s)
{
    return QString::fromLatin1(toString(s).data(), qsizetype(toString(s).size()));
}

QString name(FigureBasis b)
{
    return QString::fromLatin1(toString(b).data(), qsizetype(toString(b).size()));
}

constexpr bool own = true;
constexpr bool third = false;

} // namespace

Q_DECLARE_METATYPE(Samples)
Q_DECLARE_METATYPE(FigureState)
Q_DECLARE_METATYPE(FigureBasis)

class TestQualityFigure : public QObject
{
    Q_OBJECT

private slots:
    void selection_data();
    void selection();
    void p95AndDistance();
    void sampleOrderDoesNotMatter();
    void policyChecks();
};

void TestQualityFigure::selection_data()
{
    QTest::addColumn<Samples>("samples");
    QTest::addColumn<FigureState>("state");
    QTest::addColumn<FigureBasis>("basis");
    QTest::addColumn<bool>("stale");
    QTest::addColumn<int>("latencyUs");
    QTest::addColumn<int>("lossPpm");
    QTest::addColumn<int>("jitterUs");
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("newestMinutesAgo");

    const auto M = FigureState::Measured;
    const auto U = FigureState::Unreachable;
    const auto K = FigureState::Unknown;
    const auto O = FigureBasis::OwnProbes;
    const auto T = FigureBasis::ThirdParty;
    const auto N = FigureBasis::None;

    QTest::newRow("no samples: unknown")
        << Samples{} << K << N << false << 0 << 0 << 0 << 0 << -1.0;
    QTest::newRow("fresh own probes: p50 latency, mean loss")
        << Samples{{1, own, 10}, {5, own, 30}, {10, own, 20, 30000}} << M << O << false << 20000
        << 10000 << 0 << 3 << 1.0;
    QTest::newRow("own window is 15 min before the newest own sample")
        << Samples{{1, own, 10}, {16.5, own, 90}} << M << O << false << 10000 << 0 << 0 << 1 << 1.0;
    QTest::newRow("fresh own probes beat fresh third-party data")
        << Samples{{2, own, 10}, {1, third, 50}} << M << O << false << 10000 << 0 << 0 << 1 << 2.0;
    QTest::newRow("own probes 40 min old are stale: fresh third-party data is used")
        << Samples{{40, own, 10}, {60, third, 50}, {600, third, 70}} << M << T << false << 50000
        << 0 << 0 << 2 << 60.0;
    QTest::newRow("third-party window is a day: older third-party samples drop out")
        << Samples{{60, third, 50}, {60 * 25 + 1, third, 90}} << M << T << false << 50000 << 0 << 0
        << 1 << 60.0;
    QTest::newRow("everything stale: own probes, marked stale")
        << Samples{{120, own, 10}, {3 * 24 * 60, third, 50}} << M << O << true << 10000 << 0 << 0
        << 1 << 120.0;
    QTest::newRow("only stale third-party data: used, marked stale")
        << Samples{{3 * 24 * 60, third, 50}} << M << T << true << 50000 << 0 << 0 << 1
        << 3 * 24 * 60.0;
    QTest::newRow("older than forget_after (7 days): unknown")
        << Samples{{8 * 24 * 60, own, 10}, {8 * 24 * 60, third, 10}} << K << N << false << 0 << 0
        << 0 << 0 << -1.0;
    QTest::newRow("every sample in the window unreachable: unreachable, not zero latency")
        << Samples{{1, own, -1}, {5, own, -1}} << U << O << false << 0 << 1000000 << 0 << 2 << 1.0;
    QTest::newRow("the newest two unreachable: unreachable despite older answers")
        << Samples{{1, own, -1}, {2, own, -1}, {3, own, 10}} << U << O << false << 0 << 1000000 << 0
        << 3 << 1.0;
    QTest::newRow("one silent round is not yet unreachable")
        << Samples{{1, own, -1}, {2, own, 10}, {3, own, 12}} << M << O << false << 10000 << 333333
        << 0 << 3 << 1.0;
    QTest::newRow("a single unreachable sample is unreachable (no answer at all)")
        << Samples{{1, own, -1}} << U << O << false << 0 << 1000000 << 0 << 1 << 1.0;
    QTest::newRow("third-party unreachable") << Samples{{60, third, -1}, {90, third, -1}} << U << T
                                             << false << 0 << 1000000 << 0 << 2 << 60.0;
    QTest::newRow("stale and unreachable") << Samples{{45, own, -1}, {50, own, -1}} << U << O
                                           << true << 0 << 1000000 << 0 << 2 << 45.0;
    QTest::newRow("jitter: mean over the samples that give one")
        << Samples{{1, own, 10, 0, 100}, {2, own, 10}, {3, own, 10, 0, 300}} << M << O << false
        << 10000 << 0 << 200 << 3 << 1.0;
    QTest::newRow("loss near total still measured when something answered")
        << Samples{{1, own, 10, 999'999}, {2, own, 10, 999'999}} << M << O << false << 10000
        << 999999 << 0 << 2 << 1.0;
    QTest::newRow("a sample up to the clock skew ahead is the newest")
        << Samples{{-2, own, 30}, {1, own, 10}} << M << O << false << 10000 << 0 << 0 << 2 << -2.0;
}

void TestQualityFigure::selection()
{
    QFETCH(Samples, samples);
    QFETCH(FigureState, state);
    QFETCH(FigureBasis, basis);
    QFETCH(bool, stale);
    QFETCH(int, latencyUs);
    QFETCH(int, lossPpm);
    QFETCH(int, jitterUs);
    QFETCH(int, count);
    QFETCH(double, newestMinutesAgo);
    const auto input = build(samples);
    const QualityFigure f = computeFigure(kPath, input, 0, FigurePolicy{}, kNow);
    QCOMPARE(name(f.state), name(state));
    QCOMPARE(name(f.basis), name(basis));
    QCOMPARE(f.stale, stale);
    QCOMPARE(int(f.latencyUs), latencyUs);
    QCOMPARE(int(f.lossPpm), lossPpm);
    QCOMPARE(int(f.jitterUs), jitterUs);
    QCOMPARE(int(f.samples), count);
    QVERIFY(f.path == kPath);
    if (newestMinutesAgo >= 0 || state != FigureState::Unknown)
        QCOMPARE(f.measuredAt, kNow - Duration(std::int64_t(newestMinutesAgo * 60e9)));
    QCOMPARE(f.known(), state != FigureState::Unknown);
    // The source of the newest sample used.
    const char *source = basis == FigureBasis::OwnProbes    ? "probe-icmp"
                         : basis == FigureBasis::ThirdParty ? "ripe-atlas"
                                                            : "";
    QCOMPARE(QString::fromStdString(f.source), QString(source));
}

void TestQualityFigure::p95AndDistance()
{
    Samples samples;
    for (int i = 1; i <= 20; ++i)
        samples.push_back({double(i) / 2, own, i});
    const auto input = build(samples);
    const QualityFigure f = computeFigure(kPath, input, 4, FigurePolicy{}, kNow);
    QCOMPARE(f.latencyUs, 10000u);    // rank ceil(0.5 * 20) = 10
    QCOMPARE(f.latencyP95Us, 19000u); // rank ceil(0.95 * 20) = 19
    QCOMPARE(f.distance, std::uint8_t(4));
    // Distance is carried even when nothing was measured.
    QCOMPARE(computeFigure(kPath, {}, 3, FigurePolicy{}, kNow).distance, std::uint8_t(3));
}

void TestQualityFigure::sampleOrderDoesNotMatter()
{
    auto input = build({{1, own, -1}, {2, own, -1}, {3, own, 10}, {4, own, 20}, {6, third, 5}});
    const QualityFigure a = computeFigure(kPath, input, 0, FigurePolicy{}, kNow);
    std::reverse(input.begin(), input.end());
    const QualityFigure b = computeFigure(kPath, input, 0, FigurePolicy{}, kNow);
    QVERIFY(a == b);
}

void TestQualityFigure::policyChecks()
{
    QVERIFY(!checkPolicy(FigurePolicy{}));
    FigurePolicy p;
    p.ownWindow = Duration(0);
    QVERIFY(checkPolicy(p));
    p = FigurePolicy{};
    p.forgetAfter = seconds(60);
    QVERIFY(checkPolicy(p));
    p = FigurePolicy{};
    p.unreachableAfter = 0;
    QVERIFY(checkPolicy(p));
}

QTEST_APPLESS_MAIN(TestQualityFigure)
#include "tst_quality_figure.moc"
