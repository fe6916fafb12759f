// bwxctl book / watch / ping: market data and the session itself.
#include "bwx/client/reply.h"
#include "commands.h"
#include "context.h"
#include "exit_codes.h"
#include "human_views.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <random>

namespace bwx::ctl {
namespace {

int book(const Context &ctx, const std::string &prefixText)
{
    auto prefix = net::Prefix::parse(prefixText);
    if (!prefix)
        throw UsageError("invalid prefix: " + prefix.error());
    auto conn = ctx.connect();
    auto snap = client::replyAs<proto::BookSnapshot>(
        conn.request(proto::SubscribeBook{*prefix}, ctx.timeout()));
    std::vector<proto::BookEntry> bids, asks;
    for (const auto &e : snap.entries)
        (e.side == Side::Buy ? bids : asks).push_back(e);

    Json j;
    j["prefix"] = snap.prefix.toString();
    j["book_seq"] = snap.bookSeq;
    j["bids"] = Json::array();
    j["asks"] = Json::array();
    for (const auto &e : bids)
        j["bids"].push_back(toJson(e));
    for (const auto &e : asks)
        j["asks"].push_back(toJson(e));
    std::string text = "effective book of " + snap.prefix.toString() + " ("
                       + std::to_string(bids.size()) + " bids, " + std::to_string(asks.size())
                       + " asks)\n";
    if (!snap.entries.empty()) {
        // Bids best first, then asks best first, as the exchange sends them.
        std::vector<proto::BookEntry> ordered = bids;
        ordered.insert(ordered.end(), asks.begin(), asks.end());
        text += bookTable(ordered).render();
    }
    ctx.print(j, text);
    return kExitOk;
}

Json watchJson(std::uint64_t seq, const std::vector<proto::WatchRow> &rows)
{
    Json j;
    j["watch_seq"] = seq;
    j["rows"] = Json::array();
    for (const auto &r : rows)
        j["rows"].push_back(toJson(r));
    return j;
}

int watch(const Context &ctx, bool follow, std::uint32_t maxUpdates)
{
    auto conn = ctx.connect();
    auto snap = client::replyAs<proto::MarketWatchSnapshot>(
        conn.request(proto::SubscribeMarketWatch{}, ctx.timeout()));
    if (!follow) {
        ctx.print(watchJson(snap.watchSeq, snap.rows), snap.rows.empty()
                                                           ? std::string("no prefix has orders\n")
                                                           : watchTable(snap.rows).render());
        return kExitOk;
    }
    // With --follow, one compact JSON document per line (the snapshot, then each update).
    auto emit = [&](std::uint64_t seq, const std::vector<proto::WatchRow> &rows, bool update) {
        if (ctx.json) {
            Json j = watchJson(seq, rows);
            j["update"] = update;
            ctx.out << j.dump() << '\n';
        } else {
            ctx.out << (update ? "update " : "snapshot ") << seq << " at "
                    << formatTimestamp(ctx.clock()) << "\n"
                    << watchTable(rows).render() << "\n";
        }
        ctx.out.flush();
    };
    emit(snap.watchSeq, snap.rows, false);
    std::uint64_t seq = snap.watchSeq;
    for (std::uint32_t n = 0; maxUpdates == 0 || n < maxUpdates;) {
        // Ping while idle so the server's idle timeout never ends a long watch.
        auto in = conn.tryReceive(heartbeatInterval(conn));
        if (!in) {
            conn.send(proto::Ping{0});
            continue;
        }
        if (auto *g = std::get_if<proto::Goodbye>(&in->message))
            throw client::ClientError(client::ErrorKind::Goodbye, g->code, g->reason);
        if (auto *u = std::get_if<proto::MarketWatchUpdate>(&in->message)) {
            if (u->watchSeq != seq + 1)
                ctx.err << "bwxctl: market watch gap: expected update " << seq + 1 << ", got "
                        << u->watchSeq << "\n";
            seq = u->watchSeq;
            emit(u->watchSeq, u->rows, true);
            ++n;
        }
    }
    return kExitOk;
}

int ping(const Context &ctx, std::uint32_t count)
{
    if (count == 0 || count > 100'000)
        throw UsageError("--count must be 1-100000");
    auto conn = ctx.connect();
    std::mt19937_64 random(std::random_device{}());
    std::vector<std::int64_t> rtts;
    Timestamp serverTime{};
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint64_t token = random();
        const auto start = std::chrono::steady_clock::now();
        auto pong = client::replyAs<proto::Pong>(conn.request(proto::Ping{token}, ctx.timeout()));
        const auto rtt = std::chrono::steady_clock::now() - start;
        if (pong.token != token)
            throw client::ClientError(client::ErrorKind::Protocol,
                                      "pong carries token " + std::to_string(pong.token)
                                          + ", expected " + std::to_string(token));
        rtts.push_back(std::chrono::duration_cast<std::chrono::microseconds>(rtt).count());
        serverTime = pong.serverTime;
    }
    const auto [minIt, maxIt] = std::minmax_element(rtts.begin(), rtts.end());
    std::int64_t sum = 0;
    for (auto r : rtts)
        sum += r;
    const std::int64_t avg = sum / static_cast<std::int64_t>(rtts.size());
    Json j;
    j["count"] = count;
    j["rtt_us"] = rtts;
    j["min_us"] = *minIt;
    j["avg_us"] = avg;
    j["max_us"] = *maxIt;
    j["server_time"] = timeJson(serverTime);
    std::string text;
    if (count == 1)
        text = "pong from " + formatTimestamp(serverTime) + ": round trip " + std::to_string(*minIt)
               + " µs\n";
    else
        text = std::to_string(count) + " pings: round trip min " + std::to_string(*minIt)
               + " µs, avg " + std::to_string(avg) + " µs, max " + std::to_string(*maxIt) + " µs\n";
    ctx.print(j, text);
    return kExitOk;
}

} // namespace

void addMarketCommands(CLI::App &app, Context &ctx, Action &action)
{
    auto *bookCmd = app.add_subcommand("book", "The effective order book of a prefix");
    auto prefix = std::make_shared<std::string>();
    bookCmd->add_option("PREFIX", *prefix, "e.g. 203.0.113.0/24")->required();
    bookCmd->callback([&ctx, &action, prefix] {
        action = [&ctx, prefix] {
            return book(ctx, *prefix);
        };
    });

    auto *watchCmd = app.add_subcommand("watch", "Market watch: best bid and ask per prefix");
    auto follow = std::make_shared<bool>(false);
    auto updates = std::make_shared<std::uint32_t>(0);
    watchCmd->add_flag("--follow", *follow, "Keep printing updates until interrupted");
    watchCmd->add_option("--updates", *updates,
                         "With --follow: stop after this many updates (0 = never)");
    watchCmd->callback([&ctx, &action, follow, updates] {
        action = [&ctx, follow, updates] {
            return watch(ctx, *follow, *updates);
        };
    });

    auto *pingCmd = app.add_subcommand("ping", "Round trip time to the exchange");
    auto count = std::make_shared<std::uint32_t>(1);
    pingCmd->add_option("--count", *count, "Number of pings")->capture_default_str();
    pingCmd->callback([&ctx, &action, count] {
        action = [&ctx, count] {
            return ping(ctx, *count);
        };
    });
}

} // namespace bwx::ctl
