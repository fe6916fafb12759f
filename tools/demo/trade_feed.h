#pragma once
// The demo buyers' trades, as each buyer sees them through the member protocol: a fresh TLS
// session per look, so bwxd restarts and idle timeouts need no reconnect logic.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "bwx/proto/records.h"

namespace bwx::demo {

struct FeedOptions {
    std::string host;
    std::uint16_t port = 0;
    std::string caFile;
    std::string membersDir; // <dir>/<member>/member.crt and member.key
};

struct DemoTrade {
    proto::TradeView view;
    std::string buyer, seller; // member names
};

class TradeFeed
{
public:
    explicit TradeFeed(FeedOptions options);
    // Every trade of the demo's buyers that is not cancelled. Throws client::ClientError when
    // bwxd cannot be reached.
    std::vector<DemoTrade> trades();

private:
    void learnMemberIds();

    FeedOptions m_options;
    std::map<std::uint64_t, std::string> m_names; // member id -> name
};

} // namespace bwx::demo
