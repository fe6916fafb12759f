// FrameAssembler against partial reads: a stream of frames is cut at every position (and fed
// byte by byte) and must always decode to the same messages; broken frames stop the stream.
#include "client/frameassembler.h"
#include "support/marketbuilders.h"

#include <QTest>
#include <bwx/proto/codec.h>

using namespace bwx;
using namespace bwx::terminal;
using namespace bwx::terminal::test;

namespace {

using Bytes = std::vector<std::uint8_t>;

struct Frame
{
    proto::Message message;
    std::uint32_t requestId;
};

std::vector<Frame> sampleFrames()
{
    proto::BookSnapshot big;
    big.prefix = pfx("203.0.113.0/24");
    big.bookSeq = 77;
    for (std::uint64_t i = 1; i <= 300; ++i)
        big.entries.push_back(
            bookEntry(i, i % 2 ? Side::Buy : Side::Sell, "203.0.113.0/24", "10", 5));
    proto::HelloAck ack;
    ack.member = MemberId(4);
    ack.memberName = "isp-a";
    ack.serverTime = at("2026-11-26T06:52:05Z");
    ack.heartbeatSeconds = 10;
    return {
        {ack, 1},
        {proto::Pong{7, at("2026-11-26T06:52:06Z")}, 0},
        {proto::MarketWatchSnapshot{3, {watchRow("203.0.113.0/24", "10", 1, 1, "11", 2, 1)}}, 2},
        {big, 3},
        {proto::Result{proto::ResultCode::InvalidPrice, "price must be positive"}, 4},
        {proto::BookUpdate{
             pfx("203.0.113.0/24"), 78, {change(proto::BookAction::Remove, big.entries.front())}},
         0},
    };
}

Bytes encodeAll(const std::vector<Frame> &frames)
{
    Bytes bytes;
    for (const Frame &f : frames)
        proto::encodeFrame(f.message, f.requestId, bytes);
    return bytes;
}

// Feeds `bytes` in the given chunk sizes (the last chunk takes the rest) and collects frames.
std::vector<proto::Decoded>
feed(FrameAssembler &assembler, const Bytes &bytes, const std::vector<std::size_t> &cuts)
{
    std::vector<proto::Decoded> out;
    std::size_t begin = 0;
    auto drain = [&] {
        while (auto decoded = assembler.next()) {
            out.push_back(*decoded);
            if (decoded->status == proto::DecodeStatus::BadFrame)
                break;
        }
    };
    for (std::size_t cut : cuts) {
        assembler.append(std::span(bytes.data() + begin, cut - begin));
        drain();
        begin = cut;
    }
    assembler.append(std::span(bytes.data() + begin, bytes.size() - begin));
    drain();
    return out;
}

Bytes rawFrame(std::uint32_t length, std::uint16_t type, std::size_t bodyBytes)
{
    Bytes frame(proto::kHeaderSize + bodyBytes, 0xAB);
    proto::writeHeader(frame.data(), proto::FrameHeader{length, type, 0, 9});
    return frame;
}

} // namespace

class tst_FrameAssembler : public QObject
{
    Q_OBJECT

private slots:
    void everySplitDecodesTheSameFrames();
    void byteByByte();
    void threeWaySplits();
    void badMessageIsSkippedAndStreamContinues();
    void badFrame_data();
    void badFrame();
    void largeBurstCompacts();
};

void tst_FrameAssembler::everySplitDecodesTheSameFrames()
{
    const auto frames = sampleFrames();
    const Bytes bytes = encodeAll(frames);
    for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
        FrameAssembler assembler;
        const auto decoded = feed(assembler, bytes, {cut});
        QCOMPARE(decoded.size(), frames.size());
        for (std::size_t i = 0; i < frames.size(); ++i) {
            QCOMPARE(int(decoded[i].status), int(proto::DecodeStatus::Ok));
            QVERIFY2(decoded[i].message == frames[i].message,
                     qPrintable(QStringLiteral("frame %1, cut at %2").arg(i).arg(cut)));
            QCOMPARE(decoded[i].header.requestId, frames[i].requestId);
        }
        QCOMPARE(assembler.bufferedBytes(), std::size_t{0});
    }
}

void tst_FrameAssembler::byteByByte()
{
    const auto frames = sampleFrames();
    const Bytes bytes = encodeAll(frames);
    std::vector<std::size_t> cuts;
    for (std::size_t i = 1; i < bytes.size(); ++i)
        cuts.push_back(i);
    FrameAssembler assembler;
    const auto decoded = feed(assembler, bytes, cuts);
    QCOMPARE(decoded.size(), frames.size());
    for (std::size_t i = 0; i < frames.size(); ++i)
        QVERIFY(decoded[i].message == frames[i].message);
}

void tst_FrameAssembler::threeWaySplits()
{
    // Two cuts around each frame boundary region: header split from body, body split twice.
    const auto frames = sampleFrames();
    const Bytes bytes = encodeAll(frames);
    const std::size_t limit = std::min<std::size_t>(bytes.size(), 200);
    for (std::size_t a = 0; a <= limit; a += 3) {
        for (std::size_t b = a; b <= limit; b += 5) {
            FrameAssembler assembler;
            const auto decoded = feed(assembler, bytes, {a, b});
            QCOMPARE(decoded.size(), frames.size());
            QVERIFY(decoded.back().message == frames.back().message);
        }
    }
}

void tst_FrameAssembler::badMessageIsSkippedAndStreamContinues()
{
    Bytes bytes;
    proto::encodeFrame(proto::Pong{1, {}}, 0, bytes);
    const Bytes unknown = rawFrame(proto::kHeaderSize + 4, 0x7777, 4);
    bytes.insert(bytes.end(), unknown.begin(), unknown.end());
    proto::encodeFrame(proto::Pong{2, {}}, 0, bytes);

    for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
        FrameAssembler assembler;
        const auto decoded = feed(assembler, bytes, {cut});
        QCOMPARE(decoded.size(), std::size_t{3});
        QCOMPARE(int(decoded[0].status), int(proto::DecodeStatus::Ok));
        QCOMPARE(int(decoded[1].status), int(proto::DecodeStatus::BadMessage));
        QCOMPARE(int(decoded[1].code), int(proto::ResultCode::UnknownMessageType));
        QCOMPARE(int(decoded[2].status), int(proto::DecodeStatus::Ok));
        QVERIFY(std::get<proto::Pong>(decoded[2].message).token == 2);
        QVERIFY(!assembler.isBroken());
    }
}

void tst_FrameAssembler::badFrame_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<quint32>("maxFrameSize");
    QTest::addColumn<int>("code");

    const auto bytes = [](const Bytes &b) {
        return QByteArray(reinterpret_cast<const char *>(b.data()),
                          static_cast<qsizetype>(b.size()));
    };
    QTest::newRow("zero length") << bytes(rawFrame(0, 0x0004, 0))
                                 << quint32(proto::kDefaultMaxFrameSize)
                                 << int(proto::ResultCode::FrameTooShort);
    QTest::newRow("length shorter than the header")
        << bytes(rawFrame(11, 0x0004, 0)) << quint32(proto::kDefaultMaxFrameSize)
        << int(proto::ResultCode::FrameTooShort);
    QTest::newRow("length above the negotiated maximum")
        << bytes(rawFrame(4097, 0x0004, 0)) << quint32(4096)
        << int(proto::ResultCode::FrameTooLarge);
}

void tst_FrameAssembler::badFrame()
{
    QFETCH(QByteArray, frame);
    QFETCH(quint32, maxFrameSize);
    QFETCH(int, code);

    Bytes bytes;
    proto::encodeFrame(proto::Pong{1, {}}, 0, bytes);
    bytes.insert(bytes.end(), frame.begin(), frame.end());
    proto::encodeFrame(proto::Pong{2, {}}, 0, bytes);

    FrameAssembler assembler(maxFrameSize);
    const auto decoded = feed(assembler, bytes, {});
    QCOMPARE(decoded.size(), std::size_t{2});
    QCOMPARE(int(decoded[0].status), int(proto::DecodeStatus::Ok));
    QCOMPARE(int(decoded[1].status), int(proto::DecodeStatus::BadFrame));
    QCOMPARE(int(decoded[1].code), code);
    // The boundary is lost: nothing after it is trusted, even after more bytes arrive.
    QVERIFY(assembler.isBroken());
    Bytes more;
    proto::encodeFrame(proto::Pong{3, {}}, 0, more);
    assembler.append(more);
    QCOMPARE(int(assembler.next()->status), int(proto::DecodeStatus::BadFrame));
    assembler.reset();
    assembler.append(more);
    QCOMPARE(int(assembler.next()->status), int(proto::DecodeStatus::Ok));
}

void tst_FrameAssembler::largeBurstCompacts()
{
    Bytes bytes;
    for (std::uint64_t i = 0; i < 20'000; ++i)
        proto::encodeFrame(proto::Pong{i, {}}, 0, bytes);
    // Everything but the last byte in one append, as after a long stall: every frame but the
    // last comes out in order, only the incomplete tail stays pending, and the last byte
    // completes it after the consumed front has been dropped.
    FrameAssembler assembler;
    assembler.append(std::span(bytes.data(), bytes.size() - 1));
    std::uint64_t expected = 0;
    while (auto decoded = assembler.next()) {
        QCOMPARE(std::get<proto::Pong>(decoded->message).token, expected);
        ++expected;
    }
    QCOMPARE(expected, std::uint64_t{19'999});
    QVERIFY(assembler.bufferedBytes() < proto::kHeaderSize + 16);
    assembler.append(std::span(bytes.data() + bytes.size() - 1, 1));
    QCOMPARE(std::get<proto::Pong>(assembler.next()->message).token, std::uint64_t{19'999});
    QCOMPARE(assembler.bufferedBytes(), std::size_t{0});
}

QTEST_APPLESS_MAIN(tst_FrameAssembler)
#include "tst_frameassembler.moc"
