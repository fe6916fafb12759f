// Runs a text parser's fuzz target without libFuzzer, so every build exercises it: the seeds,
// then deterministic mutations that keep the input mostly text-like (the parsers' interesting
// cases are near-valid files): byte flips, truncations, deleted and duplicated lines, splices
// between seeds, and tokens each format cares about (quotes, brackets, colons, huge numbers,
// prefixes, blank lines, continuation marks). The clang `fuzz` preset runs the same target
// under libFuzzer for real coverage.
#include "registry_fuzz_seeds.h"
#include "text_mutations.h"

#include <QTest>
#include <string_view>

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

} // namespace

class TestTextMutations : public QObject
{
    Q_OBJECT

private slots:
    void mutatedFiles();
};

void TestTextMutations::mutatedFiles()
{
    bwx::test::replayTextMutations(bwx::test::fuzzSeeds(), kTokens, 100'000);
}

QTEST_APPLESS_MAIN(TestTextMutations)
#include "registry_mutation_replay.moc"
