#include "bwx/settlement/decode_result.h"
#include "bwx/settlement/flow_record.h"

namespace bwx::settlement {

const char *toString(FlowProtocol protocol) noexcept
{
    switch (protocol) {
    case FlowProtocol::NetflowV5:
        return "netflow-v5";
    case FlowProtocol::NetflowV9:
        return "netflow-v9";
    case FlowProtocol::Ipfix:
        return "ipfix";
    case FlowProtocol::Sflow5:
        return "sflow-v5";
    }
    return "?";
}

const char *toString(DecodeError error) noexcept
{
    switch (error) {
    case DecodeError::None:
        return "none";
    case DecodeError::Truncated:
        return "truncated";
    case DecodeError::BadVersion:
        return "bad-version";
    case DecodeError::BadLength:
        return "bad-length";
    case DecodeError::BadFlowset:
        return "bad-flowset";
    case DecodeError::BadTemplate:
        return "bad-template";
    case DecodeError::BadOptionsScope:
        return "bad-options-scope";
    case DecodeError::BadRecord:
        return "bad-record";
    case DecodeError::BadSample:
        return "bad-sample";
    case DecodeError::UnsupportedAddress:
        return "unsupported-address";
    }
    return "?";
}

} // namespace bwx::settlement
