// bwxctl sessions / routes / exports: the routing view of the exchange — members' BGP sessions
// with the route server, the routes they announce with their validation, and the routes the
// arbiter exports to them because of trades. Members see their own; admins any member's.
#include "bwx/client/reply.h"
#include "commands.h"
#include "context.h"
#include "exit_codes.h"
#include "routing_arguments.h"
#include "routing_views.h"

#include <CLI/CLI.hpp>

namespace bwx::ctl {
namespace {

struct RoutesArgs
{
    std::string member;
    RoutesArguments query;
};

MemberNames memberNames(client::Connection &c, std::chrono::milliseconds timeout)
{
    MemberNames names;
    auto list = client::replyAs<proto::MemberList>(c.request(proto::QueryMembers{}, timeout));
    for (const auto &m : list.members)
        names.emplace(m.id, m.name);
    return names;
}

// 0 (the caller's own, or every member for admins) when no name is given.
MemberId memberId(const MemberNames &names, const std::string &name)
{
    if (name.empty())
        return MemberId{};
    for (const auto &[id, n] : names)
        if (n == name)
            return id;
    throw client::ClientError(client::ErrorKind::Rejected, proto::ResultCode::UnknownMember,
                              "no member named '" + name + "'");
}

int sessions(const Context &ctx, const std::string &member)
{
    auto c = ctx.connect();
    const MemberNames names = memberNames(c, ctx.timeout());
    auto list = client::replyAs<proto::SessionList>(
        c.request(proto::QuerySessions{memberId(names, member)}, ctx.timeout()));
    const Timestamp now = ctx.clock();
    ctx.print(toJson(list, names, now), sessionsText(list, names, now));
    return kExitOk;
}

int routes(const Context &ctx, const RoutesArgs &a)
{
    auto built = routesQuery(a.query);
    if (!built)
        throw UsageError(built.error());
    proto::QueryRoutes query = *built;
    auto c = ctx.connect();
    const MemberNames names = memberNames(c, ctx.timeout());
    query.member = memberId(names, a.member);
    auto list = client::replyAs<proto::RouteList>(c.request(query, ctx.timeout()));
    ctx.print(toJson(list, names), routesText(list, names));
    return kExitOk;
}

int exports(const Context &ctx, const std::string &member)
{
    auto c = ctx.connect();
    const MemberNames names = memberNames(c, ctx.timeout());
    auto list = client::replyAs<proto::ExportList>(
        c.request(proto::QueryExports{memberId(names, member)}, ctx.timeout()));
    ctx.print(toJson(list, names), exportsText(list, names));
    return kExitOk;
}

} // namespace

void addRoutingCommands(CLI::App &app, Context &ctx, Action &action)
{
    auto *sessionsCmd = app.add_subcommand(
        "sessions", "BGP sessions with the route server: state, uptime, prefixes, updates");
    auto sessionsMember = std::make_shared<std::string>();
    sessionsCmd->add_option("--member", *sessionsMember, "admins: only this member (name)");
    sessionsCmd->callback([&ctx, &action, sessionsMember] {
        action = [&ctx, sessionsMember] {
            return sessions(ctx, *sessionsMember);
        };
    });

    auto *routesCmd = app.add_subcommand(
        "routes", "Announced routes with class, validation (RPKI, IRR), reasons and sellability");
    auto r = std::make_shared<RoutesArgs>();
    routesCmd->add_option("--member", r->member, "admins: only this member (name)");
    routesCmd->add_flag("--rejected", r->query.rejected, "only the routes validation rejected");
    routesCmd->add_option("--within", r->query.within,
                          "only routes inside PREFIX (a /0 selects both families)");
    routesCmd->add_option("--limit", r->query.limit, "at most N routes (1-2000)")
        ->capture_default_str();
    routesCmd->callback([&ctx, &action, r] {
        action = [&ctx, r] {
            return routes(ctx, *r);
        };
    });

    auto *exportsCmd = app.add_subcommand(
        "exports", "Routes the route server announces to members because of trades");
    auto exportsMember = std::make_shared<std::string>();
    exportsCmd->add_option("--member", *exportsMember, "admins: only to this member (name)");
    exportsCmd->callback([&ctx, &action, exportsMember] {
        action = [&ctx, exportsMember] {
            return exports(ctx, *exportsMember);
        };
    });
}

} // namespace bwx::ctl
