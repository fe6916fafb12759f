// The collector's pipeline without sockets: allow-list, duplicate detection, decode errors by
// reason, sequence gaps, wrong protocol on a port, and batched delivery.
#include <QTest>

#include "bwx/settlement/datagram_processor.h"
#include "bwx/settlement/fixtures/export_builder.h"
#include "bwx/settlement/fixtures/sflow_generator.h"
#include "test_support.h"

#include <algorithm>
#include <deque>
#include <random>

using namespace bwx;
using namespace bwx::settlement;
using namespace bwx::settlement::fixtures;
using namespace bwx::settlement::test;

namespace {

const net::Address kAllowed = ip("192.0.2.1");
const net::Address kSampled = ip("192.0.2.2");
const Timestamp kNow = Timestamp::fromSeconds(1'700'000'000);

class Collect : public FlowListener
{
public:
    void onFlows(std::span<const FlowRecord> flows) override
    {
        ++batches;
        records.insert(records.end(), flows.begin(), flows.end());
    }
    int batches = 0;
    std::vector<FlowRecord> records;
};

Bytes v9(std::uint32_t sequence, std::uint32_t flows)
{
    ByteWriter d;
    for (std::uint32_t i = 0; i < flows; ++i)
        writeSoftflowdV4Record(
            d, {v4("10.0.0.1"), v4("203.0.113.1") + i, 1000, 2000, 100, 1, 1, 2, 1, 2, 17});
    return ExportBuilder::v9(5000, 1'700'000'000, sequence, 0)
        .templateSet(1024, softflowdV4Template())
        .dataSet(1024, d.data())
        .finish();
}

ProcessorConfig config(std::size_t batch)
{
    ProcessorConfig c;
    c.exporters = {{kAllowed, "router-1", 0}, {kSampled, "switch-1", 100}};
    c.batchSize = batch;
    return c;
}

} // namespace

class TestDatagramProcessor : public QObject
{
    Q_OBJECT

private slots:
    void allowListAndDuplicates();
    void errorsAndGapsAreCounted();
    void configuredSamplingPerExporter();
    void batches();
    void duplicateWindowAgainstModel();
};

void TestDatagramProcessor::allowListAndDuplicates()
{
    Collect sink;
    DatagramProcessor p(config(1000), sink);
    const Bytes d = v9(1, 3);
    p.process(d, ip("198.51.100.66"), PortProtocol::Netflow, kNow); // not on the list
    p.process(d, kAllowed, PortProtocol::Netflow, kNow);
    p.process(d, kAllowed, PortProtocol::Netflow, kNow); // duplicated on the way
    p.flush();
    QCOMPARE(p.unknownExporterDatagrams(), std::uint64_t(1));
    QCOMPARE(sink.records.size(), std::size_t(3));
    const CounterSnapshot c = p.countersOf(kAllowed)->snapshot();
    QCOMPARE(valueOf(c, Counter::Datagrams), std::uint64_t(1));
    QCOMPARE(valueOf(c, Counter::Duplicates), std::uint64_t(1));
    QCOMPARE(valueOf(c, Counter::Records), std::uint64_t(3));
    QCOMPARE(valueOf(c, Counter::RecordBytes), std::uint64_t(300));
    QCOMPARE(valueOf(c, Counter::TemplatesAdded), std::uint64_t(1));
    QVERIFY(p.countersOf(ip("198.51.100.66")) == nullptr);
    // The same bytes from another allowed exporter are not a duplicate.
    p.process(d, kSampled, PortProtocol::Netflow, kNow);
    QCOMPARE(valueOf(p.countersOf(kSampled)->snapshot(), Counter::Duplicates), std::uint64_t(0));
}

void TestDatagramProcessor::errorsAndGapsAreCounted()
{
    Collect sink;
    DatagramProcessor p(config(1000), sink);
    p.process(v9(1, 1), kAllowed, PortProtocol::Netflow, kNow);
    p.process(v9(4, 1), kAllowed, PortProtocol::Netflow, kNow); // 2 and 3 lost
    Bytes broken = v9(5, 1);
    broken.resize(broken.size() - 3);
    p.process(broken, kAllowed, PortProtocol::Netflow, kNow);
    Bytes version = v9(6, 1);
    version[1] = 7;
    p.process(version, kAllowed, PortProtocol::Netflow, kNow);
    p.process(v9(7, 1), kAllowed, PortProtocol::Sflow, kNow); // NetFlow on the sFlow port
    p.flush();
    const CounterSnapshot c = p.countersOf(kAllowed)->snapshot();
    QCOMPARE(valueOf(c, Counter::SequenceLost), std::uint64_t(2));
    QCOMPARE(valueOf(c, Counter::BadFlowset), std::uint64_t(1));
    QCOMPARE(valueOf(c, Counter::WrongProtocol), std::uint64_t(2)); // version 7 and wrong port
    QCOMPARE(valueOf(c, Counter::Records), std::uint64_t(2));
    QCOMPARE(sink.records.size(), std::size_t(2));
}

void TestDatagramProcessor::configuredSamplingPerExporter()
{
    Collect sink;
    DatagramProcessor p(config(1000), sink);
    std::vector<PacketSpec> packets(4);
    for (auto &pk : packets) {
        pk.src = ip("10.0.0.1");
        pk.dst = ip("203.0.113.1");
        pk.ipLength = 500;
    }
    SflowOptions o;
    o.samplingRate = 1; // the switch claims 1:1, the operator configured 1:100
    for (const Bytes &d : generateSflow(packets, o).datagrams)
        p.process(d, kSampled, PortProtocol::Sflow, kNow);
    p.flush();
    QCOMPARE(sink.records.size(), std::size_t(4));
    QCOMPARE(sink.records[0].bytes, std::uint64_t(50000));
    QCOMPARE(valueOf(p.countersOf(kSampled)->snapshot(), Counter::RecordBytes),
             std::uint64_t(200000));
}

void TestDatagramProcessor::batches()
{
    Collect sink;
    DatagramProcessor p(config(5), sink);
    for (std::uint32_t s = 1; s <= 4; ++s)
        p.process(v9(s, 3), kAllowed, PortProtocol::Netflow, kNow);
    QCOMPARE(sink.batches, 2); // delivered as soon as 5 are held: after datagrams 2 and 4
    QCOMPARE(sink.records.size(), std::size_t(12));
    p.flush();
    QCOMPARE(sink.batches, 2);
}

void TestDatagramProcessor::duplicateWindowAgainstModel()
{
    // The filter remembers exactly the last `window` distinct datagrams: checked against a plain
    // deque over a random stream with many repeats, so probe runs and deletions get exercised.
    constexpr std::size_t kWindow = 64;
    DuplicateFilter filter(kWindow);
    std::deque<std::uint32_t> model;
    std::mt19937 rng(5);
    for (int i = 0; i < 200000; ++i) {
        const auto id = static_cast<std::uint32_t>(rng() % 300);
        const Bytes d{std::uint8_t(id), std::uint8_t(id >> 8), 7};
        const bool expected = std::find(model.begin(), model.end(), id) != model.end();
        QCOMPARE(filter.seen(kAllowed, d), expected);
        if (!expected) {
            model.push_back(id);
            if (model.size() > kWindow)
                model.pop_front();
        }
        QCOMPARE(filter.size(), model.size());
    }
}

QTEST_APPLESS_MAIN(TestDatagramProcessor)
#include "tst_datagram_processor.moc"
