#include "models/qualityformat.h"

#include <QCoreApplication>
#include <QStringList>
#include <algorithm>

namespace bwx::terminal::format {

namespace {

class QualityText
{
    Q_DECLARE_TR_FUNCTIONS(QualityFormat)
};

const QString kDash = QStringLiteral("—");

template<class Fn>
QString rangeCell(const std::vector<proto::BookEntry> &entries, Fn text, bool lossCell)
{
    std::vector<std::uint32_t> fresh, stale;
    bool unreachable = false;
    for (const proto::BookEntry &e : entries) {
        if (e.side != Side::Sell)
            continue;
        switch (freshnessOf(e)) {
        case QualityFreshness::Fresh:
            fresh.push_back(lossCell ? e.lossPpm : e.latencyUs);
            break;
        case QualityFreshness::Stale:
            stale.push_back(lossCell ? e.lossPpm : e.latencyUs);
            break;
        case QualityFreshness::Unreachable:
            unreachable = true;
            break;
        case QualityFreshness::Unknown:
            break;
        }
    }
    const auto range = [&text](const std::vector<std::uint32_t> &values) {
        const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
        if (*lo == *hi)
            return text(*lo);
        return QStringLiteral("%1–%2").arg(text(*lo), text(*hi));
    };
    if (!fresh.empty())
        return range(fresh);
    if (!stale.empty())
        return QualityText::tr("%1 (stale)").arg(range(stale));
    if (unreachable)
        return lossCell ? loss(1'000'000) : QualityText::tr("unreachable");
    return kDash;
}

} // namespace

QString latency(std::uint32_t microseconds)
{
    // Rounded to the nearest tenth of a millisecond.
    const std::uint64_t tenths = (std::uint64_t(microseconds) + 50) / 100;
    return QualityText::tr("%1.%2 ms").arg(tenths / 10).arg(tenths % 10);
}

QString loss(std::uint32_t ppm)
{
    return QualityText::tr("%1 ppm").arg(ppm);
}

QString distance(std::uint8_t asHops)
{
    if (asHops == 0)
        return kDash;
    // Spelled out: without a catalogue, tr() leaves "%n hop(s)" unresolved in English.
    return asHops == 1 ? QualityText::tr("1 AS hop") : QualityText::tr("%1 AS hops").arg(asHops);
}

QString freshness(QualityFreshness value)
{
    switch (value) {
    case QualityFreshness::Fresh:
        return QualityText::tr("measured");
    case QualityFreshness::Stale:
        return QualityText::tr("stale (too old for matching)");
    case QualityFreshness::Unreachable:
        return QualityText::tr("unreachable");
    case QualityFreshness::Unknown:
        return QualityText::tr("not measured yet");
    }
    return {};
}

QString latencyLimit(std::uint32_t microseconds)
{
    return microseconds == 0 ? QualityText::tr("no limit")
                             : QualityText::tr("at most %1").arg(latency(microseconds));
}

QString lossLimit(std::uint32_t ppm)
{
    return ppm == 0 ? QualityText::tr("no limit") : QualityText::tr("at most %1").arg(loss(ppm));
}

QString distanceLimit(std::uint8_t asHops)
{
    return asHops == 0 ? QualityText::tr("no limit")
                       : QualityText::tr("at most %1").arg(distance(asHops));
}

QString weights(const proto::RankingWeights &w)
{
    return QualityText::tr("price %1, latency %2, loss %3, distance %4")
        .arg(w.price)
        .arg(w.latency)
        .arg(w.loss)
        .arg(w.distance);
}

QString latencyCell(const std::vector<proto::BookEntry> &entries)
{
    return rangeCell(
        entries, [](std::uint32_t v) { return latency(v); }, false);
}

QString lossCell(const std::vector<proto::BookEntry> &entries)
{
    return rangeCell(
        entries, [](std::uint32_t v) { return loss(v); }, true);
}

QualityFreshness cellFreshness(const std::vector<proto::BookEntry> &entries)
{
    bool stale = false, unreachable = false;
    for (const proto::BookEntry &e : entries) {
        if (e.side != Side::Sell)
            continue;
        switch (freshnessOf(e)) {
        case QualityFreshness::Fresh:
            return QualityFreshness::Fresh;
        case QualityFreshness::Stale:
            stale = true;
            break;
        case QualityFreshness::Unreachable:
            unreachable = true;
            break;
        case QualityFreshness::Unknown:
            break;
        }
    }
    if (stale)
        return QualityFreshness::Stale;
    return unreachable ? QualityFreshness::Unreachable : QualityFreshness::Unknown;
}

QString routeClass(RouteClass value)
{
    switch (value) {
    case RouteClass::Customer:
        return QualityText::tr("customer");
    case RouteClass::Peer:
        return QualityText::tr("peer");
    case RouteClass::Transit:
        return QualityText::tr("transit");
    }
    return {};
}

QString bgpState(proto::BgpState value)
{
    switch (value) {
    case proto::BgpState::Idle:
        return QualityText::tr("Idle");
    case proto::BgpState::Connect:
        return QualityText::tr("Connect");
    case proto::BgpState::Active:
        return QualityText::tr("Active");
    case proto::BgpState::OpenSent:
        return QualityText::tr("OpenSent");
    case proto::BgpState::OpenConfirm:
        return QualityText::tr("OpenConfirm");
    case proto::BgpState::Established:
        return QualityText::tr("Established");
    }
    return {};
}

QString validationState(proto::ValidationState value)
{
    switch (value) {
    case proto::ValidationState::NotChecked:
        return QualityText::tr("not checked");
    case proto::ValidationState::Valid:
        return QualityText::tr("valid");
    case proto::ValidationState::Invalid:
        return QualityText::tr("invalid");
    case proto::ValidationState::NotFound:
        return QualityText::tr("not found");
    }
    return {};
}

QString duration(std::int64_t seconds)
{
    if (seconds < 0)
        seconds = 0;
    const std::int64_t days = seconds / 86'400;
    const QString clock = QStringLiteral("%1:%2:%3")
                              .arg((seconds / 3600) % 24, 2, 10, QLatin1Char('0'))
                              .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                              .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return days > 0 ? QualityText::tr("%1d %2").arg(days).arg(clock) : clock;
}

} // namespace bwx::terminal::format
