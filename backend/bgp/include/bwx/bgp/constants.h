#pragma once
// Numbers fixed by the BGP specifications: message types and sizes, attribute type codes and
// flags, capability codes, NOTIFICATION codes and subcodes. Names follow the RFCs so a reader can
// look a value up there.
#include <cstdint>

namespace bwx::bgp {

using Asn = std::uint32_t;

// RFC 6793: the 2-octet stand-in for a 4-octet AS number.
inline constexpr Asn kAsTrans = 23456;

inline constexpr std::uint16_t kHeaderSize = 19;
inline constexpr std::uint16_t kMaxMessageSize = 4096;
// RFC 8654, only once both sides advertised the Extended Message capability.
inline constexpr std::uint16_t kMaxExtendedMessageSize = 65535;
inline constexpr std::uint8_t kVersion = 4;
inline constexpr std::uint16_t kDefaultPort = 179;

enum class MessageType : std::uint8_t {
    Open = 1,
    Update = 2,
    Notification = 3,
    Keepalive = 4,
    RouteRefresh = 5,
};

const char *messageTypeName(MessageType type) noexcept;

// RFC 4760 address families this speaker carries.
enum class Afi : std::uint16_t { Ipv4 = 1, Ipv6 = 2 };
enum class Safi : std::uint8_t { Unicast = 1 };

namespace attr {
// Path attribute type codes.
inline constexpr std::uint8_t Origin = 1;
inline constexpr std::uint8_t AsPath = 2;
inline constexpr std::uint8_t NextHop = 3;
inline constexpr std::uint8_t MultiExitDisc = 4;
inline constexpr std::uint8_t LocalPref = 5;
inline constexpr std::uint8_t AtomicAggregate = 6;
inline constexpr std::uint8_t Aggregator = 7;
inline constexpr std::uint8_t Communities = 8;
inline constexpr std::uint8_t OriginatorId = 9;
inline constexpr std::uint8_t ClusterList = 10;
inline constexpr std::uint8_t MpReachNlri = 14;
inline constexpr std::uint8_t MpUnreachNlri = 15;
inline constexpr std::uint8_t As4Path = 17;
inline constexpr std::uint8_t As4Aggregator = 18;
inline constexpr std::uint8_t LargeCommunities = 32;

// Attribute flag bits.
inline constexpr std::uint8_t FlagOptional = 0x80;
inline constexpr std::uint8_t FlagTransitive = 0x40;
inline constexpr std::uint8_t FlagPartial = 0x20;
inline constexpr std::uint8_t FlagExtendedLength = 0x10;
} // namespace attr

const char *attributeName(std::uint8_t type) noexcept;

namespace cap {
inline constexpr std::uint8_t Multiprotocol = 1;        // RFC 4760
inline constexpr std::uint8_t RouteRefresh = 2;         // RFC 2918
inline constexpr std::uint8_t ExtendedMessage = 6;      // RFC 8654
inline constexpr std::uint8_t GracefulRestart = 64;     // RFC 4724
inline constexpr std::uint8_t FourOctetAs = 65;         // RFC 6793
} // namespace cap

// NOTIFICATION error codes (RFC 4271 section 4.5) and the subcodes used here.
enum class ErrorCode : std::uint8_t {
    MessageHeader = 1,
    OpenMessage = 2,
    UpdateMessage = 3,
    HoldTimerExpired = 4,
    FsmError = 5,
    Cease = 6,
};

namespace header_error {
inline constexpr std::uint8_t ConnectionNotSynchronized = 1;
inline constexpr std::uint8_t BadMessageLength = 2;
inline constexpr std::uint8_t BadMessageType = 3;
} // namespace header_error

namespace open_error {
inline constexpr std::uint8_t Unspecific = 0;
inline constexpr std::uint8_t UnsupportedVersion = 1;
inline constexpr std::uint8_t BadPeerAs = 2;
inline constexpr std::uint8_t BadBgpIdentifier = 3;
inline constexpr std::uint8_t UnsupportedOptionalParameter = 4;
inline constexpr std::uint8_t UnacceptableHoldTime = 6;
inline constexpr std::uint8_t UnsupportedCapability = 7; // RFC 5492
} // namespace open_error

namespace update_error {
inline constexpr std::uint8_t MalformedAttributeList = 1;
inline constexpr std::uint8_t UnrecognizedWellKnownAttribute = 2;
inline constexpr std::uint8_t MissingWellKnownAttribute = 3;
inline constexpr std::uint8_t AttributeFlagsError = 4;
inline constexpr std::uint8_t AttributeLengthError = 5;
inline constexpr std::uint8_t InvalidOriginAttribute = 6;
inline constexpr std::uint8_t InvalidNextHopAttribute = 8;
inline constexpr std::uint8_t OptionalAttributeError = 9;
inline constexpr std::uint8_t InvalidNetworkField = 10;
inline constexpr std::uint8_t MalformedAsPath = 11;
} // namespace update_error

// RFC 6608 subcodes for code 5.
namespace fsm_error {
inline constexpr std::uint8_t Unspecified = 0;
inline constexpr std::uint8_t UnexpectedInOpenSent = 1;
inline constexpr std::uint8_t UnexpectedInOpenConfirm = 2;
inline constexpr std::uint8_t UnexpectedInEstablished = 3;
} // namespace fsm_error

// RFC 4486 Cease subcodes.
namespace cease {
inline constexpr std::uint8_t MaxPrefixReached = 1;
inline constexpr std::uint8_t AdministrativeShutdown = 2;
inline constexpr std::uint8_t PeerDeconfigured = 3;
inline constexpr std::uint8_t AdministrativeReset = 4;
inline constexpr std::uint8_t ConnectionRejected = 5;
inline constexpr std::uint8_t OtherConfigurationChange = 6;
inline constexpr std::uint8_t ConnectionCollisionResolution = 7;
inline constexpr std::uint8_t OutOfResources = 8;
inline constexpr std::uint8_t HardReset = 9;
} // namespace cease

} // namespace bwx::bgp
