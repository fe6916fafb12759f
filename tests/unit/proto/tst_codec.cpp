// The protocol codec: every message survives a round trip, frames split anywhere reassemble,
// and every kind of malformed frame gets its precise result code and the right fate for the
// connection (framing errors close it, message errors are answered).
#include <QFile>
#include <QTest>

#include <set>

#include "bwx/proto/codec.h"
#include "bwx/proto/wire.h"
#include "sample_messages.h"

using namespace bwx;
using namespace bwx::proto;

Q_DECLARE_METATYPE(bwx::proto::DecodeStatus)
Q_DECLARE_METATYPE(bwx::proto::ResultCode)

namespace {

QByteArray toQt(const std::vector<std::uint8_t>& v)
{
    return QByteArray(reinterpret_cast<const char*>(v.data()), static_cast<qsizetype>(v.size()));
}

std::span<const std::uint8_t> bytesOf(const QByteArray& a)
{
    return {reinterpret_cast<const std::uint8_t*>(a.constData()), static_cast<std::size_t>(a.size())};
}

// A frame with an arbitrary header and body, for building broken input by hand.
QByteArray rawFrame(std::uint16_t type, const std::vector<std::uint8_t>& body, std::uint16_t flags = 0,
                    std::int64_t lengthOverride = -1)
{
    std::vector<std::uint8_t> out(kHeaderSize);
    out.insert(out.end(), body.begin(), body.end());
    FrameHeader h;
    h.length = lengthOverride >= 0 ? static_cast<std::uint32_t>(lengthOverride) : static_cast<std::uint32_t>(out.size());
    h.type = type;
    h.flags = flags;
    h.requestId = 7;
    writeHeader(out.data(), h);
    return toQt(out);
}

std::vector<std::uint8_t> bodyOf(const Message& m)
{
    std::vector<std::uint8_t> b;
    encodeBody(m, b);
    return b;
}

} // namespace

class TestCodec : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void everyTypeHasASample();
    void splitAnywhere();
    void malformed_data();
    void malformed();
    void longStringsTruncateAtCharacterBoundary();
    void utf8_data();
    void utf8();
    void documentationListsEveryCodeAndType();
};

void TestCodec::roundTrip_data()
{
    QTest::addColumn<int>("index");
    const auto samples = test::sampleMessages();
    for (std::size_t i = 0; i < samples.size(); ++i)
        QTest::newRow(samples[i].first.c_str()) << int(i);
}

void TestCodec::roundTrip()
{
    QFETCH(int, index);
    const Message original = test::sampleMessages()[static_cast<std::size_t>(index)].second;
    std::vector<std::uint8_t> frame;
    encodeFrame(original, 0xA1B2C3D4, frame);
    const Decoded d = decodeFrame(frame);
    QVERIFY2(d.status == DecodeStatus::Ok, d.error.c_str());
    QCOMPARE(d.consumed, frame.size());
    QCOMPARE(d.header.requestId, 0xA1B2C3D4u);
    QCOMPARE(d.header.type, static_cast<std::uint16_t>(typeOf(original)));
    QVERIFY(d.message == original);
    // Re-encoding the decoded message gives the same bytes: the encoding is canonical.
    std::vector<std::uint8_t> again;
    encodeFrame(d.message, 0xA1B2C3D4, again);
    QVERIFY(again == frame);
}

void TestCodec::everyTypeHasASample()
{
    std::set<std::size_t> seen;
    for (const auto& [name, m] : test::sampleMessages())
        seen.insert(m.index());
    QCOMPARE(seen.size(), std::variant_size_v<Message>);
}

void TestCodec::splitAnywhere()
{
    // Three frames back to back, fed one byte at a time as a TCP stream might deliver them.
    std::vector<std::uint8_t> stream;
    const auto samples = test::sampleMessages();
    encodeFrame(samples[6].second, 1, stream);
    encodeFrame(samples[18].second, 2, stream);
    encodeFrame(samples[2].second, 3, stream);
    std::vector<std::uint8_t> buffer;
    std::vector<std::uint32_t> ids;
    for (std::uint8_t byte : stream) {
        buffer.push_back(byte);
        for (;;) {
            const Decoded d = decodeFrame(buffer);
            if (d.status == DecodeStatus::NeedMore)
                break;
            QVERIFY2(d.status == DecodeStatus::Ok, d.error.c_str());
            ids.push_back(d.header.requestId);
            buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(d.consumed));
        }
    }
    QCOMPARE(ids, (std::vector<std::uint32_t>{1, 2, 3}));
    QVERIFY(buffer.empty());
}

void TestCodec::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<DecodeStatus>("status");
    QTest::addColumn<ResultCode>("code");
    QTest::addColumn<bool>("closes");
    QTest::addColumn<QString>("error");

    const auto ping = static_cast<std::uint16_t>(MessageType::Ping);
    std::vector<std::uint8_t> eight(8, 0);

    QTest::newRow("oversized length") << rawFrame(ping, eight, 0, kDefaultMaxFrameSize + 1)
                                      << DecodeStatus::BadFrame << ResultCode::FrameTooLarge << true
                                      << "exceeds the maximum";
    QTest::newRow("oversized length refused before the body arrives")
        << rawFrame(ping, {}, 0, 0x7FFFFFFF).left(4) << DecodeStatus::BadFrame << ResultCode::FrameTooLarge
        << true << "exceeds the maximum";
    QTest::newRow("zero length") << QByteArray(12, '\0') << DecodeStatus::BadFrame << ResultCode::FrameTooShort
                                 << true << "below the 12-byte header";
    QTest::newRow("length below header") << rawFrame(ping, eight, 0, 11) << DecodeStatus::BadFrame
                                         << ResultCode::FrameTooShort << true << "length 11";
    QTest::newRow("reserved flags set") << rawFrame(ping, eight, 0x0100) << DecodeStatus::BadFrame
                                        << ResultCode::BadReservedBits << true << "must be 0";
    QTest::newRow("unknown type") << rawFrame(0x7777, eight) << DecodeStatus::BadMessage
                                  << ResultCode::UnknownMessageType << false << "unknown message type 30583";
    QTest::newRow("truncated body") << rawFrame(ping, {0, 0, 0, 1}) << DecodeStatus::BadMessage
                                    << ResultCode::MalformedMessage << false
                                    << "field 'token': 4 bytes left, 8 needed";
    QTest::newRow("trailing bytes") << rawFrame(ping, std::vector<std::uint8_t>(9, 0)) << DecodeStatus::BadMessage
                                    << ResultCode::MalformedMessage << false << "1 unexpected bytes";
    {
        NewOrder o;
        o.params.clientOrderId = ClientOrderId(1);
        auto body = bodyOf(o);
        body[8] = 7; // side follows the 8-byte client order id
        QTest::newRow("bad enum value") << rawFrame(static_cast<std::uint16_t>(MessageType::NewOrder), body)
                                        << DecodeStatus::BadMessage << ResultCode::InvalidFieldValue << false
                                        << "field 'side': 7 is not a defined value";
    }
    const auto sub = static_cast<std::uint16_t>(MessageType::SubscribeBook);
    QTest::newRow("address family 5") << rawFrame(sub, {5, 0}) << DecodeStatus::BadMessage
                                      << ResultCode::InvalidFieldValue << false << "address family 5";
    QTest::newRow("prefix length 33") << rawFrame(sub, {4, 33, 1, 2, 3, 4, 5}) << DecodeStatus::BadMessage
                                      << ResultCode::InvalidFieldValue << false << "prefix length 33 out of range";
    QTest::newRow("prefix bytes missing") << rawFrame(sub, {4, 24, 203, 0}) << DecodeStatus::BadMessage
                                          << ResultCode::MalformedMessage << false << "2 bytes left, 3 needed";
    QTest::newRow("prefix /23 with bit 24 set") << rawFrame(sub, {4, 23, 203, 0, 113}) << DecodeStatus::BadMessage
                                                << ResultCode::InvalidFieldValue << false << "host bits set";
    QTest::newRow("invalid UTF-8") << rawFrame(static_cast<std::uint16_t>(MessageType::Hello), {0, 1, 0, 1, 0xFF})
                                   << DecodeStatus::BadMessage << ResultCode::InvalidFieldValue << false
                                   << "not valid UTF-8";
    QTest::newRow("element count beyond the frame")
        << rawFrame(static_cast<std::uint16_t>(MessageType::OrderList), {0xFF, 0xFF, 0xFF, 0xFF})
        << DecodeStatus::BadMessage << ResultCode::MalformedMessage << false << "4294967295 elements announced";
    QTest::newRow("incomplete frame waits") << rawFrame(ping, eight).left(15) << DecodeStatus::NeedMore
                                            << ResultCode::Ok << false << "";
    QTest::newRow("incomplete length waits") << QByteArray(3, '\0') << DecodeStatus::NeedMore << ResultCode::Ok
                                             << false << "";
}

void TestCodec::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(DecodeStatus, status);
    QFETCH(ResultCode, code);
    QFETCH(bool, closes);
    QFETCH(QString, error);
    const Decoded d = decodeFrame(bytesOf(input));
    QCOMPARE(int(d.status), int(status));
    QCOMPARE(int(d.code), int(code));
    QVERIFY2(QString::fromStdString(d.error).contains(error), d.error.c_str());
    if (status != DecodeStatus::NeedMore)
        QCOMPARE(closesConnection(code), closes);
    if (status == DecodeStatus::BadMessage)
        QCOMPARE(d.consumed, static_cast<std::size_t>(input.size())); // the frame is skipped whole
}

void TestCodec::longStringsTruncateAtCharacterBoundary()
{
    std::string s(65534, 'a');
    s += "\xC3\xA9"; // 'é' straddles the 65535-byte limit
    std::vector<std::uint8_t> out;
    WireWriter w(out);
    w.str(s);
    WireReader r(out);
    const std::string back = r.str("s");
    QVERIFY(r.ok());
    QCOMPARE(back.size(), std::size_t(65534));
}

void TestCodec::utf8_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ascii") << QByteArray("alice") << true;
    QTest::newRow("two-byte") << QByteArray("Z\xC3\xBCrich") << true;
    QTest::newRow("four-byte") << QByteArray("\xF0\x9F\x9A\x80") << true;
    QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << false;
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << false;
    QTest::newRow("beyond unicode") << QByteArray("\xF4\x90\x80\x80") << false;
    QTest::newRow("lone continuation") << QByteArray("\x80") << false;
    QTest::newRow("truncated sequence") << QByteArray("\xE2\x82") << false;
    QTest::newRow("embedded NUL") << QByteArray("a\0b", 3) << false;
}

void TestCodec::utf8()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QCOMPARE(isValidUtf8(std::string_view(text.constData(), static_cast<std::size_t>(text.size()))), valid);
}

// docs/protocol.md is what third parties write clients from: it must name every result code
// and every message type the codec knows.
void TestCodec::documentationListsEveryCodeAndType()
{
    QFile doc(qEnvironmentVariable("BWX_SOURCE_DIR") + "/docs/protocol.md");
    QVERIFY2(doc.open(QIODevice::ReadOnly), qPrintable(doc.fileName()));
    const QString text = QString::fromUtf8(doc.readAll());
    for (std::uint16_t raw = 0; raw < 1000; ++raw) {
        if (!isKnown(raw))
            continue;
        const QString row = QString("| %1 | `%2` |").arg(raw).arg(QString::fromUtf8(name(ResultCode(raw)).data()));
        QVERIFY2(text.contains(row), qPrintable("missing result code row: " + row));
    }
    for (const auto& [label, m] : test::sampleMessages()) {
        const auto type = static_cast<std::uint16_t>(typeOf(m));
        const QString hex = QString("| 0x%1 |").arg(type, 4, 16, QChar('0'));
        QVERIFY2(text.contains(hex), qPrintable("missing message type " + hex));
    }
}

QTEST_APPLESS_MAIN(TestCodec)
#include "tst_codec.moc"
