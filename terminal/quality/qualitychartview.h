#pragma once
// Latency and loss over time toward one destination, one line per seller (and source), from
// QueryQuality at a chosen rollup interval. The buyer's limits — typed in, or taken from one of
// the member's buy orders — are drawn as dashed horizontal lines. Honest about missing data:
// a bucket where nothing answered is a marker on the top edge of the latency chart (and 100 %
// loss), never a 0 ms point; a bucket without data is a gap; each seller's legend entry names
// its current state when that is not fresh (QueryQualityMatrix for the same destination).
#include "quality/qualityseriesmodel.h"

#include <QHash>
#include <QWidget>
#include <bwx/proto/messages.h>
#include <optional>

class QChart;
class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace bwx::terminal {
class ExchangeClient;
class MyOrdersModel;
} // namespace bwx::terminal

namespace bwx::terminal::quality {

class QualityChartView : public QWidget
{
    Q_OBJECT

public:
    explicit QualityChartView(ExchangeClient *client, QWidget *parent = nullptr);

    // The member's orders, offered as sources of limits (buy orders toward a prefix).
    void setOrders(const MyOrdersModel *orders);

    void setDestination(const net::Prefix &prefix);
    void setGranularity(proto::QualityGranularity granularity);
    // The period shown ends now (the server's clock) and spans this many seconds.
    void setSpanSeconds(qint64 seconds);
    void setLimits(const proto::QualityLimits &limits);
    proto::QualityLimits limits() const;
    void setSellerNames(const SellerNames &names);

    QualitySeriesModel *model() const { return m_model; }
    QChart *latencyChart() const { return m_latencyChart; }
    QChart *lossChart() const { return m_lossChart; }
    // The current state per seller toward the destination, from the last matrix answer.
    std::optional<proto::QualityState> sellerState(MemberId seller) const;
    QString statusText() const;
    bool isLoading() const { return m_seriesRequest != 0 || m_stateRequest != 0; }

    // Writes both charts, as shown, to a PNG file; false with *error set when it cannot.
    bool exportPng(const QString &file, QString *error = nullptr) const;

public slots:
    // Asks the exchange for the series (and the sellers' current states) again.
    void refresh();
    void exportPngInteractive();

signals:
    void loaded();
    void failed(const QString &message);
    void limitsChanged(const bwx::proto::QualityLimits &limits);

private:
    void onMessage(quint32 requestId, const bwx::proto::Message &message);
    void rebuildChart();
    void rebuildOrderChoices();
    void applyOrderChoice(int index);
    void setStatus(const QString &text, bool error = false);
    void finishIfDone();

    ExchangeClient *m_client = nullptr;
    const MyOrdersModel *m_orders = nullptr;
    QualitySeriesModel *m_model = nullptr;

    QLineEdit *m_destinationEdit = nullptr;
    QComboBox *m_interval = nullptr;
    QComboBox *m_span = nullptr;
    QComboBox *m_limitSource = nullptr;
    QDoubleSpinBox *m_maxLatency = nullptr;
    QDoubleSpinBox *m_maxLoss = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_chartArea = nullptr;
    QChart *m_latencyChart = nullptr;
    QChart *m_lossChart = nullptr;
    QChartView *m_latencyView = nullptr;
    QChartView *m_lossView = nullptr;
    QTableView *m_table = nullptr;

    quint32 m_seriesRequest = 0;
    quint32 m_stateRequest = 0;
    net::Prefix m_requested{};
    Timestamp m_from{};
    Timestamp m_to{};
    QHash<quint32, proto::QualityState> m_states;
    bool m_failed = false;
};

} // namespace bwx::terminal::quality
