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
#include "text_mutations.h"

#include <string_view>
// clang-format on

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

} // namespace

class TestQualityImportMutations : public QObject
{
    Q_OBJECT

private slots:
    void mutatedFiles();
};

void TestQualityImportMutations::mutatedFiles()
{
    bwx::test::replayTextMutations(bwx::test::qualityFuzzSeeds(), kTokens, 50'000);
}

QTEST_APPLESS_MAIN(TestQualityImportMutations)
#include "quality_mutation_replay.moc"
