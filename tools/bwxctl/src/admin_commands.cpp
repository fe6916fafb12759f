// bwxctl member ... / stats: administration with an admin certificate.
#include "bwx/client/reply.h"
#include "bwx/pki/pki.h"
#include "commands.h"
#include "context.h"
#include "exit_codes.h"
#include "human_views.h"

#include <CLI/CLI.hpp>

namespace bwx::ctl {
namespace {

struct AddArgs
{
    std::string name;
    std::string displayName;
    std::uint32_t asn = 0;
    std::string portCapacity;
};

proto::MemberView
findMember(client::Connection &c, const std::string &name, std::chrono::milliseconds t)
{
    auto list = client::replyAs<proto::MemberList>(c.request(proto::QueryMembers{}, t));
    for (auto &m : list.members)
        if (m.name == name)
            return m;
    throw client::ClientError(client::ErrorKind::Rejected, proto::ResultCode::UnknownMember,
                              "no member named '" + name + "'");
}

int memberAdd(const Context &ctx, const AddArgs &a)
{
    // The name becomes the certificate identity, so it must be one bwxctl can issue.
    if (auto valid = pki::validateName(a.name); !valid)
        throw UsageError(valid.error());
    if (a.asn == 0)
        throw UsageError("--asn must be a public or private AS number above 0");
    auto port = parseBandwidth(a.portCapacity);
    if (!port)
        throw UsageError("invalid --port-capacity: " + port.error());
    if (!port->isPositive())
        throw UsageError("--port-capacity must be more than 0");

    proto::AddMember add;
    add.name = a.name;
    add.displayName = a.displayName.empty() ? a.name : a.displayName;
    add.asn = a.asn;
    add.portCapacity = *port;
    auto c = ctx.connect();
    auto list = client::replyAs<proto::MemberList>(c.request(add, ctx.timeout()));
    if (list.members.empty())
        throw client::ClientError(client::ErrorKind::Protocol,
                                  "add_member answered with no member");
    const auto &m = list.members.front();
    ctx.print(Json{{"member", toJson(m)}},
              "added member " + std::to_string(m.id.value()) + " '" + m.name + "' (AS"
                  + std::to_string(m.asn) + ", port " + formatBandwidth(m.portCapacity) + ")\n");
    return kExitOk;
}

int memberList(const Context &ctx)
{
    auto c = ctx.connect();
    auto list = client::replyAs<proto::MemberList>(c.request(proto::QueryMembers{}, ctx.timeout()));
    Json j;
    j["members"] = Json::array();
    for (const auto &m : list.members)
        j["members"].push_back(toJson(m));
    ctx.print(j, membersTable(list.members).render());
    return kExitOk;
}

int memberSetStatus(const Context &ctx, const std::string &name, proto::MemberStatus status)
{
    if (auto valid = pki::validateName(name); !valid)
        throw UsageError(valid.error());
    auto c = ctx.connect();
    const proto::MemberView before = findMember(c, name, ctx.timeout());
    auto reply = c.request(proto::SetMemberStatus{before.id, status}, ctx.timeout());
    proto::MemberView after;
    if (auto *list = std::get_if<proto::MemberList>(&reply.message); list && !list->members.empty())
        after = list->members.front();
    else if (client::isOkResult(reply))
        after = findMember(c, name, ctx.timeout());
    else
        client::throwUnexpectedReply(reply, "member_list");
    ctx.print(Json{{"member", toJson(after)}},
              "member '" + after.name + "' is " + std::string(ctl::name(after.status)) + "\n");
    return kExitOk;
}

int stats(const Context &ctx)
{
    auto c = ctx.connect();
    auto s = client::replyAs<proto::Stats>(c.request(proto::QueryStats{}, ctx.timeout()));
    ctx.print(toJson(s), statsText(s));
    return kExitOk;
}

} // namespace

void addAdminCommands(CLI::App &app, Context &ctx, Action &action)
{
    auto *member = app.add_subcommand("member", "Members of the exchange (admin certificate)");
    member->require_subcommand(1);

    auto *add = member->add_subcommand("add", "Register a member");
    auto a = std::make_shared<AddArgs>();
    add->add_option("NAME", a->name, "Member name, also its certificate identity")->required();
    add->add_option("--asn", a->asn, "The member's AS number")->required();
    add->add_option("--port-capacity", a->portCapacity, "Port capacity, e.g. 10G or 400M")
        ->required();
    add->add_option("--display-name", a->displayName, "Name shown to people (default: NAME)");
    add->callback([&ctx, &action, a] {
        action = [&ctx, a] {
            return memberAdd(ctx, *a);
        };
    });

    auto *list = member->add_subcommand("list", "List members");
    list->callback([&ctx, &action] {
        action = [&ctx] {
            return memberList(ctx);
        };
    });

    for (auto [verb, status] : {std::pair{"suspend", proto::MemberStatus::Suspended},
                                std::pair{"activate", proto::MemberStatus::Active}}) {
        auto *sub
            = member->add_subcommand(verb, std::string(verb == std::string("suspend")
                                                           ? "Suspend a member's trading"
                                                           : "Let a suspended member trade again"));
        auto name = std::make_shared<std::string>();
        sub->add_option("NAME", *name, "Member name")->required();
        sub->callback([&ctx, &action, name, status = status] {
            action = [&ctx, name, status] {
                return memberSetStatus(ctx, *name, status);
            };
        });
    }

    auto *st
        = app.add_subcommand("stats", "Exchange figures: sequence, state hash, sessions, orders");
    st->callback([&ctx, &action] {
        action = [&ctx] {
            return stats(ctx);
        };
    });
}

} // namespace bwx::ctl
