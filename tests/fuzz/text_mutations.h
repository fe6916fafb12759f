#pragma once
// Deterministic mutations for text formats (data files, imports), shared by the replay tests
// that exercise a fuzz target in every build without libFuzzer. They keep an input close to a
// valid file, where a text parser's interesting cases are: byte flips, truncations, deleted and
// duplicated lines, splices between seeds, deleted spans, and tokens the format cares about.
#include <QTest>

#include <cstdint>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace bwx::test {

inline std::string mutateText(std::string in, const std::vector<std::string> &seeds,
                              std::span<const std::string_view> tokens, std::mt19937_64 &rng)
{
    // Each random draw is its own statement: the order of draws, and so the stream of inputs,
    // must not depend on the compiler's order of evaluating arguments.
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const int edits = 1 + static_cast<int>(rng() % 4);
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
            const std::string_view token = tokens[pick(tokens.size())];
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

// The seeds, then `defaultIterations` mutated inputs (BWX_FUZZ_ITERATIONS overrides), through
// the linked fuzz target. A crash or sanitizer report is the failure.
inline void replayTextMutations(const std::vector<std::string> &seeds,
                                std::span<const std::string_view> tokens, int defaultIterations)
{
    QVERIFY(!seeds.empty());
    for (const std::string &seed : seeds)
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(seed.data()), seed.size());
    std::mt19937_64 rng(20261126);
    const int iterations = qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS") > 0
                               ? qEnvironmentVariableIntValue("BWX_FUZZ_ITERATIONS")
                               : defaultIterations;
    for (int i = 0; i < iterations; ++i) {
        const std::string input = mutateText(seeds[rng() % seeds.size()], seeds, tokens, rng);
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(input.data()), input.size());
    }
}

} // namespace bwx::test
