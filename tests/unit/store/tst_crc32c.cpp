// CRC-32C: published check values, chaining, and the sliced implementation against the
// bit-at-a-time definition.
#include "crc32c.h"

#include <QTest>
#include <cstdint>
#include <random>
#include <vector>

class TestCrc32c : public QObject
{
    Q_OBJECT

private slots:
    void checkValues_data();
    void checkValues();
    void chainingEqualsOneShot();
    void matchesBitwiseDefinition();
};

namespace {

// The definition, one bit at a time: slow and obviously right.
std::uint32_t bitwiseCrc32c(const std::vector<std::uint8_t> &data)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::uint8_t byte : data) {
        crc ^= byte;
        for (int i = 0; i < 8; ++i)
            crc = (crc & 1u) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
    }
    return ~crc;
}

std::vector<std::uint8_t> bytesOf(const QByteArray &a)
{
    return {a.begin(), a.end()};
}

} // namespace

void TestCrc32c::checkValues_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<quint32>("expected");

    // "123456789" is the standard check string of every CRC catalogue; the 32-byte patterns
    // are the iSCSI test vectors of RFC 3720 appendix B.4.
    QTest::newRow("check string 123456789") << QByteArray("123456789") << quint32(0xE3069283u);
    QTest::newRow("empty input") << QByteArray() << quint32(0);
    QTest::newRow("32 zero bytes") << QByteArray(32, '\0') << quint32(0x8A9136AAu);
    QTest::newRow("32 0xff bytes") << QByteArray(32, '\xff') << quint32(0x62A8AB43u);
    QByteArray up, down;
    for (int i = 0; i < 32; ++i) {
        up.append(static_cast<char>(i));
        down.append(static_cast<char>(31 - i));
    }
    QTest::newRow("32 incrementing bytes") << up << quint32(0x46DD794Eu);
    QTest::newRow("32 decrementing bytes") << down << quint32(0x113FDB5Cu);
}

void TestCrc32c::checkValues()
{
    QFETCH(QByteArray, input);
    QFETCH(quint32, expected);
    const auto bytes = bytesOf(input);
    QCOMPARE(bwx::store::crc32c(bytes), expected);
}

void TestCrc32c::chainingEqualsOneShot()
{
    const auto bytes = bytesOf("The quick brown fox jumps over the lazy dog, 0123456789");
    const std::uint32_t whole = bwx::store::crc32c(bytes);
    for (std::size_t split = 0; split <= bytes.size(); ++split) {
        const std::span<const std::uint8_t> all(bytes);
        const std::uint32_t chained
            = bwx::store::crc32c(all.subspan(split), bwx::store::crc32c(all.first(split)));
        QVERIFY2(chained == whole, qPrintable(QString("split at %1").arg(split)));
    }
}

void TestCrc32c::matchesBitwiseDefinition()
{
    std::mt19937 rng(20240611);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<std::size_t> length(0, 300);
    for (int round = 0; round < 2000; ++round) {
        std::vector<std::uint8_t> data(length(rng));
        for (auto &b : data)
            b = static_cast<std::uint8_t>(byte(rng));
        QCOMPARE(bwx::store::crc32c(data), bitwiseCrc32c(data));
    }
}

QTEST_APPLESS_MAIN(TestCrc32c)
#include "tst_crc32c.moc"
