#include "settlement_fuzz_seeds.h"

#include "bwx/settlement/fixtures/export_builder.h"
#include "bwx/settlement/fixtures/sflow_generator.h"

namespace bwx::settlement::fuzz {

using namespace fixtures;

namespace {

std::vector<std::uint8_t> flows()
{
    ByteWriter d;
    for (std::uint32_t i = 0; i < 3; ++i)
        writeSoftflowdV4Record(
            d, {0x0a000001u + i, 0xcb007100u + i, 1000, 2000, 1500, 3, 1, 2, 1234, 53, 17});
    return d.take();
}

std::vector<std::uint8_t> variable()
{
    ByteWriter d;
    d.u32(0x0a000001).u8(3).u8('a').u8('b').u8('c').u32(0xcb007101).u32(100);
    d.u32(0x0a000002).u8(255).u16(20).zeros(20).u32(0xcb007102).u32(200);
    return d.take();
}

} // namespace

std::vector<std::vector<std::uint8_t>> seedsFor(std::string_view target)
{
    std::vector<std::vector<std::uint8_t>> seeds;
    const auto data = flows();
    ByteWriter opt9;
    opt9.u32(0).u32(10).u8(1).zeros(16);
    ByteWriter optIpfix;
    optIpfix.u32(7).u64(1'699'999'000'000).u32(1).u32(9).u16(1).zeros(16);
    if (target == "netflow_v5") {
        V5Record r;
        r.src = 0x0a000001;
        r.dst = 0xcb007101;
        r.bytes = 1000;
        r.packets = 2;
        seeds.push_back(netflowV5(1000, 1'700'000'000, 1, 0, {r, r, r}));
        seeds.push_back(netflowV5(1000, 1'700'000'000, 1, 0x4000 | 64, {r}));
    } else if (target == "netflow_v9") {
        seeds.push_back(ExportBuilder::v9(500'000, 1'700'000'000, 1, 0)
                            .templateSet(1024, softflowdV4Template())
                            .optionsTemplateSet(256, {{2, 4}}, {{34, 4}, {35, 1}, {82, 16}})
                            .dataSet(256, opt9.data())
                            .dataSet(1024, data)
                            .finish());
        seeds.push_back(
            ExportBuilder::v9(500'000, 1'700'000'000, 2, 0).dataSet(1024, data).finish());
        seeds.push_back(
            ExportBuilder::v9(1, 1, 3, 1)
                .templateSet(300, {{27, 16}, {28, 16}, {62, 16}, {1, 8}, {2, 8}, {56, 6}, {80, 6}})
                .finish());
    } else if (target == "ipfix") {
        seeds.push_back(ExportBuilder::ipfix(1'700'000'000, 0, 0)
                            .templateSet(1024, softflowdV4Template())
                            .optionsTemplateSet(256, {{143, 4}},
                                                {{160, 8}, {305, 4}, {306, 4}, {304, 2}, {82, 16}})
                            .dataSet(256, optIpfix.data())
                            .dataSet(1024, data)
                            .finish());
        seeds.push_back(
            ExportBuilder::ipfix(1'700'000'000, 3, 0)
                .templateSet(400, {{8, 4}, {82, 0xFFFF}, {12, 4}, {1, 4}, {99, 4, 29305}})
                .dataSet(400, variable())
                .finish());
        seeds.push_back(
            ExportBuilder::ipfix(1, 9, 0).templateSet(1024, {}).templateSet(2, {}).finish());
    } else if (target == "sflow") {
        std::vector<PacketSpec> packets;
        for (std::uint32_t i = 0; i < 6; ++i) {
            PacketSpec p;
            p.src = i % 2 ? net::Address::v4(0x0a000001)
                          : net::Address::fromWords(net::Family::V6, 0x20010db800000000u, 1);
            p.dst = i % 2 ? net::Address::v4(0xcb007101)
                          : net::Address::fromWords(net::Family::V6, 0x20010db800020000u, 9);
            p.protocol = i % 3 == 0 ? 6 : 17;
            p.srcPort = 1000;
            p.dstPort = 53;
            p.ipLength = 100 + i * 200;
            packets.push_back(p);
        }
        SflowOptions o;
        o.samplesPerDatagram = 3;
        o.counterEvery = 1;
        seeds = generateSflow(packets, o).datagrams;
        o.expanded = true;
        o.samplingRate = 1;
        for (auto &d : generateSflow(packets, o).datagrams)
            seeds.push_back(std::move(d));
    }
    return seeds;
}

} // namespace bwx::settlement::fuzz
