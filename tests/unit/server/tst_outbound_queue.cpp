#include "bwx/proto/codec.h"
#include "bwx/server/outbound_queue.h"

#include <QTest>

using bwx::server::OutboundQueue;
using Push = OutboundQueue::Push;

namespace {

std::size_t frameSize(const bwx::proto::Message &m)
{
    std::vector<std::uint8_t> out;
    bwx::proto::encodeFrame(m, 1, out);
    return out.size();
}

const bwx::proto::Message kPing = bwx::proto::Pong{42, bwx::Timestamp(7)};

} // namespace

class TestOutboundQueue : public QObject
{
    Q_OBJECT

private slots:
    void gathersFramesIntoOneWrite();
    void overflowClosesAndKeepsOnlyGoodbye();
    void inFlightBytesCount();
};

void TestOutboundQueue::gathersFramesIntoOneWrite()
{
    OutboundQueue queue(1 << 20);
    QCOMPARE(queue.push(kPing, 1), Push::Schedule);
    QCOMPARE(queue.push(kPing, 2), Push::Queued);
    QCOMPARE(queue.push(kPing, 3), Push::Queued);
    std::vector<std::uint8_t> write;
    QVERIFY(queue.take(write));
    QCOMPARE(write.size(), 3 * frameSize(kPing));
    // The frames are intact and in order.
    std::span<const std::uint8_t> rest(write);
    for (std::uint32_t id = 1; id <= 3; ++id) {
        const auto decoded = bwx::proto::decodeFrame(rest);
        QCOMPARE(decoded.status, bwx::proto::DecodeStatus::Ok);
        QCOMPARE(decoded.header.requestId, id);
        rest = rest.subspan(decoded.consumed);
    }
    // While the write is in flight, a push joins the next write without a new schedule.
    QCOMPARE(queue.push(kPing, 4), Push::Queued);
    QVERIFY(queue.take(write));
    QCOMPARE(write.size(), frameSize(kPing));
    QVERIFY(!queue.take(write));
    QVERIFY(write.empty());
    // Idle again: the next push schedules.
    QCOMPARE(queue.push(kPing, 5), Push::Schedule);
}

void TestOutboundQueue::overflowClosesAndKeepsOnlyGoodbye()
{
    const std::size_t frame = frameSize(kPing);
    OutboundQueue queue(3 * frame);
    QCOMPARE(queue.push(kPing, 1), Push::Schedule);
    QCOMPARE(queue.push(kPing, 2), Push::Queued);
    QCOMPARE(queue.push(kPing, 3), Push::Queued);
    QCOMPARE(queue.push(kPing, 4), Push::Overflow);
    QVERIFY(queue.closed());
    QCOMPARE(queue.push(kPing, 5), Push::Closed);
    const bwx::proto::Message bye
        = bwx::proto::Goodbye{bwx::proto::ResultCode::SlowConsumer, "slow"};
    QCOMPARE(queue.pushFinal(bye, 0), Push::Queued); // the earlier schedule is still pending
    QCOMPARE(queue.pushFinal(bye, 0), Push::Closed);
    std::vector<std::uint8_t> write;
    QVERIFY(queue.take(write));
    const auto decoded = bwx::proto::decodeFrame(write);
    QCOMPARE(decoded.status, bwx::proto::DecodeStatus::Ok);
    QVERIFY(std::holds_alternative<bwx::proto::Goodbye>(decoded.message));
    QCOMPARE(decoded.consumed, write.size()); // the unsent frames were dropped
}

void TestOutboundQueue::inFlightBytesCount()
{
    const std::size_t frame = frameSize(kPing);
    OutboundQueue queue(2 * frame);
    QCOMPARE(queue.push(kPing, 1), Push::Schedule);
    QCOMPARE(queue.push(kPing, 2), Push::Queued);
    std::vector<std::uint8_t> write;
    QVERIFY(queue.take(write)); // two frames in flight, none pending
    QCOMPARE(queue.size(), 2 * frame);
    QCOMPARE(queue.push(kPing, 3), Push::Overflow); // in-flight bytes still count
}

QTEST_APPLESS_MAIN(TestOutboundQueue)
#include "tst_outbound_queue.moc"
