// Runs a quality import fuzz target without libFuzzer, so every build exercises it: the seeds,
// then deterministic mutations that keep the input close to a measurement file (the interesting
// cases are near-valid ones): byte flips, truncations, deleted and duplicated lines, splices
// between seeds, and tokens the three formats care about (JSON punctuation and keywords, field
// names, numbers at and past their limits, addresses, times with and without zones, commas).
// The clang `fuzz` preset runs the same targets under libFuzzer for real coverage.
// moc needs the Qt headers before the others.
// clang-format off
#include <QTest>

#include "quality_fuzz_seeds.h"

#include <random>
#include <string>
#include <string_view>
// clang-format on

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

constexpr std::string_view kTokens[] = {
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\n",
    "\r\n",
    " ",
    "\\u0000",
    "\xff",
    "#",
    "null",
    "true",
    "-1",
    "0",
    "1e400",
    "0.5",
    "4294967296",
    "18446744073709551616",
    "-0",
    "\"fw\"",
    "\"rtt\"",
    "\"x\"",
    "\"*\"",
    "\"dup\"",
    "\"error\"",
    "\"result\"",
    "\"sent\"",
    "\"rcvd\"",
    "\"dst_addr\"",
    "\"addr\"",
    "\"timestamp\"",
    "\"prb_id\"",
    "\"type\"",
    "\"ping\"",
    "\"avg\"",
    "\"json_format\"",
    "\"stats\"",
    "\"rtt\": {\"n\": 0}",
    "\"mean\"",
    "\"packets_sent\"",
    "\"remote_address\"",
    "\"start_time\"",
    "\"ipdv_round_trip\"",
    "193.0.14.129",
    "2001:7fd::1",
    "[::1]:1",
    "10.0.0.7",
    "198.51.100.0/24",
    "::/0",
    "/33",
    "2026-11-26T08:00:00Z",
    "2026-11-26T08:00:00+14:00",
    "1969-12-31T23:59:59Z",
    "2200-12-31T23:59:59-05:00",
    ".999999999",
    ",,",
    ",1000000,",
    "probe-udp",
    "seller,",
};

std::string mutate(std::string in, const std::vector<std::string> &seeds, std::mt19937_64 &rng)
{
    const auto pick = [&](std::size_t n) {
        return static_cast<std::size_t>(rng() % n);
    };
    const int edits = 1 + int(rng() % 4);
    for (int e = 0; e < edits; ++e) {
        if (in.empty()) {
            in = seeds[pick(seeds.size())];
            continue;
        }
        switch (rng() % 7) {
        case 0:
            in[pick(in.size())] ^= static_cast<char>(1u << (rng() % 8));
            break;
        case 1:
            in.resize(pick(in.size()));
            break;
        case 2:
            in.insert(pick(in.size() + 1), kTokens[pick(std::size(kTokens))]);
            break;
        case 3: { // delete a line
            const std::size_t start = in.rfind('\n', pick(in.size()));
            const std::size_t from = start == std::string::npos ? 0 : start;
            const std::size_t end = in.find('\n', from + 1);
            in.erase(from, end == std::string::npos ? std::string::npos : end - from);
            break;
        }
        case 4: { // duplicate a line
            const std::size_t at = pick(in.size());
            const std::size_t start = in.rfind('\n', at);
            const std::size_t from = start == std::string::npos ? 0 : start;
            const std::size_t end = in.find('\n', at);
            in.insert(from,
                      in.substr(from, end == std::string::npos ? std::string::npos : end - from));
            break;
        }
        case 5: { // splice a chunk of another seed
            const std::string &other = seeds[pick(seeds.size())];
            in.insert(pick(in.size() + 1), other.substr(pick(other.size()), 1 + pick(64)));
            break;
        }
        default: // delete a span
            in.erase(pick(in.size()), 1 + pick(16));
            break;
        }
    }
    return in;
}

} // namespace

class TestQualityImportMutations : public QObject
{
    Q_OBJECT

private slots:
    void mutatedFiles();
};

void TestQualityImportMutations::mutatedFiles()
{
    const std::vector<std::string> seeds = bwx::test::qualityFuzzSeeds();
    QVERIFY(!seeds.empty());
    for (const std::string &seed : seeds)
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(seed.data()), seed.size());
    std::mt19937_64 rng(20261126);
    const int iterations = qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS") > 0
                               ? qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS")
                               : 50'000;
    for (int i = 0; i < iterations; ++i) {
        const std::string input = mutate(seeds[rng() % seeds.size()], seeds, rng);
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(input.data()), input.size());
    }
}

QTEST_APPLESS_MAIN(TestQualityImportMutations)
#include "quality_mutation_replay.moc"
