// The journal record codec: the on-disk layout, round trips, and a table of damaged inputs,
// each with the error parseBatch must report.
#include "bwx/store/journal.h"
#include "crc32c.h"
#include "record_format.h"

#include <QTest>
#include <stdexcept>
#include <vector>

using bwx::MemberId;
using bwx::Seq;
using bwx::Timestamp;
using bwx::store::JournalBatch;
using bwx::store::parseBatch;

class TestJournalRecord : public QObject
{
    Q_OBJECT

private slots:
    void layoutIsPinned();
    void roundTrip();
    void emptyInputHasNoRecords();
    void malformed_data();
    void malformed();
    void addRefusesNonContiguousSeq();
    void addRefusesOversizedBody();
    void clearStartsOver();
};

namespace {

std::vector<std::uint8_t> body(std::size_t n, std::uint8_t seed)
{
    std::vector<std::uint8_t> b(n);
    for (std::size_t i = 0; i < n; ++i)
        b[i] = static_cast<std::uint8_t>(seed + i * 7);
    return b;
}

// Three records, seq 10..12, bodies of 5, 0 and 40 bytes: 35, 30 and 70 bytes long at
// offsets 0, 35 and 65.
QByteArray threeRecords()
{
    JournalBatch batch;
    batch.add(Seq(10), Timestamp(1'000), MemberId(1), 0x0101, body(5, 1));
    batch.add(Seq(11), Timestamp(2'000), MemberId(2), 0x0102, {});
    batch.add(Seq(12), Timestamp(3'000), MemberId(3), 0x0103, body(40, 9));
    const auto bytes = batch.bytes();
    return QByteArray(reinterpret_cast<const char *>(bytes.data()),
                      static_cast<qsizetype>(bytes.size()));
}

std::span<const std::uint8_t> spanOf(const QByteArray &a)
{
    return {reinterpret_cast<const std::uint8_t *>(a.constData()),
            static_cast<std::size_t>(a.size())};
}

void putU32(QByteArray &a, qsizetype at, quint32 v)
{
    a[at] = static_cast<char>(v >> 24);
    a[at + 1] = static_cast<char>(v >> 16);
    a[at + 2] = static_cast<char>(v >> 8);
    a[at + 3] = static_cast<char>(v);
}

QByteArray flipped(QByteArray a, qsizetype at)
{
    a[at] = static_cast<char>(a[at] ^ 0x10);
    return a;
}

} // namespace

void TestJournalRecord::layoutIsPinned()
{
    JournalBatch batch;
    const std::uint8_t payload[] = {0xAA, 0xBB};
    batch.add(Seq(0x0102030405060708ull), Timestamp(-2), MemberId(0x11223344), 0x0101, payload);

    const std::vector<std::uint8_t> covered = {
        0x00, 0x00, 0x00, 0x18,                         // length = 22 + 2
        0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, // seq
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, // time -2
        0x11, 0x22, 0x33, 0x44,                         // member
        0x01, 0x01,                                     // type
        0xAA, 0xBB,                                     // body
    };
    const std::uint32_t crc = bwx::store::crc32c(covered);
    std::vector<std::uint8_t> expected(covered.begin(), covered.begin() + 4);
    expected.push_back(static_cast<std::uint8_t>(crc >> 24));
    expected.push_back(static_cast<std::uint8_t>(crc >> 16));
    expected.push_back(static_cast<std::uint8_t>(crc >> 8));
    expected.push_back(static_cast<std::uint8_t>(crc));
    expected.insert(expected.end(), covered.begin() + 4, covered.end());

    const auto actual = batch.bytes();
    QCOMPARE(std::vector<std::uint8_t>(actual.begin(), actual.end()), expected);
    QCOMPARE(batch.count(), std::size_t(1));
    QCOMPARE(batch.firstSeq(), Seq(0x0102030405060708ull));
    QCOMPARE(batch.lastSeq(), Seq(0x0102030405060708ull));
}

void TestJournalRecord::roundTrip()
{
    const QByteArray bytes = threeRecords();
    const auto parsed = parseBatch(spanOf(bytes));
    QVERIFY2(parsed.error.empty(), parsed.error.c_str());
    QCOMPARE(parsed.records.size(), std::size_t(3));

    const std::size_t sizes[] = {5, 0, 40};
    for (std::size_t i = 0; i < 3; ++i) {
        const auto &r = parsed.records[i];
        QCOMPARE(r.seq, Seq(10 + i));
        QCOMPARE(r.time, Timestamp(static_cast<std::int64_t>(1'000 * (i + 1))));
        QCOMPARE(r.member, MemberId(static_cast<std::uint32_t>(i + 1)));
        QCOMPARE(r.type, std::uint16_t(0x0101 + i));
        QCOMPARE(r.body.size(), sizes[i]);
        if (!r.body.empty()) {
            // Bodies are views into the parsed bytes, not copies.
            QVERIFY(r.body.data() >= reinterpret_cast<const std::uint8_t *>(bytes.constData()));
            QVERIFY(r.body.data() + r.body.size()
                    <= reinterpret_cast<const std::uint8_t *>(bytes.constData()) + bytes.size());
        }
    }
    const auto b0 = body(5, 1);
    QVERIFY(std::equal(b0.begin(), b0.end(), parsed.records[0].body.begin()));
    const auto b2 = body(40, 9);
    QVERIFY(std::equal(b2.begin(), b2.end(), parsed.records[2].body.begin()));
}

void TestJournalRecord::emptyInputHasNoRecords()
{
    const auto parsed = parseBatch({});
    QVERIFY(parsed.error.empty());
    QVERIFY(parsed.records.empty());
}

void TestJournalRecord::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("error");
    QTest::addColumn<int>("intact"); // records returned before the damaged one

    const QByteArray good = threeRecords();
    QCOMPARE(good.size(), 35 + 30 + 70);

    QTest::newRow("header cut short")
        << good.left(5)
        << QByteArray("record 0 at offset 0: truncated: 5 bytes left, "
                      "the record header needs 8")
        << 0;
    QByteArray tiny = good;
    putU32(tiny, 0, 10);
    QTest::newRow("length below the fixed fields")
        << tiny << QByteArray("record 0 at offset 0: bad length 10 (must be 22 to") << 0;
    QByteArray huge = good;
    putU32(huge, 0, 0xFFFFFFFFu);
    QTest::newRow("length far above the limit")
        << huge << QByteArray("record 0 at offset 0: bad length 4294967295") << 0;
    QTest::newRow("first record cut inside its body")
        << good.left(30)
        << QByteArray("record 0 at offset 0: truncated: length says 27 bytes, 22 left") << 0;
    QTest::newRow("last record cut inside its body")
        << good.left(good.size() - 3)
        << QByteArray("record 2 at offset 65: truncated: length says 62 bytes, 59 left") << 2;
    QTest::newRow("second record cut inside its header")
        << good.left(35 + 6) << QByteArray("record 1 at offset 35: truncated: 6 bytes left") << 1;
    QTest::newRow("body byte flipped")
        << flipped(good, 35 + 30 + 40)
        << QByteArray("record 2 at offset 65 (seq field reads 12): CRC mismatch: stored 0x") << 2;
    QTest::newRow("seq byte flipped")
        << flipped(good, 35 + 15)
        << QByteArray("record 1 at offset 35 (seq field reads 27): CRC mismatch") << 1;
    QTest::newRow("time byte flipped")
        << flipped(good, 20) << QByteArray("record 0 at offset 0") << 0;
    QTest::newRow("type byte flipped")
        << flipped(good, 35 + 29)
        << QByteArray("record 1 at offset 35 (seq field reads 11): CRC mismatch") << 1;
    QTest::newRow("stored CRC flipped") << flipped(good, 5) << QByteArray("CRC mismatch") << 0;
    QByteArray shorter = good;
    putU32(shorter, 0, 26);
    QTest::newRow("length one smaller, still in range")
        << shorter << QByteArray("record 0 at offset 0 (seq field reads 10): CRC mismatch") << 0;
    QTest::newRow("garbage after the last record")
        << good + QByteArray("\x01\x02\x03", 3)
        << QByteArray("record 3 at offset 135: truncated: 3 bytes left") << 3;
    QTest::newRow("a zeroed header after the last record")
        << good + QByteArray(8, '\0') << QByteArray("record 3 at offset 135: bad length 0") << 3;
}

void TestJournalRecord::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, error);
    QFETCH(int, intact);

    const auto parsed = parseBatch(spanOf(input));
    QVERIFY2(parsed.error.find(error.toStdString()) != std::string::npos,
             ("got: '" + parsed.error + "'").c_str());
    QCOMPARE(parsed.records.size(), static_cast<std::size_t>(intact));
    for (int i = 0; i < intact; ++i)
        QCOMPARE(parsed.records[static_cast<std::size_t>(i)].seq,
                 Seq(10 + static_cast<std::uint64_t>(i)));
}

void TestJournalRecord::addRefusesNonContiguousSeq()
{
    JournalBatch batch;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             batch.add(Seq(0), Timestamp(1), MemberId(1), 1, {}));
    batch.add(Seq(5), Timestamp(1), MemberId(1), 1, {});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             batch.add(Seq(7), Timestamp(1), MemberId(1), 1, {}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             batch.add(Seq(5), Timestamp(1), MemberId(1), 1, {}));
    // A refused add leaves the batch as it was.
    QCOMPARE(batch.count(), std::size_t(1));
    QCOMPARE(batch.bytes().size(), bwx::store::record::kHeaderSize);
    batch.add(Seq(6), Timestamp(1), MemberId(1), 1, {});
    QCOMPARE(batch.lastSeq(), Seq(6));
}

void TestJournalRecord::addRefusesOversizedBody()
{
    JournalBatch batch;
    const std::vector<std::uint8_t> big(bwx::store::record::kMaxBodySize + 1);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             batch.add(Seq(1), Timestamp(1), MemberId(1), 1, big));
    QVERIFY(batch.empty());
    QVERIFY(batch.bytes().empty());
}

void TestJournalRecord::clearStartsOver()
{
    JournalBatch batch;
    batch.add(Seq(3), Timestamp(1), MemberId(1), 1, body(3, 0));
    batch.clear();
    QVERIFY(batch.empty());
    QVERIFY(batch.bytes().empty());
    batch.add(Seq(100), Timestamp(1), MemberId(1), 1, {});
    QCOMPARE(batch.firstSeq(), Seq(100));
}

QTEST_APPLESS_MAIN(TestJournalRecord)
#include "tst_journal_record.moc"
