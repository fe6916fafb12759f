#include "trade_feed.h"

#include "bwx/client/connection.h"
#include "demo_catalogue.h"

namespace bwx::demo {
namespace {

client::Connection open(const FeedOptions& options, const std::string& member)
{
    client::ClientOptions o;
    o.host = options.host;
    o.port = options.port;
    o.caFile = options.caFile;
    o.certFile = options.membersDir + "/" + member + "/member.crt";
    o.keyFile = options.membersDir + "/" + member + "/member.key";
    auto connection = client::Connection::connect(o);
    connection.hello("bwx-demo-flows");
    return connection;
}

} // namespace

TradeFeed::TradeFeed(FeedOptions options)
    : m_options(std::move(options))
{}

void TradeFeed::learnMemberIds()
{
    for (const DemoMember& m : demoMembers()) {
        auto connection = open(m_options, m.name);
        m_names[connection.session()->member.value()] = m.name;
        connection.close();
    }
}

std::vector<DemoTrade> TradeFeed::trades()
{
    if (m_names.size() < demoMembers().size())
        learnMemberIds();
    std::vector<DemoTrade> out;
    for (const DemoMember& m : demoMembers()) {
        if (m.sells)
            continue;
        auto connection = open(m_options, m.name);
        const MemberId self = connection.session()->member;
        const auto reply = connection.request(proto::QueryTrades{Timestamp(0), 1000});
        connection.close();
        const auto* list = std::get_if<proto::TradeList>(&reply.message);
        if (!list)
            continue;
        for (const proto::TradeView& t : list->trades) {
            if (!(t.buyer == self) || t.state == proto::TradeState::Cancelled || !t.destination.isPrefix())
                continue;
            const auto seller = m_names.find(t.seller.value());
            if (seller == m_names.end())
                continue; // not a demo member: nothing on the demo LAN routes to it
            out.push_back({t, m.name, seller->second});
        }
    }
    return out;
}

} // namespace bwx::demo
