// Runs a settlement fuzz target without libFuzzer so every build exercises it: valid datagrams
// of its protocol, then deterministic mutations (bit flips, truncations, splices, length fields
// set to extremes). BWX_FUZZ_SEED_DIR=DIR also writes the seeds there as a libFuzzer corpus.
#include <QDir>
#include <QFile>
#include <QTest>

#include "settlement_fuzz_seeds.h"

#include <random>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

class TestSettlementMutations : public QObject
{
    Q_OBJECT

private slots:
    void mutatedDatagrams();
};

void TestSettlementMutations::mutatedDatagrams()
{
    const auto seeds = bwx::settlement::fuzz::seedsFor(BWX_FUZZ_TARGET);
    QVERIFY(!seeds.empty());
    if (const QString dir = qEnvironmentVariable("BWX_FUZZ_SEED_DIR"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        for (std::size_t i = 0; i < seeds.size(); ++i) {
            QFile f(dir + QStringLiteral("/seed-%1").arg(i));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(reinterpret_cast<const char *>(seeds[i].data()), qint64(seeds[i].size()));
        }
    }
    for (const auto &s : seeds)
        LLVMFuzzerTestOneInput(s.data(), s.size());
    std::mt19937_64 rng(20261126);
    const int iterations = qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS") > 0
                               ? qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS")
                               : 100'000;
    for (int i = 0; i < iterations; ++i) {
        std::vector<std::uint8_t> in = seeds[rng() % seeds.size()];
        const int edits = 1 + int(rng() % 4);
        for (int e = 0; e < edits && !in.empty(); ++e) {
            switch (rng() % 6) {
            case 0:
                in[rng() % in.size()] ^= std::uint8_t(1u << (rng() % 8));
                break;
            case 1:
                in.resize(rng() % in.size());
                break;
            case 2:
                in[rng() % in.size()] = std::uint8_t(rng());
                break;
            case 3: { // a 16-bit length or count somewhere set to an extreme or nearby value
                if (in.size() >= 2) {
                    const std::size_t at = rng() % (in.size() - 1);
                    const std::uint16_t v = (rng() % 2) ? std::uint16_t(rng() % 2 ? 0xFFFF : 0)
                                                        : std::uint16_t(in.size() + rng() % 9 - 4);
                    in[at] = std::uint8_t(v >> 8);
                    in[at + 1] = std::uint8_t(v);
                }
                break;
            }
            case 4: { // splice a chunk of another seed (e.g. its template into this data)
                const auto &other = seeds[rng() % seeds.size()];
                const std::size_t at = rng() % in.size();
                const std::size_t from = rng() % other.size();
                const std::size_t n = std::min(other.size() - from, std::size_t(1 + rng() % 64));
                in.insert(in.begin() + std::ptrdiff_t(at), other.begin() + std::ptrdiff_t(from),
                          other.begin() + std::ptrdiff_t(from + n));
                break;
            }
            default: { // a 32-bit count (sFlow) set huge
                if (in.size() > 8) {
                    const std::size_t at = rng() % (in.size() - 4);
                    for (std::size_t b = 0; b < 4; ++b)
                        in[at + b] = b == 0 ? 0x7f : 0xff;
                }
                break;
            }
            }
        }
        LLVMFuzzerTestOneInput(in.data(), in.size());
    }
}

QTEST_APPLESS_MAIN(TestSettlementMutations)
#include "settlement_mutation_replay.moc"
