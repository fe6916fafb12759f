#pragma once
// Settlement in the terminal: pick a billing period, read the member's statement (a line per
// trade and the totals), export the server's CSV or PDF document of it, and see the usage of
// the selected trade as a chart — measured rates against the traded capacity and the 95th
// percentile it is billed on.
#include <QWidget>
#include <bwx/proto/messages.h>
#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace bwx::terminal::settlement {

class SettlementRequests;
class StatementModel;
class UsageChartView;
class UsageSeriesModel;
struct BillingMonth;

class StatementsView : public QWidget
{
    Q_OBJECT

public:
    // `clock`: the exchange's time (the period list ends with its current month).
    StatementsView(SettlementRequests *requests, std::function<bwx::Timestamp()> clock,
                   QWidget *parent = nullptr);

    StatementModel *statementModel() const { return m_statement; }
    UsageSeriesModel *usageModel() const { return m_usage; }
    UsageChartView *chartView() const { return m_chart; }
    QTableView *table() const { return m_table; }
    QComboBox *periodBox() const { return m_period; }
    QLabel *totalsLabel() const { return m_totals; }
    QLabel *messageLabel() const { return m_message; }

    // The months offered, newest first, ending with the exchange's current month.
    void refreshPeriods();
    bwx::Timestamp selectedPeriodStart() const;
    bool selectPeriod(bwx::Timestamp periodStart);
    // Asks the server for the document of the shown period and writes its bytes to `fileName`
    // as they arrive; exported or exportFailed tells the outcome.
    bool exportTo(bwx::proto::DocumentFormat format, const QString &fileName);

public slots:
    void reload();
    // Asks for a file name, then exports.
    void exportCsv();
    void exportPdf();
    void showUsageOfRow(int row);

signals:
    void exported(const QString &fileName);
    void exportFailed(const QString &message);

private:
    void exportWithDialog(bwx::proto::DocumentFormat format);
    void onStatement(const bwx::proto::Statement &statement);
    void onDocument(const bwx::proto::Document &document, bwx::proto::DocumentFormat format);
    void onUsage(const bwx::proto::UsageSeries &series, bwx::Timestamp from, bwx::Timestamp to);
    void showMessage(const QString &text, bool error);
    void updateButtons();

    SettlementRequests *m_requests;
    std::function<bwx::Timestamp()> m_clock;
    StatementModel *m_statement;
    UsageSeriesModel *m_usage;
    QSortFilterProxyModel *m_proxy;
    QComboBox *m_period = nullptr;
    QPushButton *m_reload = nullptr;
    QPushButton *m_exportCsv = nullptr;
    QPushButton *m_exportPdf = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_totals = nullptr;
    QLabel *m_usageSummary = nullptr;
    QLabel *m_message = nullptr;
    UsageChartView *m_chart = nullptr;
    QSplitter *m_splitter = nullptr;
    QString m_exportPath;
    bwx::proto::DocumentFormat m_exportFormat = bwx::proto::DocumentFormat::Csv;
};

} // namespace bwx::terminal::settlement
