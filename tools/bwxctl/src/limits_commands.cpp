// bwxctl member limits (admin) and cancel-on-disconnect (member): a member's risk limits, port
// capacity and disconnect setting, enforced by the market before matching.
#include "bwx/client/reply.h"
#include "bwx/pki/pki.h"
#include "commands.h"
#include "context.h"
#include "exit_codes.h"
#include "human_views.h"
#include "quality_arguments.h"

#include <CLI/CLI.hpp>

namespace bwx::ctl {
namespace {

struct LimitsCli
{
    std::string name, maxOrder, maxExposure, maxMsgRate, portCapacity;
    CLI::Option *maxOrderOpt = nullptr, *maxExposureOpt = nullptr, *maxMsgRateOpt = nullptr,
                *portCapacityOpt = nullptr;
};

// "default" puts a limit back to the exchange's default (0 on the wire).
bool isDefault(const std::string &text)
{
    return text == "default";
}

proto::SetMemberLimits changedLimits(const proto::MemberView &member, const LimitsCli &c)
{
    proto::SetMemberLimits set;
    set.member = member.id;
    // Only what is given changes: the others keep their current value.
    set.limits = member.limits;
    if (c.maxOrderOpt->count()) {
        if (isDefault(c.maxOrder)) {
            set.limits.maxOrderCapacity = Bandwidth{};
        } else {
            auto capacity = parseBandwidth(c.maxOrder);
            if (!capacity)
                throw UsageError("invalid --max-order: " + capacity.error());
            if (!capacity->isPositive())
                throw UsageError("--max-order must be more than 0 (or 'default')");
            set.limits.maxOrderCapacity = *capacity;
        }
    }
    if (c.maxExposureOpt->count()) {
        if (isDefault(c.maxExposure)) {
            set.limits.maxOpenExposure = Money{};
        } else {
            auto exposure = parseMoney(c.maxExposure);
            if (!exposure)
                throw UsageError("invalid --max-exposure: " + exposure.error());
            if (!exposure->isPositive())
                throw UsageError("--max-exposure must be more than 0 (or 'default')");
            set.limits.maxOpenExposure = *exposure;
        }
    }
    if (c.maxMsgRateOpt->count()) {
        if (isDefault(c.maxMsgRate)) {
            set.limits.maxMessagesPerSecond = 0;
        } else {
            auto rate = parseMessageRate(c.maxMsgRate);
            if (!rate)
                throw UsageError("invalid --max-msg-rate: " + rate.error());
            set.limits.maxMessagesPerSecond = *rate;
        }
    }
    if (c.portCapacityOpt->count()) {
        auto port = parseBandwidth(c.portCapacity);
        if (!port)
            throw UsageError("invalid --port-capacity: " + port.error());
        if (!port->isPositive())
            throw UsageError("--port-capacity must be more than 0");
        set.portCapacity = *port;
    }
    return set;
}

int memberLimits(const Context &ctx, const LimitsCli &c)
{
    if (auto valid = pki::validateName(c.name); !valid)
        throw UsageError(valid.error());
    if (!c.maxOrderOpt->count() && !c.maxExposureOpt->count() && !c.maxMsgRateOpt->count()
        && !c.portCapacityOpt->count())
        throw UsageError("nothing to change: give --max-order, --max-exposure, --max-msg-rate "
                         "and/or --port-capacity");
    // The values are checked before connecting: a bad one sends nothing.
    LimitsCli probe = c;
    changedLimits(proto::MemberView{}, probe);

    auto conn = ctx.connect();
    auto list
        = client::replyAs<proto::MemberList>(conn.request(proto::QueryMembers{}, ctx.timeout()));
    const proto::MemberView *before = nullptr;
    for (const auto &m : list.members)
        if (m.name == c.name)
            before = &m;
    if (!before)
        throw client::ClientError(client::ErrorKind::Rejected, proto::ResultCode::UnknownMember,
                                  "no member named '" + c.name + "'");
    auto after = client::replyAs<proto::MemberList>(
        conn.request(changedLimits(*before, c), ctx.timeout()));
    if (after.members.empty())
        throw client::ClientError(client::ErrorKind::Protocol,
                                  "set_member_limits answered with no member");
    const proto::MemberView &member = after.members.front();
    ctx.print(Json{{"member", toJson(member)}}, "member '" + member.name + "'\n"
                                                    + memberLimitsText(member));
    return kExitOk;
}

int cancelOnDisconnect(const Context &ctx, const std::string &setting)
{
    std::uint8_t enabled = 0;
    if (setting == "on")
        enabled = 1;
    else if (setting != "off")
        throw UsageError("expected 'on' or 'off', got '" + setting + "'");
    auto conn = ctx.connect();
    auto list = client::replyAs<proto::MemberList>(
        conn.request(proto::SetCancelOnDisconnect{enabled}, ctx.timeout()));
    if (list.members.empty())
        throw client::ClientError(client::ErrorKind::Protocol,
                                  "set_cancel_on_disconnect answered with no member");
    const proto::MemberView &member = list.members.front();
    const bool on = member.limits.cancelOnDisconnect != 0;
    ctx.print(Json{{"member", toJson(member)}},
              std::string("cancel-on-disconnect is ") + (on ? "on" : "off") + " for '" + member.name
                  + (on ? "': your open orders are cancelled when your last session ends\n"
                        : "': your orders stay open when your sessions end\n"));
    return kExitOk;
}

} // namespace

void addLimitsCommands(CLI::App &app, Context &ctx, Action &action)
{
    CLI::App *member = app.get_subcommand("member");
    auto *limits = member->add_subcommand(
        "limits", "Set a member's limits and port capacity (what is not given stays)");
    auto c = std::make_shared<LimitsCli>();
    limits->add_option("NAME", c->name, "Member name")->required();
    c->maxOrderOpt = limits->add_option("--max-order", c->maxOrder,
                                        "Largest order, e.g. 10G ('default': the exchange's)");
    c->maxExposureOpt = limits->add_option(
        "--max-exposure", c->maxExposure,
        "Open buy orders' total value at most, e.g. 50000 ('default': the exchange's)");
    c->maxMsgRateOpt = limits->add_option(
        "--max-msg-rate", c->maxMsgRate,
        "Messages per second over all the member's sessions ('default': the exchange's)");
    c->portCapacityOpt = limits->add_option("--port-capacity", c->portCapacity,
                                            "The member's port capacity, e.g. 100G");
    limits->callback([&ctx, &action, c] {
        action = [&ctx, c] {
            return memberLimits(ctx, *c);
        };
    });

    auto *cod = app.add_subcommand(
        "cancel-on-disconnect",
        "Whether your open orders are cancelled when your last session ends (member)");
    auto setting = std::make_shared<std::string>();
    cod->add_option("SETTING", *setting, "on or off")->required();
    cod->callback([&ctx, &action, setting] {
        action = [&ctx, setting] {
            return cancelOnDisconnect(ctx, *setting);
        };
    });
}

} // namespace bwx::ctl
