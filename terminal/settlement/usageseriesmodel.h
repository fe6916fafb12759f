#pragma once
// A trade's measured usage over a window: one row per 5-minute bin the server reported traffic
// in (bins without traffic are samples of 0 and are not sent), with the rates toward and from
// the destination, plus the committed capacity, the 95th percentile and the server's verdict.
#include <QAbstractTableModel>
#include <bwx/proto/messages.h>

namespace bwx::terminal::settlement {

class UsageSeriesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        BinColumn,
        ForwardRateColumn,
        ReverseRateColumn,
        ForwardBytesColumn,
        ReverseBytesColumn,
        ColumnCount
    };
    // The server's verdict on the 95th percentile against the committed capacity.
    enum class Verdict { Within = 0, Over = 1, Under = 2 };

    explicit UsageSeriesModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The window is the one asked for: the chart spans it even where no sample was reported.
    void setSeries(const bwx::proto::UsageSeries &series, bwx::Timestamp from, bwx::Timestamp to);
    void clear();
    bool hasSeries() const { return m_loaded; }

    const bwx::proto::UsageSeries &series() const { return m_series; }
    bwx::Timestamp from() const { return m_from; }
    bwx::Timestamp to() const { return m_to; }
    Verdict verdict() const;
    // The highest rate of any sample in either direction.
    bwx::Bandwidth peak() const;
    // "Trade 7: 95th percentile 12 Mbps of 10 Mbps committed — over".
    QString summaryText() const;

signals:
    void seriesChanged();

private:
    bwx::proto::UsageSeries m_series;
    bwx::Timestamp m_from{};
    bwx::Timestamp m_to{};
    bool m_loaded = false;
};

QString verdictText(UsageSeriesModel::Verdict verdict);

} // namespace bwx::terminal::settlement
