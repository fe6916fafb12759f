#pragma once
// What a decoder says about one datagram: the header facts the collector needs for sequence and
// duplicate accounting, and either success or one precise error. A rejected datagram yields no
// records and leaves the template cache as it was.
#include "bwx/settlement/flow_record.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace bwx::settlement {

enum class DecodeError : std::uint8_t {
    None = 0,
    Truncated,          // shorter than its header or a length it declares
    BadVersion,         // not the protocol this decoder reads
    BadLength,          // a header length/count field contradicts the datagram
    BadFlowset,         // flowset/set header invalid (length < 4, longer than the packet, bad id)
    BadTemplate,        // template definition invalid (no fields, zero/absurd field length ...)
    BadOptionsScope,    // options template scope length/count out of bounds
    BadRecord,          // a data record contradicts its template (variable length overrun ...)
    BadSample,          // an sFlow sample or record is malformed
    UnsupportedAddress, // an address type the protocol does not define
};

const char *toString(DecodeError error) noexcept;

struct DatagramInfo
{
    FlowProtocol protocol = FlowProtocol::NetflowV9;
    std::uint32_t observationDomain
        = 0;                          // v9 source id / IPFIX domain / sFlow sub-agent / v5 engine
    std::uint32_t sequence = 0;       // as the header states it
    std::uint32_t sysUptimeMs = 0;    // v5, v9, sFlow (IPFIX has none)
    std::uint32_t exportSeconds = 0;  // v5, v9, IPFIX (sFlow has none)
    std::uint32_t dataRecords = 0;    // IPFIX data records incl. options (what its sequence counts)
    std::uint32_t optionsRecords = 0; // of which options data records
    std::uint32_t flowRecords = 0;    // records emitted as FlowRecord
    std::uint32_t templatesAdded = 0;
    std::uint32_t templatesRefreshed = 0;
    std::uint32_t templatesWithdrawn = 0;
    std::uint32_t templatesRefused = 0;    // over a cache limit: counted, datagram still accepted
    std::uint32_t setsWithoutTemplate = 0; // data sets whose template is not (yet) known
    std::uint32_t recordsNotFlows = 0;     // data records without a source and destination address
    std::uint32_t recordsOverflowed = 0;   // count × sampling rate did not fit in 64 bits: dropped
    std::uint32_t samplesSkipped = 0;      // sFlow counter samples and unknown sample/record types
    net::Address agent;                    // sFlow agent address from the datagram
};

struct DecodeResult
{
    DecodeError error = DecodeError::None;
    std::size_t offset = 0; // byte offset in the datagram where the problem was found
    std::string message;    // empty on success
    DatagramInfo info;

    bool ok() const noexcept { return error == DecodeError::None; }
};

// What every decoder may be told by its caller.
struct DecodeOptions
{
    // A configured sampling rate for this exporter, overriding whatever it says in-band
    // (0 = none configured).
    std::uint32_t samplingOverride = 0;
};

} // namespace bwx::settlement
