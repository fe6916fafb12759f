#include "settlement/usageseriesmodel.h"

#include "models/format.h"

#include <QCoreApplication>

namespace bwx::terminal::settlement {

namespace {
class UsageText
{
    Q_DECLARE_TR_FUNCTIONS(UsageSeriesModel)
};
} // namespace

QString verdictText(UsageSeriesModel::Verdict verdict)
{
    switch (verdict) {
    case UsageSeriesModel::Verdict::Within:
        return UsageText::tr("within the committed capacity");
    case UsageSeriesModel::Verdict::Over:
        return UsageText::tr("over the committed capacity");
    case UsageSeriesModel::Verdict::Under:
        return UsageText::tr("well under the committed capacity");
    }
    return {};
}

UsageSeriesModel::UsageSeriesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

int UsageSeriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_series.samples.size());
}

int UsageSeriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageSeriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const proto::UsageSample &s = m_series.samples[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case BinColumn:
            return format::dateTime(s.binStart);
        case ForwardRateColumn:
            return format::bandwidth(s.rateForward);
        case ReverseRateColumn:
            return format::bandwidth(s.rateReverse);
        case ForwardBytesColumn:
            return QString::number(s.bytesForward);
        case ReverseBytesColumn:
            return QString::number(s.bytesReverse);
        default:
            return {};
        }
    }
    if (role == Qt::EditRole) {
        switch (index.column()) {
        case BinColumn:
            return QVariant::fromValue<qint64>(s.binStart.value());
        case ForwardRateColumn:
            return QVariant::fromValue<qint64>(s.rateForward.value());
        case ReverseRateColumn:
            return QVariant::fromValue<qint64>(s.rateReverse.value());
        case ForwardBytesColumn:
            return QVariant::fromValue<quint64>(s.bytesForward);
        case ReverseBytesColumn:
            return QVariant::fromValue<quint64>(s.bytesReverse);
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

QVariant UsageSeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case BinColumn:
        return tr("5-minute bin (UTC)");
    case ForwardRateColumn:
        return tr("To destination");
    case ReverseRateColumn:
        return tr("From destination");
    case ForwardBytesColumn:
        return tr("Bytes to");
    case ReverseBytesColumn:
        return tr("Bytes from");
    default:
        return {};
    }
}

void UsageSeriesModel::setSeries(const proto::UsageSeries &series, Timestamp from, Timestamp to)
{
    beginResetModel();
    m_series = series;
    m_from = from;
    m_to = to;
    m_loaded = true;
    endResetModel();
    emit seriesChanged();
}

void UsageSeriesModel::clear()
{
    beginResetModel();
    m_series = {};
    m_from = {};
    m_to = {};
    m_loaded = false;
    endResetModel();
    emit seriesChanged();
}

UsageSeriesModel::Verdict UsageSeriesModel::verdict() const
{
    switch (m_series.usage) {
    case 1:
        return Verdict::Over;
    case 2:
        return Verdict::Under;
    default:
        return Verdict::Within;
    }
}

Bandwidth UsageSeriesModel::peak() const
{
    Bandwidth peak{};
    for (const proto::UsageSample &s : m_series.samples)
        peak = std::max({peak, s.rateForward, s.rateReverse});
    return peak;
}

QString UsageSeriesModel::summaryText() const
{
    if (!m_loaded)
        return {};
    return tr("Trade %1: 95th percentile %2 of %3 committed, %4; peak %5; 5-minute bins with "
              "traffic: %6")
        .arg(QString::number(m_series.trade.value()), format::bandwidth(m_series.p95),
             format::bandwidth(m_series.committed), verdictText(verdict()),
             format::bandwidth(peak()), QString::number(rowCount()));
}

} // namespace bwx::terminal::settlement
