// bwxctl quality / quality-matrix / quality-import: route quality figures and third-party imports.
#include "bwx/client/reply.h"
#include "bwx/proto/codec.h"
#include "commands.h"
#include "context.h"
#include "exit_codes.h"
#include "quality_views.h"
#include "time_argument.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <fstream>
#include <iterator>

namespace bwx::ctl {
namespace {

struct SeriesArgs
{
    std::string prefix;
    std::string seller;
    std::string from;
    std::string to;
    std::string granularity = "5m";
};

struct ImportArgs
{
    std::string file;
    std::string format;
    std::string source;
    std::string seller;
    std::string destination;
};

net::Prefix prefixArgument(const std::string &text, const std::string &what)
{
    auto prefix = net::Prefix::parse(text);
    if (!prefix)
        throw UsageError("invalid " + what + ": " + prefix.error());
    return *prefix;
}

MemberNames memberNames(client::Connection &c, std::chrono::milliseconds timeout)
{
    MemberNames names;
    auto list = client::replyAs<proto::MemberList>(c.request(proto::QueryMembers{}, timeout));
    for (const auto &m : list.members)
        names.emplace(m.id, m.name);
    return names;
}

MemberId memberId(const MemberNames &names, const std::string &name)
{
    for (const auto &[id, n] : names)
        if (n == name)
            return id;
    throw client::ClientError(client::ErrorKind::Rejected, proto::ResultCode::UnknownMember,
                              "no member named '" + name + "'");
}

int series(const Context &ctx, const SeriesArgs &a)
{
    proto::QueryQuality query;
    query.destination = prefixArgument(a.prefix, "prefix");
    const auto granularity = parseGranularity(a.granularity);
    if (!granularity)
        throw UsageError("--granularity must be raw, 5m, 1h or 1d, not '" + a.granularity + "'");
    query.granularity = *granularity;
    const Timestamp now = ctx.clock();
    for (const auto &[text, out, flag] :
         {std::tuple{&a.from, &query.from, "--from"}, std::tuple{&a.to, &query.to, "--to"}}) {
        if (text->empty())
            continue;
        auto t = parseTimeArgument(*text, now);
        if (!t)
            throw UsageError(std::string(flag) + ": " + t.error());
        *out = *t;
    }
    if (query.from.isSet() && query.to.isSet() && query.from >= query.to)
        throw UsageError("--from must be before --to");

    auto c = ctx.connect();
    const MemberNames names = memberNames(c, ctx.timeout());
    if (!a.seller.empty())
        query.seller = memberId(names, a.seller);
    auto reply = client::replyAs<proto::QualitySeries>(c.request(query, ctx.timeout()));

    Json j;
    j["destination"] = query.destination.toString();
    j["seller"] = a.seller.empty() ? Json(nullptr) : Json(a.seller);
    j["granularity"] = name(query.granularity);
    j["from"] = timeJson(query.from);
    j["to"] = timeJson(query.to);
    j["points"] = Json::array();
    for (const auto &p : reply.points)
        j["points"].push_back(toJson(p, names));
    std::string text = "quality toward " + query.destination.toString() + " ("
                       + std::string(name(query.granularity)) + ", "
                       + std::to_string(reply.points.size()) + " points)\n";
    if (!reply.points.empty())
        text += qualitySeriesTable(reply.points, names).render();
    ctx.print(j, text);
    return kExitOk;
}

int matrix(const Context &ctx, const std::vector<std::string> &prefixes)
{
    proto::QueryQualityMatrix query;
    for (const auto &text : prefixes)
        query.destinations.push_back(prefixArgument(text, "prefix"));
    auto c = ctx.connect();
    const MemberNames names = memberNames(c, ctx.timeout());
    auto reply = client::replyAs<proto::QualityMatrix>(c.request(query, ctx.timeout()));
    sortCells(reply.cells);
    Json j;
    j["cells"] = Json::array();
    for (const auto &cell : reply.cells)
        j["cells"].push_back(toJson(cell, names));
    ctx.print(j, reply.cells.empty()
                     ? std::string("no quality figures for these destinations\n")
                     : qualityMatrixTable(reply.cells, names).render());
    return kExitOk;
}

proto::MeasurementFormat formatArgument(const std::string &text)
{
    if (text == "atlas")
        return proto::MeasurementFormat::RipeAtlas;
    if (text == "irtt")
        return proto::MeasurementFormat::Irtt;
    if (text == "csv")
        return proto::MeasurementFormat::Csv;
    throw UsageError("--format must be atlas, irtt or csv, not '" + text + "'");
}

int importFile(const Context &ctx, const ImportArgs &a)
{
    proto::ImportMeasurements request;
    request.format = formatArgument(a.format);
    request.source = a.source;
    const bool csv = request.format == proto::MeasurementFormat::Csv;
    if (csv && (!a.seller.empty() || !a.destination.empty()))
        throw UsageError("a CSV file names seller and destination on every row: leave out "
                         "--seller and --destination");
    if (!csv && (a.seller.empty() || a.destination.empty()))
        throw UsageError("--format " + a.format
                         + " files name only the addresses they measured: give --seller NAME "
                           "and --destination PREFIX");
    if (!csv)
        request.destination = prefixArgument(a.destination, "--destination");

    std::ifstream in(a.file, std::ios::binary);
    if (!in)
        throw UsageError("cannot read " + a.file);
    request.content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad())
        throw UsageError("cannot read " + a.file);

    auto c = ctx.connect();
    // The whole file travels in one frame: say so before the exchange refuses it.
    std::vector<std::uint8_t> frame;
    proto::encodeFrame(request, 1, frame);
    const std::uint32_t limit = c.session() ? c.session()->maxFrameSize : 0;
    if (limit != 0 && frame.size() > limit)
        throw UsageError(a.file + " is " + std::to_string(request.content.size())
                         + " bytes; the exchange takes at most " + std::to_string(limit)
                         + " bytes per message: split the file");
    if (!csv)
        request.seller = memberId(memberNames(c, ctx.timeout()), a.seller);

    auto reply = c.request(request, ctx.timeout());
    if (!client::isOkResult(reply))
        client::throwUnexpectedReply(reply, "result");
    const std::string message = std::get<proto::Result>(reply.message).message;
    Json j;
    j["file"] = a.file;
    j["format"] = a.format;
    j["message"] = message;
    // "imported N samples ..." — the count on its own for scripts.
    constexpr std::string_view kLead = "imported ";
    std::uint64_t imported = 0;
    if (message.starts_with(kLead)) {
        const char *first = message.data() + kLead.size();
        if (std::from_chars(first, message.data() + message.size(), imported).ec == std::errc{})
            j["imported"] = imported;
    }
    ctx.print(j, message + "\n");
    return kExitOk;
}

} // namespace

void addQualityCommands(CLI::App &app, Context &ctx, Action &action)
{
    auto *q = app.add_subcommand("quality", "Route quality toward a destination over time");
    auto s = std::make_shared<SeriesArgs>();
    q->add_option("PREFIX", s->prefix, "Destination, e.g. 198.51.100.0/24")->required();
    q->add_option("--seller", s->seller, "Only this seller (member name)");
    q->add_option("--from", s->from,
                  "Start: ISO 8601 UTC, now, or -24h (default: 24 h before --to)");
    q->add_option("--to", s->to, "End: ISO 8601 UTC, now, or an offset (default: now)");
    q->add_option("--granularity", s->granularity, "raw, 5m, 1h or 1d")->capture_default_str();
    q->callback([&ctx, &action, s] {
        action = [&ctx, s] {
            return series(ctx, *s);
        };
    });

    auto *m = app.add_subcommand("quality-matrix",
                                 "Current quality of every seller toward destinations");
    auto prefixes = std::make_shared<std::vector<std::string>>();
    m->add_option("PREFIX", *prefixes, "Destinations (default: every prefix with open orders)");
    m->callback([&ctx, &action, prefixes] {
        action = [&ctx, prefixes] {
            return matrix(ctx, *prefixes);
        };
    });

    auto *i = app.add_subcommand("quality-import",
                                 "Import third-party measurements (admin certificate)");
    auto a = std::make_shared<ImportArgs>();
    i->add_option("FILE", a->file, "RIPE Atlas JSON, irtt JSON or CSV")->required();
    i->add_option("--format", a->format, "atlas, irtt or csv")->required();
    i->add_option("--source", a->source,
                  "Source tag (atlas/irtt: default ripe-atlas / irtt; csv: every row's source)");
    i->add_option("--seller", a->seller, "atlas/irtt: the seller whose path was measured");
    i->add_option("--destination", a->destination, "atlas/irtt: the destination measured");
    i->callback([&ctx, &action, a] {
        action = [&ctx, a] {
            return importFile(ctx, *a);
        };
    });
}

} // namespace bwx::ctl
