#pragma once
// Plays the demo members: seeds a market and keeps it moving with a mix of resting offers and
// bids, price changes, cancels and buyers lifting offers. Every order goes through the real
// protocol with the member's own certificate.
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "bwx/client/connection.h"
#include "demo_catalogue.h"

namespace bwx::demo {

struct TraderOptions {
    std::string host;
    std::uint16_t port = 0;
    std::string caFile;
    std::string membersDir; // <dir>/<member>/member.crt and member.key
    std::uint64_t seed = 1;
    bool quiet = false;
};

class DemoTrader
{
public:
    explicit DemoTrader(TraderOptions options);
    ~DemoTrader();

    void connectAll();
    // Resting offers from every seller and bids from every buyer.
    void seedMarket();
    // One random market action; returns a one-line description of what was done.
    std::string step();
    std::uint64_t tradesSeen() const { return m_trades; }

private:
    struct Member {
        const DemoMember* info = nullptr;
        client::Connection connection;
        std::vector<OrderId> open; // resting orders, as acknowledged
    };

    Member& pick(bool seller);
    std::string placeOrder(Member& m, Side side, const net::Prefix& prefix, Price price, Bandwidth capacity,
                           Bandwidth block, TimeInForce tif);
    std::string lift();
    std::string reprice();
    std::string cancelOne();
    void drain(Member& m);
    Price jitter(Price reference, int minPercent, int maxPercent);
    std::int64_t uniform(std::int64_t lo, std::int64_t hi);
    Timestamp now() const;

    TraderOptions m_options;
    std::mt19937_64 m_rng;
    std::vector<std::unique_ptr<Member>> m_members;
    std::uint64_t m_nextClientId;
    std::uint64_t m_trades = 0;
};

} // namespace bwx::demo
