#pragma once
// Text for quality figures. The backend keeps latency in microseconds and loss in parts per
// million; the terminal shows milliseconds and percent with fixed digits computed from the
// integers, so a table never shows more (or less) precision than the exchange measured.
#include <QHash>
#include <QString>
#include <bwx/proto/records.h>

namespace bwx::terminal::quality {

// What a series point or a matrix cell says when nothing answered: loss 1'000'000 ppm.
constexpr std::uint32_t kAllLostPpm = 1'000'000;

// Member id → short name, filled from QueryMembers; unknown ids are shown as "#7".
using SellerNames = QHash<quint32, QString>;
QString sellerName(const SellerNames &names, MemberId seller);

QString latency(std::uint32_t micros); // "12.500 ms"
QString loss(std::uint32_t ppm);       // "0.50 %"
QString state(proto::QualityState value);
QString source(proto::QualitySource value);
QString granularity(proto::QualityGranularity value);
// Seconds one rollup bucket spans; 0 for raw samples.
qint64 bucketSeconds(proto::QualityGranularity value);

} // namespace bwx::terminal::quality
