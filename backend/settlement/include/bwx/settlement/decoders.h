#pragma once
// The flow decoders: pure functions over one UDP payload. Each appends the datagram's flow
// records to `out` (sampling already applied, bytes in IP bytes) and returns what the header
// said plus either success or one precise error. On error `out` is left as it was and the
// template cache is untouched: a datagram is taken whole or not at all.
//
// `exporter` is the datagram's source address; it keys the template cache and is copied into
// every record. `now` ages templates and, for sFlow (which carries no absolute time), is the
// time given to the samples.
#include "bwx/settlement/decode_result.h"
#include "bwx/settlement/flow_record.h"
#include "bwx/settlement/template_cache.h"

#include <cstdint>
#include <span>
#include <vector>

namespace bwx::settlement {

DecodeResult decodeNetflowV5(std::span<const std::uint8_t> datagram,
                             const net::Address &exporter,
                             const DecodeOptions &options,
                             std::vector<FlowRecord> &out);

// RFC 3954: template and options-template flowsets, data flowsets.
DecodeResult decodeNetflowV9(std::span<const std::uint8_t> datagram,
                             const net::Address &exporter,
                             TemplateCache &cache,
                             Timestamp now,
                             const DecodeOptions &options,
                             std::vector<FlowRecord> &out);

// RFC 7011: template and options-template sets, withdrawals, variable-length fields,
// enterprise-specific elements.
DecodeResult decodeIpfix(std::span<const std::uint8_t> datagram,
                         const net::Address &exporter,
                         TemplateCache &cache,
                         Timestamp now,
                         const DecodeOptions &options,
                         std::vector<FlowRecord> &out);

// sFlow v5: flow samples and expanded flow samples with raw packet header records (Ethernet,
// IPv4, IPv6) and extended router data; counter samples are skipped.
DecodeResult decodeSflow(std::span<const std::uint8_t> datagram,
                         const net::Address &exporter,
                         Timestamp now,
                         const DecodeOptions &options,
                         std::vector<FlowRecord> &out);

// The protocol version a datagram announces in its first bytes (5, 9, 10 or sFlow's 5 in a
// 32-bit field), or nullopt; lets one port accept any of them.
enum class SniffedProtocol : std::uint8_t { Unknown, NetflowV5, NetflowV9, Ipfix, Sflow5 };
SniffedProtocol sniffProtocol(std::span<const std::uint8_t> datagram) noexcept;

} // namespace bwx::settlement
