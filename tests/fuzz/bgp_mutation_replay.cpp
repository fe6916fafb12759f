// Runs fuzz_bgp without libFuzzer, so every build exercises it: the seeds, then deterministic
// binary mutations aimed at BGP's structure (length octets, flags, type codes, counts). With
// BWX_FUZZ_WRITE_SEEDS=DIR it also writes the seeds there as a libFuzzer corpus.
#include <QDir>
#include <QFile>
#include <QTest>

#include "bgp_fuzz_seeds.h"

#include <random>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

class TestBgpMutations : public QObject
{
    Q_OBJECT

private slots:
    void mutatedStreams();
};

void TestBgpMutations::mutatedStreams()
{
    const auto seeds = bwx::bgp::test::bgpFuzzSeeds();
    if (const QString dir = qEnvironmentVariable("BWX_FUZZ_WRITE_SEEDS"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        for (std::size_t i = 0; i < seeds.size(); ++i) {
            QFile f(QStringLiteral("%1/seed-%2").arg(dir).arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(reinterpret_cast<const char *>(seeds[i].data()), qint64(seeds[i].size()));
        }
    }
    for (const auto &s : seeds)
        LLVMFuzzerTestOneInput(s.data(), s.size());

    std::mt19937_64 rng(20261126);
    const int iterations = qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS") > 0
                               ? qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS")
                               : 200'000;
    static const std::uint8_t interesting[] = {0, 1, 2, 3, 4, 5, 0x10, 0x40, 0x80, 0xc0, 0xe0,
                                               0xff, 14, 15, 17, 18, 32, 24, 32, 33, 128, 129};
    for (int i = 0; i < iterations; ++i) {
        std::vector<std::uint8_t> in = seeds[rng() % seeds.size()];
        const int edits = 1 + int(rng() % 4);
        for (int e = 0; e < edits && in.size() > 1; ++e) {
            const std::size_t at = 1 + rng() % (in.size() - 1);
            switch (rng() % 6) {
            case 0: in[at] ^= std::uint8_t(1u << (rng() % 8)); break;
            case 1: in[at] = interesting[rng() % sizeof interesting]; break;
            case 2: in.resize(at); break;
            case 3: in.insert(in.begin() + std::ptrdiff_t(at), std::uint8_t(rng())); break;
            case 4: in.erase(in.begin() + std::ptrdiff_t(at)); break;
            default: { // splice a chunk of another seed
                const auto &other = seeds[rng() % seeds.size()];
                const std::size_t from = 1 + rng() % (other.size() - 1);
                const std::size_t n = std::min(other.size() - from, std::size_t(1 + rng() % 24));
                in.insert(in.begin() + std::ptrdiff_t(at), other.begin() + std::ptrdiff_t(from),
                          other.begin() + std::ptrdiff_t(from + n));
                break;
            }
            }
        }
        if (rng() % 8 == 0)
            in[0] = std::uint8_t(rng()); // another session kind
        LLVMFuzzerTestOneInput(in.data(), in.size());
    }
}

QTEST_APPLESS_MAIN(TestBgpMutations)
#include "bgp_mutation_replay.moc"
