// bwx_client against the real bwxd: pipelined batches come back complete and in order,
// unsolicited messages are not lost among replies, and raw malformed frames get the result the
// protocol promises (an intact bad frame is answered, a broken one ends the session).
// moc needs <QTest> before the other headers.
// clang-format off
#include <QTest>

#include "bwx/client/reply.h"
#include "bwxd_fixture.h"
#include "test_support.h"
// clang-format on

using namespace bwx;
using namespace std::chrono_literals;
using bwx::test::BwxdFixture;
using bwx::test::guarded;

class TestBwxctlPipeline : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void pipelinedOrders();
    void fillsQueuedWhileWaitingForReplies();
    void unknownTypeIsAnswered();
    void brokenFrameEndsSession();
    void cleanupTestCase();

private:
    std::unique_ptr<BwxdFixture> m_fixture;
};

void TestBwxctlPipeline::initTestCase()
{
    guarded([&] {
        m_fixture = std::make_unique<BwxdFixture>();
        m_fixture->start();
        m_fixture->addMember("seller", 64501);
        m_fixture->addMember("buyer", 64502);
    });
}

void TestBwxctlPipeline::pipelinedOrders()
{
    guarded([&] {
        auto c = m_fixture->session(m_fixture->member("seller"));
        constexpr std::uint64_t kOrders = 2000;
        std::vector<proto::Message> batch;
        for (std::uint64_t i = 0; i < kOrders; ++i)
            batch.push_back(test::limitOrder(Side::Sell, "198.51.100.0/24",
                                             100 + static_cast<std::int64_t>(i % 50), 10, 1 + i));
        const auto ids = c.sendBatch(batch);
        const auto replies = c.awaitReplies(ids, 60s);
        QCOMPARE(replies.size(), std::size_t(kOrders));
        for (std::uint64_t i = 0; i < kOrders; ++i) {
            const auto *u = test::as<proto::OrderUpdate>(replies[i]);
            QVERIFY2(u, qPrintable(test::describe(replies[i])));
            QCOMPARE(u->order.params.clientOrderId, ClientOrderId(1 + i));
            QCOMPARE(int(u->order.status), int(OrderStatus::Working));
        }
        auto open = client::replyAs<proto::OrderList>(c.request(proto::QueryOrders{1}));
        QCOMPARE(open.orders.size(), std::size_t(kOrders));
        // Resubmitting the same client order id with the same content is idempotent.
        auto again = client::replyAs<proto::OrderUpdate>(c.request(batch.front()));
        QCOMPARE(again.order.orderId, test::as<proto::OrderUpdate>(replies.front())->order.orderId);
        QCOMPARE(client::replyAs<proto::OrderList>(c.request(proto::QueryOrders{1})).orders.size(),
                 std::size_t(kOrders));
    });
}

void TestBwxctlPipeline::fillsQueuedWhileWaitingForReplies()
{
    guarded([&] {
        // The seller's session waits for pings while the buyer lifts its offers: the fills
        // the seller receives meanwhile must come out of receive() afterwards.
        auto seller = m_fixture->session(m_fixture->member("seller"));
        auto buyer = m_fixture->session(m_fixture->member("buyer"));
        auto bought = client::replyAs<proto::OrderUpdate>(
            buyer.request(test::limitOrder(Side::Buy, "198.51.100.0/24", 100, 30, 1)));
        QCOMPARE(bought.order.filled, mbps(30));
        std::vector<proto::Message> pings(50, proto::Message(proto::Ping{1}));
        const auto pongs = seller.awaitReplies(seller.sendBatch(pings), 10s);
        QCOMPARE(pongs.size(), std::size_t(50));
        Bandwidth filled{};
        while (auto in = seller.tryReceive(2s)) {
            if (const auto *f = test::as<proto::Fill>(*in)) {
                QCOMPARE(int(f->side), int(Side::Sell));
                QCOMPARE(f->counterpartyName, std::string("buyer"));
                filled += f->trade.capacity;
            }
            if (filled == mbps(30))
                break;
        }
        QCOMPARE(filled, mbps(30));
    });
}

void TestBwxctlPipeline::unknownTypeIsAnswered()
{
    guarded([&] {
        auto c = m_fixture->session(m_fixture->member("buyer"));
        // A well-formed header of an unknown type, request id 77, empty body.
        const std::vector<std::uint8_t> frame{0, 0, 0, 12, 0x7f, 0x7f, 0, 0, 0, 0, 0, 77};
        c.sendRaw(frame);
        const auto reply = c.receive(10s);
        QCOMPARE(reply.requestId, std::uint32_t(77));
        const auto *r = test::as<proto::Result>(reply);
        QVERIFY2(r, qPrintable(test::describe(reply)));
        QCOMPARE(r->code, proto::ResultCode::UnknownMessageType);
        // The session goes on.
        QVERIFY(test::as<proto::Pong>(c.request(proto::Ping{5})));
    });
}

void TestBwxctlPipeline::brokenFrameEndsSession()
{
    guarded([&] {
        auto c = m_fixture->session(m_fixture->member("buyer"));
        const std::vector<std::uint8_t> frame{0, 0, 0, 4, 0, 3, 0, 0, 0, 0, 0, 1};
        c.sendRaw(frame);
        const auto goodbye = c.receive(10s);
        const auto *g = test::as<proto::Goodbye>(goodbye);
        QVERIFY2(g, qPrintable(test::describe(goodbye)));
        QCOMPARE(g->code, proto::ResultCode::FrameTooShort);
        QVERIFY(!c.isOpen());
        try {
            c.request(proto::Ping{1});
            QFAIL("a session after Goodbye must refuse to send");
        } catch (const client::ClientError &e) {
            QCOMPARE(e.kind(), client::ErrorKind::Closed);
        }
    });
}

void TestBwxctlPipeline::cleanupTestCase()
{
    guarded([&] {
        if (m_fixture && m_fixture->running())
            QCOMPARE(m_fixture->stop(), 0);
    });
}

QTEST_APPLESS_MAIN(TestBwxctlPipeline)
#include "tst_bwxctl_pipeline.moc"
