// Runs a text parser's fuzz target without libFuzzer, so every build exercises it: the seeds,
// then deterministic mutations that keep the input mostly text-like (the parsers' interesting
// cases are near-valid files): byte flips, truncations, deleted and duplicated lines, splices
// between seeds, and tokens each format cares about (quotes, brackets, colons, huge numbers,
// prefixes, blank lines, continuation marks). The clang `fuzz` preset runs the same target
// under libFuzzer for real coverage.
#include "registry_fuzz_seeds.h"

#include <QTest>
#include <random>
#include <string>
#include <string_view>

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
    "\n\n",
    " ",
    "\t",
    "+",
    "#",
    "%",
    "\r\n",
    "\\u0000",
    "\xff",
    "\"asn\"",
    "\"prefix\"",
    "\"maxLength\"",
    "\"roas\"",
    "AS",
    "as4294967296",
    "4294967296",
    "-1",
    "1e400",
    "0.5",
    "null",
    "true",
    "/",
    "/0",
    "/33",
    "/129",
    "::",
    "0.0.0.0",
    "203.0.113.0/24",
    "2001:db8::/32",
    "route:",
    "route6:",
    "origin:",
    "origin: AS1",
    "descr: x",
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
        case 2: { // insert a token
            const std::string_view token = kTokens[pick(std::size(kTokens))];
            in.insert(pick(in.size() + 1), token);
            break;
        }
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
            const std::string line
                = in.substr(from, end == std::string::npos ? std::string::npos : end - from);
            in.insert(from, line);
            break;
        }
        case 5: { // splice a chunk of another seed
            const std::string &other = seeds[pick(seeds.size())];
            const std::size_t from = pick(other.size());
            in.insert(pick(in.size() + 1), other.substr(from, 1 + pick(64)));
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

class TestTextMutations : public QObject
{
    Q_OBJECT

private slots:
    void mutatedFiles();
};

void TestTextMutations::mutatedFiles()
{
    const std::vector<std::string> seeds = bwx::test::fuzzSeeds();
    QVERIFY(!seeds.empty());
    for (const std::string &seed : seeds)
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(seed.data()), seed.size());
    std::mt19937_64 rng(20261126);
    const int iterations = qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS") > 0
                               ? qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS")
                               : 100'000;
    for (int i = 0; i < iterations; ++i) {
        const std::string input = mutate(seeds[rng() % seeds.size()], seeds, rng);
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(input.data()), input.size());
    }
}

QTEST_APPLESS_MAIN(TestTextMutations)
#include "registry_mutation_replay.moc"
