#include "quality_views.h"

#include "human_views.h"

#include <algorithm>
#include <tuple>

namespace bwx::ctl {

namespace {

using Align = Table::Align;

std::string sellerText(MemberId seller, const MemberNames &names)
{
    const auto it = names.find(seller);
    return it != names.end() ? it->second : "#" + std::to_string(seller.value());
}

Json sellerName(MemberId seller, const MemberNames &names)
{
    const auto it = names.find(seller);
    return it != names.end() ? Json(it->second) : Json(nullptr);
}

bool hasLatency(proto::QualityState state)
{
    return state == proto::QualityState::Fresh || state == proto::QualityState::Stale;
}

int stateRank(proto::QualityState state)
{
    switch (state) {
    case proto::QualityState::Fresh:
        return 0;
    case proto::QualityState::Stale:
        return 1;
    case proto::QualityState::Unreachable:
        return 2;
    case proto::QualityState::Unknown:
        break;
    }
    return 3;
}

std::string fixed(std::uint64_t value, std::uint64_t scale, int decimals)
{
    std::string fraction = std::to_string(scale + value % scale).substr(1);
    fraction.resize(static_cast<std::size_t>(decimals));
    return std::to_string(value / scale) + "." + fraction;
}

} // namespace

std::string_view name(proto::QualityState state)
{
    switch (state) {
    case proto::QualityState::Unknown:
        return "unknown";
    case proto::QualityState::Fresh:
        return "fresh";
    case proto::QualityState::Stale:
        return "stale";
    case proto::QualityState::Unreachable:
        return "unreachable";
    }
    return "unknown";
}

std::string_view name(proto::QualitySource source)
{
    switch (source) {
    case proto::QualitySource::Probe:
        return "probe";
    case proto::QualitySource::RipeAtlas:
        return "ripe-atlas";
    case proto::QualitySource::Irtt:
        return "irtt";
    case proto::QualitySource::Csv:
        return "csv";
    }
    return "unknown";
}

std::string_view name(proto::QualityGranularity granularity)
{
    switch (granularity) {
    case proto::QualityGranularity::Raw:
        return "raw";
    case proto::QualityGranularity::FiveMinutes:
        return "5m";
    case proto::QualityGranularity::Hour:
        return "1h";
    case proto::QualityGranularity::Day:
        return "1d";
    }
    return "unknown";
}

std::optional<proto::QualityGranularity> parseGranularity(std::string_view text)
{
    for (const auto g : {proto::QualityGranularity::Raw, proto::QualityGranularity::FiveMinutes,
                         proto::QualityGranularity::Hour, proto::QualityGranularity::Day})
        if (name(g) == text)
            return g;
    return std::nullopt;
}

std::string millisText(std::uint32_t micros)
{
    return fixed(micros, 1000, 3);
}

std::string percentText(std::uint32_t ppm)
{
    return fixed(ppm, 10'000, 2);
}

Json toJson(const proto::QualityPoint &p, const MemberNames &names)
{
    Json j;
    j["seller"] = p.seller.value();
    j["seller_name"] = sellerName(p.seller, names);
    j["destination"] = p.destination.toString();
    j["time"] = timeJson(p.time);
    j["source"] = name(p.source);
    j["samples"] = p.samples;
    // A point where nothing answered has no latency: null, never 0.
    const bool answered = p.lossPpm < 1'000'000;
    j["latency_p50_us"] = answered ? Json(p.latencyP50Us) : Json(nullptr);
    j["latency_p95_us"] = answered ? Json(p.latencyP95Us) : Json(nullptr);
    j["loss_ppm"] = p.lossPpm;
    j["jitter_us"] = answered ? Json(p.jitterUs) : Json(nullptr);
    return j;
}

Json toJson(const proto::QualityCell &c, const MemberNames &names)
{
    Json j;
    j["destination"] = c.destination.toString();
    j["seller"] = c.seller.value();
    j["seller_name"] = sellerName(c.seller, names);
    j["state"] = name(c.state);
    j["latency_us"] = hasLatency(c.state) ? Json(c.latencyUs) : Json(nullptr);
    j["loss_ppm"] = c.state == proto::QualityState::Unknown ? Json(nullptr) : Json(c.lossPpm);
    j["jitter_us"] = hasLatency(c.state) ? Json(c.jitterUs) : Json(nullptr);
    j["distance"] = c.distance != 0 ? Json(c.distance) : Json(nullptr);
    j["source"] = c.state == proto::QualityState::Unknown ? Json(nullptr) : Json(name(c.source));
    j["measured_at"] = timeJson(c.measuredAt);
    return j;
}

Table qualitySeriesTable(const std::vector<proto::QualityPoint> &points, const MemberNames &names)
{
    Table t({{"SELLER"},
             {"SOURCE"},
             {"TIME"},
             {"P50-MS", Align::Right},
             {"P95-MS", Align::Right},
             {"LOSS-%", Align::Right},
             {"JITTER-MS", Align::Right},
             {"SAMPLES", Align::Right}});
    for (const auto &p : points) {
        const bool answered = p.lossPpm < 1'000'000;
        t.addRow({sellerText(p.seller, names), std::string(name(p.source)),
                  formatTimestamp(p.time), answered ? millisText(p.latencyP50Us) : "-",
                  answered ? millisText(p.latencyP95Us) : "-", percentText(p.lossPpm),
                  answered ? millisText(p.jitterUs) : "-", std::to_string(p.samples)});
    }
    return t;
}

Table qualityMatrixTable(const std::vector<proto::QualityCell> &cells, const MemberNames &names)
{
    Table t({{"DESTINATION"},
             {"SELLER"},
             {"STATE"},
             {"LATENCY-MS", Align::Right},
             {"LOSS-%", Align::Right},
             {"JITTER-MS", Align::Right},
             {"AS-PATH", Align::Right},
             {"SOURCE"},
             {"MEASURED"}});
    for (const auto &c : cells) {
        const bool latency = hasLatency(c.state);
        const bool known = c.state != proto::QualityState::Unknown;
        t.addRow({c.destination.toString(), sellerText(c.seller, names),
                  std::string(name(c.state)), latency ? millisText(c.latencyUs) : "-",
                  known ? percentText(c.lossPpm) : "-", latency ? millisText(c.jitterUs) : "-",
                  c.distance != 0 ? std::to_string(c.distance) : "-",
                  known ? std::string(name(c.source)) : "-", shortTime(c.measuredAt)});
    }
    return t;
}

void sortCells(std::vector<proto::QualityCell> &cells)
{
    std::stable_sort(cells.begin(), cells.end(),
                     [](const proto::QualityCell &a, const proto::QualityCell &b) {
                         const auto key = [](const proto::QualityCell &c) {
                             return std::tuple(c.destination, stateRank(c.state), c.latencyUs,
                                               c.lossPpm, c.seller);
                         };
                         return key(a) < key(b);
                     });
}

} // namespace bwx::ctl
