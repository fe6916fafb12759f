#pragma once
// A trade's usage as a chart (Qt Charts): the measured 5-minute rates toward and from the
// destination against the traded (committed) capacity, and the 95th percentile the trade is
// billed on. Redrawn whenever its UsageSeriesModel changes.
#include <QChartView>
#include <QList>
#include <QPointF>
#include <bwx/proto/messages.h>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace bwx::terminal::settlement {

class UsageSeriesModel;

// The chart's polyline for one direction, in (milliseconds since the epoch, kbit/s). Bins the
// server did not report are zero: the line drops to 0 at the first bin after a sample and rises
// from 0 at the bin before the next one, so a sparse series stays small.
QList<QPointF> ratePoints(const bwx::proto::UsageSeries &series, bool forward, bwx::Timestamp from,
                          bwx::Timestamp to);

class UsageChartView : public QChartView
{
    Q_OBJECT

public:
    explicit UsageChartView(UsageSeriesModel *model, QWidget *parent = nullptr);

    QLineSeries *forwardSeries() const { return m_forward; }
    QLineSeries *reverseSeries() const { return m_reverse; }
    QLineSeries *committedSeries() const { return m_committed; }
    QLineSeries *p95Series() const { return m_p95; }

public slots:
    void rebuild();

private:
    UsageSeriesModel *m_model;
    QLineSeries *m_forward;
    QLineSeries *m_reverse;
    QLineSeries *m_committed;
    QLineSeries *m_p95;
    QDateTimeAxis *m_time;
    QValueAxis *m_rate;
};

} // namespace bwx::terminal::settlement
