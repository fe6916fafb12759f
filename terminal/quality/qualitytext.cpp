#include "quality/qualitytext.h"

#include <QCoreApplication>

namespace bwx::terminal::quality {

namespace {

// value / scale with `decimals` digits, from integers only.
QString fixed(std::uint64_t value, std::uint64_t scale, int decimals)
{
    QString fraction = QString::number(scale + value % scale).mid(1);
    fraction.truncate(decimals);
    return QString::number(value / scale) + QLatin1Char('.') + fraction;
}

} // namespace

QString sellerName(const SellerNames &names, MemberId seller)
{
    const auto it = names.constFind(seller.value());
    return it != names.constEnd() && !it->isEmpty() ? *it
                                                    : QStringLiteral("#%1").arg(seller.value());
}

QString latency(std::uint32_t micros)
{
    return QCoreApplication::translate("bwx::terminal::quality", "%1 ms")
        .arg(fixed(micros, 1000, 3));
}

QString loss(std::uint32_t ppm)
{
    return QCoreApplication::translate("bwx::terminal::quality", "%1 %").arg(fixed(ppm, 10'000, 2));
}

QString state(proto::QualityState value)
{
    switch (value) {
    case proto::QualityState::Unknown:
        return QCoreApplication::translate("bwx::terminal::quality", "not measured");
    case proto::QualityState::Fresh:
        return QCoreApplication::translate("bwx::terminal::quality", "fresh");
    case proto::QualityState::Stale:
        return QCoreApplication::translate("bwx::terminal::quality", "stale");
    case proto::QualityState::Unreachable:
        return QCoreApplication::translate("bwx::terminal::quality", "unreachable");
    }
    return QCoreApplication::translate("bwx::terminal::quality", "not measured");
}

QString source(proto::QualitySource value)
{
    switch (value) {
    case proto::QualitySource::Probe:
        return QCoreApplication::translate("bwx::terminal::quality", "probes");
    case proto::QualitySource::RipeAtlas:
        return QCoreApplication::translate("bwx::terminal::quality", "RIPE Atlas");
    case proto::QualitySource::Irtt:
        return QCoreApplication::translate("bwx::terminal::quality", "irtt");
    case proto::QualitySource::Csv:
        return QCoreApplication::translate("bwx::terminal::quality", "CSV import");
    }
    return QCoreApplication::translate("bwx::terminal::quality", "probes");
}

QString granularity(proto::QualityGranularity value)
{
    switch (value) {
    case proto::QualityGranularity::Raw:
        return QCoreApplication::translate("bwx::terminal::quality", "raw samples");
    case proto::QualityGranularity::FiveMinutes:
        return QCoreApplication::translate("bwx::terminal::quality", "5 minutes");
    case proto::QualityGranularity::Hour:
        return QCoreApplication::translate("bwx::terminal::quality", "hour");
    case proto::QualityGranularity::Day:
        return QCoreApplication::translate("bwx::terminal::quality", "day");
    }
    return QCoreApplication::translate("bwx::terminal::quality", "5 minutes");
}

qint64 bucketSeconds(proto::QualityGranularity value)
{
    switch (value) {
    case proto::QualityGranularity::Raw:
        return 0;
    case proto::QualityGranularity::FiveMinutes:
        return 300;
    case proto::QualityGranularity::Hour:
        return 3600;
    case proto::QualityGranularity::Day:
        return 86400;
    }
    return 0;
}

} // namespace bwx::terminal::quality
