// The malformed-frame table over real TLS: every row is sent by a member after Hello; the row
// says which result code comes back and whether the session survives. After each row another
// client is served as usual.
#include "bwx/proto/codec.h"
#include "bwxd_fixture.h"
#include "test_support.h"

#include <QTest>
#include <memory>

using namespace bwx;
using namespace bwx::test;
using namespace std::chrono_literals;
using Bytes = QByteArray;

Q_DECLARE_METATYPE(bwx::proto::ResultCode)

namespace {

constexpr std::uint32_t kRequestId = 77;

Bytes frame(const proto::Message &message, std::uint32_t requestId = kRequestId)
{
    std::vector<std::uint8_t> out;
    proto::encodeFrame(message, requestId, out);
    return Bytes(reinterpret_cast<const char *>(out.data()), static_cast<qsizetype>(out.size()));
}

// A header and a body as given, with the length field computed unless `length` is set.
Bytes rawFrame(std::uint16_t type,
               const Bytes &body,
               std::uint16_t flags = 0,
               std::optional<std::uint32_t> length = std::nullopt)
{
    std::uint8_t header[proto::kHeaderSize];
    proto::FrameHeader h;
    h.length = length.value_or(static_cast<std::uint32_t>(proto::kHeaderSize + body.size()));
    h.type = type;
    h.flags = flags;
    h.requestId = kRequestId;
    proto::writeHeader(header, h);
    return Bytes(reinterpret_cast<const char *>(header), sizeof header) + body;
}

Bytes u64(std::uint64_t v)
{
    Bytes out;
    for (int shift = 56; shift >= 0; shift -= 8)
        out.append(static_cast<char>((v >> shift) & 0xff));
    return out;
}

const std::uint16_t kPing = static_cast<std::uint16_t>(proto::MessageType::Ping);

} // namespace

class TestServerFrames : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void malformed_data();
    void malformed();
    void frameSplitIntoSingleBytes();
    void pipelinedFramesInOneWrite();

private:
    std::unique_ptr<BwxdFixture> m_fx;
};

void TestServerFrames::initTestCase()
{
    guarded([&] {
        m_fx = std::make_unique<BwxdFixture>();
        m_fx->start();
        m_fx->addMember("alice");
        m_fx->addMember("bob", 64501);
    });
}

void TestServerFrames::cleanupTestCase()
{
    guarded([&] {
        if (m_fx && m_fx->running())
            QCOMPARE(m_fx->stop(), 0);
    });
    m_fx.reset();
}

void TestServerFrames::malformed_data()
{
    QTest::addColumn<Bytes>("bytes");
    QTest::addColumn<proto::ResultCode>("code");
    QTest::addColumn<bool>("staysOpen");
    QTest::addColumn<QString>("detail");

    using RC = proto::ResultCode;
    const std::uint32_t max = proto::kDefaultMaxFrameSize;

    // Framing errors: the boundary is lost, Goodbye and close.
    QTest::newRow("oversized length") << rawFrame(kPing, u64(1), 0, max + 1) << RC::FrameTooLarge
                                      << false << "exceeds the maximum of 1048576";
    QTest::newRow("length of 4 GiB") << rawFrame(kPing, u64(1), 0, 0xffffffffu) << RC::FrameTooLarge
                                     << false << "frame length 4294967295";
    QTest::newRow("length below the header")
        << rawFrame(kPing, {}, 0, 8) << RC::FrameTooShort << false << "below the 12-byte header";
    QTest::newRow("zero length") << rawFrame(kPing, {}, 0, 0) << RC::FrameTooShort << false
                                 << "frame length 0";
    QTest::newRow("reserved flags set") << rawFrame(kPing, u64(1), 0x0001) << RC::BadReservedBits
                                        << false << "reserved header flags";

    // Message errors: the frame is intact, the session stays open.
    QTest::newRow("unknown type") << rawFrame(0x7777, {}) << RC::UnknownMessageType << true
                                  << "unknown message type 30583";
    QTest::newRow("truncated body")
        << rawFrame(kPing, u64(1).left(4)) << RC::MalformedMessage << true << "field 'token'";
    QTest::newRow("trailing bytes")
        << rawFrame(kPing, u64(1) + Bytes("\x00\x01", 2)) << RC::MalformedMessage << true
        << "2 unexpected bytes after the last field";
    {
        // side is the byte after the u64 client order id.
        Bytes order = frame(limitOrder(Side::Buy, "192.0.2.0/24", 5, 10, 1));
        order[static_cast<qsizetype>(proto::kHeaderSize) + 8] = 9;
        QTest::newRow("bad enum value")
            << order << RC::InvalidFieldValue << true << "field 'side': 9 is not a defined value";
    }
    {
        proto::AddMember add{"x", "y", 64500, mbps(1)};
        Bytes bytes = frame(add);
        // name is the first field: u16 length 1, then the byte 'x' becomes a lone 0xff.
        bytes[static_cast<qsizetype>(proto::kHeaderSize) + 2] = static_cast<char>(0xff);
        QTest::newRow("invalid UTF-8 string")
            << bytes << RC::InvalidFieldValue << true << "not valid UTF-8";
    }
    {
        proto::OrderUpdate update;
        QTest::newRow("server-only type from the client")
            << frame(update) << RC::UnexpectedMessage << true << "is sent by the server";
    }
    QTest::newRow("internal clock tick from the client")
        << frame(proto::ClockTick{}) << RC::UnexpectedMessage << true << "internal to the exchange";
}

void TestServerFrames::malformed()
{
    QFETCH(Bytes, bytes);
    QFETCH(proto::ResultCode, code);
    QFETCH(bool, staysOpen);
    QFETCH(QString, detail);

    guarded([&] {
        auto alice = m_fx->session(m_fx->member("alice"));
        alice.sendRaw(
            std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                          static_cast<std::size_t>(bytes.size())));
        const auto answer = alice.receive(5s);
        if (staysOpen) {
            const auto *result = as<proto::Result>(answer);
            QVERIFY2(result, qPrintable(describe(answer)));
            QCOMPARE(answer.requestId, kRequestId);
            QCOMPARE(result->code, code);
            QVERIFY2(QString::fromStdString(result->message).contains(detail),
                     result->message.c_str());
            // Nothing happened to the session: it answers the next request.
            const auto pong = alice.request(proto::Ping{5});
            QVERIFY2(as<proto::Pong>(pong), qPrintable(describe(pong)));
        } else {
            const auto *bye = as<proto::Goodbye>(answer);
            QVERIFY2(bye, qPrintable(describe(answer)));
            QCOMPARE(bye->code, code);
            QVERIFY2(QString::fromStdString(bye->reason).contains(detail), bye->reason.c_str());
            QVERIFY(proto::closesConnection(code));
            // The server closes: nothing more arrives and further requests fail.
            bool closed = false;
            try {
                alice.request(proto::Ping{6}, 3s);
            } catch (const client::ClientError &e) {
                closed = e.kind() != client::ErrorKind::Timeout;
            }
            QVERIFY(closed);
        }
        // Everyone else is still served.
        auto bob = m_fx->session(m_fx->member("bob"));
        QVERIFY(as<proto::Pong>(bob.request(proto::Ping{7})));
        QVERIFY(m_fx->running());
    });
}

void TestServerFrames::frameSplitIntoSingleBytes()
{
    guarded([&] {
        auto alice = m_fx->session(m_fx->member("alice"));
        const Bytes ping = frame(proto::Ping{0x1234}, 9);
        for (const char byte : ping) {
            const auto b = static_cast<std::uint8_t>(byte);
            alice.sendRaw(std::span<const std::uint8_t>(&b, 1));
        }
        const auto answer = alice.receive(5s);
        const auto *pong = as<proto::Pong>(answer);
        QVERIFY2(pong, qPrintable(describe(answer)));
        QCOMPARE(answer.requestId, 9u);
        QCOMPARE(pong->token, 0x1234u);
    });
}

void TestServerFrames::pipelinedFramesInOneWrite()
{
    guarded([&] {
        auto alice = m_fx->connect(m_fx->member("alice"));
        // Hello and three requests in one write: the requests wait for the Hello verdict.
        const Bytes bytes = frame(proto::Hello{proto::kProtocolVersion, "pipelined"}, 1)
                            + frame(proto::Ping{2}, 2) + frame(proto::QueryOrders{}, 3)
                            + frame(proto::Ping{4}, 4);
        alice.sendRaw(
            std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                          static_cast<std::size_t>(bytes.size())));
        // The HelloAck comes first; then every request is answered. Replies are matched by
        // request id: an answer the server gives itself (pong) may overtake one that goes
        // through the market (order_list).
        const auto ack = alice.receive(5s);
        QCOMPARE(ack.requestId, 1u);
        QVERIFY(as<proto::HelloAck>(ack));
        QMap<std::uint32_t, QString> answers;
        for (int i = 0; i < 3; ++i) {
            const auto answer = alice.receive(5s);
            answers.insert(answer.requestId,
                           QString::fromLatin1(proto::name(proto::typeOf(answer.message)).data()));
        }
        const QMap<std::uint32_t, QString> expected{{2, "pong"}, {3, "order_list"}, {4, "pong"}};
        QCOMPARE(answers, expected);
    });
}

QTEST_GUILESS_MAIN(TestServerFrames)
#include "tst_server_frames.moc"
