// Runs a fuzz target without libFuzzer, so every build exercises it: seeds from the sample
// messages, then deterministic mutations (bit flips, truncations, splices, length-field and
// count edits). The clang `fuzz` preset runs the same target under libFuzzer for real coverage.
#include <QTest>

#include <random>

#include "../unit/proto/sample_messages.h"
#include "bwx/proto/codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

class TestCodecMutations : public QObject
{
    Q_OBJECT

private slots:
    void mutatedFrames();
};

void TestCodecMutations::mutatedFrames()
{
    std::vector<std::vector<std::uint8_t>> seeds;
    for (const auto& [name, m] : bwx::test::sampleMessages()) {
        std::vector<std::uint8_t> frame;
        bwx::proto::encodeFrame(m, 1, frame);
        seeds.push_back(std::move(frame));
    }
    std::mt19937_64 rng(20261126);
    const int iterations = qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS") > 0
        ? qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS")
        : 200'000;
    for (int i = 0; i < iterations; ++i) {
        std::vector<std::uint8_t> in = seeds[rng() % seeds.size()];
        const int edits = 1 + int(rng() % 4);
        for (int e = 0; e < edits && !in.empty(); ++e) {
            switch (rng() % 6) {
            case 0: in[rng() % in.size()] ^= std::uint8_t(1u << (rng() % 8)); break;
            case 1: in.resize(rng() % in.size()); break;
            case 2: in[rng() % in.size()] = std::uint8_t(rng()); break;
            case 3: { // rewrite the length field to a nearby or extreme value
                const std::uint32_t len = (rng() % 2) ? std::uint32_t(rng()) : std::uint32_t(in.size() + rng() % 9 - 4);
                if (in.size() >= 4)
                    for (int b = 0; b < 4; ++b)
                        in[std::size_t(b)] = std::uint8_t(len >> (24 - 8 * b));
                break;
            }
            case 4: { // splice in a chunk of another seed
                const auto& other = seeds[rng() % seeds.size()];
                const std::size_t at = rng() % in.size();
                const std::size_t from = rng() % other.size();
                const std::size_t n = std::min(other.size() - from, std::size_t(1 + rng() % 16));
                in.insert(in.begin() + std::ptrdiff_t(at), other.begin() + std::ptrdiff_t(from),
                          other.begin() + std::ptrdiff_t(from + n));
                break;
            }
            default: { // a huge element count or string length somewhere in the body
                if (in.size() > 16) {
                    const std::size_t at = 12 + rng() % (in.size() - 15);
                    for (std::size_t b = 0; b < 4 && at + b < in.size(); ++b)
                        in[at + b] = 0xFF;
                }
                break;
            }
            }
        }
        LLVMFuzzerTestOneInput(in.data(), in.size());
    }
}

QTEST_APPLESS_MAIN(TestCodecMutations)
#include "mutation_replay.moc"
