#pragma once
// View → Route quality: a window of its own (not a dock, so the saved dock layout is untouched)
// with the chart and the matrix as tabs. It keeps the sellers' names (QueryMembers) for both,
// hands the chart's limits to the matrix colouring, and opens a matrix cell's destination in
// the chart.
#include <QWidget>
#include <bwx/proto/messages.h>

class QTabWidget;

namespace bwx::terminal {
class ExchangeClient;
class MyOrdersModel;
} // namespace bwx::terminal

namespace bwx::terminal::quality {

class QualityChartView;
class QualityMatrixView;

class QualityWindow : public QWidget
{
    Q_OBJECT

public:
    QualityWindow(ExchangeClient *client, const MyOrdersModel *orders, QWidget *parent = nullptr);

    QualityChartView *chartView() const { return m_chart; }
    QualityMatrixView *matrixView() const { return m_matrix; }
    QTabWidget *tabs() const { return m_tabs; }

public slots:
    void showChart(const bwx::net::Prefix &prefix);
    void showMatrix();
    void requestMemberNames();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onMessage(quint32 requestId, const bwx::proto::Message &message);

    ExchangeClient *m_client = nullptr;
    QTabWidget *m_tabs = nullptr;
    QualityChartView *m_chart = nullptr;
    QualityMatrixView *m_matrix = nullptr;
    quint32 m_membersRequest = 0;
};

} // namespace bwx::terminal::quality
