#include "settlement/usagechartview.h"

#include "models/format.h"
#include "settlement/usageseriesmodel.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

namespace bwx::terminal::settlement {

namespace {

constexpr std::int64_t kBinSeconds = 300;

// Chart coordinates are doubles by nature; they only place pixels and never feed a figure
// that is billed or shown as a number (the tables show the exact integers).
qreal msecs(Timestamp t)
{
    return static_cast<qreal>(t.value() / 1'000'000);
}

qreal kbps(Bandwidth b)
{
    return static_cast<qreal>(b.value());
}

// kbit/s on the axis read badly above a few thousand; the axis shows Mbit/s then.
struct RateScale
{
    qreal divisor = 1;
    QString unit;
};

RateScale scaleFor(Bandwidth top)
{
    if (top.value() >= 10'000)
        return {1000, UsageChartView::tr("Mbit/s")};
    return {1, UsageChartView::tr("kbit/s")};
}

} // namespace

QList<QPointF> ratePoints(const proto::UsageSeries &series, bool forward, Timestamp from,
                          Timestamp to)
{
    QList<QPointF> points;
    if (!(from < to))
        return points;
    const Duration bin = seconds(kBinSeconds);
    points.append({msecs(from), 0});
    Timestamp next = from; // the first bin start not yet drawn
    for (const proto::UsageSample &s : series.samples) {
        if (s.binStart < from || !(s.binStart < to))
            continue;
        const Bandwidth rate = forward ? s.rateForward : s.rateReverse;
        if (next < s.binStart) {
            // Bins in between carried nothing.
            points.append({msecs(next), 0});
            if (next < s.binStart - bin)
                points.append({msecs(s.binStart - bin), 0});
        }
        points.append({msecs(s.binStart), kbps(rate)});
        next = s.binStart + bin;
    }
    if (next < to)
        points.append({msecs(next), 0});
    points.append({msecs(to), 0});
    return points;
}

UsageChartView::UsageChartView(UsageSeriesModel *model, QWidget *parent)
    : QChartView(parent)
    , m_model(model)
    , m_forward(new QLineSeries)
    , m_reverse(new QLineSeries)
    , m_committed(new QLineSeries)
    , m_p95(new QLineSeries)
    , m_time(new QDateTimeAxis)
    , m_rate(new QValueAxis)
{
    setObjectName(QStringLiteral("usageChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);

    m_forward->setName(tr("To destination (5-min rate)"));
    m_reverse->setName(tr("From destination"));
    m_committed->setName(tr("Traded capacity"));
    m_p95->setName(tr("95th percentile"));

    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    for (QLineSeries *s : {m_forward, m_reverse, m_committed, m_p95})
        chart->addSeries(s);
    m_forward->setPen(QPen(QColor(0x1f, 0x77, 0xb4), 1.5));
    m_reverse->setPen(QPen(QColor(0x7f, 0x7f, 0x7f), 1.0));
    m_committed->setPen(QPen(QColor(0x2c, 0xa0, 0x2c), 2.0));
    QPen p95Pen(QColor(0xd6, 0x27, 0x28), 2.0);
    p95Pen.setStyle(Qt::DashLine);
    m_p95->setPen(p95Pen);

    // QDateTimeAxis draws in the local time zone (Qt 6.4 cannot be told otherwise).
    m_time->setFormat(QStringLiteral("MM-dd HH:mm"));
    m_time->setTitleText(tr("Time (local)"));
    m_time->setTickCount(7);
    m_rate->setLabelFormat(QStringLiteral("%.0f"));
    m_rate->setMin(0);
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_rate, Qt::AlignLeft);
    for (QLineSeries *s : {m_forward, m_reverse, m_committed, m_p95}) {
        s->attachAxis(m_time);
        s->attachAxis(m_rate);
    }
    setChart(chart);

    connect(m_model, &UsageSeriesModel::seriesChanged, this, &UsageChartView::rebuild);
    rebuild();
}

void UsageChartView::rebuild()
{
    const proto::UsageSeries &series = m_model->series();
    const Timestamp from = m_model->from();
    const Timestamp to = m_model->to();
    if (!m_model->hasSeries() || !(from < to)) {
        for (QLineSeries *s : {m_forward, m_reverse, m_committed, m_p95})
            s->clear();
        // Axes over no data would show a made-up time span and rate scale.
        m_time->setVisible(false);
        m_rate->setVisible(false);
        chart()->legend()->setVisible(false);
        chart()->setTitle(tr("Select a statement line to see its usage"));
        return;
    }
    m_time->setVisible(true);
    m_rate->setVisible(true);
    chart()->legend()->setVisible(true);
    const Bandwidth top = std::max({m_model->peak(), series.committed, series.p95});
    const RateScale scale = scaleFor(top);
    const auto scaled = [&scale](QList<QPointF> points) {
        for (QPointF &p : points)
            p.setY(p.y() / scale.divisor);
        return points;
    };
    m_forward->replace(scaled(ratePoints(series, true, from, to)));
    m_reverse->replace(scaled(ratePoints(series, false, from, to)));
    m_committed->replace(scaled({{msecs(from), kbps(series.committed)},
                                 {msecs(to), kbps(series.committed)}}));
    m_p95->replace(scaled({{msecs(from), kbps(series.p95)}, {msecs(to), kbps(series.p95)}}));

    m_time->setRange(QDateTime::fromMSecsSinceEpoch(from.value() / 1'000'000),
                     QDateTime::fromMSecsSinceEpoch(to.value() / 1'000'000));
    // Head room above the highest line so the capacity line is never on the frame.
    const qreal ceiling = kbps(top) / scale.divisor;
    m_rate->setRange(0, ceiling > 0 ? ceiling * 1.15 : 1);
    m_rate->applyNiceNumbers();
    m_rate->setTitleText(scale.unit);
    chart()->setTitle(tr("Trade %1 — 95th percentile %2 of %3 traded (%4)")
                          .arg(QString::number(series.trade.value()),
                               format::bandwidth(series.p95), format::bandwidth(series.committed),
                               verdictText(m_model->verdict())));
}

} // namespace bwx::terminal::settlement
